#!/usr/bin/env python3
"""Generate the place gazetteers under data/gazetteer/:

  places_id.tsv       Indonesian provinces, regencies/cities and districts
                      (npm package idn-area-data, fetched with npm; pinned version)
  places_villages.tsv Indonesian villages, prefixed forms only (same source)
  places_islands.tsv  Indonesian islands (same source)
  places_world.tsv    world cities, regions and geographic features
                      (data/curated/world_cities.tsv, data/curated/places_regions.tsv)
  places_dbpedia.tsv  ../shared/data/dbpedia-id/place.txt, cleaned

Usage: tools/gaz_places.py [--only id,world,dbpedia] [--villages FILE]
  --villages FILE   also write the village entries with their bare names to
                    FILE (for measurements; bare village names are not part of
                    the committed data, see data/README.md)

Python 3 standard library only; output is deterministic.  Rules and
measurements: data/README.md.
"""

import argparse
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile

sys.dont_write_bytecode = True  # no __pycache__ in tools/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gaz_common as gc  # noqa: E402

GAZ = os.path.join(gc.ROOT, "data", "gazetteer")
CUR = os.path.join(gc.ROOT, "data", "curated")

IDN_AREA_VERSION = "4.0.1"
IDN_AREA_SHA256 = "8d47ffb2be39c08aacb0a2dd43193a1edb5754edb1022d57158341c702acc32d"

SUBTYPE_RANK = {"country": 0, "province": 1, "city": 2, "regency": 3, "region": 4,
                "other": 5, "district": 6, "village": 7}


# ---------------------------------------------------------------------------
# shared: the stoplist

def read_stoplist():
    """data/curated/places_stoplist.tsv: folded surface key -> (action, flags)."""
    path = os.path.join(CUR, "places_stoplist.tsv")
    out = {}
    for n, (surface, action, _note) in gc.read_curated(path, 3):
        if action not in ("drop", "common"):
            raise SystemExit("%s:%d: bad action %r" % (path, n, action))
        out[gc.key(surface)] = action
    return out


def sort_rows(rows):
    """rows: list of (sortkey, row). Sort by folded surface, then the given key."""
    rows.sort(key=lambda r: (gc.key(r[1][0]), r[0], r[1]))
    return [r[1] for r in rows]


def person_tokens():
    """{folded word: number of names in ../shared/data/dbpedia-id/person.txt containing it}."""
    path = os.path.join(gc.shared_dir(), "data", "dbpedia-id", "person.txt")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            for t in set(re.findall(r"\w+", gc.fold(line))):
                out[t] = out.get(t, 0) + 1
    return out


def bare_verdict(k, subtype, counts, stop, ptok):
    """Decide on a bare place name (folded token tuple k): ("drop"|"common"|"", reason).

    Rules, in order (data/README.md, "Bare names"):
      1. the curated stoplist says drop / common;
      2. train evidence (gc.mostly_not_loc): seen at least 3 times standalone
         in the annotated training text (occurrences inside a longer gold
         entity are left out: a longer entry covers them) and exactly a gold
         LOC less than a third of those times -> drop ("mostly wrong");
      3. a one-word district name that is an ordinary word (seen in lowercase
         outside entities at least once in the training text, or a lowercase
         word of the hunspell-id lexicon), a name seen
         inside a gold PER at least as often as inside a gold LOC, or a word of
         at least 3 DBpedia person names -> drop;
      4. any other name that is an ordinary word or phrase by the training
         text (gc.is_common), and a several-word district name whose words are
         all lowercase words of the hunspell-id lexicon -> common.
    """
    act = stop.get(k)
    if act == "drop":
        return "drop", "stoplist"
    c = counts.get(k, [0] * 8)
    low, per, loc = c[0], c[3], c[5]
    if gc.mostly_not_loc(c):
        return "drop", "train_mostly_not_loc"
    if subtype == "district" and len(k) == 1:
        if low >= 1 or gc.in_lexicon(k):
            return "drop", "district_ordinary_word"
        if per >= 1 and per >= loc:
            return "drop", "district_person_name"
        if ptok.get(k[0], 0) >= 3:
            return "drop", "district_person_name"
    if act == "common":
        return "common", ""
    if gc.is_common(k, counts):
        return "common", ""
    if subtype == "district" and gc.in_lexicon(k):
        return "common", ""
    return "", ""


# ---------------------------------------------------------------------------
# Indonesian regions (idn-area-data)

