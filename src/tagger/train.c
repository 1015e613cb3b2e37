/*
 * tagger/train.c: the averaged structured perceptron (see train.h).
 *
 * Examples are stored flat: every token's feature ids (those reading idner's own labels last),
 * its gold label, and each region's first token. Before the first epoch the distinct ids are
 * sorted and each token's ids replaced by row numbers, so an epoch touches no hash table.
 * Averaging uses the usual lazy sums: with c updates so far, a weight's average is
 * w - u / c where every change d at step c adds c * d to u. With several runs (options.runs)
 * the perceptron is trained again from zero on the next shuffles of the same random stream and
 * the model is the mean of the runs' averaged weights: it varies less with the order of the
 * examples (measured in tools/tagger-cv).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/mem.h"
#include "gaz/format.h"
#include "tagger/lexicon.h"
#include "tagger/train.h"

#define TOP_SHIFT 12

struct tagger_trainer {
    tagger_train_options o;
    uint32_t L;
    uint32_t *lex_slots;
    size_t n_lex;
    tagger_lexicon lex;
    /* examples */
    uint64_t *feat; /* ids, then (after indexing) row numbers */
    size_t nfeat, capfeat;
    uint32_t *tok_off; /* token k's features: feat[tok_off[k], tok_off[k + 1]) */
    uint8_t *tok_own;  /* from tok_off[k] + tok_own[k] on: idner's own labels */
    uint8_t *gold;
    size_t ntok, captok;
    uint32_t *reg_off; /* region r: tokens [reg_off[r], reg_off[r + 1]) */
    size_t nreg, capreg;
    uint8_t *reg_dom;       /* region r's corpus (0: none), capreg of them */
    unsigned domain, n_dom; /* the current one; the largest seen */
    /* weights */
    uint64_t *ids; /* distinct feature ids, sorted: row i is ids[i] */
    size_t nids;
    int32_t *w;  /* nids * L */
    int64_t *u;  /* the averaging sums */
    int32_t *tw; /* (L + 1)^2 transitions; TAGGER_FORBIDDEN where illegal */
    int64_t *tu;
    int32_t *dw;           /* n_dom * (nids + 1) * L corpus weights (not averaged: never kept) */
    int32_t *dtw;          /* n_dom * (L + 1)^2 corpus transitions */
    int32_t *rtw;          /* a region's transitions: general + its corpus's */
    int64_t c;             /* updates so far (examples seen) */
    double *run_w, *run_t; /* sums of the averaged weights of the runs finished */
    unsigned runs_done;
    tagger_train_stats stats;
    uint8_t *labels; /* scratch for one sentence's labels */
    size_t cap_labels;
};

void
tagger_train_options_init(tagger_train_options *o)
{
    memset(o, 0, sizeof *o);
    o->scheme = TAGGER_BILOU;
    o->epochs = 10;
    o->seed = 1;
    o->own_dropout = 0.3;
    o->relabel_countries = 1;
    o->prune = 2;
    o->min_count = 2;
    o->runs = 1;
}

idner_status
tagger_trainer_new(const tagger_train_options *o, const char *dir, tagger_trainer **out,
                   idner_error *err)
{
    *out = NULL;
    uint32_t L = tagger_n_labels(o->scheme);
    if (!L)
        return error_set(err, IDNER_ERR_ARG, "unknown label scheme %u", o->scheme);
    tagger_trainer *t = calloc(1, sizeof *t);
    if (!t)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    t->o = *o;
    t->L = L;
    idner_status st = tagger_lexicon_build(dir, &t->lex_slots, &t->n_lex, err);
    if (st != IDNER_OK) {
        free(t);
        return st;
    }
    t->lex.slots = t->lex_slots;
    t->lex.mask = t->n_lex - 1;
    *out = t;
    return IDNER_OK;
}

