#!/usr/bin/env python3
"""tools/bench_peer.py: the Python peer tools/bench compares idner with (not part of idner).

usage: tools/bench_peer.py [--data DIR] INPUT.jsonl > OUTPUT.jsonl

A plain pipeline over the same lists: one pyahocorasick automaton of every surface form in
DIR/gazetteer/*.tsv (the DBpedia, official and curated lists idner compiles), longest
non-overlapping matches on word boundaries that start with a capital, and `re` for Indonesian
dates ("3 November 2024", "3/11/2024", "Senin (3/11)"). Writes one JSON line per document with
its entities (code-point offsets, type, source). Needs python3-ahocorasick.
"""
import ahocorasick, glob, json, os, re, sys

MONTHS = ("januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober"
          "|november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des")
DAYS = "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad"
DATE = re.compile(rf"\b(?:(?:{DAYS}),?\s+)?(?:\d{{1,2}}\s+(?:{MONTHS})\.?(?:\s+\d{{4}})?"
                  rf"|(?:{MONTHS})\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{4}}-\d\d-\d\d)\b",
                  re.IGNORECASE)


def load(data):
    auto = ahocorasick.Automaton()
    for path in sorted(glob.glob(os.path.join(data, "gazetteer", "*.tsv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                surface, typ = line.split("\t", 2)[:2]
                key = surface.lower()
                if key not in auto:
                    auto.add_word(key, (len(key), typ))
    auto.make_automaton()
    return auto


def entities(auto, text):
    low, out, last = text.lower(), [], -1
    found = sorted(((end - n + 1, end + 1, typ) for end, (n, typ) in auto.iter(low)),
                   key=lambda m: (m[0], -m[1]))
    for start, end, typ in found:  # leftmost-longest, on word boundaries, capitalized
        if start < last or not text[start].isupper() or (start and low[start - 1].isalnum()) \
                or (end < len(low) and low[end].isalnum()):
            continue
        out.append({"start": start, "end": end, "text": text[start:end], "type": typ,
                    "source": "gazetteer"})
        last = end
    for m in DATE.finditer(text):
        out.append({"start": m.start(), "end": m.end(), "text": m.group(), "type": "DATE",
                    "source": "rules"})
    return sorted(out, key=lambda e: (e["start"], e["end"]))


def main(argv):
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    if len(argv) == 3 and argv[0] == "--data":
        data, argv = argv[1], argv[2:]
    if len(argv) != 1:
        sys.exit(__doc__.strip().splitlines()[2])
    auto, write = load(data), sys.stdout.write
    with open(argv[0], encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            write(json.dumps({"id": doc.get("id"), "entities": entities(auto, doc["text"])},
                             ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
