/// The two serial date systems of spreadsheet files.
public enum DateSystem: Sendable, Hashable {
    /// Serial 1 = 1900-01-01, with Lotus' fictitious 1900-02-29 as serial 60.
    case d1900
    /// Serial 0 = 1904-01-01 (old Mac Excel; `date1904="1"`).
    case d1904
}

/// Conversion between serial numbers and dates, times and durations.
public enum ExcelDate {
    static let epoch1900 = CivilDate(year: 1899, month: 12, day: 31).daysSinceEpoch
    static let epoch1904 = CivilDate(year: 1904, month: 1, day: 1).daysSinceEpoch

    /// The value a serial number stands for under a date format: a date when it is whole, a time of day
    /// when it is below 1, else a date-time. Serial 60 in the 1900 system is the fictitious 1900-02-29,
    /// which is shown as 1900-02-28 (like python-calamine); nil for a negative or absurd serial.
    public static func value(serial: Double, system: DateSystem = .d1900) -> CellValue? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = serial.rounded(.down)
        var seconds = ((serial - days) * 86_400).rounded()
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        if system == .d1900 && days == 0 && serial < 1 { return .time(seconds) }
        let date = civilDate(day: Int(days), system: system)
        if seconds == 0 { return .date(date) }
        return .dateTime(CivilDateTime(date: date, secondsOfDay: seconds))
    }

    /// The calendar date of a whole serial day.
    public static func civilDate(day: Int, system: DateSystem) -> CivilDate {
        switch system {
        case .d1904:
            return CivilDate(daysSinceEpoch: epoch1904 + day)
        case .d1900:
            // Serials after the fake 29 Feb 1900 are one day ahead of the real calendar.
            if day >= 61 { return CivilDate(daysSinceEpoch: epoch1900 + day - 1) }
            if day == 60 { return CivilDate(year: 1900, month: 2, day: 28) }
            return CivilDate(daysSinceEpoch: epoch1900 + day)
        }
    }

    /// The serial number of a date (and optional time of day).
    public static func serial(_ date: CivilDate, secondsOfDay: Double = 0, system: DateSystem = .d1900) -> Double {
        let days = date.daysSinceEpoch
        var serial: Int
        switch system {
        case .d1904: serial = days - epoch1904
        case .d1900:
            serial = days - epoch1900
            if serial >= 60 { serial += 1 }
        }
        return Double(serial) + secondsOfDay / 86_400
    }

    /// The serial number of a date-time value, or nil when the value is not a date or time.
    public static func serial(of value: CellValue, system: DateSystem = .d1900) -> Double? {
        switch value {
        case .date(let d): return serial(d, system: system)
        case .dateTime(let dt): return serial(dt.date, secondsOfDay: dt.secondsOfDay, system: system)
        case .time(let s), .duration(let s): return s / 86_400
        default: return nil
        }
    }
}
