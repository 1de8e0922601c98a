import SheetKit

/// What one cell the rules read holds on one row: plain values only, so that the per-row work makes no
/// reference counting, and small, so that a batch of rows (``LedgerPipeline``) stays compact.
struct LedgerCell {
    var number = 0.0
    /// The number in millionths, when its text had at most six decimals: sums of such numbers are exact.
    var micros: Int64 = 0
    var day = 0
    var textStart = 0
    var textCount = 0
    var isEmpty = true
    var hasNumber = false
    var hasMicros = false
    var hasDay = false
    var failure = LedgerSlot.Failure.none
}

/// One column the rules read: what they need of it, and how its amounts are written (settled by the
/// first amount that shows it, so a slot is read row after row in file order).
struct LedgerSlot {
    enum Failure: UInt8 {
        case none, amount, date
    }

    let column: Int
    var needsNumber = false
    var needsDate = false
    var needsText = false
    var convention: LedgerValueReader.Convention
    var fallback: LedgerValueReader.Convention = .comma
    /// The days of the dates this column held lately (an export repeats a few hundred dates).
    let days = LedgerDayCache()

    init(column: Int, convention: LedgerValueReader.Convention) {
        self.column = column
        self.convention = convention
    }

    /// Reads field bytes into `cell`, the text (when needed) into `arena`.
    @inline(__always)
    mutating func read(_ raw: UnsafeRawBufferPointer, into cell: inout LedgerCell, arena: LedgerByteArena) {
        cell = LedgerCell()
        guard let p = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var lo = 0, hi = raw.count
        while lo < hi, p[lo] == 0x20 || p[lo] == 0x09 { lo += 1 }
        while hi > lo, p[hi - 1] == 0x20 || p[hi - 1] == 0x09 { hi -= 1 }
        guard hi > lo else { return }
        cell.isEmpty = false
        let bytes = UnsafeRawBufferPointer(start: p + lo, count: hi - lo)
        if needsText {
            cell.textStart = arena.append(bytes)
            cell.textCount = bytes.count
        }
        if needsNumber {
            if let amount = LedgerValueReader.amount(bytes, convention: &convention, fallback: fallback) {
                cell.hasNumber = true
                cell.number = amount.value
                if let m = amount.micros {
                    cell.hasMicros = true
                    cell.micros = m
                }
            } else {
                cell.failure = .amount
            }
        }
        if needsDate {
            if let d = bytes.count == 10 ? days.day(bytes) : LedgerValueReader.day(bytes) {
                cell.hasDay = true
                cell.day = d
            } else if cell.failure == .none {
                cell.failure = .date
            }
        }
    }

    /// Reads a typed cell into `cell`.
    mutating func read(_ value: CellValue, into cell: inout LedgerCell, arena: LedgerByteArena) {
        switch value {
        case .empty:
            cell = LedgerCell()
        case .text(let s):
            var copy = s
            copy.withUTF8 { read(UnsafeRawBufferPointer($0), into: &cell, arena: arena) }
        case .number(let d):
            cell = LedgerCell()
            cell.isEmpty = false
            storeText(CellValue.numberText(d), into: &cell, arena: arena)
            cell.hasNumber = d.isFinite
            cell.number = d
            if needsNumber, !d.isFinite { cell.failure = .amount }
            if needsDate {
                if d >= 1, d < 2_958_466 {
                    cell.hasDay = true
                    cell.day = ExcelDate.civilDate(day: Int(d.rounded(.down)), system: .d1900).daysSinceEpoch
                } else if cell.failure == .none {
                    cell.failure = .date
                }
            }
        case .date, .dateTime:
            cell = LedgerCell()
            cell.isEmpty = false
            storeText(value.canonicalText, into: &cell, arena: arena)
            cell.hasDay = true
            if case .date(let d) = value { cell.day = d.daysSinceEpoch }
            if case .dateTime(let dt) = value { cell.day = dt.date.daysSinceEpoch }
            if needsNumber { cell.failure = .amount }
        case .bool, .time, .duration, .error:
            cell = LedgerCell()
            cell.isEmpty = false
            storeText(value.canonicalText, into: &cell, arena: arena)
            if needsNumber { cell.failure = .amount } else if needsDate { cell.failure = .date }
        }
    }

    private func storeText(_ text: String, into cell: inout LedgerCell, arena: LedgerByteArena) {
        guard needsText else { return }
        var copy = text
        copy.withUTF8 { cell.textStart = arena.append(UnsafeRawBufferPointer($0)) }
        cell.textCount = copy.utf8.count
    }
}

/// The days of recently read ten-byte dates (`21-12-2026`), by their bytes: a direct-mapped table of
/// 1,024 entries, filled by ``LedgerValueReader/day(_:)`` on a miss, so that a cached date reads exactly
/// as an uncached one.
final class LedgerDayCache {
    private struct Entry {
        var head: UInt64
        /// The last two bytes; `UInt32.max` marks an empty entry.
        var tail: UInt32
        var day: Int32
    }

    private static let bits = 10
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: 1 << LedgerDayCache.bits)
        entries.initialize(repeating: Entry(head: 0, tail: .max, day: 0), count: 1 << LedgerDayCache.bits)
    }

    deinit { entries.deallocate() }

    /// The day of the ten bytes `raw`, as ``LedgerValueReader/day(_:)`` reads them.
    @inline(__always)
    func day(_ raw: UnsafeRawBufferPointer) -> Int? {
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = UInt32(raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        let slot = Int(truncatingIfNeeded: ((head ^ UInt64(tail) &* 0x9E37_79B9) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - LedgerDayCache.bits))
        let entry = entries[slot]
        if entry.head == head, entry.tail == tail { return Int(entry.day) }
        guard let day = LedgerValueReader.day(raw) else { return nil }
        if let small = Int32(exactly: day) { entries[slot] = Entry(head: head, tail: tail, day: small) }
        return day
    }
}
