#!/usr/bin/python3
"""--output tsv read back by pandas (issue 12, item 3): `pandas.read_csv(path, sep="\\t")`
gives one row per entity of the JSON Lines output, in order, with integer offsets, a bool
weekday_conflict, NaN where a field is absent, and every string as written, even with tabs,
line breaks and double quotes inside (a user gazetteer makes such entities). Python's csv
module reads the same rows. Run with Debian's python3 (python3-pandas, installed by
tools/setup --deps --test); exits 77 (skipped) without pandas.

usage: test_tsv.py PATH-TO-idner"""
import csv
import io
import json
import math
import os
import sys

try:
    import pandas as pd
except ImportError:
    print("skipped: pandas is not installed (Debian: python3-pandas)")
    sys.exit(77)

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write, write_jsonl

DOCS = [
    {"id": "satu", "date": "2024-11-06", "text": "Menteri Luar Negeri Sugiono bertemu "
     "mitranya di Kairo, Mesir, Selasa (5/11/2024) pukul 14.00 waktu setempat."},
    {"id": "dua", "text": "Rabu (31/10/2024) warga \"Kampung\tBiru\" dan Kampung\nHijau "
     "menggelar kerja bakti di Yogyakarta."},
    {"id": "tiga", "text": "tidak ada nama di sini."},
    {"id": "empat", "text": "Warung \"Mbok Darmi\" di Sleman ramai pada akhir pekan ini.",
     "date": "2024-11-06"},
    {"id": "lima", "text": "Warga Medan merayakan 1 Syawal 1445 H bersama keluarga."},
]
FIELDS = ["canonical", "id", "subtype", "iso", "value", "mod", "calendar", "source"]


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    gaz = write(os.path.join(d, "kampung.tsv"),
                "Kampung Biru\tLOC\tKampung \"Biru\"\tuji:biru\tvillage\n"
                "Kampung Hijau\tLOC\tKampung Hijau\tuji:hijau\tvillage\n"
                "Mbok Darmi\tPER\tMbok Darmi\tuji:darmi\n")
    src = write_jsonl(os.path.join(d, "docs.jsonl"), DOCS)
    args = ["annotate", "--input", "jsonl", "--gazetteer", gaz, src]
    rc, out, err = run(exe, args)
    t.eq(rc, 0, f"jsonl: exit status ({err.strip()})")
    want = [(doc["id"], e) for doc in jsonl(out) for e in doc["entities"]]
    path = os.path.join(d, "out.tsv")
    rc, out, err = run(exe, args + ["--output", "tsv", "-o", path])
    t.eq((rc, out), (0, b""), f"tsv: exit status, nothing on stdout ({err.strip()})")

    df = pd.read_csv(path, sep="\t")
    t.eq(list(df.columns), ["doc_id", "type", "text", "start", "end", "byte_start", "byte_end",
                            "canonical", "id", "subtype", "iso", "value", "mod",
                            "weekday_conflict", "calendar", "source"], "columns")
    t.eq(len(df), len(want), "one row per entity")
    for col in ("start", "end", "byte_start", "byte_end"):
        t.eq(str(df[col].dtype), "int64", f"{col} is an integer column")
    t.eq(str(df["weekday_conflict"].dtype), "bool", "weekday_conflict is a bool column")
    t.check(df["weekday_conflict"].any(), "a weekday conflict is in the data (Rabu 31/10/2024, a Thursday)")
    for i, (doc_id, e) in enumerate(want):
        row = df.iloc[i]
        t.eq(row["doc_id"], doc_id, f"row {i}: doc_id")
        for col in ("type", "text", "start", "end", "byte_start", "byte_end"):
            t.eq(row[col], e[col], f"row {i}: {col}")
        t.eq(bool(row["weekday_conflict"]), e.get("weekday_conflict", False),
             f"row {i}: weekday_conflict")
        for col in FIELDS:
            v = row[col]
            got = None if isinstance(v, float) and math.isnan(v) else v
            t.eq(got, e.get(col), f"row {i}: {col}")
    texts = set(df["text"])
    t.check("Kampung\tBiru" in texts and "Kampung\nHijau" in texts,
            f"a tab and a line break inside an entity survive: {sorted(texts)}")
    t.check('Kampung "Biru"' in set(df["canonical"].dropna()), "a quote inside a value survives")
    t.eq(list(df["calendar"].dropna()), ["hijri"], "the Hijri date's calendar column")
    # Python's csv module agrees, row for row.
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    t.eq(len(rows), len(want) + 1, "csv module: header and rows")
    t.eq([r[2] for r in rows[1:]], [e["text"] for _, e in want], "csv module: texts")
    # No entities at all: the header alone, which pandas reads as an empty table.
    rc, out, err = run(exe, ["annotate", "--output", "tsv"], stdin="tidak ada nama.")
    empty = pd.read_csv(io.BytesIO(out), sep="\t")
    t.eq((rc, len(empty), len(empty.columns)), (0, 0, 16), "no entities: header only")
    t.done()


if __name__ == "__main__":
    main()
