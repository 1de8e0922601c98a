import Foundation
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

@Suite("Patching XLSX")
struct XLSXPatcherTests {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-xlsxp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A package with the given worksheet XML (sheet 1) and shared strings, plus the parts a workbook
    /// needs; `extra` parts are added as they are.
    static func package(sheet: String, strings: [String] = [], workbook: String? = nil, calcChain: Bool = false,
                        extra: [(String, [UInt8])] = [], at path: String) throws {
        let out = try AtomicOutputFile(path: path)
        let zip = ZipWriter(sink: out.writer)
        var types = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            + #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        if calcChain {
            types += #"<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>"#
        }
        types += "</Types>"
        try zip.add(name: "[Content_Types].xml", bytes: Array(types.utf8))
        try zip.add(name: "_rels/.rels", bytes: Array((header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).utf8))
        try zip.add(name: "xl/workbook.xml", bytes: Array((workbook ?? (header + #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets>"#
            + #"<sheet name="OKR" sheetId="1" r:id="rId1"/></sheets></workbook>"#)).utf8))
        var rels = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/>"#
            + #"<Relationship Id="rId2" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
        if calcChain { rels += #"<Relationship Id="rId3" Type="\#(rel)/calcChain" Target="calcChain.xml"/>"# }
        rels += "</Relationships>"
        try zip.add(name: "xl/_rels/workbook.xml.rels", bytes: Array(rels.utf8))
        try zip.add(name: "xl/worksheets/sheet1.xml", bytes: Array((header + sheet).utf8))
        let sst = strings.map { "<si><t>\($0)</t></si>" }.joined()
        try zip.add(name: "xl/sharedStrings.xml", bytes: Array((header + #"<sst xmlns="\#(main)" count="\#(strings.count)" uniqueCount="\#(strings.count)">\#(sst)</sst>"#).utf8))
        if calcChain {
            try zip.add(name: "xl/calcChain.xml", bytes: Array((header + #"<calcChain xmlns="\#(main)"><c r="C1" i="1"/></calcChain>"#).utf8))
        }
        for (name, bytes) in extra { try zip.add(name: name, bytes: bytes, compress: false) }
        try zip.finish()
        try out.commit()
    }

    func worksheet(_ sheetData: String) -> String {
        #"<worksheet xmlns="\#(XLSXPatcherTests.main)"><dimension ref="A1:D3"/><sheetData>\#(sheetData)</sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>"#
    }

    /// Patches `path` with `edits` ("B2" → value) into a new file and returns its path.
    @discardableResult
    func patch(_ path: String, _ edits: [(String, CellValue)], sheet: Int = 0, to output: String? = nil) throws -> String {
        let patcher = try XLSXPatcher(path: path, displayName: "book.xlsx")
        for (ref, value) in edits {
            let at = try #require(CellReference(ref))
            try patcher.setCell(sheet: sheet, row: at.row, column: at.column, to: value)
        }
        let out = output ?? path.replacingOccurrences(of: ".xlsx", with: "-patched.xlsx")
        try patcher.commit(to: out)
        return out
    }

    func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipPackage(path: path, displayName: "x").data(of: name), as: UTF8.self)
    }

    @Test func replacesOnlyTheSetCellsKeepingTheirStyle() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let data = #"<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>96500</v></c><c r="C1" s="3"><f>B1/2</f><v>48250</v></c></row>"#
            + #"<row r="2"><c r="A2" s="4" t="s"><v>1</v></c><c r="B2" s="5" t="inlineStr"><is><t>oud</t></is></c><c r="C2"/></row>"#
        try XLSXPatcherTests.package(sheet: worksheet(data), strings: ["Kwartaalomzet", "Lopend", "Op schema"], at: path)
        let out = try patch(path, [("B1", .number(182_103.48)), ("A2", .text("Op schema")), ("B2", .text("nieuw & <beter>")),
                                   ("C2", .bool(true))])
        let expected = #"<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>182103.48</v></c><c r="C1" s="3"><f>B1/2</f><v>48250</v></c></row>"#
            + #"<row r="2"><c r="A2" s="4" t="s"><v>2</v></c><c r="B2" s="5" t="inlineStr"><is><t>nieuw &amp; &lt;beter&gt;</t></is></c><c r="C2" t="b"><v>1</v></c></row>"#
        #expect(try part(out, "xl/worksheets/sheet1.xml") == XLSXPatcherTests.header + worksheet(expected))
        // The shared strings are not touched; the reader sees the new values.
        #expect(try part(out, "xl/sharedStrings.xml") == (try part(path, "xl/sharedStrings.xml")))
        let sheet = try XLSXReader(path: out, displayName: "out.xlsx").loadSheet(at: 0)
        #expect(Fixture.cell(sheet, "A2")?.value == .text("Op schema"))
        #expect(Fixture.cell(sheet, "B2")?.value == .text("nieuw & <beter>"))
        #expect(Fixture.cell(sheet, "C1")?.formula == "B1/2")
    }

    @Test func aTextNewToTheTableOrInANonSharedCellIsWrittenInline() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let data = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>"#
        try XLSXPatcherTests.package(sheet: worksheet(data), strings: ["Lopend", "Behaald"], at: path)
        let out = try patch(path, [("A1", .text(" Nieuw")), ("B1", .text("Behaald"))])
        let expected = #"<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> Nieuw</t></is></c><c r="B1" t="inlineStr"><is><t>Behaald</t></is></c></row>"#
        #expect(try part(out, "xl/worksheets/sheet1.xml") == XLSXPatcherTests.header + worksheet(expected))
    }

    @Test func insertsMissingCellsAndRowsInOrder() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let data = #"<row r="1" s="7" customFormat="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c></row>"#
            + #"<row r="3"><c r="A3"><v>3</v></c></row><row r="5" ht="20" customHeight="1"/>"#
        let sheet = #"<worksheet xmlns="\#(XLSXPatcherTests.main)"><cols><col min="5" max="6" width="12" style="9" customWidth="1"/></cols>"#
            + "<sheetData>\(data)</sheetData></worksheet>"
        try XLSXPatcherTests.package(sheet: sheet, at: path)
        let out = try patch(path, [("B1", .number(2)), ("F1", .number(6)), ("B2", .number(22)), ("E5", .number(55)), ("A9", .text("einde"))])
        let expected = #"<row r="1" s="7" customFormat="1"><c r="A1"><v>1</v></c><c r="B1" s="7"><v>2</v></c><c r="D1"><v>4</v></c><c r="F1" s="7"><v>6</v></c></row>"#
            + #"<row r="2"><c r="B2"><v>22</v></c></row>"#
            + #"<row r="3"><c r="A3"><v>3</v></c></row><row r="5" ht="20" customHeight="1"><c r="E5" s="9"><v>55</v></c></row>"#
            + #"<row r="9"><c r="A9" t="inlineStr"><is><t>einde</t></is></c></row>"#
        #expect(try part(out, "xl/worksheets/sheet1.xml") == XLSXPatcherTests.header
            + #"<worksheet xmlns="\#(XLSXPatcherTests.main)"><cols><col min="5" max="6" width="12" style="9" customWidth="1"/></cols>"#
            + "<sheetData>\(expected)</sheetData></worksheet>")
    }

    @Test func fillsAnEmptySheetDataAndCellsWithoutReferences() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.xlsx").path
        try XLSXPatcherTests.package(sheet: #"<worksheet xmlns="\#(XLSXPatcherTests.main)"><sheetData/></worksheet>"#, at: empty)
        let out = try patch(empty, [("B2", .number(1))])
        #expect(try part(out, "xl/worksheets/sheet1.xml").hasSuffix(#"<sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData></worksheet>"#))

        let bare = dir.appendingPathComponent("bare.xlsx").path
        try XLSXPatcherTests.package(sheet: #"<worksheet xmlns="\#(XLSXPatcherTests.main)"><sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData></worksheet>"#, at: bare)
        let patched = try patch(bare, [("B1", .number(20)), ("A2", .empty)])
        #expect(try part(patched, "xl/worksheets/sheet1.xml").hasSuffix(#"<sheetData><row><c><v>1</v></c><c r="B1"><v>20</v></c></row><row><c r="A2"/></row></sheetData></worksheet>"#))
    }

    @Test func everyOtherEntryIsCopiedAsStored() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let image: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + (0..<300).map { UInt8($0 % 251) }
        try XLSXPatcherTests.package(sheet: worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#), strings: ["x"],
                                     extra: [("xl/media/image1.png", image)], at: path)
        let out = try patch(path, [("A1", .number(2))])
        let before = try ZipPackage(path: path, displayName: "in"), after = try ZipPackage(path: out, displayName: "out")
        #expect(before.entryNames == after.entryNames)
        for entry in before.entries where entry.name != "xl/worksheets/sheet1.xml" {
            let copy = try #require(after.entry(named: entry.name))
            #expect(copy.crc32 == entry.crc32 && copy.compressedSize == entry.compressedSize && copy.method == entry.method, "\(entry.name)")
            #expect(try after.data(of: entry.name) == before.data(of: entry.name), "\(entry.name)")
        }
        // No formulas: the workbook part is not touched.
        #expect(try part(out, "xl/workbook.xml") == (try part(path, "xl/workbook.xml")))
    }

    @Test func aWorkbookWithFormulasIsSetToRecalculateOnOpen() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = #"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>"#
        let cases: [(String?, String)] = [
            (nil, #"<sheet name="OKR" sheetId="1" r:id="rId1"/></sheets><calcPr fullCalcOnLoad="1"/></workbook>"#),
            (#"<workbook xmlns="\#(XLSXPatcherTests.main)" xmlns:r="\#(XLSXPatcherTests.rel)"><sheets><sheet name="OKR" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/><extLst/></workbook>"#,
             #"<calcPr calcId="191029" fullCalcOnLoad="1"/><extLst/></workbook>"#),
            (#"<x:workbook xmlns:x="\#(XLSXPatcherTests.main)" xmlns:r="\#(XLSXPatcherTests.rel)"><x:sheets><x:sheet name="OKR" sheetId="1" r:id="rId1"/></x:sheets><x:extLst/></x:workbook>"#,
             #"</x:sheets><x:calcPr fullCalcOnLoad="1"/><x:extLst/></x:workbook>"#),
            (#"<workbook xmlns="\#(XLSXPatcherTests.main)" xmlns:r="\#(XLSXPatcherTests.rel)"><sheets><sheet name="OKR" sheetId="1" r:id="rId1"/></sheets><calcPr fullCalcOnLoad='0'></calcPr></workbook>"#,
             #"<calcPr fullCalcOnLoad="1"></calcPr></workbook>"#),
        ]
        for (i, (workbook, ending)) in cases.enumerated() {
            let path = dir.appendingPathComponent("book\(i).xlsx").path
            try XLSXPatcherTests.package(sheet: worksheet(data), workbook: workbook.map { XLSXPatcherTests.header + $0 }, at: path)
            let out = try patch(path, [("A1", .number(5))])
            let workbookXML = try part(out, "xl/workbook.xml")
            #expect(workbookXML.hasSuffix(ending), "case \(i): \(workbookXML)")
            // Already set: the second patch leaves the part alone.
            let again = try patch(out, [("A1", .number(6))], to: dir.appendingPathComponent("again\(i).xlsx").path)
            #expect(try part(again, "xl/workbook.xml") == (try part(out, "xl/workbook.xml")))
        }
    }

    @Test func theCalculationChainGoesOnlyWhenAFormulaIsOverwritten() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let data = #"<row r="1"><c r="A1"><v>1</v></c><c r="C1"><f>A1*2</f><v>2</v></c></row>"#
        try XLSXPatcherTests.package(sheet: worksheet(data), calcChain: true, at: path)
        let kept = try patch(path, [("A1", .number(5))])
        #expect(try ZipPackage(path: kept, displayName: "k").contains("xl/calcChain.xml"))
        #expect(try part(kept, "[Content_Types].xml") == (try part(path, "[Content_Types].xml")))

        let dropped = try patch(path, [("C1", .number(10))], to: dir.appendingPathComponent("dropped.xlsx").path)
        let package = try ZipPackage(path: dropped, displayName: "d")
        #expect(!package.contains("xl/calcChain.xml"))
        #expect(!(try part(dropped, "[Content_Types].xml")).contains("calcChain"))
        #expect(!(try part(dropped, "xl/_rels/workbook.xml.rels")).contains("calcChain"))
        #expect(try part(dropped, "xl/_rels/workbook.xml.rels").contains("sharedStrings.xml"))
        #expect(try part(dropped, "xl/worksheets/sheet1.xml").contains(#"<c r="C1"><v>10</v></c>"#))
    }

    @Test func patchingTwiceGivesTheSameBytes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try XLSXPatcherTests.package(sheet: worksheet(#"<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>"#), at: path)
        let first = try patch(path, [("B1", .number(3)), ("A4", .text("x"))], to: dir.appendingPathComponent("1.xlsx").path)
        let second = try patch(path, [("B1", .number(3)), ("A4", .text("x"))], to: dir.appendingPathComponent("2.xlsx").path)
        let third = try patch(first, [("B1", .number(3)), ("A4", .text("x"))], to: dir.appendingPathComponent("3.xlsx").path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: third))))
    }

    @Test func patchesInPlace() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try XLSXPatcherTests.package(sheet: worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#), at: path)
        try patch(path, [("A1", .number(7))], to: path)
        #expect(Fixture.cell(try XLSXReader(path: path, displayName: "b").loadSheet(at: 0), "A1")?.value == .number(7))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["book.xlsx"])
    }

    @Test func prefixedElementsAndForeignCellsAreTold() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try patch(Fixture.path("strict_namespaces_x_prefix.xlsx"), [("C1", .number(3)), ("B1", .text("twee"))],
                            to: dir.appendingPathComponent("x.xlsx").path)
        let xml = try part(out, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<x:c r="B1" t="inlineStr"><x:is><x:t>twee</x:t></x:is></x:c>"#), "\(xml)")
        #expect(xml.contains(#"<other:c xmlns:other="urn:not-spreadsheetml" r="C1"><other:v>9</other:v></other:c><x:c r="C1"><x:v>3</x:v></x:c>"#), "\(xml)")
        let sheet = try XLSXReader(path: out, displayName: "x.xlsx").loadSheet(at: 0)
        #expect(Fixture.cell(sheet, "B1")?.value == .text("twee"))
        #expect(Fixture.cell(sheet, "C1")?.value == .number(3))
    }

    @Test func macrosSurvive() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Fixture.path("macro_enabled.xlsm")
        let patcher = try XLSXPatcher(path: source, displayName: "macro_enabled.xlsm")
        #expect(patcher.format == .xlsm)
        try patcher.setCell(sheet: 0, row: 0, column: 0, to: .number(42))
        let out = dir.appendingPathComponent("out.xlsm").path
        try patcher.commit(to: out)
        let before = try ZipPackage(path: source, displayName: "in"), after = try ZipPackage(path: out, displayName: "out")
        let macros = try #require(before.entries.first { $0.name.hasSuffix("vbaProject.bin") })
        #expect(try after.data(of: macros.name) == before.data(of: macros.name))
        let reader = try XLSXReader(path: out, displayName: "out.xlsm")
        #expect(reader.format == .xlsm)
        #expect(Fixture.cell(try reader.loadSheet(at: 0), "A1")?.value == .number(42))
    }

    @Test func readBackEqualsTheOriginalExceptTheSetCells() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["cell_types_and_strings.xlsx", "missing_refs_hidden_rows_merges.xlsx", "number_formats.xlsx", "shared_formulas.xlsx"] {
            let original = try Fixture.sheet(name)
            let out = try patch(Fixture.path(name), [("B2", .number(-1.5)), ("Z40", .text("nieuw"))], to: dir.appendingPathComponent(name).path)
            var patched = try XLSXReader(path: out, displayName: name).loadSheet(at: 0)
            #expect(Fixture.cell(patched, "B2")?.value == .number(-1.5), "\(name)")
            #expect(Fixture.cell(patched, "Z40")?.value == .text("nieuw"), "\(name)")
            patched.rows = patched.rows.compactMap { row in
                var row = row
                row.cells.removeAll { ($0.column == 1 && row.index == 1) || ($0.column == 25 && row.index == 39) }
                return row.cells.isEmpty && row.index == 39 ? nil : row
            }
            var expected = original
            expected.rows = expected.rows.map { row in
                var row = row
                row.cells.removeAll { $0.column == 1 && row.index == 1 }
                return row
            }
            #expect(patched.rows == expected.rows, "\(name)")
            #expect(patched.merges == original.merges, "\(name)")
        }
    }

    @Test func refusesWhatCannotBeSet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        try XLSXPatcherTests.package(sheet: worksheet(""), at: path)
        let patcher = try XLSXPatcher(path: path, displayName: "book.xlsx")
        #expect(sheetError { try patcher.setCell(sheet: 1, row: 0, column: 0, to: .number(1)) }?.description.contains("there is no sheet 2") == true)
        #expect(sheetError { try patcher.setCell(sheet: 0, row: 1_048_576, column: 0, to: .number(1)) }?.kind == "invalidRequest")
        #expect(sheetError { try patcher.setCell(sheet: 0, row: 0, column: 16_384, to: .number(1)) }?.kind == "invalidRequest")
        let long = sheetError { try patcher.setCell(sheet: 0, row: 0, column: 0, to: .text(String(repeating: "x", count: 32_768))) }
        #expect(long?.kind == "limitExceeded")
        #expect(long?.description.hasPrefix("book.xlsx:OKR!A1: error:") == true, "\(long?.description ?? "")")
        // A worksheet without sheetData: nothing is written.
        let broken = dir.appendingPathComponent("broken.xlsx").path
        try XLSXPatcherTests.package(sheet: #"<worksheet xmlns="\#(XLSXPatcherTests.main)"/>"#, at: broken)
        let out = dir.appendingPathComponent("out.xlsx").path
        let error = sheetError { try patch(broken, [("A1", .number(1))], to: out) }
        #expect(error?.description.contains("no sheetData") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
