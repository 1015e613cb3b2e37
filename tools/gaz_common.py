"""Shared helpers for the gazetteer generators (Python 3 standard library only).

Used by tools/gaz_countries.py and tools/gaz_places.py.  Everything here is
deterministic: same inputs, byte-identical outputs.
"""

import os
import re
import sys
import unicodedata

# Column order of data/gazetteer/*.tsv (see data/README.md, "Format").
COLUMNS = ("surface", "type", "canonical", "id", "subtype", "iso", "flags", "source")

SUBTYPES = {"country", "province", "city", "regency", "district", "village", "region", "other"}
FLAGS = {"acronym", "ci", "common"}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shared_dir():
    """The ../shared folder beside the repository (override: IDNER_SHARED)."""
    return os.environ.get("IDNER_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


def nfc(s):
    return unicodedata.normalize("NFC", s)


_ws = re.compile(r"\s+")


def clean_space(s):
    return _ws.sub(" ", nfc(s)).strip()


def fold(s):
    """Rough stand-in for the matcher's normalized key (NFKC + case fold)."""
    return unicodedata.normalize("NFKC", s).casefold()


def check_row(row, where):
    if len(row) != len(COLUMNS):
        raise ValueError("%s: %d columns, want %d: %r" % (where, len(row), len(COLUMNS), row))
    for v in row:
        if "\t" in v or "\n" in v or "\r" in v:
            raise ValueError("%s: TAB or newline inside a field: %r" % (where, row))
    surface, typ, canonical, ident, subtype, iso, flags, source = row
    if not surface or surface.startswith("#") or surface != surface.strip():
        raise ValueError("%s: bad surface %r" % (where, surface))
    if typ not in ("LOC", "PER", "ORG"):
        raise ValueError("%s: bad type %r" % (where, typ))
    if subtype and subtype not in SUBTYPES:
        raise ValueError("%s: bad subtype %r" % (where, subtype))
    for f in filter(None, flags.split(",")):
        if f not in FLAGS:
            raise ValueError("%s: bad flag %r" % (where, f))
    if not canonical or ":" not in ident:
        raise ValueError("%s: missing canonical or namespaced id: %r" % (where, row))


def write_tsv(path, rows, header_lines):
    """Write rows (8-tuples, already in their final order) with a comment header.

    Duplicate rows (identical in all columns) are dropped, keeping the first.
    Returns the number of rows written.
    """
    seen = set()
    out = []
    for i, row in enumerate(rows):
        row = tuple(nfc(v) for v in row)
        check_row(row, "%s row %d" % (os.path.basename(path), i + 1))
        if row in seen:
            continue
        seen.add(row)
        out.append("\t".join(row))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n" if h else "#\n")
        f.write("# " + "\t".join(COLUMNS) + "\n")
        for line in out:
            f.write(line + "\n")
    os.replace(tmp, path)
    return len(out)


def read_curated(path, ncols):
    """Read a hand-written TSV: '#' comment lines and blank lines skipped;
    short lines are padded with empty fields. Yields (line_number, fields)."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [clean_space(x) for x in line.split("\t")]
            if len(fields) > ncols:
                raise ValueError("%s:%d: %d fields, at most %d" % (path, n, len(fields), ncols))
            fields += [""] * (ncols - len(fields))
            yield n, fields


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


# ---------------------------------------------------------------------------
# Word statistics from the training text, used to flag surfaces that are also
# ordinary lowercase Indonesian words.  Only training splits are read (never
# dev/valid), plus the unannotated Kompas articles for more running text.

def _train_files():
    sh = shared_dir()
    return [
        ("conll", os.path.join(sh, "data", "idner-news-2k", "train.txt")),
        ("conll", os.path.join(sh, "data", "nergrit", "train.txt")),
        ("jsonl", os.path.join(sh, "data", "kompas-dev", "kompas-dev.jsonl")),
    ]


_TOKRE = re.compile(r"\w+(?:[-’'.]\w+)*|[^\w\s]", re.UNICODE)


def tokens(s):
    """Split a surface or a text like the CoNLL corpora: words (with inner
    hyphens, apostrophes, periods) and single punctuation marks."""
    return _TOKRE.findall(s)


def key(s):
    """Folded token tuple of a surface."""
    return tuple(fold(t) for t in tokens(s))


_SENTENCES = None
_TYPEMAP = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}


def corpus_sentences():
    """(tokens, gold, starts) of the training sentences (cached): gold is a
    list of entity types per token ("" outside an entity; PER, ORG, LOC) and
    starts a list of booleans (an entity begins at this token), or both None
    for unannotated text."""
    global _SENTENCES
    if _SENTENCES is not None:
        return _SENTENCES
    import json
    sents = []
    for kind, path in _train_files():
        if not os.path.exists(path):
            sys.stderr.write("warning: %s missing, word statistics incomplete\n" % path)
            continue
        if kind == "conll":
            with open(path, encoding="utf-8") as f:
                sent, tags, starts = [], [], []
                for line in f:
                    line = line.rstrip("\r\n")
                    if not line.strip():
                        if sent:
                            sents.append((sent, tags, starts))
                        sent, tags, starts = [], [], []
                        continue
                    parts = line.split()
                    sent.append(parts[0])
                    tag = parts[-1]
                    typ = "" if tag == "O" else _TYPEMAP.get(tag[2:], tag[2:])
                    starts.append(bool(typ) and (tag.startswith("B-") or not tags or tags[-1] != typ))
                    tags.append(typ)
                if sent:
                    sents.append((sent, tags, starts))
        else:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    text = json.loads(line)["text"]
                    for s in re.split(r"(?<=[.!?])\s+|\n+", text):
                        t = tokens(s)
                        if t:
                            sents.append((t, None, None))
    _SENTENCES = sents
    return sents


def _isword(t):
    return t[:1].isalnum()


def case_counts(keys):
    """For each folded token tuple in `keys`, count its occurrences in the
    training text, a list of 8 counters:
      0 lowercase: every word token written in lowercase, outside gold entities
        (some corpus sentences are lowercased)
      1 capitalized in mid-sentence, 2 capitalized at the sentence start
      3, 4, 5 exactly a gold PER, ORG, LOC span
      6 inside or overlapping a longer gold entity (covered by a longer entry)
      7 standalone: outside every gold entity or exactly one gold span
        (annotated text only)."""
    keys = set(keys)
    maxlen = max((len(k) for k in keys), default=0)
    out = {}
    for sent, gold, starts in corpus_sentences():
        folded = [fold(t) for t in sent]
        first = next((i for i, t in enumerate(sent) if _isword(t)), 0)
        n = len(sent)
        for i in range(n):
            if not _isword(sent[i]):
                continue
            for L in range(1, min(maxlen, n - i) + 1):
                k = tuple(folded[i:i + L])
                if k not in keys:
                    continue
                c = out.setdefault(k, [0] * 8)
                inside = False
                if gold is not None:
                    span = gold[i:i + L]
                    if not any(span):
                        c[7] += 1
                    elif (starts[i] and len(set(span)) == 1 and not any(starts[i + 1:i + L])
                          and (i + L == n or starts[i + L] or gold[i + L] != span[0])):
                        c[7] += 1
                        if span[0] in ("PER", "ORG", "LOC"):
                            c[3 + ("PER", "ORG", "LOC").index(span[0])] += 1
                    else:
                        c[6] += 1
                        inside = True
                words = [t for t in sent[i:i + L] if _isword(t)]
                if all(w == w.lower() for w in words):
                    if gold is None or not any(gold[i:i + L]):
                        c[0] += 1
                elif sent[i][:1].isupper() and not inside:
                    c[2 if i == first else 1] += 1
    return out


def mostly_not_loc(c):
    """Train evidence that a place name is mostly something else: seen at
    least 3 times standalone (outside gold entities or as exactly one gold
    span) in the annotated training text, and exactly a gold LOC less than a
    third of those times."""
    return c[7] >= 3 and c[5] * 3 < c[7]


def is_common(k, counts, min_lower=3, ratio=2.0):
    """A surface (folded token tuple) is an ordinary word/phrase when it is
    seen in lowercase at least `min_lower` times and at least `ratio` times
    as often in lowercase as capitalized in mid-sentence."""
    c = counts.get(k)
    if not c:
        return False
    return c[0] >= min_lower and c[0] >= ratio * c[1]


# ---------------------------------------------------------------------------
# Indonesian lexicon: the word list of Debian's hunspell-id (LibreOffice's
# Indonesian spelling dictionary, LGPL-3).  Only its lowercase entries are used:
# a place name that is such a word is also an ordinary Indonesian word.

LEXICON_PATH = "/usr/share/hunspell/id_ID.dic"
_LEXICON = None


def lexicon():
    global _LEXICON
    if _LEXICON is None:
        if not os.path.exists(LEXICON_PATH):
            raise SystemExit("%s missing: apt-get install hunspell-id" % LEXICON_PATH)
        words = set()
        with open(LEXICON_PATH, encoding="utf-8") as f:
            next(f)  # the first line is the entry count
            for line in f:
                w = line.strip().split("/")[0]
                if w and w[0].islower():
                    words.add(w)
        _LEXICON = words
    return _LEXICON


def in_lexicon(k):
    """True if every word token of the folded tuple k is a lowercase lexicon word."""
    lex = lexicon()
    words = [t for t in k if t[:1].isalpha()]
    return bool(words) and all(t in lex for t in words)
