import SheetKit
import XMLPackage

/// Rewrites a worksheet part as it streams through: every byte is copied as it is, except the cells
/// being set, which are replaced (keeping their style), and cells or rows that do not exist yet, which
/// are inserted where they belong. What ``XLSXPatcher`` writes a changed sheet with.
///
/// A replaced cell keeps its `s` (style); its type, value, formula and metadata attributes are the new
/// value's. An inserted cell takes the row's style when the row has one (`customFormat`), else its
/// column's (`<col style>`).
final class WorksheetRewriter {
    /// The values to set: 0-based row → 0-based column → value.
    private let edits: [Int: [Int: CellValue]]
    private let editRows: [Int]
    private var nextEditRow = 0
    private let markup: XLSXCellMarkup
    /// The shared-string index of a text, used only where the replaced cell was a shared string.
    private let sharedString: (String) -> Int?
    private let location: (Int?, Int?) -> SourceLocation
    private let output: XMLTextWriter
    private let pieces: XMLPieceStream

    private var prefix = ""
    /// The prefix without its colon, as bytes: rows and cells are the elements with sheetData's prefix.
    private var prefixBytes: [UInt8] = []
    private var inSheetData = false
    private var sawSheetData = false
    private var row = -1
    private var column = -1
    private var rowStyle: String?
    private var rowEdits: [(column: Int, value: CellValue)] = []
    private var nextRowEdit = 0
    private var skippingCell = false
    private var columnStyles: [(first: Int, last: Int, style: String)] = []

    /// Whether the part has a formula outside the replaced cells.
    private(set) var hasFormula = false
    /// Whether a replaced cell held a formula (the calculation chain then names a cell without one).
    private(set) var replacedFormula = false

