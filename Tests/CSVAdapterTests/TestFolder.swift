import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

/// A temporary folder for one test, removed when dropped.
final class TestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }

    func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// The fixture called `name` beside this file.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }
}

/// Reading and writing helpers shared by the CSV suites.
enum CSV {
    /// The rows a reader hands over, each as the canonical texts of its cells from column A to its
    /// last cell ("" for gaps); checks that row indices count up from 0.
    static func rows(_ path: String, _ options: CSVReadOptions = .init(), chunkSize: Int = 1 << 20,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [[String]] {
        try values(path, options, chunkSize: chunkSize, sourceLocation: sourceLocation).map { $0.map(\.canonicalText) }
    }

    /// The rows a reader hands over as values (`.empty` for gaps).
    static func values(_ path: String, _ options: CSVReadOptions = .init(), chunkSize: Int = 1 << 20,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [[CellValue]] {
        let reader = try CSVReader(path: path, displayName: (path as NSString).lastPathComponent, options: options)
        reader.chunkSize = chunkSize
        var rows: [[CellValue]] = []
        _ = try reader.readSheet(at: 0) { row in
            #expect(row.index == rows.count, "row indices count records", sourceLocation: sourceLocation)
            var values: [CellValue] = []
            for cell in row.cells {
                while values.count < cell.column { values.append(.empty) }
                values.append(cell.value)
            }
            rows.append(values)
        }
        return rows
    }

    /// Reads `input` and writes it with a ``CSVWriter``: the generic path that ``CSVCopy`` must match.
    static func readWrite(_ input: String, to output: String?, _ readOptions: CSVReadOptions = .init(),
                          _ writeOptions: CSVWriteOptions = .init(), chunkSize: Int = 1 << 20) throws -> [Diagnostic] {
        let reader = try CSVReader(path: input, displayName: (input as NSString).lastPathComponent, options: readOptions)
        reader.chunkSize = chunkSize
        let writer = try CSVWriter(path: output, options: writeOptions)
        try writer.beginSheet(reader.sheets[0])
        let summary = try reader.readSheet(at: 0) { try writer.write($0) }
        try writer.endSheet(summary)
        try writer.finish()
        return reader.warnings
    }

    /// Writes `rows` with a ``CSVWriter`` to `path`.
    static func write(_ rows: [Row], to path: String, _ options: CSVWriteOptions = .init()) throws {
        let writer = try CSVWriter(path: path, options: options)
        try writer.beginSheet(SheetInfo(name: "Sheet1"))
        for row in rows { try writer.write(row) }
        try writer.endSheet(SheetSummary())
        try writer.finish()
    }

    /// A row of text cells, skipping empty strings.
    static func textRow(_ index: Int, _ texts: [String]) -> Row {
        Row(index: index, cells: texts.enumerated().compactMap { $1.isEmpty ? nil : Cell(column: $0, value: .text($1)) })
    }

    /// The error `body` throws, as a ``SheetError``.
    static func sheetError(sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> SheetError? {
        do {
            try body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch let error as SheetError {
            return error
        } catch {
            Issue.record("expected a SheetError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
