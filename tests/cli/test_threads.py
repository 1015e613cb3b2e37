#!/usr/bin/env python3
"""--threads: JSON Lines annotated by several threads give the same bytes on standard output,
the same messages on standard error and the same exit status as one thread, across batch
boundaries (more than 1,024 lines) and with bad lines mixed in; the malformed-line matrix (issue
13 item 3: every thread count reads a line with the same strict parser) alone, mixed into a long
file and on standard input; and long lines do not multiply the memory (issue 14 item 6).
Under a sanitizer the inputs are smaller and the memory checks are skipped (its allocator is
not glibc's); under ThreadSanitizer (tools/test runs the suite `threads` in such a build) a race
report fails the test (its message differs from one thread's, its exit status is 66).

usage: test_threads.py IDNER
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write  # noqa: E402

SENTENCES = [
    "Presiden Joko Widodo meresmikan bendungan di Kabupaten Bogor, Senin (4/11/2024) pagi.",
    "Menteri Luar Negeri Retno Marsudi bertemu mitranya dari Jepang di Tokyo pekan lalu.",
    "Banjir merendam 1.250 rumah di Bekasi sejak Minggu malam, kata Kepala BNPB.",
    "Komisi Pemberantasan Korupsi (KPK) memanggil dua pejabat; KPK menyebut kerugian Rp2,5 miliar.",
    "Harga beras naik 1,30% dibanding bulan lalu, ujar Budi Santoso, pedagang di Pasar Minggu.",
    "Tim nasional bertanding di Stadion Utama Gelora Bung Karno pada 18-19 Desember 2024.",
]


def corpus(n):
    lines = []
    for i in range(n):
        if i % 97 == 5:
            lines.append("ini bukan JSON")
        elif i % 131 == 7:
            lines.append(json.dumps({"id": i, "judul": "tanpa teks"}))
        elif i % 173 == 11:
            lines.append(json.dumps({"id": i, "text": "Rapat pada Jumat.", "date": "2024-02-30"}))
        else:
            doc = {"id": f"d{i}" if i % 2 else i, "text": " ".join(
                SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))}
            if i % 5 == 0:
                doc["date"] = "2024-11-06"
            lines.append(json.dumps(doc, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# The malformed-line matrix: (line bytes, annotated?). Each line on its own line of the file;
# the ones marked False must give an error object with one thread and with any number.
PAD = "Para nelayan di pesisir utara berangkat melaut sebelum fajar. "
MATRIX = [
    (b"{'id': 1, 'text': 'Rapat warga di Surabaya.'}", False),  # single quotes
    (b'{"id": 2, "text": "Wali kota Medan hadir.",}', False),  # trailing comma
    (b'{"id": 3, "text": "Rapat di Bogor.", "tag": [1, 2,]}', False),  # trailing comma, array
    (b"null", False),
    (b"42", False),
    (b"-0.5e3", False),
    (b'"Gubernur Bali"', False),
    (b"true", False),
    (b'[{"text": "Banjir di Semarang."}]', False),
    (b"{}", False),
    (b'{"id": 10}', False),  # missing text
    (b'{"id": 11, "text": 12}', False),
    (b'{"id": 12, "text": null}', False),
    (b'{"id": 13, "text": ["Bupati Sleman"]}', False),
    (b'{"id": 14, "text": {"isi": "Camat Depok"}}', False),
    (b'{"id": 15, "text": "Kepala desa \xff\xfe di Garut."}', False),  # bad UTF-8 in text
    (b'{"id": "\xc3\x28", "text": "Warga Cianjur."}', False),  # bad UTF-8 in id
    (b'{"id": 17, "text": "Lurah \xed\xa0\x80 Tegal."}', False),  # a surrogate in UTF-8
    (b'{"id": 18, "text": "Sekolah di\x00Kudus."}', False),  # NUL byte in a string
    (b'{"id": 19, "text": "Pasar di Solo."}\x00', False),  # NUL byte after the object
    (b'{"id": 20, "text": "Tab\tmentah di Malang."}', False),  # raw control character
    (b'{"id": 21, "text": "Bupati Klaten meresmikan', False),  # truncated
    (b'{"id": 22, "text": "Jembatan di Kutai."', False),  # truncated after the string
    (b'{"id": 23, "text": "Dermaga di Ambon."} x', False),  # text after the object
    (b'{"id": 24, "text": "A"} {"id": 25, "text": "B"}', False),  # two objects
    (b'{"id": 26, "text": "Nilai NaN."} /* komentar */', False),
    (b'{"id": 27, "text": "Gunung Merapi.", "n": NaN}', False),  # not RFC 8259 (json_strict.h)
    (b'{"id": 28, "text": "Danau Toba.", "n": -Infinity}', False),
    (b'{"id": 29, "text": "Pulau Seribu.", "n": 0x10}', False),
    (b'{"id": 30, "text": "Selat Sunda.", "n": 012}', False),
    (b'{id: 31, "text": "Teluk Bone."}', False),  # unquoted key
    (b'{"id": 32, "text": "Kali Ciliwung.\\q"}', False),  # bad escape
    (b'{"id": 33, "text": "Ujung \\ud800 Kulon."}', True),  # lone surrogate escape
    (b'{"id": 34, "text": "Bandara \\u0000 Kualanamu."}', True),  # escaped NUL
    (b'', False),  # empty line
    (b'   \t ', False),  # blank line
    (b'\xef\xbb\xbf{"id": 37, "text": "BOM di baris tengah."}', False),
    (b'{"id": 38, "text": "Kantor di Jambi.", "text": "Menteri Sri Mulyani di Bogor."}', True),
    (b'{"id": 39, "id": 40, "text": "Gedung Sate di Bandung."}', True),  # duplicate id
    (b'{"id": 123456789012345678901234567890, "text": "Ibu kota Nusantara."}', True),
    (b'{"id": 1.5e3, "text": "Kapal di Makassar."}', True),
    (b'{"id": null, "text": "Pelabuhan Tanjung Priok."}', True),
    (b'{"id": 43, "text": "Rapat Senin.", "date": "2024-13-01"}', True),  # bad date: warning
    (b'{"id": 44, "text": "Rapat Senin.", "date": 20240101}', True),
    (b'{"id": 45, "text": "Rapat Senin.", "date": "' + b"9" * 300 + b'"}', True),
    (b'{"id": 46, "text": "Rapat Senin.", "date": null}', True),
    (b'{"id": 47, "text": "Pidato di Istana Bogor.", "date": "2024-11-06T08:00"}', True),
    (b'{"a":' * 40 + b'1' + b'}' * 40, False),  # nested too deep
    (b'{"id": 49, "text": "Tanpa akhir baris di Palu.", "x": {"y": [true, false, null]}}', True),
    # long lines: one longer than a batch, valid and broken
    (json.dumps({"id": 50, "text": (PAD.lower() * 60 + "Presiden Prabowo di Jakarta. ") * 80},
                ensure_ascii=False).encode(), True),
    (b'{"id": 51, "text": "' + PAD.encode() * 9000 + b'\x01"}', False),
    (b'{"id": 52, "text": "' + PAD.encode() * 9000, False),  # a long truncated line
    (b'{"id": 53, "text": "Kota Kendari di Sulawesi Tenggara."}', True),
]


def sanitizer(exe):
    """"thread" or "address" when EXE was built with that sanitizer, else None."""
    with open(exe, "rb") as f:
        data = f.read()
    return "thread" if b"__tsan_init" in data else "address" if b"__asan_init" in data else None


def matrix_bytes(crlf=False, bom=False):
    """The matrix as a file (CRLF line ends when asked, a BOM first when asked), the last line
    without a line end."""
    end = b"\r\n" if crlf else b"\n"
    data = end.join(line for line, _ in MATRIX)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def run_bytes(exe, args, stdin=b""):
    p = subprocess.run([exe] + args, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout, p.stderr


def check_matrix(exe, ck, d, small):
    for crlf, bom in ((False, False), (True, True)):
        what = "CRLF, BOM" if crlf else "LF"
        path = write(os.path.join(d, f"matriks-{int(crlf)}.jsonl"), matrix_bytes(crlf, bom))
        base = run_bytes(exe, ["annotate", "--input", "jsonl", path])
        ck.eq(base[0], 3, f"matrix ({what}), one thread: exit status")
        docs = jsonl(base[1])
        ck.eq(len(docs), len(MATRIX), f"matrix ({what}): one object per line")
        for (line, ok), doc in zip(MATRIX, docs):
            ck.check(("entities" in doc) == ok and ("error" in doc) != ok,
                     f"matrix ({what}): {line[:60]!r} gives {str(doc)[:120]}")
        ck.check(len(docs) > 49 and len(docs[49].get("entities", [])) == 160,
                 f"matrix ({what}): the long valid line is annotated in full")
        ck.eq(base[2].count(b"\n"), sum(1 for _, ok in MATRIX if not ok) + 3,
              f"matrix ({what}): one message per bad line and per bad date")
        one = run_bytes(exe, ["annotate", "--input", "jsonl", "--threads", "1", path])
        ck.check(one == base, f"matrix ({what}): --threads 1 is one thread")
        for threads in ("2", "8"):
            got = run_bytes(exe, ["annotate", "--input", "jsonl", "--threads", threads, path])
            ck.eq(got[0], base[0], f"matrix ({what}) --threads {threads}: exit status")
            ck.check(got[1] == base[1], f"matrix ({what}) --threads {threads}: output bytes")
            ck.check(got[2] == base[2], f"matrix ({what}) --threads {threads}: message bytes")
    # on standard input, mixed into a long file (the bad lines fall into many batches)
    good = corpus(600 if small else 1500).encode().split(b"\n")[:-1]
    mixed = []
    for i, g in enumerate(good):
        mixed.append(g)
        if i % 29 == 3:
            mixed.append(MATRIX[(i // 29) % len(MATRIX)][0])
    data = b"\n".join(mixed) + b"\n"
    base = run_bytes(exe, ["annotate", "--input", "jsonl", "-"], stdin=data)
    ck.eq(base[0], 3, "mixed matrix on stdin, one thread: exit status")
    ck.eq(len(jsonl(base[1])), len(mixed), "mixed matrix: one object per line")
    for threads in ("2", "8"):
        got = run_bytes(exe, ["annotate", "--input", "jsonl", "--threads", threads, "-"], data)
        ck.check(got == base, f"mixed matrix on stdin --threads {threads}: the same bytes")


def peak_kib(exe, args):
    """Runs EXE with ARGS, output discarded; its exit status and peak resident memory (KiB)."""
    p = subprocess.Popen([exe] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, usage.ru_maxrss


def check_long_lines(exe, ck, d, measure):
    """Six lines of 8 MB that cannot be annotated (their text is not a string): with 2 or 8
    threads no more of them is held at once than with one (a line read ahead, or the memory
    a worker's parser or allocator keeps after a line, would be 8 MB more)."""
    path = os.path.join(d, "panjang.jsonl")
    with open(path, "wb") as f:
        for i in range(6):
            f.write(b'{"id": %d, "isi": "' % i + PAD.encode() * 130000 + b'", "text": 7}\n')
    st1, one = peak_kib(exe, ["annotate", "--input", "jsonl", path])
    for threads in ("2", "8"):
        st, peak = peak_kib(exe, ["annotate", "--input", "jsonl", "--threads", threads, path])
        ck.check(st == st1 == 3, f"long lines --threads {threads}: exit status {st1}, {st}")
        if measure:
            ck.check(peak < one + 6 * 1024,
                     f"long lines: peak with {threads} threads {peak} KiB, one thread {one} KiB")


def main():
    exe = exe_from_argv()
    ck = Checker()
    d = tmpdir()
    san = sanitizer(exe)
    check_matrix(exe, ck, d, san is not None)
    check_long_lines(exe, ck, d, san is None)
    n = 2600 if san is None else 1100  # more than two batches of 512 lines either way
    path = os.path.join(d, "korpus.jsonl")
    write(path, corpus(n))
    base = run(exe, ["annotate", "--input", "jsonl", path])
    ck.eq(base[0], 3, "one thread: exit status with bad lines")
    docs = jsonl(base[1])
    ck.eq(len(docs), n, "one thread: one object per line")
    ck.eq(sum(1 for x in docs if "error" in x),
          sum(1 for i in range(n) if i % 97 == 5 or i % 131 == 7), "bad lines give error objects")
    for threads in ("2", "3", "8"):
        got = run(exe, ["annotate", "--input", "jsonl", "--threads", threads, path])
        ck.eq(got[0], base[0], f"--threads {threads}: exit status")
        ck.check(got[1] == base[1], f"--threads {threads}: the same output bytes, in input order")
        ck.eq(got[2], base[2], f"--threads {threads}: the same messages, in order")
    # standard input and several files
    both = run(exe, ["annotate", "--input", "jsonl", "--threads", "2", path, "-"],
               stdin=corpus(30))
    one = run(exe, ["annotate", "--input", "jsonl", path, "-"], stdin=corpus(30))
    ck.check(both[1] == one[1] and both[0] == one[0], "--threads with two inputs, one of them stdin")
    # a missing file between two: its message in its place among the lines' messages
    small = write(os.path.join(d, "kecil.jsonl"), corpus(200))
    files = [small, os.path.join(d, "tidak-ada.jsonl"), small]
    one = run_bytes(exe, ["annotate", "--input", "jsonl"] + files)
    ck.eq(one[0], 1, "a missing file: exit status 1")
    ck.check(one[2].count(b"tidak-ada.jsonl") == 1, "a missing file: its message")
    for threads in ("2", "8"):
        got = run_bytes(exe, ["annotate", "--input", "jsonl", "--threads", threads] + files)
        ck.check(got == one, f"a missing file --threads {threads}: the same bytes and status")
    # a full disk: the same message and status; the program ends at once, as with one thread,
    # its threads with it (not joined: ThreadSanitizer is told not to report that)
    full = []
    env = dict(os.environ)
    env["TSAN_OPTIONS"] = env.get("TSAN_OPTIONS", "") + " report_thread_leaks=0"
    for threads in ("1", "2", "8"):
        with open("/dev/full", "wb") as out:
            p = subprocess.run([exe, "annotate", "--input", "jsonl", "--threads", threads, path],
                               stdout=out, stderr=subprocess.PIPE, timeout=300, env=env)
        full.append((p.returncode, p.stderr))
    ck.eq(full[0][0], 1, "/dev/full: exit status")
    ck.check(full[0][1].endswith(b"idner: standard output: No space left on device\n"),
             f"/dev/full: the message {full[0][1][-200:]!r}")
    ck.check(full[1] == full[0] and full[2] == full[0], f"/dev/full with threads: {full!r}")
    for bad in (["--threads", "0"], ["--threads", "dua"], ["--threads", "65"],
                ["--threads", "2", "--input", "text"], ["--threads", "2", "--output", "json"]):
        args = bad if "--input" in bad else ["--input", "jsonl"] + bad
        st, out, err = run(exe, ["annotate"] + args + [path])
        ck.eq(st, 1, f"usage error {' '.join(bad)}")
        ck.check(err.startswith("idner: "), f"message for {' '.join(bad)}")
    ck.done()


if __name__ == "__main__":
    main()
