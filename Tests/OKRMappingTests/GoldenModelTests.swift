import Foundation
import OKRCore
import OKRMapping
import SheetKit
import Testing

/// Every sample converts to the OKR model in `Golden/NAME.json`. Set OKRSHEET_RECORD=1 to re-record after a
/// deliberate change, then read the diff before committing it.
@Suite("The samples convert to their expected models")
struct GoldenModelTests {
    static let samples = ["okr-sjabloon.xlsx", "okr-sjabloon.ods", "okr-sjabloon.csv", "okr-voorbeelden-2026.xlsx",
                          "okr-fr.xlsx", "okr-en.csv", "viva-goals-export.xlsx"]

    @Test(arguments: samples)
    func matchesItsGoldenFile(name: String) throws {
        var model = try convert(sample(name)).model
        // Paths in sources are made relative so the file is the same on every machine.
        let root = samplesRoot.path + "/"
        model.findings = model.findings.map { finding in
            var f = finding
            if var source = f.source {
                source.file = source.file.replacingOccurrences(of: root, with: "")
                f.source = source
            }
            return f
        }
        func relative(_ source: OKRSource?) -> OKRSource? {
            guard var source else { return nil }
            source.file = source.file.replacingOccurrences(of: root, with: "")
            return source
        }
        model.objectives = model.objectives.map { objective in
            var o = objective
            o.source = relative(o.source)
            o.keyResults = o.keyResults.map { kr in
                var k = kr
                k.source = relative(k.source)
                return k
            }
            return o
        }
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