def cache_dir():
    d = os.environ.get("IDNER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "idner")
    os.makedirs(d, exist_ok=True)
    return d


def fetch_idn_area():
    """Return the path of idn-area-data-<version>.tgz, fetched with `npm pack`
    into the cache directory when missing; its SHA-256 is checked."""
    name = "idn-area-data-%s.tgz" % IDN_AREA_VERSION
    path = os.path.join(cache_dir(), name)

    def ok():
        if not os.path.exists(path):
            return False
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest() == IDN_AREA_SHA256

    if not ok():
        sys.stderr.write("gaz_places: fetching idn-area-data@%s with npm\n" % IDN_AREA_VERSION)
        subprocess.run(["npm", "pack", "--silent", "idn-area-data@" + IDN_AREA_VERSION,
                        "--pack-destination", os.path.dirname(path)],
                       check=True, stdout=subprocess.DEVNULL)
        if not ok():
            raise SystemExit("gaz_places: %s: SHA-256 mismatch (want %s)" % (path, IDN_AREA_SHA256))
    return path


def read_idn_area(tgz):
    data = {}
    with tarfile.open(tgz, "r:gz") as tf:
        for what in ("provinces", "regencies", "districts", "villages", "islands"):
            f = tf.extractfile("package/data/%s.csv" % what)
            rows = list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))
            for r in rows:
                r["name"] = gc.clean_space(r["name"])
            data[what] = rows
    return data


ADMIN_PREFIXES = ("Provinsi", "Kabupaten", "Kota", "Kecamatan", "Desa", "Kelurahan")


def lc_prefix(surface):
    """Write an administrative prefix word in lowercase ("Kabupaten Bekasi" ->
    "kabupaten Bekasi"): the matcher then accepts it in any case while the
    name itself must be capitalized.  News writes both "Desa Suwug" and
    "desa Suwug", and the corpora annotate the prefix as part of the place."""
    first, _, rest = surface.partition(" ")
    if rest and first in ADMIN_PREFIXES:
        return first.lower() + " " + rest
    return surface


def sumatra_variant(name):
    """Official names write 'Sumatera'; news also writes 'Sumatra'."""
    if re.search(r"\bSumatera\b", name):
        return re.sub(r"\bSumatera\b", "Sumatra", name)
    return None


def place_bigrams():
    """The pairs of folded words one after the other in the names of
    ../shared/data/dbpedia-id/place.txt ("kramat jati" from "Kramat Jati, Jakarta Timur")."""
    path = os.path.join(gc.shared_dir(), "data", "dbpedia-id", "place.txt")
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = re.findall(r"\w+", gc.fold(line))
            out.update(zip(words, words[1:]))
    return out


def split_variant(name, bigrams):
    """'Kramatjati' -> 'Kramat Jati': a one-word name that the names of DBpedia's places
    write as two words (BIGRAMS, place_bigrams), each of three letters or more and split one
    way only, as text often writes it; None for any other."""
    if not name.isalpha() or len(name) < 6:
        return None
    low = gc.fold(name)
    cuts = [p for p in range(3, len(low) - 2) if (low[:p], low[p:]) in bigrams]
    if len(cuts) != 1:
        return None
    p = cuts[0]
    return name[:p] + " " + name[p].upper() + name[p + 1:].lower()


