import Foundation
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing

extension FinanceTests {
    /// A CSV export is read on two threads (``LedgerPipeline``) in batches of rows: results and errors must
    /// be those of reading it row by row, whatever batch a row falls in.
    @Suite("Reading an export ahead")
    struct Pipeline {
        /// Rows past several batches.
        static let rows = 3 * LedgerBatch.maxRows + 123

        /// `Datum;Omschrijving;Grootboekrekening;Bedrag` rows: amounts in cents from the test's generator, a
        /// description spanning two lines now and then; `bad` replaces the amount of some rows, `tail` ends
        /// the file. Returns the text and the line each data row starts on.
        static func ledger(rows: Int, bad: [Int: String] = [:], tail: String = "") -> (text: String, lines: [Int], cents: [Int], accounts: [Int], days: [CivilDate]) {
            var rng = FinanceLCG(state: 11)
            var parts = ["Datum;Omschrijving;Grootboekrekening;Bedrag\n"]
            var lines: [Int] = [], cents: [Int] = [], accounts: [Int] = [], days: [CivilDate] = []
            var line = 2
            for i in 0..<rows {
                let day = CivilDate(year: 2026, month: 1 + rng.next(12), day: 1 + rng.next(28))
                let account = 4000 + rng.next(1000)
                let amount = rng.next(2_000_000) - 1_000_000
                let twoLines = i % 997 == 5
                let description = twoLines ? "\"regel \(i)\nvervolg\"" : "Boeking \(i)"
                let written = bad[i] ?? (amount < 0 ? "-" : "") + "\(abs(amount) / 100),\(String(format: "%02d", abs(amount) % 100))"
                parts.append(String(format: "%02d-%02d-%04d", day.day, day.month, day.year) + ";\(description);\(account);\(written)\n")
                lines.append(line)
                line += twoLines ? 2 : 1
                cents.append(amount)
                accounts.append(account)
                days.append(day)
            }
            parts.append(tail)
            return (parts.joined(), lines, cents, accounts, days)
        }

        /// The column the amount of data row `i` starts in (a row on one line).
        static func amountColumn(_ i: Int) -> Int { "01-01-2026;Boeking \(i);4000;".count + 1 }

        func run(_ rules: String, text: String) throws -> LedgerResult {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = try financeWrite(Array(text.utf8), "grootboek.csv", in: dir)
            let file = try financeRules(rules)
            return try LedgerAggregator(rules: file.rules, source: file.source, period: Aggregation.q2, rulesFile: file.file).run(path: path)
        }

        static let rules = """
            updates:
              - {key_result: a, measure: sum(Bedrag), where: {Grootboekrekening: {between: [4000, 4499]}, Datum: {in_period: true}}}
              - {key_result: b, measure: count, where: {Grootboekrekening: {between: [4500, 4999]}}}
              - {key_result: c, measure: min(Bedrag), where: {Datum: {in_period: false}}}
              - {key_result: d, measure: last(Bedrag by Datum), where: {Grootboekrekening: {between: [4990, 4999]}}}
              - {key_result: e, measure: count_distinct(Grootboekrekening), where: {Omschrijving: {starts_with: "regel"}}}
            """

        @Test func sumsOverManyBatchesAgreeWithAnIndependentComputation() throws {
            let ledger = Pipeline.ledger(rows: Pipeline.rows)
            let result = try run(Pipeline.rules, text: ledger.text)
            let q2 = Aggregation.q2
            let all = ledger.cents.indices
            func inQ2(_ i: Int) -> Bool { ledger.days[i] >= q2.start && ledger.days[i] <= q2.end }
            let a = all.filter { (4000...4499).contains(ledger.accounts[$0]) && inQ2($0) }
            let b = all.filter { (4500...4999).contains(ledger.accounts[$0]) }.count
            let c = all.filter { !inQ2($0) }.map { ledger.cents[$0] }.min()!
            let late = all.filter { (4990...4999).contains(ledger.accounts[$0]) }
            let latest = late.map { ledger.days[$0] }.max()!
            let d = ledger.cents[late.last { ledger.days[$0] == latest }!]
            let e = Set(all.filter { $0 % 997 == 5 }.map { ledger.accounts[$0] }).count
            #expect(result.rowsRead == Pipeline.rows)
            #expect(result.values[0] == Double(a.reduce(0) { $0 + ledger.cents[$1] }) / 100)
            #expect(result.matchedRows[0] == a.count)
            #expect(result.values[1] == Double(b))
            #expect(result.values[2] == Double(c) / 100)
            #expect(result.values[3] == Double(d) / 100, "the last row of the latest day wins, across batches")
            #expect(result.values[4] == Double(e))
        }

