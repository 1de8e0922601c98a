#!/usr/bin/env python3
"""Board check: the board-ready XLSX that `okrsheet convert SAMPLE board.xlsx` writes is opened by openpyxl
(warnings are failures, except the one openpyxl gives for every x14 extension, which it cannot keep) and
python-calamine; its formulas, cached values, conditional formats, data validation, frozen header,
autofilter, print setup and chart are checked; LibreOffice renders it to PDF and the first page to a PNG
(`pdftoppm`, apt package poppler-utils), which must fit one page wide. The board of the KPI sample also
has its KPI sheet checked (sparklines, values read alike) and rendered.

Usage: .ci/board.py OKRSHEET [PNG_OUT]   -> ends with "N passed, N failed"; PNG_OUT gets the first page of
the board made from samples/okr-voorbeelden-2026.xlsx (docs/board-example.png).
"""
import os, re, shutil, subprocess, sys, tempfile, warnings, zipfile

import openpyxl
import python_calamine as pc

OKRSHEET = sys.argv[1]
PNG_OUT = sys.argv[2] if len(sys.argv) > 2 else None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOARDS = [("okr-sjabloon.xlsx", "nl"), ("okr-sjabloon.xlsx", "en"), ("okr-sjabloon.xlsx", "fr"), ("okr-voorbeelden-2026.xlsx", "nl"),
          ("okr-fr.xlsx", "fr"), ("okr-en.csv", "en"), ("okr-sjabloon.ods", "nl"), ("viva-goals-export.xlsx", "en")]
