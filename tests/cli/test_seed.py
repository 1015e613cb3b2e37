#!/usr/bin/env python3
"""The "Done when" checks of issues 3 (gazetteers), 4 (dates) and 5 (context rules, aliases) on
the shared samples ../shared/samples/seed-004.txt and seed-000.txt, through the CLI
(`idner annotate --ref-date 2024-11-03 FILE`, text input: one document per file).

- issue 3: the listed people, organizations and places are found with the right type and
  canonical; page furniture ("Baca Juga", "Berita Terkait", "Terpopuler", "Terkini",
  "Pilihan", ...) is found as nothing;
- issue 4: the dates of seed-004 with --ref-date 2024-11-03 (and "Senin (28/10)" without it),
  and the numbers that must give no date;
- issue 5: "Menteri Luar Negeri Korea Utara, Choe Son-hui" / "Menteri Luar Negeri Rusia,
  Sergey Lavrov" give PER for the names and LOC (with iso) for the countries, titles outside;
  "Choe" alone later is PER with canonical "Choe Son-hui"; "Kantor Berita Pusat Korea (KCNA)" is
  one ORG and KCNA later is ORG with that canonical; "Presiden AS" does not make AS a person.
Every output also passes the SPEC section 2 invariants. Exits 77 (skipped) when ../shared is
missing: a user's clone has none.

usage: test_seed.py PATH-TO-idner SHARED-DIR"""
import os
import sys

from clitest import Checker, entity_problems, jsonl, run

REF = "2024-11-03"
FURNITURE = ["Baca Juga", "Berita Terkait", "Terpopuler", "Terkini", "Pilihan",
             "Terkini Lainnya", "Tautan Sahabat"]


class Doc:
    def __init__(self, t, name, text, doc):
        self.t, self.name, self.text = t, name, text
        self.ents = doc.get("entities", [])

    def spans(self, s):
        """Code-point offsets of every occurrence of S."""
        out, i = [], self.text.find(s)
        while i >= 0:
            out.append((i, i + len(s)))
            i = self.text.find(s, i + 1)
        return out

    def at(self, start, end):
        return [e for e in self.ents if e["start"] == start and e["end"] == end]

    def over(self, start, end):
        return [e for e in self.ents if e["start"] < end and e["end"] > start]

    def short(self, es):
        return [(e["type"], e["text"], e.get("source"), e.get("canonical"), e.get("value"))
                for e in es]

    def entity(self, s, typ, nth=None, **fields):
        """An entity of TYPE on exactly S (every occurrence, or the NTH, 1-based), with FIELDS."""
        occ = self.spans(s)
        if not self.t.check(occ, f"{self.name}: test bug: {s!r} not in the text"):
            return
        if nth is not None:
            occ = [occ[nth - 1]]
        for a, b in occ:
            hit = [e for e in self.at(a, b) if e["type"] == typ]
            what = f"{self.name}: {typ} {s!r} at {a}"
            if not self.t.check(hit, f"{what}: got {self.short(self.over(a, b))}"):
                continue
            for k, v in fields.items():
                self.t.eq(hit[0].get(k), v, f"{what}: {k}")

    def no_entity(self, s, types=("PER", "ORG", "LOC", "DATE", "TIME")):
        """No entity of TYPES overlapping any occurrence of S."""
        occ = self.spans(s)
        if not self.t.check(occ, f"{self.name}: test bug: {s!r} not in the text"):
            return
        for a, b in occ:
            bad = [e for e in self.over(a, b) if e["type"] in types]
            self.t.check(not bad, f"{self.name}: nothing of {'/'.join(types)} on {s!r} at {a}: "
                                  f"got {self.short(bad)}")

    def containing(self, s, typ, **fields):
        """Some entity of TYPE covering the first occurrence of S (a part of a longer name)."""
        a, b = self.spans(s)[0]
        hit = [e for e in self.ents if e["start"] <= a and e["end"] >= b and e["type"] == typ]
        if self.t.check(hit, f"{self.name}: a {typ} covering {s!r}: got "
                             f"{self.short(self.over(a, b))}"):
            for k, v in fields.items():
                self.t.eq(hit[0].get(k), v, f"{self.name}: {typ} covering {s!r}: {k}")


def annotate(t, exe, path, ref=REF):
    args = ["annotate"] + (["--ref-date", ref] if ref else []) + [path]
    rc, out, err = run(exe, args)
    t.eq(rc, 0, f"{os.path.basename(path)}: exit status ({err.strip()[:300]})")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    docs = jsonl(out)
    t.eq(len(docs), 1, f"{path}: one document")
    doc = docs[0] if docs else {"entities": []}
    probs = entity_problems(doc, text)
    t.check(not probs, f"{path}: invariants: {probs[:5]}")
    return Doc(t, os.path.basename(path), text, doc)