    init(edits: [Int: [Int: CellValue]], markup: XLSXCellMarkup, sharedString: @escaping (String) -> Int?,
         location: @escaping (Int?, Int?) -> SourceLocation, output: XMLTextWriter) {
        self.edits = edits
        editRows = edits.keys.sorted()
        self.markup = markup
        self.sharedString = sharedString
        self.location = location
        self.output = output
        pieces = XMLPieceStream(location: location(nil, nil))
    }

    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        try pieces.feed(chunk, handle)
    }

    /// Ends the part.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` when the part has no `sheetData` to set the cells in.
    func finish() throws {
        try pieces.finish(handle)
        guard sawSheetData, nextEditRow == editRows.count else {
            throw SheetError.malformed(location(nil, nil), "the worksheet has no sheetData element to set the cells in")
        }
        try output.flush()
    }

    private func handle(_ piece: XMLPiece) throws {
        guard let tag = piece.tag else {
            if !skippingCell { try output.raw(bytes: piece.bytes) }
            return
        }
        if skippingCell {
            if tag.localNameIs("f"), tag.isStart { replacedFormula = true }
            if tag.isEnd, tag.localNameIs("c"), tag.prefixIs(prefixBytes) { skippingCell = false }
            return
        }
        if tag.isStart, tag.localNameIs("f") { hasFormula = true }
        if inSheetData {
            if tag.localNameIs("row"), tag.prefixIs(prefixBytes) {
                try tag.isEnd ? endRow(tag) : startRow(tag)
                return
            }
            if tag.localNameIs("c"), tag.isStart, row >= 0, tag.prefixIs(prefixBytes) {
                try startCell(tag)
                return
            }
            if tag.localNameIs("sheetData"), tag.isEnd, tag.prefixIs(prefixBytes) {
                try insertRows(before: Int.max)
                inSheetData = false
                try output.raw(bytes: tag.bytes)
                return
            }
        } else if tag.localNameIs("sheetData"), tag.isStart {
            sawSheetData = true
            prefix = tag.prefix
            prefixBytes = Array(prefix.utf8.dropLast())
            if tag.isEmptyElement {
                try openTag(tag)
                try insertRows(before: Int.max)
                try output.raw("</\(prefix)sheetData>")
            } else {
                inSheetData = true
                try output.raw(bytes: tag.bytes)
            }
            return
        } else if tag.localNameIs("col"), tag.isStart {
            noteColumnStyle(tag)
        }
        try output.raw(bytes: tag.bytes)
    }

    // MARK: Rows

    private func startRow(_ tag: XMLTag) throws {
        let index = tag.attribute(local: "r").flatMap(WorksheetRewriter.integer).map { $0 - 1 } ?? row + 1
        try insertRows(before: index)
        row = index
        column = -1
        let custom = tag.attribute("customFormat").map { WorksheetRewriter.isTrue($0) } ?? false
        rowStyle = custom ? tag.attributeString("s") : nil
        rowEdits = []
        nextRowEdit = 0
        if nextEditRow < editRows.count, editRows[nextEditRow] == index {
            rowEdits = (edits[index] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            nextEditRow += 1
        }
        if tag.isEmptyElement && !rowEdits.isEmpty {
            try openTag(tag)
            try insertCells(before: Int.max)
            try output.raw("</\(prefix)row>")
        } else {
            try output.raw(bytes: tag.bytes)
        }
    }

    private func endRow(_ tag: XMLTag) throws {
        try insertCells(before: Int.max)
        rowEdits = []
        try output.raw(bytes: tag.bytes)
    }

    /// Writes the rows with edits that come before row `index` and do not exist in the part.
    private func insertRows(before index: Int) throws {
        while nextEditRow < editRows.count, editRows[nextEditRow] < index {
            let r = editRows[nextEditRow]
            nextEditRow += 1
            try output.raw("<\(prefix)row r=\"\(r + 1)\">")
            for (c, value) in (edits[r] ?? [:]).sorted(by: { $0.key < $1.key }) {
                try writeCell(row: r, column: c, style: columnStyle(c), value: value, wasSharedString: false)
            }
            try output.raw("</\(prefix)row>")
        }
    }

    // MARK: Cells

    private func startCell(_ tag: XMLTag) throws {
        let index = tag.attribute(local: "r").flatMap(WorksheetRewriter.column) ?? column + 1
        try insertCells(before: index)
        column = index
        guard nextRowEdit < rowEdits.count, rowEdits[nextRowEdit].column == index else {
            try output.raw(bytes: tag.bytes)
            return
        }
        let value = rowEdits[nextRowEdit].value
        nextRowEdit += 1
        let wasShared = tag.attribute("t").map { $0.count == 1 && $0[0] == UInt8(ascii: "s") } ?? false
        try writeCell(row: row, column: index, style: tag.attributeString("s"), value: value, wasSharedString: wasShared)
        skippingCell = !tag.isEmptyElement
    }

    /// Writes the edits of the current row whose column comes before `index`.
    private func insertCells(before index: Int) throws {
        while nextRowEdit < rowEdits.count, rowEdits[nextRowEdit].column < index {
            let (c, value) = rowEdits[nextRowEdit]
            nextRowEdit += 1
            try writeCell(row: row, column: c, style: rowStyle ?? columnStyle(c), value: value, wasSharedString: false)
        }
    }

    private func writeCell(row: Int, column: Int, style: String?, value: CellValue, wasSharedString: Bool) throws {
        var cellMarkup = markup
        cellMarkup.prefix = prefix
        try cellMarkup.write(ref: CellReference(row: row, column: column).description, style: style, value: value, formula: nil,
                             sharedString: { wasSharedString ? self.sharedString($0) : nil },
                             location: location(row, column), to: output)
    }

    // MARK: Helpers

    /// Writes an empty-element tag as a start tag (`<row r="3"/>` → `<row r="3">`).
    private func openTag(_ tag: XMLTag) throws {
        var end = tag.bytes.count - 2
        while end > 0, tag.bytes[end - 1] == 0x20 || tag.bytes[end - 1] == 0x09 || tag.bytes[end - 1] == 0x0A || tag.bytes[end - 1] == 0x0D {
            end -= 1
        }
        try output.raw(bytes: UnsafeBufferPointer(rebasing: tag.bytes[0..<end]))
        try output.raw(">")
    }

    private func noteColumnStyle(_ tag: XMLTag) {
        guard let style = tag.attributeString("style"),
              let first = tag.attribute("min").flatMap(WorksheetRewriter.integer),
              let last = tag.attribute("max").flatMap(WorksheetRewriter.integer) else { return }
        columnStyles.append((first - 1, last - 1, style))
    }

    private func columnStyle(_ column: Int) -> String? {
        columnStyles.first { $0.first <= column && column <= $0.last }?.style
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// The 0-based column of a reference such as `AB12`.
    static func column(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0, letters = 0
        for b in bytes {
            let upper = b & ~0x20
            guard upper >= 0x41, upper <= 0x5A else { break }
            value = value * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }

    static func isTrue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 1 ? bytes[0] == UInt8(ascii: "1") : String(decoding: bytes, as: UTF8.self) == "true"
    }
}
