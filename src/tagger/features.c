/*
 * tagger/features.c: the feature function and the regions (see features.h).
 */
#include <stdlib.h>
#include <string.h>

#include "tagger/features.h"

#define TRIG_UNSET UINT32_MAX
#define ATTR_KNOWN 0x80u

/* Feature kinds: the tag mixed into every id. Append only: ids of a kind never move. */
enum kind {
    F_BIAS = 1,
    F_W0,
    F_W0_CASE,
    F_WM1,
    F_WP1,
    F_WM2,
    F_WP2,
    F_STEM,
    F_PRE2,
    F_PRE3,
    F_SUF2,
    F_SUF3,
    F_SH0,
    F_SHM1,
    F_SHP1,
    F_SHM1_SH0,
    F_SH0_SHP1,
    F_POS,
    F_WM1_SH0,
    F_SH0_WP1,
    F_GAZ,
    F_GAZ_TP,
    F_GAZ_TYPES,
    F_CLS0,
    F_CLSB,
    F_CLSP1,
    F_LEX0,
    F_LEXM1,
    F_LEXP1,
    F_CTX,
    F_PROP,
    F_PROP_L,
    F_PROPM1,
    F_PROPP1,
    F_BI_M2M1,
    F_BI_M10,
    F_BI_0P1,
    F_BI_P1P2,
    F_PRE4,
    F_SUF4,
    F_GAZM1,
    F_GAZP1,
};

#define BOS 0x5bd1e9955bd1e995ull
#define EOS 0x9e3779b97f4a7c15ull

/* splitmix64's finalizer over a value and its kind */
static inline uint64_t
fid(enum kind k, uint64_t v)
{
    uint64_t h = v + 0x9E3779B97F4A7C15ull * (uint64_t)k;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 31;
    return h;
}

static inline uint64_t
pair(uint64_t a, uint64_t b)
{
    return a * 0xD6E8FEB86659FD93ull ^ (b + 0x632BE59BD9B4E019ull);
}

int
tagger_doc_reset(tagger_doc *d, size_t n)
{
    if (n > d->cap) {
        size_t cap = d->cap ? d->cap : 256;
        while (cap < n)
            cap *= 2;
        tagger_marks *mk = realloc(d->mk, cap * sizeof *mk);
        if (mk)
            d->mk = mk;
        uint32_t *trig = realloc(d->trig, cap * sizeof *trig);
        if (trig)
            d->trig = trig;
        uint8_t *tlen = realloc(d->tlen, cap);
        if (tlen)
            d->tlen = tlen;
        uint8_t *attr = realloc(d->attr, cap);
        if (attr)
            d->attr = attr;
        if (!mk || !trig || !tlen || !attr)
            return -1;
        d->cap = cap;
    }
    if (n) {
        memset(d->mk, 0, n * sizeof *d->mk);
        memset(d->trig, 0xFF, n * sizeof *d->trig);
        memset(d->attr, 0, n);
    }
    return 0;
}

void
tagger_doc_free(tagger_doc *d)
{
    free(d->mk);
    free(d->trig);
    free(d->tlen);
    free(d->attr);
    memset(d, 0, sizeof *d);
}

static uint32_t
trig_at(tagger_doc *d, size_t i)
{
    if (d->trig[i] == TRIG_UNSET) {
        size_t len = 0;
        d->trig[i] = d->tl->v[i].kind == TOK_WORD ? rules_trigger(d->r, d->tl, i, &len) : 0;
        d->tlen[i] = (uint8_t)len;
    }
    return d->trig[i];
}

/* The classes of the trigger phrases ending right before token I in its sentence. */
static uint32_t
classes_before(tagger_doc *d, size_t i)
{
    uint32_t all = 0;
    for (size_t back = 1; back <= 4 && back <= i; back++) {
        size_t j = i - back;
        if (d->tl->v[j].sent != d->tl->v[i].sent)
            break;
        uint32_t c = trig_at(d, j);
        if (c && j + d->tlen[j] == i)
            all |= c;
    }
    return all;
}