        @Test func aBadAmountPastTheFirstBatchStopsAtItsLineAndColumn() throws {
            let first = 2 * LedgerBatch.maxRows + 17, second = 3 * LedgerBatch.maxRows
            let ledger = Pipeline.ledger(rows: Pipeline.rows, bad: [first: "12,3,4", second: "abc"], tail: "01-04-2026;\"never closed\n")
            let message = financeError { _ = try run(Pipeline.rules, text: ledger.text) }
            let at = "/grootboek.csv:\(ledger.lines[first]):\(Pipeline.amountColumn(first)): error: \"12,3,4\" is not an amount (column \"Bedrag\")"
            #expect(message?.contains(at) == true, "the first bad cell in file order: \(message ?? "no error")")
        }

        @Test func aScanningErrorComesAfterTheRowsBeforeIt() throws {
            // No bad cell: the quote never closed at the end is the error.
            let clean = Pipeline.ledger(rows: Pipeline.rows, tail: "01-04-2026;\"never closed\n")
            let message = financeError { _ = try run(Pipeline.rules, text: clean.text) }
            let line = clean.lines.last! + 1
            #expect(message?.contains("/grootboek.csv:\(line):12: error: this quoted field is never closed") == true, "\(message ?? "no error")")
            // A bad amount late in the file, before the same scanning error: the bad amount is reported.
            let last = Pipeline.rows - 1
            let bad = Pipeline.ledger(rows: Pipeline.rows, bad: [last: "1,2,3"], tail: "01-04-2026;\"never closed\n")
            let first = financeError { _ = try run(Pipeline.rules, text: bad.text) }
            #expect(first?.contains("/grootboek.csv:\(bad.lines[last]):\(Pipeline.amountColumn(last)): error: \"1,2,3\" is not an amount") == true,
                    "\(first ?? "no error")")
        }

