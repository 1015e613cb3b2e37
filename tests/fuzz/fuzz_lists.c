/*
 * fuzz_lists.c: see fuzz_lists.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "fuzz_cli.h"
#include "fuzz_lists.h"

size_t
fuzz_gaz_check(const gaz *g, const char *text, size_t len, tok_list *tl, cand_list *cl)
{
    if (tok_run(tl, text, len) != IDNER_OK)
        abort();
    cl->n = 0;
    if (gaz_run(g, text, tl, cl) != IDNER_OK)
        abort();
    for (size_t i = 0; i < cl->n; i++) {
        const cand *c = &cl->v[i];
        if (c->tok_start >= c->tok_end || c->tok_end > tl->n ||
            c->byte_start != tl->v[c->tok_start].byte_start ||
            c->byte_end <= tl->v[c->tok_end - 1].byte_start ||
            c->byte_end > tl->v[c->tok_end - 1].byte_end || c->byte_end > len ||
            c->type < IDNER_PER || c->type > IDNER_LOC || !c->canonical)
            FUZZ_FAIL("bad candidate %zu: bytes [%u, %u) tokens [%u, %u) of %zu, type %u", i,
                      c->byte_start, c->byte_end, c->tok_start, c->tok_end, tl->n, c->type);
    }
    return cl->n;
}

void
fuzz_annotate_check(const idner_model *m, const char *text, size_t len, uint32_t flags)
{
    idner_annotate_options ao;
    idner_annotate_options_init(&ao);
    ao.flags = flags;
    ao.ref_date = "2024-11-03";
    idner_result *r = NULL;
    idner_error err;
    idner_status st = idner_annotate(m, text, len, &ao, &r, &err);
    if (st == IDNER_ERR_LIMIT && !r)
        return;
    if (st != IDNER_OK || !r)
        FUZZ_FAIL("idner_annotate: %s", err.message);
    size_t end = 0;
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (e->byte_start < end || e->byte_end <= e->byte_start || e->byte_end > len ||
            (e->byte_end < len && (text[e->byte_end] & 0xC0) == 0x80) ||
            (text[e->byte_start] & 0xC0) == 0x80 ||
            memcmp(e->text, text + e->byte_start, e->byte_end - e->byte_start) != 0 ||
            e->text[e->byte_end - e->byte_start] != '\0')
            FUZZ_FAIL("bad entity %zu [%zu, %zu) of %zu bytes", i, e->byte_start, e->byte_end, len);
        end = e->byte_end;
    }
    idner_result_free(r);
}

char *
fuzz_first_columns(const uint8_t *s, size_t n, const char *tail, size_t *len)
{
    size_t tn = tail ? strlen(tail) : 0;
    char *out = malloc(n + tn + 2); /* a "\n" after the last line too, and the NUL */
    size_t k = 0;
    if (!out)
        abort();
    for (size_t i = 0; i < n;) {
        const uint8_t *nl = memchr(s + i, '\n', n - i);
        size_t ll = nl ? (size_t)(nl - (s + i)) : n - i;
        const uint8_t *tab = memchr(s + i, '\t', ll);
        size_t cl = tab ? (size_t)(tab - (s + i)) : ll;
        if (text_utf8_invalid_at((const char *)s + i, cl) == SIZE_MAX && !memchr(s + i, '\0', cl)) {
            memcpy(out + k, s + i, cl);
            k += cl;
            out[k++] = '\n';
        }
        i += ll + 1;
    }
    if (tn)
        memcpy(out + k, tail, tn);
    k += tn;
    out[k] = '\0';
    *len = k;
    return out;
}

int
fuzz_list_error_ok(const idner_error *err, const char *path)
{
    size_t n = strlen(path);
    return err->message[0] && strncmp(err->message, path, n) == 0 && err->message[n] == ':';
}
