import SheetKit
import Testing

@Suite("Canonical cell text")
struct CanonicalTextTests {
    @Test(arguments: [
        (CellValue.number(1200), "1200"), (.number(0.25), "0.25"), (.number(7.2), "7.2"), (.number(-0.0), "0"),
        (.number(-4291.31), "-4291.31"), (.number(1e-5), "1e-05"), (.number(1e20), "1e+20"),
        (.number(123_456_789_012_345), "123456789012345"), (.number(0.1 + 0.2), "0.30000000000000004"),
        (.bool(true), "TRUE"), (.bool(false), "FALSE"), (.error("#N/A"), "#N/A"), (.empty, ""),
        (.text(" spaced \"text\" "), " spaced \"text\" "),
        (.date(CivilDate(year: 2026, month: 6, day: 30)), "2026-06-30"),
        (.dateTime(CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 30), secondsOfDay: 50_400)), "2026-06-30T14:00:00"),
        (.time(50_400), "14:00:00"), (.duration(123_010), "34:10:10"),
    ])
    func canonical(value: CellValue, text: String) {
        #expect(value.canonicalText == text)
    }

    @Test func shortestNumbersReadBack() {
        for d in [0.1, 1.0 / 3, 2.0 / 3, 1e-300, 123.456, 9_007_199_254_740_992, 1e15, 1e16, -2.5e-7] {
            #expect(Double(CellValue.numberText(d)) == d)
        }
    }
}
