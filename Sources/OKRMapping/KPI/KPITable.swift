import OKRCore
import SheetKit

/// One KPI table of a workbook as `update` needs it: its KPIs (with their derived fields) and, per KPI
/// and period, the cell that holds the value or would hold it. The cell positions stay here, beside the
/// model: the JSON model does not carry them.
struct KPITable {
    /// A value cell: 0-based row and column of the table's sheet.
    struct Spot: Sendable, Hashable {
        var row: Int
        var column: Int
    }

    /// The sheet's position in the workbook, as patchers take it.
    var sheetIndex: Int
    var sheet: Sheet
    var header: KPIHeaderMatch
    var kpis: [KPI]
    /// Per KPI of ``kpis``: period → its value cell. Wide shape: the KPI's row under every period column,
    /// empty or not. Long shape: the value cell of every row of the KPI whose period reads.
    var cells: [[KPIPeriod: Spot]]
    /// Whether the table writes numbers with a decimal comma (the mapping's locale, else its headers' language).
    var decimalComma: Bool
    /// The period the sheet's title or name states (`KPI-dashboard 2026`).
    var titlePeriod: Period?

    /// One row per KPI per period (else one row per KPI, one column per period).
    var isLong: Bool { header.isLong }
    /// Whether the KPI ids come from the sheet (else they are made up, `K1`, `K2`…, and do not name a KPI).
    var hasIDColumn: Bool { header.columns[.id] != nil }
}
