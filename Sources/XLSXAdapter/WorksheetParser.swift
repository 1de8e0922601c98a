import SheetKit
import XMLPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one worksheet part while it inflates, handing each `<row>` to the consumer as soon as it ends.
///
/// The hot path works on bytes: element names are compared in place, cell values are collected into
/// reused buffers, numbers are parsed from bytes, and the row buffer is reused from row to row.
/// The parser's state is only touched by libxml2's callbacks on one thread, never reentrantly, so its
/// properties opt out of dynamic exclusivity checks (`@exclusivity(unchecked)`), which cost more than
/// the parsing itself.
final class WorksheetParser: XMLContentHandler {
    /// The `t` attribute of a cell.
    private enum CellType {
        case number, sharedString, formulaString, bool, error, inlineString, isoDate
    }

    /// Which text the parser is collecting.
    private enum Capture {
        case none, value, formula
    }

    /// A shared formula's master: its text and where it was written.
    private struct SharedFormula {
        var text: String
        var row: Int
        var column: Int
    }

    @exclusivity(unchecked) var consumer: (Row) throws -> Void = { _ in }
    @exclusivity(unchecked) private(set) var summary = SheetSummary()

    private let sharedStrings: [String]
    private let formats: [StylesParser.Format]
    private let dateSystem: DateSystem
    private let limits: Limits
    private let file: String
    private let sheet: String
    private let part: String

    @exclusivity(unchecked) private var row = Row(index: 0)
    @exclusivity(unchecked) private var inRow = false
    @exclusivity(unchecked) private var rowHasIndex = false
    @exclusivity(unchecked) private var lastRowIndex = -1
    @exclusivity(unchecked) private var rowsSorted = true

    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var cellType = CellType.number
    @exclusivity(unchecked) private var cellFormat = 0
    @exclusivity(unchecked) private var column = -1
    @exclusivity(unchecked) private var capture = Capture.none
    @exclusivity(unchecked) private var value: [UInt8] = []
    @exclusivity(unchecked) private var hasValue = false
    @exclusivity(unchecked) private var formula: [UInt8] = []
    @exclusivity(unchecked) private var hasFormula = false
    @exclusivity(unchecked) private var formulaSharedIndex: Int?
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var inline = RichTextCollector()
    @exclusivity(unchecked) private var sharedFormulas: [Int: SharedFormula] = [:]
    private let maxTextBytes: Int