void
tagger_trainer_free(tagger_trainer *t)
{
    if (!t)
        return;
    free(t->lex_slots);
    free(t->feat);
    free(t->tok_off);
    free(t->tok_own);
    free(t->gold);
    free(t->reg_off);
    free(t->reg_dom);
    free(t->dw);
    free(t->dtw);
    free(t->rtw);
    free(t->ids);
    free(t->w);
    free(t->u);
    free(t->tw);
    free(t->tu);
    free(t->run_w);
    free(t->run_t);
    free(t->labels);
    free(t);
}

const tagger_lexicon *
tagger_trainer_lexicon(const tagger_trainer *t)
{
    return &t->lex;
}

void
tagger_trainer_set_domain(tagger_trainer *t, unsigned domain)
{
    t->domain = domain <= TAGGER_MAX_DOMAINS ? domain : TAGGER_MAX_DOMAINS;
    if (t->domain > t->n_dom)
        t->n_dom = t->domain;
}

void
tagger_trainer_stats(const tagger_trainer *t, tagger_train_stats *out)
{
    *out = t->stats;
}

/* Makes room for N more elements of SIZE in *P (used *LEN of *CAP); -1 without memory. */
static int
grow(void **p, size_t len, size_t more, size_t *cap, size_t size)
{
    if (len + more <= *cap)
        return 0;
    size_t c = *cap ? *cap : 1024;
    while (c < len + more)
        c *= 2;
    void *v = realloc(*p, c * size);
    if (!v)
        return -1;
    *p = v;
    *cap = c;
    return 0;
}

static int
is_country(const cand *c)
{
    return c->type == IDNER_LOC && c->subtype && !strcmp(c->subtype, "country");
}

/* Is token I of TL an opening (or, with C ')', a closing) parenthesis? */
static int
is_paren(const tok_list *tl, size_t i, char c)
{
    const tok *t = &tl->v[i];
    return t->kind == TOK_PUNCT && t->key_len == 1 && *tok_key(tl, t) == c;
}

/* A gold name over [A, *B) that holds a parenthesis ("Partai Persatuan Pembangunan (PPP)", as
 * idner-news-2k writes some) is read as the tagger can give it: the name ends before the
 * parenthesis, and what it holds is a name of its own, [*IA, *IB) (empty without a capitalized
 * word). Whole, it would run past its region's end (a closing parenthesis is no open token:
 * features.c) and be dropped (clip_region): the model learnt to leave the names before a
 * short form in parentheses untagged. */
static void
paren_gold(const tok_list *tl, size_t a, size_t *b, size_t *ia, size_t *ib)
{
    *ia = *ib = 0;
    for (size_t p = a + 1; p < *b; p++) {
        if (!is_paren(tl, p, '('))
            continue;
        size_t q = p + 1;
        int cap = 0;
        for (; q < *b && !is_paren(tl, q, ')'); q++)
            cap |= tl->v[q].kind == TOK_WORD && (tl->v[q].flags & (TOK_F_CAP | TOK_F_ALLCAPS));
        if (cap) {
            *ia = p + 1;
            *ib = q;
        }
        *b = p;
        return;
    }
}

/* Labels tokens [A, B) a name of TYPE. */
static void
place_gold(tagger_trainer *t, size_t a, size_t b, unsigned type)
{
    for (size_t k = a; k < b; k++)
        t->labels[k] = tagger_label(t->o.scheme, type, tagger_part_of(k, a, b));
}

/* The gold labels of the sentence's tokens into T->labels; names whose ends are not token
 * boundaries are left out. Returns the number of names placed, -1 without memory. */
