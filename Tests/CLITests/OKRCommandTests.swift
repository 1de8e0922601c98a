import Foundation
import Testing

@Suite("okrsheet convert, check and inspect, end to end")
struct OKRCommandTests {
    func samplePath(_ name: String) -> String { packageRoot.appendingPathComponent("samples/\(name)").path }

    @Test(arguments: ["okr-sjabloon.xlsx", "okr-sjabloon.ods", "okr-sjabloon.csv"])
    func convertsTheSeedTemplateInEveryFormat(name: String) throws {
        let result = try CLIRunner.run(["convert", samplePath(name), "-", "--as-of", "2026-05-15"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(json?["language"] as? String == "nl")
        #expect(json?["asOf"] as? String == "2026-05-15")
        let objectives = json?["objectives"] as? [[String: Any]]
        #expect(objectives?.count == 3)
        let kr = (objectives?.first?["keyResults"] as? [[String: Any]])?.first
        #expect(kr?["target"] as? Double == 0.25)
        #expect(kr?["status"] as? String == "on_track")
        #expect(kr?["parent"] == nil && objectives?.first?["parent"] is NSNull, "null fields are written")
        #expect(result.stderr.contains("note: comparator taken from the key result's wording \"Score ≥ 8\" [kr-inferred]"))
    }

    @Test func checkExitsOneOnErrorsAndPrintsLikeACompiler() throws {
        let result = try CLIRunner.run(["check", samplePath("okr-voorbeelden-2026.xlsx"), "--as-of", "2026-05-15"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(samplePath("okr-voorbeelden-2026.xlsx") + ":OKR 2026!5: error: key result \"Stylisten publiceren"))
        let clean = try CLIRunner.run(["check", samplePath("okr-sjabloon.xlsx"), "--as-of", "2026-05-15"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test func checkWritesFindingsAsJSON() throws {
        let result = try CLIRunner.run(["check", samplePath("okr-en.csv"), "--as-of", "2026-05-15", "--format", "json"])
        #expect(result.status == 0)
        let findings = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]
        #expect(findings?.contains { $0["code"] as? String == "few-objectives" } == true)
    }

    @Test func inspectShowsTheHeaderRowAndMapping() throws {
        let result = try CLIRunner.run(["inspect", samplePath("okr-voorbeelden-2026.xlsx"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(json?["headerRow"] as? Int == 4)
        let mapping = json?["mapping"] as? [String: String]
        #expect(mapping?["objective"] == "B")
        #expect(mapping?["keyResult"] == "D")
        #expect(mapping?["current"] == "F")
    }

    @Test func theFlatCSVComesBackAsTheSameModel() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flat = dir.appendingPathComponent("flat.csv").path
        let first = try CLIRunner.run(["convert", samplePath("okr-en.csv"), flat, "--as-of", "2026-05-15"])
        #expect(first.status == 0, "\(first.stderr)")
        let a = try CLIRunner.run(["convert", samplePath("okr-en.csv"), "-", "--as-of", "2026-05-15"])
        let b = try CLIRunner.run(["convert", flat, "-", "--as-of", "2026-05-15"])
        func objectives(_ data: Data) throws -> String {
            var json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            json["findings"] = nil
            var objectives = json["objectives"] as? [[String: Any]] ?? []
            for i in objectives.indices {
                objectives[i]["source"] = nil
                objectives[i]["keyResults"] = (objectives[i]["keyResults"] as? [[String: Any]])?.map { kr in
                    var kr = kr
                    kr["source"] = nil
                    return kr
                }
            }
            json["objectives"] = objectives
            return String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try objectives(a.stdout) == objectives(b.stdout))
    }

    @Test func aTableWithoutOKRHeadersIsAClearError() throws {
        let result = try CLIRunner.run(["convert", packageRoot.appendingPathComponent("samples/grootboek.csv").path, "-"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("no OKR header row found"))
    }

    @Test func badFlagValuesAreUsageErrors() throws {
        #expect(try CLIRunner.run(["convert", samplePath("okr-en.csv"), "-", "--as-of", "15-05-2026"]).status == 2)
        #expect(try CLIRunner.run(["convert", samplePath("okr-en.csv"), "-", "--period", "Q5 2026"]).status == 2)
        #expect(try CLIRunner.run(["convert", samplePath("okr-en.csv"), "-", "--lang", "de"]).status == 2)
        #expect(try CLIRunner.run(["convert", samplePath("okr-en.csv"), "out.pdf"]).status == 2)
    }
}