def build_id(counts_for, stop, villages_out=None):
    data = read_idn_area(fetch_idn_area())
    extra_path = os.path.join(CUR, "places_id_extra.tsv")

    # regions: code -> dict(name, subtype, canonical, surfaces=[(surface, kind)])
    # kind: "full" (official or prefixed form), "bare" (name without its prefix),
    #       "alias" (curated)
    regions = {}

    def add(code, subtype, canonical, surfaces):
        regions[code] = {"subtype": subtype, "canonical": canonical, "surfaces": surfaces}

    bigrams = place_bigrams()

    for r in data["provinces"]:
        name = r["name"]
        surf = [(name, "full"), ("Provinsi " + name, "full")]
        v = sumatra_variant(name)
        if v:
            surf += [(v, "full"), ("Provinsi " + v, "full")]
        add(r["code"], "province", name, surf)

    for r in data["regencies"]:
        name = r["name"]
        m = re.match(r"^(Kabupaten|Kota)( Administrasi)? (.+)$", name)
        if not m:
            raise SystemExit("gaz_places: unexpected regency name %r" % name)
        kind, admin, bare = m.group(1), m.group(2), m.group(3)
        subtype = "regency" if kind == "Kabupaten" else "city"
        surf = [(name, "full")]
        if admin:
            surf.append(("%s %s" % (kind, bare), "full"))
        surf.append((bare, "bare"))
        split = split_variant(bare, bigrams)
        if split:
            surf += [("%s %s" % (kind, split), "full"), (split, "bare")]
        canonical = bare if admin and kind == "Kota" else "%s %s" % (kind, bare)
        v = sumatra_variant(bare)
        if v:
            surf += [("%s %s" % (kind, v), "full"), (v, "bare")]
        add(r["code"], subtype, canonical, surf)

    for r in data["districts"]:
        name = r["name"]
        surf = [("Kecamatan " + name, "full"), (name, "bare")]
        split = split_variant(name, bigrams)
        if split:
            surf += [("Kecamatan " + split, "full"), (split, "bare")]
        add(r["code"], "district", name, surf)

    # curated extras
    per_surface = {}   # (code, key) -> (flags, subtype, canonical)
    excluded = set()
    for n, (code, surface, role, flags, subtype, canonical, _note) in gc.read_curated(extra_path, 7):
        where = "%s:%d" % (extra_path, n)
        if code not in regions:
            raise SystemExit("%s: unknown region code %r" % (where, code))
        if subtype and subtype not in gc.SUBTYPES:
            raise SystemExit("%s: bad subtype %r" % (where, subtype))
        k = gc.key(surface)
        if role == "exclude":
            excluded.add((code, k))
            continue
        if role == "canonical":
            regions[code]["canonical"] = surface
        elif role != "alias":
            raise SystemExit("%s: bad role %r" % (where, role))
        surfs = regions[code]["surfaces"]
        same = [i for i, (s_, _kind) in enumerate(surfs) if gc.key(s_) == k]
        if same:
            # a curated surface is kept as written, whatever the bare-name rules say
            surfs[same[0]] = (surface, "alias")
        else:
            surfs.append((surface, "alias"))
        if flags or subtype or canonical:
            per_surface[(code, k)] = (flags, subtype, canonical)

    # word statistics for the bare forms
    bare_keys = {gc.key(s) for reg in regions.values() for s, kind in reg["surfaces"] if kind == "bare"}
    counts = counts_for(bare_keys)

    rows = []
    stats = {"common": 0}
    ptok = person_tokens()
    for code in sorted(regions):
        reg = regions[code]
        seen = set()
        for surface, kind in reg["surfaces"]:
            k = gc.key(surface)
            if k in seen or (code, k) in excluded:
                continue
            seen.add(k)
            flags, subtype, canonical = per_surface.get((code, k), ("", "", ""))
            subtype = subtype or reg["subtype"]
            canonical = canonical or reg["canonical"]
            if not (code, k) in per_surface or not per_surface[(code, k)][0]:
                fl = []
                letters = [c for c in surface if c.isalpha()]
                if kind == "alias" and len(surface) <= 5 and all(c.isupper() for c in letters):
                    fl.append("acronym")
                elif kind == "alias" and stop.get(k) == "common":
                    fl.append("common")
                if kind == "bare":
                    verdict, why = bare_verdict(k, reg["subtype"], counts, stop, ptok)
                    if verdict == "drop":
                        stats["dropped_" + why] = stats.get("dropped_" + why, 0) + 1
                        continue
                    if verdict == "common":
                        fl.append("common")
                        stats["common"] += 1
                flags = ",".join(fl)
            sortkey = (SUBTYPE_RANK[subtype], code)
            rows.append((sortkey, (lc_prefix(surface), "LOC", canonical, "kemendagri:" + code, subtype, "",
                                   flags, "idn-area-data")))

    header = [
        "places_id.tsv - Indonesian provinces, regencies, cities and districts, for idner.",
        "GENERATED by tools/gaz_places.py (run tools/build-data); do not edit by hand.",
        "Source: npm package idn-area-data %s (data: ODbL-1.0; code: MIT), region codes of"
        % IDN_AREA_VERSION,
        "the Ministry of Home Affairs (Kemendagri); data/curated/places_id_extra.tsv;",
        "data/curated/places_stoplist.tsv. Provenance and rules: data/README.md.",
    ]
    n = gc.write_tsv(os.path.join(GAZ, "places_id.tsv"), sort_rows(rows), header)
    sys.stderr.write("gaz_places: places_id.tsv: %d entries (%d regions); %s\n"
                     % (n, len(regions), ", ".join("%s=%d" % kv for kv in sorted(stats.items()))))

    # villages: only the prefixed official forms ("Desa X", "Kelurahan X");
    # bare village names flood the output (measurement in data/README.md)
    vrows = []
    for r in data["villages"]:
        code, name = r["code"], r["name"]
        prefix = {"1": "Kelurahan", "2": "Desa", "3": ""}[code.split(".")[3][0]]
        surfaces = ["%s %s" % (prefix, name)] if prefix else [name]  # 3xxx: "Desa Adat X"
        if villages_out:
            surfaces.append(name)
        for s_ in surfaces:
            full = s_ != name or not prefix
            vrows.append(((SUBTYPE_RANK["village"], code),
                          (lc_prefix(s_), "LOC", name, "kemendagri:" + code, "village", "",
                           "" if full else "bare", "idn-area-data")))
    if villages_out:
        # measurement only: full and bare forms, bare ones marked in the flags column
        with open(villages_out, "w", encoding="utf-8") as f:
            for row in sort_rows(vrows):
                f.write("\t".join(row) + "\n")
        sys.stderr.write("gaz_places: village entries with bare forms -> %s (measurement only)\n"
                         % villages_out)
        vrows = [r for r in vrows if r[1][6] != "bare"]
    header = [
        "places_villages.tsv - Indonesian villages (desa, kelurahan) under their official",
        "prefixed names (\"Desa Suwug\", \"Kelurahan Kampal\"), for idner.",
        "GENERATED by tools/gaz_places.py (run tools/build-data); do not edit by hand.",
        "Source: npm package idn-area-data %s (data: ODbL-1.0; code: MIT)." % IDN_AREA_VERSION,
        "Provenance, rules and measurements: data/README.md.",
    ]
    n = gc.write_tsv(os.path.join(GAZ, "places_villages.tsv"), sort_rows(vrows), header)
    sys.stderr.write("gaz_places: places_villages.tsv: %d entries\n" % n)
    build_islands(data)