static long
gold_labels(tagger_trainer *t, const tagger_scratch *s, const tagger_gold *gold, size_t ng)
{
    const tok_list *tl = s->doc.tl;
    size_t n = tl->n;
    size_t cap = t->cap_labels;
    if (grow((void **)&t->labels, 0, n + 1, &cap, 1))
        return -1;
    t->cap_labels = cap;
    memset(t->labels, 0, n + 1);
    long placed = 0;
    for (size_t g = 0; g < ng; g++) {
        size_t a = 0;
        while (a < n && tl->v[a].byte_start < gold[g].byte_start)
            a++;
        size_t b = a;
        while (b < n && tl->v[b].byte_end < gold[g].byte_end)
            b++;
        if (a >= n || b >= n || tl->v[a].byte_start != gold[g].byte_start ||
            tl->v[b].byte_end != gold[g].byte_end || gold[g].type < 1 || gold[g].type > 3)
            continue;
        b++;
        unsigned type = gold[g].type;
        size_t hl = 0;
        if (t->o.relabel_institutions && type == IDNER_LOC && s->doc.r &&
            (rules_trigger(s->doc.r, tl, a, &hl) & R_ORG_HEAD) && hl < b - a) {
            type = IDNER_ORG;
            t->stats.institutions_relabeled++;
        }
        size_t ia = 0, ib = 0; /* a parenthesis in it: the name ends before it */
        paren_gold(tl, a, &b, &ia, &ib);
        place_gold(t, a, b, type);
        if (ib > ia)
            place_gold(t, ia, ib, type);
        placed++;
    }
    if (!t->o.relabel_countries)
        return placed;
    /* SPEC.md: every country is a place; idner-news-2k leaves some O (a government, an army) */
    for (size_t k = 0; k < s->ngaz; k++) {
        const cand *c = tagger_gaz_info(s, &s->gaz[k]);
        int listed_place =
            c->type == IDNER_LOC && c->prio % 10 >= GAZ_RANK_OFFICIAL && !(c->flags & CAND_DROPPED);
        size_t a = s->gaz[k].tok_start, b = a + c->tok_end, j;
        if (!(is_country(c) || (t->o.relabel_countries > 1 && listed_place)) || b > n)
            continue;
        for (j = a; j < b && !t->labels[j]; j++)
            ;
        if (j < b)
            continue;
        place_gold(t, a, b, IDNER_LOC);
        t->stats.countries_relabeled++;
    }
    return placed;
}

static int
is_cont(uint32_t scheme, unsigned y)
{
    unsigned p = y ? tagger_label_part(scheme, y) : PART_B;
    return y && (p == PART_I || p == PART_L);
}

static int
starts_name(uint32_t scheme, unsigned y)
{
    return y && !is_cont(scheme, y);
}

/* A name that crosses an edge of region [A, B) of a sentence of N tokens: its tokens inside
 * become O (the decoder could not find it either). */
static void
clip_region(tagger_trainer *t, size_t a, size_t b, size_t n)
{
    const uint32_t sc = t->o.scheme;
    for (size_t k = a; k < b && is_cont(sc, t->labels[k]); k++)
        t->labels[k] = 0;
    if (b < n && is_cont(sc, t->labels[b])) {
        for (size_t k = b; k > a; k--) {
            unsigned y = t->labels[k - 1];
            if (!y)
                break;
            t->labels[k - 1] = 0;
            if (!is_cont(sc, y))
                break;
        }
    }
}

/* Room for MORE tokens in the token arrays; -1 without memory. */
static int
grow_tokens(tagger_trainer *t, size_t more)
{
    if (t->ntok + more + 1 <= t->captok)
        return 0;
    size_t cap = t->captok ? t->captok : 4096;
    while (cap < t->ntok + more + 1)
        cap *= 2;
    int ok = 1;
    MEM_GROW(t->tok_off, cap, ok);
    MEM_GROW(t->tok_own, cap, ok);
    MEM_GROW(t->gold, cap, ok);
    if (!ok)
        return -1;
    t->captok = cap;
    return 0;
}

