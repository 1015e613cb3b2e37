#!/usr/bin/env python3
"""--input conll (SPEC.md section 1): with --output conll every input line comes back unchanged
plus one tag column, separated like the line (tab or space), before a kept CRLF; blank lines
are kept; the line count is the same. Tags are B-/I- of the entities found in the sentence
(tokens joined with single spaces), consistent with --output jsonl of the same input, whose
documents are numbered by sentence. A sentence with invalid UTF-8 is reported with its file and
line (exit 3) and still written, tagged O.

usage: test_conll.py PATH-TO-idner"""
import json
import os
import re

from clitest import Checker, entity_problems, exe_from_argv, jsonl, run, tmpdir, write

TAGS = re.compile(r"^(O|[BI]-(PER|ORG|LOC|DATE|TIME))$")

# Sentences as (token, POS, gold tag) rows.
S1 = [("Warga", "NOUN", "O"), ("Korea", "PROPN", "B-LOC"), ("Utara", "PROPN", "I-LOC"),
      ("dan", "CCONJ", "O"), ("Rusia", "PROPN", "B-LOC"), ("bersepakat", "VERB", "O"),
      (".", "PUNCT", "O")]
S2 = [("Kapal", "NOUN", "O"), ("AS", "PROPN", "B-LOC"), ("berlabuh", "VERB", "O"),
      ("di", "ADP", "O"), ("Jepang", "PROPN", "B-LOC"), ("\u2014", "PUNCT", "O"),
      ("kata", "VERB", "O"), ("\u201cmereka\u201d", "PRON", "O"), (".", "PUNCT", "O")]
S3 = [("Indonesia", "PROPN", "B-LOC"), ("menang", "VERB", "O")]
# Dates as tokenized text writes them (issue 10): the tokens are joined with spaces.
S4 = [("Gempa", "NOUN", "O"), ("terasa", "VERB", "O"), ("pukul", "NOUN", "B-TIME"),
      ("09", "NUM", "I-TIME"), (".", "PUNCT", "I-TIME"), ("15", "NUM", "I-TIME"),
      ("WIB", "PROPN", "I-TIME"), (",", "PUNCT", "O"), ("Rabu", "PROPN", "B-DATE"),
      ("(", "PUNCT", "I-DATE"), ("27", "NUM", "I-DATE"), ("/", "PUNCT", "I-DATE"),
      ("4", "NUM", "I-DATE"), ("/", "PUNCT", "I-DATE"), ("2016", "NUM", "I-DATE"),
      (")", "PUNCT", "I-DATE"), (",", "PUNCT", "O"), ("seperti", "ADP", "O"),
      ("pada", "ADP", "O"), ("abad", "NOUN", "B-DATE"), ("ke", "ADP", "I-DATE"),
      ("-", "PUNCT", "I-DATE"), ("19", "NUM", "I-DATE"), ("dan", "CCONJ", "O"),
      ("tahun", "NOUN", "B-DATE"), ("60", "NUM", "I-DATE"), ("-", "PUNCT", "I-DATE"),
      ("an", "PART", "I-DATE"), (".", "PUNCT", "O")]


def conll(sentences, sep, eol, trailing_eol=True, blank_lines=1):
    out = []
    for s in sentences:
        out.extend(sep.join(row) + eol for row in s)
        out.append(eol * blank_lines)
    text = "".join(out)
    if not trailing_eol:
        text = text.rstrip("\r\n")
    return text


