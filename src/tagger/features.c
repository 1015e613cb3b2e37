/*
 * tagger/features.c: the feature function and the regions (see features.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "tagger/features.h"
#include "tagger/memo.h"

/* Feature kinds: the tag mixed into every id (a change here is a new TAGGER_FEATURE_SET). */
enum kind {
    F_BIAS = 1,
    F_W0,
    F_W0_CASE,
    F_WM1,
    F_WP1,
    F_STEM,
    F_PRE2,
    F_PRE3,
    F_SUF2,
    F_SUF3,
    F_SH0,
    F_POS,
    F_GAZ,
    F_GAZ_TYPES,
    F_CLS0,
    F_LEX0,
    F_CTX,
    F_PROP,
    F_PROP_L,
    F_BI_M2M1,
    F_BI_P1P2,
    F_PRE4,
    F_SUF4,
    F_RUN,
    F_RUNCLS,
    F_NEAR_L,
    F_NEAR_R,
};

#define BOS 0x5bd1e9955bd1e995ull
#define EOS 0x9e3779b97f4a7c15ull

/* A value and its kind as one id: one multiply and a shift (the value is most often a token's
 * hash already, and the table reads both ends of the id: format.h). */
static inline uint64_t
fid(enum kind k, uint64_t v)
{
    uint64_t h = (v ^ (0x9E3779B97F4A7C15ull * (uint64_t)k)) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
}

static inline uint64_t
pair(uint64_t a, uint64_t b)
{
    return a * 0xD6E8FEB86659FD93ull ^ (b + 0x632BE59BD9B4E019ull);
}

/* The N (at most 8) bytes at S as one number: a prefix or suffix of a key, no hashing. */
static inline uint64_t
bytes_of(const char *s, size_t n)
{
    uint64_t v = 0;
    for (size_t k = 0; k < n; k++)
        v = v << 8 | (unsigned char)s[k];
    return v;
}

int
tagger_doc_reset(tagger_doc *d, size_t n)
{
    if (n > d->cap) {
        size_t cap = d->cap ? d->cap : 256;
        while (cap < n)
            cap *= 2;
        int ok = 1;
        MEM_GROW(d->mk, cap, ok);
        MEM_GROW(d->trig, cap, ok);
        MEM_GROW(d->tlen, cap, ok);
        MEM_GROW(d->attr, cap, ok);
        MEM_GROW(d->reg, cap, ok);
        if (!ok)
            return -1;
        d->cap = cap;
        mem_huge(d->mk, cap * sizeof *d->mk); /* the arrays every token touches */
        mem_huge(d->trig, cap * sizeof *d->trig);
    }
    if (n)
        memset(d->mk, 0, n * sizeof *d->mk);
    d->nreg = d->nlook = d->shift = d->vend = 0;
    d->memo = NULL;
    return 0;
}

void
tagger_doc_free(tagger_doc *d)
{
    free(d->mk);
    free(d->trig);
    free(d->tlen);
    free(d->attr);
    free(d->reg);
    memset(d, 0, sizeof *d);
}

uint32_t
tagger_doc_trigger_past(const tagger_doc *d, size_t i, size_t *len)
{
    const tok *t = &d->tl->v[i];
    *len = 0;
    return t->kind == TOK_WORD ? rules_trigger(d->r, d->tl, i, len) : 0;
}

/* Looks up what the features read of token I of the region under way (its start at
 * D->shift + D->nlook): its trigger classes and their length, its lexicon attributes. */
