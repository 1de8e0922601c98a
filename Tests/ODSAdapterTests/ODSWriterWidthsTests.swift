import Foundation
import ODSAdapter
import SheetKit
import Testing
import XMLPackage

/// Column widths and validation lists, which `content.xml` must hold before its first sheet.
@Suite("Writing ODS: column widths and validation lists")
struct ODSWriterWidthsTests {
    static let statuses = ["Behaald", "Op \"schema\"", "Aandacht nodig"]

    /// Two sheets with widths (one shared), a validation list on the first, many rows on the second.
    func writeBook(to path: String, rows: Int = 20) throws {
        let writer = try ODSWriter(path: path)
        var layout = ODSSheetLayout()
        layout.columnWidths = [30, nil, 12, 12]
        layout.validations = [ODSValidation(range: CellRange("C2:C11")!, values: Self.statuses)]
        try writer.beginSheet(SheetInfo(name: "OKR's"), layout: layout)
        try writer.write(Row(index: 0, cells: [Cell(column: 0, value: .text("KR")), Cell(column: 2, value: .text("Status"))]))
        for i in 1...10 {
            try writer.write(Row(index: i, cells: [Cell(column: 0, value: .text("KR \(i)")), Cell(column: 2, value: .text(Self.statuses[i % 3]))]))
        }
        try writer.endSheet(SheetSummary())
        var second = ODSSheetLayout()
        second.columnWidths = [12]
        try writer.beginSheet(SheetInfo(name: "Data"), layout: second)
        for i in 0..<rows { try writer.write(Row(index: i, cells: [Cell(column: 0, value: .number(Double(i)))])) }
        try writer.endSheet(SheetSummary())
        try writer.finish()
    }

    func temporaryPath(_ suffix: String = ".ods") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-widths-\(UUID().uuidString)\(suffix)").path
    }

    @Test func widthsAndValidationsPrecedeTheFirstSheet() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeBook(to: path)
        let content = String(decoding: try ZipPackage(path: path, displayName: "w.ods").data(of: "content.xml"), as: UTF8.self)
        let firstTable = try #require(content.range(of: "<table:table ")).lowerBound
        let head = content[..<firstTable]
        #expect(head.contains(#"<style:style style:name="co1" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="5.7cm"/></style:style>"#))
        #expect(head.contains(#"style:name="co2" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="2.28cm"/>"#))
        #expect(!head.contains("co3"))
        #expect(head.contains(#"<table:content-validations><table:content-validation table:name="val1" table:condition="of:cell-content-is-in-list(&quot;Behaald&quot;;&quot;Op &quot;&quot;schema&quot;&quot;&quot;;&quot;Aandacht nodig&quot;)""#))
        #expect(head.contains(#"table:base-cell-address="'OKR''s'.C2""#))
        #expect(content.contains(#"<table:table-column table:style-name="co1"/><table:table-column/><table:table-column table:style-name="co2" table:number-columns-repeated="2"/><table:table-column table:number-columns-repeated="1020"/>"#))
        #expect(content.contains(#"<table:table-column table:style-name="co2"/><table:table-column table:number-columns-repeated="1023"/>"#))
        #expect(content.components(separatedBy: #"table:content-validation-name="val1""#).count == 11)
        #expect(content.hasSuffix("</table:table></office:spreadsheet></office:body></office:document-content>"))
        // The values still read back.
        let reader = try ODSReader(path: path, displayName: "w.ods")
        #expect(try reader.loadSheet(at: 0).rows[2].cells.map(\.value) == [.text("KR 2"), .text("Aandacht nodig")])
        #expect(try reader.loadSheet(at: 1).rows.count == 20)
    }

    @Test func manyRowsSpoolThroughTheTemporaryFile() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeBook(to: path, rows: 200_000)
        let rows = try ODSReader(path: path, displayName: "w.ods").loadSheet(at: 1).rows
        #expect(rows.count == 200_000)
        #expect(rows.last?.cells.first?.value == .number(199_999))
    }

    /// LibreOffice keeps both when it converts the file to XLSX (skipped where it is not installed).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")))
    func libreOfficeKeepsWidthsAndTheList() throws {
        let dir = temporaryPath("")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/book.ods"
        try writeBook(to: path)
        let soffice = Process()
        soffice.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        soffice.arguments = ["--headless", "-env:UserInstallation=file://\(dir)/profile", "--convert-to", "xlsx", "--outdir", dir, path]
        soffice.standardOutput = FileHandle.nullDevice
        soffice.standardError = FileHandle.nullDevice
        try soffice.run()
        soffice.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: dir + "/book.xlsx"))
        let check = """
        import openpyxl, sys
        ws = openpyxl.load_workbook(sys.argv[1])["OKR's"]
        print(round(ws.column_dimensions["A"].width, 1), round(ws.column_dimensions["C"].width, 1))
        for dv in ws.data_validations.dataValidation:
            print(dv.type, dv.sqref, dv.formula1)
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", check, dir + "/book.xlsx"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        let lines = output.split(separator: "\n").map(String.init)
        let widths = lines.first?.split(separator: " ").compactMap { Double($0) } ?? []
        #expect(widths.count == 2)
        if widths.count == 2 {
            #expect(abs(widths[0] - 30) < 3)
            #expect(abs(widths[1] - 12) < 2)
        }
        #expect(lines.contains { $0.hasPrefix("list C2:C11") && $0.contains("Behaald") })
    }
}
