import SheetKit

/// A sparkline: a small line chart drawn in one cell from a row of numbers (Excel 2010's x14
/// sparklines, written in the worksheet's `extLst`; programs that do not draw them ignore them).
public struct XLSXSparkline: Hashable, Sendable {
    /// The cell the line is drawn in.
    public var location: CellReference
    /// The numbers it draws, on the sheet called `sheet`.
    public var data: CellRange
    public var sheet: String

    public init(location: CellReference, data: CellRange, sheet: String) {
        self.location = location
        self.data = data
        self.sheet = sheet
    }
}
