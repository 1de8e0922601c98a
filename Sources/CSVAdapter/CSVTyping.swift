import SheetKit

/// How a CSV reader types its fields.
public enum CSVTyping: Sendable, Hashable {
    /// Faithful: every non-empty field is ``CellValue/text(_:)`` exactly as written (CSV output).
    case text
    /// Numbers and dates in the file's locale become ``CellValue/number(_:)`` and dates; everything
    /// else stays text exactly as in ``text`` (XLSX/ODS output). A nil locale is sniffed per column.
    case inferred(locale: NumberLocale?)
}
