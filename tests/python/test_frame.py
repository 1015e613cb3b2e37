"""to_frame: one row per entity; pandas (and dask) are imported only when used."""
import subprocess
import sys

import corpus
import idner


def test_rows_equal_entities(model):
    docs = corpus.documents(200) + [{"id": "rusak", "text": b"\xff"}]
    results = list(model.annotate_many(docs))
    n = sum(len(d.get("entities", ())) for d in results)
    assert n > 500
    frame = idner.to_frame(iter(results))
    assert len(frame) == n
    assert list(frame.columns[:len(idner.FIELDS) + 1]) == ["doc_id", *idner.FIELDS]
    row = 0
    for d in results:
        for e in d.get("entities", ()):
            got = frame.iloc[row]
            assert got["doc_id"] == d.get("id") or (d.get("id") is None and got["doc_id"] is None)
            assert (got["type"], got["text"], got["start"], got["end"]) == \
                (e["type"], e["text"], e["start"], e["end"])
            assert bool(got["weekday_conflict"]) == e.get("weekday_conflict", False)
            row += 1
    assert frame["start"].dtype == "int64"
    assert frame["weekday_conflict"].dtype == bool
    assert set(frame["type"]) == {"PER", "ORG", "LOC", "DATE", "TIME"}
    assert (frame["type"] == "LOC").sum() == sum(
        e["type"] == "LOC" for d in results for e in d.get("entities", ()))


def test_extra_fields_and_empty():
    assert idner.FIELDS[:6] == ("type", "text", "start", "end", "byte_start", "byte_end")
    assert {"canonical", "value", "weekday_conflict", "source"} <= set(idner.FIELDS)
    frame = idner.to_frame([{"id": 1, "entities": [
        {"type": "DATE", "text": "1 Syawal 1445 H", "start": 0, "end": 15, "byte_start": 0,
         "byte_end": 15, "value": "2024-04-10", "source": "date", "explain": "rumus"}]}])
    assert list(frame.columns)[-1] == "explain" and frame["explain"][0] == "rumus"
    assert frame["value"][0] == "2024-04-10"
    empty = idner.to_frame([{"id": "x", "entities": []}, {"id": "y", "error": "rusak"}])
    assert len(empty) == 0 and list(empty.columns) == ["doc_id", *idner.FIELDS]


def test_imports_only_when_called():
    code = ("import sys, idner, idner.jsonl; m = idner.Model(); m.annotate('Bogor'); "
            "print(sorted(k for k in ('pandas', 'dask', 'distributed') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
