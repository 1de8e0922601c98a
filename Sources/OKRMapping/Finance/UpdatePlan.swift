import CSVAdapter
import OKRCore
import SheetKit

/// Everything `okrsheet update` found and would change, before anything is written: the table of
/// `--dry-run` and `--report`, and the cell edits a ``TemplatePatcher`` applies.
public struct UpdatePlan: Sendable {
    /// One rule that matched a key result.
    public struct Row: Sendable {
        /// The 1-based line of the rule in the rules file.
        public var ruleLine: Int
        public var keyResultID: String
        public var keyResult: String
        /// The current-value cell (`okr.csv:F4`).
        public var cell: String
        /// The current value as the template shows it ("" for empty).
        public var oldCurrent: String
        /// The current value as written back; nil when the rule gave no value (no rows for avg, min,
        /// max, last).
        public var newCurrent: String?
        /// The measured value, scaled.
        public var value: Double?
        /// The recomputed progress, as a fraction.
        public var progress: Double?
        /// The progress as the table shows it (`87,9%`).
        public var progressText: String
        public var oldStatus: String
        public var newStatus: String
        /// Rows of the export the rule kept.
        public var matchedRows: Int
        /// Whether any cell of this key result changes.
        public var changed: Bool
    }

    /// One period of a `kpi:` rule: the KPI's value cell for that period.
    public struct KPIRow: Sendable {
        /// The 1-based line of the rule in the rules file.
        public var ruleLine: Int
        public var kpiID: String
        public var kpi: String
        /// The period, canonical (`2026-04`, `2026-W19`, `2026-Q2`).
        public var period: String
        /// The value cell (`okr.xlsx:KPI's 2026!P5`).
        public var cell: String
        /// The value as the sheet shows it ("" for empty).
        public var oldValue: String
        /// The value as written back; nil when the period gets none (see ``note``).
        public var newValue: String?
        /// The measured value, scaled.
        public var value: Double?
        /// The KPI's status before and after the update (`green`, `amber`, `red`, `no_data`; "" when unknown).
        public var oldStatus: String
        public var newStatus: String
        /// Rows of the export the rule kept in this period.
        public var matchedRows: Int
        /// Whether the cell changes.
        public var changed: Bool
        /// Why the period gets no value: no row of the export is dated in it, the measure had no rows,
        /// the cell holds a formula.
        public var note: String?
    }

    /// A rule that updates nothing, and why.
    public struct Unmatched: Sendable {
        public var ruleLine: Int
        public var keyResult: String
        public var reason: String
    }

    /// One cell to set.
    public struct Edit: Sendable, Hashable {
        public var sheet: Int
        public var row: Int
        public var column: Int
        public var value: CellValue
    }

    public var template: String
    public var ledger: String
    public var rulesFile: String
    public var format: FileFormat
    public var sheetName: String
    /// The sheet's position in the workbook (0 for CSV). The OKR sheet; a template of KPIs only: its first KPI sheet.
    public var sheetIndex = 0
    public var period: Period?
    public var rows: [Row] = []
    /// Per `kpi:` rule, one row per period it fills, in rule and period order.
    public var kpiRows: [KPIRow] = []
    public var unmatched: [Unmatched] = []
    public var aggregate: LedgerResult
    /// What was noticed on the way (template and export readers, unmatched rules), compiler-style.
    public var warnings: [Diagnostic] = []
    public var edits: [Edit] = []
    /// The CSV template's dialect, which the patch keeps.
    var csvDialect: CSVDialect?
    /// The limits the template was read with, and is patched with.
    var limits = Limits()

    /// Whether writing the plan changes the template.
    public var changesTemplate: Bool { !edits.isEmpty }
}
