import SheetKit
import XMLPackage

/// Reads the sheet count that `meta.xml` records (`meta:document-statistic/@meta:table-count`).
///
/// The count is only a hint: it lets the first pass over `content.xml` stop after the last sheet's start
/// tag instead of parsing every row. A count that is too small is caught when the last sheet is read.
final class ODSMetaParser: XMLContentHandler {
    private(set) var tableCount: Int?

    /// The table count of `meta.xml`, or nil when there is no such entry or statistic.
    ///
    /// Never throws: a broken `meta.xml` only costs the hint.
    static func tableCount(_ package: ZipPackage) -> Int? {
        guard let entry = package.entry(named: "meta.xml"), entry.uncompressedSize < 1 << 20 else { return nil }
        let parser = ODSMetaParser()
        do {
            try package.parseXML(entry: entry.name, namespaces: ODSNamespace.metaMap(), handler: parser)
        } catch {
            // ODSStop once the statistic is found; anything else leaves the hint unknown.
        }
        return parser.tableCount
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("document-statistic", in: ODSNamespace.meta) {
            if let count = attributes.value(of: "table-count", in: ODSNamespace.meta)?.decimalValue, count > 0 {
                tableCount = count
            }
            throw ODSStop()
        }
    }

    func endElement(_ name: XMLName) throws {}

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
