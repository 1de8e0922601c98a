import Foundation
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing
import XLSXAdapter

private func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

/// A folder for one test's files, removed by the caller.
func kpiFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-kpi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Converts CSV text written to a temporary file (named `name`, so that locations read `name:…`).
func convertKPICSV(_ text: String, name: String = "kpi.csv", asOf: String = "2026-05-15", sheet: String? = nil) throws -> OKRModel {
    let dir = try kpiFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    var job = ConvertJob(input: path)
    job.options.asOf = CivilDate(iso: asOf)
    job.options.sheet = sheet
    var model = try job.load().model
    // Locations relative to the folder, as a user would see them for a file in the working directory.
    model.findings = model.findings.map { f in
        var f = f
        f.source?.file = name
        return f
    }
    return model
}

@Suite("Importing KPI sheets")
struct KPIImportTests {
    static let wide = [
        ("""
        KPI-dashboard 2026
        KPI;Eigenaar;Nulmeting;Doel;Groen;Oranje;Rood;Frequentie;Sleutelresultaat;jan;feb;mrt;apr
        NPS-score;Head of support;20;30;≥ 28;25–28;< 25;Maandelijks;O1.1;20;21;22;24
        Kosten per acquisitie (CPA);Performance marketeer;;≤ € 25;;;;Maandelijks;O2.1;€ 31;€ 29;€ 28;€ 26,50
        """, "nl"),
        ("""
        Tableau de bord 2026
        Indicateur;Responsable;Valeur de départ;Cible;Vert;Orange;Rouge;Fréquence;Résultat clé;janv.;févr.;mars;avr.
        NPS-score;Head of support;20;30;≥ 28;25–28;< 25;Mensuel;O1.1;20;21;22;24
        Kosten per acquisitie (CPA);Performance marketeer;;≤ 25 €;;;;Mensuel;O2.1;31 €;29 €;28 €;26,50 €
        """, "fr"),
        ("""
        KPI dashboard 2026
        KPI,Owner,Baseline,Target,Green,Amber,Red,Frequency,Key result,Jan,Feb,Mar,Apr
        NPS-score,Head of support,20,30,>= 28,25-28,< 25,Monthly,O1.1,20,21,22,24
        Kosten per acquisitie (CPA),Performance marketeer,,<= €25,,,,Monthly,O2.1,€31,€29,€28,€26.50
        """, "en"),
    ]

    @Test(arguments: wide)
    func theWideShape(csv: String, language: String) throws {
        let model = try convertKPICSV(csv)
        #expect(model.language == language)
        #expect(model.objectives.isEmpty)
        #expect(model.period?.label == "2026")
        #expect(model.kpis.map(\.id) == ["K1", "K2"])
        let nps = model.kpis[0], cpa = model.kpis[1]
        #expect(nps.name == "NPS-score" && nps.owner == "Head of support")
        #expect(nps.start == 20 && nps.target == 30)
        #expect(nps.limits == KPILimits(green: 28, red: 25))
        #expect(nps.direction == .higher)
        #expect(nps.frequency == .monthly)
        #expect(nps.links == ["O1.1"])
        #expect(nps.values.map(\.period.description) == ["2026-01", "2026-02", "2026-03", "2026-04"])
        #expect(nps.values.map(\.value) == [20, 21, 22, 24])
        #expect(nps.latest == 24 && nps.change == 2 && nps.status == .red && nps.stale == false)
        #expect(cpa.direction == .lower, "≤ € 25 is a norm to stay under")
        #expect(cpa.unit == "currency:EUR")
        #expect(cpa.target == 25 && cpa.limits == nil)
        #expect(cpa.latest == 26.5 && cpa.status == .amber, "within 10% above the norm")
        #expect(cpa.change == -1.5)
    }

