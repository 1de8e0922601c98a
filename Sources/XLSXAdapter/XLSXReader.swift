// PLACEHOLDER: replaced by the XLSX helper.
import SheetKit
import XMLPackage

public final class XLSXReader: WorkbookReader {
    public let format = FileFormat.xlsx
    public let sheets: [SheetInfo] = []
    public var warnings: [Diagnostic] { [] }
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {}
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary { SheetSummary() }
}
