/// How a CSV file is written: what a template update keeps when it writes the file back.
public struct CSVDialect: Sendable, Hashable {
    /// The line end of the file's first line.
    public enum LineEnding: String, Sendable, Hashable {
        case lf = "\n"
        case crlf = "\r\n"
        case cr = "\r"
    }

    /// The field delimiter byte: `,` `;` tab `|` or what was given.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Always `"`: the only quote character RFC 4180 and Excel know.
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// The encoding the text was read in.
    public var encoding: TextEncoding = .utf8
    /// The file starts with a byte order mark.
    public var hasBOM = false
    public var lineEnding: LineEnding = .lf
    /// The file starts with Excel's `sep=;` line, which is not a data row.
    public var hasSepLine = false

    public init() {}
}
