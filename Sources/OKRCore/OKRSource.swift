/// Where a key result or a finding came from in the input: `{"file", "sheet", "row"}` or `"cell"`.
public struct OKRSource: Sendable, Hashable, Codable {
    public var file: String
    public var sheet: String?
    /// 1-based row.
    public var row: Int?
    /// An A1 cell, when the finding is about one cell.
    public var cell: String?

    public init(file: String, sheet: String? = nil, row: Int? = nil, cell: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.cell = cell
    }

    /// `template.xlsx:OKR!I7`, `template.xlsx:OKR!7`, `template.csv:7`.
    public var location: String {
        var text = file
        if let sheet { text += ":" + sheet }
        if let cell { return text + (sheet == nil ? ":" : "!") + cell }
        if let row { return text + (sheet == nil ? ":" : "!") + String(row) }
        return text
    }
}

/// Something `check` reports (and `convert` carries): `kr-missing-deadline` at a cell.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    /// A stable kebab-case code such as `kr-not-measurable`.
    public var code: String
    public var message: String
    public var source: OKRSource?

    public init(_ severity: Severity, _ code: String, _ message: String, source: OKRSource? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.source = source
    }

    /// Prints like a compiler: `okr.xlsx:OKR!I7: warning: … [kr-missing-deadline]`.
    public var description: String {
        let location = source?.location ?? "<model>"
        return "\(location): \(severity.rawValue): \(message) [\(code)]"
    }
}
