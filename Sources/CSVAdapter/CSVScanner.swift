import CCSVScan
import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a stream of UTF-8 bytes into records and fields (RFC 4180 plus what Excel writes), one
/// record at a time, without making a `String`.
///
/// The scanner keeps one buffer (1 MiB, grown only for a longer record). A record is scanned in
/// full into a list of ``Field`` spans before anyone sees it; a record cut by the buffer's end is
/// rescanned from its start once more bytes are in. Quotes open a quoted field only at a field's
/// start; text after a closing quote is kept literally, as Excel does.
final class CSVScanner {
    /// One field of the current record, as offsets into ``buffer``.
    struct Field {
        /// First byte of the field (its opening quote when quoted).
        var start: Int
        /// One past the field's last byte (before the delimiter or line end).
        var end: Int
        /// The content between the quotes (or the whole field when unquoted).
        var contentStart: Int
        /// One past the content: the closing quote when quoted.
        var contentEnd: Int
        var flags: UInt8

        static let quoted: UInt8 = 1
        /// Holds `""` pairs, so the content must be unescaped.
        static let escaped: UInt8 = 2
        /// Text follows the closing quote (`"ab"c`), so the content is not contiguous.
        static let irregular: UInt8 = 4
        /// The content holds the output delimiter, a quote, CR or LF: minimal quoting must quote it.
        static let needsQuote: UInt8 = 8
        static let nonEmpty: UInt8 = 16

        var isNonEmpty: Bool { flags & Field.nonEmpty != 0 }
    }

    private enum Status {
        case record, needMore, end
    }

    static let quote = UInt8(ascii: "\"")
    static let lf: UInt8 = 10
    static let cr: UInt8 = 13

    let input: TranscodingInput
    let delimiter: UInt8
    /// The bytes; valid for the current record until the next ``nextRecord()``.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The buffer's first size, and how much one refill reads while the buffer keeps that size.
    private let initialCapacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    /// Stream offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    /// The current record's fields.
    private(set) var fields: UnsafeMutablePointer<Field>
    private var fieldCapacity = 64
    /// `min(fieldCapacity, maxColumns)`: the field count at which ``append(_:length:)`` must look closer.
    private var fieldCheckpoint = 64
    private(set) var fieldCount = 0
    /// Buffer index where the current record starts.
    private(set) var recordStart = 0
    /// Whether a quoted field of the current record has ``Field/needsQuote`` (it may hold a line break).
    private(set) var quotedSpecial = false
    /// Byte classes outside quotes: 1 ends the field, 2 is NUL, 3 needs quoting in the output.
    private let unquotedClass: UnsafeMutablePointer<UInt8>
    /// Byte classes inside quotes: 1 is the quote, 2 is NUL, 3 needs quoting in the output.
    private let quotedClass: UnsafeMutablePointer<UInt8>
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256
    /// What the block masks flag besides quotes, line ends and NUL: the output delimiter, or a quote
    /// again when it is the delimiter.
    private let otherStop: UInt8
    /// The delimiters and the other bytes to look at (``okrsheet_csv_block_masks``) of the 64 bytes
    /// from ``maskBase`` on; reset whenever the buffer's bytes move.
    private var delimiterMask: UInt64 = 0
    private var stopMask: UInt64 = 0
    private var maskBase = CSVScanner.noMask
    private static let noMask = Int.min / 2
    let maxFieldBytes: Int
    let maxColumns: Int
    let maxRecordBytes: Int

    /// - Parameters:
    ///   - outputDelimiter: the delimiter of the CSV the fields will be copied to, so that
    ///     ``Field/needsQuote`` can be flagged while scanning (the input delimiter when not copying).
    ///   - chunkSize: the buffer's initial size (tests make it tiny to cut records everywhere).
    init(input: TranscodingInput, delimiter: UInt8, outputDelimiter: UInt8, limits: Limits, chunkSize: Int = 1 << 20) {
        self.input = input
        self.delimiter = delimiter
        otherStop = outputDelimiter == delimiter ? CSVScanner.quote : outputDelimiter
        capacity = max(chunkSize, 64)
        initialCapacity = capacity
        buffer = .allocate(capacity: capacity)
        // Initialized whole, so that a field can be copied 16 bytes at a time (``copyContent(_:to:)``).
        buffer.initialize(repeating: 0, count: capacity)
        fields = .allocate(capacity: fieldCapacity)
        scratch = .allocate(capacity: scratchCapacity)
        maxFieldBytes = max(limits.maxCSVFieldBytes, 0)
        maxColumns = max(limits.maxColumns, 1)
        fieldCheckpoint = min(fieldCapacity, maxColumns)
        let (quadruple, overflow) = max(limits.maxCSVFieldBytes, 1 << 20).multipliedReportingOverflow(by: 4)
        maxRecordBytes = overflow ? Int.max / 2 : quadruple
        unquotedClass = .allocate(capacity: 256)
        unquotedClass.initialize(repeating: 0, count: 256)
        quotedClass = .allocate(capacity: 256)
        quotedClass.initialize(repeating: 0, count: 256)
        for b in [outputDelimiter, CSVScanner.quote] { unquotedClass[Int(b)] = 3 }
        for b in [delimiter, CSVScanner.cr, CSVScanner.lf] { unquotedClass[Int(b)] = 1 }
        unquotedClass[0] = 2
        for b in [outputDelimiter, CSVScanner.cr, CSVScanner.lf] { quotedClass[Int(b)] = 3 }
        quotedClass[Int(CSVScanner.quote)] = 1
        quotedClass[0] = 2
    }