STATUS = {"nl": ["Behaald", "Op schema", "Aandacht nodig", "Achter op schema", "Niet gestart"],
          "en": ["Achieved", "On track", "At risk", "Off track", "Not started"],
          "fr": ["Atteint", "En bonne voie", "À risque", "En retard", "Non commencé"]}
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def open_quietly(path):
    """openpyxl with every warning an error, but the x14 one: it says it drops extensions it cannot keep."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", message=r".*extension is not supported and will be removed")
        return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def progress(start, current, target, formula):
    """The key result's progress by the board formula's own rule, to compare with the cached value."""
    if current is None:
        return ""
    if ">=1,1,0)" in formula:
        return 1 if current >= 1 else 0
    m = re.search(r"IF\(E\d+(>=|<=|>|<)F\d+,1,(.*)\)\)$", formula)
    if m:
        op, otherwise = m.groups()
        if {">=": current >= target, "<=": current <= target, ">": current > target, "<": current < target}[op]:
            return 1
        if otherwise == "0":
            return 0
    if "-D" in formula:
        return max(0, (current - start) / (target - start))
    return max(0, current / target)


def check_board(sample, lang, tmp):
    out = os.path.join(tmp, f"{os.path.splitext(sample)[0]}-{lang}.xlsx")
    args = ["convert", os.path.join(ROOT, "samples", sample), out, "--as-of", "2026-05-15", "--lang", lang]
    r = subprocess.run([OKRSHEET, *args], capture_output=True, text=True, timeout=120)
    check(f"{sample} convert", r.returncode == 0 and os.path.exists(out), r.stderr[-500:])
    if r.returncode:
        return None
    try:
        wb, values = open_quietly(out)
    except Exception as e:  # noqa: BLE001 - any warning or error is the finding
        check(f"{sample} openpyxl", False, repr(e))
        return None
    ws, vs = wb["OKR"], values["OKR"]
    name = f"{sample} ({lang})"
    check(f"{name} frozen header", ws.freeze_panes == "A4", ws.freeze_panes)
    check(f"{name} autofilter", (ws.auto_filter.ref or "").startswith("A3:J"), ws.auto_filter.ref)
    check(f"{name} print titles", ws.print_title_rows == "$3:$3", ws.print_title_rows)
    check(f"{name} landscape, one page wide", ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
          and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup)
    check(f"{name} page x of y", "&P" in (ws.oddFooter.right.text or "") and "&N" in (ws.oddFooter.right.text or ""), ws.oddFooter.right.text)
    rules = {str(k.sqref): [r.type for r in v] for k, v in ws.conditional_formatting._cf_rules.items()}
    check(f"{name} data bar", any(t == ["dataBar"] and s.startswith("G4:") for s, t in rules.items()), rules)
    check(f"{name} status colours", any(t.count("cellIs") == 5 and s.startswith("I4:") for s, t in rules.items()), rules)
    formulas = [r.formula[0] for k, v in ws.conditional_formatting._cf_rules.items() for r in v if r.type == "cellIs"]
    check(f"{name} status labels", sorted(f.strip('"') for f in formulas) == sorted(STATUS[lang]), formulas)
    dv = ws.data_validations.dataValidation
    check(f"{name} drop-down", len(dv) == 1 and dv[0].type == "list" and dv[0].formula1.strip('"').split(",") == STATUS[lang],
          [(d.type, d.formula1) for d in dv])
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        check(f"{name} x14 data bar", "<x14:dataBar" in sheet and "<x14:id>" in sheet)
        check(f"{name} chart", "xl/charts/chart1.xml" in z.namelist() and "xl/drawings/drawing1.xml" in z.namelist())
    # Formulas and cached values, row by row.
    kr_formulas = 0
    for row in range(4, ws.max_row + 1):
        g, h = ws[f"G{row}"].value, ws[f"H{row}"].value
        cached_g, cached_h = vs[f"G{row}"].value, vs[f"H{row}"].value
        if isinstance(g, str) and g.startswith("=IF(E"):
            kr_formulas += 1
            d, e, f = (vs[f"{c}{row}"].value for c in "DEF")
            expected = progress(d, e, f, g)
            ok = (expected == "" and cached_g in ("", None)) or (expected != "" and cached_g is not None
                                                                   and abs(expected - cached_g) < 1e-12)
            check(f"{name} G{row} cached progress", ok, f"{g} cached {cached_g!r}, formula gives {expected!r}")
            check(f"{name} H{row} score formula", h == f'=IF(G{row}="","",ROUND(MIN(1,G{row}),1))', h)
            if isinstance(cached_g, (int, float)):
                check(f"{name} H{row} cached score", cached_h == round(min(1, cached_g) + 1e-9, 1), f"{cached_h} for {cached_g}")
        elif isinstance(g, str) and g.startswith("=(MIN(1,N(G"):
            check(f"{name} G{row} objective progress cached", isinstance(cached_g, (int, float)), cached_g)
    check(f"{name} progress formulas", kr_formulas > 0)
    # python-calamine reads the same cached values.
    cal = pc.CalamineWorkbook.from_path(out)
    rows = cal.get_sheet_by_name("OKR").to_python()
    mismatches = [(i + 1, rows[i][6], vs[f"G{i + 1}"].value) for i in range(3, len(rows))
                  if isinstance(rows[i][6], float) and abs(rows[i][6] - (vs[f"G{i + 1}"].value or 0)) > 1e-12]
    check(f"{name} python-calamine", not mismatches and len(cal.sheet_names) == 2, mismatches[:3])
    return out


def render(path, png, tmp):
    profile = "file://" + os.path.join(tmp, "lo-profile")
    r = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, path],
                       capture_output=True, text=True, timeout=300)
    pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    check("LibreOffice renders the board", r.returncode == 0 and os.path.exists(pdf), r.stderr[-300:])
    if not os.path.exists(pdf):
        return
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    check("no ### in the rendered board", "###" not in text)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check("landscape pages", "841.89 x 595" in info, info)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", pdf, os.path.join(tmp, "page")], check=True)
    pages = [n for n in os.listdir(tmp) if n.startswith("page") and n.endswith(".png")]
    check("first page as PNG", len(pages) == 1, pages)
    if pages and png:
        shutil.copy(os.path.join(tmp, pages[0]), png)
        print(f"wrote {png}")


with tempfile.TemporaryDirectory() as tmp:
    example = None
    for sample, lang in BOARDS:
        out = check_board(sample, lang, tmp)
        if sample == "okr-voorbeelden-2026.xlsx":
            example = out
    if example and shutil.which("soffice") and shutil.which("pdftoppm"):
        render(example, PNG_OUT, tmp)
    else:
        check("soffice and pdftoppm installed", False, "apt-get install libreoffice-calc-nogui poppler-utils")

# The KPI page (issue #10): a KPI sheet between the OKR sheet and the summary, with a sparkline per KPI,
# read alike by openpyxl and python-calamine, and rendered by LibreOffice without ###.
with tempfile.TemporaryDirectory() as tmp:
    kpi = os.path.join(tmp, "kpi-board.xlsx")
    r = subprocess.run([OKRSHEET, "convert", os.path.join(ROOT, "samples", "okr-kpi-2026.xlsx"), kpi, "--as-of", "2026-05-15"],
                       capture_output=True, text=True, timeout=120)
    check("KPI board written", r.returncode == 0, r.stderr[-300:])
    if r.returncode == 0:
        wb, values = open_quietly(kpi)
        check("KPI board sheets", wb.sheetnames == ["OKR", "KPI's", "Samenvatting"], wb.sheetnames)
        with zipfile.ZipFile(kpi) as z:
            sparklines = z.read("xl/worksheets/sheet2.xml").decode().count("<x14:sparkline>")
        check("a sparkline per KPI", sparklines == 8, sparklines)
        rows = pc.CalamineWorkbook.from_path(kpi).get_sheet_by_name("KPI's").to_python()
        latest = [(r[0], r[16]) for r in rows[3:]]
        expected = [(values["KPI's"].cell(row=i, column=1).value, values["KPI's"].cell(row=i, column=17).value) for i in range(4, 4 + len(latest))]
        check("KPI latest values: python-calamine = openpyxl", latest == [(a, b if b is not None else "") for a, b in expected], (latest, expected))
        if shutil.which("soffice") and shutil.which("pdftoppm"):
            render(kpi, None, tmp)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
