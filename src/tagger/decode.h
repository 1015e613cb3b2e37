/*
 * tagger/decode.h: Viterbi decoding under the legal-transition constraints of the label scheme
 * (tagger/format.h), and the names a label sequence spells.
 */
#ifndef IDNER_TAGGER_DECODE_H
#define IDNER_TAGGER_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "tagger/format.h"

/* The transitions TRANS[(L + 1)^2] (format.h; row and column L the region boundary) as the
 * decoder reads them: for each label its legal predecessors only, so a TAGGER_FORBIDDEN move
 * is never even looked at (BILOU: 61 of 169 pairs). */
typedef struct tagger_trellis {
    uint32_t L;
    int32_t start[TAGGER_MAX_LABELS], end[TAGGER_MAX_LABELS]; /* TAGGER_FORBIDDEN or a score */
    uint8_t npred[TAGGER_MAX_LABELS], pred[TAGGER_MAX_LABELS][TAGGER_MAX_LABELS];
    int32_t ptrans[TAGGER_MAX_LABELS][TAGGER_MAX_LABELS];
    int bilou;                    /* BILOU's shape: the decoder's loops of fixed length apply */
    int avx2;                     /* its AVX2 variant applies (decode.c) */
    int32_t closed_trans[7][8];   /* with bilou: moves within the closed labels (decode.c) */
    int32_t open_b[8], open_i[8]; /* with bilou: moves into I-*, L-* from B-*, from I-* */
    /* for the AVX2 decoder's first and last token, in 16 lanes: start (NONE32 where
     * forbidden), end, and where ending is legal (-1) */
    int32_t start16[16], end16[16], end_ok[16];
} tagger_trellis;

void tagger_trellis_init(tagger_trellis *tr, const int32_t *trans, uint32_t L);

/* The best label sequence OUT[0, N) for the scores EMIT[N * L] (token-major) under the
 * transitions of TR. A forbidden transition is never taken, so OUT is always legal; ties go to
 * the lower label. BACK is scratch of N * L bytes. */
void tagger_viterbi(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back,
                    uint8_t *out);

typedef struct tagger_span {
    uint32_t start, end; /* [start, end) in the sequence */
    uint32_t type;       /* 1 PER, 2 ORG, 3 LOC */
} tagger_span;

/* The names of the legal sequence LABELS[0, N) of SCHEME into OUT (room for N); returns
 * their number. */
size_t tagger_spans(uint32_t scheme, const uint8_t *labels, size_t n, tagger_span *out);

#endif
