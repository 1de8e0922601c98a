import SheetKit
import XMLPackage

/// The XML of a sheet's layout options: cell addresses, `style:map` conditions,
/// `calcext:conditional-formats` (with data bars) and the frozen panes of `settings.xml`.
enum ODSLayoutParts {
    /// A sheet name as an address needs it: quoted with `'` (doubled inside) unless it is a plain word.
    static func sheetPrefix(_ sheet: String) -> String {
        let plain = sheet.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        return plain ? sheet : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// `Sheet1.A1` (a cell address in a table attribute).
    static func address(_ ref: CellReference, sheet: String) -> String {
        sheetPrefix(sheet) + "." + ref.description
    }

    /// `Sheet1.A1:Sheet1.C3`.
    static func address(_ range: CellRange, sheet: String) -> String {
        address(range.first, sheet: sheet) + ":" + address(range.last, sheet: sheet)
    }

    /// The operator of a cell comparison as ODF writes it (`=`, `!=`, `<`, `>`, `<=`, `>=`).
    static func comparison(_ op: String) -> String {
        switch op {
        case "equal", "==": return "="
        case "notEqual", "<>": return "!="
        case "lessThan": return "<"
        case "greaterThan": return ">"
        case "lessThanOrEqual": return "<="
        case "greaterThanOrEqual": return ">="
        default: return op
        }
    }

    /// The `style:map` elements of a layout's cell comparisons (at most 64), each with the range it covers.
    static func styleMaps(_ layout: ODSSheetLayout, sheet: String, styles: ODSStyleTable) -> [(range: CellRange, map: String)] {
        var maps: [(range: CellRange, map: String)] = []
        for format in layout.conditionalFormats where maps.count < 64 {
            let condition: String, highlight: ODSHighlight
            switch format.rule {
            case .cellIs(let op, let value, let h):
                condition = ODSNumberFormat.escape("cell-content()" + comparison(op) + value)
                highlight = h
            case .formula(let expression, let h):
                condition = ODSNumberFormat.escape("is-true-formula(" + expression + ")")
                highlight = h
            case .dataBar:
                continue
            }
            let map = "<style:map style:condition=\"\(condition)\" style:apply-style-name=\"\(styles.highlightStyle(highlight))\""
                + " style:base-cell-address=\"\(ODSNumberFormat.escape(address(format.range.first, sheet: sheet)))\"/>"
            maps.append((format.range, map))
        }
        return maps
    }

    /// `calcext:conditional-formats`, LibreOffice's form of every rule (inside `table:table`, after the rows).
    static func conditionalFormats(_ layout: ODSSheetLayout, sheet: String, styles: ODSStyleTable, to xml: XMLTextWriter) throws {
        guard !layout.conditionalFormats.isEmpty else { return }
        try xml.raw("<calcext:conditional-formats>")
        for format in layout.conditionalFormats {
            try xml.raw("<calcext:conditional-format calcext:target-range-address=\"")
            try xml.attribute(address(format.range, sheet: sheet))
            try xml.raw("\">")
            switch format.rule {
            case .cellIs(let op, let value, let highlight):
                try xml.raw("<calcext:condition calcext:apply-style-name=\"\(styles.highlightStyle(highlight))\" calcext:value=\"")
                try xml.attribute(comparison(op) + value)
                try xml.raw("\" calcext:base-cell-address=\"")
                try xml.attribute(address(format.range.first, sheet: sheet))
                try xml.raw("\"/>")
            case .formula(let expression, let highlight):
                try xml.raw("<calcext:condition calcext:apply-style-name=\"\(styles.highlightStyle(highlight))\" calcext:value=\"")
                try xml.attribute("formula-is(" + expression + ")")
                try xml.raw("\" calcext:base-cell-address=\"")
                try xml.attribute(address(format.range.first, sheet: sheet))
                try xml.raw("\"/>")
            case .dataBar(let minimum, let maximum, let color):
                try xml.raw("<calcext:data-bar calcext:max-length=\"100\" calcext:negative-color=\"#FF0000\" calcext:positive-color=\"#")
                try xml.attribute(color)
                try xml.raw("\" calcext:axis-color=\"#000000\" calcext:gradient=\"false\">")
                try xml.raw("<calcext:formatting-entry calcext:value=\"\(CellValue.numberText(minimum))\" calcext:type=\"number\"/>")
                try xml.raw("<calcext:formatting-entry calcext:value=\"\(CellValue.numberText(maximum))\" calcext:type=\"number\"/>")
                try xml.raw("</calcext:data-bar>")
            }
            try xml.raw("</calcext:conditional-format>")
        }
        try xml.raw("</calcext:conditional-formats>")
    }

    /// `table:content-validations` (inside `office:spreadsheet`, before the first sheet), nothing when
    /// no sheet has a validation: each a list of allowed texts shown as a drop-down.
    static func validations(_ validations: [(name: String, sheet: String, validation: ODSValidation)], to xml: XMLTextWriter) throws {
        guard !validations.isEmpty else { return }
        try xml.raw("<table:content-validations>")
        for (name, sheet, validation) in validations {
            try xml.raw("<table:content-validation table:name=\"\(name)\" table:condition=\"")
            try xml.attribute(validation.condition)
            try xml.raw("\" table:allow-empty-cell=\"true\" table:display-list=\"unsorted\" table:base-cell-address=\"")
            try xml.attribute(address(validation.range.first, sheet: sheet))
            try xml.raw("\"><table:error-message table:display=\"true\" table:message-type=\"\(validation.strict ? "stop" : "warning")\"/>")
            try xml.raw("</table:content-validation>")
        }
        try xml.raw("</table:content-validations>")
    }

    /// The view settings of the sheets with frozen panes (`ooo:view-settings`), nothing when none has.
    static func viewSettings(sheets: [SheetInfo], layouts: [ODSSheetLayout], to xml: XMLTextWriter) throws {
        let frozen = zip(sheets, layouts).filter { $0.1.frozenRows > 0 || $0.1.frozenColumns > 0 }
        guard !frozen.isEmpty else { return }
        func item(_ name: String, _ type: String, _ value: String) throws {
            try xml.raw("<config:config-item config:name=\"\(name)\" config:type=\"\(type)\">\(value)</config:config-item>")
        }
        try xml.raw(#"<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">"#)
        try xml.raw("<config:config-item-map-entry>")
        try item("ViewId", "string", "view1")
        try xml.raw(#"<config:config-item-map-named config:name="Tables">"#)
        for (sheet, layout) in frozen {
            try xml.raw("<config:config-item-map-entry config:name=\"")
            try xml.attribute(sheet.name)
            try xml.raw("\">")
            let columns = layout.frozenColumns, rows = layout.frozenRows
            try item("HorizontalSplitMode", "short", columns > 0 ? "2" : "0")
            try item("VerticalSplitMode", "short", rows > 0 ? "2" : "0")
            try item("HorizontalSplitPosition", "int", String(columns))
            try item("VerticalSplitPosition", "int", String(rows))
            try item("ActiveSplitRange", "short", rows > 0 ? "2" : "3")
            try item("PositionLeft", "int", "0")
            try item("PositionRight", "int", String(columns))
            try item("PositionTop", "int", "0")
            try item("PositionBottom", "int", String(rows))
            try xml.raw("</config:config-item-map-entry>")
        }
        try xml.raw("</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>")
    }
}
