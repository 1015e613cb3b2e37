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
    if (tr->bilou) { /* the closed block by source, its 7 targets in lanes (the 8th never wins) */
        for (uint32_t j = 0; j < N_CLOSED; j++)
            for (uint32_t k = 0; k < 8; k++)
                tr->closed_trans[j][k] = k < N_CLOSED ? tr->ptrans[closed_to[k]][j] : NONE32;
        /* the open block: targets I, L of PER, ORG, LOC in lanes, from their B and their I */
        for (uint32_t k = 0; k < 8; k++) {
            const unsigned y = 2 + 4 * (k / 2) + k % 2;
            tr->open_b[k] = k < 6 ? tr->ptrans[y][0] : NONE32;
            tr->open_i[k] = k < 6 ? tr->ptrans[y][1] : NONE32;
        }
    }
    /* start, end and where ending is legal in 16 lanes (the AVX2 decoder's first and last token) */
    for (uint32_t y = 0; y < 16; y++) {
        int in = y < L && tr->start[y] != TAGGER_FORBIDDEN,
            out = y < L && tr->end[y] != TAGGER_FORBIDDEN;
        tr->start16[y] = in ? tr->start[y] : NONE32;
        tr->end16[y] = out ? tr->end[y] : 0;
        tr->end_ok[y] = out ? -1 : 0;
    }
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

/* tagger_fwd_steps for BILOU's shape, on 32-bit scores kept near 0 by the step's best. */
static void
steps_bilou(int32_t *cur, const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back)
{
    int32_t next[TAGGER_MAX_LABELS];
    for (size_t i = 0; i < n; i++) {
        step_bilou(tr, cur, emit + i * 13, next, back + i * 13);
        int32_t top = NONE32;
        for (uint32_t y = 0; y < 13; y++)
            top = next[y] > top ? next[y] : top;
        for (uint32_t y = 0; y < 13; y++)
            cur[y] = next[y] == NONE32 ? NONE32 : next[y] - top;
    }
}

/* tagger_fwd_last for BILOU's shape */
static uint8_t
last_bilou(const int32_t *cur, const tagger_trellis *tr)
{
    int64_t last[TAGGER_MAX_LABELS];
    for (uint32_t y = 0; y < 13; y++)
        last[y] = cur[y] == NONE32 ? NONE : cur[y];
    return best_last(tr, last);
}

#ifdef HAVE_AVX2_VARIANT

#define LOADV(p)     _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STOREV(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))

/* The largest of the 8 lanes of V, in every lane. */
__attribute__((target("avx2"))) static inline __m256i
lanes_max(__m256i v)
{
    v = _mm256_max_epi32(v, _mm256_permute2x128_si256(v, v, 1));
    v = _mm256_max_epi32(v, _mm256_shuffle_epi32(v, 0x4E));
    return _mm256_max_epi32(v, _mm256_shuffle_epi32(v, 0xB1));
}

/* steps_bilou with AVX2 (chosen at run time where the processor has it). While it steps the
 * labels sit in two vectors by what may precede them: C holds the
 * closed targets O, B-*, U-* (labels 0 1 4 5 8 9 12, closed_to), P the open ones I-*, L-*
 * (2 3 6 7 10 11). A step is then step_bilou's arithmetic lane by lane: C takes the 7 closed
 * sources in increasing order, each only when strictly better (closed_trans is already by
 * closed target); P compares the move from its type's B with the one from its I, I only when
 * strictly better. So ties go to the lower label, and the sums are those of steps_bilou: the
 * same sequences. The scores come in and go out in label order (CUR[16], lanes 13-15 NONE32). */
