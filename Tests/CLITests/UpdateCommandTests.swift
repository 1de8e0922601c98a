import Foundation
import Testing

@Suite("okrsheet update, end to end")
struct UpdateCommandTests {
    func path(_ name: String) -> String { packageRoot.appendingPathComponent(name).path }
    var ledger: String { path("samples/grootboek.csv") }
    var rules: String { path("mappings/rules-example.yaml") }

    /// A copy of the financial sample template in a fresh folder.
    func copyTemplate() throws -> (dir: URL, template: String) {
        let dir = try scratchFolder()
        let template = dir.appendingPathComponent("okr.csv")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path("samples/okr-financieel.csv")), to: template)
        return (dir, template.path)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func dryRunPrintsTheTableAndWritesNothing() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try bytes(template)
        let result = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--dry-run", "--as-of", "2026-05-15"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Key result") == true)
        #expect(lines.contains { $0.hasPrefix("F1.1 Kwartaalomzet") && $0.contains("96.500 → ") && $0.contains("🟡 Lopend → 🔵 Op schema") })
        #expect(try bytes(template) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["okr.csv"])
    }

    @Test func outputChangesOnlyTheUpdatedCellsAndIsRepeatable() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("mei.csv").path
        let first = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--output", out, "--as-of", "2026-05-15"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("6 key results updated"))
        let original = try bytes(template), written = try bytes(out)
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF]), "the byte order mark is kept")
        let a = String(decoding: original, as: UTF8.self).components(separatedBy: "\r\n")
        let b = String(decoding: written, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(a.count == b.count, "CRLF line ends are kept")
        for (old, new) in zip(a, b) where old != new {
            let quoted = "\"Marketingkosten; beurzen en campagnes\""
            let o = old.replacingOccurrences(of: quoted, with: "M").split(separator: ";", omittingEmptySubsequences: false)
            let n = new.replacingOccurrences(of: quoted, with: "M").split(separator: ";", omittingEmptySubsequences: false)
            #expect(o.count == n.count)
            for k in o.indices where o[k] != n[k] { #expect((5...8).contains(k), "only current, progress, score and status change: \(old) → \(new)") }
        }
        #expect(b[3].hasPrefix("F1.1;Gezonde groei;Kwartaalomzet;0;250.000;"))
        // The same update on its own output changes nothing; on the template again gives the same bytes.
        let out2 = dir.appendingPathComponent("mei2.csv").path
        #expect(try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--output", out2, "--as-of", "2026-05-15"]).status == 0)
        #expect(try bytes(out2) == written)
        let again = try CLIRunner.run(["update", out, "--from", ledger, "--rules", rules, "--in-place", "--as-of", "2026-05-15"])
        #expect(again.status == 0 && again.stderr.contains("nothing to change"), "\(again.stderr)")
        #expect(try bytes(out) == written)
    }

    @Test func inPlaceKeepsADatedBackupFirst() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try bytes(template)
        let report = dir.appendingPathComponent("report.json").path
        let result = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--in-place", "--as-of", "2026-05-15", "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let backup = try #require(names.first { $0.hasPrefix("okr.") && $0.hasSuffix(".bak.csv") })
        #expect(backup.range(of: #"^okr\.\d{8}-\d{6}\.bak\.csv$"#, options: .regularExpression) != nil, "\(backup)")
        #expect(try bytes(dir.appendingPathComponent(backup).path) == original)
        #expect(try bytes(template) != original)
        let json = try JSONSerialization.jsonObject(with: try bytes(report)) as? [String: Any]
        #expect((json?["updates"] as? [[String: Any]])?.count == 6)
        #expect(json?["skippedRows"] as? Int == 0)
    }

    @Test func strictUnmatchedAndTheCSVReport() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rulesPath = dir.appendingPathComponent("rules.yaml").path
        try Data("""
            source: {on_error: skip, encoding: windows-1252}
            period: Q2 2026
            updates:
              - key_result: Kwartaalomzet
                measure: sum(Omschrijving)
              - key_result: Brutomarge
                measure: count
            """.utf8).write(to: URL(fileURLWithPath: rulesPath))
        let report = dir.appendingPathComponent("r.csv").path
        let loose = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rulesPath, "--dry-run", "--report", report])
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(loose.stderr.contains(rulesPath + ":6: warning: key_result \"Brutomarge\" matches no key result"))
        #expect(loose.stderr.contains(ledger + ":2:27: warning: \"Omzet diensten\" is not an amount (column \"Omschrijving\"); row skipped"))
        #expect(loose.stderr.contains("48 rows skipped in all"))
        let csv = String(decoding: try bytes(report), as: UTF8.self)
        #expect(csv.hasPrefix("kind,rule_line,key_result_id,key_result,cell,old_current,new_current,progress,old_status,new_status,matched_rows,message,period\n"))
        #expect(csv.contains("\nunmatched,6,,Brutomarge,"))
        #expect(csv.components(separatedBy: "\nskipped,").count == 49)
        let strict = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rulesPath, "--dry-run", "--strict"])
        #expect(strict.status == 1)
    }

    @Test func usageAndInputErrors() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let same = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--output", template])
        #expect(same.status == 2 && same.stderr.contains("is also an input"), "\(same.stderr)")
        let none = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules])
        #expect(none.status == 2 && none.stderr.contains("exactly one of --output OUT, --in-place or --dry-run"))
        let other = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--output", dir.appendingPathComponent("x.xlsx").path])
        #expect(other.status == 2 && other.stderr.contains("update writes the template's own format"))
        let badReport = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--dry-run", "--report", "r.txt"])
        #expect(badReport.status == 2)
        let typo = dir.appendingPathComponent("typo.yaml").path
        try Data("updates:\n  - key_result: F1.1\n    measure: sum(Bedrg)\n".utf8).write(to: URL(fileURLWithPath: typo))
        let unknown = try CLIRunner.run(["update", template, "--from", ledger, "--rules", typo, "--dry-run"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains(typo + ":3: error: no column \"Bedrg\" in " + ledger), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("the columns are: Datum, Boekstuk, Grootboekrekening, Omschrijving, Kostenplaats, Bedrag, BTW, Relatie"))
        let ambiguous = dir.appendingPathComponent("amb.yaml").path
        try Data("updates:\n  - key_result: omzet\n    measure: count\n".utf8).write(to: URL(fileURLWithPath: ambiguous))
        let amb = try CLIRunner.run(["update", template, "--from", ledger, "--rules", ambiguous, "--dry-run"])
        #expect(amb.status == 3 && amb.stderr.contains(ambiguous + ":2: error: key_result \"omzet\" matches 4 key results"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["amb.yaml", "okr.csv", "typo.yaml"])
    }
}
