import SheetKit
import Testing

@Suite("Excel serial dates")
struct ExcelDateTests {
    @Test(arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-28"), (61.0, "1900-03-01"),
        (25_569.0, "1970-01-01"), (46_203.0, "2026-06-30"), (2_958_465.0, "9999-12-31"),
    ])
    func serials1900(serial: Double, iso: String) {
        #expect(ExcelDate.value(serial: serial)?.canonicalText == iso)
    }

    @Test(arguments: [(0.0, "1904-01-01"), (1.0, "1904-01-02"), (44_741.0, "2026-06-30")])
    func serials1904(serial: Double, iso: String) {
        #expect(ExcelDate.value(serial: serial, system: .d1904)?.canonicalText == iso)
    }

    @Test func timesAndDateTimes() {
        #expect(ExcelDate.value(serial: 0.5) == .time(43_200))
        #expect(ExcelDate.value(serial: 46_203.583_333_333_336)?.canonicalText == "2026-06-30T14:00:00")
        // 23:59:59.9 rounds into the next day rather than printing 24:00:00.
        #expect(ExcelDate.value(serial: 46_203.999_999_9)?.canonicalText == "2026-07-01")
        #expect(ExcelDate.value(serial: -1) == nil)
        #expect(ExcelDate.value(serial: .nan) == nil)
    }

    @Test func serialsRoundTrip() {
        for serial in stride(from: 1, to: 80_000, by: 7) where serial != 60 {
            let value = ExcelDate.value(serial: Double(serial))
            #expect(value.flatMap { ExcelDate.serial(of: $0) } == Double(serial))
            let v1904 = ExcelDate.value(serial: Double(serial), system: .d1904)
            #expect(v1904.flatMap { ExcelDate.serial(of: $0, system: .d1904) } == Double(serial))
        }
    }

    @Test func civilDaysRoundTrip() {
        for days in stride(from: -800_000, to: 3_000_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.isValid)
            #expect(date.daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 2026, month: 2, day: 29).isValid == false)
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 1900, month: 2, day: 29).isValid == false)
    }
}
