import CSVAdapter
import ODSAdapter
import SheetKit
import XLSXAdapter

/// `okrsheet table`: cells as they are, with no OKR meaning, from any format to any format.
public struct TableJob {
    public var input: String
    public var output: String
    /// `--to` for standard output.
    public var to: String?
    public var sheet: String?
    public var delimiter: UInt8?
    public var encoding: TextEncoding?
    public var locale: NumberLocale?
    public var asText = false
    public var outDelimiter: UInt8?
    public var bom = false
    public var crlf = false
    public var neutralizeFormulas = false
    public var limits = Limits()

    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }

    /// The formats `table` writes.
    public static let outputFormats: Set<FileFormat> = [.csv, .tsv, .xlsx, .ods]

    /// Converts the chosen sheet of the input to the output.
    ///
    /// - Returns: the warnings (name contradicting bytes, encoding guesses…).
    /// - Throws: ``UsageError`` for bad requests, ``SheetError`` for unreadable input or failed writes.
    public func run() throws -> [Diagnostic] {
        let target = try OutputTarget(output, to: to, allowed: TableJob.outputFormats)
        let inputFile = try InputFile(input)
        try target.refuseOverwriting([inputFile])

        var open = OpenOptions()
        open.delimiter = delimiter
        open.encoding = encoding
        open.limits = limits
        open.csvTyping = (target.format == .csv || target.format == .tsv || asText) ? .text : .inferred(locale: locale)
        let opened = try Workbooks.open(inputFile, options: open)
        let reader = opened.reader
        let index = try sheet.map { try reader.sheetIndex(named: $0, file: inputFile.displayName) } ?? reader.defaultSheetIndex

        var writeOptions = CSVWriteOptions()
        writeOptions.delimiter = outDelimiter ?? (target.format == .tsv ? 9 : 44)
        writeOptions.bom = bom
        writeOptions.crlf = crlf
        writeOptions.neutralizeFormulas = neutralizeFormulas

        if target.format == .xlsx {
            let writer = try XLSXWriter(path: target.path, limits: limits)
            var info = reader.sheets[index]
            info.name = XLSXWriter.sheetName(from: reader.format == .csv ? inputFile.baseName : info.name, existing: [])
            info.hidden = false
            try writer.beginSheet(info)
            // OpenDocument formulas are not Excel formulas: an ODS input keeps its cached values only.
            let keepFormulas = reader.format != .ods
            let summary = try reader.readSheet(at: index) { row in
                try writer.write(keepFormulas ? row : row.droppingFormulas())
            }
            try writer.endSheet(summary)
            try writer.finish()
            return opened.warnings + reader.warnings.filter { !opened.warnings.contains($0) }
        }
        if target.format == .ods {
            let writer = try ODSWriter(path: target.path, limits: limits)
            if reader.format == .xlsx || reader.format == .xlsm { writer.formulaSyntax = .excel }
            var info = reader.sheets[index]
            info.name = ODSWriter.sheetName(from: reader.format == .csv ? inputFile.baseName : info.name, existing: [])
            info.hidden = false
            // ODS writes merges on the cells themselves, so they must be known before the rows: a workbook
            // input is read once for them (a CSV has none).
            let merges = reader.format == .csv ? [] : try reader.readSheet(at: index) { _ in }.merges
            try writer.beginSheet(info, layout: ODSSheetLayout(merges: merges))
            let summary = try reader.readSheet(at: index) { try writer.write($0) }
            try writer.endSheet(summary)
            try writer.finish()
            return opened.warnings + reader.warnings.filter { !opened.warnings.contains($0) }
        }
        if let csv = reader as? CSVReader {
            // CSV to CSV: bytes in, bytes out, no cell values built (the fast path the bench measures).
            var readOptions = csv.options
            readOptions.delimiter = csv.dialect.delimiter
            readOptions.encoding = csv.dialect.encoding
            let more = try CSVCopy.copy(inputPath: inputFile.path, displayName: inputFile.displayName,
                                        readOptions: readOptions, outputPath: target.path, writeOptions: writeOptions)
            return opened.warnings + more.filter { !opened.warnings.contains($0) }
        }
        let writer = try CSVWriter(path: target.path, options: writeOptions)
        try writer.beginSheet(reader.sheets[index])
        let summary = try reader.readSheet(at: index) { try writer.write($0) }
        try writer.endSheet(summary)
        try writer.finish()
        // Warnings found while reading (an ambiguous locale, say) come after the rows.
        return opened.warnings + reader.warnings.filter { !opened.warnings.contains($0) }
    }
}

extension Row {
    /// The row with every formula removed and its cached value kept.
    func droppingFormulas() -> Row {
        var row = self
        for i in row.cells.indices { row.cells[i].formula = nil }
        return row
    }
}
