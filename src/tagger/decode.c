/*
 * tagger/decode.c: Viterbi and spans (see decode.h).
 */
#include "tagger/decode.h"
#include "tagger/format.h"

/* an unreachable state: far below any path's score, and far from overflowing */
#define NONE (INT64_MIN / 4)

static int bilou_shaped(const tagger_trellis *tr);

void
tagger_trellis_init(tagger_trellis *tr, const int32_t *trans, uint32_t L)
{
    const uint32_t stride = L + 1;
    tr->L = L;
    for (uint32_t y = 0; y < L; y++) {
        tr->start[y] = trans[L * stride + y];
        tr->end[y] = trans[y * stride + L];
        tr->npred[y] = 0;
        for (uint32_t x = 0; x < L; x++) {
            int32_t t = trans[x * stride + y];
            if (t != TAGGER_FORBIDDEN) {
                tr->pred[y][tr->npred[y]] = (uint8_t)x;
                tr->ptrans[y][tr->npred[y]++] = t;
            }
        }
    }
    tr->bilou = bilou_shaped(tr);
}

/* The best label at the end of the region among CUR (or, for a one-token region, the
 * scores of its labels). */
static uint8_t
best_last(const tagger_trellis *tr, const int64_t *cur)
{
    int64_t best = NONE;
    uint8_t arg = 0;
    for (uint32_t y = 0; y < tr->L; y++) {
        if (cur[y] == NONE || tr->end[y] == TAGGER_FORBIDDEN)
            continue;
        if (best == NONE || cur[y] + tr->end[y] > best) {
            best = cur[y] + tr->end[y];
            arg = (uint8_t)y;
        }
    }
    return arg;
}

/* BILOU (format.h): labels O = 0, then per type B, I, L, U. A name's inside and end follow only
 * its B or I; everything else follows only O, an L or a U (the "closed" labels). With those
 * sets fixed the loops have constant trip counts: one step costs 61 additions and maxima, no
 * indirection. tagger_trellis_init sets bilou when the table has exactly this shape. */
enum { N_CLOSED = 7 };
static const uint8_t closed[N_CLOSED] = {0, 3, 4, 7, 8, 11, 12};   /* O, L-*, U-* */
static const uint8_t closed_to[N_CLOSED] = {0, 1, 4, 5, 8, 9, 12}; /* O, B-*, U-* */

static int
bilou_shaped(const tagger_trellis *tr)
{
    if (tr->L != 13)
        return 0;
    for (uint32_t k = 0; k < N_CLOSED; k++) {
        unsigned y = closed_to[k];
        if (tr->npred[y] != N_CLOSED)
            return 0;
        for (uint32_t j = 0; j < N_CLOSED; j++)
            if (tr->pred[y][j] != closed[j])
                return 0;
    }
    for (unsigned t = 0; t < 3; t++)
        for (unsigned y = 2 + 4 * t; y <= 3 + 4 * t; y++)
            if (tr->npred[y] != 2 || tr->pred[y][0] != 1 + 4 * t || tr->pred[y][1] != 2 + 4 * t)
                return 0;
    return 1;
}

static void
step_bilou(const tagger_trellis *tr, const int64_t *cur, const int32_t *e, int64_t *next,
           uint8_t *bp)
{
    for (uint32_t k = 0; k < N_CLOSED; k++) {
        const unsigned y = closed_to[k];
        int64_t best = cur[closed[0]] + tr->ptrans[y][0];
        uint8_t arg = closed[0];
        for (uint32_t j = 1; j < N_CLOSED; j++) {
            int64_t v = cur[closed[j]] + tr->ptrans[y][j];
            arg = v > best ? closed[j] : arg;
            best = v > best ? v : best;
        }
        next[y] = best <= NONE / 2 ? NONE : best + e[y];
        bp[y] = arg;
    }
    for (unsigned t = 0; t < 3; t++) {
        const unsigned b = 1 + 4 * t, i = 2 + 4 * t;
        for (unsigned y = i; y <= i + 1; y++) {
            int64_t vb = cur[b] + tr->ptrans[y][0], vi = cur[i] + tr->ptrans[y][1];
            int64_t best = vi > vb ? vi : vb;
            next[y] = best <= NONE / 2 ? NONE : best + e[y];
            bp[y] = (uint8_t)(vi > vb ? i : b);
        }
    }
}

static void
step_any(const tagger_trellis *tr, const int64_t *cur, const int32_t *e, int64_t *next, uint8_t *bp)
{
    for (uint32_t y = 0; y < tr->L; y++) {
        int64_t best = NONE;
        uint8_t arg = 0;
        for (uint32_t k = 0; k < tr->npred[y]; k++) {
            int64_t s = cur[tr->pred[y][k]] + tr->ptrans[y][k];
            if (s > best) { /* unreachable predecessors hold NONE: far below any path */
                best = s;
                arg = tr->pred[y][k];
            }
        }
        next[y] = best <= NONE / 2 ? NONE : best + e[y];
        bp[y] = arg;
    }
}

void
tagger_viterbi(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back, uint8_t *out)
{
    int64_t cur[TAGGER_MAX_LABELS], next[TAGGER_MAX_LABELS];
    const uint32_t L = tr->L;
    if (n == 0)
        return;
    for (uint32_t y = 0; y < L; y++)
        cur[y] = tr->start[y] == TAGGER_FORBIDDEN ? NONE : (int64_t)tr->start[y] + emit[y];
    for (size_t i = 1; i < n; i++) {
        if (tr->bilou)
            step_bilou(tr, cur, emit + i * L, next, back + i * L);
        else
            step_any(tr, cur, emit + i * L, next, back + i * L);
        /* keep the numbers small whatever the length: only differences matter */
        int64_t top = NONE;
        for (uint32_t y = 0; y < L; y++)
            top = next[y] > top ? next[y] : top;
        for (uint32_t y = 0; y < L; y++)
            cur[y] = next[y] == NONE ? NONE : next[y] - top;
    }
    out[n - 1] = best_last(tr, cur);
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * L + out[i]];
}

size_t
tagger_spans(uint32_t scheme, const uint8_t *labels, size_t n, tagger_span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned y = labels[i];
        if (y == 0) {
            i++;
            continue;
        }
        unsigned type = tagger_label_type(scheme, y);
        size_t j = i + 1;
        if (scheme == TAGGER_BIO) {
            while (j < n && labels[j] == tagger_label(scheme, type, PART_I))
                j++;
        } else if (tagger_label_part(scheme, y) == PART_B) {
            while (j < n && labels[j] == tagger_label(scheme, type, PART_I))
                j++;
            if (j < n && labels[j] == tagger_label(scheme, type, PART_L))
                j++;
        }
        out[k++] = (tagger_span){(uint32_t)i, (uint32_t)j, type};
        i = j;
    }
    return k;
}
