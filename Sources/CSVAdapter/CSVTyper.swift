import SheetKit

/// Types CSV fields for XLSX/ODS output: a field that is a number or a date in its column's locale
/// becomes one; everything else stays text, exactly as ``CSVTyping/text`` reads it.
///
/// Conservative on purpose: `0012`, more than 15 digits (IBAN, EAN), a leading `+` (phone numbers),
/// surrounding spaces, `TRUE`/`FALSE` and dates before 1900 stay text.
struct CSVTyper {
    /// The locale of each column, decided by ``sniff(rows:delimiter:file:)``; columns past the end
    /// use ``fallback``.
    private(set) var columns: [NumberLocale] = []
    private(set) var fallback: NumberLocale

    /// A typer that reads every column in `locale`.
    init(locale: NumberLocale) {
        fallback = locale
    }

    /// The typed value of a field, or nil when it stays text.
    @inline(__always)
    func value(_ bytes: UnsafeRawBufferPointer, column: Int) -> CellValue? {
        guard let first = bytes.first else { return nil }
        guard first &- 48 < 10 || first == UInt8(ascii: "-") || first == 0xE2 else { return nil }
        let locale = column < columns.count ? columns[column] : fallback
        return CSVTyper.value(bytes.bindMemory(to: UInt8.self), locale: locale)
    }

    static func value(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> CellValue? {
        if let number = number(bytes, locale: locale) { return .number(number) }
        guard let first = bytes.first, first &- 48 < 10, let date = locale.parseDate(utf8: bytes) else { return nil }
        switch date {
        case .date(let d) where d.year >= 1900: return date
        case .dateTime(let dt) where dt.date.year >= 1900: return date
        case .time: return date
        default: return nil
        }
    }

    /// The number the bytes write in `locale`, when the text is plainly meant as one.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, locale: NumberLocale) -> Double? {
        guard let n = locale.scanNumber(bytes), !n.hasPlusSign, !n.hasLeadingZero, n.integerDigits > 0, n.digitCount <= 15
        else { return nil }
        return n.value
    }

    /// Types the text cells of a row read as text.
    func retype(_ row: inout Row) {
        for k in row.cells.indices {
            guard case .text(var s) = row.cells[k].value else { continue }
            let column = row.cells[k].column
            if let v = s.withUTF8({ value(UnsafeRawBufferPointer($0), column: column) }) { row.cells[k].value = v }
        }
    }

    /// What the sampled values of one column say about its locale.
    struct Evidence {
        var decimalComma = 0
        var decimalPoint = 0
        /// Values read differently with a decimal comma and point (`1.200`, `1,200`).
        var ambiguous = 0
        var example: String?
        var dayFirst = 0
        var monthFirst = 0

        mutating func add(_ other: Evidence) {
            decimalComma += other.decimalComma
            decimalPoint += other.decimalPoint
            dayFirst += other.dayFirst
            monthFirst += other.monthFirst
        }
    }

    /// Decides each column's locale from the first rows: `7,2` proves a decimal comma, `1,200.50` or
    /// `7.25` a decimal point; a column without proof follows the rest of the file, then the
    /// delimiter (`;` suggests a decimal comma), else a decimal point. Dates are day first unless
    /// the values prove otherwise (`06/30/2026`).
    ///
    /// - Returns: the typer, and a warning for each column whose values were ambiguous with no proof
    ///   in the file (decided by the delimiter or by default).
    static func sniff(rows: [Row], delimiter: UInt8, file: String) -> (CSVTyper, [Diagnostic]) {
        var evidence: [Evidence] = []
        let comma = NumberLocale.decimalComma, point = NumberLocale.decimalPoint
        let dayFirst = NumberLocale.decimalPoint, monthFirst = NumberLocale.decimalPoint.with(dateOrder: .monthDayYear)
        for row in rows {
            for cell in row.cells {
                guard case .text(var s) = cell.value else { continue }
                if evidence.count <= cell.column {
                    evidence.append(contentsOf: repeatElement(Evidence(), count: cell.column + 1 - evidence.count))
                }
                s.withUTF8 { bytes in
                    guard let first = bytes.first, first &- 48 < 10 || first == UInt8(ascii: "-") else { return }
                    let c = number(bytes, locale: comma), p = number(bytes, locale: point)
                    switch (c, p) {
                    case (_?, nil): evidence[cell.column].decimalComma += 1
                    case (nil, _?): evidence[cell.column].decimalPoint += 1
                    case (let x?, let y?) where x != y:
                        evidence[cell.column].ambiguous += 1
                        if evidence[cell.column].example == nil { evidence[cell.column].example = String(decoding: bytes, as: UTF8.self) }
                    default:
                        switch (dayFirst.parseDate(utf8: bytes), monthFirst.parseDate(utf8: bytes)) {
                        case (_?, nil): evidence[cell.column].dayFirst += 1
                        case (nil, _?): evidence[cell.column].monthFirst += 1
                        default: break
                        }
                    }
                }
            }
        }
        var total = Evidence()
        for e in evidence { total.add(e) }
        let fileComma: Bool? = total.decimalComma == total.decimalPoint ? nil : total.decimalComma > total.decimalPoint
        let fileMonthFirst = total.monthFirst > total.dayFirst
        var typer = CSVTyper(locale: (fileComma ?? (delimiter == UInt8(ascii: ";"))) ? comma : point)
        if fileMonthFirst { typer.fallback = typer.fallback.with(dateOrder: .monthDayYear) }
        var warnings: [Diagnostic] = []
        for (column, e) in evidence.enumerated() {
            let usesComma: Bool
            var reason: String?
            if e.decimalComma != e.decimalPoint {
                usesComma = e.decimalComma > e.decimalPoint
            } else if let fileComma {
                usesComma = fileComma
            } else {
                usesComma = delimiter == UInt8(ascii: ";")
                reason = usesComma ? "as the ; delimiter suggests" : "by default"
            }
            var locale = usesComma ? comma : point
            let monthFirstColumn = e.monthFirst != e.dayFirst ? e.monthFirst > e.dayFirst : fileMonthFirst
            if monthFirstColumn { locale = locale.with(dateOrder: .monthDayYear) }
            typer.columns.append(locale)
            if let reason, e.ambiguous > 0, let example = e.example {
                var copy = example
                let read = copy.withUTF8 { number($0, locale: locale) }.map(CellValue.numberText) ?? example
                warnings.append(Diagnostic(.warning, SourceLocation(file: file),
                    "column \(CellReference.columnName(column)): \"\(example)\" reads differently with a decimal comma or point; "
                        + "read with a decimal \(usesComma ? "comma" : "point") (\(read)) \(reason); pass --locale to choose"))
            }
        }
        return (typer, warnings)
    }
}
