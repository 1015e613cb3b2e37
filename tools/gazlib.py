"""Shared helpers for the people/organization gazetteer generators (standard library only).

- tokenize(): an approximation of idner's tokenizer (src/tok/tok.c) good enough to find entry
  surfaces in CoNLL training text: words (letters/digits with inner apostrophes), single
  punctuation characters; a hyphen between two different parts is its own token ("Son-hui" ->
  "Son" "-" "hui"), reduplication stays whole ("negara-negara").
- read_train(): the two train splits as sentences of (token, gold type or None) after the
  same splitting; tokens keep their CoNLL index so that matches can be mapped back.
- Matcher: a longest-leftmost match of entries over the train sentences under the case
  policy of the gazetteer format (proper noun / acronym / ci / common), which tells for each
  entry how often it fired exactly on a gold entity of its type, on part of one, or on
  something else (O or another type).
- is_id_word(): ordinary Indonesian words (Debian hunspell-id plus regular affixes).
- read_curated(), auto_flags(): the curated tables and the flags of their surfaces.
- write_tsv(): the fixed 8-column format, sorted, NFC, with a header.
"""
import os
import re
import unicodedata

TYPE_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANISATION": "ORG",
            "ORGANIZATION": "ORG", "LOC": "LOC", "PLACE": "LOC"}
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]|_", re.UNICODE)
ENDERS = {".", "!", "?", "…"}
OPENERS = set("\"'“‘([{«")
COLUMNS = ("surface", "type", "canonical", "id", "subtype", "iso", "flags", "source")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def _split_chunk(chunk):
    """Tokens of one white-space-free chunk."""
    m = re.fullmatch(r"([^\W_]+)-([^\W_]+)", chunk)
    if m and m.group(1).lower() == m.group(2).lower():
        return [chunk]  # reduplication
    return WORD_RE.findall(chunk)


def tokenize(text):
    out = []
    for chunk in nfc(text).split():
        out.extend(_split_chunk(chunk))
    return out


def key(tok):
    return tok.lower()


def is_word(tok):
    return any(c.isalpha() for c in tok)


def is_cap(tok):
    for c in tok:
        if c.isalpha():
            return c.isupper()
    return False


