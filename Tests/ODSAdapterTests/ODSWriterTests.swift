import Foundation
import ODSAdapter
import SheetKit
import Testing
import XMLPackage

@Suite("Writing ODS")
struct ODSWriterTests {
    /// A fresh folder, removed by the caller.
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-odsw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let percent = CellStyle(numberFormat: "0.0%", bold: true, fill: "FFEB9C")
    static let euro = CellStyle(numberFormat: "#,##0.00 €")
    static let day = CivilDate(year: 2026, month: 6, day: 30)
    static let rows: [Row] = [
        Row(index: 0, cells: [Cell(column: 0, value: .text("Tekst")), Cell(column: 1, value: .text("Getal")), Cell(column: 2, value: .text("Datum"))]),
        Row(index: 1, cells: [
            Cell(column: 0, value: .text("  spaties & <tekens> \"ok\"  ")), Cell(column: 1, value: .number(1200.5)),
            Cell(column: 2, value: .date(day)),
            Cell(column: 3, value: .dateTime(CivilDateTime(date: day, secondsOfDay: 50_400))),
            Cell(column: 4, value: .time(50_400)), Cell(column: 5, value: .duration(123_010)),
            Cell(column: 6, value: .duration(-90_000)), Cell(column: 7, value: .time(3_723.5)),
        ]),
        Row(index: 3, cells: [
            Cell(column: 0, value: .text("=SUM(A1:A2)")), Cell(column: 1, value: .bool(true)), Cell(column: 2, value: .error("#N/A")),
            Cell(column: 3, value: .number(0.25), style: percent), Cell(column: 4, value: .number(6), formula: "SUM([.B2:.B3])"),
            Cell(column: 5, value: .text("regel 1\nregel\t2\r\n\nend a  b   c ")),
            Cell(column: 6, value: .number(250_000), style: euro), Cell(column: 7, value: .bool(false)),
            Cell(column: 8, value: .text("ok"), formula: "IF(1;\"ok\";\"nee\")"),
        ], hidden: true),
        Row(index: 6, cells: [Cell(column: 0, value: .text("Tekst")), Cell(column: 16_383, value: .number(-0.5))]),
    ]

    func write(_ rows: [Row], to path: String, sheets: [SheetInfo] = [SheetInfo(name: "Blad 1")], merges: [CellRange] = []) throws {
        let writer = try ODSWriter(path: path)
        for info in sheets {
            try writer.beginSheet(info, layout: ODSSheetLayout(merges: merges))
            for row in rows { try writer.write(row) }
            try writer.endSheet(SheetSummary(merges: merges))
        }
        try writer.finish()
    }

