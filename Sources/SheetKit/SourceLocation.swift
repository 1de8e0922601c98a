/// Where a problem is: a file, and within it a sheet cell, or a line and column of a text file.
///
/// Prints like a compiler's location: `okr.xlsx:OKR!C7`, `grootboek.csv:1234:6`, `rules.yaml:14`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Position: Sendable, Hashable {
        case none
        /// A sheet and, where known, a 0-based row and column.
        case cell(sheet: String?, row: Int?, column: Int?)
        /// A 1-based line and, where known, column of a text file (CSV, YAML).
        case text(line: Int, column: Int?)
    }

    public var file: String
    public var position: Position

    public init(file: String, position: Position = .none) {
        self.file = file
        self.position = position
    }

    public static func cell(_ file: String, sheet: String?, row: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, position: .cell(sheet: sheet, row: row, column: column))
    }

    public static func text(_ file: String, line: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, position: .text(line: line, column: column))
    }

    public var description: String {
        switch position {
        case .none:
            return file
        case .text(let line, let column):
            return column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
        case .cell(let sheet, let row, let column):
            var cell = ""
            if let column { cell += CellReference.columnName(column) }
            if let row { cell += String(row + 1) }
            switch (sheet, cell.isEmpty) {
            case (nil, true): return file
            case (nil, false): return "\(file):\(cell)"
            case (let sheet?, true): return "\(file):\(sheet)"
            case (let sheet?, false): return "\(file):\(sheet)!\(cell)"
            }
        }
    }
}

/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
}

/// A message about an input, printed like a compiler's: `okr.xlsx:OKR!C7: warning: …`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
