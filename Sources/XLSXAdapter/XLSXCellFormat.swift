import SheetKit

/// The look of one written cell: number format, font, fill, border and alignment. Each distinct format
/// becomes one `xf` of `xl/styles.xml` (see ``XLSXStyleTable``).
public struct XLSXCellFormat: Hashable, Sendable {
    /// A font: bold, italic, size in points and colour as `RRGGBB` (nil: the theme's text colour).
    public struct Font: Hashable, Sendable {
        public var bold: Bool
        public var italic: Bool
        public var size: Double
        public var color: String?

        public init(bold: Bool = false, italic: Bool = false, size: Double = 11, color: String? = nil) {
            self.bold = bold
            self.italic = italic
            self.size = size
            self.color = color
        }
    }

    /// Thin or medium lines on some sides of a cell, in one colour.
    public struct Border: Hashable, Sendable {
        /// `thin`, `medium`, `thick`, `hair`, `dotted`…, or nil for no line on that side.
        public var top: String?
        public var bottom: String?
        public var left: String?
        public var right: String?
        public var color: String

        public init(top: String? = nil, bottom: String? = nil, left: String? = nil, right: String? = nil, color: String = "A6A6A6") {
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
            self.color = color
        }
    }

    /// Horizontal and vertical alignment, indent level and text wrapping.
    public struct Alignment: Hashable, Sendable {
        /// `left`, `center`, `right`, or nil for General.
        public var horizontal: String?
        /// `top`, `center`, `bottom`, or nil for bottom.
        public var vertical: String?
        /// Indent level (about three characters each); needs a left or right horizontal alignment.
        public var indent: Int
        public var wrap: Bool

        public init(horizontal: String? = nil, vertical: String? = nil, indent: Int = 0, wrap: Bool = false) {
            self.horizontal = horizontal
            self.vertical = vertical
            self.indent = indent
            self.wrap = wrap
        }
    }

    /// The number format code (`0.0%`, `dd-mm-yyyy`), nil for General.
    public var numberFormat: String?
    public var font: Font
    /// The solid fill colour as `RRGGBB`, nil for none.
    public var fill: String?
    public var border: Border?
    public var alignment: Alignment?

    public init(numberFormat: String? = nil, font: Font = Font(), fill: String? = nil, border: Border? = nil, alignment: Alignment? = nil) {
        self.numberFormat = numberFormat
        self.font = font
        self.fill = fill
        self.border = border
        self.alignment = alignment
    }

    /// The format of a SheetKit cell style: number format, bold, fill.
    public init(numberFormat: String?, bold: Bool, fill: String?) {
        self.init(numberFormat: numberFormat, font: Font(bold: bold), fill: fill)
    }

    /// The default format (`s="0"`).
    public static let standard = XLSXCellFormat()
}
