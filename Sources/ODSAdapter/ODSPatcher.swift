import SheetKit
import XMLPackage

/// Patches an OpenDocument spreadsheet: sets cells and writes the package back with everything else as
/// it was (DESIGN.md, "What stays untouched").
///
/// Every entry other than `content.xml` is copied as it is stored (same compressed bytes, CRC-32, time
/// and order, so `mimetype` stays first and stored). In `content.xml` only the set cells' XML differs,
/// apart from the repeat counts of the repeated rows and cells a set cell is split out of
/// (``ODSContentRewriter``).
///
/// ```swift
/// let patcher = try ODSPatcher(path: "okr.ods", displayName: "okr.ods")
/// try patcher.setCell(sheet: 0, row: 3, column: 5, to: .number(131_806.11))
/// try patcher.commit(to: "okr-mei.ods")
/// ```
public final class ODSPatcher: TemplatePatcher {
    public let format = FileFormat.ods
    /// The spreadsheet's sheets, in order.
    public let sheets: [SheetInfo]
    private let package: ZipPackage
    private let limits: Limits
    private let displayName: String
    /// sheet → row → column → value.
    private var edits: [Int: [Int: [Int: CellValue]]] = [:]

    /// Opens a spreadsheet to patch.
    ///
    /// - Throws: ``SheetError`` as ``ODSReader`` does for a package that is not a readable spreadsheet.
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        let reader = try ODSReader(path: path, displayName: displayName, limits: limits)
        package = try ZipPackage(path: path, displayName: displayName, limits: limits)
        sheets = reader.sheets
        self.limits = limits
        self.displayName = displayName
    }

    public func setCell(sheet: Int, row: Int, column: Int, to value: CellValue) throws {
        guard sheets.indices.contains(sheet) else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "there is no sheet \(sheet + 1) (the spreadsheet has \(sheets.count))")
        }
        let location = SourceLocation.cell(displayName, sheet: sheets[sheet].name, row: row, column: column)
        guard row >= 0, row < min(limits.maxRows, CellReference.maxRows), column >= 0, column < min(limits.maxColumns, CellReference.maxColumns) else {
            throw SheetError.invalidRequest(location, "no cell at row \(row + 1), column \(column + 1) in an ODS sheet")
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
        guard let content = package.entry(named: ODSReader.contentPart) else {
            throw SheetError.malformed(SourceLocation(file: displayName), "the package has no content.xml")
        }
        // A first pass writes nothing, so that a problem surfaces before any byte goes out.
        if !edits.isEmpty { try rewrite(content, to: XMLTextWriter { _ in }) }
        let zip = ZipWriter(sink: sink)
        for entry in package.entries {
            if entry.name == content.name && !edits.isEmpty {
                let stream = try zip.beginStream(name: entry.name)
                try rewrite(entry, to: XMLTextWriter { try stream.write($0) })
                try stream.close()
            } else {
                try package.copy(entry, to: zip)
            }
        }
        try zip.finish()
    }

    private func rewrite(_ entry: ZipEntry, to xml: XMLTextWriter) throws {
        let file = displayName, names = sheets.map(\.name)
        let rewriter = ODSContentRewriter(edits: edits, location: { sheet, row, column in
            SourceLocation.cell(file, sheet: sheet.flatMap { names.indices.contains($0) ? names[$0] : nil }, row: row, column: column)
        }, output: xml)
        try package.stream(entry) { try rewriter.feed($0) }
        try rewriter.finish()
    }
}
