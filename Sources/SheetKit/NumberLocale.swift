// PLACEHOLDER: replaced by the CSV helper.
/// How a locale writes numbers and dates.
public struct NumberLocale: Sendable, Hashable {
    public var identifier: String
    public init?(identifier: String) { self.identifier = identifier }
}
