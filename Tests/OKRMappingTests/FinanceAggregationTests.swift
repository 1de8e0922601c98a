import Foundation
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing

extension FinanceTests {
    /// Aggregates checked against values the test computes itself, in whole cents.
    @Suite("Aggregating an export")
    struct Aggregation {
        /// One generated booking, as the test knows it.
        struct Booking {
            var day: CivilDate
            var account: Int
            var costCentre: String
            var cents: Int
            var relation: String
            var text: String
        }

        /// A Windows-1252 `;` ledger with decimal commas, `dd-mm-jjjj` dates, quoted texts (one spanning two
        /// lines), and negative amounts written four ways.
        static func ledger(rows: Int, seed: UInt64 = 7) -> (bytes: [UInt8], bookings: [Booking]) {
            var rng = FinanceLCG(state: seed)
            var bookings: [Booking] = []
            var text = "Datum;Boekstuk;Grootboekrekening;Omschrijving;Kostenplaats;Bedrag;Relatie\r\n"
            for i in 0..<rows {
                let day = CivilDate(year: 2026, month: 1 + rng.next(12), day: 1 + rng.next(28))
                let account = 4000 + rng.next(5000)
                let centre = "KP" + String(format: "%02d", 1 + rng.next(99))
                let cents = rng.next(20_000_000) - 5_000_000
                let relation = "Relatie \(rng.next(40))"
                let description = ["Omzet diensten", "Huur kantoor", "Opleiding \"spoed\"", "Café; à la carte", "Regel 1\nregel 2"][rng.next(5)]
                bookings.append(Booking(day: day, account: account, costCentre: centre, cents: cents, relation: relation, text: description))
                let quoted = description.contains(";") || description.contains("\"") || description.contains("\n")
                    ? "\"" + description.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : description
                let date = String(format: "%02d-%02d-%04d", day.day, day.month, day.year)
                text += "\(date);BK\(i);\(account);\(quoted);\(centre);\(Aggregation.amount(cents, style: rng.next(5)));\(relation)\r\n"
            }
            return (windows1252(text), bookings)
        }

        /// Cents written as an export writes them: `-1.234,56`, `(1.234,56)`, `1.234,56-`, `1 234,56`, `1234,56`.
        static func amount(_ cents: Int, style: Int) -> String {
            let whole = abs(cents) / 100, fraction = String(format: "%02d", abs(cents) % 100)
            func grouped(_ separator: String) -> String {
                var digits = String(whole), out = ""
                while digits.count > 3 {
                    out = separator + String(digits.suffix(3)) + out
                    digits = String(digits.dropLast(3))
                }
                return digits + out
            }
            let negative = cents < 0
            switch style {
            case 0: return (negative ? "-" : "") + grouped(".") + "," + fraction
            case 1: return negative ? "(" + grouped(".") + "," + fraction + ")" : grouped(".") + "," + fraction
            case 2: return grouped(".") + "," + fraction + (negative ? "-" : "")
            case 3: return (negative ? "-" : "") + grouped(" ") + "," + fraction
            default: return (negative ? "-" : "") + String(whole) + "," + fraction
            }
        }

        static let q2 = Period(label: "Q2 2026", start: CivilDate(year: 2026, month: 4, day: 1), end: CivilDate(year: 2026, month: 6, day: 30))

        func run(_ rules: String, ledger: [UInt8], period: Period? = Aggregation.q2, name: String = "grootboek.csv") throws -> LedgerResult {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = try financeWrite(ledger, name, in: dir)
            let file = try financeRules(rules)
            return try LedgerAggregator(rules: file.rules, source: file.source, period: period, rulesFile: file.file).run(path: path)
        }

