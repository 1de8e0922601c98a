import XMLPackage

/// Writes a cell's text as OpenDocument paragraphs: one `text:p` per line, runs of spaces that XML
/// whitespace rules would collapse as `text:s text:c`, tabs and carriage returns as character
/// references (`&#9;`, `&#13;`). Other control characters, which XML 1.0 cannot hold, are dropped.
///
/// A tab is not written as `text:tab`: LibreOffice 7.4 (exporting the cell) and python-calamine 0.9
/// both lose that element in cell text, while both keep a tab character (checked by `.ci/interop.py`).
enum ODSText {
    /// Writes `text` as `text:p` elements.
    static func write(_ text: String, to xml: XMLTextWriter) throws {
        if isPlain(text) {
            try xml.raw("<text:p>")
            try xml.text(text)
            try xml.raw("</text:p>")
            return
        }
        // Split on the byte: "\r\n" is one Character to String, and its "\r" must stay.
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            try paragraph(Array(line), to: xml)
        }
    }

    /// Whether the text needs none of the special treatment: no control characters, no leading,
    /// trailing or doubled space.
    static func isPlain(_ text: String) -> Bool {
        var plain = true
        var s = text
        s.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return }
            if first == 0x20 || last == 0x20 { plain = false; return }
            var previousSpace = false
            for b in bytes {
                if b < 0x20 || (b == 0x20 && previousSpace) { plain = false; return }
                previousSpace = b == 0x20
            }
        }
        return plain
    }

    static func paragraph(_ bytes: [UInt8], to xml: XMLTextWriter) throws {
        guard !bytes.isEmpty else {
            try xml.raw("<text:p/>")
            return
        }
        try xml.raw("<text:p>")
        var segment: [UInt8] = []
        func flush() throws {
            guard !segment.isEmpty else { return }
            try xml.text(String(decoding: segment, as: UTF8.self))
            segment.removeAll(keepingCapacity: true)
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 {
                var j = i
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                let run = j - i
                if i > 0, j < bytes.count {
                    segment.append(0x20)
                    if run > 1 {
                        try flush()
                        try xml.raw(run == 2 ? "<text:s/>" : "<text:s text:c=\"\(run - 1)\"/>")
                    }
                } else {
                    try flush()
                    try xml.raw(run == 1 ? "<text:s/>" : "<text:s text:c=\"\(run)\"/>")
                }
                i = j
                continue
            }
            if b < 0x20 {
                try flush()
                if b == 0x09 { try xml.raw("&#9;") } else if b == 0x0D { try xml.raw("&#13;") }
            } else {
                segment.append(b)
            }
            i += 1
        }
        try flush()
        try xml.raw("</text:p>")
    }
}
