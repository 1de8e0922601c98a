#!/usr/bin/env python3
"""The script an analyst would write instead of `okrsheet update` for a CSV template: pandas read_csv,
20 filtered sums, then the template's "Huidige waarde" column rewritten with the csv module.

Usage: bench/update_peer.py LEDGER TEMPLATE RULES-COUNT OUT
Not a faithful peer in one way: the csv module re-quotes and drops nothing here, but it writes every
field again (okrsheet rewrites only the changed ones), and progress/score/status are not recomputed.
"""
import csv
import sys

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
with open(template, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))
header = next(i for i, r in enumerate(rows) if "Huidige waarde" in r)
col = rows[header].index("Huidige waarde")
for r in rows[header + 1:]:
    if r and r[0] in sums:
        r[col] = f"{sums[r[0]]:.2f}".replace(".", ",")
with open(out, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
