import Foundation
import Testing

@Suite("Safe writes")
struct SafeWriteTests {
    /// An output path that is a symlink into another folder is replaced by the new file beside it; the file
    /// the link pointed to is not written through.
    @Test func anOutputSymlinkIsReplacedNotWrittenThrough() throws {
        let dir = try scratchFolder(), elsewhere = try scratchFolder()
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let input = dir.appendingPathComponent("in.csv")
        try Data("a;b\n1;2\n".utf8).write(to: input)
        let target = elsewhere.appendingPathComponent("precious.csv")
        try Data("keep me\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("out.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try CLIRunner.run(["table", input.path, link.path]).status == 0)
        #expect(try Data(contentsOf: target) == Data("keep me\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOf: link, encoding: .utf8) == "a,b\n1,2\n")
    }

    /// Kills okrsheet at random points while it writes over an existing file: afterwards the file is the old
    /// one or the complete new one, never a mix.
    @Test(.timeLimit(.minutes(2)))
    func aKilledWriteLeavesTheOldFileOrTheNewOne() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("big.csv")
        var text = "Datum;Omschrijving;Bedrag\n"
        for i in 0..<120_000 { text += "01-04-2026;Levering \(i) \"spoed\";\(i),50\n" }
        try Data(text.utf8).write(to: input)
        let reference = dir.appendingPathComponent("reference.csv")
        #expect(try CLIRunner.run(["table", input.path, reference.path]).status == 0)
        let expected = try Data(contentsOf: reference)
        let old = Data("the old file\n".utf8)
        let output = dir.appendingPathComponent("out.csv")
        var generator = SystemRandomNumberGenerator()
        var sawOld = false, sawNew = false
        for attempt in 0..<12 {
            try old.write(to: output)
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["table", input.path, output.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = attempt == 0 ? 0 : UInt32.random(in: 1_000...150_000, using: &generator)
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: output)
            #expect(now == old || now == expected, "attempt \(attempt): a mix of \(now.count) bytes")
            sawOld = sawOld || now == old
            sawNew = sawNew || now == expected
        }
        #expect(sawOld, "an early kill must leave the old file")
    }

    @Test func aSymlinkedOutputIsReplacedNotWrittenThrough() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let elsewhere = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let victim = elsewhere.appendingPathComponent("important.txt")
        try Data("keep me\n".utf8).write(to: victim)
        let link = dir.appendingPathComponent("out.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        let result = try CLIRunner.run(["table", "-", link.path], stdin: Data("a,b\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
        #expect(try String(contentsOf: link, encoding: .utf8) == "a,b\n")
    }
}
