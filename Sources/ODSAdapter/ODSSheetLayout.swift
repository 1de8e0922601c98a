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

    /// Row heights in points by 0-based row; rows not listed keep LibreOffice's optimal height.
    public var rowHeights: [Int: Double] = [:]
    /// The range with filter buttons in its first row (a `table:database-range`).
    public var autoFilter: CellRange?
    /// How the sheet prints: orientation, fit to pages, header and footer; nil for the defaults.
    public var page: ODSPageSetup?

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

/// How a sheet prints: a page layout and master page of its own in `styles.xml`, which the sheet's
/// table style names.
public struct ODSPageSetup: Sendable, Hashable {
    public var landscape: Bool
    /// Pages across (0: as many as needed).
    public var fitToWidth: Int
    /// Pages down (0: as many as needed).
    public var fitToHeight: Int
    /// A4 unless false (then US Letter).
    public var a4: Bool
    /// Header and footer text with Excel's codes (`&L`, `&C`, `&R` sections, `&P` page, `&N` pages,
    /// `&A` sheet name, `&&` for `&`), so that one text serves both writers.
    public var header: String?
    public var footer: String?

    public init(landscape: Bool = false, fitToWidth: Int = 0, fitToHeight: Int = 0, a4: Bool = true,
                header: String? = nil, footer: String? = nil) {
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.a4 = a4
        self.header = header
        self.footer = footer
    }
}
