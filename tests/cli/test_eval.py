#!/usr/bin/env python3
"""`idner eval` (issue 5, item 3): entity-level CoNLL-2003 scoring of annotate's CoNLL tags
against the gold tag in the last column.

1. Hand-computed counts and P/R/F1 on tests/data/eval_small.conll, annotated with
   --gazetteer-only and the invented names of tests/data/eval_gaz.tsv (so the predictions do
   not depend on the bundled lists or the rules); --errors, --types, --map, --output-conll;
   --countries all|places on two sentences.
2. Agreement with SHARED/tools/conll_score.py on `annotate --input conll --output conll` of the
   same files (eval_small.conll and eval_large.conll: tabs, CRLF, -DOCSTART-, PERSON/PLACE/
   ORGANISATION names, I- after O and after another type, an S- tag, no final line end).
3. Errors: unreadable file, a line with one column, bad options (exit 1); invalid UTF-8 (exit 3,
   still scored).

Exits 77 (skipped) when SHARED is missing and everything else passed.

usage: test_eval.py PATH-TO-idner TESTS-DATA-DIR SHARED-DIR"""
import os
import re
import subprocess
import sys

from clitest import Checker, exe_from_argv, run, tmpdir, write

EXE = exe_from_argv()
DATA = os.path.abspath(sys.argv[2])
SHARED = os.path.abspath(sys.argv[3])
SMALL = os.path.join(DATA, "eval_small.conll")
LARGE = os.path.join(DATA, "eval_large.conll")
GAZ = ["--gazetteer-only", "--gazetteer", os.path.join(DATA, "eval_gaz.tsv")]
TMP = tmpdir()
t = Checker()

# Hand count of eval_small.conll with GAZ (sentence: gold spans -> predicted spans):
#  1 Sutarjo Wiranegara PER, Desa Karangwungu LOC -> both found
#  2 Bank Sentosa Makmur ORG, Kabupaten Lembah Hijau LOC -> both found
#  3 "I-PER I-PER" after O: Ratna Kumalasari PER -> found
#  4 Tirtamaya ORG -> predicted LOC: FP LOC, FN ORG
#  5 Darmo Praworo PER (not listed) -> FN PER; Koperasi Tani Mulyo ORG -> found
#  6 Paguyuban Seni Lestari ORG -> "Seni Lestari": FP ORG, FN ORG; Gedung Graha Budaya LOC found
#  7 "B-ORG I-ORG I-ORG I-LOC": Koperasi Tani Mulyo ORG and Karangwungu LOC -> both found
#  8 B-PERSON: Sutarjo Wiranegara, Ratna Kumalasari PER -> both found
#  9 B-INSTANSI (O unless --map): Bank Sentosa Makmur -> FP ORG; Tirtamaya LOC -> found
# 10 17 Agustus 2020 DATE (no dates with --gazetteer-only) -> FN DATE; Ratna Kumalasari found
# 11 all O: Seni Lestari -> FP ORG
# PER tp 5 fp 0 fn 1; ORG tp 3 fp 3 fn 2; LOC tp 5 fp 1 fn 0; micro tp 13 fp 4 fn 3
# (R = 13/16 = 0.8125 exactly: rounds half to even, as Python's format does).
SMALL_TABLE = [
    "LOC   gold=    5 pred=    6 tp=    5 P=0.833 R=1.000 F1=0.909",
    "ORG   gold=    5 pred=    6 tp=    3 P=0.500 R=0.600 F1=0.545",
    "PER   gold=    6 pred=    5 tp=    5 P=1.000 R=0.833 F1=0.909",
    "micro sentences=11 gold=16 pred=17 tp=13 P=0.765 R=0.812 F1=0.788",
]
S4 = "warga Tirtamaya menggelar pesta rakyat ."
S5 = "bupati Darmo Praworo meresmikan Koperasi Tani Mulyo ."
S6 = "anggota Paguyuban Seni Lestari tampil di Gedung Graha Budaya ."
S9 = "karyawan Bank Sentosa Makmur berlibur ke Tirtamaya ."
S10 = "pada 17 Agustus 2020 , Ratna Kumalasari memimpin upacara ."
S11 = "lagu Seni Lestari dinyanyikan anak-anak ."
SMALL_ERRORS = [
    f'FP LOC "Tirtamaya" | {S4}',
    f'FN ORG "Tirtamaya" | {S4}',
    f'FN PER "Darmo Praworo" | {S5}',
    f'FP ORG "Seni Lestari" | {S6}',
    f'FN ORG "Paguyuban Seni Lestari" | {S6}',
    f'FP ORG "Bank Sentosa Makmur" | {S9}',
    f'FP ORG "Seni Lestari" | {S11}',
]