    @Test(arguments: [
        (["jan", "feb", "mrt"], ["2026-01", "2026-02", "2026-03"]),
        (["januari", "februari", "maart"], ["2026-01", "2026-02", "2026-03"]),
        (["janv.", "févr.", "mars"], ["2026-01", "2026-02", "2026-03"]),
        (["January", "February", "March"], ["2026-01", "2026-02", "2026-03"]),
        (["mei", "juni", "juli"], ["2026-05", "2026-06", "2026-07"]),
        (["mai", "juin", "juil."], ["2026-05", "2026-06", "2026-07"]),
        (["jan-26", "feb-26", "mrt-26"], ["2026-01", "2026-02", "2026-03"]),
        (["jan 2026", "feb 2026", "mar 2026"], ["2026-01", "2026-02", "2026-03"]),
        (["januari 2027", "février 2027", "March 2027"], ["2027-01", "2027-02", "2027-03"]),
        (["2026-01", "2026-02", "2026-03"], ["2026-01", "2026-02", "2026-03"]),
        (["01/2026", "02/2026", "03/2026"], ["2026-01", "2026-02", "2026-03"]),
        (["nov", "dec", "jan"], ["2026-11", "2026-12", "2027-01"]),
        (["Q1 2026", "Q2 2026", "Q3 2026"], ["2026-Q1", "2026-Q2", "2026-Q3"]),
        (["T1 2026", "T2 2026", "T3 2026"], ["2026-Q1", "2026-Q2", "2026-Q3"]),
        (["K1", "K2", "K3"], ["2026-Q1", "2026-Q2", "2026-Q3"]),
        (["Q4 2025", "Q1 2026", "Q2 2026"], ["2025-Q4", "2026-Q1", "2026-Q2"]),
        (["Q3", "Q4", "Q1"], ["2026-Q3", "2026-Q4", "2027-Q1"]),
        (["2026-Q1", "Q2-26", "3e kwartaal 2026"], ["2026-Q1", "2026-Q2", "2026-Q3"]),
        (["2026-W19", "2026-W20", "2026-W21"], ["2026-W19", "2026-W20", "2026-W21"]),
        (["week 19", "wk 20", "W21"], ["2026-W19", "2026-W20", "2026-W21"]),
        (["semaine 52", "semaine 53", "semaine 1"], ["2026-W52", "2026-W53", "2027-W01"]),
        (["2024", "2025", "2026"], ["2024", "2025", "2026"]),
        (["01-01-2026", "01-02-2026", "01-03-2026"], ["2026-01", "2026-02", "2026-03"]),
        (["31-01-2026", "28-02-2026", "31-03-2026"], ["2026-01", "2026-02", "2026-03"]),
        (["04-05-2026", "11-05-2026", "18-05-2026"], ["2026-W19", "2026-W20", "2026-W21"]),
        (["13-05-2026", "14-05-2026", "15-05-2026"], ["2026-05-13", "2026-05-14", "2026-05-15"]),
    ])
    func periodHeaders(headers: [String], periods: [String]) throws {
        let csv = "KPI 2026\nKPI;Doel;\(headers.joined(separator: ";"))\nOmzet;10;1;2;3\n"
        let model = try convertKPICSV(csv)
        let kpi = try #require(model.kpis.first)
        #expect(kpi.values.map(\.period.description) == periods)
        #expect(kpi.values.map(\.value) == [1, 2, 3])
    }

    @Test(arguments: ["Doel 2026", "Totaal", "Eigenaar", "YTD", "Gemiddelde", "H1 2026", "Opmerking"])
    func notAPeriodHeader(text: String) {
        #expect(KPIPeriodHeader.parse(text) == nil)
    }

