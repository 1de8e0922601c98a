/// A calendar date without a time zone (proleptic Gregorian).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Whether the year, month and day name a real day.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }
}

/// A date with a time of day, without a time zone.
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: CivilDate
    /// Seconds since midnight, `0 ..< 86400`, fractions allowed.
    public var secondsOfDay: Double

    public init(date: CivilDate, secondsOfDay: Double) {
        self.date = date
        self.secondsOfDay = secondsOfDay
    }

    /// `YYYY-MM-DDTHH:MM:SS` (fractions of a second are dropped).
    public var description: String {
        date.description + "T" + CellValue.clockText(secondsOfDay, hoursUnbounded: false)
    }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        (a.date, a.secondsOfDay) < (b.date, b.secondsOfDay)
    }
}

/// The value of one cell: what a spreadsheet shows, with no OKR meaning.
///
/// A formula is not a value of its own: a ``Cell`` carries the formula text beside its cached value.
public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    case date(CivilDate)
    case dateTime(CivilDateTime)
    /// A time of day, in seconds since midnight.
    case time(Double)
    /// An elapsed time in seconds (`[h]:mm:ss`).
    case duration(Double)
    /// A spreadsheet error such as `#N/A` or `#DIV/0!`, as written.
    case error(String)

    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }
}
