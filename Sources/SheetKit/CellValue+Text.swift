extension CellValue {
    /// The canonical text of the `table` contract: numbers in shortest round-trip form (`1200`, `0.25`),
    /// dates `2026-06-30`, date-times `2026-06-30T14:00:00`, times `14:00:00`, durations `34:10:10`,
    /// booleans `TRUE`/`FALSE`, errors as written, text unchanged.
    public var canonicalText: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .number(let d): return CellValue.numberText(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.description
        case .dateTime(let dt): return dt.description
        case .time(let s): return CellValue.clockText(s, hoursUnbounded: false)
        case .duration(let s): return CellValue.clockText(s, hoursUnbounded: true)
        case .error(let e): return e
        }
    }

    /// Shortest text that reads back as the same double; whole numbers without `.0`.
    public static func numberText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// `HH:MM:SS` from seconds (rounded to the second); hours beyond 23 only when `hoursUnbounded`.
    static func clockText(_ seconds: Double, hoursUnbounded: Bool) -> String {
        let negative = seconds < 0
        var total = Int(abs(seconds).rounded())
        if !hoursUnbounded { total %= 86_400 }
        let h = total / 3600, m = (total / 60) % 60, s = total % 60
        let text = CivilDate.pad(h, 2) + ":" + CivilDate.pad(m, 2) + ":" + CivilDate.pad(s, 2)
        return negative ? "-" + text : text
    }
}