    func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipPackage(path: path, displayName: "t.ods").data(of: name), as: UTF8.self)
    }

    @Test func roundTripsEveryKindOfValue() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("round.ods").path
        let merges = [CellRange("A1:B1")!, CellRange("J2:K3")!]
        try write(Self.rows, to: path, sheets: [SheetInfo(name: "Blad 1"), SheetInfo(name: "Verborgen", hidden: true)], merges: merges)
        let reader = try ODSReader(path: path, displayName: "round.ods")
        #expect(reader.sheets == [SheetInfo(name: "Blad 1"), SheetInfo(name: "Verborgen", hidden: true)])
        for sheet in 0..<2 {
            var read: [Row] = []
            let summary = try reader.readSheet(at: sheet) { read.append($0) }
            #expect(summary.merges == merges)
            #expect(read.map(\.index) == [0, 1, 3, 6])
            #expect(read.map(\.hidden) == [false, false, true, false])
            for (written, got) in zip(Self.rows, read) {
                #expect(got.cells.map(\.value) == written.cells.map(\.value), "row \(written.index + 1)")
                #expect(got.cells.map(\.column) == written.cells.map(\.column), "row \(written.index + 1)")
                #expect(got.cells.map(\.formula) == written.cells.map(\.formula), "row \(written.index + 1)")
            }
        }
        let content = try part(path, "content.xml")
        #expect(content.contains(#"office:value-type="percentage" office:value="0.25""#))
        #expect(content.contains(#"office:value-type="currency" office:currency="EUR" office:value="250000""#))
        #expect(content.contains(#"office:time-value="PT34H10M10S""#))
        #expect(content.contains(#"table:formula="of:=SUM([.B2:.B3])""#))
        #expect(content.contains(#"table:number-columns-spanned="2" table:number-rows-spanned="2""#))
        #expect(content.contains("<table:covered-table-cell/>"))
        #expect(content.contains(#"table:number-rows-repeated="2""#))
        #expect(content.contains(#"table:visibility="collapse""#))
        #expect(content.contains(#"<text:p>end a <text:s/>b <text:s text:c="2"/>c<text:s/></text:p>"#))
        #expect(content.contains("<text:p>regel&#9;2&#13;</text:p><text:p/>"))
        let styles = try part(path, "styles.xml")
        #expect(styles.contains(#"number:truncate-on-overflow="false"><number:hours/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/>"#))
        #expect(styles.contains(#"<number:currency-style style:name="#))
        #expect(styles.contains(#"<number:text> </number:text><number:currency-symbol>€</number:currency-symbol>"#))
        #expect(styles.contains(#"<number:boolean-style style:name="#))
    }

    @Test func packageHasMimetypeFirstAndAManifestOfEveryPart() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("package.ods").path
        try write(Self.rows, to: path)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(le16(8) == 0, "stored, not deflated")
        #expect(le16(26) == 8 && le16(28) == 0, "name length 8, no extra field")
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        #expect(String(decoding: bytes[38..<84], as: UTF8.self) == "application/vnd.oasis.opendocument.spreadsheet")
        let package = try ZipPackage(path: path, displayName: "package.ods")
        let manifest = try part(path, "META-INF/manifest.xml")
        for name in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] {
            #expect(package.contains(name), "\(name)")
            #expect(manifest.contains("manifest:full-path=\"\(name)\""), "\(name)")
        }
        #expect(manifest.contains(#"manifest:full-path="/""#))
        #expect(try part(path, "meta.xml").contains(#"meta:table-count="1""#))
    }

    @Test func stylesAreDeduplicatedAndTranslated() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("styles.ods").path
        let rows = (0..<50).map { i in
            Row(index: i, cells: [Cell(column: 0, value: .number(Double(i) / 100), style: Self.percent),
                                  Cell(column: 1, value: .date(Self.day), style: CellStyle(numberFormat: "dd-mm-yyyy")),
                                  Cell(column: 2, value: .number(Double(i)), style: CellStyle(bold: true))])
        }
        try write(rows, to: path)
        let styles = try part(path, "styles.xml")
        #expect(styles.components(separatedBy: "style:family=\"table-cell\" style:parent-style-name").count - 1 == 3)
        #expect(styles.contains(#"<number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>"#))
        #expect(styles.contains(#"<number:day number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:year number:style="long"/>"#))
        #expect(styles.contains(##"fo:background-color="#FFEB9C""##))
        #expect(styles.contains(#"fo:font-weight="bold""#))
        let reader = try ODSReader(path: path, displayName: "styles.ods")
        let read = try reader.loadSheet(at: 0).rows
        #expect(read.count == 50)
        #expect(read[49].cells.map(\.value) == [.number(0.49), .date(Self.day), .number(49)])
    }

    @Test func refusesSheetNamesLibreOfficeRefuses() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try ODSWriter(path: dir.appendingPathComponent("names.ods").path)
        try writer.beginSheet(SheetInfo(name: "Een naam langer dan eenendertig tekens, mag in ODS"))
        try writer.endSheet(SheetSummary())
        for bad in ["a[b", "a]b", "a*b", "a?b", "a:b", "a/b", "a\\b", "", "'quote", "een naam langer dan eenendertig tekens, mag in ods"] {
            #expect(throws: SheetError.self, "\(bad)") { try writer.beginSheet(SheetInfo(name: bad)) }
        }
        #expect(ODSWriter.sheetName(from: "Q2/2026: [omzet]", existing: []) == "Q2_2026_ _omzet_")
        #expect(ODSWriter.sheetName(from: "Blad", existing: ["blad"]) == "Blad (2)")
        try writer.finish()
    }

    @Test func refusesRowsOutOfOrder() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try ODSWriter(path: dir.appendingPathComponent("order.ods").path)
        #expect(throws: SheetError.self) { try writer.write(Row(index: 0)) }
        try writer.beginSheet(SheetInfo(name: "S"))
        try writer.write(Row(index: 2, cells: [Cell(column: 0, value: .number(1))]))
        #expect(throws: SheetError.self) { try writer.write(Row(index: 1, cells: [Cell(column: 0, value: .number(1))])) }
        #expect(throws: SheetError.self) {
            try writer.write(Row(index: 3, cells: [Cell(column: 2, value: .number(1)), Cell(column: 1, value: .number(1))]))
        }
        try writer.finish()
    }

    @Test func anEmptyWorkbookStillHasASheet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.ods").path
        try ODSWriter(path: path).finish()
        let reader = try ODSReader(path: path, displayName: "empty.ods")
        #expect(reader.sheets == [SheetInfo(name: "Sheet1")])
        #expect(try reader.loadSheet(at: 0).rows.isEmpty)
    }
}

@Suite("Writing ODS: board layout")
struct ODSWriterLayoutTests {
    static let statuses = ["Behaald", "Op schema", "Aandacht nodig"]

