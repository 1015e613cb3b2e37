#!/usr/bin/env python3
"""Streaming (SPEC.md section 1, issue 2): a JSON Lines input far larger than the program's
memory bound goes through a pipe; every document comes out once, in input order, and the peak
resident memory of idner stays well below the size of the input (only the current line is
held), both for --output jsonl and --output json.

usage: test_stream.py PATH-TO-idner [MEGABYTES]"""
import json
import resource
import subprocess
import sys
import threading

from clitest import Checker, exe_from_argv

LINE_TEXT = ("Warga desa bekerja di sawah \u2014 sambil bernyanyi riang. " * 16
             + "Lalu mereka membaca berita tentang Rusia.")


def stream(exe, megabytes, output):
    line_no = [0]
    total = megabytes * 1024 * 1024
    p = subprocess.Popen([exe, "annotate", "--input", "jsonl", "--types", "LOC", "--output",
                          output], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)

    def feed():
        text = json.dumps(LINE_TEXT, ensure_ascii=False)
        written = 0
        try:
            while written < total:
                batch = []
                for _ in range(1000):
                    line_no[0] += 1
                    batch.append(f'{{"id": {line_no[0]}, "text": {text}}}\n')
                data = "".join(batch).encode()
                p.stdin.write(data)
                written += len(data)
        finally:
            p.stdin.close()

    th = threading.Thread(target=feed)
    th.start()
    ids, order_ok, count_ok = [], True, True
    expected = 1
    buf = b""
    if output == "jsonl":
        for line in p.stdout:
            # Cheap checks, so that the test measures idner rather than Python's json.
            order_ok = order_ok and line.startswith(b'{"id":%d,"entities":[' % expected)
            count_ok = count_ok and line.count(b'"type":"LOC"') == 1
            expected += 1
        n_out = expected - 1
    else:
        buf = p.stdout.read()
        arr = json.loads(buf)
        order_ok = [d.get("id") for d in arr] == list(range(1, len(arr) + 1))
        count_ok = all(len(d.get("entities", [])) == 1 for d in arr)
        n_out = len(arr)
    th.join()
    err = p.stderr.read().decode(errors="replace")
    rc = p.wait()
    return rc, err, line_no[0], n_out, order_ok, count_ok


def main():
    exe = exe_from_argv()
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 48
    t = Checker()
    # Baseline: the same documents, 1 MB of them (model, buffers, libraries).
    stream(exe, 1, "jsonl")
    base_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for output in ("jsonl", "json"):
        rc, err, n_in, n_out, order_ok, count_ok = stream(exe, megabytes, output)
        t.eq(rc, 0, f"--output {output}: exit status ({err.strip()[:200]})")
        t.eq(n_out, n_in, f"--output {output}: every document written")
        t.check(order_ok, f"--output {output}: input order kept")
        t.check(count_ok, f"--output {output}: every country found")
    # ru_maxrss is in kilobytes on Linux; it is the largest child so far.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{megabytes} MB streamed twice; peak RSS of idner {peak_mb:.1f} MB "
          f"({base_mb:.1f} MB for 1 MB)")
    with open(exe, "rb") as f:
        binary = f.read()
    sanitized = b"__asan_init" in binary or b"__tsan_init" in binary
    if sanitized:
        # A sanitizer's allocator keeps freed memory in quarantine: RSS says nothing here.
        print("sanitizer build: peak RSS not checked")
        t.done()
    t.check(peak_mb < base_mb + megabytes / 4,
            f"peak RSS {peak_mb:.1f} MB for {megabytes} MB of input, {base_mb:.1f} MB for 1 MB")
    t.done()


if __name__ == "__main__":
    main()
