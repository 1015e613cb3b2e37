#!/usr/bin/env python3
"""The shared library exports only the public API: every defined dynamic symbol of libidner.so
starts with idner_ (linker-made markers such as _end aside). Exits 77 (skipped) without nm.

usage: test_symbols.py PATH-TO-libidner.so"""
import shutil
import subprocess
import sys

LINKER = {"_init", "_fini", "_edata", "_end", "__bss_start", "_DYNAMIC", "_GLOBAL_OFFSET_TABLE_"}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    nm = shutil.which("nm")
    if nm is None:
        print("skipped: nm not found")
        sys.exit(77)
    p = subprocess.run([nm, "-D", "--defined-only", sys.argv[1]], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        print(f"nm failed: {p.stderr}")
        sys.exit(1)
    names = [line.split()[-1] for line in p.stdout.splitlines() if line.strip()]
    names = [n.split("@")[0] for n in names]
    leaks = sorted(n for n in names if not n.startswith("idner_") and n not in LINKER)
    api = sorted(n for n in names if n.startswith("idner_"))
    for n in leaks:
        print(f"exported but not idner_*: {n}")
    print(f"{len(api)} idner_* symbols exported: {' '.join(api)}")
    ok = not leaks and "idner_annotate" in api and "idner_result_to_json" in api
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
