/*
 * tagger/decode.c: Viterbi and spans (see decode.h).
 */
#include <string.h>

#include "tagger/decode.h"
#include "tagger/format.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_VARIANT 1
#endif

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
#ifdef HAVE_AVX2_VARIANT
    tr->avx2 = __builtin_cpu_supports("avx2");
#endif
    if (tr->bilou) /* the closed block by source, its 7 targets in lanes (the 8th never wins) */
        for (uint32_t j = 0; j < N_CLOSED; j++)
            for (uint32_t k = 0; k < 8; k++)
                tr->closed_trans[j][k] = k < N_CLOSED ? tr->ptrans[closed_to[k]][j] : NONE32;
    /* every move by source, its targets in their own lanes, NONE32 where it is forbidden */
    memset(tr->row, 0, sizeof tr->row);
    memset(tr->legal, 0, sizeof tr->legal);
    for (uint32_t y = 0; y < 16; y++) {
        int in = y < L && tr->start[y] != TAGGER_FORBIDDEN,
            out = y < L && tr->end[y] != TAGGER_FORBIDDEN;
        tr->start16[y] = in ? tr->start[y] : NONE32;
        tr->end16[y] = out ? tr->end[y] : 0;
        tr->end_ok[y] = out ? -1 : 0;
    }
    for (uint32_t y = 0; y < L; y++)
        for (uint32_t k = 0; k < tr->npred[y]; k++)
            tr->row[tr->pred[y][k]][y] = tr->ptrans[y][k], tr->legal[tr->pred[y][k]][y] = -1;
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
    /* every closed label may start and end a region: O stays reachable at every token, so a
     * label is always reached through a legal move (none of the clamps below ever bites) */
    for (uint32_t k = 0; k < N_CLOSED; k++)
        if (tr->start[closed_to[k]] == TAGGER_FORBIDDEN || tr->end[closed[k]] == TAGGER_FORBIDDEN)
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

#ifdef HAVE_AVX2_VARIANT

#define LOADV(p)     _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))

/* Moves from source X (score C, label ID) into the 8 lanes of targets from OFF on: a lane takes
 * the source when the move is legal and strictly better. */
#define TAKE(B, A, x, OFF, C, ID)                                                                  \
    do {                                                                                           \
        const __m256i v_ = _mm256_add_epi32((C), LOADV(tr->row[x] + (OFF)));                       \
        const __m256i g_ =                                                                         \
            _mm256_and_si256(_mm256_cmpgt_epi32(v_, (B)), LOADV(tr->legal[x] + (OFF)));            \
        (B) = _mm256_blendv_epi8((B), v_, g_);                                                     \
        (A) = _mm256_blendv_epi8((A), (ID), g_);                                                   \
    } while (0)

/* The largest of the 8 lanes of V, in every lane. */
__attribute__((target("avx2"))) static inline __m256i
lanes_max(__m256i v)
{
    v = _mm256_max_epi32(v, _mm256_permute2x128_si256(v, v, 1));
    v = _mm256_max_epi32(v, _mm256_shuffle_epi32(v, 0x4E));
    return _mm256_max_epi32(v, _mm256_shuffle_epi32(v, 0xB1));
}

/* viterbi_bilou with AVX2 (chosen at run time where the processor has it): the 13 labels in
 * two vectors of 8 lanes, each source's moves added to all its targets at once. Only legal
 * moves are ever taken; the sources go in increasing order and a lane takes one only when
 * strictly better, so ties go to the lower label: the same sequences as viterbi_bilou. */
