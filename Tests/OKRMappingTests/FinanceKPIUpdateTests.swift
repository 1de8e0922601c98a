import Foundation
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

extension FinanceTests {
    /// `kpi:` rules: one value per period from the ledger into a KPI sheet, wide (the XLSX sample) and
    /// long (a French CSV), in the same pass as the key results.
    @Suite("Filling KPIs per period")
    struct FillingKPIs {
        static let example = samplesRoot.appendingPathComponent("mappings/rules-kpi-example.yaml").path
        static let template = sample("okr-kpi-financieel.xlsx")

        func job(_ template: String = FillingKPIs.template, rules: String = FillingKPIs.example, asOf: String = "2026-05-15") -> UpdateJob {
            var job = UpdateJob(template: template, data: sample("grootboek.csv"), rules: rules)
            job.options.asOf = CivilDate(iso: asOf)
            return job
        }

        /// A rules file written to `dir`.
        func rules(_ text: String, in dir: URL) throws -> String {
            try financeWrite(Array(text.utf8), "rules.yaml", in: dir)
        }

        // MARK: Computed here, from the ledger's rows

        /// `dd-mm-jjjj` → `jjjj-mm`.
        static func month(_ row: [String]) -> String { "\(row[0].suffix(4))-\(row[0].dropFirst(3).prefix(2))" }

        static func isRevenue(_ row: [String]) -> Bool { (8000...8099).contains(Int(row[2]) ?? 0) }

        /// Per month, the sum in cents of the rows kept.
        static func centsPerMonth(_ keep: ([String]) -> Bool) throws -> [String: Int] {
            try Updating.sampleLedger().filter(keep).reduce(into: [:]) { $0[month($1), default: 0] += Updating.cents($1[5]) }
        }

        /// `4731707` → `47 317,07 €`, as the French long template writes money.
        static func euros(_ cents: Int) -> String {
            var whole = String(abs(cents) / 100), grouped = ""
            while whole.count > 3 {
                grouped = " " + whole.suffix(3) + grouped
                whole.removeLast(3)
            }
            let rest = abs(cents) % 100
            return (cents < 0 ? "-" : "") + whole + grouped + (rest == 0 ? "" : "," + (rest < 10 ? "0" : "") + String(rest)) + " €"
        }

        // MARK: The wide sample

        @Test func theSampleGetsAValuePerMonth() throws {
            let revenue = try FillingKPIs.centsPerMonth(FillingKPIs.isRevenue)
            let costs = try FillingKPIs.centsPerMonth { $0[2].hasPrefix("6") }.mapValues { -$0 }
            let customers = Dictionary(grouping: try Updating.sampleLedger().filter { FillingKPIs.isRevenue($0) && !$0[5].hasPrefix("-") },
                                       by: FillingKPIs.month).mapValues { Set($0.map { $0[7] }).count }
            #expect(revenue.keys.sorted() == ["2026-04", "2026-05", "2026-06"], "the sample ledger covers Q2")

            let plan = try job().plan()
            #expect(plan.unmatched.isEmpty)
            #expect(plan.rows.map(\.keyResultID) == ["F1.1"], "the key result of the same file, in the same pass")
            #expect(plan.kpiRows.map(\.kpiID) == ["FK1", "FK1", "FK1", "FK2", "FK2", "FK2", "FK3", "FK3", "FK3"])
            for row in plan.kpiRows {
                #expect(row.period.hasPrefix("2026-0") && ["2026-04", "2026-05", "2026-06"].contains(row.period))
                let expected: Double = switch row.kpiID {
                case "FK1": Double(revenue[row.period]!) / 100
                case "FK2": Double(costs[row.period]!) / 100
                default: Double(customers[row.period]!)
                }
                #expect(row.value == expected, "\(row.kpiID) \(row.period)")
                #expect(row.newValue == CellValue.number(expected).canonicalText && row.oldValue == "" && row.changed)
            }
            // Cells: the KPI's row under the month's column (April is P: the months start at M).
            #expect(plan.kpiRows.map { String($0.cell.split(separator: "!").last!) } == ["P5", "Q5", "R5", "P6", "Q6", "R6", "P7", "Q7", "R7"])
            #expect(plan.kpiRows[0].cell.hasSuffix("okr-kpi-financieel.xlsx:KPI's 2026!P5"))
            // The status after the update, from KPIDerived at 15 May: May is the latest month that has started.
            let status = { (id: String) in plan.kpiRows.first { $0.kpiID == id }.map { "\($0.oldStatus) → \($0.newStatus)" } }
            #expect(status("FK1") == "amber → red", "May's € 39.498 is under the red limit of € 40.000")
            #expect(status("FK2") == "amber → green", "May's € 94.617 of costs is within the norm of € 100.000")
            #expect(status("FK3") == "amber → amber")
            // Every KPI cell is an edit on the KPI sheet; the key result's on the OKR sheet.
            let kpiEdits = plan.edits.filter { $0.sheet == 1 }
            #expect(kpiEdits.count == 9 && kpiEdits.allSatisfy { if case .number = $0.value { true } else { false } })
            #expect(Set(plan.edits.map(\.sheet)) == [0, 1])
        }