static void
look_up(tagger_doc *d, size_t i)
{
    const tok *t = &d->tl->v[i];
    const size_t k = i - d->shift;
    size_t len = 0;
    uint8_t a = 0;
    d->trig[k] = 0;
    if (d->lex->slots && i + 1 < d->tl->n) /* the next token's entry: often looked up next */
        __builtin_prefetch(&d->lex->slots[t[1].hash & d->lex->mask]);
    if (t->kind == TOK_WORD) {
        /* the rules stage's lookup when it made one; a degree's carries R_STOP there */
        const uint32_t kept = d->rl ? d->rl->trig[i] : RULES_TRIG_UNSET;
        if (kept != RULES_TRIG_UNSET && !(kept & R_DEGREE)) {
            d->trig[k] = kept;
            len = d->rl->tlen[i];
        } else {
            d->trig[k] = rules_trigger(d->r, d->tl, i, &len);
        }
        a = tagger_lexicon_get(d->lex, t->hash);
        if (!a && (t->flags & TOK_F_CLITIC))
            a = tagger_lexicon_get(d->lex, tok_hash(tok_key(d->tl, t), t->stem_len));
    }
    d->tlen[k] = (uint8_t)len;
    d->attr[k] = a;
}

/* 0 lower, 1 capitalized, 2 all capitals, 3 neither (no letter first): all capitals before
 * capitalized before lower case, looked up by those three flags (bits 0-2, tok.h) */
_Static_assert(TOK_F_CAP == 1 && TOK_F_ALLCAPS == 2 && TOK_F_LOWER == 4, "case flags");
static inline unsigned
case_class(const tok *t)
{
    static const uint8_t cls[8] = {3, 1, 2, 2, 0, 1, 2, 2};
    return cls[t->flags & 7u];
}

/* A token's shape: its kind, and for words the case, a length class and marks. */
static inline unsigned
shape(const tok *t)
{
    if (t->kind != TOK_WORD) {
        unsigned s = t->kind;
        if (t->kind == TOK_NUMBER && (t->flags & TOK_F_ALLDIGIT))
            s += 16 * (t->key_len == 4 ? 2 : 1);
        return s;
    }
    const unsigned n = t->key_len, f = t->flags;
    unsigned len = (n > 1) + (n > 3) + (n > 7); /* 0-1, 2-3, 4-7, 8 or more bytes */
    return 64 + case_class(t) * 4 + len + ((f & TOK_F_ABBREV) ? 16 : 0) +
           ((f & TOK_F_DIGIT) ? 32 : 0) + ((f & TOK_F_REDUP) ? 128 : 0);
}

/* The dense features (features.h): each kind's values are [0, size) at an offset of the table;
 * a value's id is what fid would make of the value the feature reads. */
enum dense_kind {
    D_BIAS,
    D_SH0,
    D_POS,
    D_CTX,
    D_GAZ_TYPES,
    D_RUN,
    D_RUNCLS,
    D_LEX0,
    D_GAZ,
    D_PROP,
    D_PROP_L,
    D_KINDS
};
/* the kinds' offsets, each after the values of the one before */
enum {
    B_BIAS = 0,
    B_SH0 = B_BIAS + 1,
    B_POS = B_SH0 + 256,    /* shape() < 256 */
    B_CTX = B_POS + 16,     /* start * 4 + case class < 12 */
    B_GAZT = B_CTX + 8,     /* date, quote, parenthesis bits */
    B_RUN = B_GAZT + 16,    /* type bits */
    B_RUNCLS = B_RUN + 96,  /* length 5 * 16 + place 3 * 2 + last < 96 */
    B_LEX0 = B_RUNCLS + 64, /* 6 classes */
    B_GAZ = B_LEX0 + 1024,  /* 6 lexicon bits * 16 + start * 4 + case class */
    B_PROP = B_GAZ + 1024,  /* gazetteer candidate codes < 1024 (tagger.c) */
    B_PROPL = B_PROP + 64,  /* label * 4 + source */
    B_END = B_PROPL + 16    /* label */
};
_Static_assert(B_END == TAGGER_DENSE_SIZE, "TAGGER_DENSE_SIZE is the dense table's size");
/* the rows the scorer adds in place of two or three features (tagger_dense_fuse): LEX0 with POS
 * (POS's value is LEX0's low 4 bits), PROP with PROP_L (PROP_L's is PROP's >> 2), GAZ_TYPES
 * with CTX, LEX0 and POS with CLS0 of no class; the two hashed features of no word before, of
 * none after. Each run of rows ends where the next begins. */
