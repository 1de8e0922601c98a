import Foundation
import SheetKit
import Testing

@Suite("Atomic output files")
struct AtomicOutputFileTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func replacesOnlyOnCommit() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        let file = try AtomicOutputFile(path: path)
        file.writer.write("new\n")
        try file.writer.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test func discardLeavesNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        do {
            let file = try AtomicOutputFile(path: path)
            file.writer.write("partial")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func missingFolderIsAnError() {
        #expect(throws: SheetError.self) { try AtomicOutputFile(path: "/nonexistent-okrsheet/out.csv") }
    }
}