    init(sharedStrings: [String], formats: [StylesParser.Format], dateSystem: DateSystem, limits: Limits,
         file: String, sheet: String, part: String) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.dateSystem = dateSystem
        self.limits = limits
        self.file = file
        self.sheet = sheet
        self.part = part
        // UTF-8 takes at most 3 bytes per UTF-16 code unit; a longer text is over the limit for sure.
        let (bound, overflow) = limits.maxCellLength.multipliedReportingOverflow(by: 3)
        maxTextBytes = overflow ? Int.max : bound + 16
        value.reserveCapacity(64)
        formula.reserveCapacity(64)
        row.cells.reserveCapacity(64)
    }

    // MARK: - Events

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.namespace == OOXMLNamespace.main else { return }
        let local = name.localName
        if inCell {
            if inInline {
                inline.start(local, attributes: attributes)
            } else if local.equals("v") {
                capture = .value
                hasValue = true
                if !value.isEmpty { value.removeAll(keepingCapacity: true) }
            } else if local.equals("f") {
                capture = .formula
                hasFormula = true
                formula.removeAll(keepingCapacity: true)
                formulaSharedIndex = nil
                if attributes["t"]?.equals("shared") ?? false { formulaSharedIndex = attributes["si"]?.decimalValue }
            } else if local.equals("is") {
                inInline = true
                inline.reset()
            }
        } else if local.equals("c") {
            if inRow { try startCell(attributes) }
        } else if local.equals("row") {
            try startRow(attributes)
        } else if local.equals("mergeCell") {
            if let ref = attributes["ref"]?.string, let range = CellRange(ref) {
                summary.merges.append(range)
            }
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == OOXMLNamespace.main else { return }
        let local = name.localName
        if inCell {
            if inInline {
                if local.equals("is") { inInline = false } else { inline.end(local) }
            } else if local.equals("c") {
                try finishCell()
            } else {
                capture = .none
            }
        } else if local.equals("row") {
            try finishRow()
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
        switch capture {
        case .value:
            value.append(contentsOf: text)
            if value.count > maxTextBytes { throw tooLong(value.count) }
        case .formula:
            formula.append(contentsOf: text)
            if formula.count > maxTextBytes { throw tooLong(formula.count) }
        case .none:
            if inInline {
                inline.characters(text)
                if inline.bytes.count > maxTextBytes { throw tooLong(inline.bytes.count) }
            }
        }
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) throws {
        var index: Int?
        var hidden = false
        for i in 0..<attributes.count where !attributes.isQualified(at: i) {
            let name = attributes.localName(at: i)
            if name.equals("r") {
                guard let r = attributes.value(at: i).decimalValue, r >= 1 else {
                    throw SheetError.malformed(location(row: nil, column: nil),
                                               "\(part): row number \"\(attributes.value(at: i).string)\" is not valid")
                }
                index = r - 1
            } else if name.equals("hidden") {
                let v = attributes.value(at: i)
                hidden = v.equals("1") || v.equals("true")
            }
        }
        inRow = true
        rowHasIndex = index != nil
        try setRowIndex(index ?? lastRowIndex + 1)
        row.hidden = hidden
        column = -1
        rowsSorted = true
    }

    private func setRowIndex(_ index: Int) throws {
        if index >= CellReference.maxRows && index >= limits.maxRows {
            throw SheetError.malformed(location(row: nil, column: nil),
                                       "\(part): row \(index + 1) is beyond Excel's last row \(CellReference.maxRows)")
        }
        if index >= limits.maxRows {
            throw SheetError.limitExceeded(location(row: index, column: nil), limit: "rows (\(limits.maxRows))",
                                           value: "row \(index + 1)", howToRaise: Limits.howToRaise("rows"))
        }
        if index <= lastRowIndex {
            throw SheetError.malformed(location(row: index, column: nil),
                                       "\(part): row \(index + 1) comes after row \(lastRowIndex + 1); rows must be in ascending order")
        }
        row.index = index
    }

    private func finishRow() throws {
        guard inRow else { return }
        inRow = false
        if !rowsSorted { row.cells.sort { $0.column < $1.column } }
        if !row.cells.isEmpty || row.hidden {
            summary.count(row)
            try consumer(row)
        }
        lastRowIndex = row.index
        row.cells.removeAll(keepingCapacity: true)
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) throws {
        inCell = true
        cellType = .number
        cellFormat = 0
        hasValue = false
        hasFormula = false
        inInline = false
        capture = .none
        if !value.isEmpty { value.removeAll(keepingCapacity: true) }
        if !formula.isEmpty { formula.removeAll(keepingCapacity: true) }
        formulaSharedIndex = nil
        if !inline.bytes.isEmpty { inline.reset() }
        var reference: (row: Int, column: Int)?
        for i in 0..<attributes.count where !attributes.isQualified(at: i) {
            let name = attributes.localName(at: i)
            guard name.count == 1, let first = name.first else { continue }
            let v = attributes.value(at: i)
            switch first {
            case UInt8(ascii: "r"): reference = try parseReference(v)
            case UInt8(ascii: "t"): cellType = try parseType(v)
            case UInt8(ascii: "s"): cellFormat = v.decimalValue ?? 0
            default: break
            }
        }
        let next: Int
        if let reference {
            if reference.row != row.index, !rowHasIndex, row.cells.isEmpty {
                try setRowIndex(reference.row)  // a <row> without r takes its cells' row
                rowHasIndex = true
            }
            next = reference.column
        } else {
            next = column + 1
        }
        if next >= limits.maxColumns {
            throw SheetError.limitExceeded(location(row: row.index, column: nil), limit: "columns (\(limits.maxColumns))",
                                           value: "column \(next + 1)", howToRaise: Limits.howToRaise("columns"))
        }
        if next <= column { rowsSorted = false }
        column = next
    }

    private func parseReference(_ v: XMLBytes) throws -> (row: Int, column: Int) {
        var col = 0, r = 0, letters = 0, digits = 0, i = 0
        let b = v.buffer
        while i < b.count, letters <= 3 {
            let c = b[i] | 0x20
            guard c >= 97, c <= 122 else { break }
            col = col * 26 + Int(c - 96)
            letters += 1
            i += 1
        }
        while i < b.count, digits <= 7, b[i] >= 48, b[i] <= 57 {
            r = r * 10 + Int(b[i] - 48)
            digits += 1
            i += 1
        }
        guard i == b.count, letters >= 1, letters <= 3, digits >= 1, digits <= 7, r >= 1 else {
            throw SheetError.malformed(location(row: row.index, column: nil), "\(part): \"\(v.string)\" is not a cell reference")
        }
        guard col <= CellReference.maxColumns, r <= CellReference.maxRows else {
            throw SheetError.malformed(location(row: row.index, column: nil),
                                       "\(part): cell reference \(v.string) is beyond XFD\(CellReference.maxRows), Excel's last cell")
        }
        return (r - 1, col - 1)
    }

    private func parseType(_ v: XMLBytes) throws -> CellType {
        switch v.count {
        case 1:
            switch v.first {
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .bool
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: break
            }
        case 3 where v.equals("str"): return .formulaString
        case 9 where v.equals("inlineStr"): return .inlineString
        case 0: return .number
        default: break
        }
        throw SheetError.malformed(location(row: row.index, column: column), "\(part): unknown cell type \"\(v.string)\"")
    }

    private func finishCell() throws {
        inCell = false
        inInline = false
        capture = .none
        let format = cellFormat < formats.count ? formats[cellFormat] : nil
        let cellValue = try makeValue(kind: format?.kind ?? .number)
        let formulaText = hasFormula ? makeFormula() : nil
        let style = format?.style
        guard !cellValue.isEmpty || formulaText != nil || style != nil else { return }
        row.cells.append(Cell(column: column, value: cellValue, formula: formulaText, style: style))
    }

    private func makeValue(kind: NumberFormat) throws -> CellValue {
        switch cellType {
        case .number:
            guard !value.isEmpty else { return .empty }
            let number = try parseNumber()
            switch kind {
            case .number: return .number(number)
            case .date: return ExcelDate.value(serial: number, system: dateSystem) ?? .number(number)
            case .time:
                return ExcelDate.value(serial: number, system: number < 1 ? .d1900 : dateSystem) ?? .number(number)
            case .duration: return .duration(number * 86_400)
            }
        case .sharedString:
            guard !value.isEmpty else { return .empty }
            guard let index = WorksheetParser.decimal(value) else {
                throw SheetError.malformed(location(row: row.index, column: column),
                                           "\(part): shared string index \"\(String(decoding: value, as: UTF8.self))\" is not a number")
            }
            guard index < sharedStrings.count else {
                throw SheetError.malformed(location(row: row.index, column: column),
                                           "\(part): shared string index \(index) is out of range (the workbook has \(sharedStrings.count))")
            }
            return .text(sharedStrings[index])
        case .formulaString:
            guard !value.isEmpty else { return hasFormula ? .text("") : .empty }
            return .text(try checkedText(value))
        case .inlineString:
            if !inline.bytes.isEmpty {
                let text = inline.text
                try checkLength(text, bytes: inline.bytes.count)
                return .text(text)
            }
            return value.isEmpty ? .empty : .text(try checkedText(value))
        case .bool:
            guard !value.isEmpty else { return .empty }
            if value == [49] || value == Array("true".utf8) { return .bool(true) }
            if value == [48] || value == Array("false".utf8) { return .bool(false) }
            throw SheetError.malformed(location(row: row.index, column: column),
                                       "\(part): \"\(String(decoding: value, as: UTF8.self))\" is not a boolean")
        case .error:
            return value.isEmpty ? .empty : .error(String(decoding: value, as: UTF8.self))
        case .isoDate:
            guard !value.isEmpty else { return .empty }
            let text = String(decoding: value, as: UTF8.self)
            return ISODateText.value(of: text) ?? .text(text)
        }
    }

    /// The formula text; a shared formula's dependent gets its master's text moved to its own cell.
    private func makeFormula() -> String? {
        if let index = formulaSharedIndex {
            if !formula.isEmpty {
                let text = String(decoding: formula, as: UTF8.self)
                sharedFormulas[index] = SharedFormula(text: text, row: row.index, column: column)
                return text
            }
            guard let master = sharedFormulas[index] else { return nil }
            return FormulaShifter.shift(master.text, rows: row.index - master.row, columns: column - master.column)
        }
        return formula.isEmpty ? nil : String(decoding: formula, as: UTF8.self)
    }

    /// The cell's number: integers directly from the bytes, anything else through `strtod`.
    private func parseNumber() throws -> Double {
        if let integer = WorksheetParser.smallInteger(value) { return Double(integer) }
        var count = value.count
        while count > 0, value[count - 1] == 0x20 || value[count - 1] == 0x0A || value[count - 1] == 0x0D || value[count - 1] == 0x09 {
            count -= 1
        }
        if count < value.count { value.removeSubrange(count...) }
        value.append(0)
        defer { value.removeLast() }
        let parsed: Double? = value.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, count > 0 else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            let d = strtod(start, &end)
            guard let end, UnsafeRawPointer(end) == UnsafeRawPointer(base + count) else { return nil }
            return d
        }
        guard let parsed else {
            throw SheetError.malformed(location(row: row.index, column: column),
                                       "\(part): \"\(String(decoding: value.prefix(count), as: UTF8.self))\" is not a number")
        }
        return parsed
    }

    private func checkedText(_ bytes: [UInt8]) throws -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        try checkLength(text, bytes: bytes.count)
        return text
    }

    private func checkLength(_ text: String, bytes: Int) throws {
        guard bytes > limits.maxCellLength else { return }
        let length = text.utf16.count
        guard length > limits.maxCellLength else { return }
        throw SheetError.limitExceeded(location(row: row.index, column: column),
                                       limit: "cell-length (\(limits.maxCellLength) characters)",
                                       value: "a text of \(length) characters", howToRaise: Limits.howToRaise("cell-length"))
    }

    private func tooLong(_ bytes: Int) -> SheetError {
        SheetError.limitExceeded(location(row: row.index, column: column),
                                 limit: "cell-length (\(limits.maxCellLength) characters)",
                                 value: "a text of over \(bytes / 3) characters", howToRaise: Limits.howToRaise("cell-length"))
    }

    private func location(row: Int?, column: Int?) -> SourceLocation {
        SourceLocation.cell(file, sheet: sheet, row: row, column: column)
    }

    // MARK: - Bytes

    /// A non-negative decimal of at most 18 digits.
    private static func decimal(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    /// An optionally negative integer of at most 15 digits (exact as a `Double`).
    @inline(__always)
    private static func smallInteger(_ bytes: [UInt8]) -> Int? {
        var i = 0, negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; i = 1 }
        let digits = bytes.count - i
        guard digits >= 1, digits <= 15 else { return nil }
        var n = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
            i += 1
        }
        return negative ? -n : n
    }
}
