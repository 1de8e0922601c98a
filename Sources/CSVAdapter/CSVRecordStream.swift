import SheetKit

/// Hands out the records of a CSV file one at a time as raw UTF-8 field bytes, with the physical line
/// each record starts on: the fast path for aggregating a large export, where making a `String` per
/// cell would cost more than the scan.
///
/// ```swift
/// let stream = try CSVRecordStream(reader: csvReader)
/// while try stream.next() {
///     let amount = stream.field(5)          // valid until the next call to next()
/// }
/// ```
///
/// Records are numbered like ``CSVReader``'s rows (``recordIndex``); lines count LF, CR LF and CR,
/// including those inside quoted fields.
public final class CSVRecordStream {
    /// The dialect found (or given).
    public let dialect: CSVDialect
    /// The name messages show.
    public let displayName: String
    let scanner: CSVScanner
    private let reader: CSVReader
    /// The reader's, kept here so that reading a record copies nothing.
    private let locator: CSVLocator
    private let maxRows: Int
    private var started = false
    private var nextLine = 1
    private var currentRecord = -1
    private var currentLine = 0
    /// The 0-based record number of the current record.
    public var recordIndex: Int { currentRecord }
    /// The 1-based line the current record starts on.
    public var line: Int { currentLine }

    /// A stream over the file `reader` opened, in the dialect it sniffed.
    ///
    /// - Throws: ``SheetError/io(_:_:)`` when the file cannot be read again.
    public init(reader: CSVReader) throws {
        self.reader = reader
        dialect = reader.dialect
        displayName = reader.displayName
        scanner = try reader.makeScanner(outputDelimiter: reader.dialect.delimiter)
        locator = reader.locator
        maxRows = reader.options.limits.maxRows
    }

    /// Moves to the next record.
    ///
    /// - Returns: false at the end of the file.
    /// - Throws: ``SheetError`` at the line and column of a NUL byte, text invalid in the encoding, a
    ///   quote never closed or a limit exceeded.
    @inline(__always)
    public func next() throws -> Bool {
        do {
            if !started {
                started = true
                if dialect.hasSepLine, try scanner.nextRecord() { advanceLines() }
            }
            guard try scanner.nextRecord() else { return false }
            advanceLines()
            currentRecord += 1
            guard currentRecord < maxRows else { throw CSVReader.tooManyRows(scanner, maxRows) }
            return true
        } catch let failure as CSVFailure {
            throw locator.sheetError(failure)
        }
    }

    /// Counts the current record's lines: its line end, and line breaks inside quoted fields.
    @inline(__always)
    private func advanceLines() {
        currentLine = nextLine
        guard scanner.quotedSpecial else {
            nextLine += 1
            return
        }
        countEmbeddedLines()
    }

    @inline(never)
    private func countEmbeddedLines() {
        var embedded = 0
        let fields = scanner.fields
        for k in 0..<scanner.fieldCount where fields[k].flags & CSVScanner.Field.quoted != 0 && fields[k].flags & CSVScanner.Field.needsQuote != 0 {
            var counter = PositionCounter(bytesAreCharacters: false)
            let f = fields[k]
            counter.count(scanner.buffer + f.start, f.end - f.start)
            embedded += counter.line - 1
        }
        nextLine += 1 + embedded
    }

    /// How many fields the current record has.
    public var fieldCount: Int { scanner.fieldCount }

    /// The UTF-8 content of field `k` (unquoted, unescaped), empty past the last field; valid until the
    /// next call to ``next()``.
    public func field(_ k: Int) -> UnsafeRawBufferPointer {
        guard k >= 0, k < scanner.fieldCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return scanner.content(k)
    }

    /// Where field `k` of the current record starts: `file:line:column`.
    public func location(ofField k: Int) -> SourceLocation {
        guard k >= 0, k < scanner.fieldCount else { return .text(displayName, line: line) }
        var counter = PositionCounter(bytesAreCharacters: false)
        let start = scanner.recordStart
        counter.count(scanner.buffer + start, scanner.fields[k].start - start)
        return .text(displayName, line: line + counter.line - 1, column: counter.column + 1)
    }
}

extension CSVRecordStream {
    /// Whether every field of the current record is empty (an empty line, `;;;`).
    public var isBlank: Bool { scanner.usedWidth == 0 }
}
