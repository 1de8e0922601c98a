#!/usr/bin/env python3
"""Interop check for `okrsheet update`: each styled template is updated from the sample ledger, and the
patched workbook must open in openpyxl (warnings are failures), python-calamine and LibreOffice headless
with the values okrsheet reads back, on every sheet; the current values must be the new ones.

Usage: .ci/patched.py OKRSHEET   -> ends with "N passed, N failed"
"""
import csv, os, shutil, subprocess, sys, tempfile, warnings

import openpyxl
import python_calamine as pc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
OKRSHEET = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "OKRMappingTests", "Fixtures")
TEMPLATES = [os.path.join(FIXTURES, n) for n in sorted(os.listdir(FIXTURES)) if n.endswith((".xlsx", ".xlsm", ".ods"))]
LEDGER = os.path.join(ROOT, "samples", "grootboek.csv")
RULES = os.path.join(ROOT, "mappings", "rules-example.yaml")


def run(args):
    return subprocess.run([OKRSHEET, *args], capture_output=True, text=True, timeout=120)


def grid(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f)]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def close(a, b):
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))
    except ValueError:
        return False


def canon(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(float(v))
    return str(v)


def compare(who, expected, got, skip_formulas=()):
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else []
        g = got[i] if i < len(got) else []
        for j in range(max(len(e), len(g))):
            if (i, j) in skip_formulas:
                continue
            a = e[j] if j < len(e) else ""
            b = g[j] if j < len(g) else ""
            if not close(a, b):
                return f"{who} row {i + 1} col {j + 1}: okrsheet {a!r}, {who} {b!r}"
    return None


def check(template, tmp):
    ext = os.path.splitext(template)[1]
    out = os.path.join(tmp, "out" + ext)
    p = run(["update", template, "--from", LEDGER, "--rules", RULES, "--as-of", "2026-05-15", "--output", out])
    if p.returncode != 0:
        return f"update failed: {p.stderr.strip()[:300]}"
    plan = run(["update", out, "--from", LEDGER, "--rules", RULES, "--as-of", "2026-05-15", "--dry-run"])
    lines = plan.stdout.strip().splitlines()[1:]
    if plan.returncode != 0 or not lines or not all("(unchanged)" in line for line in lines):
        return f"a second update would change the patched file again: {(plan.stdout + plan.stderr).strip()[:300]}"
    sheets = pc.CalamineWorkbook.from_path(out).sheet_names
    formula_cells = {}
    if ext != ".ods":
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                wb = openpyxl.load_workbook(out)
            except Exception as exc:
                return f"openpyxl: {type(exc).__name__}: {exc}"
        for ws in wb.worksheets:
            formula_cells[ws.title] = {(c.row - 1, c.column - 1) for r in ws.iter_rows() for c in r if c.data_type == "f"}
        values = openpyxl.load_workbook(out, data_only=True)
    for index, name in enumerate(sheets):
        back = os.path.join(tmp, f"back{index}.csv")
        p = run(["table", out, back, "--sheet", name])
        if p.returncode != 0:
            return f"okrsheet cannot read the patched sheet {name}: {p.stderr.strip()[:300]}"
        expected = grid(back)
        if ext != ".ods":
            rows = [[canon(c) for c in r] for r in values[name].iter_rows(values_only=True)]
            problem = compare(f"openpyxl ({name})", expected, rows)
            if problem:
                return problem
        rows = [[canon(c) for c in r] for r in pc.CalamineWorkbook.from_path(out).get_sheet_by_name(name).to_python(skip_empty_area=False)]
        problem = compare(f"python-calamine ({name})", expected, rows)
        if problem:
            return problem
    # LibreOffice opens it; its first sheet's text and plain numbers agree, formulas aside (it may
    # recalculate them from the new current values, which is the point).
    lo = os.path.join(tmp, "lo")
    profile = "file://" + os.path.join(tmp, "lo-profile")
    converted = os.path.join(lo, "out.csv")
    for _ in range(2):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir", lo, out],
                       capture_output=True, timeout=180)
        if os.path.exists(converted):
            break
    if not os.path.exists(converted):
        return "LibreOffice could not open it"
    expected = grid(os.path.join(tmp, "back0.csv"))
    skip = formula_cells.get(sheets[0], set())
    for i, (e, g) in enumerate(zip(expected, grid(converted))):
        for j, (a, b) in enumerate(zip(e, g)):
            if (i, j) in skip or not a:
                continue
            try:
                float(a)
                numeric = True
            except ValueError:
                numeric = False
            if numeric and not close(a, b.replace(",", "")) and not b.endswith("%"):
                return f"LibreOffice row {i + 1} col {j + 1}: okrsheet {a!r}, LibreOffice {b!r}"
            if not numeric and a != b and "-" not in a:
                return f"LibreOffice row {i + 1} col {j + 1}: okrsheet {a!r}, LibreOffice {b!r}"
    return None


passed = failed = 0
for template in TEMPLATES:
    tmp = tempfile.mkdtemp(prefix="okrsheet-patched-")
    try:
        problem = check(template, tmp)
    except subprocess.TimeoutExpired:
        problem = "timed out"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if problem:
        failed += 1
        print(f"FAIL {os.path.basename(template)}: {problem}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
