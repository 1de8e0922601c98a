import SheetKit

/// Per-sheet options given to ``ODSWriter/beginSheet(_:layout:)``, the ODS counterpart of the XLSX
/// writer's layout: merges, column widths, frozen panes, print range and repeated header rows,
/// conditional formats and validation lists.
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
    /// Column widths in characters of the default font, by 0-based column (as the XLSX writer takes
    /// them); nil keeps the default. Written as automatic column styles of
    /// ``ODSSheetLayout/centimetresPerCharacter`` each, the only place LibreOffice reads widths from.
    public var columnWidths: [Double?] = []
    /// Lists of allowed texts over ranges (`table:content-validation`); the written cells of each
    /// range name their list, and LibreOffice shows it as a drop-down.
    public var validations: [ODSValidation] = []

    /// The width of one character of the default font: about 0.19 cm.
    public static let centimetresPerCharacter = 0.19

    /// A layout with the given merges and no other option set.
    public init(merges: [CellRange] = []) {
        self.merges = merges
    }
}

/// A validation that allows only the texts of a list, shown as a drop-down in the cells of its range.
public struct ODSValidation: Sendable, Hashable {
    /// The cells that carry the validation.
    public var range: CellRange
    /// The allowed texts, in the order the drop-down shows them.
    public var values: [String]
    /// Whether other input is refused (`stop`) rather than only warned about (`warning`).
    public var strict: Bool

    public init(range: CellRange, values: [String], strict: Bool = true) {
        self.range = range
        self.values = values
        self.strict = strict
    }

    /// The OpenFormula condition: `of:cell-content-is-in-list("A";"B")`, quotes inside a text doubled.
    var condition: String {
        "of:cell-content-is-in-list(" + values.map { "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }.joined(separator: ";") + ")"
    }
}
