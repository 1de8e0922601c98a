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
        if key.format == nil, !key.bold, key.fill == nil, key.maps.isEmpty { return nil }
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
            try properties(fill: highlight.fill, bold: highlight.bold, fontColor: highlight.fontColor, to: xml)
            try xml.raw("</style:style>")
        }
        for key in cellStyleOrder {
            let name = cellStyles[key] ?? ""
            let data = key.format.flatMap { dataStyles[$0] }.map { " style:data-style-name=\"\($0)\"" } ?? ""
            try xml.raw("<style:style style:name=\"\(name)\" style:family=\"table-cell\" style:parent-style-name=\"Default\"\(data)>")
            try properties(fill: key.fill, bold: key.bold, fontColor: nil, to: xml)
            for map in key.maps { try xml.raw(map) }
            try xml.raw("</style:style>")
        }
    }

    /// The cell and text properties of a style.
    private func properties(fill: String?, bold: Bool, fontColor: String?, to xml: XMLTextWriter) throws {
        if let fill {
            try xml.raw("<style:table-cell-properties fo:background-color=\"#")
            try xml.attribute(fill)
            try xml.raw("\"/>")
        }
        guard bold || fontColor != nil else { return }
        try xml.raw("<style:text-properties")
        if let fontColor {
            try xml.raw(" fo:color=\"#")
            try xml.attribute(fontColor)
            try xml.raw("\"")
        }
        if bold { try xml.raw(#" fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold""#) }
        try xml.raw("/>")
    }
}
