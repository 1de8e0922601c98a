import Foundation
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing

extension FinanceTests {
    /// Whole updates through ``UpdateJob`` on the shipped samples.
    @Suite("Updating a template")
    struct Updating {
        static let example = samplesRoot.appendingPathComponent("mappings/rules-example.yaml").path

        /// The sample ledger's rows as fields, split by the test itself (Windows-1252, `;`, quotes).
        static func sampleLedger() throws -> [[String]] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: sample("grootboek.csv")))
            let text = String(bytes.map { Character(Unicode.Scalar($0 == 0x80 ? 0x20AC : UInt32($0))!) })
            var rows: [[String]] = [], field = "", row: [String] = [], quoted = false
            var chars = Array(text)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
                } else if c == "\"" { quoted = true
                } else if c == ";" { row.append(field); field = ""
                } else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = ""
                } else { field.append(c) }
            }
            return Array(rows.dropFirst())
        }

        static func cents(_ amount: String) -> Int {
            let negative = amount.hasPrefix("-")
            let digits = amount.filter(\.isNumber)
            return (Int(digits) ?? 0) * (negative ? -1 : 1)
        }

        func job(_ template: String = sample("okr-financieel.csv"), rules: String = Updating.example) -> UpdateJob {
            var job = UpdateJob(template: template, data: sample("grootboek.csv"), rules: rules)
            job.options.asOf = CivilDate(iso: "2026-05-15")
            return job
        }

        @Test func theSampleGetsTheLedgersTotals() throws {
            let ledger = try Updating.sampleLedger()
            func total(_ keep: ([String]) -> Bool) -> Int { ledger.filter(keep).reduce(0) { $0 + Updating.cents($1[5]) } }
            let revenue = total { (8000...8099).contains(Int($0[2]) ?? 0) && $0[4] != "KP99" }
            let services = total { $0[2] == "8010" }
            let subscriptions = total { $0[2] == "8050" }
            let marketing = -total { $0[2].hasPrefix("62") }
            let training = ledger.filter { $0[3].lowercased().contains("opleiding") }.count
            let customers = Set(ledger.filter { (8000...8099).contains(Int($0[2]) ?? 0) && !$0[5].hasPrefix("-") }.map { $0[7] }).count

            let plan = try job().plan()
            #expect(plan.unmatched.isEmpty)
            #expect(plan.aggregate.values[0] == Double(revenue) / 100)
            #expect(plan.aggregate.values[1] == Double(services) / 100)
            #expect(ValuesFixture.approximatelyEqual(plan.aggregate.values[2], Double(subscriptions) / 100_000))
            #expect(plan.aggregate.values[3] == Double(marketing) / 100)
            #expect(plan.aggregate.values[4] == Double(training))
            #expect(plan.aggregate.values[5] == Double(customers))
            #expect(plan.rows.map(\.keyResultID) == ["F1.1", "F1.2", "F1.3", "F2.1", "F2.2", "F3.1"])
            #expect(plan.rows[0].oldCurrent == "96.500")
            #expect(plan.rows[0].newCurrent == TemplateNumberStyle(inferredFrom: "96.500", decimalComma: true).map { s in
                var s = s
                s.decimals = nil
                return s.format(Double(revenue) / 100)
            })
            #expect(plan.rows[0].oldStatus == "🟡 Lopend")
            #expect(plan.rows[0].newStatus == "🔵 Op schema")
            // Every edit is in the current, progress, score or status column (F, G, H, I) of a key result row.
            #expect(plan.edits.allSatisfy { (5...8).contains($0.column) && (3...8).contains($0.row) })
            #expect(!plan.edits.contains { $0.row == 9 }, "Klantentevredenheid has no rule")
        }

        @Test func progressScoreAndStatusComeFromDerivedFields() throws {
            let plan = try job().plan()
            // Importing the written template gives the derived values the plan wrote.
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("out.csv").path
            try job().write(plan, to: out)
            let model = try convert(out).model
            for row in plan.rows {
                let kr = try #require(model.objectives.flatMap(\.keyResults).first { $0.id == row.keyResultID })
                #expect(kr.progress == row.progress)
                #expect(kr.reportedStatus == kr.status, "\(kr.title): the written status is the computed one")
            }
            // A second run changes nothing.
            var again = job(out)
            again.options.asOf = CivilDate(iso: "2026-05-15")
            #expect(try again.plan().edits.isEmpty)
        }

        @Test func ambiguousAndUnmatchedKeyResults() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let ambiguous = try financeWrite(Array("updates:\n  - key_result: omzet\n    measure: count\n".utf8), "a.yaml", in: dir)
            let message = financeError { _ = try job(rules: ambiguous).plan() }
            #expect(message?.hasPrefix(ambiguous + ":2: error: key_result \"omzet\" matches 4 key results: \"Kwartaalomzet\" (F1.1,") == true, "\(message ?? "")")
            let none = try financeWrite(Array("updates:\n  - key_result: Brutomarge\n    measure: count\n  - key_result: f1.2\n    measure: count\n".utf8), "n.yaml", in: dir)
            let plan = try job(rules: none).plan()
            #expect(plan.unmatched.map(\.keyResult) == ["Brutomarge"])
            #expect(plan.warnings.contains { $0.description == none + ":2: warning: key_result \"Brutomarge\" matches no key result in \(sample("okr-financieel.csv")); the rule updates nothing" })
            #expect(plan.rows.map(\.keyResultID) == ["F1.2"], "ids match without regard to case")
            let twice = try financeWrite(Array("updates:\n  - {key_result: F1.1, measure: count}\n  - {key_result: Kwartaalomzet, measure: count}\n".utf8), "t.yaml", in: dir)
            #expect(financeError { _ = try job(rules: twice).plan() }?.contains(":3: error: key result \"Kwartaalomzet\" is already updated by the rule on line 2") == true)
        }

        @Test func matchingOrder() {
            var model = OKRModel()
            var o = Objective(id: "O1", title: "Groei")
            for (id, title) in [("A1", "Omzet België"), ("A2", "Omzet"), ("A3", "Marge Belgie"), ("A2b", "A1")] { o.keyResults.append(KeyResult(id: id, title: title)) }
            model.objectives = [o]
            let withIDs = KeyResultMatcher(model: model, hasIDColumn: true)
            func id(_ outcome: KeyResultMatcher.Outcome) -> String {
                switch outcome {
                case .matched(let c): return c.keyResult.id
                case .none: return "none"
                case .ambiguous(let list): return list.map(\.keyResult.id).joined(separator: "|")
                }
            }
            #expect(id(withIDs.match("A1")) == "A1", "an id wins over a title")
            #expect(id(withIDs.match("Omzet")) == "A2", "an exact title wins over a part")
            #expect(id(withIDs.match("OMZET BELGIE")) == "A1", "case and accents do not matter")
            #expect(id(withIDs.match("belgie")) == "A1|A3")
            #expect(id(withIDs.match("Winst")) == "none")
            #expect(id(KeyResultMatcher(model: model, hasIDColumn: false).match("A1")) == "A2b", "without an id column, ids are titles' business")
        }

        @Test func templatesThatCannotBeUpdated() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let noCurrent = try financeWrite(Array("Doelstelling;Sleutelresultaat;Doelwaarde\nGroei;Kwartaalomzet;10\n".utf8), "t.csv", in: dir)
            let message = financeError { _ = try job(noCurrent).plan() }
            #expect(message?.contains("error: the template has no current-value column to update; add a column such as \"Huidige waarde\" / \"Current value\"") == true)
            #expect(message?.contains("or name it in a mapping file") == true)
            var dry = job(sample("okr-sjabloon.ods"))
            dry.dryRun = true
            #expect(try dry.plan().unmatched.count == 6, "a dry run reads an ODS template")
        }

        @Test func anEnglishCommaTemplateKeepsItsConvention() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let rules = try financeWrite(Array("""
                updates:
                  - key_result: recurring revenue
                    measure: sum(Bedrag)
                    where: {Grootboekrekening: {between: [8000, 8099]}}
                """.utf8), "r.yaml", in: dir)
            var j = job(sample("okr-en.csv"), rules: rules)
            j.options.period = PeriodParser.parse("Q2 2026")
            let plan = try j.plan()
            #expect(plan.rows.first?.oldCurrent == "96,500")
            #expect(plan.rows.first?.newCurrent?.contains(",") == true && plan.rows.first?.newCurrent?.contains(".") == true, "\(plan.rows)")
            #expect(plan.rows.first?.newStatus == "Achieved" || plan.rows.first?.newStatus == "On track" || plan.rows.first?.newStatus == "At risk"
                    || plan.rows.first?.newStatus == "Off track", "plain English words like the template's")
            let out = dir.appendingPathComponent("o.csv").path
            try j.write(plan, to: out)
            let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
            let original = String(decoding: try Data(contentsOf: URL(fileURLWithPath: sample("okr-en.csv"))), as: UTF8.self)
            let changed = zip(written.split(separator: "\n"), original.split(separator: "\n")).filter { $0 != $1 }
            #expect(changed.count == 1, "only the key result's line changes")
            #expect(changed.first?.0.contains("\"\(plan.rows[0].newCurrent ?? "")\"") == true, "a value with a comma is quoted in a comma CSV")
        }
    }
}
