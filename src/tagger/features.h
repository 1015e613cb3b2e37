/*
 * tagger/features.h: what a token looks like to the tagger. The one function that knows the
 * features (libpostal's split: model, decoder and trainer never do): each is a 64-bit id, a
 * hash of a value already in hand (the token's key hash, a shape class, a candidate code)
 * mixed with a feature-kind tag. No string is built and nothing is allocated per token.
 *
 * The stages before the tagger speak through per-token marks: every gazetteer candidate
 * covering the token (type, position B/I/L/U, rank, case policy, dropped by the rules), the
 * rule stage's selection (idner's own label and its source), dates, quotes and parentheses.
 * Words speak through the rules.tsv classes around them and the model's lexicon (hunspell-id
 * membership, casefreq.tsv capitalization class, given-name tier).
 */
#ifndef IDNER_TAGGER_FEATURES_H
#define IDNER_TAGGER_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rules.h"
#include "tagger/model.h"
#include "tok/tok.h"

/* Changes whenever a feature or the region rule changes: a model trained with another set is
 * refused at load. */
#define TAGGER_FEATURE_SET 7u
#define TAGGER_MAX_FEATS   64
#define TAGGER_GAZ_MAX     4

enum tagger_mark_flag {
    MARK_DATE = 1u << 0,
    MARK_QUOTE = 1u << 1,
    MARK_PAREN = 1u << 2,
    MARK_NAMED = 1u << 3 /* set by the stage: the tagger named it (no feature reads it) */
};

/* Gazetteer candidate codes: type | part << 2 | rank << 4 | policy << 6 | dropped << 8. */
enum {
    GAZ_CODE_PART_SHIFT = 2,
    GAZ_CODE_RANK_SHIFT = 4,
    GAZ_CODE_POLICY_SHIFT = 6,
    GAZ_CODE_DROPPED = 1u << 8
};

/* 8 bytes a token (every token of the document has them): the fields as narrow as their
 * values. */
typedef struct tagger_marks {
    unsigned gaz0 : 10, gaz1 : 10, gaz2 : 10; /* covering gazetteer candidates (codes), 0 = none */
    unsigned open : 1;                        /* may begin or end a name (see tagger_doc_scan) */
    unsigned : 1;
    unsigned gaz3 : 10;
    unsigned prop : 4;     /* idner's own label before the tagger (BILOU), 0 = O */
    unsigned prop_src : 2; /* its source: 1 gazetteer, 2 rule, 3 user or other */
    unsigned flags : 4;    /* enum tagger_mark_flag */
    /* the run of open tokens it is in: its length (5 for 5 or more, 0: none), the token's
     * place (3 for 3 or more), whether it is the last, the rules.tsv classes met in it (6 bits:
     * features.c) */
    unsigned run_len : 3, run_pos : 2, run_last : 1, run_cls : 6;
} tagger_marks;
_Static_assert(sizeof(tagger_marks) == 8, "tagger_marks: 8 bytes");
_Static_assert(TAGGER_GAZ_MAX == 4, "tagger_marks: 4 gazetteer codes");
_Static_assert(TAGGER_MAX_LABELS <= 16, "tagger_marks: a label in 4 bits");

/* The K-th (below TAGGER_GAZ_MAX) gazetteer code of M, 0 = none. */
static inline unsigned
tagger_mark_gaz(const tagger_marks *m, size_t k)
{
    return k == 0 ? m->gaz0 : k == 1 ? m->gaz1 : k == 2 ? m->gaz2 : m->gaz3;
}

static inline void
tagger_mark_set_gaz(tagger_marks *m, size_t k, unsigned code)
{
    if (k == 0)
        m->gaz0 = code & 1023u;
    else if (k == 1)
        m->gaz1 = code & 1023u;
    else if (k == 2)
        m->gaz2 = code & 1023u;
    else
        m->gaz3 = code & 1023u;
}

/* Tokens [start, end) of a region (tagger_doc_scan); what was looked up of its tokens is at
 * [off, off + end - start) of the tagger_doc's trig, tlen and attr. */
typedef struct tagger_region {
    uint32_t start, end, off;
} tagger_region;

/* One document as the feature function sees it. trig, tlen and attr are filled by
 * tagger_doc_scan for the tokens of its regions only, one region after the other (the open
 * tokens are all in regions): token I of the region in view (tagger_doc_view) at I - shift.
 * They take memory for those tokens only (a third of a news text's): the rest of their
 * capacity is never touched. */
typedef struct tagger_doc {
    const tok_list *tl;
    const rules *r;
    const rules_lookups *rl; /* what the rules stage looked up of these tokens, or NULL */
    const tagger_lexicon *lex;
    tagger_marks *mk;
    uint32_t *trig; /* rules_trigger classes of the phrase starting at each token */
    uint8_t *tlen;  /* its length */
    uint8_t *attr;  /* lexicon attributes (enum tagger_lex) of its word, or of its stem */
    size_t shift;   /* token I of the region in view at I - shift of the three */
    size_t vend;    /* the end of the region in view */
    size_t nlook;   /* the entries of the three in use */
    /* the memo of the scoring thread (tagger/memo.h), found by tagger_score at its first
     * call for the document, NULL before */
    struct tagger_memo *memo;
    tagger_region *reg;
    size_t nreg, cap;
    /* where tagger_doc_scan's pass ended (the sentence + 1, quote and parenthesis state): the
     * next window of a huge document goes on from it; zero for a document's start */
    uint32_t scan_sent1;
    int scan_quote, scan_paren;
} tagger_doc;

