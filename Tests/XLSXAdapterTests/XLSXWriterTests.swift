import Foundation
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

@Suite("Writing XLSX")
struct XLSXWriterTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-xlsxw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let bold = CellStyle(numberFormat: "0.0%", bold: true, fill: "FFEB9C")
    static let rows: [Row] = [
        Row(index: 0, cells: [Cell(column: 0, value: .text("Tekst")), Cell(column: 1, value: .text("Getal")), Cell(column: 2, value: .text("Datum"))]),
        Row(index: 1, cells: [
            Cell(column: 0, value: .text("  spaties & <tekens> \"ok\"  ")), Cell(column: 1, value: .number(1200.5)),
            Cell(column: 2, value: .date(CivilDate(year: 2026, month: 6, day: 30))),
            Cell(column: 3, value: .dateTime(CivilDateTime(date: CivilDate(year: 2026, month: 6, day: 30), secondsOfDay: 50_400))),
            Cell(column: 4, value: .time(50_400)), Cell(column: 5, value: .duration(123_010)),
        ]),
        Row(index: 3, cells: [
            Cell(column: 0, value: .text("=SUM(A1:A2)")), Cell(column: 1, value: .bool(true)), Cell(column: 2, value: .error("#N/A")),
            Cell(column: 3, value: .number(0.25), style: bold), Cell(column: 4, value: .number(6), formula: "SUM(B2:B3)"),
            Cell(column: 5, value: .text("regel 1\nregel 2\u{1}_x000D_")),
        ], hidden: true),
        Row(index: 4, cells: [Cell(column: 0, value: .text("Tekst")), Cell(column: 16_383, value: .number(-0.5))]),
    ]

    func write(_ rows: [Row], to path: String, sheets: [SheetInfo] = [SheetInfo(name: "Blad 1")], merges: [CellRange] = []) throws {
        let writer = try XLSXWriter(path: path)
        for info in sheets {
            try writer.beginSheet(info)
            for row in rows { try writer.write(row) }
            try writer.endSheet(SheetSummary(merges: merges))
        }
        try writer.finish()
    }

    @Test func roundTripsEveryKindOfValue() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("round.xlsx").path
        try write(Self.rows, to: path, sheets: [SheetInfo(name: "Blad 1"), SheetInfo(name: "Verborgen", hidden: true)],
                  merges: [CellRange("A1:B1")!])
        let reader = try XLSXReader(path: path, displayName: "round.xlsx")
        #expect(reader.sheets == [SheetInfo(name: "Blad 1"), SheetInfo(name: "Verborgen", hidden: true)])
        var read: [Row] = []
        let summary = try reader.readSheet(at: 0) { read.append($0) }
        #expect(summary.merges == [CellRange("A1:B1")!])
        #expect(read.map(\.index) == [0, 1, 3, 4])
        #expect(read[2].hidden)
        for (written, got) in zip(Self.rows, read) {
            #expect(got.cells.map(\.value) == written.cells.map(\.value), "row \(written.index + 1)")
        }
        #expect(read[2].cells[4].formula == "SUM(B2:B3)")
        #expect(read[2].cells[3].style?.bold == true)
        #expect(read[2].cells[3].style?.fill == "FFEB9C")
        #expect(read[2].cells[3].style?.numberFormat == "0.0%")
    }

    @Test func sharedStringsCountEveryUse() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sst.xlsx").path
        try write(Self.rows, to: path)
        let package = try ZipPackage(path: path, displayName: "sst.xlsx")
        let sst = String(decoding: try package.data(of: "xl/sharedStrings.xml"), as: UTF8.self)
        // "Tekst" is used twice; the text that looks like a formula is a string, not a formula.
        #expect(sst.contains("count=\"7\" uniqueCount=\"6\""))
        #expect(sst.contains("<t>=SUM(A1:A2)</t>"))
        #expect(sst.contains("_x0001__x005F_x000D_"))
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "docProps/core.xml", "docProps/app.xml", "xl/worksheets/sheet1.xml"] {
            #expect(package.contains(part), "\(part)")
        }
        let sheet = String(decoding: try package.data(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.range(of: "<sheetData>")!.lowerBound < sheet.range(of: "<pageMargins")!.lowerBound)
    }

    @Test(arguments: [
        ("", "empty"), (String(repeating: "x", count: 32), "31 characters"), ("Q2/Q3", "\"/\""), ("[OKR]", "\"[\""),
        ("'OKR", "apostrophe"), ("blad 1", "already has a sheet"),
    ])
    func enforcesSheetNameRules(name: String, mentions: String) throws {
        let problem = XLSXWriter.validate(sheetName: name, existing: ["Blad 1"])
        #expect(problem?.contains(mentions) == true, "\(problem ?? "accepted")")
    }

    @Test func makesValidNamesFromFileNames() {
        #expect(XLSXWriter.sheetName(from: "grootboek 2026/Q2 [export]", existing: []) == "grootboek 2026_Q2 _export_")
        #expect(XLSXWriter.sheetName(from: String(repeating: "a", count: 40), existing: []).count == 31)
        #expect(XLSXWriter.sheetName(from: "OKR", existing: ["okr"]) == "OKR (2)")
    }

    @Test func refusesOverlongCellsAndLeavesNoFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("long.xlsx").path
        #expect(throws: SheetError.self) {
            try write([Row(index: 0, cells: [Cell(column: 0, value: .text(String(repeating: "x", count: 32_768)))])], to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
