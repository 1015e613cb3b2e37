#!/usr/bin/env python3
"""--explain (SPEC.md section 6, docs/format.md "Explanations"): every entity carries an
`explain` object naming what found it (a list's file and line, a rule and its trigger word, a
date's form, the tagger's score and margin) and the candidates that lost where it stands, with
the reason (overlap, lower priority, excluded, a stage's rejection); the document's `explain`
lists those that lost where no entity stands. Without --explain the output is byte for byte what
it was: the same entities, no `explain` anywhere, no extra column. The writers that have room
carry it (jsonl, json, tsv, sqlite, html).

usage: test_explain.py PATH-TO-idner"""
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

from clitest import Checker, entity_problems, exe_from_argv, jsonl, run, tmpdir, write

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared")

TEXT = ("Gubernur Darmaji Sukoreno meninjau banjir di Karangsela pada Senin (4/3/2024). "
        "Nasabah Bank Karangwangi mengantre di kantor cabang Bandung sejak pagi. "
        "Menurut Sukoreno, warga sudah dievakuasi.")


def annotate(exe, args, text):
    rc, out, err = run(exe, ["annotate"] + args, stdin=text)
    docs = jsonl(out)
    return rc, docs[0] if docs else None, err, out


def entity(doc, text, type_=None):
    for e in doc["entities"]:
        if e["text"] == text and (type_ is None or e["type"] == type_):
            return e
    return None


def list_line(path, line):
    """The surface (first column) of LINE of the list PATH (relative to the source tree, or as
    given)."""
    full = path if os.path.isabs(path) else os.path.join(ROOT, path)
    if not os.path.exists(full):
        full = path
    with open(full, encoding="utf-8") as f:
        for n, l in enumerate(f, 1):
            if n == line:
                return l.split("\t")[0]
    return None


def unchanged_without(t, exe, d):
    """Same entities with and without --explain; without it, the very bytes of the entities
    with their explain removed (the compact writer's own layout) and no explain at all."""
    docs = [{"id": i, "text": s} for i, s in enumerate([TEXT, "Warga Bandung dan Jakarta.",
                                                        "tanpa nama", "Idul Fitri 2024 jatuh pada "
                                                        "10 April 2024, kata Menteri Agama."])]
    path = write(os.path.join(d, "docs.jsonl"),
                 "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs))
    rc, plain, _ = run(exe, ["annotate", "--input", "jsonl", path])
    rc2, expl, _ = run(exe, ["annotate", "--input", "jsonl", "--explain", path])
    t.eq((rc, rc2), (0, 0), "exit status with and without --explain")
    t.check(b"explain" not in plain, "no explain without --explain")
    stripped = []
    for doc in jsonl(expl):
        t.check("explain" in doc and isinstance(doc["explain"].get("lost"), list),
                f"the document's explain: {doc.get('explain')!r}")
        doc.pop("explain", None)
        for e in doc["entities"]:
            t.check(isinstance(e.get("explain"), dict) and "found" in e["explain"] and
                    isinstance(e["explain"].get("lost"), list), f"explain of {e['text']!r}")
            e.pop("explain", None)
        stripped.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    t.eq("\n".join(stripped) + "\n", plain.decode("utf-8"),
         "--explain output minus explain == the output without it, byte for byte")
    for doc, src in zip(jsonl(expl), docs):
        t.check(not entity_problems(doc, src["text"]), f"invariants: {entity_problems(doc, src['text'])}")
    if os.path.exists(os.path.join(SHARED, "tools", "check_output.py")):
        out = write(os.path.join(d, "explained.jsonl"), expl)
        p = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "check_output.py"),
                            path, out], capture_output=True, text=True)
        t.eq(p.returncode, 0, f"check_output.py accepts the --explain output: {p.stdout}")


