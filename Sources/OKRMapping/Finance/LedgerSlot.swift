import SheetKit

/// One column the rules read, and what it holds on the current row. Plain values only, so that the
/// per-row work makes no reference counting.
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
    // The current row:
    var isEmpty = true
    var textStart = 0
    var textCount = 0
    var hasNumber = false
    var number = 0.0
    /// The number in millionths, when its text had at most six decimals: sums of such numbers are exact.
    var hasMicros = false
    var micros: Int64 = 0
    var hasDay = false
    var day = 0
    var failure = Failure.none

    init(column: Int, convention: LedgerValueReader.Convention) {
        self.column = column
        self.convention = convention
    }

    @inline(__always)
    mutating func reset() {
        isEmpty = true
        hasNumber = false
        hasMicros = false
        hasDay = false
        failure = .none
        textCount = 0
    }

    /// Reads field bytes.
    mutating func read(_ raw: UnsafeRawBufferPointer, arena: LedgerByteArena) {
        reset()
        var lo = 0, hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        guard hi > lo else { return }
        isEmpty = false
        let bytes = UnsafeRawBufferPointer(rebasing: raw[lo..<hi])
        if needsText {
            textStart = arena.append(bytes)
            textCount = bytes.count
        }
        if needsNumber {
            if let amount = LedgerValueReader.amount(bytes, convention: &convention, fallback: fallback) {
                hasNumber = true
                number = amount.value
                if let m = amount.micros {
                    hasMicros = true
                    micros = m
                }
            } else {
                failure = .amount
            }
        }
        if needsDate {
            if let d = LedgerValueReader.day(bytes) {
                hasDay = true
                day = d
            } else if failure == .none {
                failure = .date
            }
        }
    }

    /// Reads a typed cell.
    mutating func read(_ value: CellValue, arena: LedgerByteArena) {
        switch value {
        case .empty:
            reset()
        case .text(let s):
            var copy = s
            copy.withUTF8 { read(UnsafeRawBufferPointer($0), arena: arena) }
        case .number(let d):
            reset()
            isEmpty = false
            storeText(CellValue.numberText(d), arena: arena)
            hasNumber = d.isFinite
            number = d
            if needsNumber, !d.isFinite { failure = .amount }
            if needsDate {
                if d >= 1, d < 2_958_466 {
                    hasDay = true
                    day = ExcelDate.civilDate(day: Int(d.rounded(.down)), system: .d1900).daysSinceEpoch
                } else if failure == .none {
                    failure = .date
                }
            }
        case .date, .dateTime:
            reset()
            isEmpty = false
            storeText(value.canonicalText, arena: arena)
            hasDay = true
            if case .date(let d) = value { day = d.daysSinceEpoch }
            if case .dateTime(let dt) = value { day = dt.date.daysSinceEpoch }
            if needsNumber { failure = .amount }
        case .bool, .time, .duration, .error:
            reset()
            isEmpty = false
            storeText(value.canonicalText, arena: arena)
            if needsNumber { failure = .amount } else if needsDate { failure = .date }
        }
    }

    private mutating func storeText(_ text: String, arena: LedgerByteArena) {
        guard needsText else { return }
        var copy = text
        copy.withUTF8 { textStart = arena.append(UnsafeRawBufferPointer($0)) }
        textCount = copy.utf8.count
    }
}
