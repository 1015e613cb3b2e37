#!/usr/bin/env python3
"""--input text (SPEC.md sections 1 and 5): each FILE is one document with the file name as its
id, standard input is "stdin"; an empty document has no entities and no error; invalid UTF-8
gives an error object, "idner: FILE:LINE: ..." and exit 3 while the other files are annotated;
an unreadable file gives "idner: FILE: ..." and exit 1 while the other files are annotated;
CRLF text is accepted; a huge single document (20 MB) is accepted, as is a 10 MB JSON line.

usage: test_text.py PATH-TO-idner"""
import json
import os
import time

from clitest import Checker, entity_problems, exe_from_argv, jsonl, run, tmpdir, write

A = "Pemerintah Korea Utara dan Rusia menandatangani perjanjian baru.\n"
B = "Menteri luar negeri AS mengunjungi Jepang.\r\nIa kemudian terbang ke Rusia.\r\n"


def basic(t, exe, d):
    a = write(os.path.join(d, "a.txt"), A)
    b = write(os.path.join(d, "b crlf.txt"), B)
    empty = write(os.path.join(d, "kosong.txt"), "")
    rc, out, err = run(exe, ["annotate", a, b, empty])
    t.eq(rc, 0, f"exit status ({err.strip()})")
    docs = jsonl(out)
    t.eq([x.get("id") for x in docs], [a, b, empty], "ids are the file names as given")
    for doc, text in zip(docs, [A, B, ""]):
        t.check(not entity_problems(doc, text), f"invariants: {entity_problems(doc, text)}")
    t.check(len(docs[0]["entities"]) >= 2, f"entities in a.txt: {docs[0]}")
    t.check(len(docs[1]["entities"]) >= 3, f"entities in the CRLF file: {docs[1]}")
    t.eq(docs[2], {"id": empty, "entities": []}, "empty document")

    rc, out, err = run(exe, ["annotate"], stdin=A)
    t.eq((rc, [x.get("id") for x in jsonl(out)]), (0, ["stdin"]), "stdin is one document")
    rc, out, err = run(exe, ["annotate", "-"], stdin=A)
    t.eq((rc, [x.get("id") for x in jsonl(out)]), (0, ["stdin"]), "'-' is stdin")
    rc, out, err = run(exe, ["annotate"], stdin="")
    t.eq((rc, jsonl(out)), (0, [{"id": "stdin", "entities": []}]), "empty stdin")
    # Relative names are kept as given.
    rc, out, err = run(exe, ["annotate", os.path.relpath(a)])
    t.eq(jsonl(out)[0].get("id"), os.path.relpath(a), "relative name kept")


def bad_utf8(t, exe, d):
    a = write(os.path.join(d, "a.txt"), A)
    bad = write(os.path.join(d, "rusak.txt"),
                "Baris pertama tentang Rusia.\nBaris kedua \u2014 ".encode() + b"\xc3\x28 AS\n")
    c = write(os.path.join(d, "c.txt"), B)
    rc, out, err = run(exe, ["annotate", a, bad, c])
    t.eq(rc, 3, "exit status with invalid UTF-8")
    docs = jsonl(out)
    t.eq([x.get("id") for x in docs], [a, bad, c], "order kept around the bad document")
    t.check("error" in docs[1] and "entities" not in docs[1], f"error object: {docs[1]}")
    t.check("byte 45" in docs[1].get("error", ""), f"byte offset given: {docs[1]}")
    t.check(f"idner: {bad}:2: " in err, f"stderr names the file and line: {err!r}")
    t.check("entities" in docs[0] and "entities" in docs[2], "others annotated")
    for cut in (b"\xe2\x80", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xff"):
        p = write(os.path.join(d, "cut.txt"), b"Rusia " + cut)
        rc, out, err = run(exe, ["annotate", p])
        t.eq(rc, 3, f"invalid sequence {cut!r} rejected")
        t.check("error" in jsonl(out)[0], f"error object for {cut!r}")


def unreadable(t, exe, d):
    a = write(os.path.join(d, "a.txt"), A)
    missing = os.path.join(d, "tidak-ada.txt")
    rc, out, err = run(exe, ["annotate", missing, a, d])
    t.eq(rc, 1, "exit status with an unreadable file")
    t.check(f"idner: {missing}: " in err, f"message names the missing file: {err!r}")
    t.check(f"idner: {d}: " in err, f"message names the directory: {err!r}")
    t.eq([x.get("id") for x in jsonl(out)], [a], "the readable file is still annotated")
    for fmt in ("jsonl", "conll"):
        rc, out, err = run(exe, ["annotate", "--input", fmt, missing])
        t.eq(rc, 1, f"unreadable file with --input {fmt}")
        t.check(f"idner: {missing}: " in err, f"--input {fmt} message: {err!r}")
    if os.geteuid() != 0:
        p = write(os.path.join(d, "rahasia.txt"), A)
        os.chmod(p, 0)
        rc, out, err = run(exe, ["annotate", p])
        t.eq(rc, 1, "exit status for a file without read permission")


def huge(t, exe, d):
    # 20 MB in one document: filler with a dash (so code points != bytes) and a country now
    # and then; --types LOC keeps the output small.
    filler = "warga desa bekerja di sawah \u2014 sambil bernyanyi riang. "
    parts = []
    n_rusia = 0
    size = 0
    i = 0
    while size < 20 * 1024 * 1024:
        if i % 2000 == 0:
            parts.append("Pejabat Rusia berkunjung. ")
            n_rusia += 1
        parts.append(filler)
        size += len(filler) + 2
        i += 1
    text = "".join(parts)
    p = write(os.path.join(d, "besar.txt"), text)
    t0 = time.time()
    rc, out, err = run(exe, ["annotate", "--types", "LOC", p])
    secs = time.time() - t0
    t.eq(rc, 0, f"huge document accepted ({err.strip()[:200]})")
    docs = jsonl(out)
    t.eq(len(docs), 1, "one document")
    if docs:
        rus = [e for e in docs[0]["entities"] if e["text"] == "Rusia"]
        t.eq(len(rus), n_rusia, "every country of the huge document found")
        t.check(not entity_problems(docs[0], text), "invariants in the huge document: "
                f"{entity_problems(docs[0], text)[:3]}")
    print(f"huge text document: {len(text.encode()) / 1e6:.1f} MB in {secs:.2f} s")

    small = text[: 10 * 1024 * 1024]
    line = json.dumps({"id": "panjang", "text": small}, ensure_ascii=False) + "\n"
    p = write(os.path.join(d, "besar.jsonl"), line + '{"id": "pendek", "text": "AS"}\n')
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--types", "LOC", p])
    t.eq(rc, 0, f"huge JSON line accepted ({err.strip()[:200]})")
    docs = jsonl(out)
    t.eq([x.get("id") for x in docs], ["panjang", "pendek"], "huge line then a short one")
    if docs:
        t.check(not entity_problems(docs[0], small), "invariants in the huge line")
    os.unlink(p)


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    basic(t, exe, d)
    bad_utf8(t, exe, d)
    unreadable(t, exe, d)
    huge(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