__attribute__((target("avx2"))) static void
viterbi_bilou_avx2(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back,
                   uint8_t *out)
{
    int32_t cur[16];
    const __m256i none = _mm256_set1_epi32(NONE32), floor = _mm256_set1_epi32(NONE32 / 2);
    const __m256i low = _mm256_set1_epi32(INT32_MIN);
    const __m256i hi5 = _mm256_setr_epi32(-1, -1, -1, -1, -1, 0, 0, 0); /* labels 8-12 */
    const __m256i slo = LOADV(tr->start16), shi = LOADV(tr->start16 + 8);
    STOREV(cur, _mm256_blendv_epi8(_mm256_add_epi32(slo, LOADV(emit)), none,
                                   _mm256_cmpeq_epi32(slo, none)));
    STOREV(cur + 8, _mm256_blendv_epi8(_mm256_add_epi32(shi, _mm256_maskload_epi32(emit + 8, hi5)),
                                       none, _mm256_cmpeq_epi32(shi, none)));
    for (size_t i = 1; i < n; i++) {
        __m256i blo = low, bhi = low, alo = _mm256_setzero_si256(), ahi = alo;
        for (uint32_t j = 0; j < N_CLOSED; j++) { /* O, L-*, U-*: to O, B-*, U-* */
            const unsigned x = closed[j];
            const __m256i c = _mm256_set1_epi32(cur[x]), id = _mm256_set1_epi32((int)x);
            TAKE(blo, alo, x, 0, c, id);
            TAKE(bhi, ahi, x, 8, c, id);
        }
        for (unsigned x = 1; x <= 6; x += (x & 1) ? 1 : 3) { /* B, I of PER, ORG: labels 1-7 */
            const __m256i c = _mm256_set1_epi32(cur[x]), id = _mm256_set1_epi32((int)x);
            TAKE(blo, alo, x, 0, c, id);
        }
        for (unsigned x = 9; x <= 10; x++) { /* B, I of LOC: labels 10, 11 */
            const __m256i c = _mm256_set1_epi32(cur[x]), id = _mm256_set1_epi32((int)x);
            TAKE(bhi, ahi, x, 8, c, id);
        }
        const int32_t *e = emit + i * 13;
        __m256i nlo = _mm256_blendv_epi8(none, _mm256_add_epi32(blo, LOADV(e)),
                                         _mm256_cmpgt_epi32(blo, floor));
        __m256i nhi =
            _mm256_blendv_epi8(none, _mm256_add_epi32(bhi, _mm256_maskload_epi32(e + 8, hi5)),
                               _mm256_cmpgt_epi32(bhi, floor));
        const __m256i top = lanes_max(_mm256_max_epi32(nlo, nhi)); /* 13-15 hold NONE32 */
        STOREV(cur,
               _mm256_blendv_epi8(_mm256_sub_epi32(nlo, top), none, _mm256_cmpeq_epi32(nlo, none)));
        STOREV(cur + 8,
               _mm256_blendv_epi8(_mm256_sub_epi32(nhi, top), none, _mm256_cmpeq_epi32(nhi, none)));
        const __m256i p16 = _mm256_permute4x64_epi64(_mm256_packs_epi32(alo, ahi), 0xD8);
        uint8_t bp[16];
        _mm_storeu_si128((__m128i *)(void *)bp, _mm_packus_epi16(_mm256_castsi256_si128(p16),
                                                                 _mm256_extracti128_si256(p16, 1)));
        memcpy(back + i * 13, bp, 13);
    }
    /* the last label: the first lane of the best score with the move to the end, among the
     * labels reached that may end a region (best_last) */
    const __m256i clo = LOADV(cur), chi = LOADV(cur + 8);
    const __m256i vlo =
        _mm256_blendv_epi8(low, _mm256_add_epi32(clo, LOADV(tr->end16)),
                           _mm256_andnot_si256(_mm256_cmpeq_epi32(clo, none), LOADV(tr->end_ok)));
    const __m256i vhi = _mm256_blendv_epi8(
        low, _mm256_add_epi32(chi, LOADV(tr->end16 + 8)),
        _mm256_andnot_si256(_mm256_cmpeq_epi32(chi, none), LOADV(tr->end_ok + 8)));
    const __m256i top = lanes_max(_mm256_max_epi32(vlo, vhi));
    const unsigned hit =
        (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(vlo, top))) |
        (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(vhi, top))) << 8;
    out[n - 1] = (uint8_t)__builtin_ctz(hit);
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * 13 + out[i]];
}
#endif

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
#ifdef HAVE_AVX2_VARIANT
        if (tr->avx2) {
            viterbi_bilou_avx2(emit, n, tr, back, out);
            return;
        }
#endif
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
