#!/usr/bin/env python3
"""Writes the seed inputs of one fuzz target into a folder (fuzz/run calls it; nothing here is committed).

Usage: fuzz/seeds.py TARGET OUT_DIR ROOT CALAMINE_DIR

- csv, xlsx, ods: copies of the test fixtures, the samples, the committed regression inputs and the
  calamine corpus files of that format (whatever their extension says, by their bytes), leaving out
  packages that inflate to more than 4 MB.
- table: the csv, xlsx and ods seeds of up to 64 KB.
- xlsx-sheet, ods-content: each XML part of those workbooks that the target can replace, prefixed by
  the selector byte of that part (the order of the parts in fuzz/Sources/fuzz-*/).
- values, sentence: every string literal of the Values tests, prefixed by a few selector bytes (which
  pick the decimal convention, language, fiscal year and reference period; see ValueSetup.swift).
"""
import glob, hashlib, os, re, sys, zipfile

TARGET, OUT, ROOT, CALAMINE = sys.argv[1:5]
os.makedirs(OUT, exist_ok=True)
XLSX_PARTS = [r"xl/worksheets/sheet1\.xml", r"xl/sharedStrings\.xml", r"xl/styles\.xml", r"xl/workbook\.xml",
              r"xl/_rels/workbook\.xml\.rels", r"\[Content_Types\]\.xml", r"_rels/\.rels", r"xl/worksheets/sheet\d+\.xml"]
ODS_PARTS = [r"mimetype", r"content\.xml", r"META-INF/manifest\.xml", r"meta\.xml"]
MAX_SEED = 256 << 10
# Packages that inflate to more than this are left out: a debug build with ASan takes longer than
# the 10 s timeout on the 8 MB content.xml of large_content_parsed_while_inflating.ods.
MAX_INFLATED = 4 << 20


def save(data):
    if 0 < len(data) <= MAX_SEED:
        with open(os.path.join(OUT, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)


def files(*patterns):
    for pattern in patterns:
        yield from sorted(glob.glob(os.path.join(ROOT, pattern)) + glob.glob(os.path.join(CALAMINE, pattern)))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def zips(kind):
    """The ZIP files among the fixtures that hold an XLSX (kind "xlsx") or ODS (kind "ods") package."""
    for path in files("Tests/*/Fixtures/*", "Tests/*/Fixtures/fuzz/*", "samples/*", "*"):
        if os.path.isfile(path) and read(path)[:2] == b"PK":
            try:
                infos = zipfile.ZipFile(path).infolist()
                names = [info.filename for info in infos]
                if sum(info.file_size for info in infos) > MAX_INFLATED:
                    continue
            except Exception:
                if kind in path.lower():
                    yield path, None
                continue
            if ("[Content_Types].xml" in names) == (kind == "xlsx"):
                yield path, names


if TARGET == "csv":
    for path in files("Tests/CSVAdapterTests/Fixtures/*", "Tests/CSVAdapterTests/Fixtures/fuzz/*", "samples/*.csv"):
        if os.path.isfile(path) and not path.endswith(".py"):
            save(read(path)[:64 << 10])
elif TARGET in ("xlsx", "ods"):
    for path, _ in zips(TARGET):
        save(read(path))
elif TARGET == "table":
    for path in files("Tests/CSVAdapterTests/Fixtures/*", "samples/*.csv"):
        if os.path.isfile(path) and not path.endswith(".py"):
            save(read(path)[:64 << 10])
    for kind in ("xlsx", "ods"):
        for path, _ in zips(kind):
            if os.path.getsize(path) <= 64 << 10:
                save(read(path))
elif TARGET in ("xlsx-sheet", "ods-content"):
    parts = XLSX_PARTS if TARGET == "xlsx-sheet" else ODS_PARTS
    for path, names in zips("xlsx" if TARGET == "xlsx-sheet" else "ods"):
        if names is None:
            continue
        archive = zipfile.ZipFile(path)
        for name in names:
            for selector, pattern in enumerate(parts):
                if re.fullmatch(pattern, name):
                    try:
                        save(bytes([selector]) + archive.read(name)[:64 << 10])
                    except Exception:
                        pass
                    break
elif TARGET in ("values", "sentence"):
    literal = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
    texts = set()
    for path in files("Tests/OKRMappingTests/Values*.swift", "Sources/OKRMapping/Values/ValueWords.swift"):
        for match in literal.finditer(read(path).decode("utf-8")):
            text = match.group(1).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
            text = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), text)
            if text.strip() and "\\(" not in text:
                texts.add(text)
    for n, text in enumerate(sorted(texts)):
        for selector in (n % 18, 18 + n % 72, 90 + n % 90, 180 + n % 76):
            save(bytes([selector]) + text.encode("utf-8"))
else:
    sys.exit(f"seeds.py: unknown target {TARGET}")
print(len(os.listdir(OUT)))
