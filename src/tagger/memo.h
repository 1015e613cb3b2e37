/*
 * tagger/memo.h: the scorer's memo of word sums. The features of a token's own word
 * (feature_body.h, FB_WORD: the word, its case, stem, prefixes, suffixes and shape) add up to
 * the same 16 lanes wherever the word stands, so the scorer (features.c) adds them up once per
 * word and keeps the sum here, keyed by the word's hash and by what else those features read
 * of it (features.c word_meta). Scores are integer sums: a kept sum gives the same scores as
 * adding the features one by one.
 *
 * A memo is a fixed table (TAGGER_MEMO_WORDS entries, direct mapped, a new word replaces the
 * one in its entry): nothing is allocated per token or per document. Each thread has its own
 * (tagger_memo_thread), made on its first use and freed when the thread ends, so threads share
 * nothing and a thread's output is what one thread alone gives. It holds the sums of one
 * model, the one of tagger_model.serial; scoring with another empties it first.
 */
#ifndef IDNER_TAGGER_MEMO_H
#define IDNER_TAGGER_MEMO_H

#include <stdint.h>

#define TAGGER_MEMO_WORDS 16384u /* a power of two: 1.25 MiB a thread */

typedef struct tagger_memo_key {
    uint64_t hash, meta; /* meta 0: an empty entry (word_meta is never 0) */
} tagger_memo_key;

typedef struct tagger_memo {
    int32_t sum[TAGGER_MEMO_WORDS][16]; /* 64-byte aligned: w << shift summed, 16 lanes */
    tagger_memo_key key[TAGGER_MEMO_WORDS];
    uint64_t serial; /* the model whose sums these are (0: none yet) */
} tagger_memo;

/* The calling thread's memo, empty when new; NULL without memory (then score without one). */
tagger_memo *tagger_memo_thread(void);

/* Empties MO and gives it to the model of SERIAL. */
void tagger_memo_clear(tagger_memo *mo, uint64_t serial);

#endif