idner_status
tagger_trainer_add(tagger_trainer *t, tagger_scratch *s, const tagger_gold *gold, size_t n_gold)
{
    tagger_doc *d = &s->doc;
    const tok_list *tl = d->tl;
    const size_t n = tl->n;
    if (gold_labels(t, s, gold, n_gold) < 0)
        return IDNER_ERR_NOMEM;
    t->stats.tokens += n;
    t->stats.gold += n_gold;
    tagger_feats f;
    for (size_t r = 0; r < d->nreg; r++) {
        size_t a = d->reg[r].start, b = d->reg[r].end;
        clip_region(t, a, b, n);
        size_t capreg = t->capreg;
        if (grow((void **)&t->reg_off, t->nreg, 2, &t->capreg, sizeof *t->reg_off) ||
            grow((void **)&t->reg_dom, t->nreg, 2, &capreg, 1) || grow_tokens(t, b - a))
            return IDNER_ERR_NOMEM;
        t->reg_dom[t->nreg] = (uint8_t)t->domain;
        t->reg_off[t->nreg++] = (uint32_t)t->ntok;
        tagger_doc_view(d, r);
        for (size_t i = a; i < b; i++) {
            tagger_features(d, i, &f);
            size_t nf = (size_t)f.n + f.nd;
            if (grow((void **)&t->feat, t->nfeat, nf, &t->capfeat, sizeof *t->feat))
                return IDNER_ERR_NOMEM;
            uint64_t *ids = t->feat + t->nfeat;
            memcpy(ids, f.id, f.n * sizeof *ids);
            for (size_t k = 0; k < f.nd;
                 k++) /* the dense ones last, idner's own labels at the end */
                ids[f.n + k] = tagger_dense_id(f.dense[k]);
            t->tok_off[t->ntok] = (uint32_t)t->nfeat;
            t->tok_own[t->ntok] = (uint8_t)(f.n + f.dense_own);
            t->gold[t->ntok] = t->labels[i];
            t->stats.gold_in_regions += starts_name(t->o.scheme, t->labels[i]);
            t->nfeat += nf;
            t->ntok++;
        }
        t->tok_off[t->ntok] = (uint32_t)t->nfeat;
        t->reg_off[t->nreg] = (uint32_t)t->ntok;
        t->stats.regions++;
        t->stats.region_tokens += b - a;
    }
    return IDNER_OK;
}

/* ---- training ----------------------------------------------------------------------------- */

/* splitmix64: the one source of randomness, seeded once */
static uint64_t
next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int
cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

static size_t
row_of(const tagger_trainer *t, uint64_t id)
{
    return tagger_lower_bound(t->ids, t->nids, id);
}

/* Sorts the distinct ids, turns every token's ids into rows, sets up the weights. */
static idner_status
index_features(tagger_trainer *t, idner_error *err)
{
    const uint32_t L = t->L, T = (L + 1) * (L + 1);
    t->ids = malloc((t->nfeat ? t->nfeat : 1) * sizeof *t->ids);
    if (!t->ids)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    memcpy(t->ids, t->feat, t->nfeat * sizeof *t->ids);
    if (t->nfeat)
        qsort(t->ids, t->nfeat, sizeof *t->ids, cmp_u64);
    /* distinct ids seen at least min_count times; the others share row w, never trained */
    size_t w = 0;
    for (size_t i = 0; i < t->nfeat;) {
        size_t j = i;
        while (j < t->nfeat && t->ids[j] == t->ids[i])
            j++;
        if (j - i >= t->o.min_count)
            t->ids[w++] = t->ids[i];
        i = j;
    }
    t->nids = w;
    for (size_t i = 0; i < t->nfeat; i++) {
        size_t r = row_of(t, t->feat[i]);
        t->feat[i] = r < w && t->ids[r] == t->feat[i] ? r : w;
    }
    t->w = calloc((w + 1) * L, sizeof *t->w);
    t->u = calloc((w + 1) * L, sizeof *t->u);
    t->tw = calloc(T, sizeof *t->tw);
    t->tu = calloc(T, sizeof *t->tu);
    if (!t->w || !t->u || !t->tw || !t->tu)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    if (t->n_dom) {
        t->dw = calloc((w + 1) * L * t->n_dom, sizeof *t->dw);
        t->dtw = calloc((size_t)T * t->n_dom, sizeof *t->dtw);
        t->rtw = calloc(T, sizeof *t->rtw);
        if (!t->dw || !t->dtw || !t->rtw)
            return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    }
    for (uint32_t a = 0; a <= L; a++)
        for (uint32_t b = 0; b <= L; b++)
            if (!tagger_legal(t->o.scheme, a, b))
                t->tw[a * (L + 1) + b] = TAGGER_FORBIDDEN;
    t->stats.features = w;
    return IDNER_OK;
}