enum {
    B_LEX0_POS = B_END,
    B_PROP_PROPL = B_LEX0_POS + 1024,   /* PROP's value */
    B_GAZT_CTX = B_PROP_PROPL + 64,     /* types * 8 + context bits */
    B_LEX0_POS_CLS0 = B_GAZT_CTX + 128, /* LEX0 with POS and CLS0 of no class (most tokens) */
    B_NO_PREV = B_LEX0_POS_CLS0 + 1024, /* WM1 and BI_M2M1 of no word before */
    B_NO_NEXT,                          /* WP1 and BI_P1P2 of no word after */
    B_ROWS
};
_Static_assert(B_ROWS == TAGGER_DENSE_ROWS, "TAGGER_DENSE_ROWS: the fused rows");

/* The weights of feature ID in M (w << shift, 0 without it) added to ROW. */
static void
add_weights(const tagger_model *m, uint64_t id, int32_t row[16])
{
    const uint8_t *slot = tagger_model_slot(m, id);
    for (uint32_t y = 0; y < 16; y++)
        row[y] += slot && y < m->n_labels ? (int32_t)((uint32_t)(int32_t)(int8_t)slot[y]
                                                      << (slot[TAGGER_SLOT_SHIFT] & 15u))
                                          : 0;
}

void
tagger_dense_fuse(const tagger_model *m, int32_t (*dense)[16])
{
    int32_t none[16] = {0}; /* CLS0's weights for no class */
    add_weights(m, fid(F_CLS0, 0), none);
    memset(dense[B_NO_PREV], 0, 2 * sizeof *dense);
    add_weights(m, fid(F_WM1, BOS), dense[B_NO_PREV]);
    add_weights(m, fid(F_BI_M2M1, pair(BOS, BOS)), dense[B_NO_PREV]);
    add_weights(m, fid(F_WP1, EOS), dense[B_NO_NEXT]);
    add_weights(m, fid(F_BI_P1P2, pair(EOS, EOS)), dense[B_NO_NEXT]);
    for (unsigned v = 0; v < B_PROP_PROPL - B_LEX0_POS; v++)
        for (unsigned y = 0; y < 16; y++)
            dense[B_LEX0_POS + v][y] = dense[B_LEX0 + v][y] + dense[B_POS + (v & 15u)][y];
    for (unsigned v = 0; v < B_GAZT_CTX - B_PROP_PROPL; v++)
        for (unsigned y = 0; y < 16; y++)
            dense[B_PROP_PROPL + v][y] = dense[B_PROP + v][y] + dense[B_PROPL + (v >> 2)][y];
    for (unsigned v = 0; v < B_LEX0_POS_CLS0 - B_GAZT_CTX; v++)
        for (unsigned y = 0; y < 16; y++)
            dense[B_GAZT_CTX + v][y] = dense[B_GAZT + (v >> 3)][y] + dense[B_CTX + (v & 7u)][y];
    for (unsigned v = 0; v < B_NO_PREV - B_LEX0_POS_CLS0; v++)
        for (unsigned y = 0; y < 16; y++)
            dense[B_LEX0_POS_CLS0 + v][y] = dense[B_LEX0_POS + v][y] + none[y];
}
static const uint16_t dense_base[D_KINDS + 1] = {B_BIAS,   B_SH0,  B_POS, B_CTX,  B_GAZT,  B_RUN,
                                                 B_RUNCLS, B_LEX0, B_GAZ, B_PROP, B_PROPL, B_END};
static const uint32_t run_classes[6] = {R_TITLE,      R_SAY,      R_ORG_HEAD,
                                        R_ORG_SUFFIX, R_LOC_HEAD, R_STOP};

/* The rules.tsv classes kept for a run, as 6 bits and back. */
static unsigned
run_cls_index(uint32_t cls)
{
    unsigned x = 0;
    for (unsigned k = 0; k < 6; k++)
        x |= (cls & run_classes[k]) ? 1u << k : 0;
    return x;
}

