import SheetKit

extension ZipPackage {
    /// Parses an entry as XML while it inflates (on a second thread for a large entry, see
    /// ``streamConcurrently(entry:chunkSize:_:)``), chunk by chunk, never holding the document.
    ///
    /// - Parameters:
    ///   - name: the entry (looked up as ``entry(named:)`` does).
    ///   - namespaces: the namespace ids the handler expects.
    ///   - handler: receives the events.
    ///   - location: where errors point (defaults to the file).
    /// - Throws: ``SheetError`` for a missing or corrupt entry or XML that is not well-formed, or what
    ///   the handler throws.
    public func parseXML(entry name: String, namespaces: XMLNamespaceMap, handler: any XMLContentHandler,
                         location: SourceLocation? = nil) throws {
        let parser = try XMLStreamParser(handler: handler, namespaces: namespaces, partName: name,
                                         location: location ?? SourceLocation(file: displayName))
        try streamConcurrently(entry: name) { try parser.feed($0) }
        try parser.finish()
    }
}
