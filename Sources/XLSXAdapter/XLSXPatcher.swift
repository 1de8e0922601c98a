import SheetKit
import XMLPackage

/// Patches an XLSX or XLSM workbook: sets cells and writes the package back with everything else as it
/// was (DESIGN.md, "What stays untouched").
///
/// - Every ZIP entry other than the changed worksheets is copied as it is stored (same compressed bytes,
///   CRC-32 and time), except `xl/workbook.xml`, which is set to recalculate on open when the workbook
///   has formulas, and the calculation chain, which is dropped (with its two references) only when a
///   cell that held a formula is overwritten. `xl/sharedStrings.xml` is never changed: a new text is
///   written inline unless it is already a shared string and the cell was one.
/// - Inside a changed worksheet only the set cells' XML differs (``WorksheetRewriter``); each keeps its
///   style, and cells or rows that did not exist are inserted in order.
/// - Macros (`vbaProject.bin`) and every other part survive untouched.
///
/// ```swift
/// let patcher = try XLSXPatcher(path: "okr.xlsx", displayName: "okr.xlsx")
/// try patcher.setCell(sheet: 0, row: 3, column: 5, to: .number(131_806.11))
/// try patcher.commit(to: "okr-mei.xlsx")
/// ```
public final class XLSXPatcher: TemplatePatcher {
    public let format: FileFormat
    /// The workbook's sheets, in order.
    public let sheets: [SheetInfo]
    private let package: ZipPackage
    private let map: XLSXPackageMap
    private let limits: Limits
    private let displayName: String
    /// sheet → row → column → value.
    private var edits: [Int: [Int: [Int: CellValue]]] = [:]

