import SheetKit
import XMLPackage

/// Writes an OpenDocument spreadsheet (`.ods`) sheet by sheet, streaming each row as it arrives into
/// an unlinked temporary file (an ``ODSSpool``), so memory does not grow with the rows. ``finish()``
/// assembles the deflated `content.xml`: the automatic styles (table styles and the column styles of
/// the widths), the `table:content-validations` of the validation lists, both of which must precede
/// the first sheet, then the spooled sheets copied in chunks.
///
/// The package: `mimetype` first, stored uncompressed with no extra field; `content.xml` (the sheets);
/// `styles.xml` (data styles and cell styles, written last as common styles because `content.xml`
/// streams); `meta.xml` (with the sheet count); `settings.xml`; `META-INF/manifest.xml` listing every
/// part. Values: numbers as `float`, or `percentage` / `currency` when the cell's number format says
/// `%` or a currency; dates and date-times as `date`; times and durations as `time` (`PT34H10M10S`);
/// booleans; text as `text:p` paragraphs; errors as text marked `calcext:value-type="error"`; a
/// formula as `table:formula="of:=…"` beside its cached value. Gaps are `number-rows-repeated` and
/// `number-columns-repeated`; hidden rows `table:visibility="collapse"`; hidden sheets use a table
/// style with `table:display="false"`; merges (given at ``beginSheet(_:layout:)``) are spans plus
/// `table:covered-table-cell`.
public final class ODSWriter: WorkbookWriter {
    let output: OutputDestination
    let sink: ByteWriter
    let zip: ZipWriter
    let styles = ODSStyleTable()
    let displayName: String
    public let limits: Limits
    /// The syntax of the formulas handed over: OpenFormula (`SUM([.A1:.A3])`, written `of:=…`, the
    /// default) or Excel's A1 syntax (`SUM(A1:A3)`, from an XLSX input, written `msoxl:=…`, which
    /// LibreOffice reads as Excel formulas).
    public var formulaSyntax = FormulaSyntax.openFormula
    var sheets: [SheetInfo] = []
    // The state below is touched per row and per cell. A writer is used from one thread and never
    // reentrantly, so it opts out of dynamic exclusivity checks (about 10% of a CSV → ODS run).
    /// The spool the sheets' XML goes to, opened with the first sheet.
    @exclusivity(unchecked) var content: (spool: ODSSpool, xml: XMLTextWriter)?
    /// The automatic column styles (`co1`, `co2`…) by their `style:column-width`, in order of first use.
    var columnStyles: [String: String] = [:]
    var columnStyleOrder: [String] = []
    /// The automatic row styles (`ro1`…) by their `style:row-height`, in order of first use.
    var rowStyles: [String: String] = [:]
    var rowStyleOrder: [String] = []
    /// The table styles: `ta1` and `ta2`, then one per print setup and visibility.
    var tableStyles = ODSPackageParts.defaultTableStyles
    /// The distinct print setups, in order: setup i has master page `MP(i+1)`.
    var pageSetups: [ODSPageSetup] = []
    /// The autofilter of each sheet that has one.
    var autoFilters: [(sheet: String, range: CellRange)] = []
    /// Every validation begun so far, with its name (`val1`…) and its sheet, in order.
    var validations: [(name: String, sheet: String, validation: ODSValidation)] = []
    /// The validations of the open sheet, for the cells that name them.
    @exclusivity(unchecked) var sheetValidations: [(range: CellRange, attribute: String)] = []
    @exclusivity(unchecked) var sheetOpen = false
    @exclusivity(unchecked) var merges = ODSMergeCursor([])
    /// The next row index not yet written in the open sheet.
    @exclusivity(unchecked) var nextRow = 0
    @exclusivity(unchecked) var lastRow = -1
    @exclusivity(unchecked) var cellCount = 0
    var finished = false
    /// The last style looked up, to skip the dictionary when consecutive cells share one.
    @exclusivity(unchecked) var lastStyle: (style: CellStyle?, kind: DefaultKind, conditions: UInt64, resolved: ResolvedStyle)?
    /// The layout of each begun sheet, in order.
    @exclusivity(unchecked) var layouts: [ODSSheetLayout] = []
    /// The cell-comparison formats of the open sheet (at most 64), for `style:map`.
    @exclusivity(unchecked) var cellConditions: [(range: CellRange, map: String)] = []
    /// Whether the open sheet's header rows element is open.
    @exclusivity(unchecked) var inHeaderRows = false
    @exclusivity(unchecked) var styleCache: [StyleKey: ResolvedStyle] = [:]
    @exclusivity(unchecked) var formatCache: [String: ODSNumberFormat?] = [:]

