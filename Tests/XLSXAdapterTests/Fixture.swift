import SheetKit
import Testing
import XLSXAdapter

/// The fixtures beside the tests, found through `#filePath` (they are not bundled).
enum Fixture {
    static let folder: String = {
        let file = "\(#filePath)"
        guard let slash = file.lastIndex(of: "/") else { return "Fixtures" }
        return String(file[..<slash]) + "/Fixtures"
    }()

    static func path(_ name: String) -> String { "\(folder)/\(name)" }

    /// Opens a fixture workbook.
    static func reader(_ name: String, limits: Limits = Limits()) throws -> XLSXReader {
        try XLSXReader(path: path(name), displayName: name, limits: limits)
    }

    /// Reads one sheet of a fixture whole.
    static func sheet(_ name: String, at index: Int = 0, limits: Limits = Limits()) throws -> Sheet {
        try reader(name, limits: limits).loadSheet(at: index)
    }

    /// The cell at an A1 reference, nil where there is none.
    static func cell(_ sheet: Sheet, _ ref: String) -> Cell? {
        guard let at = CellReference(ref), let row = sheet.rows.first(where: { $0.index == at.row }) else { return nil }
        return row.cells.first { $0.column == at.column }
    }
}

/// Runs `body` and returns the ``SheetError`` it throws, recording an issue at the caller otherwise.
func sheetError(sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> SheetError? {
    do {
        try body()
        Issue.record("expected a SheetError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as SheetError {
        return error
    } catch {
        Issue.record("expected a SheetError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

extension SheetError {
    /// The case's name, for comparing kinds of errors in tests.
    var kind: String {
        switch self {
        case .unsupportedFormat: return "unsupportedFormat"
        case .malformed: return "malformed"
        case .limitExceeded: return "limitExceeded"
        case .encrypted: return "encrypted"
        case .io: return "io"
        case .invalidRequest: return "invalidRequest"
        }
    }
}