def check_roundtrip(t, src_bytes, out_bytes, what):
    src = src_bytes.decode("utf-8", "surrogateescape").split("\n")
    got = out_bytes.decode("utf-8", "surrogateescape").split("\n")
    t.eq(len(got), len(src), f"{what}: same number of lines")
    tags = []
    for n, (a, b) in enumerate(zip(src, got), 1):
        cr = a.endswith("\r")
        body = a[:-1] if cr else a
        if body.strip(" \t") == "":
            t.eq(b, a, f"{what}: blank line {n} kept")
            continue
        sep = "\t" if "\t" in body else " "
        t.eq(b.endswith("\r"), cr, f"{what}: line end of line {n} kept")
        bb = b[:-1] if b.endswith("\r") else b
        ok = bb.startswith(body + sep) and TAGS.match(bb[len(body) + 1:]) is not None
        t.check(ok, f"{what}: line {n} is the input plus a tag: {b!r} for {a!r}")
        tags.append(bb[len(body) + 1:] if ok else "O")
    # I- only continues an entity of the same type.
    prev = "O"
    for tag in tags:
        if tag.startswith("I-"):
            t.check(prev[2:] == tag[2:], f"{what}: {tag} after {prev}")
        prev = tag
    return tags


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    variants = [
        ("tab-crlf", conll([S1, S2, S3], "\t", "\r\n")),
        ("space-lf", conll([S1, S2, S3], " ", "\n", blank_lines=2)),
        ("no-final-newline", conll([S1, S2, S3], "\t", "\n", trailing_eol=False)),
    ]
    for name, src in variants:
        p = write(os.path.join(d, name + ".conll"), src)
        rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "conll", p])
        t.eq(rc, 0, f"{name}: exit status ({err.strip()})")
        tags = check_roundtrip(t, src.encode(), out, name)
        gold = [row[2] for s in (S1, S2, S3) for row in s]
        # The countries of the gold column are found (the tool may find more, never less).
        for g, got in zip(gold, tags):
            if g != "O":
                t.eq(got, g, f"{name}: country token tagged")

        rc, out, err = run(exe, ["annotate", "--input", "conll", p])
        t.eq(rc, 0, f"{name}: jsonl exit status")
        docs = jsonl(out)
        t.eq([x.get("id") for x in docs], [1, 2, 3], f"{name}: documents are sentence numbers")
        for doc, s in zip(docs, (S1, S2, S3)):
            text = " ".join(row[0] for row in s)
            t.check(not entity_problems(doc, text), f"{name}: invariants "
                    f"{entity_problems(doc, text)}")
        # The conll tags agree with the entities.
        i = 0
        for doc, s in zip(docs, (S1, S2, S3)):
            offs, pos = [], 0
            for row in s:
                offs.append((pos, pos + len(row[0])))
                pos += len(row[0]) + 1
            want = ["O"] * len(s)
            for e in doc["entities"]:
                first = True
                for k, (a, b) in enumerate(offs):
                    if a < e["end"] and e["start"] < b and want[k] == "O":
                        want[k] = ("B-" if first else "I-") + e["type"]
                        first = False
            t.eq(tags[i:i + len(s)], want, f"{name}: conll tags match the jsonl entities")
            i += len(s)

        rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "json", p])
        t.eq(rc, 0, f"{name}: --output json exit status")
        t.eq(json.loads(out), docs, f"{name}: --output json holds the same documents")

    # Dates in tokenized text: exactly the gold DATE and TIME tags.
    src = conll([S4], "\t", "\n")
    p = write(os.path.join(d, "dates.conll"), src)
    rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "conll",
                             "--types", "DATE,TIME", p])
    t.eq(rc, 0, f"tokenized dates: exit status ({err.strip()})")
    tags = check_roundtrip(t, src.encode(), out, "tokenized dates")
    t.eq(tags, [row[2] for row in S4], "tokenized dates: DATE and TIME tags")
    rc, out, err = run(exe, ["annotate", "--input", "conll", "--types", "DATE,TIME", p])
    t.eq([e.get("value") for e in jsonl(out)[0]["entities"]],
         ["2016-04-27T09:15+07:00", "2016-04-27", "18", "196X"],
         "tokenized dates: values (the clock takes the day written after it)")

    # --types: only the asked types are tagged.
    p = write(os.path.join(d, "types.conll"), variants[0][1])
    rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "conll",
                             "--types", "PER", p])
    tags = check_roundtrip(t, variants[0][1].encode(), out, "--types PER")
    t.check(all(x == "O" or x.endswith("-PER") for x in tags), f"--types PER tags: {tags}")

    # Invalid UTF-8 in a token: reported with its line, the sentence still written as O.
    bad = conll([S1], "\t", "\n").encode() + b"Rusia\xff\tPROPN\tB-LOC\nada\tVERB\tO\n\n" + \
        conll([S3], "\t", "\n").encode()
    p = write(os.path.join(d, "rusak.conll"), bad)
    rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "conll", p])
    t.eq(rc, 3, "invalid UTF-8 in CoNLL: exit status")
    t.check(f"idner: {p}:{len(S1) + 2}: " in err, f"message names the line: {err!r}")
    tags = check_roundtrip(t, bad, out, "invalid UTF-8")
    t.eq(tags[len(S1):len(S1) + 2], ["O", "O"], "bad sentence tagged O")
    t.eq(tags[-2], "B-LOC", "the sentence after the bad one is annotated")
    rc, out, err = run(exe, ["annotate", "--input", "conll", p])
    docs = jsonl(out)
    t.eq(rc, 3, "invalid UTF-8 in CoNLL, jsonl output: exit status")
    t.eq([("error" in x, x.get("id")) for x in docs], [(False, 1), (True, 2), (False, 3)],
         "error object in place of the bad sentence")

    # Empty input, and blank lines only.
    for src in ("", "\n\n\r\n"):
        rc, out, err = run(exe, ["annotate", "--input", "conll", "--output", "conll"],
                           stdin=src)
        t.eq((rc, out), (0, src.encode()), f"conll of {src!r}")
    t.done()


if __name__ == "__main__":
    main()
