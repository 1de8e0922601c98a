import SheetKit
import XMLPackage

/// Writes a cell being set by ``ODSPatcher``: the original element and its attributes, less the old
/// value, formula and repeat, plus the new value's attributes and paragraphs; child elements other than
/// paragraphs (an annotation, a frame) stay.
struct ODSCellValueMarkup {
    let prefixes: ODSPrefixes
    let location: (Int) -> SourceLocation

    func write(_ run: ODSRowPieces.CellRun, value: CellValue, column: Int, to xml: XMLTextWriter) throws {
        let office = prefixes.office, table = prefixes.table
        var attributes: [(String, [UInt8])] = []
        var oldType = ""
        let qualified = run.startTag.withUnsafeBufferPointer { buffer -> String in
            let tag = XMLTag(bytes: buffer)
            tag.forEachAttribute { n, v in
                let name = String(decoding: n, as: UTF8.self)
                if name == office + "value-type" { oldType = String(decoding: v, as: UTF8.self) }
                let dropped = name.hasSuffix(":value-type") || name == office + "value" || name == office + "date-value"
                    || name == office + "time-value" || name == office + "boolean-value" || name == office + "string-value"
                    || name == table + "formula" || name == table + "number-columns-repeated"
                if !dropped { attributes.append((name, Array(v))) }
            }
            return tag.qualifiedName
        }
        var paragraphs: String?
        func set(_ name: String, _ v: String) { attributes.append((name, Array(v.utf8))) }
        switch value {
        case .empty:
            break
        case .number(let d) where d.isFinite:
            let type = oldType == "percentage" || oldType == "currency" ? oldType : "float"
            set(office + "value-type", type)
            set(office + "value", CellValue.numberText(d))
        case .number:
            set(office + "value-type", "string")
            paragraphs = "#NUM!"
        case .bool(let b):
            set(office + "value-type", "boolean")
            set(office + "boolean-value", b ? "true" : "false")
        case .date(let date):
            set(office + "value-type", "date")
            set(office + "date-value", ODSWriter.dateText(date))
        case .dateTime(let dt):
            set(office + "value-type", "date")
            set(office + "date-value", ODSWriter.dateText(dt.date) + "T" + ODSWriter.clock(dt.secondsOfDay))
        case .time(let s), .duration(let s):
            set(office + "value-type", "time")
            set(office + "time-value", ODSWriter.duration(s))
        case .error(let e):
            set(office + "value-type", "string")
            paragraphs = e
        case .text(let text):
            if !text.isEmpty {
                set(office + "value-type", "string")
                paragraphs = text
            }
        }
        if oldType == "currency", attributes.first(where: { $0.0 == office + "value-type" })?.1 != Array("currency".utf8) {
            attributes.removeAll { $0.0 == office + "currency" }
        }
        let kept = try keptChildren(run.content)
        let empty = kept.isEmpty && paragraphs == nil
        try xml.raw(bytes: ODSTagEditor.build(qualified, attributes, selfClosing: empty))
        guard !empty else { return }
        try xml.raw(bytes: kept)
        if let paragraphs {
            if prefixes.text == "text:" {
                try ODSText.write(paragraphs, to: xml)
            } else {
                for line in paragraphs.split(separator: "\n", omittingEmptySubsequences: false) {
                    try xml.raw("<\(prefixes.text)p>")
                    try xml.text(String(line))
                    try xml.raw("</\(prefixes.text)p>")
                }
            }
        }
        try xml.raw("</\(qualified)>")
    }

    /// The cell's child elements other than its paragraphs (`text:p`, `text:h`), as written.
    private func keptChildren(_ content: [UInt8]?) throws -> [UInt8] {
        guard let content, !content.isEmpty else { return [] }
        var kept: [UInt8] = []
        var depth = 0
        var skipping = false
        let textPrefix = Array(prefixes.text.utf8.dropLast())
        let pieces = XMLPieceStream(location: location(0))
        let handle: (XMLPiece) throws -> Void = { piece in
            if let tag = piece.tag {
                if depth == 0, tag.isStart {
                    skipping = tag.prefixIs(textPrefix) && (tag.localNameIs("p") || tag.localNameIs("h"))
                }
                if !skipping { kept += piece.bytes }
                if tag.isEnd { depth -= 1 } else if !tag.isEmptyElement { depth += 1 }
                if depth == 0 { skipping = false }
            } else if !skipping && depth > 0 {
                kept += piece.bytes
            }
        }
        try content.withUnsafeBytes { try pieces.feed($0, handle) }
        try pieces.finish(handle)
        return kept
    }
}
