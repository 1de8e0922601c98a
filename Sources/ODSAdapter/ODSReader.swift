// PLACEHOLDER: replaced by the ODS helper.
import SheetKit
import XMLPackage

public final class ODSReader: WorkbookReader {
    public let format = FileFormat.ods
    public let sheets: [SheetInfo] = []
    public var warnings: [Diagnostic] { [] }
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        throw SheetError.unsupportedFormat(SourceLocation(file: displayName), "this file is an OpenDocument spreadsheet (.ods); "
            + "ODS reading is not built yet: save it as .xlsx or .csv")
    }
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary { SheetSummary() }
}