    static let long = [
        ("""
        KPI;Periode;Waarde;Eigenaar;Doel;Frequentie;Sleutelresultaat
        Churn;2026-01;3,0%;Customer success;2%;Maandelijks;O3.1
        Churn;2026-02;2,9%;;;;
        Churn;2026-03;2,7%;;;;
        Gekwalificeerde leads;jan 2026;150;Marketingteam;220;Maandelijks;O2.1
        Gekwalificeerde leads;feb 2026;1.580;;;;
        """, "nl"),
        ("""
        Indicateur;Mois;Valeur;Responsable;Cible;Fréquence;Résultat clé
        Churn;janv. 2026;3,0 %;Customer success;2 %;Mensuel;O3.1
        ;févr. 2026;2,9 %;;;;
        ;mars 2026;2,7 %;;;;
        Gekwalificeerde leads;janvier 2026;150;Marketingteam;220;Mensuel;O2.1
        Gekwalificeerde leads;février 2026;1 580;;;;
        """, "fr"),
        ("""
        KPI,Month,Value,Owner,Target,Frequency,Key result
        Churn,2026-01-01,3.0%,Customer success,2%,Monthly,O3.1
        Churn,2026-02-01,2.9%,,,,
        Churn,2026-03-01,2.7%,,,,
        Gekwalificeerde leads,2026-01-01,150,Marketingteam,220,Monthly,O2.1
        Gekwalificeerde leads,2026-02-01,"1,580",,,,
        """, "en"),
    ]

    @Test(arguments: long)
    func theLongShape(csv: String, language: String) throws {
        let model = try convertKPICSV(csv, asOf: "2026-03-20")
        #expect(model.language == language)
        #expect(model.kpis.map(\.name) == ["Churn", "Gekwalificeerde leads"])
        let churn = model.kpis[0], leads = model.kpis[1]
        #expect(churn.values.map(\.period.description) == ["2026-01", "2026-02", "2026-03"])
        #expect(churn.values.map(\.value) == [0.03, 0.029, 0.027])
        #expect(churn.unit == "percent" && churn.target == 0.02 && churn.owner == "Customer success")
        #expect(churn.direction == .lower, "churn is better low")
        #expect(churn.links == ["O3.1"] && churn.frequency == .monthly)
        #expect(churn.latest == 0.027 && churn.stale == false)
        #expect(leads.values.map(\.value) == [150, 1580])
        #expect(leads.stale == false, "February, the last full month at 20 March, has its value")
    }

    @Test func aPercentUnitColumnReadsPlainNumbersAsPercentages() throws {
        let model = try convertKPICSV("KPI;Eenheid;Doel;jan-26;feb-26\nChurn;%;2;3,1;2,8\n")
        let churn = try #require(model.kpis.first)
        #expect(churn.unit == "percent")
        #expect(churn.target == 0.02)
        #expect(churn.values.map(\.value) == [0.031, 0.028])
        #expect(model.findings.contains { $0.code == "value-percent-points" })
    }

    @Test func targetsAndDirectionsAsPeopleWriteThem() throws {
        let model = try convertKPICSV("""
        KPI;Richting;Doel;Nulmeting;jan-26
        Wachttijd (dagen);Lager is beter;10;14;12
        Leads;↑;van 150 naar 220 per maand;;180
        NPS van 20 naar 30;;;;24
        Klachten;;;;7
        Tevredenheid;;zo hoog mogelijk;;8
        """)
        let k = model.kpis
        #expect(k[0].direction == .lower && k[0].target == 10 && k[0].start == 14)
        #expect(k[1].direction == .higher && k[1].start == 150 && k[1].target == 220)
        #expect(k[2].start == 20 && k[2].target == 30, "taken from the name")
        #expect(model.findings.contains { $0.code == "kpi-inferred" && $0.message.contains("NPS van 20 naar 30") })
        #expect(k[3].direction == .lower && k[3].target == nil && k[3].status == .noData)
        #expect(k[4].target == nil && k[4].targetText == "zo hoog mogelijk")
    }

    @Test func aValueThatCannotBeReadIsAnErrorAtItsCell() throws {
        let model = try convertKPICSV("KPI;Doel;jan-26;feb-26\nNPS;30;20;twintig en wat\n", name: "kpi.csv")
        let finding = try #require(model.findings.first { $0.code == "value-unreadable" })
        #expect(finding.severity == .error)
        #expect(finding.description.hasPrefix("kpi.csv:kpi!D2: error: \"twintig en wat\" is not a number (column \"feb-26\")"))
        #expect(model.kpis[0].values.count == 1)
    }

