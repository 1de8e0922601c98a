import Foundation
import OKRCore
import SheetKit
import Testing

@Suite("The OKR model's JSON")
struct OKRModelCodingTests {
    func designExample() -> OKRModel {
        var model = OKRModel()
        model.language = "nl"
        model.period = Period(label: "Q2 2026", start: CivilDate(iso: "2026-04-01")!, end: CivilDate(iso: "2026-06-30")!)
        model.asOf = CivilDate(iso: "2026-05-15")
        var o = Objective(id: "O1", title: "Verhoog verkoop")
        o.level = .company
        o.levelLabel = "Bedrijf"
        o.owner = "Commercieel directeur"
        var k = KeyResult(id: "O1.1", title: "Conversieratio 25%")
        k.owner = "Commercieel directeur"
        k.unit = "percent"
        k.start = 0.18
        k.target = 0.25
        k.current = 0.21
        k.deadline = CivilDate(iso: "2026-06-30")
        k.reportedStatus = .onTrack
        k.source = OKRSource(file: "template.xlsx", sheet: "OKR", row: 5)
        o.keyResults = [k]
        model.objectives = [o]
        DerivedFields.evaluate(&model)
        return model
    }

    @Test func writesEveryFieldWithNulls() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(designExample()), as: UTF8.self)
        #expect(json.contains("\"parent\":null"))
        #expect(json.contains("\"comparator\":null"))
        #expect(json.contains("\"progress\":0.4285714285714285,"))
        #expect(json.contains("\"score\":0.4"))
        #expect(json.contains("\"status\":\"on_track\""))
        #expect(json.contains("\"deadline\":\"2026-06-30\""))
        #expect(json.contains("\"asOf\":\"2026-05-15\""))
        #expect(json.contains("\"source\":{\"file\":\"template.xlsx\",\"row\":5,\"sheet\":\"OKR\"}"))
    }

    @Test func roundTrips() throws {
        let model = designExample()
        let decoded = try JSONDecoder().decode(OKRModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
    }

    @Test func refusesABadDate() {
        let json = Data(#"{"language":"nl","asOf":"15-05-2026","objectives":[],"findings":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OKRModel.self, from: json) }
    }
}
