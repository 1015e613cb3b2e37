#!/usr/bin/env python3
"""CLI argument handling (SPEC.md section 1): every usage error exits 1 with an "idner: ..."
message on standard error and writes nothing on standard output; --help and --version work;
options accept both "--opt value" and "--opt=value"; --gazetteer, --exclude and the stage
switches reach the library.

usage: test_args.py PATH-TO-idner"""
import json
import os

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write

USAGE_ERRORS = [
    [],
    ["frobnicate"],
    ["--bogus"],
    ["annotate", "--bogus"],
    ["annotate", "-x"],
    ["annotate", "--input"],
    ["annotate", "--input", "xml"],
    ["annotate", "--input=xml"],
    ["annotate", "--output", "yaml"],
    ["annotate", "--output"],
    ["annotate", "--types", "PER,FOO"],
    ["annotate", "--types", ""],
    ["annotate", "--types=PER,,ORG"],
    ["annotate", "--types", "PER,"],
    ["annotate", "--ref-date", "2024-02-30"],
    ["annotate", "--ref-date", "2023-02-29"],
    ["annotate", "--ref-date", "2024-13-01"],
    ["annotate", "--ref-date", "24-11-03"],
    ["annotate", "--ref-date", "2024-11-03x"],
    ["annotate", "--ref-date", "3 November 2024"],
    ["annotate", "--ref-date="],
    ["annotate", "--ref-date"],
    ["annotate", "-o"],
    ["annotate", "--output-file="],
    ["annotate", "--keep-fields"],
    ["annotate", "--input", "conll", "--keep-fields"],
    ["annotate", "--input", "jsonl", "--keep-fields", "--output", "conll"],
    ["annotate", "--keep-fields=1"],
    ["eval", "-o", "x.conll", "x.conll"],
    ["eval", "--keep-fields", "x.conll"],
    ["annotate", "--no-rules=1"],
    ["annotate", "--gazetteer-only=yes"],
    ["annotate", "--data-dir"],
    ["annotate", "--gazetteer"],
    ["annotate", "--exclude"],
    ["annotate", "--countries"],
    ["annotate", "--countries", "some"],
    ["annotate", "--countries=ALL"],
    ["eval", "--countries", "locative", "x.conll"],
]


def main():
    exe = exe_from_argv()
    t = Checker()
    for args in USAGE_ERRORS:
        rc, out, err = run(exe, args, stdin="Rusia")
        t.eq(rc, 1, f"exit status of {args}")
        t.check(err.startswith("idner: "), f"message for {args}: {err!r}")
        t.eq(out, b"", f"standard output of {args}")

    # Set-up error: a data folder that does not exist.
    rc, out, err = run(exe, ["annotate", "--data-dir", "/nonexistent/idner-data"], stdin="Rusia")
    t.eq(rc, 1, "exit status with a missing data folder")
    t.check(err.startswith("idner: "), f"message for a missing data folder: {err!r}")

    for args in (["--help"], ["-h"], ["annotate", "--help"]):
        rc, out, err = run(exe, args)
        t.eq(rc, 0, f"exit status of {args}")
        t.check(b"idner annotate" in out and b"--input" in out, f"help text of {args}")
    for args in (["--version"], ["annotate", "--version"]):
        rc, out, err = run(exe, args)
        t.eq(rc, 0, f"exit status of {args}")
        t.check(out.startswith(b"idner ") and out.strip()[-1:].isdigit(), f"version {out!r}")

    # Both spellings of every value option, and the stage switches, are accepted.
    doc = '{"id":"a","text":"Delegasi Rusia tiba di Jakarta."}\n'
    for args in (["--input", "jsonl", "--output", "json", "--types", "LOC,DATE",
                  "--ref-date", "2024-02-29"],
                 ["--input=jsonl", "--output=json", "--types=LOC,DATE", "--ref-date=2024-02-29"],
                 ["--input=jsonl", "--output=json", "--no-rules", "--no-alias", "--no-dates"],
                 ["--input=jsonl", "--output=json", "--gazetteer-only", "--types=loc"]):
        rc, out, err = run(exe, ["annotate"] + args, stdin=doc)
        t.eq(rc, 0, f"exit status of {args} ({err.strip()})")
        try:
            arr = json.loads(out)
        except ValueError:
            arr = None
        t.check(isinstance(arr, list) and len(arr) == 1 and arr[0].get("id") == "a",
                f"output of {args}: {out[:200]!r}")
    # Pass-through options: user gazetteers and exclusions, stage switches.
    d = tmpdir()
    gaz = write(os.path.join(d, "desa.tsv"),
                "Kampung Durian Runtuh\tLOC\tKampung Durian Runtuh\tuji:1\tvillage\n")
    excl = write(os.path.join(d, "buang.txt"), "Rusia\n")
    text = "Warga Kampung Durian Runtuh menonton berita Rusia pada 17 Agustus 2024.\n"

    def found(args):
        rc, out, err = run(exe, ["annotate"] + args, stdin=text)
        t.eq(rc, 0, f"exit status of {args} ({err.strip()})")
        return [(e["type"], e["text"]) for e in jsonl(out)[0]["entities"]] if rc == 0 else []

    base = found([])
    t.check(("LOC", "Rusia") in base and ("DATE", "17 Agustus 2024") in base, f"base: {base}")
    t.check(("LOC", "Kampung Durian Runtuh") in found(["--gazetteer", gaz]), "--gazetteer")
    t.check(("LOC", "Kampung Durian Runtuh") in found([f"--gazetteer={gaz}", "--gazetteer", gaz]),
            "--gazetteer twice")
    t.check(("LOC", "Rusia") not in found(["--exclude", excl]), "--exclude")
    for sw in ("--no-dates", "--gazetteer-only"):
        got = found([sw])
        t.check(all(ty not in ("DATE", "TIME") for ty, _ in got), f"{sw}: {got}")
        t.check(("LOC", "Rusia") in got, f"{sw} keeps the gazetteer: {got}")
    for opt in ("--gazetteer", "--exclude"):
        rc, out, err = run(exe, ["annotate", opt, os.path.join(d, "tidak-ada.tsv")], stdin=text)
        t.eq(rc, 1, f"{opt} with a missing file: exit status")
        t.check("tidak-ada.tsv" in err, f"{opt} with a missing file: message {err!r}")

    # "--" ends the options: a file named like an option.
    rc, out, err = run(exe, ["annotate", "--", "--no-such-file"])
    t.eq(rc, 1, "exit status for an unreadable file after --")
    t.check("--no-such-file" in err, f"message names the file: {err!r}")
    t.done()


if __name__ == "__main__":
    main()
