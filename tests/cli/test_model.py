#!/usr/bin/env python3
"""The bundled tagger model is what tools/train-model makes (issue 9): training is
deterministic, so running the script again on the same code, lists and ../shared train and dev
splits must give data/tagger.bin byte for byte. When it does not, the stages before the tagger
(its features) or the data changed since the model was trained: retrain with tools/train-model
and commit the new data/tagger.bin. Exits 77 (skipped) when ../shared is missing.

usage: test_model.py PATH-TO-idner BUILD-DATA-DIR SOURCE-ROOT SHARED-DIR"""
import filecmp
import os
import subprocess
import sys
import tempfile


def main():
    idner, data, root, shared = sys.argv[1:5]
    if not os.path.isdir(os.path.join(shared, "data", "idner-news-2k")):
        print("skipped: no ../shared")
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="idner-model-") as tmp:
        out = os.path.join(tmp, "tagger.bin")
        env = dict(os.environ, IDNER=os.path.abspath(idner), DATA=data, IDNER_SHARED=shared)
        p = subprocess.run(["sh", os.path.join(root, "tools", "train-model"), "-o", out],
                           env=env, capture_output=True, text=True)
        if p.returncode != 0:
            print(f"FAIL: tools/train-model exited {p.returncode}: {p.stderr.strip()}")
            sys.exit(1)
        same = filecmp.cmp(out, os.path.join(root, "data", "tagger.bin"), shallow=False)
        print("1 passed, 0 failed" if same else "0 passed, 1 failed")
        if not same:
            print("FAIL: data/tagger.bin is not what tools/train-model makes: retrain it "
                  "(tools/train-model) and commit the result")
            sys.exit(1)


if __name__ == "__main__":
    main()
