import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

@Suite("CSV typing")
struct CSVTypingTests {
    static let june30 = CivilDate(year: 2026, month: 6, day: 30)

    /// (locale, field, expected value: nil means the field stays text).
    static let fields: [(String, String, CellValue?)] = [
        ("nl-BE", "1.200,50", .number(1200.5)), ("nl-BE", "1.200", .number(1200)), ("nl-BE", "-7,5", .number(-7.5)),
        ("nl-BE", "42", .number(42)), ("nl-BE", "0", .number(0)), ("nl-BE", "0,25", .number(0.25)), ("nl-BE", "25%", .number(0.25)),
        ("nl-BE", "123456789012345", .number(123_456_789_012_345)),
        ("nl-BE", "0012", nil), ("nl-BE", "-0012", nil), ("nl-BE", "1234567890123456", nil), ("nl-BE", "5412345678901234567", nil),
        ("nl-BE", "+12", nil), ("nl-BE", " 12", nil), ("nl-BE", "12 ", nil), ("nl-BE", "7.2", nil), ("nl-BE", "1,200.50", nil),
        ("nl-BE", "TRUE", nil), ("nl-BE", "FALSE", nil), ("nl-BE", "1e5", nil), ("nl-BE", "€ 250", nil), ("nl-BE", "KP01", nil),
        ("nl-BE", "BE68 5390 0754 7034", nil), ("nl-BE", ",5", nil),
        ("nl-BE", "30-06-2026", .date(june30)), ("nl-BE", "2026-06-30", .date(june30)), ("nl-BE", "30/06/2026", .date(june30)),
        ("nl-BE", "2026-06-30T14:00:00", .dateTime(CivilDateTime(date: june30, secondsOfDay: 50_400))),
        ("nl-BE", "14:00", .time(50_400)), ("nl-BE", "30-06-1850", nil), ("nl-BE", "31-02-2026", nil),
        ("fr-BE", "1 200,50", .number(1200.5)), ("fr-BE", "+32 2 555 1234", nil), ("fr-BE", "0475 12 34 56", nil),
        ("en-US", "1,200.50", .number(1200.5)), ("en-US", "06/30/2026", .date(june30)), ("en-US", "30/06/2026", nil),
        ("en-GB", "1.200", .number(1.2)), ("en-GB", "7,2", nil),
    ]

    @Test(arguments: fields)
    func givenLocale(_ identifier: String, _ field: String, _ expected: CellValue?) throws {
        let folder = try TestFolder()
        let quoted = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let path = try folder.write("in.csv", "h\n\(quoted)\n")
        let locale = try #require(NumberLocale(identifier: identifier))
        var options = CSVReadOptions()
        options.typing = .inferred(locale: locale)
        let rows = try CSV.values(path, options)
        #expect(rows == [[.text("h")], [expected ?? .text(field)]])
    }

    /// (CSV text, expected typed rows), with the locale sniffed.
    static let sniffed: [(String, String, [[CellValue]])] = [
        ("a decimal comma proves the column", "Bedrag\n\"7,2\"\n1.200\n",
         [[.text("Bedrag")], [.number(7.2)], [.number(1200)]]),
        ("a decimal point proves the column", "Amount\n\"1,200.50\"\n\"1,200\"\n",
         [[.text("Amount")], [.number(1200.5)], [.number(1200)]]),
        ("each column its own", "A,B\n\"7,2\",1.5\n\"1,200\",1.200\n",
         [[.text("A"), .text("B")], [.number(7.2), .number(1.5)], [.number(1.2), .number(1.2)]]),
        ("other columns decide", "A;B\n7,2;1.200\n",
         [[.text("A"), .text("B")], [.number(7.2), .number(1200)]]),
        ("semicolon suggests a decimal comma", "A;B\n1.200;x\n",
         [[.text("A"), .text("B")], [.number(1200), .text("x")]]),
        ("comma delimiter defaults to a decimal point", "A,B\n1.200,x\n",
         [[.text("A"), .text("B")], [.number(1.2), .text("x")]]),
        ("month first when the values prove it", "Datum\n06/30/2026\n07/01/2026\n",
         [[.text("Datum")], [.date(june30)], [.date(CivilDate(year: 2026, month: 7, day: 1))]]),
        ("day first by default", "Datum\n01/07/2026\n",
         [[.text("Datum")], [.date(CivilDate(year: 2026, month: 7, day: 1))]]),
        ("leading zeros and long digits stay text", "Code,EAN\n0012,5412345678901234\n",
         [[.text("Code"), .text("EAN")], [.text("0012"), .text("5412345678901234")]]),
    ]

