import Foundation
import ODSAdapter
import SheetKit
import Testing

/// The inputs in `Fixtures/fuzz` (crashes the ODS fuzz targets found, and small inputs from their
/// corpora; docs/fuzzing.md), each opened and every sheet read: a ``SheetError`` is fine, a crash or a
/// hang is not.
@Suite("ODS fuzz regressions")
struct FuzzRegressionTests {
    static let folder = ODSFixture.folder + "/fuzz"
    static let inputs = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreInputs() {
        #expect(Self.inputs.count >= 3, "no inputs in \(Self.folder)")
    }

    @Test(.timeLimit(.minutes(1)), arguments: inputs)
    func readsWithoutCrashing(_ name: String) {
        do {
            let reader = try ODSReader(path: "\(Self.folder)/\(name)", displayName: name)
            var index = 0
            while index < reader.sheets.count {  // the list can grow as the last sheet is read
                _ = try reader.readSheet(at: index) { row in _ = row.cells.map(\.value.canonicalText) }
                index += 1
            }
        } catch is SheetError {
        } catch {
            Issue.record("\(name): not a SheetError: \(error)")
        }
    }
}
