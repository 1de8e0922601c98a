import SheetKit

/// A drop-down list of allowed values over a range (`<dataValidation type="list">`).
public struct XLSXDataValidation: Hashable, Sendable {
    public var range: CellRange
    /// The values offered; together at most 255 characters, as Excel requires of an inline list.
    public var values: [String]
    /// Whether a value outside the list is refused (else only warned about).
    public var strict: Bool

    public init(range: CellRange, values: [String], strict: Bool = false) {
        self.range = range
        self.values = values
        self.strict = strict
    }

    /// The list as the inline formula Excel stores: `"a,b,c"`, quotes doubled.
    var formula: String {
        "\"" + values.joined(separator: ",").split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
