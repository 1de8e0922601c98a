/// Safety limits for reading untrusted files. Real files never reach the defaults; each can be raised.
public struct Limits: Sendable, Hashable {
    /// Rows per sheet (Excel's maximum).
    public var maxRows: Int = CellReference.maxRows
    /// Columns per sheet (Excel's maximum, XFD).
    public var maxColumns: Int = CellReference.maxColumns
    /// Characters in one XLSX/ODS cell (Excel's maximum).
    public var maxCellLength: Int = 32_767
    /// Bytes in one CSV field.
    public var maxCSVFieldBytes: Int = 16 << 20
    /// Uncompressed bytes of one ZIP entry.
    public var maxEntryBytes: Int64 = 4 << 30
    /// Uncompressed ÷ compressed size of one ZIP entry (checked once an entry passes 1 MiB).
    public var maxCompressionRatio: Int64 = 1_000
    /// Total cells an ODS repeat may expand to that hold a value (repeated empties cost nothing).
    public var maxRepeatedCells: Int64 = 100_000_000
    /// Shared strings in an XLSX workbook.
    public var maxSharedStrings: Int = 16 << 20

    public init() {}

    /// The names `--limits` accepts, each with its flag text, for messages and parsing.
    public static let names: [String] = [
        "rows", "columns", "cell-length", "csv-field-bytes", "entry-bytes", "compression-ratio",
        "repeated-cells", "shared-strings",
    ]

    /// How to raise the limit called `name`, for error messages.
    public static func howToRaise(_ name: String) -> String {
        "raise it with --limits \(name)=N if the file is trusted"
    }

    /// Sets the limit called `name` (one of ``names``) to `value`; false for an unknown name.
    public mutating func set(_ name: String, to value: Int64) -> Bool {
        switch name {
        case "rows": maxRows = Int(value)
        case "columns": maxColumns = Int(value)
        case "cell-length": maxCellLength = Int(value)
        case "csv-field-bytes": maxCSVFieldBytes = Int(value)
        case "entry-bytes": maxEntryBytes = value
        case "compression-ratio": maxCompressionRatio = value
        case "repeated-cells": maxRepeatedCells = value
        case "shared-strings": maxSharedStrings = Int(value)
        default: return false
        }
        return true
    }
}
