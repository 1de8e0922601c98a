import Foundation
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

@Suite("Writing XLSX sheet layouts")
struct XLSXLayoutWriterTests {
    /// The worksheet children the layout writes, in the order of the schema's CT_Worksheet.
    static let worksheetOrder = ["<sheetPr>", "<sheetViews>", "<cols>", "<sheetData>", "<autoFilter ", "<mergeCells ",
                                 "<conditionalFormatting ", "<dataValidations ", "<printOptions ", "<pageMargins ",
                                 "<pageSetup ", "<headerFooter>", "<rowBreaks ", "<drawing ", "<extLst><ext uri=\"{78C0D931"]

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static var layout: XLSXSheetLayout {
        var layout = XLSXSheetLayout()
        layout.columnWidths = [30, nil, 12.5]
        layout.frozenRows = 1
        layout.autoFilter = CellRange("A1:C3")
        let green = XLSXDifferentialFormat(fontColor: "006100", fill: "C6EFCE")
        layout.conditionalFormats = [
            XLSXConditionalFormat(range: CellRange("B2:B3")!, rule: .dataBar(minimum: 0, maximum: 1, color: "5B9BD5")),
            XLSXConditionalFormat(range: CellRange("C2:C3")!, rule: .cellIs(operator: "equal", formula: "\"Behaald\"", format: green)),
            XLSXConditionalFormat(range: CellRange("A2:A3")!, rule: .expression(formula: "LEN(A2)>3", format: .init(bold: true))),
        ]
        layout.dataValidations = [XLSXDataValidation(range: CellRange("C2:C3")!, values: ["Behaald", "Op \"schema\""])]
        layout.print = .init(landscape: true, fitToWidth: 1, fitToHeight: 0, titleRows: 0...0, footer: "&LR&&D&RPagina &P van &N")
        layout.pageBreaksBefore = [1]
        layout.chart = XLSXBarChart(title: "Voortgang", sheet: "Q2 'A' board", categories: CellRange("A2:A3")!, values: CellRange("B2:B3")!,
                                    seriesName: "Voortgang", maximum: 1, cachedCategories: ["O1", "O2"], cachedValues: [0.5, 0.25],
                                    numberFormat: "0%", anchor: CellRange("E2:K15")!)
        return layout
    }

    static let header = XLSXCellFormat(font: .init(bold: true, size: 12, color: "FFFFFF"), fill: "1F4E78",
                                       border: .init(bottom: "medium", color: "1F4E78"), alignment: .init(horizontal: "left", wrap: true))
    static let indented = XLSXCellFormat(alignment: .init(horizontal: "left", indent: 1))

    func writeBoard(to path: String) throws {
        let writer = try XLSXWriter(path: path)
        try writer.beginSheet(SheetInfo(name: "Q2 'A' board"), layout: Self.layout)
        try writer.write(XLSXRow(index: 0, cells: ["Doel", "Voortgang", "Status"].enumerated().map {
            XLSXRow.Cell(column: $0.offset, value: .text($0.element), format: Self.header)
        }, height: 30))
        try writer.write(XLSXRow(index: 1, cells: [
            XLSXRow.Cell(column: 0, value: .text("Omzet"), format: Self.indented),
            XLSXRow.Cell(column: 1, value: .number(0.5), formula: "IF(A2=\"\",\"\",MAX(0,(7-6)/(8-6)))", format: .init(numberFormat: "0%")),
            XLSXRow.Cell(column: 2, value: .text("Behaald")),
        ]))
        try writer.write(XLSXRow(index: 2, cells: [
            XLSXRow.Cell(column: 0, value: .date(CivilDate(year: 2026, month: 6, day: 30))),
            XLSXRow.Cell(column: 1, value: .text(""), formula: "IF(TRUE,\"\",1)"),
        ]))
        try writer.endSheet(SheetSummary(merges: [CellRange("A4:B4")!]))
        try writer.beginSheet(SheetInfo(name: "Plain"))
        try writer.write(Row(index: 0, cells: [Cell(column: 0, value: .text("x"))]))
        try writer.endSheet(SheetSummary())
        try writer.finish()
    }

    func text(_ package: ZipPackage, _ part: String) throws -> String {
        String(decoding: try package.data(of: part), as: UTF8.self)
    }

