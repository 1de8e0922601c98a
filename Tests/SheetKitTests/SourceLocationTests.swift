import SheetKit
import Testing

@Suite("Locations print like a compiler's")
struct SourceLocationTests {
    @Test func printsEachShape() {
        #expect(SheetKit.SourceLocation.cell("okr.xlsx", sheet: "OKR", row: 6, column: 2).description == "okr.xlsx:OKR!C7")
        #expect(SheetKit.SourceLocation.cell("okr.xlsx", sheet: "OKR").description == "okr.xlsx:OKR")
        #expect(SheetKit.SourceLocation.cell("okr.xlsx", sheet: nil, row: 0, column: 0).description == "okr.xlsx:A1")
        #expect(SheetKit.SourceLocation.text("grootboek.csv", line: 1234, column: 6).description == "grootboek.csv:1234:6")
        #expect(SheetKit.SourceLocation.text("rules.yaml", line: 14).description == "rules.yaml:14")
        let error = SheetError.malformed(.cell("okr.xlsx", sheet: "OKR", row: 6, column: 2), "\"12,3,4\" is not a number")
        #expect(error.description == "okr.xlsx:OKR!C7: error: \"12,3,4\" is not a number")
    }

    @Test func limitErrorsSayHowToRaise() {
        let error = SheetError.limitExceeded(SheetKit.SourceLocation(file: "big.csv"), limit: "CSV field size (16 MiB)",
                                             value: "a field of 17 MiB", howToRaise: Limits.howToRaise("csv-field-bytes"))
        #expect(error.description.contains("--limits csv-field-bytes="))
    }
}
