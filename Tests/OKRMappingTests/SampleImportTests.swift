import Foundation
import OKRCore
import OKRMapping
import SheetIO
import SheetKit
import Testing

let samplesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func sample(_ name: String) -> String { samplesRoot.appendingPathComponent("samples/\(name)").path }

func convert(_ path: String, asOf: String = "2026-05-15", period: String? = nil) throws -> ConvertJob.Result {
    var job = ConvertJob(input: path)
    job.options.asOf = CivilDate(iso: asOf)
    if let period { job.options.period = PeriodParser.parse(period) }
    return try job.load()
}

@Suite("Importing the shipped samples")
struct SampleImportTests {
    @Test(arguments: ["okr-sjabloon.xlsx", "okr-sjabloon.csv"])
    func theSeedTemplate(name: String) throws {
        let result = try convert(sample(name))
        let model = result.model
        #expect(model.language == "nl")
        #expect(model.period?.label == "Q2 2026")
        #expect(model.period?.start.description == "2026-04-01")
        #expect(model.objectives.map(\.title) == ["Verhoog verkoop", "Verdubbel leads", "Tevredenheid"])
        #expect(model.objectives.map(\.level) == [.company, .department, .department])
        #expect(model.objectives.map(\.levelLabel) == ["Bedrijf", "Marketing", "HR"])
        let krs = model.objectives.flatMap(\.keyResults)
        #expect(krs.map(\.id) == ["O1.1", "O2.1", "O3.1"])
        #expect(krs.map(\.start) == [0.18, 600, 7.2])
        #expect(krs.map(\.target) == [0.25, 1200, 8.0])
        #expect(krs.map(\.current) == [0.21, 1240, 7.6])
        #expect(krs[0].unit == "percent")
        #expect(krs[2].comparator == .atLeast)
        #expect(krs.map(\.reportedStatus) == [.onTrack, .achieved, .atRisk])
        #expect(krs.map(\.status) == [.onTrack, .achieved, .atRisk])
        #expect(krs.map(\.owner) == ["Commercieel directeur", "Marketingteam", "HR-manager"])
        #expect(krs[0].deadline?.description == "2026-06-30")
        #expect(krs[0].source == OKRSource(file: sample(name), sheet: result.sheetName, row: 4))
        #expect(result.header?.row == 2)
    }
}

extension SampleImportTests {
    @Test func theTwentyOneSeedObjectives() throws {
        let model = try convert(sample("okr-voorbeelden-2026.xlsx")).model
        #expect(model.objectives.count == 21)
        #expect(model.objectives.flatMap(\.keyResults).count == 51)
        #expect(model.period?.label == "Q2 2026")
        #expect(model.objectives[0].level == .company)
        #expect(model.objectives[3].levelLabel == "Administratie & Operations")
        #expect(model.objectives[3].level == .department)
        #expect(model.objectives[0].owner == "CEO")
        // Merged objective cells: every key result lands under its own objective.
        #expect(model.objectives.map(\.keyResults.count) == [3, 3, 3, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 2, 2, 2, 3, 2])
        let usability = model.objectives[9].keyResults[0]
        #expect(usability.start == 7 && usability.target == 8.5 && usability.current == 7.6)
        #expect(usability.inferred == ["start", "target"])
        let registrations = model.objectives[0].keyResults[2]
        #expect(registrations.target == 1000)
        #expect(registrations.deadline?.description == "2026-06-30")
    }

    /// The seed's own rules (section 1 and the pitfalls): at most 5 key results, every key result measurable,
    /// dated and owned. The examples break the "measurable" and "dated" rules in known places.
    @Test func checkFlagsWhatTheSeedsRulesSay() throws {
        let model = try convert(sample("okr-voorbeelden-2026.xlsx")).model
        let errors = model.findings.filter { $0.severity == .error }
        let notMeasurable = Set(errors.filter { $0.code == "kr-not-measurable" }.compactMap { $0.source?.row })
        // "Stylisten publiceren wekelijks inspiratieposts in Q2." has no number at all (row 5);
        // "Verkoopcyclus verkorten met 20%." states a change without a baseline (row 9).
        #expect(notMeasurable.contains(5))
        #expect(notMeasurable.contains(9))
        #expect(!notMeasurable.contains(27), "van 7 → 8,5 is measurable")
        #expect(!model.findings.contains { $0.code == "too-many-key-results" })
        #expect(model.findings.contains { $0.code == "kr-missing-deadline" && $0.source?.row == 8 })
        #expect(!model.findings.contains { $0.code == "kr-missing-deadline" && $0.source?.row == 7 }, "vóór einde Q2 is a deadline")
    }

