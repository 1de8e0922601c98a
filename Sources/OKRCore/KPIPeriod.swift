import SheetKit

/// The period one KPI value belongs to: a day, an ISO week, a month, a calendar quarter or a year.
///
/// Its canonical text is what the JSON model carries and what ``init(canonical:)`` reads back:
/// `2026-05-15`, `2026-W19`, `2026-05`, `2026-Q2`, `2026`. Weeks are ISO 8601 weeks (Monday to Sunday,
/// week 1 holds the year's first Thursday), so `2026-W01` starts on 2025-12-29. Quarters are calendar
/// quarters.
public enum KPIPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    case day(CivilDate)
    case week(year: Int, week: Int)
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// The length of a period, and so the rhythm of a series.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case day, week, month, quarter, year
    }

    public var kind: Kind {
        switch self {
        case .day: return .day
        case .week: return .week
        case .month: return .month
        case .quarter: return .quarter
        case .year: return .year
        }
    }

    /// The period of `kind` that contains `date`.
    public static func containing(_ date: CivilDate, kind: Kind) -> KPIPeriod {
        switch kind {
        case .day: return .day(date)
        case .week:
            let (year, week) = isoWeek(of: date)
            return .week(year: year, week: week)
        case .month: return .month(year: date.year, month: date.month)
        case .quarter: return .quarter(year: date.year, quarter: (date.month - 1) / 3 + 1)
        case .year: return .year(date.year)
        }
    }

    /// The first day.
    public var start: CivilDate {
        switch self {
        case .day(let d): return d
        case .week(let year, let week): return CivilDate(daysSinceEpoch: KPIPeriod.mondayOfWeek1(year) + (week - 1) * 7)
        case .month(let year, let month): return CivilDate(year: year, month: month, day: 1)
        case .quarter(let year, let quarter): return CivilDate(year: year, month: (quarter - 1) * 3 + 1, day: 1)
        case .year(let year): return CivilDate(year: year, month: 1, day: 1)
        }
    }

    /// The last day.
    public var end: CivilDate {
        switch self {
        case .day(let d): return d
        case .week: return CivilDate(daysSinceEpoch: start.daysSinceEpoch + 6)
        case .month(let year, let month): return CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
        case .quarter(let year, let quarter):
            let month = quarter * 3
            return CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
        case .year(let year): return CivilDate(year: year, month: 12, day: 31)
        }
    }

    /// The period of the same kind just before this one (`2026-01` → `2025-12`, `2026-W01` → `2025-W53`).
    public var previous: KPIPeriod {
        KPIPeriod.containing(CivilDate(daysSinceEpoch: start.daysSinceEpoch - 1), kind: kind)
    }

    /// The period of the same kind just after this one.
    public var next: KPIPeriod {
        KPIPeriod.containing(CivilDate(daysSinceEpoch: end.daysSinceEpoch + 1), kind: kind)
    }

    /// The period as a ``Period`` (label: the canonical text).
    public var period: Period {
        Period(label: description, start: start, end: end)
    }

    /// `2026-05-15`, `2026-W19`, `2026-05`, `2026-Q2`, `2026`.
    public var description: String {
        switch self {
        case .day(let d): return d.description
        case .week(let year, let week): return KPIPeriod.pad(year, 4) + "-W" + KPIPeriod.pad(week, 2)
        case .month(let year, let month): return KPIPeriod.pad(year, 4) + "-" + KPIPeriod.pad(month, 2)
        case .quarter(let year, let quarter): return KPIPeriod.pad(year, 4) + "-Q\(quarter)"
        case .year(let year): return KPIPeriod.pad(year, 4)
        }
    }

    /// Reads the canonical text strictly (what ``description`` writes); nil for anything else.
    public init?(canonical text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1 else { return nil }
        switch parts.count {
        case 1:
            self = .year(year)
        case 2:
            let p = parts[1]
            if p.hasPrefix("W"), p.count == 3, let w = Int(p.dropFirst()), (1...KPIPeriod.weeksIn(year)).contains(w) {
                self = .week(year: year, week: w)
            } else if p.hasPrefix("Q"), p.count == 2, let q = Int(p.dropFirst()), (1...4).contains(q) {
                self = .quarter(year: year, quarter: q)
            } else if p.count == 2, p.allSatisfy(\.isASCII), let m = Int(p), (1...12).contains(m) {
                self = .month(year: year, month: m)
            } else {
                return nil
            }
        case 3:
            guard let d = CivilDate(iso: text) else { return nil }
            self = .day(d)
        default:
            return nil
        }
    }

    /// Earlier start first; on the same start, the shorter period first.
    public static func < (a: KPIPeriod, b: KPIPeriod) -> Bool {
        if a.start != b.start { return a.start < b.start }
        return a.end < b.end
    }

    // MARK: ISO weeks

    /// The ISO weekday, Monday 1 … Sunday 7.
    static func weekday(_ date: CivilDate) -> Int {
        // 1970-01-01 was a Thursday (4).
        ((date.daysSinceEpoch % 7) + 7 + 3) % 7 + 1
    }

    /// Days since 1970-01-01 of the Monday that starts ISO week 1 of `year`.
    static func mondayOfWeek1(_ year: Int) -> Int {
        let jan4 = CivilDate(year: year, month: 1, day: 4)
        return jan4.daysSinceEpoch - (weekday(jan4) - 1)
    }

    /// The ISO week-numbering year and week of a date.
    public static func isoWeek(of date: CivilDate) -> (year: Int, week: Int) {
        let thursday = CivilDate(daysSinceEpoch: date.daysSinceEpoch - weekday(date) + 4)
        let week = (thursday.daysSinceEpoch - CivilDate(year: thursday.year, month: 1, day: 1).daysSinceEpoch) / 7 + 1
        return (thursday.year, week)
    }

    /// 52 or 53: the number of ISO weeks of `year`.
    public static func weeksIn(_ year: Int) -> Int {
        isoWeek(of: CivilDate(year: year, month: 12, day: 28)).week
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