    deinit {
        buffer.deallocate()
        fields.deallocate()
        scratch.deallocate()
        unquotedClass.deallocate()
        quotedClass.deallocate()
    }

    /// Stream offset of a buffer index of the current record.
    func streamOffset(_ index: Int) -> Int64 { bufferOffset + Int64(index) }

    /// Scans the next record into ``fields``.
    ///
    /// - Returns: false at the end of the input.
    /// - Throws: ``CSVFailure`` for a NUL byte, a quote never closed, a field or record over its
    ///   limit, text invalid in the encoding; ``SheetError/io(_:_:)`` for read errors.
    func nextRecord() throws -> Bool {
        while true {
            switch try scanRecord() {
            case .record: return true
            case .end: return false
            case .needMore: try refill()
            }
        }
    }

    /// Moves the unscanned bytes to the front and reads more after them, growing the buffer when
    /// one record fills it.
    ///
    /// A record cut by the buffer's end is scanned again from its start, so once the buffer has
    /// grown each refill reads at least half of it: a long record costs linear time, not quadratic.
    private func refill() throws {
        maskBase = CSVScanner.noMask
        if start > 0 {
            let keep = end - start
            if keep > 0 { memmove(buffer, buffer + start, keep) }
            bufferOffset += Int64(start)
            end = keep
            start = 0
        }
        if capacity - end < 64 {
            guard end <= maxRecordBytes else { throw recordTooLong() }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.initialize(repeating: 0, count: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let target = capacity > initialCapacity ? capacity / 2 : 1
        var read = 0
        while read < target, capacity - end >= 64 {
            let n = try input.read(into: buffer + end, capacity: capacity - end)
            if n == 0 {
                eof = true
                break
            }
            end += n
            read += n
        }
    }

    /// Scans one record starting at `start`; on success moves `start` past it.
    @inline(__always)
    private func scanRecord() throws -> Status {
        let base = buffer
        let end = self.end
        let eof = self.eof
        let delimiter = self.delimiter
        let unquotedClass = self.unquotedClass
        let quotedClass = self.quotedClass
        let quote = CSVScanner.quote
        var i = start
        recordStart = i
        fieldCount = 0
        quotedSpecial = false
        if i >= end { return eof ? .end : .needMore }
        if scanPlainRecord() { return .record }
        fieldCount = 0
        while true {
            let fieldStart = i
            if i < end, base[i] == quote {
                i += 1
                let contentStart = i
                var flags = Field.quoted
                var escapes = 0
                var closed = false
                while true {
                    i = nextSpecial(i)
                    guard i < end else { break }
                    let c = quotedClass[Int(base[i])]
                    if c == 0 {
                        i += 1
                        continue
                    }
                    if c == 1 {
                        if i + 1 < end {
                            if base[i + 1] == quote {
                                flags |= Field.escaped | Field.needsQuote
                                escapes += 1
                                i += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if eof {
                            closed = true
                            break
                        }
                        try checkPartial(i - contentStart - escapes, fieldStart)
                        return .needMore
                    }
                    if c == 2 { throw nulByte(i) }
                    flags |= Field.needsQuote
                    i += 1
                }
                if !closed {
                    if eof { throw unclosedQuote(fieldStart) }
                    try checkPartial(i - contentStart - escapes, fieldStart)
                    return .needMore
                }
                let contentEnd = i
                i += 1
                var length = contentEnd - contentStart - escapes
                if i < end, unquotedClass[Int(base[i])] != 1 {
                    flags |= Field.irregular
                    let junkStart = i
                    while i < end {
                        let c = unquotedClass[Int(base[i])]
                        if c == 0 {
                            i += 1
                            continue
                        }
                        if c == 1 { break }
                        if c == 2 { throw nulByte(i) }
                        flags |= Field.needsQuote
                        i += 1
                    }
                    length += i - junkStart
                    if i == end, !eof {
                        try checkPartial(length, fieldStart)
                        return .needMore
                    }
                }
                if length > 0 { flags |= Field.nonEmpty }
                if flags & Field.needsQuote != 0 { quotedSpecial = true }
                try append(Field(start: fieldStart, end: i, contentStart: contentStart, contentEnd: contentEnd, flags: flags), length: length)
            } else {
                var flags: UInt8 = 0
                while true {
                    i = nextSpecial(i)
                    guard i < end else { break }
                    let c = unquotedClass[Int(base[i])]
                    if c == 1 { break }
                    if c == 2 { throw nulByte(i) }
                    flags |= Field.needsQuote
                    i += 1
                }
                if i == end, !eof {
                    try checkPartial(i - fieldStart, fieldStart)
                    return .needMore
                }
                if i > fieldStart { flags |= Field.nonEmpty }
                try append(Field(start: fieldStart, end: i, contentStart: fieldStart, contentEnd: i, flags: flags), length: i - fieldStart)
            }
            if i >= end {
                start = end
                return .record
            }
            let b = base[i]
            if b == delimiter {
                i += 1
                continue
            }
            if b == CSVScanner.lf {
                start = i + 1
                return .record
            }
            if i + 1 < end {
                if base[i + 1] == CSVScanner.lf {
                    start = i + 2
                } else {
                    start = i + 1
                }
                return .record
            }
            if eof {
                start = i + 1
                return .record
            }
            return .needMore
        }
    }

    /// Classifies the 64 bytes from `j` on (which must be in the buffer's filled part).
    @inline(__always)
    private func loadMasks(_ j: Int) {
        let masks = okrsheet_csv_block_masks(buffer + j, delimiter, otherStop)
        delimiterMask = masks.delimiters
        stopMask = masks.stops
        maskBase = j
    }

    /// The first index from `i` on of a byte the class tables do not map to 0 (delimiter, output
    /// delimiter, quote, CR, LF, NUL), else ``end``, from the block masks.
    @inline(__always)
    private func nextSpecial(_ i: Int) -> Int {
        var j = i
        while true {
            let offset = j &- maskBase
            if offset >= 0, offset < 64 {
                let rest = (delimiterMask | stopMask) >> UInt64(offset)
                if rest != 0 { return j + rest.trailingZeroBitCount }
                j = maskBase + 64
            }
            guard j + 64 <= end else { return scanTail(j) }
            loadMasks(j)
        }
    }

    /// ``nextSpecial(_:)`` within the last 63 bytes of the buffer, a byte at a time.
    @inline(never)
    private func scanTail(_ i: Int) -> Int {
        var j = i
        while j < end, unquotedClass[Int(buffer[j])] == 0 { j += 1 }
        return j
    }

    /// Scans the record at ``start`` when it is plain: no quote, NUL or output delimiter (other than the
    /// delimiter) before its line end, which is in the buffer with 64 bytes after the record's start,
    /// and within the limits. Its fields are then found from the block masks alone, as the general scan
    /// would find them (unquoted, split at every delimiter). Any other record is left to the general
    /// scan (false), which starts over.
    @inline(__always)
    private func scanPlainRecord() -> Bool {
        let base = buffer, end = self.end, checkpoint = fieldCheckpoint, maxField = maxFieldBytes
        let fields = self.fields
        var fieldStart = start
        var count = 0
        var j = start
        while true {
            let offset = j &- maskBase
            if !(offset >= 0 && offset < 64) {
                guard j + 64 <= end else { return false }
                loadMasks(j)
                continue
            }
            let shift = UInt64(offset)
            var delimiters = delimiterMask >> shift
            let stops = stopMask >> shift
            let stop = stops.trailingZeroBitCount
            if stop < 64 - offset {
                delimiters &= (1 << UInt64(stop)) &- 1
            }
            while delimiters != 0 {
                let at = j + delimiters.trailingZeroBitCount
                guard count < checkpoint, at - fieldStart <= maxField else { return false }
                fields[count] = Field(start: fieldStart, end: at, contentStart: fieldStart, contentEnd: at,
                                      flags: at > fieldStart ? Field.nonEmpty : 0)
                count += 1
                fieldStart = at + 1
                delimiters &= delimiters &- 1
            }
            guard stop < 64 - offset else {
                j = maskBase + 64
                continue
            }
            let at = j + stop
            let next: Int
            switch base[at] {
            case CSVScanner.lf: next = at + 1
            case CSVScanner.cr:
                guard at + 1 < end else { return false }
                next = base[at + 1] == CSVScanner.lf ? at + 2 : at + 1
            default: return false
            }
            guard count < checkpoint, at - fieldStart <= maxField else { return false }
            fields[count] = Field(start: fieldStart, end: at, contentStart: fieldStart, contentEnd: at,
                                  flags: at > fieldStart ? Field.nonEmpty : 0)
            fieldCount = count + 1
            start = next
            return true
        }
    }

    @inline(__always)
    private func append(_ field: Field, length: Int) throws {
        if length > maxFieldBytes { throw fieldTooLong(field.start, length) }
        if fieldCount >= fieldCheckpoint { try growFields(field.start) }
        fields[fieldCount] = field
        fieldCount += 1
    }

    @inline(never)
    private func growFields(_ at: Int) throws {
        if fieldCount >= maxColumns {
            throw CSVFailure.limit(offset: streamOffset(at), limit: "columns",
                                   value: "a record with more than \(maxColumns) fields", flag: "columns")
        }
        guard fieldCount == fieldCapacity else { return }
        let grown = UnsafeMutablePointer<Field>.allocate(capacity: fieldCapacity * 2)
        grown.moveInitialize(from: fields, count: fieldCount)
        fields.deallocate()
        fields = grown
        fieldCapacity *= 2
        fieldCheckpoint = min(fieldCapacity, maxColumns)
    }

    /// Fails early when a field cut by the buffer's end is already too long.
    @inline(__always)
    private func checkPartial(_ length: Int, _ fieldStart: Int) throws {
        if length > maxFieldBytes { throw fieldTooLong(fieldStart, length) }
    }

    @inline(never)
    private func nulByte(_ index: Int) -> CSVFailure {
        .malformed(offset: streamOffset(index), message: "a NUL byte, which text never holds: this is a binary file, or text in another encoding (try --encoding utf-16le)")
    }

    @inline(never)
    private func unclosedQuote(_ index: Int) -> CSVFailure {
        .malformed(offset: streamOffset(index), message: "this quoted field is never closed: a \" is missing")
    }

    @inline(never)
    private func fieldTooLong(_ index: Int, _ length: Int) -> CSVFailure {
        .limit(offset: streamOffset(index), limit: "csv-field-bytes",
               value: "a field of more than \(maxFieldBytes) bytes", flag: "csv-field-bytes")
    }

    @inline(never)
    private func recordTooLong() -> CSVFailure {
        .limit(offset: streamOffset(start), limit: "csv-field-bytes",
               value: "a record of more than \(maxRecordBytes) bytes (4 × the field limit)", flag: "csv-field-bytes")
    }

    /// The content of field `index`, unquoted and unescaped; valid until the next call.
    func content(_ index: Int) -> UnsafeRawBufferPointer {
        let f = fields[index]
        if f.flags & (Field.escaped | Field.irregular) == 0 {
            return UnsafeRawBufferPointer(start: buffer + f.contentStart, count: f.contentEnd - f.contentStart)
        }
        return unescape(f)
    }

    /// Copies the content of field `index` to `destination`, which must have room for 16 bytes more
    /// than the content; returns the content's length.
    @inline(__always)
    func copyContent(_ index: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let f = fields[index]
        if f.flags & (Field.escaped | Field.irregular) == 0 {
            let count = f.contentEnd - f.contentStart
            let from = UnsafeRawPointer(buffer + f.contentStart)
            if count <= 16, f.contentStart + 16 <= capacity {
                let to = UnsafeMutableRawPointer(destination)
                to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (to + 8).storeBytes(of: (from + 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
            } else {
                destination.update(from: buffer + f.contentStart, count: count)
            }
            return count
        }
        let content = unescape(f)
        if let from = content.baseAddress { destination.update(from: from.assumingMemoryBound(to: UInt8.self), count: content.count) }
        return content.count
    }

    @inline(never)
    private func unescape(_ f: Field) -> UnsafeRawBufferPointer {
        let need = f.end - f.start
        if need > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(need, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var out = 0
        var i = f.contentStart
        while i < f.contentEnd {
            let b = buffer[i]
            scratch[out] = b
            out += 1
            i += b == CSVScanner.quote ? 2 : 1
        }
        if f.flags & Field.irregular != 0, f.end > f.contentEnd + 1 {
            let junk = f.end - f.contentEnd - 1
            (scratch + out).update(from: buffer + f.contentEnd + 1, count: junk)
            out += junk
        }
        return UnsafeRawBufferPointer(start: scratch, count: out)
    }

    /// The bytes from the current record's first field to the end of its last (no line end).
    var recordBytes: UnsafeRawBufferPointer {
        guard fieldCount > 0 else { return UnsafeRawBufferPointer(start: buffer + recordStart, count: 0) }
        return UnsafeRawBufferPointer(start: buffer + recordStart, count: fields[fieldCount - 1].end - recordStart)
    }

    /// One past the last non-empty field of the current record (0 when every field is empty).
    var usedWidth: Int {
        var w = fieldCount
        while w > 0, !fields[w - 1].isNonEmpty { w -= 1 }
        return w
    }
}
