import Foundation
import ODSAdapter
import SheetKit
import Testing

/// The fixtures beside these tests, found through `#filePath` (they are not bundled).
enum ODSFixture {
    /// The folder of the fixtures.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The path of fixture `name`.
    static func path(_ name: String) -> String { "\(folder)/\(name)" }

    /// Opens fixture `name`.
    static func open(_ name: String, limits: Limits = Limits()) throws -> ODSReader {
        try ODSReader(path: path(name), displayName: name, limits: limits)
    }

    /// Every row of the sheet called `sheet` (the first when nil) of fixture `name`.
    static func rows(_ name: String, sheet: String? = nil, limits: Limits = Limits()) throws -> [Row] {
        let reader = try open(name, limits: limits)
        let index = try sheet.map { try reader.sheetIndex(named: $0, file: name) } ?? 0
        return try reader.loadSheet(at: index).rows
    }

    /// The cell at a 0-based row and column, or nil.
    static func cell(_ rows: [Row], _ row: Int, _ column: Int) -> Cell? {
        rows.first { $0.index == row }?.cells.first { $0.column == column }
    }

    /// The error that `body` throws, as a ``SheetError``; records an issue when it throws none or another.
    static func sheetError(sourceLocation: Testing.SourceLocation = #_sourceLocation,
                           _ body: () throws -> Void) -> SheetError? {
        do {
            try body()
            Issue.record("expected a SheetError, none was thrown", sourceLocation: sourceLocation)
        } catch let error as SheetError {
            return error
        } catch {
            Issue.record("expected a SheetError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
