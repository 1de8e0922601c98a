#!/usr/bin/env python3
"""Writes the `okrsheet update` bench case: a 200-key-result nl CSV template and 20 rules (sums over
account ranges within the period) that fit bench/gen_ledger.py's ledger.

Usage: bench/gen_update_case.py --out-dir bench/data
Writes okr-200.csv (UTF-8 with BOM, ';', CRLF, like Excel on a Dutch PC), rules-20.yaml and
okr-200.xlsx: the same 200 key results as a styled workbook (xlsxwriter), as issue 7 describes the
template: a title, a styled header, progress and score as formulas with cached values, a data bar
(with Excel 2010's x14 extension) and status colours as conditional formats, a drop-down of the
statuses, a frozen header, and a second sheet ("Samenvatting") with formulas over the first and a chart.
"""
import argparse
import datetime
import os

STATUSES = ["⚪ Niet gestart", "🟡 Lopend", "🔵 Op schema", "🔴 Achter op schema", "🟢 Behaald"]


def write_xlsx(path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("OKR")
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1, "text_wrap": True})
    num = wb.add_format({"num_format": "#,##0"})
    pct = wb.add_format({"num_format": "0%"})
    score = wb.add_format({"num_format": "0.0"})
    date = wb.add_format({"num_format": "dd-mm-yyyy"})
    ws.write(0, 0, "OKR-rapportage Q2 2026", title)
    headers = ["ID", "Doelstelling", "Sleutelresultaat", "Startwaarde", "Doelwaarde", "Huidige waarde", "Voortgang",
               "Score", "Status", "Verantwoordelijke", "Deadline"]
    for c, h in enumerate(headers):
        ws.write(2, c, h, head)
    first = 3
    for i in range(200):
        r = first + i
        n = r + 1  # 1-based row in formulas
        target = (i % 7 + 1) * 100000
        ws.write_string(r, 0, f"K{i + 1:03d}")
        ws.write_string(r, 1, f"Doelstelling {i // 5 + 1}")
        ws.write_string(r, 2, f"Rekeninggroep {4000 + 250 * (i % 20)} resultaat {i + 1}")
        ws.write_number(r, 3, 0, num)
        ws.write_number(r, 4, target, num)
        ws.write_number(r, 5, 0, num)
        ws.write_formula(r, 6, f"=IF(E{n}=D{n},0,MAX(0,MIN(1,(F{n}-D{n})/(E{n}-D{n}))))", pct, 0)
        ws.write_formula(r, 7, f"=ROUND(G{n}*10,1)", score, 0)
        ws.write_string(r, 8, STATUSES[1])
        ws.write_string(r, 9, "Controller")
        ws.write_datetime(r, 10, datetime.datetime(2026, 6, 30), date)
    last = first + 199
    ws.set_column(0, 0, 6)
    ws.set_column(1, 2, 34)
    ws.set_column(3, 7, 12)
    ws.set_column(8, 10, 16)
    ws.freeze_panes(first, 0)
    ws.autofilter(2, 0, last, len(headers) - 1)
    ws.conditional_format(first, 6, last, 6, {"type": "data_bar", "bar_color": "#63BE7B", "bar_solid": True,
                                               "min_type": "num", "min_value": 0, "max_type": "num", "max_value": 1})
    colours = {"Behaald": "#C6EFCE", "Op schema": "#DDEBF7", "Lopend": "#FFEB9C", "Achter": "#FFC7CE"}
    for word, colour in colours.items():
        ws.conditional_format(first, 8, last, 8, {"type": "text", "criteria": "containing", "value": word,
                                                  "format": wb.add_format({"bg_color": colour})})
    ws.data_validation(first, 8, last, 8, {"validate": "list", "source": "=Samenvatting!$A$12:$A$16"})
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)

    sm = wb.add_worksheet("Samenvatting")
    sm.write(0, 0, "Samenvatting", title)
    sm.write(2, 0, "Sleutelresultaten")
    sm.write_formula(2, 1, f"=COUNTA(OKR!A{first + 1}:A{last + 1})", None, 200)
    sm.write(3, 0, "Gemiddelde voortgang")
    sm.write_formula(3, 1, f"=AVERAGE(OKR!G{first + 1}:G{last + 1})", pct, 0)
    sm.write(4, 0, "Gemiddelde score")
    sm.write_formula(4, 1, f"=AVERAGE(OKR!H{first + 1}:H{last + 1})", score, 0)
    sm.write(10, 0, "Status", head)
    sm.write(10, 1, "Aantal", head)
    for k, s in enumerate(STATUSES):
        sm.write_string(11 + k, 0, s)
        sm.write_formula(11 + k, 1, f'=COUNTIF(OKR!I{first + 1}:I{last + 1},A{12 + k})', None, 200 if k == 1 else 0)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": "Aantal", "categories": "=Samenvatting!$A$12:$A$16", "values": "=Samenvatting!$B$12:$B$16"})
    chart.set_title({"name": "Status van de sleutelresultaten"})
    sm.insert_chart("D3", chart)
    sm.set_column(0, 0, 24)
    wb.close()
    move_validation_to_x14(path)


def move_validation_to_x14(path):
    """Excel writes a list validation whose source is on another sheet as an x14 extension (the form
    Excel 2007 could not read); xlsxwriter writes the plain form. Rewrite it as Excel would, so the
    template carries the extension that openpyxl drops."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    out = []
    for info, data in entries:
        if info.filename == "xl/worksheets/sheet1.xml":
            xml = data.decode("utf-8")
            m = re.search(r'<dataValidations count="1"><dataValidation ([^>]*) sqref="([^"]+)"><formula1>([^<]+)</formula1>'
                          r'</dataValidation></dataValidations>', xml)
            ext = ('<ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                   'uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1" '
                   'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
                   f'<x14:dataValidation {m.group(1)}><x14:formula1><xm:f>{m.group(3)}</xm:f></x14:formula1>'
                   f'<xm:sqref>{m.group(2)}</xm:sqref></x14:dataValidation></x14:dataValidations></ext>')
            xml = xml[:m.start()] + xml[m.end():]
            at = xml.rindex("</extLst>")
            data = (xml[:at] + ext + xml[at:]).encode("utf-8")
        out.append((info, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in out:
            z.writestr(info, data, zipfile.ZIP_DEFLATED)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    rows = ["OKR-rapportage Q2 2026", "",
            "ID;Doelstelling;Sleutelresultaat;Startwaarde;Doelwaarde;Huidige waarde;Voortgang;Score;Status;Verantwoordelijke;Deadline"]
    for i in range(200):
        o = i // 5 + 1
        rows.append(f"K{i + 1:03d};Doelstelling {o};Rekeninggroep {4000 + 250 * (i % 20)} resultaat {i + 1};0;"
                    f"{(i % 7 + 1) * 100}.000;0;0%;0,0;🟡 Lopend;Controller;30-06-2026")
    with open(os.path.join(a.out_dir, "okr-200.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")
    rules = ["source: {encoding: windows-1252, on_error: fail}", "period: 2026-Q2", "updates:"]
    for k in range(20):
        lo = 4000 + 250 * k
        rules += [f"  - key_result: K{k * 10 + 1:03d}", "    measure: sum(Bedrag)",
                  "    where:", f"      Grootboekrekening: {{between: [{lo}, {lo + 249}]}}", "      Datum: {in_period: true}"]
    with open(os.path.join(a.out_dir, "rules-20.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(rules) + "\n")
    write_xlsx(os.path.join(a.out_dir, "okr-200.xlsx"))


if __name__ == "__main__":
    main()
