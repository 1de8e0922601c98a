import SheetKit
import Testing

@Suite("Number locales")
struct NumberLocaleTests {
    @Test(arguments: [
        ("nl-BE", "nl-BE"), ("NL_be", "nl-BE"), ("nl-nl", "nl-NL"), ("fr-BE", "fr-BE"), ("fr_FR", "fr-FR"),
        ("en-GB", "en-GB"), ("EN-us", "en-US"), ("nl", "nl"), ("fr", "fr"), ("en", "en"),
    ])
    func knownIdentifiers(_ given: String, _ canonical: String) throws {
        let locale = try #require(NumberLocale(identifier: given))
        #expect(locale.identifier == canonical)
    }

    @Test(arguments: ["de-DE", "nl-DE", "en-BE", "", "nl-BE-x", "-", "english"])
    func unknownIdentifiers(_ given: String) {
        #expect(NumberLocale(identifier: given) == nil)
    }

    @Test func conventions() throws {
        let nl = try #require(NumberLocale(identifier: "nl-BE"))
        #expect(nl.decimalSeparator == "," && nl.groupSeparators == .dot && nl.dateOrder == .dayMonthYear)
        let fr = try #require(NumberLocale(identifier: "fr-FR"))
        #expect(fr.decimalSeparator == "," && fr.groupSeparators == [.space, .dot])
        let us = try #require(NumberLocale(identifier: "en-US"))
        #expect(us.decimalSeparator == "." && us.groupSeparators == .comma && us.dateOrder == .monthDayYear)
        #expect(try #require(NumberLocale(identifier: "en-GB")).dateOrder == .dayMonthYear)
    }

    /// (locale, text, expected number or nil).
    static let numbers: [(String, String, Double?)] = [
        ("nl-BE", "7,2", 7.2), ("nl-BE", "1.200", 1200), ("nl-BE", "1.200,50", 1200.5), ("nl-BE", "-1.234.567,89", -1_234_567.89),
        ("nl-BE", "+12", 12), ("nl-BE", "0,25", 0.25), ("nl-BE", "25%", 0.25), ("nl-BE", "18 %", 0.18), ("nl-BE", "7,5%", 0.075),
        ("nl-BE", " 42 ", 42), ("nl-BE", "−5", -5), ("nl-BE", ",5", 0.5),
        ("nl-BE", "1.20", nil), ("nl-BE", "1.2000", nil), ("nl-BE", "7.2", nil), ("nl-BE", "1,200.50", nil), ("nl-BE", "0.200", nil),
        ("nl-BE", "1 200", nil), ("nl-BE", "5,", nil), ("nl-BE", "", nil), ("nl-BE", "-", nil), ("nl-BE", "%", nil),
        ("nl-BE", "12a", nil), ("nl-BE", "1e5", nil), ("nl-BE", "€ 250", nil), ("nl-BE", "1..200", nil), ("nl-BE", "--5", nil),
        ("fr-BE", "1 200,50", 1200.5), ("fr-BE", "1\u{00A0}200", 1200), ("fr-BE", "1\u{202F}234\u{202F}567", 1_234_567),
        ("fr-BE", "1.200", 1200), ("fr-BE", "1 200.000", nil), ("fr-BE", "12 %", 0.12), ("fr-BE", "1 200 %", 12),
        ("fr-BE", "+32 2 555 1234", nil),
        ("en-GB", "1,200.50", 1200.5), ("en-GB", "1,200", 1200), ("en-GB", "7.25", 7.25), ("en-GB", ".5", 0.5),
        ("en-GB", "7,2", nil), ("en-GB", "1.200,50", nil), ("en-GB", "1,2345", nil), ("en-US", "-0.1", -0.1),
        ("en-GB", "0012", 12), ("en-GB", "1234567890123456789", 1.234567890123456789e18),
        ("en-GB", "0.1234567890123456", 0.1234567890123456), ("en-GB", "123456789012345.6", 123456789012345.6),
    ]