uint64_t
tagger_dense_id(unsigned offset)
{
    unsigned k = 0;
    while (k + 1 < D_KINDS && offset >= dense_base[k + 1])
        k++;
    unsigned v = offset - dense_base[k];
    switch (k) {
    case D_BIAS:
        return fid(F_BIAS, 0);
    case D_SH0:
        return fid(F_SH0, v);
    case D_POS:
        return fid(F_POS, v);
    case D_CTX:
        return fid(F_CTX, v);
    case D_GAZ_TYPES:
        return fid(F_GAZ_TYPES, v);
    case D_RUN:
        return fid(F_RUN, v);
    case D_RUNCLS: {
        uint32_t cls = 0;
        for (unsigned b = 0; b < 6; b++)
            cls |= (v >> b & 1) ? run_classes[b] : 0;
        return fid(F_RUNCLS, cls);
    }
    case D_LEX0:
        return fid(F_LEX0, pair(v >> 4, v & 15));
    case D_GAZ:
        return fid(F_GAZ, v);
    case D_PROP:
        return fid(F_PROP, pair(v >> 2, v & 3));
    default:
        return fid(F_PROP_L, v);
    }
}

void
tagger_features(const tagger_doc *d, size_t i, tagger_feats *f)
{
    size_t n = 0, nd = 0;
#define HASHED(x)  (f->id[n++] = (x))
#define DENSE(x)   (f->dense[nd++] = (uint16_t)(x))
#define OWN()      (f->dense_own = (uint8_t)nd)
#define FB_WORD    1
#define FB_CONTEXT 1
#include "tagger/feature_body.h"
#undef FB_WORD
#undef FB_CONTEXT
#undef HASHED
#undef DENSE
#undef OWN
    f->n = (uint8_t)n;
    f->nd = (uint8_t)nd;
}

/* w << shift of each lane of SLOT into ACC, without shifting a negative */
static inline void
add_slot(int32_t acc[16], const uint8_t *slot)
{
    const unsigned shift = slot[TAGGER_SLOT_SHIFT] & 15u;
    for (uint32_t y = 0; y < 16; y++)
        acc[y] += (int32_t)((uint32_t)(int32_t)(int8_t)slot[y] << shift);
}

/* What the features of a token's own word (feature_body.h, FB_WORD) read of it besides its hash:
 * the flags of its case, digits, abbreviation, reduplication and clitic (8 bits), its kind (4),
 * the length of its key and of its stem (10 each), in 32 bits, never 0 (a kind is never 0); 0
 * for a word of a key or a stem of 1024 bytes or more, which the memo does not keep. The key's
 * bytes (prefixes, suffixes, stem) are the hash's. */
_Static_assert(TOK_F_CAP == 1 && TOK_F_ALLCAPS == 2 && TOK_F_LOWER == 4 && TOK_F_DIGIT == 8 &&
                   TOK_F_ALLDIGIT == 16 && TOK_F_ABBREV == 256 && TOK_F_REDUP == 512 &&
                   TOK_F_CLITIC == 1024 && TOK_SYMBOL < 16,
               "word_meta: the flags in bits 0-4 and 8-10, a kind in 4 bits");
static inline uint32_t
word_meta(const tok *t)
{
    if ((t->key_len | t->stem_len) >= 1024)
        return 0;
    const uint32_t f = t->flags;
    return (f & 0x1Fu) | (f >> 3 & 0xE0u) | (uint32_t)t->kind << 8 | (uint32_t)t->key_len << 12 |
           (uint32_t)t->stem_len << 22;
}

typedef void word_sum_fn(const tagger_doc *d, const tagger_model *m, size_t i, int32_t sum[16]);

/* The memo entry of T's word. */
static inline size_t
word_entry(const tok *t)
{
    return (t->hash ^ t->key_len) & (TAGGER_MEMO_WORDS - 1);
}

