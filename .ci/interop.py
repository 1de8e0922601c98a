#!/usr/bin/env python3
"""Interop check: every workbook okrsheet writes is opened by openpyxl (warnings are failures), by
python-calamine and by LibreOffice headless, and their values must equal what okrsheet itself reads
back. Inputs: the shipped samples and every .xlsx/.xlsm of a corpus folder, each written with
`okrsheet table INPUT out.xlsx`.

Usage: .ci/interop.py OKRSHEET [CORPUS_FOLDER]   -> ends with "N passed, N failed"
"""
import csv, datetime, math, os, shutil, subprocess, sys, tempfile, warnings

import openpyxl
import python_calamine as pc

OKRSHEET = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
inputs = [os.path.join(ROOT, "samples", n) for n in sorted(os.listdir(os.path.join(ROOT, "samples")))
          if n.endswith((".csv", ".xlsx"))]
if len(sys.argv) > 2:
    corpus = sys.argv[2]
    inputs += [os.path.join(corpus, n) for n in sorted(os.listdir(corpus)) if n.endswith((".xlsx", ".xlsm"))]


def run(args):
    return subprocess.run([OKRSHEET, *args], capture_output=True, text=True, timeout=120)


def grid(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f)]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def number(text):
    """A number from plain, percent (LibreOffice shows 18%) or [h]:mm:ss duration text, in days for durations."""
    t = text.strip()
    try:
        if t.endswith("%"):
            return float(t[:-1]) / 100
        if t.count(":") == 2 and t.replace(":", "").lstrip("-").isdigit():
            h, m, s_ = (float(x) for x in t.split(":"))
            return (abs(h) * 3600 + m * 60 + s_) / 86400 * (-1 if t.startswith("-") else 1)
        return float(t)
    except ValueError:
        return None


def same(a, b):
    if a == b:
        return True
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-6)
    return a.split("T")[0] == b.split(" ")[0] if a[:4].isdigit() and b[:4].isdigit() else False


def canon(v):
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(float(v))
    if isinstance(v, datetime.datetime):
        return v.isoformat() if v.time() != datetime.time(0) else v.date().isoformat()
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return str(v.total_seconds() / 86400)
    return str(v)


def compare(name, expected, got):
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else []
        g = got[i] if i < len(got) else []
        for j in range(max(len(e), len(g))):
            a = e[j] if j < len(e) else ""
            b = g[j] if j < len(g) else ""
            if not same(a, b) and not (a.startswith("#") and b in ("", "#N/A", a)):
                return f"{name} row {i + 1} col {j + 1}: okrsheet {a!r}, {name} {b!r}"
    return None


def check(src, tmp):
    out = os.path.join(tmp, "out.xlsx")
    p = run(["table", src, out])
    if p.returncode != 0:
        if src.endswith((".xlsx", ".xlsm")) and p.returncode == 3:
            return None  # an input okrsheet refuses clearly is the differential check's business
        return f"okrsheet could not write it: {p.stderr.strip()[:300]}"
    back = os.path.join(tmp, "back.csv")
    p = run(["table", out, back])
    if p.returncode != 0:
        return f"okrsheet cannot read its own file: {p.stderr.strip()[:300]}"
    expected = grid(back)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            wb = openpyxl.load_workbook(out, data_only=True)
            rows = [[canon(c) for c in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:
            return f"openpyxl: {type(exc).__name__}: {exc}"
    problem = compare("openpyxl", expected, rows)
    if problem:
        return problem
    try:
        rows = [[canon(c) for c in r] for r in pc.CalamineWorkbook.from_path(out).get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as exc:
        return f"python-calamine: {type(exc).__name__}: {exc}"
    problem = compare("python-calamine", expected, rows)
    if problem:
        return problem
    lo = os.path.join(tmp, "lo")
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir", lo, out],
                   capture_output=True, timeout=180)
    converted = os.path.join(lo, "out.csv")
    if not os.path.exists(converted):
        return "LibreOffice could not open it"
    rows = grid(converted)
    # LibreOffice shows values as formatted: compare only the cells okrsheet holds as text or plain numbers.
    for i, (e, g) in enumerate(zip(expected, rows)):
        for j, (a, b) in enumerate(zip(e, g)):
            if a and not same(a, b) and not a[:4].isdigit() and not b.replace(".", "").replace("-", "").isdigit() \
                    and not a.startswith("#") and not ":" in a:
                return f"LibreOffice row {i + 1} col {j + 1}: okrsheet {a!r}, LibreOffice {b!r}"
    return None


passed = failed = 0
for src in inputs:
    tmp = tempfile.mkdtemp(prefix="okrsheet-interop-")
    try:
        problem = check(src, tmp)
    except subprocess.TimeoutExpired:
        problem = "timed out"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if problem:
        failed += 1
        print(f"FAIL {os.path.basename(src)}: {problem}")
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
