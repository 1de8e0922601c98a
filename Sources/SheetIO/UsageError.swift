/// A request the command line should not have made (exit status 2): a bad flag value, an output that
/// would overwrite an input, a format that cannot be written.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "error: \(message)" }
}
