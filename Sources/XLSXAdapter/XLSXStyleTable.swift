import SheetKit
import XMLPackage

/// The cell formats a written workbook uses, deduplicated: one `xf` per ``XLSXCellFormat``, and one `dxf` per
/// ``XLSXDifferentialFormat`` of the conditional formats. Writes `xl/styles.xml`, the one writer of that part.
final class XLSXStyleTable {
    typealias Key = XLSXCellFormat

    private(set) var keys: [Key] = [.standard]
    private var index: [Key: Int] = [.standard: 0]
    private(set) var differential: [XLSXDifferentialFormat] = []
    private var differentialIndex: [XLSXDifferentialFormat: Int] = [:]

    /// The `s` index for a format.
    func xf(_ key: Key) -> Int {
        if let i = index[key] { return i }
        keys.append(key)
        index[key] = keys.count - 1
        return keys.count - 1
    }

    /// The `dxfId` for a conditional format's look.
    func dxf(_ format: XLSXDifferentialFormat) -> Int {
        if let i = differentialIndex[format] { return i }
        differential.append(format)
        differentialIndex[format] = differential.count - 1
        return differential.count - 1
    }

    /// Built-in number format ids (ECMA-376 §18.8.30) for the codes they stand for.
    static let builtins: [String: Int] = [
        "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11,
        "d/m/yyyy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19,
        "h:mm": 20, "h:mm:ss": 21, "m/d/yy h:mm": 22, "mm:ss": 45, "[h]:mm:ss": 46, "mmss.0": 47, "@": 49,
    ]

    /// Numbers each distinct value in order of first use, from `first`.
    private static func numbered<T: Hashable>(_ values: [T], from first: Int) -> (list: [T], ids: [T: Int]) {
        var list: [T] = []
        var ids: [T: Int] = [:]
        for value in values where ids[value] == nil {
            ids[value] = first + list.count
            list.append(value)
        }
        return (list, ids)
    }

    func write(to xml: XMLTextWriter) throws {
        let formats = Self.numbered(keys.compactMap { $0.numberFormat.flatMap { Self.builtins[$0] == nil ? $0 : nil } }, from: 164)
        let fonts = Self.numbered([XLSXCellFormat.Font()] + keys.map(\.font), from: 0)
        let fills = Self.numbered(keys.compactMap(\.fill), from: 2)
        let borders = Self.numbered(keys.compactMap(\.border), from: 1)
        try xml.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        try xml.raw(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if !formats.list.isEmpty {
            try xml.raw("<numFmts count=\"\(formats.list.count)\">")
            for code in formats.list {
                try xml.raw("<numFmt numFmtId=\"\(formats.ids[code] ?? 0)\" formatCode=\"")
                try xml.attribute(code)
                try xml.raw("\"/>")
            }
            try xml.raw("</numFmts>")
        }
        try xml.raw("<fonts count=\"\(fonts.list.count)\">")
        for font in fonts.list { try xml.raw("<font>\(Self.fontBody(font))</font>") }
        try xml.raw("</fonts>")
        try xml.raw("<fills count=\"\(2 + fills.list.count)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for rgb in fills.list {
            try xml.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(rgb)\"/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        try xml.raw("</fills>")
        try xml.raw("<borders count=\"\(1 + borders.list.count)\"><border><left/><right/><top/><bottom/><diagonal/></border>")
        for border in borders.list {
            try xml.raw("<border>")
            for (side, style) in [("left", border.left), ("right", border.right), ("top", border.top), ("bottom", border.bottom)] {
                if let style {
                    try xml.raw("<\(side) style=\"\(style)\"><color rgb=\"FF\(border.color)\"/></\(side)>")
                } else {
                    try xml.raw("<\(side)/>")
                }
            }
            try xml.raw("<diagonal/></border>")
        }
        try xml.raw("</borders>")
        try xml.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        try xml.raw("<cellXfs count=\"\(keys.count)\">")
        for key in keys {
            let numFmt = key.numberFormat.map { Self.builtins[$0] ?? formats.ids[$0] ?? 0 } ?? 0
            let font = fonts.ids[key.font] ?? 0
            let fill = key.fill.flatMap { fills.ids[$0] } ?? 0
            let border = key.border.flatMap { borders.ids[$0] } ?? 0
            var attributes = "numFmtId=\"\(numFmt)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
            if numFmt != 0 { attributes += " applyNumberFormat=\"1\"" }
            if font != 0 { attributes += " applyFont=\"1\"" }
            if fill != 0 { attributes += " applyFill=\"1\"" }
            if border != 0 { attributes += " applyBorder=\"1\"" }
            if let alignment = key.alignment {
                try xml.raw("<xf \(attributes) applyAlignment=\"1\">\(Self.alignment(alignment))</xf>")
            } else {
                try xml.raw("<xf \(attributes)/>")
            }
        }
        try xml.raw("</cellXfs>")
        try xml.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        if differential.isEmpty {
            try xml.raw(#"<dxfs count="0"/>"#)
        } else {
            try xml.raw("<dxfs count=\"\(differential.count)\">")
            for d in differential {
                try xml.raw("<dxf>")
                if d.bold || d.fontColor != nil {
                    try xml.raw("<font>\(d.bold ? "<b/>" : "")\(d.fontColor.map { "<color rgb=\"FF\($0)\"/>" } ?? "")</font>")
                }
                if let fill = d.fill {
                    try xml.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(fill)\"/><bgColor rgb=\"FF\(fill)\"/></patternFill></fill>")
                }
                try xml.raw("</dxf>")
            }
            try xml.raw("</dxfs>")
        }
        try xml.raw(#"<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>"#)
        try xml.raw("</styleSheet>")
    }

    /// The children of `<font>` in CT_Font order: b, i, sz, color, name, family, scheme.
    static func fontBody(_ font: XLSXCellFormat.Font) -> String {
        var body = font.bold ? "<b/>" : ""
        if font.italic { body += "<i/>" }
        body += "<sz val=\"\(CellValue.numberText(font.size))\"/>"
        body += font.color.map { "<color rgb=\"FF\($0)\"/>" } ?? "<color theme=\"1\"/>"
        return body + #"<name val="Calibri"/><family val="2"/><scheme val="minor"/>"#
    }

    static func alignment(_ a: XLSXCellFormat.Alignment) -> String {
        var attributes = ""
        if let h = a.horizontal { attributes += " horizontal=\"\(h)\"" }
        if let v = a.vertical { attributes += " vertical=\"\(v)\"" }
        if a.indent > 0 { attributes += " indent=\"\(a.indent)\"" }
        if a.wrap { attributes += " wrapText=\"1\"" }
        return "<alignment\(attributes)/>"
    }
}
