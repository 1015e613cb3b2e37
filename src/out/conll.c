/*
 * out/conll.c: --output conll (SPEC.md section 1 and docs/format.md).
 *
 * From CoNLL input, every input line comes back unchanged with the predicted tag appended
 * (the reader, cli/conll.c, sets the tags), and the lines between sentences are copied as
 * they are. From any other input, each document is written in idner's own tokenization:
 * a line "-DOCSTART-<TAB>O" and a blank line, then one token per line, "TOKEN<TAB>TAG" with IOB
 * tags (B-PER, I-PER, ..., O), a blank line after each sentence. A token is cut where an
 * entity begins or ends inside it ("Jokowi-JK" -> "Jokowi", "-JK"), and a sentence is not
 * ended inside an entity, so every entity is exactly a run of B- and I- lines: `idner eval`
 * reading this file back finds the same entities as gold.
 */
#include <stdlib.h>
#include <string.h>

#include "out/writer.h"
#include "tok/tok.h"

static int
line(out_writer *w, const char *s, size_t n, char sep, const char *tag, const char *end)
{
    return out_put(w, s, n) || out_put(w, &sep, 1) || out_puts(w, tag) || out_puts(w, end);
}

/* One token piece S[0, N) with its tag: B-TYPE or I-TYPE for entity E, else O. */
static int
piece(out_writer *w, const char *s, size_t n, const idner_entity *e, int first)
{
    char tag[16] = "O";

    if (e)
        snprintf(tag, sizeof tag, "%s-%s", first ? "B" : "I", idner_type_name(e->type));
    return line(w, s, n, '\t', tag, "\n");
}

static int
conll_tokens(out_writer *w, const out_doc *d)
{
    tok_list *tl = w->state;
    const idner_result *r = d->result;
    size_t k = 0, n = idner_result_count(r), begun = (size_t)-1;

    if (out_puts(w, "-DOCSTART-\tO\n\n") != 0)
        return -1;
    if (!r)
        return 0;
    if (tok_run(tl, d->text, d->len) != IDNER_OK)
        return out_fail(w, "out of memory");
    int open_sentence = 0;
    for (size_t t = 0; t < tl->n; t++) {
        size_t pos = tl->v[t].byte_start, end = tl->v[t].byte_end;

        while (pos < end) {
            const idner_entity *e = NULL;
            size_t cut = end;

            while (k < n && idner_result_get(r, k)->byte_end <= pos)
                k++;
            if (k < n) {
                const idner_entity *x = idner_result_get(r, k);
                if (x->byte_start > pos) {
                    if (x->byte_start < cut)
                        cut = x->byte_start;
                } else {
                    e = x;
                    if (x->byte_end < cut)
                        cut = x->byte_end;
                }
            }
            if (piece(w, d->text + pos, cut - pos, e, e && begun != k) != 0)
                return -1;
            if (e)
                begun = k;
            open_sentence = 1;
            pos = cut;
        }
        /* A sentence ends after its last token, unless an entity goes on past it. */
        int inside = k < n && idner_result_get(r, k)->byte_start < end &&
                     idner_result_get(r, k)->byte_end > end;
        if ((tl->v[t].flags & TOK_F_SENT_END) && !inside && open_sentence) {
            if (out_puts(w, "\n") != 0)
                return -1;
            open_sentence = 0;
        }
    }
    return open_sentence ? out_puts(w, "\n") : 0;
}

static int
conll_document(out_writer *w, const out_doc *d)
{
    if (!d->conll)
        return conll_tokens(w, d);
    for (size_t i = 0; i < d->conll->n; i++) {
        const out_conll_line *l = &d->conll->v[i];
        if (line(w, d->conll->lines + l->off, l->len, l->sep, l->tag[0] ? l->tag : "O", l->end))
            return -1;
    }
    return 0;
}

static int
conll_open(out_writer *w)
{
    w->state = calloc(1, sizeof(tok_list));
    return w->state ? 0 : out_fail(w, "out of memory");
}

static int
conll_close(out_writer *w)
{
    if (w->state) {
        tok_list_free(w->state);
        free(w->state);
        w->state = NULL;
    }
    return 0;
}

const out_format out_conll_format = {"conll", 0, conll_open, conll_document, conll_close, out_put};