    /// A small board: a header row, ten rows of progress and status, with every layout option.
    func writeBoard(to path: String) throws {
        var layout = ODSSheetLayout()
        layout.frozenRows = 1
        layout.frozenColumns = 1
        layout.printRange = CellRange("A1:C11")!
        layout.headerRows = 0...0
        layout.conditionalFormats = [
            ODSConditionalFormat(range: CellRange("C2:C11")!, rule: .cellIs(operator: "=", value: "\"Behaald\"",
                                                                             format: ODSHighlight(fontColor: "006100", fill: "C6EFCE"))),
            ODSConditionalFormat(range: CellRange("B2:B11")!, rule: .dataBar(minimum: 0, maximum: 1, color: "638EC6")),
        ]
        let writer = try ODSWriter(path: path)
        try writer.beginSheet(SheetInfo(name: "OKR's Q2"), layout: layout)
        try writer.write(Row(index: 0, cells: [Cell(column: 0, value: .text("KR")), Cell(column: 1, value: .text("Voortgang")),
                                               Cell(column: 2, value: .text("Status"))]))
        for i in 1...10 {
            try writer.write(Row(index: i, cells: [
                Cell(column: 0, value: .text("KR \(i)")),
                Cell(column: 1, value: .number(Double(i) / 10), style: CellStyle(numberFormat: "0%")),
                Cell(column: 2, value: .text(Self.statuses[i % 3])),
            ]))
        }
        try writer.endSheet(SheetSummary())
        try writer.beginSheet(SheetInfo(name: "Samenvatting"))
        try writer.write(Row(index: 2, cells: [Cell(column: 0, value: .number(1))]))
        try writer.endSheet(SheetSummary())
        try writer.finish()
    }

    func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipPackage(path: path, displayName: "board.ods").data(of: name), as: UTF8.self)
    }

    @Test func frozenHeaderIsInTheViewSettings() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-board-\(UUID().uuidString).ods").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeBoard(to: path)
        let settings = try part(path, "settings.xml")
        #expect(settings.contains(#"<config:config-item-map-entry config:name="OKR&apos;s Q2">"#)
                || settings.contains(#"<config:config-item-map-entry config:name="OKR's Q2">"#))
        #expect(settings.contains(#"<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>"#))
        #expect(settings.contains(#"<config:config-item config:name="VerticalSplitPosition" config:type="int">1</config:config-item>"#))
        #expect(settings.contains(#"<config:config-item config:name="HorizontalSplitPosition" config:type="int">1</config:config-item>"#))
        #expect(!settings.contains("Samenvatting"))
    }

    @Test func printRangeAndRepeatedHeaderRow() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-board-\(UUID().uuidString).ods").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeBoard(to: path)
        let content = try part(path, "content.xml")
        #expect(content.contains(#"table:print-ranges="'OKR''s Q2'.A1:'OKR''s Q2'.C11""#))
        #expect(content.contains("<table:table-header-rows><table:table-row><table:table-cell office:value-type=\"string\"><text:p>KR</text:p>"))
        #expect(content.components(separatedBy: "<table:table-header-rows>").count == 2)
        #expect(content.components(separatedBy: "</table:table-header-rows>").count == 2)
        let reader = try ODSReader(path: path, displayName: "board.ods")
        let rows = try reader.loadSheet(at: 0).rows
        #expect(rows.count == 11)
        #expect(rows[10].cells.map(\.value) == [.text("KR 10"), .number(1), .text("Op schema")])
    }

    @Test func conditionalFormatsInBothForms() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-board-\(UUID().uuidString).ods").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeBoard(to: path)
        let content = try part(path, "content.xml")
        let styles = try part(path, "styles.xml")
        // LibreOffice's form, with the data bar.
        #expect(content.contains(#"<calcext:conditional-format calcext:target-range-address="'OKR''s Q2'.C2:'OKR''s Q2'.C11"><calcext:condition calcext:apply-style-name="Highlight1" calcext:value="=&quot;Behaald&quot;" calcext:base-cell-address="'OKR''s Q2'.C2"/>"#))
        #expect(content.contains(##"<calcext:data-bar calcext:max-length="100" calcext:negative-color="#FF0000" calcext:positive-color="#638EC6""##))
        #expect(content.contains(#"<calcext:formatting-entry calcext:value="0" calcext:type="number"/><calcext:formatting-entry calcext:value="1" calcext:type="number"/>"#))
        // The standard form: a style:map on the style of the status cells, applying a named style.
        #expect(styles.contains(#"<style:map style:condition="cell-content()=&quot;Behaald&quot;" style:apply-style-name="Highlight1" style:base-cell-address="'OKR''s Q2'.C2"/>"#))
        #expect(styles.contains(##"<style:style style:name="Highlight1" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color="#C6EFCE"/><style:text-properties fo:color="#006100"/></style:style>"##))
        let statusStyle = try #require(content.firstRange(of: #"<text:p>Behaald</text:p>"#).map { content[..<$0.lowerBound] })
        #expect(statusStyle.hasSuffix(#"<table:table-cell table:style-name="ce2" office:value-type="string">"#))
        #expect(styles.contains(#"<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default"><style:map"#))
    }
}

