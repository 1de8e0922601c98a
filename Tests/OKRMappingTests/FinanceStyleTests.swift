@testable import OKRMapping
import OKRCore
import SheetKit
import Testing

extension FinanceTests {
    /// Numbers and statuses written back the way the template writes them.
    @Suite("Writing in the template's convention")
    struct Style {
        @Test(arguments: [
            ("1.240", true, 131806.11, "131.806,11"),
            ("96.500", true, 182103.48, "182.103,48"),
            ("7,6", true, 7.25, "7,25"),
            ("€ 250.000", true, 1234567.5, "€ 1.234.567,5"),
            ("96,500", false, 131806.11, "131,806.11"),
            ("21%", true, 0.2375, "23,75%"),
            ("40", true, 68.33479, "68,33479"),
            ("1 200", true, -1500, "-1 500"),
            ("0", true, 0.1 + 0.2, "0,3"),
        ])
        func currentValues(reference: String, decimalComma: Bool, value: Double, expected: String) throws {
            var style = try #require(TemplateNumberStyle(inferredFrom: reference, decimalComma: decimalComma))
            style.decimals = nil
            #expect(style.format(value) == expected)
        }

        @Test func progressKeepsItsDecimalsAndScoreHasOne() throws {
            #expect(try #require(TemplateNumberStyle(inferredFrom: "39%", decimalComma: true)).format(0.72841392) == "73%")
            #expect(try #require(TemplateNumberStyle(inferredFrom: "42,9%", decimalComma: true)).format(0.72841392) == "72,8%")
            #expect(try #require(TemplateNumberStyle(inferredFrom: "0.43", decimalComma: false)).format(0.72841392) == "0.73")
            #expect(TemplateNumberStyle(inferredFrom: "Op schema", decimalComma: true) == nil)
            #expect(TemplateNumberStyle(inferredFrom: "1.2.3,4,5", decimalComma: true) == nil)
            var score = TemplateNumberStyle(decimalComma: true)
            score.decimals = 1
            #expect(score.format(0.7) == "0,7")
        }

        @Test func statusesFollowTheTemplatesMarksAndLanguage() {
            let auto = Mapping.auto
            let nl = StatusStyle(texts: ["🟡 Lopend", "🟢 Behaald", ""], mapping: auto, language: "en")
            #expect(nl.text(.onTrack, mapping: auto) == "🔵 Op schema")
            let en = StatusStyle(texts: ["At risk", "On track"], mapping: auto, language: "nl")
            #expect(en.text(.offTrack, mapping: auto) == "Off track")
            let marks = StatusStyle(texts: ["🟢", "🔴"], mapping: auto, language: "fr")
            #expect(marks.text(.atRisk, mapping: auto) == "🟡")
            let after = StatusStyle(texts: ["En cours 🟡"], mapping: auto, language: "en")
            #expect(after.text(.achieved, mapping: auto) == "Atteint 🟢")
            let none = StatusStyle(texts: [], mapping: auto, language: "fr")
            #expect(none.text(.notStarted, mapping: auto) == "Non commencé")
        }
    }
}

extension FinanceTests {
    /// Whatever bytes a cell holds, reading it never crashes and a result is a finite number or a real day.
    @Suite("Reading cells: no crash")
    struct CellFuzz {
        @Test func randomBytesAsAmountsAndDates() {
            var rng = FinanceLCG(state: 2026)
            let alphabet = Array("0123456789.,-+() €$£%EURusd\t\u{A0}e/:T".utf8)
            for _ in 0..<20_000 {
                let length = rng.next(24)
                var bytes: [UInt8] = (0..<length).map { _ in rng.next(4) == 0 ? UInt8(rng.next(256)) : alphabet[rng.next(alphabet.count)] }
                if rng.next(3) == 0 { bytes = Array("-1.234,56".utf8) + bytes.prefix(2) }
                bytes.withUnsafeBytes { raw in
                    var convention = LedgerValueReader.Convention.undecided
                    if let amount = LedgerValueReader.amount(raw, convention: &convention, fallback: .comma) {
                        #expect(amount.value.isFinite)
                    }
                    if let day = LedgerValueReader.day(raw) {
                        #expect(CivilDate(daysSinceEpoch: day).isValid)
                    }
                }
            }
        }

        @Test(arguments: [
            ("-1.234,56", -1234.56), ("1 234,56", 1234.56), ("(1.234,56)", -1234.56), ("1.234,56-", -1234.56),
            ("€ 1.234,56", 1234.56), ("-€ 12,50", -12.5), ("1.234,56 EUR", 1234.56), ("  7,5 ", 7.5), ("1.234.567", 1234567),
        ])
        func amountsAsExportsWriteThem(text: String, expected: Double) {
            var copy = text
            let value = copy.withUTF8 { utf8 -> Double? in
                var convention = LedgerValueReader.Convention.undecided
                return LedgerValueReader.amount(UnsafeRawBufferPointer(utf8), convention: &convention, fallback: .comma)?.value
            }
            #expect(value == expected)
        }

        @Test func datesAsExportsWriteThem() {
            let june30 = CivilDate(year: 2026, month: 6, day: 30).daysSinceEpoch
            for text in ["30-06-2026", "30/06/2026", "30.06.2026", "2026-06-30", "2026-06-30 14:00:00", "20260630", "46203"] {
                #expect(LedgerValueReader.day(text: text) == june30, "\(text)")
            }
            for text in ["31-06-2026", "06-30-2026", "2026", "12", "juni"] { #expect(LedgerValueReader.day(text: text) == nil, "\(text)") }
        }
    }
}