static uint8_t
attr_at(tagger_doc *d, size_t i)
{
    if (!(d->attr[i] & ATTR_KNOWN)) {
        const tok *t = &d->tl->v[i];
        uint8_t a = 0;
        if (t->kind == TOK_WORD) {
            a = tagger_lexicon_get(d->lex, t->hash);
            if (!a && (t->flags & TOK_F_CLITIC))
                a = tagger_lexicon_get(d->lex, tok_hash(tok_key(d->tl, t), t->stem_len));
        }
        d->attr[i] = (uint8_t)(a | ATTR_KNOWN);
    }
    return d->attr[i] & (uint8_t)~ATTR_KNOWN;
}

/* 0 lower, 1 capitalized, 2 all capitals, 3 neither (no letter first) */
static unsigned
case_class(const tok *t)
{
    return (t->flags & TOK_F_ALLCAPS) ? 2
           : (t->flags & TOK_F_CAP)   ? 1
           : (t->flags & TOK_F_LOWER) ? 0
                                      : 3;
}

/* A token's shape: its kind, and for words the case, a length class and marks. */
static unsigned
shape(const tok *t)
{
    if (t->kind != TOK_WORD) {
        unsigned s = t->kind;
        if (t->kind == TOK_NUMBER && (t->flags & TOK_F_ALLDIGIT))
            s += 16 * (t->key_len == 4 ? 2 : 1);
        return s;
    }
    unsigned len = t->key_len <= 1 ? 0 : t->key_len <= 3 ? 1 : t->key_len <= 7 ? 2 : 3;
    unsigned s = 64 + case_class(t) * 4 + len;
    if (t->flags & TOK_F_ABBREV)
        s += 16;
    if (t->flags & TOK_F_DIGIT)
        s += 32;
    if (t->flags & TOK_F_REDUP)
        s += 128;
    return s;
}

/* The types of the gazetteer candidates covering a token, and whether one starts or ends there. */
static unsigned
gaz_types(const tagger_marks *mk)
{
    unsigned m = 0;
    for (size_t k = 0; k < TAGGER_GAZ_MAX && mk->gaz[k]; k++)
        m |= 1u << ((mk->gaz[k] & 3) * 4 + ((mk->gaz[k] >> 2) & 3));
    return m;
}