def ev(args, stdin=None):
    rc, out, err = run(EXE, ["eval"] + args, stdin=stdin)
    return rc, out.decode("utf-8").splitlines(), err


# ---- 1. hand-computed scores ---------------------------------------------------------------
rc, lines, err = ev(GAZ + [SMALL])
t.eq((rc, err), (0, ""), "eval small: status and stderr")
t.eq(lines, SMALL_TABLE, "eval small: table")

rc, lines, err = ev(GAZ + ["--errors", SMALL])
t.eq(rc, 0, "--errors: status")
t.eq(lines[:len(SMALL_ERRORS)], SMALL_ERRORS, "--errors: the false alarms and misses, in order")
t.eq(lines[len(SMALL_ERRORS):], SMALL_TABLE, "--errors: then the table")

# --map: INSTANSI read as ORG makes sentence 9 a hit (ORG tp 4 fp 2 fn 2).
rc, lines, err = ev(GAZ + ["--map", "INSTANSI=ORG", SMALL])
t.eq(rc, 0, "--map: status")
t.eq(lines[1], "ORG   gold=    6 pred=    6 tp=    4 P=0.667 R=0.667 F1=0.667", "--map ORG")
t.eq(lines[3], "micro sentences=11 gold=17 pred=17 tp=14 P=0.824 R=0.824 F1=0.824", "--map micro")
# A user mapping wins over the built-in PERSON=PER; O drops a gold type.
rc, lines, err = ev(GAZ + ["--map=PERSON=LOC", "--map", "INSTANSI=o", "--errors", SMALL])
t.check(lines[-4].startswith("LOC   gold=    7 pred=    6 tp=    5 "), f"--map PERSON=LOC: {lines}")
t.check(lines[-2].startswith("PER   gold=    4 pred=    5 tp=    3 "), f"--map PERSON=LOC: {lines}")
t.check('FN LOC "Sutarjo Wiranegara" | Sutarjo Wiranegara bertemu Ratna Kumalasari .' in lines,
        "--map PERSON=LOC: the miss is listed")

# --types: other types are O on both sides; DATE is scored when asked (a miss here).
rc, lines, err = ev(GAZ + ["--types", "per,DATE", "--errors", SMALL])
t.eq(rc, 0, "--types: status")
t.eq(lines, [f'FN PER "Darmo Praworo" | {S5}', f'FN DATE "17 Agustus 2020" | {S10}',
             "DATE  gold=    1 pred=    0 tp=    0 P=0.000 R=0.000 F1=0.000",
             "PER   gold=    6 pred=    5 tp=    5 P=1.000 R=0.833 F1=0.909",
             "micro sentences=11 gold=7 pred=5 tp=5 P=1.000 R=0.714 F1=0.833"], "--types per,DATE")

# --output-conll writes exactly what annotate writes; standard input works as "-".
out_conll = os.path.join(TMP, "small.out.conll")
rc, lines, err = ev(GAZ + ["--output-conll", out_conll, SMALL])
_, ann, _ = run(EXE, ["annotate", "--input", "conll", "--output", "conll"] + GAZ + [SMALL])
with open(out_conll, "rb") as f:
    t.eq(f.read(), ann, "--output-conll = annotate --output conll")
with open(SMALL, "rb") as f:
    rc, lines, err = ev(GAZ + ["-"], stdin=f.read())
t.eq((rc, lines), (0, SMALL_TABLE), "eval - (standard input)")
# Two files add up (sentences too).
rc, lines, err = ev(GAZ + [SMALL, SMALL])
t.eq(lines[-1], "micro sentences=22 gold=32 pred=34 tp=26 P=0.765 R=0.812 F1=0.788", "two files")

# ---- 3. errors -----------------------------------------------------------------------------
missing = os.path.join(TMP, "missing.conll")
rc, lines, err = ev([missing])
t.eq((rc, lines), (1, []), "missing file: exit 1, no scores")
t.check(err.startswith(f"idner: {missing}: "), f"missing file message: {err!r}")
short = write(os.path.join(TMP, "short.conll"), "Budi\tB-PER\ndatang\tO\n\npergi\n.\tO\n")
rc, lines, err = ev(["--gazetteer-only", short])
t.eq((rc, lines), (1, []), "one-column line: exit 1, no scores")
t.check(err.startswith(f"idner: {short}:4: "), f"one-column line message: {err!r}")
for bad in (["--types", "PER,FOO", SMALL], ["--types=", SMALL], ["--map", "PERSON", SMALL],
            ["--map", "=PER", SMALL], ["--map", "PERSON=MISC", SMALL], ["--input", "conll", SMALL],
            ["--output=conll", SMALL], ["--bogus", SMALL], ["--errors=yes", SMALL], [],
            ["--gazetteer-only"], [SMALL, "--output-conll"], ["--output-conll", "-", SMALL],
            ["--output-conll", os.path.join(TMP, "no", "such.conll"), SMALL],
            ["--ref-date", "2024-13-01", SMALL]):
    rc, lines, err = ev(bad)
    t.check(rc == 1 and lines == [] and err.startswith("idner: "), f"eval {bad}: {rc} {err!r}")
