#!/usr/bin/env python3
"""Writes the small hand-made XLSX fixtures of XLSXAdapterTests, each named after what it pins.

Run from this folder: python3 make_fixtures.py. The XML is written by hand (not by a library) so that
each file holds exactly the construct under test.
"""
import struct, zipfile, zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def content_types(workbook_type=XLSX_CT, extra=""):
    return (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{workbook_type}"/>{extra}</Types>')


ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{RELTYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def workbook(sheets, pr=""):
    items = "".join(f'<sheet name="{n}" sheetId="{i + 1}" {extra} r:id="rId{i + 1}"/>' for i, (n, extra) in enumerate(sheets))
    return (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}'
            f'<sheets>{items}</sheets></workbook>')


def workbook_rels(targets, styles=True, shared=True):
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{RELTYPE}/worksheet" Target="{t}"/>' for i, t in enumerate(targets))
    n = len(targets)
    if styles:
        rels += f'<Relationship Id="rId{n + 1}" Type="{RELTYPE}/styles" Target="styles.xml"/>'
    if shared:
        rels += f'<Relationship Id="rId{n + 2}" Type="{RELTYPE}/sharedStrings" Target="sharedStrings.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}</Relationships>'


def sheet(data, before="", after=""):
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}">{before}'
            f'<sheetData>{data}</sheetData>{after}</worksheet>')


STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
          '<numFmts count="8">'
          '<numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/>'
          '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/>'
          '<numFmt numFmtId="166" formatCode="0&quot; days&quot;"/>'
          '<numFmt numFmtId="167" formatCode="[Red]0.00;[Blue]\\-0.00"/>'
          '<numFmt numFmtId="168" formatCode="[$-409]mmmm\\ d\\,\\ yyyy;@"/>'
          '<numFmt numFmtId="169" formatCode="h:mm;@"/>'
          '<numFmt numFmtId="170" formatCode="\\d\\a\\y 0"/>'
          '<numFmt numFmtId="171" formatCode="yyyy-mm-dd hh:mm"/>'
          '</numFmts>'
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/></font></fonts>'
          '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
          '<fill><patternFill patternType="solid"><fgColor rgb="FFFFC000"/><bgColor indexed="64"/></patternFill></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="14">'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'     # 0 General
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>'    # 1 built-in date
          '<xf numFmtId="22" fontId="0" fillId="0" borderId="0"/>'    # 2 built-in date-time
          '<xf numFmtId="46" fontId="0" fillId="0" borderId="0"/>'    # 3 built-in [h]:mm:ss
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0"/>'   # 4 dd-mm-yyyy
          '<xf numFmtId="165" fontId="0" fillId="0" borderId="0"/>'   # 5 [h]:mm:ss
          '<xf numFmtId="166" fontId="0" fillId="0" borderId="0"/>'   # 6 0" days" (not a date)
          '<xf numFmtId="167" fontId="0" fillId="0" borderId="0"/>'   # 7 [Red] (not a date)
          '<xf numFmtId="168" fontId="0" fillId="0" borderId="0"/>'   # 8 [$-409] date
          '<xf numFmtId="169" fontId="0" fillId="0" borderId="0"/>'   # 9 time
          '<xf numFmtId="170" fontId="0" fillId="0" borderId="0"/>'   # 10 escaped letters (not a date)
          '<xf numFmtId="10" fontId="1" fillId="2" borderId="0" applyFont="1" applyFill="1"/>'  # 11 0.00% bold orange
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0"/>'     # 12 bold
          '<xf numFmtId="171" fontId="0" fillId="0" borderId="0"/>'   # 13 date-time
          '</cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
          '<dxfs count="1"><dxf><font><b/></font></dxf></dxfs>'
          '</styleSheet>')


def sst(items):
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(f"<si>{i}</si>" for i in items) + "</sst>")


def package(name, sheets, sheet_xml, shared=None, styles=STYLES, pr="", targets=None, ct=XLSX_CT,
            extra_entries=(), rels=None, names=None):
    targets = targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(sheet_xml))]
    names = names or [f"xl/worksheets/sheet{i + 1}.xml" for i in range(len(sheet_xml))]
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types(ct))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook(sheets, pr))
        z.writestr("xl/_rels/workbook.xml.rels", rels or workbook_rels(targets, styles is not None, shared is not None))
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", sst(shared))
        for n, x in zip(names, sheet_xml):
            z.writestr(n, x)
        for n, x in extra_entries:
            z.writestr(n, x)


def one_cell(value_xml):
    return sheet(f'<row r="1">{value_xml}</row>')