__attribute__((target("avx2"))) static inline void
steps_bilou_avx2(int32_t *cur, const int32_t *emit, size_t n, const tagger_trellis *tr,
                 uint8_t *back)
{
    const __m256i none = _mm256_set1_epi32(NONE32), floor = _mm256_set1_epi32(NONE32 / 2);
    const __m256i hi5 = _mm256_setr_epi32(-1, -1, -1, -1, -1, 0, 0, 0); /* labels 8-12 */
    __m256i clo = LOADV(cur), chi = LOADV(cur + 8);
    if (n > 0) {
        /* label order (lo: 0-7, hi: 8-15) to C and P and back; lane 7 of C and lanes 6, 7 of P
         * are padding, NONE32 throughout (their moves are NONE32) */
        const __m256i c_lo = _mm256_setr_epi32(0, 1, 4, 5, 0, 0, 0, 0),
                      c_hi = _mm256_setr_epi32(0, 0, 0, 0, 0, 1, 4, 5),
                      p_lo = _mm256_setr_epi32(2, 3, 6, 7, 0, 0, 0, 0),
                      p_hi = _mm256_setr_epi32(0, 0, 0, 0, 2, 3, 0, 0);
        const __m256i c_pick = _mm256_setr_epi32(0, 0, 0, 0, -1, -1, -1, -1),
                      p_pick = _mm256_setr_epi32(0, 0, 0, 0, -1, -1, -1, -1);
        const __m256i c_pad = _mm256_setr_epi32(0, 0, 0, 0, 0, 0, 0, -1),
                      p_pad = _mm256_setr_epi32(0, 0, 0, 0, 0, 0, -1, -1);
        /* the open block's sources: the B, then the I, of the target's type, from C and P */
        const __m256i b_of = _mm256_setr_epi32(1, 1, 3, 3, 5, 5, 7, 7),
                      i_of = _mm256_setr_epi32(0, 0, 2, 2, 4, 4, 6, 6);
        const __m256i b_id = _mm256_setr_epi32(1, 1, 5, 5, 9, 9, 0, 0),
                      i_id = _mm256_setr_epi32(2, 2, 6, 6, 10, 10, 0, 0);
        const __m256i from_b = LOADV(tr->open_b), from_i = LOADV(tr->open_i);
        /* the bytes C 0-3, P 0-3, C 4-7, P 4-7 (labels 0 1 4 5, 2 3 6 7, 8 9 12, 10 11) by label */
        const __m128i to_label =
            _mm_setr_epi8(0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 15, 15, 15);
#define TO_C(lo, hi)                                                                               \
    _mm256_blendv_epi8(_mm256_blendv_epi8(_mm256_permutevar8x32_epi32((lo), c_lo),                 \
                                          _mm256_permutevar8x32_epi32((hi), c_hi), c_pick),        \
                       none, c_pad)
#define TO_P(lo, hi)                                                                               \
    _mm256_blendv_epi8(_mm256_blendv_epi8(_mm256_permutevar8x32_epi32((lo), p_lo),                 \
                                          _mm256_permutevar8x32_epi32((hi), p_hi), p_pick),        \
                       none, p_pad)
        __m256i c = TO_C(clo, chi), p = TO_P(clo, chi);
        for (size_t i = 0; i < n; i++) {
            /* the closed block: sources O, L-PER, U-PER, L-ORG, U-ORG, L-LOC, U-LOC, which sit
             * in lanes 0 and 2, 4, 6 of C and 1, 3, 5 of P */
            __m256i bc = _mm256_add_epi32(_mm256_permutevar8x32_epi32(c, _mm256_set1_epi32(0)),
                                          LOADV(tr->closed_trans[0]));
            __m256i ac = _mm256_setzero_si256();
#define CLOSED_FROM(v, lane, j)                                                                    \
    do {                                                                                           \
        const __m256i s_ =                                                                         \
            _mm256_add_epi32(_mm256_permutevar8x32_epi32((v), _mm256_set1_epi32(lane)),            \
                             LOADV(tr->closed_trans[j]));                                          \
        const __m256i g_ = _mm256_cmpgt_epi32(s_, bc);                                             \
        bc = _mm256_blendv_epi8(bc, s_, g_);                                                       \
        ac = _mm256_blendv_epi8(ac, _mm256_set1_epi32(closed[j]), g_);                             \
    } while (0)
            CLOSED_FROM(p, 1, 1);
            CLOSED_FROM(c, 2, 2);
            CLOSED_FROM(p, 3, 3);
            CLOSED_FROM(c, 4, 4);
            CLOSED_FROM(p, 5, 5);
            CLOSED_FROM(c, 6, 6);
#undef CLOSED_FROM
            /* the open block: from B-X (lanes 1, 3, 5 of C), or from I-X (0, 2, 4 of P) */
            const __m256i vb = _mm256_add_epi32(_mm256_permutevar8x32_epi32(c, b_of), from_b);
            const __m256i vi = _mm256_add_epi32(_mm256_permutevar8x32_epi32(p, i_of), from_i);
            const __m256i gi = _mm256_cmpgt_epi32(vi, vb);
            const __m256i bp = _mm256_blendv_epi8(vb, vi, gi);
            const __m256i ap = _mm256_blendv_epi8(b_id, i_id, gi);
            const int32_t *e = emit + i * 13;
            const __m256i elo = LOADV(e), ehi = _mm256_maskload_epi32(e + 8, hi5);
            const __m256i nc = _mm256_blendv_epi8(none, _mm256_add_epi32(bc, TO_C(elo, ehi)),
                                                  _mm256_cmpgt_epi32(bc, floor));
            const __m256i np = _mm256_blendv_epi8(none, _mm256_add_epi32(bp, TO_P(elo, ehi)),
                                                  _mm256_cmpgt_epi32(bp, floor));
            const __m256i top = lanes_max(_mm256_max_epi32(nc, np)); /* padding: NONE32 */
            c = _mm256_blendv_epi8(_mm256_sub_epi32(nc, top), none, _mm256_cmpeq_epi32(nc, none));
            p = _mm256_blendv_epi8(_mm256_sub_epi32(np, top), none, _mm256_cmpeq_epi32(np, none));
            /* the sources by target as bytes (C 0-3, P 0-3, C 4-7, P 4-7), then in label order */
            const __m256i a16 = _mm256_packs_epi32(ac, ap);
            const __m128i a8 =
                _mm_packus_epi16(_mm256_castsi256_si128(a16), _mm256_extracti128_si256(a16, 1));
            const __m128i bl = _mm_shuffle_epi8(a8, to_label);
            uint8_t bk[16];
            _mm_storeu_si128((__m128i *)(void *)bk, bl);
            memcpy(back + i * 13, bk, 13);
        }
        /* back to label order: C's lanes 0-6 are labels 0 1 4 5 8 9 12, P's 0-5 2 3 6 7 10 11 */
        int32_t cv[8], pv[8];
        STOREV(cv, c);
        STOREV(pv, p);
        const int32_t lab[16] = {cv[0], cv[1], pv[0], pv[1], cv[2], cv[3],  pv[2],  pv[3],
                                 cv[4], cv[5], pv[4], pv[5], cv[6], NONE32, NONE32, NONE32};
        clo = LOADV(lab);
        chi = LOADV(lab + 8);
#undef TO_C
#undef TO_P
    }
    STOREV(cur, clo);
    STOREV(cur + 8, chi);
}

