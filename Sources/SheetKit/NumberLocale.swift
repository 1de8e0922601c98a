/// How a locale writes numbers and dates: decimal separator, group separators and the order of day
/// and month. The one place where okrsheet reads `1.200,50`, `1 200,50`, `1,200.50`, `25%` and
/// `30-06-2026` (CSV typing, the OKR import).
///
/// Only the locales okrsheet's users write in are known: `nl-BE`, `nl-NL`, `fr-BE`, `fr-FR`, `en-GB`,
/// `en-US`, and the bare languages `nl`, `fr`, `en` (day before month, as in Europe).
public struct NumberLocale: Sendable, Hashable, CustomStringConvertible {
    /// Where the day goes in a numeric date.
    public enum DateOrder: Sendable, Hashable {
        /// `30-06-2026`, `30/06/2026`, `30.06.2026` (nl, fr, en-GB).
        case dayMonthYear
        /// `06/30/2026` (en-US).
        case monthDayYear
    }

    /// The characters that may group thousands.
    public struct GroupSeparators: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// `1.200`.
        public static let dot = GroupSeparators(rawValue: 1)
        /// `1,200`.
        public static let comma = GroupSeparators(rawValue: 2)
        /// `1 200` with a space, a no-break space (U+00A0) or a narrow no-break space (U+202F).
        public static let space = GroupSeparators(rawValue: 4)
    }

    /// A number as ``scanNumber(_:)`` found it, with what a caller needs to judge whether the text
    /// is really meant as a number (`0012`, a 16-digit account number, a leading `+`).
    public struct ScannedNumber: Sendable, Hashable {
        /// The number (a fraction for a percentage: `25%` → 0.25).
        public var value: Double
        /// Digits before the decimal separator (0 for `.5`).
        public var integerDigits: Int
        /// Digits after the decimal separator.
        public var fractionDigits: Int
        /// The integer part has more than one digit and starts with `0` (`0012`).
        public var hasLeadingZero: Bool
        /// Thousands were grouped (`1.200`).
        public var isGrouped: Bool
        /// A trailing `%` made the value a fraction.
        public var isPercent: Bool
        /// The text started with `+`.
        public var hasPlusSign: Bool

        /// All digits, before and after the decimal separator.
        public var digitCount: Int { integerDigits + fractionDigits }
    }

    /// The canonical identifier: `nl-BE`, `en-US`, or a bare language such as `fr`.
    public let identifier: String
    /// `,` or `.` as an ASCII byte.
    public let decimalSeparatorByte: UInt8
    /// The characters that may group thousands (never the decimal separator).
    public let groupSeparators: GroupSeparators
    /// Where the day goes in `30-06-2026`.
    public let dateOrder: DateOrder

    /// The separator between whole and fractional digits.
    public var decimalSeparator: Character { Character(Unicode.Scalar(decimalSeparatorByte)) }
    /// Whether the locale writes `7,2` rather than `7.2`.
    public var usesDecimalComma: Bool { decimalSeparatorByte == UInt8(ascii: ",") }

    /// The locale called `identifier` (case-insensitive, `_` or `-`: `nl-BE`, `NL_be`, `fr`), or nil.
    public init?(identifier: String) {
        let parts = identifier.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let language = String(parts[0])
        let region = parts.count == 2 ? String(parts[1]) : nil
        let known: [String: [String]] = ["nl": ["be", "nl"], "fr": ["be", "fr"], "en": ["gb", "us"]]
        guard let regions = known[language] else { return nil }
        if let region, !regions.contains(region) { return nil }
        let canonical = region.map { "\(language)-\($0.uppercased())" } ?? language
        switch language {
        case "nl":
            self.init(identifier: canonical, decimalSeparator: ",", groupSeparators: .dot, dateOrder: .dayMonthYear)
        case "fr":
            self.init(identifier: canonical, decimalSeparator: ",", groupSeparators: [.space, .dot], dateOrder: .dayMonthYear)
        default:
            let order: DateOrder = region == "us" ? .monthDayYear : .dayMonthYear
            self.init(identifier: canonical, decimalSeparator: ".", groupSeparators: .comma, dateOrder: order)
        }
    }

    /// A locale with the given conventions (for sniffed conventions that match no country).
    ///
    /// - Parameters:
    ///   - decimalSeparator: `","` or `"."`; anything else is taken as `"."`.
    public init(identifier: String, decimalSeparator: Character, groupSeparators: GroupSeparators, dateOrder: DateOrder) {
        self.identifier = identifier
        decimalSeparatorByte = decimalSeparator == "," ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var groups = groupSeparators
        groups.remove(decimalSeparatorByte == UInt8(ascii: ",") ? .comma : .dot)
        self.groupSeparators = groups
        self.dateOrder = dateOrder
    }

    /// The decimal-comma convention found by sniffing: `1.200,50` or `1 200,50`, day before month.
    public static let decimalComma = NumberLocale(
        identifier: "decimal comma", decimalSeparator: ",", groupSeparators: [.dot, .space], dateOrder: .dayMonthYear)
    /// The decimal-point convention found by sniffing: `1,200.50`, day before month.
    public static let decimalPoint = NumberLocale(
        identifier: "decimal point", decimalSeparator: ".", groupSeparators: .comma, dateOrder: .dayMonthYear)

    /// This locale with another date order.
    public func with(dateOrder: DateOrder) -> NumberLocale {
        NumberLocale(identifier: identifier, decimalSeparator: decimalSeparator, groupSeparators: groupSeparators, dateOrder: dateOrder)
    }

    public var description: String { identifier }

    // MARK: Numbers

    /// The number `text` writes in this locale, ignoring surrounding spaces: `-1.200,50` → -1200.5
    /// (nl), `25%` → 0.25, `18 %` → 0.18; nil for anything else.
    public func parseNumber(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parseNumber(utf8: $0) }
    }

    /// The number `text` writes in this locale (see ``parseNumber(_:)-(String)``).
    public func parseNumber(_ text: Substring) -> Double? {
        var copy = text
        return copy.withUTF8 { parseNumber(utf8: $0) }
    }

    /// The number the UTF-8 bytes write in this locale, ignoring surrounding spaces.
    public func parseNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let trimmed = NumberLocale.trimmingSpaces(bytes)
        return scanNumber(trimmed)?.value
    }

    /// Reads the whole of `bytes` (UTF-8, no surrounding spaces) as a number in this locale.
    ///
    /// Accepts an optional `+`, `-` or `−` (U+2212), digits grouped by threes with one of the
    /// locale's group separators used throughout, the decimal separator followed by at least one
    /// digit, and an optional `%` (after an optional space) that divides by 100.
    /// - Returns: the value and how it was written, or nil when the bytes are not such a number.
    public func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> ScannedNumber? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false, plus = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            plus = true
            i = 1
        } else if n >= 3, bytes[0] == 0xE2, bytes[1] == 0x88, bytes[2] == 0x92 {
            negative = true
            i = 3
        }
        var digits = Digits()
        // Integer part: a first run of digits, then groups of exactly three, one separator throughout.
        let firstDigit = i
        let firstRun = digits.read(bytes, &i)
        let firstIsZero = firstRun > 0 && bytes[firstDigit] == UInt8(ascii: "0")
        var grouped = false
        if firstRun >= 1, firstRun <= 3, let (kind, _) = groupSeparator(bytes, at: i) {
            while let (k, length) = groupSeparator(bytes, at: i) {
                let next = i + length
                if k == kind, next + 3 <= n, isDigit(bytes[next]), isDigit(bytes[next + 1]), isDigit(bytes[next + 2]),
                   next + 3 == n || !isDigit(bytes[next + 3]) {
                    i = next
                    _ = digits.read(bytes, &i)
                    grouped = true
                } else if k == .space, percentFollows(bytes, at: i) {
                    break  // `18 %`, `1 200 %`: the space precedes the percent sign
                } else {
                    return nil
                }
            }
            if grouped, firstIsZero { return nil }
        }
        let integerDigits = digits.count
        let hasLeadingZero = !grouped && firstRun > 1 && firstIsZero
        var fractionDigits = 0
        if i < n, bytes[i] == decimalSeparatorByte {
            i += 1
            fractionDigits = digits.read(bytes, &i)
            guard fractionDigits > 0 else { return nil }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var percent = false
        if i < n {
            if let skip = spaceLength(bytes, at: i), i + skip < n, bytes[i + skip] == UInt8(ascii: "%") { i += skip }
            if bytes[i] == UInt8(ascii: "%") {
                percent = true
                i += 1
            }
        }
        guard i == n else { return nil }
        guard var value = digits.value(fractionDigits: fractionDigits, extraScale: percent ? 2 : 0) else { return nil }
        if negative { value = -value }
        return ScannedNumber(value: value, integerDigits: integerDigits, fractionDigits: fractionDigits,
                             hasLeadingZero: hasLeadingZero, isGrouped: grouped, isPercent: percent, hasPlusSign: plus)
    }

    /// The digits of a number, exact while there are at most 15 of them.
    struct Digits {
        var count = 0
        var mantissa: UInt64 = 0
        /// Every digit from the sixteenth on, after the first fifteen as `mantissa` wrote them.
        var text: [UInt8] = []

        /// Reads a run of ASCII digits at `i`, advancing it; returns how many.
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int {
            let start = i
            while i < bytes.count, isDigit(bytes[i]) {
                if count < 15 {
                    mantissa = mantissa * 10 + UInt64(bytes[i] &- 48)
                } else {
                    if count == 15 { text = Array(String(mantissa).utf8) }
                    if count < NumberLocale.maxDigits { text.append(bytes[i]) }
                }
                count += 1
                i += 1
            }
            return i - start
        }

        /// The value with the last `fractionDigits` digits after the point, divided by 10^`extraScale`.
        func value(fractionDigits: Int, extraScale: Int) -> Double? {
            let scale = fractionDigits + extraScale
            if count <= 15, scale < NumberLocale.powersOfTen.count {
                // Both operands are exact doubles, so the quotient is correctly rounded.
                return Double(mantissa) / NumberLocale.powersOfTen[scale]
            }
            guard count <= NumberLocale.maxDigits else { return nil }
            let digitsText = count <= 15 ? String(mantissa) : String(decoding: text, as: UTF8.self)
            return Double(digitsText + "e-\(scale)")
        }
    }

    /// More digits than any double needs: such text is not a number people type.
    static let maxDigits = 400

    static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }

    /// The group separator at `i` allowed by this locale, with its length in bytes.
    private func groupSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (GroupSeparators, Int)? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "."): return groupSeparators.contains(.dot) ? (.dot, 1) : nil
        case UInt8(ascii: ","): return groupSeparators.contains(.comma) ? (.comma, 1) : nil
        default:
            guard groupSeparators.contains(.space), let length = spaceLength(bytes, at: i) else { return nil }
            return (.space, length)
        }
    }

    private func percentFollows(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard let skip = spaceLength(bytes, at: i) else { return false }
        return i + skip < bytes.count && bytes[i + skip] == UInt8(ascii: "%")
    }

    /// The length of a space, no-break space or narrow no-break space at `i`.
    private func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        NumberLocale.spaceLength(bytes, at: i)
    }

    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = bytes.count
        guard i < n else { return nil }
        if bytes[i] == 0x20 { return 1 }
        if bytes[i] == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { return 2 }
        if bytes[i] == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF { return 3 }
        return nil
    }

    static func trimmingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end {
            if bytes[start] == 0x09 { start += 1; continue }
            guard let l = spaceLength(bytes, at: start) else { break }
            start += l
        }
        while end > start {
            let b = bytes[end - 1]
            if b == 0x20 || b == 0x09 { end -= 1; continue }
            if b == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { end -= 2; continue }
            if b == 0xAF, end - 3 >= start, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80 { end -= 3; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    // MARK: Dates

    /// The date, date-time or time `text` writes, ignoring surrounding spaces: ISO `2026-06-30`,
    /// `2026-06-30T14:00[:00]`, `2026-06-30 14:00`; `30-06-2026`, `30/06/2026`, `30.06.2026` in this
    /// locale's date order (optionally followed by a space and a time); `14:00`, `14:00:00`.
    public func parseDate(_ text: String) -> CellValue? {
        var copy = text
        return copy.withUTF8 { parseDate(utf8: NumberLocale.trimmingSpaces($0)) }
    }

    /// The date, date-time or time `text` writes (see ``parseDate(_:)-(String)``).
    public func parseDate(_ text: Substring) -> CellValue? {
        var copy = text
        return copy.withUTF8 { parseDate(utf8: NumberLocale.trimmingSpaces($0)) }
    }

    /// Reads the whole of `bytes` (UTF-8, no surrounding spaces) as a date, date-time or time.
    public func parseDate(utf8 bytes: UnsafeBufferPointer<UInt8>) -> CellValue? {
        var i = 0
        let n = bytes.count
        guard let (first, firstLength) = NumberLocale.number(bytes, &i, maxDigits: 4) else { return nil }
        guard i < n else { return nil }
        let sep = bytes[i]
        if sep == UInt8(ascii: ":") {
            guard firstLength <= 2, let seconds = NumberLocale.clock(bytes, &i, hour: first), i == n else { return nil }
            return .time(Double(seconds))
        }
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        i += 1
        guard let (second, secondLength) = NumberLocale.number(bytes, &i, maxDigits: 2), i < n, bytes[i] == sep else { return nil }
        i += 1
        guard let (third, thirdLength) = NumberLocale.number(bytes, &i, maxDigits: 4) else { return nil }
        let date: CivilDate
        var isoDate = false
        if firstLength == 4 {
            guard sep == UInt8(ascii: "-"), secondLength == 2, thirdLength == 2 else { return nil }
            date = CivilDate(year: first, month: second, day: third)
            isoDate = true
        } else {
            guard thirdLength == 4 else { return nil }
            switch dateOrder {
            case .dayMonthYear: date = CivilDate(year: third, month: second, day: first)
            case .monthDayYear: date = CivilDate(year: third, month: first, day: second)
            }
        }
        guard date.isValid else { return nil }
        if i == n { return .date(date) }
        // A time after `T` (ISO only) or a space.
        guard bytes[i] == UInt8(ascii: " ") || (isoDate && bytes[i] == UInt8(ascii: "T")) else { return nil }
        i += 1
        guard let (hour, hourLength) = NumberLocale.number(bytes, &i, maxDigits: 2), hourLength >= 1,
              let seconds = NumberLocale.clock(bytes, &i, hour: hour), i == n else { return nil }
        return .dateTime(CivilDateTime(date: date, secondsOfDay: Double(seconds)))
    }

    /// Reads `:MM` or `:MM:SS` at `i` after an hour; the seconds since midnight.
    private static func clock(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, hour: Int) -> Int? {
        guard hour < 24, i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let (minute, minuteLength) = number(bytes, &i, maxDigits: 2), minuteLength == 2, minute < 60 else { return nil }
        var second = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let (s, sLength) = number(bytes, &i, maxDigits: 2), sLength == 2, s < 60 else { return nil }
            second = s
        }
        return hour * 3600 + minute * 60 + second
    }

    /// Reads 1…`maxDigits` ASCII digits at `i`: their value and count.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, maxDigits: Int) -> (Int, Int)? {
        var value = 0, count = 0
        while i < bytes.count, isDigit(bytes[i]) {
            guard count < maxDigits else { return nil }
            value = value * 10 + Int(bytes[i] - 48)
            count += 1
            i += 1
        }
        return count > 0 ? (value, count) : nil
    }
}

@inline(__always)
private func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
