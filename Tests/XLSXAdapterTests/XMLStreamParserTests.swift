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
