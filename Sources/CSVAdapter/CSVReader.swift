import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV or TSV file as one sheet, streaming: the file is read in 1 MiB chunks with read(2)
/// and rows are handed over one at a time.
///
/// The dialect is sniffed when the reader is made: the encoding (byte order mark; else UTF-8 when
/// the whole file is valid UTF-8; else Windows-1252, with a warning), an Excel `sep=;` line, the
/// delimiter. ``SheetSummary`` and errors follow the ``WorkbookReader`` contract; ``Row/index`` is
/// the 0-based record number, while error locations give the physical line and column.
public final class CSVReader: WorkbookReader {
    /// Always ``FileFormat/csv`` (tab-delimited files included).
    public let format = FileFormat.csv
    /// One sheet, named after the file without its folder and extension.
    public let sheets: [SheetInfo]
    /// What was guessed: the Windows-1252 fallback when made; with sniffed typing, also the columns
    /// whose numbers were ambiguous, once ``readSheet(at:_:)`` has run.
    public private(set) var warnings: [Diagnostic] = []
    /// The dialect found (or given): what writing the file back should keep.
    public let dialect: CSVDialect
    /// The file read.
    public let path: String
    /// The name messages show.
    public let displayName: String
    public let options: CSVReadOptions
    /// Raw bytes of the byte order mark, skipped.
    let bomLength: Int
    /// Whether the whole file was found to be valid UTF-8 while sniffing.
    let validated: Bool
    let locator: CSVLocator
    /// The scanner's buffer size; tests make it tiny.
    var chunkSize = 1 << 20

    /// Rows read before the per-column locale is decided (`.inferred(locale: nil)`).
    static let typingSampleRows = 500
    /// Decoded bytes the delimiter is sniffed from.
    static let sniffBytes = 64 << 10

    /// Opens `path` and sniffs its dialect.
    ///
    /// - Parameters:
    ///   - displayName: the name messages show (`<stdin>` for standard input).
    /// - Throws: ``SheetError/io(_:_:)`` when the file cannot be read, ``SheetError/invalidRequest(_:_:)``
    ///   for a delimiter that cannot be one (a quote, CR, LF, NUL).
    public init(path: String, displayName: String, options: CSVReadOptions = .init()) throws {
        self.path = path
        self.displayName = displayName
        self.options = options
        sheets = [SheetInfo(name: CSVReader.sheetName(displayName))]
        if let d = options.delimiter, !CSVReader.canDelimit(d) {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "a quote, CR, LF or NUL cannot be the delimiter")
        }

        var dialect = CSVDialect()
        var warnings: [Diagnostic] = []
        let prefix = try CSVReader.prefix(path: path, displayName: displayName, count: 4096)
        var encoding: TextEncoding
        var bomLength = 0
        var validated = false
        if let marked = TextEncoding.fromByteOrderMark(prefix) {
            switch (options.encoding, marked) {
            case (nil, _), (.utf8?, .utf8), (.windows1252?, .utf8):
                encoding = options.encoding ?? marked
                bomLength = marked.byteOrderMark.count
            case (.utf16le?, .utf16be), (.utf16be?, .utf16le), (.utf16le?, .utf16le), (.utf16be?, .utf16be):
                encoding = marked  // a UTF-16 byte order mark settles the byte order
                bomLength = 2
            case (let forced?, _):
                encoding = forced
            }
            dialect.hasBOM = bomLength > 0
        } else if let forced = options.encoding {
            encoding = forced
        } else if let utf16 = TextEncoding.sniffUTF16(prefix) {
            encoding = utf16
        } else if let bad = try CSVReader.firstInvalidUTF8(path: path, displayName: displayName) {
            encoding = .windows1252
            let locator = CSVLocator(path: path, displayName: displayName, encoding: .windows1252, skip: 0)
            warnings.append(Diagnostic(.warning, locator.location(ofRawOffset: bad.offset),
                "not valid UTF-8 (byte 0x\(CSVReader.hex(bad.byte))); read as Windows-1252: pass --encoding if it is another encoding"))
        } else {
            encoding = .utf8
            validated = true
        }
        dialect.encoding = encoding
        self.bomLength = bomLength
        self.validated = validated
        locator = CSVLocator(path: path, displayName: displayName, encoding: encoding, skip: bomLength)

