/*
 * tagger/format.h: the tagger's model file (tagger.bin), written by `idner train` (train.c)
 * and mapped read-only by model.c. All integers are little-endian; offsets are from the file
 * start and multiples of 8.
 *
 *   +-------------+  tagger_header: magic, version, label scheme, counts, section offsets
 *   | header      |
 *   +-------------+  slots[n_slots] of TAGGER_SLOT_SIZE bytes: open addressing on a feature id
 *   | weights     |  (linear probing, n_slots a power of two). A slot is {int8 w[13]; uint8
 *   |             |  shift; uint16 check}: label y weighs w[y] << shift (w[n_labels, 13) are
 *   |             |  0), check is 0 when the slot is empty, else bits 48-63 of the id (never
 *   |             |  0). The labels of a feature sit together in 16 bytes, added as one vector
 *   |             |  of 16 lanes whose last three the score ignores: small enough that the
 *   |             |  table of a bundled model stays in a core's cache.
 *   +-------------+  int32 trans[(n_labels + 1)^2]: trans[from * (n_labels + 1) + to], row and
 *   | transitions |  column n_labels being the boundary (before the first token of a region,
 *   |             |  after its last); TAGGER_FORBIDDEN marks every illegal move (checked at load)
 *   +-------------+  uint32 lex[n_lex], n_lex a power of two (or 0): open addressing on the
 *   | lexicon     |  tok_hash h of a word's key (home slot h & (n_lex - 1)); an entry is bits
 *   +-------------+  40-63 of h, then the word's attributes (enum tagger_lex, never 0) as its
 *                    low byte; 0 when empty. The lists the model was trained with: run time
 *                    reads no other file for them.
 *
 * Scores are weights times scale (float), summed in integers: a feature's id is a 64-bit hash
 * of the token key and a feature-kind tag (features.c), never a string.
 */
#ifndef IDNER_TAGGER_FORMAT_H
#define IDNER_TAGGER_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define TAGGER_MAGIC      "IDNERTG"
#define TAGGER_VERSION    1u
#define TAGGER_FORBIDDEN  INT32_MIN
#define TAGGER_MAX_LABELS 13
#define TAGGER_SLOT_SIZE  16u       /* 13 weights, the shift and the check */
#define TAGGER_SLOT_SHIFT 13u       /* offset of the shift (its low 4 bits count) */
#define TAGGER_SLOT_CHECK 14u       /* offset of the check */
#define TAGGER_MAX_TRANS  (1 << 24) /* |a transition| at most (a trained one stays below 2^19) */

/* Label schemes over PER, ORG, LOC: label 0 is O. */
enum tagger_scheme {
    TAGGER_BIO = 1,  /* 1 + 2 * (type - 1) + {B, I} */
    TAGGER_BILOU = 2 /* 1 + 4 * (type - 1) + {B, I, L, U} */
};

enum tagger_part { PART_B = 0, PART_I = 1, PART_L = 2, PART_U = 3 };

/* The part of token K in a name over tokens [A, B). */
static inline unsigned
tagger_part_of(size_t k, size_t a, size_t b)
{
    return b - a == 1 ? PART_U : k == a ? PART_B : k + 1 == b ? PART_L : PART_I;
}

/* Word attributes in the lexicon (the low byte of an entry). */
enum tagger_lex {
    LEX_HUNSPELL = 1u << 0,   /* a lowercase word of hunspell-id */
    LEX_CASE_SHIFT = 1,       /* bits 1-3: capitalization class from casefreq.tsv (0 unknown) */
    LEX_CASE_MASK = 7u << 1,  /* 1 always lower ... 4 always capitalized */
    LEX_GIVEN_SHIFT = 4,      /* bits 4-5: given-name tier, 1 given name, 2 one that stands */
    LEX_GIVEN_MASK = 3u << 4, /* alone (given_names.tsv) */
};

typedef struct tagger_header {
    char magic[8];
    uint32_t version;
    uint32_t scheme;    /* enum tagger_scheme */
    uint32_t n_labels;  /* 7 (BIO) or 13 (BILOU) */
    uint32_t slot_size; /* TAGGER_SLOT_SIZE */
    uint32_t n_slots;   /* a power of two */
    uint32_t n_features;
    uint32_t slots_off;
    uint32_t trans_off;
    uint32_t n_lex; /* lexicon slots */
    uint32_t lex_off;
    uint32_t reserved0;
    uint32_t file_size;
    float scale;          /* a weight w scores w * scale */
    uint32_t feature_set; /* TAGGER_FEATURE_SET of the trainer (features.h) */
    uint32_t reserved[2];
} tagger_header;

/* The check of feature ID in its slot. */
static inline uint16_t
tagger_slot_check(uint64_t id)
{
    return (uint16_t)((id >> 48) | 1u);
}

static inline uint32_t
tagger_n_labels(uint32_t scheme)
{
    return scheme == TAGGER_BIO ? 7u : scheme == TAGGER_BILOU ? 13u : 0u;
}

/* The label of TYPE (PER, ORG, LOC = 1, 2, 3) and PART in SCHEME (BIO folds L to I, U to B). */
static inline uint8_t
tagger_label(uint32_t scheme, unsigned type, unsigned part)
{
    if (scheme == TAGGER_BIO)
        return (uint8_t)(1 + 2 * (type - 1) + (part == PART_I || part == PART_L));
    return (uint8_t)(1 + 4 * (type - 1) + part);
}

static inline unsigned
tagger_label_type(uint32_t scheme, unsigned label)
{
    return label == 0 ? 0 : 1 + (label - 1) / (scheme == TAGGER_BIO ? 2 : 4);
}

static inline unsigned
tagger_label_part(uint32_t scheme, unsigned label)
{
    return scheme == TAGGER_BIO ? (label - 1) % 2 : (label - 1) % 4;
}

#endif
