// PLACEHOLDER: replaced by the CSV helper.
import SheetKit

public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8", utf16le = "utf-16le", utf16be = "utf-16be", windows1252 = "windows-1252"
    public init?(name: String) { self.init(rawValue: name.lowercased()) }
}

public enum CSVTyping: Sendable, Hashable {
    case text
    case inferred(locale: NumberLocale?)
}

public struct CSVReadOptions: Sendable {
    public var delimiter: UInt8?
    public var encoding: TextEncoding?
    public var typing: CSVTyping = .text
    public var limits = Limits()
    public init() {}
}

public struct CSVDialect: Sendable, Hashable {
    public var delimiter: UInt8 = 44
    public var encoding: TextEncoding = .utf8
    public var hasBOM = false
}

public final class CSVReader: WorkbookReader {
    public let format = FileFormat.csv
    public let sheets: [SheetInfo]
    public var warnings: [Diagnostic] { [] }
    public let dialect = CSVDialect()
    public init(path: String, displayName: String, options: CSVReadOptions = .init()) throws {
        sheets = [SheetInfo(name: "Sheet1")]
    }
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary {
        SheetSummary()
    }
}
