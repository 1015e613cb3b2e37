#!/usr/bin/env python3
"""idner train's corpus and regularization options (issue 9): --domains NAME,... (one name per
TRAIN file: corpus weights that are left out of the model; one corpus alone gives the plain
perceptron's bytes, two give another model), --feature-dropout P (deterministic, another model
than without it) and --gold-institutions spec (a gold place opening with an org_head word is
trained as an organization, counted in the report line); bad values are usage errors.

usage: test_train.py PATH-TO-idner"""
import os

from clitest import Checker, exe_from_argv, run, tmpdir, write

A = """Kemarin\tO\nsepupu\tO\nZamorta\tB-PER\nhadir\tO\ndi\tO\nSMA\tB-LOC\nVelbrikan\tI-LOC\n.\tO

Pekerja\tO\npabrik\tO\nQuorivet\tB-ORG\nberhenti\tO\nbekerja\tO\n.\tO

Warga\tO\nlembah\tO\nDantrelo\tB-LOC\nmengungsi\tO\nkarena\tO\nbanjir\tO\n.\tO
"""
B = """Ibu\tO\nMurvasti\tB-PER\nmengajar\tO\ndi\tO\nKelbonari\tB-LOC\nsejak\tO\n2010\tO\n.\tO

Perusahaan\tO\nTazmirel\tB-ORG\nmembuka\tO\ncabang\tO\nbaru\tO\n.\tO
"""


def train(exe, d, name, *args):
    out = os.path.join(d, name)
    rc, stdout, err = run(exe, ["train", "--epochs", "3", "--min-count", "1", *args, "-o", out])
    data = open(out, "rb").read() if rc == 0 and os.path.exists(out) else None
    return rc, stdout.decode(), err, data


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    a = write(os.path.join(d, "a.conll"), A)
    b = write(os.path.join(d, "b.conll"), B)

    rc, _, err, plain = train(exe, d, "plain", a)
    t.eq(rc, 0, f"trains: {err}")
    rc, _, err, one = train(exe, d, "one", "--domains", "berita", a)
    t.eq(rc, 0, f"--domains with one file: {err}")
    t.check(plain is not None and one == plain, "one corpus alone: the plain perceptron's bytes")
    rc, _, err, both = train(exe, d, "both", a, b)
    rc2, _, err2, two = train(exe, d, "two", "--domains", "berita,wiki", a, b)
    t.eq((rc, rc2), (0, 0), f"two files: {err} {err2}")
    t.check(two is not None and two != both, "two corpora: their weights change the model")
    rc, _, _, same = train(exe, d, "same", "--domains", "berita,berita", a, b)
    t.check(same == both, "two files of one corpus: the plain perceptron's bytes")
    for bad in ("berita", "berita,wiki,lain", "berita,", ",wiki"):
        rc, _, err, _ = train(exe, d, "bad", "--domains", bad, a, b)
        t.check(rc == 1 and "--domains" in err, f"--domains {bad!r} for two files: {err!r}")
    many = ",".join(f"k{i}" for i in range(9))
    rc, _, err, _ = train(exe, d, "bad", "--domains", many, *([a] * 9))
    t.check(rc == 1 and "at most 8" in err, f"nine corpora are refused: {err!r}")

    rc, _, err, f1 = train(exe, d, "f1", "--feature-dropout", "0.2", a, b)
    rc2, _, err2, f2 = train(exe, d, "f2", "--feature-dropout", "0.2", a, b)
    t.eq((rc, rc2), (0, 0), f"--feature-dropout: {err} {err2}")
    t.check(f1 is not None and f1 == f2, "--feature-dropout: the same seed, the same bytes")
    t.check(f1 != both, "--feature-dropout: another model than without it")
    for bad in ("1.5", "-0.1", "x", ""):
        rc, _, err, _ = train(exe, d, "bad", "--feature-dropout", bad, a)
        t.check(rc == 1 and "--feature-dropout" in err, f"--feature-dropout {bad!r}: {err!r}")

    rc, out, err, _ = train(exe, d, "inst", "--gold-institutions", "spec", a, b)
    t.check(rc == 0 and "1 institutions ORG" in out, f"SMA Velbrikan trained as ORG: {out!r}")
    rc, out, err, _ = train(exe, d, "inst", a, b)
    t.check(rc == 0 and "0 institutions ORG" in out, f"by default the gold as it is: {out!r}")
    rc, _, err, _ = train(exe, d, "bad", "--gold-institutions", "semua", a)
    t.check(rc == 1 and "--gold-institutions" in err, f"a bad value: {err!r}")
    rc, out, _ = run(exe, ["train", "--help"])
    for opt in ("--domains", "--feature-dropout", "--gold-institutions"):
        t.check(opt in out.decode(), f"--help documents {opt}")
    t.done()


if __name__ == "__main__":
    main()
