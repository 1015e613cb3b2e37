/*
 * tagger/lexicon.c: the word attributes a model is trained with (format.h, enum tagger_lex),
 * read from the data folder by the trainer and written into the model file:
 *   hunspell_id.txt   one lowercase word of hunspell-id a line (tools/hunspell_words.py)
 *   casefreq.tsv      key, lower, cap, ...: only the capitalization counts are read; its
 *                     entity columns were counted on train labels and would mislead on new text
 *   given_names.tsv   name, how many DBpedia person names it opens
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/tsv.h"
#include "tagger/lexicon.h"

typedef struct entry {
    uint64_t hash;
    uint8_t attr;
} entry;

typedef struct builder {
    entry *v;
    size_t n, cap;
    tok_list tl;
} builder;

static const char *
push(builder *b, const char *word, uint8_t attr, int *nomem)
{
    if (tok_run(&b->tl, word, strlen(word)) != IDNER_OK)
        return (*nomem = 1, "out of memory");
    if (b->tl.n != 1)
        return NULL; /* not one token as documents are tokenized: never looked up */
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        entry *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return (*nomem = 1, "out of memory");
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = (entry){b->tl.v[0].hash, attr};
    return NULL;
}

static const char *
add_hunspell(void *arg, char **col, size_t ncol, int *nomem)
{
    (void)ncol;
    return push(arg, col[0], LEX_HUNSPELL, nomem);
}

/* Capitalization class: 1 (almost) always lowercase ... 4 (almost) always capitalized. */
static const char *
add_case(void *arg, char **col, size_t ncol, int *nomem)
{
    if (ncol < 3)
        return "expected key<TAB>lower<TAB>cap";
    long lower = strtol(col[1], NULL, 10), cap = strtol(col[2], NULL, 10);
    if (lower + cap < 2)
        return NULL;
    double r = (double)lower / (double)(lower + cap);
    unsigned c = r >= 0.9 ? 1 : r >= 0.5 ? 2 : r > 0.1 ? 3 : 4;
    return push(arg, col[0], (uint8_t)(c << LEX_CASE_SHIFT), nomem);
}

static const char *
add_given(void *arg, char **col, size_t ncol, int *nomem)
{
    unsigned tier = ncol > 1 && strtol(col[1], NULL, 10) >= 4 ? 2 : 1;
    return push(arg, col[0], (uint8_t)(tier << LEX_GIVEN_SHIFT), nomem);
}

static int
cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    return a->hash < b->hash ? -1 : a->hash > b->hash;
}

idner_status
tagger_lexicon_build(const char *dir, uint32_t **slots, size_t *n, idner_error *err)
{
    static const struct {
        const char *name;
        tsv_line_fn fn;
    } files[] = {{"hunspell_id.txt", add_hunspell},
                 {"casefreq.tsv", add_case},
                 {"given_names.tsv", add_given}};
    builder b = {0};
    idner_status st = IDNER_OK;
    *slots = NULL;
    *n = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0] && st == IDNER_OK; f++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, files[f].name) >= (int)sizeof path)
            st = error_set(err, IDNER_ERR_ARG, "%s: path too long", dir);
        else
            st = tsv_read(path, files[f].fn, &b, IDNER_ERR_DATA, err);
    }
    tok_list_free(&b.tl);
    if (st != IDNER_OK) {
        free(b.v);
        return st;
    }
    if (b.n)
        qsort(b.v, b.n, sizeof *b.v, cmp_entry);
    size_t w = 0; /* one entry per word, its attributes joined */
    for (size_t i = 0; i < b.n; i++) {
        if (w && b.v[w - 1].hash == b.v[i].hash)
            b.v[w - 1].attr |= b.v[i].attr;
        else
            b.v[w++] = b.v[i];
    }
    size_t cap = 16;
    while (cap * 7 < w * 10)
        cap *= 2;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) {
        free(b.v);
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < w; i++) { /* in hash order: the same lists, the same bytes */
        size_t k = (size_t)b.v[i].hash & (cap - 1);
        while (t[k])
            k = (k + 1) & (cap - 1);
        t[k] = (uint32_t)(b.v[i].hash >> 40) << 8 | b.v[i].attr;
    }
    free(b.v);
    *slots = t;
    *n = cap;
    return IDNER_OK;
}
