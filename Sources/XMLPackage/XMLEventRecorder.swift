internal import CLibXML2
import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libxml2 side of ``XMLStreamParser``: a SAX2 push parser whose callbacks only append compact
/// records of the events to a byte buffer, touching no handler and no Swift object but itself.
///
/// Splitting recording from handling (``XMLEventReplayer``) lets a large part be parsed on one thread
/// while its handler runs on another (``ZipPackage/parseXML(entry:namespaces:handler:location:)``),
/// and gives the handler a name's namespace resolved once per distinct name instead of per element.
///
/// Hardened for untrusted input: a DOCTYPE is recorded as an event and stops the parse (so no entity
/// can be declared, expanded or fetched: no billion laughs, no XXE), nothing is loaded from the
/// network (`XML_PARSE_NONET`), and no entity substitution, DTD loading or huge mode is asked for
/// (libxml2 then refuses nesting deeper than 256 and text nodes over 10 MB).
///
/// Records (native byte order, unaligned):
/// - name `0`: index `u32`, local name pointer, namespace URI pointer (libxml2 interns both in its
///   dictionary, which lives as long as the recorder); sent before the first record that uses it;
/// - start `1`: name `u32`, attribute count `u32`, then per attribute: name `u32`, value length `u32`,
///   value bytes;
/// - end `2`: name `u32`;
/// - text `3`: length `u32`, bytes (adjacent text is merged into one record);
/// - DOCTYPE `4`.
final class XMLEventRecorder {
    enum Kind {
        static let name: UInt8 = 0
        static let start: UInt8 = 1
        static let end: UInt8 = 2
        static let text: UInt8 = 3
        static let doctype: UInt8 = 4
    }

    private var context: xmlParserCtxtPtr?
    private let partName: String
    private let location: SourceLocation
    /// Set once the parse has ended: finished, failed or stopped at a DOCTYPE.
    private var done = false

    // The record buffer, written by the callbacks (one thread, never reentrantly).
    @exclusivity(unchecked) private var base: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    /// Where the last record starts when it is a text record (so the next text extends it), else -1.
    @exclusivity(unchecked) private var openText = -1
    @exclusivity(unchecked) private var sawDoctype = false

    // Names: an open-addressing table keyed by the interned pointers (local name, URI): three words per
    // slot, the local name's address 0 marking a free slot.
    @exclusivity(unchecked) private var table: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var tableMask = 63
    @exclusivity(unchecked) private var nameCount = 0