        @Test func skippedRowsInEveryBatchAreCountedAndLocated() throws {
            let bad = [3, LedgerBatch.maxRows - 1, LedgerBatch.maxRows, 2 * LedgerBatch.maxRows + 500, Pipeline.rows - 1]
            let ledger = Pipeline.ledger(rows: Pipeline.rows, bad: Dictionary(uniqueKeysWithValues: bad.map { ($0, "x\($0)") }))
            let result = try run("source: {on_error: skip}\n" + Pipeline.rules, text: ledger.text)
            #expect(result.rowsRead == Pipeline.rows)
            #expect(result.skippedRows == bad.count)
            #expect(result.skipped.map { $0.description.split(separator: "/").last.map(String.init) ?? "" } == bad.map {
                "grootboek.csv:\(ledger.lines[$0]):\(Pipeline.amountColumn($0)): warning: \"x\($0)\" is not an amount (column \"Bedrag\"); row skipped"
            })
            let kept = ledger.cents.indices.filter { !bad.contains($0) && (4500...4999).contains(ledger.accounts[$0]) }
            #expect(result.values[1] == Double(kept.count))
        }

        @Test func anUpdateWithALateBadAmountWritesNothing() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let late = Pipeline.rows - 50
            let ledger = Pipeline.ledger(rows: Pipeline.rows, bad: [late: "twaalf"])
            let data = try financeWrite(Array(ledger.text.utf8), "grootboek.csv", in: dir)
            let rules = try financeWrite(Array("period: 2026-Q2\nupdates:\n  - {key_result: F1.1, measure: sum(Bedrag), where: {Datum: {in_period: true}}}\n".utf8),
                                         "rules.yaml", in: dir)
            let output = dir.appendingPathComponent("uit.csv").path
            var job = UpdateJob(template: sample("okr-financieel.csv"), data: data, rules: rules)
            job.options.asOf = CivilDate(iso: "2026-05-15")
            let message = financeError {
                let plan = try job.plan()
                try job.write(plan, to: output)
            }
            #expect(message?.contains("/grootboek.csv:\(ledger.lines[late]):\(Pipeline.amountColumn(late)): error: \"twaalf\" is not an amount") == true,
                    "\(message ?? "no error")")
            #expect(!FileManager.default.fileExists(atPath: output))
        }

        /// With the period in the rules file the export is aggregated while the template is imported;
        /// a template that cannot be updated is still the error reported, not the export's bad amount,
        /// and the aggregation is stopped before plan() returns.
        @Test func theTemplatesErrorComesBeforeTheExportsWhenBothAreRead() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let ledger = Pipeline.ledger(rows: Pipeline.rows, bad: [Pipeline.rows - 50: "twaalf"])
            let data = try financeWrite(Array(ledger.text.utf8), "grootboek.csv", in: dir)
            let rules = try financeWrite(Array("period: 2026-Q2\nupdates:\n  - {key_result: F1.1, measure: sum(Bedrag), where: {Datum: {in_period: true}}}\n".utf8),
                                         "rules.yaml", in: dir)
            let noCurrent = try financeWrite(Array("Doelstelling;Sleutelresultaat;Doelwaarde\nGroei;Kwartaalomzet;10\n".utf8), "t.csv", in: dir)
            let message = financeError { _ = try UpdateJob(template: noCurrent, data: data, rules: rules).plan() }
            #expect(message?.contains("error: the template has no current-value column to update") == true, "\(message ?? "no error")")
            let missing = financeError {
                _ = try UpdateJob(template: noCurrent, data: dir.appendingPathComponent("geen.csv").path, rules: rules).plan()
            }
            #expect(missing?.contains("no current-value column") == true, "\(missing ?? "no error")")
        }

        @Test func rulesFoundByTheirAccountRangeAgreeWithAnIndependentComputation() throws {
            let ledger = Pipeline.ledger(rows: Pipeline.rows)
            let q2 = Aggregation.q2
            func inQ2(_ i: Int) -> Bool { ledger.days[i] >= q2.start && ledger.days[i] <= q2.end }
            // Ten disjoint ranges (found by bisection), one no account is in, a rule without a range; then the
            // same with an overlapping range, which makes every rule be tried on every row.
            var rules = "updates:\n"
            for k in 0..<10 {
                rules += "  - {key_result: r\(k), measure: sum(Bedrag), where: {Grootboekrekening: {between: [\(4900 - 100 * k), \(4999 - 100 * k)]}, Datum: {in_period: true}}}\n"
            }
            rules += "  - {key_result: empty, measure: count, where: {Grootboekrekening: {between: [6000, 6100]}}}\n"
            rules += "  - {key_result: all, measure: count, where: {Datum: {in_period: true}}}\n"
            let overlapping = rules + "  - {key_result: wide, measure: sum(Bedrag), where: {Grootboekrekening: {between: [4050, 4150.5]}}}\n"
            for text in [rules, overlapping] {
                let result = try run(text, text: ledger.text)
                for k in 0..<10 {
                    let range = (4900 - 100 * k)...(4999 - 100 * k)
                    let kept = ledger.cents.indices.filter { range.contains(ledger.accounts[$0]) && inQ2($0) }
                    #expect(result.values[k] == Double(kept.reduce(0) { $0 + ledger.cents[$1] }) / 100, "r\(k)")
                    #expect(result.matchedRows[k] == kept.count)
                }
                #expect(result.values[10] == 0)
                #expect(result.values[11] == Double(ledger.cents.indices.filter(inQ2).count))
                if text == overlapping {
                    let wide = ledger.cents.indices.filter { (4050...4150).contains(ledger.accounts[$0]) }
                    #expect(result.values[12] == Double(wide.reduce(0) { $0 + ledger.cents[$1] }) / 100)
                }
            }
        }

        @Test func thePlainAmountPathReadsAsTheGeneralReader() {
            var rng = FinanceLCG(state: 3)
            var texts = ["0", "-0", "0,0", "-0,000001", "007", "123456789,123456", "1234567890,12", "999999999999999", "9999999999999999",
                         "1,2345678", "12345678,1234567", "1.5", "1,5", "-1", "1.234", "1,234", "12.5", "100000000000000,5"]
            for _ in 0..<5000 {
                var text = rng.next(4) == 0 ? "-" : ""
                for _ in 0...rng.next(12) { text += String(rng.next(10)) }
                if rng.next(3) > 0 {
                    text += rng.next(2) == 0 ? "," : "."
                    for _ in 0...rng.next(8) { text += String(rng.next(10)) }
                }
                texts.append(text)
            }
            for text in texts {
                for convention in [LedgerValueReader.Convention.comma, .point, .undecided] {
                    var fast = convention, general = convention
                    let (a, b) = Array(text.utf8).withUnsafeBytes { raw in
                        (LedgerValueReader.amount(raw, convention: &fast, fallback: .comma),
                         LedgerValueReader.generalAmount(raw, convention: &general, fallback: .comma))
                    }
                    #expect(a?.value.bitPattern == b?.value.bitPattern && a?.micros == b?.micros && fast == general,
                            "\(text) \(convention): \(String(describing: a)) vs \(String(describing: b))")
                }
            }
        }

        @Test func theDayMonthYearPathAgreesWithCivilDate() {
            for year in [0, 1, 1899, 1900, 1970, 2000, 2024, 2025, 2100, 9999] {
                for month in 0...13 {
                    for day in 0...32 {
                        let text = String(format: "%02d-%02d-%04d", day, month, year)
                        let date = CivilDate(year: year, month: month, day: day)
                        let fast = Array(text.utf8).withUnsafeBufferPointer { LedgerValueReader.dayMonthYear($0) }
                        #expect(fast == (date.isValid ? date.daysSinceEpoch : nil), "\(text)")
                    }
                }
            }
        }
    }
}
