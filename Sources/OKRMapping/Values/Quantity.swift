import OKRCore

/// A number as a person typed it in a cell, with what surrounds it: `≥ 95%`, `€ 2 miljoen`, `+1.200 leads`.
public struct Quantity: Sendable, Hashable {
    /// The value; percentages as fractions (`25%` → 0.25), multipliers applied (`2 mio` → 2,000,000),
    /// ratios divided out (`3:1` → 3).
    public var value: Double
    /// `percent`, `currency:EUR` (and other ISO codes), `days`, `hours`, `minutes`, `weeks`, `months`,
    /// `years`, `ratio`, or the word the number counts (`leads`, `posts`); nil for a bare number.
    public var unit: String?
    /// A "stay above/below" bound: `≥ 8`, `minstens 8`, `< 1 uur`, `max 5`.
    public var comparator: Comparator?
    /// Whether the value is a relative change rather than an amount: `+20%`, `−15%`, `met 20%`.
    /// A sign on an absolute amount (`+1.200 leads`) is read as the amount, as the seed template does.
    public var isChange: Bool
    /// Whether the decimal convention left the reading open (`1.200` in a sheet of unknown convention).
    public var ambiguous: Bool

    public init(value: Double, unit: String? = nil, comparator: Comparator? = nil, isChange: Bool = false,
                ambiguous: Bool = false) {
        self.value = value
        self.unit = unit
        self.comparator = comparator
        self.isChange = isChange
        self.ambiguous = ambiguous
    }
}
