import Foundation
import SheetKit
import Testing
import XMLPackage

/// Records events as text: `<ns:local a=v>`, `</ns:local>`, `"text"`.
final class RecordingHandler: XMLContentHandler {
    var events: [String] = []
    var text = ""
    var failOn: String?

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        flush()
        if let failOn, name.localName.equals("boom") { throw SheetError.malformed(SourceLocation(file: "t"), failOn) }
        var event = "<\(name.namespace):\(name.localName.string)"
        for i in 0..<attributes.count {
            let attribute = attributes.name(at: i)
            event += " \(attribute.namespace):\(attribute.localName.string)=\(attributes.value(at: i).string)"
        }
        events.append(event + ">")
    }

    func endElement(_ name: XMLName) throws {
        flush()
        events.append("</\(name.namespace):\(name.localName.string)>")
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        text += String(decoding: bytes, as: UTF8.self)
    }

    private func flush() {
        if !text.isEmpty { events.append("\"\(text)\"") }
        text = ""
    }
}

@Suite struct XMLStreamParserTests {
    static let namespaces = [(uri: "urn:main", id: 1), (uri: "urn:other", id: 2)]

    func parse(_ xml: String, chunk: Int = 1 << 16, handler: RecordingHandler = RecordingHandler()) throws -> [String] {
        let parser = try XMLStreamParser(handler: handler, namespaces: XMLNamespaceMap(Self.namespaces),
                                         partName: "part.xml", location: SourceLocation(file: "book.xlsx"))
        let bytes = Array(xml.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try bytes[offset..<end].withUnsafeBytes { try parser.feed($0) }
            offset = end
        }
        try parser.finish()
        return handler.events
    }

    @Test func resolvesNamespacesByURINotPrefix() throws {
        let events = try parse(#"<x:a xmlns:x="urn:main" xmlns:y="urn:other"><y:b y:k="1" k="2"/><c xmlns="urn:main"/><d/></x:a>"#)
        #expect(events == ["<1:a>", "<2:b 2:k=1 0:k=2>", "</2:b>", "<1:c>", "</1:c>", "<0:d>", "</0:d>", "</1:a>"])
    }

    @Test(arguments: [1, 3, 7, 1 << 16])
    func givesTheSameEventsWhateverTheChunkSize(chunk: Int) throws {
        let xml = #"<a xmlns="urn:main" v="x &amp; y&#10;z"><t>one &lt;two&gt; <![CDATA[<three>]]></t></a>"#
        let events = try parse(xml, chunk: chunk)
        #expect(events == ["<1:a 0:v=x & y\nz>", "<1:t>", "\"one <two> <three>\"", "</1:t>", "</1:a>"])
    }

    @Test func aHandlerErrorStopsTheParseAndIsRethrown() {
        let handler = RecordingHandler()
        handler.failOn = "stop here"
        let error = sheetError { _ = try parse("<a><boom/><after/></a>", handler: handler) }
        #expect(error?.message == "stop here")
        #expect(!handler.events.contains("<0:after>"))
    }

    @Test func badXMLIsMalformedWithItsLine() {
        let error = sheetError { _ = try parse("<a>\n<b></a>") }
        #expect(error?.kind == "malformed")
        #expect(error?.message.hasPrefix("part.xml line 2:") == true)
        #expect(error?.location.file == "book.xlsx")
    }

    @Test func aDocumentCutShortIsMalformed() {
        #expect(sheetError { _ = try parse("<a><b>") }?.kind == "malformed")
    }

    @Test(arguments: [
        #"<!DOCTYPE a><a/>"#,
        #"<!DOCTYPE a [<!ENTITY e "lol"><!ENTITY e2 "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><a>&e2;</a>"#,
        #"<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>"#,
        #"<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>"#,
    ])
    func refusesAnyDoctype(xml: String) {
        let handler = RecordingHandler()
        let error = sheetError { _ = try parse(xml, handler: handler) }
        #expect(error?.message.contains("DOCTYPE not allowed") == true)
        #expect(handler.events.isEmpty)
    }

    @Test func anUndeclaredEntityIsAnError() {
        #expect(sheetError { _ = try parse("<a>&nope;</a>") }?.kind == "malformed")
    }

    @Test func nestingIsCapped() throws {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let error = sheetError { _ = try parse(deep) }
        #expect(error?.message.contains("depth") == true)
        let fine = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(try parse(fine).count == 400)
    }
}

/// Entries over 1 MiB are parsed by libxml2 on a second thread and replayed here
/// (`ZipPackage.parseXML`): the handler must see exactly what the one-thread parser reports.
@Suite struct ConcurrentXMLParseTests {
    /// A document of `count` items over 1 MiB, with entities in attributes, text split over chunks,
    /// CDATA, prefixed and default namespaces, and 400 distinct element names (the recorder's name
    /// table grows several times).
    static func bigDocument(count: Int = 12_000, tail: String = "</root>") -> String {
        var xml = #"<root xmlns="urn:main" xmlns:o="urn:other">"#
        for i in 0..<count {
            xml += #"<item n="\#(i)" o:k="a &amp; b &lt;\#(i % 7)&gt;"><name\#(i % 400)/>"#
            xml += "<t>text \(i) &amp; more <![CDATA[<raw>]]></t><o:x/></item>\n"
        }
        return xml + tail
    }

