import XMLPackage

/// Reads `[Content_Types].xml`: the content type of each part, by override or by extension.
final class ContentTypesParser: XMLContentHandler {
    /// Part name (lowercased, no leading `/`) → content type.
    private(set) var overrides: [String: String] = [:]
    /// Extension (lowercased) → content type.
    private(set) var defaults: [String: String] = [:]

    /// Parses the package's content types; a package without them has none.
    static func parse(_ package: ZipPackage) throws -> ContentTypesParser {
        let parser = ContentTypesParser()
        guard package.entry(named: "[Content_Types].xml") != nil else { return parser }
        try package.parseXML(entry: "[Content_Types].xml",
                             namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.contentTypes), handler: parser)
        return parser
    }

    /// The content type of the part called `name`.
    func contentType(of name: String) -> String? {
        let key = (name.hasPrefix("/") ? String(name.dropFirst()) : name).lowercased()
        if let type = overrides[key] { return type }
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return defaults[String(key[key.index(after: dot)...])]
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("Override", in: OOXMLNamespace.contentTypes),
           let part = attributes["PartName"]?.string, let type = attributes["ContentType"]?.string {
            overrides[(part.hasPrefix("/") ? String(part.dropFirst()) : part).lowercased()] = type
        } else if name.is("Default", in: OOXMLNamespace.contentTypes),
                  let ext = attributes["Extension"]?.string, let type = attributes["ContentType"]?.string {
            defaults[ext.lowercased()] = type
        }
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
