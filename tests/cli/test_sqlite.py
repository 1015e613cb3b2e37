#!/usr/bin/env python3
"""--output sqlite read back through SQLite (issue 12, item 2):

- the documents, entities and runs tables hold exactly the JSON Lines output: one documents
  row per document (id as given, its type kept; the error of one that failed), one entities
  row per entity with every field, the kept input fields as a JSON object (--keep-fields);
- appending to the file adds a run and its documents;
- a run killed half-way leaves whole documents only (each document row has all its
  entities, in input order, none beyond) and its runs row without "finished";
- a file that is not an idner database is refused and left as it was.

usage: test_sqlite.py PATH-TO-idner"""
import json
import os
import signal
import sqlite3
import subprocess
import time

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write, write_jsonl

DOCS = [
    {"id": "b-1", "kanal": "nasional", "text": "Menteri Kesehatan Budi Gunadi Sadikin meninjau "
     "RSUD di Kota Kupang, Nusa Tenggara Timur, Rabu (6/11/2024).", "date": "2024-11-07"},
    {"id": 2, "kanal": "olahraga", "text": "Pebulu tangkis Gregoria Mariska Tunjung melaju ke "
     "final di Kumamoto, Jepang, Minggu (17/11/2024) pukul 13.00 waktu setempat.",
     "date": "2024-11-17"},
    {"id": "b-3", "text": "Gregoria Mariska Tunjung dan Budi Gunadi Sadikin hadir di Jakarta."},
    {"id": "b-4", "text": 12},
    {"id": None, "text": "Warga Kupang menyambut baik kunjungan itu."},
]
ENTITY_COLS = ["type", "text", "start", "end", "byte_start", "byte_end", "canonical", "id",
               "subtype", "iso", "value", "mod", "weekday_conflict", "source"]
def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def check_run(t, db, run_no, docs, inputs, what, keep=False, ref_default=None):
    got = rows(db, "SELECT doc, id, fields, ref_date, text_length, entities, warning, error "
                   "FROM documents WHERE run = ? ORDER BY doc", run_no)
    t.eq(len(got), len(docs), f"{what}: one documents row per document")
    for (doc, id_, fields, ref, length, n, warning, error), want, inp in zip(got, docs, inputs):
        t.eq(id_, want["id"], f"{what}: id of {want['id']}")
        t.eq(type(id_), type(want["id"]), f"{what}: the id's type for {want['id']}")
        t.eq(error, want.get("error"), f"{what}: error of {want['id']}")
        if "error" in want:
            continue
        if keep:
            extra = {k: v for k, v in inp.items() if k not in ("id", "text")}
            t.eq(json.loads(fields) if fields else None, extra, f"{what}: fields of {want['id']}")
        else:
            t.eq(fields, None, f"{what}: no fields without --keep-fields")
        t.eq(length, len(inp["text"]), f"{what}: text_length of {want['id']}")
        t.eq(ref, inp.get("date", ref_default), f"{what}: ref_date of {want['id']}")
        t.eq(n, len(want["entities"]), f"{what}: entity count of {want['id']}")
        ents = rows(db, "SELECT " + ", ".join(f'"{c}"' for c in ENTITY_COLS) +
                    " FROM entities WHERE doc = ? ORDER BY n", doc)
        exp = [tuple(int(e.get(c, False)) if c == "weekday_conflict" else e.get(c)
                     for c in ENTITY_COLS) for e in want["entities"]]
        t.eq(ents, exp, f"{what}: the entities of {want['id']}")


