// PLACEHOLDER: replaced by the CSV helper.
import SheetKit

public struct CSVWriteOptions: Sendable {
    public var delimiter: UInt8 = 44
    public var bom = false
    public var crlf = false
    public var neutralizeFormulas = false
    public init() {}
}

public final class CSVWriter: WorkbookWriter {
    public init(path: String?, options: CSVWriteOptions = .init()) throws {}
    public func beginSheet(_ info: SheetInfo) throws {}
    public func write(_ row: Row) throws {}
    public func endSheet(_ summary: SheetSummary) throws {}
    public func finish() throws {}
}
