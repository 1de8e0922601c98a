import Foundation
import SheetKit

/// Reads amounts and dates as accounting packages export them, from UTF-8 bytes without making strings.
///
/// Amounts: `-1.234,56`, `1 234,56`, `(1.234,56)` (negative), `1.234,56-` (trailing minus), `€ 1.234,56`,
/// `1.234,56 EUR`, and the same with a decimal point. Dates: `dd-mm-jjjj`, `dd/mm/jjjj`, `dd.mm.jjjj`,
/// ISO `jjjj-mm-dd` (a time after it is ignored), `jjjjmmdd`, and Excel serial days (20000–80000).
struct LedgerValueReader {
    /// The decimal separator of one column, settled by the first amount that shows it.
    enum Convention {
        case undecided, comma, point
    }

    static let commaLocale = NumberLocale(identifier: "decimal comma", decimalSeparator: ",", groupSeparators: [.dot, .space], dateOrder: .dayMonthYear)
    static let pointLocale = NumberLocale(identifier: "decimal point", decimalSeparator: ".", groupSeparators: [.comma, .space], dateOrder: .dayMonthYear)

    /// Reads an amount. `convention` is settled by the first value that shows its decimal separator;
    /// `fallback` reads the ambiguous ones (`1.234`) before that.
    ///
    /// - Returns: the amount, and the amount in millionths when it has at most six decimals (for exact
    ///   sums); nil when the bytes are not an amount.
    static func amount(_ raw: UnsafeRawBufferPointer, convention: inout Convention, fallback: Convention) -> (value: Double, micros: Int64?)? {
        switch convention {
        case .comma:
            if let fast = plainAmount(raw, decimalSeparator: UInt16(UInt8(ascii: ","))) { return fast }
        case .point:
            if let fast = plainAmount(raw, decimalSeparator: UInt16(UInt8(ascii: "."))) { return fast }
        case .undecided:
            // Digits only (`4000`, `-12`) settle nothing, and read the same in either convention.
            if let whole = plainAmount(raw, decimalSeparator: noSeparator) { return whole }
            if isPlain(raw) {
                convention = decide(raw) ?? .undecided
                let use = convention == .undecided ? fallback : convention
                if let fast = plainAmount(raw, decimalSeparator: UInt16(use == .point ? UInt8(ascii: ".") : UInt8(ascii: ","))) { return fast }
            }
        }
        return generalAmount(raw, convention: &convention, fallback: fallback)
    }

    /// A ``plainAmount(_:decimalSeparator:)`` separator no byte equals: digits only.
    static var noSeparator: UInt16 { 0x100 }

    /// Powers of ten as ``NumberLocale`` divides by them (each exact).
    private static let powersOfTen: (Double, Double, Double, Double, Double, Double, Double, Double,
                                     Double, Double, Double, Double, Double, Double, Double, Double) =
        (1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15)

