import SheetKit
import XMLPackage

/// Where things are in an XLSX package, found through its content types and relationships: the workbook
/// part, each sheet's worksheet part, the styles, shared strings and calculation chain, and the date
/// system. What ``XLSXReader`` and ``XLSXPatcher`` both start from.
struct XLSXPackageMap {
    var format: FileFormat
    var workbookPart: String
    var sheets: [SheetInfo]
    /// The worksheet part of each sheet (nil for a chart sheet or a sheet without a part).
    var sheetParts: [String?]
    var dateSystem: DateSystem
    var stylesPart: String?
    var sharedStringsPart: String?
    var calcChainPart: String?
    var warnings: [Diagnostic] = []

    /// - Throws: ``SheetError/unsupportedFormat(_:_:)`` for an Excel binary workbook (.xlsb) or a ZIP
    ///   that is no workbook; ``SheetError/malformed(_:_:)`` for a broken package.
    init(_ package: ZipPackage) throws {
        let displayName = package.displayName
        let location = SourceLocation(file: displayName)
        if package.entry(named: "xl/workbook.bin") != nil {
            throw SheetError.unsupportedFormat(location, "this file is an Excel binary workbook (.xlsb), which okrsheet "
                + "does not read; open it in Excel or LibreOffice and save it as .xlsx")
        }
        let contentTypes = try ContentTypesParser.parse(package)
        let packageRelationships = try RelationshipsParser.parse(package, part: "_rels/.rels")
        let workbookPart = packageRelationships.first { $0.isOfKind("officeDocument") && !$0.isExternal }
            .map { PartName.resolve($0.target, relativeTo: "") }
            .flatMap { XLSXPackageMap.existing($0, in: package) } ?? "xl/workbook.xml"
        guard package.entry(named: workbookPart) != nil else {
            throw SheetError.malformed(location, "the package has no workbook part (xl/workbook.xml)")
        }
        self.workbookPart = workbookPart
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
                parts.append(relationship.isOfKind("worksheet") ? XLSXPackageMap.existing(part, in: package) ?? part : nil)
            } else {
                // No relationship: fall back on the conventional name.
                let part = "xl/worksheets/sheet\(position + 1).xml"
                parts.append(package.entry(named: part) != nil ? part : nil)
                warnings.append(Diagnostic(.warning, SourceLocation.cell(displayName, sheet: sheet.name),
                                           "the workbook does not say where sheet \"\(sheet.name)\" is; read \(part)"))
            }
        }
        guard !infos.isEmpty else {
            throw SheetError.malformed(location, "the workbook lists no sheets (\(workbookPart) has no <sheet>); "
                + "open it in Excel or LibreOffice and save it again")
        }
        sheets = infos
        sheetParts = parts

        func part(_ kind: String, fallback: String) -> String? {
            relationships.first { $0.isOfKind(kind) && !$0.isExternal }
                .map { PartName.resolve($0.target, relativeTo: workbookPart) }
                .flatMap { XLSXPackageMap.existing($0, in: package) } ?? XLSXPackageMap.existing(fallback, in: package)
        }
        stylesPart = part("styles", fallback: "xl/styles.xml")
        sharedStringsPart = part("sharedStrings", fallback: "xl/sharedStrings.xml")
        calcChainPart = part("calcChain", fallback: "xl/calcChain.xml")
    }

    /// The name under which `part` is in the package (found as ``ZipPackage/entry(named:)`` does, or
    /// after decoding `%20` escapes), or nil. The name keeps `/` so that `.rels` parts can be derived from it.
    static func existing(_ part: String, in package: ZipPackage) -> String? {
        if package.entry(named: part) != nil { return part }
        if let decoded = PartName.percentDecoded(part), package.entry(named: decoded) != nil { return decoded }
        return nil
    }
}