    @Test func anOKRTemplateIsNotTakenForAKPISheet() throws {
        // An OKR table with a KPI column but no periods, frequency or limits stays an OKR table.
        let model = try convertKPICSV("""
        Doelstelling;Sleutelresultaat;KPI;Eigenaar;Startwaarde;Doelwaarde;Huidige waarde
        Verhoog verkoop;Conversieratio 25%;Conversie;Sales;18%;25%;21%
        """)
        #expect(model.objectives.count == 1)
        #expect(model.kpis.isEmpty)
    }

    @Test func aCSVWithoutOKRsOrKPIsStillSaysWhatItExpects() throws {
        #expect(throws: SheetError.self) { try convertKPICSV("Naam;Adres\nJan;Brussel\n") }
    }
}

@Suite("A workbook with an OKR sheet and a KPI sheet")
struct KPIWorkbookTests {
    @Test func theSample() throws {
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        #expect(model.language == "nl")
        #expect(model.objectives.map(\.id) == ["O1", "O2", "O3"])
        #expect(model.kpis.map(\.id) == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"])
        let ids = Set(model.objectives.flatMap { $0.keyResults.map(\.id) })
        for kpi in model.kpis.dropLast() {
            #expect(kpi.links.count == 1 && ids.contains(kpi.links[0]), "\(kpi.name) is linked to a key result")
            #expect(kpi.source?.sheet == "KPI's 2026")
        }
        // The month headers are Excel date cells (shown as jan-26).
        #expect(model.kpis[0].values.map(\.period.description) == (1...12).map { String(format: "2026-%02d", $0) })
        let cpa = model.kpis[2]
        #expect(cpa.direction == .lower && cpa.unit == "currency:EUR" && cpa.target == 25)
        #expect(cpa.limits == KPILimits(green: 25, red: 30))
        let churn = model.kpis[3]
        #expect(churn.unit == "percent" && churn.limits == KPILimits(green: 0.02, red: 0.025))
        let retention = model.kpis[6]
        #expect(retention.frequency == .quarterly && retention.values.count == 4)
        #expect(model.kpis[7].targetText == "meer")
        // At 15 May: May is the latest month that has started; later months wait their turn.
        #expect(model.kpis.dropLast().allSatisfy { $0.stale == false })
        #expect(model.kpis[0].latestPeriod?.description == "2026-05")
    }

    /// An English workbook written here: OKRs on one sheet, KPIs linked by key-result title on another.
    @Test func linksByTitleAndTheSheetOption() throws {
        let dir = try kpiFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("board.xlsx").path
        let writer = try XLSXWriter(path: path)
        func write(_ rows: [[CellValue]]) throws {
            for (r, values) in rows.enumerated() {
                try writer.write(Row(index: r, cells: values.enumerated().compactMap { $0.element.isEmpty ? nil : Cell(column: $0.offset, value: $0.element) }))
            }
        }
        try writer.beginSheet(SheetInfo(name: "OKRs"))
        try write([
            [.text("Objective"), .text("Key result"), .text("Start"), .text("Target"), .text("Current"), .text("Owner"), .text("Deadline")],
            [.text("Delight customers"), .text("Raise NPS from 20 to 30"), .number(20), .number(30), .number(24), .text("Support"), .date(day("2026-12-31"))],
            [.text("Delight customers"), .text("Cut the wait time to 10 days"), .number(14), .number(10), .number(12), .text("Support"), .date(day("2026-09-30"))],
        ])
        try writer.endSheet(SheetSummary())
        try writer.beginSheet(SheetInfo(name: "KPIs"))
        try write([
            [.text("KPIs 2026")],
            [],
            [.text("KPI"), .text("Owner"), .text("Target"), .text("Linked key result"), .date(day("2026-01-01")), .date(day("2026-02-01")), .date(day("2026-03-01"))],
            [.text("NPS"), .text("Support"), .number(30), .text("Raise NPS from 20 to 30"), .number(20), .number(22), .number(23)],
            [.text("Wait time"), .text("Support"), .number(10), .text("wait time"), .number(14), .number(13), .number(13)],
            [.text("Tickets"), .text("Support"), .number(100), .text("O9.9"), .number(120), .number(110), .number(105)],
        ])
        try writer.endSheet(SheetSummary())
        try writer.finish()

        let model = try convert(path, asOf: "2026-04-10").model
        #expect(model.objectives.count == 1)
        #expect(model.kpis.map(\.links) == [["O1.1"], ["O1.2"], ["O9.9"]])
        #expect(model.kpis[1].direction == .lower, "wait time is better low")
        let unknown = try #require(model.findings.first { $0.code == "kpi-unknown-link" })
        #expect(unknown.source?.cell == "A6" && unknown.source?.sheet == "KPIs")

        // --sheet KPIs: the KPIs alone.
        var job = ConvertJob(input: path)
        job.options.asOf = day("2026-04-10")
        job.options.sheet = "KPIs"
        let kpisOnly = try job.load()
        #expect(kpisOnly.model.objectives.isEmpty && kpisOnly.model.kpis.count == 3)
        #expect(kpisOnly.sheetName == "KPIs" && kpisOnly.header == nil)
        // --sheet OKRs: the OKRs alone.
        job.options.sheet = "OKRs"
        let okrsOnly = try job.load().model
        #expect(okrsOnly.objectives.count == 1 && okrsOnly.kpis.isEmpty)
    }