def build_islands(data):
    """places_islands.tsv: the islands of idn-area-data under their names as
    listed ("Pulau Sebesi", "Gili Trawangan", "Nusa Penida"); one-word names
    that are ordinary words are left out."""
    rows = []
    dropped = 0
    for r in data["islands"]:
        name, code = r["name"], r["code"]
        k = gc.key(name)
        if len(k) == 1 and gc.in_lexicon(k):
            dropped += 1
            continue
        rows.append(((code,), (name, "LOC", name, "kemendagri:" + code, "region", "", "",
                              "idn-area-data")))
    header = [
        "places_islands.tsv - Indonesian islands (Pulau ..., Gili ..., Nusa ...), for idner.",
        "GENERATED by tools/gaz_places.py (run tools/build-data); do not edit by hand.",
        "Source: npm package idn-area-data %s, data/islands.csv (data: ODbL-1.0; code: MIT)."
        % IDN_AREA_VERSION,
        "Provenance, rules and measurements: data/README.md.",
    ]
    n = gc.write_tsv(os.path.join(GAZ, "places_islands.tsv"), sort_rows(rows), header)
    sys.stderr.write("gaz_places: places_islands.tsv: %d entries (%d one-word ordinary words dropped)\n"
                     % (n, dropped))


# ---------------------------------------------------------------------------
# World cities, regions and geographic features (curated)

def read_world_places():
    """Read the curated world tables: list of places in file order, each a dict
    with canonical, subtype, id, surfaces [(surface, flags)], file."""
    places = {}
    order = []
    for fname in ("world_cities.tsv", "places_regions.tsv"):
        path = os.path.join(CUR, fname)
        for n, (canon, surface, subtype, country, flags, _note) in gc.read_curated(path, 6):
            where = "%s:%d" % (path, n)
            if not canon or not surface:
                raise SystemExit("%s: canonical and surface are required" % where)
            if subtype and subtype not in ("city", "region", "other"):
                raise SystemExit("%s: subtype must be city, region or other" % where)
            if country and not re.fullmatch(r"[A-Z]{2}", country):
                raise SystemExit("%s: bad country code %r" % (where, country))
            for f in filter(None, flags.split(",")):
                if f not in gc.FLAGS:
                    raise SystemExit("%s: bad flag %r" % (where, f))
            p = places.get(canon)
            if p is None:
                if not subtype:
                    raise SystemExit("%s: first row of %r needs a subtype" % (where, canon))
                p = places[canon] = {"canonical": canon, "subtype": subtype,
                                     "id": "idner:loc/" + gc.slug(canon), "surfaces": [],
                                     "file": fname}
                order.append(p)
                p["surfaces"].append((canon, ""))
            if surface == canon:
                p["surfaces"][0] = (canon, flags)
            else:
                p["surfaces"].append((surface, flags))
    ids = {}
    for p in order:
        if p["id"] in ids:
            raise SystemExit("gaz_places: %r and %r have the same id %s"
                             % (ids[p["id"]], p["canonical"], p["id"]))
        ids[p["id"]] = p["canonical"]
    return order


