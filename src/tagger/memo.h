/*
 * tagger/memo.h: the scorer's memo of word sums. The features of a token's own word
 * (feature_body.h, FB_WORD: the word, its case, stem, prefixes, suffixes and shape) add up to
 * the same 16 lanes wherever the word stands, so the scorer (features.c) adds them up once per
 * word and keeps the sum here, keyed by the word's hash and by what else those features read
 * of it (features.c word_meta). Scores are integer sums: a kept sum gives the same scores as
 * adding the features one by one.
 *
 * A memo is a fixed table (TAGGER_MEMO_WORDS entries of one cache line each, direct mapped, a
 * new word replaces the one in its entry): nothing is allocated per token or per document. Each
 * thread has its own (tagger_memo_thread), made on its first use and freed when the thread ends, so
 * threads share nothing and a thread's output is what one thread alone gives. It holds the sums of
 * one model, the one of tagger_model.serial; scoring with another empties it first.
 */
#ifndef IDNER_TAGGER_MEMO_H
#define IDNER_TAGGER_MEMO_H

#include <stdint.h>

#define TAGGER_MEMO_WORDS 16384u /* a power of two: 1 MiB a thread */

/* An entry is one cache line: the sum in lanes 0-12 (a model of at most 13 labels: model.c sets
 * tagger_model.memo only then) and the word's key in lanes 13-15, the word's hash and
 * TAGGER_MEMO_META (features.c word_meta) of the rest, which is never 0: an empty entry has 0
 * there. The scorer adds all 16 lanes; the key's end up past the labels, where no one reads. */
enum { TAGGER_MEMO_HASH_LO = 13, TAGGER_MEMO_HASH_HI = 14, TAGGER_MEMO_META = 15 };

struct tagger_scratch;

typedef struct tagger_memo {
    int32_t sum[TAGGER_MEMO_WORDS][16]; /* 64-byte aligned: w << shift summed, and the key */
    uint64_t serial;                    /* the model whose sums these are (0: none yet) */
    struct tagger_scratch *scratch;     /* the thread's (tagger_scratch_thread), NULL before */
} tagger_memo;

/* The calling thread's memo, empty when new; NULL without memory (then score without one). */
tagger_memo *tagger_memo_thread(void);

/* Empties MO and gives it to the model of SERIAL. */
void tagger_memo_clear(tagger_memo *mo, uint64_t serial);

#endif
