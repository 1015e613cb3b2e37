/*
 * cand.c: the growable candidate array shared by all stages.
 */
#include <stdlib.h>
#include <string.h>

#include "result/cand.h"

cand *
cand_push(cand_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        cand *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    cand *c = &l->v[l->n++];
    memset(c, 0, sizeof *c);
    return c;
}

cand *
cand_push_span(cand_list *l, const tok_list *tl, size_t a, size_t b, idner_type type,
               enum cand_source source, int32_t prio)
{
    cand *k = cand_push(l);
    if (!k)
        return NULL;
    k->byte_start = tl->v[a].byte_start;
    k->byte_end = tl->v[b - 1].byte_end;
    k->tok_start = (uint32_t)a;
    k->tok_end = (uint32_t)b;
    k->type = (uint8_t)type;
    k->source = (uint8_t)source;
    k->prio = prio;
    return k;
}

void
cand_list_free(cand_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