rc, out, err = run(EXE, ["eval", "--help"])
t.check(rc == 0 and b"usage: idner eval" in out, "eval --help")
rc, out, err = run(EXE, ["--help"])
t.check(rc == 0 and b"idner eval" in out, "idner --help mentions eval")
# Invalid UTF-8 in a sentence: reported, scored as all O, exit 3.
bad_utf8 = write(os.path.join(TMP, "bad.conll"),
                 b"Ratna\tB-PER\nKumalasari\tI-PER\n\nSutarjo\tB-PER\nWira\xffnegara\tI-PER\n")
rc, lines, err = ev(GAZ + [bad_utf8])
t.eq(rc, 3, "invalid UTF-8: exit 3")
t.check(f"{bad_utf8}:5:" in err, f"invalid UTF-8 message: {err!r}")
t.eq(lines[-1], "micro sentences=2 gold=2 pred=1 tp=1 P=1.000 R=0.500 F1=0.667",
     "invalid UTF-8: scored as O")

# --countries places: the convention that tags a country only where it names a place.
# Sentence 1: "Iran" stands for its army (gold O); sentence 2: "Jepang" after "ke" (gold LOC).
countries = write(os.path.join(TMP, "countries.conll"),
                  "Militer\tO\nIran\tO\nmenembakkan\tO\nrudal\tO\n.\tO\n\n"
                  "Rombongan\tO\nberangkat\tO\nke\tO\nJepang\tB-LOC\n.\tO\n")
rc, lines, err = ev(["--gazetteer-only", countries])
t.eq((rc, lines[0]), (0, "LOC   gold=    1 pred=    2 tp=    1 P=0.500 R=1.000 F1=0.667"),
     "--countries all (default): both countries are places")
rc, lines, err = ev(["--gazetteer-only", "--countries", "places", countries])
t.eq((rc, lines[0]), (0, "LOC   gold=    1 pred=    1 tp=    1 P=1.000 R=1.000 F1=1.000"),
     "--countries places: only the country after 'ke'")

# ---- 2. agreement with conll_score.py ------------------------------------------------------
SCORER = os.path.join(SHARED, "tools", "conll_score.py")
if not os.path.isfile(SCORER):
    print(f"{SCORER} is missing: agreement not checked")
    print(f"{t.passed} passed, {t.failed} failed")
    sys.exit(1 if t.failed else 77)


def without_counts(line):
    """An eval line in the script's form: no tp=, and no gold=/pred= on the micro line."""
    line = re.sub(r" tp= *\d+", "", line)
    if line.startswith("micro "):
        line = re.sub(r" (gold|pred)=\d+", "", line)
    return line


def script_errors(line):
    """An --errors line of the script ("FP ORG a b | ...") in eval's form (quoted span)."""
    kind, typ, rest = line.split(" ", 2)
    span, sent = rest.split(" | ", 1)
    return f'{kind} {typ} "{span}" | {sent}'


for path in (SMALL, LARGE):
    for opts in ([], GAZ, ["--no-rules"]):
        for types in ([], ["--types", "PER,ORG,LOC,DATE,TIME"], ["--types", "LOC"]):
            what = f"{os.path.basename(path)} {' '.join(opts + types)}"
            pred = os.path.join(TMP, "pred.conll")
            rc, ann, err = run(EXE, ["annotate", "--input", "conll", "--output", "conll"] + opts +
                               [path])
            write(pred, ann)
            p = subprocess.run([sys.executable, SCORER, "--errors"] + types + [pred],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if not t.eq(p.returncode, 0, f"conll_score.py on {what}: {p.stderr!r}"):
                continue
            want = p.stdout.decode("utf-8").splitlines()
            rc, got, err = ev(opts + types + ["--errors", path])
            t.eq(rc, 0, f"eval {what}: status")
            n_err = sum(1 for line in want if line.startswith(("FP ", "FN ")))
            t.eq([without_counts(line) for line in got[n_err:]], want[n_err:],
                 f"eval {what}: same scores as conll_score.py")
            t.eq(sorted(got[:n_err]), sorted(script_errors(line) for line in want[:n_err]),
                 f"eval {what}: same errors as conll_score.py")
            if not types and opts == GAZ and path == SMALL:
                t.eq(got[n_err:], SMALL_TABLE, "conll_score.py agrees with the hand count")
t.done()
