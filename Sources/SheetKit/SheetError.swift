/// Why a file could not be read or written. Every case says where.
public enum SheetError: Error, Sendable, CustomStringConvertible {
    /// The bytes are not a format okrsheet reads (legacy .xls, HTML, an image…); the text says what they are.
    case unsupportedFormat(SourceLocation, String)
    /// The file is of a known format but broken or not as the format says.
    case malformed(SourceLocation, String)
    /// The file exceeds a safety limit; names the limit and how to raise it.
    case limitExceeded(SourceLocation, limit: String, value: String, howToRaise: String)
    /// The file is encrypted or password-protected.
    case encrypted(SourceLocation, String)
    /// The file system refused (missing file, no permission…).
    case io(SourceLocation, String)
    /// A sheet or option that does not exist or is not allowed.
    case invalidRequest(SourceLocation, String)

    public var location: SourceLocation {
        switch self {
        case .unsupportedFormat(let l, _), .malformed(let l, _), .encrypted(let l, _), .io(let l, _),
             .invalidRequest(let l, _), .limitExceeded(let l, _, _, _):
            return l
        }
    }

    public var message: String {
        switch self {
        case .unsupportedFormat(_, let m), .malformed(_, let m), .encrypted(_, let m), .io(_, let m),
             .invalidRequest(_, let m):
            return m
        case .limitExceeded(_, let limit, let value, let howToRaise):
            return "\(value) exceeds the limit on \(limit); \(howToRaise)"
        }
    }

    public var diagnostic: Diagnostic { Diagnostic(.error, location, message) }

    public var description: String { diagnostic.description }
}
