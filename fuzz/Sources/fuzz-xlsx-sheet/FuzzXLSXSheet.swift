import CFuzzerDriver
import FuzzSupport
import XLSXAdapter

/// libFuzzer target: the XLSX reader's XML parsers. The first byte picks one part of a small valid
/// workbook, the rest of the input replaces it, and the package is stored (not deflated) with correct
/// CRCs, so that mutations reach the XML instead of failing the inflate or the CRC check.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = SelectedPart(data, size, count: XLSXParts.all.count) else { return 0 }
    var parts = XLSXParts.all
    parts[input.index].bytes = input.bytes
    let path = FuzzFile.write(StoredZip.archive(parts), ext: "xlsx")
    readEverySheet { try XLSXReader(path: path, displayName: "fuzz.xlsx") }
    return 0
}

/// A two-sheet workbook with shared strings, styles (a date and a percentage) and a merge.
enum XLSXParts {
    static let all: [(name: String, bytes: [UInt8])] = [
        ("xl/worksheets/sheet1.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:D3"/>\
        <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr">\
        <is><t>x</t></is></c></row><row r="2" hidden="1"><c r="A2" s="1"><v>46203</v></c><c r="B2" s="2"><v>0.25</v>\
        </c><c r="C2"><f>A2+1</f><v>46204</v></c><c r="D2" t="b"><v>1</v></c></row><row r="3"><c r="A3" t="e">\
        <v>#N/A</v></c><c r="B3" t="str"><f t="shared" ref="B3:C3" si="0">A1</f><v>a</v></c><c r="C3" t="str">\
        <f t="shared" si="0"/><v>b</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/>\
        </mergeCells></worksheet>
        """),
        ("xl/sharedStrings.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">\
        <si><t>Doel</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text_x000D_</t></r>\
        <rPh><t>ignored</t></rPh></si></sst>
        """),
        ("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">\
        <numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>\
        <xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>
        """),
        ("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="0"/>\
        <sheets><sheet name="OKR" sheetId="1" r:id="rId1"/><sheet name="Verborgen" sheetId="2" state="hidden" \
        r:id="rId2"/></sheets></workbook>
        """),
        ("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/><Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
        Target="styles.xml"/><Relationship Id="rId4" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        </Relationships>
        """),
        ("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """),
        ("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """),
        ("xl/worksheets/sheet2.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row>\
        <x:c><x:v>1</x:v></x:c><x:c t="n"><x:v>2.5E3</x:v></x:c></x:row></x:sheetData></x:worksheet>
        """),
    ].map { (name: $0.0, bytes: Array($0.1.utf8)) }
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_xlsx_sheet_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
