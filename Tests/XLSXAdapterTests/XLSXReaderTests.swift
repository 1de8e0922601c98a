import SheetKit
import Testing
import XLSXAdapter

@Suite struct XLSXReaderWorkbookTests {
    @Test func findsSheetsThroughRelationshipsWithTheirStates() throws {
        let reader = try Fixture.reader("relationships_and_sheet_states.xlsx")
        #expect(reader.format == .xlsx)
        #expect(reader.sheets == [SheetInfo(name: "Visible"), SheetInfo(name: "Hidden", hidden: true),
                                  SheetInfo(name: "VeryHidden", hidden: true)])
        // An absolute target in another case, and a relative one through "..".
        #expect(try reader.loadSheet(at: 0)[CellReference(row: 0, column: 0)] == .number(1))
        #expect(try reader.loadSheet(at: 1)[CellReference(row: 0, column: 0)] == .number(2))
    }

    @Test func readsThe1904DateSystem() throws {
        let sheet = try Fixture.sheet("relationships_and_sheet_states.xlsx", at: 2)
        #expect(sheet[CellReference(row: 0, column: 0)] == .date(CivilDate(year: 1904, month: 1, day: 1)))
    }

    @Test func strictNamespacesWithAnUnusualPrefix() throws {
        let sheet = try Fixture.sheet("strict_namespaces_x_prefix.xlsx")
        #expect(sheet.info.name == "Strict")
        #expect(sheet.canonicalGrid == [["strict", "2"]])
    }

    @Test func macroEnabledWorkbookReadsAsXLSM() throws {
        let reader = try Fixture.reader("macro_enabled.xlsm")
        #expect(reader.format == .xlsm)
        #expect(try reader.loadSheet(at: 0).canonicalGrid == [["1"]])
    }

    @Test func binaryWorkbookIsRefusedWithAWayOut() {
        let error = sheetError { _ = try Fixture.reader("binary_workbook.xlsb") }
        #expect(error?.kind == "unsupportedFormat")
        #expect(error?.message.contains("Excel binary workbook (.xlsb)") == true)
        #expect(error?.message.contains("save it as .xlsx") == true)
    }
}

@Suite struct XLSXReaderValueTests {
    static let sheet = Result { try Fixture.sheet("cell_types_and_strings.xlsx") }

    @Test(arguments: [
        ("A1", CellValue.number(42.5)), ("B1", .number(-7)), ("C1", .number(1500)), ("D1", .empty), ("E1", .empty),
        ("A2", .text("plain")), ("B2", .text("Bold and plain")), ("C2", .text("before runs")), ("D2", .text("漢字")),
        ("E2", .text("a\rb")), ("F2", .text("_x000D_")), ("G2", .text("trimmed  kept  ")),
        ("A3", .text("ab")), ("B3", .bool(true)), ("C3", .bool(false)), ("D3", .error("#DIV/0!")), ("E3", .error("#N/A")),
        ("A4", .text("inline")), ("B4", .text("rich inline")), ("C4", .text("line\rbreak")),
        ("A5", .date(CivilDate(year: 2026, month: 6, day: 30))),
        ("B5", .dateTime(CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 30), secondsOfDay: 50_400))),
        ("C5", .time(36_610)), ("D5", .date(CivilDate(year: 2026, month: 6, day: 30))),
    ])
    func cellTypesAndStrings(ref: String, expected: CellValue) throws {
        let sheet = try Self.sheet.get()
        #expect(sheet[try #require(CellReference(ref))] == expected)
    }

    @Test func formulasKeepTheirTextBesideTheCachedValue() throws {
        let sheet = try Self.sheet.get()
        #expect(Fixture.cell(sheet, "A3")?.formula == "\"a\"&\"b\"")
        #expect(Fixture.cell(sheet, "D3")?.formula == "1/0")
        #expect(Fixture.cell(sheet, "A1")?.formula == nil)
    }

    @Test func sharedStringIndexOutOfRangeNamesTheCell() {
        let error = sheetError { _ = try Fixture.sheet("shared_string_index_out_of_range.xlsx") }
        #expect(error?.kind == "malformed")
        #expect(error?.location == .cell("shared_string_index_out_of_range.xlsx", sheet: "Sheet1", row: 1, column: 2))
        #expect(error?.description.hasPrefix("shared_string_index_out_of_range.xlsx:Sheet1!C2: error: ") == true)
        #expect(error?.message.contains("index 5 is out of range") == true)
    }

    @Test func aNumberThatIsNotOneNamesTheCell() {
        let error = sheetError { _ = try Fixture.sheet("not_a_number.xlsx") }
        #expect(error?.location == .cell("not_a_number.xlsx", sheet: "Sheet1", row: 1, column: 3))
    }
}

