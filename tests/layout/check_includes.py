#!/usr/bin/env python3
"""check_includes.py SRC_DIR: the folders of src/ include one another in one direction only.

The library is layered (README "Layout"): a folder may include its own headers and those of the
folders before it in LAYERS, never one after it, so no folder depends on a folder that depends
on it. idner.c and model.h (the top) may include every stage; cli/ (the program) sits above the
library. Prints each include that runs the wrong way and exits 1 when there is one.
"""
import pathlib
import re
import sys

LAYERS = ["core", "tok", "result", "gaz", "date", "rules", "tagger", "out", "", "cli"]  # "" = src/ itself
EXTERNAL = {"idner.h", "idner_config.h"}


def layer_of(path):
    folder = path.parent.name if path.parent != SRC else ""
    if folder not in LAYERS:
        sys.exit(f"check_includes: {path}: folder '{folder}' is not in LAYERS")
    return LAYERS.index(folder)


SRC = pathlib.Path(sys.argv[1]).resolve()
bad = []
files = sorted(p for p in SRC.rglob("*") if p.suffix in (".c", ".h"))
stray = [p for p in files if p.parent == SRC and p.name not in ("idner.c", "model.h")]
for p in stray:
    bad.append(f"{p.relative_to(SRC)}: a stage's file belongs in its folder")
for p in files:
    mine = layer_of(p)
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r'#include "([^"]+)"', line)
        if not m or m.group(1) in EXTERNAL:
            continue
        target = SRC / m.group(1)
        if not target.exists():
            bad.append(f"{p.relative_to(SRC)}:{n}: \"{m.group(1)}\" is not a path under src/")
            continue
        if layer_of(target) > mine:
            bad.append(f"{p.relative_to(SRC)}:{n}: includes {m.group(1)}, a layer above it")
for b in bad:
    print(b)
print(f"{len(files)} files, {len(bad)} wrong-way includes")
sys.exit(1 if bad else 0)
