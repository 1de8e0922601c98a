import Foundation
import SheetKit
import Testing
import XLSXAdapter

/// The inputs in `Fixtures/fuzz` (crashes the XLSX fuzz targets found, and small inputs from their
/// corpora; docs/fuzzing.md), each opened and every sheet read: a ``SheetError`` is fine, a crash or a
/// hang is not.
@Suite("XLSX fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Fixture.folder + "/fuzz"
    static let inputs = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreInputs() {
        #expect(Self.inputs.count >= 3, "no inputs in \(Self.folder)")
    }

    @Test(.timeLimit(.minutes(1)), arguments: inputs)
    func readsWithoutCrashing(_ name: String) {
        do {
            let reader = try XLSXReader(path: "\(Self.folder)/\(name)", displayName: name)
            for index in reader.sheets.indices {
                _ = try reader.readSheet(at: index) { row in _ = row.cells.map(\.value.canonicalText) }
            }
        } catch is SheetError {
        } catch {
            Issue.record("\(name): not a SheetError: \(error)")
        }
    }
}
