import SheetKit
import XMLPackage

extension ODSWriter {
    /// The kind of value that needs a data style even without a number format.
    enum DefaultKind: Hashable {
        case none, date, dateTime, time, duration, boolean

        init(_ value: CellValue) {
            switch value {
            case .date: self = .date
            case .dateTime: self = .dateTime
            case .time: self = .time
            case .duration: self = .duration
            case .bool: self = .boolean
            default: self = .none
            }
        }

        /// The format code a value of this kind gets when its cell has none.
        var format: ODSNumberFormat? {
            switch self {
            case .none: return nil
            case .date: return ODSNumberFormat.translate("yyyy-mm-dd")
            case .dateTime: return ODSNumberFormat.translate("yyyy-mm-dd hh:mm:ss")
            case .time: return ODSNumberFormat.translate("hh:mm:ss")
            case .duration: return ODSNumberFormat.translate("[h]:mm:ss")
            case .boolean: return .boolean
            }
        }
    }

    /// A cell's style and value kind, the key of the style cache.
    struct StyleKey: Hashable {
        var style: CellStyle?
        var kind: DefaultKind
        /// Which of the sheet's cell-comparison formats cover the cell (bit i: rule i).
        var conditions: UInt64 = 0
        /// The sheet the conditions belong to (0 without conditions).
        var sheet = 0
    }

    /// What the writer needs of a cell style: its name and what its data style says of numbers.
    ///
    /// A class, so that handing it around per cell costs one retain rather than one per string.
    final class ResolvedStyle {
        /// ` table:style-name="ce1"`, or empty for the default style.
        let attribute: String
        /// The `office:value-type` of a number cell (`float`, `percentage`, `currency`).
        let numberType: String
        /// The start of a plain cell (no formula, no span) holding a number, up to its value.
        let numberStart: String
        /// The same for a date, up to its `office:date-value`.
        let dateStart: String
        /// The same for text, up to its first paragraph's content.
        let textStart: String

        init(attribute: String, numberType: String) {
            self.attribute = attribute
            self.numberType = numberType
            numberStart = "<table:table-cell" + attribute + numberType + " office:value=\""
            dateStart = "<table:table-cell" + attribute + " office:value-type=\"date\" office:date-value=\""
            textStart = "<table:table-cell" + attribute + " office:value-type=\"string\">"
        }
    }

    /// The style of a cell, translated and registered on first use.
    func resolve(_ style: CellStyle?, _ kind: DefaultKind, conditions: UInt64 = 0) -> ResolvedStyle {
        if let last = lastStyle, last.style === style, last.kind == kind, last.conditions == conditions { return last.resolved }
        let key = StyleKey(style: style, kind: kind, conditions: conditions, sheet: conditions == 0 ? 0 : sheets.count)
        if let cached = styleCache[key] {
            lastStyle = (style, kind, conditions, cached)
            return cached
        }
        var format = style?.numberFormat.flatMap { code -> ODSNumberFormat? in
            if let known = formatCache[code] { return known }
            let translated = ODSNumberFormat.translate(code)
            formatCache[code] = translated
            return translated
        }
        if let needed = kind.format, (format.map { $0.kind == .number || $0.kind == .text || $0.kind == .currency || $0.kind == .percentage } ?? true) {
            format = needed
        }
        if kind == .none, let f = format, f.kind == .boolean { format = nil }
        let name = styles.cellStyle(.init(format: format, bold: style?.bold ?? false, fill: style?.fill, maps: styleMaps(conditions), look: style?.look))
        var numberType = " office:value-type=\"float\""
        switch format?.kind {
        case .percentage?: numberType = " office:value-type=\"percentage\""
        case .currency?: numberType = " office:value-type=\"currency\" office:currency=\"\(format?.currency ?? "EUR")\""
        default: break
        }
        let resolved = ResolvedStyle(attribute: name.map { " table:style-name=\"\($0)\"" } ?? "", numberType: numberType)
        styleCache[key] = resolved
        lastStyle = (style, kind, conditions, resolved)
        return resolved
    }

