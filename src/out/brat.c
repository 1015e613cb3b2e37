/*
 * out/brat.c: --output brat -o DIR: brat's standoff format, for correcting idner's output in
 * the brat annotation tool. Per document, DIR/NAME.txt (the document text, byte for byte) and
 * DIR/NAME.ann:
 *
 *   T1<TAB>PER 20 33<TAB>Retno Marsudi
 *   #1<TAB>AnnotatorNotes T1<TAB>canonical=Retno Marsudi; id=idner:per/retno-marsudi; ...
 *
 * Offsets count code points (brat reads the text as Python does); an entity with a tab or a
 * line break inside is written as fragments around it ("T2<TAB>LOC 0 7;8 12<TAB>Kampung Hijau"),
 * as brat wants for a span that crosses a line. The notes hold every optional field of the
 * entity (out/fields.c). DIR/annotation.conf declares the five entity types. NAME comes from
 * the document (out_file_base). A document that could not be annotated gets no files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/writer.h"

static int
is_break(unsigned char ch)
{
    return ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* "START END[;START END...]" of entity E, and its text with each break run as one space. */
static int
spans(out_writer *w, const idner_entity *e, buf *text)
{
    const char *s = e->text;
    size_t n = e->byte_end - e->byte_start, cp = e->start, frag_start = e->start;
    int in_frag = 1, first = 1;
    char num[48];

    text->n = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char ch = i < n ? (unsigned char)s[i] : '\n';
        if (is_break(ch)) {
            if (in_frag) {
                snprintf(num, sizeof num, "%s%zu %zu", first ? "" : ";", frag_start, cp);
                if (out_puts(w, num) != 0)
                    return -1;
                first = 0;
                in_frag = 0;
            }
        } else {
            if (!in_frag) {
                frag_start = cp;
                in_frag = 1;
                if (text->n && buf_append(text, " ", 1) != 0)
                    return out_fail(w, "out of memory");
            }
            if (buf_append(text, (const char *)&s[i], 1) != 0)
                return out_fail(w, "out of memory");
        }
        if (i < n && (ch & 0xC0) != 0x80)
            cp++;
    }
    return 0;
}

typedef struct brat {
    buf name, text, note;
} brat;

static int
brat_open(out_writer *w)
{
    static const char conf[] = "# Entity types written by idner (--output brat).\n"
                               "[entities]\nPER\nORG\nLOC\nDATE\nTIME\n"
                               "[relations]\n[events]\n[attributes]\n";
    if (!(w->state = calloc(1, sizeof(brat))))
        return out_fail(w, "out of memory");
    return out_file_begin(w, "annotation", ".conf") || out_puts(w, conf) || out_file_end(w);
}

static int
brat_document(out_writer *w, const out_doc *d)
{
    brat *b = w->state;
    char id[80];

    if (!d->result)
        return 0;
    if (out_file_base(w, d, &b->name) != 0)
        return out_fail(w, "out of memory");
    if (out_file_begin(w, b->name.p, ".txt") || out_put(w, d->text, d->len) || out_file_end(w) ||
        out_file_begin(w, b->name.p, ".ann"))
        return -1;
    for (size_t i = 0; i < idner_result_count(d->result); i++) {
        const idner_entity *e = idner_result_get(d->result, i);
        snprintf(id, sizeof id, "T%zu\t", i + 1);
        if (out_puts(w, id) || out_puts(w, idner_type_name(e->type)) || out_put(w, " ", 1) ||
            spans(w, e, &b->text) || out_put(w, "\t", 1) || out_put(w, b->text.p, b->text.n) ||
            out_put(w, "\n", 1))
            return -1;
        if (out_fields_note(e, &b->note) != 0)
            return out_fail(w, "out of memory");
        if (b->note.n == 0)
            continue;
        snprintf(id, sizeof id, "#%zu\tAnnotatorNotes T%zu\t", i + 1, i + 1);
        if (out_puts(w, id) || out_put(w, b->note.p, b->note.n) || out_put(w, "\n", 1))
            return -1;
    }
    return out_file_end(w);
}

static int
brat_close(out_writer *w)
{
    brat *b = w->state;
    if (b) {
        buf_free(&b->name);
        buf_free(&b->text);
        buf_free(&b->note);
        free(b);
        w->state = NULL;
    }
    return 0;
}

const out_format out_brat = {"brat", OUT_TO_DIR, brat_open, brat_document, brat_close, NULL};
