"""Reads a page of `idner annotate --output html` (or the DOM Chromium dumps of it) with
Python's html.parser: its documents (section id, heading, text, marks with their attributes
and text), its table of contents, what it loads from elsewhere, and its colours."""
import html.parser
import re

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col",
        "embed", "param", "track"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.docs = []        # {"id", "heading", "text", "marks": [{"attrs", "text"}], "meta"}
        self.toc = []         # (href, text)
        self.legend = []      # data-type of the legend's marks
        self.tags = []        # every start tag: (name, attrs)
        self.style = ""
        self.errors = []      # end tags that do not close what is open
        self._mark = None
        self._link = None

    def _in(self, tag, cls=None):
        return any(t == tag and (cls is None or cls in (a.get("class") or "").split())
                   for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "section" and "doc" in (a.get("class") or "").split():
            self.docs.append({"id": a.get("id"), "heading": "", "text": "", "marks": [],
                              "meta": ""})
        if tag == "mark" and self._in("div", "text"):
            self._mark = {"attrs": a, "text": ""}
            self.docs[-1]["marks"].append(self._mark)
        if tag == "mark" and self._in("p", "legend"):
            self.legend.append(a.get("data-type"))
        if tag == "a" and self._in("nav"):
            self._link = [a.get("href"), ""]
            self.toc.append(self._link)
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            while self.stack and self.stack[-1][0] != tag:
                self.stack.pop()
        if self.stack:
            self.stack.pop()
        if tag == "mark":
            self._mark = None
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._in("style"):
            self.style += data
        if self._link is not None:
            self._link[1] += data
        if not self.docs or not self._in("section"):
            return
        doc = self.docs[-1]
        if self._in("h2"):
            doc["heading"] += data
        elif self._in("p", "meta"):
            doc["meta"] += data
        elif self._in("div", "text"):
            doc["text"] += data
            if self._mark is not None:
                self._mark["text"] += data


def parse(text):
    p = Page()
    p.feed(text)
    p.close()
    return p


def colours(style):
    """{scheme: {"fg": mark text colour, TYPE: background}} from the page's style."""
    out = {"light": {}, "dark": {}}
    dark_blocks = re.findall(r"@media \(prefers-color-scheme: dark\)\{(.*?\})\}", style)
    light = re.sub(r"@media \(prefers-color-scheme: dark\)\{.*?\}\}", "", style)
    for scheme, css in (("light", light), ("dark", "".join(dark_blocks))):
        m = re.search(r"--mark-fg:(#[0-9a-f]{6})", css)
        out[scheme]["fg"] = m.group(1) if m else None
        for ty, bg in re.findall(r'mark\.ent\[data-type="(\w+)"\]\{background:(#[0-9a-f]{6})\}',
                                 css):
            out[scheme][ty] = bg
    return out


def contrast(a, b):
    """The WCAG 2 contrast ratio of two colours #rrggbb."""
    def lum(h):
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def check_docs(t, page, docs, texts, what):
    """Every document of PAGE against its JSON object and text: the section's text is the
    document's, its marks are the entities (type, offsets, text, fields)."""
    t.eq(len(page.docs), len(docs), f"{what}: one section per document")
    for n, (sec, doc, text) in enumerate(zip(page.docs, docs, texts), 1):
        name = f"{what}: document {n}"
        t.eq(sec["id"], f"d{n}", f"{name}: section id")
        want_id = doc["id"] if isinstance(doc["id"], str) else \
            ("null" if doc["id"] is None else str(doc["id"]))
        t.eq(sec["heading"], want_id, f"{name}: heading is the id")
        if "error" in doc:
            continue
        t.eq(sec["text"], text, f"{name}: the section's text is the document's")
        got = [(m["attrs"].get("data-type"), int(m["attrs"].get("data-start", -1)),
                int(m["attrs"].get("data-end", -1)), m["text"]) for m in sec["marks"]]
        want = [(e["type"], e["start"], e["end"], e["text"]) for e in doc["entities"]]
        t.eq(got, want, f"{name}: marks are the entities")
        for m, e in zip(sec["marks"], doc["entities"]):
            t.eq(text[int(m["attrs"]["data-start"]):int(m["attrs"]["data-end"])], m["text"],
                 f"{name}: data-start/data-end cut the text to the mark")
            for key in ("canonical", "id", "subtype", "iso", "value", "mod", "source"):
                t.eq(m["attrs"].get("data-" + key), e.get(key), f"{name}: data-{key}")
            t.check((m["attrs"].get("title") or "").startswith(e["type"]),
                    f"{name}: the title names the type")
            if e.get("canonical"):
                t.check(e["canonical"] in m["attrs"]["title"], f"{name}: the title has more")