    @Test func theFrenchBlockLayout() throws {
        let model = try convert(sample("okr-fr.xlsx")).model
        #expect(model.language == "fr")
        #expect(model.period?.label == "T2 2026")
        #expect(model.objectives.map(\.title) == ["Conquérir le marché wallon", "Fidéliser nos clients"])
        #expect(model.objectives.map(\.keyResults.count) == [3, 2])
        let churn = model.objectives[1].keyResults[0]
        #expect(churn.direction == .decrease)
        #expect(churn.start == 0.03 && churn.target == 0.02)
        let support = model.objectives[1].keyResults[1]
        #expect(support.comparator == .below && support.target == 4 && support.status == .achieved)
        let demos = model.objectives[0].keyResults[2]
        #expect(demos.deadline?.description == "2026-06-30")
        #expect(demos.inferred == ["deadline"])
    }

    @Test func theEnglishFlatCSV() throws {
        let model = try convert(sample("okr-en.csv")).model
        #expect(model.language == "en")
        #expect(model.objectives.map(\.id) == ["O1", "O2"])
        #expect(model.objectives.map(\.type) == [.committed, .aspirational])
        #expect(model.objectives[1].level == .team)
        let mrr = model.objectives[0].keyResults[0]
        #expect(mrr.start == 80_000 && mrr.target == 120_000 && mrr.current == 96_500 && mrr.unit == "currency:EUR" && mrr.weight == 2)
        let portal = model.objectives[1].keyResults[0]
        #expect(portal.kind == .milestone && portal.current == 0)
        #expect(model.objectives[0].progress == (2 * min(1, mrr.progress!) + min(1, model.objectives[0].keyResults[1].progress!)) / 3)
    }

    @Test(arguments: ["okr-sjabloon.xlsx", "okr-sjabloon.csv", "okr-voorbeelden-2026.xlsx", "okr-fr.xlsx", "okr-en.csv"])
    func theFlatLayoutGivesBackTheSameModel(name: String) throws {
        let original = try convert(sample(name)).model
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-flat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let flat = dir.appendingPathComponent("flat.csv").path
        try ModelWriter().writeFlatCSV(original, to: flat)
        #expect(stripped(try convert(flat).model) == stripped(original), "CSV")
        let flatXLSX = dir.appendingPathComponent("flat.xlsx").path
        try ModelWriter().writeFlatXLSX(original, to: flatXLSX)
        #expect(stripped(try convert(flatXLSX).model) == stripped(original), "XLSX")
    }

    func stripped(_ model: OKRModel) -> OKRModel {
        var m = model
        m.findings = []
        for i in m.objectives.indices {
            m.objectives[i].source = nil
            for k in m.objectives[i].keyResults.indices { m.objectives[i].keyResults[k].source = nil }
        }
        return m
    }
}

@Suite("Header detection and mapping files")
struct HeaderDetectionTests {
    func row(_ index: Int, _ texts: [String]) -> Row {
        Row(index: index, cells: texts.enumerated().compactMap { $0.element.isEmpty ? nil : Cell(column: $0.offset, value: .text($0.element)) })
    }

    @Test func skipsTitlesAndNotes() {
        let rows = [
            row(0, ["OKR-rapportage Q2 2026"]), row(1, []), row(2, ["Let op: vul de huidige waarde in vóór de 5de."]),
            row(3, ["", "Niveau", "Doelstelling", "Sleutelresultaat", "Start-waarde:", "DOELWAARDE", "Huidige  waarde (€)", "Status"]),
        ]
        let match = HeaderDetector(mapping: .auto).detect(in: rows)
        #expect(match?.row == 3)
        #expect(match?.language == "nl")
        #expect(match?.columns[.objective] == 2)
        #expect(match?.columns[.start] == 4)
        #expect(match?.columns[.target] == 5)
        #expect(match?.columns[.current] == 6)
        #expect(match?.columns[.status] == 7)
    }

    @Test(arguments: [
        (["Objectif", "Résultat clé", "Valeur cible", "Statut"], "fr"),
        (["Objective", "Key result", "Target", "Status"], "en"),
        (["Doelstelling", "Sleutelresultaat", "Doelwaarde", "Status"], "nl"),
    ])
    func tellsTheLanguage(headers: [String], language: String) {
        #expect(HeaderDetector(mapping: .auto).detect(in: [row(0, headers)])?.language == language)
    }