size_t
tagger_features(tagger_doc *d, size_t i, uint64_t *out, size_t *n_own)
{
    const tok_list *tl = d->tl;
    const tok *t = &tl->v[i];
    const char *key = tok_key(tl, t);
    int has_prev = i > 0 && tl->v[i - 1].sent == t->sent;
    int has_next = i + 1 < tl->n && tl->v[i + 1].sent == t->sent;
    int has_prev2 = has_prev && i > 1 && tl->v[i - 2].sent == t->sent;
    int has_next2 = has_next && i + 2 < tl->n && tl->v[i + 2].sent == t->sent;
    uint64_t wm1 = has_prev ? tl->v[i - 1].hash : BOS, wp1 = has_next ? tl->v[i + 1].hash : EOS;
    unsigned sh0 = shape(t), shm1 = has_prev ? shape(&tl->v[i - 1]) : 1000,
             shp1 = has_next ? shape(&tl->v[i + 1]) : 1001;
    unsigned cc = case_class(t);
    unsigned start =
        (t->flags & TOK_F_SENT_START)                                                           ? 1
        : has_prev && (tl->v[i - 1].flags & TOK_F_SENT_START) && tl->v[i - 1].kind == TOK_PUNCT ? 2
                                                                                                : 0;
    size_t n = 0;
    out[n++] = fid(F_BIAS, 0);
    out[n++] = fid(F_W0, t->hash);
    out[n++] = fid(F_W0_CASE, pair(t->hash, cc));
    out[n++] = fid(F_WM1, wm1);
    out[n++] = fid(F_WP1, wp1);
    out[n++] = fid(F_WM2, has_prev2 ? tl->v[i - 2].hash : BOS);
    out[n++] = fid(F_WP2, has_next2 ? tl->v[i + 2].hash : EOS);
    if (t->flags & TOK_F_CLITIC)
        out[n++] = fid(F_STEM, tok_hash(key, t->stem_len));
    if (t->kind == TOK_WORD && t->key_len > 3) {
        out[n++] = fid(F_PRE2, tok_hash(key, 2));
        out[n++] = fid(F_PRE3, tok_hash(key, 3));
        out[n++] = fid(F_SUF2, tok_hash(key + t->key_len - 2, 2));
        out[n++] = fid(F_SUF3, tok_hash(key + t->key_len - 3, 3));
    }
    out[n++] = fid(F_SH0, sh0);
    out[n++] = fid(F_SHM1, shm1);
    out[n++] = fid(F_SHP1, shp1);
    out[n++] = fid(F_SHM1_SH0, pair(shm1, sh0));
    out[n++] = fid(F_SH0_SHP1, pair(sh0, shp1));
    out[n++] = fid(F_POS, start * 4 + cc);
    out[n++] = fid(F_WM1_SH0, pair(wm1, sh0));
    out[n++] = fid(F_SH0_WP1, pair(sh0, wp1));
    out[n++] = fid(F_BI_M2M1, pair(has_prev2 ? tl->v[i - 2].hash : BOS, wm1));
    out[n++] = fid(F_BI_M10, pair(wm1, t->hash));
    out[n++] = fid(F_BI_0P1, pair(t->hash, wp1));
    out[n++] = fid(F_BI_P1P2, pair(wp1, has_next2 ? tl->v[i + 2].hash : EOS));
    if (t->kind == TOK_WORD && t->key_len > 5) {
        out[n++] = fid(F_PRE4, tok_hash(key, 4));
        out[n++] = fid(F_SUF4, tok_hash(key + t->key_len - 4, 4));
    }
    out[n++] = fid(F_GAZM1, has_prev ? gaz_types(&d->mk[i - 1]) : 99);
    out[n++] = fid(F_GAZP1, has_next ? gaz_types(&d->mk[i + 1]) : 99);
    const tagger_marks *mk = &d->mk[i];
    unsigned types = 0;
    for (size_t k = 0; k < TAGGER_GAZ_MAX && mk->gaz[k]; k++) {
        out[n++] = fid(F_GAZ, mk->gaz[k]);
        out[n++] = fid(F_GAZ_TP, mk->gaz[k] & 0xF);
        types |= 1u << (mk->gaz[k] & 3);
    }
    out[n++] = fid(F_GAZ_TYPES, types);
    out[n++] = fid(F_CLS0, trig_at(d, i));
    out[n++] = fid(F_CLSB, classes_before(d, i));
    out[n++] = fid(F_CLSP1, has_next ? trig_at(d, i + 1) : 0xFFFFFFFFu);
    out[n++] = fid(F_LEX0, pair(attr_at(d, i), start * 4 + cc));
    out[n++] = fid(F_LEXM1, has_prev ? pair(attr_at(d, i - 1), case_class(&tl->v[i - 1])) : 999);
    out[n++] = fid(F_LEXP1, has_next ? pair(attr_at(d, i + 1), case_class(&tl->v[i + 1])) : 999);
    out[n++] = fid(F_CTX, mk->flags & (MARK_DATE | MARK_QUOTE | MARK_PAREN));
    /* idner's own decision, last: training drops these at random */
    *n_own = n;
    out[n++] = fid(F_PROP, pair(mk->prop, mk->prop_src));
    out[n++] = fid(F_PROP_L, mk->prop);
    out[n++] = fid(F_PROPM1, has_prev ? d->mk[i - 1].prop : 99);
    out[n++] = fid(F_PROPP1, has_next ? d->mk[i + 1].prop : 99);
    return n;
}

size_t
tagger_region(const tagger_doc *d, size_t *start, size_t end)
{
    const tok_list *tl = d->tl;
    size_t a = *start;
    while (a < end && !d->mk[a].open)
        a++;
    *start = a;
    if (a == end)
        return end;
    size_t last = a; /* the last open token */
    for (size_t j = a + 1; j < end && tl->v[j].sent == tl->v[a].sent && j <= last + 2; j++)
        if (d->mk[j].open)
            last = j;
    size_t b = last + 1;
    if (b < end && tl->v[b].sent == tl->v[a].sent && tl->v[b].kind == TOK_NUMBER)
        b++; /* "Liga 1", "SMP Negeri 3" */
    return b;
}