static void
add_weight(tagger_trainer *t, int32_t *w, int64_t *u, int32_t d)
{
    *w += d;
    *u += t->c * d;
}

/* One example: decode with the current weights, update where the decoding is wrong. A region
 * of a corpus (tagger_trainer_set_domain) is scored and updated with its corpus's weights too. */
static void
train_region(tagger_trainer *t, size_t r, const uint8_t *drop, const uint8_t *fdrop, int32_t *emit,
             uint8_t *back, uint8_t *pred)
{
    const uint32_t L = t->L, S = L + 1;
    size_t a = t->reg_off[r], n = t->reg_off[r + 1] - a;
    const size_t fbase = t->tok_off[a];
    unsigned dom = t->reg_dom[r];
    int32_t *dw = dom ? t->dw + (dom - 1) * (t->nids + 1) * L : NULL;
    int32_t *dtw = dom ? t->dtw + (dom - 1) * S * S : NULL;
    for (size_t k = 0; k < n; k++) {
        int32_t *e = emit + k * L;
        memset(e, 0, L * sizeof *e);
        size_t f0 = t->tok_off[a + k], f1 = t->tok_off[a + k + 1];
        if (drop[k])
            f1 = f0 + t->tok_own[a + k];
        for (size_t f = f0; f < f1; f++) {
            if (fdrop[f - fbase])
                continue;
            const int32_t *w = t->w + t->feat[f] * L;
            for (uint32_t y = 0; y < L; y++)
                e[y] += w[y];
            if (dw) {
                const int32_t *v = dw + t->feat[f] * L;
                for (uint32_t y = 0; y < L; y++)
                    e[y] += v[y];
            }
        }
    }
    const int32_t *tw = t->tw;
    if (dtw) {
        for (uint32_t i = 0; i < S * S; i++)
            t->rtw[i] = t->tw[i] == TAGGER_FORBIDDEN ? TAGGER_FORBIDDEN : t->tw[i] + dtw[i];
        tw = t->rtw;
    }
    tagger_trellis tr;
    tagger_trellis_init(&tr, tw, L);
    tagger_viterbi(emit, n, &tr, back, pred);
    const uint8_t *gold = t->gold + a;
    if (memcmp(pred, gold, n) != 0) {
        for (size_t k = 0; k < n; k++) {
            if (pred[k] != gold[k]) {
                size_t f0 = t->tok_off[a + k], f1 = t->tok_off[a + k + 1];
                if (drop[k])
                    f1 = f0 + t->tok_own[a + k];
                for (size_t f = f0; f < f1; f++) {
                    if (t->feat[f] == t->nids || fdrop[f - fbase])
                        continue; /* too rare to train, or dropped */
                    size_t row = t->feat[f] * L;
                    add_weight(t, &t->w[row + gold[k]], &t->u[row + gold[k]], 1);
                    add_weight(t, &t->w[row + pred[k]], &t->u[row + pred[k]], -1);
                    if (dw) {
                        dw[row + gold[k]]++;
                        dw[row + pred[k]]--;
                    }
                }
            }
            unsigned gp = k ? gold[k - 1] : L, pp = k ? pred[k - 1] : L;
            if (gp != pp || gold[k] != pred[k]) {
                add_weight(t, &t->tw[gp * S + gold[k]], &t->tu[gp * S + gold[k]], 1);
                add_weight(t, &t->tw[pp * S + pred[k]], &t->tu[pp * S + pred[k]], -1);
                if (dtw) {
                    dtw[gp * S + gold[k]]++;
                    dtw[pp * S + pred[k]]--;
                }
            }
        }
        if (gold[n - 1] != pred[n - 1]) {
            add_weight(t, &t->tw[gold[n - 1] * S + L], &t->tu[gold[n - 1] * S + L], 1);
            add_weight(t, &t->tw[pred[n - 1] * S + L], &t->tu[pred[n - 1] * S + L], -1);
            if (dtw) {
                dtw[gold[n - 1] * S + L]++;
                dtw[pred[n - 1] * S + L]--;
            }
        }
    }
    t->c++;
}

