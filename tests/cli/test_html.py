#!/usr/bin/env python3
"""--output html (issue 15), read back with Python's html.parser:

- the page parses with every element closed where it was opened; it is self-contained (no
  script, no element that loads anything, nothing from another address) and UTF-8;
- one section per document with its id and reference date; the section's text is the
  document's (paragraph breaks kept), each entity a mark whose text is the entity's and whose
  data-start/data-end (code points) and data- fields are the JSON's; hostile text (<script>,
  &, quotes, characters beyond U+FFFF, CRLF) comes back as text; a document that could not be
  annotated shows its error;
- a table of contents links every section; a legend shows the five types; every type's mark
  colours keep a contrast ratio of 7:1 or more with the mark text, light and dark;
- the page streams: sections come out while the input is still being read, and memory does
  not grow with the corpus.

usage: test_html.py PATH-TO-idner"""
import json
import os
import subprocess
import sys
import threading
import time

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write, write_jsonl
from htmlpage import check_docs, colours, contrast, parse

DOCS = [
    {"id": "<script>alert('id')</script>", "date": "2024-11-06",
     "text": "Rapat di Jakarta: <script>alert(\"x\")</script> & 'kutip' \"ganda\" \U0001F4E2 "
             "Menteri Luar Negeri Sugiono tiba di Kairo, Mesir, Selasa (5/11/2024)."},
    {"id": 2, "text": "Baris pertama di Surabaya.\r\n\r\nParagraf kedua: warga Kampung \"Biru\" "
                      "& Kampung Hijau \U0001F333 pada pekan lalu."},
    {"id": "rusak", "text": 5},
    {"id": None, "text": "tanpa nama, tanpa tanggal"},
]


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    gaz = write(os.path.join(d, "kampung.tsv"),
                "Kampung \"Biru\"\tLOC\tKampung \"Biru\" & Co\tuji:<biru>\tvillage\n"
                "Kampung Hijau\tLOC\tKampung Hijau\tuji:hijau\tvillage\n")
    src = write_jsonl(os.path.join(d, "docs.jsonl"), DOCS)
    args = ["annotate", "--input", "jsonl", "--gazetteer", gaz, src]
    rc, out, err = run(exe, args)
    t.eq(rc, 3, "jsonl: exit status (one document has no string text)")
    docs = jsonl(out)
    rc, out, err = run(exe, args + ["--output", "html"])
    t.eq(rc, 3, f"html: exit status ({err.strip()})")
    text = out.decode("utf-8")
    page = parse(text)
    t.eq(page.errors, [], "every element is closed where it was opened")
    t.check(text.startswith("<!DOCTYPE html>\n"), "an HTML5 page")
    t.check(("meta", {"charset": "utf-8"}) in page.tags, "declared UTF-8")
    names = {tag for tag, _ in page.tags}
    t.check(not names & {"script", "link", "img", "iframe", "object", "embed", "video",
                         "audio", "source"}, f"nothing loaded or run: {sorted(names)}")
    t.check(not any(k in ("src", "srcset") or (v or "").startswith(("http:", "https:", "//"))
                    for _, a in page.tags for k, v in a.items()), "no address elsewhere")
    t.check("url(" not in page.style and "@import" not in page.style, "the style loads nothing")
    check_docs(t, page, docs, [x["text"] for x in DOCS], "html")
    t.check("\r\n\r\n" in page.docs[1]["text"], "CRLF and the paragraph break kept")
    t.check(page.docs[0]["heading"] == DOCS[0]["id"], "a hostile id is shown as text")
    t.check("could not be annotated" in text and "error" in page.docs[2]["heading"] + text,
            "the failed document shows its error")
    t.check("reference date 2024-11-06" in page.docs[0]["meta"], "the reference date is shown")
    t.check(any(m["attrs"].get("data-canonical") == 'Kampung "Biru" & Co'
                for m in page.docs[1]["marks"]), "quotes and & in an attribute come back")
    last = int(page.docs[0]["marks"][-1]["attrs"]["data-start"])
    t.check(any(ord(ch) > 0xFFFF for ch in DOCS[0]["text"][:last]),
            "an entity after a character beyond U+FFFF was checked")
    t.eq([href for href, _ in page.toc], [f"#d{n}" for n in range(1, len(DOCS) + 1)],
         "the table of contents links every section")
    t.eq([label.strip() for _, label in page.toc],
         [x["id"] if isinstance(x["id"], str) else json.dumps(x["id"]) for x in DOCS],
         "the table of contents names the documents")
    t.eq(page.legend, ["PER", "ORG", "LOC", "DATE", "TIME"], "the legend")
    pal = colours(page.style)
    for scheme in ("light", "dark"):
        for ty in ("PER", "ORG", "LOC", "DATE", "TIME"):
            bg, fg = pal[scheme].get(ty), pal[scheme].get("fg")
            t.check(bg and fg and contrast(bg, fg) >= 7.0,
                    f"{scheme}: {ty} {bg} on {fg}: contrast {bg and fg and contrast(bg, fg):.2f}")
    t.check(pal["light"]["PER"] != pal["dark"]["PER"], "the dark scheme has its own colours")

    # Streaming: the first sections come out while the input is still open.
    p = subprocess.Popen([exe, "annotate", "--input", "jsonl", "--output", "html"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got, seen = [], threading.Event()

    def reader():
        for chunk in iter(lambda: p.stdout.read1(65536), b""):
            got.append(chunk)
            if b"</section>" in b"".join(got):
                seen.set()
    th = threading.Thread(target=reader)
    th.start()
    line = (json.dumps({"text": "Warga Medan menyambut tim dari Jepang. " * 40}) + "\n").encode()
    fed = 0
    while not seen.is_set() and fed < 5000:
        p.stdin.write(line)
        p.stdin.flush()
        fed += 1
        seen.wait(0.002)
    t.check(seen.is_set(), f"sections come out before the input ends ({fed} documents fed)")
    p.stdin.close()
    th.join()
    p.wait()
    page = parse(b"".join(got).decode())
    t.eq(len(page.docs), fed, "every document fed is on the page")
    t.eq(len(page.toc), fed, "and in the table of contents")

    # Memory: a corpus 20 times larger does not need 20 times the memory.
    big = os.path.join(d, "besar.jsonl")
    peaks = []
    for n_docs in (200, 4000):
        with open(big, "wb") as f:
            f.write(line * n_docs)
        # a new interpreter per run, so that its children's peak is this run's
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                 "stdout=subprocess.DEVNULL); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        p = subprocess.run([sys.executable, "-c", probe, exe, "annotate", "--input", "jsonl",
                            "--output", "html", big], stdout=subprocess.PIPE, check=True)
        peaks.append(int(p.stdout) / 1024)
    with open(exe, "rb") as f:
        sanitized = b"__asan_init" in f.read()
    if not sanitized:
        t.check(peaks[1] < peaks[0] + 8, f"peak memory {peaks[0]:.1f} MB -> {peaks[1]:.1f} MB "
                f"for {os.path.getsize(big) / 1e6:.1f} MB of input")
    t.done()


if __name__ == "__main__":
    main()
