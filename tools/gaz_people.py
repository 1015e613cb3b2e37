#!/usr/bin/env python3
"""People gazetteer -> data/gazetteer/people.tsv (curated + cleaned DBpedia).

usage: tools/gaz_people.py [--shared DIR] [-o OUT] [--report FILE]

Inputs (same inputs -> same bytes):
  data/curated/people.tsv             hand-curated table (see its header)
  DIR/data/dbpedia-id/person.txt      DBpedia person names (Alfina et al. 2017), one a line
  DIR/data/dbpedia-id/organization.txt, place.txt   only to spot names that are also orgs/places
  DIR/data/idner-news-2k/train.txt, DIR/data/nergrit/train.txt   train splits, for measuring
  data/casefreq.tsv                   (tools/casefreq.py) case statistics of the train text
  /usr/share/hunspell/id_ID.dic       Debian hunspell-id: ordinary Indonesian words

Cleaning rules for DBpedia names (each rule is counted in the --report output):
  R1 encoding: drop names with '?' or U+FFFD (characters lost in conversion).
  R2 charset: drop names with digits or characters other than letters, spaces, apostrophes,
     hyphens and periods ("Hey! Say! JUMP", "SM*SH", "Guillaume de l'Hôpital, Marquis ...").
  R3 fragment: drop names whose first word starts lower-case (except Arabic al-/el-/bin/binti
     forms such as "al-Assad") or whose last word starts lower-case ("Simon and"), and names
     whose last word is one letter ("A. G.") - the list was expanded with every sub-sequence
     of longer names, these are the broken pieces.
  R4 band/club: drop names with a word that marks a group (Band, Boys, Girls, Sisters,
     Brothers, Orchestra, Group, Project, Club, Duo, Trio, FC, ...), an English function word
     (The, Is, Of, And, ...: "Superman Is Dead") or a lower-case word inside that is not a
     name particle (bin, van, de, al, ...: "Lamb of God", "Dylan dan Cole Sprouse"), and every
     shorter name in the list that is only a piece of such names ("Kangen" of "Kangen Band",
     "Is Dead").
  R5 title: drop names made only of titles, honorifics, kinship words and Roman numerals
     ("Sultan", "Haji", "Raden Mas", "II").
  R6 short: drop one-word names of fewer than 3 letters.
  R7 word: drop one-word names that are ordinary Indonesian words (hunspell-id, with regular
     affixes: "Agung", "Budi", "Bersaudara", "Penemuan"), or that the train text writes
     lower-case at least as often as capitalized (data/casefreq.tsv).
  R8 other type: drop one-word names that are also one-word organization or place names in
     DBpedia ("Sony", "Aksu"), a bare word there is far more often not a person; and names
     listed as they are among DBpedia's organizations or places ("New York").
  R9 curated: drop names that the curated tables (people or organizations) list.
  R10 train: drop names whose case-valid occurrences in the train splits are more often not
     exactly a gold PER (O, another type, or only part of a longer person) than exactly one.
Curated rows are never dropped; rows that measure badly on train are listed in the report so
that the table can be fixed by hand.
"""
import argparse
import os
import re
import sys
from collections import Counter, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazlib as G  # noqa: E402

TITLE_WORDS = {"Sultan", "Haji", "Hajjah", "Hj", "Raden", "Mas", "Ajeng", "Ayu", "Tuan", "Nyonya",
               "Sir", "Lord", "Lady", "Saint", "Santo", "Santa", "Raja", "Ratu", "Pangeran",
               "Putri", "Kiai", "Kyai", "Syekh", "Sheikh", "Syeikh", "Habib", "Teuku", "Cut",
               "Tengku", "Tuanku", "Datuk", "Dato", "Tun", "Tan", "Sri", "Ida", "Bagus", "Gusti",
               "Anak", "Agung", "Andi", "Daeng", "Mr", "Mrs", "Dr", "Prof", "Ir", "Jr", "Sr",
               "Bin", "Binti", "bin", "binti", "Ibn", "Ibnu", "Abu", "Umm", "Ummu", "Al", "El",
               "De", "Van", "Von", "Der", "Den", "Da", "Di", "Du", "La", "Le", "Dos", "Das", "Del",
               "Pak", "Bu", "Ibu", "Bapak", "Mbak", "Mas", "Kak", "Bung", "Gus", "Cak", "Kang",
               "Ning", "Nyai", "Romo", "Pastor", "Paus", "Imam", "Ustaz", "Ustadz", "Jenderal",
               "Presiden", "Menteri", "Gubernur", "Bupati", "Wali", "Kota", "Kapten", "Letnan",
               "Kolonel", "Mayor", "Sersan", "Kopral", "Laksamana", "Marsekal", "King", "Queen",
               "Prince", "Princess", "Duke", "Count", "Baron", "Emperor", "Kaisar", "Pope",
               "Nabi", "Rasul", "Santri", "Wan", "Nik", "Che", "Mat", "Mohd", "Muhd"}
ROMAN_RE = re.compile(r"^[IVXLC]+$")
ARABIC_RE = re.compile(r"^(al|el|ad|an|ar|as|ash|at|az|ath|ul|bin|binti|ibn|bint|ben)\b", re.I)


