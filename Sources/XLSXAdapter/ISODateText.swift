import SheetKit

/// The ISO 8601 text of a `t="d"` cell: `2021-01-01`, `2021-01-01T10:10:10(.5)(Z|+01:00)`, `10:10:10`.
enum ISODateText {
    /// The date, date-time or time of day `text` spells; nil for anything else. A zone suffix is ignored.
    static func value(of text: String) -> CellValue? {
        var bytes = Array(text.utf8)[...]
        var date: CivilDate?
        if bytes.count >= 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-") {
            guard let y = number(&bytes, 4), bytes.popFirst() == UInt8(ascii: "-"), let m = number(&bytes, 2),
                  bytes.popFirst() == UInt8(ascii: "-"), let d = number(&bytes, 2) else { return nil }
            let parsed = CivilDate(year: y, month: m, day: d)
            guard parsed.isValid else { return nil }
            date = parsed
            guard let separator = bytes.first else { return .date(parsed) }
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") else { return nil }
            bytes.removeFirst()
        }
        guard let h = number(&bytes, 2), bytes.popFirst() == UInt8(ascii: ":"), let mi = number(&bytes, 2),
              h < 24, mi < 60 else { return nil }
        var seconds = Double(h * 3600 + mi * 60)
        if bytes.first == UInt8(ascii: ":") {
            bytes.removeFirst()
            guard let s = number(&bytes, 2), s < 61 else { return nil }
            seconds += Double(s)
            if bytes.first == UInt8(ascii: ".") || bytes.first == UInt8(ascii: ",") {
                bytes.removeFirst()
                var scale = 0.1
                while let b = bytes.first, b >= 48, b <= 57 {
                    seconds += Double(b - 48) * scale
                    scale /= 10
                    bytes.removeFirst()
                }
            }
        }
        if let zone = bytes.first, zone != UInt8(ascii: "Z"), zone != UInt8(ascii: "+"), zone != UInt8(ascii: "-") { return nil }
        guard let date else { return .time(seconds) }
        return seconds == 0 ? .date(date) : .dateTime(CivilDateTime(date: date, secondsOfDay: seconds))
    }

    private static func number(_ bytes: inout ArraySlice<UInt8>, _ digits: Int) -> Int? {
        guard bytes.count >= digits else { return nil }
        var n = 0
        for _ in 0..<digits {
            guard let b = bytes.popFirst(), b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }
}
