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

/// The part of a cell's style that round trips keep: number format, bold, fill colour; and, for writers
/// that make reports, how else the cell looks (``CellLook``), which readers leave out.
///
/// A class so that the many cells sharing one style share one instance.
public final class CellStyle: Sendable, Hashable, CustomStringConvertible {
    /// The number format code (`0.00%`, `dd-mm-yyyy`), nil for General.
    public let numberFormat: String?
    public let bold: Bool
    /// The solid fill colour as `RRGGBB`, nil for none.
    public let fill: String?
    /// Font size and colour, borders and alignment for a written report; nil when read.
    public let look: CellLook?

    public init(numberFormat: String? = nil, bold: Bool = false, fill: String? = nil, look: CellLook? = nil) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.fill = fill
        self.look = look
    }

    public static func == (a: CellStyle, b: CellStyle) -> Bool {
        a === b || (a.numberFormat == b.numberFormat && a.bold == b.bold && a.fill == b.fill && a.look == b.look)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numberFormat)
        hasher.combine(bold)
        hasher.combine(fill)
        hasher.combine(look)
    }

    public var description: String {
        var parts: [String] = []
        if let numberFormat { parts.append("format \(numberFormat)") }
        if bold { parts.append("bold") }
        if let fill { parts.append("fill #\(fill)") }
        return parts.isEmpty ? "default" : parts.joined(separator: ", ")
    }
}

/// How a written cell looks beyond ``CellStyle``'s number format, bold and fill: what a report needs
/// and a table does not.
public struct CellLook: Sendable, Hashable {
    /// Font size in points, nil for the default.
    public var fontSize: Double?
    /// Font colour as `RRGGBB`, nil for the default.
    public var fontColor: String?
    public var italic: Bool
    /// Lines on the sides of the cell: `thin`, `medium` or `thick`, nil for none.
    public var borderTop: String?
    public var borderBottom: String?
    public var borderLeft: String?
    public var borderRight: String?
    /// The colour of the lines as `RRGGBB`.
    public var borderColor: String
    /// `left`, `center` or `right`, nil for the default.
    public var horizontal: String?
    /// `top`, `center` or `bottom`, nil for the default.
    public var vertical: String?
    /// Indent level (about three characters each).
    public var indent: Int
    public var wrap: Bool

    public init(fontSize: Double? = nil, fontColor: String? = nil, italic: Bool = false,
                borderTop: String? = nil, borderBottom: String? = nil, borderLeft: String? = nil, borderRight: String? = nil,
                borderColor: String = "A6A6A6", horizontal: String? = nil, vertical: String? = nil, indent: Int = 0, wrap: Bool = false) {
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.italic = italic
        self.borderTop = borderTop
        self.borderBottom = borderBottom
        self.borderLeft = borderLeft
        self.borderRight = borderRight
        self.borderColor = borderColor
        self.horizontal = horizontal
        self.vertical = vertical
        self.indent = indent
        self.wrap = wrap
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