        let sample = try CSVReader.decodedSample(path: path, displayName: displayName, encoding: encoding, skip: bomLength)
        sample.bytes.withUnsafeBufferPointer { s in
            if let sep = CSVDialectSniffer.sepLine(s) {
                dialect.hasSepLine = true
                dialect.delimiter = sep.delimiter
            } else {
                dialect.delimiter = CSVDialectSniffer.delimiter(s, complete: sample.complete)
            }
            dialect.lineEnding = CSVDialectSniffer.lineEnding(s)
        }
        if let d = options.delimiter { dialect.delimiter = d }
        self.dialect = dialect
        self.warnings = warnings
    }

    /// Streams the records as rows: ``Row/index`` is the record number, an empty line a row without
    /// cells, an empty field no cell.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` at the line and column of a NUL byte, text invalid in
    ///   the encoding or a quote never closed; ``SheetError/limitExceeded(_:limit:value:howToRaise:)``
    ///   for a field, record, row count or column count over ``CSVReadOptions/limits``; whatever
    ///   `consumer` throws.
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary {
        guard index == 0 else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "a CSV file has one sheet")
        }
        var typer: CSVTyper?
        var sampling = false
        switch options.typing {
        case .text: break
        case .inferred(let locale?): typer = CSVTyper(locale: locale)
        case .inferred(nil): sampling = true
        }
        let scanner = try makeScanner(outputDelimiter: dialect.delimiter)
        var summary = SheetSummary()
        var sample: [Row] = []
        var row = Row(index: 0)
        var rowIndex = 0
        let maxRows = options.limits.maxRows

        func flushSample() throws {
            let (sniffed, found) = CSVTyper.sniff(rows: sample, delimiter: dialect.delimiter, file: displayName)
            typer = sniffed
            warnings += found
            sampling = false
            for var r in sample {
                sniffed.retype(&r)
                summary.count(r)
                try consumer(r)
            }
            sample = []
        }

        try locator.locating {
            if dialect.hasSepLine { _ = try scanner.nextRecord() }
            while try scanner.nextRecord() {
                guard rowIndex < maxRows else { throw CSVReader.tooManyRows(scanner, maxRows) }
                row.index = rowIndex
                rowIndex += 1
                row.cells.removeAll(keepingCapacity: true)
                let fields = scanner.fields
                for k in 0..<scanner.fieldCount where fields[k].isNonEmpty {
                    let bytes = scanner.content(k)
                    let value = typer?.value(bytes, column: k) ?? .text(String(decoding: bytes, as: UTF8.self))
                    row.cells.append(Cell(column: k, value: value))
                }
                if sampling {
                    sample.append(row)
                    if sample.count >= CSVReader.typingSampleRows { try flushSample() }
                    continue
                }
                summary.count(row)
                try consumer(row)
            }
            if sampling { try flushSample() }
        }
        return summary
    }

    /// A scanner over the file's decoded text, positioned at its first line (a `sep=` line included).
    func makeScanner(outputDelimiter: UInt8) throws -> CSVScanner {
        let fd = try TranscodingInput.open(path: path, displayName: displayName)
        let input = try TranscodingInput(fd: fd, ownsDescriptor: true, encoding: dialect.encoding, displayName: displayName,
                                         skip: bomLength, validate: !validated && dialect.encoding == .utf8, chunkSize: chunkSize)
        return CSVScanner(input: input, delimiter: dialect.delimiter, outputDelimiter: outputDelimiter,
                          limits: options.limits, chunkSize: chunkSize)
    }

    @inline(never)
    static func tooManyRows(_ scanner: CSVScanner, _ maxRows: Int) -> CSVFailure {
        .limit(offset: scanner.streamOffset(scanner.recordStart), limit: "rows", value: "more than \(maxRows) rows", flag: "rows")
    }

    static func canDelimit(_ b: UInt8) -> Bool {
        b != 0 && b != CSVScanner.quote && b != CSVScanner.cr && b != CSVScanner.lf
    }

    /// `grootboek` for `exports/grootboek.csv`; `stdin` for `<stdin>`.
    static func sheetName(_ displayName: String) -> String {
        var name = displayName.split(separator: "/").last.map(String.init) ?? displayName
        if name.hasPrefix("<"), name.hasSuffix(">"), name.count > 2 { name = String(name.dropFirst().dropLast()) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name.isEmpty ? "Sheet1" : name
    }

    static func hex(_ b: UInt8) -> String {
        let h = String(b, radix: 16, uppercase: true)
        return h.count == 1 ? "0" + h : h
    }

    /// The first `count` raw bytes of the file.
    static func prefix(path: String, displayName: String, count: Int) throws -> [UInt8] {
        let fd = try TranscodingInput.open(path: path, displayName: displayName)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { try readFully(fd, $0.baseAddress!, count, name: displayName) }
        bytes.removeLast(count - n)
        return bytes
    }

    /// Reads the whole file once, checking it is UTF-8: the raw offset and byte of the first invalid
    /// sequence, or nil when it is valid.
    static func firstInvalidUTF8(path: String, displayName: String) throws -> (offset: Int64, byte: UInt8)? {
        let fd = try TranscodingInput.open(path: path, displayName: displayName)
        defer { close(fd) }
        let size = 1 << 20
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { chunk.deallocate() }
        var validator = UTF8Validator()
        var offset: Int64 = 0
        while true {
            let n = try readFully(fd, chunk, size, once: true, name: displayName)
            if n == 0 { break }
            if let bad = validator.validate(chunk, count: n, at: offset) { return (bad, validator.leadByte) }
            offset += Int64(n)
        }
        return validator.isAtBoundary ? nil : (validator.sequenceStart, validator.leadByte)
    }

    /// The first decoded bytes for sniffing, and whether they are the whole file. Text errors end
    /// the sample early: they are reported when the rows are read.
    static func decodedSample(path: String, displayName: String, encoding: TextEncoding, skip: Int) throws
        -> (bytes: [UInt8], complete: Bool) {
        let fd = try TranscodingInput.open(path: path, displayName: displayName)
        let input = try TranscodingInput(fd: fd, ownsDescriptor: true, encoding: encoding, displayName: displayName,
                                         skip: skip, validate: false, lenient: true, chunkSize: sniffBytes)
        var bytes = [UInt8](repeating: 0, count: sniffBytes + 64)
        var filled = 0
        var complete = false
        do {
            while filled < sniffBytes {
                let n = try bytes.withUnsafeMutableBufferPointer {
                    try input.read(into: $0.baseAddress! + filled, capacity: $0.count - filled)
                }
                if n == 0 {
                    complete = true
                    break
                }
                filled += n
            }
        } catch is CSVFailure {
            complete = false
        }
        bytes.removeLast(bytes.count - filled)
        return (bytes, complete)
    }
}
