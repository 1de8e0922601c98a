import XMLPackage

/// The namespaces the XLSX parsers tell apart, each with the id that ``XMLName/namespace`` carries.
/// Transitional and Strict OOXML URIs share an id, so that every parser reads both.
enum OOXMLNamespace {
    /// SpreadsheetML: workbook, worksheets, styles, shared strings.
    static let main = 1
    /// Relationship ids in parts (`r:id`).
    static let officeRelationships = 2
    /// `.rels` parts.
    static let packageRelationships = 3
    /// `[Content_Types].xml`.
    static let contentTypes = 4
    /// The `xml:` prefix (`xml:space`).
    static let xml = 5

    static let uris: [(uri: String, id: Int)] = [
        ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", main),
        ("http://purl.oclc.org/ooxml/spreadsheetml/main", main),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", officeRelationships),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships", officeRelationships),
        ("http://schemas.openxmlformats.org/package/2006/relationships", packageRelationships),
        ("http://schemas.openxmlformats.org/package/2006/content-types", contentTypes),
        ("http://www.w3.org/XML/1998/namespace", xml),
    ]

    /// A map for a part whose unqualified names (from careless writers) count as `defaultNamespace`.
    static func map(defaultNamespace: Int) -> XMLNamespaceMap {
        XMLNamespaceMap(uris, noNamespace: defaultNamespace)
    }
}
