/// What a number format makes of a serial number: a plain number, or a date, time of day or duration.
enum NumberFormat: Sendable, Hashable {
    case number
    /// A date or date-time format (`dd-mm-yyyy`, `m/d/yy h:mm`).
    case date
    /// A time-of-day format without a date part (`h:mm:ss`, `mm:ss`).
    case time
    /// An elapsed-time format (`[h]:mm:ss`).
    case duration

    /// The kind of a built-in format id (ECMA-376 §18.8.30): 14–17 and 22 are dates, 18–21, 45 and 47
    /// times of day, 46 a duration.
    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 14...17, 22: return .date
        case 18...21, 45, 47: return .time
        case 46: return .duration
        default: return .number
        }
    }

    /// The code of a built-in format id, nil for General and unknown ids.
    static func builtInCode(_ id: Int) -> String? {
        switch id {
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 12: return "# ?/?"
        case 13: return "# ??/??"
        case 14: return "mm-dd-yy"
        case 15: return "d-mmm-yy"
        case 16: return "d-mmm"
        case 17: return "mmm-yy"
        case 18: return "h:mm AM/PM"
        case 19: return "h:mm:ss AM/PM"
        case 20: return "h:mm"
        case 21: return "h:mm:ss"
        case 22: return "m/d/yy h:mm"
        case 37: return "#,##0 ;(#,##0)"
        case 38: return "#,##0 ;[Red](#,##0)"
        case 39: return "#,##0.00;(#,##0.00)"
        case 40: return "#,##0.00;[Red](#,##0.00)"
        case 45: return "mm:ss"
        case 46: return "[h]:mm:ss"
        case 47: return "mmss.0"
        case 48: return "##0.0E+0"
        case 49: return "@"
        default: return nil
        }
    }

    /// Classifies a format code by its first section: quoted text, `\`-escaped characters, `_` and `*`
    /// spacing and fill characters and bracketed parts (`[Red]`, `[$-409]`, `[>=100]`) are ignored;
    /// `[h]`, `[mm]`, `[ss]` make a duration; `d`, `y` (and `m` without `h`/`s`) a date; `h`, `s`,
    /// `AM/PM` alone a time of day.
    static func classify(_ code: String) -> NumberFormat {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false
        var bytes = Array(code.utf8)[...]
        while let b = bytes.popFirst() {
            switch b {
            case UInt8(ascii: ";"):
                bytes = []  // first section only
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                _ = bytes.popFirst()
            case UInt8(ascii: "\""):
                while let q = bytes.popFirst(), q != UInt8(ascii: "\"") {}
            case UInt8(ascii: "["):
                var inside: [UInt8] = []
                while let q = bytes.popFirst(), q != UInt8(ascii: "]") { inside.append(q | 0x20) }
                if let first = inside.first, [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(first),
                   inside.allSatisfy({ $0 == first }) {
                    return .duration
                }
            default:
                switch b | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "y"): hasDate = true
                case UInt8(ascii: "h"), UInt8(ascii: "s"): hasTime = true
                case UInt8(ascii: "m"): hasMonthOrMinute = true
                case UInt8(ascii: "a"):
                    // AM/PM and A/P mark a time of day; any other `a` is literal.
                    let rest = bytes.prefix(4).map { $0 | 0x20 }
                    if rest.starts(with: Array("m/pm".utf8)) {
                        hasTime = true
                        bytes.removeFirst(4)
                    } else if rest.starts(with: Array("/p".utf8)) {
                        hasTime = true
                        bytes.removeFirst(2)
                    }
                default: break
                }
            }
        }
        if hasDate || (hasMonthOrMinute && !hasTime) { return .date }
        if hasTime { return .time }
        return .number
    }
}
