#!/usr/bin/env python3
"""Output destinations and CoNLL from any input (issue 12, items 1 and 3):

- `-o FILE` writes what standard output would get; `-o` into a missing folder or onto a folder
  is an error (exit 1, nothing annotated);
- writes are checked as they happen: standard output on /dev/full (a full disk), small output
  (fails at the last flush) and endless input (fails at once, the rest is never read); a pipe
  whose reader goes away; `--help` and `--version` to /dev/full; always exit 1 with a message;
- `--output conll` from text and JSON Lines input: a -DOCSTART- line per document, one token
  per line with its IOB tag, and `idner eval` reading it back finds as gold exactly the
  entities of the JSON output (every type), each B-/I- run spelling the entity.

usage: test_output.py PATH-TO-idner"""
import json
import os
import re
import subprocess
import threading
import time

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write, write_jsonl

DOCS = [
    {"id": "a", "date": "2024-11-06",
     "text": "Gubernur Jawa Tengah meninjau tanggul di Kabupaten Demak, Senin (4/11/2024) "
             "pukul 09.00 WIB.\nIa didampingi pejabat Kementerian Pekerjaan Umum."},
    {"id": 2, "text": "Tim bulu tangkis Indonesia bertolak ke Tokyo, Jepang, pekan lalu "
                      "untuk turnamen akhir November 2024.", "date": "2024-11-10"},
    {"id": "c", "text": "Wali Kota Surabaya membuka pameran batik di Balai Kota."},
]


def endless_input(p, stop):
    """Feeds JSON lines to P's stdin until P goes away or STOP is set (at most 400 MB)."""
    line = (json.dumps({"text": "Warga Surabaya dan Malang menonton berita dari Jepang. " * 20},
                       ensure_ascii=False) + "\n").encode()
    block = line * 200
    sent = 0
    try:
        while not stop.is_set() and sent < 400 << 20:
            p.stdin.write(block)
            sent += len(block)
        p.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass


def write_errors(t, exe, d, src):
    # A full disk, small output: the failure shows at the last flush.
    with open("/dev/full", "wb") as full:
        p = subprocess.run([exe, "annotate", "--input", "jsonl", src], stdout=full,
                           stderr=subprocess.PIPE, timeout=300)
    err = p.stderr.decode()
    t.eq(p.returncode, 1, "small output to /dev/full: exit status")
    t.check("No space left on device" in err, f"small output to /dev/full: message {err!r}")
    for args in (["--help"], ["--version"], ["annotate", "--help"], ["eval", "--help"]):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([exe] + args, stdout=full, stderr=subprocess.PIPE, timeout=60)
        t.eq(p.returncode, 1, f"{args} to /dev/full: exit status")
        t.check(b"No space left" in p.stderr, f"{args} to /dev/full: message {p.stderr!r}")
    # -o FILE on a full disk, and endless input: it stops at once.
    for target, how in (("/dev/full", "stdout"), ("/dev/full", "-o"), (None, "pipe")):
        stop = threading.Event()
        out = open(target, "wb") if how == "stdout" else None
        args = [exe, "annotate", "--input", "jsonl", "--types", "LOC"]
        if how == "-o":
            args += ["-o", target]
        p = subprocess.Popen(args, stdin=subprocess.PIPE,
                             stdout=out if out else subprocess.PIPE, stderr=subprocess.PIPE)
        feeder = threading.Thread(target=endless_input, args=(p, stop))
        feeder.start()
        if how == "pipe":
            first = p.stdout.read(4096)
            t.check(first.startswith(b'{"id":1,'), f"pipe: output began: {first[:40]!r}")
            p.stdout.close()  # the reader goes away
        t0 = time.time()
        try:
            rc = p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        stop.set()
        feeder.join()
        err = p.stderr.read().decode()
        p.stderr.close()
        if out:
            out.close()
        want = "Broken pipe" if how == "pipe" else "No space left on device"
        t.eq(rc, 1, f"endless input, {how}: exit status ({err.strip()[:200]})")
        t.check(want in err, f"endless input, {how}: message {err!r}")
        t.check(time.time() - t0 < 60, f"endless input, {how}: stopped at once")
    # Destinations that cannot be opened: exit 1, a message, nothing written.
    for path in (os.path.join(d, "no-such-folder", "out.jsonl"), d):
        rc, out, err = run(exe, ["annotate", "--input", "jsonl", "-o", path, src])
        t.eq((rc, out), (1, b""), f"-o {path}: exit status and output")
        t.check(err.startswith(f"idner: {path}: "), f"-o {path}: message {err!r}")