    /// The commonest amount, `-1234,56` (an optional minus, digits, and the decimal separator with digits
    /// after it; 15 digits at most), read the way ``NumberLocale/scanNumber(_:)`` reads it; nil for
    /// anything else (grouped digits, …), which the general reader then reads.
    ///
    /// Whatever this reads, ``isPlain(_:)`` holds for, so the general reader would take it as it is.
    @inline(__always)
    static func plainAmount(_ raw: UnsafeRawBufferPointer, decimalSeparator: UInt16) -> (value: Double, micros: Int64?)? {
        let n = raw.count
        var i = 0
        var negative = false
        if i < n, raw[i] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < n {
            let d = raw[i] &- 0x30
            guard d < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        let integerDigits = i - integerStart
        guard integerDigits > 0 else { return nil }
        var fractionDigits = 0
        if i < n {
            guard UInt16(raw[i]) == decimalSeparator else { return nil }
            i += 1
            let fractionStart = i
            while i < n {
                let d = raw[i] &- 0x30
                guard d < 10 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            fractionDigits = i - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        guard integerDigits + fractionDigits <= 15 else { return nil }
        var value = Double(mantissa)
        if fractionDigits > 0 {
            value /= withUnsafeBytes(of: powersOfTen) { $0.load(fromByteOffset: fractionDigits * 8, as: Double.self) }
        }
        if negative { value = -value }
        var micros: Int64?
        if fractionDigits <= 6, integerDigits <= 9 {
            // What `Int64((value * 1e6).rounded())` gives: below 10^15 the two roundings err by less than ½.
            var m = Int64(mantissa)
            for _ in fractionDigits..<6 { m &*= 10 }
            micros = negative ? -m : m
        }
        return (value, micros)
    }

    /// Reads any amount (see ``amount(_:convention:fallback:)``).
    static func generalAmount(_ raw: UnsafeRawBufferPointer, convention: inout Convention, fallback: Convention) -> (value: Double, micros: Int64?)? {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &buffer) { scratch -> (value: Double, micros: Int64?)? in
            guard let core = isPlain(raw) ? (raw, false) : normalise(raw, into: scratch) else { return nil }
            let negative = core.negative
            if convention == .undecided {
                convention = decide(core.bytes) ?? .undecided
            }
            let use = convention == .undecided ? fallback : convention
            let locale = use == .point ? pointLocale : commaLocale
            guard let n = locale.scanNumber(core.bytes.bindMemory(to: UInt8.self)), !n.isPercent else { return nil }
            let value = negative ? -n.value : n.value
            // Exact millionths for up to six decimals below a billion: sums then round only once.
            var micros: Int64?
            if n.fractionDigits <= 6, n.integerDigits <= 9 {
                micros = Int64((value * 1e6).rounded())
            }
            return (value, micros)
        }
    }

    /// Whether the bytes are digits and separators with at most a leading `-` (most amounts): nothing to strip.
    @inline(__always)
    static func isPlain(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let first = raw.first, first == UInt8(ascii: "-") || first &- 0x30 < 10, let last = raw.last, last &- 0x30 < 10 else { return false }
        for b in raw.dropFirst() where !(b &- 0x30 < 10 || b == UInt8(ascii: ",") || b == UInt8(ascii: ".")) { return false }
        return true
    }

    /// Strips spaces, a currency sign or code, parentheses and a trailing minus; copies what is left
    /// (at most 64 bytes) into `scratch`.
    static func normalise(_ raw: UnsafeRawBufferPointer, into scratch: UnsafeMutableRawBufferPointer) -> (bytes: UnsafeRawBufferPointer, negative: Bool)? {
        var lo = 0, hi = raw.count
        func trim() {
            while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
            while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
            // No-break spaces (C2 A0) at either end.
            while hi - lo >= 2, raw[lo] == 0xC2, raw[lo + 1] == 0xA0 { lo += 2 }
            while hi - lo >= 2, raw[hi - 2] == 0xC2, raw[hi - 1] == 0xA0 { hi -= 2 }
        }
        func stripCurrency() {
            if hi - lo >= 3, raw[lo] == 0xE2, raw[lo + 1] == 0x82, raw[lo + 2] == 0xAC { lo += 3; trim() }
            if hi - lo >= 3, raw[hi - 3] == 0xE2, raw[hi - 2] == 0x82, raw[hi - 1] == 0xAC { hi -= 3; trim() }
            if hi > lo, raw[lo] == UInt8(ascii: "$") { lo += 1; trim() }
            if hi > lo, raw[hi - 1] == UInt8(ascii: "$") { hi -= 1; trim() }
            if hi - lo >= 2, raw[lo] == 0xC2, raw[lo + 1] == 0xA3 { lo += 2; trim() }  // £
            if hi - lo >= 2, raw[hi - 2] == 0xC2, raw[hi - 1] == 0xA3 { hi -= 2; trim() }
            if hi - lo >= 3 {
                let head = (raw[lo] | 0x20, raw[lo + 1] | 0x20, raw[lo + 2] | 0x20)
                if head == (0x65, 0x75, 0x72) || head == (0x75, 0x73, 0x64) { lo += 3; trim() }  // eur, usd
            }
            if hi - lo >= 3 {
                let tail = (raw[hi - 3] | 0x20, raw[hi - 2] | 0x20, raw[hi - 1] | 0x20)
                if tail == (0x65, 0x75, 0x72) || tail == (0x75, 0x73, 0x64) { hi -= 3; trim() }
            }
        }
        trim()
        var negative = false
        if hi - lo >= 2, raw[lo] == UInt8(ascii: "("), raw[hi - 1] == UInt8(ascii: ")") {
            negative = true
            lo += 1
            hi -= 1
            trim()
        }
        stripCurrency()
        if hi > lo, raw[hi - 1] == UInt8(ascii: "-") {
            guard !negative else { return nil }
            negative = true
            hi -= 1
            trim()
        }
        if hi > lo, raw[lo] == UInt8(ascii: "-"), hi - lo >= 2, !(raw[lo + 1] >= 0x30 && raw[lo + 1] <= 0x39) {
            // `-€ 12,50`: the sign before the currency.
            guard !negative else { return nil }
            negative = true
            lo += 1
            trim()
            stripCurrency()
        }
        if negative, hi > lo, raw[lo] == UInt8(ascii: "-") || raw[lo] == UInt8(ascii: "+") { return nil }
        let count = hi - lo
        guard count > 0, count <= scratch.count else { return nil }
        scratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[lo..<hi]))
        return (UnsafeRawBufferPointer(rebasing: scratch[0..<count]), negative)
    }

