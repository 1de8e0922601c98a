import Foundation
import OKRCore
import OKRMapping
import SheetKit
import Testing

/// The seeds' KPI rules, as `check` prints them: location first, like a compiler.
@Suite("check: the seeds' KPI rules")
struct KPICheckTests {
    func codes(_ model: OKRModel, _ code: String) -> [Finding] { model.findings.filter { $0.code == code } }

    @Test func ownerTargetAndFrequency() throws {
        let model = try convertKPICSV("""
        KPI;Eigenaar;Doel;Frequentie;Sleutelresultaat;jan-26;feb-26
        NPS;Support;30;Maandelijks;O1.1;20;21
        Leads;;220;Maandelijks;O2.1;150;160
        Churn;CS;;Maandelijks;O3.1;3%;2,9%
        Bezoekers;Web;10000;Tweewekelijks;O2.2;9000;9500
        """, asOf: "2026-03-02")
        #expect(codes(model, "kpi-missing-owner").map(\.description)
            == [#"kpi.csv:kpi!A3: warning: KPI "Leads" has no owner; someone must be able to act on it [kpi-missing-owner]"#])
        #expect(codes(model, "kpi-missing-target").map(\.source?.cell) == ["A4"])
        #expect(codes(model, "kpi-missing-frequency").map(\.source?.cell) == ["A5"])
        #expect(codes(model, "kpi-missing-frequency")[0].message.contains("\"Tweewekelijks\" is not daily"))
        #expect(codes(model, "kpi-frequency-unknown").map(\.source?.cell) == ["D5"])
        #expect(!model.findings.contains { $0.severity == .error })
    }

    @Test(arguments: ["meer", "Beter", "zo hoog mogelijk", "more", "better", "plus", "mieux", "Meer leads"])
    func aTargetThatOnlySaysMoreIsNotSMART(target: String) throws {
        let model = try convertKPICSV("KPI;Eigenaar;Doel;Frequentie;Sleutelresultaat;jan-26;feb-26\nLeads;Marketing;\(target);Maandelijks;O1.1;150;160\n",
                                      asOf: "2026-03-02")
        let finding = try #require(codes(model, "kpi-not-smart").first)
        #expect(finding.severity == .error)
        #expect(finding.description.hasPrefix("kpi.csv:kpi!A2: error: KPI \"Leads\" has target \"\(target)\""))
        #expect(model.kpis[0].status == .noData)
    }

    @Test func aKPIWithoutStrategyLink() throws {
        let model = try convertKPICSV("KPI;Eigenaar;Doel;Frequentie;jan-26;feb-26\nBezoekers;Web;12000;Maandelijks;10000;11000\n",
                                      asOf: "2026-03-02")
        let finding = try #require(codes(model, "kpi-without-link").first)
        #expect(finding.severity == .warning)
        #expect(finding.description.hasPrefix("kpi.csv:kpi!A2: warning: KPI \"Bezoekers\" is not linked to any objective or key result"))
    }

    /// 3 to 5 company-wide, at most 5 per team.
    @Test func howManyKPIs() throws {
        var rows = ["KPI;Eigenaar;Niveau;Doel;Frequentie;Sleutelresultaat;jan-26"]
        for n in 1...6 { rows.append("Marketing \(n);M;Marketing;10;Maandelijks;O1.1;5") }
        for n in 1...2 { rows.append("Bedrijf \(n);CEO;Bedrijf;10;Maandelijks;O1.1;5") }
        let model = try convertKPICSV(rows.joined(separator: "\n") + "\n", asOf: "2026-01-20")
        let team = try #require(codes(model, "too-many-kpis").first)
        #expect(team.severity == .warning && team.message.hasPrefix("\"Marketing\" has 6 KPIs"))
        #expect(team.source?.row == 7, "points at the sixth")
        let few = try #require(codes(model, "few-company-kpis").first)
        #expect(few.severity == .note && few.message.hasPrefix("only 2 company-wide KPIs"))

        var company = ["KPI;Eigenaar;Doel;Frequentie;Sleutelresultaat;jan-26"]
        for n in 1...6 { company.append("KPI \(n);CEO;10;Maandelijks;O1.1;5") }
        let flat = try convertKPICSV(company.joined(separator: "\n") + "\n", asOf: "2026-01-20")
        #expect(codes(flat, "too-many-kpis").map(\.message) == ["6 company-wide KPIs; keep 3 to 5 for the whole company"])
    }

    @Test func staleAndContradictoryLimits() throws {
        let model = try convertKPICSV("""
        KPI;Eigenaar;Richting;Groen;Rood;Frequentie;Sleutelresultaat;jan-26;feb-26;mrt-26
        NPS;Support;Lager is beter;28;25;Maandelijks;O1.1;20;21;
        """, asOf: "2026-04-15")
        #expect(codes(model, "kpi-limits-direction").count == 1)
        let stale = try #require(codes(model, "kpi-stale").first)
        #expect(stale.message == "KPI \"NPS\" has no value for 2026-03, the last full month at 2026-04-15; the latest is for 2026-02")
    }

    @Test func theRulesRunAgainOnTheJSONModel() throws {
        let dir = try kpiFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("model.json").path
        let original = try convert(sample("okr-kpi-2026.xlsx")).model
        try ModelWriter().writeJSON(original, to: json)
        let again = try convert(json).model
        #expect(again.kpis == original.kpis)
        let kpiCodes = { (m: OKRModel) in m.findings.filter { $0.code.hasPrefix("kpi-") }.map(\.code) }
        #expect(kpiCodes(again) == kpiCodes(original))
        #expect(kpiCodes(original) == ["kpi-not-smart", "kpi-without-link"])
    }
}