    @Test func readsBackValuesFormulasAndFormats() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("layout.xlsx").path
        try writeBoard(to: path)
        let reader = try XLSXReader(path: path, displayName: "layout.xlsx")
        #expect(reader.sheets.map(\.name) == ["Q2 'A' board", "Plain"])
        let sheet = try reader.loadSheet(at: 0)
        #expect(Fixture.cell(sheet, "A1")?.value == .text("Doel"))
        #expect(Fixture.cell(sheet, "A1")?.style?.bold == true)
        #expect(Fixture.cell(sheet, "A1")?.style?.fill == "1F4E78")
        #expect(Fixture.cell(sheet, "B2")?.value == .number(0.5))
        #expect(Fixture.cell(sheet, "B2")?.formula == "IF(A2=\"\",\"\",MAX(0,(7-6)/(8-6)))")
        #expect(Fixture.cell(sheet, "B2")?.style?.numberFormat == "0%")
        #expect(Fixture.cell(sheet, "A3")?.value == .date(CivilDate(year: 2026, month: 6, day: 30)))
        #expect(Fixture.cell(sheet, "B3")?.formula == "IF(TRUE,\"\",1)")
        // A formula that shows nothing keeps an empty text as its cached value.
        #expect(Fixture.cell(sheet, "B3")?.value == .text(""))
        #expect(try reader.loadSheet(at: 1).rows.count == 1)
    }

    @Test func writesWorksheetChildrenInSchemaOrder() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("order.xlsx").path
        try writeBoard(to: path)
        let package = try ZipPackage(path: path, displayName: "order.xlsx")
        let sheet = try text(package, "xl/worksheets/sheet1.xml")
        var last = sheet.startIndex
        for tag in Self.worksheetOrder {
            guard let found = sheet.range(of: tag) else {
                Issue.record("\(tag) missing")
                continue
            }
            #expect(found.lowerBound >= last, "\(tag) out of CT_Worksheet order")
            last = found.lowerBound
        }
        #expect(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="1" max="1" width="30" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/>"#))
        #expect(sheet.contains(#"<row r="1" ht="30" customHeight="1">"#))
        #expect(sheet.contains(#"<autoFilter ref="A1:C3"/>"#))
        #expect(sheet.contains(#"<cfRule type="cellIs" dxfId="0" priority="2" operator="equal"><formula>"Behaald"</formula></cfRule>"#))
        #expect(sheet.contains(#"<cfRule type="expression" dxfId="1" priority="3"><formula>LEN(A2)&gt;3</formula></cfRule>"#))
        #expect(sheet.contains(#"<formula1>"Behaald,Op ""schema"""</formula1>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))
        #expect(sheet.contains("<oddFooter>&amp;LR&amp;&amp;D&amp;RPagina &amp;P van &amp;N</oddFooter>"))
        #expect(sheet.contains(#"<rowBreaks count="1" manualBreakCount="1"><brk id="1" max="16383" man="1"/></rowBreaks>"#))
        #expect(sheet.contains(#"<drawing r:id="rId1"/>"#))
        // The data bar: the 2007 rule points at its x14 twin by id.
        let id = "{0E5A7C1D-0B0A-4D00-8000-000000000001}"
        #expect(sheet.contains("<x14:id>\(id)</x14:id>"))
        #expect(sheet.contains("<x14:cfRule type=\"dataBar\" id=\"\(id)\">"))
        #expect(sheet.contains("<xm:sqref>B2:B3</xm:sqref>"))
        // A sheet without a layout keeps the plain shape.
        let plain = try text(package, "xl/worksheets/sheet2.xml")
        #expect(!plain.contains("<sheetViews>") && !plain.contains("<cols>") && !plain.contains("<extLst>") && !plain.contains("<sheetPr>"))
    }

    @Test func writesStylesNamesAndChartParts() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("parts.xlsx").path
        try writeBoard(to: path)
        let package = try ZipPackage(path: path, displayName: "parts.xlsx")
        let styles = try text(package, "xl/styles.xml")
        #expect(styles.contains(#"<font><b/><sz val="12"/><color rgb="FFFFFFFF"/><name val="Calibri"/>"#))
        #expect(styles.contains(#"<bottom style="medium"><color rgb="FF1F4E78"/></bottom>"#))
        #expect(styles.contains(#"<alignment horizontal="left" indent="1"/>"#))
        #expect(styles.contains(#"<alignment horizontal="left" wrapText="1"/>"#))
        #expect(styles.contains(#"<dxfs count="2"><dxf><font><color rgb="FF006100"/></font>"#))
        let workbook = try text(package, "xl/workbook.xml")
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Q2 ''A'' board'!$1:$1</definedName>"#))
        #expect(workbook.contains(#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Q2 ''A'' board'!$A$1:$C$3</definedName>"#))
        #expect(workbook.range(of: "</sheets><definedNames>") != nil)
        for part in ["xl/drawings/drawing1.xml", "xl/charts/chart1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/drawings/_rels/drawing1.xml.rels"] {
            #expect(package.contains(part), "\(part)")
        }
        let types = try text(package, "[Content_Types].xml")
        #expect(types.contains(#"<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#))
        #expect(types.contains(#"<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>"#))
        let chart = try text(package, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:f>'Q2 ''A'' board'!$B$2:$B$3</c:f>"))
        #expect(chart.contains(#"<c:pt idx="1"><c:v>0.25</c:v></c:pt>"#))
        #expect(chart.contains(#"<c:max val="1"/><c:min val="0"/>"#))
    }
}
