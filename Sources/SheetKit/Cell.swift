/// One non-empty (or styled) cell of a row.
public struct Cell: Sendable, Hashable {
    /// 0-based column index (A = 0).
    public var column: Int
    /// The value, or for a formula cell its cached value.
    public var value: CellValue
    /// The formula text without a leading `=`, as the file stores it, when the cell has one.
    public var formula: String?
    /// What little style a round trip keeps; nil for the default style.
    public var style: CellStyle?

    public init(column: Int, value: CellValue, formula: String? = nil, style: CellStyle? = nil) {
        self.column = column
        self.value = value
        self.formula = formula
        self.style = style
    }
}

/// The part of a cell's style that round trips keep: number format, bold, fill colour.
///
/// A class so that the many cells sharing one style share one instance.
public final class CellStyle: Sendable, Hashable, CustomStringConvertible {
    /// The number format code (`0.00%`, `dd-mm-yyyy`), nil for General.
    public let numberFormat: String?
    public let bold: Bool
    /// The solid fill colour as `RRGGBB`, nil for none.
    public let fill: String?

    public init(numberFormat: String? = nil, bold: Bool = false, fill: String? = nil) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.fill = fill
    }

    public static func == (a: CellStyle, b: CellStyle) -> Bool {
        a === b || (a.numberFormat == b.numberFormat && a.bold == b.bold && a.fill == b.fill)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numberFormat)
        hasher.combine(bold)
        hasher.combine(fill)
    }

    public var description: String {
        var parts: [String] = []
        if let numberFormat { parts.append("format \(numberFormat)") }
        if bold { parts.append("bold") }
        if let fill { parts.append("fill #\(fill)") }
        return parts.isEmpty ? "default" : parts.joined(separator: ", ")
    }
}

/// One row as a reader hands it over.
public struct Row: Sendable, Hashable {
    /// 0-based row index (row 1 = 0).
    public var index: Int
    /// The cells in ascending column order; absent columns are empty.
    public var cells: [Cell]
    public var hidden: Bool

    public init(index: Int, cells: [Cell] = [], hidden: Bool = false) {
        self.index = index
        self.cells = cells
        self.hidden = hidden
    }

    /// The value at a 0-based column, `.empty` where there is no cell.
    public subscript(column: Int) -> CellValue {
        if column < cells.count, cells[column].column == column { return cells[column].value }
        for cell in cells where cell.column == column { return cell.value }
        return .empty
    }

    /// One past the last column that holds a non-empty value (0 for an empty row).
    public var width: Int {
        for cell in cells.reversed() where !cell.value.isEmpty { return cell.column + 1 }
        return 0
    }
}
