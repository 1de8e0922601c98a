import SheetKit
import XMLPackage

/// Rewrites `content.xml` as it streams through, for ``ODSPatcher``: every byte is copied as it is except
/// the rows that hold a cell being set. Such a row is taken whole, and written back with only the set
/// cells changed; a repeated row or cell that covers a set cell is split into the runs before it, the
/// cell itself and the runs after it. Rows and cells past the table's end are added.
///
/// A set cell keeps its element (a covered cell stays covered), its style, validation, spans and
/// annotation; its value attributes, formula and paragraphs are the new value's.
final class ODSContentRewriter {
    /// sheet → row → column → value.
    private let edits: [Int: [Int: [Int: CellValue]]]
    private let output: XMLTextWriter
    private let pieces: XMLPieceStream
    private let location: (Int?, Int?, Int?) -> SourceLocation

    private var prefixes: ODSPrefixes?
    private var tableNesting = 0
    private var tablePosition = -1
    /// The rows to set in the table being read, ascending, and the next of them.
    private var editRows: [Int] = []
    private var nextEditRow = 0
    private var rowEdits: [Int: [Int: CellValue]] = [:]
    private var nextRow = 0
    /// The pieces of a row being taken whole, and the depth of `table-row` elements inside it.
    private var captured: [UInt8]?
    private var capturedDepth = 0
    private var applied = Set<Int>()

    init(edits: [Int: [Int: [Int: CellValue]]], location: @escaping (Int?, Int?, Int?) -> SourceLocation, output: XMLTextWriter) {
        self.edits = edits
        self.location = location
        self.output = output
        pieces = XMLPieceStream(location: location(nil, nil, nil))
    }

    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        try pieces.feed(chunk, handle)
    }

    /// Ends the part.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` when a sheet to change was not found.
    func finish() throws {
        try pieces.finish(handle)
        try output.flush()
        for sheet in edits.keys where !applied.contains(sheet) {
            throw SheetError.malformed(location(sheet, nil, nil), "content.xml has no table for this sheet to set the cells in")
        }
    }

    private func handle(_ piece: XMLPiece) throws {
        if captured != nil {
            captured!.append(contentsOf: piece.bytes)
            if let tag = piece.tag, tag.localNameIs("table-row"), tag.prefixIs(prefixes?.tableBytes ?? []) {
                if tag.isEnd { capturedDepth -= 1 } else if !tag.isEmptyElement { capturedDepth += 1 }
                if capturedDepth == 0 { try finishCapturedRow() }
            }
            return
        }
        guard let tag = piece.tag else {
            try output.raw(bytes: piece.bytes)
            return
        }
        if prefixes == nil, tag.isStart {
            prefixes = try ODSPrefixes(root: tag, location: location(nil, nil, nil))
        }
        guard let prefixes, tag.prefixIs(prefixes.tableBytes) else {
            try output.raw(bytes: tag.bytes)
            return
        }
        if tag.localNameIs("table") {
            if tag.isEnd {
                if tableNesting == 1 { try appendRows() }
                tableNesting -= 1
            } else if !tag.isEmptyElement {
                tableNesting += 1
                if tableNesting == 1 { startTable() }
            }
        } else if tableNesting == 1, tag.localNameIs("table-row"), tag.isStart {
            let count = ODSContentRewriter.repeatCount(tag, "number-rows-repeated")
            let first = nextRow
            if nextEditRow < editRows.count, editRows[nextEditRow] < first + count {
                captured = Array(tag.bytes)
                capturedDepth = tag.isEmptyElement ? 0 : 1
                if capturedDepth == 0 { try finishCapturedRow() }
                return
            }
            nextRow = first + count
        }
        try output.raw(bytes: tag.bytes)
    }

    private func startTable() {
        tablePosition += 1
        rowEdits = edits[tablePosition] ?? [:]
        editRows = rowEdits.keys.sorted()
        nextEditRow = 0
        nextRow = 0
        if !rowEdits.isEmpty { applied.insert(tablePosition) }
    }

    // MARK: Rows

    private func finishCapturedRow() throws {
        guard let bytes = captured, let prefixes else { return }
        captured = nil
        let row = try ODSRowPieces(bytes, prefixes: prefixes, location: location(tablePosition, nextRow, nil))
        let first = nextRow, end = first + row.repeatCount
        var cursor = first
        while nextEditRow < editRows.count, editRows[nextEditRow] < end {
            let r = editRows[nextEditRow]
            nextEditRow += 1
            if r > cursor { try row.write(repeat: r - cursor, edits: [:], to: output, markup: markup(row: r)) }
            try row.write(repeat: 1, edits: rowEdits[r] ?? [:], to: output, markup: markup(row: r), keepStartTag: row.repeatCount == 1)
            cursor = r + 1
        }
        if cursor < end { try row.write(repeat: end - cursor, edits: [:], to: output, markup: markup(row: cursor)) }
        nextRow = end
    }

    /// Adds the rows with edits past the table's last row.
    private func appendRows() throws {
        guard let prefixes else { return }
        while nextEditRow < editRows.count {
            let r = editRows[nextEditRow]
            nextEditRow += 1
            if r > nextRow {
                let gap = r - nextRow
                try output.raw("<\(prefixes.table)table-row" + (gap > 1 ? " \(prefixes.table)number-rows-repeated=\"\(gap)\"" : "")
                               + "><\(prefixes.table)table-cell/></\(prefixes.table)table-row>")
            }
            let empty = try ODSRowPieces(Array("<\(prefixes.table)table-row></\(prefixes.table)table-row>".utf8), prefixes: prefixes,
                                         location: location(tablePosition, r, nil))
            try empty.write(repeat: 1, edits: rowEdits[r] ?? [:], to: output, markup: markup(row: r))
            nextRow = r + 1
        }
    }

    private func markup(row: Int) -> ODSCellValueMarkup {
        ODSCellValueMarkup(prefixes: prefixes!, location: { [location, tablePosition] column in location(tablePosition, row, column) })
    }

    static func repeatCount(_ tag: XMLTag, _ name: StaticString) -> Int {
        guard let raw = tag.attribute(local: name), !raw.isEmpty, raw.count <= 9 else { return 1 }
        var value = 0
        for b in raw {
            guard b >= 0x30, b <= 0x39 else { return 1 }
            value = value * 10 + Int(b - 0x30)
        }
        return max(value, 1)
    }
}

