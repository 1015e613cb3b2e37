"""idner.dask on a LocalCluster of two worker processes on loopback: a three-file corpus gives
the CLI's output byte for byte (idner.dumps per line), and each worker loads the model once
however many tasks it runs."""
import json
import os

import dask.bag
import pytest
from distributed import Client, LocalCluster

import corpus
import idner
import idner.dask
from conftest import lines, run_cli


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=2, processes=True,
                           host="127.0.0.1", dashboard_address=None, silence_logs=40)
    with cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("korpus")
    paths = []
    for k, n in enumerate((150, 90, 120)):
        body = corpus.jsonl(corpus.documents(n, start=1000 * k)).encode()
        if k == 1:  # bad lines among the good ones, and a byte order mark
            body = b"\xef\xbb\xbf" + body + b"\n".join(corpus.BAD_LINES) + b"\n" + body
        paths.append(str(folder / f"bagian-{k}.jsonl"))
        with open(paths[-1], "wb") as f:
            f.write(body)
    return paths


def check_once_per_worker(client, tasks, models=1):
    """TASKS partitions have run in all; each worker that ran any loaded MODELS models."""
    loads = client.run(idner.dask.model_loads)
    parts = client.run(idner.dask.partitions_annotated)
    assert len(loads) == 2 and sum(parts.values()) == tasks, (loads, parts)
    for w in loads:
        assert loads[w] == (models if parts[w] else 0), (loads, parts)


def test_files_equal_cli_byte_for_byte(client, files):
    code, out, err = run_cli(["annotate", "--input", "jsonl", "--ref-date", "2024-11-06", *files])
    assert code == 3, err  # the bad lines
    bag = idner.dask.annotate_files(files, ref_date="2024-11-06")
    assert bag.npartitions == 3
    got = "".join(idner.dumps(doc) + "\n" for doc in bag.compute())
    assert got.encode("utf-8") == out
    # written by the workers, one file per partition: the files one after the other
    written = idner.dask.write_jsonl(bag, os.path.join(os.path.dirname(files[0]), "out", "*.jsonl"))
    assert len(written) == 3
    assert b"".join(open(name, "rb").read() for name in written) == out
    # streamed files to files, one output per input of the same name
    out_dir = os.path.join(os.path.dirname(files[0]), "keluaran")
    written = idner.dask.annotate_files_to(files, out_dir, ref_date="2024-11-06")
    assert [os.path.basename(n) for n in written] == [os.path.basename(f) for f in files]
    assert b"".join(open(name, "rb").read() for name in written) == out
    with pytest.raises(ValueError, match="same name"):
        idner.dask.annotate_files_to([files[0], files[0]], out_dir)
    # a glob: the matches sorted, so the same order here
    pattern = os.path.join(os.path.dirname(files[0]), "bagian-*.jsonl")
    assert idner.dask.annotate_files(pattern, ref_date="2024-11-06").compute() == \
        [json.loads(line) for line in lines(out)]
    check_once_per_worker(client, tasks=12)


def test_bag_equals_annotate_many_and_reuses_models(client, model, files):
    docs = corpus.documents(400)
    bag = idner.dask.annotate_bag(dask.bag.from_sequence(docs, npartitions=12), types="PER,LOC")
    assert bag.compute() == list(model.annotate_many(docs, types="PER,LOC"))
    check_once_per_worker(client, tasks=12 + 12)  # the model is reused across tasks
    # other options are another model: at most one more load per worker for 36 more tasks
    before = sum(client.run(idner.dask.model_loads).values())
    for _ in range(3):
        places = idner.dask.annotate_bag(dask.bag.from_sequence(docs, npartitions=12),
                                         countries="places")
        assert places.compute() == list(idner.Model(countries="places").annotate_many(docs))
    loads = client.run(idner.dask.model_loads)
    assert 1 <= sum(loads.values()) - before <= 2 and all(n <= 2 for n in loads.values()), loads


def test_local_process_cache():
    before = idner.dask.model_loads()
    a = idner.dask.model(countries="places", gazetteers=[])
    assert idner.dask.model(gazetteers=(), countries="places") is a
    assert idner.dask.model_loads() == before + 1
