/*
 * harness.h: a minimal unit-test harness. Each test program calls CHECK* macros and ends with
 * `return harness_done();`, which prints "N passed, N failed" and exits non-zero on a failure.
 */
#ifndef IDNER_HARNESS_H
#define IDNER_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            harness_pass++;                                                                        \
        } else {                                                                                   \
            harness_fail++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) {                     \
            harness_pass++;                                                                        \
        } else {                                                                                   \
            harness_fail++;                                                                        \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,                \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ == w_) {                                                                            \
            harness_pass++;                                                                        \
        } else {                                                                                   \
            harness_fail++;                                                                        \
            fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);   \
        }                                                                                          \
    } while (0)

static inline int
harness_done(void)
{
    printf("%d passed, %d failed\n", harness_pass, harness_fail);
    return harness_fail ? 1 : 0;
}

#endif
