import SheetKit
import XMLPackage

/// Reads `xl/sharedStrings.xml`: the strings that `t="s"` cells point to by index.
final class SharedStringsParser: XMLContentHandler {
    private(set) var strings: [String] = []
    private var collector = RichTextCollector()
    private var inItem = false
    private let limits: Limits
    private let location: SourceLocation
    private let part: String

    private init(limits: Limits, location: SourceLocation, part: String) {
        self.limits = limits
        self.location = location
        self.part = part
    }

    /// Parses the shared strings part.
    ///
    /// - Throws: ``SheetError/limitExceeded(_:limit:value:howToRaise:)`` past ``Limits/maxSharedStrings``
    ///   or a string longer than ``Limits/maxCellLength``; ``SheetError/malformed(_:_:)`` for bad XML.
    static func parse(_ package: ZipPackage, part: String, limits: Limits) throws -> [String] {
        let location = SourceLocation(file: package.displayName)
        let parser = SharedStringsParser(limits: limits, location: location, part: part)
        try package.parseXML(entry: part, namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.main),
                             handler: parser, location: location)
        return parser.strings
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.namespace == OOXMLNamespace.main else { return }
        if inItem {
            collector.start(name.localName, attributes: attributes)
        } else if name.localName.equals("si") {
            inItem = true
            collector.reset()
        } else if name.localName.equals("sst"), let unique = attributes["uniqueCount"]?.decimalValue {
            strings.reserveCapacity(min(unique, 1 << 20, limits.maxSharedStrings))
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == OOXMLNamespace.main, inItem else { return }
        guard name.localName.equals("si") else {
            collector.end(name.localName)
            return
        }
        inItem = false
        guard strings.count < limits.maxSharedStrings else {
            throw SheetError.limitExceeded(location, limit: "shared-strings (\(limits.maxSharedStrings))",
                                           value: "the number of shared strings in \(part)",
                                           howToRaise: Limits.howToRaise("shared-strings"))
        }
        let text = collector.text
        if collector.bytes.count > limits.maxCellLength, text.utf16.count > limits.maxCellLength {
            throw SheetError.limitExceeded(location, limit: "cell-length (\(limits.maxCellLength) characters)",
                                           value: "shared string \(strings.count) in \(part) (\(text.utf16.count) characters)",
                                           howToRaise: Limits.howToRaise("cell-length"))
        }
        strings.append(text)
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
        if inItem { collector.characters(text) }
    }
}
