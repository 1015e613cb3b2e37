#!/usr/bin/env python3
"""Issue 13, the smaller defects: a JSON line `null` says "not a JSON object"; a long bad
`date` is cut on a character boundary in its warning; a write error (full disk, closed pipe)
stops the run at once with a message and a non-zero exit, for --help, --version and the
annotation alike; --exclude holds for the final output, whatever stage found the surface (a
list hit, a rule hit, an alias hit).

usage: test_reliability.py PATH-TO-idner"""
import os
import subprocess
import threading

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write


def null_line(t, exe):
    rc, out, err = run(exe, ["annotate", "--input", "jsonl"],
                       stdin=b'null\n{"id": "ok", "text": "Budi tinggal di Bandung."}\n')
    docs = jsonl(out)
    t.eq(rc, 3, "exit status with a null line")
    t.eq(docs[0], {"id": 1, "error": "not a JSON object (null)"}, "the error object of null")
    t.check("stdin:1: not a JSON object (null)" in err, f"stderr names the line: {err!r}")
    t.check("success" not in err, f"no 'success' in the message: {err!r}")
    t.check("entities" in docs[1], "the next line is annotated")


def long_bad_date(t, exe):
    # 1 + 2 * 28 = 57 bytes would end mid-character: the quote and "a" put each é off by one
    value = "a" + "é" * 40
    line = '{"id": "tgl", "text": "Warga Medan berkumpul.", "date": "%s"}\n' % value
    p = subprocess.run([exe, "annotate", "--input", "jsonl"], input=line.encode(),
                       capture_output=True)
    t.eq(p.returncode, 3, "exit status with a bad date")
    try:
        err = p.stderr.decode("utf-8")
        out = p.stdout.decode("utf-8")
        ok = True
    except UnicodeDecodeError as e:
        err = out = ""
        ok = False
        t.check(False, f"the warning is valid UTF-8: {e}")
    if ok:
        doc = jsonl(out.encode())[0]
        w = doc.get("warning", "")
        t.check(w.startswith('"date": "a' + "é" * 27 + '... is not a date'),
                f"cut before the split é: {w!r}")
        t.check("\ufffd" not in w and "\ufffd" not in err, "no replacement character")
        t.check("é" * 28 not in w, f"no more than 56 bytes of the value: {w!r}")


def full_disk(t, exe, d):
    doc = write(os.path.join(d, "doc.txt"), "Presiden Joko Widodo tiba di Surabaya.\n")
    cases = [["--help"], ["--version"], ["help"], ["annotate", "--help"], ["eval", "--help"],
             ["annotate", doc], ["annotate", "--output", "tsv", doc],
             ["annotate", "--output", "json", doc]]
    for args in cases:
        with open("/dev/full", "wb") as full:
            p = subprocess.run([exe] + args, stdout=full, stderr=subprocess.PIPE)
        err = p.stderr.decode("utf-8", "replace")
        t.check(p.returncode != 0, f"{args} > /dev/full exits non-zero: {p.returncode}")
        t.check("No space left on device" in err, f"{args} > /dev/full says why: {err!r}")


def closed_pipe(t, exe):
    """The reader goes away after 100 bytes: idner stops while most of its input is still
    unread. The input is fed by a thread, lazily, up to 200 MB: a program that went on would
    consume all of it, one that stops makes the feeder's write fail with a broken pipe."""
    line = ('{"text": "Gubernur Jawa Tengah meninjau banjir di Semarang pada Senin '
            '(4/3/2024), kata juru bicara."}\n').encode()
    p = subprocess.Popen([exe, "annotate", "--input", "jsonl"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    fed = {"bytes": 0, "stopped": False}

    def feed():
        chunk = line * 10000
        try:
            while fed["bytes"] < 200 * 1024 * 1024:
                p.stdin.write(chunk)
                fed["bytes"] += len(chunk)
            p.stdin.close()
        except (BrokenPipeError, ValueError):
            fed["stopped"] = True

    feeder = threading.Thread(target=feed)
    feeder.start()
    got = p.stdout.read(100)
    p.stdout.close()
    t.eq(len(got), 100, "the first 100 bytes arrive")
    rc = p.wait(timeout=120)
    feeder.join(timeout=120)
    err = p.stderr.read().decode("utf-8", "replace")
    t.check(fed["stopped"], f"idner stopped reading after its reader left ({fed['bytes']} "
            "bytes fed)")
    t.check(rc != 0, f"non-zero exit on a closed pipe: {rc}")
    t.check("Broken pipe" in err, f"a message on a closed pipe: {err!r}")


def names(exe, text, args=()):
    rc, out, err = run(exe, ["annotate", *args], stdin=text)
    return {(e["text"], e["source"]) for e in jsonl(out)[0]["entities"]}


def exclude_final(t, exe, d):
    """--exclude removes a surface from the output whatever stage found it: a list hit, a rule
    hit, an alias hit and a model hit (each first shown to come out without the exclusion)."""
    text = ("Warga Jakarta berkumpul di Jakarta. Gubernur Darmaji Sukoreno meninjau banjir di "
            "Karangsela. Menurut Sukoreno, warga sudah dievakuasi. Sukoreno juga meminta bantuan.")
    before = names(exe, text)
    for want in [("Jakarta", "gazetteer"), ("Karangsela", "rule")]:
        t.check(want in before, f"without --exclude: {want} in {sorted(before)}")
    # the last "Sukoreno" is the alias stage's, or the tagger's where its model names it first
    t.check(("Sukoreno", "alias") in before or ("Sukoreno", "model") in before,
            f"without --exclude: an alias or model hit of Sukoreno in {sorted(before)}")
    untagged = names(exe, text, ["--no-tagger"])
    t.check(("Sukoreno", "alias") in untagged,
            f"without --exclude nor the tagger: the alias hit in {sorted(untagged)}")
    ex = write(os.path.join(d, "buang.txt"), "# disingkirkan\nJakarta\nkarangsela\nSukoreno\n")
    for args in [["--exclude", ex], ["--exclude", ex, "--no-tagger"], ["--exclude", ex, "--explain"]]:
        after = names(exe, text, args)
        gone = {s for s, _ in after} & {"Jakarta", "Karangsela", "Sukoreno"}
        t.eq(gone, set(), f"{args[2:]}: no excluded surface, whatever found it: {sorted(after)}")
        t.check(("Darmaji Sukoreno", "rule") in after, f"{args[2:]}: the full name stays")
    # the list hit only: the rule stage does not bring "Jakarta" back (issue 13)
    ex1 = write(os.path.join(d, "jakarta.txt"), "Jakarta\n")
    t.check(not any(s == "Jakarta" for s, _ in names(exe, "Banjir melanda Jakarta pada Senin.",
                                                     ["--exclude", ex1])),
            "an excluded list surface is not found by the rules instead")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    null_line(t, exe)
    long_bad_date(t, exe)
    full_disk(t, exe, d)
    closed_pipe(t, exe)
    exclude_final(t, exe, d)
    t.done()


if __name__ == "__main__":
    main()
