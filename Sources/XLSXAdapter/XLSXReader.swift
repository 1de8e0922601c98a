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
        let location = SourceLocation(file: displayName)
        self.package = package
        self.displayName = displayName
        self.limits = limits
        if package.entry(named: "xl/workbook.bin") != nil {
            throw SheetError.unsupportedFormat(location, "this file is an Excel binary workbook (.xlsb), which okrsheet "
                + "does not read; open it in Excel or LibreOffice and save it as .xlsx")
        }
        let contentTypes = try ContentTypesParser.parse(package)
        let packageRelationships = try RelationshipsParser.parse(package, part: "_rels/.rels")
        let workbookPart = packageRelationships.first { $0.isOfKind("officeDocument") && !$0.isExternal }
            .map { PartName.resolve($0.target, relativeTo: "") }
            .flatMap { XLSXReader.existing($0, in: package) } ?? "xl/workbook.xml"
        guard package.entry(named: workbookPart) != nil else {
            throw SheetError.malformed(location, "the package has no workbook part (xl/workbook.xml)")
        }
        let workbookType = contentTypes.contentType(of: workbookPart) ?? ""
        format = workbookType.lowercased().contains("macroenabled") ? .xlsm : .xlsx

        let workbook = try WorkbookParser.parse(package, part: workbookPart)
        dateSystem = workbook.date1904 ? .d1904 : .d1900
        let relationships = try RelationshipsParser.parse(package, part: PartName.relationships(of: workbookPart))
        var byID: [String: Relationship] = [:]
        for relationship in relationships where byID[relationship.id] == nil { byID[relationship.id] = relationship }

        var infos: [SheetInfo] = [], parts: [String?] = []
        for (position, sheet) in workbook.sheets.enumerated() {
            infos.append(SheetInfo(name: sheet.name, hidden: sheet.hidden))
            if let relationship = byID[sheet.relationshipID], !relationship.isExternal {
                let part = PartName.resolve(relationship.target, relativeTo: workbookPart)
                parts.append(relationship.isOfKind("worksheet") ? XLSXReader.existing(part, in: package) ?? part : nil)
            } else {
                // No relationship: fall back on the conventional name.
                let part = "xl/worksheets/sheet\(position + 1).xml"
                parts.append(package.entry(named: part) != nil ? part : nil)
                warnings.append(Diagnostic(.warning, SourceLocation.cell(displayName, sheet: sheet.name),
                                           "the workbook does not say where sheet \"\(sheet.name)\" is; read \(part)"))
            }
        }
        sheets = infos
        sheetParts = parts

        let stylesPart = relationships.first { $0.isOfKind("styles") && !$0.isExternal }
            .map { PartName.resolve($0.target, relativeTo: workbookPart) }
            .flatMap { XLSXReader.existing($0, in: package) } ?? XLSXReader.existing("xl/styles.xml", in: package)
        formats = try stylesPart.map { try StylesParser.parse(package, part: $0) } ?? []
        sharedStringsPart = relationships.first { $0.isOfKind("sharedStrings") && !$0.isExternal }
            .map { PartName.resolve($0.target, relativeTo: workbookPart) }
            .flatMap { XLSXReader.existing($0, in: package) } ?? XLSXReader.existing("xl/sharedStrings.xml", in: package)
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

    /// The name under which `part` is in the package (found as ``ZipPackage/entry(named:)`` does, or
    /// after decoding `%20` escapes), or nil. The name keeps `/` so that `.rels` parts can be derived from it.
    private static func existing(_ part: String, in package: ZipPackage) -> String? {
        if package.entry(named: part) != nil { return part }
        if let decoded = PartName.percentDecoded(part), package.entry(named: decoded) != nil { return decoded }
        return nil
    }
}
