#!/usr/bin/env python3
"""--keep-fields and bad dates (issue 12, items 4 and 7):

- `--keep-fields` copies every input field but `text` into the output object, after the id
  and as parsed (strings, numbers, nested objects and arrays, null, non-ASCII), for
  --output jsonl and json; fields named like the object's own keys (entities, error,
  warning) are kept as "input.<name>"; without the option the output is byte for byte as
  before;
- a malformed `date` costs the document nothing but its date: it is annotated with the
  command line's reference date (or none), the object says so in "warning", standard error
  names file:line and the bad value, the exit status is 3, and the other documents are as
  without the bad one.

usage: test_fields.py PATH-TO-idner"""
import json
import os

from clitest import Checker, entity_problems, exe_from_argv, jsonl, run, tmpdir, write

DOCS = [
    {"id": "k-1", "sumber": "Harian Pagi", "halaman": 3, "skor": 0.25, "tag": ["banjir", "jabar"],
     "meta": {"penulis": "Siti", "kota": None}, "text": "Banjir melanda Kabupaten Bandung, "
     "Jawa Barat, Senin (4/11/2024).", "date": "2024-11-05"},
    {"text": "Presiden membuka kongres di Surabaya.", "id": 17, "kosong": None,
     "entities": [{"type": "LOC"}], "warning": "lama", "error": False, "judul": "Kongres \u2014 "
     "\U0001F4F0"},
]


def keep_fields(t, exe, d):
    src = write(os.path.join(d, "fields.jsonl"),
                "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in DOCS))
    rc, plain, err = run(exe, ["annotate", "--input", "jsonl", src])
    t.eq(rc, 0, f"without --keep-fields: exit status ({err.strip()})")
    for fmt in ("jsonl", "json"):
        rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--keep-fields", "--output",
                                 fmt, src])
        t.eq(rc, 0, f"--keep-fields --output {fmt}: exit status ({err.strip()})")
        docs = jsonl(out) if fmt == "jsonl" else json.loads(out)
        base = jsonl(plain)
        for doc, inp, b in zip(docs, DOCS, base):
            want = {"id": inp["id"]}
            for k, v in inp.items():
                if k not in ("id", "text"):
                    want["input." + k if k in ("entities", "error", "warning") else k] = v
            want["entities"] = b["entities"]
            t.eq(doc, want, f"--output {fmt}: {inp['id']}: the fields and the entities")
            order = [k for k in doc]
            t.eq(order[0], "id", f"--output {fmt}: id first")
            t.eq(order[-1], "entities", f"--output {fmt}: entities last")
            t.check(not entity_problems(doc, inp["text"]), f"invariants of {inp['id']}")
    # The bytes without the option are those of a run on the input without the extra fields.
    bare = write(os.path.join(d, "bare.jsonl"), "".join(
        json.dumps({"id": x["id"], "text": x["text"], "date": x["date"]} if "date" in x else
                   {"id": x["id"], "text": x["text"]}, ensure_ascii=False) + "\n" for x in DOCS))
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", bare])
    t.eq(out, plain, "extra input fields change nothing without --keep-fields")
    # A line that cannot be annotated keeps its error object.
    bad = write(os.path.join(d, "bad.jsonl"), '{"id": "b", "sumber": "x"}\n')
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--keep-fields", bad])
    t.eq((rc, jsonl(out)), (3, [{"id": "b", "error": 'missing "text"'}]),
         "--keep-fields on a line without text")


def bad_dates(t, exe, d):
    text = "Rapat digelar Senin (28/10) dan dilanjutkan pekan lalu di Jakarta."
    lines = [
        {"id": "ok", "text": text, "date": "2024-11-03"},
        {"id": "salah", "text": text, "date": "2024-02-30"},
        {"id": "angka", "text": text, "date": 20241103},
        {"id": "kata", "text": text, "date": "kemarin sore"},
        {"id": "ok2", "text": text},
    ]
    src = write(os.path.join(d, "dates.jsonl"),
                "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    for ref in ("2024-11-03", None):
        args = ["annotate", "--input", "jsonl", src] + (["--ref-date", ref] if ref else [])
        rc, out, err = run(exe, args)
        docs = jsonl(out)
        t.eq(rc, 3, f"bad dates (--ref-date {ref}): exit status 3")
        t.eq([x["id"] for x in docs], [x["id"] for x in lines], "every document written")
        msgs = [l for l in err.splitlines() if l.startswith("idner: ")]
        t.eq(len(msgs), 3, f"one message per bad date: {err!r}")
        for n, bad in ((2, '"2024-02-30"'), (3, "20241103"), (4, '"kemarin sore"')):
            t.check(any(m.startswith(f"idner: {src}:{n}: ") and bad in m for m in msgs),
                    f"message names {src}:{n} and {bad}: {msgs}")
        # A bad date annotates as a document without a date: like "ok2".
        fallback = docs[4]["entities"]
        for doc in docs[1:4]:
            t.check("warning" in doc and "not a date" in doc["warning"],
                    f"{doc['id']}: warning in the object: {doc}")
            t.check(("with the reference date " + ref if ref else "without a reference date")
                    in doc.get("warning", ""), f"{doc['id']}: the warning says what was used")
            t.eq(doc["entities"], fallback, f"{doc['id']}: annotated with the fallback date")
            t.eq(list(doc), ["id", "warning", "entities"], f"{doc['id']}: key order")
        t.check("warning" not in docs[0] and "warning" not in docs[4], "no warning when fine")
        values = [e.get("value") for e in fallback if e["type"] == "DATE"]
        if ref:
            t.eq(values, ["2024-10-28", "2024-W43"], "fallback resolves against --ref-date")
        else:
            t.eq(values[0], "XXXX-10-28", "no reference date: the unresolved value")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    keep_fields(t, exe, d)
    bad_dates(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