    /// Creates the spreadsheet at `path` (atomically, on ``finish()``), or on standard output when nil.
    ///
    /// - Throws: ``SheetError/io(_:_:)`` when the destination folder is not writable.
    public init(path: String?, limits: Limits = Limits()) throws {
        self.limits = limits
        let destination = try OutputDestination(path: path)
        output = destination
        sink = destination.writer
        displayName = destination.displayName
        zip = ZipWriter(sink: sink)
        try zip.add(name: "mimetype", bytes: Array(ODSPackageParts.mimeType.utf8), compress: false)
    }

    /// How formula text is written (see ``formulaSyntax``).
    public enum FormulaSyntax: Sendable, Hashable {
        /// OpenDocument's OpenFormula, prefixed `of:=`.
        case openFormula
        /// Excel's A1 syntax, prefixed `msoxl:=`.
        case excel

        var prefix: String { self == .openFormula ? "of:=" : "msoxl:=" }
    }

    /// The characters a sheet name cannot hold in LibreOffice.
    static let forbidden: Set<Character> = ["[", "]", "*", "?", ":", "/", "\\"]

    /// Checks LibreOffice's sheet-name rules: not empty, none of `[ ] * ? : / \`, no leading or trailing
    /// apostrophe, unique regardless of case. Returns the problem, or nil for a good name.
    public static func validate(sheetName name: String, existing: [String]) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if let bad = name.first(where: { forbidden.contains($0) }) {
            return "the sheet name \"\(name)\" contains \"\(bad)\", which OpenDocument spreadsheets do not allow"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "the sheet name \"\(name)\" starts or ends with an apostrophe" }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) { return "the workbook already has a sheet named \"\(name)\"" }
        return nil
    }

    /// A valid sheet name made from any text (for a CSV's file name): forbidden characters replaced.
    public static func sheetName(from text: String, existing: [String]) -> String {
        var name = String(text.map { forbidden.contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty { name = "Sheet1" }
        var candidate = name
        var n = 2
        while validate(sheetName: candidate, existing: existing) != nil {
            candidate = name + " (\(n))"
            n += 1
        }
        return candidate
    }

    public func beginSheet(_ info: SheetInfo) throws {
        try beginSheet(info, layout: ODSSheetLayout())
    }

    /// Starts a new sheet with per-sheet options (its merges).
    ///
    /// - Throws: ``SheetError/invalidRequest(_:_:)`` for a sheet name that ODS refuses, a duplicate name,
    ///   or a sheet begun before the previous one ended.
    public func beginSheet(_ info: SheetInfo, layout: ODSSheetLayout) throws {
        guard !finished else { throw SheetError.invalidRequest(SourceLocation(file: displayName), "the workbook is already finished") }
        if let problem = ODSWriter.validate(sheetName: info.name, existing: sheets.map(\.name)) {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), problem)
        }
        guard !sheetOpen else { throw SheetError.invalidRequest(SourceLocation(file: displayName), "the previous sheet was not ended") }
        let xml = try contentWriter()
        sheets.append(info)
        layouts.append(layout)
        cellConditions = ODSLayoutParts.styleMaps(layout, sheet: info.name, styles: styles)
        lastStyle = nil
        inHeaderRows = false
        sheetOpen = true
        merges = ODSMergeCursor(layout.merges.filter { $0.first.row < CellReference.maxRows && $0.first.column < CellReference.maxColumns })
        nextRow = 0
        lastRow = -1
        try xml.raw("<table:table table:name=\"")
        try xml.attribute(info.name)
        try xml.raw("\" table:style-name=\"\(tableStyle(display: !info.hidden, page: layout.page))\"")
        if let filter = layout.autoFilter { autoFilters.append((info.name, filter)) }
        if let range = layout.printRange {
            try xml.raw(" table:print-ranges=\"")
            try xml.attribute(ODSLayoutParts.address(range, sheet: info.name))
            try xml.raw("\"")
        }
        try xml.raw(">")
        try writeColumns(layout.columnWidths, to: xml)
        sheetValidations = []
        for validation in layout.validations {
            let name = "val\(validations.count + 1)"
            validations.append((name, info.name, validation))
            sheetValidations.append((validation.range, " table:content-validation-name=\"\(name)\""))
        }
    }

    /// The name of the table style for a sheet shown or not, with a print setup or none.
    func tableStyle(display: Bool, page: ODSPageSetup?) -> String {
        var master = "Default"
        if let page {
            let index = pageSetups.firstIndex(of: page) ?? {
                pageSetups.append(page)
                return pageSetups.count - 1
            }()
            master = "MP\(index + 1)"
        }
        if let style = tableStyles.first(where: { $0.display == display && $0.masterPage == master }) { return style.name }
        let style = ODSPackageParts.TableStyle(name: "ta\(tableStyles.count + 1)", display: display, masterPage: master)
        tableStyles.append(style)
        return style.name
    }

    /// ` table:style-name="ro1"` for a row with a set height in the open sheet, else "".
    func rowStyleAttribute(_ row: Int) -> String {
        guard let height = layouts.last?.rowHeights[row], height.isFinite, height > 0 else { return "" }
        let text = CellValue.numberText((height * 100).rounded() / 100) + "pt"
        if let name = rowStyles[text] { return " table:style-name=\"\(name)\"" }
        rowStyleOrder.append(text)
        let name = "ro\(rowStyleOrder.count)"
        rowStyles[text] = name
        return " table:style-name=\"\(name)\""
    }

    /// The sheet's `table:table-column` elements (1,024 in all), with the column style of each width.
    func writeColumns(_ widths: [Double?], to xml: XMLTextWriter) throws {
        let total = 1024
        var names: [String?] = []
        for width in widths.prefix(total) {
            guard let width, width.isFinite, width > 0 else {
                names.append(nil)
                continue
            }
            let text = CellValue.numberText((width * ODSSheetLayout.centimetresPerCharacter * 1000).rounded() / 1000) + "cm"
            if let name = columnStyles[text] {
                names.append(name)
            } else {
                columnStyleOrder.append(text)
                let name = "co\(columnStyleOrder.count)"
                columnStyles[text] = name
                names.append(name)
            }
        }
        while names.last == .some(nil) { names.removeLast() }
        var i = 0
        while i < names.count {
            var j = i + 1
            while j < names.count, names[j] == names[i] { j += 1 }
            let style = names[i].map { " table:style-name=\"\($0)\"" } ?? ""
            try xml.raw(j - i == 1 ? "<table:table-column\(style)/>" : "<table:table-column\(style) table:number-columns-repeated=\"\(j - i)\"/>")
            i = j
        }
        if names.count < total { try xml.raw("<table:table-column table:number-columns-repeated=\"\(total - names.count)\"/>") }
    }

    /// The writer of the sheets' XML into the spool, opened on first use.
    func contentWriter() throws -> XMLTextWriter {
        if let content { return content.xml }
        let spool = try ODSSpool(for: SourceLocation(file: displayName))
        let xml = XMLTextWriter(flushAt: 1 << 18) { try spool.write($0) }
        content = (spool, xml)
        return xml
    }

    /// Writes `content.xml`: its start (automatic styles, validations), the spooled sheets, its end.
    func writeContent() throws {
        let stream = try zip.beginStream(name: "content.xml")
        let deflater = DeflateThread(stream: stream)
        do {
            let xml = XMLTextWriter(flushAt: 1 << 18) { try deflater.put($0) }
            try ODSPackageParts.contentStart(xml, tableStyles: tableStyles, columnWidths: columnStyleOrder.map { (columnStyles[$0] ?? "", $0) },
                                             rowHeights: rowStyleOrder.map { (rowStyles[$0] ?? "", $0) })
            try ODSLayoutParts.validations(validations, to: xml)
            try xml.flush()
            if let (spool, sheetXML) = content {
                try sheetXML.flush()
                try spool.copy { try deflater.put($0) }
            }
            try ODSPackageParts.contentEnd(xml, autoFilters: autoFilters)
            try xml.flush()
        } catch {
            try? deflater.finish()
            throw error
        }
        try deflater.finish()
        try stream.close()
        content = nil
    }

    func location(row: Int? = nil, column: Int? = nil) -> SourceLocation {
        .cell(displayName, sheet: sheetOpen ? sheets.last?.name : nil, row: row, column: column)
    }

    public func write(_ row: Row) throws {
        guard sheetOpen, let xml = content?.xml else { throw SheetError.invalidRequest(SourceLocation(file: displayName), "no sheet begun") }
        guard row.index > lastRow else { throw SheetError.invalidRequest(location(row: row.index), "rows must come in ascending order") }
        guard row.index < min(limits.maxRows, CellReference.maxRows) else {
            throw SheetError.limitExceeded(location(row: row.index), limit: "rows per sheet (\(CellReference.maxRows))",
                                           value: "row \(row.index + 1)", howToRaise: "split the data over several sheets or files")
        }
        lastRow = row.index
        var cells = row.cells
        if cells.contains(where: { $0.value.isEmpty && $0.formula == nil && $0.style == nil }) {
            cells.removeAll { $0.value.isEmpty && $0.formula == nil && $0.style == nil }
        }
        var lastColumn = -1
        for cell in cells {
            guard cell.column > lastColumn, cell.column < CellReference.maxColumns else {
                throw SheetError.limitExceeded(location(row: row.index, column: cell.column), limit: "columns per sheet (16,384)",
                                               value: "column \(cell.column + 1)", howToRaise: "the data must be narrower, in ascending column order")
            }
            lastColumn = cell.column
        }
        guard !cells.isEmpty || row.hidden || !merges.isDone else { return }
        try writeGap(until: row.index, to: xml)
        merges.move(to: row.index)
        try enterRows(row.index, count: 1, to: xml)
        try writeRow(row.index, cells: cells, hidden: row.hidden, to: xml)
        nextRow = row.index + 1
        try leaveRows(nextRow, to: xml)
    }

    /// Writes the rows from ``nextRow`` up to (not including) `row`: repeated empty rows, and rows
    /// of their own where a merge covers them.
    func writeGap(until row: Int, to xml: XMLTextWriter) throws {
        while nextRow < row {
            merges.move(to: nextRow)
            if !merges.active.isEmpty {
                try enterRows(nextRow, count: 1, to: xml)
                try writeRow(nextRow, cells: [], hidden: false, to: xml)
                nextRow += 1
                try leaveRows(nextRow, to: xml)
                continue
            }
            var stop = min(row, max(merges.nextStart, nextRow + 1))
            if let header = layouts.last?.headerRows {
                // A repeat may not cross the start or end of the header rows.
                if nextRow < header.lowerBound { stop = min(stop, header.lowerBound) }
                if nextRow <= header.upperBound { stop = min(stop, header.upperBound + 1) }
            }
            if let heights = layouts.last?.rowHeights, !heights.isEmpty {
                // A row with a height of its own is not part of a repeat.
                if heights[nextRow] != nil {
                    stop = nextRow + 1
                } else if let next = heights.keys.filter({ $0 > nextRow }).min() {
                    stop = min(stop, next)
                }
            }
            let count = stop - nextRow
            try enterRows(nextRow, count: count, to: xml)
            let style = count == 1 ? rowStyleAttribute(nextRow) : ""
            try xml.raw(count == 1 ? "<table:table-row\(style)>" : "<table:table-row table:number-rows-repeated=\"\(count)\">")
            try xml.raw("<table:table-cell/></table:table-row>")
            nextRow = stop
            try leaveRows(nextRow, to: xml)
        }
    }

    /// Writes one row: its cells, gaps between them, and the cells of the merges that cover it.
    func writeRow(_ index: Int, cells: [Cell], hidden: Bool, to xml: XMLTextWriter) throws {
        try xml.raw("<table:table-row" + rowStyleAttribute(index) + (hidden ? " table:visibility=\"collapse\">" : ">"))
        var column = 0
        var ci = 0
        var si = 0
        let spans = merges.active
        while true {
            while si < spans.count, spans[si].first.column < column { si += 1 }
            while ci < cells.count, cells[ci].column < column { ci += 1 }
            let nextCell = ci < cells.count ? cells[ci].column : Int.max
            let nextSpan = si < spans.count ? spans[si].first.column : Int.max
            if nextCell == Int.max && nextSpan == Int.max { break }
            if nextSpan <= nextCell {
                try writeEmpty(nextSpan - column, to: xml)
                let merge = spans[si]
                si += 1
                let last = min(merge.last.column, CellReference.maxColumns - 1)
                for c in merge.first.column...last {
                    var cell: Cell?
                    if ci < cells.count, cells[ci].column == c {
                        cell = cells[ci]
                        ci += 1
                    }
                    if c == merge.first.column, index == merge.first.row {
                        let spanned = " table:number-columns-spanned=\"\(last - c + 1)\" table:number-rows-spanned=\"\(merge.last.row - index + 1)\""
                        try write(cell, tag: "table:table-cell", extra: spanned, row: index, to: xml)
                    } else {
                        try write(cell, tag: "table:covered-table-cell", extra: "", row: index, to: xml)
                    }
                }
                column = last + 1
            } else {
                try writeEmpty(nextCell - column, to: xml)
                try write(cells[ci], tag: "table:table-cell", extra: "", row: index, to: xml)
                ci += 1
                column = nextCell + 1
            }
        }
        if column == 0 { try xml.raw("<table:table-cell/>") }
        try xml.raw("</table:table-row>")
    }

    /// Opens `table:table-header-rows` before the first header row.
    func enterRows(_ first: Int, count: Int, to xml: XMLTextWriter) throws {
        guard !inHeaderRows, let header = layouts.last?.headerRows, first == header.lowerBound else { return }
        try xml.raw("<table:table-header-rows>")
        inHeaderRows = true
    }

    /// Closes `table:table-header-rows` once row `next` is past them.
    func leaveRows(_ next: Int, to xml: XMLTextWriter) throws {
        guard inHeaderRows, let header = layouts.last?.headerRows, next > header.upperBound else { return }
        try xml.raw("</table:table-header-rows>")
        inHeaderRows = false
    }

    func writeEmpty(_ count: Int, to xml: XMLTextWriter) throws {
        if count == 1 {
            try xml.raw("<table:table-cell/>")
        } else if count > 1 {
            try xml.raw("<table:table-cell table:number-columns-repeated=\"\(count)\"/>")
        }
    }

    public func endSheet(_ summary: SheetSummary) throws {
        guard sheetOpen, let xml = content?.xml else { return }
        let layout = layouts[layouts.count - 1]
        let end = min(max(merges.end, layout.headerRows.map { $0.upperBound + 1 } ?? 0), CellReference.maxRows)
        try writeGap(until: end, to: xml)
        if inHeaderRows {
            try xml.raw("</table:table-header-rows>")
            inHeaderRows = false
        }
        if nextRow == 0 && lastRow < 0 { try xml.raw("<table:table-row><table:table-cell/></table:table-row>") }
        try ODSLayoutParts.conditionalFormats(layout, sheet: sheets[sheets.count - 1].name, styles: styles, to: xml)
        try xml.raw("</table:table>")
        cellConditions = []
        sheetValidations = []
        sheetOpen = false
    }

    /// Writes the remaining parts and the ZIP directory, then moves the file into place.
    public func finish() throws {
        guard !finished else { return }
        if sheetOpen { try endSheet(SheetSummary()) }
        if sheets.isEmpty {
            try beginSheet(SheetInfo(name: "Sheet1"))
            try endSheet(SheetSummary())
        }
        finished = true
        try writeContent()
        try part("styles.xml") { try ODSPackageParts.styles($0, table: self.styles, pages: self.pageSetups) }
        try part("meta.xml") { try ODSPackageParts.meta($0, sheetCount: self.sheets.count, cellCount: self.cellCount) }
        try part("settings.xml") { try ODSPackageParts.settings($0, sheets: self.sheets, layouts: self.layouts) }
        try part("META-INF/manifest.xml") { try ODSPackageParts.manifest($0) }
        try zip.finish()
        try output.commit()
    }

    func part(_ name: String, _ body: (XMLTextWriter) throws -> Void) throws {
        var bytes: [UInt8] = []
        let xml = XMLTextWriter { bytes.append(contentsOf: $0) }
        try body(xml)
        try xml.flush()
        try zip.add(name: name, bytes: bytes)
    }
}
