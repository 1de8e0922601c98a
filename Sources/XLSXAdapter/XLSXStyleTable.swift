import SheetKit
import XMLPackage

/// The cell formats a written workbook uses, deduplicated: one `xf` per (number format, bold, fill).
/// Writes `xl/styles.xml`, the one writer of that part.
final class XLSXStyleTable {
    struct Key: Hashable {
        var numberFormat: String?
        var bold: Bool
        var fill: String?
    }

    private(set) var keys: [Key] = [Key(numberFormat: nil, bold: false, fill: nil)]
    private var index: [Key: Int] = [Key(numberFormat: nil, bold: false, fill: nil): 0]

    /// The `s` index for a format.
    func xf(_ key: Key) -> Int {
        if let i = index[key] { return i }
        keys.append(key)
        index[key] = keys.count - 1
        return keys.count - 1
    }

    /// Built-in number format ids (ECMA-376 §18.8.30) for the codes they stand for.
    static let builtins: [String: Int] = [
        "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11,
        "d/m/yyyy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19,
        "h:mm": 20, "h:mm:ss": 21, "m/d/yy h:mm": 22, "mm:ss": 45, "[h]:mm:ss": 46, "mmss.0": 47, "@": 49,
    ]

    func write(to xml: XMLTextWriter) throws {
        var customFormats: [String] = []
        var formatIDs: [String: Int] = [:]
        for key in keys {
            guard let code = key.numberFormat, Self.builtins[code] == nil, formatIDs[code] == nil else { continue }
            formatIDs[code] = 164 + customFormats.count
            customFormats.append(code)
        }
        var fills: [String] = []
        var fillIDs: [String: Int] = [:]
        for key in keys {
            guard let fill = key.fill, fillIDs[fill] == nil else { continue }
            fillIDs[fill] = 2 + fills.count
            fills.append(fill)
        }
        try xml.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        try xml.raw(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if !customFormats.isEmpty {
            try xml.raw("<numFmts count=\"\(customFormats.count)\">")
            for code in customFormats {
                try xml.raw("<numFmt numFmtId=\"\(formatIDs[code] ?? 0)\" formatCode=\"")
                try xml.attribute(code)
                try xml.raw("\"/>")
            }
            try xml.raw("</numFmts>")
        }
        let font = #"<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>"#
        try xml.raw("<fonts count=\"2\"><font>\(font)</font><font><b/>\(font)</font></fonts>")
        try xml.raw("<fills count=\"\(2 + fills.count)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for rgb in fills {
            try xml.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(rgb)\"/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        try xml.raw("</fills>")
        try xml.raw(#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#)
        try xml.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        try xml.raw("<cellXfs count=\"\(keys.count)\">")
        for key in keys {
            let numFmt = key.numberFormat.map { Self.builtins[$0] ?? formatIDs[$0] ?? 0 } ?? 0
            let fill = key.fill.flatMap { fillIDs[$0] } ?? 0
            var attributes = "numFmtId=\"\(numFmt)\" fontId=\"\(key.bold ? 1 : 0)\" fillId=\"\(fill)\" borderId=\"0\" xfId=\"0\""
            if numFmt != 0 { attributes += " applyNumberFormat=\"1\"" }
            if key.bold { attributes += " applyFont=\"1\"" }
            if fill != 0 { attributes += " applyFill=\"1\"" }
            try xml.raw("<xf \(attributes)/>")
        }
        try xml.raw("</cellXfs>")
        try xml.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        try xml.raw(#"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>"#)
        try xml.raw("</styleSheet>")
    }
}
