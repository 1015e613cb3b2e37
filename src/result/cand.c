/*
 * cand.c: the growable candidate array shared by all stages.
 */
#include <stdlib.h>
#include <string.h>

#include "result/cand.h"
#include "core/mem.h"

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
        mem_huge(v, cap * sizeof *v);
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

int
cand_set_value(cand_list *l, cand *c, const char *s)
{
    size_t n = strlen(s) + 1;
    if (n == 1) {
        c->value_off = 0;
        return 0;
    }
    if (l->values_len == 0)
        l->values_len = 1; /* offset 0 is "" */
    if (l->values_len + n > l->values_cap) {
        size_t cap = l->values_cap ? l->values_cap * 2 : 1024;
        while (cap < l->values_len + n)
            cap *= 2;
        if (cap > UINT32_MAX)
            return -1;
        char *v = realloc(l->values, cap);
        if (!v)
            return -1;
        v[0] = '\0';
        l->values = v;
        l->values_cap = cap;
        mem_huge(v, cap);
    }
    memcpy(l->values + l->values_len, s, n);
    c->value_off = (uint32_t)l->values_len;
    l->values_len += n;
    return 0;
}

void
cand_list_free(cand_list *l)
{
    free(l->v);
    free(l->values);
    memset(l, 0, sizeof *l);
}

/* Room for one more element of SIZE in *V (of *N, *CAP); -1 when memory runs out. */
static int
grow(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 32;
    void *p = realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

void
cand_note(cand_list *l, cand *c, cand_why w)
{
    cand_explain *x = l->x;
    if (!x)
        return;
    if (x->nwhy >= UINT32_MAX - 1 || grow((void **)&x->why, x->nwhy, &x->capwhy, sizeof w)) {
        x->nomem = 1;
        return;
    }
    w.prev = c->why;
    x->why[x->nwhy++] = w;
    c->why = (uint32_t)x->nwhy;
}

void
cand_lose(cand_list *l, const cand *c, enum lost_reason reason, const cand *by)
{
    cand_explain *x = l->x;
    if (!x)
        return;
    if (grow((void **)&x->lost, x->nlost, &x->caplost, sizeof *x->lost)) {
        x->nomem = 1;
        return;
    }
    cand_lost *o = &x->lost[x->nlost++];
    memset(o, 0, sizeof *o);
    o->c = *c;
    o->reason = (uint8_t)reason;
    o->stage = x->stage;
    if (by) {
        o->by_type = by->type;
        o->by_source = by->source;
        o->by_start = by->byte_start;
        o->by_end = by->byte_end;
    }
}

void
cand_explain_free(cand_explain *x)
{
    free(x->why);
    free(x->lost);
    memset(x, 0, sizeof *x);
}
