#!/usr/bin/env python3
"""Golden end-to-end tests: each tests/golden/NAME.jsonl (documents in idner's JSON Lines input
format) is annotated with `idner annotate --input jsonl [ARGS]` and compared, document by
document and as parsed JSON (not bytes), with NAME.expected.jsonl. Every document also passes
the invariant check (text == document[start:end] by code points and bytes, sorted,
non-overlapping). Extra command-line arguments for a case go in NAME.args (one per line).

usage: run_golden.py PATH-TO-idner [--update] [NAME ...]
  --update  rewrite the .expected.jsonl files from the current output (review the diff!)"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from clitest import entity_problems  # noqa: E402


def diff_doc(want, got):
    """Human-readable differences between two document objects."""
    out = []
    if want.get("id") != got.get("id") or ("error" in want) != ("error" in got):
        return [f"  want {json.dumps(want, ensure_ascii=False)}",
                f"  got  {json.dumps(got, ensure_ascii=False)}"]
    we = {json.dumps(e, sort_keys=True, ensure_ascii=False) for e in want.get("entities", [])}
    ge = {json.dumps(e, sort_keys=True, ensure_ascii=False) for e in got.get("entities", [])}
    out += [f"  missing {e}" for e in sorted(we - ge)]
    out += [f"  extra   {e}" for e in sorted(ge - we)]
    if not out and want != got:
        out.append("  same entities, different order or fields")
    return out


def run_case(exe, path, update):
    name = os.path.basename(path)[: -len(".jsonl")]
    args = []
    args_file = os.path.join(HERE, name + ".args")
    if os.path.exists(args_file):
        with open(args_file, encoding="utf-8") as f:
            args = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    with open(path, encoding="utf-8") as f:
        inputs = [json.loads(l) for l in f if l.strip()]
    p = subprocess.run([exe, "annotate", "--input", "jsonl"] + args + [path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        print(f"{name}: exit status {p.returncode}: {p.stderr.decode(errors='replace')}")
        return False
    got = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]
    ok = True
    for inp, doc in zip(inputs, got):
        probs = entity_problems(doc, inp["text"])
        for pr in probs:
            print(f"{name}: document {inp.get('id')}: {pr}")
        ok = ok and not probs
    if len(got) != len(inputs):
        print(f"{name}: {len(got)} documents out for {len(inputs)} in")
        return False
    expected_path = os.path.join(HERE, name + ".expected.jsonl")
    if update:
        with open(expected_path, "w", encoding="utf-8") as f:
            for doc in got:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{name}: wrote {os.path.relpath(expected_path)}")
        return ok
    if not os.path.exists(expected_path):
        print(f"{name}: no {os.path.basename(expected_path)} (run with --update, then review)")
        return False
    with open(expected_path, encoding="utf-8") as f:
        want = [json.loads(l) for l in f if l.strip()]
    if len(want) != len(got):
        print(f"{name}: {len(got)} documents, expected {len(want)}")
        return False
    for w, g in zip(want, got):
        if w != g:
            ok = False
            print(f"{name}: document {w.get('id')} differs:")
            print("\n".join(diff_doc(w, g)))
    return ok


def main():
    argv = sys.argv[1:]
    update = "--update" in argv
    argv = [a for a in argv if a != "--update"]
    if not argv:
        sys.exit(__doc__)
    exe, names = os.path.abspath(argv[0]), argv[1:]
    cases = sorted(p for p in glob.glob(os.path.join(HERE, "*.jsonl"))
                   if not p.endswith(".expected.jsonl"))
    if names:
        cases = [p for p in cases if os.path.basename(p)[: -len(".jsonl")] in names]
    passed = failed = 0
    for path in cases:
        if run_case(exe, path, update):
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not cases else 0)


if __name__ == "__main__":
    main()
