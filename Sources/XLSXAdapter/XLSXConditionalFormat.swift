import SheetKit

/// One conditional-formatting rule over a range of a sheet.
public struct XLSXConditionalFormat: Hashable, Sendable {
    /// What the rule tests and shows.
    public enum Rule: Hashable, Sendable {
        /// The cell compared with a formula (`equal` to `"Behaald"`); `operator` is a CT_ConditionalFormattingOperator
        /// (`equal`, `notEqual`, `greaterThan`, `lessThan`, `between`…).
        case cellIs(operator: String, formula: String, format: XLSXDifferentialFormat)
        /// A formula written for the range's top-left cell, true where the format applies.
        case expression(formula: String, format: XLSXDifferentialFormat)
        /// A data bar from `minimum` to `maximum` (numbers), in `color` (`RRGGBB`). Written twice: the 2007
        /// rule, and the x14 extension that Excel 2010+ and LibreOffice draw as a solid bar.
        case dataBar(minimum: Double, maximum: Double, color: String)
    }

    public var range: CellRange
    public var rule: Rule

    public init(range: CellRange, rule: Rule) {
        self.range = range
        self.rule = rule
    }
}
