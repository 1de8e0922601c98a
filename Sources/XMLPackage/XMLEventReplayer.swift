import SheetKit

/// The handler side of ``XMLStreamParser``: reads the records an ``XMLEventRecorder`` wrote and reports
/// them to an ``XMLContentHandler``, in document order.
///
/// Each distinct name's namespace is resolved once, when its name record arrives, so a handler gets
/// ``XMLName/namespace`` without a lookup per element. It also refuses nesting deeper than
/// ``XMLStreamParser/maxDepth`` and a DOCTYPE.
final class XMLEventReplayer {
    private let handler: any XMLContentHandler
    private let namespaces: XMLNamespaceMap
    private let partName: String
    private let location: SourceLocation

    // Read and written by `replay` only (one thread at a time).
    @exclusivity(unchecked) private var nameStarts: [UnsafePointer<UInt8>?] = []
    @exclusivity(unchecked) private var nameCounts: [Int] = []
    @exclusivity(unchecked) private var nameURIs: [UnsafePointer<UInt8>?] = []
    @exclusivity(unchecked) private var nameSpaces: [Int] = []
    /// libxml2's attribute layout, rebuilt per start tag: five pointers per attribute.
    @exclusivity(unchecked) private var attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    @exclusivity(unchecked) private var attributeCapacity = 16
    @exclusivity(unchecked) private var depth = 0

    init(handler: any XMLContentHandler, namespaces: XMLNamespaceMap, partName: String, location: SourceLocation) {
        self.handler = handler
        self.namespaces = namespaces
        self.partName = partName
        self.location = location
        attributes = UnsafeMutablePointer.allocate(capacity: 5 * attributeCapacity)
        // A new parser has a new dictionary, whose addresses may repeat the last one's.
        namespaces.forgetCachedURI()
    }

    deinit {
        attributes.deallocate()
    }

    /// Reports the events in `records` (whole records, as the recorder wrote them).
    ///
    /// - Throws: what the handler throws; ``SheetError/malformed(_:_:)`` for a DOCTYPE or too deep a
    ///   nesting.
    func replay(_ records: UnsafeRawBufferPointer) throws {
        guard let base = records.baseAddress else { return }
        let end = records.count
        var p = 0
        while p < end {
            let record = base + p
            switch record.load(as: UInt8.self) {
            case XMLEventRecorder.Kind.start:
                let index = Int(record.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
                let count = Int(record.loadUnaligned(fromByteOffset: 5, as: UInt32.self))
                p += 9
                if count > attributeCapacity { growAttributes(to: count) }
                for i in 0..<count {
                    let attribute = base + p
                    let name = Int(attribute.loadUnaligned(as: UInt32.self))
                    let length = Int(attribute.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                    let value = (attribute + 8).assumingMemoryBound(to: UInt8.self)
                    attributes[5 * i] = nameStarts[name]
                    attributes[5 * i + 1] = nil
                    attributes[5 * i + 2] = nameURIs[name]
                    attributes[5 * i + 3] = UnsafePointer(value)
                    attributes[5 * i + 4] = UnsafePointer(value + length)
                    p += 8 + length
                }
                depth += 1
                if depth > XMLStreamParser.maxDepth {
                    throw SheetError.malformed(location, "\(partName): elements nested deeper than the maximum depth of \(XMLStreamParser.maxDepth)")
                }
                try handler.startElement(name(index),
                                         attributes: XMLAttributes(base: UnsafePointer(attributes), count: count, namespaces: namespaces))
            case XMLEventRecorder.Kind.end:
                let index = Int(record.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
                p += 5
                depth -= 1
                try handler.endElement(name(index))
            case XMLEventRecorder.Kind.text:
                let length = Int(record.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
                p += 5 + length
                try handler.characters(UnsafeBufferPointer(start: (record + 5).assumingMemoryBound(to: UInt8.self), count: length))
            case XMLEventRecorder.Kind.name:
                let local = UnsafePointer<UInt8>(bitPattern: record.loadUnaligned(fromByteOffset: 5, as: Int.self))
                let uri = UnsafePointer<UInt8>(bitPattern: record.loadUnaligned(fromByteOffset: 13, as: Int.self))
                p += 21
                nameStarts.append(local)
                nameCounts.append(local.map(XMLAttributes.length) ?? 0)
                nameURIs.append(uri)
                nameSpaces.append(namespaces.id(of: uri))
            case XMLEventRecorder.Kind.doctype:
                throw SheetError.malformed(location, "\(partName): DOCTYPE not allowed (a spreadsheet part never needs one; "
                    + "it could declare entities that expand without bound or read local files)")
            default:
                preconditionFailure("XMLEventReplayer: unknown record kind at offset \(p)")
            }
        }
    }

    /// Checks that the document closed every element it opened.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` for a document that ends inside an element.
    func finish() throws {
        if depth != 0 { throw SheetError.malformed(location, "\(partName): the XML ends inside an element") }
    }

    @inline(__always)
    private func name(_ index: Int) -> XMLName {
        XMLName(localName: XMLBytes(start: nameStarts[index], count: nameCounts[index]), namespace: nameSpaces[index])
    }

    private func growAttributes(to count: Int) {
        attributes.deallocate()
        attributeCapacity = max(count, attributeCapacity * 2)
        attributes = UnsafeMutablePointer.allocate(capacity: 5 * attributeCapacity)
    }
}
