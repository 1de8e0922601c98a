import Foundation
import Testing

/// `okrsheet update` with `kpi:` rules: the shipped example fills the sample's monthly KPIs.
@Suite("okrsheet update, KPIs per month")
struct UpdateKPICommandTests {
    func path(_ name: String) -> String { packageRoot.appendingPathComponent(name).path }
    var ledger: String { path("samples/grootboek.csv") }
    var rules: String { path("mappings/rules-kpi-example.yaml") }

    /// A copy of the finance KPI sample in a fresh folder.
    func copyTemplate() throws -> (dir: URL, template: String) {
        let dir = try scratchFolder()
        let template = dir.appendingPathComponent("okr.xlsx")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path("samples/okr-kpi-financieel.xlsx")), to: template)
        return (dir, template.path)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func dryRunPrintsTheKPITable() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try bytes(template)
        let result = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--dry-run", "--as-of", "2026-05-15"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == """
            Key result          Current            Progress  Status
            F1.1 Kwartaalomzet  96500 → 182103.48  73%       🟡 Lopend → 🔵 Op schema

            KPI                              Period   Value          Status
            FK1 Omzet per maand              2026-04  — → 47317.07   amber → red
            FK1 Omzet per maand              2026-05  — → 39498.07   amber → red
            FK1 Omzet per maand              2026-06  — → 95288.34   amber → red
            FK2 Bedrijfskosten per maand     2026-04  — → 148190.62  amber → green
            FK2 Bedrijfskosten per maand     2026-05  — → 94616.69   amber → green
            FK2 Bedrijfskosten per maand     2026-06  — → 104473.45  amber → green
            FK3 Klanten met omzet per maand  2026-04  — → 3          amber
            FK3 Klanten met omzet per maand  2026-05  — → 3          amber
            FK3 Klanten met omzet per maand  2026-06  — → 5          amber

            """)
        #expect(try bytes(template) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["okr.xlsx"])
    }

    @Test func outputReportAndASecondRun() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("mei.xlsx").path
        let report = dir.appendingPathComponent("mei.csv").path
        let first = try CLIRunner.run(["update", template, "--from", ledger, "--rules", rules, "--output", out, "--report", report,
                                       "--as-of", "2026-05-15"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("\(out): 1 key result updated, 9 KPI values updated, 11 cells changed"), "\(first.stderr)")
        let csv = String(decoding: try bytes(report), as: UTF8.self).split(separator: "\n")
        #expect(csv.filter { $0.hasPrefix("kpi-updated,") }.count == 9)
        #expect(csv.contains { $0.hasPrefix("kpi-updated,") && $0.hasSuffix(",148190.62,,amber,green,10,,2026-04") })
        let again = try CLIRunner.run(["update", out, "--from", ledger, "--rules", rules, "--in-place", "--as-of", "2026-05-15"])
        #expect(again.status == 0 && again.stderr.contains("nothing to change"), "\(again.stderr)")
    }

    @Test func unmatchedAndAmbiguousKPIs() throws {
        let (dir, template) = try copyTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let loose = dir.appendingPathComponent("loose.yaml").path
        try Data("""
            source: {encoding: windows-1252}
            updates:
              - kpi: Brutomarge per maand
                measure: sum(Bedrag)
                date: Datum
            """.utf8).write(to: URL(fileURLWithPath: loose))
        let warned = try CLIRunner.run(["update", template, "--from", ledger, "--rules", loose, "--dry-run", "--as-of", "2026-05-15"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains(loose + ":3: warning: kpi \"Brutomarge per maand\" matches no KPI in " + template))
        #expect(warned.stdoutText.contains("unmatched: " + loose + ":3: \"Brutomarge per maand\" matches no KPI in "))
        let strict = try CLIRunner.run(["update", template, "--from", ledger, "--rules", loose, "--dry-run", "--strict", "--as-of", "2026-05-15"])
        #expect(strict.status == 1)

        let ambiguous = dir.appendingPathComponent("amb.yaml").path
        try Data("updates:\n  - kpi: per maand\n    measure: count\n    date: Datum\n".utf8).write(to: URL(fileURLWithPath: ambiguous))
        let amb = try CLIRunner.run(["update", template, "--from", ledger, "--rules", ambiguous, "--dry-run"])
        #expect(amb.status == 3 && amb.stderr.contains(ambiguous + ":2: error: kpi \"per maand\" matches 3 KPIs: \"Omzet per maand\" (FK1, "),
                "\(amb.stderr)")
    }
}
