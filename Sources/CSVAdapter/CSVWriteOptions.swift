/// How a ``CSVWriter`` shapes its output. The defaults give DESIGN's canonical CSV: UTF-8 without
/// byte order mark, `,`, `\n`, minimal quoting.
public struct CSVWriteOptions: Sendable {
    /// The delimiter byte (`--out-delimiter`); tab for TSV.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Start with a UTF-8 byte order mark (`--bom`, for Excel).
    public var bom = false
    /// End lines with CR LF (`--crlf`).
    public var crlf = false
    /// Prefix `'` to text that starts with `=`, `+`, `-`, `@`, tab or CR, unless it reads as a
    /// number (`--neutralize-formulas`, OWASP CSV injection).
    public var neutralizeFormulas = false

    public init() {}
}
