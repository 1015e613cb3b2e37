/*
 * tagger/memo.c: each thread's memo of word sums (see memo.h).
 */
#include <pthread.h>
#include <stdlib.h>

#include "tagger/memo.h"
#include "tagger/tagger.h"

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static int memo_key_ok;
static _Thread_local tagger_memo *memo_mine; /* the thread's, once made: no call to find it */

/* at the thread's end (pthread_setspecific holds it for that) */
static void
memo_free(void *p)
{
    tagger_memo *mo = p;
    memo_mine = NULL;
    if (mo->scratch)
        tagger_scratch_free(mo->scratch);
    free(mo->scratch);
    free(mo);
}

static void
memo_make_key(void)
{
    memo_key_ok = pthread_key_create(&memo_key, memo_free) == 0;
}

tagger_memo *
tagger_memo_thread(void)
{
    if (memo_mine)
        return memo_mine;
    if (pthread_once(&memo_once, memo_make_key) != 0 || !memo_key_ok)
        return NULL;
    tagger_memo *mo;
    void *p = NULL;
    if (posix_memalign(&p, 64, sizeof *mo))
        return NULL;
    mo = p;
    mo->scratch = NULL;
    tagger_memo_clear(mo, 0);
    if (pthread_setspecific(memo_key, mo) != 0) {
        free(mo);
        return NULL;
    }
    return memo_mine = mo;
}

void
tagger_memo_clear(tagger_memo *mo, uint64_t serial)
{
    for (size_t e = 0; e < TAGGER_MEMO_WORDS; e++)
        mo->sum[e][TAGGER_MEMO_META] = 0;
    mo->serial = serial;
}
