import SheetKit
import XMLPackage

/// Reads `META-INF/manifest.xml` only to learn whether the document is encrypted: an encrypted part
/// carries a `manifest:encryption-data` element.
final class ODSManifestParser: XMLContentHandler {
    private(set) var encrypted = false

    /// Whether the package's manifest marks any part as encrypted (false without a manifest).
    ///
    /// - Throws: ``SheetError`` for a corrupt manifest entry or XML that is not well-formed.
    static func isEncrypted(_ package: ZipPackage) throws -> Bool {
        guard package.entry(named: "META-INF/manifest.xml") != nil else { return false }
        let parser = ODSManifestParser()
        do {
            try package.parseXML(entry: "META-INF/manifest.xml", namespaces: ODSNamespace.manifestMap(), handler: parser)
        } catch is ODSStop {
            // Found what it looked for.
        }
        return parser.encrypted
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("encryption-data", in: ODSNamespace.manifest) {
            encrypted = true
            throw ODSStop()
        }
    }

    func endElement(_ name: XMLName) throws {}

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}

/// Thrown by a handler to end a parse early, once it has what it needs; never leaves the module.
struct ODSStop: Error {}
