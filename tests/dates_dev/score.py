#!/usr/bin/env python3
"""tests/dates_dev/score.py: scores idner's DATE and TIME mentions on the dates dev set.

usage: score.py IDNER OWN.tsv SHARED_DIR KOMPAS.tsv [KOMPAS.tsv ...] [--errors] [--min-f1 F]
                [--min-value-f1 F]

The dev set (README.md beside this file) has two parts: sentences written for it (OWN.tsv:
class, reference date, text, gold mentions) and annotations of Kompas articles (KOMPAS.tsv:
article id, code-point start and end, text, type, value, mod, class) whose text is read from
SHARED_DIR/data/kompas-dev/kompas-dev.jsonl at run time; without it the script exits 77
(skipped). The articles are annotated whole: every mention in them is in the gold.

Scores, as TempEval-3 counts them: a prediction matches a gold mention when their spans
overlap and their types agree (relaxed match; each side matched at most once, in text order).
Relaxed P/R/F1 over matches; value P/R/F1 over matches whose value is also exactly the gold
value (null counts as a value). Per form class: gold mentions, matched, value right; false
alarms are charged to the class of the sentence they are in (in the Kompas part, "kompas").
With --min-f1 / --min-value-f1 the exit status is 1 when a score is below its target.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def read_own(path):
    """Sentences: (class, ref or None, text, [(start, end, type, value)])."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cls, ref, text, gold = line.split("\t")
            text = text.replace("\\n", "\n")
            mentions, pos = [], 0
            for g in ([] if gold == "-" else gold.split(" ;; ")):
                span, rest = g.split(" => ")
                words = rest.split()
                value = None if words[0] == "null" else words[0]
                typ = "TIME" if "@TIME" in words else "DATE"
                start = text.find(span, pos)
                if start < 0:
                    sys.exit(f"{path}:{n}: {span!r} not in the sentence (after {pos})")
                mentions.append((start, start + len(span), typ, value))
                pos = start + len(span)
            out.append((cls, None if ref == "-" else ref, text, mentions, n))
    return out


def read_kompas(path, articles):
    gold = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            doc, start, end, text, typ, value, _mod, cls = line.split("\t")
            start, end = int(start), int(end)
            if doc not in articles or articles[doc]["text"][start:end] != text:
                sys.exit(f"{path}:{n}: {text!r} is not at {doc} [{start}, {end})")
            gold.setdefault(doc, []).append((start, end, typ, None if value == "null" else value,
                                             cls))
    return gold


def annotate(idner, docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
        name = f.name
    try:
        out = subprocess.run([idner, "annotate", "--input", "jsonl", "--types", "DATE,TIME",
                              name], capture_output=True, text=True, check=False)
    finally:
        os.unlink(name)
    if out.returncode not in (0, 3):
        sys.exit(f"score.py: idner failed ({out.returncode}): {out.stderr.strip()}")
    return {o["id"]: o.get("entities", []) for o in map(json.loads, out.stdout.splitlines())}


def match(gold, pred):
    """Pairs (gold index, pred index) of overlapping spans of one type, greedily in order."""
    pairs, used = [], set()
    for gi, (gs, ge, gt, *_r) in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and p["type"] == gt and p["start"] < ge and gs < p["end"]:
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


class Counts:
    def __init__(self):
        self.gold = self.pred = self.tp = self.vtp = 0


def prf(tp, pred, gold):
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("idner")
    ap.add_argument("own")
    ap.add_argument("shared")
    ap.add_argument("kompas", nargs="+")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--min-f1", type=float)
    ap.add_argument("--min-value-f1", type=float)
    args = ap.parse_args()
    corpus = os.path.join(args.shared, "data", "kompas-dev", "kompas-dev.jsonl")
    if not os.path.exists(corpus):
        print(f"score.py: {corpus} not found: skipped")
        return 77
    with open(corpus, encoding="utf-8") as f:
        articles = {d["id"]: d for d in map(json.loads, f)}
    own = read_own(args.own)
    kompas, part_of = {}, {}
    for path in args.kompas:
        name = os.path.splitext(os.path.basename(path))[0]
        for doc, gold in read_kompas(path, articles).items():
            kompas[doc] = gold
            part_of[doc] = name
    docs = []
    for k, (_cls, ref, text, _g, _n) in enumerate(own):
        docs.append({"id": f"own-{k}", "text": text, **({"date": ref} if ref else {})})
    for doc in sorted(kompas):
        docs.append({"id": doc, "text": articles[doc]["text"], "date": articles[doc]["date"]})
    pred = annotate(args.idner, docs)

    classes, total = {}, Counts()
    parts = {"own": Counts(), **{name: Counts() for name in sorted(set(part_of.values()))}}
    errors = []

    def score(doc_id, text, gold, part, fp_class):
        ents = pred.get(doc_id, [])
        pairs = match(gold, ents)
        matched_pred = {pi for _, pi in pairs}
        by_gold = dict(pairs)
        for gi, g in enumerate(gold):
            cls = g[4]
            c = classes.setdefault(cls, Counts())
            for x in (c, total, parts[part]):
                x.gold += 1
            if gi in by_gold:
                p = ents[by_gold[gi]]
                ok = p.get("value") == g[3]
                for x in (c, total, parts[part]):
                    x.tp += 1
                    x.vtp += ok
                if not ok:
                    errors.append(f"VALUE {cls} {doc_id} {text[g[0]:g[1]]!r}: gold {g[3]} "
                                  f"got {p.get('value')} ({p['text']!r})")
            else:
                errors.append(f"MISS  {cls} {doc_id} {text[g[0]:g[1]]!r} {g[2]} {g[3]}")
        for pi, p in enumerate(ents):
            for x in (classes.setdefault(fp_class, Counts()), total, parts[part]):
                x.pred += 1
            if pi not in matched_pred:
                errors.append(f"FP    {fp_class} {doc_id} {p['text']!r} {p['type']} "
                              f"{p.get('value')}")
        # predictions that matched count for the class of their gold mention
        for gi, pi in pairs:
            classes[fp_class].pred -= 1
            classes[gold[gi][4]].pred += 1

    for k, (cls, _ref, text, gold, _n) in enumerate(own):
        score(f"own-{k}", text, [(s, e, t, v, cls) for s, e, t, v in gold], "own", cls)
    for doc in sorted(kompas):
        score(doc, articles[doc]["text"], kompas[doc], part_of[doc], "kompas")

    if args.errors:
        for e in errors:
            print(e)
        print()
    print(f"{'class':<15} {'gold':>5} {'pred':>5} {'match':>5} {'value':>5}   "
          f"{'P':>5} {'R':>5} {'F1':>5}   {'vP':>5} {'vR':>5} {'vF1':>5}")

    def row(name, c):
        p, r, f = prf(c.tp, c.pred, c.gold)
        vp, vr, vf = prf(c.vtp, c.pred, c.gold)
        print(f"{name:<15} {c.gold:>5} {c.pred:>5} {c.tp:>5} {c.vtp:>5}   "
              f"{p:5.3f} {r:5.3f} {f:5.3f}   {vp:5.3f} {vr:5.3f} {vf:5.3f}")
        return f, vf

    for name in sorted(classes):
        row(name, classes[name])
    print()
    for name, c in parts.items():
        row(name, c)
    f1, vf1 = row("all", total)
    low = (args.min_f1 is not None and f1 < args.min_f1) or (
        args.min_value_f1 is not None and vf1 < args.min_value_f1)
    if low:
        print(f"score.py: below target (relaxed F1 {f1:.3f} >= {args.min_f1}, value F1 "
              f"{vf1:.3f} >= {args.min_value_f1})")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
