import CSVAdapter

/// How to read the export: the `source:` section of a rules file. Every field left at `auto` is sniffed.
public struct LedgerSource: Sendable, Hashable {
    /// What to do with a row whose cell does not parse.
    public enum OnError: String, Sendable, Hashable {
        /// Stop with an error at the cell (the default).
        case fail
        /// Leave the row out of every rule, count it and report it.
        case skip
    }

    /// The decimal separator of amounts.
    public enum Decimal: String, Sendable, Hashable {
        /// Decided per column by the first amount that settles it (`1.234,56`, `12,5`); before that, an
        /// ambiguous `1.234` is read the way the delimiter suggests (`;` → decimal comma).
        case auto
        /// `1.234,56`, `1 234,56`.
        case comma
        /// `1,234.56`, `1 234.56`.
        case point
    }

    /// The CSV delimiter; nil: sniffed.
    public var delimiter: UInt8?
    public var decimal: Decimal = .auto
    /// The CSV encoding; nil: sniffed.
    public var encoding: TextEncoding?
    /// The 1-based header row; nil: the first of the top 40 rows that names every column the rules use.
    public var headerRow: Int?
    public var onError: OnError = .fail
    /// The sheet of an XLSX or ODS export; nil: the first visible sheet.
    public var sheet: String?

    public init() {}
}