static double
averaged(const tagger_trainer *t, int32_t w, int64_t u)
{
    return (double)w - (double)u / (double)t->c;
}

/* Feature weight I (row * L + label) and transition I of the model: the current run's average,
 * with the runs finished before it. */
static double
weight_of(const tagger_trainer *t, size_t i)
{
    double v = averaged(t, t->w[i], t->u[i]);
    return t->runs_done ? (t->run_w[i] + v) / (t->runs_done + 1) : v;
}

static double
trans_of(const tagger_trainer *t, size_t i)
{
    double v = averaged(t, t->tw[i], t->tu[i]);
    return t->runs_done ? (t->run_t[i] + v) / (t->runs_done + 1) : v;
}

/* Ends a run: adds its averaged weights to the sums and starts the next from zero. */
static idner_status
finish_run(tagger_trainer *t, idner_error *err)
{
    const uint32_t L = t->L, T = (L + 1) * (L + 1);
    if (!t->run_w) {
        t->run_w = calloc((t->nids + 1) * L, sizeof *t->run_w);
        t->run_t = calloc(T, sizeof *t->run_t);
        if (!t->run_w || !t->run_t)
            return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < t->nids * L; i++)
        t->run_w[i] += averaged(t, t->w[i], t->u[i]);
    for (uint32_t i = 0; i < T; i++)
        if (t->tw[i] != TAGGER_FORBIDDEN)
            t->run_t[i] += averaged(t, t->tw[i], t->tu[i]);
    t->runs_done++;
    memset(t->w, 0, (t->nids + 1) * L * sizeof *t->w);
    memset(t->u, 0, (t->nids + 1) * L * sizeof *t->u);
    for (uint32_t i = 0; i < T; i++)
        if (t->tw[i] != TAGGER_FORBIDDEN)
            t->tw[i] = 0, t->tu[i] = 0;
    if (t->n_dom) {
        memset(t->dw, 0, (t->nids + 1) * L * t->n_dom * sizeof *t->dw);
        memset(t->dtw, 0, (size_t)T * t->n_dom * sizeof *t->dtw);
    }
    t->c = 1;
    return IDNER_OK;
}