/* tagger_fwd_begin for BILOU's shape with AVX2 */
__attribute__((target("avx2"))) static inline void
begin_bilou_avx2(int32_t *cur, const tagger_trellis *tr, const int32_t *emit)
{
    const __m256i none = _mm256_set1_epi32(NONE32);
    const __m256i hi5 = _mm256_setr_epi32(-1, -1, -1, -1, -1, 0, 0, 0); /* labels 8-12 */
    const __m256i slo = LOADV(tr->start16), shi = LOADV(tr->start16 + 8);
    STOREV(cur, _mm256_blendv_epi8(_mm256_add_epi32(slo, LOADV(emit)), none,
                                   _mm256_cmpeq_epi32(slo, none)));
    STOREV(cur + 8, _mm256_blendv_epi8(_mm256_add_epi32(shi, _mm256_maskload_epi32(emit + 8, hi5)),
                                       none, _mm256_cmpeq_epi32(shi, none)));
}

/* last_bilou with AVX2 */
__attribute__((target("avx2"))) static inline uint8_t
last_bilou_avx2(const int32_t *cur, const tagger_trellis *tr)
{
    const __m256i none = _mm256_set1_epi32(NONE32), low = _mm256_set1_epi32(INT32_MIN);
    const __m256i clo = LOADV(cur), chi = LOADV(cur + 8);
    /* the last label: the first lane of the best score with the move to the end, among the
     * labels reached that may end a region (best_last) */
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
    return (uint8_t)__builtin_ctz(hit);
}

