import SheetKit
import XMLPackage

/// Reads one sheet (`table:table`) of `content.xml` while it inflates, handing each row to the
/// consumer as soon as it ends.
///
/// Repeats are expanded lazily: an empty cell or row only moves the column or row counter forward, so
/// a styled empty row repeated 1,048,576 times across 16,384 columns costs one element. Repeated cells
/// and rows that hold values are real values and are expanded, within ``Limits/maxColumns``,
/// ``Limits/maxRows`` and ``Limits/maxRepeatedCells``.
///
/// Only cells with a value or a formula are handed over; empty cells, whatever their style, are not.
/// Text is collected only for string cells (and error or untyped ones): a number's `text:p` is its
/// displayed form and is skipped.
/// The hot stored properties skip the runtime exclusivity check (`@exclusivity(unchecked)`): they are
/// touched only from this parser's own callbacks, one at a time, on one thread.
final class ODSSheetParser: XMLContentHandler {
    /// The value type of the cell being read (`office:value-type`, `calcext:value-type="error"`).
    private enum ValueType {
        case none, number, percentage, currency, date, time, boolean, string, error, other
    }

    var consumer: (Row) throws -> Void = { _ in }
    @exclusivity(unchecked) private(set) var summary = SheetSummary()
    /// The top-level tables seen after position ``knownTables`` (sheets that the first pass missed).
    private(set) var extraTables: [String] = []

    private let target: Int
    private let knownTables: Int
    private let stopAfterTarget: Bool
    private let nullDate: CivilDate
    private let limits: Limits
    private let file: String
    private let sheet: String
    private let maxTextBytes: Int

    @exclusivity(unchecked) private var tableNesting = 0
    @exclusivity(unchecked) private var tablePosition = -1
    @exclusivity(unchecked) private var active = false
    /// Depth inside an element whose content is not the cell's (annotation, nested table, drawing).
    @exclusivity(unchecked) private var skipDepth = 0

    @exclusivity(unchecked) private var row = Row(index: 0)
    @exclusivity(unchecked) private var nextRow = 0
    @exclusivity(unchecked) private var inRow = false
    @exclusivity(unchecked) private var rowRepeat = 1
    @exclusivity(unchecked) private var nextColumn = 0
    @exclusivity(unchecked) private var repeatedCells: Int64 = 0

    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var cellRepeat = 1
    @exclusivity(unchecked) private var cellType = ValueType.none
    @exclusivity(unchecked) private var cellValue = CellValue.empty
    @exclusivity(unchecked) private var cellFormula: String?
    @exclusivity(unchecked) private var cellStringValue: String?
    @exclusivity(unchecked) private var columnsSpanned = 1
    @exclusivity(unchecked) private var rowsSpanned = 1
    @exclusivity(unchecked) private var captureText = false
    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var paragraphs = 0
    @exclusivity(unchecked) private var paragraphDepth = 0

    private static let percentStyle = CellStyle(numberFormat: "0%")
    private static let currencyStyle = CellStyle(numberFormat: "#,##0.00")
    private static let dateStyle = CellStyle(numberFormat: "yyyy-mm-dd")
    private static let dateTimeStyle = CellStyle(numberFormat: "yyyy-mm-dd hh:mm:ss")
    private static let timeStyle = CellStyle(numberFormat: "hh:mm:ss")
    private static let durationStyle = CellStyle(numberFormat: "[h]:mm:ss")

    /// - Parameters:
    ///   - target: the 0-based position of the sheet among the top-level tables.
    ///   - knownTables: how many sheets the first pass found; tables past them are collected.
    ///   - stopAfterTarget: whether to end the parse when the sheet ends (false: read on to find
    ///     tables the first pass missed).
    init(target: Int, knownTables: Int, stopAfterTarget: Bool, nullDate: CivilDate, limits: Limits,
         file: String, sheet: String) {
        self.target = target
        self.knownTables = knownTables
        self.stopAfterTarget = stopAfterTarget
        self.nullDate = nullDate
        self.limits = limits
        self.file = file
        self.sheet = sheet
        // UTF-8 takes at most 3 bytes per UTF-16 code unit; a longer text is over the limit for sure.
        let (bound, overflow) = limits.maxCellLength.multipliedReportingOverflow(by: 3)
        maxTextBytes = overflow ? Int.max : bound + 16
        text.reserveCapacity(256)
        row.cells.reserveCapacity(64)
    }

