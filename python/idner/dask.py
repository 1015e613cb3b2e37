"""idner.dask: annotating a dask.bag of documents, on one machine or a cluster (README
"Corpora bigger than one machine").

    import dask.bag, idner.dask
    idner.dask.annotate_files_to("corpus/*.jsonl", "out", ref_date="2024-11-06")  # streams
    docs = idner.dask.annotate_files("corpus/*.jsonl", ref_date="2024-11-06")     # a bag
    idner.dask.write_jsonl(docs, "out/*.jsonl")   # out/0.jsonl ... : the CLI's lines

Each worker process loads the model once, the first time one of its tasks needs it, and keeps
it for every later task (a per-process cache keyed by the model options, behind a lock, so the
worker's threads share one model); model_loads() and partitions_annotated() count the loads
and the tasks of the calling process (client.run(idner.dask.model_loads) asks every worker).
The options must make sense on every worker: data_dir and gazetteer paths are the workers'.
"""
import glob
import os
import threading

import dask.bag

import idner
from idner import jsonl

__all__ = ["annotate_bag", "annotate_files", "write_jsonl", "annotate_files_to", "model",
           "model_loads", "partitions_annotated"]

_lock = threading.Lock()
_models = {}
_loads = 0
_partitions = 0


def _key(options):
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v)
                        for k, v in options.items()))


def model(**options):
    """This process's model for OPTIONS (idner.Model's keywords), loaded on first use."""
    global _loads
    key = _key(options)
    with _lock:
        m = _models.get(key)
        if m is None:
            m = _models[key] = idner.Model(**options)
            _loads += 1
    return m


def _task_model(options):
    global _partitions
    m = model(**options)
    with _lock:
        _partitions += 1
    return m


def model_loads():
    """How many models this process has loaded (run it on the workers: client.run)."""
    return _loads


def partitions_annotated():
    """How many partitions this process has annotated (client.run, beside model_loads)."""
    return _partitions


def _annotate_partition(docs, options, annotate_options):
    return list(_task_model(options).annotate_many(docs, **annotate_options))


def annotate_bag(bag, ref_date=None, types=None, threads=1, **model_options):
    """A bag of document objects for BAG, a dask.bag of documents (str, or dicts {"id",
    "text", "date"}), in the same partitions and order; as Model.annotate_many with
    MODEL_OPTIONS (data_dir, gazetteers, excludes, countries, no_dates, ...) on each worker.
    THREADS: threads per task (the workers' own threads already run tasks in parallel)."""
    return bag.map_partitions(_annotate_partition, model_options,
                              _annotate_options(ref_date, types, threads))


def _annotate_options(ref_date, types, threads):
    idner._types_mask(types), idner._checked_ref(ref_date)  # bad ones fail here, not on a worker
    return dict(ref_date=ref_date, types=types, threads=threads)


def _paths(paths_or_glob):
    if isinstance(paths_or_glob, (str, os.PathLike)):
        paths = sorted(glob.glob(os.fspath(paths_or_glob)))
        if not paths:
            raise FileNotFoundError(f"idner.dask: no file matches {os.fspath(paths_or_glob)!r}")
        return paths
    return [os.fspath(p) for p in paths_or_glob]


def _annotate_paths(paths, options, annotate_options):
    m = _task_model(options)
    return [doc for path in paths for doc in m.annotate_many(jsonl.read(path), **annotate_options)]


def annotate_files(paths_or_glob, ref_date=None, types=None, threads=1, **model_options):
    """A bag of document objects for JSON Lines files: a list of paths (in that order) or a
    glob pattern (its matches sorted). One partition per file, read as `idner annotate --input
    jsonl` reads it (idner.jsonl), so that the bag, in order and written with idner.dumps, is
    the CLI's output for the same files. The files must be readable by the workers."""
    paths = _paths(paths_or_glob)
    files = dask.bag.from_sequence(paths, npartitions=len(paths))
    return files.map_partitions(_annotate_paths, model_options,
                                _annotate_options(ref_date, types, threads))


def write_jsonl(bag, pattern, **to_textfiles_options):
    """Writes BAG, document objects, as JSON Lines files, one per partition (PATTERN as for
    dask.bag.Bag.to_textfiles: "out/*.jsonl" gives out/0.jsonl, out/1.jsonl, ...), each line
    idner.dumps of one document and every line ending in a newline, so that the files one
    after the other are the CLI's output. Returns the names written."""
    to_textfiles_options.setdefault("last_endline", True)
    return bag.map(idner.dumps).to_textfiles(pattern, **to_textfiles_options)


def _annotate_file_to(paths, out_dir, options, annotate_options):
    m = _task_model(options)
    written = []
    for path in paths:
        out = os.path.join(out_dir, os.path.basename(path))
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            for doc in m.annotate_many(jsonl.read(path), **annotate_options):
                f.write(idner.dumps(doc))
                f.write("\n")
        written.append(out)
    return written


def annotate_files_to(paths_or_glob, out_dir, ref_date=None, types=None, threads=1,
                      compute=True, **model_options):
    """Annotates JSON Lines files into OUT_DIR, one output file of the same name per input
    file (the CLI's output for it, byte for byte), streaming: a task holds a few batches of
    documents, never a whole file's results as annotate_files + write_jsonl do. Returns the
    paths written, in input order (compute=False: the bag that writes them)."""
    paths = _paths(paths_or_glob)
    names = [os.path.basename(p) for p in paths]
    if len(set(names)) != len(names):
        raise ValueError("idner.dask: two input files of the same name would write one output")
    os.makedirs(out_dir, exist_ok=True)
    bag = dask.bag.from_sequence(paths, npartitions=len(paths)).map_partitions(
        _annotate_file_to, os.path.abspath(out_dir), model_options,
        _annotate_options(ref_date, types, threads))
    return bag.compute() if compute else bag
