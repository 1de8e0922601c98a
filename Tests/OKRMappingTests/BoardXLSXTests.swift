import Foundation
import OKRCore
@testable import OKRMapping
import SheetIO
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

@Suite("The board-ready XLSX report")
struct BoardXLSXTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-board-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Converts a sample to the board through `ModelWriter`, as `okrsheet convert … board.xlsx` does.
    func board(_ name: String, language: String? = nil, in dir: URL) throws -> (OKRModel, String) {
        let model = try convert(sample(name)).model
        let path = dir.appendingPathComponent("board.xlsx").path
        var writer = ModelWriter()
        writer.language = language
        try writer.write(model, to: try OutputTarget(path, to: nil, allowed: ModelWriter.formats))
        return (model, path)
    }

    func cell(_ sheet: Sheet, _ ref: String) -> Cell? {
        guard let at = CellReference(ref), let row = sheet.rows.first(where: { $0.index == at.row }) else { return nil }
        return row.cells.first { $0.column == at.column }
    }

    func number(_ cell: Cell?) -> Double? {
        if case .number(let d)? = cell?.value { return d }
        return nil
    }

    @Test(arguments: ["okr-sjabloon.xlsx", "okr-voorbeelden-2026.xlsx"])
    func cachedValuesAreOKRCoresNumbers(name: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, path) = try board(name, in: dir)
        let reader = try XLSXReader(path: path, displayName: "board.xlsx")
        #expect(reader.sheets.map(\.name) == ["OKR", "Samenvatting"])
        let sheet = try reader.loadSheet(at: 0)
        #expect(cell(sheet, "A1")?.value == .text("OKR-rapport Q2 2026 (stand op 15-05-2026)"))
        #expect(cell(sheet, "B3")?.value == .text("Doelstelling / sleutelresultaat"))
        var row = 4
        var formulas = 0
        for objective in model.objectives {
            #expect(cell(sheet, "B\(row)")?.value == .text(objective.title))
            #expect(cell(sheet, "B\(row)")?.style?.bold == true)
            #expect(number(cell(sheet, "G\(row)")) == objective.progress, "G\(row)")
            #expect(number(cell(sheet, "H\(row)")) == objective.score, "H\(row)")
            if objective.progress != nil { #expect(cell(sheet, "G\(row)")?.formula?.hasPrefix("(MIN(1,N(G") == true) }
            #expect(cell(sheet, "I\(row)")?.value == objective.status.map { .text(ReportLabels(language: "nl").label($0)) } ?? .empty)
            row += 1
            for kr in objective.keyResults {
                #expect(cell(sheet, "B\(row)")?.value == .text(kr.title))
                #expect(number(cell(sheet, "G\(row)")) == kr.progress, "G\(row) \(kr.title)")
                #expect(number(cell(sheet, "H\(row)")) == kr.score, "H\(row)")
                if let formula = cell(sheet, "G\(row)")?.formula {
                    formulas += 1
                    #expect(formula.hasPrefix("IF(E\(row)=\"\",\"\","))
                    #expect(cell(sheet, "H\(row)")?.formula == "IF(G\(row)=\"\",\"\",ROUND(MIN(1,G\(row)),1))")
                    // The numbers in the sheet give the cached progress by OKRCore's rule.
                    var again = kr
                    again.start = number(cell(sheet, "D\(row)"))
                    again.current = number(cell(sheet, "E\(row)"))
                    again.target = number(cell(sheet, "F\(row)"))
                    #expect(DerivedFields.progress(of: again) == kr.progress, "G\(row)")
                } else {
                    #expect(kr.progress == nil, "G\(row) has no formula but OKRCore has a progress")
                }
                if let deadline = kr.deadline { #expect(cell(sheet, "J\(row)")?.value == .date(deadline)) }
                row += 1
            }
        }
        #expect(formulas > 0)
        let summary = try reader.loadSheet(at: 1)
        for (i, objective) in model.objectives.enumerated() {
            #expect(cell(summary, "A\(5 + i)")?.value == .text(objective.id))
            #expect(number(cell(summary, "D\(5 + i)")) == objective.progress)
        }
    }

    @Test func formulasFollowTheKindOfKeyResult() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, path) = try board("okr-sjabloon.xlsx", in: dir)
        let sheet = try XLSXReader(path: path, displayName: "board.xlsx").loadSheet(at: 0)
        #expect(cell(sheet, "G4")?.formula == "(MIN(1,N(G5)))/1")
        #expect(cell(sheet, "G5")?.formula == "IF(E5=\"\",\"\",MAX(0,(E5-D5)/(F5-D5)))")
        #expect(cell(sheet, "G9")?.formula == "IF(E9=\"\",\"\",IF(E9>=F9,1,MAX(0,(E9-D9)/(F9-D9))))")
        #expect(cell(sheet, "E5")?.style?.numberFormat == "0.0%")
        #expect(cell(sheet, "F9")?.style?.numberFormat == "\"≥ \"#,##0.0#")
        #expect(cell(sheet, "J5")?.style?.numberFormat == "dd-mm-yyyy")
        #expect(cell(sheet, "B7")?.value == .text("+1.200 leads"))
        #expect(cell(sheet, "B7")?.formula == nil)
        let examples = try board("okr-voorbeelden-2026.xlsx", in: dir)
        let rows = try XLSXReader(path: examples.1, displayName: "board.xlsx").loadSheet(at: 0)
        let formulas = rows.rows.flatMap(\.cells).compactMap(\.formula)
        // Milestones (1 or 0 shown as words), comparators that stay low, increases without a start.
        #expect(formulas.contains { $0.contains(">=1,1,0)") })
        #expect(formulas.contains { $0.contains("<F") && $0.hasSuffix(",1,0))") })
        #expect(formulas.contains { $0.contains("MAX(0,E") && !$0.contains("D") })
    }

    @Test func xmlHasTheBoardFeaturesInSchemaOrder() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, path) = try board("okr-voorbeelden-2026.xlsx", in: dir)
        let package = try ZipPackage(path: path, displayName: "board.xlsx")
        let sheet = String(decoding: try package.data(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
        let last = 3 + model.objectives.count + model.objectives.map(\.keyResults.count).reduce(0, +)
        let order = [#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#,
                     #"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#, "<cols>", "<sheetData>",
                     "<autoFilter ref=\"A3:J\(last)\"/>", "<conditionalFormatting sqref=\"G4:G\(last)\"><cfRule type=\"dataBar\"",
                     "<conditionalFormatting sqref=\"I4:I\(last)\"><cfRule type=\"cellIs\"",
                     "<cfRule type=\"expression\"", "<dataValidations count=\"1\"><dataValidation type=\"list\"",
                     "<formula1>\"Behaald,Op schema,Aandacht nodig,Achter op schema,Niet gestart\"</formula1>",
                     "<pageMargins ", #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#,
                     "<oddFooter>", "Pagina &amp;P van &amp;N</oddFooter>", "<extLst>", "<x14:dataBar "]
        var at = sheet.startIndex
        for piece in order {
            guard let found = sheet.range(of: piece, range: at..<sheet.endIndex) else {
                Issue.record("\(piece) missing or out of order")
                continue
            }
            at = found.upperBound
        }
        for status in ["Behaald", "Op schema", "Aandacht nodig", "Achter op schema", "Niet gestart"] {
            #expect(sheet.contains("operator=\"equal\"><formula>\"\(status)\"</formula>"))
        }
        let workbook = String(decoding: try package.data(of: "xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'OKR'!$3:$3</definedName>"#))
        let styles = String(decoding: try package.data(of: "xl/styles.xml"), as: UTF8.self)
        // Five status colours and the overdue deadline.
        #expect(styles.contains(#"<dxfs count="6">"#))
        #expect(package.contains("xl/charts/chart1.xml"))
        let summary = String(decoding: try package.data(of: "xl/worksheets/sheet2.xml"), as: UTF8.self)
        #expect(summary.contains(#"<drawing r:id="rId1"/>"#))
    }

    @Test(arguments: [("en", "OKR report Q2 2026 (as of 2026-05-15)", "Summary", "yyyy-mm-dd"),
                      ("fr", "Rapport OKR Q2 2026 (au 15-05-2026)", "Synthèse", "dd-mm-yyyy")])
    func labelsFollowTheLanguage(language: String, title: String, summary: String, dates: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, path) = try board("okr-sjabloon.xlsx", language: language, in: dir)
        let reader = try XLSXReader(path: path, displayName: "board.xlsx")
        #expect(reader.sheets.map(\.name) == ["OKR", summary])
        let sheet = try reader.loadSheet(at: 0)
        #expect(cell(sheet, "A1")?.value == .text(title))
        #expect(cell(sheet, "J5")?.style?.numberFormat == dates)
    }
}
