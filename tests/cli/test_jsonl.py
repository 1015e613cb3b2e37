#!/usr/bin/env python3
"""--input jsonl (SPEC.md sections 1, 2 and 5): every bad line gets its error object in its
place, a message "idner: FILE:LINE: ..." on standard error and exit status 3, while every other
line is annotated, in input order; ids are kept (a number stays a number, a missing id becomes
the line number); CRLF line ends; JSON escaping of any text; --output json is one array;
--types filters; the entity invariants hold on every document.

usage: test_jsonl.py PATH-TO-idner"""
import json
import os

from clitest import Checker, entity_problems, exe_from_argv, jsonl, run, tmpdir, write

GOOD = [
    # (id as written in JSON, text)
    ('"berita-1"', "Pemerintah Korea Utara dan Rusia menandatangani perjanjian baru."),
    ("42", "Menteri luar negeri AS mengunjungi Jepang sebelum terbang ke Indonesia."),
    ("3.5", "Delegasi \u201cKorea Utara\u201d tiba di Rusia \u2014 kata pejabat itu."),
]

# Each line of the bad-input file: (line bytes, expected id, expected error?).
LINES = [
    (b'{"id": "a1", "text": "Rusia dan Korea Utara memperkuat kerja sama."}', "a1", False),
    (b'{"id": 7, "text": "Warga AS dan Jepang berlibur ke Indonesia."}', 7, False),
    (b'{"text": "Indonesia dan Rusia membahas perdagangan gandum."}', 3, False),
    (b'{"id": "rusak", "text": "tanpa kurung tutup"', 4, True),   # not JSON
    (b'', 5, True),                                                # blank line
    (b'{"id": "tanpa-teks"}', "tanpa-teks", True),                # missing text
    (b'{"id": "angka", "text": 12345}', "angka", True),           # text not a string
    (b'{"id": "tgl", "text": null, "date": "2024-11-03"}', "tgl", True),  # null text
    # (a bad "date" only warns: test_fields.py)
    (b'{"id": "utf", "text": "Korea Utara \xff\xfe di sini"}', "utf", True),  # invalid UTF-8
    (b'[1, 2, 3]', 10, True),                                      # not an object
    (b'{"id": "crlf", "text": "Pesawat dari Rusia mendarat."}\r', "crlf", False),  # CRLF
    (b'{"id": "sisa", "text": "Jepang"} ekor', 12, True),          # trailing garbage
    (b'   ', 13, True),                                            # spaces only
    (b'{"id": "tgl-ok", "text": "Rusia", "date": "2013-12-4"}', "tgl-ok", False),
    (b'{"id": "akhir", "text": "Korea Utara menguji rudal di dekat Jepang."}', "akhir", False),
    (b'{"id": "tab", "text": "Rusia\tAS"}', 16, True),            # raw control character
    (b'{"id": "nul", "text": "Rusia\x00AS"}', 17, True),          # raw NUL
    (b'\t{"id": "tab-luar",\t"text": "Rusia"}\t', "tab-luar", False),  # tabs between tokens
    (b'{"id": "dup", "text": "Jepang", "id": "dup2"}', "dup2", False),  # last key wins
]


def texts_of(lines):
    """The text of each line that is a well-formed document, else None."""
    out = []
    for raw, _, _ in lines:
        try:
            obj = json.loads(raw.decode("utf-8"))
            out.append(obj.get("text") if isinstance(obj, dict) else None)
        except (ValueError, UnicodeDecodeError):
            out.append(None)
    return out


