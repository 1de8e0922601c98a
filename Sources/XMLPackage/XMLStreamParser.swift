internal import CLibXML2
import SheetKit

/// A streaming XML parser: libxml2's SAX2 push parser (`xmlCreatePushParserCtxt`, `xmlParseChunk`)
/// fed chunk by chunk, reporting to an ``XMLContentHandler`` and never holding the document.
///
/// Hardened for untrusted input: a DOCTYPE is refused (so no entity can be declared, expanded or
/// fetched: no billion laughs, no XXE), nothing is loaded from the network (`XML_PARSE_NONET`), no
/// entity substitution or DTD loading is asked for, and nesting deeper than ``maxDepth`` is an error.
public final class XMLStreamParser {
    /// The deepest element nesting accepted.
    public static let maxDepth = 256

    private var context: xmlParserCtxtPtr?
    private let handler: any XMLContentHandler
    private let namespaces: XMLNamespaceMap
    private let partName: String
    private let location: SourceLocation
    // Touched by every callback, on one thread and never reentrantly: no dynamic exclusivity checks.
    @exclusivity(unchecked) private var depth = 0
    /// The first error: thrown by the handler, or raised by a callback (DOCTYPE, depth).
    @exclusivity(unchecked) private var failure: (any Error)?
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
        _ = XMLStreamParser.initializeLibrary
        self.handler = handler
        self.namespaces = namespaces
        self.partName = partName
        self.location = location
        namespaces.forgetCachedURI()
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, local, _, uri, _, _, count, _, attributes in
            XMLStreamParser.with(context) { $0.start(local, uri, count, attributes) }
        }
        sax.endElementNs = { context, local, _, uri in XMLStreamParser.with(context) { $0.end(local, uri) } }
        sax.characters = { context, bytes, count in XMLStreamParser.with(context) { $0.text(bytes, count) } }
        sax.cdataBlock = { context, bytes, count in XMLStreamParser.with(context) { $0.text(bytes, count) } }
        sax.ignorableWhitespace = { context, bytes, count in XMLStreamParser.with(context) { $0.text(bytes, count) } }
        sax.internalSubset = { context, _, _, _ in XMLStreamParser.with(context) { $0.refuseDoctype() } }
        // Keeps libxml2 from printing to stderr; `check` reads the last error from the context instead.
        sax.serror = { _, _ in }
        // The context copies the handler table; `self` outlives the context (freed in deinit).
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, user, nil, 0, partName) else {
            throw SheetError.io(location, "libxml2 could not create a parser for \(partName)")
        }
        self.context = context
        // No XML_PARSE_NOENT (entity substitution), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE.
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    private static let initializeLibrary: Void = xmlInitParser()

    /// Parses the next chunk of the document (`xmlParseChunk`).
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` for XML that is not well-formed, a DOCTYPE or too deep a
    ///   nesting; or what the handler throws.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard let context, !finished else { return }
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 24)
            let base = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            let rc = xmlParseChunk(context, base, Int32(n), 0)
            try check(rc)
            offset += n
        }
    }

    /// Ends the document: reports a document cut short.
    ///
    /// - Throws: as ``feed(_:)``.
    public func finish() throws {
        guard let context, !finished else { return }
        finished = true
        let rc = xmlParseChunk(context, nil, 0, 1)
        try check(rc)
        if depth != 0 { throw SheetError.malformed(location, "\(partName): the XML ends inside an element") }
    }

    private func check(_ rc: Int32) throws {
        if let failure {
            finished = true
            throw failure
        }
        if rc == 0, context?.pointee.wellFormed != 0 { return }
        finished = true
        var message = "not well-formed XML"
        var line = 0
        if let error = xmlCtxtGetLastError(context) {
            if let text = error.pointee.message {
                message = String(cString: text).trimmingTrailingBlanks()
            }
            line = Int(error.pointee.line)
        }
        let at = line > 0 ? " line \(line)" : ""
        throw SheetError.malformed(location, "\(partName)\(at): \(message)")
    }

    /// Calls `body` with the parser behind libxml2's user data pointer, without retaining it (the
    /// parser outlives its context, which only calls back from inside `feed` and `finish`).
    @inline(__always)
    private static func with(_ context: UnsafeMutableRawPointer?, _ body: (XMLStreamParser) -> Void) {
        guard let context else { return }
        Unmanaged<XMLStreamParser>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
    }

    private func stop(_ error: any Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private func start(_ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?,
                           _ count: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard failure == nil else { return }
        depth += 1
        if depth > XMLStreamParser.maxDepth {
            stop(SheetError.malformed(location, "\(partName): elements nested deeper than the maximum depth of \(XMLStreamParser.maxDepth)"))
            return
        }
        let name = XMLName(localName: XMLBytes(start: local, count: local.map(XMLAttributes.length) ?? 0),
                           namespace: namespaces.id(of: uri))
        do {
            try handler.startElement(name, attributes: XMLAttributes(base: UnsafePointer(attributes), count: Int(count), namespaces: namespaces))
        } catch {
            stop(error)
        }
    }

    private func end(_ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?) {
        guard failure == nil else { return }
        depth -= 1
        let name = XMLName(localName: XMLBytes(start: local, count: local.map(XMLAttributes.length) ?? 0),
                           namespace: namespaces.id(of: uri))
        do {
            try handler.endElement(name)
        } catch {
            stop(error)
        }
    }

    private func text(_ bytes: UnsafePointer<UInt8>?, _ count: Int32) {
        guard failure == nil, let bytes, count > 0 else { return }
        do {
            try handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        } catch {
            stop(error)
        }
    }

    private func refuseDoctype() {
        stop(SheetError.malformed(location, "\(partName): DOCTYPE not allowed (a spreadsheet part never needs one; "
            + "it could declare entities that expand without bound or read local files)"))
    }
}

extension String {
    fileprivate func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " || last == "\r" { s.removeLast() }
        return String(s)
    }
}
