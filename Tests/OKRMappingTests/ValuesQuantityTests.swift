import OKRCore
@testable import OKRMapping
import SheetKit
import Testing

/// One row of the quantity table.
struct QuantityCase: Sendable, CustomTestStringConvertible {
    var text: String
    var decimalComma: Bool?
    var language = "nl"
    var value: Double
    var unit: String?
    var comparator: Comparator?
    var isChange = false
    var ambiguous = false

    init(_ text: String, _ decimalComma: Bool?, in language: String = "nl", _ value: Double, unit: String? = nil,
         comparator: Comparator? = nil, isChange: Bool = false, ambiguous: Bool = false) {
        self.text = text
        self.decimalComma = decimalComma
        self.language = language
        self.value = value
        self.unit = unit
        self.comparator = comparator
        self.isChange = isChange
        self.ambiguous = ambiguous
    }

    var testDescription: String { "\(text) [\(decimalComma.map(String.init) ?? "nil"), \(language)]" }
}

@Suite("ValueParser.quantity: values as people type them")
struct ValuesQuantityTests {
    static let cases: [QuantityCase] = [
        // Percentages.
        .init("25%", true, 0.25, unit: "percent"),
        .init("18 %", true, 0.18, unit: "percent"),
        .init("18 %", true, 0.18, unit: "percent"),
        .init("12,5%", true, 0.125, unit: "percent"),
        .init("25 procent", true, 0.25, unit: "percent"),
        .init("25 pour cent", true, in: "fr", 0.25, unit: "percent"),
        .init("-15%", true, -0.15, unit: "percent", isChange: true),
        .init("−15%", true, -0.15, unit: "percent", isChange: true),
        .init("+20%", true, 0.2, unit: "percent", isChange: true),
        .init("met 20%", true, 0.2, unit: "percent", isChange: true),
        .init("by 20%", false, in: "en", 0.2, unit: "percent", isChange: true),
        // Decimal conventions.
        .init("1.200", true, 1200),
        .init("1,200", false, in: "en", 1200),
        .init("7,2", true, 7.2),
        .init("7.2", false, in: "en", 7.2),
        .init("8,0", true, 8),
        .init("0,25", true, 0.25),
        .init("1.234.567", true, 1_234_567),
        .init("1,234,567", false, in: "en", 1_234_567),
        .init("1.234,56", true, 1234.56),
        .init("1,234.56", false, in: "en", 1234.56),
        .init("1.234,56", false, in: "en", 1234.56),
        .init("1 234,56", true, 1234.56),
        .init("1\u{00A0}234,56", true, 1234.56),
        .init("1\u{202F}234,56", nil, in: "fr", 1234.56),
        .init("10 000", true, in: "fr", 10_000),
        .init("1200", nil, 1200),
        .init("  42  ", nil, 42),
        .init(",5", true, 0.5),
        // Unknown convention: sniffed, lone thousands-shaped values flagged.
        .init("1.200", nil, in: "nl", 1200, ambiguous: true),
        .init("1.200", nil, in: "en", 1.2, ambiguous: true),
        .init("1,200", nil, in: "en", 1200, ambiguous: true),
        .init("1,200", nil, in: "fr", 1.2, ambiguous: true),
        .init("7,2", nil, in: "en", 7.2),
        .init("7.25", nil, in: "nl", 7.25),
        .init("7,2", false, in: "en", 7.2, ambiguous: true),
        .init("7.2", true, in: "nl", 7.2, ambiguous: true),
        .init("0.250", nil, in: "nl", 0.25),
        // Amounts and multipliers.
        .init("€ 250.000", true, 250_000, unit: "currency:EUR"),
        .init("€250,000", false, in: "en", 250_000, unit: "currency:EUR"),
        .init("250.000 €", true, in: "fr", 250_000, unit: "currency:EUR"),
        .init("€ 250.000,-", true, 250_000, unit: "currency:EUR"),
        .init("€ 2 miljoen", true, 2_000_000, unit: "currency:EUR"),
        .init("2 mio", true, 2_000_000),
        .init("€2M", nil, in: "en", 2_000_000, unit: "currency:EUR"),
        .init("3 miljard", true, 3e9),
        .init("2 millions €", true, in: "fr", 2_000_000, unit: "currency:EUR"),
        .init("1,5 k€", true, in: "fr", 1500, unit: "currency:EUR"),
        .init("10k", nil, in: "en", 10_000),
        .init("EUR 1.500", true, 1500, unit: "currency:EUR"),
        .init("$ 45", false, in: "en", 45, unit: "currency:USD"),
        .init("1,5 mln euro", true, 1_500_000, unit: "currency:EUR"),
        // Counted things.
        .init("+1.200 leads", true, 1200, unit: "leads"),
        .init("600 leads", true, 600, unit: "leads"),
        .init("91 posts", true, 91, unit: "posts"),
        .init("5.000 bezoekers/maand", true, 5000, unit: "bezoekers"),
        .init("vijf", true, 5),
        // Bounds.
        .init("≥ 8", true, 8, comparator: .atLeast),
        .init(">= 8", true, 8, comparator: .atLeast),
        .init("=> 8", true, 8, comparator: .atLeast),
        .init("minstens 8", true, 8, comparator: .atLeast),
        .init("Minimaal 85%", true, 0.85, unit: "percent", comparator: .atLeast),
        .init("au moins 8", true, in: "fr", 8, comparator: .atLeast),
        .init("at least 8", false, in: "en", 8, comparator: .atLeast),
        .init("8 of meer", true, 8, comparator: .atLeast),
        .init("≥ 95% behouden", true, 0.95, unit: "percent", comparator: .atLeast),
        .init("< 1 uur", true, 1, unit: "hours", comparator: .below),
        .init("<1u", true, 1, unit: "hours", comparator: .below),
        .init("<= 24 h", true, 24, unit: "hours", comparator: .atMost),
        .init("≤ 5", true, 5, comparator: .atMost),
        .init("minder dan 6%", true, 0.06, unit: "percent", comparator: .below),
        .init("moins de 6 %", true, in: "fr", 0.06, unit: "percent", comparator: .below),
        .init("less than 6%", false, in: "en", 0.06, unit: "percent", comparator: .below),
        .init("meer dan 100", true, 100, comparator: .above),
        .init("max 5", true, 5, comparator: .atMost),
        .init("max. 5 dagen", true, 5, unit: "days", comparator: .atMost),
        .init("maximaal €25", true, 25, unit: "currency:EUR", comparator: .atMost),
        // Durations and ratios.
        .init("21 dagen", true, 21, unit: "days"),
        .init("2 maanden", true, 2, unit: "months"),
        .init("30 min", true, 30, unit: "minutes"),
        .init("3 semaines", true, in: "fr", 3, unit: "weeks"),
        .init("3:1", true, 3, unit: "ratio"),
        .init("1:4", true, 0.25, unit: "ratio"),
    ]

