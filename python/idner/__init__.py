"""idner: Indonesian named entities and dates, from Python.

    import idner
    model = idner.Model()                       # loads once; share it between threads
    doc = model.annotate("Presiden Joko Widodo tiba di Tokyo, Senin (4/11/2024).",
                         ref_date="2024-11-06", id="a1")
    for doc in model.annotate_many(docs, threads=2): ...
    frame = idner.to_frame(model.annotate_many(docs))   # pandas, one row per entity

A document object is the dict that `idner annotate --input jsonl` writes for the document
(SPEC.md section 2): same keys in the same order, same values; `idner.dumps(doc)` is the CLI's
line. The C library does the work (include/idner.h, through the extension _idner) with the
interpreter lock released; errors raise idner.Error with idner's message. Dask helpers are in
idner.dask, the JSON Lines reader in idner.jsonl.
"""
import collections
import concurrent.futures
import datetime
import json
import os
import re

from . import _idner, jsonl  # jsonl: idner.jsonl.read without an import of its own
from ._idner import Error

__all__ = ["Error", "Model", "to_frame", "dumps", "jsonl", "FIELDS", "VERSION"]
VERSION = _idner.VERSION

# Model options that are annotation switches (idner_annotate_options.flags): keyword -> bits.
# A new switch of the library is one line here and one constant in _idner.c.
SWITCHES = {
    "no_gazetteer": _idner.NO_GAZETTEER,
    "no_dates": _idner.NO_DATES,
    "no_rules": _idner.NO_RULES,
    "no_alias": _idner.NO_ALIAS,
    "no_tagger": _idner.NO_TAGGER,
    # not a stage: every entity gets an "explain" dict, the document one too (--explain)
    "explain": _idner.EXPLAIN,
    # as the CLI's --gazetteer-only (src/cli/args.c; tests/python compares the two)
    "gazetteer_only": _idner.NO_DATES | _idner.NO_RULES | _idner.NO_ALIAS | _idner.NO_TAGGER,
}
COUNTRIES = {"all": 0, "places": _idner.COUNTRY_PLACES}

# The entity fields in the order the writers put them (src/out/fields.h); to_frame's columns.
FIELDS = ("type", "text", "start", "end", "byte_start", "byte_end", *_idner.OPTIONAL_FIELDS)

BATCH = 64  # documents annotated per release of the interpreter lock in annotate_many

# What the command line accepts as a document's "date" (src/cli/input.c, cli_parse_date):
# YYYY-MM-DD with one- or two-digit month and day, optionally followed by a time.
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ].*)?\Z", re.S)


def _flags(countries, switches):
    if countries not in COUNTRIES:
        raise Error(f"countries: unknown mode '{countries}' (all or places)")
    flags = COUNTRIES[countries]
    for name, on in switches.items():
        if name not in SWITCHES:
            raise TypeError(f"Model() got an unexpected keyword argument '{name}'")
        if on:
            flags |= SWITCHES[name]
    return flags


def _types_mask(types):
    """The idner_annotate_options.types bits of TYPES: None (all), "PER,ORG" or names."""
    if types is None:
        return 0
    names = types.split(",") if isinstance(types, str) else list(types)
    mask = 0
    for name in names:
        t = _idner.type_from_name(str(name).strip().upper())
        if not t:
            raise Error(f"types: bad list {types!r} (use PER,ORG,LOC,DATE,TIME)")
        mask |= 1 << t
    return mask


def _ref_text(ref_date):
    """REF_DATE as the library takes it: None, a str, or a datetime.date (or datetime)."""
    if ref_date is None or isinstance(ref_date, str):
        return ref_date
    if isinstance(ref_date, datetime.datetime):
        return ref_date.date().isoformat()
    if isinstance(ref_date, datetime.date):
        return ref_date.isoformat()
    raise Error(f"reference date {ref_date!r} is not a date YYYY-MM-DD")