@Suite struct XLSXReaderFormatTests {
    static let sheet = Result { try Fixture.sheet("number_formats.xlsx") }
    static let june30 = CivilDate(year: 2026, month: 6, day: 30)

    @Test(arguments: [
        ("A1", CellValue.date(june30)),                                                  // built-in 14
        ("B1", .dateTime(CivilDateTime(date: june30, secondsOfDay: 43_200))),            // built-in 22
        ("C1", .duration(129_600)),                                                      // built-in 46
        ("D1", .date(june30)),                                                           // dd\-mm\-yyyy
        ("A2", .number(12)),                                                             // 0" days"
        ("B2", .number(3.25)),                                                           // [Red]0.00
        ("C2", .date(june30)),                                                           // [$-409]mmmm d, yyyy
        ("D2", .time(64_800)),                                                           // h:mm
        ("E2", .number(5)),                                                              // \d\a\y 0
        ("C3", .dateTime(CivilDateTime(date: june30, secondsOfDay: 21_600))),            // yyyy-mm-dd hh:mm
        ("E3", .number(7)),                                                              // style index out of range
    ])
    func numberFormatsMakeDatesTimesAndDurations(ref: String, expected: CellValue) throws {
        let sheet = try Self.sheet.get()
        #expect(sheet[try #require(CellReference(ref))] == expected)
    }

    @Test func customDurationFormat() throws {
        guard case .duration(let seconds) = try Self.sheet.get()[CellReference(row: 0, column: 4)] else {
            Issue.record("E1 is not a duration")
            return
        }
        #expect(abs(seconds - 123_010) < 0.001)
    }

    @Test func stylesAreSharedPerFormat() throws {
        let sheet = try Self.sheet.get()
        let percent = try #require(Fixture.cell(sheet, "A3")?.style)
        #expect(percent.numberFormat == "0.00%")
        #expect(percent.bold)
        #expect(percent.fill == "FFC000")
        let bold = try #require(Fixture.cell(sheet, "B3")?.style)
        #expect(bold.numberFormat == nil && bold.bold && bold.fill == nil)
        // An empty but styled cell is kept, with the very same style instance.
        let styledEmpty = try #require(Fixture.cell(sheet, "D3"))
        #expect(styledEmpty.value == .empty)
        #expect(styledEmpty.style === bold)
        #expect(Fixture.cell(sheet, "A1")?.style?.numberFormat == "mm-dd-yy")
        #expect(Fixture.cell(sheet, "E3")?.style == nil)
    }
}

@Suite struct XLSXReaderLayoutTests {
    @Test func sharedFormulasAreMovedToEachDependent() throws {
        let sheet = try Fixture.sheet("shared_formulas.xlsx")
        #expect(Fixture.cell(sheet, "C1")?.formula == "A1*$B$1+SUM(A$1:A1)+Sheet2!B1")
        #expect(Fixture.cell(sheet, "C2")?.formula == "A2*$B$1+SUM(A$1:A2)+Sheet2!B2")
        #expect(Fixture.cell(sheet, "C3")?.formula == "A3*$B$1+SUM(A$1:A3)+Sheet2!B3")
        #expect(Fixture.cell(sheet, "C2")?.value == .number(33))
        #expect(Fixture.cell(sheet, "D2")?.formula == "\"A1\"&LOG10(A2)&'My Sheet'!A2")
        #expect(Fixture.cell(sheet, "E2")?.formula == "\"A1\"&LOG10(B2)&'My Sheet'!B2")
    }

