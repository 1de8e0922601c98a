import XMLPackage

/// The OpenDocument namespaces the ODS parsers tell apart, each with the id that ``XMLName/namespace``
/// carries. Names are matched by namespace URI, so a file may use any prefixes it likes.
enum ODSNamespace {
    /// `office:` (document structure, value types and values).
    static let office = 1
    /// `table:` (tables, rows, cells, repeats, spans).
    static let table = 2
    /// `text:` (paragraphs, spaces, tabs, line breaks).
    static let text = 3
    /// `style:` (automatic styles).
    static let style = 4
    /// `calcext:` (LibreOffice's extension: `calcext:value-type="error"`).
    static let calcext = 5
    /// `draw:` (frames and shapes, whose text is not cell text).
    static let draw = 6
    /// `manifest:` (`META-INF/manifest.xml`).
    static let manifest = 7
    /// `meta:` (`meta.xml`).
    static let meta = 8

    /// The URIs of `content.xml`, the most frequent first: the map compares URIs in this order.
    static let contentURIs: [(uri: String, id: Int)] = [
        ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", table),
        ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", text),
        ("urn:oasis:names:tc:opendocument:xmlns:office:1.0", office),
        ("urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0", calcext),
        ("urn:oasis:names:tc:opendocument:xmlns:style:1.0", style),
        ("urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", draw),
    ]

    /// A map for `content.xml`.
    static func contentMap() -> XMLNamespaceMap { XMLNamespaceMap(contentURIs) }

    /// A map for `META-INF/manifest.xml`.
    static func manifestMap() -> XMLNamespaceMap {
        XMLNamespaceMap([("urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", manifest)])
    }

    /// A map for `meta.xml`.
    static func metaMap() -> XMLNamespaceMap {
        XMLNamespaceMap([("urn:oasis:names:tc:opendocument:xmlns:meta:1.0", meta)])
    }
}
