/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Hashable {
    public var name: String
    /// Hidden or very hidden in the workbook: flagged, never dropped.
    public var hidden: Bool

    public init(name: String, hidden: Bool = false) {
        self.name = name
        self.hidden = hidden
    }
}

/// What a reader knows of a sheet once all its rows have been handed over.
public struct SheetSummary: Sendable, Hashable {
    public var merges: [CellRange]
    /// Rows handed over (including hidden and empty styled ones).
    public var rowCount: Int
    /// One past the last row index holding a non-empty value (0 for an empty sheet).
    public var usedRows: Int
    /// One past the last column index holding a non-empty value (0 for an empty sheet).
    public var usedColumns: Int

    public init(merges: [CellRange] = [], rowCount: Int = 0, usedRows: Int = 0, usedColumns: Int = 0) {
        self.merges = merges
        self.rowCount = rowCount
        self.usedRows = usedRows
        self.usedColumns = usedColumns
    }

    /// Counts a row into ``rowCount``, ``usedRows`` and ``usedColumns``.
    @inlinable
    public mutating func count(_ row: Row) {
        rowCount += 1
        let width = row.width
        if width > 0 {
            usedRows = max(usedRows, row.index + 1)
            usedColumns = max(usedColumns, width)
        }
    }
}

/// Reads a workbook sheet by sheet, handing rows one at a time to a consumer and holding no sheet.
///
/// One reader per format (CSV, XLSX, ODS); `SheetIO.open` picks it from the file's bytes.
public protocol WorkbookReader: AnyObject {
    /// The format the bytes turned out to be.
    var format: FileFormat { get }
    /// The sheets in workbook order (a CSV has one).
    var sheets: [SheetInfo] { get }
    /// What the reader noticed but could read past (a dialect guess, an ambiguous encoding…).
    var warnings: [Diagnostic] { get }
    /// Streams the rows of sheet `index` in ascending row order. Rows without cells may be skipped.
    ///
    /// - Parameters:
    ///   - index: 0-based position in ``sheets``.
    ///   - consumer: called once per row; the row is only valid for the call.
    /// - Returns: the merges and extent, known once the sheet has been read.
    /// - Throws: ``SheetError`` with the location of the problem, or whatever `consumer` throws.
    func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary
}

extension WorkbookReader {
    /// The first sheet that is not hidden (the default of every command), else the first.
    public var defaultSheetIndex: Int {
        sheets.firstIndex { !$0.hidden } ?? 0
    }

    /// The index of the sheet called `name` (exact, else ignoring case).
    ///
    /// - Throws: ``SheetError/invalidRequest(_:_:)`` listing the sheets there are.
    public func sheetIndex(named name: String, file: String) throws -> Int {
        if let i = sheets.firstIndex(where: { $0.name == name }) { return i }
        if let i = sheets.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { return i }
        let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        throw SheetError.invalidRequest(SourceLocation(file: file), "no sheet named \"\(name)\"; the sheets are \(names)")
    }

    /// Reads a whole sheet into memory (for callers that need it; streaming is the default).
    public func loadSheet(at index: Int) throws -> Sheet {
        var rows: [Row] = []
        let summary = try readSheet(at: index) { rows.append($0) }
        return Sheet(info: sheets[index], rows: rows, merges: summary.merges)
    }
}

/// Writes a workbook sheet by sheet, row by row.
public protocol WorkbookWriter: AnyObject {
    /// Starts a new sheet; rows follow in ascending order.
    func beginSheet(_ info: SheetInfo) throws
    /// Appends one row of the current sheet.
    func write(_ row: Row) throws
    /// Ends the current sheet; merges become known here.
    func endSheet(_ summary: SheetSummary) throws
    /// Completes the file. Nothing is visible at the destination before this returns.
    func finish() throws
}

/// A whole sheet in memory.
public struct Sheet: Sendable, Hashable {
    public var info: SheetInfo
    public var rows: [Row]
    public var merges: [CellRange]

    public init(info: SheetInfo, rows: [Row] = [], merges: [CellRange] = []) {
        self.info = info
        self.rows = rows
        self.merges = merges
    }

    /// The value at a reference, `.empty` where there is none.
    public subscript(ref: CellReference) -> CellValue {
        guard let row = rows.first(where: { $0.index == ref.row }) else { return .empty }
        return row[ref.column]
    }

    /// The grid of canonical texts from A1 to the last non-empty cell.
    public var canonicalGrid: [[String]] {
        var summary = SheetSummary()
        rows.forEach { summary.count($0) }
        var grid = Array(repeating: Array(repeating: "", count: summary.usedColumns), count: summary.usedRows)
        for row in rows where row.index < summary.usedRows {
            for cell in row.cells where cell.column < summary.usedColumns {
                grid[row.index][cell.column] = cell.value.canonicalText
            }
        }
        return grid
    }
}
