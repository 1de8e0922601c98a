#!/usr/bin/env python3
"""Interop check: every workbook okrsheet writes is opened by openpyxl (warnings are failures), by
python-calamine and by LibreOffice headless, and their values must equal what okrsheet itself reads
back. Inputs: the shipped samples and every .xlsx/.xlsm/.ods of a corpus folder, each written with
`okrsheet table INPUT out.xlsx` (checked by all three; not for .ods inputs) and `okrsheet table INPUT
out.ods` (checked by python-calamine and LibreOffice, and for the OpenDocument package rules).

Usage: .ci/interop.py OKRSHEET [CORPUS_FOLDER]   -> ends with "N passed, N failed"
"""
import csv, datetime, math, os, re, shutil, subprocess, sys, tempfile, warnings

import openpyxl
import python_calamine as pc

OKRSHEET = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
inputs = [os.path.join(ROOT, "samples", n) for n in sorted(os.listdir(os.path.join(ROOT, "samples")))
          if n.endswith((".csv", ".xlsx", ".ods"))]
if len(sys.argv) > 2:
    corpus = sys.argv[2]
    inputs += [os.path.join(corpus, n) for n in sorted(os.listdir(corpus)) if n.endswith((".xlsx", ".xlsm", ".ods"))]


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
        if t.count(":") == 2 and t.replace(":", "").replace(".", "", 1).lstrip("-").isdigit():
            h, m, s_ = (float(x) for x in t.split(":"))
            # Clock texts: okrsheet's canonical text is rounded to the second; compare to the second.
            return round(abs(h) * 3600 + m * 60 + s_) / 86400 * (-1 if t.startswith("-") else 1)
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


ISO_DURATION = re.compile(r"^(-?)PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$")


def canon(v):
    if v is None or v == "":
        return ""
    if isinstance(v, str) and ISO_DURATION.match(v):
        # python-calamine hands over an ODS duration of 24 hours or more as its xsd:duration text.
        sign, h, m, s_ = ISO_DURATION.match(v).groups()
        days = (int(h or 0) * 3600 + int(m or 0) * 60 + float(s_ or 0)) / 86400
        return str(-days if sign else days)
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


MERGED = object()


def compare(name, expected, got):
    for i in range(max(len(expected), len(got))):
        e = expected[i] if i < len(expected) else []
        g = got[i] if i < len(got) else []
        for j in range(max(len(e), len(g))):
            a = e[j] if j < len(e) else ""
            b = g[j] if j < len(g) else ""
            if b is not MERGED and not same(a, b) and not (a.startswith("#") and b in ("", "#N/A", a)):
                return f"{name} row {i + 1} col {j + 1}: okrsheet {a!r}, {name} {b!r}"
    return None


def check(src, tmp, ext="xlsx"):
    out = os.path.join(tmp, "out." + ext)
    p = run(["table", src, out])
    if p.returncode != 0:
        if src.endswith((".xlsx", ".xlsm", ".ods")) and p.returncode == 3:
            return None  # an input okrsheet refuses clearly is the differential check's business
        return f"okrsheet could not write it: {p.stderr.strip()[:300]}"
    back = os.path.join(tmp, "back.csv")
    p = run(["table", out, back])
    if p.returncode != 0:
        return f"okrsheet cannot read its own file: {p.stderr.strip()[:300]}"
    expected = grid(back)
    if ext == "ods":
        problem = check_ods_package(out)
        if problem:
            return problem
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            if ext == "xlsx":
                wb = openpyxl.load_workbook(out, data_only=True)
                ws = wb.worksheets[0]
                rows = [[canon(c) for c in r] for r in ws.iter_rows(values_only=True)]
                # openpyxl drops the values of merged-away cells (Excel shows only the first cell).
                for merged in ws.merged_cells.ranges:
                    for r in range(merged.min_row, merged.max_row + 1):
                        for c in range(merged.min_col, merged.max_col + 1):
                            if (r, c) != (merged.min_row, merged.min_col) and r <= len(rows) and c <= len(rows[r - 1]):
                                rows[r - 1][c - 1] = MERGED
        except Exception as exc:
            return f"openpyxl: {type(exc).__name__}: {exc}"
    if ext == "xlsx":
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
    converted = os.path.join(lo, "out.csv")
    # A profile of its own, so that another LibreOffice running on the machine cannot lock this one out;
    # one retry, since a first start of a fresh profile occasionally gives up.
    profile = "file://" + os.path.join(tmp, "lo-profile")
    for _ in range(2):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir", lo, out],
                       capture_output=True, timeout=180)
        if os.path.exists(converted):
            break
    if ext == "ods" and not os.path.exists(converted):
        return "LibreOffice could not open the .ods"
    if not os.path.exists(converted):
        return "LibreOffice could not open it"
    rows = grid(converted)
    # LibreOffice shows values as formatted: compare only the cells okrsheet holds as text or plain numbers.
    for i, (e, g) in enumerate(zip(expected, rows)):
        for j, (a, b) in enumerate(zip(e, g)):
            if ext == "ods":
                # A CR in ODS text is kept (&#13;; okrsheet and calamine read it back), but LibreOffice's
                # cell text has no CR: it reads it as one more line break.
                a = a.replace("\r\n", "\n\n").replace("\r", "\n")
            if a and not same(a, b) and not a[:4].isdigit() and not b.replace(".", "").replace("-", "").isdigit() \
                    and not a.startswith("#") and not ":" in a:
                return f"LibreOffice row {i + 1} col {j + 1}: okrsheet {a!r}, LibreOffice {b!r}"
    return None


def check_ods_package(path):
    """The OpenDocument package rules: mimetype first, stored, no extra field; the manifest lists every part."""
    import struct, zipfile
    with open(path, "rb") as f:
        head = f.read(38 + 46)
    sig, _, _, method, _, _, _, _, _, name_len, extra_len = struct.unpack("<IHHHHHIIIHH", head[:30])
    if sig != 0x04034B50 or head[30:30 + name_len] != b"mimetype" or method != 0 or extra_len != 0:
        return "ODS package: mimetype is not the first entry, stored with no extra field"
    if head[38:38 + 46] != b"application/vnd.oasis.opendocument.spreadsheet":
        return "ODS package: wrong mimetype"
    with zipfile.ZipFile(path) as z:
        listed = set(re.findall(r'manifest:full-path="([^"]+)"', z.read("META-INF/manifest.xml").decode()))
        parts = {n for n in z.namelist() if n not in ("mimetype", "META-INF/manifest.xml")}
    if not parts <= listed:
        return f"ODS package: the manifest does not list {sorted(parts - listed)}"
    return None


passed = failed = 0
for src in inputs:
    # An .ods input is written as .ods only: its OpenFormula formulas in an .xlsx are not yet translated
    # to Excel's syntax (LibreOffice shows Err:508), which is the XLSX writer's business.
    for ext in (("ods",) if src.endswith(".ods") else ("xlsx", "ods")):
        tmp = tempfile.mkdtemp(prefix="okrsheet-interop-")
        try:
            problem = check(src, tmp, ext)
        except subprocess.TimeoutExpired:
            problem = "timed out"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if problem:
            failed += 1
            print(f"FAIL {os.path.basename(src)} -> .{ext}: {problem}")
        else:
            passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
