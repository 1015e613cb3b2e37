#!/usr/bin/env python3
"""brat, Label Studio and TimeML read back with each tool's own conventions (issue 12, item 3),
on documents with hostile text (characters beyond U+FFFF, CRLF, a tab and a line break inside
an entity, & < > and quotes, ids with a slash, a repeated id, a null id):

- brat: DIR/annotation.conf; per document NAME.txt equal to the text and NAME.ann whose T
  lines' offsets (code points; fragments around a break) cut the .txt to each entity's text
  and give the JSON type and span, with canonical/id/value in AnnotatorNotes; distinct names;
- Label Studio: a JSON array of tasks whose prediction offsets, in JavaScript string units,
  cut data.text as JavaScript's slice does (checked by node when it is installed, and by
  UTF-16 in Python always) to each entity's text, with the JSON labels;
- TimeML: each .tml parses as XML; its TEXT's character data is the document text; the DCT is
  the reference date; the TIMEX3 elements are the DATE and TIME entities in order, each with
  type, value (absent exactly when the JSON value is null) and mod equal to the JSON.

usage: test_exports.py PATH-TO-idner"""
import glob
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

from clitest import Checker, exe_from_argv, jsonl, run, tmpdir, write, write_jsonl

DOCS = [
    {"id": "berita/1", "date": "2024-11-06", "text": "Penyanyi \U0001F3A4 Raisa tampil di "
     "Jakarta, Sabtu (2/11/2024) pukul 20.00 WIB \U0001F389\U0001F389, kata panitia "
     "\"Konser & Kita\" <resmi>."},
    {"id": "berita/1", "text": "Warga Kampung\tBiru dan Kampung\r\nHijau bergotong royong "
     "sejak awal Oktober lalu.\r\nLalu pada Jumat mereka panen.", "date": "2024-11-06"},
    {"id": None, "text": "Tanpa tanggal: Senin (28/10) di Bandung, pekan lalu, bukan hari "
     "Minggu."},
    {"id": 7, "text": "tidak ada apa-apa"},
]


def annotate(exe, src, gaz, fmt=None, out=None):
    args = ["annotate", "--input", "jsonl", "--gazetteer", gaz, src]
    if fmt:
        args += ["--output", fmt]
    if out:
        args += ["-o", out]
    return run(exe, args)


