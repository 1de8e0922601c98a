import SheetKit

/// What aggregating an export gave: one value per rule, and what was read past.
public struct LedgerResult: Sendable {
    /// Per rule, in the rules file's order: the scaled result, nil when the measure has no value
    /// (avg, min, max or last over no rows).
    public var values: [Double?]
    /// Per rule: the rows its conditions kept.
    public var matchedRows: [Int]
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
