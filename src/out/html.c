/*
 * out/html.c: --output html: one self-contained HTML5 page to look at what idner found
 * (issue 15). No scripts, fonts or style sheets from elsewhere: the style is in the page, and
 * everything the page prints is escaped (out_put_xml).
 *
 *   <header>  title, legend (one chip per type)
 *   <main>    one <section class="doc" id="dN"> per document, as it arrives: its id, reference
 *             date and entity count, then the text (white space kept, so paragraph breaks
 *             show) with every entity as
 *               <mark class="ent" data-type="PER" data-start="20" data-end="33"
 *                     data-canonical="..." data-id="..." data-source="..." title="...">
 *             (offsets in code points, as in JSON; one data- attribute per optional field of
 *             out/fields.c, and the same fields in the title, which shows on hover); the type
 *             label beside the span is drawn by CSS (::after), so the mark's text is the
 *             entity's text exactly
 *   <nav>     the table of contents, linking every section; written last (it is collected in
 *             a temporary file meanwhile, so memory does not grow with the corpus) and drawn
 *             beside the documents by CSS
 *
 * Colours follow the reader's system setting (prefers-color-scheme): light marks with dark
 * text, or dark marks with light text, each pair with a contrast ratio of at least 7:1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/fields.h"
#include "out/writer.h"

/* Per type: name, label, light background, dark background. Light marks carry the text
 * colour #1a1a1a, dark marks #f4f4f4 (tests/cli/test_html.py checks the contrast). */
static const char *const types[][4] = {
    {"PER", "person", "#ffd8c2", "#7a2e0b"}, {"ORG", "organization", "#cfe3fa", "#1d4a7a"},
    {"LOC", "place", "#cdeccf", "#1f5c2a"},  {"DATE", "date", "#e4dbf7", "#4b3584"},
    {"TIME", "time", "#f9d4dc", "#7d2339"},
};
#define N_TYPES (sizeof types / sizeof types[0])

static const char style[] =
    ":root{color-scheme:light dark;--bg:#ffffff;--fg:#1a1a1a;--muted:#555;--line:#ddd;"
    "--mark-fg:#1a1a1a;--label:#333}\n"
    "@media (prefers-color-scheme: dark){:root{--bg:#16181c;--fg:#e8e8e8;--muted:#aaa;"
    "--line:#333;--mark-fg:#f4f4f4;--label:#ddd}}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,sans-serif;"
    "display:grid;grid-template-columns:minmax(12em,18em) 1fr;grid-template-areas:"
    "'head head' 'toc main'}\n"
    "header{grid-area:head;padding:.8em 1.5em;border-bottom:1px solid var(--line)}\n"
    "header h1{font-size:1.3em;margin:0 0 .3em}\n"
    ".legend span{margin-right:.6em}\n"
    "nav{grid-area:toc;padding:1em;border-right:1px solid var(--line);position:sticky;top:0;"
    "align-self:start;max-height:100vh;overflow:auto;font-size:.9em}\n"
    "nav ol{padding-left:1.5em;margin:0}\n"
    "nav a{color:inherit}\n"
    "main{grid-area:main;padding:0 1.5em 2em;min-width:0}\n"
    "section.doc{border-bottom:1px solid var(--line);padding:1em 0}\n"
    "section.doc h2{font-size:1.05em;margin:0;overflow-wrap:anywhere}\n"
    ".meta{color:var(--muted);font-size:.85em;margin:.2em 0 .6em}\n"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}\n"
    ".error{color:#b00020}\n"
    "@media (prefers-color-scheme: dark){.error{color:#ff8a80}}\n"
    "mark.ent{color:var(--mark-fg);border-radius:.25em;padding:0 .15em}\n"
    "mark.ent::after{content:attr(data-type);font-size:.62em;font-weight:700;"
    "letter-spacing:.03em;margin-left:.3em;vertical-align:.15em;opacity:.85}\n"
    "@media (max-width:50em){body{display:block}nav{position:static;max-height:none;"
    "border-right:0;border-bottom:1px solid var(--line)}}\n";

typedef struct html {
    FILE *toc; /* the table of contents so far */
    buf note;
} html;

static int
put_num(out_writer *w, size_t v)
{
    char d[24];
    int n = snprintf(d, sizeof d, "%zu", v);
    return out_put(w, d, (size_t)n);
}

