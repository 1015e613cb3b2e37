#!/usr/bin/env python3
"""Runs ../shared/tools/check_output.py (the contract checker of SPEC.md) on idner's output for
the bundled examples (data/examples/*.txt), the samples in ../shared/samples/ and, when present,
the Kompas development articles (../shared/data/kompas-dev/kompas-dev.jsonl). Each .txt is
wrapped as one JSON line {"id", "text", "date"}. Exits 77 (skipped) when ../shared is missing:
a user's clone has none.

usage: test_check_output.py PATH-TO-idner SOURCE-ROOT SHARED-DIR"""
import glob
import json
import os
import subprocess
import sys

from clitest import Checker, entity_problems, jsonl, run, tmpdir

REF_DATE = "2024-11-04"


def check(t, exe, checker, name, input_path):
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", input_path])
    t.eq(rc, 0, f"{name}: exit status ({err.strip()[:300]})")
    out_path = input_path + ".out"
    with open(out_path, "wb") as f:
        f.write(out)
    p = subprocess.run([sys.executable, checker, input_path, out_path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    report = p.stdout.decode("utf-8", "replace")
    print(f"{name}: {report.strip().splitlines()[-2] if report.strip() else report}")
    t.eq(p.returncode, 0, f"{name}: check_output.py\n{report}")
    with open(input_path, encoding="utf-8") as f:
        texts = [json.loads(l).get("text") for l in f]
    for doc, text in zip(jsonl(out), texts):
        probs = entity_problems(doc, text)
        t.check(not probs, f"{name}: invariants of {doc.get('id')}: {probs[:3]}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    exe, root, shared = (os.path.abspath(a) for a in sys.argv[1:])
    checker = os.path.join(shared, "tools", "check_output.py")
    if not os.path.exists(checker):
        print(f"skipped: {checker} not found")
        sys.exit(77)
    t = Checker()
    d = tmpdir()
    groups = [("examples", sorted(glob.glob(os.path.join(root, "data", "examples", "*.txt")))),
              ("samples", sorted(glob.glob(os.path.join(shared, "samples", "*.txt"))))]
    for name, files in groups:
        if not files:
            print(f"{name}: no files")
            continue
        path = os.path.join(d, name + ".jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for p in files:
                with open(p, encoding="utf-8") as g:
                    text = g.read()
                doc = {"id": os.path.basename(p)[:-4], "text": text, "date": REF_DATE}
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        check(t, exe, checker, name, path)
    t.check(any(files for _, files in groups), "something to check")
    kompas = os.path.join(shared, "data", "kompas-dev", "kompas-dev.jsonl")
    if os.path.exists(kompas):
        path = os.path.join(d, "kompas.jsonl")
        with open(kompas, "rb") as f, open(path, "wb") as g:
            g.write(f.read())
        check(t, exe, checker, "kompas-dev", path)
    t.done()


if __name__ == "__main__":
    main()
