import OKRCore
import SheetKit

/// What `convert` and `check` may say about how to read a template.
public struct ImportOptions: Sendable {
    public var mapping: Mapping = .auto
    /// The sheet to read; nil: the mapping's, else the first visible sheet with an OKR header.
    public var sheet: String?
    /// Overrides the template's own period.
    public var period: Period?
    /// The day the status is judged on (tests always pass it; the CLI defaults to today).
    public var asOf: CivilDate?
    /// Overrides the mapping's fiscal year start (1–12).
    public var fiscalYearStart: Int?
    public var limits = Limits()

    public init() {}
}