    func zip(_ xml: String) throws -> ZipPackage {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("big.zip").path
        let out = try AtomicOutputFile(path: path)
        let zip = ZipWriter(sink: out.writer)
        try zip.add(name: "big.xml", bytes: Array(xml.utf8))
        try zip.finish()
        try out.commit()
        return try ZipPackage(path: path, displayName: "big.zip")
    }

    func oneThread(_ xml: String, handler: RecordingHandler = RecordingHandler()) throws -> [String] {
        let parser = try XMLStreamParser(handler: handler, namespaces: XMLNamespaceMap(XMLStreamParserTests.namespaces),
                                         partName: "big.xml", location: SourceLocation(file: "big.zip"))
        let bytes = Array(xml.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 4093, bytes.count)
            try bytes[offset..<end].withUnsafeBytes { try parser.feed($0) }
            offset = end
        }
        try parser.finish()
        return handler.events
    }

    func twoThreads(_ package: ZipPackage, handler: RecordingHandler = RecordingHandler()) throws -> [String] {
        try package.parseXML(entry: "big.xml", namespaces: XMLNamespaceMap(XMLStreamParserTests.namespaces), handler: handler)
        return handler.events
    }

    @Test func aLargeEntryGivesTheSameEventsAsTheOneThreadParser() throws {
        let xml = Self.bigDocument()
        let package = try zip(xml)
        #expect(package.entry(named: "big.xml")!.uncompressedSize > 1 << 20)
        let events = try twoThreads(package)
        let same = events == (try oneThread(xml))  // (not in #expect: a failure would print both lists)
        #expect(same)
        #expect(events.count > 12_000 * 8)
        #expect(events.contains(#"<1:item 0:n=11999 2:k=a & b <1>>"#))
        #expect(events.contains("\"text 11999 & more <raw>\""))
        #expect(events.contains("<1:name399>"))
    }

    @Test func malformedXMLAtTheEndIsReportedAfterEveryEventBeforeIt() throws {
        let handler = RecordingHandler()
        let error = sheetError { _ = try twoThreads(try zip(Self.bigDocument(tail: "</item></root>")), handler: handler) }
        #expect(error?.kind == "malformed")
        #expect(error?.message.hasPrefix("big.xml line 12001:") == true)
        let items = handler.events.filter { $0.hasPrefix("<1:item ") }.count
        #expect(items == 12_000)
    }

    @Test func aHandlerErrorStopsTheParseOnBothThreads() throws {
        var xml = Self.bigDocument()
        let line = xml.range(of: "\n", range: xml.index(xml.startIndex, offsetBy: 200_000)..<xml.endIndex)!
        xml.insert(contentsOf: "<boom/>", at: line.upperBound)
        let handler = RecordingHandler()
        handler.failOn = "stop here"
        let error = sheetError { _ = try twoThreads(try zip(xml), handler: handler) }
        #expect(error?.message == "stop here")
        #expect(!handler.events.contains(#"<1:item 0:n=11999 2:k=a & b <1>>"#))
    }

    @Test func aDoctypeInALargeEntryIsRefused() throws {
        let handler = RecordingHandler()
        let error = sheetError { _ = try twoThreads(try zip("<!DOCTYPE root>" + Self.bigDocument()), handler: handler) }
        #expect(error?.message.contains("DOCTYPE not allowed") == true)
        #expect(handler.events.isEmpty)
    }

    @Test func aDocumentCutShortInALargeEntryIsMalformed() throws {
        let error = sheetError { _ = try twoThreads(try zip(Self.bigDocument(tail: ""))) }
        #expect(error?.kind == "malformed")
    }
}
