#!/usr/bin/env python3
"""The README's examples run as written (issue 12, item 8): every ```sh block of README.md is
run by sh in a folder laid out like a checkout after tools/setup (build/, data/, docs/,
tests/), and must exit 0; a block of "$ command" lines must print exactly the lines the README
shows after each. The README's C example is docs/example.c, and the SQL examples of
docs/format.md are the README's. (```shell blocks: set-up, install, benchmark, are not run.)

usage: test_readme.py SOURCE-DIR BUILD-DIR"""
import os
import re
import subprocess
import sys

from clitest import Checker, tmpdir


def blocks(markdown, lang):
    return re.findall(r"^```" + lang + r"\n(.*?)^```$", markdown, re.S | re.M)


def squeeze(s):
    return " ".join(s.split())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, build = (os.path.abspath(a) for a in sys.argv[1:])
    t = Checker()
    d = tmpdir()
    for name in ("data", "docs", "tests"):
        os.symlink(os.path.join(source, name), os.path.join(d, name))
    os.symlink(build, os.path.join(d, "build"))
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    env = {k: v for k, v in os.environ.items() if k != "IDNER_DATA"}
    sh_blocks = blocks(readme, "sh")
    t.check(len(sh_blocks) >= 6, f"the README has examples to run ({len(sh_blocks)})")
    for block in sh_blocks:
        if re.search(r"^\$ ", block, re.M):
            # "$ command" lines, each followed by the output it prints
            steps = re.split(r"^\$ ", block, flags=re.M)[1:]
            for step in steps:
                cmd, _, shown = step.partition("\n")
                p = subprocess.run(["sh", "-c", cmd], cwd=d, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, timeout=300)
                t.eq(p.returncode, 0, f"README: {cmd} ({p.stderr.strip()[:300]})")
                t.eq(p.stdout, shown, f"README: {cmd} prints what the README shows")
            continue
        p = subprocess.run(["sh", "-e", "-c", block], cwd=d, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=300)
        t.eq(p.returncode, 0, f"README block runs:\n{block}\n{p.stderr.strip()[:500]}")
        t.check(p.stdout.strip() or "-o " in block, f"README block prints something:\n{block}")
    # What the tour writes is there.
    for path in ("hasil.jsonl", "hasil.db", "hasil.tsv", "tugas.json", "banjir.conll",
                 "prediksi.conll", "brat/annotation.conf", "timeml/banjir.tml", "berita.html"):
        t.check(os.path.exists(os.path.join(d, path)), f"the tour wrote {path}")
    # The C example is docs/example.c; the SQL of docs/format.md is the README's.
    with open(os.path.join(source, "docs", "example.c"), encoding="utf-8") as f:
        example = f.read().split("*/", 1)[1].strip()
    t.eq([b.strip() for b in blocks(readme, "c")], [example], "README's C example is docs/example.c")
    with open(os.path.join(source, "docs", "format.md"), encoding="utf-8") as f:
        sql = blocks(f.read(), "sql")
    t.eq(len(sql), 3, "docs/format.md has three example queries")
    for q in sql:
        t.check(squeeze(q) in squeeze(readme), f"the README runs the query\n{q}")
    t.done()


if __name__ == "__main__":
    main()