    /// The decimal separator a number's text shows, nil when it shows none or is ambiguous (`1.234`).
    static func decide(_ bytes: UnsafeRawBufferPointer) -> Convention? {
        var lastComma = -1, lastDot = -1, commas = 0, dots = 0
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: ",") { lastComma = i; commas += 1 }
            if b == UInt8(ascii: ".") { lastDot = i; dots += 1 }
        }
        if commas > 0, dots > 0 { return lastComma > lastDot ? .comma : .point }
        if commas == 0, dots == 0 { return nil }
        let (separator, count, last) = commas > 0 ? (UInt8(ascii: ","), commas, lastComma) : (UInt8(ascii: "."), dots, lastDot)
        let decimal: Convention = separator == UInt8(ascii: ",") ? .comma : .point
        if count > 1 { return decimal == .comma ? .point : .comma }  // `1.234.567`: the dots group
        // One separator: three digits after it and 1–3 digits before is `1.234`, ambiguous.
        let after = bytes.count - last - 1
        var before = 0
        var i = last - 1
        while i >= 0, bytes[i] >= 0x30, bytes[i] <= 0x39 { before += 1; i -= 1 }
        if after == 3, before >= 1, before <= 3 { return nil }
        return decimal
    }

    /// A day (days since 1970-01-01) from the bytes of a date cell; nil when they are not a date.
    static func day(_ raw: UnsafeRawBufferPointer) -> Int? {
        var lo = 0, hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: raw[lo..<hi]).bindMemory(to: UInt8.self)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count == 10, let d = dayMonthYear(trimmed) { return d }
        var allDigits = true, dot = false
        for b in trimmed {
            if b == UInt8(ascii: ".") { dot = true } else if b < 0x30 || b > 0x39 { allDigits = false; break }
        }
        if allDigits {
            if !dot, trimmed.count == 8 {
                var v = 0
                for b in trimmed { v = v * 10 + Int(b - 0x30) }
                let d = CivilDate(year: v / 10000, month: v / 100 % 100, day: v % 100)
                if d.isValid, d.year >= 1900 { return d.daysSinceEpoch }
            }
            if let serial: Double = pointLocale.parseNumber(utf8: trimmed), serial >= 20_000, serial <= 80_000 {
                return ExcelDate.civilDate(day: Int(serial.rounded(FloatingPointRoundingRule.down)), system: .d1900).daysSinceEpoch
            }
            if !dot { return nil }
        }
        switch commaLocale.parseDate(utf8: trimmed) {
        case .date(let d)?: return d.daysSinceEpoch
        case .dateTime(let dt)?: return dt.date.daysSinceEpoch
        default: return nil
        }
    }

    /// The fast path of the commonest export date, `dd-mm-jjjj` (also with `/` or `.`).
    @inline(__always)
    static func dayMonthYear(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let sep = b[2]
        guard sep == b[5], sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        let d0 = b[0] &- 0x30, d1 = b[1] &- 0x30, m0 = b[3] &- 0x30, m1 = b[4] &- 0x30
        let y0 = b[6] &- 0x30, y1 = b[7] &- 0x30, y2 = b[8] &- 0x30, y3 = b[9] &- 0x30
        guard d0 < 10, d1 < 10, m0 < 10, m1 < 10, y0 < 10, y1 < 10, y2 < 10, y3 < 10 else { return nil }
        let day = Int(d0) * 10 + Int(d1), month = Int(m0) * 10 + Int(m1)
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        // CivilDate's isValid and daysSinceEpoch, inline.
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31
        guard day <= length else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// A day from a date written in a rules file.
    static func day(text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { day(UnsafeRawBufferPointer($0)) }
    }

    /// A number as a rules file writes it: `8000`, `-12.5`, `0,001`.
    static func plainNumber(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ "0123456789.,-+".contains($0) }) else { return nil }
        if let d = Double(t), d.isFinite { return d }
        return commaLocale.parseNumber(t).flatMap { t.contains(".") ? nil : $0 }
    }
}
