import SheetKit

/// A problem found while scanning, located by its offset in the decoded (UTF-8) stream; turned into
/// a ``SheetError`` with a line and column only when it is thrown out of the module, so the hot loops
/// never count lines.
enum CSVFailure: Error {
    /// Bad text or structure at a stream offset.
    case malformed(offset: Int64, message: String)
    /// A safety limit exceeded at a stream offset.
    case limit(offset: Int64, limit: String, value: String, flag: String)
    /// A failure that already carries its location.
    case located(SheetError)
}
