import SheetKit

/// Per-sheet options given to ``ODSWriter/beginSheet(_:layout:)``, the ODS counterpart of the XLSX
/// writer's layout: merges, frozen panes, print range and repeated header rows, conditional formats.
///
/// Merges are given here, before the rows, because ODS writes a merge on the cells themselves (spans
/// on the first cell, `table:covered-table-cell` for the rest) and rows stream out as they come.
public struct ODSSheetLayout: Sendable, Hashable {
    /// The merged ranges of the sheet (they should not overlap).
    public var merges: [CellRange] = []
    /// Rows above the frozen pane (0: none), in `settings.xml`.
    public var frozenRows = 0
    /// Columns left of the frozen pane (0: none).
    public var frozenColumns = 0
    /// The range that prints (`table:print-ranges`); nil prints what is used.
    public var printRange: CellRange?
    /// 0-based rows repeated at the top of every printed page (`table:table-header-rows`).
    public var headerRows: ClosedRange<Int>?
    /// Conditional formats, written both as LibreOffice's `calcext:conditional-formats` and, for cell
    /// comparisons, as `style:map` on the cells' styles (what other OpenDocument programs read).
    public var conditionalFormats: [ODSConditionalFormat] = []

    /// A layout with the given merges and no other option set.
    public init(merges: [CellRange] = []) {
        self.merges = merges
    }
}
