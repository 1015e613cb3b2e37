/*
 * tagger/model.h: the tagger's weights, mapped read-only (layout: tagger/format.h). Loading
 * checks the header, every section's bounds, the lexicon's order and that every illegal
 * transition is forbidden, so a corrupt or truncated file is a clear error, and lookups need no
 * checks. Shared by threads: nothing is written after loading.
 */
#ifndef IDNER_TAGGER_MODEL_H
#define IDNER_TAGGER_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/mapped.h"
#include "idner.h"
#include "tagger/decode.h"
#include "tagger/format.h"

/* The index of the first of V[0, N) (sorted) not below X, or N. */
static inline size_t
tagger_lower_bound(const uint64_t *v, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A lexicon (format.h): the model's, or the trainer's. */
typedef struct tagger_lexicon {
    const uint32_t *slots;
    uint64_t mask; /* slots - 1; no slot at all when slots is NULL */
} tagger_lexicon;

/* The attributes (enum tagger_lex) of the word of hash H, or 0. */
uint8_t tagger_lexicon_get(const tagger_lexicon *lx, uint64_t h);

/* The filter of ids the model surely lacks (tagger_model.absent): 2^18 bits, 32 KiB, which the
 * nearer caches keep where the slots (1 MiB) they spare would not stay. */
#define TAGGER_ABSENT_BITS 18

/* The filter's bit for a lookup that starts at slot HOME with CHECK: the top 12 bits of the
 * check pick the filter's word, the low 6 of the home the bit in it, both bits of an id that is
 * a hash already, so that no multiply mixes them (and a lookup reads the word at id >> 52). */
_Static_assert(TAGGER_ABSENT_BITS == 12 + 6, "tagger_absent_bit: 12 bits of check, 6 of home");
static inline uint64_t
tagger_absent_bit(uint64_t home, uint16_t check)
{
    return (uint64_t)(check >> 4) << 6 | (home & 63u);
}

typedef struct tagger_model {
    const tagger_header *hdr;
    const uint8_t *slots;
    const int32_t *trans; /* (n_labels + 1)^2 */
    tagger_lexicon lex;
    tagger_trellis trellis; /* the transitions, read for the decoder */
    int32_t (*dense)[16];   /* [TAGGER_DENSE_ROWS]: the dense features' weights (features.h),
                             * w << shift in 16 lanes, 0 for a feature the model lacks */
    uint32_t n_labels, scheme;
    uint64_t mask;
    /* a bit set (tagger_absent_bit) for every home and check with which a lookup finds a slot:
     * a clear bit is a lookup sure to miss, answered without reading the slots; every bit set
     * (a probe run of more than TAGGER_ABSENT_RUN slots) for none */
    uint64_t *absent;
    uint64_t serial; /* this load's own number, never 0: whose sums a memo holds (memo.h) */
    int memo;        /* 1 (the default for 13 labels or fewer: memo.h): the scorer keeps word
                      * sums in the thread's memo */
    mapped file;     /* the image: mapped, or adopted */
} tagger_model;

/* Maps and checks the model file PATH; errors name the file. */
idner_status tagger_model_open(tagger_model *m, const char *path, idner_error *err);
/* Adopts a malloc'd image (from tagger_train_image), checked like a file; freed on failure. */
idner_status tagger_model_adopt(tagger_model *m, void *image, size_t size, const char *what,
                                idner_error *err);
void tagger_model_close(tagger_model *m);

/* Does the filter (tagger_model.absent) say that M surely lacks feature ID? */
static inline int
tagger_model_lacks(const tagger_model *m, uint64_t id)
{
    const uint64_t bit = tagger_absent_bit(id & m->mask, tagger_slot_check(id));
    return !(m->absent[bit >> 6] >> (bit & 63) & 1);
}

/* The slot of feature ID (format.h), or NULL when the model does not keep it. The table has
 * an empty slot (checked at load), where every probe sequence ends. */
static inline const uint8_t *
tagger_model_slot(const tagger_model *m, uint64_t id)
{
    if (tagger_model_lacks(m, id))
        return NULL;
    const uint16_t check = tagger_slot_check(id);
    for (uint64_t i = id & m->mask;; i = (i + 1) & m->mask) {
        const uint8_t *s = m->slots + i * TAGGER_SLOT_SIZE;
        uint16_t c;
        __builtin_memcpy(&c, s + TAGGER_SLOT_CHECK, 2);
        if (c == check)
            return s;
        if (c == 0)
            return NULL;
    }
}

/* Is the move FROM -> TO legal in SCHEME? N_LABELS stands for the region boundary. */
int tagger_legal(uint32_t scheme, unsigned from, unsigned to);

#endif