def issue3(d4, d0):
    per = [(d0, "Vladimir Putin", "Vladimir Putin"), (d4, "Vladimir Putin", "Vladimir Putin"),
           (d0, "Putin", "Vladimir Putin"), (d4, "Sergey Lavrov", "Sergey Lavrov"),
           (d0, "Lavrov", "Sergey Lavrov")]
    for d, s, canon in per:
        if s == "Putin":  # every "Putin" that is not part of "Vladimir Putin"
            for a, b in d.spans(s):
                if d.text[max(0, a - 9):a] != "Vladimir ":
                    hit = [e for e in d.at(a, b) if e["type"] == "PER"]
                    if d.t.check(hit, f"{d.name}: PER 'Putin' at {a}: got "
                                      f"{d.short(d.over(a, b))}"):
                        d.t.eq(hit[0].get("canonical"), canon, f"{d.name}: 'Putin' at {a}")
        else:
            d.entity(s, "PER", canonical=canon)
    lav = [(a, b) for a, b in d4.spans("Lavrov") if d4.text[a - 7:a] != "Sergey "]
    for a, b in lav:
        hit = [e for e in d4.at(a, b) if e["type"] == "PER"]
        if d4.t.check(hit, f"{d4.name}: PER 'Lavrov' at {a}"):
            d4.t.eq(hit[0].get("canonical"), "Sergey Lavrov", f"{d4.name}: 'Lavrov' at {a}")
    # romanization variants: one canonical for both spellings
    d4.entity("Choe Son-hui", "PER")
    d0.entity("Choe Son Hui", "PER")
    d4.entity("Kim Jong-un", "PER")
    d0.entity("Kim Jong Un", "PER")
    canon = lambda d, s, typ: [e.get("canonical") for e in d.ents if e["text"] == s and e["type"] == typ]
    c1, c2 = canon(d4, "Choe Son-hui", "PER"), canon(d0, "Choe Son Hui", "PER")
    if c1 and c2:
        d4.t.eq(c1[0], c2[0], "one canonical for 'Choe Son-hui' and 'Choe Son Hui'")
    k1, k2 = canon(d4, "Kim Jong-un", "PER"), canon(d0, "Kim Jong Un", "PER")
    if k1 and k2:
        d4.t.eq(k1[0], k2[0], "one canonical for 'Kim Jong-un' and 'Kim Jong Un'")
    # organizations
    d0.entity("Dewan Keamanan PBB", "ORG",
              canonical="Dewan Keamanan Perserikatan Bangsa-Bangsa")
    d4.entity("Kantor Berita Pusat Korea (KCNA)", "ORG", canonical="Kantor Berita Pusat Korea")
    d4.entity("Antara", "ORG")
    # places
    for d, s in [(d0, "Pyongyang"), (d4, "Moskow"), (d0, "Moskow"), (d0, "Washington"),
                 (d0, "Seoul"), (d0, "Tokyo"), (d4, "Ukraina"), (d0, "Ukraina"),
                 (d4, "Semenanjung Korea"), (d0, "Semenanjung Korea"), (d4, "Jalur Gaza"),
                 (d4, "Papua")]:
        d.entity(s, "LOC", canonical=s)
    d4.entity("Ukraina", "LOC", iso="UA")
    d4.containing("Aceh", "LOC")
    d4.containing("Sumatra", "LOC")
    d4.containing("Bekasi", "LOC")
    # page furniture
    for d in (d4, d0):
        for s in FURNITURE:
            if d.spans(s):
                d.no_entity(s)


def issue4(t, exe, path, d4):
    d4.entity("Minggu (3/11/2024)", "DATE", value="2024-11-03")
    d4.entity("Senin (28/10)", "DATE", value="2024-10-28")
    d4.entity("Kamis (31/8)", "DATE", value="2024-08-31", weekday_conflict=True)
    a = d4.text.index("pada Jumat (waktu setempat)") + len("pada ")
    hit = [e for e in d4.at(a, a + len("Jumat")) if e["type"] == "DATE"]
    if t.check(hit, f"DATE 'Jumat' in 'pada Jumat (waktu setempat)': got "
                    f"{d4.short(d4.over(a, a + 5))}"):
        t.eq(hit[0].get("value"), "2024-11-01", "'Jumat' value")
    d4.entity("Juni lalu", "DATE", value="2024-06")
    d4.entity("2026", "DATE", value="2026")
    for s in ["10.000", "8.000", "183", "70%", "1,30%", "Rp 1 Jutaan", "Rp9,2 Miliar",
              "Hwasong-19"]:
        d4.no_entity(s, ("DATE", "TIME"))
    bare = annotate(t, exe, path, ref=None)
    bare.entity("Senin (28/10)", "DATE", value="XXXX-10-28")


