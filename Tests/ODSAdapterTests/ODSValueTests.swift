import ODSAdapter
import SheetKit
import Testing

/// Cell values: every `office:value-type`, errors, the null date, formulas and text runs.
@Suite struct ODSValueTests {
    static let types: [(row: Int, expected: CellValue)] = [
        (0, .number(1200)),
        (1, .number(-0.00725)),
        (2, .number(0.25)),
        (3, .number(250_000.5)),
        (4, .date(CivilDate(year: 2026, month: 6, day: 30))),
        (5, .dateTime(CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 30), secondsOfDay: 14 * 3600))),
        (6, .date(CivilDate(year: 2016, month: 10, day: 20))),
        (7, .time(10 * 3600 + 10 * 60 + 10)),
        (8, .duration(34 * 3600 + 10 * 60 + 10)),
        (9, .bool(true)),
        (10, .bool(false)),
        (11, .text("0012")),
        (12, .error("#DIV/0!")),
        (13, .text("from attribute")),
        (14, .text("no value type")),
        (15, .date(CivilDate(year: 1900, month: 1, day: 1))),
    ]

    @Test(arguments: types)
    func valueType(row: Int, expected: CellValue) throws {
        let rows = try ODSFixture.rows("value_types.ods")
        #expect(ODSFixture.cell(rows, row, 0)?.value == expected)
    }

    @Test func numberFormatsOfTypedCells() throws {
        let rows = try ODSFixture.rows("value_types.ods")
        #expect(ODSFixture.cell(rows, 0, 0)?.style == nil)
        #expect(ODSFixture.cell(rows, 2, 0)?.style?.numberFormat == "0%")
        #expect(ODSFixture.cell(rows, 4, 0)?.style?.numberFormat == "yyyy-mm-dd")
        #expect(ODSFixture.cell(rows, 8, 0)?.style?.numberFormat == "[h]:mm:ss")
    }

    @Test func canonicalTextOfTimesAndDurations() throws {
        let rows = try ODSFixture.rows("value_types.ods")
        #expect(ODSFixture.cell(rows, 7, 0)?.value.canonicalText == "10:10:10")
        #expect(ODSFixture.cell(rows, 8, 0)?.value.canonicalText == "34:10:10")
        #expect(ODSFixture.cell(rows, 5, 0)?.value.canonicalText == "2026-06-30T14:00:00")
    }

    @Test func nullDateOfTheCalculationSettings() throws {
        let rows = try ODSFixture.rows("null_date_1904.ods")
        #expect(ODSFixture.cell(rows, 0, 0)?.value == .date(CivilDate(year: 1904, month: 1, day: 2)))
        #expect(ODSFixture.cell(rows, 0, 1)?.value
            == .dateTime(CivilDateTime(date: CivilDate(year: 1904, month: 1, day: 1), secondsOfDay: 43_200)))
    }

    @Test func formulasKeepTheirTextAndCachedValue() throws {
        let rows = try ODSFixture.rows("formulas_with_cached_values.ods")
        let sum = ODSFixture.cell(rows, 3, 0)
        #expect(sum?.formula == "SUM([.A1:.A3])")
        #expect(sum?.value == .number(6))
        #expect(ODSFixture.cell(rows, 4, 0)?.formula == "\"a\"&\"b\"")
        #expect(ODSFixture.cell(rows, 4, 0)?.value == .text("ab"))
        // A formula whose cached string is empty is still a cell.
        #expect(ODSFixture.cell(rows, 5, 0)?.formula == "[.A9]")
        #expect(ODSFixture.cell(rows, 5, 0)?.value == .text(""))
        // A prefix other than of: is kept, so that the syntax stays known.
        #expect(ODSFixture.cell(rows, 6, 0)?.formula == "msoxl:=A1+1")
        #expect(ODSFixture.cell(rows, 0, 0)?.formula == nil)
    }

    static let texts: [(row: Int, expected: String)] = [
        (0, "first\nsecond\n"),
        (1, "a b   c"),
        (2, "tab\tline\nend"),
        (3, "plain bold link"),
        (4, "visible"),
        (5, "x & y < z ☺"),
    ]

    @Test(arguments: texts)
    func textRuns(row: Int, expected: String) throws {
        let rows = try ODSFixture.rows("text_runs.ods")
        #expect(ODSFixture.cell(rows, row, 0)?.value == .text(expected))
    }

    @Test func numberIgnoresItsDisplayedText() throws {
        let rows = try ODSFixture.rows("text_runs.ods")
        #expect(ODSFixture.cell(rows, 6, 0)?.value == .number(3))
    }
}
