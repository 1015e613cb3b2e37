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

/* The same decoding a piece at a time, so that a long region's scores need not all be at hand
 * (tagger.c): tagger_fwd_begin with the scores of the first token, tagger_fwd_steps with those
 * of the next N (EMIT[N * L]; BACK[N * L] gets their back pointers), ..., then the last label
 * from tagger_fwd_last and the others from the back pointers (tagger_backtrack). The path is
 * tagger_viterbi's, however the tokens are split. */
typedef struct tagger_fwd {
    int32_t c32[16];                /* the BILOU decoders' scores by label */
    int64_t c64[TAGGER_MAX_LABELS]; /* the general decoder's */
} tagger_fwd;

void tagger_fwd_begin(tagger_fwd *f, const tagger_trellis *tr, const int32_t *emit);
void tagger_fwd_steps(tagger_fwd *f, const tagger_trellis *tr, const int32_t *emit, size_t n,
                      uint8_t *back);
uint8_t tagger_fwd_last(const tagger_fwd *f, const tagger_trellis *tr);
/* OUT[0, N - 1) from OUT[N - 1] (N > 0) and the back pointers BACK[N * L] of tokens 0 to N - 1
 * (token 0's unread). */
void tagger_backtrack(const uint8_t *back, size_t n, uint32_t L, uint8_t *out);

typedef struct tagger_span {
    uint32_t start, end; /* [start, end) in the sequence */
    uint32_t type;       /* 1 PER, 2 ORG, 3 LOC */
} tagger_span;

/* The names of the legal sequence LABELS[0, N) of SCHEME into OUT (room for N); returns
 * their number. */
size_t tagger_spans(uint32_t scheme, const uint8_t *labels, size_t n, tagger_span *out);

#endif