def conll_round_trip(t, exe, d, src):
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", src])
    t.eq(rc, 0, f"jsonl: exit status ({err.strip()})")
    docs = jsonl(out)
    conll = os.path.join(d, "out.conll")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--output", "conll", "-o", conll,
                             src])
    t.eq((rc, out), (0, b""), f"--output conll -o: exit status, nothing on stdout ({err})")
    with open(conll, encoding="utf-8") as f:
        lines = f.read().split("\n")
    t.eq(lines[-1], "", "the file ends with a newline")
    t.eq(sum(1 for l in lines if l == "-DOCSTART-\tO"), len(DOCS), "one -DOCSTART- per document")
    # Each document: its tokens spell its text without the white space, and the B-/I- runs
    # spell its entities.
    per_doc, cur = [], None
    for l in lines[:-1]:
        if l == "-DOCSTART-\tO":
            cur = []
            per_doc.append(cur)
        elif l:
            tok, tag = l.split("\t")
            t.check(tok != "" and not any(ch.isspace() for ch in tok), f"token {tok!r}")
            cur.append((tok, tag))
    for doc, src_doc, toks in zip(docs, DOCS, per_doc):
        squeeze = "".join(src_doc["text"].split())
        t.eq("".join(tok for tok, _ in toks), squeeze, f"{doc['id']}: tokens spell the text")
        runs = []
        for tok, tag in toks:
            if tag.startswith("B-"):
                runs.append([tag[2:], tok])
            elif tag.startswith("I-"):
                t.check(runs and runs[-1][0] == tag[2:], f"{doc['id']}: {tag} continues")
                runs[-1][1] += tok
        want = [[e["type"], "".join(e["text"].split())] for e in doc["entities"]]
        t.eq(runs, want, f"{doc['id']}: the tagged runs are the entities")
    # idner eval reads it back: its gold counts are the JSON output's, for every type.
    rc, out, err = run(exe, ["eval", "--types", "PER,ORG,LOC,DATE,TIME", conll])
    t.eq(rc, 0, f"eval of the conll output: exit status ({err.strip()})")
    gold = {}
    for l in out.decode().splitlines():
        m = re.match(r"(\w+)\s+gold=\s*(\d+)", l)
        if m and m.group(1) != "micro":
            gold[m.group(1)] = int(m.group(2))
    want = {}
    for doc in docs:
        for e in doc["entities"]:
            want[e["type"]] = want.get(e["type"], 0) + 1
    t.eq({k: v for k, v in gold.items() if v}, want, "eval's gold counts are the JSON entities")
    t.check(len(want) >= 4, f"the documents have entities of several types: {want}")
    # --input text: the same for one file.
    txt = write(os.path.join(d, "satu.txt"), DOCS[0]["text"])
    rc, out, err = run(exe, ["annotate", "--output", "conll", "--ref-date", "2024-11-06", txt])
    t.eq(rc, 0, "text input, conll output: exit status")
    first = out.decode().split("\n")
    t.eq(first[:3], ["-DOCSTART-\tO", "", "Gubernur\tO"], "text input, conll output: start")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    src = write_jsonl(os.path.join(d, "docs.jsonl"), DOCS)
    rc, want, err = run(exe, ["annotate", "--input", "jsonl", src])
    for fmt in ("jsonl", "json", "conll"):
        rc, want, err = run(exe, ["annotate", "--input", "jsonl", "--output", fmt, src])
        path = os.path.join(d, "out." + fmt)
        rc2, out, err2 = run(exe, ["annotate", "--input", "jsonl", "--output", fmt,
                                   "--output-file", path, src])
        with open(path, "rb") as f:
            got = f.read()
        t.eq((rc2, out, got), (rc, b"", want), f"--output {fmt} -o FILE = standard output")
    write_errors(t, exe, d, src)
    conll_round_trip(t, exe, d, src)
    t.done()


if __name__ == "__main__":
    main()
