import CFuzzerDriver
import FuzzSupport
import ODSAdapter

/// libFuzzer target: the ODS reader's XML parsers. The first byte picks one part of a small valid
/// spreadsheet, the rest of the input replaces it, and the package is stored (not deflated) with
/// correct CRCs, so that mutations reach the XML instead of failing the inflate or the CRC check.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = SelectedPart(data, size, count: ODSParts.all.count) else { return 0 }
    var parts = ODSParts.all
    parts[input.index].bytes = input.bytes
    let path = FuzzFile.write(StoredZip.archive(parts), ext: "ods")
    readEverySheet { try ODSReader(path: path, displayName: "fuzz.ods") }
    return 0
}

/// A two-sheet spreadsheet (the second hidden) with every value type, repeats, a span and a formula.
enum ODSParts {
    static let all: [(name: String, bytes: [UInt8])] = [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">\
        <office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>\
        </style:style></office:automatic-styles><office:body><office:spreadsheet><table:null-date table:date-value="1899-12-30"/>\
        <table:table table:name="OKR"><table:table-column table:number-columns-repeated="4"/><table:table-row>\
        <table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>Doel<text:s text:c="2"/>één\
        <text:tab/></text:p><text:p>tweede</text:p></table:table-cell><table:covered-table-cell/>\
        <table:table-cell office:value-type="float" office:value="7.2" table:number-columns-repeated="2"><text:p>7,2</text:p>\
        </table:table-cell></table:table-row><table:table-row table:number-rows-repeated="3"><table:table-cell \
        office:value-type="percentage" office:value="0.25"/><table:table-cell office:value-type="date" \
        office:date-value="2026-06-30T14:00:00"/><table:table-cell office:value-type="time" office:time-value="PT34H10M10S"/>\
        <table:table-cell office:value-type="boolean" office:boolean-value="true"/></table:table-row><table:table-row>\
        <table:table-cell table:formula="of:=SUM([.A1:.A3])" office:value-type="currency" office:currency="EUR" \
        office:value="250000"/><table:table-cell calcext:value-type="error" office:value-type="string" \
        office:string-value=""><text:p>#DIV/0!</text:p></table:table-cell></table:table-row></table:table>\
        <table:table table:name="Verborgen" table:style-name="ta2"><table:table-row><table:table-cell \
        office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body>\
        </office:document-content>
        """),
        ("META-INF/manifest.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
        <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """),
        ("meta.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"><office:meta>\
        <meta:document-statistic meta:table-count="2" meta:cell-count="9"/></office:meta></office:document-meta>
        """),
    ].map { (name: $0.0, bytes: Array($0.1.utf8)) }
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_ods_content_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
