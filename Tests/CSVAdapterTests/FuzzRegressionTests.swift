import CSVAdapter
import Foundation
import SheetKit
import Testing

/// The inputs in `Fixtures/fuzz` (crashes the CSV fuzz target found, and small inputs from its corpus;
/// docs/fuzzing.md), each read whole in every typing mode: a ``SheetError`` is fine, a crash or a
/// hang is not.
@Suite("CSV fuzz regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz").path
    static let inputs = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { !$0.hasPrefix(".") }.sorted() ?? []

    @Test func thereAreInputs() {
        #expect(Self.inputs.count >= 3, "no inputs in \(Self.folder)")
    }

    @Test(.timeLimit(.minutes(1)), arguments: inputs)
    func readsWithoutCrashing(_ name: String) {
        let typings: [CSVTyping] = [.text, .inferred(locale: nil), .inferred(locale: NumberLocale(identifier: "nl-BE"))]
        for typing in typings {
            var options = CSVReadOptions()
            options.typing = typing
            do {
                let reader = try CSVReader(path: "\(Self.folder)/\(name)", displayName: name, options: options)
                _ = try reader.readSheet(at: 0) { row in _ = row.cells.map(\.value.canonicalText) }
            } catch is SheetError {
            } catch {
                Issue.record("\(name): not a SheetError: \(error)")
            }
        }
    }
}
