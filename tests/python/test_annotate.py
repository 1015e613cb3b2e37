"""Model.annotate and annotate_many give exactly the CLI's document objects (SPEC.md section 2):
the same dict as json.loads of the CLI's line, and idner.dumps of it the same bytes."""
import glob
import json
import os

import pytest

import corpus
import idner
import idner.jsonl
from conftest import BUILD, SHARED, SOURCE, lines, run_cli

EXAMPLES = sorted(glob.glob(os.path.join(SOURCE, "data", "examples", "*.txt")))
SAMPLES = sorted(glob.glob(os.path.join(SHARED, "samples", "*.txt"))) if SHARED else []
KOMPAS = os.path.join(SHARED, "data", "kompas-dev", "kompas-dev.jsonl") if SHARED else ""


def cli_text_docs(paths, *options):
    """The CLI's lines for text files PATHS (one document each, id the path)."""
    code, out, err = run_cli(["annotate", *options, *paths])
    assert code == 0, err
    got = lines(out)
    assert len(got) == len(paths)
    return got


def check_same(line, doc):
    assert doc == json.loads(line)
    assert idner.dumps(doc) == line


def test_examples_equal_cli(model):
    assert EXAMPLES, "data/examples is empty"
    for ref in (None, "2024-11-06"):
        want = cli_text_docs(EXAMPLES, *(["--ref-date", ref] if ref else []))
        for path, line in zip(EXAMPLES, want):
            with open(path, "rb") as f:
                raw = f.read()
            check_same(line, model.annotate(raw.decode("utf-8"), ref_date=ref, id=path))
            check_same(line, model.annotate(raw, ref_date=ref, id=path))  # bytes too
            assert json.loads(line)["entities"], f"{path}: no entities at all"


@pytest.mark.skipif(not SAMPLES, reason="../shared/samples is not there")
def test_shared_samples_equal_cli(model):
    for ref in (None, "2024-11-06"):
        want = cli_text_docs(SAMPLES, *(["--ref-date", ref] if ref else []))
        for path, line in zip(SAMPLES, want):
            with open(path, "rb") as f:
                check_same(line, model.annotate(f.read(), ref_date=ref, id=path))


# kompas-dev too: 50 long real news articles with their own dates, ids and every entity kind,
# a wider check than the examples for the same cost (well under a second).
@pytest.mark.skipif(not os.path.exists(KOMPAS), reason="../shared kompas-dev is not there")
def test_kompas_dev_equal_cli(model):
    code, out, err = run_cli(["annotate", "--input", "jsonl", KOMPAS])
    assert code == 0, err
    want = lines(out)
    docs = [json.loads(line) for line in open(KOMPAS, "rb")]
    assert len(want) == len(docs) == 50
    for d, line in zip(docs, want):
        check_same(line, model.annotate(d["text"], ref_date=d.get("date"), id=d["id"]))
    got = [idner.dumps(d) for d in model.annotate_many(idner.jsonl.read(KOMPAS), threads=2)]
    assert got == want


def test_awkward_corpus_byte_for_byte(model, write):
    """Escapes, control characters, U+2028, NUL, emoji, ids of every kind, dates in every form."""
    docs = corpus.documents(400)
    path = write("awkward.jsonl", corpus.jsonl(docs))
    for options in ([], ["--ref-date", "2024-11-06"]):
        code, out, err = run_cli(["annotate", "--input", "jsonl", *options, path])
        assert code == 0, err
        want = lines(out)
        ref = options[1] if options else None
        assert [idner.dumps(d) for d in model.annotate_many(idner.jsonl.read(path),
                                                             ref_date=ref)] == want
        # the same documents as dicts: a missing id stays missing, the CLI's is the line number
        for k, (d, line) in enumerate(zip(docs, want), 1):
            got = next(iter(model.annotate_many([d], ref_date=ref)))
            if "id" not in d:
                got = {"id": k, **got}
            check_same(line, got)


def golden_cases():
    folder = os.path.join(SOURCE, "tests", "golden")
    return sorted(os.path.basename(p)[:-len(".args")] for p in glob.glob(folder + "/*.args"))


def options_from_args(args):
    """The CLI's annotate options as (Model keywords, annotate_many keywords)."""
    model_kw, many_kw = {}, {}
    it = iter(args)
    for a in it:
        if a == "--types":
            many_kw["types"] = next(it)
        elif a == "--ref-date":
            many_kw["ref_date"] = next(it)
        elif a == "--countries":
            model_kw["countries"] = next(it)
        elif a in ("--gazetteer", "--exclude"):
            model_kw.setdefault(a[2:] + "s", []).append(next(it))
        elif a.startswith("--no-") or a == "--gazetteer-only":
            model_kw[a[2:].replace("-", "_")] = True
        else:
            raise AssertionError(f"option {a} has no binding equivalent in this test")
    return model_kw, many_kw