/* The features of token I's own word into SUM (16 lanes), one by one. */
static void
word_sum_of(const tagger_doc *d, const tagger_model *m, size_t i, int32_t sum[16])
{
    int32_t *acc = sum;
    memset(acc, 0, 16 * sizeof *acc);
#define HASHED(x)                                                                                  \
    do {                                                                                           \
        const uint8_t *slot_ = tagger_model_slot(m, (x));                                          \
        if (slot_)                                                                                 \
            add_slot(acc, slot_);                                                                  \
    } while (0)
#define DENSE(x)                                                                                   \
    do {                                                                                           \
        const int32_t *row_ = m->dense[(x)];                                                       \
        for (uint32_t y = 0; y < 16; y++)                                                          \
            acc[y] += row_[y];                                                                     \
    } while (0)
#define OWN()      ((void)0)
#define FB_WORD    1
#define FB_CONTEXT 0
#include "tagger/feature_body.h"
#undef FB_WORD
#undef FB_CONTEXT
}

/* The sum of the features of token I's own word, added up by FILL: kept in MO (when not NULL)
 * for the next time the word comes, else in TMP. */
static inline const int32_t *
word_sum(tagger_memo *mo, const tagger_doc *d, const tagger_model *m, size_t i, int32_t tmp[16],
         word_sum_fn *fill)
{
    if (!mo) {
        fill(d, m, i, tmp);
        return tmp;
    }
    const tok *t = &d->tl->v[i];
    const uint32_t meta = word_meta(t);
    int32_t *sum = mo->sum[word_entry(t)];
    if (!meta) { /* a word too long for the key */
        fill(d, m, i, tmp);
        return tmp;
    }
    uint32_t lo, hi, had;
    memcpy(&lo, &sum[TAGGER_MEMO_HASH_LO], 4);
    memcpy(&hi, &sum[TAGGER_MEMO_HASH_HI], 4);
    memcpy(&had, &sum[TAGGER_MEMO_META], 4);
    if (had != meta || ((uint64_t)hi << 32 | lo) != t->hash) {
        fill(d, m, i, sum);
        lo = (uint32_t)t->hash;
        hi = (uint32_t)(t->hash >> 32);
        memcpy(&sum[TAGGER_MEMO_HASH_LO], &lo, 4);
        memcpy(&sum[TAGGER_MEMO_HASH_HI], &hi, 4);
        memcpy(&sum[TAGGER_MEMO_META], &meta, 4);
    }
    return sum;
}

/* The memo the scorer keeps word sums of model M in, NULL for none. */
static tagger_memo *
memo_for(tagger_doc *d, const tagger_model *m)
{
    if (!m->memo)
        return NULL;
    if (!d->memo) /* once a document, not a region */
        d->memo = tagger_memo_thread();
    tagger_memo *mo = d->memo;
    if (mo && mo->serial != m->serial)
        tagger_memo_clear(mo, m->serial);
    return mo;
}

/* The tokens [*LO, *HI) of the sentence of region [A, B) that are at most 2 before or after it:
 * a region lies in one sentence (tagger_doc_scan), so that for its tokens the tests of the
 * neighbours' sentence (feature_body.h) are tests of these bounds. */
static inline void
near_bounds(const tok_list *tl, size_t a, size_t b, size_t *lo, size_t *hi)
{
    const uint32_t sent = tl->v[a].sent;
    size_t l = a, h = b;
    while (l > 0 && a - l < 2 && tl->v[l - 1].sent == sent)
        l--;
    while (h < tl->n && h - b < 2 && tl->v[h].sent == sent)
        h++;
    *lo = l;
    *hi = h;
}

/* tagger_score without vectors (integer sums: the same numbers); out of line, so that
 * tagger_score is only the choice (no set-up of its own for the AVX2 variant) */