/* Makes room for N tokens and clears the marks; -1 without memory. */
int tagger_doc_reset(tagger_doc *d, size_t n);
void tagger_doc_free(tagger_doc *d);

/* Puts region R in view: tagger_features, tagger_score and tagger_doc_trigger read its
 * tokens. */
static inline void
tagger_doc_view(tagger_doc *d, size_t r)
{
    d->shift = d->reg[r].start - d->reg[r].off;
    d->vend = d->reg[r].end;
}

/* tagger_doc_trigger for a token past the region in view: looked up anew. */
uint32_t tagger_doc_trigger_past(const tagger_doc *d, size_t i, size_t *len);

/* The rules.tsv classes of the trigger phrase starting at token I (rules_trigger), its length
 * in *LEN: looked up for a token of the region in view (tagger_doc_scan did), anew for one
 * past its end. */
static inline uint32_t
tagger_doc_trigger(const tagger_doc *d, size_t i, size_t *len)
{
    if (i >= d->vend) /* past the region (a place that runs past it): not looked up */
        return tagger_doc_trigger_past(d, i, len);
    *len = d->tlen[i - d->shift];
    return d->trig[i - d->shift];
}

/* One pass over the tokens, once the stages' marks are set: marks the tokens inside quotes
 * and parentheses and the open ones, notes the runs of open tokens (their length, each
 * token's place, the classes met in them) and the regions (D->reg, D->nreg), and looks up
 * what the features read of their tokens.
 *
 * Regions are the token spans that may hold names. A name starts and ends on an open token (a
 * capitalized word, or a token a candidate covers); a region is a run of open tokens with at
 * most one other token between two of them, and a number right after. Everything outside is
 * O without being scored, and so is a region of one ordinary word (hunspell-id and
 * casefreq.tsv agree) that no candidate covers, capitalized only because it opens the
 * sentence. */
void tagger_doc_scan(tagger_doc *d);

/* The features of a token. Those of an open vocabulary (words, affixes, classes) are ids for
 * the model's hashed table; those of a small closed set of values (shape, position, the
 * candidates' codes, idner's own label, ...) are dense: an offset in [0, TAGGER_DENSE_SIZE),
 * whose id is tagger_dense_id(offset), so that the stage can read their weights from a table
 * the model builds at load (model.h) without hashing. The dense ones that read idner's own
 * labels come last, from dense[dense_own] on (training drops them at random). */
#define TAGGER_MAX_DENSE  16
#define TAGGER_DENSE_SIZE 2585u
typedef struct tagger_feats {
    uint64_t id[TAGGER_MAX_FEATS];
    uint16_t dense[TAGGER_MAX_DENSE];
    uint8_t n, nd, dense_own;
} tagger_feats;

/* The features of token I (of the region in view) into F (training). */
void tagger_features(const tagger_doc *d, size_t i, tagger_feats *f);

/* The score of every label of tokens [A, B) (of the region in view) with model M: token I's into
 * the first m->n_labels lanes of EMIT + (I - A) * m->n_labels, of 16 written (the next token's
 * overwrite the rest: EMIT has room for 16 - n_labels more). A score is the sum of the weights
 * of the features tagger_features gives, each hashed one read from its slot (w << shift,
 * format.h), each dense one from the model's table; those of a token's own word summed once per
 * word in the calling thread's memo (tagger/memo.h) unless M->memo is 0: D keeps it for the
 * rest of the document, which the same thread scores. */
void tagger_score(tagger_doc *d, const tagger_model *m, size_t a, size_t b, int32_t *emit);

/* Asks the cache for what tagger_score will read of region R's tokens (the first
 * TAGGER_PREFETCH_TOKENS): called a region ahead, so that the model's slots, too large for the
 * nearer caches, arrive while the region before is decoded. Changes nothing but timing. */
#define TAGGER_PREFETCH_TOKENS 16
void tagger_prefetch(const tagger_doc *d, const tagger_model *m, size_t r);

/* The model's dense table (model.h) has TAGGER_DENSE_ROWS rows: the dense features', then
 * rows the scorer adds in place of two or three features, each the sum of their weights (the
 * same integer sums), filled by tagger_dense_fuse from the rows before and M's slots. */
#define TAGGER_DENSE_ROWS (TAGGER_DENSE_SIZE + 2242u)
void tagger_dense_fuse(const tagger_model *m, int32_t (*dense)[16]);

/* The id of the dense feature at OFFSET (below TAGGER_DENSE_SIZE). */
uint64_t tagger_dense_id(unsigned offset);

#endif
