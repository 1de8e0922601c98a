/// The columns of a KPI sheet a mapping can name (`kpi_fields` in `mappings/*.yaml`).
///
/// Besides these, a KPI sheet in the wide shape has one column per period (`jan-26`, `Q1 2026`, a date);
/// in the long shape, `period` and `value` columns carry one value per row.
public enum KPIField: String, Sendable, Hashable, CaseIterable, Codable {
    case id, name, owner, unit, direction, start, target, green, amber, red, frequency, level, links, period, value, comment
}
