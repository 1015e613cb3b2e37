/*
 * merge.c: leftmost-longest selection of candidates (see merge.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
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

/* Two sorted runs V[0, M) and V[M, N) merged in place, through a copy of the shorter one in
 * T. */
static void
merge_two(cand *v, size_t m, size_t n, cand *t)
{
    if (m <= n - m) { /* the left run aside, merged from the front */
        memcpy(t, v, m * sizeof *t);
        size_t i = 0, j = m, o = 0;
        while (i < m) {
            if (j < n && cmp_cand(&v[j], &t[i]) < 0)
                v[o++] = v[j++];
            else
                v[o++] = t[i++];
        }
    } else { /* the right run aside, merged from the back */
        memcpy(t, v + m, (n - m) * sizeof *t);
        size_t i = m, j = n - m, o = n;
        while (j > 0) {
            if (i > 0 && cmp_cand(&v[i - 1], &t[j - 1]) > 0)
                v[--o] = v[--i];
            else
                v[--o] = t[--j];
        }
    }
}

/* At most this many sorted runs are merged; more are sorted by qsort. */
#define RUNS_MAX 16

/* Sorts V[0, N) when it is a few sorted runs one after another, as the stages leave it (each
 * appends its own candidates in text order): the last two runs merged until one is left,
 * linear in N per run, with a copy of the shorter run (qsort copies the whole list, or sorts
 * pointers and then moves every candidate). cmp_cand is a total order: the result is the
 * one qsort gives. 0, or -1 (too many runs, or no memory) with V as it was. */
static int
merge_runs(cand *v, size_t n)
{
    size_t b[RUNS_MAX + 1], r = 0, most = 0;
    b[r++] = 0;
    for (size_t i = 1; i < n; i++)
        if (cmp_cand(&v[i - 1], &v[i]) > 0) {
            if (r == RUNS_MAX)
                return -1;
            b[r++] = i;
        }
    b[r] = n;
    /* the last runs merged first: each merge sets aside the shorter side */
    for (size_t q = r; q-- > 1;) {
        size_t left = b[q] - b[q - 1], right = n - b[q];
        size_t shorter = left < right ? left : right;
        if (shorter > most)
            most = shorter;
    }
    if (r == 1)
        return 0;
    cand *t = malloc(most * sizeof *t);
    if (!t)
        return -1;
    mem_huge(t, most * sizeof *t);
    for (size_t q = r; q-- > 1;)
        merge_two(v + b[q - 1], b[q] - b[q - 1], n - b[q - 1], t);
    free(t);
    return 0;
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
    } else if (merge_runs(l->v, l->n) != 0) {
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
