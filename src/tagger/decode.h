/*
 * tagger/decode.h: Viterbi decoding under the legal-transition constraints of the label scheme
 * (tagger/format.h), and the names a label sequence spells.
 */
#ifndef IDNER_TAGGER_DECODE_H
#define IDNER_TAGGER_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* The best label sequence OUT[0, N) for the scores EMIT[N * L] (token-major) and transitions
 * TRANS[(L + 1)^2] (format.h; row and column L the region boundary). A TAGGER_FORBIDDEN
 * transition is never taken, so OUT is always legal; ties go to the lower label. BACK is
 * scratch of N * L bytes. */
void tagger_viterbi(const int32_t *emit, size_t n, const int32_t *trans, uint32_t L, uint8_t *back,
                    uint8_t *out);

typedef struct tagger_span {
    uint32_t start, end; /* [start, end) in the sequence */
    uint32_t type;       /* 1 PER, 2 ORG, 3 LOC */
} tagger_span;

/* The names of the legal sequence LABELS[0, N) of SCHEME into OUT (room for N); returns
 * their number. */
size_t tagger_spans(uint32_t scheme, const uint8_t *labels, size_t n, tagger_span *out);

#endif
