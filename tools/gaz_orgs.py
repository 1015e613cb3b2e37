#!/usr/bin/env python3
"""Organization gazetteer -> data/gazetteer/orgs.tsv (curated + cleaned DBpedia).

usage: tools/gaz_orgs.py [--shared DIR] [-o OUT] [--report FILE]

Inputs (same inputs -> same bytes):
  data/curated/orgs.tsv                 hand-curated table (see its header)
  data/curated/people.tsv               only to measure together with the people
  DIR/data/dbpedia-id/organization.txt  DBpedia organization names (Alfina et al. 2017)
  DIR/data/dbpedia-id/person.txt, place.txt   only to spot names that are also people/places
  DIR/data/idner-news-2k/train.txt, DIR/data/nergrit/train.txt   train splits, for measuring
  data/casefreq.tsv                     (tools/casefreq.py) case statistics of the train text
  /usr/share/hunspell/id_ID.dic         Debian hunspell-id: ordinary Indonesian words

Cleaning rules for DBpedia names (each rule is counted in the --report output):
  O0 groups: names of the person list that are groups (a group word such as Band, Boys,
     Girls, Project, Club, FC, or an English function word: "Kangen Band", "Superman Is
     Dead"; see gazlib.is_group_name) are taken as organization names too, whole names only
     (not the pieces the list was expanded with), and go through the rules below.
  O1 encoding: drop names with '?' or U+FFFD (characters lost in conversion).
  O2 charset: drop names with characters other than letters, digits, spaces, apostrophes,
     hyphens, periods, '&' and '/' ("SDI Al-Hilal, Jakarta Timur", "Idoling!!!").
  O3 fragment: drop names whose first or last word starts lower-case, unless that word has a
     capital inside ("tvOne", "eBay").
  O4 short: drop one-word names of fewer than 2 letters.
  O5 word: drop one-word names that are ordinary Indonesian words (hunspell-id, with regular
     affixes) or that the train text writes lower-case at least as often as capitalized
     ("Aqua", "Blackout").
  O6 other type: drop one-word names (not all capitals) that are also one-word person or place
     names in DBpedia ("Aceh", "Asia", "Alexa").
  O7 curated: drop names that the curated tables (organizations or people) list.
  O8 train: drop names whose case-valid occurrences in the train splits, in a longest match
     together with the curated tables, are more often not exactly a gold ORG than exactly one.
Kept names written in capitals only (BKKBN, BPKP) get the acronym flag. Curated rows are never
dropped; rows that measure badly on train are listed in the report.
"""
import argparse
import os
import re
import sys
from collections import Counter, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazlib as G  # noqa: E402