def is_allcaps(tok):
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def default_shared():
    """../shared beside the repository, or $IDNER_SHARED (as tools/build-data uses it)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.environ.get("IDNER_SHARED") or os.path.join(os.path.dirname(root), "shared")


def _read_conll(path, tag_col):
    sent = []
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            sent.append((cols[0], cols[tag_col].strip()))
    if sent:
        yield sent


TRAIN_SETS = {"news": (("idner-news-2k", "train.txt"), 2), "nergrit": (("nergrit", "train.txt"), 1)}


def train_paths(shared, sets=("news", "nergrit")):
    return [(os.path.join(shared, "data", *TRAIN_SETS[s][0]), TRAIN_SETS[s][1]) for s in sets]


class Sentence:
    """One sentence split into idner-like tokens.

    toks: token strings; conll: CoNLL token index of each token; start: True where the token
    begins a sentence; gold: set of (conll_start, conll_end, type) spans.
    """
    __slots__ = ("toks", "keys", "conll", "start", "gold", "ntok", "words")

    def __init__(self, rows):
        self.toks, self.conll, self.start = [], [], []
        self.words = [w for w, _ in rows]
        at_start = True
        for i, (w, _) in enumerate(rows):
            for t in _split_chunk(nfc(w)) if w.strip() else [w]:
                self.toks.append(t)
                self.conll.append(i)
                if is_word(t) or t.isdigit():
                    self.start.append(at_start)
                    at_start = False
                else:
                    self.start.append(at_start)
                    if t in ENDERS:
                        at_start = True
        self.keys = [key(t) for t in self.toks]
        self.ntok = len(rows)
        self.gold = set()
        cur = None
        for i, (_, tag) in enumerate(rows + [("", "O")]):
            pre, typ = (tag.split("-", 1) + [""])[:2] if "-" in tag else ("O", "")
            typ = TYPE_MAP.get(typ)
            if cur and (pre != "I" or typ != cur[1]):
                self.gold.add((cur[0], i, cur[1]))
                cur = None
            if pre == "B" or (pre == "I" and cur is None and typ):
                cur = (i, typ)


def read_train(shared=None, sets=("news", "nergrit")):
    shared = shared or default_shared()
    out = []
    for path, col in train_paths(shared, sets):
        for rows in _read_conll(path, col):
            out.append(Sentence(rows))
    return out


def case_ok(entry_toks, text_toks, flags, sent_start):
    """Whether TEXT_TOKS match ENTRY_TOKS (same keys) under the case policy."""
    if "acronym" in flags:
        return entry_toks == text_toks
    if "ci" in flags:
        return True
    for e, t in zip(entry_toks, text_toks):
        if not is_word(e):
            continue
        if is_cap(e) and not is_cap(t):
            return False
    if "common" in flags:
        words = [t for t in text_toks if is_word(t)]
        if len(words) <= 1 and (sent_start or not is_cap(text_toks[0])):
            return False
    return True


def write_tsv(path, rows, header):
    """Writes ROWS (8-tuples) sorted and de-duplicated, after HEADER comment lines."""
    seen = set()
    clean = []
    for r in rows:
        r = tuple(nfc(x).replace("\t", " ").strip() for x in r)
        assert len(r) == 8, r
        if r in seen:
            continue
        seen.add(r)
        clean.append(r)
    clean.sort(key=lambda r: (r[0].lower(), r[0], r[1], r[7], r[3], r))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n" if h else "#\n")
        f.write("# " + "\t".join(COLUMNS) + "\n")
        for r in clean:
            f.write("\t".join(r) + "\n")
    os.replace(tmp, path)
    return len(clean)


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (8 - len(cols))
            rows.append(tuple(cols[:8]))
    return rows


# --- Indonesian ordinary words -------------------------------------------------------------
HUNSPELL_ID = "/usr/share/hunspell/id_ID.dic"
VOWELS = "aeiou"
# (prefix, test on the rest after the prefix, letter restored before it or "", minimum stem
# length without a suffix). The nasal prefixes follow Indonesian sound rules: me- before l m n
# r w y; mem- before b f v or for a dropped p; men- before c d j z or for a dropped t; meng-
# before vowels, g h or for a dropped k; meny- for a dropped s. The same for pe-.
_NASAL = [("meng", lambda r: r[:1] in VOWELS or r[:1] in "gh", ""), ("meng", lambda r: r[:1] in VOWELS, "k"),
          ("meny", lambda r: r[:1] in VOWELS, "s"),
          ("mem", lambda r: r[:1] in "bfv", ""), ("mem", lambda r: r[:1] in VOWELS, "p"),
          ("men", lambda r: r[:1] in "cdjz" or r.startswith("sy"), ""), ("men", lambda r: r[:1] in VOWELS, "t"),
          ("me", lambda r: r[:1] in "lmnrwy", "")]
_PREFIXES = [(p, test, repl, 4) for p, test, repl in _NASAL] + \
            [("pe" + p[2:], test, repl, 4) for p, test, repl in _NASAL] + \
            [(p, lambda r: True, "", 5) for p in ("per", "ber", "ter", "di", "se")] + \
            [("ke", lambda r: False, "", 99)]  # ke- only with -an (below)
_SUFFIXES = ["kan", "an", "i", "nya", "lah", "kah"]


# Informal words and web-page furniture that the dictionary lacks; treated as ordinary words.
EXTRA_WORDS = set("""
gak nggak enggak ngga ga udah udh aja banget bgt dong sih kok deh nih tuh gue gua lo loe elo
bro sis yuk gimana kayak kaya cuma emang bikin nyari ngomong doang kenapa gitu gini kalo
trus terus pake pakai ama sama ntar nanti tapi tp abis habis lagi lg
baca berita terkait terpopuler terkini terbaru pilihan populer trending breaking news video
foto lihat simak artikel iklan advertisement headline editor penulis reporter sumber tag topik
beranda kanal rekomendasi selengkapnya komentar bagikan share home update live
""".split())


def load_id_words(path=HUNSPELL_ID):
    """Lower-case stems of Debian's hunspell-id dictionary (proper nouns, written capitalized
    there, are left out). Raises SystemExit with an install hint when it is missing."""
    if not os.path.exists(path):
        raise SystemExit(f"{path} not found: install Debian's hunspell-id (apt-get install hunspell-id)")
    words = set()
    with open(path, encoding="latin-1") as f:
        next(f)  # entry count
        for line in f:
            w = line.split("/", 1)[0].strip()
            if w and w[0].islower():
                words.add(w)
    return words | EXTRA_WORDS


def is_id_word(w, words):
    """Whether W (any case) is an Indonesian dictionary word or a regular affixed form of one:
    a prefix (me-/pe-/per-/ber-/ter-/di-/se-, nasal forms only where the sound rules allow
    them) leaving a stem of at least 4 letters (5 for per-/ber-/ter-/di-/se-), a prefix plus a
    suffix (ke-an, pe-an, ber-an, me-kan, di-i, ...) leaving at least 4, or the suffixes
    -kan/-nya/-lah/-kah. A lone -an or -i is not stripped: names such as "Damian", "Arabi",
    "Dimas", "Megawati" or "Persela" are not taken for derived words."""
    w = w.lower()
    if w in words:
        return True
    stems = [(w, False)]
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            stem = w[:-len(s)]
            if s not in ("an", "i") and stem in words:
                return True
            stems.append((stem, True))
    for stem, had_suffix in stems:
        if had_suffix and stem.startswith("ke") and len(stem) - 2 >= 4 and stem[2:] in words \
                and w.endswith("an"):
            return True
        for p, test, repl, minlen in _PREFIXES:
            if stem.startswith(p):
                rest = stem[len(p):]
                if not test(rest):
                    continue
                cand = repl + rest
                if len(cand) >= (4 if had_suffix else minlen) and cand in words:
                    return True
    return False


def load_casefreq(path):
    """data/casefreq.tsv as {key: (lower, cap, cap_start, upper, ent, per, org, loc)}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            out[cols[0]] = tuple(int(x) for x in cols[1:])
    return out


