import SheetKit
import Testing

@Suite("A1 references")
struct CellReferenceTests {
    @Test(arguments: [
        ("A1", 0, 0), ("Z1", 0, 25), ("AA1", 0, 26), ("AZ10", 9, 51), ("BA2", 1, 52),
        ("XFD1048576", 1_048_575, 16_383), ("$C$7", 6, 2), ("c7", 6, 2),
    ])
    func parsesAndPrints(text: String, row: Int, column: Int) {
        let ref = CellReference(text)
        #expect(ref == CellReference(row: row, column: column))
        #expect(ref?.description == text.replacingOccurrences(of: "$", with: "").uppercased())
    }

    @Test(arguments: ["", "A", "1", "A0", "XFE1", "A1048577", "AAAA1", "A1B", "1A", "A-1", "A12345678"])
    func refusesWhatIsNotACell(text: String) {
        #expect(CellReference(text) == nil)
    }

    @Test func columnNamesRoundTrip() {
        for column in 0..<CellReference.maxColumns {
            #expect(CellReference.columnIndex(CellReference.columnName(column)) == column)
        }
        #expect(CellReference.columnName(16_383) == "XFD")
    }

    @Test func rangesNormaliseTheirCorners() {
        let range = CellRange("C3:A1")
        #expect(range?.description == "A1:C3")
        #expect(range?.contains(CellReference(row: 1, column: 1)) == true)
        #expect(range?.contains(CellReference(row: 3, column: 1)) == false)
        #expect(CellRange("B2")?.description == "B2")
        #expect(CellRange("A1:") == nil)
    }
}