    @Test(arguments: cases)
    func reads(_ c: QuantityCase) throws {
        let parser = ValueParser(decimalComma: c.decimalComma, language: c.language)
        let q = try #require(parser.quantity(c.text))
        ValuesFixture.expectClose(q.value, c.value, "value")
        #expect(q.unit == c.unit)
        #expect(q.comparator == c.comparator)
        #expect(q.isChange == c.isChange)
        #expect(q.ambiguous == c.ambiguous)
    }

    @Test(arguments: [
        "Op schema", "Marketing", "", "   ", "-", "n.v.t.", "Q2", "Q2 2026", "30-06-2026", "2026-06-30", "12:00",
        "14:30", "600 1.200", "1.2.3", "12,34,5", "€", "%", "≥", "2FA", "S2Score", "Verhoog verkoop",
        "🟢 Behaald", "#N/A", "ja", "x", "25% op alle leads", "1er", "3e", "27001-certificering",
    ])
    func rejects(_ text: String) {
        #expect(ValueParser(decimalComma: true, language: "nl").quantity(text) == nil)
        #expect(ValueParser(decimalComma: nil, language: "en").quantity(text) == nil)
    }

    @Test func keepsFullPrecision() throws {
        let nl = ValueParser(decimalComma: true, language: "nl")
        #expect(nl.quantity("0,1")?.value == 0.1)
        #expect(nl.quantity("99,9%")?.value == 0.999)  // not 99.9 / 100 = 0.9990000000000001
        #expect(nl.quantity("18%")?.value == 0.18)
        #expect(nl.quantity("1,2 M€")?.value == 1_200_000)
        #expect(nl.quantity("0,7 mio")?.value == 700_000)
        let q = try #require(nl.quantity("0,1"))
        #expect(q.value == 0.1)
        let big = try #require(ValueParser(decimalComma: false, language: "en").quantity("123456789012345"))
        #expect(big.value == 123_456_789_012_345)
    }
}