def list_hit(t, exe, d):
    rc, doc, err, _ = annotate(exe, ["--explain"], TEXT)
    e = entity(doc, "Bandung", "LOC")
    if not t.check(e is not None, f"Bandung found: {doc}"):
        return
    f = e["explain"]["found"]
    t.eq(f.get("stage"), "gazetteer", "Bandung: found by the gazetteer")
    t.check(f.get("list", "").startswith("data/gazetteer/") and isinstance(f.get("line"), int),
            f"Bandung: list file and line: {f}")
    t.eq(list_line(f.get("list", ""), f.get("line")), f.get("listed"),
         "the named line of the list holds the surface")
    t.eq(f.get("listed"), "Bandung", "Bandung: as listed")
    # a user list: its path as given, its line
    user = write(os.path.join(d, "bank.tsv"), "# bank kecil\nBank Karangwangi\tORG\nKarangwangi\tLOC\n")
    rc, doc, err, _ = annotate(exe, ["--explain", "--gazetteer", user], TEXT)
    e = entity(doc, "Bank Karangwangi", "ORG")
    if not t.check(e is not None, f"the user's bank found: {doc}"):
        return
    f = e["explain"]["found"]
    t.eq((f.get("stage"), f.get("list"), f.get("line"), f.get("listed")),
         ("user", user, 2, "Bank Karangwangi"), "a user list hit: its file and line")
    # the candidate that lost to it: the place inside its name, by overlap
    lost = [l for l in e["explain"]["lost"] if l["text"] == "Karangwangi"]
    if t.check(lost, f"the place inside the bank's name lost: {e['explain']}"):
        l = lost[0]
        t.eq((l["type"], l["reason"], l["found"].get("line")), ("LOC", "overlap", 3),
             "lost by overlap, found on line 3")
        t.eq((l["by"]["text"], l["by"]["type"]), ("Bank Karangwangi", "ORG"), "what beat it")
        t.eq(TEXT[l["start"]:l["end"]], "Karangwangi", "the lost candidate's offsets")


def rule_hit(t, exe):
    rc, doc, err, _ = annotate(exe, ["--explain"], TEXT)
    e = entity(doc, "Darmaji Sukoreno", "PER")
    if not t.check(e is not None, f"Darmaji Sukoreno found: {doc}"):
        return
    f = e["explain"]["found"]
    t.eq((f.get("stage"), f.get("rule"), f.get("trigger")), ("rule", "title", "Gubernur"),
         "a rule hit: the title rule and its trigger word")
    t.eq(TEXT[f.get("trigger_start", 0):f.get("trigger_end", 0)], "Gubernur",
         "the trigger's offsets")
    e = entity(doc, "Karangsela", "LOC")
    if t.check(e is not None, "Karangsela found"):
        f = e["explain"]["found"]
        t.eq((f.get("rule"), f.get("trigger")), ("loc_prep", "di"), "Karangsela: after 'di'")
    e = entity(doc, "Senin (4/3/2024)", "DATE")
    if t.check(e is not None, "the date found"):
        t.eq(e["explain"]["found"], {"stage": "date", "form": "full date"}, "a date's form")
    # the tagger's figures on what it chose
    scored = [e for e in doc["entities"] if "model_score" in e["explain"]["found"]]
    t.check(scored and all(isinstance(e["explain"]["found"]["model_margin"], float)
                           for e in scored), "the tagger's score and margin")


def excluded(t, exe, d):
    ex = write(os.path.join(d, "buang.txt"), "Karangsela\nSukoreno\n")
    rc, doc, err, _ = annotate(exe, ["--explain", "--exclude", ex], TEXT)
    t.check(entity(doc, "Karangsela") is None and entity(doc, "Sukoreno") is None,
            f"no excluded surface in the output: {doc['entities']}")
    lost = doc["explain"]["lost"]
    reasons = {(l["text"], l["source"]): l["reason"] for l in lost}
    t.eq(reasons.get(("Karangsela", "rule")), "excluded", f"Karangsela, the rule hit: {lost}")
    t.eq(reasons.get(("Sukoreno", "alias")), "excluded", f"Sukoreno, the alias hit: {lost}")
    k = [l for l in lost if l["text"] == "Karangsela" and l["source"] == "rule"]
    if k:
        t.eq((k[0]["found"].get("rule"), k[0]["found"].get("trigger")), ("loc_prep", "di"),
             "the excluded candidate says what found it")