def rule_r3(name, toks, words):
    first, last = words[0], words[-1]
    if first[0].islower() and not ARABIC_RE.match(name):
        return True
    if last[0].islower():
        return True
    if len([c for c in last if c.isalpha()]) == 1:
        return True
    return False


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=G.default_shared())
    ap.add_argument("-o", "--output", default=os.path.join(root, "data", "gazetteer", "people.tsv"))
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

    # Curated people.
    curated_keys = set()
    org_rows = []
    ncur = 0
    for path in (os.path.join(root, "data", "curated", "people.tsv"),):
        for n, slug, canonical, subtype, surfaces in G.read_curated(path):
            ncur += 1
            for surface, flags in surfaces:
                if flags is None:
                    flags = G.auto_flags(surface, casefreq, id_words)
                rows.append((surface, "PER", canonical, "idner:per/" + slug, subtype, "", flags, "curated"))
                curated_keys.add(tuple(G.key(t) for t in G.tokenize(surface)))
    # Curated organizations: a person entry with the same surface is dropped (R9).
    org_cur = os.path.join(root, "data", "curated", "orgs.tsv")
    if os.path.exists(org_cur):
        for _, _, canonical, _, surfaces in G.read_curated(org_cur):
            for surface, flags in surfaces:
                curated_keys.add(tuple(G.key(t) for t in G.tokenize(surface)))
                if flags is None:
                    flags = G.auto_flags(surface, casefreq, id_words)
                org_rows.append((surface, "ORG", flags))

    # Single-word names of other types in DBpedia (R8).
    other_single = set()
    other_full = set()
    for fn in ("organization.txt", "place.txt"):
        with open(os.path.join(dbp, fn), encoding="utf-8") as f:
            for line in f:
                t = G.tokenize(line.strip())
                if len(t) == 1:
                    other_single.add(G.key(t[0]))
                other_full.add(G.nfc(line.strip()))

    with open(os.path.join(dbp, "person.txt"), encoding="utf-8") as f:
        names = list(OrderedDict.fromkeys(G.nfc(line.strip()) for line in f if line.strip()))

    dropped = Counter()

    def drop(rule, name):
        dropped[rule] += 1
        report.append(f"{rule}\t{name}")

    # R4 needs the whole list: pieces of group names.
    group_names = [n for n in names if G.is_group_name(n)]
    group_pieces = set()
    for gname in group_names:
        ws = gname.split()
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                group_pieces.add(" ".join(ws[i:j]))
    person_pieces = set()
    for name in names:
        if name in group_pieces:
            continue
        ws = name.split()
        if len(ws) > 1:
            for i in range(len(ws)):
                for j in range(i + 1, len(ws) + 1):
                    if j - i < len(ws):
                        person_pieces.add(" ".join(ws[i:j]))

    kept = []
    for name in names:
        toks = G.tokenize(name)
        words = [t for t in toks if G.is_word(t)]
        if "?" in name or "\ufffd" in name:
            drop("R1-encoding", name)
        elif not words or re.search(r"[^\w '’.\-]|\d|_", name):
            drop("R2-charset", name)
        elif rule_r3(name, toks, words):
            drop("R3-fragment", name)
        elif name in group_pieces and (name in group_names or name not in person_pieces):
            drop("R4-group", name)
        elif all(w in TITLE_WORDS or ROMAN_RE.match(w) for w in words):
            drop("R5-title", name)
        elif len(words) == 1 and len(toks) == 1 and len(name) < 3:
            drop("R6-short", name)
        else:
            kept.append((name, toks, words))

    candidates = []
    for name, toks, words in kept:
        k = G.key(words[0])
        single = len(words) == 1
        if single:
            lower, cap, cap_start = casefreq.get(k, (0, 0, 0))[:3]
            if G.is_id_word(k, id_words) or (lower >= 1 and lower >= cap + cap_start):
                drop("R7-word", name)
                continue
            if k in other_single:
                drop("R8-other-type", name)
                continue
        if name in other_full:
            drop("R8-other-type", name)
            continue
        if tuple(G.key(t) for t in toks) in curated_keys:
            drop("R9-curated", name)
            continue
        candidates.append(name)

    # R10: measure where each entry fires in a longest match over the train splits, together
    # with the curated people and organizations; drop, and measure again once (dropping a long
    # name can let a shorter one fire).
    for _round in range(2):
        m = G.Matcher()
        for r in rows:
            m.add(r[0], "PER", r[6], True, tag=("cur", r[0]))
        for surface, typ, flags in org_rows:
            m.add(surface, typ, flags, True, tag=("org", surface))
        for name in candidates:
            m.add(name, "PER", "", False, tag=("dbp", name))
        m.finish()
        tally = m.run(sents)
        keep = []
        for name in candidates:
            ex, pa, wr = tally.get(("dbp", name), (0, 0, 0))
            if pa + wr > ex:
                drop("R10-train", f"{name}\texact={ex} partial={pa} wrong={wr}")
            else:
                keep.append(name)
        candidates = keep
    for (kind, surface), (ex, pa, wr) in sorted(tally.items()):
        if kind == "cur" and pa + wr > ex:
            report.append(f"curated-check\t{surface}\texact={ex} partial={pa} wrong={wr}")
    for name in candidates:
        slug = name.replace(" ", "_")
        rows.append((name, "PER", name, "dbpedia:" + slug, "", "", "", "dbpedia"))

    header = [
        "Generated by tools/gaz_people.py; do not edit (edit data/curated/people.tsv instead).",
        "Sources: data/curated/people.tsv (idner, curated); DBpedia person names as expanded by",
        "Alfina, Savitri and Fanany (ICACSIS 2017), github.com/ialfina/ner-dataset-modified-dee,",
        "cleaned by the rules in tools/gaz_people.py and data/README.md.",
    ]
    total = len(names)
    G.finish(args.output, rows, header,
             lambda n: (f"people: {ncur} curated people, {sum(1 for r in rows if r[7] == 'curated')} curated rows; "
               f"DBpedia {total} names, {total - sum(dropped.values())} kept; {n} rows written to {args.output}"),
             dropped, report, args.report)

if __name__ == "__main__":
    main()
