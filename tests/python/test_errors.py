"""Errors raise idner.Error with idner's message and code, and leave the model usable; in
annotate_many a bad document becomes the CLI's error object in its place."""
import json
import os

import pytest

import corpus
import idner
import idner.jsonl
from conftest import SOURCE, lines, run_cli

GOOD = "Presiden Joko Widodo meninjau banjir di Kabupaten Bekasi, Minggu (3/11/2024) malam."


def test_bad_utf8_bytes(model):
    before = model.annotate(GOOD)
    with pytest.raises(idner.Error) as e:
        model.annotate(b"Kota Bogor \xc3\x28 hujan")
    assert str(e.value) == "invalid UTF-8 at byte 11"
    assert e.value.code == 4  # IDNER_ERR_UTF8
    with pytest.raises(idner.Error, match="invalid UTF-8 at byte 3"):
        model.annotate(b"abc\xed\xa0\x80")  # an encoded surrogate is not UTF-8
    assert model.annotate(GOOD) == before
    assert before["entities"]


def test_lone_surrogate_in_str(model):
    # what bytes.decode("utf-8", "surrogateescape") leaves for a bad byte: reported at its byte
    text = b"Jakarta \xff Bogor".decode("utf-8", "surrogateescape")
    with pytest.raises(idner.Error, match="invalid UTF-8 at byte 8"):
        model.annotate(text)
    with pytest.raises(idner.Error, match="invalid UTF-8 at byte 2"):
        model.annotate("é\ud800")


def test_bad_ref_date(model):
    before = model.annotate(GOOD, ref_date="2024-11-06")
    for bad in ("2024-02-30", "kemarin", "2024-13-01", "06-11-2024", ""):
        with pytest.raises(idner.Error) as e:
            model.annotate(GOOD, ref_date=bad)
        assert e.value.code == 5  # IDNER_ERR_ARG
        assert "is not a date YYYY-MM-DD" in str(e.value)
    with pytest.raises(idner.Error):
        model.annotate(GOOD, ref_date=20241106)
    assert model.annotate(GOOD, ref_date="2024-11-06") == before
    with pytest.raises(idner.Error, match='reference date "2024-02-30" is not a date'):
        model.annotate_many([GOOD], ref_date="2024-02-30")  # at once, not per document


def test_missing_data_dir(model, tmp_path):
    missing = str(tmp_path / "tidak-ada")
    with pytest.raises(idner.Error) as e:
        idner.Model(data_dir=missing)
    assert e.value.code == 3  # IDNER_ERR_DATA
    assert str(e.value) == f"{missing}/gazetteer.bin: No such file or directory"
    # the same message as the CLI's
    code, _, err = run_cli(["annotate", "--data-dir", missing], b"Bogor")
    assert code == 1 and err.strip() == f"idner: {e.value}"
    assert model.annotate(GOOD)["entities"]


def test_bad_gazetteer_same_message_as_cli():
    bad = os.path.join(SOURCE, "tests", "data", "gaz_bad.tsv")
    with pytest.raises(idner.Error) as e:
        idner.Model(gazetteers=[bad])
    code, _, err = run_cli(["annotate", "--gazetteer", bad], b"Bogor")
    assert code == 1 and err.strip() == f"idner: {e.value}"
    with pytest.raises(idner.Error, match="No such file"):
        idner.Model(excludes=["/tidak/ada.txt"])


def test_bad_options(model):
    with pytest.raises(idner.Error, match="bad list"):
        model.annotate(GOOD, types="PER,ORANG")
    with pytest.raises(idner.Error, match="bad list"):
        model.annotate_many([GOOD], types=["LOC", ""])
    with pytest.raises(idner.Error, match="unknown mode 'negara'"):
        idner.Model(countries="negara")
    with pytest.raises(TypeError):
        idner.Model(no_tagger_typo=True)
    with pytest.raises(TypeError):
        model.annotate(12345)
    with pytest.raises(TypeError):
        idner.Model(gazetteers="satu.tsv")  # a path, not a list of paths
    with pytest.raises(ValueError):
        model.annotate_many([GOOD], errors="abaikan")
    with pytest.raises(RuntimeError, match="already loaded"):
        model.__init__()  # a model never changes under the threads that use it
    assert model.annotate(GOOD)["entities"]


def test_error_objects_equal_cli(model, write):
    good = [json.dumps(d, ensure_ascii=False).encode() for d in corpus.documents(30)]
    body = []
    for k, bad in enumerate(corpus.BAD_LINES):
        body += good[5 * k:5 * k + 5] + [bad]
    path = write("bad.jsonl", b"\n".join(body) + b"\n")
    code, out, err = run_cli(["annotate", "--input", "jsonl", path])
    assert code == 3
    want = lines(out)
    # bad text: an error object; a bad date: annotated with a "warning" (as since issue 12)
    assert sum('"error"' in line or '"warning"' in line for line in want) == len(corpus.BAD_LINES)
    assert sum('"warning"' in line for line in want) == 3
    for threads in (1, 3):
        got = [idner.dumps(d) for d in model.annotate_many(idner.jsonl.read(path),
                                                             threads=threads)]
        assert got == want
    with pytest.raises(idner.Error, match="invalid UTF-8"):
        list(model.annotate_many(idner.jsonl.read(path), errors="raise"))


def test_not_json_lines(model, write):
    """Lines that are no JSON object: an error object with the line number in place, as the CLI
    writes (the message is Python's json module's, not json-c's)."""
    body = [b'{"id": "a", "text": "Bogor"}', *corpus.NOT_JSON, b'{"text": "Depok"}']
    path = write("notjson.jsonl", b"\xef\xbb\xbf" + b"\n".join(body) + b"\n")
    code, out, _ = run_cli(["annotate", "--input", "jsonl", path])
    assert code == 3
    want = [json.loads(line) for line in lines(out)]
    got = list(model.annotate_many(idner.jsonl.read(path)))
    assert len(got) == len(want) == len(body)
    for g, w in zip(got, want):
        assert g.get("id") == w.get("id") and ("error" in g) == ("error" in w)
        if "error" not in w:
            assert g == w
    assert got[-1]["id"] == len(body)
