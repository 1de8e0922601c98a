import SheetKit

/// CSV to CSV without a `String` or ``Row`` per field: bytes in, bytes out.
///
/// The output is exactly what ``CSVReader`` (typing `.text`) feeding a ``CSVWriter`` gives: a field
/// already in canonical form is copied as it is, a whole record at once when every field is.
public enum CSVCopy {
    /// Copies the CSV at `inputPath` to `outputPath` (nil: standard output) in canonical form.
    ///
    /// - Returns: the reader's warnings (an encoding guess…).
    /// - Throws: ``SheetError`` as ``CSVReader`` and ``CSVWriter`` do.
    public static func copy(inputPath: String, displayName: String, readOptions: CSVReadOptions,
                            outputPath: String?, writeOptions: CSVWriteOptions) throws -> [Diagnostic] {
        try copy(inputPath: inputPath, displayName: displayName, readOptions: readOptions, outputPath: outputPath,
                 writeOptions: writeOptions, chunkSize: 1 << 20)
    }

    /// ``copy(inputPath:displayName:readOptions:outputPath:writeOptions:)`` with the scanner's buffer
    /// size (tests make it tiny).
    static func copy(inputPath: String, displayName: String, readOptions: CSVReadOptions,
                     outputPath: String?, writeOptions: CSVWriteOptions, chunkSize: Int) throws -> [Diagnostic] {
        let reader = try CSVReader(path: inputPath, displayName: displayName, options: readOptions)
        reader.chunkSize = chunkSize
        if readOptions.typing != .text {
            let writer = try CSVWriter(path: outputPath, options: writeOptions)
            try writer.beginSheet(reader.sheets[0])
            let summary = try reader.readSheet(at: 0) { try writer.write($0) }
            try writer.endSheet(summary)
            try writer.finish()
            return reader.warnings
        }
        guard CSVReader.canDelimit(writeOptions.delimiter) else {
            throw SheetError.invalidRequest(SourceLocation(file: outputPath ?? "<stdout>"), "a quote, CR, LF or NUL cannot be the delimiter")
        }
        let sink = CSVRecordSink(target: try CSVOutputTarget(path: outputPath), options: writeOptions)
        let scanner = try reader.makeScanner(outputDelimiter: writeOptions.delimiter)
        try reader.locator.locating {
            if reader.dialect.hasSepLine { _ = try scanner.nextRecord() }
            try pump(scanner, into: sink, maxRows: readOptions.limits.maxRows)
        }
        try sink.finish()
        return reader.warnings
    }

    /// Copies every remaining record of `scanner` into `sink`.
    ///
    /// - Throws: ``CSVFailure`` from the scanner, or for more than `maxRows` records.
    static func pump(_ scanner: CSVScanner, into sink: CSVRecordSink, maxRows: Int) throws {
        let sameDelimiter = scanner.delimiter == sink.delimiter && !sink.neutralize
        var rows = 0
        while try scanner.nextRecord() {
            guard rows < maxRows else { throw CSVReader.tooManyRows(scanner, maxRows) }
            rows += 1
            let fields = scanner.fields
            let n = scanner.fieldCount
            let used = scanner.usedWidth
            guard sink.beginRecord(usedWidth: used) else { continue }
            if sameDelimiter, used == n, n == sink.width, isCanonical(fields, n) {
                sink.rawRecord(scanner.recordBytes)
                continue
            }
            for k in 0..<used {
                let flags = fields[k].flags
                if flags & CSVScanner.Field.nonEmpty == 0 {
                    sink.emptyField()
                } else {
                    let quoting: CSVRecordSink.Quoting = flags & CSVScanner.Field.needsQuote != 0 ? .needed : .notNeeded
                    sink.field(scanner.content(k), quoting: quoting, isText: true)
                }
            }
            sink.endRecord()
        }
    }

    /// Whether every field is written as minimal quoting would write it: unquoted and needing no
    /// quotes, or quoted, needing them and with nothing after the closing quote.
    @inline(__always)
    static func isCanonical(_ fields: UnsafeMutablePointer<CSVScanner.Field>, _ n: Int) -> Bool {
        let mask = CSVScanner.Field.quoted | CSVScanner.Field.needsQuote | CSVScanner.Field.irregular
        for k in 0..<n {
            let f = fields[k].flags & mask
            if f != 0 && f != CSVScanner.Field.quoted | CSVScanner.Field.needsQuote { return false }
        }
        return true
    }
}
