import Foundation
import SheetKit

/// A reporting period such as a quarter: a label and its first and last day.
public struct Period: Sendable, Hashable, Codable {
    public var label: String
    public var start: CivilDate
    public var end: CivilDate

    public init(label: String, start: CivilDate, end: CivilDate) {
        self.label = label
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey { case label, start, end }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        start = try CivilDate.decodeISO(c.decode(String.self, forKey: .start), codingPath: c.codingPath)
        end = try CivilDate.decodeISO(c.decode(String.self, forKey: .end), codingPath: c.codingPath)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(start.description, forKey: .start)
        try c.encode(end.description, forKey: .end)
    }
}

extension CivilDate {
    /// Parses `YYYY-MM-DD` strictly.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    static func decodeISO(_ text: String, codingPath: [any CodingKey]) throws -> CivilDate {
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\"\(text)\" is not a YYYY-MM-DD date"))
        }
        return date
    }
}

extension CivilDate {
    /// Today's date in the machine's local time zone.
    public static func today() -> CivilDate {
        // The C library's local time (TZ, else /etc/localtime), as Calendar.current gives it, without
        // loading Foundation's calendar and time zone (about 1.5 ms, on every command).
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else {
            let components = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return CivilDate(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
        }
        return CivilDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))
    }
}
