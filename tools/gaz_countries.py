#!/usr/bin/env python3
"""Generate data/gazetteer/countries.tsv.

Sources (see data/README.md, "countries.tsv"):
  - Debian iso-codes: /usr/share/iso-codes/json/iso_3166-1.json (the list of
    ISO 3166-1 countries) and its Indonesian translation
    /usr/share/locale/id/LC_MESSAGES/iso_3166-1.mo (name, official name,
    common name);
  - Debian unicode-cldr-core: /usr/share/unicode/cldr/common/main/id.xml
    (Indonesian territory names, with their 'short' and 'variant' forms);
  - data/curated/country_aliases.tsv (canonical names, aliases, exclusions).

Usage: tools/gaz_countries.py [--out data/gazetteer/countries.tsv]
Python 3 standard library only; output is deterministic.
"""

import argparse
import gettext
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in tools/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gaz_common as gc  # noqa: E402

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_MO = "/usr/share/locale/id/LC_MESSAGES/iso_3166-1.mo"
CLDR_ID = "/usr/share/unicode/cldr/common/main/id.xml"
CURATED = os.path.join(gc.ROOT, "data", "curated", "country_aliases.tsv")

ENGLISH_WORDS = {"of", "and", "the"}


def deb_version(pkg):
    """Version of an installed Debian package, for the file header."""
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8") as f:
            block = f.read().split("\n\n")
        for b in block:
            if ("Package: %s\n" % pkg) in b + "\n" and "Status: install ok installed" in b:
                m = re.search(r"^Version: (.+)$", b, re.M)
                if m:
                    return m.group(1)
    except OSError:
        pass
    return "unknown"


def clean_source_name(name):
    """Turn a catalogue name into a news surface, or None to drop it.

    Rules (documented in data/README.md):
      - a trailing parenthesized part is removed ("Myanmar (Burma)" -> "Myanmar");
      - inverted catalogue forms with a comma are dropped ("Iran, Republik Islam");
      - names with '&', an abbreviation with a period ("Kep.") or a spaced dash
        ("Kongo - Kinshasa") are dropped;
      - names containing the CLDR abbreviation "DAK" are dropped;
      - untranslated English names (containing "of", "and", "the") are dropped.
    """
    s = gc.clean_space(name)
    s = re.sub(r"\s*\([^)]*\)\s*$", "", s).strip()
    if not s or "," in s or "&" in s or "." in s or " - " in s or "(" in s:
        return None
    words = s.split()
    if "DAK" in words or ENGLISH_WORDS & set(w.lower() for w in words):
        return None
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", default=os.path.join(gc.ROOT, "data", "gazetteer", "countries.tsv"))
    args = ap.parse_args()

    with open(ISO_JSON, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    with open(ISO_MO, "rb") as f:
        tr = gettext.GNUTranslations(f)
    codes = sorted(e["alpha_2"] for e in iso)
    codeset = set(codes)

    # names[code] = list of (surface, source, role) in order of preference
    names = {c: [] for c in codes}
    cldr_main = {}

    for e in iso:
        c = e["alpha_2"]
        for key in ("common_name", "name", "official_name"):
            if key in e:
                s = clean_source_name(tr.gettext(e[key]))
                if s:
                    names[c].append((s, "iso-codes"))

    root = ET.parse(CLDR_ID).getroot()
    for t in root.iter("territory"):
        c = t.get("type")
        if c not in codeset or not t.text:
            continue
        s = clean_source_name(t.text)
        if not s:
            continue
        names[c].append((s, "cldr"))
        alt = t.get("alt")
        if alt is None:
            cldr_main.setdefault(c, s)
        elif alt == "short":
            cldr_main[c] = s  # the short form is the better default canonical

    canonical = {}
    aliases = {c: [] for c in codes}
    exclude = set()
    flag_override = {}
    for n, (c, surface, role, flags, _note) in gc.read_curated(CURATED, 5):
        where = "%s:%d" % (CURATED, n)
        if c not in codeset:
            raise SystemExit("%s: unknown ISO code %r" % (where, c))
        if role == "canonical":
            if c in canonical:
                raise SystemExit("%s: second canonical for %s" % (where, c))
            canonical[c] = surface
            aliases[c].append(surface)
        elif role == "alias":
            aliases[c].append(surface)
        elif role == "exclude":
            exclude.add((c, gc.fold(surface)))
            continue
        else:
            raise SystemExit("%s: bad role %r" % (where, role))
        if flags:
            flag_override[(c, gc.fold(surface))] = flags

    # A surface that the sources give to two countries is ambiguous: drop it
    # from the source names (the curated table may give it back to one).
    owners = {}
    for c in codes:
        for s, _src in names[c]:
            owners.setdefault(gc.fold(s), set()).add(c)
    clashes = {k for k, v in owners.items() if len(v) > 1}
    for k in sorted(clashes):
        sys.stderr.write("gaz_countries: dropping source name %r shared by %s\n"
                         % (k, ",".join(sorted(owners[k]))))

    counts = gc.case_counts(gc.key(s) for c in codes for s, _src in names[c] + [(a, '') for a in aliases[c]])

    rows = []
    for c in codes:
        canon = canonical.get(c) or cldr_main.get(c) or names[c][0][0]
        entries = {}  # folded surface -> [surface, source, order]
        order = 0
        for s, src in names[c]:
            k = gc.fold(s)
            if k in clashes or (c, k) in exclude:
                continue
            if k not in entries:
                entries[k] = [s, src, order]
                order += 1
        for s in aliases[c]:
            k = gc.fold(s)
            if (c, k) in exclude:
                continue
            if k not in entries:
                entries[k] = [s, "curated", order]
                order += 1
        ck = gc.fold(canon)
        if ck not in entries:
            raise SystemExit("gaz_countries: canonical %r of %s is not a surface" % (canon, c))
        for k, (s, src, o) in entries.items():
            if (c, k) in flag_override:
                flags = flag_override[(c, k)]
            else:
                fl = []
                letters = [ch for ch in s if ch.isalpha()]
                if len(s) <= 5 and letters and all(ch.isupper() for ch in letters):
                    fl.append("acronym")
                elif " " not in s and gc.is_common(gc.key(s), counts):
                    fl.append("common")
                flags = ",".join(fl)
            rank = 0 if k == ck else 1
            rows.append(((c, rank, k, s), (s, "LOC", canon, "iso3166:" + c, "country", c, flags, src)))
    rows.sort(key=lambda r: r[0])

    header = [
        "countries.tsv - ISO 3166-1 countries under their Indonesian names, for idner.",
        "GENERATED by tools/gaz_countries.py (run tools/build-data); do not edit by hand.",
        "Sources: Debian iso-codes %s (LGPL-2.1+), Debian unicode-cldr-core %s (Unicode licence),"
        % (deb_version("iso-codes"), deb_version("unicode-cldr-core")),
        "data/curated/country_aliases.tsv. Provenance and rules: data/README.md.",
    ]
    n = gc.write_tsv(args.out, [r[1] for r in rows], header)
    sys.stderr.write("gaz_countries: %d entries for %d countries -> %s\n"
                     % (n, len(codes), os.path.relpath(args.out, gc.ROOT)))


if __name__ == "__main__":
    main()