    @Test func linksResolveByIDTitleOrAUniquePart() {
        var o = Objective(id: "O1", title: "Delight customers")
        o.keyResults = [KeyResult(id: "O1.1", title: "Raise NPS from 20 to 30"), KeyResult(id: "O1.2", title: "Cut the wait time, to 10 days")]
        #expect(KPILinkResolver.resolve(["o1.1"], in: [o]) == ["O1.1"])
        #expect(KPILinkResolver.resolve(["Delight customers"], in: [o]) == ["O1"])
        #expect(KPILinkResolver.resolve(KPILinkResolver.split("Cut the wait time, to 10 days"), in: [o]) == ["O1.2"])
        #expect(KPILinkResolver.resolve(["NPS", "O1.1"], in: [o]) == ["O1.1"])
        #expect(KPILinkResolver.resolve(["customers"], in: [o]) == ["O1"])
        #expect(KPILinkResolver.resolve(["nowhere"], in: [o]) == ["nowhere"])
        #expect(KPILinkResolver.split("O1.1; O2.1\nO3.1") == ["O1.1", "O2.1", "O3.1"])
    }
}

/// The KPI samples convert to the models in `Golden/NAME.json` (see ``GoldenModelTests``; OKRSHEET_RECORD=1
/// re-records).
@Suite("The KPI samples convert to their expected models")
struct KPIGoldenTests {
    @Test(arguments: ["okr-kpi-2026.xlsx", "kpi-long.csv"])
    func matchesItsGoldenFile(name: String) throws {
        var model = try convert(sample(name)).model
        let root = samplesRoot.path + "/"
        func relative(_ source: OKRSource?) -> OKRSource? {
            guard var source else { return nil }
            source.file = source.file.replacingOccurrences(of: root, with: "")
            return source
        }
        model.findings = model.findings.map { f in
            var f = f
            f.source = relative(f.source)
            return f
        }
        for i in model.objectives.indices {
            model.objectives[i].source = relative(model.objectives[i].source)
            for k in model.objectives[i].keyResults.indices {
                model.objectives[i].keyResults[k].source = relative(model.objectives[i].keyResults[k].source)
            }
        }
        for i in model.kpis.indices { model.kpis[i].source = relative(model.kpis[i].source) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(model), as: UTF8.self) + "\n"
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).json")
        if ProcessInfo.processInfo.environment["OKRSHEET_RECORD"] == "1" {
            try Data(json.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(json == expected, "re-record with OKRSHEET_RECORD=1 if the change is deliberate")
    }
}