    @Test(arguments: sniffed)
    func sniffedLocale(_ name: String, _ text: String, _ expected: [[CellValue]]) throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", text)
        var options = CSVReadOptions()
        options.typing = .inferred(locale: nil)
        #expect(try CSV.values(path, options) == expected, "\(name)")
    }

    @Test func ambiguityIsAWarning() throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", "A;B\n1.200;x\n")
        var options = CSVReadOptions()
        options.typing = .inferred(locale: nil)
        let reader = try CSVReader(path: path, displayName: "in.csv", options: options)
        _ = try reader.readSheet(at: 0) { _ in }
        #expect(reader.warnings.count == 1)
        let message = reader.warnings.first?.message ?? ""
        #expect(message.contains("column A") && message.contains("1.200") && message.contains("1200") && message.contains("--locale"))
    }

    /// Another column's proof is evidence enough: no warning.
    @Test func noWarningWithProof() throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", "A;B\n1.200;7,5\n")
        var options = CSVReadOptions()
        options.typing = .inferred(locale: nil)
        let reader = try CSVReader(path: path, displayName: "in.csv", options: options)
        _ = try reader.readSheet(at: 0) { _ in }
        #expect(reader.warnings.isEmpty)
    }

    @Test func rowsAfterTheSampleAreTypedToo() throws {
        let folder = try TestFolder()
        var text = "Bedrag\n"
        for i in 0..<(CSVReader.typingSampleRows + 50) { text += "\(i),5\n" }
        let path = try folder.write("in.csv", text)
        var options = CSVReadOptions()
        options.delimiter = UInt8(ascii: ";")
        options.typing = .inferred(locale: nil)
        let rows = try CSV.values(path, options)
        #expect(rows.count == CSVReader.typingSampleRows + 51)
        #expect(rows.last == [.number(Double(CSVReader.typingSampleRows + 49) + 0.5)])
    }

    /// Typing never changes the text of a field that stays text.
    @Test(arguments: [Optional<String>.none, "nl-BE", "en-US", "fr-BE"])
    func typingKeepsText(_ identifier: String?) throws {
        let folder = try TestFolder()
        var generator = SplitMix(seed: 42)
        let alphabet = Array("0123456789,.;;-+% /:TEa\né")
        var text = ""
        for _ in 0..<4000 { text.append(alphabet[generator.next(alphabet.count)]) }
        let path = try folder.write("in.csv", text)
        var typed = CSVReadOptions()
        typed.delimiter = UInt8(ascii: ";")
        typed.typing = .inferred(locale: identifier.flatMap(NumberLocale.init(identifier:)))
        var plain = typed
        plain.typing = .text
        let typedRows = try CSV.values(path, typed)
        let textRows = try CSV.values(path, plain)
        #expect(typedRows.count == textRows.count)
        var numbers = 0
        for (t, x) in zip(typedRows, textRows) {
            #expect(t.count == x.count)
            for (tv, xv) in zip(t, x) {
                if case .text = tv { #expect(tv == xv) } else { numbers += 1 }
            }
        }
        #expect(numbers > 0)
    }
}

/// A small deterministic random generator for generated inputs.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
