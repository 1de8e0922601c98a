import OKRCore
import OKRMapping
import SheetKit

/// The parser settings a value or sentence fuzz input runs under, chosen by its first byte; the
/// rest of the input is the text (decoded as UTF-8, invalid sequences repaired).
public struct ValueSetup {
    public let parser: ValueParser
    public let reference: Period?
    public let fiscalYearStartMonth: Int
    public let text: String

    public init?(_ data: UnsafePointer<UInt8>, _ size: Int) {
        guard size > 0 else { return nil }
        let selector = Int(data[0])
        let comma: Bool? = [true, false, nil][selector % 3]
        let language = ["nl", "fr", "en", "", "nl-BE", "xx"][(selector / 3) % 6]
        fiscalYearStartMonth = [1, 7, 4, 13, 0][(selector / 18) % 5]
        parser = ValueParser(decimalComma: comma, language: language, fiscalYearStartMonth: fiscalYearStartMonth)
        let day = { (y: Int, m: Int, d: Int) in CivilDate(year: y, month: m, day: d) }
        reference = [nil, Period(label: "Q2 2026", start: day(2026, 4, 1), end: day(2026, 6, 30)),
                     Period(label: "FY2026", start: day(2026, 7, 1), end: day(2027, 6, 30))][(selector / 90) % 3]
        text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    }
}