def _checked_ref(ref_date):
    """_ref_text(REF_DATE), raising idner.Error at once (as the CLI's --ref-date does) rather
    than for every document when it is no date."""
    ref = _ref_text(ref_date)
    if ref is None:
        return None
    if len(ref) > 10 or not _valid_date(ref):  # what --ref-date accepts
        raise Error(f'reference date "{ref}" is not a date YYYY-MM-DD')
    m = _DATE.match(ref)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"  # as the CLI writes it


def _valid_date(s):
    m = _DATE.match(s)
    if not m:
        return False
    try:
        datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True


def _error_object(doc, message):
    """The CLI's error object for DOC: {"id", "error"} (no id when DOC has none)."""
    out = {"id": doc["id"]} if "id" in doc else {}
    out["error"] = message
    return out


def _job(doc, ref):
    """What _annotate_batch takes for DOC: a tuple (text, ref_date, id, has_id), or the error
    object the CLI writes for such a line (same messages as src/cli/jsonl.c)."""
    if isinstance(doc, (str, bytes, bytearray, memoryview)):
        return (doc, ref, None, False, None)
    if "text" not in doc:
        return _error_object(doc, 'missing "text"')
    text = doc["text"]
    if not isinstance(text, (str, bytes)):
        return _error_object(doc, '"text" is not a string')
    date, warning = doc.get("date"), None
    if date is not None and date != "":
        if isinstance(date, str) and _valid_date(date):
            ref = date
        else:  # the document keeps its entities, annotated with the default date
            warning = _date_warning(date, ref)
    return (text, ref, doc.get("id"), "id" in doc, warning)


def _date_warning(date, ref):
    """The CLI's warning for a "date" that is no date (src/cli/jsonl.c): its JSON, cut to 60
    bytes, and the reference date used instead."""
    shown = json.dumps(date, ensure_ascii=False, separators=(",", ":")).encode()
    if len(shown) > 60:
        shown = shown[:57] + b"..."
    used = f"with the reference date {ref}" if ref else "without a reference date"
    return (f'"date": {shown.decode("utf-8", "replace")} is not a date YYYY-MM-DD; '
            f"annotated {used}")


