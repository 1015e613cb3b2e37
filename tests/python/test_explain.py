"""explain=True (the CLI's --explain): each entity dict and the document dict carry what the
command line writes under "explain"; without it no dict has the key and FIELDS stays the
SPEC's fields (explain is an extra to_frame column only when present)."""
import json

import idner
from conftest import run_cli

TEXT = ("Gubernur Darmaji Sukoreno meninjau banjir di Karangsela pada Senin (4/3/2024). "
        "Warga Bandung mengungsi.")


def test_explain_matches_cli():
    doc = idner.Model(explain=True).annotate(TEXT, id="a")
    rc, out, err = run_cli(["annotate", "--explain", "--input", "jsonl"],
                           stdin=(json.dumps({"id": "a", "text": TEXT}) + "\n").encode())
    assert rc == 0, err
    assert doc == json.loads(out)
    by_text = {e["text"]: e["explain"]["found"] for e in doc["entities"]}
    assert by_text["Darmaji Sukoreno"]["rule"] == "title"
    assert by_text["Darmaji Sukoreno"]["trigger"] == "Gubernur"
    assert by_text["Bandung"]["list"].startswith("data/gazetteer/")
    assert doc["explain"] == {"lost": []} or isinstance(doc["explain"]["lost"], list)


def test_no_explain_without_it():
    doc = idner.Model().annotate(TEXT)
    assert "explain" not in doc and all("explain" not in e for e in doc["entities"])
    assert "explain" not in idner.FIELDS
    frame = idner.to_frame([idner.Model(explain=True).annotate(TEXT, id="a")])
    assert list(frame.columns)[-1] == "explain"
    assert frame["explain"].map(lambda x: "found" in x).all()