def bad_input(t, exe, d):
    path = write(os.path.join(d, "campur.jsonl"), b"\n".join(l for l, _, _ in LINES) + b"\n")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", path])
    t.eq(rc, 3, "exit status with bad lines")
    docs = jsonl(out)
    t.eq(len(docs), len(LINES), "one output line per input line")
    texts = texts_of(LINES)
    for n, ((raw, want_id, want_err), doc, text) in enumerate(zip(LINES, docs, texts), 1):
        t.eq(doc.get("id"), want_id, f"id of line {n}")
        t.eq("error" in doc, want_err, f"error object for line {n}: {doc}")
        if want_err:
            t.check(isinstance(doc.get("error"), str) and doc["error"], f"message of line {n}")
            t.eq(sorted(doc), ["error", "id"], f"keys of the error object of line {n}")
            t.check(f"idner: {path}:{n}: " in err, f"stderr names {path}:{n}: {err!r}")
        else:
            t.check(not entity_problems(doc, text), f"invariants of line {n}: "
                    f"{entity_problems(doc, text)}")
            t.check(len(doc["entities"]) > 0, f"entities found on line {n}: {doc}")
    t.eq(len([l for l in err.splitlines() if l.startswith("idner: ")]),
         sum(1 for _, _, e in LINES if e), "one stderr message per bad line")
    t.check("byte 12" in docs[8].get("error", ""), f"UTF-8 error gives the offset: {docs[8]}")

    # The same through standard input: the messages name "stdin".
    with open(path, "rb") as f:
        rc, out, err = run(exe, ["annotate", "--input", "jsonl"], stdin=f.read())
    t.eq(rc, 3, "exit status on stdin")
    t.check("idner: stdin:4: " in err, f"stdin message: {err!r}")
    t.eq(len(jsonl(out)), len(LINES), "line count on stdin")


def ids_and_escaping(t, exe, d):
    lines = [f'{{"id": {i}, "text": {json.dumps(x)}}}' for i, x in GOOD]
    # Quotes, backslashes, control characters, NUL, non-ASCII, astral plane, slashes.
    nasty = 'Kata "Rusia" \\ tab\there\x01\x1f\x7f\x00 \u00e9\u4e2d\U0001F600 a/b </script> AS.'
    lines.append(json.dumps({"id": "q\"\\\u0001\u00e9/\U0001F600", "text": nasty},
                            ensure_ascii=False))
    lines.append(json.dumps({"id": "ascii", "text": nasty}, ensure_ascii=True))
    lines.append('{"id": -17, "text": ""}')
    lines.append('{"id": "kosong", "text": "", "date": "2024-11-03"}')
    lines.append('{"id": null, "text": "Rusia"}')
    lines.append('{"id": 123456789012345678901234567890, "text": "AS"}')  # beyond 64 bits
    lines.append('{"id": -9223372036854775809, "text": "AS"}')
    lines.append('{"text": "AS", "meta": {"id": [1, "}"]}, "id": 1e3}')
    src = "\n".join(lines) + "\n"
    path = write(os.path.join(d, "id.jsonl"), src)
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", path])
    t.eq(rc, 0, f"exit status for good documents ({err.strip()})")
    raw_lines = out.decode("utf-8").split("\n")
    docs = jsonl(out)
    want = [json.loads(l) for l in lines]
    t.eq(len(docs), len(want), "document count")
    for n, (doc, w, raw) in enumerate(zip(docs, want, raw_lines), 1):
        t.eq(doc.get("id"), w["id"], f"id of line {n}")
        t.eq(type(doc.get("id")), type(w["id"]), f"id type of line {n}")
        t.check(not entity_problems(doc, w["text"]), f"invariants of line {n}: "
                f"{entity_problems(doc, w['text'])}")
        t.check("\t" not in raw and "\x00" not in raw and "\x01" not in raw,
                f"control characters escaped on line {n}")
    t.check(raw_lines[1].startswith('{"id":42,'), f"numeric id written as a number: "
            f"{raw_lines[1][:30]!r}")
    t.check(raw_lines[2].startswith('{"id":3.5,'), f"3.5 kept: {raw_lines[2][:30]!r}")
    t.check("\u00e9" in raw_lines[3] and "\U0001F600" in raw_lines[3],
            "non-ASCII written as UTF-8")
    t.eq(docs[5]["entities"], [], "empty text: no entities")
    t.eq(docs[6], {"id": "kosong", "entities": []}, "empty text with a date")
    # Key order of SPEC.md section 2.
    for doc in docs:
        t.eq(list(doc)[:2], ["id", "entities"], "document keys in order")
        for e in doc["entities"]:
            keys = [k for k in ["type", "text", "start", "end", "byte_start", "byte_end"]]
            t.eq(list(e)[:6], keys, f"entity keys in order: {list(e)}")
            t.eq(list(e)[-1], "source", f"source comes last: {list(e)}")