        /// Every cell of every sheet: reference → cell.
        func cells(_ path: String) throws -> [String: [String: Cell]] {
            let reader = try XLSXReader(path: path, displayName: "t.xlsx")
            var all: [String: [String: Cell]] = [:]
            for (i, info) in reader.sheets.enumerated() {
                for row in try reader.loadSheet(at: i).rows {
                    for cell in row.cells { all[info.name, default: [:]][CellReference(row: row.index, column: cell.column).description] = cell }
                }
            }
            return all
        }

        @Test func onlyTheKPICellsAndTheKeyResultChange() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let template = FillingKPIs.template
            let plan = try job().plan()
            let out = dir.appendingPathComponent("out.xlsx").path
            try job().write(plan, to: out)

            let sheets = ["OKR Q2 2026", "KPI's 2026"]
            let edited = Set(plan.edits.map { "\(sheets[$0.sheet])!" + CellReference(row: $0.row, column: $0.column).description })
            #expect(edited == ["OKR Q2 2026!F4", "OKR Q2 2026!G4", "KPI's 2026!P5", "KPI's 2026!Q5", "KPI's 2026!R5",
                               "KPI's 2026!P6", "KPI's 2026!Q6", "KPI's 2026!R6", "KPI's 2026!P7", "KPI's 2026!Q7", "KPI's 2026!R7"])
            let before = try cells(template), after = try cells(out)
            let revenue = try FillingKPIs.centsPerMonth(FillingKPIs.isRevenue)
            #expect(after["KPI's 2026"]?["Q5"]?.value == .number(Double(revenue["2026-05"]!) / 100))
            #expect(after["KPI's 2026"]?["Q5"]?.style?.numberFormat == before["KPI's 2026"]?["Q5"]?.style?.numberFormat,
                    "the empty cell's euro format is kept")
            for (sheet, sheetCells) in before {
                for (ref, cell) in sheetCells {
                    let new = try #require(after[sheet]?[ref], "\(sheet)!\(ref)")
                    #expect(new.style == cell.style, "\(sheet)!\(ref)")
                    if edited.contains("\(sheet)!\(ref)") { continue }
                    #expect(new.value == cell.value && new.formula == cell.formula, "\(sheet)!\(ref)")
                }
                #expect(Set(after[sheet]?.keys.map { $0 } ?? []) == Set(sheetCells.keys))
            }

            // Every ZIP entry but the two changed worksheets is stored as before; inside them only the set
            // cells' XML differs.
            let original = try ZipPackage(path: template, displayName: "in"), patched = try ZipPackage(path: out, displayName: "out")
            #expect(original.entryNames == patched.entryNames)
            let changedParts = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
            for entry in original.entries where !changedParts.contains(entry.name) && entry.name != "xl/workbook.xml" {
                #expect(try patched.data(of: entry.name) == original.data(of: entry.name), "\(entry.name)")
            }
            for (part, sheet) in zip(changedParts, sheets) {
                func cellElements(_ package: ZipPackage) throws -> [String] {
                    String(decoding: try package.data(of: part), as: UTF8.self).components(separatedBy: "<c ").dropFirst().map { String($0) }
                }
                let old = try cellElements(original), new = try cellElements(patched)
                #expect(old.count == new.count, "\(part): no cell added or lost")
                for (a, b) in zip(old, new) where a != b {
                    let ref = String(a.drop(while: { $0 != "\"" }).dropFirst().prefix(while: { $0 != "\"" }))
                    #expect(edited.contains("\(sheet)!\(ref)"), "\(part): cell \(ref) changed: \(a) → \(b)")
                }
            }

            // A second run changes nothing; the same run twice gives the same bytes.
            let second = try job(out).plan()
            #expect(second.edits.isEmpty && second.kpiRows.allSatisfy { !$0.changed && $0.newValue == $0.oldValue })
            #expect(second.kpiRows.first?.oldStatus == "red" && second.kpiRows.first?.newStatus == "red")
            let again = dir.appendingPathComponent("again.xlsx").path
            try job().write(try job().plan(), to: again)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
        }

        @Test func kpiRulesAloneLeaveTheOKRSheetAlone() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = try rules("""
                source: {encoding: windows-1252}
                updates:
                  - kpi: Omzet per maand
                    measure: sum(Bedrag)
                    where:
                      Grootboekrekening: {between: [8000, 8099]}
                      Datum: {in_period: true}
                """, in: dir)
            let plan = try job(rules: path).plan()
            #expect(plan.period?.label == "Q2 2026", "the period of the OKR sheet's title")
            #expect(plan.rows.isEmpty && plan.kpiRows.count == 3)
            #expect(plan.edits.count == 3 && plan.edits.allSatisfy { $0.sheet == 1 })
            let out = dir.appendingPathComponent("out.xlsx").path
            try job(rules: path).write(plan, to: out)
            let original = try ZipPackage(path: FillingKPIs.template, displayName: "in"), patched = try ZipPackage(path: out, displayName: "out")
            #expect(try patched.data(of: "xl/worksheets/sheet1.xml") == original.data(of: "xl/worksheets/sheet1.xml"))
        }

        // MARK: The long shape, in CSV

        static let longTemplate = "\u{FEFF}Indicateurs clés 2026\r\n"
            + "Indicateur;Responsable;Cible;Fréquence;Mois;Valeur\r\n"
            + "Chiffre d'affaires mensuel;CFO;45 000 €;Mensuel;janv. 2026;41 250 €\r\n"
            + ";;;;févr. 2026;43 800 €\r\n"
            + ";;;;mars 2026;44 600 €\r\n"
            + ";;;;avr. 2026;\r\n"
            + ";;;;mai 2026;42 000 €\r\n"
            + "Taux de churn mensuel;Responsable service client;≤ 2 %;Mensuel;avr. 2026;2,5 %\r\n"

        static let longRules = """
            source: {encoding: windows-1252}
            period: 2026-Q2
            updates:
              - kpi: "chiffre d'affaires"
                measure: sum(Bedrag)
                where:
                  Grootboekrekening: {between: [8000, 8099]}
                  Datum: {in_period: true}
            """

        @Test func aLongCSVGetsItsValueCellsAndNoNewRows() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let template = try financeWrite(Array(FillingKPIs.longTemplate.utf8), "kpi.csv", in: dir)
            let rulesPath = try rules(FillingKPIs.longRules, in: dir)
            let plan = try job(template, rules: rulesPath).plan()
            #expect(plan.rows.isEmpty && plan.unmatched.isEmpty)
            #expect(plan.kpiRows.map(\.period) == ["2026-04", "2026-05"], "June has no row: it is not inserted")
            #expect(plan.warnings.contains { $0.description == "\(rulesPath):4: warning: KPI \"Chiffre d'affaires mensuel\" has no row for 2026-06 in "
                + "\(template); those periods are not filled (rows are not inserted: add a row for each period to fill)" })
            #expect(plan.kpiRows.map(\.cell) == ["\(template):F6", "\(template):F7"])

            let out = dir.appendingPathComponent("out.csv").path
            try job(template, rules: rulesPath).write(plan, to: out)
            let revenue = try FillingKPIs.centsPerMonth(FillingKPIs.isRevenue)
            let expected = FillingKPIs.longTemplate
                .replacingOccurrences(of: ";;;;avr. 2026;\r\n", with: ";;;;avr. 2026;\(FillingKPIs.euros(revenue["2026-04"]!))\r\n")
                .replacingOccurrences(of: ";;;;mai 2026;42 000 €\r\n", with: ";;;;mai 2026;\(FillingKPIs.euros(revenue["2026-05"]!))\r\n")
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self) == expected,
                    "only the two value cells change, written like their neighbours; BOM, CRLF and the other KPI kept")
            #expect(FillingKPIs.euros(revenue["2026-04"]!) == "47 317,07 €")
            #expect(plan.kpiRows.map(\.oldStatus) == ["amber", "amber"] && plan.kpiRows.map(\.newStatus) == ["red", "red"])

            let second = try job(out, rules: rulesPath).plan()
            #expect(second.edits.isEmpty)
        }

        @Test func withoutAPeriodEveryPeriodOfTheSheetThatTheExportCovers() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            // No title: the template names no period, and neither do the rules.
            let text = FillingKPIs.longTemplate.replacingOccurrences(of: "\u{FEFF}Indicateurs clés 2026\r\n", with: "")
            let template = try financeWrite(Array(text.utf8), "kpi.csv", in: dir)
            let rulesPath = try rules("""
                source: {encoding: windows-1252}
                updates:
                  - kpi: "Chiffre d'affaires mensuel"
                    per: month
                    date: Datum
                    measure: sum(Bedrag)
                    where:
                      Grootboekrekening: {between: [8000, 8099]}
                """, in: dir)
            let plan = try job(template, rules: rulesPath).plan()
            #expect(plan.period == nil)
            #expect(plan.kpiRows.map(\.period) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"])
            #expect(plan.kpiRows.prefix(3).allSatisfy { $0.newValue == nil && $0.note == "no row of the export is dated in \($0.period)" },
                    "the export starts in April: January to March keep their values")
            #expect(plan.edits.map(\.row) == [4, 5])
        }

        // MARK: Per week, month and quarter, against a generated ledger

        @Test func bucketsMatchSumsComputedHere() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            var lcg = FinanceLCG(state: 10)
            var lines = ["Datum;Rekening;Bedrag;Klant"]
            var rows: [(date: Date, account: Int, cents: Int, customer: String)] = []
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let jan1 = calendar.date(from: DateComponents(year: 2026, month: 1, day: 1))!
            for _ in 0..<3000 {
                let date = calendar.date(byAdding: .day, value: lcg.next(365), to: jan1)!
                let account = [7000, 8000, 8010, 8099, 8100][lcg.next(5)]
                let cents = lcg.next(2_000_000) - 500_000
                let customer = "K\(lcg.next(40))"
                let c = calendar.dateComponents([.year, .month, .day], from: date)
                let amount = "\(cents < 0 ? "-" : "")\(abs(cents) / 100),\(abs(cents) % 100 < 10 ? "0" : "")\(abs(cents) % 100)"
                lines.append(String(format: "%02d-%02d-%04d", c.day!, c.month!, c.year!) + ";\(account);\(amount);\(customer)")
                rows.append((date, account, cents, customer))
            }
            let ledger = try financeWrite(Array((lines.joined(separator: "\n") + "\n").utf8), "ledger.csv", in: dir)
            let rulesFile = try financeRules("""
                updates:
                  - kpi: weekly revenue
                    per: week
                    date: Datum
                    measure: sum(Bedrag)
                    where: {Rekening: {between: [8000, 8099]}}
                  - kpi: customers
                    per: month
                    date: Datum
                    measure: count_distinct(Klant)
                    where: {Rekening: {between: [8000, 8099]}}
                  - kpi: last booking
                    per: quarter
                    date: Datum
                    measure: last(Bedrag by Datum)
                  - key_result: everything
                    measure: sum(Bedrag)
                """)
            let weeks = (10...20).map { KPIPeriod.week(year: 2026, week: $0) }
            let months = (3...5).map { KPIPeriod.month(year: 2026, month: $0) }
            let quarters = [KPIPeriod.quarter(year: 2026, quarter: 4), .quarter(year: 2026, quarter: 2)]
            var aggregator = LedgerAggregator(rules: rulesFile.rules, source: rulesFile.source, period: nil, rulesFile: "rules.yaml")
            aggregator.periods = [0: weeks, 1: months, 2: quarters]
            let result = try aggregator.run(path: ledger)

            let revenue = rows.filter { (8000...8099).contains($0.account) }
            func isoWeek(_ d: Date) -> Int { calendar.component(.weekOfYear, from: d) }
            #expect(result.perPeriod[0].map(\.period) == weeks)
            for value in result.perPeriod[0] {
                guard case .week(_, let w) = value.period else { Issue.record("not a week"); continue }
                let kept = revenue.filter { isoWeek($0.date) == w }
                #expect(value.value == Double(kept.reduce(0) { $0 + $1.cents }) / 100, "week \(w)")
                #expect(value.matchedRows == kept.count)
                #expect(value.datedRows == rows.filter { isoWeek($0.date) == w }.count, "dated rows count before the conditions")
            }
            for value in result.perPeriod[1] {
                guard case .month(_, let m) = value.period else { Issue.record("not a month"); continue }
                let kept = revenue.filter { calendar.component(.month, from: $0.date) == m }
                #expect(value.value == Double(Set(kept.map(\.customer)).count), "month \(m)")
            }
            #expect(result.perPeriod[2].map(\.period) == [.quarter(year: 2026, quarter: 2), .quarter(year: 2026, quarter: 4)], "in period order")
            for value in result.perPeriod[2] {
                guard case .quarter(_, let q) = value.period else { Issue.record("not a quarter"); continue }
                let inQuarter = rows.filter { (calendar.component(.month, from: $0.date) - 1) / 3 + 1 == q }
                let latest = inQuarter.map(\.date).max()!
                #expect(value.value == Double(inQuarter.last { $0.date == latest }!.cents) / 100, "a later row wins a tie")
            }
            #expect(result.values[0] == nil && result.values[3] == Double(rows.reduce(0) { $0 + $1.cents }) / 100)
            #expect(result.matchedRows[0] == result.perPeriod[0].reduce(0) { $0 + $1.matchedRows })
            #expect(result.perPeriod[3].isEmpty)
        }

        @Test func periodsOverlappingAReportingPeriod() {
            let q2 = Period(label: "Q2 2026", start: CivilDate(year: 2026, month: 4, day: 1), end: CivilDate(year: 2026, month: 6, day: 30))
            #expect(UpdateJob.periods(of: .month, overlapping: q2).periods.map(\.description) == ["2026-04", "2026-05", "2026-06"])
            let weeks = UpdateJob.periods(of: .week, overlapping: q2).periods.map(\.description)
            #expect(weeks.first == "2026-W14" && weeks.last == "2026-W27" && weeks.count == 14, "the weeks that reach into the quarter")
            #expect(UpdateJob.periods(of: .quarter, overlapping: q2).periods.map(\.description) == ["2026-Q2"])
        }

        // MARK: Mistakes and warnings

        @Test func mistakesNameTheRuleLine() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            func failure(_ text: String) throws -> String? {
                let path = try rules(text, in: dir)
                return financeError { _ = try job(rules: path).plan() }?.replacingOccurrences(of: path, with: "rules.yaml")
            }
            let head = "source: {encoding: windows-1252}\nperiod: 2026-Q2\nupdates:\n"
            // An unknown date column: at the date: line, with the columns.
            let unknown = try failure(head + "  - kpi: FK1\n    measure: sum(Bedrag)\n    date: Datm\n")
            #expect(unknown?.hasPrefix("rules.yaml:6: error: no column \"Datm\" in ") == true, "\(unknown ?? "")")
            #expect(unknown?.contains("the columns are: Datum, Boekstuk, Grootboekrekening, Omschrijving, Kostenplaats, Bedrag, BTW, Relatie; did you mean \"Datum\"?") == true)
            // No date column at all: at the rule's line, with the columns.
            let undated = try failure(head + "  - kpi: FK1\n    measure: sum(Bedrag)\n    where: {Grootboekrekening: {between: [8000, 8099]}}\n")
            #expect(undated?.hasPrefix("rules.yaml:4: error: the rule for kpi \"FK1\" does not say which column dates a row") == true, "\(undated ?? "")")
            #expect(undated?.contains("add \"date: COLUMN\"") == true && undated?.contains("the columns are: Datum, Boekstuk,") == true)
            // A name that fits two KPIs: the candidates, with their ids and cells.
            let ambiguous = try failure(head + "  - key_result: F1.1\n    measure: count\n  - kpi: omzet\n    measure: sum(Bedrag)\n    date: Datum\n")
            #expect(ambiguous?.hasPrefix("rules.yaml:6: error: kpi \"omzet\" matches 2 KPIs: \"Omzet per maand\" (FK1, ") == true, "\(ambiguous ?? "")")
            #expect(ambiguous?.contains("\"Klanten met omzet per maand\" (FK3, ") == true && ambiguous?.contains("KPI's 2026!B7") == true)
            #expect(ambiguous?.hasSuffix("name one by its id or its full name") == true)
            // One rule per KPI.
            let twice = try failure(head + "  - kpi: FK1\n    measure: count\n    date: Datum\n  - kpi: Omzet per maand\n    measure: count\n    date: Datum\n")
            #expect(twice == "rules.yaml:7: error: KPI \"Omzet per maand\" is already filled by the rule on line 4; one rule per KPI")
        }

        @Test func rulesFileMistakes() {
            let cases: [(String, String)] = [
                ("updates:\n  - key_result: A\n    kpi: B\n    measure: count\n", "rules.yaml:3: error: this rule names both a key_result and a kpi"),
                ("updates:\n  - kpi: B\n    per: fortnight\n    measure: count\n", "rules.yaml:3: error: per \"fortnight\" is not a period: write month, week or quarter"),
                ("updates:\n  - key_result: A\n    per: month\n    measure: count\n", "rules.yaml:3: error: per and date belong to a kpi rule"),
                ("updates:\n  - key_result: A\n    date: Datum\n    measure: count\n", "rules.yaml:3: error: per and date belong to a kpi rule"),
                ("updates:\n  - kpi: \"\"\n    measure: count\n", "rules.yaml:2: error: kpi is empty"),
                ("updates:\n  - kpi: B\n", "rules.yaml:2: error: the rule for \"B\" has no measure"),
            ]
            for (text, expected) in cases {
                let message = financeError { _ = try financeRules(text) }
                #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error") for \(text)")
            }
            let parsed = try? financeRules("updates:\n  - kpi: B\n    per: Quarterly\n    date: Boekdatum\n    measure: count\n")
            #expect(parsed?.rules.first?.kpi == LedgerRule.PerPeriod(per: .quarter, date: "Boekdatum", dateLine: 4))
            #expect(parsed?.rules.first?.keyResult == "B")
        }

        @Test func theExampleRulesFile() throws {
            let rules = try RulesFile.load(path: FillingKPIs.example)
            #expect(rules.rules.map(\.keyResult) == ["Kwartaalomzet", "Omzet per maand", "FK2", "klanten met omzet"])
            #expect(rules.rules.map { $0.kpi?.per } == [nil, .month, nil, .month])
            #expect(rules.rules[1].dateColumn?.name == "Datum" && rules.rules[2].kpi?.date == "Datum")
        }

        @Test func periodsWithoutACellAndUnknownKPIsAreWarnings() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = try rules("""
                source: {encoding: windows-1252}
                period: 2026-Q2
                updates:
                  - kpi: FK1
                    per: quarter
                    measure: sum(Bedrag)
                    where: {Datum: {in_period: true}}
                  - kpi: FK3
                    per: week
                    measure: count
                    where: {Datum: {in_period: true}}
                  - kpi: Brutomarge
                    measure: count
                    date: Datum
                """, in: dir)
            let plan = try job(rules: path).plan()
            let messages = plan.warnings.map(\.description)
            #expect(messages.contains("\(path):4: warning: KPI \"Omzet per maand\" has no column for 2026-Q2 in sheet \"KPI's 2026\"; "
                + "those periods are not filled (add a column for each period to fill)"))
            #expect(messages.contains { $0.hasPrefix("\(path):8: warning: KPI \"Klanten met omzet per maand\" has no column for 2026-W14, 2026-W15,") && $0.contains(" and more in sheet") })
            #expect(messages.contains("\(path):12: warning: kpi \"Brutomarge\" matches no KPI in \(FillingKPIs.template); the rule updates nothing"))
            #expect(plan.unmatched.map(\.keyResult) == ["Brutomarge"])
            #expect(plan.kpiRows.isEmpty && plan.edits.isEmpty)
        }

        // MARK: The table and the reports

        @Test func dryRunAndReportsShowTheKPIValues() throws {
            let plan = try job().plan()
            let text = UpdateReport.text(plan)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix("Key result") == true)
            let kpiHeader = try #require(lines.firstIndex { $0.hasPrefix("KPI ") })
            #expect(lines[kpiHeader - 1].isEmpty, "a blank line between the two tables")
            #expect(lines[kpiHeader].split(separator: " ", omittingEmptySubsequences: true) == ["KPI", "Period", "Value", "Status"])
            #expect(lines[kpiHeader + 1].hasPrefix("FK1 Omzet per maand") && lines[kpiHeader + 1].contains("2026-04")
                && lines[kpiHeader + 1].contains("— → 47317.07") && lines[kpiHeader + 1].hasSuffix("amber → red"))

            let csv = UpdateReport.csv(plan)
            #expect(csv.hasPrefix("kind,rule_line,key_result_id,key_result,cell,old_current,new_current,progress,old_status,new_status,matched_rows,message,period\n"))
            let line = try RulesFile.load(path: FillingKPIs.example).rules[1].line
            #expect(csv.contains("\nkpi-updated,\(line),FK1,Omzet per maand,"))
            #expect(csv.contains(",,47317.07,,amber,red,4,,2026-04\n"))

            let json = try #require(try JSONSerialization.jsonObject(with: Data(UpdateReport.json(plan))) as? [String: Any])
            let kpis = try #require(json["kpiUpdates"] as? [[String: Any]])
            #expect(kpis.count == 9)
            #expect(kpis[0]["kpiId"] as? String == "FK1" && kpis[0]["period"] as? String == "2026-04" && kpis[0]["value"] as? Double == 47317.07)
            #expect(kpis[0]["oldStatus"] as? String == "amber" && kpis[0]["newStatus"] as? String == "red" && kpis[0]["changed"] as? Bool == true)
            #expect((json["updates"] as? [Any])?.count == 1)
        }
    }
}
