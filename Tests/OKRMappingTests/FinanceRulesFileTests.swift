import Foundation
@testable import OKRMapping
import SheetKit
import Testing

extension FinanceTests {
    @Suite("Rules files")
    struct RulesFiles {
        @Test func theShippedExampleParses() throws {
            let path = samplesRoot.appendingPathComponent("mappings/rules-example.yaml").path
            let rules = try RulesFile.load(path: path)
            #expect(rules.period?.start.description == "2026-04-01" && rules.period?.end.description == "2026-06-30")
            #expect(rules.source.encoding == .windows1252)
            #expect(rules.source.onError == .fail)
            #expect(rules.rules.map(\.keyResult) == ["Kwartaalomzet", "Omzet diensten", "abonnementen", "F2.1", "Opleidingsboekingen",
                                                     "Aantal klanten met omzet"])
            #expect(rules.rules[0].measure == .sum("Bedrag"))
            #expect(rules.rules[2].scale == 0.001)
            #expect(rules.rules[4].measure == .count)
            #expect(rules.rules[5].measure == .countDistinct("Relatie"))
            #expect(rules.rules[0].filter == .all([
                .test(column: "Grootboekrekening", line: rules.rules[0].line + 3, .numberBetween(8000, 8099)),
                .test(column: "Datum", line: rules.rules[0].line + 4, .inPeriod(true)),
                .not(.test(column: "Kostenplaats", line: rules.rules[0].line + 5, .oneOf(["KP99"]))),
            ]))
        }

        @Test func anUnreadableRulesFileSaysWhyInPlainWords() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-rules-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            for (path, reason) in [(dir.appendingPathComponent("missing.yaml").path, "No such file or directory"), (dir.path, "Is a directory")] {
                do {
                    _ = try RulesFile.load(path: path)
                    Issue.record("read \(path)")
                } catch let error as SheetError {
                    #expect(error.description == "\(path): error: cannot read the rules file: \(reason)")
                }
            }
            // Read whole past the first block, as from a pipe that says size 0.
            let long = dir.appendingPathComponent("long.yaml")
            let text = "period: Q2 2026\n" + String(repeating: "# \(String(repeating: "x", count: 76))\n", count: 200)
                + "updates:\n  - key_result: Omzet\n    measure: sum(Bedrag)\n"
            try Data(text.utf8).write(to: long)
            #expect(try readSmallFile(long.path, what: "rules file") == Array(text.utf8))
            #expect(try RulesFile.load(path: long.path).rules.map(\.keyResult) == ["Omzet"])
            #expect(try readSmallFile("/dev/null", what: "rules file").isEmpty)
            #if os(Linux)
            // A file that says size 0 and holds more than the first read's 4 KiB.
            let maps = try readSmallFile("/proc/self/maps", what: "rules file")
            #expect(maps.count > 4096 && String(decoding: maps, as: UTF8.self).hasSuffix("\n"))
            #endif
            do {
                _ = try readSmallFile(long.path, what: "rules file", limit: 1000)
                Issue.record("read past the limit")
            } catch let error as SheetError {
                #expect(error.description.hasPrefix("\(long.path): error:"))
            }
        }

        @Test func everyMeasure() {
            #expect(LedgerMeasure.parse("sum(Bedrag)") == .sum("Bedrag"))
            #expect(LedgerMeasure.parse("count") == .count)
            #expect(LedgerMeasure.parse("count()") == .count)
            #expect(LedgerMeasure.parse("count_distinct( Relatie )") == .countDistinct("Relatie"))
            #expect(LedgerMeasure.parse("avg(Bedrag excl. BTW)") == .average("Bedrag excl. BTW"))
            #expect(LedgerMeasure.parse("min(\"Bedrag\")") == .minimum("Bedrag"))
            #expect(LedgerMeasure.parse("max(Bedrag)") == .maximum("Bedrag"))
            #expect(LedgerMeasure.parse("last(Saldo by Datum)") == .last("Saldo", by: "Datum"))
            #expect(LedgerMeasure.parse("median(Bedrag)") == nil)
            #expect(LedgerMeasure.parse("sum()") == nil)
            #expect(LedgerMeasure.parse("last(Saldo)") == nil)
        }

        @Test func conditionsAndShorthands() throws {
            let rules = try financeRules("""
                updates:
                  - key_result: A
                    measure: count
                    where:
                      Kostenplaats: KP01
                      Relatie: [R1, R2]
                      Omschrijving: {starts_with: Omzet, contains: [diensten, producten]}
                      Datum: {between: [2026-04-01, 30-06-2026]}
                      Code: {between: [AA, AZ], not: {equals: AB}}
                      Bedrag: {in_period: false}
                """)
            let f = rules.rules[0].filter
            guard case .all(let list) = f else { Issue.record("not a list: \(f)"); return }
            #expect(list.count == 6)
            #expect(list[0] == .test(column: "Kostenplaats", line: 5, .oneOf(["KP01"])))
            #expect(list[1] == .test(column: "Relatie", line: 6, .oneOf(["R1", "R2"])))
            let april = CivilDate(year: 2026, month: 4, day: 1).daysSinceEpoch, june = CivilDate(year: 2026, month: 6, day: 30).daysSinceEpoch
            #expect(list[3] == .test(column: "Datum", line: 8, .dateBetween(april, june)))
            #expect(list[4] == .all([.test(column: "Code", line: 9, .textBetween("AA", "AZ")), .not(.test(column: "Code", line: 9, .oneOf(["AB"])))]))
        }

        @Test(arguments: [
            ("updates:\n  - key_result: A\n    measure: sum(Bedrag)\n    wher: {}\n", "rules.yaml:4: error: unknown key \"wher\" in a rule; known keys: key_result, measure, scale, where"),
            ("updates:\n  - key_result: A\n    measure: median(Bedrag)\n", "rules.yaml:3: error: measure \"median(Bedrag)\" is not one of sum(COL)"),
            ("updates:\n  - key_result: A\n    measure: count\n    where:\n      Datum: {after: 2026-01-01}\n", "rules.yaml:5: error: unknown condition \"after\" on column \"Datum\"; known: equals, in, between"),
            ("updates:\n  - key_result: A\n    measure: count\n    where:\n      Rek: {between: [8000]}\n", "rules.yaml:5: error: between needs two bounds"),
            ("updates:\n  - key_result: A\n    measure: count\n    where:\n      Rek: {between: [8099, 8000]}\n", "rules.yaml:5: error: between [8099, 8000]: the first bound is above the second"),
            ("updates:\n  - key_result: A\n    measure: count\n    where:\n      Rek: {between: [8000, 2026-01-01]}\n", "mixes kinds"),
            ("updates:\n  - key_result: A\n    measure: count\n    where:\n      Rek: {in: []}\n", "rules.yaml:5: error: in should list at least one value"),
            ("updates:\n  - key_result: A\n    measure: count\n    scale: 0\n", "rules.yaml:4: error: scale 0"),
            ("updates:\n  - measure: count\n", "rules.yaml:2: error: this rule has no key_result"),
            ("updates:\n  - key_result: A\n", "rules.yaml:2: error: the rule for \"A\" has no measure"),
            ("period: Q7 2026\nupdates:\n  - key_result: A\n    measure: count\n", "rules.yaml:1: error: period \"Q7 2026\" is not a period"),
            ("source: {on_error: ignore}\nupdates:\n  - key_result: A\n    measure: count\n", "rules.yaml:1: error: source.on_error should be fail or skip"),
            ("source: {delimter: ;}\nupdates:\n  - key_result: A\n    measure: count\n", "rules.yaml:1: error: unknown key \"delimter\" in source"),
            ("source: {encoding: ebcdic}\nupdates:\n  - key_result: A\n    measure: count\n", "is not one okrsheet reads"),
            ("period: 2026-Q2\n", "error: the rules file has no rules"),
            ("updates:\n  - key_result: A\n    measure: [count\n", "rules.yaml:4"),
            ("updatez: []\n", "rules.yaml:1: error: unknown key \"updatez\" in a rules file; known keys: source, period, updates"),
        ])
        func mistakesNameTheirLine(text: String, expected: String) {
            let message = financeError { _ = try financeRules(text) }
            #expect(message?.contains(expected) == true, "\(message ?? "no error")")
        }

        @Test func sourceSettings() throws {
            let rules = try financeRules("""
                source: {delimiter: tab, decimal: point, encoding: cp1252, header_row: 3, on_error: skip, sheet: Boekingen}
                updates:
                  - key_result: A
                    measure: count
                """)
            #expect(rules.source.delimiter == 9)
            #expect(rules.source.decimal == .point)
            #expect(rules.source.encoding == .windows1252)
            #expect(rules.source.headerRow == 3)
            #expect(rules.source.onError == .skip)
            #expect(rules.source.sheet == "Boekingen")
        }
    }
}
