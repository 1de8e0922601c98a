import SheetKit

/// A streaming XML parser: libxml2's SAX2 push parser (`xmlCreatePushParserCtxt`, `xmlParseChunk`)
/// fed chunk by chunk, reporting to an ``XMLContentHandler`` and never holding the document.
///
/// libxml2's callbacks record the events (``XMLEventRecorder``), and after each piece of input the
/// records are reported to the handler (``XMLEventReplayer``); ``ZipPackage/parseXML(entry:namespaces:handler:location:)``
/// runs the two halves on two threads for a large part.
///
/// Hardened for untrusted input: a DOCTYPE is refused (so no entity can be declared, expanded or
/// fetched: no billion laughs, no XXE), nothing is loaded from the network (`XML_PARSE_NONET`), no
/// entity substitution or DTD loading is asked for, and nesting deeper than ``maxDepth`` is an error.
public final class XMLStreamParser {
    /// The deepest element nesting accepted.
    public static let maxDepth = 256
    /// The most input parsed before its events are reported (bounds the record buffer).
    static let pieceSize = 1 << 18

    private let recorder: XMLEventRecorder
    private let replayer: XMLEventReplayer
    private var finished = false

    /// Prepares a parse.
    ///
    /// - Parameters:
    ///   - handler: receives the events.
    ///   - namespaces: the ids that element and attribute names carry.
    ///   - partName: the part being parsed (`xl/worksheets/sheet1.xml`), for messages.
    ///   - location: where errors point (the file, and the sheet when there is one).
    /// - Throws: ``SheetError/io(_:_:)`` when libxml2 cannot allocate a parser.
    public init(handler: any XMLContentHandler, namespaces: XMLNamespaceMap, partName: String, location: SourceLocation) throws {
        recorder = try XMLEventRecorder(partName: partName, location: location)
        replayer = XMLEventReplayer(handler: handler, namespaces: namespaces, partName: partName, location: location)
    }

    /// Parses the next chunk of the document (`xmlParseChunk`).
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` for XML that is not well-formed, a DOCTYPE or too deep a
    ///   nesting; or what the handler throws.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else { return }
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, XMLStreamParser.pieceSize)
            try step { try recorder.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])) }
            offset += n
        }
    }

    /// Ends the document: reports a document cut short.
    ///
    /// - Throws: as ``feed(_:)``.
    public func finish() throws {
        guard !finished else { return }
        try step { try recorder.finish() }
        finished = true
        try replayer.finish()
    }

    /// Records with `parse`, then reports what was recorded, even when `parse` failed: the handler sees
    /// every event before the error, and an error it throws comes first.
    private func step(_ parse: () throws -> Void) throws {
        var failure: (any Error)?
        do { try parse() } catch { failure = error }
        defer { recorder.clear() }
        do {
            try replayer.replay(recorder.records)
        } catch {
            finished = true
            throw error
        }
        if let failure {
            finished = true
            throw failure
        }
    }
}