# --- curated tables ------------------------------------------------------------------------
_FLAG_RE = re.compile(r"^(.*?)\s*\[([a-z,\-]*)\]$")


def is_acronym_form(surface):
    """All word tokens written without lower-case letters, each at most 7 letters: SBY, PDI-P,
    DPR RI."""
    toks = [t for t in tokenize(surface) if is_word(t)]
    return bool(toks) and all(not any(c.islower() for c in t) and len(t) <= 7 for t in toks) \
        and any(sum(c.isupper() for c in t) >= 2 for t in toks)


def read_curated(path):
    """Reads a curated table: slug, canonical, subtype, surfaces (separated by " | ", each
    optionally followed by [flags]; "[-]" = no flags). Yields (lineno, slug, canonical,
    subtype, [(surface, flags or None)]). The canonical name is always a surface too."""
    seen = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = nfc(line.rstrip("\n"))
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not 2 <= len(cols) <= 4:
                raise SystemExit(f"{path}:{n}: expected 2 to 4 tab-separated columns, got {len(cols)}")
            cols += [""] * (4 - len(cols))
            slug, canonical, subtype, surf = (c.strip() for c in cols)
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) or slug in seen:
                raise SystemExit(f"{path}:{n}: bad or repeated slug {slug!r}")
            seen.add(slug)
            surfaces = []
            for s in [canonical] + [x.strip() for x in surf.split(" | ") if x.strip()]:
                m = _FLAG_RE.match(s)
                flags = None
                if m:
                    s, flags = m.group(1).strip(), m.group(2)
                    flags = "" if flags == "-" else flags
                old = [i for i, (x, _) in enumerate(surfaces) if x == s]
                if old:
                    if flags is not None:
                        surfaces[old[0]] = (s, flags)
                    continue
                surfaces.append((s, flags))
            yield n, slug, canonical, subtype, surfaces


def auto_flags(surface, casefreq, id_words):
    """Flags for a curated surface written without [flags]: acronym for all-capital forms;
    common for a one-word name that is an Indonesian dictionary word or is seen lower-case in
    the train text at least as often as capitalized (data/casefreq.tsv)."""
    if is_acronym_form(surface):
        return "acronym"
    words = [t for t in tokenize(surface) if is_word(t)]
    if len(words) == 1 and len(tokenize(surface)) == 1:
        k = key(words[0])
        lower, cap, cap_start = casefreq.get(k, (0, 0, 0))[:3]
        if (lower >= 2 and lower >= cap + cap_start) or is_id_word(k, id_words):
            return "common"
    return ""