CONTINENTS = ("Asia", "Eropa", "Afrika", "Amerika")
DIRECTIONS = ("Utara", "Selatan", "Barat", "Timur", "Tengah", "Tenggara", "Laut", "Daya")


def lc_direction(surface):
    """Write the compass words after a continent in lowercase ("Afrika Barat" ->
    "Afrika barat"): news and the corpora write both "Afrika Barat" and "[Afrika
    barat]", and a lowercase surface word matches in either case."""
    words = surface.split(" ")
    if len(words) > 1 and words[0] in CONTINENTS and all(w in DIRECTIONS for w in words[1:]):
        return " ".join([words[0]] + [w.lower() for w in words[1:]])
    return surface


def build_world(stop):
    rows = []
    for i, p in enumerate(read_world_places()):
        seen = set()
        for surface, flags in p["surfaces"]:
            k = gc.key(surface)
            if k in seen:
                continue
            seen.add(k)
            if not flags:
                letters = [c for c in surface if c.isalpha()]
                if len(surface) <= 5 and letters and all(c.isupper() for c in letters):
                    flags = "acronym"
                elif stop.get(k) == "common":
                    flags = "common"
                elif stop.get(k) == "drop":
                    continue
            rows.append(((SUBTYPE_RANK[p["subtype"]], i),
                         (lc_direction(surface), "LOC", p["canonical"], p["id"], p["subtype"], "",
                          flags, "curated")))
    header = [
        "places_world.tsv - world cities, regions and geographic features, for idner.",
        "GENERATED by tools/gaz_places.py (run tools/build-data); do not edit by hand.",
        "Source: data/curated/world_cities.tsv, data/curated/places_regions.tsv (hand-curated).",
        "Provenance and rules: data/README.md.",
    ]
    n = gc.write_tsv(os.path.join(GAZ, "places_world.tsv"), sort_rows(rows), header)
    sys.stderr.write("gaz_places: places_world.tsv: %d entries\n" % n)


# ---------------------------------------------------------------------------
# DBpedia places, cleaned

DBP_PREFIX_SUBTYPE = [
    ("Provinsi", "province"), ("Kota", "city"), ("Kabupaten", "regency"),
    ("Distrik", "district"), ("Kecamatan", "district"), ("Desa", "village"),
    ("Kelurahan", "village"), ("Pulau", "region"), ("Kepulauan", "region"),
    ("Semenanjung", "region"), ("Daerah", "region"), ("Wilayah", "region"),
    ("Kegubernuran", "region"), ("Departemen", "region"), ("Negara bagian", "region"),
    ("Gunung", "other"), ("Pegunungan", "other"), ("Danau", "other"), ("Sungai", "other"),
    ("Selat", "other"), ("Teluk", "other"), ("Laut", "other"), ("Bandar Udara", "other"),
    ("Stadion", "other"), ("Pantai", "other"), ("Candi", "other"), ("Jembatan", "other"),
]

MOJIBAKE = re.compile("[?\ufffd]|Ã|Â|â€")


def squash(k):
    """Folded token tuple -> string without spaces and hyphens ("gunung kidul"
    and "gunungkidul" agree)."""
    return "".join(k).replace("-", "")


