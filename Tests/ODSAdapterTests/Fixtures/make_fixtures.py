#!/usr/bin/env python3
"""Writes the hand-made ODS fixtures of ODSAdapterTests (run from anywhere; the same bytes every time).

Each fixture is a ZIP with `mimetype` first and stored, a manifest, and a hand-written content.xml
that pins one behaviour of the reader; its name says which. The LibreOffice-saved fixtures
(libreoffice_*.ods) are made by make_libreoffice_fixtures.sh instead.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')

MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')

ENCRYPTED_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="900">'
    '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
    '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
    '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
    '</manifest:encryption-data></manifest:file-entry></manifest:manifest>')


def content(body, styles="", settings=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-content {NS} office:version="1.2">'
            f'<office:automatic-styles>{styles}</office:automatic-styles>'
            f'<office:body><office:spreadsheet>{settings}{body}</office:spreadsheet></office:body>'
            '</office:document-content>')


def write(name, content_xml, manifest=MANIFEST, extra=None, mimetype="application/vnd.oasis.opendocument.spreadsheet"):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, mimetype)
        entries = [("META-INF/manifest.xml", manifest)]
        if content_xml is not None:
            entries.append(("content.xml", content_xml))
        entries += list((extra or {}).items())
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def cell(attrs="", text=None):
    inner = "" if text is None else f"<text:p>{text}</text:p>"
    return f"<table:table-cell {attrs}>{inner}</table:table-cell>"


def row(*cells, attrs=""):
    return f"<table:table-row {attrs}>{''.join(cells)}</table:table-row>"


def table(name, *rows, attrs=""):
    return f'<table:table table:name="{name}" {attrs}>{"".join(rows)}</table:table>'


# One row per value type: A = the value, B = what it is.
value_types = table(
    "Types",
    row(cell('office:value-type="float" office:value="1200" calcext:value-type="float"', "1,200"), cell('office:value-type="string"', "float")),
    row(cell('office:value-type="float" office:value="-7.25E-3"', "-0.00725"), cell('office:value-type="string"', "exponent")),
    row(cell('office:value-type="percentage" office:value="0.25" calcext:value-type="percentage"', "25%"), cell('office:value-type="string"', "percentage")),
    row(cell('office:value-type="currency" office:currency="EUR" office:value="250000.5"', "€ 250.000,50"), cell('office:value-type="string"', "currency")),
    row(cell('office:value-type="date" office:date-value="2026-06-30"', "30-06-2026"), cell('office:value-type="string"', "date")),
    row(cell('office:value-type="date" office:date-value="2026-06-30T14:00:00"', "30-06-2026 14:00"), cell('office:value-type="string"', "date-time")),
    row(cell('office:value-type="date" office:date-value="2016-10-20T00:00:00"', "20-10-2016"), cell('office:value-type="string"', "midnight")),
    row(cell('office:value-type="time" office:time-value="PT10H10M10S"', "10:10:10"), cell('office:value-type="string"', "time")),
    row(cell('office:value-type="time" office:time-value="PT34H10M10S"', "34:10:10"), cell('office:value-type="string"', "duration")),
    row(cell('office:value-type="boolean" office:boolean-value="true"', "TRUE"), cell('office:value-type="string"', "true")),
    row(cell('office:value-type="boolean" office:boolean-value="false"', "FALSE"), cell('office:value-type="string"', "false")),
    row(cell('office:value-type="string" calcext:value-type="string"', "0012"), cell('office:value-type="string"', "string")),
    row(cell('table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"', "#DIV/0!"), cell('office:value-type="string"', "error")),
    row(cell('office:value-type="string" office:string-value="from attribute"', "shown text"), cell('office:value-type="string"', "string-value")),
    row(cell('', "no value type"), cell('office:value-type="string"', "untyped")),
    row(cell('office:value-type="date" office:value="2"'), cell('office:value-type="string"', "date as number")),
)
write("value_types.ods", content(value_types))

write("null_date_1904.ods", content(
    table("Mac", row(cell('office:value-type="date" office:value="1"'), cell('office:value-type="date" office:value="0.5"'))),
    settings='<table:calculation-settings><table:null-date table:date-value="1904-01-01"/></table:calculation-settings>'))

text_runs = table(
    "Text",
    row(cell('office:value-type="string"', None).replace("</table:table-cell>", "<text:p>first</text:p><text:p>second</text:p><text:p/></table:table-cell>")),
    row(cell('office:value-type="string"', 'a<text:s/>b<text:s text:c="3"/>c')),
    row(cell('office:value-type="string"', 'tab<text:tab/>line<text:line-break/>end')),
    row(cell('office:value-type="string"', 'plain <text:span text:style-name="T1">bold</text:span> <text:a xlink:href="https://example.org">link</text:a>')),
    row('<table:table-cell office:value-type="string"><office:annotation><dc:creator>Reviewer</dc:creator>'
        '<text:p>a comment</text:p></office:annotation><text:p>visible</text:p></table:table-cell>'),
    row(cell('office:value-type="string"', 'x &amp; y &lt; z ☺')),
    row(cell('office:value-type="float" office:value="3"', 'the displayed text of a number is not read')),
)
write("text_runs.ods", content(text_runs).replace('xmlns:dc=', 'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc='))

merges = table(
    "Merges",
    row(cell('office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"', "big"),
        '<table:covered-table-cell/>', cell('office:value-type="string"', "C1")),
    row('<table:covered-table-cell table:number-columns-repeated="2"/>',
        cell('office:value-type="string" table:number-columns-spanned="3"', "wide"),
        '<table:covered-table-cell table:number-columns-repeated="2"/>'),
    row(cell('office:value-type="string"', "A3"),
        '<table:covered-table-cell office:value-type="string"><text:p>kept</text:p></table:covered-table-cell>'),
)
write("merges_and_covered_cells.ods", content(merges))

hidden_styles = ('<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
                 '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
                 '<style:style style:name="ta2" style:family="table-cell"/>')
hidden = (table("Hidden", row(cell('office:value-type="string"', "secret")), attrs='table:style-name="ta2"')
          + table("Visible",
                  row(cell('office:value-type="string"', "shown")),
                  row(cell('office:value-type="string"', "collapsed"), attrs='table:visibility="collapse"'),
                  row(cell('office:value-type="string"', "filtered"), attrs='table:visibility="filter"'),
                  row(cell('office:value-type="string"', "visible"), attrs='table:visibility="visible"'),
                  attrs='table:style-name="ta1"')
          + table("P&amp;L 2026", row(cell('office:value-type="float" office:value="1"'))))
write("hidden_sheets_and_rows.ods", content(hidden, styles=hidden_styles))

formulas = table(
    "Formulas",
    row(cell('office:value-type="float" office:value="1"')),
    row(cell('office:value-type="float" office:value="2"')),
    row(cell('office:value-type="float" office:value="3"')),
    row(cell('table:formula="of:=SUM([.A1:.A3])" office:value-type="float" office:value="6" calcext:value-type="float"', "6")),
    row(cell('table:formula="of:=&quot;a&quot;&amp;&quot;b&quot;" office:value-type="string" office:string-value="ab"', "ab")),
    row(cell('table:formula="of:=[.A9]" office:value-type="string"')),
    row(cell('table:formula="msoxl:=A1+1" office:value-type="float" office:value="2"', "2")),
)
write("formulas_with_cached_values.ods", content(formulas))

# The same cells as value_types' first rows, with prefixes other than office:/table:/text:, and an
# element spelled table:table-row whose prefix is bound to another namespace (it must be ignored).
other = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
         'xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
         'xmlns:p="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
         'xmlns:s="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
         'xmlns:table="urn:example:not-opendocument" o:version="1.2">'
         '<o:automatic-styles><s:style s:name="h" s:family="table"><s:table-properties t:display="false"/></s:style></o:automatic-styles>'
         '<o:body><o:spreadsheet>'
         '<t:table t:name="Eerste"><t:table-row><t:table-cell o:value-type="float" o:value="42"><p:p>42</p:p></t:table-cell>'
         '<t:table-cell o:value-type="string"><p:p>tekst<p:s p:c="2"/>hier</p:p></t:table-cell></t:table-row>'
         '<table:table-row><table:table-cell o:value-type="string"><p:p>decoy</p:p></table:table-cell></table:table-row>'
         '<t:table-row t:number-rows-repeated="2"><t:table-cell o:value-type="string"><p:p>twice</p:p></t:table-cell></t:table-row>'
         '</t:table>'
         '<table:table table:name="Decoy"/>'
         '<t:table t:name="Tweede" t:style-name="h"/>'
         '</o:spreadsheet></o:body></o:document-content>')
write("other_namespace_prefixes.ods", other)

repeats = table(
    "Repeats",
    row(cell('office:value-type="string" table:number-columns-repeated="3"', "x"),
        '<table:table-cell table:number-columns-repeated="2"/>',
        cell('office:value-type="float" office:value="5"'),
        '<table:table-cell table:style-name="ce1" table:number-columns-repeated="16378"/>'),
    row(cell('office:value-type="float" office:value="7"'), attrs='table:number-rows-repeated="2"'),
    row('<table:table-cell table:number-columns-repeated="16384"/>', attrs='table:number-rows-repeated="3"'),
    row(cell('office:value-type="string"', "after the gap")),
    row('<table:table-cell table:number-columns-repeated="16384"/>', attrs='table:style-name="ro1" table:number-rows-repeated="1048570"'),
)
write("repeated_cells_and_rows.ods", content(repeats))

# calamine issue #594, the harmless form: a styled empty row repeated over the whole sheet.
write("styled_empty_row_repeated_over_whole_sheet.ods", content(table(
    "Empty",
    row(cell('office:value-type="string"', "top")),
    row('<table:table-cell table:style-name="ce1" table:number-columns-repeated="16384"/>',
        attrs='table:style-name="ro1" table:number-rows-repeated="1048575"'),
    row('<table:table-cell table:style-name="ce1" table:number-columns-repeated="16384"/>',
        attrs='table:style-name="ro1" table:number-rows-repeated="999999999999999999999"'))))

# A value repeated past the last row and a value repeated into too many cells.
write("value_row_repeated_past_last_row.ods", content(table(
    "Rows", row(cell('office:value-type="float" office:value="1"'), attrs='table:number-rows-repeated="2000000"'))))
write("value_repeated_into_many_cells.ods", content(table(
    "Cells", row(cell('office:value-type="float" office:value="1" table:number-columns-repeated="16384"'),
                 attrs='table:number-rows-repeated="10000"'))))
write("text_space_count_too_large.ods", content(table(
    "Spaces", row(cell('office:value-type="string"', 'a<text:s text:c="999999999"/>b')))))

write("encrypted_manifest.ods", content(table("Sheet1", row(cell('office:value-type="float" office:value="1"')))),
      manifest=ENCRYPTED_MANIFEST)
write("missing_content_xml.ods", None)
write("text_document.odt", content(table("Sheet1")), mimetype="application/vnd.oasis.opendocument.text")
write("malformed_content_xml.ods", content(table("Sheet1", row(cell('office:value-type="float" office:value="1"')))).replace("</table:table-row>", "", 1))

meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"><office:meta>'
        '<meta:document-statistic meta:table-count="1" meta:cell-count="2"/></office:meta></office:document-meta>')
write("meta_counts_fewer_sheets.ods", content(
    table("One", row(cell('office:value-type="string"', "first")))
    + table("Two", row(cell('office:value-type="string"', "second")))), extra={"meta.xml": meta})

# Over 4 MiB of content.xml, so that it is parsed while a second thread inflates it: 30,000 rows in a
# first sheet, then a small second sheet.
big_rows = "".join(
    f'<table:table-row><table:table-cell office:value-type="float" office:value="{i}"><text:p>{i}</text:p></table:table-cell>'
    f'<table:table-cell office:value-type="string"><text:p>regel {i % 7}</text:p></table:table-cell>'
    f'<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
    for i in range(30000))
write("large_content_parsed_while_inflating.ods", content(
    f'<table:table table:name="Groot">{big_rows}</table:table>'
    + table("Klein", row(cell('office:value-type="string"', "after the big one")))))