/// The prefixes `content.xml` binds the OpenDocument namespaces to (almost always `office:`, `table:`,
/// `text:`), read from the root element.
struct ODSPrefixes {
    var office: String
    var table: String
    var text: String
    var tableBytes: [UInt8]

    init(root: XMLTag, location: SourceLocation) throws {
        var bound: [String: String] = [:]
        root.forEachAttribute { name, value in
            let n = String(decoding: name, as: UTF8.self)
            guard n.hasPrefix("xmlns:") else { return }
            bound[String(decoding: value, as: UTF8.self)] = String(n.dropFirst(6)) + ":"
        }
        guard let office = bound["urn:oasis:names:tc:opendocument:xmlns:office:1.0"],
              let table = bound["urn:oasis:names:tc:opendocument:xmlns:table:1.0"],
              let text = bound["urn:oasis:names:tc:opendocument:xmlns:text:1.0"] else {
            throw SheetError.unsupportedFormat(location, "content.xml does not declare the OpenDocument office, table and text namespaces "
                + "on its root element, so okrsheet cannot patch it; save it again with LibreOffice")
        }
        self.office = office
        self.table = table
        self.text = text
        tableBytes = Array(table.utf8.dropLast())
    }
}

/// A row taken whole: its start tag, its cells (each as written, with its repeat count) and its end.
struct ODSRowPieces {
    struct CellRun {
        /// Whitespace or comments before the cell, kept with it.
        var before: [UInt8]
        var startTag: [UInt8]
        /// The bytes between the start and end tags (nil for an empty element).
        var content: [UInt8]?
        var endTag: [UInt8]
        var repeatCount: Int
    }

    var startTag: [UInt8]
    var cells: [CellRun] = []
    var trailing: [UInt8] = []
    var endTag: [UInt8]
    var repeatCount: Int
    let prefixes: ODSPrefixes

    init(_ bytes: [UInt8], prefixes: ODSPrefixes, location: SourceLocation) throws {
        self.prefixes = prefixes
        var start: [UInt8] = [], end: [UInt8] = [], pending: [UInt8] = []
        var current: CellRun?
        var depth = 0, cellDepth = 0, rowRepeat = 1
        var runs: [CellRun] = []
        let pieces = XMLPieceStream(location: location)
        let handle: (XMLPiece) throws -> Void = { piece in
            let tag = piece.tag
            if var cell = current {
                if let tag {
                    if tag.isEnd { cellDepth -= 1 } else if !tag.isEmptyElement { cellDepth += 1 }
                }
                if cellDepth == 0 {
                    cell.endTag = Array(piece.bytes)
                    runs.append(cell)
                    current = nil
                } else {
                    cell.content!.append(contentsOf: piece.bytes)
                    current = cell
                }
                return
            }
            guard let tag else { if depth == 0 { start += piece.bytes } else { pending += piece.bytes }; return }
            if depth == 0 {
                start = Array(tag.bytes)
                rowRepeat = ODSContentRewriter.repeatCount(tag, "number-rows-repeated")
                if tag.isEmptyElement { end = [] } else { depth = 1 }
                return
            }
            if tag.isEnd {
                end = Array(tag.bytes)
                depth = 0
                return
            }
            if tag.prefixIs(prefixes.tableBytes), tag.localNameIs("table-cell") || tag.localNameIs("covered-table-cell") {
                let run = CellRun(before: pending, startTag: Array(tag.bytes), content: tag.isEmptyElement ? nil : [], endTag: [],
                                  repeatCount: ODSContentRewriter.repeatCount(tag, "number-columns-repeated"))
                pending = []
                if tag.isEmptyElement { runs.append(run) } else { current = run; cellDepth = 1 }
                return
            }
            pending += piece.bytes  // something else in the row: kept in its place
        }
        try bytes.withUnsafeBytes { try pieces.feed($0, handle) }
        try pieces.finish(handle)
        startTag = start
        endTag = end
        repeatCount = rowRepeat
        cells = runs
        trailing = pending
    }

