#!/usr/bin/env python3
"""The script an analyst would write instead of `okrsheet update`: pandas read_csv, 20 filtered sums,
then the template's "Huidige waarde" column rewritten: with openpyxl (load, set cells, save) for an
.xlsx template, with the csv module for a .csv one.

Usage: bench/update_peer.py LEDGER TEMPLATE RULES-COUNT OUT
Not a faithful peer: it recomputes no progress, score or status; the csv module writes every field
again (okrsheet rewrites only the changed ones); and openpyxl's save loses what openpyxl does not keep
(formulas' cached values, Excel 2010 extensions such as x14 data bars and data validations whose list
is on another sheet, and whatever else it does not model). bench/run prints what the output lost.
"""
import csv
import sys
import warnings

import pandas as pd

ledger, template, out = sys.argv[1], sys.argv[2], sys.argv[4]
df = pd.read_csv(ledger, sep=";", decimal=",", encoding="cp1252", dtype={"Grootboekrekening": int},
                 usecols=["Datum", "Grootboekrekening", "Bedrag"])
dates = pd.to_datetime(df["Datum"], format="%d-%m-%Y")
in_q2 = (dates >= "2026-04-01") & (dates <= "2026-06-30")
sums = {}
for k in range(int(sys.argv[3])):
    lo = 4000 + 250 * k
    sums[f"K{k * 10 + 1:03d}"] = df.loc[in_q2 & df["Grootboekrekening"].between(lo, lo + 249), "Bedrag"].sum()

if template.lower().endswith(".xlsx"):
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "… extension is not supported and will be removed"
        wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=20) if any(c.value == "Huidige waarde" for c in r))
    col = next(c.column for c in header if c.value == "Huidige waarde")
    for row in ws.iter_rows(min_row=header[0].row + 1):
        if row[0].value in sums:
            ws.cell(row=row[0].row, column=col, value=round(float(sums[row[0].value]), 2))
    wb.save(out)
else:
    with open(template, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header = next(i for i, r in enumerate(rows) if "Huidige waarde" in r)
    col = rows[header].index("Huidige waarde")
    for r in rows[header + 1:]:
        if r and r[0] in sums:
            r[col] = f"{sums[r[0]]:.2f}".replace(".", ",")
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
