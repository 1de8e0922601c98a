import SheetKit

/// The fields of chosen columns of many records, copied into one buffer: what a consumer on another
/// thread needs of a large export (the ledger of `okrsheet update`), filled by
/// ``CSVRecordStream/read(columns:into:maxBytes:)`` without a call per field.
///
/// ```swift
/// let rows = CSVColumnRows(width: 3, capacity: 4096)
/// while try stream.read(columns: [0, 2, 5], into: rows) {
///     for r in 0..<rows.count { use(rows.field(r, 2)) }
///     rows.clear()
/// }
/// ```
public final class CSVColumnRows {
    /// Fields per row (the columns asked for).
    public let width: Int
    /// Rows at most.
    public let capacity: Int
    /// Per row and column asked for: where the field's bytes start in ``bytes``, and how many.
    public let spans: UnsafeMutablePointer<(start: Int, count: Int)>
    /// Per row: its 0-based record number (``CSVRecordStream/recordIndex``).
    public let records: UnsafeMutablePointer<Int>
    // The hot loop updates these once per row: no dynamic exclusivity checks (nothing else touches
    // them meanwhile).
    /// The fields' bytes; moves when it grows.
    @exclusivity(unchecked) public private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) public private(set) var byteCount = 0
    @exclusivity(unchecked) private var byteCapacity: Int
    @exclusivity(unchecked) public private(set) var count = 0

    public init(width: Int, capacity: Int) {
        self.width = width
        self.capacity = max(capacity, 1)
        let cells = max(width * self.capacity, 1)
        spans = .allocate(capacity: cells)
        spans.initialize(repeating: (0, 0), count: cells)
        records = .allocate(capacity: self.capacity)
        records.initialize(repeating: 0, count: self.capacity)
        byteCapacity = 1 << 16
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        spans.deallocate()
        records.deallocate()
        bytes.deallocate()
    }

    /// Empties the rows (the memory stays).
    public func clear() {
        count = 0
        byteCount = 0
    }

    /// The bytes of column `c` (in the order asked for) on row `row`.
    @inline(__always)
    public func field(_ row: Int, _ c: Int) -> UnsafeRawBufferPointer {
        let span = spans[row * width + c]
        return UnsafeRawBufferPointer(start: bytes + span.start, count: span.count)
    }

    /// Makes room for `more` bytes.
    @inline(never)
    func reserve(_ more: Int) {
        var grown = byteCapacity * 2
        while byteCount + more > grown { grown *= 2 }
        let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        next.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = next
        byteCapacity = grown
    }

    /// Appends the current record's fields of `columns` from `scanner`.
    @inline(__always)
    func append(_ scanner: CSVScanner, record: Int, columns: UnsafeBufferPointer<Int>) {
        let row = count
        let spans = self.spans + row * width
        var used = byteCount
        let fieldCount = scanner.fieldCount
        for c in 0..<width {
            let k = columns[c]
            guard k >= 0, k < fieldCount else {
                spans[c] = (used, 0)
                continue
            }
            // Room for the field and the 16 bytes a short field's copy may write.
            let room = scanner.fields[k].end - scanner.fields[k].start + 16
            if used + room > byteCapacity {
                byteCount = used
                reserve(room)
            }
            let n = scanner.copyContent(k, to: bytes + used)
            spans[c] = (used, n)
            used += n
        }
        byteCount = used
        records[row] = record
        count = row + 1
    }
}

extension CSVRecordStream {
    /// Reads records on into `rows` (after what it holds), the fields of `columns` only, leaving out
    /// blank records (every field empty), until `rows` is full or holds `maxBytes` bytes.
    ///
    /// - Returns: false when the file has ended (the rows read before are in `rows`).
    /// - Throws: what ``next()`` throws; the rows read before the error are in `rows`.
    public func read(columns: UnsafeBufferPointer<Int>, into rows: CSVColumnRows, maxBytes: Int = .max) throws -> Bool {
        precondition(columns.count == rows.width, "one column per field of a row")
        while rows.count < rows.capacity, rows.byteCount < maxBytes {
            guard try next() else { return false }
            if isBlank { continue }
            rows.append(scanner, record: recordIndex, columns: columns)
        }
        return true
    }
}
