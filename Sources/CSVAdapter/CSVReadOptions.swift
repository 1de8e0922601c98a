import SheetKit

/// What a ``CSVReader`` is told rather than left to sniff.
public struct CSVReadOptions: Sendable {
    /// The delimiter byte (`--delimiter`); nil: an Excel `sep=` line, else sniffed among `,` `;` tab `|`.
    public var delimiter: UInt8?
    /// The encoding (`--encoding`); nil: a byte order mark, else UTF-8 when the bytes are valid
    /// UTF-8, else Windows-1252 (with a warning).
    public var encoding: TextEncoding?
    /// Text (faithful, the default) or numbers and dates typed in a locale.
    public var typing: CSVTyping = .text
    /// `maxCSVFieldBytes`, `maxRows` and `maxColumns` apply; a record may hold 4 × `maxCSVFieldBytes`.
    public var limits = Limits()

    public init() {}
}
