import SheetKit
import XMLPackage

/// Writes an `.xlsx` workbook sheet by sheet, streaming each worksheet's rows into its deflated ZIP entry,
/// so memory does not grow with the rows. The package has the parts Excel needs to open it without a
/// repair prompt: content types, relationships, workbook, styles with a valid default, shared strings with
/// correct counts, and docProps.
public final class XLSXWriter: WorkbookWriter {
    let output: OutputDestination
    let sink: ByteWriter
    let zip: ZipWriter
    let styles = XLSXStyleTable()
    let sharedStrings = XLSXSharedStrings()
    let displayName: String
    var sheets: [SheetInfo] = []
    /// The layout of each begun sheet, in order.
    var layouts: [XLSXSheetLayout] = []
    var current: (stream: ZipEntryStream, deflater: DeflateThread, xml: XMLTextWriter, info: SheetInfo)?
    /// The last cell style looked up and its `xf`, to skip hashing when consecutive cells share one.
    var lastXF: (style: CellStyle?, defaultFormat: String?, xf: Int)?
    var lastRow = -1
    var finished = false
    public let limits: Limits
    /// Turns values into cell XML.
    let markup: XLSXCellMarkup

    /// Creates the workbook at `path` (atomically, on ``finish()``), or on standard output when nil.
    deinit {
        // A sheet left open (an error while writing it): end its compressing thread.
        try? current?.deflater.finish()
    }

    public init(path: String?, limits: Limits = Limits()) throws {
        self.limits = limits
        markup = XLSXCellMarkup(limits: limits)
        let destination = try OutputDestination(path: path)
        output = destination
        sink = destination.writer
        displayName = destination.displayName
        zip = ZipWriter(sink: sink)
    }

