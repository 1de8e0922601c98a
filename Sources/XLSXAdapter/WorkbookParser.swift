import XMLPackage

/// Reads `xl/workbook.xml`: the sheets in order, with their state and relationship id, and the date system.
final class WorkbookParser: XMLContentHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var hidden: Bool
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var date1904 = false

    static func parse(_ package: ZipPackage, part: String) throws -> WorkbookParser {
        let parser = WorkbookParser()
        try package.parseXML(entry: part, namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.main), handler: parser)
        return parser
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("sheet", in: OOXMLNamespace.main) {
            let state = attributes["state"]
            let hidden = (state?.equals("hidden") ?? false) || (state?.equals("veryHidden") ?? false)
            let id = attributes.value(of: "id", in: OOXMLNamespace.officeRelationships)?.string ?? ""
            sheets.append(SheetEntry(name: attributes["name"]?.string ?? "", relationshipID: id, hidden: hidden))
        } else if name.is("workbookPr", in: OOXMLNamespace.main), let value = attributes["date1904"] {
            date1904 = value.equals("1") || value.equals("true")
        }
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