# --- longest-match simulation ----------------------------------------------------------------
class Matcher:
    """Longest-leftmost match of entries over the train sentences, as idner's gazetteer stage
    does it: at each token the longest case-valid entry wins, curated before DBpedia; matches
    start and end on CoNLL token boundaries. Used to measure each entry where it actually
    fires (an entry inside a longer match does not count)."""

    def __init__(self):
        self.entries = []
        self.first = {}

    def add(self, surface, typ, flags, curated, tag=None):
        toks = tokenize(surface)
        if not toks:
            return
        keys = [key(t) for t in toks]
        fl = set(x for x in flags.split(",") if x) if isinstance(flags, str) else set(flags)
        e = (len(toks), 0 if curated else 1, typ, toks, keys, fl, tag)
        self.entries.append(e)
        self.first.setdefault(keys[0], []).append(e)

    def finish(self):
        for k in self.first:
            self.first[k].sort(key=lambda e: (-e[0], e[1], e[2]))

    def run(self, sents):
        """Returns {tag: [exact, partial, wrong]} for every entry that matched."""
        out = {}
        for s in sents:
            i, n = 0, len(s.toks)
            while i < n:
                best = None
                if i == 0 or s.conll[i - 1] != s.conll[i]:
                    for e in self.first.get(s.keys[i], ()):
                        end = i + e[0]
                        if end > n or s.keys[i:end] != e[4]:
                            continue
                        if end < n and s.conll[end] == s.conll[end - 1]:
                            continue
                        if not case_ok(e[3], s.toks[i:end], e[5], s.start[i]):
                            continue
                        best = e
                        break
                if best is None:
                    i += 1
                    continue
                a, b = s.conll[i], s.conll[i + best[0] - 1] + 1
                typ = best[2]
                t = out.setdefault(best[6], [0, 0, 0])
                if (a, b, typ) in s.gold:
                    t[0] += 1
                elif any(gt == typ and ga < b and a < gb for ga, gb, gt in s.gold):
                    t[1] += 1
                else:
                    t[2] += 1
                i += best[0]
        return out


# --- person names that are groups (shared by gaz_people.py and gaz_orgs.py) -------------------
GROUP_WORDS = {"Band", "Boys", "Girls", "Girls'", "Sisters", "Brothers", "Orchestra", "Group",
               "Project", "Club", "Duo", "Trio", "FC", "F.C.", "United", "Generation", "Sync",
               "Singers", "Choir", "Ensemble", "Quartet", "Gang", "Crew", "Squad", "Team",
               "Idola", "Family", "Kru", "Grup", "Klub", "Persatuan"}
ENGLISH_WORDS = {"The", "Is", "Of", "And", "To", "For", "With", "From", "By", "Me", "My", "You",
                 "Your", "We", "Our", "Are", "Not", "It", "Its", "All", "Dead", "Kids", "Peppers",
                 "Boyz", "Gurls", "Babes", "Stars", "Angels", "Dolls", "Pop",
                 "Music", "Musik", "Records", "Entertainment", "Studio", "Studios"}
PARTICLES = {"bin", "binti", "van", "de", "von", "der", "den", "al", "el", "da", "das", "dos",
             "del", "della", "di", "du", "la", "le", "y", "ibn", "ben", "ter", "ten", "zu", "af",
             "av", "op", "vom", "do", "des", "e", "ul", "ud", "ur", "ad", "as", "ash", "at", "az",
             "bint", "mac", "zur", "ap", "d", "l", "o", "st", "ar", "an", "dal", "dei", "degli",
             "dela", "delos", "los", "las", "i", "og", "te", "zum", "ibnu", "baron", "graaf",
             "graf", "freiherr", "jonkheer", "conde", "comte", "duc", "marquis"}


def is_group_name(name):
    """Band, club, duo or work title rather than a person: a group word, an English function
    word, or a lower-case word inside that is not a name particle."""
    ws = name.split()
    if any(w in GROUP_WORDS or w in ENGLISH_WORDS for w in ws):
        return True
    for w in ws[1:-1]:
        w0 = re.split(r"[-'’]", w)[0]
        if w0 and w0[0].islower() and w0.lower() not in PARTICLES:
            return True
    return False


def finish(output, rows, header, summary_first, dropped, report, report_path):
    """Writes ROWS to OUTPUT, prints the summary (SUMMARY_FIRST, then one line per cleaning rule
    with its DROPPED count) to standard error, and, with REPORT_PATH, writes the summary and the
    REPORT lines there. SUMMARY_FIRST is called with the number of rows written."""
    import sys
    count = write_tsv(output, rows, header)
    summary = [summary_first(count)]
    for rule in sorted(dropped):
        summary.append(f"  dropped {rule}: {dropped[rule]}")
    print("\n".join(summary), file=sys.stderr)
    if report_path:
        with open(report_path, "w", encoding="utf-8") as f:
            f.write("\n".join(summary) + "\n")
            for line in sorted(report):
                f.write(line + "\n")
