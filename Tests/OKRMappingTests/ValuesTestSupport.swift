import OKRCore
@testable import OKRMapping
import SheetKit
import Testing

/// Shared fixtures and checks of the Values tests.
enum ValuesFixture {
    /// A date from `YYYY-MM-DD`, for tables.
    static func day(_ iso: String) -> CivilDate {
        CivilDate(iso: iso) ?? CivilDate(year: 1, month: 1, day: 1)
    }

    /// The reference period of most tables.
    static let q2of2026 = Period(label: "Q2 2026", start: day("2026-04-01"), end: day("2026-06-30"))
    /// A fiscal year that starts in July.
    static let fy2026July = Period(label: "FY2026", start: day("2026-07-01"), end: day("2027-06-30"))

    /// Whether two doubles agree to within rounding.
    static func approximatelyEqual(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-9 * max(1, abs(y))
        default: return false
        }
    }

    /// Expects `actual` to be `expected` within rounding, pointing at the caller on failure.
    static func expectClose(_ actual: Double?, _ expected: Double?, _ what: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(approximatelyEqual(actual, expected), "\(what): \(String(describing: actual)) ≠ \(String(describing: expected))",
                sourceLocation: sourceLocation)
    }
}
