import OKRCore
@testable import OKRMapping
import SheetKit
import Testing

/// A small deterministic generator (SplitMix64), so that a failing input can be found again.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Values: garbage in, no crash out")
struct ValuesFuzzTests {
    /// Pieces that the parsers react to, glued at random.
    static let pieces: [String] = [
        "0", "1", "7", "12", "30", "2026", "1.200", "1,200", "7,2", ".", ",", " ", "\u{00A0}", "\u{202F}", "-", "−",
        "+", "%", "€", "$", ":", "/", "..", "≥", "≤", "<", ">", "=", "→", "(", ")", "“", "'", "’", "Q", "Q2", "K3",
        "T4", "H1", "FY", "fy26", "van", "naar", "tot", "met", "by", "de", "à", "vóór", "einde", "fin", "end of",
        "juni", "juin", "June", "mei", "sept", "30", "1er", "3e", "kwartaal", "maand", "van Q2", "dagen", "uur",
        "miljoen", "k", "M", "mio", "minstens", "minder dan", "max", "behouden", "verdubbelen", "halveren",
        "afronden", "lever", "op", "in", "binnen", "de helft", "vijf", "één", "2FA", "🟢", "e\u{0301}", "\u{200D}",
        "\u{FE0F}", "\t", "\n", "999999999999999999999", "0000", "1e308", "٣", "０", "ß", "İ", "\u{0000}",
    ]

    private static func garbage(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int(rng.next() % 14) {
            s += pieces[Int(rng.next() % UInt64(pieces.count))]
            if rng.next() % 3 == 0 { s += " " }
        }
        return s
    }

    @Test func survivesRandomInput() {
        var rng = SplitMix64(state: 20_260_630)
        let parsers = [ValueParser(decimalComma: true, language: "nl"), ValueParser(decimalComma: nil, language: "en"),
                       ValueParser(decimalComma: false, language: "fr", fiscalYearStartMonth: 7),
                       ValueParser(decimalComma: nil, language: "", fiscalYearStartMonth: 13)]
        for n in 0..<4000 {
            let text = Self.garbage(&rng)
            let parser = parsers[n % parsers.count]
            let reference: Period? = n % 3 == 0 ? nil : (n % 3 == 1 ? ValuesFixture.q2of2026 : ValuesFixture.fy2026July)
            _ = parser.quantity(text)
            _ = parser.date(text, reference: reference, fiscalYearStartMonth: n % 13)
            _ = PeriodParser.parse(text, fiscalYearStartMonth: n % 14 - 1)
            _ = PeriodParser.find(in: text)
            let facts = KeyResultSentence.parse(text, parser: parser, reference: reference)
            #expect(facts.inferred.count <= 6)
            if let q = parser.quantity(text) { #expect(q.value.isFinite) }
        }
    }

    @Test(arguments: [
        String(repeating: "9", count: 5000), String(repeating: "1.", count: 3000), String(repeating: "van 1 naar ", count: 500),
        String(repeating: "einde ", count: 1000) + "Q2", String(repeating: "€", count: 2000), String(repeating: "🟢", count: 1000),
        "1e308", "1" + String(repeating: "0", count: 400), "0,", ",", ".", "Q", "Q0 2026", "Q9 2026", "FY", "FY99999",
        "31-12-9999", "01-01-0000", "9999-12-31..0001-01-01", "2200-12-31", "1:0", "0:0", "99999:1",
        String(repeating: "lever op ", count: 3000), String(repeating: "eerste maand van ", count: 500) + "Q2",
        String(repeating: "1 234 ", count: 2000), String(repeating: "-", count: 5000) + "5",
    ])
    func survivesAdversarialInput(_ text: String) {
        let nl = ValueParser(decimalComma: true, language: "nl")
        if let q = nl.quantity(text) { #expect(q.value.isFinite) }
        _ = nl.date(text, reference: ValuesFixture.q2of2026)
        _ = PeriodParser.parse(text)
        _ = PeriodParser.find(in: text)
        _ = KeyResultSentence.parse(text, parser: nl, reference: ValuesFixture.q2of2026)
    }

    @Test func isFastEnoughForTenThousandCells() {
        let nl = ValueParser(decimalComma: true, language: "nl")
        let cells = ["25%", "1.200", "€ 2 miljoen", "≥ 8", "30-06-2026", "Op schema", "7,2", "einde Q2"]
        let sentences = ValuesSentenceTests.smart.map(\.sentence)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for n in 0..<10_000 {
                _ = nl.quantity(cells[n % cells.count])
                _ = nl.date(cells[n % cells.count], reference: ValuesFixture.q2of2026)
                _ = KeyResultSentence.parse(sentences[n % sentences.count], parser: nl, reference: ValuesFixture.q2of2026)
            }
        }
        #expect(elapsed < .seconds(10), "10,000 cells and sentences took \(elapsed)")
    }
}
