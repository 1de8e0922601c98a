import XMLPackage

/// Reads an OPC `.rels` part: `<Relationship Id Type Target TargetMode>`.
final class RelationshipsParser: XMLContentHandler {
    private(set) var relationships: [Relationship] = []

    /// Parses the `.rels` part called `name`; a missing part has no relationships.
    static func parse(_ package: ZipPackage, part name: String) throws -> [Relationship] {
        guard package.entry(named: name) != nil else { return [] }
        let parser = RelationshipsParser()
        try package.parseXML(entry: name, namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.packageRelationships),
                             handler: parser)
        return parser.relationships
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.is("Relationship", in: OOXMLNamespace.packageRelationships) else { return }
        relationships.append(Relationship(
            id: attributes["Id"]?.string ?? "",
            type: attributes["Type"]?.string ?? "",
            target: attributes["Target"]?.string ?? "",
            isExternal: attributes["TargetMode"]?.equals("External") ?? false))
    }

    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
