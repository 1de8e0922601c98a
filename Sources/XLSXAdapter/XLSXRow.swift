import SheetKit

/// A row for `XLSXWriter.write(_: XLSXRow)`: cells with the full ``XLSXCellFormat``, and an optional height.
public struct XLSXRow: Sendable, Hashable {
    /// One cell with its format.
    public struct Cell: Sendable, Hashable {
        /// 0-based column index (A = 0).
        public var column: Int
        /// The value, or for a formula cell its cached value (`.text("")` for a formula that shows nothing).
        public var value: CellValue
        /// The formula without its leading `=`.
        public var formula: String?
        public var format: XLSXCellFormat?

        public init(column: Int, value: CellValue, formula: String? = nil, format: XLSXCellFormat? = nil) {
            self.column = column
            self.value = value
            self.formula = formula
            self.format = format
        }
    }

    /// 0-based row index (row 1 = 0).
    public var index: Int
    /// The cells in ascending column order.
    public var cells: [Cell]
    /// The height in points, nil for automatic.
    public var height: Double?
    public var hidden: Bool

    public init(index: Int, cells: [Cell] = [], height: Double? = nil, hidden: Bool = false) {
        self.index = index
        self.cells = cells
        self.height = height
        self.hidden = hidden
    }
}