def crlf_and_json_output(t, exe, d):
    lines = [f'{{"id": {i}, "text": {json.dumps(x)}}}' for i, x in GOOD]
    path = write(os.path.join(d, "crlf.jsonl"), "\r\n".join(lines) + "\r\n")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", path])
    t.eq(rc, 0, f"CRLF input accepted ({err.strip()})")
    docs = jsonl(out)
    t.eq([d.get("id") for d in docs], [json.loads(i) for i, _ in GOOD], "CRLF ids")
    for doc, (_, text) in zip(docs, GOOD):
        t.check(not entity_problems(doc, text), f"CRLF invariants {entity_problems(doc, text)}")

    rc, out2, err = run(exe, ["annotate", "--input", "jsonl", "--output", "json", path])
    t.eq(rc, 0, "--output json exit status")
    try:
        arr = json.loads(out2)
    except ValueError as e:
        arr = f"invalid JSON: {e}"
    t.eq(arr, docs, "--output json is the array of the jsonl documents")
    t.check(out2.count(b"\n") > len(docs), "--output json is pretty-printed")

    rc, out3, err = run(exe, ["annotate", "--input", "jsonl", "--output", "json"], stdin=b"")
    t.eq((rc, json.loads(out3)), (0, []), "--output json on empty input is []")
    rc, out4, err = run(exe, ["annotate", "--input", "jsonl"], stdin=b"")
    t.eq((rc, out4), (0, b""), "no output for empty jsonl input")

    # Two files: both processed in order; line numbers restart.
    p2 = write(os.path.join(d, "dua.jsonl"), '{"text": "Rusia"}\n')
    rc, out5, err = run(exe, ["annotate", "--input", "jsonl", path, p2, path])
    ids = [x.get("id") for x in jsonl(out5)]
    t.eq(ids, [json.loads(i) for i, _ in GOOD] + [1] + [json.loads(i) for i, _ in GOOD],
         "several files in order")

    # An error inside --output json: the array stays valid and holds the error object.
    p3 = write(os.path.join(d, "err.jsonl"), '{"id": "x", "text": "AS"}\nbukan json\n')
    rc, out6, err = run(exe, ["annotate", "--input", "jsonl", "--output", "json", p3])
    t.eq(rc, 3, "--output json with a bad line")
    try:
        arr = json.loads(out6)
    except ValueError:
        arr = None
    t.check(isinstance(arr, list) and len(arr) == 2 and "error" in arr[1],
            f"--output json error object: {out6[:300]!r}")


def types_filter(t, exe, d):
    text = ("Korea Utara dan Rusia menandatangani perjanjian pada 17 Agustus 2024 di "
            "Pyongyang, kata juru bicara AS.")
    src = json.dumps({"id": "t", "text": text}) + "\n"
    rc, out, err = run(exe, ["annotate", "--input", "jsonl"], stdin=src)
    all_types = {e["type"] for e in jsonl(out)[0]["entities"]}
    t.check("LOC" in all_types, f"countries found: {out[:300]!r}")
    for types in (["LOC"], ["PER", "ORG"], ["DATE", "TIME"], ["LOC", "DATE"]):
        rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--types", ",".join(types)],
                           stdin=src)
        t.eq(rc, 0, f"--types {types} exit status")
        doc = jsonl(out)[0]
        got = {e["type"] for e in doc["entities"]}
        t.check(got <= set(types), f"--types {types} gives only those: {got}")
        t.eq(got, all_types & set(types), f"--types {types} keeps what it asked for")
        t.check(not entity_problems(doc, text), "invariants under --types")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    bad_input(t, exe, d)
    ids_and_escaping(t, exe, d)
    crlf_and_json_output(t, exe, d)
    types_filter(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
