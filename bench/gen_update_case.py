#!/usr/bin/env python3
"""Writes the `okrsheet update` bench case: a 200-key-result nl CSV template and 20 rules (sums over
account ranges within the period) that fit bench/gen_ledger.py's ledger.

Usage: bench/gen_update_case.py --out-dir bench/data
Writes okr-200.csv (UTF-8 with BOM, ';', CRLF, like Excel on a Dutch PC) and rules-20.yaml.
"""
import argparse
import os


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


if __name__ == "__main__":
    main()