    @Test(arguments: numbers)
    func parseNumber(_ identifier: String, _ text: String, _ expected: Double?) throws {
        let locale = try #require(NumberLocale(identifier: identifier))
        #expect(locale.parseNumber(text) == expected)
        #expect(locale.parseNumber(Substring(text)) == expected)
    }

    @Test func scanDetails() throws {
        let nl = try #require(NumberLocale(identifier: "nl"))
        func scan(_ text: String) -> NumberLocale.ScannedNumber? {
            var copy = text
            return copy.withUTF8 { nl.scanNumber($0) }
        }
        #expect(scan("0012")?.hasLeadingZero == true)
        #expect(scan("0,12")?.hasLeadingZero == false)
        #expect(scan("1.200")?.isGrouped == true)
        #expect(scan("+5")?.hasPlusSign == true)
        #expect(scan("25%")?.isPercent == true)
        #expect(scan("1234567890123456")?.digitCount == 16)
        #expect(scan(" 5") == nil, "scanNumber is strict about spaces")
    }

    @Test func parsedValuesAreCorrectlyRounded() throws {
        let en = try #require(NumberLocale(identifier: "en"))
        for text in ["0.1", "0.3", "4291.31", "1e0".replacingOccurrences(of: "e0", with: ""), "99999.99999", "0.000000000000001"] {
            #expect(en.parseNumber(text) == Double(text), "\(text)")
        }
        #expect(en.parseNumber("33%") == Double("0.33"))
    }

    static let date = CivilDate(year: 2026, month: 6, day: 30)

    /// (locale, text, expected value or nil).
    static let dates: [(String, String, CellValue?)] = [
        ("nl-BE", "2026-06-30", .date(date)), ("en-US", "2026-06-30", .date(date)),
        ("nl-BE", "2026-06-30T14:00", .dateTime(CivilDateTime(date: date, secondsOfDay: 50_400))),
        ("nl-BE", "2026-06-30T14:00:05", .dateTime(CivilDateTime(date: date, secondsOfDay: 50_405))),
        ("nl-BE", "2026-06-30 14:00", .dateTime(CivilDateTime(date: date, secondsOfDay: 50_400))),
        ("nl-BE", "30-06-2026", .date(date)), ("fr-BE", "30/06/2026", .date(date)), ("nl-NL", "30.06.2026", .date(date)),
        ("nl-BE", "1-7-2026", .date(CivilDate(year: 2026, month: 7, day: 1))),
        ("nl-BE", "30-06-2026 09:30", .dateTime(CivilDateTime(date: date, secondsOfDay: 34_200))),
        ("en-US", "06/30/2026", .date(date)), ("en-US", "30/06/2026", nil), ("en-GB", "06/30/2026", nil),
        ("nl-BE", "14:00", .time(50_400)), ("nl-BE", "9:30", .time(34_200)), ("nl-BE", "14:00:30", .time(50_430)),
        ("nl-BE", "24:00", nil), ("nl-BE", "3:1", nil), ("nl-BE", "34:10:10", nil), ("nl-BE", "12:60", nil),
        ("nl-BE", "31-06-2026", nil), ("nl-BE", "29-02-2026", nil), ("nl-BE", "29-02-2028", .date(CivilDate(year: 2028, month: 2, day: 29))),
        ("nl-BE", "30-06-26", nil), ("nl-BE", "30-06/2026", nil), ("nl-BE", "2026/06/30", nil), ("nl-BE", "2026-6-30", nil),
        ("nl-BE", "2026-06-30T", nil), ("nl-BE", "30-06-2026T14:00", nil), ("nl-BE", "2026-06-30Z", nil),
        ("nl-BE", "1.200", nil), ("nl-BE", "Q2 2026", nil), ("nl-BE", "", nil), ("nl-BE", " 2026-06-30 ", .date(date)),
    ]

    @Test(arguments: dates)
    func parseDate(_ identifier: String, _ text: String, _ expected: CellValue?) throws {
        let locale = try #require(NumberLocale(identifier: identifier))
        #expect(locale.parseDate(text) == expected)
        #expect(locale.parseDate(Substring(text)) == expected)
    }
}