def issue5(d4, d0):
    for d, name, country, iso in [(d4, "Choe Son-hui", "Korea Utara", "KP"),
                                  (d4, "Sergey Lavrov", "Rusia", "RU"),
                                  (d0, "Choe Son Hui", "Korea Utara", "KP")]:
        phrase = f"Menteri Luar Negeri {country}, {name}"
        a = d.text.index(phrase)
        c0 = a + len("Menteri Luar Negeri ")
        n0 = c0 + len(country) + 2
        loc = [e for e in d.at(c0, c0 + len(country)) if e["type"] == "LOC"]
        if d.t.check(loc, f"{d.name}: LOC {country!r} in {phrase!r}: got "
                          f"{d.short(d.over(a, n0 + len(name)))}"):
            d.t.eq(loc[0].get("iso"), iso, f"{d.name}: iso of {country!r}")
        per = [e for e in d.at(n0, n0 + len(name)) if e["type"] == "PER"]
        d.t.check(per, f"{d.name}: PER {name!r} in {phrase!r}: got "
                       f"{d.short(d.over(a, n0 + len(name)))}")
        d.t.check(not d.over(a, c0), f"{d.name}: the title stays outside in {phrase!r}")
    for d, phrase, name in [(d4, "Presiden Rusia, Vladimir Putin", "Vladimir Putin"),
                            (d0, "Presiden Rusia, Vladimir Putin", "Vladimir Putin")]:
        a = d.text.index(phrase)
        c0 = a + len("Presiden ")
        loc = [e for e in d.at(c0, c0 + len("Rusia")) if e["type"] == "LOC"]
        if d.t.check(loc, f"{d.name}: LOC 'Rusia' in {phrase!r}"):
            d.t.eq(loc[0].get("iso"), "RU", f"{d.name}: iso of 'Rusia' in {phrase!r}")
        n0 = a + len(phrase) - len(name)
        d.t.check([e for e in d.at(n0, n0 + len(name)) if e["type"] == "PER"],
                  f"{d.name}: PER {name!r} in {phrase!r}")
    # "Choe" alone: a person named after the full form written in the document
    choe = [(a, b) for a, b in d4.spans("Choe") if d4.text[a:a + 8] != "Choe Son"]
    d4.t.check(len(choe) >= 3, "three 'Choe' alone in seed-004")
    for a, b in choe:
        hit = [e for e in d4.at(a, b) if e["type"] == "PER"]
        if d4.t.check(hit, f"{d4.name}: PER 'Choe' at {a}: got {d4.short(d4.over(a, b))}"):
            d4.t.eq(hit[0].get("canonical"), "Choe Son-hui", f"{d4.name}: canonical of 'Choe' at {a}")
    # the acronym: one ORG with its name, then the acronym alone
    glued = d4.spans("Kantor Berita Pusat Korea (KCNA)")[0]
    d4.t.eq(len(d4.over(*glued)), 1, "'Kantor Berita Pusat Korea (KCNA)' is one entity")
    later = [(a, b) for a, b in d4.spans("KCNA") if a > glued[1]]
    d4.t.check(len(later) >= 3, "KCNA alone later in seed-004")
    for a, b in later:
        hit = [e for e in d4.at(a, b) if e["type"] == "ORG"]
        if d4.t.check(hit, f"{d4.name}: ORG 'KCNA' at {a}"):
            d4.t.eq(hit[0].get("canonical"), "Kantor Berita Pusat Korea",
                    f"{d4.name}: canonical of 'KCNA' at {a}")
    # "presiden AS", and AS everywhere: a country, never a person
    for d in (d4, d0):
        d.no_entity("AS", ("PER",))
    d4.entity("AS", "LOC", iso="US")
    d0.entity("AS", "LOC", iso="US")
    # the ministry of a country is one ORG (SPEC section 3)
    d0.entity("Kementerian Luar Negeri Korea Utara", "ORG")
    # "Kim" alone after "Kim Jong Un": that person
    a = d0.text.index("Kim, yang")
    hit = [e for e in d0.at(a, a + 3) if e["type"] == "PER"]
    if d0.t.check(hit, f"{d0.name}: PER 'Kim' in 'Kim, yang'"):
        d0.t.eq(hit[0].get("canonical"), "Kim Jong Un", f"{d0.name}: canonical of 'Kim'")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, shared = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    s4 = os.path.join(shared, "samples", "seed-004.txt")
    s0 = os.path.join(shared, "samples", "seed-000.txt")
    if not (os.path.exists(s4) and os.path.exists(s0)):
        print(f"skipped: {s4} or {s0} not found")
        sys.exit(77)
    t = Checker()
    d4, d0 = annotate(t, exe, s4), annotate(t, exe, s0)
    issue3(d4, d0)
    issue4(t, exe, s4, d4)
    issue5(d4, d0)
    t.done()


if __name__ == "__main__":
    main()
