import SheetKit

/// Per-sheet options given to ``XLSXWriter/beginSheet(_:layout:)``: column widths, frozen panes,
/// autofilter, conditional formats, validations, print setup and a chart.
public struct XLSXSheetLayout: Sendable {
    /// Page setup for printing.
    public struct Print: Sendable, Hashable {
        public var landscape: Bool
        /// Pages across (0: as many as needed); with ``fitToHeight`` it turns on fit-to-page.
        public var fitToWidth: Int
        /// Pages down (0: as many as needed).
        public var fitToHeight: Int
        /// 9 is A4, 1 is US Letter.
        public var paperSize: Int
        /// 0-based rows repeated at the top of every page (`_xlnm.Print_Titles`).
        public var titleRows: ClosedRange<Int>?
        /// Header and footer text with Excel's codes (`&L`, `&C`, `&R`, `&P` page, `&N` pages); literal `&` as `&&`.
        public var header: String?
        public var footer: String?

        public init(landscape: Bool = false, fitToWidth: Int = 0, fitToHeight: Int = 0, paperSize: Int = 9,
                    titleRows: ClosedRange<Int>? = nil, header: String? = nil, footer: String? = nil) {
            self.landscape = landscape
            self.fitToWidth = fitToWidth
            self.fitToHeight = fitToHeight
            self.paperSize = paperSize
            self.titleRows = titleRows
            self.header = header
            self.footer = footer
        }

        var fitsToPage: Bool { fitToWidth > 0 || fitToHeight > 0 }
    }

    /// Column widths in characters of the default font, by 0-based column; nil keeps the default.
    public var columnWidths: [Double?] = []
    /// Rows above the frozen pane (0: none).
    public var frozenRows = 0
    /// Columns left of the frozen pane (0: none).
    public var frozenColumns = 0
    public var showGridLines = true
    /// The range with filter buttons in its first row.
    public var autoFilter: CellRange?
    public var conditionalFormats: [XLSXConditionalFormat] = []
    public var dataValidations: [XLSXDataValidation] = []
    public var print: Print?
    /// 0-based rows that start a new printed page (`<rowBreaks>`).
    public var pageBreaksBefore: [Int] = []
    /// One bar chart drawn on the sheet.
    public var chart: XLSXBarChart?
    /// Sparklines, one group in one colour (`RRGGBB`), with markers on every point.
    public var sparklines: [XLSXSparkline] = []
    public var sparklineColor = "376092"

    public init() {}
}