__attribute__((noinline)) static void
score_portable(tagger_doc *d, const tagger_model *m, size_t a, size_t b, int32_t *emit)
{
    tagger_memo *mo = memo_for(d, m);
    int32_t tmp[16];
    size_t near_lo, near_hi;
    near_bounds(d->tl, a, b, &near_lo, &near_hi);
    for (size_t i = a; i < b; i++) {
        int32_t *acc = emit + (i - a) * m->n_labels;
        const int32_t *w = word_sum(mo, d, m, i, tmp, word_sum_of);
        memcpy(acc, w, 16 * sizeof *acc);
#define FB_NEAR
#define FB_FUSED
#define FB_WORD    0
#define FB_CONTEXT 1
#include "tagger/feature_body.h"
#undef FB_WORD
#undef FB_CONTEXT
#undef FB_FUSED
#undef FB_NEAR
    }
#undef HASHED
#undef DENSE
#undef OWN
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_VARIANT 1

/* the 8 signed bytes at P as 8 lanes of 32 bits (one instruction that reads memory) */
#define WIDEN8(p) _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(p)))

/* With AVX2, chosen at run time where the processor has it: a slot's 16 bytes widened to two
 * vectors of 8 lanes and shifted, a dense row added as it is. */
#define HASHED(x)                                                                                  \
    do {                                                                                           \
        const uint8_t *slot_ = tagger_model_slot(m, (x));                                          \
        if (slot_) { /* each half of the weights widened straight from memory */                   \
            const __m128i sh_ = _mm_cvtsi32_si128((int)(slot_[TAGGER_SLOT_SHIFT] & 15u));          \
            lo = _mm256_add_epi32(lo, _mm256_sll_epi32(WIDEN8(slot_), sh_));                       \
            hi = _mm256_add_epi32(hi, _mm256_sll_epi32(WIDEN8(slot_ + 8), sh_));                   \
        }                                                                                          \
    } while (0)
#define DENSE(x)                                                                                   \
    do {                                                                                           \
        const int32_t *row_ = m->dense[(x)];                                                       \
        lo = _mm256_add_epi32(lo, _mm256_load_si256((const __m256i *)(const void *)row_));         \
        hi = _mm256_add_epi32(hi, _mm256_load_si256((const __m256i *)(const void *)(row_ + 8)));   \
    } while (0)
#define OWN() ((void)0)

/* word_sum_of with AVX2 */
__attribute__((target("avx2"))) static void
word_sum_avx2(const tagger_doc *d, const tagger_model *m, size_t i, int32_t sum[16])
{
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
#define FB_WORD    1
#define FB_CONTEXT 0
#include "tagger/feature_body.h"
#undef FB_WORD
#undef FB_CONTEXT
    _mm256_store_si256((__m256i *)(void *)sum, lo);
    _mm256_store_si256((__m256i *)(void *)(sum + 8), hi);
}

/* tagger_score with AVX2 */
__attribute__((target("avx2"))) static void
score_avx2(tagger_doc *d, const tagger_model *m, size_t a, size_t b, int32_t *emit)
{
    tagger_memo *mo = memo_for(d, m);
    int32_t tmp[16] __attribute__((aligned(32)));
    size_t near_lo, near_hi;
    near_bounds(d->tl, a, b, &near_lo, &near_hi);
    for (size_t i = a; i < b; i++) { /* one call a region: its set-up is paid once */
        const int32_t *w = word_sum(mo, d, m, i, tmp, word_sum_avx2);
        __m256i lo = _mm256_load_si256((const __m256i *)(const void *)w),
                hi = _mm256_load_si256((const __m256i *)(const void *)(w + 8));
#define FB_NEAR
#define FB_FUSED
#define FB_WORD    0
#define FB_CONTEXT 1
#include "tagger/feature_body.h"
#undef FB_WORD
#undef FB_CONTEXT
#undef FB_FUSED
#undef FB_NEAR
        int32_t *acc = emit + (i - a) * m->n_labels;
        _mm256_storeu_si256((__m256i *)(void *)acc, lo);
        _mm256_storeu_si256((__m256i *)(void *)(acc + 8), hi);
    }
#undef HASHED
#undef DENSE
#undef OWN
#undef WIDEN8
}
#endif

/* The first slot an id probes (tagger_model_slot), asked of the cache unless the model surely
 * lacks the id. */
static inline void
prefetch_slot(const tagger_model *m, uint64_t id)
{
    if (!tagger_model_lacks(m, id))
        __builtin_prefetch(m->slots + (id & m->mask) * TAGGER_SLOT_SIZE);
}

void
tagger_prefetch(const tagger_doc *d, const tagger_model *m, size_t r)
{
    const tok_list *tl = d->tl;
    const size_t a = d->reg[r].start, b = d->reg[r].end;
    const tagger_memo *mo = m->memo ? d->memo : NULL;
    for (size_t i = a; i < b && i < a + TAGGER_PREFETCH_TOKENS; i++) {
        const tok *t = &tl->v[i];
        if (mo) /* the word's memo entry */
            __builtin_prefetch(mo->sum[word_entry(t)]);
        /* the hashed features of the neighbours (feature_body.h): the slots most often missed,
         * the words' own being in the memo; near a sentence's end the guess may be wrong,
         * which costs only the fetch */
        const int has_prev = i > 0 && tl->v[i - 1].sent == t->sent,
                  has_next = i + 1 < tl->n && tl->v[i + 1].sent == t->sent;
        if (has_prev) {
            const uint64_t wm1 = tl->v[i - 1].hash;
            const int has_prev2 = i > 1 && tl->v[i - 2].sent == t->sent;
            prefetch_slot(m, fid(F_WM1, wm1));
            prefetch_slot(m, fid(F_BI_M2M1, pair(has_prev2 ? tl->v[i - 2].hash : BOS, wm1)));
        }
        if (has_next) {
            const uint64_t wp1 = tl->v[i + 1].hash;
            const int has_next2 = i + 2 < tl->n && tl->v[i + 2].sent == t->sent;
            prefetch_slot(m, fid(F_WP1, wp1));
            prefetch_slot(m, fid(F_BI_P1P2, pair(wp1, has_next2 ? tl->v[i + 2].hash : EOS)));
        }
    }
}

void
tagger_score(tagger_doc *d, const tagger_model *m, size_t a, size_t b, int32_t *emit)
{
#ifdef HAVE_AVX2_VARIANT
    if (m->trellis.avx2) {
        score_avx2(d, m, a, b, emit);
        return;
    }
#endif
    score_portable(d, m, a, b, emit);
}

/* Is the one-token region at I an ordinary word capitalized only because it opens the
 * sentence ("Menurut", "Dia"), which no candidate covers? Then it is O without being scored. */
static int
trivial(const tagger_doc *d, size_t i)
{
    const tok *t = &d->tl->v[i];
    if (d->mk[i].gaz0 || d->mk[i].prop || (t->flags & TOK_F_ALLCAPS) || t->kind != TOK_WORD)
        return 0;
    size_t j = i;
    while (j > 0 && !(d->tl->v[j].flags & TOK_F_SENT_START) && d->tl->v[j - 1].kind == TOK_PUNCT)
        j--;
    if (!(d->tl->v[j].flags & TOK_F_SENT_START))
        return 0;
    uint8_t a = d->attr[i - d->shift];
    unsigned cls = (a & LEX_CASE_MASK) >> LEX_CASE_SHIFT;
    return (a & LEX_HUNSPELL) && !(a & LEX_GIVEN_MASK) && (cls == 1 || cls == 2);
}

/* The quote or bracket token T is: '"' (also curly quotes), '(' or ')'; else 0. */
static char
quote_mark(const tok_list *tl, const tok *t)
{
    if (t->kind != TOK_PUNCT || (t->key_len != 1 && t->key_len != 3))
        return 0;
    const char *k = tok_key(tl, t);
    if (t->key_len == 3) /* U+201C, U+201D */
        return !memcmp(k, "\xE2\x80\x9C", 3) || !memcmp(k, "\xE2\x80\x9D", 3) ? '"' : 0;
    return *k == '"' || *k == '(' || *k == ')' ? *k : 0;
}

/* Ends the run of open tokens [A, B) with classes CLS. */
static void
end_run(tagger_doc *d, size_t a, size_t b, uint32_t cls)
{
    const uint8_t x = (uint8_t)run_cls_index(cls);
    const unsigned len = b - a < 5 ? (unsigned)(b - a) & 7u : 5u;
    for (size_t k = a; k < b; k++) { /* the fields set in a copy, stored at once */
        tagger_marks v = d->mk[k];
        v.run_len = len;
        v.run_pos = k - a < 3 ? (unsigned)(k - a) & 3u : 3u;
        v.run_last = k + 1 == b;
        v.run_cls = x & 63u;
        d->mk[k] = v;
    }
}

/* Ends the region that starts at A and whose last open token is LAST: a number right after
 * joins it ("Liga 1", "SMP Negeri 3"); its tokens are looked up; it is kept unless trivial. */
static void
end_region(tagger_doc *d, size_t a, size_t last)
{
    const tok_list *tl = d->tl;
    size_t b = last + 1;
    if (b < tl->n && tl->v[b].sent == tl->v[a].sent && tl->v[b].kind == TOK_NUMBER)
        b++;
    for (size_t k = a; k < b; k++)
        if (!d->mk[k].open) /* an open token was looked up for its run */
            look_up(d, k);
    if (b - a == 1 && trivial(d, a))
        return; /* its entries are the next region's */
    d->reg[d->nreg++] = (tagger_region){(uint32_t)a, (uint32_t)b, (uint32_t)d->nlook};
    d->nlook += b - a;
}

void
tagger_doc_scan(tagger_doc *d)
{
    const tok_list *tl = d->tl;
    const uint32_t keep = R_TITLE | R_ORG_HEAD | R_ORG_SUFFIX | R_LOC_HEAD | R_STOP | R_SAY;
    const size_t none = SIZE_MAX;
    size_t run = none, reg = none, last = 0;    /* the run and region under way, its last open */
    uint32_t cls = 0, sent = d->scan_sent1 - 1; /* UINT32_MAX at a document's start */
    int quote = d->scan_quote, paren = d->scan_paren;
    d->nreg = 0;
    for (size_t i = 0; i < tl->n; i++) {
        if (!(quote | paren)) {
            /* outside quotes and brackets, a token neither open nor a quote or bracket only
             * ends the run under way (the first one), and the region under way when it lies
             * past it (the next token that is either does that as well, and the end of the
             * document): skipped. The test is mk->open's below, and quote_mark's: change
             * them together. */
            size_t j = i;
            while (j < tl->n && !(((tl->v[j].kind == TOK_WORD &&
                                    (tl->v[j].flags & (TOK_F_CAP | TOK_F_ALLCAPS))) ||
                                   d->mk[j].gaz0 || d->mk[j].prop) ||
                                  quote_mark(tl, &tl->v[j])))
                j++;
            if (j > i && run != none) {
                end_run(d, run, i, cls);
                run = none;
            }
            if (j == tl->n)
                break;
            i = j;
        }
        const tok *t = &tl->v[i];
        tagger_marks *mk = &d->mk[i];
        if (t->sent != sent) {
            sent = t->sent;
            quote = paren = 0;
        }
        char q = quote_mark(tl, t);
        if (q == '"')
            quote = !quote;
        else if (q == '(')
            paren++;
        else if (q == ')')
            paren -= paren > 0;
        else if (quote || paren)
            mk->flags |= (quote ? MARK_QUOTE : 0u) | (paren ? MARK_PAREN : 0u);
        mk->open = (t->kind == TOK_WORD && (t->flags & (TOK_F_CAP | TOK_F_ALLCAPS))) || mk->gaz0 ||
                   mk->prop;
        /* a run: open tokens one after another in a sentence, 255 at most */
        if (run != none && (!mk->open || tl->v[run].sent != sent || i - run >= 255)) {
            end_run(d, run, i, cls);
            run = none;
        }
        /* a region: open tokens at most one other token apart in a sentence */
        if (reg != none && (tl->v[reg].sent != sent || i > last + 2)) {
            end_region(d, reg, last);
            reg = none;
        }
        if (!mk->open)
            continue;
        if (reg == none)
            reg = i, d->shift = i - d->nlook; /* its entries follow the last region's */
        look_up(d, i);
        if (run == none)
            run = i, cls = 0;
        cls |= d->trig[i - d->shift] & keep;
        last = i;
    }
    if (run != none)
        end_run(d, run, tl->n, cls);
    if (reg != none)
        end_region(d, reg, last);
    d->vend = 0; /* no region in view */
    d->scan_sent1 = sent + 1;
    d->scan_quote = quote;
    d->scan_paren = paren;
}