def gazetteer_keys(names):
    """Folded token tuples of the surfaces of generated gazetteer files."""
    out = set()
    for name in names:
        path = os.path.join(GAZ, name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                out.add(gc.key(line.split("\t", 1)[0]))
    return out


def build_dbpedia(stop):
    src = os.path.join(gc.shared_dir(), "data", "dbpedia-id", "place.txt")
    with open(src, encoding="utf-8") as f:
        raw = [gc.clean_space(line) for line in f]
    raw = [r for r in raw if r]

    data = read_idn_area(fetch_idn_area())
    villages = {gc.key(r["name"]) for r in data["villages"]}
    admin = set()  # districts, regencies/cities and provinces, bare and squashed
    for r in data["districts"] + data["provinces"]:
        admin.add(squash(gc.key(r["name"])))
    for r in data["regencies"]:
        admin.add(squash(gc.key(re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", r["name"]))))
    have = gazetteer_keys(["countries.tsv", "places_id.tsv", "places_villages.tsv",
                           "places_islands.tsv", "places_world.tsv"])

    def chain_split(k):
        """Index j > 0 such that k[j:] is a sequence of one or more
        district/regency/province names, else 0."""
        n = len(k)
        memo = {}

        def ok(i):
            if i == n:
                return True
            if i not in memo:
                memo[i] = any(squash(k[i:j]) in admin and ok(j) for j in range(i + 1, n + 1))
            return memo[i]
        for j in range(1, n):
            if ok(j):
                return j
        return 0

    stats = {}

    def drop(why):
        stats[why] = stats.get(why, 0) + 1

    # pass 1: rules on the string alone; find administrative chains and their heads
    cand = []
    heads = set()
    for name in raw:
        if MOJIBAKE.search(name):
            drop("1_encoding_damage")
            continue
        if re.search(r"\d", name):
            drop("2_digits")
            continue
        if not name[:1].isupper():
            drop("3_not_capitalized")
            continue
        k = gc.key(name)
        if len(k) == 1 and len(name) <= 2:
            drop("3_too_short")
            continue
        j = chain_split(k)
        if j:
            heads.add(k[:j])
            drop("6_admin_chain")
            continue
        cand.append((name, k))

    counts = gc.case_counts({k for _n, k in cand} | {(t,) for _n, k in cand for t in k})
    ptok = person_tokens()
    rows = []
    seen = set()
    for name, k in cand:
        if k in seen:
            drop("0_duplicate_line")
            continue
        seen.add(k)
        if k in have:
            drop("4_in_official_lists")
            continue
        if k in villages:
            drop("5_bare_village_name")
            continue
        if k in heads:
            drop("6_admin_chain_head")
            continue
        if gc.in_lexicon(k) or all(counts.get((t,), [0])[0] >= 1 or not t[:1].isalpha() for t in k):
            drop("7_ordinary_words_only")
            continue
        if stop.get(k) == "drop":
            drop("8_stoplist")
            continue
        c = counts.get(k, [0] * 8)
        per, loc = c[3], c[5]
        if gc.mostly_not_loc(c):
            drop("9_train_mostly_not_loc")
            continue
        if len(k) == 1 and ((per >= 1 and per >= loc) or ptok.get(k[0], 0) >= 3):
            drop("10_person_name")
            continue
        flags = "common" if stop.get(k) == "common" else ""
        subtype = "other"
        for prefix, st in DBP_PREFIX_SUBTYPE:
            if name.startswith(prefix + " "):
                subtype = st
                break
        rows.append(((), (name, "LOC", name, "dbpedia:" + name.replace(" ", "_"), subtype, "",
                          flags, "dbpedia")))

    header = [
        "places_dbpedia.tsv - place names from the Indonesian DBpedia (MDEE gazetteer), cleaned.",
        "GENERATED by tools/gaz_places.py (run tools/build-data); do not edit by hand.",
        "Source: ../shared/data/dbpedia-id/place.txt (Alfina, Savitri and Fanany, ICACSIS 2017;",
        "github.com/ialfina/ner-dataset-modified-dee); cleaning rules and measurements: data/README.md.",
    ]
    n = gc.write_tsv(os.path.join(GAZ, "places_dbpedia.tsv"), sort_rows(rows), header)
    sys.stderr.write("gaz_places: places_dbpedia.tsv: %d of %d lines kept; dropped: %s\n"
                     % (n, len(raw), ", ".join("%s=%d" % kv for kv in sorted(stats.items()))))


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Generate data/gazetteer/places_*.tsv")
    ap.add_argument("--only", default="id,world,dbpedia")
    ap.add_argument("--villages")
    args = ap.parse_args()
    only = set(args.only.split(","))
    stop = read_stoplist()
    if "id" in only:
        build_id(gc.case_counts, stop, args.villages)
    if "world" in only:
        build_world(stop)
    if "dbpedia" in only:
        build_dbpedia(stop)


if __name__ == "__main__":
    main()