# Sheets found through the workbook's relationships: an absolute target whose case differs from the
# entry, a relative one with "..", hidden and very hidden sheets, and the 1904 date system.
package("relationships_and_sheet_states.xlsx",
        [("Visible", ""), ("Hidden", 'state="hidden"'), ("VeryHidden", 'state="veryHidden"')],
        [one_cell('<c r="A1"><v>1</v></c>'), one_cell('<c r="A1"><v>2</v></c>'), one_cell('<c r="A1" s="1"><v>0</v></c>')],
        shared=None,
        targets=["/XL/Worksheets/Sheet1.xml", "../xl/worksheets/sheet2.xml", "worksheets/sheet3.xml"],
        pr='<workbookPr date1904="1"/>')

# Every cell type, shared strings with rich text, phonetic runs, escapes and xml:space.
package("cell_types_and_strings.xlsx", [("Types", "")], [sheet(
    '<row r="1"><c r="A1"><v>42.5</v></c><c r="B1" t="n"><v>-7</v></c><c r="C1"><v>1.5E+3</v></c>'
    '<c r="D1"><v/></c><c r="E1" t="s"><v/></c></row>'
    '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c>'
    '<c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c><c r="F2" t="s"><v>5</v></c><c r="G2" t="s"><v>6</v></c></row>'
    '<row r="3"><c r="A3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="b"><v>0</v></c>'
    '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E3" t="e"><v>#N/A</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t>inline</t></is></c>'
    '<c r="B4" t="inlineStr"><is><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> inline</t></r></is></c>'
    '<c r="C4" t="inlineStr"><is><t>line_x000D_break</t></is></c></row>'
    '<row r="5"><c r="A5" t="d"><v>2026-06-30</v></c><c r="B5" t="d"><v>2026-06-30T14:00:00</v></c>'
    '<c r="C5" t="d"><v>10:10:10</v></c><c r="D5" t="d"><v>2026-06-30T00:00:00Z</v></c></row>')],
    shared=['<t>plain</t>',
            '<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r>',
            '<t xml:space="preserve">before </t><r><t>runs</t></r>',
            '<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>',
            '<t>a_x000D_b</t>',
            '<t>_x005F_x000D_</t>',
            '<t>  trimmed  </t><r><t xml:space="preserve">  kept  </t></r>'])

package("shared_string_index_out_of_range.xlsx", [("Sheet1", "")],
        [sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="C2" t="s"><v>5</v></c></row>')],
        shared=["<t>only one</t>"])

# Number formats: built-in and custom dates, times, durations, and formats that only look like dates.
package("number_formats.xlsx", [("Formats", "")], [sheet(
    '<row r="1"><c r="A1" s="1"><v>46203</v></c><c r="B1" s="2"><v>46203.5</v></c><c r="C1" s="3"><v>1.5</v></c>'
    '<c r="D1" s="4"><v>46203</v></c><c r="E1" s="5"><v>1.4237268518518519</v></c></row>'
    '<row r="2"><c r="A2" s="6"><v>12</v></c><c r="B2" s="7"><v>3.25</v></c><c r="C2" s="8"><v>46203</v></c>'
    '<c r="D2" s="9"><v>0.75</v></c><c r="E2" s="10"><v>5</v></c></row>'
    '<row r="3"><c r="A3" s="11"><v>0.25</v></c><c r="B3" s="12" t="inlineStr"><is><t>Bold</t></is></c>'
    '<c r="C3" s="13"><v>46203.25</v></c><c r="D3" s="12"/><c r="E3" s="99"><v>7</v></c></row>')],
    shared=None)

# Shared formulas: the master's text moved to each dependent; $-absolute parts stay.
package("shared_formulas.xlsx", [("Formulas", "")], [sheet(
    '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>10</v></c>'
    '<c r="C1"><f t="shared" ref="C1:C3" si="0">A1*$B$1+SUM(A$1:A1)+Sheet2!B1</f><v>12</v></c>'
    '<c r="D1"><f>A1+1</f><v>2</v></c></row>'
    '<row r="2"><c r="A2"><v>2</v></c><c r="C2"><f t="shared" si="0"/><v>33</v></c>'
    '<c r="D2"><f t="shared" ref="D2:E2" si="1">"A1"&amp;LOG10(A2)&amp;\'My Sheet\'!A2</f><v>0</v></c>'
    '<c r="E2"><f t="shared" si="1"/><v>0</v></c></row>'
    '<row r="3"><c r="A3"><v>3</v></c><c r="C3"><f t="shared" si="0"/><v>66</v></c></row>')],
    shared=None)

# Rows and cells without r attributes, a <dimension> that lies, hidden rows and merged ranges.
package("missing_refs_hidden_rows_merges.xlsx", [("Sheet1", "")], [sheet(
    '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>'
    '<row hidden="1"><c><v>10</v></c></row>'
    '<row r="5"><c r="B5"><v>3</v></c></row>'
    '<row><c r="C6"><v>4</v></c></row>'
    '<row hidden="true"/>',
    before='<dimension ref="A1:B2"/>',
    after='<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C5:D6"/></mergeCells>')],
    shared=None, styles=None)

# Strict OOXML namespaces with an unusual prefix.
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
with zipfile.ZipFile("strict_namespaces_x_prefix.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", content_types())
    z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
               f'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<x:workbook xmlns:x="{STRICT_MAIN}" xmlns:rr="{STRICT_REL}"><x:sheets>'
               '<x:sheet name="Strict" sheetId="1" rr:id="rId1"/></x:sheets></x:workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">'
               '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>')
    z.writestr("xl/sharedStrings.xml", f'<x:sst xmlns:x="{STRICT_MAIN}"><x:si><x:t>strict</x:t></x:si></x:sst>')
    z.writestr("xl/worksheets/sheet1.xml", f'<x:worksheet xmlns:x="{STRICT_MAIN}"><x:sheetData><x:row x:r="1">'
               '<x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c>'
               '<other:c xmlns:other="urn:not-spreadsheetml" r="C1"><other:v>9</other:v></other:c>'
               '</x:row></x:sheetData></x:worksheet>')