/* tagger_viterbi for BILOU's shape with AVX2: the pieces in one */
__attribute__((target("avx2"))) static void
viterbi_bilou_avx2(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back,
                   uint8_t *out)
{
    int32_t cur[16];
    begin_bilou_avx2(cur, tr, emit);
    steps_bilou_avx2(cur, emit + 13, n - 1, tr, back + 13);
    out[n - 1] = last_bilou_avx2(cur, tr);
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
tagger_fwd_begin(tagger_fwd *f, const tagger_trellis *tr, const int32_t *emit)
{
    if (tr->bilou) {
#ifdef HAVE_AVX2_VARIANT
        if (tr->avx2) {
            begin_bilou_avx2(f->c32, tr, emit);
            return;
        }
#endif
        for (uint32_t y = 0; y < 13; y++)
            f->c32[y] = tr->start[y] == TAGGER_FORBIDDEN ? NONE32 : tr->start[y] + emit[y];
        f->c32[13] = f->c32[14] = f->c32[15] = NONE32; /* past the labels */
        return;
    }
    for (uint32_t y = 0; y < tr->L; y++)
        f->c64[y] = tr->start[y] == TAGGER_FORBIDDEN ? NONE : (int64_t)tr->start[y] + emit[y];
}

void
tagger_fwd_steps(tagger_fwd *f, const tagger_trellis *tr, const int32_t *emit, size_t n,
                 uint8_t *back)
{
    int64_t next[TAGGER_MAX_LABELS];
    const uint32_t L = tr->L;
    if (tr->bilou) {
#ifdef HAVE_AVX2_VARIANT
        if (tr->avx2) {
            steps_bilou_avx2(f->c32, emit, n, tr, back);
            return;
        }
#endif
        steps_bilou(f->c32, emit, n, tr, back);
        return;
    }
    int64_t *cur = f->c64;
    for (size_t i = 0; i < n; i++) {
        step_any(tr, cur, emit + i * L, next, back + i * L);
        /* keep the numbers small whatever the length: only differences matter */
        int64_t top = NONE;
        for (uint32_t y = 0; y < L; y++)
            top = next[y] > top ? next[y] : top;
        for (uint32_t y = 0; y < L; y++)
            cur[y] = next[y] == NONE ? NONE : next[y] - top;
    }
}

uint8_t
tagger_fwd_last(const tagger_fwd *f, const tagger_trellis *tr)
{
    if (tr->bilou) {
#ifdef HAVE_AVX2_VARIANT
        if (tr->avx2)
            return last_bilou_avx2(f->c32, tr);
#endif
        return last_bilou(f->c32, tr);
    }
    return best_last(tr, f->c64);
}

void
tagger_backtrack(const uint8_t *back, size_t n, uint32_t L, uint8_t *out)
{
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * L + out[i]];
}

/* tagger_viterbi in steps (any shape); out of line, so that tagger_viterbi is only the choice
 * (no set-up of its own for the AVX2 variant) */
__attribute__((noinline)) static void
viterbi_steps(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back, uint8_t *out)
{
    tagger_fwd f;
    tagger_fwd_begin(&f, tr, emit);
    tagger_fwd_steps(&f, tr, emit + tr->L, n - 1, back + tr->L);
    out[n - 1] = tagger_fwd_last(&f, tr);
    tagger_backtrack(back, n, tr->L, out);
}

void
tagger_viterbi(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back, uint8_t *out)
{
    if (n == 0)
        return;
#ifdef HAVE_AVX2_VARIANT
    if (tr->bilou && tr->avx2) {
        viterbi_bilou_avx2(emit, n, tr, back, out);
        return;
    }
#endif
    viterbi_steps(emit, n, tr, back, out);
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