def lower_start(word):
    return word[0].islower() and not any(c.isupper() for c in word[1:])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=G.default_shared())
    ap.add_argument("-o", "--output", default=os.path.join(root, "data", "gazetteer", "orgs.tsv"))
    ap.add_argument("--report", help="write the per-rule drop list here")
    ap.add_argument("--train-sets", default="news,nergrit",
                    help="train splits to measure on (news, nergrit); for experiments only")
    args = ap.parse_args()

    dbp = os.path.join(args.shared, "data", "dbpedia-id")
    casefreq = G.load_casefreq(os.path.join(root, "data", "casefreq.tsv"))
    id_words = G.load_id_words()
    sents = G.read_train(args.shared, args.train_sets.split(","))
    report = []
    rows = []
    curated_keys = set()
    per_rows = []

    ncur = 0
    for n, slug, canonical, subtype, surfaces in G.read_curated(os.path.join(root, "data", "curated", "orgs.tsv")):
        ncur += 1
        for surface, flags in surfaces:
            if flags is None:
                flags = G.auto_flags(surface, casefreq, id_words)
            rows.append((surface, "ORG", canonical, "idner:org/" + slug, subtype, "", flags, "curated"))
            curated_keys.add(tuple(G.key(t) for t in G.tokenize(surface)))
    for _, _, _, _, surfaces in G.read_curated(os.path.join(root, "data", "curated", "people.tsv")):
        for surface, flags in surfaces:
            curated_keys.add(tuple(G.key(t) for t in G.tokenize(surface)))
            if flags is None:
                flags = G.auto_flags(surface, casefreq, id_words)
            per_rows.append((surface, flags))

    other_single = set()
    for fn in ("person.txt", "place.txt"):
        with open(os.path.join(dbp, fn), encoding="utf-8") as f:
            for line in f:
                t = G.tokenize(line.strip())
                if len(t) == 1:
                    other_single.add(G.key(t[0]))

    with open(os.path.join(dbp, "organization.txt"), encoding="utf-8") as f:
        names = list(OrderedDict.fromkeys(G.nfc(line.strip()) for line in f if line.strip()))
    # O0: groups in the person list (bands, duos, clubs: "Kangen Band", "Superman Is Dead")
    # are organizations; only whole names, not the pieces the list was expanded with.
    with open(os.path.join(dbp, "person.txt"), encoding="utf-8") as f:
        persons = list(OrderedDict.fromkeys(G.nfc(line.strip()) for line in f if line.strip()))
    groups = [n for n in persons if any(w in G.GROUP_WORDS or w in G.ENGLISH_WORDS for w in n.split())
              and not any(w[:1].islower() and w.lower() not in G.PARTICLES | {"and", "of", "the"}
                          for w in n.split()[1:-1])]
    pieces = set()
    for n in groups:
        ws = n.split()
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                if j - i < len(ws):
                    pieces.add(" ".join(ws[i:j]))
    from_person = [n for n in groups if n not in pieces and n not in set(names)]
    names += from_person

    dropped = Counter()

    def drop(rule, name):
        dropped[rule] += 1
        report.append(f"{rule}\t{name}")

    candidates = []
    for name in names:
        toks = G.tokenize(name)
        words = [t for t in toks if G.is_word(t)]
        single = len(toks) == 1
        if "?" in name or "\ufffd" in name:
            drop("O1-encoding", name)
        elif not words or re.search(r"[^\w '’.\-&/]|_", name):
            drop("O2-charset", name)
        elif lower_start(name.split()[0]) or lower_start(name.split()[-1]):
            drop("O3-fragment", name)
        elif single and sum(c.isalpha() for c in name) < 2:
            drop("O4-short", name)
        elif single and not G.is_acronym_form(name) and (
                G.is_id_word(G.key(name), id_words)
                or (lambda c: c[0] >= 1 and c[0] >= c[1] + c[2])(casefreq.get(G.key(name), (0, 0, 0)))):
            drop("O5-word", name)
        elif single and not G.is_acronym_form(name) and G.key(name) in other_single:
            drop("O6-other-type", name)
        elif tuple(G.key(t) for t in toks) in curated_keys:
            drop("O7-curated", name)
        else:
            candidates.append(name)

    def flags_of(name):
        return "acronym" if G.is_acronym_form(name) else ""

    for _round in range(2):
        m = G.Matcher()
        for r in rows:
            m.add(r[0], "ORG", r[6], True, tag=("cur", r[0]))
        for surface, flags in per_rows:
            m.add(surface, "PER", flags, True, tag=("per", surface))
        for name in candidates:
            m.add(name, "ORG", flags_of(name), False, tag=("dbp", name))
        m.finish()
        tally = m.run(sents)
        keep = []
        for name in candidates:
            ex, pa, wr = tally.get(("dbp", name), (0, 0, 0))
            if pa + wr > ex:
                drop("O8-train", f"{name}\texact={ex} partial={pa} wrong={wr}")
            else:
                keep.append(name)
        candidates = keep
    for (kind, surface), (ex, pa, wr) in sorted(tally.items()):
        if kind == "cur" and pa + wr > ex:
            report.append(f"curated-check\t{surface}\texact={ex} partial={pa} wrong={wr}")
    for name in candidates:
        rows.append((name, "ORG", name, "dbpedia:" + name.replace(" ", "_"), "", "", flags_of(name), "dbpedia"))

    header = [
        "Generated by tools/gaz_orgs.py; do not edit (edit data/curated/orgs.tsv instead).",
        "Sources: data/curated/orgs.tsv (idner, curated); DBpedia organization names as expanded by",
        "Alfina, Savitri and Fanany (ICACSIS 2017), github.com/ialfina/ner-dataset-modified-dee,",
        "cleaned by the rules in tools/gaz_orgs.py and data/README.md.",
    ]
    total = len(names)
    G.finish(args.output, rows, header,
             lambda n: (f"orgs: {ncur} curated organizations, {sum(1 for r in rows if r[7] == 'curated')} curated rows; "
               f"DBpedia {total} names, {len(candidates)} kept; {n} rows written to {args.output}"),
             dropped, report, args.report)

if __name__ == "__main__":
    main()
