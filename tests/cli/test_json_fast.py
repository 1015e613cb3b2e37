#!/usr/bin/env python3
"""The JSON Lines fast path (src/cli/json_fast.h, issue 14 item 4) against json-c: a matrix of
edge lines (escapes, \\u escapes and surrogates, bytes that are not UTF-8, duplicate keys,
numbers, true/false/null, white space, nested and renamed fields, keys with escapes, many
members, plus the malformed-line matrix of test_threads.py), as LF and as CRLF with a BOM, read
by the program as it runs and with IDNER_JSON_C=1 (every line by json-c): standard output,
standard error and exit status must be byte-identical, with and without --keep-fields and
--explain, for --threads 1, 2 and 8, and with --output labelstudio (whose tasks hold each
document's whole decoded text). A few lines are also checked for what they must give
(decoded escapes and their offsets, the last of two duplicate keys, kept fields as written).

usage: test_json_fast.py IDNER
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import Checker, exe_from_argv, jsonl, tmpdir, write  # noqa: E402
from test_threads import MATRIX  # noqa: E402

T = "Presiden Joko Widodo meninjau pelabuhan di Makassar pada Senin (4/11/2024)."
many = ", ".join(f'"k{i}": {i}' for i in range(40))
EDGES = [
    b'{"id": 1, "text": "' + T.encode() + b'"}',
    b'{"id":2,"text":"Kata \\"Menteri\\" di Bandung:\\n\\tSurabaya \\\\ \\/ \\b\\f\\r Bogor"}',
    b'{"id": 3, "text": "Gubernur Jawa Barat \\u00e9\\u00E9 \\u20ac \\u0041nies di Cirebon"}',
    b'{"id": 4, "text": "Ibu kota \\ud83d\\ude00 Nusantara di Kalimantan Timur"}',
    b'{"id": 5, "text": "Kota \\ud83d Medan"}',  # a lone high surrogate
    b'{"id": 6, "text": "Kota \\ude00 Medan"}',  # a lone low surrogate
    b'{"id": 7, "text": "\\ud83d\\u0041 Bali"}',  # a high one, then no low one
    b'{"id": 8, "text": "\\ud83d\\ud83d\\ude00 Bali"}',
    b'{"id": 9, "text": "Makassar\\u0000 Sulawesi Selatan"}',
    b'{"id": 10, "text": "Jakarta \xff Bogor"}',  # not UTF-8
    b'{"id": "a\xc3", "text": "Bogor"}',
    b'{"id": 12, "text": "Kota Depok", "text": "Wali kota Bekasi pada 3 Mei 2021"}',
    b'{"id": 13, "id": "dua", "text": "Kota Solo"}',
    b'{"id": 14, "text": "Kota Solo", "sumber": "a", "sumber": "b"}',
    b'{"id": -5, "text": "Kota Blitar"}',
    b'{"id": 0, "text": "Kota Blitar"}',
    b'{"id": -0, "text": "Kota Blitar"}',
    b'{"id": 123456789012345678, "text": "Kota Kediri"}',
    b'{"id": 1234567890123456789, "text": "Kota Kediri"}',
    b'{"id": 9223372036854775807, "text": "Kota Kediri"}',
    b'{"id": 9223372036854775808, "text": "Kota Kediri"}',
    b'{"id": -9223372036854775809, "text": "Kota Kediri"}',
    b'{"id": 1.5, "text": "Kota Malang"}',
    b'{"id": 1e3, "text": "Kota Malang"}',
    b'{"id": 1E+3, "text": "Kota Malang"}',
    b'{"id": 1., "text": "Kota Malang"}',
    b'{"id": -01, "text": "Kota Malang"}',
    b'{"id": 00, "text": "Kota Malang"}',
    b'{"id": true, "text": "Kota Batu"}',
    b'{"id": false, "text": "Kota Batu"}',
    b'{"id": null, "text": "Kota Batu"}',
    b'{"id": tru, "text": "Kota Batu"}',
    b'{"id": nullx, "text": "Kota Batu"}',
    b'{"id": 31, "text": "Rapat Senin.", "date": "2024-05-01"}',
    b'{"id": 32, "text": "Rapat Senin.", "date": null}',
    b'{"id": 33, "text": "Rapat Senin.", "date": ""}',
    b'{"id": 34, "text": "Rapat Senin.", "date": "kemarin"}',
    b'{"id": 35, "text": "Rapat Senin.", "date": 20240501}',
    b'{"id": 36, "text": "Rapat Senin.", "date": true}',
    b'{"id": 37, "text": "Rapat Senin.", "date": "2024-05-01\\u0000"}',
    b'{"id": 38, "text": "Rapat Senin.", "date": "2024\\u002d05-01"}',
    b'{"id": 39, "text": "Bupati Garut.", "meta": {"penulis": "Budi", "tag": ["a", "b"]}}',
    b'{"id": 40, "text": "Bupati Garut.", "entities": 1, "error": "x", "warning": null}',
    b'{"id": 41, "text": "Bupati Garut.", "explain": "y", "input.explain": [1]}',
    b'  { "id" : 42 , "text" : "Kota Medan" }  ',
    b'\t{\t"id"\t:\t43\t,\t"text"\t:\t"Kota Medan"\t}\t',
    b'{"id": 44,\r"text": "Kota Medan"}\r',
    b'{"id": 45, "text": "Kota Medan",}',
    b'{"id": 46, "text": "Kota Medan"} x',
    b'{"id": 47, "text": "Kota Medan"}}',
    b'{"id": 48, "text": "Kota Medan"',
    b'{"id": 49, "text": "Kota Medan}',
    b'{"id": 50, "text": "Kota \\',
    b'{"id": 51, "te\\u0078t": "Kota Padang"}',  # a key with an escape
    b'{"id": 52, "text": "Kota Padang", "kota\xc3\xa9": 1}',
    b'{"id": 53, "text": "Kota Padang", "kota\xff": 1}',
    b'{"": 1, "id": 54, "text": "Kota Ambon"}',
    b'{"id": 55, "text": "Kota Ambon", "": ""}',
    b'{"id": 56, "text": "Kota \\q Ambon"}',
    b'{"id": 57, "text": "Kota \\u12G4 Ambon"}',
    b'{"id": 58, "text": "Kota \\u12"}',
    b'{' + many.encode() + b', "id": 59, "text": "Kota Ternate"}',
    b'{"' + b"k" * 300 + b'": 1, "id": 60, "text": "Kota Ternate"}',
    b'{"id": "doc\\"61\\u00e9\\/", "text": "Kota Kupang"}',
    b'{"id": 62, "text": "Situs https:\\/\\/kupang.go.id\\/berita dibuka"}',
    b'{"id": 63, "text": "Kota \\uD83D\\uDE00 Kupang \\uFFFF \\uFEFF"}',
    b'{"id": 64, "text": "Kota\x0bKupang"}',
    b'{"id": 65, "text": "Kota Kupang"}\x0c',
    b'{"id": 66 "text": "Kota Sorong"}',
    b'{"id": 67, "text" "Kota Sorong"}',
    b'{"id": 68, , "text": "Kota Sorong"}',
    b'{"id": 69, "text": "Kota Sorong", "n": [1, {"a": null}]}',
    b'{"id": 70, "text": "Kota Sorong", "n": {}}',
    b'{"id": 71, "text": "Kota Sorong", "n": []}',
    b'{"id": 72, "text": "Jalan Sudirman No. 5", "angka": -12345, "b": false, "c": null}',
    b'{"id": "\\u0000", "text": "Kota Sorong"}',
    b'{"id": 74, "text": ""}',
    b'{"id": 75, "text": "\\\\"}',
    b'{"id": 76, "text": "\\"\\"\\"\\"\\"\\"\\"\\"\\"\\"Gubernur Papua\\"\\"\\"\\"\\""}',
    b'{"id": 77, "text": "' + ("Rapat warga di Sleman. " * 400).encode() + b'\\u00e9"}',
    b'{"text": "Tanpa id di Yogyakarta"}',
    b'{}',
    b'{ }',
    b'{"id": 81, "text": "Kota Serang", "x": "\xed\xa0\x80"}',  # a surrogate in UTF-8
    b'{"id": 82, "text": "Kota Serang", "x": "\\ud800"}',
    b'{"id": 83, "text": "Kota Serang", "x": "\\udfff\\ud800"}',
]


def matrix_file(d, name, lines, crlf, bom):
    end = b"\r\n" if crlf else b"\n"
    return write(os.path.join(d, name), (b"\xef\xbb\xbf" if bom else b"") + end.join(lines) + end)


def run(exe, args, json_c):
    env = dict(os.environ)
    env.pop("IDNER_JSON_C", None)
    if json_c:
        env["IDNER_JSON_C"] = "1"
    p = subprocess.run([exe] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr


def main():
    exe = exe_from_argv()
    ck = Checker()
    d = tmpdir()
    lines = EDGES + [line for line, _ in MATRIX]
    files = [matrix_file(d, "tepi.jsonl", lines, False, False),
             matrix_file(d, "tepi-crlf.jsonl", lines, True, True)]
    for path in files:
        for opts in ([], ["--keep-fields"], ["--keep-fields", "--explain"]):
            for threads in ("1", "2", "8"):
                args = ["annotate", "--input", "jsonl", "--threads", threads] + opts + [path]
                what = f"{os.path.basename(path)} {' '.join(opts + ['--threads', threads])}"
                fast, slow = run(exe, args, False), run(exe, args, True)
                ck.eq(fast[0], slow[0], f"{what}: exit status")
                ck.check(fast[1] == slow[1], f"{what}: output bytes equal to the json-c path's")
                ck.check(fast[2] == slow[2], f"{what}: message bytes equal to the json-c path's")
                ck.eq(len(jsonl(fast[1])), len(lines), f"{what}: one object per line")
        # Label Studio's tasks hold each document's whole text: every decoded byte is compared
        args = ["annotate", "--input", "jsonl", "--output", "labelstudio", path]
        fast, slow = run(exe, args, False), run(exe, args, True)
        ck.check(fast == slow, f"{os.path.basename(path)} --output labelstudio: the same bytes")
        ck.check(len(fast[1]) > 20000, f"--output labelstudio: {len(fast[1])} bytes")

    # what some lines must give (whichever path: the two are equal above)
    _, out, _ = run(exe, ["annotate", "--input", "jsonl", "--keep-fields", files[0]], False)
    docs = jsonl(out)
    by = {i: docs[i] for i in range(len(EDGES))}

    def ents(i):
        return [(e["type"], e["text"], e["start"], e["byte_start"])
                for e in by[i].get("entities", [])]

    ck.check(("PER", "Joko Widodo", 9, 9) in ents(0), f"line 1: {ents(0)}")
    ck.check(("LOC", "Surabaya", 28, 28) in ents(1), f"escapes decoded: {ents(1)}")
    # "Ibu kota " then U+1F600 (one code point, four bytes) then " Nusantara"
    ck.check(any(t == "Nusantara" and s == 11 and b == 14 for _, t, s, b in ents(3)),
             f"a surrogate pair is one code point: {ents(3)}")
    ck.check(any("Bekasi" in t for _, t, _, _ in ents(11)), f"duplicate text: the last: {ents(11)}")
    ck.eq(by[12]["id"], "dua", "duplicate id: the last one")
    ck.eq(by[13].get("sumber"), "b", "a duplicate kept field: the last one")
    ck.eq(by[17]["id"], 123456789012345678, "an 18-digit id")
    ck.eq(by[20]["id"], 9223372036854775808, "an id beyond int64, digit for digit")
    ck.eq(by[41]["meta"], {"penulis": "Budi", "tag": ["a", "b"]}, "a nested kept field")
    ck.eq([by[42].get(k) for k in ("input.entities", "input.error", "input.warning")],
          [1, "x", None], "kept fields named as the output's keys are renamed")
    ck.eq(by[63]["id"], 'doc"61\u00e9/', "an id with escapes")
    ck.check("warning" in by[39] and "warning" not in by[40],
             "a date with \\u0000 is no date; \\u002d is a hyphen")
    refused = (9, 10, 25, 26, 27, 31, 32, 47, 48, 49, 50, 51, 52, 55, 58, 59, 60, 66, 67, 68,
               69, 70, 81, 82, 83)
    for i in range(len(EDGES)):
        want = "error" if i in refused else "entities"
        ck.check(want in by[i], f"line {i + 1}: {want} wanted, got {str(by[i])[:160]}")
    ck.done()


if __name__ == "__main__":
    main()
