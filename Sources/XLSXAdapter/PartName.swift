/// Part names inside an OPC package: resolving relationship targets and finding a part's `.rels`.
enum PartName {
    /// The part a relationship target points to, as a ZIP entry name (no leading `/`).
    ///
    /// - Parameters:
    ///   - target: the `Target` attribute: absolute (`/xl/worksheets/sheet1.xml`) or relative to the
    ///     source part's folder (`worksheets/sheet1.xml`, `../media/image1.png`).
    ///   - source: the part that holds the relationship (`xl/workbook.xml`; "" for the package).
    static func resolve(_ target: String, relativeTo source: String) -> String {
        var target = target
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        target = target.replacingBackslashes()
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// `%20`-style escapes decoded (some writers escape spaces in targets).
    static func percentDecoded(_ name: String) -> String? {
        guard name.contains("%") else { return nil }
        var bytes: [UInt8] = []
        var utf8 = Array(name.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let hi = hexValue(utf8[utf8.startIndex]), let lo = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                utf8.removeFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
