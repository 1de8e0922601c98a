import ODSAdapter
import SheetKit
import Testing

/// Where cells go: merges and covered cells, hidden sheets and rows, repeats, namespaces, the sheet list.
@Suite struct ODSLayoutTests {
    @Test func spansBecomeMergesAndCoveredCellsKeepTheirValues() throws {
        let reader = try ODSFixture.open("merges_and_covered_cells.ods")
        let sheet = try reader.loadSheet(at: 0)
        #expect(sheet.merges.map(\.description) == ["A1:B2", "C2:E2"])
        #expect(sheet[CellReference(row: 0, column: 0)] == .text("big"))
        #expect(sheet[CellReference(row: 1, column: 2)] == .text("wide"))
        #expect(sheet[CellReference(row: 2, column: 1)] == .text("kept"))
        #expect(sheet.canonicalGrid == [["big", "", "C1"], ["", "", "wide"], ["A3", "kept", ""]])
    }

    @Test func hiddenSheetsComeFromTheirTableStyle() throws {
        let reader = try ODSFixture.open("hidden_sheets_and_rows.ods")
        #expect(reader.sheets == [SheetInfo(name: "Hidden", hidden: true), SheetInfo(name: "Visible"), SheetInfo(name: "P&L 2026")])
        #expect(reader.defaultSheetIndex == 1)
    }

    @Test func collapsedAndFilteredRowsAreHidden() throws {
        let rows = try ODSFixture.rows("hidden_sheets_and_rows.ods", sheet: "Visible")
        #expect(rows.map(\.hidden) == [false, true, true, false])
        #expect(rows.map { $0[0] } == [.text("shown"), .text("collapsed"), .text("filtered"), .text("visible")])
    }

    @Test func repeatedValuesAreExpandedAndEmptyRepeatsSkipped() throws {
        let reader = try ODSFixture.open("repeated_cells_and_rows.ods")
        let sheet = try reader.loadSheet(at: 0)
        #expect(sheet.rows.map(\.index) == [0, 1, 2, 6])
        #expect(sheet.rows[0].cells.map(\.column) == [0, 1, 2, 5])
        #expect(sheet.canonicalGrid[0] == ["x", "x", "x", "", "", "5"])
        #expect(sheet.rows[1][0] == .number(7) && sheet.rows[2][0] == .number(7))
        #expect(sheet.rows[3][0] == .text("after the gap"))
        let summary = try reader.readSheet(at: 0) { _ in }
        #expect(summary.usedRows == 7 && summary.usedColumns == 6 && summary.rowCount == 4)
    }

    @Test func namespacesAreResolvedByURINotPrefix() throws {
        let reader = try ODSFixture.open("other_namespace_prefixes.ods")
        // `table:table` here is bound to another namespace: not a sheet.
        #expect(reader.sheets == [SheetInfo(name: "Eerste"), SheetInfo(name: "Tweede", hidden: true)])
        let sheet = try reader.loadSheet(at: 0)
        #expect(sheet.canonicalGrid == [["42", "tekst  hier"], ["twice", ""], ["twice", ""]])
    }

    @Test func sheetsThatMetaXMLDoesNotCountAreFoundWhenTheLastIsRead() throws {
        let reader = try ODSFixture.open("meta_counts_fewer_sheets.ods")
        #expect(reader.sheets.map(\.name) == ["One"])
        #expect(try reader.loadSheet(at: 0).canonicalGrid == [["first"]])
        #expect(reader.sheets.map(\.name) == ["One", "Two"])
        #expect(reader.warnings.count == 1)
        #expect(try reader.loadSheet(at: 1).canonicalGrid == [["second"]])
    }

    @Test func eachSheetReadsOnlyItsOwnRows() throws {
        let reader = try ODSFixture.open("hidden_sheets_and_rows.ods")
        #expect(try reader.loadSheet(at: 0).canonicalGrid == [["secret"]])
        #expect(try reader.loadSheet(at: 2).canonicalGrid == [["1"]])
        #expect(try reader.loadSheet(at: 1).rows.count == 4)
    }
}
