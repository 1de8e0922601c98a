/// One operator of a `where:` condition.
public enum LedgerTest: Sendable, Hashable {
    /// The cell's text (trimmed) is this one (`equals`), or one of these (`in`).
    case oneOf([String])
    /// The cell's text starts with one of these, ignoring case and accents.
    case startsWith([String])
    /// The cell's text contains one of these, ignoring case and accents.
    case contains([String])
    /// The cell's number lies in the closed range.
    case numberBetween(Double, Double)
    /// The cell's date lies in the closed range (days since 1970-01-01).
    case dateBetween(Int, Int)
    /// The cell's text lies in the closed range, comparing bytes.
    case textBetween(String, String)
    /// The cell's date lies in the reporting period (true) or outside it (false).
    case inPeriod(Bool)
}
