import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Patches a CSV template: rewrites only the fields that were set and copies every other byte as it was
/// — the byte order mark, an Excel `sep=` line, the encoding, the delimiter, the line ends and the
/// quoting of untouched fields.
///
/// Records are numbered like ``CSVReader`` numbers its rows (the `sep=` line is not one). A field that
/// was quoted stays quoted; a new field is quoted only when it holds the delimiter, a quote, CR or LF.
/// Setting a column past a record's last field appends the missing delimiters.
public final class CSVPatcher: TemplatePatcher {
    public let format = FileFormat.csv
    /// The file patched.
    public let path: String
    /// The name messages show.
    public let displayName: String
    /// The dialect kept: encoding, byte order mark, `sep=` line, delimiter.
    public let dialect: CSVDialect
    /// The text per record and column.
    private var edits: [Int: [Int: String]] = [:]

    /// Opens `path` and sniffs its dialect as ``CSVReader`` does.
    ///
    /// - Throws: ``SheetError`` when the file cannot be read.
    public convenience init(path: String, displayName: String, options: CSVReadOptions = .init()) throws {
        let reader = try CSVReader(path: path, displayName: displayName, options: options)
        self.init(path: path, displayName: displayName, dialect: reader.dialect)
    }

    /// A patcher for a file whose dialect is known (``CSVReader/dialect``).
    public init(path: String, displayName: String, dialect: CSVDialect) {
        self.path = path
        self.displayName = displayName
        self.dialect = dialect
    }

    /// Sets a field. Only ``CellValue/text(_:)`` is written as is; other values are written as their
    /// ``CellValue/canonicalText``.
    public func setCell(sheet: Int, row: Int, column: Int, to value: CellValue) throws {
        guard sheet == 0 else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "a CSV file has one sheet")
        }
        guard row >= 0, column >= 0, column < CellReference.maxColumns else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "no cell at row \(row + 1), column \(column + 1)")
        }
        let text = value.canonicalText
        _ = try encode(text, row: row, column: column)
        edits[row, default: [:]][column] = text
    }

    /// The patched bytes: the file with the fields set so far rewritten.
    ///
    /// - Throws: ``SheetError`` when the file cannot be read, or a record set does not exist in it.
    public func patchedBytes() throws -> [UInt8] {
        let raw = try CSVPatcher.readAll(path: path, displayName: displayName)
        var scanner = CSVRawScanner(bytes: raw, dialect: dialect)
        var replacements: [(start: Int, end: Int, bytes: [UInt8])] = []
        var record = dialect.hasSepLine ? -1 : 0
        var remaining = edits.count
        while remaining > 0, let (recordStart, fields) = scanner.nextRecord() {
            defer { record += 1 }
            guard let changes = edits[record] else { continue }
            remaining -= 1
            var pieces: [UInt8] = []
            var k = 0
            for field in fields {
                if k > 0 { pieces.append(contentsOf: scanner.delimiterBytes) }
                if let text = changes[k] {
                    pieces.append(contentsOf: try encode(text, row: record, column: k, quoted: field.quoted))
                } else {
                    pieces.append(contentsOf: raw[field.start..<field.end])
                }
                k += 1
            }
            let maxColumn = changes.keys.max() ?? 0
            while k <= maxColumn {
                pieces.append(contentsOf: scanner.delimiterBytes)
                if let text = changes[k] { pieces.append(contentsOf: try encode(text, row: record, column: k)) }
                k += 1
            }
            replacements.append((recordStart, fields.last?.end ?? recordStart, pieces))
        }
        if remaining > 0 {
            let missing = edits.keys.sorted().first { $0 >= record } ?? record
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "the file has no record \(missing + 1) to update")
        }
        // Everything between the rebuilt records is copied byte for byte.
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 256)
        var at = 0
        for r in replacements {
            out.append(contentsOf: raw[at..<r.start])
            out.append(contentsOf: r.bytes)
            at = r.end
        }
        out.append(contentsOf: raw[at...])
        return out
    }

    /// Writes the patched file to `path` atomically.
    public func commit(to path: String) throws {
        let bytes = try patchedBytes()
        let file = try AtomicOutputFile(path: path)
        bytes.withUnsafeBytes { file.writer.write($0) }
        try file.commit()
    }

    // MARK: Encoding

    /// The field as the file's encoding writes it, quoted when needed (or when it was quoted).
    func encode(_ text: String, row: Int, column: Int, quoted: Bool = false) throws -> [UInt8] {
        let delimiter = Character(Unicode.Scalar(dialect.delimiter))
        let needsQuote = quoted || text.contains { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        var body = text
        if needsQuote {
            body = "\""
            for c in text {
                if c == "\"" { body += "\"" }
                body.append(c)
            }
            body += "\""
        }
        switch dialect.encoding {
        case .utf8:
            return Array(body.utf8)
        case .windows1252:
            var out: [UInt8] = []
            out.reserveCapacity(body.unicodeScalars.count)
            for scalar in body.unicodeScalars {
                guard let b = CSVPatcher.windows1252Byte(scalar.value) else {
                    throw SheetError.invalidRequest(.cell(displayName, sheet: nil, row: row, column: column),
                        "cannot write \"\(text)\": \"\(scalar)\" does not exist in Windows-1252, the template's encoding")
                }
                out.append(b)
            }
            return out
        case .utf16le, .utf16be:
            var out: [UInt8] = []
            for unit in body.utf16 {
                let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
                if dialect.encoding == .utf16le { out += [lo, hi] } else { out += [hi, lo] }
            }
            return out
        }
    }

    /// The Windows-1252 byte of a scalar, nil when it has none.
    static func windows1252Byte(_ scalar: UInt32) -> UInt8? {
        if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return UInt8(scalar) }
        if let i = TranscodingInput.cp1252High.firstIndex(of: UInt16(truncatingIfNeeded: scalar)), scalar <= 0xFFFF {
            return UInt8(0x80 + i)
        }
        return nil
    }

    static func readAll(path: String, displayName: String) throws -> [UInt8] {
        let fd = try TranscodingInput.open(path: path, displayName: displayName)
        defer { close(fd) }
        var bytes: [UInt8] = []
        let size = 1 << 16
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try readFully(fd, $0.baseAddress!, size, once: true, name: displayName) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
