@testable import ODSAdapter
import SheetKit
import Testing

/// The attribute value parsers, on their own.
@Suite struct ODSValueParserTests {
    static func parse<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static let numbers: [(String, Double?)] = [
        ("0", 0), ("1200", 1200), ("-3", -3), ("+4.5", 4.5), ("0.1", 0.1), ("3398.32", 3398.32),
        ("0.428571428571429", 0.428571428571429), ("123456789012345678", 123456789012345680),
        ("1E3", 1000), ("-7.25E-3", -0.00725), ("0.0000000000000000001", 1e-19), (" 5 ", 5),
        ("", nil), ("-", nil), (".", nil), ("1,5", nil), ("abc", nil), ("0x10", nil), ("inf", nil), ("nan", nil),
    ]

    @Test(arguments: numbers)
    func number(text: String, expected: Double?) {
        #expect(Self.parse(text) { ODSValueParser.number($0) } == expected)
    }

    static let durations: [(String, Double?)] = [
        ("PT10H10M10S", 36_610), ("PT10H10M10.5S", 36_610.5), ("PT34H10M10S", 123_010), ("P1DT2H", 93_600),
        ("-PT1H", -3600), ("PT0S", 0), ("P1Y", nil), ("PT", nil), ("10:10:10", nil), ("PT1H1H", 7200), ("", nil),
    ]

    @Test(arguments: durations)
    func duration(text: String, expected: Double?) {
        #expect(Self.parse(text) { ODSValueParser.durationSeconds(XMLBytesFixture.bytes($0)) } == expected)
    }

    static let dates: [(String, CellValue?)] = [
        ("2026-06-30", .date(CivilDate(year: 2026, month: 6, day: 30))),
        ("2026-06-30T00:00:00", .date(CivilDate(year: 2026, month: 6, day: 30))),
        ("2026-06-30T14:00:00.25Z", .dateTime(CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 30), secondsOfDay: 50_400.25))),
        ("2026-02-30", nil), ("2026-6-30", nil), ("30-06-2026", nil), ("2026-06-30T25:00:00", nil), ("", nil),
    ]

    @Test(arguments: dates)
    func date(text: String, expected: CellValue?) {
        #expect(Self.parse(text) { ODSValueParser.dateValue(XMLBytesFixture.bytes($0)) } == expected)
    }

    @Test(arguments: [("of:=SUM([.A1:.A3])", "SUM([.A1:.A3])"), ("=A1", "A1"), ("of:=", nil), ("msoxl:=A1", "msoxl:=A1")])
    func formulaText(text: String, expected: String?) {
        #expect(Self.parse(text) { ODSSheetParser.formulaText(XMLBytesFixture.bytes($0)) } == expected)
    }

    @Test(arguments: [("3", 3), ("0", 1), ("", 1), ("-2", 1), ("99999999999999999999999", Int(Int32.max)), ("x", 1)])
    func repeatCount(text: String, expected: Int) {
        #expect(Self.parse(text) { ODSSheetParser.repeatCount(XMLBytesFixture.bytes($0)) } == expected)
    }
}
