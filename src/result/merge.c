/*
 * merge.c: leftmost-longest selection of candidates (see merge.h).
 */
#include <stdlib.h>
#include <string.h>

#include "result/merge.h"

/* At most this many candidates out of order are inserted one by one; more are sorted. */
#define INSERT_MAX 32

/* Dates and times outrank names on the same span: "Natal" the holiday, "Minggu" the day. */
static int
effective_prio(const cand *c)
{
    return c->prio + (c->source == SRC_DATE ? 100 : 0);
}

static int
cmp_cand(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    if (a->byte_end != b->byte_end)
        return a->byte_end > b->byte_end ? -1 : 1;
    int pa_ = effective_prio(a), pb_ = effective_prio(b);
    if (pa_ != pb_)
        return pa_ > pb_ ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
merge_select(cand_list *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].flags & CAND_DROPPED) {
            if (l->x) /* --explain */
                cand_lose(l, &l->v[i], LOST_DROPPED, NULL);
            continue;
        }
        l->v[i].seq = (uint32_t)i;
        l->v[w++] = l->v[i];
    }
    l->n = w;
    if (l->n == 0)
        return;
    /* A later stage appends a few candidates to a list selected before: insert those. */
    size_t k = 1;
    while (k < l->n && cmp_cand(&l->v[k - 1], &l->v[k]) < 0)
        k++;
    if (l->n - k <= INSERT_MAX) {
        for (size_t i = k; i < l->n; i++) {
            cand x = l->v[i];
            size_t j = i;
            for (; j > 0 && cmp_cand(&l->v[j - 1], &x) > 0; j--)
                ;
            memmove(&l->v[j + 1], &l->v[j], (i - j) * sizeof x);
            l->v[j] = x;
        }
    } else {
        qsort(l->v, l->n, sizeof *l->v, cmp_cand);
    }
    uint32_t end = 0;
    w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (w > 0 && l->v[i].byte_start < end) {
            if (l->x) { /* --explain: what took its place */
                const cand *by = &l->v[w - 1];
                int same = by->byte_start == l->v[i].byte_start && by->byte_end == l->v[i].byte_end;
                cand_lose(l, &l->v[i], same ? LOST_PRIORITY : LOST_OVERLAP, by);
            }
            continue;
        }
        end = l->v[i].byte_end;
        l->v[w++] = l->v[i];
    }
    l->n = w;
}