def brat(t, exe, d, src, gaz, docs):
    out = os.path.join(d, "brat")
    rc, stdout, err = annotate(exe, src, gaz, "brat", out)
    t.eq((rc, stdout), (0, b""), f"brat: exit status ({err.strip()})")
    with open(os.path.join(out, "annotation.conf"), encoding="utf-8") as f:
        conf = f.read()
    t.check(all(f"\n{ty}\n" in conf for ty in ("PER", "ORG", "LOC", "DATE", "TIME")),
            "annotation.conf declares the types")
    names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(out, "*.ann")))
    t.eq(names, sorted(["berita%2F1", "berita%2F1-2", "null", "7"]), "one name per document")
    for doc, src_doc, name in zip(docs, DOCS, ["berita%2F1", "berita%2F1-2", "null", "7"]):
        with open(os.path.join(out, name + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        t.eq(text, src_doc["text"], f"brat {name}.txt is the text")
        ents, notes = {}, {}
        with open(os.path.join(out, name + ".ann"), encoding="utf-8", newline="") as f:
            for line in f.read().split("\n")[:-1]:
                tid, mid, rest = line.split("\t")
                if tid.startswith("T"):
                    ty, spans = mid.split(" ", 1)
                    frags = [tuple(map(int, s.split())) for s in spans.split(";")]
                    t.eq(" ".join(text[a:b] for a, b in frags), rest,
                         f"brat {name} {tid}: the offsets cut the text")
                    ents[tid] = (ty, frags[0][0], frags[-1][1])
                else:
                    t.check(mid.startswith("AnnotatorNotes T"), f"note line {line!r}")
                    notes[mid.split()[1]] = dict(kv.split("=", 1) for kv in rest.split("; "))
        want = [(e["type"], e["start"], e["end"]) for e in doc["entities"]]
        t.eq([ents[k] for k in sorted(ents, key=lambda k: int(k[1:]))], want,
             f"brat {name}: the entities")
        for i, e in enumerate(doc["entities"], 1):
            note = notes.get(f"T{i}", {})
            for key in ("canonical", "id", "value"):
                t.eq(note.get(key), e.get(key), f"brat {name} T{i}: note {key}")
    t.check(any("\t" in e["text"] or "\n" in e["text"] for doc in docs for e in doc["entities"]),
            "an entity with a break inside was tested")


def labelstudio(t, exe, d, src, gaz, docs):
    path = os.path.join(d, "tasks.json")
    rc, stdout, err = annotate(exe, src, gaz, "labelstudio", path)
    t.eq(rc, 0, f"labelstudio: exit status ({err.strip()})")
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    t.eq(len(tasks), len(docs), "one task per document")
    checks = []
    for task, doc, src_doc in zip(tasks, docs, DOCS):
        text = task["data"]["text"]
        t.eq((task["data"]["doc_id"], text), (src_doc["id"], src_doc["text"]), "task data")
        pred = task["predictions"][0]
        t.check(pred["model_version"].startswith("idner "), "model_version")
        units = text.encode("utf-16-le")
        got = []
        for r in pred["result"]:
            v = r["value"]
            t.eq((r["from_name"], r["to_name"], r["type"]), ("label", "text", "labels"),
                 "result names match the labelling config")
            js_slice = units[2 * v["start"]:2 * v["end"]].decode("utf-16-le")
            t.eq(js_slice, v["text"], "UTF-16 offsets cut the text to the entity")
            got.append((v["labels"], v["text"]))
            checks.append([text, v["start"], v["end"], v["text"]])
        t.eq(got, [([e["type"]], e["text"]) for e in doc["entities"]], "the entities")
    astral = [c for c in checks if any(ord(ch) > 0xFFFF for ch in c[0][:c[1]])]
    t.check(astral, "an entity after a character beyond U+FFFF was tested")
    node = shutil.which("node") or shutil.which("nodejs")
    if node:
        script = ("const c = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
                  "const bad = c.filter(([s, a, b, x]) => s.slice(a, b) !== x);"
                  "console.log(JSON.stringify(bad)); process.exit(bad.length ? 1 : 0);")
        p = subprocess.run([node, "-e", script], input=json.dumps(checks).encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        t.eq(p.returncode, 0, f"JavaScript's slice cuts every entity: {p.stdout!r} {p.stderr!r}")
    else:
        print("node not found: JavaScript slicing checked through UTF-16 only")


def timeml(t, exe, d, src, gaz, docs):
    out = os.path.join(d, "tml")
    rc, stdout, err = annotate(exe, src, gaz, "timeml", out)
    t.eq(rc, 0, f"timeml: exit status ({err.strip()})")
    n_timex = 0
    for doc, src_doc, name in zip(docs, DOCS, ["berita%2F1", "berita%2F1-2", "null", "7"]):
        root = ET.parse(os.path.join(out, name + ".tml")).getroot()
        t.eq(root.tag, "TimeML", f"{name}.tml: root element")
        t.eq(root.findtext("DOCID"), "null" if src_doc["id"] is None else str(src_doc["id"]),
             f"{name}.tml: DOCID")
        dct = root.find("DCT/TIMEX3")
        if src_doc.get("date"):
            t.check(dct is not None and dct.get("value") == src_doc["date"] and
                    dct.get("functionInDocument") == "CREATION_TIME", f"{name}.tml: the DCT")
        else:
            t.check(dct is None, f"{name}.tml: no DCT without a reference date")
        body = root.find("TEXT")
        t.eq("".join(body.itertext()), src_doc["text"], f"{name}.tml: TEXT is the document text")
        timex = body.findall("TIMEX3")
        want = [e for e in doc["entities"] if e["type"] in ("DATE", "TIME")]
        t.eq(len(timex), len(want), f"{name}.tml: one TIMEX3 per date and time")
        for i, (x, e) in enumerate(zip(timex, want), 1):
            t.eq(x.get("tid"), f"t{i}", f"{name}.tml: tid")
            t.eq((x.get("type"), x.text, x.get("value"), x.get("mod")),
                 (e["type"], e["text"], e["value"], e.get("mod")), f"{name}.tml: TIMEX3 {i}")
            n_timex += 1
    t.check(n_timex >= 5, f"several TIMEX3 were checked ({n_timex})")
    t.check(any(e["value"] is None for doc in docs for e in doc["entities"]
                if e["type"] in ("DATE", "TIME")), "a null value was checked")
    t.check(any(e.get("mod") for doc in docs for e in doc["entities"]), "a mod was checked")


def main():
    exe = exe_from_argv()
    t = Checker()
    d = tmpdir()
    gaz = write(os.path.join(d, "kampung.tsv"),
                "Kampung Biru\tLOC\tKampung Biru\tuji:biru\tvillage\n"
                "Kampung Hijau\tLOC\tKampung Hijau\tuji:hijau\tvillage\n")
    src = write_jsonl(os.path.join(d, "docs.jsonl"), DOCS)
    rc, out, err = annotate(exe, src, gaz)
    t.eq(rc, 0, f"jsonl: exit status ({err.strip()})")
    docs = jsonl(out)
    brat(t, exe, d, src, gaz, docs)
    labelstudio(t, exe, d, src, gaz, docs)
    timeml(t, exe, d, src, gaz, docs)
    # The per-document formats want a folder; an existing file there is an error.
    for fmt in ("brat", "timeml"):
        rc, out, err = run(exe, ["annotate", "--output", fmt], stdin="Jakarta")
        t.eq(rc, 1, f"--output {fmt} without -o: usage error")
        rc, out, err = run(exe, ["annotate", "--output", fmt, "-o", src], stdin="Jakarta")
        t.check(rc == 1 and err.startswith(f"idner: {src}: "), f"-o onto a file: {err!r}")
    t.done()


if __name__ == "__main__":
    main()