        @Test func everyMeasureAgreesWithAnIndependentComputation() throws {
            let (bytes, bookings) = Aggregation.ledger(rows: 3000)
            let result = try run("""
                updates:
                  - {key_result: a, measure: sum(Bedrag), where: {Grootboekrekening: {between: [8000, 8099]}, Datum: {in_period: true}}}
                  - {key_result: b, measure: count, where: {Omschrijving: {contains: "OPLEIDING"}}}
                  - {key_result: c, measure: count_distinct(Relatie), where: {Kostenplaats: {in: [KP01, KP02, KP03]}}}
                  - {key_result: d, measure: avg(Bedrag), where: {Datum: {between: [01-03-2026, 2026-03-31]}}}
                  - {key_result: e, measure: min(Bedrag), where: {not: {Grootboekrekening: {starts_with: "4"}}}}
                  - {key_result: f, measure: max(Bedrag)}
                  - {key_result: g, measure: last(Bedrag by Datum), where: {Kostenplaats: KP07}}
                  - {key_result: h, measure: sum(Bedrag), scale: 0.001, where: {Datum: {in_period: false}, Omschrijving: {starts_with: "caf"}}}
                  - {key_result: i, measure: count, where: {Grootboekrekening: {between: [9999, 99999]}}}
                """, ledger: bytes)
            let q2 = Aggregation.q2
            func inQ2(_ b: Booking) -> Bool { b.day >= q2.start && b.day <= q2.end }
            let a = bookings.filter { (8000...8099).contains($0.account) && inQ2($0) }.reduce(0) { $0 + $1.cents }
            let b = bookings.filter { $0.text.lowercased().contains("opleiding") }.count
            let c = Set(bookings.filter { ["KP01", "KP02", "KP03"].contains($0.costCentre) }.map(\.relation)).count
            let march = bookings.filter { $0.day.month == 3 }
            let d = Double(march.reduce(0) { $0 + $1.cents }) / Double(march.count) / 100
            let e = bookings.filter { !String($0.account).hasPrefix("4") }.map(\.cents).min()!
            let f = bookings.map(\.cents).max()!
            let kp07 = bookings.filter { $0.costCentre == "KP07" }
            let latest = kp07.map(\.day).max()!
            let g = kp07.last { $0.day == latest }!.cents
            let h = bookings.filter { !inQ2($0) && $0.text.lowercased().hasPrefix("caf") }.reduce(0) { $0 + $1.cents }
            #expect(result.rowsRead == 3000)
            #expect(result.header == ["Datum", "Boekstuk", "Grootboekrekening", "Omschrijving", "Kostenplaats", "Bedrag", "Relatie"])
            #expect(result.values[0] == Double(a) / 100, "sum in Q2 of 8000-8099")
            #expect(result.values[1] == Double(b))
            #expect(result.values[2] == Double(c))
            #expect(ValuesFixture.approximatelyEqual(result.values[3], d))
            #expect(result.values[4] == Double(e) / 100)
            #expect(result.values[5] == Double(f) / 100)
            #expect(result.values[6] == Double(g) / 100)
            #expect(ValuesFixture.approximatelyEqual(result.values[7], Double(h) / 100_000))
            #expect(result.values[8] == 0 && result.matchedRows[8] == 0)
            #expect(result.matchedRows[0] == bookings.filter { (8000...8099).contains($0.account) && inQ2($0) }.count)
        }

        @Test func aBadAmountStopsAtItsLineAndColumn() throws {
            // The quoted description spans two lines, so the bad record starts on line 5.
            let text = "Datum;Omschrijving;Bedrag\r\n01-04-2026;a;1,00\r\n02-04-2026;\"twee\r\nregels\";2,00\r\n03-04-2026;c;12,3,4\r\n"
            let rules = "updates:\n  - {key_result: a, measure: sum(Bedrag)}\n"
            let message = financeError { _ = try run(rules, ledger: Array(text.utf8)) }
            #expect(message?.contains("/grootboek.csv:5:14: error: \"12,3,4\" is not an amount (column \"Bedrag\"); correct the export, or add \"source: {on_error: skip}\"") == true, "\(message ?? "")")
        }