    /// - Throws: ``SheetError/io(_:_:)`` when libxml2 cannot allocate a parser.
    init(partName: String, location: SourceLocation) throws {
        _ = XMLEventRecorder.initializeLibrary
        self.partName = partName
        self.location = location
        capacity = 1 << 16
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        table = UnsafeMutablePointer<Int>.allocate(capacity: 3 * (tableMask + 1))
        table.initialize(repeating: 0, count: 3 * (tableMask + 1))
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, local, _, uri, _, _, count, _, attributes in
            XMLEventRecorder.with(context) { $0.start(local, uri, Int(count), attributes) }
        }
        sax.endElementNs = { context, local, _, uri in XMLEventRecorder.with(context) { $0.end(local, uri) } }
        sax.characters = { context, bytes, count in XMLEventRecorder.with(context) { $0.text(bytes, Int(count)) } }
        sax.cdataBlock = { context, bytes, count in XMLEventRecorder.with(context) { $0.text(bytes, Int(count)) } }
        sax.ignorableWhitespace = { context, bytes, count in XMLEventRecorder.with(context) { $0.text(bytes, Int(count)) } }
        sax.internalSubset = { context, _, _, _ in XMLEventRecorder.with(context) { $0.doctype() } }
        // Keeps libxml2 from printing to stderr; errors are read from the context instead.
        sax.serror = { _, _ in }
        // The context copies the handler table; `self` outlives the context (freed in deinit).
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, user, nil, 0, partName) else {
            base.deallocate()
            table.deallocate()
            throw SheetError.io(location, "libxml2 could not create a parser for \(partName)")
        }
        self.context = context
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        base.deallocate()
        table.deallocate()
    }

    private static let initializeLibrary: Void = xmlInitParser()

    /// The records written since the last ``clear()``.
    var records: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Forgets the records (names already sent stay known: the replayer keeps its table).
    func clear() {
        count = 0
        openText = -1
    }

    /// Parses the next chunk of the document, appending its records.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` for XML that is not well-formed; the records before the
    ///   error stay in ``records``. A DOCTYPE is not thrown here but recorded (the replayer throws it).
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard let context, !done, bytes.count > 0 else { return }
        let rc = xmlParseChunk(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
        try check(rc)
    }

    /// Ends the document.
    ///
    /// - Throws: as ``feed(_:)``, also for a document cut short.
    func finish() throws {
        guard let context, !done else { return }
        let rc = xmlParseChunk(context, nil, 0, 1)
        try check(rc)
        done = true
    }

    private func check(_ rc: Int32) throws {
        if sawDoctype {
            done = true
            return
        }
        if rc == 0, context?.pointee.wellFormed != 0 { return }
        done = true
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

    // MARK: - Callbacks

    /// Calls `body` with the recorder behind libxml2's user data pointer, without retaining it.
    @inline(__always)
    private static func with(_ context: UnsafeMutableRawPointer?, _ body: (XMLEventRecorder) -> Void) {
        guard let context else { return }
        Unmanaged<XMLEventRecorder>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
    }

    private func start(_ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?, _ attributeCount: Int,
                       _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let count = attributes == nil ? 0 : max(attributeCount, 0)
        let element = nameIndex(local, uri)
        guard let attributes, count > 0 else {
            reserve(9)
            openText = -1
            let p = base + self.count
            p.storeBytes(of: Kind.start, as: UInt8.self)
            p.storeBytes(of: element, toByteOffset: 1, as: UInt32.self)
            p.storeBytes(of: UInt32(0), toByteOffset: 5, as: UInt32.self)
            self.count += 9
            return
        }
        // Name records must come before the start record that uses them: every attribute's name is
        // looked up (and a new one recorded) first, into a scratch array on the stack.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { names in
            var size = 9
            for i in 0..<count {
                names[i] = nameIndex(attributes[5 * i], attributes[5 * i + 2])
                size += 8 + Self.span(attributes[5 * i + 3], attributes[5 * i + 4])
            }
            reserve(size)
            openText = -1
            var p = base + self.count
            p.storeBytes(of: Kind.start, as: UInt8.self)
            p.storeBytes(of: element, toByteOffset: 1, as: UInt32.self)
            p.storeBytes(of: UInt32(count), toByteOffset: 5, as: UInt32.self)
            p += 9
            for i in 0..<count {
                let value = attributes[5 * i + 3]
                let length = Self.span(value, attributes[5 * i + 4])
                p.storeBytes(of: names[i], as: UInt32.self)
                p.storeBytes(of: UInt32(length), toByteOffset: 4, as: UInt32.self)
                if let value, length > 0 { (p + 8).copyMemory(from: value, byteCount: length) }
                p += 8 + length
            }
            self.count += size
        }
    }

    private func end(_ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?) {
        let element = nameIndex(local, uri)
        reserve(5)
        openText = -1
        let p = base + count
        p.storeBytes(of: Kind.end, as: UInt8.self)
        p.storeBytes(of: element, toByteOffset: 1, as: UInt32.self)
        count += 5
    }

    private func text(_ bytes: UnsafePointer<UInt8>?, _ length: Int) {
        guard let bytes, length > 0 else { return }
        if openText >= 0, Int((base + openText + 1).loadUnaligned(as: UInt32.self)) + length < Int(Int32.max) {
            reserve(length)
            (base + count).copyMemory(from: bytes, byteCount: length)
            count += length
            let header = base + openText + 1
            header.storeBytes(of: header.loadUnaligned(as: UInt32.self) &+ UInt32(length), as: UInt32.self)
            return
        }
        reserve(5 + length)
        let p = base + count
        p.storeBytes(of: Kind.text, as: UInt8.self)
        p.storeBytes(of: UInt32(length), toByteOffset: 1, as: UInt32.self)
        (p + 5).copyMemory(from: bytes, byteCount: length)
        openText = count
        count += 5 + length
    }

    private func doctype() {
        reserve(1)
        openText = -1
        (base + count).storeBytes(of: Kind.doctype, as: UInt8.self)
        count += 1
        sawDoctype = true
        if let context { xmlStopParser(context) }
    }

    /// The index of a name, recording it first when it is new.
    @inline(__always)
    private func nameIndex(_ local: UnsafePointer<UInt8>?, _ uri: UnsafePointer<UInt8>?) -> UInt32 {
        // libxml2 always names an element or attribute; a missing name would read as an empty one.
        let l = Int(bitPattern: local ?? Self.noName), u = Int(bitPattern: uri)
        var slot = Self.hash(l, u) & tableMask
        while true {
            let entry = table + 3 * slot
            if entry[0] == l, entry[1] == u { return UInt32(truncatingIfNeeded: entry[2]) }
            if entry[0] == 0 { break }
            slot = (slot + 1) & tableMask
        }
        return addName(l, u)
    }

    private func addName(_ l: Int, _ u: Int) -> UInt32 {
        let index = nameCount
        nameCount += 1
        if 2 * nameCount > tableMask + 1 { growTable() }
        insert(l, u, index)
        reserve(21)
        let p = base + count
        p.storeBytes(of: Kind.name, as: UInt8.self)
        p.storeBytes(of: UInt32(truncatingIfNeeded: index), toByteOffset: 1, as: UInt32.self)
        p.storeBytes(of: l, toByteOffset: 5, as: Int.self)
        p.storeBytes(of: u, toByteOffset: 13, as: Int.self)
        count += 21
        openText = -1
        return UInt32(truncatingIfNeeded: index)
    }

    private func insert(_ l: Int, _ u: Int, _ index: Int) {
        var slot = Self.hash(l, u) & tableMask
        while table[3 * slot] != 0 { slot = (slot + 1) & tableMask }
        table[3 * slot] = l
        table[3 * slot + 1] = u
        table[3 * slot + 2] = index
    }

    private func growTable() {
        let old = table, oldSlots = tableMask + 1
        tableMask = 2 * oldSlots - 1
        table = UnsafeMutablePointer<Int>.allocate(capacity: 3 * (tableMask + 1))
        table.initialize(repeating: 0, count: 3 * (tableMask + 1))
        for slot in 0..<oldSlots where old[3 * slot] != 0 {
            insert(old[3 * slot], old[3 * slot + 1], old[3 * slot + 2])
        }
        old.deallocate()
    }

    /// A NUL-terminated empty name in read-only memory.
    private static var noName: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    @inline(__always)
    private static func hash(_ l: Int, _ u: Int) -> Int {
        let mixed = UInt(bitPattern: l &* -7_046_029_254_386_353_131 ^ u &* 0x2545_F491_4F6C_DD1D)
        return Int(truncatingIfNeeded: mixed >> 40)
    }

    @inline(__always)
    private static func span(_ start: UnsafePointer<UInt8>?, _ end: UnsafePointer<UInt8>?) -> Int {
        guard let start, let end else { return 0 }
        return max(end - start, 0)
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        var grown = capacity * 2
        while count + more > grown { grown *= 2 }
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        larger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = larger
        capacity = grown
    }
}

extension String {
    fileprivate func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " || last == "\r" { s.removeLast() }
        return String(s)
    }
}