def writers(t, exe, d):
    path = write(os.path.join(d, "satu.jsonl"), json.dumps({"id": "a", "text": TEXT}) + "\n")
    # tsv: an explain column only with --explain
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", "tsv", path])
    t.check("explain" not in out.decode().split("\n")[0], "tsv: no explain column without it")
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", "tsv", "--explain", path])
    rows = list(csv.DictReader(io.StringIO(out.decode()), delimiter="\t"))
    t.check(rows and all(json.loads(r["explain"])["found"]["stage"] == r["source"] for r in rows),
            "tsv: each row's explain column is the JSON object")
    # sqlite: the column only with --explain
    db = os.path.join(d, "a.db")
    run(exe, ["annotate", "--input", "jsonl", "--output", "sqlite", "-o", db, path])
    cols = [r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(entities)")]
    t.check("explain" not in cols, f"sqlite: no explain column without it: {cols}")
    rc, _, err = run(exe, ["annotate", "--input", "jsonl", "--output", "sqlite", "--explain", "-o",
                           db, path])
    t.eq(rc, 0, f"sqlite: appending an explained run: {err}")
    con = sqlite3.connect(db)
    got = con.execute("SELECT COUNT(*), COUNT(explain) FROM entities").fetchone()
    t.check(got[1] > 0 and got[1] * 2 == got[0], f"sqlite: the explained run's rows have it: {got}")
    rule = con.execute("SELECT json_extract(explain, '$.found.trigger') FROM entities "
                       "WHERE text = 'Darmaji Sukoreno' AND explain IS NOT NULL").fetchone()
    t.eq(rule, ("Gubernur",), "sqlite: explain queried with json_extract")
    # html: a data-explain attribute
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", "html", "--explain", path])
    t.check(b"data-explain=\"{&quot;found&quot;" in out, "html: data-explain on the marks")
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", "html", path])
    t.check(b"data-explain" not in out, "html: none without --explain")
    # json: the same objects as jsonl
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", "json", "--explain", path])
    rc2, out2, _ = run(exe, ["annotate", "--input", "jsonl", "--explain", path])
    t.eq(json.loads(out), jsonl(out2), "json and jsonl carry the same explanations")


def kept_field(t, exe, d):
    """--keep-fields with an input field named explain: kept as input.explain under
    --explain (the object has its own), as explain without it."""
    path = write(os.path.join(d, "kept.jsonl"),
                 json.dumps({"id": "k", "text": "Warga Bandung mengungsi.", "explain": "milik"}) + "\n")
    for fmt in ("jsonl", "json"):
        rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--output", fmt, "--keep-fields",
                               "--explain", path])
        doc = jsonl(out)[0] if fmt == "jsonl" else json.loads(out)[0]
        t.eq((doc.get("input.explain"), sorted(doc["explain"])), ("milik", ["lost"]),
             f"{fmt}: the kept field renamed, the document's own explain")
    rc, out, _ = run(exe, ["annotate", "--input", "jsonl", "--keep-fields", path])
    t.eq(jsonl(out)[0].get("explain"), "milik", "without --explain the kept field keeps its name")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    unchanged_without(t, exe, d)
    list_hit(t, exe, d)
    rule_hit(t, exe)
    excluded(t, exe, d)
    writers(t, exe, d)
    kept_field(t, exe, d)
    rc, _, err = run(exe, ["eval", "--explain", os.path.join(ROOT, "data", "examples", "contoh.conll")])
    t.check(rc == 1 and "--explain is not an option of idner eval" in err,
            f"idner eval refuses --explain: {rc} {err!r}")
    t.done()


if __name__ == "__main__":
    main()