    /// Opens a workbook to patch.
    ///
    /// - Throws: ``SheetError`` as ``XLSXReader`` does for a package that is not a readable workbook.
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        package = try ZipPackage(path: path, displayName: displayName, limits: limits)
        map = try XLSXPackageMap(package)
        format = map.format
        sheets = map.sheets
        self.limits = limits
        self.displayName = displayName
    }

    public func setCell(sheet: Int, row: Int, column: Int, to value: CellValue) throws {
        guard sheets.indices.contains(sheet) else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "there is no sheet \(sheet + 1) (the workbook has \(sheets.count))")
        }
        let location = SourceLocation.cell(displayName, sheet: sheets[sheet].name, row: row, column: column)
        guard map.sheetParts[sheet] != nil else {
            throw SheetError.invalidRequest(location, "sheet \"\(sheets[sheet].name)\" is a chart sheet and has no cells")
        }
        guard row >= 0, row < min(limits.maxRows, CellReference.maxRows), column >= 0, column < min(limits.maxColumns, CellReference.maxColumns) else {
            throw SheetError.invalidRequest(location, "no cell at row \(row + 1), column \(column + 1) in an XLSX sheet")
        }
        if case .text(let text) = value, text.count > limits.maxCellLength {
            throw SheetError.limitExceeded(location, limit: "cell length (\(limits.maxCellLength) characters)",
                                           value: "\(text.count) characters", howToRaise: Limits.howToRaise("cell-length"))
        }
        edits[sheet, default: [:]][row, default: [:]][column] = value
    }

    public func commit(to path: String) throws {
        let output = try AtomicOutputFile(path: path)
        do {
            try write(to: output.writer)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Writes the patched package to `sink` (flushed, not closed).
    ///
    /// - Throws: ``SheetError`` when the source cannot be read again, a set cell cannot be placed, or the
    ///   sink cannot be written.
    public func write(to sink: ByteWriter) throws {
        // Which entries change, and how: a first pass over the changed sheets writes nothing, so that a
        // problem surfaces before any byte goes out, and tells whether formulas are involved.
        var changedSheets: [String: Int] = [:]
        for sheet in edits.keys {
            guard let part = map.sheetParts[sheet], let entry = package.entry(named: part) else {
                throw SheetError.malformed(.cell(displayName, sheet: sheets[sheet].name), "the sheet's part is missing from the package")
            }
            changedSheets[entry.name] = sheet
        }
        var hasFormulas = map.calcChainPart != nil
        var replacedFormula = false
        for (part, sheet) in changedSheets {
            let rewriter = try rewrite(sheet: sheet, part: part, to: XMLTextWriter { _ in })
            hasFormulas = hasFormulas || rewriter.hasFormula
            replacedFormula = replacedFormula || rewriter.replacedFormula
        }
        if !hasFormulas {
            for part in map.sheetParts.compactMap({ $0 }) where changedSheets[package.entry(named: part)?.name ?? ""] == nil {
                if try XLSXPatcher.containsFormula(package, part: part) { hasFormulas = true; break }
            }
        }
        let location = SourceLocation(file: displayName)
        let workbookEntry = package.entry(named: map.workbookPart)?.name
        let dropped = replacedFormula ? map.calcChainPart.flatMap { package.entry(named: $0)?.name } : nil
        let workbookRels = package.entry(named: PartName.relationships(of: map.workbookPart))?.name

        let zip = ZipWriter(sink: sink)
        for entry in package.entries {
            if let sheet = changedSheets[entry.name] {
                let stream = try zip.beginStream(name: entry.name)
                _ = try rewrite(sheet: sheet, part: entry.name, to: XMLTextWriter { try stream.write($0) })
                try stream.close()
            } else if entry.name == dropped {
                continue
            } else if entry.name == workbookEntry, hasFormulas,
                      let patched = try XLSXPackageEdits.recalculatingOnLoad(package.data(of: entry.name), location: location) {
                try zip.add(name: entry.name, bytes: patched)
            } else if let dropped, entry.name == "[Content_Types].xml" {
                try zip.add(name: entry.name, bytes: XLSXPackageEdits.removingOverride(of: dropped, from: package.data(of: entry.name), location: location))
            } else if dropped != nil, entry.name == workbookRels {
                try zip.add(name: entry.name, bytes: XLSXPackageEdits.removingRelationships(ofKind: "calcChain", from: package.data(of: entry.name),
                                                                                          location: location))
            } else {
                try package.copy(entry, to: zip)
            }
        }
        try zip.finish()
    }

    /// Streams sheet `sheet`'s part through a ``WorksheetRewriter`` into `xml`.
    private func rewrite(sheet: Int, part: String, to xml: XMLTextWriter) throws -> WorksheetRewriter {
        let name = sheets[sheet].name, file = displayName
        let rewriter = WorksheetRewriter(
            edits: edits[sheet] ?? [:], markup: XLSXCellMarkup(limits: limits, dateSystem: map.dateSystem),
            sharedString: { [unowned self] in try? self.sharedStringIndex($0) },
            location: { row, column in SourceLocation.cell(file, sheet: name, row: row, column: column) }, output: xml)
        try package.stream(entry: part) { try rewriter.feed($0) }
        try rewriter.finish()
        return rewriter
    }

    private var sharedStringIndexes: [String: Int]?

    /// The index of `text` in the shared-string table, nil when it is not there.
    private func sharedStringIndex(_ text: String) throws -> Int? {
        if sharedStringIndexes == nil {
            var indexes: [String: Int] = [:]
            let strings = try map.sharedStringsPart.map { try SharedStringsParser.parse(package, part: $0, limits: limits) } ?? []
            for (i, s) in strings.enumerated() where indexes[s] == nil { indexes[s] = i }
            sharedStringIndexes = indexes
        }
        return sharedStringIndexes?[text]
    }

    /// Whether a worksheet part has an `f` element.
    private static func containsFormula(_ package: ZipPackage, part: String) throws -> Bool {
        struct Found: Error {}
        let pieces = XMLPieceStream(location: SourceLocation(file: package.displayName))
        let look: (XMLPiece) throws -> Void = { piece in
            if let tag = piece.tag, tag.isStart, tag.localNameIs("f") { throw Found() }
        }
        do {
            try package.stream(entry: part) { try pieces.feed($0, look) }
            try pieces.finish(look)
        } catch is Found {
            return true
        }
        return false
    }
}