package("cell_beyond_xfd.xlsx", [("Sheet1", "")], [one_cell('<c r="XFE1"><v>1</v></c>')], shared=None, styles=None)
package("row_beyond_excel.xlsx", [("Sheet1", "")], [sheet('<row r="1048577"><c><v>1</v></c></row>')], shared=None, styles=None)
package("cell_text_too_long.xlsx", [("Sheet1", "")],
        [one_cell('<c r="B1" t="inlineStr"><is><t>' + "x" * 40000 + "</t></is></c>")], shared=None, styles=None)
package("rows_out_of_order.xlsx", [("Sheet1", "")],
        [sheet('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>')], shared=None, styles=None)
package("not_a_number.xlsx", [("Sheet1", "")], [sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="D2"><v>12abc</v></c></row>')],
        shared=None, styles=None)

# Hostile XML: entity expansion and external entities must be refused, never expanded or read.
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
          + f']><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
package("doctype_billion_laughs.xlsx", [("Sheet1", "")], [LAUGHS], shared=None, styles=None)
XXE = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')
package("doctype_external_entity.xlsx", [("Sheet1", "")], [XXE], shared=None, styles=None)
package("nesting_too_deep.xlsx", [("Sheet1", "")],
        [sheet('<row r="1"><c r="A1"><v>1</v></c></row>', after="<extLst>" + "<ext>" * 300 + "</ext>" * 300 + "</extLst>")],
        shared=None, styles=None)
package("undeclared_entity.xlsx", [("Sheet1", "")], [one_cell('<c r="A1" t="inlineStr"><is><t>&nope;</t></is></c>')],
        shared=None, styles=None)

# A sheet big enough (over 1 MiB inflated) to test the size and compression-ratio limits.
rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>same text</t></is></c></row>'
               for r in range(1, 20001))
package("large_compressible_sheet.xlsx", [("Big", "")], [sheet(rows)], shared=None, styles=None)

package("macro_enabled.xlsm", [("Macro", "")], [one_cell('<c r="A1"><v>1</v></c>')], shared=None, styles=None, ct=XLSM_CT,
        extra_entries=[("xl/vbaProject.bin", b"\x00" * 64)])

with zipfile.ZipFile("binary_workbook.xlsb", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", content_types("application/vnd.ms-excel.sheet.binary.macroEnabled.main"))
    z.writestr("_rels/.rels", ROOT_RELS.replace("workbook.xml", "workbook.bin"))
    z.writestr("xl/workbook.bin", b"\x83\x01\x00")


def raw_zip(name, entry, payload, method, crc=None, usize=None):
    """A one-entry ZIP written byte by byte, for corrupt-entry tests."""
    fname = entry.encode()
    crc = zlib.crc32(b"") if crc is None else crc
    usize = 0 if usize is None else usize
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(payload), usize, len(fname), 0) + fname
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(payload), usize,
                          len(fname), 0, 0, 0, 0, 0, 0) + fname
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(payload), 0)
    with open(name, "wb") as f:
        f.write(local + payload + central + eocd)


# A deflate stream that never ends: a non-final stored block whose length runs past the end of the
# file. ZIPFoundation's own inflate loop spins forever on it; ours must report a truncated entry.
raw_zip("deflate_runs_into_eof.zip", "xl/worksheets/sheet1.xml", bytes([0x00, 0xFF, 0xFF, 0x00, 0x00]) + b"<a/>", 8,
        usize=65535)
# A stored entry whose bytes do not match its CRC-32.
raw_zip("crc_mismatch.zip", "data.xml", b"<a>hello</a>", 0, crc=0x12345678, usize=12)
# A stored entry with a good CRC, to read back.
raw_zip("stored_entry.zip", "Data.XML", b"<a>hello</a>", 0, crc=zlib.crc32(b"<a>hello</a>"), usize=12)

# A file cut in half: its ZIP directory is gone.
with open("relationships_and_sheet_states.xlsx", "rb") as f:
    data = f.read()
with open("truncated.xlsx", "wb") as f:
    f.write(data[: len(data) // 2])
with open("not_a_zip.xlsx", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
