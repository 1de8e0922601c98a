#!/usr/bin/env python3
"""Writes a deterministic general-ledger export (grootboek) for the CSV benchmarks.

Usage: bench/gen_ledger.py --rows N --out PATH [--comma]

Eight columns as a Belgian/Dutch finance system exports them: Datum (dd-mm-yyyy), Boekstuk,
Grootboekrekening (4000-8999), Omschrijving (free text, some with ';', ',' or quotes), Kostenplaats
(KP01-KP99), Bedrag (decimal comma, some negative), BTW, Relatie. ';'-delimited with decimal commas by
default; --comma writes the English-style version (',' delimiter, decimal point). Minimal quoting,
'\\n' line ends, UTF-8. 500,000 rows come to about 36 MB. The same arguments always give the same bytes.
"""
import argparse
import csv

WORDS = ["Huur", "Energie", "Verzekering", "Telefonie", "Onderhoud", "Licenties", "Reiskosten", "Catering",
         "Drukwerk", "Advies", "Opleiding", "Marketing", "Kantoor", "Software", "Transport", "Schoonmaak"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


class LCG:
    """A 64-bit linear congruential generator: the same sequence on every Python."""

    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def amount(cents, comma):
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}{',' if comma else '.'}{frac:02d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--comma", action="store_true", help="',' delimiter and decimal point (en)")
    a = ap.parse_args()
    dutch = not a.comma
    rng = LCG(20260630)
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";" if dutch else ",", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["Datum", "Boekstuk", "Grootboekrekening", "Omschrijving", "Kostenplaats", "Bedrag", "BTW", "Relatie"])
        for i in range(a.rows):
            day, month = 1 + rng.next(28), 1 + rng.next(12)
            word, mon = WORDS[rng.next(len(WORDS))], MONTHS[month - 1]
            kind = rng.next(20)
            if kind == 0:
                text = f"{word}; {mon}"
            elif kind == 1:
                text = f"{word}, {mon}"
            elif kind == 2:
                text = f'{word} "spoed"'
            else:
                text = f"{word} {mon}"
            cents = rng.next(500000) - (100000 if rng.next(5) == 0 else 0)
            vat = cents * 21 // 100
            w.writerow([f"{day:02d}-{month:02d}-2026", f"BK{i:07d}", str(4000 + rng.next(5000)), text,
                        f"KP{1 + rng.next(99):02d}", amount(cents, dutch), amount(vat, dutch), f"REL{10000 + rng.next(9000)}"])


if __name__ == "__main__":
    main()
