#!/usr/bin/env python3
"""One huge document a window at a time (issue 13): idner takes a document of more than two
windows (IDNER_WINDOW_BYTES, 256 KiB by default) a window at a time, and its output is byte for
byte the whole document's (IDNER_WINDOW_BYTES=0: windows only where a sentence is cut for its
length, IDNER_SENTENCE_BYTES, 64 KiB by default). Here windows of a few hundred bytes to 4 KB
cut documents written to cross them: an acronym defined in parentheses in one window and used
alone in others, persons named in full and then by one name, dates whose value comes from a
date windows before, clock times alone, gazetteer phrases right after sentence ends, runs of
"(" long and short, a line without spaces, a title-case line. Checked with several stage
switches, --threads 2, and against the memory the windows save.

usage: test_window.py PATH-TO-idner"""
import json
import os
import subprocess
import sys

from clitest import Checker, entity_problems, exe_from_argv, jsonl, tmpdir, write

# Written for this test: invented persons, firms and agencies; real places.
OPENING = (
    "Bogor - Badan Riset Pangan Nusantara (BRPN) meresmikan kebun benih di Kabupaten Bogor, "
    "Jawa Barat, pada Sabtu (9/3/2024). Kepala BRPN, Hendarsih Wiranatakusuma, mengatakan "
    "kebun itu dibangun bersama PT Sumber Tani Lestari. \"Kami mulai dari padi gogo,\" ujar "
    "Hendarsih.\n\n"
)
PARAGRAPHS = [
    "Jawa Barat menyiapkan {n} hektare lahan baru. Menurut Wiranatakusuma, bibit dibagikan "
    "pada Senin (11/3) pukul 08.00 WIB di Balai Desa Cibanteng. Pukul 13.30 WIB rombongan "
    "BRPN bergerak ke Cianjur.",
    "Kabupaten Bogor mencatat panen {n} ton. Ketua Koperasi Tani Makmur, Sutarjo Hadiwinoto, "
    "menyebut harga gabah naik. Dua hari kemudian Sutarjo bertemu Hendarsih di Jakarta.",
    "Sidang gugatan lahan digelar 20 April 2024 di Pengadilan Negeri Cibinong. Kuasa hukum "
    "warga, Ratna Kusumawardani, hadir bersama BRPN. Ratna menolak berkomentar pada Selasa "
    "(23/4).",
    "Di Semarang, Jawa Tengah, Badan Penanggulangan Bencana Daerah (BPBD) memantau banjir di "
    "Kecamatan Genuk pada Kamis malam. Kepala BPBD Semarang Wahyu Prasetyaningrum menyebut "
    "air surut dalam {k} jam. BPBD lalu membuka dapur umum.",
    "Presiden Joko Widodo meninjau Pelabuhan Tanjung Priok, Jakarta Utara. Jokowi didampingi "
    "Gubernur DKI Jakarta. Esok harinya, Rabu (24/4), Presiden terbang ke Makassar.",
    "Harga cabai di Pasar Induk Kramat Jati turun menjadi Rp{n}.000 per kilogram. Pedagang "
    "bernama Maryati mengaku omzetnya turun. Sementara itu Hadiwinoto kembali ke Bogor.",
    "KONFERENSI PANGAN DIGELAR DI BANDUNG PEKAN DEPAN\n"
    "Bandung - Konferensi itu dihadiri wakil Malaysia dan Singapura. Panitia, Dewi Anggraini "
    "(Indonesia), menyebut {n} peserta sudah mendaftar.",
]
PARENS = "(" * 300
PARENS_LONG = "(" * 9000
NO_SPACES = ",".join(["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar"] * 300)


def document(size):
    """About SIZE bytes: the opening, then the paragraphs in turn, with runs of "(" and a
    line without spaces between some of them."""
    parts, n, total = [OPENING], 0, len(OPENING)
    while total < size:
        p = PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n % 97 + 3, k=n % 7 + 2)
        if n % 11 == 5:
            p = PARENS + " " + p
        if n % 23 == 9:
            p += " " + PARENS_LONG + " Budi ( ( ( Hendarsih"
        if n % 31 == 17:
            p += "\n" + NO_SPACES
        parts.append(p + ("\n\n" if n % 3 == 2 else " "))
        total += len(parts[-1].encode())
        n += 1
    return "".join(parts)