@Suite("Writing ODS: print setup and look")
struct ODSWriterPageTests {
    func parts(_ rows: [Row], layout: ODSSheetLayout) throws -> (content: String, styles: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-odspage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.ods").path
        let writer = try ODSWriter(path: path)
        try writer.beginSheet(SheetInfo(name: "Blad 1"), layout: layout)
        for row in rows { try writer.write(row) }
        try writer.endSheet(SheetSummary())
        try writer.beginSheet(SheetInfo(name: "Plain"))
        try writer.write(Row(index: 0, cells: [Cell(column: 0, value: .number(1))]))
        try writer.finish()
        let package = try ZipPackage(path: path, displayName: "p.ods")
        return (String(decoding: try package.data(of: "content.xml"), as: UTF8.self),
                String(decoding: try package.data(of: "styles.xml"), as: UTF8.self))
    }

    @Test func pageSetupHeaderAndFooterCodes() throws {
        var layout = ODSSheetLayout()
        layout.page = ODSPageSetup(landscape: true, fitToWidth: 1, header: "&BKop&B && staart", footer: "&LLinks &&&\"Arial,Bold\"&12 x&C&P/&N&R&A")
        let (content, styles) = try parts([Row(index: 0, cells: [Cell(column: 0, value: .text("a"))])], layout: layout)
        #expect(styles.contains(#"<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape""#))
        #expect(styles.contains(#"<style:master-page style:name="MP1" style:page-layout-name="pm2"><style:header><style:region-center><text:p>Kop &amp; staart</text:p></style:region-center></style:header>"#))
        #expect(styles.contains(#"<style:footer><style:region-left><text:p>Links &amp; x</text:p></style:region-left><style:region-center><text:p><text:page-number>1</text:page-number>/<text:page-count>1</text:page-count></text:p></style:region-center><style:region-right><text:p><text:sheet-name>???</text:sheet-name></text:p></style:region-right></style:footer>"#), "\(styles)")
        // The sheet with a setup names its master page; the plain sheet keeps the default.
        #expect(content.contains(#"<style:style style:name="ta3" style:family="table" style:master-page-name="MP1"><style:table-properties table:display="true"/>"#))
        #expect(content.contains(#"<table:table table:name="Blad 1" table:style-name="ta3""#))
        #expect(content.contains(#"<table:table table:name="Plain" table:style-name="ta1""#))
    }

    @Test func rowHeightsAutofilterAndLook() throws {
        var layout = ODSSheetLayout()
        layout.rowHeights = [0: 22, 2: 30, 3: 30]
        layout.autoFilter = CellRange("A1:B4")
        let look = CellLook(fontSize: 14, fontColor: "FFFFFF", italic: true, borderBottom: "medium", borderColor: "1F4E78",
                            horizontal: "right", vertical: "center", indent: 2, wrap: true)
        let rows = [Row(index: 0, cells: [Cell(column: 0, value: .text("Titel"), style: CellStyle(bold: true, fill: "1F4E78", look: look))]),
                    Row(index: 3, cells: [Cell(column: 1, value: .number(2))])]
        let (content, styles) = try parts(rows, layout: layout)
        #expect(content.contains(#"<style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="22pt" style:use-optimal-row-height="false""#))
        // Row 3 has no cells but a height: it is not folded into a repeat.
        #expect(content.contains(#"<table:table-row table:style-name="ro1"><table:table-cell table:style-name="ce1""#))
        #expect(content.contains(#"<table:table-row><table:table-cell/></table:table-row><table:table-row table:style-name="ro2"><table:table-cell/></table:table-row><table:table-row table:style-name="ro2">"#), "\(content)")
        #expect(content.contains(#"<table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__0" table:target-range-address="'Blad 1'.A1:'Blad 1'.B4" table:display-filter-buttons="true"/></table:database-ranges>"#))
        #expect(styles.contains(##"<style:table-cell-properties fo:background-color="#1F4E78" fo:border-bottom="1.76pt solid #1F4E78" fo:wrap-option="wrap" style:vertical-align="middle" style:text-align-source="fix" style:repeat-content="false"/><style:paragraph-properties fo:text-align="end" fo:margin-left="0.6cm"/><style:text-properties fo:color="#FFFFFF" fo:font-size="14pt""##), "\(styles)")
        #expect(styles.contains(#"fo:font-style="italic""#) && styles.contains(#"fo:font-weight="bold""#))
    }
}
