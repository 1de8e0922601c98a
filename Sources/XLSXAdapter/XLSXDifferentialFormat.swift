/// What a conditional-formatting rule changes in a cell (a `dxf` of `xl/styles.xml`): font colour,
/// bold, and background fill, colours as `RRGGBB`.
public struct XLSXDifferentialFormat: Hashable, Sendable {
    public var fontColor: String?
    public var bold: Bool
    public var fill: String?

    public init(fontColor: String? = nil, bold: Bool = false, fill: String? = nil) {
        self.fontColor = fontColor
        self.bold = bold
        self.fill = fill
    }
}