    /// Checks Excel's sheet-name rules: 1–31 characters, none of `[ ] : * ? / \`, no leading or trailing
    /// apostrophe, unique regardless of case.
    public static func validate(sheetName name: String, existing: [String]) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.count > 31 { return "the sheet name \"\(name)\" is longer than 31 characters" }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { return "the sheet name \"\(name)\" contains \"\(bad)\", which Excel does not allow" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "the sheet name \"\(name)\" starts or ends with an apostrophe" }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) { return "the workbook already has a sheet named \"\(name)\"" }
        if name.lowercased() == "history" { return "\"History\" is a name Excel reserves" }
        return nil
    }

    /// A valid sheet name made from any text (for a CSV's file name): forbidden characters replaced, cut to 31.
    public static func sheetName(from text: String, existing: [String]) -> String {
        var name = String(text.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty || name.lowercased() == "history" { name = "Sheet1" }
        name = String(name.prefix(31))
        var candidate = name
        var n = 2
        while validate(sheetName: candidate, existing: existing) != nil {
            let suffix = " (\(n))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }

    public func beginSheet(_ info: SheetInfo) throws {
        try beginSheet(info, layout: XLSXSheetLayout())
    }

    /// Starts a new sheet with per-sheet options: what comes before the rows (sheet properties, frozen panes,
    /// column widths) is written now, the rest (autofilter, conditional formats, validations, print setup,
    /// chart) at ``endSheet(_:)``, in the order of the schema's CT_Worksheet.
    ///
    /// - Throws: ``SheetError/invalidRequest(_:_:)`` for a sheet name Excel refuses or a sheet begun before the
    ///   previous one ended.
    public func beginSheet(_ info: SheetInfo, layout: XLSXSheetLayout) throws {
        if let problem = XLSXWriter.validate(sheetName: info.name, existing: sheets.map(\.name)) {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), problem)
        }
        guard current == nil else { throw SheetError.invalidRequest(SourceLocation(file: displayName), "the previous sheet was not ended") }
        sheets.append(info)
        layouts.append(layout)
        let stream = try zip.beginStream(name: "xl/worksheets/sheet\(sheets.count).xml")
        // zlib compresses on a second thread while the rows are made.
        let deflater = DeflateThread(stream: stream)
        let xml = XMLTextWriter(flushAt: 1 << 18) { try deflater.put($0) }
        try xml.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        try xml.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        try writeHead(layout, to: xml)
        try xml.raw("<sheetData>")
        current = (stream, deflater, xml, info)
        lastRow = -1
    }

    func location(row: Int? = nil, column: Int? = nil) -> SourceLocation {
        .cell(displayName, sheet: current?.info.name, row: row, column: column)
    }

    public func write(_ row: Row) throws {
        let xml = try startRow(row.index)
        let cells = row.cells.filter { !$0.value.isEmpty || $0.formula != nil || $0.style != nil }
        guard !cells.isEmpty || row.hidden else { return }
        try xml.raw(row.hidden ? "<row r=\"\(row.index + 1)\" hidden=\"1\">" : "<row r=\"\(row.index + 1)\">")
        var lastColumn = -1
        for cell in cells {
            guard cell.column > lastColumn, cell.column < CellReference.maxColumns else {
                throw SheetError.limitExceeded(location(row: row.index, column: cell.column), limit: "columns per sheet (16,384, XFD)",
                                               value: "column \(cell.column + 1)", howToRaise: "the data must be narrower")
            }
            lastColumn = cell.column
            try write(cell, row: row.index, to: xml)
        }
        try xml.raw("</row>")
    }

    /// Checks that a row may come next (a sheet is open, rows ascend, within the limit) and returns the sheet's XML.
    func startRow(_ index: Int) throws -> XMLTextWriter {
        guard let xml = current?.xml else { throw SheetError.invalidRequest(SourceLocation(file: displayName), "no sheet begun") }
        guard index > lastRow else {
            throw SheetError.invalidRequest(location(row: index), "rows must come in ascending order")
        }
        guard index < min(limits.maxRows, CellReference.maxRows) else {
            throw SheetError.limitExceeded(location(row: index), limit: "rows per sheet (\(CellReference.maxRows))",
                                           value: "row \(index + 1)", howToRaise: "split the data over several sheets or files")
        }
        lastRow = index
        return xml
    }

    /// The number format a value needs when its cell has none.
    static func defaultFormat(for value: CellValue) -> String? {
        switch value {
        case .date: return "yyyy-mm-dd"
        case .dateTime: return "yyyy-mm-dd hh:mm:ss"
        case .time: return "hh:mm:ss"
        case .duration: return "[h]:mm:ss"
        default: return nil
        }
    }

    func write(_ cell: Cell, row: Int, to xml: XMLTextWriter) throws {
        let needed = XLSXWriter.defaultFormat(for: cell.value)
        let xf: Int
        if let last = lastXF, last.style === cell.style, last.defaultFormat == needed {
            xf = last.xf
        } else {
            var format = cell.style?.numberFormat
            if let needed, format.map({ NumberFormat.classify($0) == .number }) ?? true {
                format = needed
            }
            xf = styles.xf(.init(numberFormat: format, bold: cell.style?.bold ?? false, fill: cell.style?.fill))
            lastXF = (cell.style, needed, xf)
        }
        try write(column: cell.column, value: cell.value, formula: cell.formula, xf: xf, row: row, to: xml)
    }

    func write(column: Int, value: CellValue, formula: String?, xf: Int, row: Int, to xml: XMLTextWriter) throws {
        if formula == nil, try markup.writeCommon(row: row, column: column, xf: xf, value: value, sharedString: { sharedStrings.index(of: $0) }, to: xml) {
            return
        }
        try markup.write(ref: CellReference(row: row, column: column).description, style: xf == 0 ? nil : String(xf), value: value,
                         formula: formula, sharedString: { sharedStrings.index(of: $0) },
                         location: location(row: row, column: column), to: xml)
    }

    public func endSheet(_ summary: SheetSummary) throws {
        guard let (stream, deflater, xml, _) = current else { return }
        current = nil
        do {
            try xml.raw("</sheetData>")
            try writeTail(layouts[sheets.count - 1], merges: summary.merges, sheetIndex: sheets.count - 1, to: xml)
            try xml.raw("</worksheet>")
            try xml.flush()
        } catch {
            try? deflater.finish()
            throw error
        }
        try deflater.finish()
        try stream.close()
    }

    /// Writes the remaining parts and the ZIP directory, then moves the file into place.
    public func finish() throws {
        guard !finished else { return }
        if current != nil { try endSheet(SheetSummary()) }
        if sheets.isEmpty {
            try beginSheet(SheetInfo(name: "Sheet1"))
            try endSheet(SheetSummary())
        }
        finished = true
        try part("xl/sharedStrings.xml") { try self.sharedStrings.write(to: $0) }
        try part("xl/styles.xml") { try self.styles.write(to: $0) }
        try writeCharts()
        try part("xl/workbook.xml") { try XLSXPackageParts.workbook($0, sheets: self.sheets, definedNames: self.definedNames) }
        try part("xl/_rels/workbook.xml.rels") { try XLSXPackageParts.workbookRelationships($0, sheetCount: self.sheets.count) }
        try part("[Content_Types].xml") { try XLSXPackageParts.contentTypes($0, sheetCount: self.sheets.count, chartCount: self.chartSheets.count) }
        try part("_rels/.rels") { try XLSXPackageParts.packageRelationships($0) }
        try part("docProps/core.xml") { try XLSXPackageParts.coreProperties($0) }
        try part("docProps/app.xml") { try XLSXPackageParts.appProperties($0, sheets: self.sheets) }
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