    // MARK: - Events

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let namespace = name.namespace
        let local = name.localName
        if inCell {
            if namespace == ODSNamespace.text {
                try startText(local, attributes: attributes)
            } else if namespace == ODSNamespace.draw || (namespace == ODSNamespace.office && local.spells("annotation"))
                        || (namespace == ODSNamespace.table && local.spells("table")) {
                skipDepth = 1
            }
            return
        }
        guard namespace == ODSNamespace.table else { return }
        if active {
            if local.spells("table-cell") || local.spells("covered-table-cell") {
                if inRow { try startCell(attributes) }
            } else if local.spells("table-row") {
                try startRow(attributes)
            } else if local.spells("table") {
                tableNesting += 1
            }
        } else if local.spells("table") {
            tableNesting += 1
            guard tableNesting == 1 else { return }
            tablePosition += 1
            if tablePosition == target {
                active = true
            } else if tablePosition >= knownTables {
                let name = attributes.value(of: "name", in: ODSNamespace.table).map(ODSValueParser.text) ?? "Sheet\(tablePosition + 1)"
                extraTables.append(name)
            }
        }
    }

    func endElement(_ name: XMLName) throws {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        let namespace = name.namespace
        let local = name.localName
        if inCell {
            if namespace == ODSNamespace.text {
                if local.spells("p") || local.spells("h") { paragraphDepth = max(paragraphDepth - 1, 0) }
            } else if namespace == ODSNamespace.table, local.spells("table-cell") || local.spells("covered-table-cell") {
                try finishCell()
            }
            return
        }
        guard namespace == ODSNamespace.table else { return }
        if local.spells("table-row") {
            if active { try finishRow() }
        } else if local.spells("table") {
            tableNesting = max(tableNesting - 1, 0)
            if active, tableNesting == 0 {
                active = false
                if stopAfterTarget { throw ODSStop() }
            }
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard captureText, paragraphDepth > 0, skipDepth == 0 else { return }
        text.append(contentsOf: bytes)
        if text.count > maxTextBytes { throw tooLong(text.count) }
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) throws {
        inRow = true
        rowRepeat = 1
        row.hidden = false
        row.cells.removeAll(keepingCapacity: true)
        nextColumn = 0
        for i in 0..<attributes.count {
            let local = attributes.localName(at: i)
            if local.spells("number-rows-repeated") {
                guard attributes.name(at: i).namespace == ODSNamespace.table else { continue }
                rowRepeat = ODSSheetParser.repeatCount(attributes.value(at: i))
            } else if local.spells("visibility") {
                guard attributes.name(at: i).namespace == ODSNamespace.table else { continue }
                let v = attributes.value(at: i)
                row.hidden = v.spells("collapse") || v.spells("filter")
            }
        }
    }

    private func finishRow() throws {
        guard inRow else { return }
        inRow = false
        let first = nextRow
        nextRow = ODSSheetParser.adding(nextRow, rowRepeat)
        guard !row.cells.isEmpty else { return }
        let (end, overflow) = first.addingReportingOverflow(rowRepeat)
        if overflow || end > limits.maxRows {
            let index = overflow || first >= limits.maxRows ? first : limits.maxRows
            throw SheetError.limitExceeded(location(row: min(first, limits.maxRows), column: nil),
                                           limit: "rows (\(limits.maxRows))",
                                           value: "row \(ODSSheetParser.adding(index, 1))"
                                               + (rowRepeat > 1 ? " (a row repeated \(rowRepeat) times)" : ""),
                                           howToRaise: Limits.howToRaise("rows"))
        }
        if rowRepeat > 1 {
            let (cells, overflow) = Int64(row.cells.count).multipliedReportingOverflow(by: Int64(rowRepeat))
            try countRepeated(overflow ? Int64.max : cells, row: first, column: nil)
        }
        for index in first..<end {
            row.index = index
            summary.count(row)
            try consumer(row)
        }
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) throws {
        inCell = true
        cellRepeat = 1
        cellType = .none
        cellValue = .empty
        cellFormula = nil
        cellStringValue = nil
        columnsSpanned = 1
        rowsSpanned = 1
        paragraphs = 0
        paragraphDepth = 0
        captureText = false
        if !text.isEmpty { text.removeAll(keepingCapacity: true) }
        var error = false
        var typeSeen = false
        var number: Double?
        var dateValue: CellValue?
        var seconds: Double?
        var boolean: Bool?
        // Attributes are told apart by local name among qualified attributes: no other namespace a cell
        // carries reuses these names, except `value-type`, which office:value-type and LibreOffice's
        // calcext:value-type both spell. Both give the same type but for calcext's "error", so only an
        // "error" is resolved by URI. (Resolving each attribute's URI costs a lookup per attribute.)
        for i in 0..<attributes.count where attributes.isQualified(at: i) {
            let local = attributes.localName(at: i)
            guard local.count >= 5, let first = local.first else { continue }
            switch first {
            case UInt8(ascii: "v"):
                if local.spells("value-type") {
                    let v = attributes.value(at: i)
                    if v.spells("error") {
                        if attributes.name(at: i).namespace == ODSNamespace.calcext { error = true }
                    } else if !typeSeen {
                        cellType = ODSSheetParser.valueType(v)
                        typeSeen = true
                    }
                } else if local.spells("value") {
                    number = ODSValueParser.number(attributes.value(at: i))
                }
            case UInt8(ascii: "d"):
                if local.spells("date-value") { dateValue = ODSValueParser.dateValue(attributes.value(at: i)) }
            case UInt8(ascii: "t"):
                if local.spells("time-value") { seconds = ODSValueParser.durationSeconds(attributes.value(at: i)) }
            case UInt8(ascii: "b"):
                if local.spells("boolean-value") { boolean = ODSValueParser.boolean(attributes.value(at: i)) }
            case UInt8(ascii: "s"):
                if local.spells("string-value") {
                    let v = attributes.value(at: i)
                    if v.count > maxTextBytes { throw tooLong(v.count) }
                    cellStringValue = ODSValueParser.text(v)
                }
            case UInt8(ascii: "f"):
                if local.spells("formula") { cellFormula = ODSSheetParser.formulaText(attributes.value(at: i)) }
            case UInt8(ascii: "n"):
                guard local.count > 16 else { continue }
                if local.spells("number-columns-repeated") {
                    cellRepeat = ODSSheetParser.repeatCount(attributes.value(at: i))
                } else if local.spells("number-columns-spanned") {
                    columnsSpanned = ODSSheetParser.repeatCount(attributes.value(at: i))
                } else if local.spells("number-rows-spanned") {
                    rowsSpanned = ODSSheetParser.repeatCount(attributes.value(at: i))
                }
            default:
                continue
            }
        }
        if error { cellType = .error }
        switch cellType {
        case .number, .percentage, .currency:
            if let number { cellValue = .number(number) } else { captureText = true }
        case .date:
            if let dateValue {
                cellValue = dateValue
            } else if let number {
                cellValue = dateFromSerial(number)
            } else {
                captureText = true
            }
        case .time:
            if let seconds {
                cellValue = seconds >= 0 && seconds < 86_400 ? .time(seconds) : .duration(seconds)
            } else if let number {
                cellValue = .duration(number * 86_400)
            } else {
                captureText = true
            }
        case .boolean:
            if let boolean { cellValue = .bool(boolean) } else if let number { cellValue = .bool(number != 0) } else { captureText = true }
        case .string:
            captureText = cellStringValue == nil
        case .none, .error, .other:
            captureText = true
        }
    }

    private func startText(_ local: XMLBytes, attributes: XMLAttributes) throws {
        if local.spells("p") || local.spells("h") {
            if paragraphDepth == 0 {
                if paragraphs > 0, captureText { text.append(0x0A) }
                paragraphs += 1
            }
            paragraphDepth += 1
            return
        }
        guard captureText, paragraphDepth > 0 else {
            if local.spells("note") { skipDepth = 1 }
            return
        }
        if local.spells("s") {
            var count = 1
            if let c = attributes.value(of: "c", in: ODSNamespace.text) {
                count = ODSSheetParser.repeatCount(c)
            }
            if count > maxTextBytes - text.count { throw tooLong(ODSSheetParser.adding(text.count, count)) }
            text.append(contentsOf: repeatElement(0x20, count: count))
        } else if local.spells("tab") {
            text.append(0x09)
        } else if local.spells("line-break") {
            text.append(0x0A)
        } else if local.spells("note") || local.spells("ruby-text") {
            skipDepth = 1
        }
    }

    private func finishCell() throws {
        inCell = false
        let captured = captureText
        captureText = false
        let column = nextColumn
        nextColumn = ODSSheetParser.adding(nextColumn, cellRepeat)
        if columnsSpanned > 1 || rowsSpanned > 1 { try addMerges(column: column) }
        var value = cellValue
        if captured {
            if !text.isEmpty || paragraphs > 0 {
                let string = String(decoding: text, as: UTF8.self)
                try checkLength(string, bytes: text.count, column: column)
                value = cellType == .error ? .error(string) : .text(string)
            }
        } else if let cellStringValue {
            try checkLength(cellStringValue, bytes: cellStringValue.utf8.count, column: column)
            value = .text(cellStringValue)
        }
        if case .text(let s) = value, s.isEmpty, cellFormula == nil { value = .empty }
        if value.isEmpty, cellFormula != nil, cellType == .string { value = .text("") }
        guard !value.isEmpty || cellFormula != nil else { return }
        let (end, overflow) = column.addingReportingOverflow(cellRepeat)
        if overflow || end > limits.maxColumns {
            let first = column >= limits.maxColumns ? column : limits.maxColumns
            throw SheetError.limitExceeded(location(row: nextRow, column: min(column, limits.maxColumns - 1)),
                                           limit: "columns (\(limits.maxColumns))",
                                           value: "column \(ODSSheetParser.adding(first, 1))"
                                               + (cellRepeat > 1 ? " (a cell repeated \(cellRepeat) times)" : ""),
                                           howToRaise: Limits.howToRaise("columns"))
        }
        if cellRepeat > 1 { try countRepeated(Int64(cellRepeat), row: nextRow, column: column) }
        let style = style(of: value)
        if cellRepeat == 1 {
            row.cells.append(Cell(column: column, value: value, formula: cellFormula, style: style))
        } else {
            for c in column..<end { row.cells.append(Cell(column: c, value: value, formula: cellFormula, style: style)) }
        }
    }

    /// The merges of a spanning cell (one per repetition of the cell).
    private func addMerges(column: Int) throws {
        let first = CellReference(row: nextRow, column: column)
        guard nextRow < limits.maxRows, column < limits.maxColumns else { return }
        let lastRow = min(ODSSheetParser.adding(nextRow, rowsSpanned) - 1, limits.maxRows - 1)
        let lastColumn = min(ODSSheetParser.adding(column, columnsSpanned) - 1, limits.maxColumns - 1)
        let copies = min(cellRepeat, max(limits.maxColumns - column, 1))
        if copies > 1 { try countRepeated(Int64(copies), row: nextRow, column: column) }
        for k in 0..<copies {
            guard ODSSheetParser.adding(column, k) < limits.maxColumns else { break }
            summary.merges.append(CellRange(first: CellReference(row: first.row, column: column + k),
                                            last: CellReference(row: lastRow, column: min(ODSSheetParser.adding(lastColumn, k), limits.maxColumns - 1))))
        }
    }

    /// The style a round trip keeps for a typed value: a number format that shows it as it was typed.
    private func style(of value: CellValue) -> CellStyle? {
        switch cellType {
        case .percentage: return ODSSheetParser.percentStyle
        case .currency: return ODSSheetParser.currencyStyle
        case .date:
            if case .dateTime = value { return ODSSheetParser.dateTimeStyle }
            return ODSSheetParser.dateStyle
        case .time:
            if case .duration = value { return ODSSheetParser.durationStyle }
            return ODSSheetParser.timeStyle
        default: return nil
        }
    }

    /// A date cell written as a number of days since the null date.
    private func dateFromSerial(_ days: Double) -> CellValue {
        guard days.isFinite, abs(days) < 3_000_000 else { return .number(days) }
        let whole = days.rounded(.down)
        var seconds = ((days - whole) * 86_400).rounded()
        var day = Int(whole)
        if seconds >= 86_400 {
            day += 1
            seconds -= 86_400
        }
        let date = CivilDate(daysSinceEpoch: nullDate.daysSinceEpoch + day)
        return seconds == 0 ? .date(date) : .dateTime(CivilDateTime(date: date, secondsOfDay: seconds))
    }

    private func countRepeated(_ cells: Int64, row: Int, column: Int?) throws {
        let (total, overflow) = repeatedCells.addingReportingOverflow(cells)
        repeatedCells = overflow ? Int64.max : total
        guard repeatedCells > limits.maxRepeatedCells else { return }
        throw SheetError.limitExceeded(location(row: min(row, limits.maxRows), column: column),
                                       limit: "repeated-cells (\(limits.maxRepeatedCells))",
                                       value: "the cells that repeated rows and columns expand to",
                                       howToRaise: Limits.howToRaise("repeated-cells"))
    }

    private func checkLength(_ text: String, bytes: Int, column: Int) throws {
        guard bytes > limits.maxCellLength else { return }
        let length = text.utf16.count
        guard length > limits.maxCellLength else { return }
        throw SheetError.limitExceeded(location(row: nextRow, column: column),
                                       limit: "cell-length (\(limits.maxCellLength) characters)",
                                       value: "a text of \(length) characters", howToRaise: Limits.howToRaise("cell-length"))
    }

    private func tooLong(_ bytes: Int) -> SheetError {
        SheetError.limitExceeded(location(row: nextRow, column: nextColumn),
                                 limit: "cell-length (\(limits.maxCellLength) characters)",
                                 value: "a text of over \(bytes / 3) characters", howToRaise: Limits.howToRaise("cell-length"))
    }

    private func location(row: Int?, column: Int?) -> SourceLocation {
        SourceLocation.cell(file, sheet: sheet, row: row.map { min($0, CellReference.maxRows * 16) },
                            column: column.map { min(max($0, 0), CellReference.maxColumns * 16) })
    }

    // MARK: - Attribute values

    /// A repeat or span count: at least 1; a count too large to parse is treated as huge.
    static func repeatCount(_ v: XMLBytes) -> Int {
        guard v.count > 0 else { return 1 }
        guard let n = v.decimalValue else {
            // Over 18 digits (or not a number): all digits means "more than any limit".
            for b in v.buffer where b < 48 || b > 57 { return 1 }
            return Int(Int32.max)
        }
        return n < 1 ? 1 : n
    }

    /// `a + b` for non-negative counts, saturating instead of trapping.
    @inline(__always)
    static func adding(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    private static func valueType(_ v: XMLBytes) -> ValueType {
        switch v.first {
        case UInt8(ascii: "f"): return v.spells("float") ? .number : .other
        case UInt8(ascii: "s"): return v.spells("string") ? .string : .other
        case UInt8(ascii: "p"): return v.spells("percentage") ? .percentage : .other
        case UInt8(ascii: "c"): return v.spells("currency") ? .currency : .other
        case UInt8(ascii: "d"): return v.spells("date") ? .date : .other
        case UInt8(ascii: "t"): return v.spells("time") ? .time : .other
        case UInt8(ascii: "b"): return v.spells("boolean") ? .boolean : .other
        default: return .other
        }
    }

    /// The formula as written, without its `of:` namespace prefix and its leading `=`
    /// (`of:=SUM([.A1:.A3])` → `SUM([.A1:.A3])`). Another prefix (`msoxl:=…`) is kept, with its `=`,
    /// so that the syntax stays known.
    static func formulaText(_ v: XMLBytes) -> String? {
        var b = v.buffer[...]
        if b.count >= 3, b[b.startIndex] == UInt8(ascii: "o"), b[b.startIndex + 1] == UInt8(ascii: "f"),
           b[b.startIndex + 2] == UInt8(ascii: ":") {
            b = b.dropFirst(3)
        }
        if b.first == UInt8(ascii: "=") { b = b.dropFirst() }
        guard !b.isEmpty else { return nil }
        let rest = UnsafeBufferPointer(rebasing: b)
        return ODSValueParser.text(XMLBytes(start: rest.baseAddress, count: rest.count))
    }
}

extension XMLBytes {
    /// Whether the bytes spell `text`: ``XMLBytes/equals(_:)``, forced inline, as it runs several times
    /// per element.
    @inline(__always)
    fileprivate func spells(_ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard count == length else { return false }
        guard let start else { return length == 0 }
        let other = text.utf8Start
        var i = 0
        while i < length {
            if start[i] != other[i] { return false }
            i += 1
        }
        return true
    }
}
