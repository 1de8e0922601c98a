import Foundation
@testable import OKRMapping
import SheetKit
import Testing

/// The finance update's tests: rules files, aggregation, matching, patching and whole updates.
@Suite("FinanceTests") enum FinanceTests {}

/// A folder per test, removed by the caller.
func financeFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-finance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `bytes` to `name` in `dir` and returns the path.
@discardableResult
func financeWrite(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Text as Windows-1252 bytes (the test texts only use Latin-1 letters and the euro sign).
func windows1252(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { $0.value == 0x20AC ? 0x80 : UInt8(truncatingIfNeeded: $0.value) }
}

/// The 64-bit linear congruential generator of bench/gen_ledger.py: the same rows every run.
struct FinanceLCG {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }
}

/// Reads a rules file given as text.
func financeRules(_ text: String, file: String = "rules.yaml") throws -> RulesFile {
    try RulesFile.parse(text: text, file: file)
}

/// The message and location of the `SheetError` `body` throws, nil when it throws none.
func financeError(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as SheetError {
        return error.description
    } catch {
        return "\(error)"
    }
}
