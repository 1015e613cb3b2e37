#!/usr/bin/env python3
"""--max-doc-bytes N (issue 13): a document longer than N bytes is not annotated but gets its
error object in its place (SPEC.md section 5: {"id", "error"}, "idner: FILE:LINE: ...", exit
status 3) while the other documents are annotated; a document of exactly N bytes is annotated.
For text input (a file is a document), for JSON Lines (the "text" field's bytes; one thread
and several give the same bytes), for CoNLL (the sentence's text). Sizes take K, M or G; bad
values are usage errors (exit 1); idner train refuses the option.

usage: test_limits.py PATH-TO-idner"""
import os

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write

LIMIT_MSG = "document longer than the limit of {} bytes (--max-doc-bytes)"
SHORT = "Warga Bandung berkumpul."  # 24 bytes
LONG = "Gubernur Jawa Barat meninjau banjir di Bekasi pada Senin (4/11)."


def text_input(t, exe, d):
    a = write(os.path.join(d, "pendek.txt"), SHORT)
    b = write(os.path.join(d, "panjang.txt"), LONG)
    n = len(SHORT.encode())
    rc, out, err = run(exe, ["annotate", "--max-doc-bytes", str(n), a, b])
    docs = jsonl(out)
    t.eq(rc, 3, "exit status 3 when a document is too long")
    t.eq([x.get("id") for x in docs], [a, b], "one object per file, in order")
    t.check("entities" in docs[0] and docs[0]["entities"], f"exactly N bytes annotated: {docs[0]}")
    t.eq(docs[1], {"id": b, "error": LIMIT_MSG.format(n)}, "the error object of the long file")
    t.eq(err.strip(), f"idner: {b}:1: " + LIMIT_MSG.format(n), "the message names the file")
    # the default (256 MiB) annotates both
    rc, out, err = run(exe, ["annotate", a, b])
    t.eq((rc, [("error" in x) for x in jsonl(out)]), (0, [False, False]), "default limit")
    # standard input is a document too; a size with a suffix
    rc, out, err = run(exe, ["annotate", "--max-doc-bytes", "1K"], stdin=LONG * 40)
    t.eq((rc, jsonl(out)), (3, [{"id": "stdin", "error": LIMIT_MSG.format(1024)}]),
         "stdin over 1K")
    rc, out, err = run(exe, ["annotate", "--max-doc-bytes=1k"], stdin=LONG)
    t.eq((rc, "entities" in jsonl(out)[0]), (0, True), "stdin under 1k")


def jsonl_input(t, exe, d):
    lines = "".join([
        '{"id": "a", "text": "%s"}\n' % SHORT,
        '{"id": "b", "text": "%s"}\n' % LONG,
        '{"id": 3, "text": "Pelabuhan \\u00e9\\u00e9 Tanjung Priok"}\n',  # 28 bytes of text
        '{"id": "c", "text": "Jakarta"}\n',
    ])
    p = write(os.path.join(d, "docs.jsonl"), lines)
    outs = []
    for threads in ("1", "2", "8"):
        rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--threads", threads,
                                 "--max-doc-bytes", "27", p])
        outs.append((rc, out, err))
    rc, out, err = outs[0]
    docs = jsonl(out)
    t.eq(rc, 3, "jsonl: exit status 3")
    t.eq([x.get("id") for x in docs], ["a", "b", 3, "c"], "jsonl: ids in order")
    want = '"text": ' + LIMIT_MSG.format(27)
    t.eq([x.get("error") for x in docs], [None, want, want, None], "jsonl: the long ones fail")
    t.eq(err.splitlines(), [f"idner: {p}:2: {want}", f"idner: {p}:3: {want}"],
         "jsonl: messages name the lines")
    for (rc2, out2, err2), threads in zip(outs[1:], ("2", "8")):
        t.eq((rc2, out2, err2), (rc, out, err), f"jsonl: --threads {threads} gives the same")


def conll_input(t, exe, d):
    p = write(os.path.join(d, "s.conll"), "Warga\nBandung\n\n" + "Bekasi\n" * 20 + "\nMedan\n")
    rc, out, err = run(exe, ["annotate", "--input", "conll", "--max-doc-bytes", "13", p])
    docs = jsonl(out)
    t.eq(rc, 3, "conll: exit status 3")
    t.eq(len(docs), 3, f"conll: one object per sentence: {docs}")
    t.eq([("error" in x) for x in docs], [False, True, False], "conll: only the long sentence")
    t.eq(docs[1].get("error"), LIMIT_MSG.format(13), "conll: the message")


def bad_values(t, exe, d):
    a = write(os.path.join(d, "x.txt"), SHORT)
    for v in ("0", "-1", "12x", "", "K", "2G", "3000000000", "99999999999999999999999"):
        rc, out, err = run(exe, ["annotate", "--max-doc-bytes", v, a])
        t.eq((rc, out), (1, b""), f"--max-doc-bytes {v!r} is a usage error")
        t.check("--max-doc-bytes" in err, f"the message names the option: {err!r}")
    rc, out, err = run(exe, ["annotate", "--max-doc-bytes"])
    t.eq(rc, 1, "--max-doc-bytes needs a value")
    rc, out, err = run(exe, ["annotate", "--max-doc-bytes", "2047M", a])
    t.eq(rc, 0, "2047M is allowed")
    rc, out, err = run(exe, ["train", "--max-doc-bytes", "10", "-o", os.path.join(d, "m"), a])
    t.check(rc == 1 and "not an option of idner train" in err, f"train refuses it: {err!r}")
    rc, out, err = run(exe, ["annotate", "--help"])
    t.check("--max-doc-bytes N" in out.decode(), "--help documents it")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    text_input(t, exe, d)
    jsonl_input(t, exe, d)
    conll_input(t, exe, d)
    bad_values(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
