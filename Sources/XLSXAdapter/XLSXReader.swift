import SheetKit
import XMLPackage

/// Reads an XLSX or XLSM workbook (transitional or Strict OOXML), streaming each worksheet's rows to
/// the consumer while the worksheet part inflates.
///
/// Opening reads the package's content types, relationships, workbook and styles; the shared strings
/// are read once, before the first sheet.
public final class XLSXReader: WorkbookReader {
    public let format: FileFormat
    public let sheets: [SheetInfo]
    public private(set) var warnings: [Diagnostic] = []

    private let package: ZipPackage
    private let displayName: String
    private let limits: Limits
    /// The worksheet part of each sheet (nil for a chart sheet or a sheet without a part).
    private let sheetParts: [String?]
    private let dateSystem: DateSystem
    private let formats: [StylesParser.Format]
    private let sharedStringsPart: String?
    private var sharedStrings: [String]?

    /// Opens a workbook.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name messages show.
    ///   - limits: the safety limits.
    /// - Throws: ``SheetError/unsupportedFormat(_:_:)`` for an Excel binary workbook (.xlsb) or a ZIP
    ///   that is no workbook; ``SheetError/malformed(_:_:)`` for a broken package;
    ///   ``SheetError/limitExceeded(_:limit:value:howToRaise:)``.
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        let package = try ZipPackage(path: path, displayName: displayName, limits: limits)
        let map = try XLSXPackageMap(package)
        self.package = package
        self.displayName = displayName
        self.limits = limits
        format = map.format
        dateSystem = map.dateSystem
        sheets = map.sheets
        sheetParts = map.sheetParts
        warnings = map.warnings
        formats = try map.stylesPart.map { try StylesParser.parse(package, part: $0) } ?? []
        sharedStringsPart = map.sharedStringsPart
    }

    /// Streams the rows of sheet `index` in ascending order.
    ///
    /// - Throws: ``SheetError`` with the sheet, row and column of the problem, or what `consumer` throws.
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary {
        guard sheets.indices.contains(index) else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "there is no sheet \(index + 1)")
        }
        let name = sheets[index].name
        guard let part = sheetParts[index] else { return SheetSummary() }  // a chart sheet has no cells
        guard package.entry(named: part) != nil else {
            throw SheetError.malformed(SourceLocation.cell(displayName, sheet: name), "the sheet's part \(part) is missing from the package")
        }
        let strings = try loadSharedStrings()
        let parser = WorksheetParser(sharedStrings: strings, formats: formats, dateSystem: dateSystem, limits: limits,
                                     file: displayName, sheet: name, part: part)
        try withoutActuallyEscaping(consumer) { consumer in
            parser.consumer = consumer
            defer { parser.consumer = { _ in } }
            try package.parseXML(entry: part, namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.main),
                                 handler: parser, location: SourceLocation.cell(displayName, sheet: name))
        }
        return parser.summary
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        let strings = try sharedStringsPart.map { try SharedStringsParser.parse(package, part: $0, limits: limits) } ?? []
        sharedStrings = strings
        return strings
    }
}
