import XMLPackage

/// The shared-string table of a written workbook: each distinct text once, with the total use count.
/// Past ``capacity`` distinct texts, new texts are written inline instead, so memory stays bounded
/// however many distinct texts a big table holds. Writes `xl/sharedStrings.xml`, the one writer of that part.
final class XLSXSharedStrings {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    private(set) var count = 0
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// The index of `text`, or nil when the table is full and the text is new (write it inline).
    func index(of text: String) -> Int? {
        if let i = index[text] {
            count += 1
            return i
        }
        guard strings.count < capacity else { return nil }
        strings.append(text)
        index[text] = strings.count - 1
        count += 1
        return strings.count - 1
    }

    func write(to xml: XMLTextWriter) throws {
        try xml.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        try xml.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(count)\" uniqueCount=\"\(strings.count)\">")
        for s in strings {
            try xml.raw(XLSXSharedStrings.needsPreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            try xml.text(OOXMLEscape.encode(s))
            try xml.raw("</t></si>")
        }
        try xml.raw("</sst>")
    }

    /// Leading or trailing white space, or line breaks, must be kept explicitly.
    ///
    /// Called for every text cell written: ASCII ends and the tab or line feed search work on the UTF-8
    /// bytes; only a non-ASCII first or last character asks Unicode's white space property.
    static func needsPreserve(_ s: String) -> Bool {
        var text = s
        let plain: Bool? = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if first >= 0x80 || last >= 0x80 { return nil }
            if isASCIISpace(first) || isASCIISpace(last) { return true }
            for b in bytes where b == 0x0A || b == 0x09 { return true }
            return false
        }
        if let plain { return plain }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace || s.contains("\n") || s.contains("\t")
    }

    @inline(__always)
    private static func isASCIISpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }
}
