#!/usr/bin/env python3
"""--output html in a real browser (issue 15): headless Chromium (Debian's chromium) renders
the page of the bundled examples (data/examples/berita.jsonl); the DOM it dumps holds every
document's text and every entity's mark with the JSON offsets; its screenshots, light and dark
(the page follows the system's colour scheme), are real pictures, the dark one darker.
Exits 77 (skipped) when Chromium is not installed (tools/setup --deps --test installs it).

usage: test_html_browser.py PATH-TO-idner SOURCE-DIR [SCREENSHOT.png]
  SCREENSHOT.png: also keep the light screenshot there (ninja -C build screenshot writes
  docs/html-output.png, the README's picture)"""
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib

from clitest import Checker, jsonl, run, tmpdir
from htmlpage import check_docs, parse

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
SIZE = (1200, 900)


def chromium(browser, d, args, url):
    profile = os.path.join(d, f"profile-{len(os.listdir(d))}")
    os.mkdir(profile)
    p = subprocess.run([browser] + FLAGS + [f"--user-data-dir={profile}"] + args + [url],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def png_pixels(path, rows=300):
    """(width, height, mean luminance 0..255 of the first ROWS rows) of an 8-bit RGB or RGBA
    PNG (the top of the page has the header, the legend and text: enough to tell the scheme,
    and much quicker to decode in Python than the whole picture)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour type {colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    total, i = 0, 0
    rows = min(rows, height)
    for _ in range(rows):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        total += sum(line[0::bpp]) * 0.2126 + sum(line[1::bpp]) * 0.7152 + \
            sum(line[2::bpp]) * 0.0722
        prev = line
    return width, height, total / (width * rows)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    exe, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("skipped: chromium is not installed (Debian: chromium)")
        sys.exit(77)
    t = Checker()
    d = tmpdir()
    profiles = os.path.join(d, "profiles")
    os.mkdir(profiles)
    src = os.path.join(source, "data", "examples", "berita.jsonl")
    with open(src, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", src])
    t.eq(rc, 0, f"jsonl: exit status ({err.strip()})")
    docs = jsonl(out)
    page = os.path.join(d, "berita.html")
    rc, out, err = run(exe, ["annotate", "--input", "jsonl", "--output", "html", "-o", page, src])
    t.eq(rc, 0, f"html: exit status ({err.strip()})")
    url = "file://" + page

    rc, dom, err = chromium(browser, profiles, ["--dump-dom"], url)
    t.eq(rc, 0, f"chromium --dump-dom: exit status ({err.strip()[-300:]})")
    parsed = parse(dom)
    check_docs(t, parsed, docs, texts, "Chromium's DOM")
    types = {e["type"] for doc in docs for e in doc["entities"]}
    t.eq(types, {"PER", "ORG", "LOC", "DATE", "TIME"}, "the example has every type")
    t.eq(len(parsed.toc), len(docs), "Chromium's DOM: the table of contents")

    shots = {}
    for scheme, extra in (("light", []), ("dark", ["--force-dark-mode"])):
        png = os.path.join(d, f"{scheme}.png")
        rc, out, err = chromium(browser, profiles, extra + [f"--window-size={SIZE[0]},{SIZE[1]}",
                                                            f"--screenshot={png}"], url)
        t.check(rc == 0 and os.path.exists(png), f"{scheme} screenshot ({err.strip()[-300:]})")
        if os.path.exists(png):
            w, h, lum = png_pixels(png)
            shots[scheme] = lum
            t.eq((w, h), SIZE, f"{scheme} screenshot size")
            print(f"{scheme} screenshot: {os.path.getsize(png)} bytes, mean luminance {lum:.0f}")
    if len(shots) == 2:
        t.check(shots["light"] > 200 and shots["dark"] < 60,
                f"the light page is light and the dark page dark: {shots}")
    if len(sys.argv) == 4 and os.path.exists(os.path.join(d, "light.png")):
        shutil.copyfile(os.path.join(d, "light.png"), sys.argv[3])
        print(f"screenshot kept: {sys.argv[3]}")
    t.done()


if __name__ == "__main__":
    main()
