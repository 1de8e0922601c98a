import SheetKit

/// One conditional-formatting rule over a range of a sheet.
public struct ODSConditionalFormat: Hashable, Sendable {
    /// What the rule tests and shows.
    public enum Rule: Hashable, Sendable {
        /// The cell compared with a value written as an OpenFormula expression (`"Behaald"`, `0.5`);
        /// `operator` is one of `=`, `!=`, `<`, `>`, `<=`, `>=`.
        case cellIs(operator: String, value: String, format: ODSHighlight)
        /// An OpenFormula expression for the range's top-left cell (`AND(ISNUMBER([.J4]);[.J4]<TODAY())`),
        /// relative references moving with the cell; the format applies where it is true.
        case formula(expression: String, format: ODSHighlight)
        /// A data bar from `minimum` to `maximum`, in `color` (`RRGGBB`).
        case dataBar(minimum: Double, maximum: Double, color: String)
    }

    public var range: CellRange
    public var rule: Rule

    public init(range: CellRange, rule: Rule) {
        self.range = range
        self.rule = rule
    }
}

/// What a conditional format changes in a cell (a named cell style in `styles.xml`): font colour,
/// bold, background fill, colours as `RRGGBB`.
public struct ODSHighlight: Hashable, Sendable {
    public var fontColor: String?
    public var bold: Bool
    public var fill: String?

    public init(fontColor: String? = nil, bold: Bool = false, fill: String? = nil) {
        self.fontColor = fontColor
        self.bold = bold
        self.fill = fill
    }
}