/* The model file of the averaged weights: quantized to 16 bits, pruned, ids in a table. */
static idner_status
build_image(tagger_trainer *t, void **image, size_t *size, idner_error *err)
{
    const uint32_t L = t->L, S = L + 1;
    double top = 1e-9;
    for (size_t i = 0; i < t->nids * L; i++)
        top = fmax(top, fabs(weight_of(t, i)));
    for (uint32_t i = 0; i < S * S; i++)
        if (t->tw[i] != TAGGER_FORBIDDEN)
            top = fmax(top, fabs(trans_of(t, i)));
    /* the largest weight is 127 << TOP_SHIFT units: rows of smaller weights shift less */
    const double scale = top / (127.0 * (1 << TOP_SHIFT));
    size_t kept = 0;
    uint8_t *keep = calloc(t->nids ? t->nids : 1, 1);
    if (!keep)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < t->nids; i++) {
        for (uint32_t y = 0; y < L && !keep[i]; y++)
            keep[i] = fabs(weight_of(t, i * L + y)) >= top * t->o.prune / 32000;
        kept += keep[i];
    }
    uint64_t nslots = 16;
    while (nslots * 2 < kept * 5) /* a load of 0.4 at most: most lookups miss */
        nslots *= 2;
    const uint32_t slot = TAGGER_SLOT_SIZE;
    size_t slots_off = (sizeof(tagger_header) + 7) & ~(size_t)7;
    size_t trans_off = slots_off + nslots * slot;
    size_t lex_off = trans_off + ((S * S * 4 + 7) & ~(size_t)7);
    size_t total = (lex_off + t->n_lex * 4 + 7) & ~(size_t)7;
    if (total > UINT32_MAX) {
        free(keep);
        return error_set(err, IDNER_ERR_LIMIT, "tagger model of %zu bytes: too large", total);
    }
    uint8_t *img = calloc(1, total);
    if (!img) {
        free(keep);
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    }
    tagger_header *h = (tagger_header *)(void *)img;
    memcpy(h->magic, TAGGER_MAGIC, sizeof TAGGER_MAGIC);
    h->version = TAGGER_VERSION;
    h->scheme = t->o.scheme;
    h->n_labels = L;
    h->slot_size = slot;
    h->n_slots = (uint32_t)nslots;
    h->n_features = (uint32_t)kept;
    h->slots_off = (uint32_t)slots_off;
    h->trans_off = (uint32_t)trans_off;
    h->n_lex = (uint32_t)t->n_lex;
    h->lex_off = (uint32_t)lex_off;
    h->file_size = (uint32_t)total;
    h->scale = (float)scale;
    h->feature_set = TAGGER_FEATURE_SET;
    /* sorted ids go in in order: the same weights give the same bytes */
    for (size_t i = 0; i < t->nids; i++) {
        if (!keep[i])
            continue;
        uint64_t id = t->ids[i], k = id & (nslots - 1);
        uint16_t check = tagger_slot_check(id), c;
        for (;; k = (k + 1) & (nslots - 1)) {
            memcpy(&c, img + slots_off + k * slot + TAGGER_SLOT_CHECK, 2);
            if (!c)
                break;
        }
        uint8_t *s = img + slots_off + k * slot;
        memcpy(s + TAGGER_SLOT_CHECK, &check, 2);
        double q[TAGGER_MAX_LABELS], big = 0;
        for (uint32_t y = 0; y < L; y++) {
            q[y] = weight_of(t, i * L + y) / scale;
            big = fmax(big, fabs(q[y]));
        }
        uint8_t shift = 0;
        while (shift < 15 && big / (1 << shift) > 127.0)
            shift++;
        s[TAGGER_SLOT_SHIFT] = shift;
        for (uint32_t y = 0; y < L; y++) {
            double v = round(q[y] / (1 << shift));
            s[y] = (uint8_t)(int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
        }
    }
    for (uint32_t i = 0; i < S * S; i++) {
        int32_t v = TAGGER_FORBIDDEN;
        if (t->tw[i] != TAGGER_FORBIDDEN)
            v = (int32_t)round(trans_of(t, i) / scale);
        memcpy(img + trans_off + 4 * i, &v, 4);
    }
    memcpy(img + lex_off, t->lex_slots, t->n_lex * 4);
    free(keep);
    t->stats.kept = kept;
    *image = img;
    *size = total;
    return IDNER_OK;
}

