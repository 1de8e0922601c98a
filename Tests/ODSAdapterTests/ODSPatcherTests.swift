import Foundation
import ODSAdapter
import SheetKit
import Testing
import XMLPackage

@Suite("Patching ODS")
struct ODSPatcherTests {
    static let namespaces = #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#
        + #"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#
        + #"xmlns:dc="http://purl.org/dc/elements/1.1/""#

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-odsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `content.xml` around the given tables.
    static func content(_ tables: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<office:document-content \#(namespaces) office:version="1.3"><office:automatic-styles/><office:body><office:spreadsheet>"#
            + tables + "</office:spreadsheet></office:body></office:document-content>"
    }

    /// A package: mimetype (stored, first), manifest, content, styles and a thumbnail.
    static func package(_ content: String, at path: String) throws {
        let out = try AtomicOutputFile(path: path)
        let zip = ZipWriter(sink: out.writer)
        try zip.add(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.spreadsheet".utf8), compress: false)
        try zip.add(name: "META-INF/manifest.xml", bytes: Array((#"<?xml version="1.0" encoding="UTF-8"?>"#
            + #"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#
            + #"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#
            + #"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#
            + #"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#
            + #"<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>"#
            + "</manifest:manifest>").utf8))
        try zip.add(name: "content.xml", bytes: Array(content.utf8))
        try zip.add(name: "styles.xml", bytes: Array((#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles \#(namespaces)/>"#).utf8))
        try zip.add(name: "Thumbnails/thumbnail.png", bytes: [0x89, 0x50, 0x4E, 0x47] + (0..<200).map { UInt8($0) }, compress: false)
        try zip.finish()
        try out.commit()
    }

    @discardableResult
    func patch(_ path: String, _ edits: [(Int, String, CellValue)], to output: String) throws -> String {
        let patcher = try ODSPatcher(path: path, displayName: "book.ods")
        for (sheet, ref, value) in edits {
            let at = try #require(CellReference(ref))
            try patcher.setCell(sheet: sheet, row: at.row, column: at.column, to: value)
        }
        try patcher.commit(to: output)
        return output
    }

    func contentXML(_ path: String) throws -> String {
        String(decoding: try ZipPackage(path: path, displayName: "x").data(of: "content.xml"), as: UTF8.self)
    }

    func table(_ xml: String) -> String {
        String(xml[xml.range(of: "<office:spreadsheet>")!.upperBound..<xml.range(of: "</office:spreadsheet>")!.lowerBound])
    }

    @Test func setsCellsKeepingStyleValidationAndAnnotation() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ods").path
        let rows = #"<table:table table:name="OKR"><table:table-column table:number-columns-repeated="4"/>"#
            + #"<table:table-row><table:table-cell office:value-type="string"><text:p>Kwartaalomzet</text:p></table:table-cell>"#
            + #"<table:table-cell table:style-name="ce3" office:value-type="float" office:value="96500"><text:p>96.500</text:p></table:table-cell>"#
            + #"<table:table-cell table:style-name="ce6" office:value-type="percentage" office:value="0.39" table:formula="of:=[.B1]/250000"><text:p>39%</text:p></table:table-cell>"#
            + #"<table:table-cell table:style-name="ce7" table:content-validation-name="val1" office:value-type="string"><office:annotation><dc:creator>Controller</dc:creator><text:p>Let op</text:p></office:annotation><text:p>🟡 Lopend</text:p></table:table-cell></table:table-row>"#
            + "</table:table>"
        try ODSPatcherTests.package(ODSPatcherTests.content(rows), at: path)
        let out = try patch(path, [(0, "B1", .number(182_103.48)), (0, "C1", .number(0.73)), (0, "D1", .text("🔵 Op  schema"))],
                            to: dir.appendingPathComponent("out.ods").path)
        let expected = #"<table:table table:name="OKR"><table:table-column table:number-columns-repeated="4"/>"#
            + #"<table:table-row><table:table-cell office:value-type="string"><text:p>Kwartaalomzet</text:p></table:table-cell>"#
            + #"<table:table-cell table:style-name="ce3" office:value-type="float" office:value="182103.48"/>"#
            + #"<table:table-cell table:style-name="ce6" office:value-type="percentage" office:value="0.73"/>"#
            + #"<table:table-cell table:style-name="ce7" table:content-validation-name="val1" office:value-type="string"><office:annotation><dc:creator>Controller</dc:creator><text:p>Let op</text:p></office:annotation><text:p>🔵 Op <text:s/>schema</text:p></table:table-cell></table:table-row>"#
            + "</table:table>"
        let got = table(try contentXML(out))
        #expect(got == expected, "\(got)")
        let back = try ODSReader(path: out, displayName: "out.ods").loadSheet(at: 0)
        #expect(ODSFixture.cell(back.rows, 0, 3)?.value == .text("🔵 Op  schema"))
        #expect(ODSFixture.cell(back.rows, 0, 2)?.value == .number(0.73))
    }

    @Test func splitsRepeatedRowsAndCells() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ods").path
        let rows = #"<table:table table:name="A"><table:table-row table:style-name="ro1"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2" table:number-rows-repeated="6"><table:table-cell table:style-name="ce1" table:number-columns-repeated="5"/></table:table-row>"#
            + "</table:table>"
        try ODSPatcherTests.package(ODSPatcherTests.content(rows), at: path)
        let out = try patch(path, [(0, "C3", .number(3)), (0, "A5", .bool(true)), (0, "E5", .date(CivilDate(year: 2026, month: 6, day: 30)))],
                            to: dir.appendingPathComponent("out.ods").path)
        let expected = #"<table:table table:name="A"><table:table-row table:style-name="ro1"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2"><table:table-cell table:style-name="ce1" table:number-columns-repeated="5"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2"><table:table-cell table:style-name="ce1" table:number-columns-repeated="2"/><table:table-cell table:style-name="ce1" office:value-type="float" office:value="3"/><table:table-cell table:style-name="ce1" table:number-columns-repeated="2"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2"><table:table-cell table:style-name="ce1" table:number-columns-repeated="5"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2"><table:table-cell table:style-name="ce1" office:value-type="boolean" office:boolean-value="true"/><table:table-cell table:style-name="ce1" table:number-columns-repeated="3"/><table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2026-06-30"/></table:table-row>"#
            + #"<table:table-row table:style-name="ro2" table:number-rows-repeated="2"><table:table-cell table:style-name="ce1" table:number-columns-repeated="5"/></table:table-row>"#
            + "</table:table>"
        #expect(table(try contentXML(out)) == expected)
        let back = try ODSReader(path: out, displayName: "out.ods").loadSheet(at: 0)
        #expect(ODSFixture.cell(back.rows, 2, 2)?.value == .number(3))
        #expect(ODSFixture.cell(back.rows, 4, 0)?.value == .bool(true))
        #expect(ODSFixture.cell(back.rows, 4, 4)?.value == .date(CivilDate(year: 2026, month: 6, day: 30)))
    }

    @Test func addsCellsAndRowsPastTheEndAndReachesTheRightSheet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ods").path
        let first = #"<table:table table:name="Eerste"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#
        let second = #"<table:table table:name="Tweede"><table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>Kop</text:p></table:table-cell></table:table-row></table:table-header-rows>"#
            + #"<table:table-row><table:covered-table-cell/><table:table-cell/></table:table-row></table:table>"#
        try ODSPatcherTests.package(ODSPatcherTests.content(first + second), at: path)
        let out = try patch(path, [(1, "D2", .text("x")), (1, "A2", .number(5)), (1, "B5", .number(-2))], to: dir.appendingPathComponent("out.ods").path)
        let expected = first + #"<table:table table:name="Tweede"><table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>Kop</text:p></table:table-cell></table:table-row></table:table-header-rows>"#
            + #"<table:table-row><table:covered-table-cell office:value-type="float" office:value="5"/><table:table-cell/><table:table-cell/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
            + #"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#
            + #"<table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="-2"/></table:table-row></table:table>"#
        #expect(table(try contentXML(out)) == expected)
        let back = try ODSReader(path: out, displayName: "out.ods").loadSheet(at: 1)
        #expect(ODSFixture.cell(back.rows, 1, 3)?.value == .text("x"))
        #expect(ODSFixture.cell(back.rows, 4, 1)?.value == .number(-2))
    }

    @Test func everyOtherEntryIsCopiedAsStoredWithMimetypeFirst() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ods").path
        try ODSPatcherTests.package(ODSPatcherTests.content(#"<table:table table:name="A"><table:table-row><table:table-cell/></table:table-row></table:table>"#), at: path)
        let out = try patch(path, [(0, "A1", .number(1))], to: dir.appendingPathComponent("out.ods").path)
        let before = try ZipPackage(path: path, displayName: "in"), after = try ZipPackage(path: out, displayName: "out")
        #expect(after.entryNames == before.entryNames)
        for entry in before.entries where entry.name != "content.xml" {
            let copy = try #require(after.entry(named: entry.name))
            #expect(copy.crc32 == entry.crc32 && copy.compressedSize == entry.compressedSize && copy.method == entry.method, "\(entry.name)")
        }
        let head = try #require(FileHandle(forReadingAtPath: out)?.readData(ofLength: 38 + 46))
        #expect(Array(head[30..<38]) == Array("mimetype".utf8))
        #expect(head[8] == 0 && head[28] == 0, "stored, with no extra field")
        // The same patch again gives the same bytes.
        let again = try patch(path, [(0, "A1", .number(1))], to: dir.appendingPathComponent("again.ods").path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test func aLibreOfficeFileReadsBackWithOnlyTheSetCellsChanged() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "libreoffice_saved_features.ods"
        let original = try ODSFixture.open(name)
        let out = try patch(ODSFixture.path(name), [(0, "B2", .text("nieuw")), (0, "H30", .number(7))], to: dir.appendingPathComponent("out.ods").path)
        let patched = try ODSReader(path: out, displayName: "out.ods")
        #expect(patched.sheets == original.sheets)
        for index in original.sheets.indices {
            var before = try original.loadSheet(at: index), after = try patched.loadSheet(at: index)
            if index == 0 {
                #expect(ODSFixture.cell(after.rows, 1, 1)?.value == .text("nieuw"))
                #expect(ODSFixture.cell(after.rows, 29, 7)?.value == .number(7))
                before.rows = before.rows.map { row in var r = row; r.cells.removeAll { row.index == 1 && $0.column == 1 }; return r }
                after.rows = after.rows.compactMap { row in
                    var r = row
                    r.cells.removeAll { (row.index == 1 && $0.column == 1) || (row.index == 29 && $0.column == 7) }
                    return r.cells.isEmpty && row.index == 29 ? nil : r
                }
            }
            #expect(after.rows == before.rows, "sheet \(index)")
            #expect(after.merges == before.merges, "sheet \(index)")
        }
    }

    @Test func refusesWhatCannotBeSet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("in.ods").path
        try ODSPatcherTests.package(ODSPatcherTests.content(#"<table:table table:name="A"><table:table-row><table:table-cell/></table:table-row></table:table>"#), at: path)
        let patcher = try ODSPatcher(path: path, displayName: "in.ods")
        #expect(ODSFixture.sheetError { try patcher.setCell(sheet: 3, row: 0, column: 0, to: .number(1)) }?.description.contains("there is no sheet 4") == true)
        let long = ODSFixture.sheetError { try patcher.setCell(sheet: 0, row: 2, column: 1, to: .text(String(repeating: "x", count: 40_000))) }
        #expect(long?.description.hasPrefix("in.ods:A!B3: error:") == true, "\(long?.description ?? "")")
    }
}