static int
html_open(out_writer *w)
{
    html *h = calloc(1, sizeof *h);
    if (!h)
        return out_fail(w, "out of memory");
    w->state = h;
    h->toc = tmpfile();
    if (!h->toc)
        return out_fail(w, "a temporary file for the table of contents: %s", strerror(errno));
    if (out_puts(w, "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"idner ") ||
        out_puts_xml(w, w->run.version ? w->run.version : idner_version()) ||
        out_puts(w, "\">\n<title>idner</title>\n<style>\n") || out_puts(w, style))
        return -1;
    for (size_t i = 0; i < N_TYPES; i++) {
        char rule[200];
        snprintf(rule, sizeof rule,
                 "mark.ent[data-type=\"%s\"]{background:%s}\n"
                 "@media (prefers-color-scheme: dark){mark.ent[data-type=\"%s\"]{background:%s}}\n",
                 types[i][0], types[i][2], types[i][0], types[i][3]);
        if (out_puts(w, rule))
            return -1;
    }
    if (out_puts(w, "</style>\n</head>\n<body>\n<header>\n<h1>idner: entities found</h1>\n"
                    "<p class=\"legend\">"))
        return -1;
    for (size_t i = 0; i < N_TYPES; i++)
        if (out_puts(w, "<span><mark class=\"ent\" data-type=\"") || out_puts(w, types[i][0]) ||
            out_puts(w, "\">") || out_puts(w, types[i][1]) || out_puts(w, "</mark></span>"))
            return -1;
    return out_puts(w, "</p>\n</header>\n<main>\n");
}

/* The opening tag of entity E's mark. */
static int
mark_open(out_writer *w, html *h, const idner_entity *e)
{
    const char *type = idner_type_name(e->type);

    if (out_puts(w, "<mark class=\"ent\" data-type=\"") || out_puts_xml(w, type ? type : "") ||
        out_puts(w, "\" data-start=\"") || put_num(w, e->start) || out_puts(w, "\" data-end=\"") ||
        put_num(w, e->end) || out_puts(w, "\""))
        return -1;
    for (const out_field *f = out_fields; f->name; f++) {
        const char *v = f->kind == OUT_FIELD_FLAG ? (out_field_flag(e, f) ? "true" : NULL)
                                                  : out_field_str(e, f);
        if (!v)
            continue;
        if (out_puts(w, " data-"))
            return -1;
        for (const char *p = f->name; *p; p++) /* data-weekday-conflict: dataset.weekdayConflict */
            if (out_put(w, *p == '_' ? "-" : p, 1))
                return -1;
        if (out_puts(w, "=\"") || out_puts_xml(w, v) || out_puts(w, "\""))
            return -1;
    }
    if (out_fields_note(e, &h->note) != 0)
        return out_fail(w, "out of memory");
    return out_puts(w, " title=\"") || out_puts_xml(w, type ? type : "") ||
           (h->note.n && (out_puts(w, ": ") || out_put_xml(w, h->note.p, h->note.n))) ||
           out_puts(w, "\">");
}

/* The document id as shown: a string as it is, anything else as its JSON. */
static const char *
shown_id(const out_doc *d)
{
    if (!d->id)
        return "null";
    if (json_object_is_type(d->id, json_type_string))
        return json_object_get_string(d->id);
    return json_object_to_json_string_ext(d->id, JSON_C_TO_STRING_PLAIN);
}

/* One line of the table of contents, into the temporary file (the sink is switched to it for
 * the while, so the same escaping and checks apply). */
static int
toc_entry(out_writer *w, html *h, const char *anchor, const char *id, const out_doc *d)
{
    out_sink page = w->sink;
    char count[40];
    int r;

    w->sink = (out_sink){.f = h->toc, .name = "the table of contents (a temporary file)"};
    if (d->result)
        snprintf(count, sizeof count, " <small>%zu</small>", idner_result_count(d->result));
    else
        snprintf(count, sizeof count, " <small class=\"error\">error</small>");
    r = out_puts(w, "<li><a href=\"#") || out_puts(w, anchor) || out_puts(w, "\">") ||
        out_puts_xml(w, id) || out_puts(w, "</a>") || out_puts(w, count) || out_puts(w, "</li>\n");
    w->sink = page;
    return r;
}

static int
html_document(out_writer *w, const out_doc *d)
{
    html *h = w->state;
    const idner_result *r = d->result;
    const char *id = shown_id(d);
    char anchor[32];
    size_t pos = 0;

    snprintf(anchor, sizeof anchor, "d%zu", w->docs + 1);
    if (toc_entry(w, h, anchor, id, d) || out_puts(w, "<section class=\"doc\" id=\"") ||
        out_puts(w, anchor) || out_puts(w, "\">\n<h2>") || out_puts_xml(w, id) ||
        out_puts(w, "</h2>\n"))
        return -1;
    if (!r)
        return out_puts(w, "<p class=\"error\">could not be annotated: ") ||
               out_puts_xml(w, d->error ? d->error : "error") || out_puts(w, "</p>\n</section>\n");
    if (out_puts(w, "<p class=\"meta\">") ||
        (d->ref_date && (out_puts(w, "reference date ") || out_puts_xml(w, d->ref_date) ||
                         out_puts(w, " &middot; "))) ||
        put_num(w, idner_result_count(r)) ||
        out_puts(w, idner_result_count(r) == 1 ? " entity" : " entities") ||
        (d->warning && (out_puts(w, " &middot; <span class=\"error\">") ||
                        out_puts_xml(w, d->warning) || out_puts(w, "</span>"))) ||
        out_puts(w, "</p>\n<div class=\"text\">"))
        return -1;
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (out_put_xml(w, d->text + pos, e->byte_start - pos) || mark_open(w, h, e) ||
            out_put_xml(w, d->text + e->byte_start, e->byte_end - e->byte_start) ||
            out_puts(w, "</mark>"))
            return -1;
        pos = e->byte_end;
    }
    return out_put_xml(w, d->text + pos, d->len - pos) || out_puts(w, "</div>\n</section>\n");
}

static int
html_close(out_writer *w)
{
    html *h = w->state;
    char block[1 << 14];
    size_t got;
    int r = 0;

    if (!h)
        return 0;
    if (h->toc) {
        r = out_puts(w, "</main>\n<nav>\n<h2>Documents</h2>\n<ol>\n");
        rewind(h->toc);
        while (!r && (got = fread(block, 1, sizeof block, h->toc)) > 0)
            r = out_put(w, block, got);
        if (!r && ferror(h->toc))
            r = out_fail(w, "the table of contents: %s", strerror(errno));
        r = r || out_puts(w, "</ol>\n</nav>\n</body>\n</html>\n");
        fclose(h->toc);
    }
    buf_free(&h->note);
    free(h);
    w->state = NULL;
    return r;
}

const out_format out_html = {"html", 0, html_open, html_document, html_close, NULL};
