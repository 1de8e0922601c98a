import SheetKit
import XMLPackage

/// The cell styles of a workbook being written, each distinct (data style, bold, fill) once, and the
/// data styles they use, each distinct translation once.
///
/// `content.xml` streams, and its automatic styles must come before the sheets, so cell styles are
/// written at the end as common styles (`ce1`, `ce2`…) in `styles.xml`'s `office:styles`, which
/// cells may name as well (LibreOffice applies them; checked by `.ci/interop.py`).
final class ODSStyleTable {
    /// What makes a cell style.
    struct Key: Hashable {
        var format: ODSNumberFormat?
        var bold: Bool
        /// `RRGGBB`.
        var fill: String?
        /// The `style:map` elements of the conditional formats over the cell, as XML.
        var maps: [String] = []
        /// Font size and colour, borders, alignment.
        var look: CellLook?
    }

    private var dataStyles: [ODSNumberFormat: String] = [:]
    private var dataStyleOrder: [ODSNumberFormat] = []
    private var cellStyles: [Key: String] = [:]
    private var cellStyleOrder: [Key] = []
    private var highlights: [ODSHighlight: String] = [:]
    private var highlightOrder: [ODSHighlight] = []

    /// The name of the common style that a conditional format applies, registered on first use.
    func highlightStyle(_ highlight: ODSHighlight) -> String {
        if let name = highlights[highlight] { return name }
        highlightOrder.append(highlight)
        let name = "Highlight\(highlightOrder.count)"
        highlights[highlight] = name
        return name
    }

    /// The name of the cell style for `key`, registered on first use; nil for the default style.
    func cellStyle(_ key: Key) -> String? {
        if key.format == nil, !key.bold, key.fill == nil, key.maps.isEmpty, key.look == nil { return nil }
        if let name = cellStyles[key] { return name }
        if let format = key.format, dataStyles[format] == nil {
            dataStyleOrder.append(format)
            dataStyles[format] = "N\(dataStyleOrder.count)"
        }
        cellStyleOrder.append(key)
        let name = "ce\(cellStyleOrder.count)"
        cellStyles[key] = name
        return name
    }

    /// Writes the data styles, the `Default` cell style and the registered cell styles (the inside of
    /// `office:styles`).
    func write(to xml: XMLTextWriter) throws {
        for format in dataStyleOrder {
            let name = dataStyles[format] ?? ""
            let truncate = format.kind == .time && format.elapsed ? " number:truncate-on-overflow=\"false\"" : ""
            try xml.raw("<\(format.element) style:name=\"\(name)\"\(truncate)>\(format.body)</\(format.element)>")
        }
        try xml.raw(#"<style:style style:name="Default" style:family="table-cell"/>"#)
        for highlight in highlightOrder {
            try xml.raw("<style:style style:name=\"\(highlights[highlight] ?? "")\" style:family=\"table-cell\" style:parent-style-name=\"Default\">")
            try properties(fill: highlight.fill, bold: highlight.bold, look: CellLook(fontColor: highlight.fontColor), to: xml)
            try xml.raw("</style:style>")
        }
        for key in cellStyleOrder {
            let name = cellStyles[key] ?? ""
            let data = key.format.flatMap { dataStyles[$0] }.map { " style:data-style-name=\"\($0)\"" } ?? ""
            try xml.raw("<style:style style:name=\"\(name)\" style:family=\"table-cell\" style:parent-style-name=\"Default\"\(data)>")
            try properties(fill: key.fill, bold: key.bold, look: key.look, to: xml)
            for map in key.maps { try xml.raw(map) }
            try xml.raw("</style:style>")
        }
    }

    /// The cell, paragraph and text properties of a style.
    private func properties(fill: String?, bold: Bool, look: CellLook?, to xml: XMLTextWriter) throws {
        var cell = ""
        if let fill { cell += " fo:background-color=\"#\(fill)\"" }
        if let look {
            let sides = [("top", look.borderTop), ("bottom", look.borderBottom), ("left", look.borderLeft), ("right", look.borderRight)]
            for (side, line) in sides {
                guard let line else { continue }
                cell += " fo:border-\(side)=\"\(ODSStyleTable.lineWidth(line)) solid #\(look.borderColor)\""
            }
            if look.wrap { cell += " fo:wrap-option=\"wrap\"" }
            if let vertical = look.vertical { cell += " style:vertical-align=\"\(vertical == "center" ? "middle" : vertical)\"" }
            if look.horizontal != nil || look.indent > 0 { cell += " style:text-align-source=\"fix\" style:repeat-content=\"false\"" }
        }
        if !cell.isEmpty { try xml.raw("<style:table-cell-properties\(cell)/>") }
        if let look, look.horizontal != nil || look.indent > 0 {
            var paragraph = " fo:text-align=\"\(ODSStyleTable.textAlign(look.horizontal ?? "left"))\""
            if look.indent > 0 { paragraph += " fo:margin-left=\"\(CellValue.numberText(Double(look.indent) * 0.3))cm\"" }
            try xml.raw("<style:paragraph-properties\(paragraph)/>")
        }
        var text = ""
        if let color = look?.fontColor { text += " fo:color=\"#\(color)\"" }
        if let size = look?.fontSize { text += " fo:font-size=\"\(CellValue.numberText(size))pt\" style:font-size-asian=\"\(CellValue.numberText(size))pt\" style:font-size-complex=\"\(CellValue.numberText(size))pt\"" }
        if look?.italic == true { text += " fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"" }
        if bold { text += #" fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold""# }
        if !text.isEmpty { try xml.raw("<style:text-properties\(text)/>") }
    }

    /// The width of an XLSX line style in ODF (`0.74pt` for thin, as LibreOffice writes it).
    static func lineWidth(_ style: String) -> String {
        switch style {
        case "medium": return "1.76pt"
        case "thick": return "2.49pt"
        case "hair": return "0.05pt"
        default: return "0.74pt"
        }
    }

    /// `start`, `center` or `end` for `left`, `center` or `right`.
    static func textAlign(_ horizontal: String) -> String {
        switch horizontal {
        case "center": return "center"
        case "right": return "end"
        default: return "start"
        }
    }
}