    @Test func missingReferencesHiddenRowsAndMerges() throws {
        let reader = try Fixture.reader("missing_refs_hidden_rows_merges.xlsx")
        var rows: [Row] = []
        let summary = try reader.readSheet(at: 0) { rows.append($0) }
        #expect(rows.map(\.index) == [0, 1, 4, 5, 6])
        #expect(rows.map(\.hidden) == [false, true, false, false, true])
        #expect(rows[0].cells.map(\.column) == [0, 1, 4, 5])
        #expect(rows[0][5] == .number(6))
        #expect(rows[2][1] == .number(3))
        #expect(rows[3][2] == .number(4))
        // The <dimension> says A1:B2; the cells say otherwise.
        #expect(summary.usedRows == 6)
        #expect(summary.usedColumns == 6)
        #expect(summary.rowCount == 5)
        #expect(summary.merges == [CellRange("A1:B1"), CellRange("C5:D6")].compactMap { $0 })
    }

    @Test func rowsStreamOneAtATime() throws {
        let reader = try Fixture.reader("large_compressible_sheet.xlsx")
        var count = 0, last = -1
        let summary = try reader.readSheet(at: 0) { row in
            #expect(row.index == last + 1)
            last = row.index
            count += 1
        }
        #expect(count == 20_000)
        #expect(summary.usedRows == 20_000 && summary.usedColumns == 2)
    }
}

@Suite struct XLSXReaderSafetyTests {
    @Test(arguments: [
        ("cell_beyond_xfd.xlsx", "malformed", "beyond XFD1048576"),
        ("row_beyond_excel.xlsx", "malformed", "beyond Excel's last row"),
        ("rows_out_of_order.xlsx", "malformed", "ascending order"),
        ("cell_text_too_long.xlsx", "limitExceeded", "cell-length"),
        ("doctype_billion_laughs.xlsx", "malformed", "DOCTYPE not allowed"),
        ("doctype_external_entity.xlsx", "malformed", "DOCTYPE not allowed"),
        ("nesting_too_deep.xlsx", "malformed", "depth"),
        ("undeclared_entity.xlsx", "malformed", "nope"),
    ])
    func hostileOrBrokenSheetsAreRefused(name: String, kind: String, words: String) {
        let error = sheetError { _ = try Fixture.sheet(name) }
        #expect(error?.kind == kind)
        #expect(error?.description.contains(words) == true, "\(String(describing: error))")
        #expect(error?.location.file == name)
        #expect(error?.description.contains("root:") == false)
        #expect(error?.description.contains("lollol") == false)
    }

    @Test func errorsCarryTheCell() {
        let error = sheetError { _ = try Fixture.sheet("cell_text_too_long.xlsx") }
        #expect(error?.location == .cell("cell_text_too_long.xlsx", sheet: "Sheet1", row: 0, column: 1))
    }

    @Test func rowAndColumnLimits() {
        var limits = Limits()
        limits.maxRows = 3
        let rows = sheetError { _ = try Fixture.sheet("missing_refs_hidden_rows_merges.xlsx", limits: limits) }
        #expect(rows?.kind == "limitExceeded")
        #expect(rows?.location == .cell("missing_refs_hidden_rows_merges.xlsx", sheet: "Sheet1", row: 4))
        limits = Limits()
        limits.maxColumns = 3
        let columns = sheetError { _ = try Fixture.sheet("missing_refs_hidden_rows_merges.xlsx", limits: limits) }
        #expect(columns?.kind == "limitExceeded")
        #expect(columns?.description.contains("--limits columns=N") == true)
    }

    @Test func truncatedWorkbook() {
        let error = sheetError { _ = try Fixture.reader("truncated.xlsx") }
        #expect(error?.kind == "malformed")
    }
}