    /// Writes the row `repeat` times over with `edits` (column → value) applied.
    func write(repeat count: Int, edits: [Int: CellValue], to xml: XMLTextWriter, markup: ODSCellValueMarkup, keepStartTag: Bool = false) throws {
        let table = prefixes.table
        if keepStartTag && !endTag.isEmpty {
            try xml.raw(bytes: startTag)
        } else {
            try xml.raw(bytes: ODSTagEditor.setting(startTag, "\(table)number-rows-repeated", to: count > 1 ? String(count) : nil, open: true))
        }
        var columns = edits.keys.sorted()[...]
        var column = 0
        for run in cells {
            try xml.raw(bytes: run.before)
            let end = column + run.repeatCount
            var cursor = column
            while let c = columns.first, c < end {
                columns.removeFirst()
                if c > cursor { try write(run, repeat: c - cursor, to: xml) }
                try markup.write(run, value: edits[c]!, column: c, to: xml)
                cursor = c + 1
            }
            if cursor == column {
                try write(run, repeat: nil, to: xml)
            } else if cursor < end {
                try write(run, repeat: end - cursor, to: xml)
            }
            column = end
        }
        for c in columns {
            if c > column {
                try xml.raw("<\(table)table-cell" + (c - column > 1 ? " \(table)number-columns-repeated=\"\(c - column)\"" : "") + "/>")
            }
            let empty = CellRun(before: [], startTag: Array("<\(table)table-cell/>".utf8), content: nil, endTag: [], repeatCount: 1)
            try markup.write(empty, value: edits[c]!, column: c, to: xml)
            column = c + 1
        }
        try xml.raw(bytes: trailing)
        if endTag.isEmpty {
            try xml.raw("</\(table)table-row>")
        } else {
            try xml.raw(bytes: endTag)
        }
    }

    /// Writes a run as it was, or with its repeat count changed.
    private func write(_ run: CellRun, repeat count: Int?, to xml: XMLTextWriter) throws {
        if let count {
            try xml.raw(bytes: ODSTagEditor.setting(run.startTag, "\(prefixes.table)number-columns-repeated", to: count > 1 ? String(count) : nil))
        } else {
            try xml.raw(bytes: run.startTag)
        }
        if let content = run.content {
            try xml.raw(bytes: content)
            try xml.raw(bytes: run.endTag)
        }
    }
}

/// Edits one attribute of a tag as written, leaving the others as they are.
enum ODSTagEditor {
    /// The tag with attribute `name` set to `value` (escaped), or removed when `value` is nil; `open`
    /// also turns an empty-element tag into a start tag.
    static func setting(_ tag: [UInt8], _ name: String, to value: String?, open: Bool = false) -> [UInt8] {
        var kept: [(String, [UInt8])] = []
        var found = false
        let (qualified, selfClosing) = tag.withUnsafeBufferPointer { buffer -> (String, Bool) in
            let parsed = XMLTag(bytes: buffer)
            parsed.forEachAttribute { n, v in
                let attribute = String(decoding: n, as: UTF8.self)
                if attribute == name {
                    found = true
                    if let value { kept.append((name, Array(value.utf8))) }
                } else {
                    kept.append((attribute, Array(v)))
                }
            }
            return (parsed.qualifiedName, parsed.isEmptyElement)
        }
        if !found, let value { kept.append((name, Array(value.utf8))) }
        if !found && value == nil && !(open && selfClosing) { return tag }
        return build(qualified, kept, selfClosing: selfClosing && !open)
    }

    /// `<name a="v" …>` or `…/>` from raw (already escaped) attribute values.
    static func build(_ name: String, _ attributes: [(String, [UInt8])], selfClosing: Bool) -> [UInt8] {
        var out = Array("<\(name)".utf8)
        for (n, v) in attributes {
            out += Array(" \(n)=\"".utf8)
            for b in v { if b == UInt8(ascii: "\"") { out += Array("&quot;".utf8) } else { out.append(b) } }
            out.append(UInt8(ascii: "\""))
        }
        out += selfClosing ? Array("/>".utf8) : [UInt8(ascii: ">")]
        return out
    }
}
