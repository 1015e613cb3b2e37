/*
 * tagger/decode.c: Viterbi and spans (see decode.h).
 */
#include "tagger/decode.h"
#include "tagger/format.h"

/* an unreachable state: far below any path's score, and far from overflowing */
#define NONE (INT64_MIN / 4)

static int bilou_shaped(const tagger_trellis *tr);
enum { N_CLOSED = 7 };
static const uint8_t closed[N_CLOSED] = {0, 3, 4, 7, 8, 11, 12};   /* O, L-*, U-* */
static const uint8_t closed_to[N_CLOSED] = {0, 1, 4, 5, 8, 9, 12}; /* O, B-*, U-* */
/* an unreachable state in the 32-bit decoder: scores stay within 2^26 of the step's best */
#define NONE32 (-(1 << 29))

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
    if (tr->bilou) /* the closed block by source, its 7 targets in lanes (the 8th never wins) */
        for (uint32_t j = 0; j < N_CLOSED; j++)
            for (uint32_t k = 0; k < 8; k++)
                tr->closed_trans[j][k] = k < N_CLOSED ? tr->ptrans[closed_to[k]][j] : NONE32;
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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* One BILOU step on 32-bit scores. The closed block (49 moves) runs 8 lanes wide: for each
 * source in increasing order, a lane takes it only when strictly better, so ties go to the
 * lower label as in step_any. */
static void
step_bilou(const tagger_trellis *tr, const int32_t *cur, const int32_t *e, int32_t *next,
           uint8_t *bp)
{
    int32_t best[8];
    int32_t arg[8];
#if defined(__SSE2__)
    __m128i b0 = _mm_setzero_si128(), b1 = b0, a0 = b0, a1 = b0;
    for (uint32_t j = 0; j < N_CLOSED; j++) {
        const __m128i c = _mm_set1_epi32(cur[closed[j]]), x = _mm_set1_epi32(closed[j]);
        const __m128i v0 =
            _mm_add_epi32(c, _mm_loadu_si128((const __m128i *)(const void *)tr->closed_trans[j]));
        const __m128i v1 = _mm_add_epi32(
            c, _mm_loadu_si128((const __m128i *)(const void *)(tr->closed_trans[j] + 4)));
        if (j == 0) {
            b0 = v0, b1 = v1, a0 = x, a1 = x;
            continue;
        }
        const __m128i g0 = _mm_cmpgt_epi32(v0, b0), g1 = _mm_cmpgt_epi32(v1, b1);
        b0 = _mm_or_si128(_mm_and_si128(g0, v0), _mm_andnot_si128(g0, b0));
        b1 = _mm_or_si128(_mm_and_si128(g1, v1), _mm_andnot_si128(g1, b1));
        a0 = _mm_or_si128(_mm_and_si128(g0, x), _mm_andnot_si128(g0, a0));
        a1 = _mm_or_si128(_mm_and_si128(g1, x), _mm_andnot_si128(g1, a1));
    }
    _mm_storeu_si128((__m128i *)(void *)best, b0);
    _mm_storeu_si128((__m128i *)(void *)(best + 4), b1);
    _mm_storeu_si128((__m128i *)(void *)arg, a0);
    _mm_storeu_si128((__m128i *)(void *)(arg + 4), a1);
#else
    for (uint32_t k = 0; k < 8; k++) {
        best[k] = cur[closed[0]] + tr->closed_trans[0][k];
        arg[k] = closed[0];
        for (uint32_t j = 1; j < N_CLOSED; j++) {
            int32_t v = cur[closed[j]] + tr->closed_trans[j][k];
            arg[k] = v > best[k] ? closed[j] : arg[k];
            best[k] = v > best[k] ? v : best[k];
        }
    }
#endif
    for (uint32_t k = 0; k < N_CLOSED; k++) {
        const unsigned y = closed_to[k];
        next[y] = best[k] <= NONE32 / 2 ? NONE32 : best[k] + e[y];
        bp[y] = (uint8_t)arg[k];
    }
    for (unsigned t = 0; t < 3; t++) {
        const unsigned b = 1 + 4 * t, i = 2 + 4 * t;
        for (unsigned y = i; y <= i + 1; y++) {
            int32_t vb = cur[b] + tr->ptrans[y][0], vi = cur[i] + tr->ptrans[y][1];
            int32_t m = vi > vb ? vi : vb;
            next[y] = m <= NONE32 / 2 ? NONE32 : m + e[y];
            bp[y] = (uint8_t)(vi > vb ? i : b);
        }
    }
}

/* tagger_viterbi for BILOU's shape, on 32-bit scores kept near 0 by the step's best. */
static void
viterbi_bilou(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back, uint8_t *out)
{
    int32_t cur[TAGGER_MAX_LABELS], next[TAGGER_MAX_LABELS];
    int64_t last[TAGGER_MAX_LABELS];
    for (uint32_t y = 0; y < 13; y++)
        cur[y] = tr->start[y] == TAGGER_FORBIDDEN ? NONE32 : tr->start[y] + emit[y];
    for (size_t i = 1; i < n; i++) {
        step_bilou(tr, cur, emit + i * 13, next, back + i * 13);
        int32_t top = NONE32;
        for (uint32_t y = 0; y < 13; y++)
            top = next[y] > top ? next[y] : top;
        for (uint32_t y = 0; y < 13; y++)
            cur[y] = next[y] == NONE32 ? NONE32 : next[y] - top;
    }
    for (uint32_t y = 0; y < 13; y++)
        last[y] = cur[y] == NONE32 ? NONE : cur[y];
    out[n - 1] = best_last(tr, last);
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * 13 + out[i]];
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
    if (tr->bilou) {
        viterbi_bilou(emit, n, tr, back, out);
        return;
    }
    for (uint32_t y = 0; y < L; y++)
        cur[y] = tr->start[y] == TAGGER_FORBIDDEN ? NONE : (int64_t)tr->start[y] + emit[y];
    for (size_t i = 1; i < n; i++) {
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