def annotate(exe, path, window, opts=(), inp="jsonl", sentence=None):
    env = dict(os.environ, IDNER_WINDOW_BYTES=str(window))
    if sentence:
        env["IDNER_SENTENCE_BYTES"] = str(sentence)
    p = subprocess.run([exe, "annotate", "--input", inp, "--quiet"] + list(opts) + [path],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode()


RSS_RUNNER = """
import os, sys
exe, path, window = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ.pop("MALLOC_PERTURB_", None)
os.environ["IDNER_WINDOW_BYTES"] = window
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(exe, [exe, "annotate", "--quiet", path])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024)
"""


def peak_rss(exe, path, window):
    r = subprocess.run([sys.executable, "-c", RSS_RUNNER, exe, path, str(window)],
                       stdout=subprocess.PIPE, check=True)
    rc, rss = r.stdout.split()
    return int(rc), int(rss)


def same_as_whole(t, exe, d):
    text = document(60 << 10)
    p = write(os.path.join(d, "dokumen.jsonl"),
              json.dumps({"id": "satu", "text": text}, ensure_ascii=False) + "\n")
    rc, whole, err = annotate(exe, p, 0)
    t.eq((rc, err), (0, ""), "the whole document")
    doc = jsonl(whole)[0]
    t.eq(entity_problems(doc, text), [], "the whole document's entities")
    ents = doc["entities"]
    late = len(text) // 2
    # what crosses windows is there to be cut: these hold in the whole document's answer
    brpn = [e for e in ents if e["text"] == "BRPN" and e["start"] > late and
            e["source"] == "alias"]
    t.check(brpn and all(e.get("canonical") == "Badan Riset Pangan Nusantara" for e in brpn),
            f"the acronym defined at the start names the agency far after it ({len(brpn)})")
    wira = [e for e in ents if e["text"] == "Wiranatakusuma" and e["start"] > late]
    t.check(wira and all(e["type"] == "PER" and e.get("canonical") == "Hendarsih Wiranatakusuma"
                         for e in wira), f"a surname alone, far after the full name ({wira[:1]})")
    clock = [e for e in ents if e["text"] == "Pukul 13.30 WIB" and e["start"] > late]
    t.check(clock and all(e.get("value", "").startswith("2024-04-") for e in clock),
            f"a clock time alone takes the day of a date written before it ({clock[:1]})")
    for window in (256, 300, 777, 1000, 1500, 2048, 3333, 4096):
        rc, out, err = annotate(exe, p, window)
        t.check(rc == 0 and out == whole,
                f"windows of {window} bytes: the whole document's bytes ({rc}, {err[:200]})")
    for opts in (["--countries", "places", "--ref-date", "2024-05-01"], ["--no-tagger"],
                 ["--no-rules"], ["--no-alias"], ["--gazetteer-only"], ["--types", "PER,DATE"],
                 ["--exclude", write(os.path.join(d, "ex.txt"), "BRPN\nJakarta\n")],
                 ["--threads", "2"]):
        _, want, _ = annotate(exe, p, 0, opts)
        for window in (256, 1000, 4096):
            rc, out, err = annotate(exe, p, window, opts)
            t.check(rc == 0 and out == want,
                    f"{' '.join(opts)}, windows of {window} bytes: the same bytes ({err[:200]})")
    # the same text as a text file; and --explain keeps the whole-document path
    tp = write(os.path.join(d, "dokumen.txt"), text)
    _, want, _ = annotate(exe, tp, 0, inp="text")
    rc, out, _ = annotate(exe, tp, 512, inp="text")
    t.check(rc == 0 and out == want and jsonl(out)[0]["entities"] == ents,
            "text input, windows of 512 bytes: the same bytes and entities")
    _, want, _ = annotate(exe, p, 0, ["--explain"])
    rc, out, _ = annotate(exe, p, 512, ["--explain"])
    t.check(rc == 0 and out == want, "--explain: the same bytes")


def runs(t, exe, d):
    """Documents that are mostly one long sentence or no sentence at all."""
    cases = {
        "kurung": "(" * 200000,
        "kurung lalu kalimat": "(" * 100000 + " Hendarsih Wiranatakusuma tiba di Bogor. " * 50,
        "kalimat lalu kurung": "Hendarsih tiba di Bogor. " * 50 + "(" * 100000 + " ) Hendarsih",
        "kutip": '"' * 200000,
        # an odd run: the words after it are inside quotes, the parity goes on across windows
        "kutip lalu kalimat": '"' * 100001 + " Hendarsih Wiranatakusuma tiba di Bogor. " * 50,
        "kutip dan kurung": "Hendarsih tiba di Bogor. " + '"( ' * 30000 + '"' * 40001
                            + " Bambang Sulistyo dari Kadin Bogor",
        "tanpa spasi": NO_SPACES * 10,
        "satu kalimat": "Jakarta " * 20000,
        "kurung tutup": ("( " * 3000 + ") " * 3000 + "Kota Bogor (Indonesia) ") * 8,
        # the words after the run are still inside parentheses: the count goes on
        "kurung terbuka": "( " * 3000 + ") " * 2990 + "Rombongan Gubernur Arif Santoso tiba "
                          "di Lapangan Sempur bersama Ketua Kadin Bambang Sulistyo, kata Dewi "
                          "Anggraini kepada Tribun Bogor di Kampung Cibanteng",
    }
    for name, text in cases.items():
        p = write(os.path.join(d, "run.txt"), text)
        _, want, _ = annotate(exe, p, 0, ["--countries", "places"], inp="text")
        for window in (256, 4096):
            rc, out, err = annotate(exe, p, window, ["--countries", "places"], inp="text")
            t.check(rc == 0 and out == want,
                    f"{name}: windows of {window} bytes, the same bytes ({err[:200]})")


def phrases_across_sentences(t, exe, d):
    """Gazetteer names that hold a sentence end ("1. FC Köln": "1." ends a sentence, "FC"
    starts one): no window may end inside them."""
    text = "".join(f"Klub 1. FC Köln menang {k} gol. Klub 1. FC Magdeburg kalah. "
                   for k in range(400))
    p = write(os.path.join(d, "klub.txt"), text)
    _, want, _ = annotate(exe, p, 0, ["--no-tagger"], inp="text")
    ents = jsonl(want)[0]["entities"]
    t.check(sum(e["text"] == "1. FC Köln" for e in ents) == 400,
            "the gazetteer finds the name across its sentence end")
    for window in range(256, 1400, 37):
        rc, out, err = annotate(exe, p, window, ["--no-tagger"], inp="text")
        t.check(rc == 0 and out == want,
                f"1. FC Köln: windows of {window} bytes, the same bytes ({err[:200]})")


def dates_across_sentences(t, exe, d):
    """A range of days written "s. D" ("s.d.", sampai dengan): "." ends a sentence, "D" starts
    one, the date stage's pattern runs on."""
    text = "".join(f"Pameran dibuka {k % 9 + 1} Januari s. D 20 Januari 2024 di Bogor. "
                   for k in range(500))
    p = write(os.path.join(d, "pameran.txt"), text)
    _, want, _ = annotate(exe, p, 0, inp="text")
    ents = jsonl(want)[0]["entities"]
    t.check(sum(e["text"].endswith("Januari s. D 20 Januari 2024") for e in ents) == 500,
            "the range is one date across its sentence end")
    for window in range(256, 1400, 37):
        rc, out, err = annotate(exe, p, window, inp="text")
        t.check(rc == 0 and out == want,
                f"s. D: windows of {window} bytes, the same bytes ({err[:200]})")


def sentence_cuts(t, exe, d):
    """A sentence is cut at its first word past IDNER_SENTENCE_BYTES (64 KiB unless set), and
    the cut always ends a window: the same bytes with windows of any size. Here the test document with no sentence end left (every ". "
    a ", ", every line one), cut every 400 bytes or so."""
    text = document(60 << 10).replace(". ", ", ").replace("\n", " ")
    p = write(os.path.join(d, "satu-kalimat.jsonl"),
              json.dumps({"id": "satu", "text": text}, ensure_ascii=False) + "\n")
    for opts in ([], ["--no-tagger"], ["--countries", "places"], ["--threads", "2"]):
        rc, want, err = annotate(exe, p, 0, opts, sentence=400)
        t.eq((rc, err), (0, ""), f"{' '.join(opts)}: one sentence of 60 KiB cut every 400 bytes")
        for window in (256, 1000, 4096):
            rc, out, err = annotate(exe, p, window, opts, sentence=400)
            t.check(rc == 0 and out == want,
                    f"{' '.join(opts)}, cut every 400 bytes, windows of {window} bytes: the same "
                    f"bytes ({err[:200]})")
    ents = jsonl(want)[0]["entities"]
    t.eq(entity_problems(jsonl(want)[0], text), [], "the cut sentence's entities")
    t.check(len(ents) > 1000 and any(e["type"] == "PER" for e in ents) and
            any(e["type"] == "DATE" and e.get("value") for e in ents),
            f"the cut sentence still has its names and dates ({len(ents)})")
    # a name repeated without end: one PER or ORG of the whole text without the cut
    run = write(os.path.join(d, "jakarta.txt"), "Jakarta " * 20000)
    rc, out, _ = annotate(exe, run, 0, inp="text", sentence=1000)
    longest = max(len(e["text"].encode()) for e in jsonl(out)[0]["entities"])
    t.check(rc == 0 and longest <= 1000 + 8,
            f"no entity runs across a cut, even in the whole document ({longest} bytes)")


def memory(t, exe, d):
    """The windows are used: a run of "(" or of '"' (a token a byte) needs far less memory in
    them."""
    for mark in ("(", '"'):
        p = write(os.path.join(d, "run.txt"), mark * (3 << 20))
        rc0, whole = peak_rss(exe, p, 0)
        rc1, windowed = peak_rss(exe, p, 4096)
        print(f"{mark} x 3 MiB: peak {whole >> 20} MiB whole, {windowed >> 20} MiB in windows of "
              "4 KiB")
        t.check(rc0 == rc1 == 0 and windowed * 3 < whole,
                f"{mark} x 3 MiB: windows hold less than a third of the memory ({windowed} "
                f"against {whole})")


def entity_memory(t, exe, d):
    """Documents dense with entities, 3 MiB in windows of 4 KiB, under a bound per byte:
    - a place a line: its result is made in the memory its windows' candidates give back, and
      the place's names are held once, not per mention (main before issue 13z: 31 bytes per
      byte, then 18);
    - one endless sentence ("di Jakarta, " again and again): cut every 64 KiB and taken in
      windows there (main before the cut: the whole document at once, 23; then 15)."""
    for what, unit, bound in (("a place a line", "Bandung.\n", 24),
                              ("one endless sentence of places", "di Jakarta, ", 20)):
        text = unit * ((3 << 20) // len(unit))
        p = write(os.path.join(d, "padat.txt"), text)
        rc, peak = peak_rss(exe, p, 4096)
        size = len(text.encode())
        print(f"{what}, 3 MiB: peak {peak >> 20} MiB in windows of 4 KiB")
        t.check(rc == 0 and peak < bound * size,
                f"{what}: under {bound} bytes per byte of text ({peak} for {size})")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    same_as_whole(t, exe, d)
    runs(t, exe, d)
    phrases_across_sentences(t, exe, d)
    dates_across_sentences(t, exe, d)
    sentence_cuts(t, exe, d)
    with open(exe, "rb") as f:
        sanitized = any(s in f.read() for s in (b"__asan_init", b"__tsan_init"))
    if not sanitized:  # the sanitizers' shadow memory is no measure of the program's
        memory(t, exe, d)
        entity_memory(t, exe, d)
    return t.done()


if __name__ == "__main__":
    raise SystemExit(main())