/* After epoch E of the last run: the model so far to FN, and the last one to *IMAGE. */
static idner_status
epoch_done(tagger_trainer *t, unsigned e, tagger_epoch_fn fn, void *arg, void **image, size_t *size,
           idner_error *err)
{
    if (!fn && e != t->o.epochs)
        return IDNER_OK;
    void *img = NULL;
    size_t n = 0;
    idner_status st = build_image(t, &img, &n, err);
    if (st != IDNER_OK)
        return st;
    if (e != t->o.epochs) {
        fn(arg, e, img, n);
        return IDNER_OK;
    }
    *image = img;
    *size = n;
    if (fn) {
        void *copy = malloc(n);
        if (!copy)
            return error_set(err, IDNER_ERR_NOMEM, "out of memory");
        memcpy(copy, img, n);
        fn(arg, e, copy, n);
    }
    return IDNER_OK;
}

idner_status
tagger_trainer_run(tagger_trainer *t, tagger_epoch_fn fn, void *arg, void **image, size_t *size,
                   idner_error *err)
{
    *image = NULL;
    *size = 0;
    idner_status st = index_features(t, err);
    if (st != IDNER_OK)
        return st;
    size_t maxlen = 1, maxf = 1;
    for (size_t r = 0; r < t->nreg; r++) {
        if (t->reg_off[r + 1] - t->reg_off[r] > maxlen)
            maxlen = t->reg_off[r + 1] - t->reg_off[r];
        size_t nf = t->tok_off[t->reg_off[r + 1]] - t->tok_off[t->reg_off[r]];
        if (nf > maxf)
            maxf = nf;
    }
    uint8_t *fdrop = malloc(maxf);
    int32_t *emit = malloc(maxlen * t->L * sizeof *emit);
    uint8_t *back = malloc(maxlen * t->L), *pred = malloc(maxlen), *drop = malloc(maxlen);
    size_t *order = malloc((t->nreg ? t->nreg : 1) * sizeof *order);
    if (!emit || !back || !pred || !drop || !order || !fdrop) {
        st = error_set(err, IDNER_ERR_NOMEM, "out of memory");
        goto done;
    }
    uint64_t rng = t->o.seed;
    /* 1.0 * 2^64 does not fit a uint64_t: a share of 1 drops every time */
    const uint64_t limit =
        t->o.own_dropout < 1.0 ? (uint64_t)(t->o.own_dropout * 18446744073709551615.0) : 0;
    const uint64_t flimit =
        t->o.feat_dropout < 1.0 ? (uint64_t)(t->o.feat_dropout * 18446744073709551615.0) : 0;
    for (size_t r = 0; r < t->nreg; r++)
        order[r] = r;
    t->c = 1;
    const unsigned runs = t->o.runs ? t->o.runs : 1;
    for (unsigned run = 1; run <= runs; run++) {
        if (run > 1 && (st = finish_run(t, err)) != IDNER_OK)
            goto done;
        for (unsigned e = 1; e <= t->o.epochs; e++) {
            for (size_t r = t->nreg; r > 1; r--) { /* Fisher-Yates */
                size_t j = (size_t)(next_random(&rng) % r), x = order[r - 1];
                order[r - 1] = order[j];
                order[j] = x;
            }
            for (size_t k = 0; k < t->nreg; k++) {
                size_t r = order[k], n = t->reg_off[r + 1] - t->reg_off[r];
                for (size_t i = 0; i < n; i++)
                    drop[i] = t->o.own_dropout >= 1.0 ||
                              (t->o.own_dropout > 0 && next_random(&rng) < limit);
                size_t nf = t->tok_off[t->reg_off[r + 1]] - t->tok_off[t->reg_off[r]];
                for (size_t i = 0; i < nf; i++)
                    fdrop[i] = t->o.feat_dropout >= 1.0 ||
                               (t->o.feat_dropout > 0 && next_random(&rng) < flimit);
                train_region(t, r, drop, fdrop, emit, back, pred);
            }
            if (run == runs && (st = epoch_done(t, e, fn, arg, image, size, err)) != IDNER_OK)
                goto done;
        }
    }
done:
    free(emit);
    free(back);
    free(pred);
    free(drop);
    free(fdrop);
    free(order);
    return st;
}