def interrupted(t, exe, d):
    """Kills a long run after its first transactions: whole documents only."""
    texts = [x["text"] for x in DOCS if isinstance(x["text"], str)]
    n_docs = 60000
    src = os.path.join(d, "besar.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            f.write(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) +
                    "\n")
    db = os.path.join(d, "putus.db")
    p = subprocess.Popen([exe, "annotate", "--input", "jsonl", "--output", "sqlite", "-o", db,
                          src], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, t0 = 0, time.time()
    while time.time() - t0 < 240 and p.poll() is None:
        try:
            seen = rows(db, "SELECT COUNT(*) FROM documents")[0][0]
        except sqlite3.Error:
            seen = 0
        if seen >= 2000:
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    p.stderr.close()
    t.check(seen >= 2000, f"documents were committed while the run went on ({seen})")
    got = rows(db, "SELECT doc, id, entities, (SELECT COUNT(*) FROM entities e "
                   "WHERE e.doc = d.doc) FROM documents d ORDER BY doc")
    t.check(0 < len(got) < n_docs, f"the killed run left part of the documents ({len(got)})")
    t.eq([r[1] for r in got], list(range(len(got))), "whole documents, in input order, no gap")
    per_text = {}
    for i, text in enumerate(texts):
        rc, out, _ = run(exe, ["annotate", "--input", "jsonl"],
                         stdin=json.dumps({"text": text}) + "\n")
        per_text[i] = len(jsonl(out)[0]["entities"])
    bad = [r for r in got if r[2] != r[3] or r[3] != per_text[r[1] % len(texts)]]
    t.eq(bad[:3], [], "every document row has all its entities")
    t.eq(rows(db, "SELECT finished, documents FROM runs"), [(None, None)],
         "the killed run has no finished time")
    # Appending to the interrupted file works and adds a run.
    small = write(os.path.join(d, "kecil.jsonl"), json.dumps({"id": "x", "text": texts[0]}) + "\n")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--output", "sqlite", "-o", db,
                             small])
    t.eq(rc, 0, f"append after a killed run: exit status ({err.strip()})")
    t.eq(rows(db, "SELECT run, documents FROM runs ORDER BY run"), [(1, None), (2, 1)],
         "the second run is complete")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    src = write_jsonl(os.path.join(d, "docs.jsonl"), DOCS)
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", src])
    t.eq(rc, 3, "jsonl: exit status (one document has no string text)")
    docs = jsonl(out)
    db = os.path.join(d, "hasil.db")
    args = ["annotate", "--input", "jsonl", "--output", "sqlite", "-o", db, src]
    rc, out, err = run(exe, args)
    t.eq((rc, out), (3, b""), f"sqlite: exit status, nothing on stdout ({err.strip()})")
    check_run(t, db, 1, docs, DOCS, "first run")
    rc, out, err = run(exe, args + ["--keep-fields", "--ref-date", "2024-11-20"])
    t.eq(rc, 3, "second run: exit status")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--ref-date", "2024-11-20", src])
    check_run(t, db, 2, jsonl(out), DOCS, "appended run", keep=True, ref_default="2024-11-20")
    runs = rows(db, "SELECT run, idner_version, options, data_version, ref_date, started, "
                    "finished, documents FROM runs ORDER BY run")
    t.eq([r[0] for r in runs], [1, 2], "appending adds a run")
    t.check(all(r[1] and r[3].startswith("fnv1a64:") and r[5] and r[6] and r[7] == len(DOCS)
                for r in runs), f"runs rows: {runs}")
    t.eq(json.loads(runs[1][2])[1:4], ["annotate", "--input", "jsonl"], "options kept")
    t.eq([r[4] for r in runs], [None, "2024-11-20"], "the runs' reference dates")
    plans = rows(db, "EXPLAIN QUERY PLAN SELECT * FROM entities e JOIN documents d USING (doc) "
                     "WHERE e.type = 'PER' AND e.canonical = 'Budi Gunadi Sadikin'")
    t.check(any("INDEX" in p[-1] or "PRIMARY KEY" in p[-1] for p in plans),
            f"the usual join uses indexes: {plans}")
    # Files that are not idner's are left alone.
    other = os.path.join(d, "lain.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE documents (judul TEXT)")
    con.commit()
    con.close()
    notdb = write(os.path.join(d, "bukan.db"), "ini bukan basis data\n" * 100)
    for path in (other, notdb):
        with open(path, "rb") as f:
            before = f.read()
        rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--output", "sqlite", "-o",
                                 path, src])
        with open(path, "rb") as f:
            t.eq((rc, f.read() == before), (1, True), f"{path}: refused, unchanged ({err})")
        t.check(err.startswith(f"idner: {path}: "), f"{path}: message {err!r}")
    rc, out, err = run(exe, ["annotate", "--output", "sqlite"], stdin="Jakarta")
    t.eq(rc, 1, "--output sqlite without -o: usage error")
    interrupted(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
