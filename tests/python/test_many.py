"""annotate_many: input order, the same output for any number of threads, lazy and bounded;
and annotation outside the interpreter lock."""
import itertools
import threading
import time

import corpus
import idner


def test_four_threads_equal_one(model):
    docs = corpus.documents(1500)
    docs[17] = {"id": "rusak", "text": b"Bogor \xff"}
    docs[700] = {"id": "tanpa-teks"}
    docs[701] = "teks polos tanpa id dari Jakarta"
    one = list(model.annotate_many(docs, threads=1))
    four = list(model.annotate_many(docs, threads=4))
    assert len(one) == len(docs)
    assert four == one
    assert one[17] == {"id": "rusak", "error": '"text": invalid UTF-8 at byte 6'}
    assert one[700] == {"id": "tanpa-teks", "error": 'missing "text"'}
    assert "id" not in one[701] and one[701]["entities"]
    # in input order: each result is that of its own document
    for k in (0, 1, 2, 3, 699, 1499):
        d = docs[k]
        want = model.annotate(d["text"], ref_date=d.get("date") or None,
                              **({"id": d["id"]} if d.get("id") is not None else {}))
        if "id" in d and d["id"] is None:
            want = {"id": None, **want}
        assert one[k] == want


def test_lazy_and_bounded(model):
    taken = 0

    def endless():
        nonlocal taken
        for text in itertools.cycle(corpus.texts(50)):
            taken += 1
            yield text

    it = model.annotate_many(endless(), threads=2)
    first = list(itertools.islice(it, 300))
    assert len(first) == 300
    assert taken <= 300 + (2 * 2 + 2) * idner.BATCH  # a few batches ahead, never the whole input
    it.close()
    assert list(model.annotate_many([], threads=4)) == []


def longest_pause_while(fn):
    """(seconds FN took in another thread, longest pause of this thread meanwhile)."""
    done = threading.Event()

    def run():
        fn()
        done.set()

    t = threading.Thread(target=run)
    start = last = time.perf_counter()
    pause = 0.0
    t.start()
    while not done.is_set():
        now = time.perf_counter()
        pause, last = max(pause, now - last), now
    t.join()
    return time.perf_counter() - start, pause


def long_enough(make, seconds=0.4):
    """The first of make(1), make(2), make(4), ... that the model takes SECONDS to annotate."""
    for scale in (2**k for k in range(12)):
        arg = make(scale)
        start = time.perf_counter()
        yield arg
        if time.perf_counter() - start >= seconds:
            return


def test_annotation_releases_the_interpreter_lock(model):
    """While the library annotates for half a second in another thread, this thread keeps
    running: were the lock held, it would stand still for the whole call. The text is mostly
    ordinary words: turning a result into Python objects holds the lock (some 2 microseconds an
    entity), and a text of names and dates alone is annotated about as fast as that."""
    filler = "warga desa menanam padi dan jagung di sawah yang luas ketika musim hujan tiba."
    text = " ".join(s + " " + " ".join([filler] * 30) for s in corpus.SENTENCES)
    for arg in long_enough(lambda k: " ".join([text] * 100 * k)):
        took, pause = longest_pause_while(lambda: model.annotate(arg))
    assert pause < took / 2, (took, pause)
    docs = corpus.texts(200)
    for arg in long_enough(lambda k: docs * k):
        took, pause = longest_pause_while(lambda: list(model.annotate_many(arg)))
    assert pause < took / 2, (took, pause)