@pytest.mark.parametrize("case", golden_cases())
def test_golden_corpora_equal_cli(case):
    folder = os.path.join(SOURCE, "tests", "golden")
    with open(os.path.join(folder, case + ".args"), encoding="utf-8") as f:
        args = [a.strip() for a in f if a.strip() and not a.startswith("#")]
    path = os.path.join(folder, case + ".jsonl")
    code, out, err = run_cli(["annotate", "--input", "jsonl", *args, path])
    assert code in (0, 3), err
    model_kw, many_kw = options_from_args(args)
    m = idner.Model(**model_kw)
    got = [idner.dumps(d) for d in m.annotate_many(idner.jsonl.read(path), **many_kw)]
    assert got == lines(out)


OPTIONS = [
    (["--types", "PER,LOC"], {}, {"types": "PER,LOC"}),
    (["--types", "DATE,TIME"], {}, {"types": ["date", "TIME"]}),
    (["--countries", "places"], {"countries": "places"}, {}),
    (["--gazetteer-only"], {"gazetteer_only": True}, {}),
    (["--no-dates", "--no-alias"], {"no_dates": True, "no_alias": True}, {}),
    (["--no-rules"], {"no_rules": True}, {}),
    (["--no-tagger"], {"no_tagger": True}, {}),
    (["--no-tagger", "--countries", "places"], {"no_tagger": True, "countries": "places"}, {}),
    (["--gazetteer", "GAZ", "--exclude", "EXC"], {"gazetteers": ["GAZ"], "excludes": ["EXC"]}, {}),
]


@pytest.mark.parametrize("cli_args,model_kw,many_kw", OPTIONS)
def test_options_equal_cli(write, cli_args, model_kw, many_kw):
    data = os.path.join(SOURCE, "tests", "data")
    fix = {"GAZ": os.path.join(data, "gaz_user.tsv"), "EXC": os.path.join(data, "gaz_exclude.txt")}
    cli_args = [fix.get(a, a) for a in cli_args]
    model_kw = {k: [fix[p] for p in v] if isinstance(v, list) and k != "types" else v
                for k, v in model_kw.items()}
    path = write("options.jsonl", corpus.jsonl(corpus.documents(120)))
    code, out, err = run_cli(["annotate", "--input", "jsonl", *cli_args, path])
    assert code == 0, err
    m = idner.Model(**model_kw)
    got = [idner.dumps(d) for d in m.annotate_many(idner.jsonl.read(path), **many_kw)]
    assert got == lines(out)


def test_ref_date_forms(model):
    text = "Rapat digelar Senin (28/10) dan dilanjutkan kemarin di Jakarta."
    import datetime
    want = model.annotate(text, ref_date="2024-11-03")
    assert any(e.get("value") == "2024-10-28" for e in want["entities"])
    assert model.annotate(text, ref_date=datetime.date(2024, 11, 3)) == want
    assert model.annotate(text, ref_date=datetime.datetime(2024, 11, 3, 7, 30)) == want
    assert model.annotate(text, ref_date="2024-11-3") == want
    assert "id" not in want and list(model.annotate(text, id=0)) == ["id", "entities"]


def test_data_dir_is_the_build_tree():
    """An uninstalled package reads the build tree's data (no IDNER_DATA), whatever is
    installed: the library decides by where its own code lies (src/idner.c)."""
    assert "IDNER_DATA" not in os.environ
    m = idner.Model()
    assert os.path.realpath(m.data_dir) == os.path.realpath(os.path.join(BUILD, "data"))
    assert idner.Model(data_dir=os.path.join(BUILD, "data")).annotate("Jakarta") == \
        m.annotate("Jakarta")


def test_number_ids(model, write):
    """Integer ids of any size come out as the CLI writes them; non-integral ones as the same
    number in Python's form (1.50 -> 1.5); one too big for a float as the string of its text."""
    ids = ["7", "-0", "123456789012345678901234567890", "1.50", "1E5", "1e400"]
    path = write("ids.jsonl", "".join(f'{{"id": {i}, "text": "Bogor"}}\n' for i in ids))
    code, out, err = run_cli(["annotate", "--input", "jsonl", path])
    assert code == 0, err
    want = lines(out)
    got = [idner.dumps(d) for d in model.annotate_many(idner.jsonl.read(path))]
    assert got[:3] == want[:3]
    assert [json.loads(g) for g in got[3:5]] == [json.loads(w) for w in want[3:5]]
    assert got[3].startswith('{"id":1.5,') and got[4].startswith('{"id":100000.0,')
    assert got[5] == want[5].replace('"id":1e400', '"id":"1e400"')