class Model(_idner.Model):
    """A loaded idner model (idner_model_new): the compiled gazetteer, date patterns and rules.

    Model(data_dir=None, gazetteers=(), excludes=(), countries="all", **switches)

    data_dir: the compiled data; None: $IDNER_DATA, else the build tree's data for an
    uninstalled build, else the installed data. gazetteers: user gazetteer TSV files;
    excludes: files of surface forms never to report (the CLI's --gazetteer, --exclude).
    countries: "all" (every country mention is a place) or "places" (--countries places).
    switches: no_dates, no_rules, no_alias, no_tagger, no_gazetteer, gazetteer_only (True to
    switch the stage off, as the CLI's --no-* options); explain=True: every entity carries an
    "explain" dict and every document one of the candidates lost where no entity stands (the
    CLI's --explain, docs/format.md). Loading errors raise idner.Error.
    The model is immutable: any number of threads may annotate with it at once.
    """

    def __init__(self, data_dir=None, gazetteers=(), excludes=(), countries="all", **switches):
        for name, paths in (("gazetteers", gazetteers), ("excludes", excludes)):
            if isinstance(paths, (str, bytes, os.PathLike)):
                raise TypeError(f"{name} must be a list of paths, not one path")
        self.options = dict(data_dir=data_dir, gazetteers=tuple(gazetteers),
                            excludes=tuple(excludes), countries=countries, **switches)
        super().__init__(data_dir, self.options["gazetteers"], self.options["excludes"],
                         _flags(countries, switches))

    def __repr__(self):
        return f"idner.Model(data_dir={self.data_dir!r})"

    def annotate(self, text, ref_date=None, types=None, id=None):
        """The document object of TEXT (str, or bytes of UTF-8) as a dict: {"entities": [...]},
        with "id" first when ID is given. REF_DATE ("YYYY-MM-DD" or a datetime.date) resolves
        relative dates; TYPES ("PER,ORG" or a list of names) limits what is reported.
        Raises idner.Error (invalid UTF-8, a bad ref_date); the model stays usable."""
        args = (text, _ref_text(ref_date), _types_mask(types))
        return self._annotate(*args) if id is None else self._annotate(*args, id)

    def annotate_many(self, docs, threads=1, ref_date=None, types=None, errors="object"):
        """Document objects for DOCS, an iterable of str (no id) or dicts {"id", "text",
        "date"} as in the CLI's JSON Lines input, yielded lazily in input order.

        A dict's "id" is copied as it is (absent: no id); its "date" overrides REF_DATE (one
        that is no date gives the CLI's "warning" after the id, and REF_DATE is used).
        THREADS threads annotate batches of documents outside the interpreter lock; the output
        is the same for any number. A document that cannot be annotated yields the CLI's error
        object {"id", "error"} in its place (errors="raise": raises idner.Error instead)."""
        if errors not in ("object", "raise"):
            raise ValueError("errors must be 'object' or 'raise'")
        ref, mask = _checked_ref(ref_date), _types_mask(types)  # bad options raise here, at once
        return self._many(_batches(docs, ref), int(threads), mask, errors)

    def _many(self, batches, threads, mask, errors):
        if threads <= 1:
            for batch in batches:
                yield from _finish(batch, self._annotate_batch(batch, mask), errors)
            return
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            pending = collections.deque()
            for batch in batches:
                pending.append((batch, pool.submit(self._annotate_batch, batch, mask)))
                if len(pending) > 2 * threads:  # bounded: memory stays that of a few batches
                    done, future = pending.popleft()
                    yield from _finish(done, future.result(), errors)
            while pending:
                done, future = pending.popleft()
                yield from _finish(done, future.result(), errors)


def _batches(docs, ref):
    batch = []
    for doc in docs:
        batch.append(_job(doc, ref))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _finish(batch, results, errors):
    """RESULTS of _annotate_batch, with idner.Error objects made into error objects."""
    for job, out in zip(batch, results):
        if isinstance(out, Error):
            if errors == "raise":
                raise out
            message = f'"text": {out}'  # as the CLI says it
            out = {"id": job[2]} if job[3] else {}
            out["error"] = message
        elif errors == "raise" and "error" in out:
            raise Error(out["error"])
        yield out


def dumps(doc):
    """DOC as one line of `idner annotate --input jsonl` (no newline): compact JSON, UTF-8 and
    "/" unescaped. Equal to the CLI's line byte for byte, except for ids that are non-integral
    numbers, which Python reads as floats and writes back in its own form (1.50 -> 1.5)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def to_frame(results):
    """A pandas DataFrame of RESULTS (document objects, e.g. from annotate_many), one row per
    entity: column doc_id (the document's id, None when it has none), then every entity field
    of FIELDS (missing: NaN; weekday_conflict: False), then any other field the entities carry.
    Error objects have no entities and give no rows. pandas is imported only here."""
    import pandas

    rows, extra = [], {}
    for doc in results:
        doc_id = doc.get("id")
        for entity in doc.get("entities", ()):
            row = {"doc_id": doc_id}
            row.update(entity)
            rows.append(row)
            for key in entity:
                if key not in _FIELD_SET:
                    extra.setdefault(key, None)
    frame = pandas.DataFrame.from_records(rows, columns=["doc_id", *FIELDS, *extra])
    frame["weekday_conflict"] = frame["weekday_conflict"].fillna(False).astype(bool)  # a flag
    for col in ("start", "end", "byte_start", "byte_end"):
        frame[col] = frame[col].astype("int64")
    return frame


_FIELD_SET = frozenset(FIELDS)
