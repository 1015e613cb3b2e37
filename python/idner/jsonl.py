"""idner.jsonl: JSON Lines corpora read as `idner annotate --input jsonl` reads them
(src/cli/jsonl.c), so that annotating what read() yields gives the CLI's output.

    for doc in model.annotate_many(idner.jsonl.read("corpus.jsonl")): ...

Lines are split on "\\n" only (a JSON string may hold U+2028, which str.splitlines() would
split); a UTF-8 byte order mark before the first line is skipped; a document without "id" gets
its line number (1 for the file's first line); an id too big for a float (1e400) becomes the
string of its digits, which idner.dumps can write. A line that is not a JSON object becomes an
error object {"id": LINE, "error": "..."} in its place (the message is Python's json module's,
not json-c's); bytes that are not UTF-8 are kept (surrogateescape), so the library reports them
at the same byte as the CLI does.
"""
import json
import math

__all__ = ["read", "parse_line"]


def parse_line(raw, lineno):
    """The document dict of RAW (one line, bytes, without its newline), or an error object."""
    if not raw.strip(b" \t\r\n"):
        return {"id": lineno, "error": "blank line: not a JSON object"}
    try:
        obj = _DECODER.decode(raw.decode("utf-8", "surrogateescape"))
    except json.JSONDecodeError as e:
        return {"id": lineno, "error": f"not JSON: {e.msg} at byte {e.pos}"}
    except RecursionError:
        return {"id": lineno, "error": "not JSON: nested too deeply"}
    if not isinstance(obj, dict):
        return {"id": lineno, "error": "not a JSON object"}
    for key in ("text", "date"):
        if isinstance(obj.get(key), _Big):
            obj[key] = float(obj[key])  # a number, as the CLI sees it
    if "id" not in obj:
        obj["id"] = lineno
    elif isinstance(obj["id"], _Big):
        obj["id"] = str(obj["id"])  # no float writes 1e400 back: its text, as a string
    elif isinstance(obj["id"], str) and not _is_utf8(obj["id"]):
        return {"id": lineno, "error": 'invalid UTF-8 in "id"'}
    return obj


def read(path):
    """Yields the documents of the JSON Lines file PATH (see the module's doc)."""
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield parse_line(raw, lineno)


class _Big(str):
    """A JSON number too big for a float (1e400), as written."""


def _float(text):
    value = float(text)
    return value if math.isfinite(value) else _Big(text)


# Made once: json.loads(s, parse_float=...) would make a decoder per line.
_DECODER = json.JSONDecoder(parse_float=_float)


def _is_utf8(s):
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
