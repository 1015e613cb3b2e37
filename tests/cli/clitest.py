"""Shared helpers for the CLI tests: running idner, counting checks, and the output invariants
of SPEC.md section 2 (text == document[start:end] by code points and by bytes, entities sorted
and non-overlapping)."""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile


class Checker:
    """Counts checks; done() prints "N passed, N failed" and exits 1 on any failure."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}", file=sys.stderr)
        return cond

    def eq(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, want {want!r}")

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def run(exe, args, stdin=None, timeout=300):
    """Runs EXE with ARGS; returns (exit status, stdout bytes, stderr text)."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    p = subprocess.run([exe] + list(args), input=stdin if stdin is not None else b"",
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def jsonl(out):
    """Parses JSON Lines output (bytes) into a list of objects; raises on a bad line."""
    text = out.decode("utf-8")
    if text == "":
        return []
    assert text.endswith("\n"), "output does not end with a newline"
    return [json.loads(line) for line in text[:-1].split("\n")]


def entity_problems(doc, text):
    """The invariant violations of document object DOC for document TEXT (a str). Linear in
    the size of the document, so it also serves huge ones."""
    probs = []
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        return [f"not a document object: {doc!r}"]
    prev_end = 0
    cp, bpos = 0, 0  # a code-point offset and its byte offset, advancing with the entities
    for e in doc["entities"]:
        s, en, bs, be = e.get("start"), e.get("end"), e.get("byte_start"), e.get("byte_end")
        if not all(isinstance(v, int) for v in (s, en, bs, be)):
            probs.append(f"offsets missing in {e!r}")
            continue
        if not (0 <= s < en <= len(text)):
            probs.append(f"bad span {s}..{en} in {e!r}")
            continue
        if s < prev_end:
            probs.append(f"{e.get('text')!r} at {s} overlaps or is out of order")
            cp, bpos = 0, 0
        span = text[s:en]
        if span != e.get("text"):
            probs.append(f"text[{s}:{en}] = {span!r} != {e.get('text')!r}")
        bpos += len(text[cp:s].encode("utf-8", "surrogatepass"))
        cp = s
        want_be = bpos + len(span.encode("utf-8", "surrogatepass"))
        if (bs, be) != (bpos, want_be):
            probs.append(f"byte span {bs}..{be} != {bpos}..{want_be} for {e.get('text')!r}")
        prev_end = en
        if e.get("type") in ("DATE", "TIME") and "value" not in e:
            probs.append(f"{e.get('type')} without value: {e!r}")
    return probs


def tmpdir():
    """A fresh temporary folder, removed when the test exits."""
    d = tempfile.mkdtemp(prefix="idner-test-")
    atexit.register(shutil.rmtree, d, True)
    return d


def write(path, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)
    return path


def write_jsonl(path, docs):
    """Writes DOCS (dicts) as JSON Lines, non-ASCII as UTF-8; returns PATH."""
    return write(path, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs))


def exe_from_argv():
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} PATH-TO-idner")
    return os.path.abspath(sys.argv[1])
