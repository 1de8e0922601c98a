import OKRCore
import SheetKit

/// What aggregating an export gave: one value per rule, and what was read past.
public struct LedgerResult: Sendable {
    /// One period of a `kpi:` rule.
    public struct PeriodValue: Sendable, Hashable {
        public var period: KPIPeriod
        /// The scaled result over the rows of the period the rule kept; nil when the measure has no value.
        public var value: Double?
        /// Rows of the period the rule's conditions kept.
        public var matchedRows: Int
        /// Rows of the export dated in the period, kept or not: 0 means the export does not cover it.
        public var datedRows: Int
    }

    /// Per rule, in the rules file's order: the scaled result, nil when the measure has no value
    /// (avg, min, max or last over no rows) and for a `kpi:` rule (see ``perPeriod``).
    public var values: [Double?]
    /// Per rule: the rows its conditions kept (for a `kpi:` rule, within its periods).
    public var matchedRows: [Int]
    /// Per rule: for a `kpi:` rule, one value per period asked for (``LedgerAggregator/periods``), in
    /// period order; empty for a key-result rule.
    public var perPeriod: [[PeriodValue]] = []
    /// Data rows read (after the header, blank rows not counted).
    public var rowsRead = 0
    /// Rows left out because a cell did not parse (`on_error: skip`).
    public var skippedRows = 0
    /// The first ``LedgerAggregator/maxSkippedListed`` of those, located.
    public var skipped: [Diagnostic] = []
    /// What the reader noticed (an encoding guess, a name that contradicts the bytes).
    public var warnings: [Diagnostic] = []
    /// The export's column names.
    public var header: [String] = []
    /// The 1-based header row.
    public var headerRow = 0
}
