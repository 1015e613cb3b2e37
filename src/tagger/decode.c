/*
 * tagger/decode.c: Viterbi and spans (see decode.h).
 */
#include "tagger/decode.h"
#include "tagger/format.h"

#define NONE INT64_MIN

void
tagger_viterbi(const int32_t *emit, size_t n, const int32_t *trans, uint32_t L, uint8_t *back,
               uint8_t *out)
{
    int64_t cur[TAGGER_MAX_LABELS], next[TAGGER_MAX_LABELS];
    const uint32_t stride = L + 1;
    if (n == 0)
        return;
    for (uint32_t y = 0; y < L; y++) {
        int32_t t = trans[L * stride + y];
        cur[y] = t == TAGGER_FORBIDDEN ? NONE : (int64_t)t + emit[y];
    }
    for (size_t i = 1; i < n; i++) {
        const int32_t *e = emit + i * L;
        uint8_t *bp = back + i * L;
        int64_t top = NONE;
        for (uint32_t y = 0; y < L; y++) {
            int64_t best = NONE;
            uint8_t arg = 0;
            for (uint32_t x = 0; x < L; x++) {
                int32_t t = trans[x * stride + y];
                if (cur[x] == NONE || t == TAGGER_FORBIDDEN)
                    continue;
                int64_t s = cur[x] + t;
                if (best == NONE || s > best) {
                    best = s;
                    arg = (uint8_t)x;
                }
            }
            next[y] = best == NONE ? NONE : best + e[y];
            bp[y] = arg;
            if (next[y] != NONE && (top == NONE || next[y] > top))
                top = next[y];
        }
        /* keep the numbers small whatever the length: only differences matter */
        for (uint32_t y = 0; y < L; y++)
            cur[y] = next[y] == NONE ? NONE : next[y] - top;
    }
    int64_t best = NONE;
    uint8_t arg = 0;
    for (uint32_t y = 0; y < L; y++) {
        int32_t t = trans[y * stride + L];
        if (cur[y] == NONE || t == TAGGER_FORBIDDEN)
            continue;
        if (best == NONE || cur[y] + t > best) {
            best = cur[y] + t;
            arg = (uint8_t)y;
        }
    }
    out[n - 1] = arg;
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * L + out[i]];
}

size_t
tagger_spans(uint32_t scheme, const uint8_t *labels, size_t n, tagger_span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned y = labels[i];
        if (y == 0) {
            i++;
            continue;
        }
        unsigned type = tagger_label_type(scheme, y);
        size_t j = i + 1;
        if (scheme == TAGGER_BIO) {
            while (j < n && labels[j] == tagger_label(scheme, type, PART_I))
                j++;
        } else if (tagger_label_part(scheme, y) == PART_B) {
            while (j < n && labels[j] == tagger_label(scheme, type, PART_I))
                j++;
            if (j < n && labels[j] == tagger_label(scheme, type, PART_L))
                j++;
        }
        out[k++] = (tagger_span){(uint32_t)i, (uint32_t)j, type};
        i = j;
    }
    return k;
}
