import Foundation
import ODSAdapter
import OKRCore
@testable import OKRMapping
import SheetIO
import SheetKit
import Testing
import XMLPackage

@Suite("The board-ready ODS report")
struct BoardODSTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-boardods-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Converts a sample to the board through `ModelWriter`, as `okrsheet convert … board.ods` does.
    func board(_ name: String, in dir: URL) throws -> (OKRModel, String) {
        let model = try convert(sample(name)).model
        let path = dir.appendingPathComponent("board.ods").path
        try ModelWriter().write(model, to: try OutputTarget(path, to: nil, allowed: ModelWriter.formats))
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
        let reader = try ODSReader(path: path, displayName: "board.ods")
        #expect(reader.sheets.map(\.name) == ["OKR", "Samenvatting"])
        let sheet = try reader.loadSheet(at: 0)
        #expect(cell(sheet, "B3")?.value == .text("Doelstelling / sleutelresultaat"))
        var row = 4
        for objective in model.objectives {
            #expect(cell(sheet, "B\(row)")?.value == .text(objective.title))
            #expect(number(cell(sheet, "G\(row)")) == objective.progress, "G\(row)")
            #expect(number(cell(sheet, "H\(row)")) == objective.score, "H\(row)")
            if objective.progress != nil { #expect(cell(sheet, "G\(row)")?.formula?.contains("MIN(1;N([.G") == true) }
            row += 1
            for kr in objective.keyResults {
                #expect(number(cell(sheet, "G\(row)")) == kr.progress, "G\(row) \(kr.title)")
                #expect(number(cell(sheet, "H\(row)")) == kr.score, "H\(row)")
                if let formula = cell(sheet, "G\(row)")?.formula { #expect(formula.contains("IF([.E\(row)]=\"\";\"\";")) }
                row += 1
            }
        }
        let content = String(decoding: try ZipPackage(path: path, displayName: "board.ods").data(of: "content.xml"), as: UTF8.self)
        let head = try #require(content.range(of: "<table:table ").map { content[..<$0.lowerBound] })
        #expect(head.contains(#"style:family="table-column""#))
        #expect(head.contains("<table:content-validation table:name=\"val1\" table:condition=\"of:cell-content-is-in-list(&quot;Behaald&quot;"))
        #expect(content.contains("table:content-validation-name=\"val1\""))
        #expect(content.contains("<calcext:data-bar"))
        #expect(content.contains("table:formula=\"of:=[$OKR.G4]\""))
        #expect(content.contains("<table:table-header-rows>"))
    }

    /// The print setup, fonts, borders, row heights, autofilter and the overdue rule reach the ODS parts.
    @Test func printSetupAndLookCarryOver() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, path) = try board("okr-voorbeelden-2026.xlsx", in: dir)
        let package = try ZipPackage(path: path, displayName: "board.ods")
        let styles = String(decoding: try package.data(of: "styles.xml"), as: UTF8.self)
        let content = String(decoding: try package.data(of: "content.xml"), as: UTF8.self)
        // Landscape A4, one page wide, the footer with page x of y; the sheets' table styles name it.
        #expect(styles.contains(#"fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape""#))
        #expect(styles.contains(#"style:scale-to-X="1" style:scale-to-Y="0""#))
        #expect(styles.contains(#"<style:region-right><text:p>Pagina <text:page-number>1</text:page-number> van <text:page-count>1</text:page-count></text:p></style:region-right>"#), "\(styles)")
        #expect(content.contains(#"style:family="table" style:master-page-name="MP1""#))
        // The title's size, the header's white bold text on its fill with borders, wrapped and indented cells.
        #expect(styles.contains(#"fo:font-size="14pt""#) || styles.contains(#"fo:font-size="16pt""#))
        #expect(styles.contains(##"fo:color="#FFFFFF""##))
        #expect(styles.contains(##"fo:border-bottom="1.76pt solid #1F4E78""##))
        #expect(styles.contains(#"fo:wrap-option="wrap""#))
        #expect(styles.contains(#"fo:margin-left="0.3cm""#))
        // Row heights, the autofilter and the overdue-deadline rule.
        #expect(content.contains(#"style:family="table-row"><style:table-row-properties style:row-height="22pt""#))
        #expect(content.contains(#"<table:database-range table:name="__Anonymous_Sheet_DB__0" table:target-range-address="OKR.A3:OKR.J"#))
        #expect(content.contains(#"calcext:value="formula-is(AND(ISNUMBER([.J4]);[.J4]&lt;DATE(2026;5;15);[.$I4]&lt;&gt;&quot;Behaald&quot;))""#), "\(content.prefix(4000))")
    }

    /// python-calamine reads the same cached values (skipped where python3 or the module is missing).
    @Test func calamineReadsTheCachedValues() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (model, path) = try board("okr-voorbeelden-2026.xlsx", in: dir)
        let script = """
        import sys
        try:
            from python_calamine import CalamineWorkbook
        except ImportError:
            print("skip"); sys.exit(0)
        rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("OKR").to_python()
        for r in rows[3:]:
            print(repr(r[6]) if r[6] != "" else "-")
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        python.standardOutput = pipe
        guard (try? python.run()) != nil else { return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        guard output != "skip\n" else { return }
        let expected = model.objectives.flatMap { [$0.progress] + $0.keyResults.map(\.progress) }
        let read = output.split(separator: "\n").map { Double($0) }
        #expect(read.count == expected.count)
        for (got, want) in zip(read, expected) { #expect(got == want) }
    }
}
