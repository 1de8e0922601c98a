import ODSAdapter
import SheetKit
import Testing

/// Files as LibreOffice really saves them (made by Fixtures/make_libreoffice_fixtures.sh).
@Suite struct ODSLibreOfficeFileTests {
    @Test func savedFeatures() throws {
        let reader = try ODSFixture.open("libreoffice_saved_features.ods")
        #expect(reader.sheets == [SheetInfo(name: "OKR"), SheetInfo(name: "Verborgen", hidden: true)])
        let sheet = try reader.loadSheet(at: 0)
        #expect(sheet.canonicalGrid == [
            ["Key result", "Start", "Current", "Progress"],
            ["Conversie\nnaar 25%", "0.18", "0.21", "0.428571428571429"],
            ["Omzet  €", "1200.5", "2026-06-30", "14:30:00"],
            ["TRUE", "#DIV/0!", "0.39", ""],
            ["merged", "", "7", "7"],
        ])
        #expect(sheet.rows.map(\.hidden) == [false, false, false, true, false])
        #expect(sheet.merges.map(\.description) == ["A5:B5"])
        let progress = ODSFixture.cell(sheet.rows, 1, 3)
        #expect(progress?.formula == "([.C2]-[.B2])/(0.25-[.B2])")
        #expect(ODSFixture.cell(sheet.rows, 3, 1)?.value == .error("#DIV/0!"))
        #expect(ODSFixture.cell(sheet.rows, 3, 1)?.formula == "1/0")
        #expect(ODSFixture.cell(sheet.rows, 1, 1)?.style?.numberFormat == "0%")
        #expect(try reader.loadSheet(at: 1).canonicalGrid == [["hidden sheet"]])
    }

    @Test func savedFromCSV() throws {
        let reader = try ODSFixture.open("libreoffice_saved_from_csv.ods")
        #expect(reader.sheets.map(\.name) == ["libreoffice_saved_from_csv"])
        let sheet = try reader.loadSheet(at: 0)
        #expect(sheet.canonicalGrid == [
            ["Datum", "Omschrijving", "Bedrag"],
            ["2026-06-30", "Huur juni", "1200.5"],
            ["2026-07-01", "Energie, juli", "-35.25"],
        ])
        #expect(sheet.rows[1][0] == .date(CivilDate(year: 2026, month: 6, day: 30)))
    }
}
