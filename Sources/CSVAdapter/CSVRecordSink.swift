import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes canonical CSV records: minimal quoting, the rectangle from A1 to the last non-empty cell.
///
/// The width is not known until the end, so each record is padded to the widest record so far;
/// trailing empty rows are held back and written only when a non-empty row follows. Should a later
/// record be wider than earlier ones, ``finish()`` rewrites the file once with every record padded
/// to the final width (rare: a title row above a table).
final class CSVRecordSink {
    /// What the caller knows about a field's need for quotes.
    enum Quoting {
        case needed, notNeeded, unknown
    }

    let target: CSVOutputTarget
    let options: CSVWriteOptions
    let delimiter: UInt8
    let neutralize: Bool
    /// The widest record so far: every record is padded to it.
    private(set) var width: Int
    /// The narrowest width a record was padded to.
    private var narrowest = Int.max
    private var heldEmptyRows = 0
    private var fieldIndex = 0
    private let out: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    private var count = 0
    private var finished = false

    /// - Parameters:
    ///   - minimumWidth: pad every record to at least this many fields (a fix-up pass knows the width).
    init(target: CSVOutputTarget, options: CSVWriteOptions, minimumWidth: Int = 0) {
        self.target = target
        self.options = options
        delimiter = options.delimiter
        neutralize = options.neutralizeFormulas
        width = minimumWidth
        out = .allocate(capacity: capacity)
        if options.bom {
            put(0xEF)
            put(0xBB)
            put(0xBF)
        }
    }

    deinit { out.deallocate() }

    // MARK: Records

    /// Holds back `count` empty rows, written only if a non-empty row follows.
    func holdEmptyRows(_ count: Int) {
        heldEmptyRows += count
    }

    /// Starts a record whose last non-empty field is at `usedWidth - 1`.
    ///
    /// - Returns: false for an empty record (held back; write no fields and do not end it).
    @inline(__always)
    func beginRecord(usedWidth: Int) -> Bool {
        guard usedWidth > 0 else {
            heldEmptyRows += 1
            return false
        }
        if usedWidth > width { width = usedWidth }
        if heldEmptyRows > 0 { writeHeldRows() }
        if width < narrowest { narrowest = width }
        fieldIndex = 0
        return true
    }

    @inline(never)
    private func writeHeldRows() {
        if width < narrowest { narrowest = width }
        while heldEmptyRows > 0 {
            for _ in 1..<width { put(delimiter) }
            endOfLine()
            heldEmptyRows -= 1
        }
    }

    /// Appends an empty field.
    @inline(__always)
    func emptyField() {
        if fieldIndex > 0 { put(delimiter) }
        fieldIndex += 1
    }

    /// Appends a field, quoted when it holds the delimiter, a quote, CR or LF, and neutralised when
    /// asked and it is text that a spreadsheet would run as a formula.
    @inline(__always)
    func field(_ bytes: UnsafeRawBufferPointer, quoting: Quoting, isText: Bool) {
        if fieldIndex > 0 { put(delimiter) }
        fieldIndex += 1
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        let prefix = neutralize && isText && CSVRecordSink.startsFormula(bytes)
        let quote: Bool
        switch quoting {
        case .needed: quote = true
        case .notNeeded: quote = false
        case .unknown: quote = needsQuoting(bytes)
        }
        if !quote {
            if prefix { put(UInt8(ascii: "'")) }
            put(p, bytes.count)
        } else {
            putQuoted(bytes, prefix: prefix)
        }
    }

    /// Ends the record, padding it to ``width``.
    @inline(__always)
    func endRecord() {
        while fieldIndex < width {
            put(delimiter)
            fieldIndex += 1
        }
        endOfLine()
    }

    /// Appends a whole record's fields as they are, for a record already in canonical form and as
    /// wide as ``width``, then ends it.
    @inline(__always)
    func rawRecord(_ bytes: UnsafeRawBufferPointer) {
        if let p = bytes.baseAddress { put(p, bytes.count) }
        endOfLine()
    }

    @inline(never)
    private func putQuoted(_ bytes: UnsafeRawBufferPointer, prefix: Bool) {
        put(CSVScanner.quote)
        if prefix { put(UInt8(ascii: "'")) }
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0, let q = memchr(p, Int32(CSVScanner.quote), left) {
            let run = UnsafeRawPointer(q) - p + 1
            put(p, run)
            put(CSVScanner.quote)
            p += run
            left -= run
        }
        put(p, left)
        put(CSVScanner.quote)
    }

    private func needsQuoting(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let d = delimiter
        for b in bytes where b == d || b == CSVScanner.quote || b == CSVScanner.cr || b == CSVScanner.lf {
            return true
        }
        return false
    }

    /// Text a spreadsheet would take as a formula: it starts with `= + - @`, tab or CR and does not
    /// read as a plain number (`-4291.31`, `-4.291,31`, `+12`).
    static func startsFormula(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 9, CSVScanner.cr: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let utf8 = bytes.bindMemory(to: UInt8.self)
            return NumberLocale.decimalPoint.scanNumber(utf8) == nil && NumberLocale.decimalComma.scanNumber(utf8) == nil
        default: return false
        }
    }

    // MARK: Bytes

    @inline(__always)
    private func endOfLine() {
        if options.crlf { put(CSVScanner.cr) }
        put(CSVScanner.lf)
    }

    @inline(__always)
    private func put(_ b: UInt8) {
        if count == capacity { drain() }
        out[count] = b
        count += 1
    }

    @inline(__always)
    private func put(_ p: UnsafeRawPointer, _ n: Int) {
        if n > capacity - count {
            drain()
            if n > capacity {
                target.writer.write(UnsafeRawBufferPointer(start: p, count: n))
                return
            }
        }
        (out + count).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    @inline(never)
    private func drain() {
        guard count > 0 else { return }
        target.writer.write(UnsafeRawBufferPointer(start: out, count: count))
        count = 0
    }

    // MARK: Finishing

    /// Completes the output: puts it in place, after a fix-up pass when an early record turned out
    /// narrower than the final width. Trailing empty rows are dropped.
    ///
    /// - Throws: ``SheetError/io(_:_:)``.
    func finish() throws {
        guard !finished else { return }
        finished = true
        drain()
        if narrowest < width {
            try fixUp()
        } else {
            try target.commit()
        }
    }

    /// Rewrites the output with every record padded to the final width.
    @inline(never)
    private func fixUp() throws {
        let fd = try target.openForReading()
        let final = try target.sibling()
        var again = options
        again.neutralizeFormulas = false
        let sink = CSVRecordSink(target: final, options: again, minimumWidth: width)
        let input = try TranscodingInput(fd: fd, ownsDescriptor: true, encoding: .utf8, displayName: target.displayName,
                                         skip: options.bom ? 3 : 0, validate: false)
        var unlimited = Limits()
        unlimited.maxColumns = Int.max / 2
        unlimited.maxCSVFieldBytes = Int.max / 8
        let scanner = CSVScanner(input: input, delimiter: delimiter, outputDelimiter: delimiter, limits: unlimited)
        do {
            try CSVCopy.pump(scanner, into: sink, maxRows: Int.max)
        } catch let failure as CSVFailure {
            throw SheetError.io(SourceLocation(file: target.displayName), "cannot read the temporary output back (\(failure))")
        }
        try sink.finish()
        target.discard()
    }
}
