#!/usr/bin/env python3
"""The progress line (issue 12, item 6), under a pseudo-terminal:

- standard error a terminal, the output to a file: lines "idner: N documents, X MB, Y MB/s"
  drawn at the first document and a few times a second, with a percent when the input size
  is known (a file) and none when it is not (a pipe fed slowly), counts that only grow, and
  the line cleared at the end; messages about bad documents start on a clean line;
- --quiet: nothing; standard error not a terminal: nothing, even with --progress; standard
  output on the same terminal: nothing unless --progress;
- the output is the same with and without the line.

usage: test_progress.py PATH-TO-idner"""
import json
import os
import pty
import re
import subprocess
import tempfile
import threading
import time

from clitest import Checker, exe_from_argv, tmpdir, write

CLEAR = "\r\x1b[K"
LINE = re.compile(r"idner: (\d+) documents?, ([\d.]+) MB(?:, ([\d.]+) MB/s)?(?:, (\d+)%)?"
                  r"(?:, (\d+):(\d\d) left)?$")
TEXT = "Warga Semarang dan Solo menyambut rombongan dari Jepang pada Senin (4/11/2024). "


def under_pty(args, stdin=None, feed=None, stdout_tty=False):
    """Runs ARGS with standard error (and standard output if STDOUT_TTY) on a new
    pseudo-terminal; returns (exit status, what the terminal got, stdout bytes)."""
    master, slave = pty.openpty()
    out = slave if stdout_tty else tempfile.TemporaryFile()  # a pipe would fill and block
    p = subprocess.Popen(args, stdin=subprocess.PIPE if feed else stdin, stdout=out,
                         stderr=slave)
    os.close(slave)
    got = []
    drawn = threading.Event()  # the terminal got something (the model is loaded)

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            got.append(chunk)
            drawn.set()

    reader = threading.Thread(target=drain)
    reader.start()
    if feed:
        feed(p.stdin, drawn)
    rc = p.wait(timeout=300)
    stdout = b""
    if not stdout_tty:
        out.seek(0)
        stdout = out.read()
        out.close()
    reader.join(timeout=30)
    os.close(master)
    return rc, b"".join(got).decode("utf-8", "replace"), stdout


def updates(term):
    """The progress lines drawn on the terminal, parsed."""
    return [LINE.match(part) for part in term.split(CLEAR) if LINE.match(part)]


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    n_docs = 6000  # the message after line 11 makes the line redraw: two updates at least
    src = os.path.join(d, "banyak.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            f.write(json.dumps({"id": i, "text": TEXT}) + "\n")
            if i == 10:
                f.write("bukan json\n")
    plain = subprocess.run([exe, "annotate", "--input", "jsonl", src], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE).stdout

    # A file: its size is known.
    out = os.path.join(d, "out.jsonl")
    rc, term, _ = under_pty([exe, "annotate", "--input", "jsonl", "-o", out, src])
    t.eq(rc, 3, "file input: exit status (one bad line)")
    with open(out, "rb") as f:
        t.eq(f.read(), plain, "the output is the same with the progress line")
    ups = updates(term)
    t.check(len(ups) >= 2, f"the line was drawn ({len(ups)} times): {term[:300]!r}")
    t.check(all(u.group(4) is not None for u in ups), "every update has a percent")
    docs = [int(u.group(1)) for u in ups]
    t.eq(docs, sorted(docs), "document counts only grow")
    t.eq(docs[0], 1, "drawn at the first document")
    t.check(term.endswith(CLEAR), f"the line is cleared at the end: {term[-80:]!r}")
    t.eq(term.count("not JSON"), 1, "one message")
    t.check(f"{CLEAR}idner: {src}:12: not JSON" in term,
            f"the message starts on a cleared line: {term[:400]!r}")

    # A pipe fed slowly: no size, so no percent; updates a few times a second.
    def slow(pipe, drawn):
        line = (json.dumps({"text": TEXT}) + "\n").encode()
        pipe.write(line * 20)
        pipe.flush()
        drawn.wait(timeout=120)  # the first document is out: now feed slowly
        for _ in range(29):
            pipe.write(line * 20)
            pipe.flush()
            time.sleep(0.05)
        pipe.close()
    t0 = time.time()
    rc, term, stdout = under_pty([exe, "annotate", "--input", "jsonl"], feed=slow)
    secs = time.time() - t0
    ups = updates(term)
    t.eq(rc, 0, "pipe input: exit status")
    t.eq(stdout.count(b"\n"), 600, "pipe input: every document written")
    t.check(len(ups) >= 3, f"pipe input: updates over {secs:.1f} s: {len(ups)}")
    t.check(len(ups) <= secs * 5 + 2, f"pipe input: a few updates a second, not more: {len(ups)}")
    t.check(all(u.group(4) is None and u.group(5) is None for u in ups),
            "pipe input: no percent, no time left")
    t.check(term.endswith(CLEAR), "pipe input: cleared at the end")

    small = write(os.path.join(d, "kecil.jsonl"), json.dumps({"text": TEXT}) + "\n")
    rc, term, _ = under_pty([exe, "annotate", "--input", "jsonl", "--quiet", small])
    t.eq((rc, term), (0, ""), "--quiet: nothing on the terminal")
    rc, term, _ = under_pty([exe, "annotate", "--input", "jsonl", small], stdout_tty=True)
    t.check(rc == 0 and "documents" not in term and "1 document," not in term,
            f"output on the same terminal: no progress line: {term[-200:]!r}")
    rc, term, _ = under_pty([exe, "annotate", "--input", "jsonl", "--progress", small],
                            stdout_tty=True)
    t.check("idner: 1 document, " in term, f"--progress on the output's terminal: {term!r}")
    p = subprocess.run([exe, "annotate", "--input", "jsonl", "--progress", src],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode()
    t.check("document" not in err and "\x1b" not in err and "\r" not in err,
            f"standard error not a terminal: no progress even with --progress: {err[:200]!r}")
    t.eq(p.stdout, plain, "standard error not a terminal: the same output")
    t.done()


if __name__ == "__main__":
    main()
