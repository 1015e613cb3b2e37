/*
 * cand.c: the growable candidate array shared by all stages.
 */
#include <stdlib.h>
#include <string.h>

#include "cand.h"

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

void
cand_list_free(cand_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
