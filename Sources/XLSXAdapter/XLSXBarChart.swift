import SheetKit

/// A clustered bar chart of one series, drawn over a rectangle of cells (DrawingML, `xl/charts/chartN.xml`).
public struct XLSXBarChart: Sendable, Hashable {
    public var title: String
    /// The sheet the data comes from (usually the chart's own).
    public var sheet: String
    /// The category labels and the values, single columns of the same length.
    public var categories: CellRange
    public var values: CellRange
    public var seriesName: String
    /// The value axis' upper end (1 for progress), nil to let the reader choose.
    public var maximum: Double?
    /// The cached category labels and values, so that readers can draw without recalculating.
    public var cachedCategories: [String]
    public var cachedValues: [Double]
    /// The number format of the value axis (`0%`).
    public var numberFormat: String
    /// Horizontal bars (`bar`) or vertical columns (`col`).
    public var horizontal: Bool
    /// The cells the chart covers: from the top-left cell to the bottom-right one.
    public var anchor: CellRange
    public var color: String

    public init(title: String, sheet: String, categories: CellRange, values: CellRange, seriesName: String, maximum: Double? = nil,
                cachedCategories: [String], cachedValues: [Double], numberFormat: String = "General",
                horizontal: Bool = true, anchor: CellRange, color: String = "4472C4") {
        self.title = title
        self.sheet = sheet
        self.categories = categories
        self.values = values
        self.seriesName = seriesName
        self.maximum = maximum
        self.cachedCategories = cachedCategories
        self.cachedValues = cachedValues
        self.numberFormat = numberFormat
        self.horizontal = horizontal
        self.anchor = anchor
        self.color = color
    }
}
