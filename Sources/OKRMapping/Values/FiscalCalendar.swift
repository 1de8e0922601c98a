import SheetKit

/// Quarters, halves and years of a fiscal year that starts in a given month.
///
/// A fiscal year is named by the calendar year it **starts** in: with a start in July, `Q1 2026` is
/// 2026-07-01…2026-09-30, `Q3 2026` is 2027-01-01…2027-03-31 and `FY2026` is 2026-07-01…2027-06-30.
/// With the default start in January, fiscal and calendar years coincide.
struct FiscalCalendar: Sendable, Hashable {
    /// The first month of the fiscal year, 1–12 (anything else counts as January).
    let startMonth: Int

    init(startMonth: Int = 1) {
        self.startMonth = (1...12).contains(startMonth) ? startMonth : 1
    }

    /// The first and last day of `count` months starting `offset` months into fiscal year `year`.
    func span(year: Int, offset: Int, count: Int) -> (start: CivilDate, end: CivilDate)? {
        guard (1...9998).contains(year) else { return nil }
        let first = year * 12 + (startMonth - 1) + offset
        return (Self.firstDay(monthIndex: first), Self.lastDay(monthIndex: first + count - 1))
    }

    /// Quarter `n` (1–4) of fiscal year `year`.
    func quarter(_ n: Int, year: Int) -> (start: CivilDate, end: CivilDate)? {
        guard (1...4).contains(n) else { return nil }
        return span(year: year, offset: (n - 1) * 3, count: 3)
    }

    /// Half `n` (1–2) of fiscal year `year`.
    func half(_ n: Int, year: Int) -> (start: CivilDate, end: CivilDate)? {
        guard (1...2).contains(n) else { return nil }
        return span(year: year, offset: (n - 1) * 6, count: 6)
    }

    /// The fiscal year that contains `date`.
    func fiscalYear(containing date: CivilDate) -> Int {
        date.month >= startMonth ? date.year : date.year - 1
    }

    /// The first day of the month `year * 12 + month - 1`.
    static func firstDay(monthIndex: Int) -> CivilDate {
        CivilDate(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)
    }

    /// The last day of the month `year * 12 + month - 1`.
    static func lastDay(monthIndex: Int) -> CivilDate {
        let year = monthIndex / 12, month = monthIndex % 12 + 1
        return CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
    }
}