        @Test func skippedRowsAreCountedAndListed() throws {
            let text = "Datum;Bedrag\n01-04-2026;1,50\n31-02-2026;2,00\n03-04-2026;abc\n04-04-2026;(3,25)\n\n05-04-2026;\n"
            let result = try run("source: {on_error: skip}\nupdates:\n  - {key_result: a, measure: sum(Bedrag), where: {Datum: {in_period: true}}}\n  - {key_result: b, measure: count}\n",
                                 ledger: Array(text.utf8))
            #expect(result.values[0] == 1.5 - 3.25)
            #expect(result.values[1] == 3, "the row with an empty amount still counts")
            #expect(result.skippedRows == 2)
            #expect(result.skipped.map { $0.description.split(separator: "/").last.map(String.init) ?? "" } == [
                "grootboek.csv:3:1: warning: \"31-02-2026\" is not a date (column \"Datum\"); row skipped",
                "grootboek.csv:4:12: warning: \"abc\" is not an amount (column \"Bedrag\"); row skipped",
            ])
        }

        @Test func unknownColumnsNameTheRuleAndTheColumns() throws {
            let rules = "updates:\n  - key_result: a\n    measure: sum(Bedrag)\n    where:\n      Kostenplaast: KP01\n"
            let message = financeError { _ = try run(rules, ledger: Array("Datum;Kostenplaats;Bedrag\n01-04-2026;KP01;1\n".utf8)) }
            #expect(message?.replacing(#/ in \S*/grootboek/#, with: " in grootboek") == "rules.yaml:5: error: no column \"Kostenplaast\" in grootboek.csv (header row 1) for the rule of \"a\"; "
                + "the columns are: Datum, Kostenplaats, Bedrag; did you mean \"Kostenplaats\"?")
        }

        @Test func inPeriodNeedsAPeriod() throws {
            let rules = "updates:\n  - key_result: a\n    measure: count\n    where: {Datum: {in_period: true}}\n"
            let message = financeError { _ = try run(rules, ledger: Array("Datum\n01-04-2026\n".utf8), period: nil) }
            #expect(message?.hasPrefix("rules.yaml:2: error: the rule for \"a\" uses in_period, but there is no period") == true, "\(message ?? "")")
        }

        @Test func theHeaderIsFoundBelowATitleAndColumnsMatchLoosely() throws {
            let text = "Export grootboek;;\nGegenereerd op 01-07-2026;;\n;;\nDATUM;Bedrag (EUR);Rekening\n01-04-2026;1.234,50;8000\n02-04-2026;10;8000\n"
            let result = try run("updates:\n  - {key_result: a, measure: sum(bedrag eur), where: {datum: {in_period: true}}}\n", ledger: Array(text.utf8))
            #expect(result.headerRow == 4)
            #expect(result.values[0] == 1244.5)
        }

        @Test func decimalPointExportsAndOverrides() throws {
            let en = "Date,Account,Amount\n2026-04-01,8000,\"1,234.50\"\n2026-04-02,8000,-0.5\n2026-04-03,8000,\"(1,000)\"\n"
            let result = try run("updates:\n  - {key_result: a, measure: sum(Amount)}\n", ledger: Array(en.utf8))
            #expect(result.values[0] == 1234.5 - 0.5 - 1000)
            let ambiguous = "Datum;Bedrag\n01-04-2026;1.234\n"
            #expect(try run("updates:\n  - {key_result: a, measure: sum(Bedrag)}\n", ledger: Array(ambiguous.utf8)).values[0] == 1234)
            #expect(try run("source: {decimal: point}\nupdates:\n  - {key_result: a, measure: sum(Bedrag)}\n", ledger: Array(ambiguous.utf8)).values[0] == 1.234)
        }

        @Test func countWithoutConditionsCountsEveryNonBlankRow() throws {
            let text = "Datum;Bedrag\n01-04-2026;1\n;\n\n02-04-2026;\n"
            let result = try run("updates:\n  - {key_result: a, measure: count}\n", ledger: Array(text.utf8))
            #expect(result.values == [2])
            #expect(result.rowsRead == 2)
        }

        @Test func anXLSXExportIsReadRowByRow() throws {
            // The seed template as an export: numbers, percentages and texts in typed cells.
            let file = try financeRules("""
                updates:
                  - {key_result: a, measure: sum(Doelwaarde)}
                  - {key_result: b, measure: count, where: {Niveau: {in: [Bedrijf, HR]}}}
                  - {key_result: c, measure: max(Startwaarde), where: {Verantwoordelijke: {contains: "MANAGER"}}}
                  - {key_result: d, measure: last(Huidige waarde by Deadline)}
                """)
            let result = try LedgerAggregator(rules: file.rules, source: file.source, period: nil, rulesFile: "rules.yaml")
                .run(path: sample("okr-sjabloon.xlsx"))
            #expect(result.headerRow == 3)
            #expect(ValuesFixture.approximatelyEqual(result.values[0], 0.25 + 1200 + 8))
            #expect(result.values[1] == 2)
            #expect(result.values[2] == 7.2)
            #expect(result.values[3] == 0.21, "30-06-2026 is the latest deadline")
        }

        @Test func theSampleLedgerIsReadAsWindows1252() throws {
            let path = samplesRoot.appendingPathComponent("samples/grootboek.csv").path
            let file = try financeRules("updates:\n  - {key_result: a, measure: count_distinct(Relatie)}\n  - {key_result: b, measure: sum(Bedrag), where: {Relatie: {contains: \"étoile\"}}}\n")
            let result = try LedgerAggregator(rules: file.rules, source: file.source, period: nil, rulesFile: "rules.yaml").run(path: path)
            #expect(result.rowsRead == 48)
            #expect(result.values[0] == 8)
            #expect(result.matchedRows[1] > 0, "É is read as Windows-1252 and é matches it ignoring case: \(result.values)")
        }
    }
}