    /// Writes one cell (or an empty one when `cell` is nil) as element `tag` with `extra` attributes.
    func write(_ cell: Cell?, tag: String, extra: String, row: Int, to xml: XMLTextWriter) throws {
        var extra = extra
        if !sheetValidations.isEmpty, let column = cell?.column,
           let validation = sheetValidations.first(where: { $0.range.contains(CellReference(row: row, column: column)) }) {
            extra += validation.attribute
        }
        guard let cell else {
            try xml.raw("<\(tag)\(extra)/>")
            return
        }
        cellCount += 1
        let style = resolve(cell.style, DefaultKind(cell.value), conditions: cellConditions.isEmpty ? 0 : conditions(row: row, column: cell.column))
        if cell.formula == nil, extra.isEmpty, tag == ODSWriter.cellTag {
            // The common cell, in as few pieces as possible.
            switch cell.value {
            case .number(let d) where d.isFinite:
                try xml.raw(style.numberStart)
                try xml.raw(CellValue.numberText(d))
                try xml.raw("\"/>")
                return
            case .date(let date):
                try xml.raw(style.dateStart)
                try xml.raw(ODSWriter.dateText(date))
                try xml.raw("\"/>")
                return
            case .text(let text) where !text.isEmpty && text.utf8.count <= limits.maxCellLength:
                try xml.raw(style.textStart)
                try ODSText.write(text, to: xml)
                try xml.raw("</table:table-cell>")
                return
            default:
                break
            }
        }
        try xml.raw("<" + tag + style.attribute + extra)
        if let formula = cell.formula {
            guard formula.count <= limits.maxCellLength else {
                throw SheetError.limitExceeded(location(row: row, column: cell.column), limit: "formula length (\(limits.maxCellLength) characters)",
                                               value: "\(formula.count) characters", howToRaise: Limits.howToRaise("cell-length"))
            }
            try xml.raw(" table:formula=\"" + formulaSyntax.prefix)
            try xml.attribute(formula)
            try xml.raw("\"")
        }
        switch cell.value {
        case .empty:
            try xml.raw("/>")
        case .number(let d):
            guard d.isFinite else {
                try xml.raw(" office:value-type=\"string\" calcext:value-type=\"error\"><text:p>#NUM!</text:p></\(tag)>")
                return
            }
            try xml.raw(style.numberType + " office:value=\"" + CellValue.numberText(d) + "\"/>")
        case .bool(let b):
            try xml.raw(b ? " office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
                          : " office:value-type=\"boolean\" office:boolean-value=\"false\"/>")
        case .date(let date):
            try xml.raw(" office:value-type=\"date\" office:date-value=\"" + ODSWriter.dateText(date) + "\"/>")
        case .dateTime(let dt):
            try xml.raw(" office:value-type=\"date\" office:date-value=\"" + ODSWriter.dateText(dt.date) + "T"
                        + ODSWriter.clock(dt.secondsOfDay) + "\"/>")
        case .time(let s), .duration(let s):
            try xml.raw(" office:value-type=\"time\" office:time-value=\"" + ODSWriter.duration(s) + "\"/>")
        case .error(let e):
            try xml.raw(" office:value-type=\"string\" calcext:value-type=\"error\">")
            try ODSText.write(e, to: xml)
            try xml.raw("</\(tag)>")
        case .text(let text):
            guard text.utf8.count <= limits.maxCellLength || text.utf16.count <= limits.maxCellLength else {
                throw SheetError.limitExceeded(location(row: row, column: cell.column), limit: "cell length (\(limits.maxCellLength) characters)",
                                               value: "\(text.utf16.count) characters", howToRaise: Limits.howToRaise("cell-length"))
            }
            if text.isEmpty {
                try xml.raw(cell.formula == nil ? "/>" : " office:value-type=\"string\"/>")
                return
            }
            try xml.raw(" office:value-type=\"string\">")
            try ODSText.write(text, to: xml)
            try xml.raw("</\(tag)>")
        }
    }

    /// `HH:MM:SS` with fractions of a second when there are any (for `office:date-value`).
    static func clock(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        let total = Int(whole)
        let text = pad(total / 3600) + ":" + pad((total / 60) % 60) + ":" + pad(total % 60)
        let fraction = ((seconds - whole) * 1_000_000).rounded()
        guard fraction > 0, fraction < 1_000_000 else { return text }
        var digits = String(Int(fraction))
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return text + "." + digits
    }

    /// An `xsd:duration` of hours, minutes and seconds: `PT34H10M10S`, `-PT1H00M00S`, `PT0H00M01.5S`.
    static func duration(_ seconds: Double) -> String {
        let negative = seconds < 0
        var magnitude = abs(seconds)
        if abs(magnitude - magnitude.rounded()) < 1e-6 { magnitude = magnitude.rounded() }
        let hours = (magnitude / 3600).rounded(.down)
        let minutes = ((magnitude - hours * 3600) / 60).rounded(.down)
        let rest = magnitude - hours * 3600 - minutes * 60
        let secondsText = rest == rest.rounded() ? pad(Int(rest)) : (rest < 10 ? "0" : "") + CellValue.numberText(rest)
        return (negative ? "-" : "") + "PT" + CellValue.numberText(hours) + "H" + pad(Int(minutes)) + "M" + secondsText + "S"
    }

    static let cellTag = "table:table-cell"

    /// The cell-comparison formats that cover a cell, as a bit set over ``cellConditions``.
    func conditions(row: Int, column: Int) -> UInt64 {
        var mask: UInt64 = 0
        let ref = CellReference(row: row, column: column)
        for (i, condition) in cellConditions.enumerated() where condition.range.contains(ref) { mask |= 1 << UInt64(i) }
        return mask
    }

    /// The `style:map` elements of a bit set of conditions.
    func styleMaps(_ conditions: UInt64) -> [String] {
        guard conditions != 0 else { return [] }
        return cellConditions.indices.filter { conditions & (1 << UInt64($0)) != 0 }.map { cellConditions[$0].map }
    }

    /// `YYYY-MM-DD`, built without intermediate strings for years 0–9999 (a small string, no allocation).
    static func dateText(_ date: CivilDate) -> String {
        guard (0...9999).contains(date.year), (1...12).contains(date.month), (1...31).contains(date.day) else {
            return date.description
        }
        return String(unsafeUninitializedCapacity: 10) { b in
            let y = date.year
            b[0] = UInt8(48 + y / 1000); b[1] = UInt8(48 + y / 100 % 10); b[2] = UInt8(48 + y / 10 % 10); b[3] = UInt8(48 + y % 10)
            b[4] = 0x2D
            b[5] = UInt8(48 + date.month / 10); b[6] = UInt8(48 + date.month % 10)
            b[7] = 0x2D
            b[8] = UInt8(48 + date.day / 10); b[9] = UInt8(48 + date.day % 10)
            return 10
        }
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
