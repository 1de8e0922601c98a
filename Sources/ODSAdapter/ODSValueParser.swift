import SheetKit
import XMLPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the typed attribute values of an ODS cell from the parser's bytes: `office:value`
/// (xsd:double), `office:date-value` (xsd:date or xsd:dateTime), `office:time-value` (xsd:duration)
/// and `office:boolean-value`.
enum ODSValueParser {
    /// Powers of ten that are exact as a `Double` (the fast path's divisors).
    private static let exactPowersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    ]

    /// The number `bytes` spell, or nil. Decimals of at most 15 significant digits without exponent are
    /// converted directly (an exact integer divided by an exact power of ten rounds correctly); anything
    /// else goes through `strtod`.
    @inline(__always)
    static func number(_ bytes: XMLBytes) -> Double? {
        number(bytes.buffer)
    }

    /// The number `bytes` spell, or nil (see ``number(_:)-(XMLBytes)``).
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var i = 0, negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if bytes[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa = 0, digits = 0, fraction = 0, seenPoint = false, fast = true
        while i < count {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                if digits < 15, fraction < 15 {
                    mantissa = mantissa * 10 + Int(b - 48)
                    if mantissa != 0 { digits += 1 }
                    if seenPoint { fraction += 1 }
                } else {
                    fast = false
                    break
                }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                fast = false
                break
            }
            i += 1
        }
        if fast {
            guard i > (negative || bytes[0] == UInt8(ascii: "+") ? 1 : 0) + (seenPoint ? 1 : 0) else { return nil }
            let value = Double(mantissa) / exactPowersOfTen[fraction]
            return negative ? -value : value
        }
        return slowNumber(bytes)
    }

    /// `strtod` over a NUL-terminated copy; the whole text must be consumed.
    @inline(never)
    private static func slowNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        guard end > start, end - start <= 1024 else { return nil }
        // strtod also reads hexadecimal, "inf" and "nan"; an xsd:double is none of those except INF/NaN.
        for k in start..<end {
            let b = bytes[k]
            guard (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46 || b == 69 || b == 101 else { return nil }
        }
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: bytes[k]) }
        return copy.withUnsafeBufferPointer { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &stop)
            guard let stop, UnsafePointer(stop) == base + (end - start) else { return nil }
            return value
        }
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The text of an attribute value (a sheet name, a formula, a string value).
    ///
    /// libxml2's SAX2 parser, without entity substitution, hands an `&` of an attribute value over as
    /// the character reference `&#38;` (both for `&amp;` and `&#38;` in the file); this turns it back
    /// into `&`. A literal `&#38;` cannot remain otherwise: an `&` in the file is always escaped.
    static func text(_ bytes: XMLBytes) -> String {
        let b = bytes.buffer
        guard b.contains(UInt8(ascii: "&")) else { return bytes.string }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), i + 4 < b.count, b[i + 1] == UInt8(ascii: "#"), b[i + 2] == UInt8(ascii: "3"),
               b[i + 3] == UInt8(ascii: "8"), b[i + 4] == UInt8(ascii: ";") {
                out.append(UInt8(ascii: "&"))
                i += 5
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `true`/`false` (also `1`/`0`), or nil.
    static func boolean(_ bytes: XMLBytes) -> Bool? {
        if bytes.equals("true") || bytes.equals("1") { return true }
        if bytes.equals("false") || bytes.equals("0") { return false }
        return nil
    }

    /// The date or date-time of an `office:date-value` (`2021-01-01`, `2021-01-01T10:10:10.5`, with an
    /// optional zone, which is ignored); a date-time at midnight is a date. Nil for anything else.
    static func dateValue(_ bytes: XMLBytes) -> CellValue? {
        let b = bytes.buffer
        var i = 0
        guard let year = digits(b, &i, 4), take(b, &i, "-"), let month = digits(b, &i, 2), take(b, &i, "-"),
              let day = digits(b, &i, 2) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        if i == b.count || b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            return .date(date)
        }
        guard take(b, &i, "T"), let h = digits(b, &i, 2), take(b, &i, ":"), let m = digits(b, &i, 2),
              take(b, &i, ":"), let s = digits(b, &i, 2), h < 24, m < 60, s < 61 else { return nil }
        var seconds = Double(h * 3600 + m * 60 + s)
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                seconds += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        guard i == b.count || b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else {
            return nil
        }
        if seconds == 0 { return .date(date) }
        if seconds >= 86_400 { return .dateTime(CivilDateTime(date: date, secondsOfDay: 86_399)) }
        return .dateTime(CivilDateTime(date: date, secondsOfDay: seconds))
    }

    /// The seconds of an `office:time-value` (xsd:duration `PT10H10M10.5S`, `P1DT2H`, `-PT1H`); nil for
    /// anything else, including durations in years or months (whose length is not fixed).
    static func durationSeconds(_ bytes: XMLBytes) -> Double? {
        let b = bytes.buffer
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard take(b, &i, "P") else { return nil }
        var total = 0.0
        var inTime = false
        var any = false
        while i < b.count {
            if b[i] == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                i += 1
                continue
            }
            var value = 0.0, seen = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                value = value * 10 + Double(b[i] - 48)
                seen = true
                i += 1
            }
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 0.1
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    value += Double(b[i] - 48) * scale
                    scale /= 10
                    seen = true
                    i += 1
                }
            }
            guard seen, i < b.count else { return nil }
            switch (b[i], inTime) {
            case (UInt8(ascii: "D"), false): total += value * 86_400
            case (UInt8(ascii: "H"), true): total += value * 3600
            case (UInt8(ascii: "M"), true): total += value * 60
            case (UInt8(ascii: "S"), true): total += value
            default: return nil
            }
            any = true
            i += 1
        }
        guard any, total.isFinite else { return nil }
        return negative ? -total : total
    }

    /// Exactly `count` decimal digits at `i`, advancing past them.
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Int? {
        guard b.count - i >= count else { return nil }
        var n = 0
        for _ in 0..<count {
            let d = b[i]
            guard d >= 48, d <= 57 else { return nil }
            n = n * 10 + Int(d - 48)
            i += 1
        }
        return n
    }

    /// Whether the byte at `i` is `c`, advancing past it when it is.
    private static func take(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < b.count, b[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }
}