    @Test func theShippedMappingFilesParseAndAreEmbedded() throws {
        #expect(Mapping.auto.vocabularies.map(\.language).sorted() == ["en", "fr", "nl"])
        let folder = samplesRoot.appendingPathComponent("mappings")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") && !name.hasPrefix("rules") {
            let mapping = try Mapping.load(path: folder.appendingPathComponent(name).path)
            #expect(!mapping.vocabularies.isEmpty)
        }
        #expect(Mapping.auto.label(.onTrack, language: "nl") == "Op schema")
        #expect(Mapping.auto.label(.atRisk, language: "fr") == "À risque")
    }

    @Test func aBadMappingFileNamesItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.yaml").path
        try Data("language: nl\nfields:\n  current: [Stand]\n  bogus: [X]\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Mapping.load(path: path)
            Issue.record("accepted an unknown field")
        } catch let error as SheetError {
            #expect(error.description.hasPrefix("\(path):4: error: unknown key \"bogus\" in fields"), "\(error)")
        }
    }

    @Test func aMappingFileNamesOtherHeaders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("eigen.yaml").path
        try Data("language: nl\nfields:\n  current: [Realisatie Q2]\n  key_result: [Meetpunt]\n".utf8).write(to: URL(fileURLWithPath: path))
        let mapping = try Mapping.load(path: path)
        let match = HeaderDetector(mapping: mapping).detect(in: [row(0, ["Doelstelling", "Meetpunt", "Realisatie Q2", "Doelwaarde"])])
        #expect(match?.columns[.keyResult] == 1)
        #expect(match?.columns[.current] == 2)
        #expect(match?.columns[.target] == 3)
    }

    @Test(arguments: [
        ("Objective 1: Grow revenue", "Grow revenue"), ("Doelstelling 2 – Verhoog verkoop", "Verhoog verkoop"),
        ("Objectif 3 : Fidéliser", "Fidéliser"), ("O4. Ship it", "Ship it"), ("Doelstelling: Verbeter IT", "Verbeter IT"),
    ])
    func blockHeadings(text: String, title: String) {
        #expect(TemplateImporter.heading(text) == title)
    }

    @Test(arguments: ["Omzet verhogen", "Objective", "O-ring inspectie", "Doelwaarde: 5"])
    func notHeadings(text: String) {
        #expect(TemplateImporter.heading(text) == nil)
    }
}

@Suite("Status words and marks")
struct StatusReaderTests {
    @Test(arguments: [
        ("🔵 Op schema", Status.onTrack), ("🟡 Lopend", .atRisk), ("🟢 Behaald", .achieved), ("Achter op schema", .offTrack),
        ("en bonne voie", .onTrack), ("EN RETARD", .offTrack), ("Terminé", .achieved), ("In progress", .atRisk),
        ("🔴", .offTrack), ("⚪", .notStarted), ("馃數 Op schema", .onTrack), ("馃煝", .achieved), ("at_risk", .atRisk),
    ])
    func reads(text: String, status: Status) {
        #expect(StatusReader(mapping: .auto).read(text)?.status == status)
    }

    @Test func theWordWinsOverTheMark() {
        let reading = StatusReader(mapping: .auto).read("🟢 Achter op schema")
        #expect(reading?.status == .offTrack)
        #expect(reading?.conflictingMark == .achieved)
    }

    @Test func unknownWordsAreNotStatuses() {
        #expect(StatusReader(mapping: .auto).read("Marketing") == nil)
    }
}

@Suite("The Viva Goals preset")
struct VivaGoalsPresetTests {
    @Test func isRecognisedByItsColumnsAndLinksParents() throws {
        let result = try convert(sample("viva-goals-export.xlsx"))
        let model = result.model
        #expect(model.objectives.map(\.id) == ["OKR-101", "OKR-201"])
        #expect(model.objectives.map(\.parent) == [nil, "OKR-101"])
        #expect(model.objectives[0].keyResults.map(\.id) == ["OKR-102", "OKR-103"])
        #expect(model.objectives[1].keyResults.map(\.title) == ["Average wait time in days"])
        #expect(model.objectives[1].keyResults[0].direction == .decrease)
        #expect(model.objectives[1].keyResults[0].unit == "days")
        #expect(model.objectives[1].levelLabel == "Customer Service")
        #expect(model.objectives[1].keyResults[0].reportedStatus == .offTrack, "Viva's 'Behind'")
        #expect(model.period?.label == "Q2 2026")
        #expect(model.findings.contains { $0.code == "item-skipped" && $0.message.contains("Launch the self-service portal") })
    }

    @Test func canBeNamed() throws {
        #expect(Mapping.presetNames == ["viva-goals"])
        #expect(try Mapping.load(path: "viva-goals").name == "viva-goals")
        #expect(throws: SheetError.self) { try Mapping.load(path: "no-such-preset") }
    }
}
