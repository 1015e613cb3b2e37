#!/usr/bin/env python3
"""--threads: JSON Lines annotated by several threads give the same bytes on standard output,
the same messages on standard error and the same exit status as one thread, across batch
boundaries (more than 1,024 lines) and with bad lines mixed in.

usage: test_threads.py IDNER
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write  # noqa: E402

SENTENCES = [
    "Presiden Joko Widodo meresmikan bendungan di Kabupaten Bogor, Senin (4/11/2024) pagi.",
    "Menteri Luar Negeri Retno Marsudi bertemu mitranya dari Jepang di Tokyo pekan lalu.",
    "Banjir merendam 1.250 rumah di Bekasi sejak Minggu malam, kata Kepala BNPB.",
    "Komisi Pemberantasan Korupsi (KPK) memanggil dua pejabat; KPK menyebut kerugian Rp2,5 miliar.",
    "Harga beras naik 1,30% dibanding bulan lalu, ujar Budi Santoso, pedagang di Pasar Minggu.",
    "Tim nasional bertanding di Stadion Utama Gelora Bung Karno pada 18-19 Desember 2024.",
]


def corpus(n):
    lines = []
    for i in range(n):
        if i % 97 == 5:
            lines.append("ini bukan JSON")
        elif i % 131 == 7:
            lines.append(json.dumps({"id": i, "judul": "tanpa teks"}))
        elif i % 173 == 11:
            lines.append(json.dumps({"id": i, "text": "Rapat pada Jumat.", "date": "2024-02-30"}))
        else:
            doc = {"id": f"d{i}" if i % 2 else i, "text": " ".join(
                SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))}
            if i % 5 == 0:
                doc["date"] = "2024-11-06"
            lines.append(json.dumps(doc, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main():
    exe = exe_from_argv()
    ck = Checker()
    d = tmpdir()
    path = os.path.join(d, "korpus.jsonl")
    write(path, corpus(2600))
    base = run(exe, ["annotate", "--input", "jsonl", path])
    ck.eq(base[0], 3, "one thread: exit status with bad lines")
    docs = jsonl(base[1])
    ck.eq(len(docs), 2600, "one thread: one object per line")
    ck.check(sum(1 for x in docs if "error" in x) >= 3 * 10, "bad lines give error objects")
    for threads in ("2", "3", "8"):
        got = run(exe, ["annotate", "--input", "jsonl", "--threads", threads, path])
        ck.eq(got[0], base[0], f"--threads {threads}: exit status")
        ck.check(got[1] == base[1], f"--threads {threads}: the same output bytes, in input order")
        ck.eq(got[2], base[2], f"--threads {threads}: the same messages, in order")
    # standard input and several files
    both = run(exe, ["annotate", "--input", "jsonl", "--threads", "2", path, "-"],
               stdin=corpus(30))
    one = run(exe, ["annotate", "--input", "jsonl", path, "-"], stdin=corpus(30))
    ck.check(both[1] == one[1] and both[0] == one[0], "--threads with two inputs, one of them stdin")
    for bad in (["--threads", "0"], ["--threads", "dua"], ["--threads", "65"],
                ["--threads", "2", "--input", "text"], ["--threads", "2", "--output", "json"]):
        args = bad if "--input" in bad else ["--input", "jsonl"] + bad
        st, out, err = run(exe, ["annotate"] + args + [path])
        ck.eq(st, 1, f"usage error {' '.join(bad)}")
        ck.check(err.startswith("idner: "), f"message for {' '.join(bad)}")
    ck.done()


if __name__ == "__main__":
    main()
