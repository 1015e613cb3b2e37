/*
 * tagger/train.h: training the tagger (averaged structured perceptron, Collins 2002) on
 * sentences run through the stages before it, reached through `idner train` (cli/train.c).
 * Training is deterministic: the same examples, settings and seed give the same model bytes.
 *
 * Examples are the regions of each sentence (features.h), with gold labels from the gold
 * names: the decoder sees exactly what it will see at run time. To keep the model from
 * trusting idner's own labels (the rules were written from these same train splits, so they
 * are more reliable here than on new text), those features are dropped for a share of the
 * tokens at random in every epoch.
 */
#ifndef IDNER_TAGGER_TRAIN_H
#define IDNER_TAGGER_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "idner.h"
#include "tagger/tagger.h"

typedef struct tagger_trainer tagger_trainer;

typedef struct tagger_train_options {
    uint32_t scheme;          /* TAGGER_BIO or TAGGER_BILOU */
    unsigned epochs;          /* passes over the examples */
    uint64_t seed;            /* order and dropout */
    double own_dropout;       /* share of tokens whose idner-label features are dropped (0.3) */
    double feat_dropout;      /* share of all features dropped at random per token (0) */
    int relabel_countries;    /* a listed country left O by the gold becomes LOC (SPEC.md); 2:
                               * every place of the official and curated lists too */
    int relabel_institutions; /* a gold place opening with an org_head word of rules.tsv ("SMA",
                               * "Universitas") becomes ORG (SPEC.md: institutions) */
    int prune;                /* keep features with some |weight| >= PRUNE (quantized units) */
    unsigned min_count;       /* train only features seen on at least MIN_COUNT tokens */
    unsigned runs;            /* perceptrons trained one after another on the next shuffles,
                               * their averaged weights averaged (1: one) */
} tagger_train_options;

void tagger_train_options_init(tagger_train_options *o);

/* A new trainer; its lexicon is built from DIR/hunspell_id.txt, DIR/casefreq.tsv
 * (capitalization columns only) and DIR/given_names.tsv. */
idner_status tagger_trainer_new(const tagger_train_options *o, const char *dir,
                                tagger_trainer **out, idner_error *err);
void tagger_trainer_free(tagger_trainer *t);

/* The lexicon the features must read while examples are added. */
const tagger_lexicon *tagger_trainer_lexicon(const tagger_trainer *t);

typedef struct tagger_gold {
    uint32_t byte_start, byte_end;
    uint32_t type; /* 1 PER, 2 ORG, 3 LOC */
} tagger_gold;

/* Adds the regions of one sentence: S holds its notes (tagger_note, tagger_note_selection),
 * GOLD its names in bytes of the text. */
idner_status tagger_trainer_add(tagger_trainer *t, tagger_scratch *s, const tagger_gold *gold,
                                size_t n_gold);

/* Frustratingly easy domain adaptation (Daume 2007): the examples added from now on come from
 * corpus DOMAIN (1 to TAGGER_MAX_DOMAINS; 0, the default, none). In training every feature and
 * transition of such an example has a second weight of that corpus besides the general one,
 * which absorbs what the corpora annotate differently; the model keeps the general ones only. */
#define TAGGER_MAX_DOMAINS 8
void tagger_trainer_set_domain(tagger_trainer *t, unsigned domain);

/* Called after each epoch of the last run with the averaged model so far (IMAGE, malloc'd, now the
 * callee's). */
typedef void (*tagger_epoch_fn)(void *arg, unsigned epoch, void *image, size_t size);

/* Trains; *IMAGE receives the final model file (malloc'd, the caller's). */
idner_status tagger_trainer_run(tagger_trainer *t, tagger_epoch_fn fn, void *arg, void **image,
                                size_t *size, idner_error *err);

/* What training saw, for its report: tokens and regions of the examples, gold names, those
 * a region holds, countries relabeled, features (all / kept in the last image). */
typedef struct tagger_train_stats {
    size_t tokens, regions, region_tokens, gold, gold_in_regions, countries_relabeled;
    size_t institutions_relabeled;
    size_t features, kept;
} tagger_train_stats;

void tagger_trainer_stats(const tagger_trainer *t, tagger_train_stats *out);

#endif
