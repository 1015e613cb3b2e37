/*
 * idner.c: the public entry points: model lifecycle and the annotate pipeline
 * (tokenize -> gazetteer -> dates -> rules -> merge -> tagger -> alias -> result; SPEC.md is
 * the output contract).
 */
#define _GNU_SOURCE /* dladdr1 */
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/text.h"
#include "idner_config.h"
#include "model.h"
#include "out/explain.h"
#include "result/merge.h"
#include "result/result.h"
#include "date/date.h"
#include "rules/alias.h"
#include "rules/coord.h"
#include "rules/country.h"
#include "tagger/tagger.h"

#define GAZ_FILE    "gazetteer.bin"
#define TAGGER_FILE "tagger.bin"

IDNER_API const char *
idner_version(void)
{
    return IDNER_VERSION;
}

IDNER_API void
idner_free(void *p)
{
    free(p);
}

IDNER_API void
idner_model_options_init(idner_model_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

IDNER_API void
idner_annotate_options_init(idner_annotate_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

/* The file holding this code: the shared library when the code runs from libidner.so (also
 * inside a Python extension), else the program it is linked into. NULL when unknown. */
static char *
code_path(char out[PATH_MAX])
{
    Dl_info info;
    struct link_map *map = NULL;
    if (dladdr1((void *)&idner_version, &info, (void **)&map, RTLD_DL_LINKMAP) && map &&
        map->l_name && map->l_name[0])
        return realpath(map->l_name, out);
    /* the main program, whose link map has no name */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    return realpath(exe, out);
}

/* IDNER_DATA if set; else the build tree's data when this code lies inside the build tree (an
 * uninstalled program, library or extension never reads an installed copy); else the
 * installed data. */
static const char *
default_data_dir(void)
{
    const char *env = getenv("IDNER_DATA");
    if (env && *env)
        return env;
    char code[PATH_MAX], root[PATH_MAX];
    if (code_path(code) && realpath(IDNER_BUILD_ROOT, root)) {
        size_t n = strlen(root);
        if (!strncmp(code, root, n) && code[n] == '/')
            return IDNER_BUILD_DATADIR;
    }
    return IDNER_DATADIR;
}

static idner_status
load_user_gazetteers(idner_model *m, const idner_model_options *o, idner_error *err)
{
    if (!o->n_gazetteers)
        return IDNER_OK;
    gaz_builder *b = gaz_builder_new();
    if (!b)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    idner_status st = IDNER_OK;
    for (size_t i = 0; i < o->n_gazetteers && st == IDNER_OK; i++)
        st = gaz_builder_add_file(b, o->gazetteers[i], GAZ_RANK_USER, err);
    void *img = NULL;
    size_t size = 0;
    if (st == IDNER_OK)
        st = gaz_builder_finish(b, &img, &size, err);
    gaz_builder_free(b);
    if (st == IDNER_OK)
        st = gaz_table_adopt(&m->gaz.user, img, size, "user gazetteer", err);
    m->gaz.user.is_user = 1;
    return st;
}

idner_status
model_new(const idner_model_options *opts, int with_tagger, idner_model **out, idner_error *err)
{
    idner_model_options defaults;
    if (!out)
        return error_set(err, IDNER_ERR_ARG, "no place for the model");
    *out = NULL;
    if (!opts) {
        idner_model_options_init(&defaults);
        opts = &defaults;
    }
    /* a count without its array, or a NULL among the paths, is the caller's mistake */
    if ((opts->n_gazetteers && !opts->gazetteers) || (opts->n_excludes && !opts->excludes))
        return error_set(err, IDNER_ERR_ARG, "%s: a count of %zu but no array",
                         opts->n_excludes && !opts->excludes ? "excludes" : "gazetteers",
                         opts->n_excludes && !opts->excludes ? opts->n_excludes
                                                             : opts->n_gazetteers);
    for (size_t i = 0; i < opts->n_gazetteers; i++)
        if (!opts->gazetteers[i])
            return error_set(err, IDNER_ERR_ARG, "gazetteers[%zu] is NULL", i);
    for (size_t i = 0; i < opts->n_excludes; i++)
        if (!opts->excludes[i])
            return error_set(err, IDNER_ERR_ARG, "excludes[%zu] is NULL", i);
    idner_model *m = calloc(1, sizeof *m);
    if (!m)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    const char *dir = opts->data_dir && *opts->data_dir ? opts->data_dir : default_data_dir();
    idner_status st = IDNER_OK;
    char path[PATH_MAX];
    m->data_dir = strdup(dir);
    if (!m->data_dir) {
        st = error_set(err, IDNER_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (snprintf(path, sizeof path, "%s/%s", dir, GAZ_FILE) >= (int)sizeof path) {
        st = error_set(err, IDNER_ERR_ARG, "%s: path too long", dir);
        goto fail;
    }
    if ((st = gaz_table_open(&m->gaz.base, path, err)) != IDNER_OK)
        goto fail;
    if ((st = load_user_gazetteers(m, opts, err)) != IDNER_OK)
        goto fail;
    if ((st = gaz_load_excludes(&m->gaz, opts->excludes, opts->n_excludes, err)) != IDNER_OK)
        goto fail;
    if ((st = date_model_new(&m->dates, err)) != IDNER_OK)
        goto fail;
    if ((st = rules_new(dir, &m->rules, err)) != IDNER_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/%s", dir, TAGGER_FILE); /* no longer than GAZ_FILE's */
    if (with_tagger && (st = tagger_model_open(&m->tagger, path, err)) != IDNER_OK)
        goto fail;
    *out = m;
    return IDNER_OK;
fail:
    idner_model_free(m);
    return st;
}

IDNER_API idner_status
idner_model_new(const idner_model_options *opts, idner_model **out, idner_error *err)
{
    return model_new(opts, 1, out, err);
}

idner_status
model_set_tagger(idner_model *m, void *image, size_t size, idner_error *err)
{
    tagger_model_close(&m->tagger);
    return tagger_model_adopt(&m->tagger, image, size, "tagger model", err);
}

IDNER_API void
idner_model_free(idner_model *m)
{
    if (!m)
        return;
    gaz_close(&m->gaz);
    date_model_free(m->dates);
    rules_free(m->rules);
    tagger_model_close(&m->tagger);
    free(m->data_dir);
    free(m);
}

IDNER_API const char *
idner_model_data_dir(const idner_model *m)
{
    return m ? m->data_dir : NULL;
}

/* --exclude holds for the output, whatever stage found a surface (issue 13): removes every
 * candidate of CL whose surface is excluded (noted as lost for --explain). Run after the rules
 * (so that the selection and the tagger see none) and once more after the last stage. */
static void
drop_excluded(const gaz *g, const tok_list *tl, cand_list *cl)
{
    if (!g->n_excluded)
        return;
    size_t w = 0;
    for (size_t i = 0; i < cl->n; i++) {
        const cand *c = &cl->v[i];
        if (c->tok_start < c->tok_end && c->tok_end <= tl->n &&
            gaz_excluded_span(g, tl, c->tok_start, c->tok_end, c->byte_end)) {
            cand_lose(cl, c, LOST_EXCLUDED, NULL);
            continue;
        }
        cl->v[w++] = cl->v[i];
    }
    cl->n = w;
}

/* Sets the stage that drops candidates from now on, for --explain. */
static void
stage(cand_list *cl, enum cand_stage s)
{
    if (cl->x)
        cl->x->stage = (uint8_t)s;
}

/* The stages before the tagger on the tokens TL of TEXT: gazetteer, dates (going on from LAST),
 * rules, their merge, lists. TS (may be NULL) notes for the tagger what they found, its
 * features. */
static idner_status
stages_before_tagger(const idner_model *m, const char *text, size_t len, uint32_t flags,
                     const date_ymd *ref, date_last *last, const tok_list *tl, cand_list *cl,
                     tagger_scratch *ts, const tagger_lexicon *lex, idner_error *err)
{
    idner_status st = IDNER_OK;
    if (!(flags & IDNER_NO_GAZETTEER))
        st = gaz_run(&m->gaz, text, tl, cl);
    if (st == IDNER_OK && !(flags & IDNER_NO_DATES))
        st = date_run_from(m->dates, text, len, tl, ref, last, cl, err);
    stage(cl, STAGE_RULES);
    if (ts)
        ts->lookups.n = 0; /* none kept unless the rules run */
    if (st == IDNER_OK && !(flags & IDNER_NO_RULES))
        st = rules_run(m->rules, &m->gaz, text, tl, cl, ts ? &ts->lookups : NULL);
    if (st == IDNER_OK)
        drop_excluded(&m->gaz, tl, cl);
    if (st == IDNER_OK && ts)
        st = tagger_note(ts, m->rules, lex, tl, cl);
    if (st == IDNER_OK) {
        merge_select(cl);
        if (!(flags & IDNER_NO_RULES))
            st = coord_run(m->rules, text, tl, cl);
    }
    if (st == IDNER_OK && ts)
        tagger_note_selection(ts, cl);
    return st;
}

/* Done with the tagger's scratch TS of a document (NULL: none), OWN when the thread had none. */
static void
scratch_done(tagger_scratch *ts, tagger_scratch *own)
{
    if (ts == own)
        tagger_scratch_free(own); /* the peak memory is lower */
    else if (ts)
        tagger_scratch_done(ts);
}

/* The stages before the tagger, the tokens first. */
static idner_status
find_candidates(const idner_model *m, const char *text, size_t len, uint32_t flags,
                const date_ymd *ref, tok_list *tl, cand_list *cl, tagger_scratch *ts,
                const tagger_lexicon *lex, idner_error *err)
{
    date_last last = {{0, 0, 0}, 0, 0, 0};
    idner_status st = tok_run_max(tl, text ? text : "", len, tok_sentence_max());
    if (st == IDNER_OK)
        st = stages_before_tagger(m, text, len, flags, ref, &last, tl, cl, ts, lex, err);
    return st;
}

/* ---- One huge document, a window at a time -------------------------------------------------
 * The tokens, and every array the stages keep per token, exist for one window of the text at
 * a time; the candidates of every window are kept (in text order, their token indices the
 * window's). A window ends at a cut where no stage reads across: see cut_ok. The output is
 * byte for byte the whole document's (tests/cli/test_window.py compares them). Not under
 * --explain, whose notes are per document. */

/* A window is at least this many bytes; documents of more than WINDOW_DOC_FACTOR windows are
 * taken a window at a time. IDNER_WINDOW_BYTES=N in the environment sets it (N = 0: no size;
 * a sentence cut for its length, tok.h, still ends one; the tests use small windows). */
#define WINDOW_BYTES      (256u * 1024u)
#define WINDOW_DOC_FACTOR 2
#define WINDOW_MIN_BYTES  256
/* Tokens on each side of a cut inside a run of "(" and '"' that must be such marks as well: more
 * than any stage looks ahead or back (rules RULE_MAX_TOKENS 4, gazetteer GAZ_MAX_TOKENS 16, tagger
 * 2). */
#define WINDOW_LOOK 32

static size_t
window_bytes(void)
{
    const char *e = getenv("IDNER_WINDOW_BYTES");
    if (!e || !*e)
        return WINDOW_BYTES;
    unsigned long long v = strtoull(e, NULL, 10);
    return v == 0 ? SIZE_MAX : v < WINDOW_MIN_BYTES ? WINDOW_MIN_BYTES : (size_t)v;
}

typedef struct window_it {
    const idner_model *m;
    const char *text;
    size_t len, wbytes;
    tok_state ts;
    tok_list tl;
    size_t n;       /* the window's tokens: tl.v[0, n) (tl.n is n while the stages run) */
    size_t total;   /* tokens made: the window's and the ones after its cut */
    size_t keys;    /* key bytes of all of them */
    size_t scanned; /* tokens looked at as cuts */
    uint32_t sent;  /* the sentence of the token scanned last */
    int marks_only; /* every token of that sentence up to it is "(" or '"' (run_mark) */
    int ended;      /* the whole text is tokenized */
} window_it;

static int
punct_is(const tok_list *tl, size_t i, char ch)
{
    const tok *t = &tl->v[i];
    return t->kind == TOK_PUNCT && t->key_len == 1 && tok_key(tl, t)[0] == ch;
}

/* Is token I a "(" or a '"', the marks a window may end among? */
static int
run_mark(const tok_list *tl, size_t i)
{
    return punct_is(tl, i, '(') || punct_is(tl, i, '"');
}

/* May a window end before token C (C > 0)? Where no phrase of the gazetteer can run across,
 * and
 * - at a sentence that a word opens after ". ! ?" (not after a one-letter word): every stage
 *   but the gazetteer reads within a sentence (rules, tagger features and regions, lists of
 *   names, date clauses and joins, repeats of names), the date patterns do not run across ". "
 *   before a word but in "s. D", a name's "(ACR)" cannot be cut, the dates' last full date
 *   goes on (date_last);
 * - or inside a run of "(" and '"' (WINDOW_LOOK of them on each side) in a sentence that has
 *   held nothing else so far: no stage finds anything in it, a sentence's headline test counts
 *   its words (all after the cut), and the tagger's parenthesis count and quote parity go on
 *   (tagger_doc_scan's scan_paren, scan_quote). */
static int
cut_ok(const window_it *w, size_t c)
{
    const tok_list *tl = &w->tl;
    const tok *t = &tl->v[c];
    int ok;
    if (t->flags & TOK_F_SENT_CUT) {
        ok = 1; /* no stage reads across it (tok.h) */
    } else if ((t->flags & TOK_F_SENT_START) && t->kind == TOK_WORD) {
        /* not after a one-letter word: the dates' "s. D" (sampai dengan) runs across "." */
        ok = (punct_is(tl, c - 1, '.') || punct_is(tl, c - 1, '!') || punct_is(tl, c - 1, '?')) &&
             c >= 2 && !(tl->v[c - 2].kind == TOK_WORD && tl->v[c - 2].key_len == 1);
    } else {
        ok = w->marks_only && c >= WINDOW_LOOK && c + WINDOW_LOOK <= tl->n;
        for (size_t k = c - WINDOW_LOOK; ok && k < c + WINDOW_LOOK; k++)
            ok = run_mark(tl, k);
    }
    return ok && !gaz_phrase_crosses(&w->m->gaz, tl, c); /* the costly test last */
}

static void
window_begin(window_it *w, const idner_model *m, const char *text, size_t len, size_t wbytes)
{
    tok_list keep = w->tl; /* its buffers, for the next pass */
    memset(w, 0, sizeof *w);
    w->tl = keep;
    w->tl.n = w->tl.keys_len = w->tl.cuts = 0;
    w->m = m;
    w->text = text;
    w->len = len;
    w->wbytes = wbytes;
    w->sent = UINT32_MAX;
    tok_begin(&w->ts, text, len, tok_sentence_max());
}

/* The next window's tokens in W->tl; *GOT 0 past the last. */
static idner_status
window_next(window_it *w, int *got)
{
    tok_list *tl = &w->tl;
    *got = 0;
    if (w->n) { /* the last window's tokens go, the ones after its cut come first */
        size_t rest = w->total - w->n;
        size_t koff = rest ? tl->v[w->n].key_off : w->keys;
        memmove(tl->v, tl->v + w->n, rest * sizeof *tl->v);
        memmove(tl->keys, tl->keys + koff, w->keys - koff);
        for (size_t k = 0; k < rest; k++)
            tl->v[k].key_off -= (uint32_t)koff;
        w->keys -= koff;
        w->scanned -= w->n;
        w->total = rest;
        w->n = 0;
    }
    tl->n = w->total;
    tl->keys_len = w->keys;
    size_t start = w->total ? tl->v[0].byte_start : w->ts.i;
    for (;;) {
        while (w->scanned + WINDOW_LOOK < w->total) {
            size_t c = w->scanned++;
            const tok *t = &tl->v[c];
            if (t->sent != w->sent) {
                w->sent = t->sent;
                w->marks_only = 1;
            }
            /* a sentence cut for its length always ends a window: no stage reads across */
            int cut = c > 0 &&
                      ((t->flags & TOK_F_SENT_CUT) || t->byte_start - start >= w->wbytes) &&
                      cut_ok(w, c);
            w->marks_only &= run_mark(tl, c);
            if (cut) {
                w->scanned = c; /* looked at again as the next window's first */
                w->n = tl->n = c;
                *got = 1;
                return IDNER_OK;
            }
        }
        if (w->ended) {
            w->n = w->total;
            *got = w->total > 0;
            return IDNER_OK;
        }
        size_t upto = w->ts.i + w->wbytes / 4 + 64;
        idner_status st = tok_more(tl, &w->ts, w->text, w->len, upto < w->len ? upto : w->len);
        if (st != IDNER_OK)
            return st;
        if (w->ts.i >= w->len) {
            tok_end(tl);
            w->ended = 1;
        }
        w->total = tl->n;
        w->keys = tl->keys_len;
    }
}

/* The end of the text a window's stages may read: where the next window begins if a sentence
 * cut for its length begins it (no stage reads across, tok.h), else the document's end. */
static size_t
window_text_end(const window_it *w)
{
    const tok *next = w->n < w->total ? &w->tl.v[w->n] : NULL;
    return next && (next->flags & TOK_F_SENT_CUT) ? next->byte_start : w->len;
}

/* Room kept in a window's list for the candidates the second pass adds (repeats of names): a
 * list that grows copies itself. */
#define WINDOW_SLACK(n) ((n) / 32 + 16)

/* A window's candidates are kept to the end: little room to spare. */
static void
shrink(cand_list *cl)
{
    if (cl->n + WINDOW_SLACK(cl->n) < cl->cap) {
        size_t cap = cl->n + WINDOW_SLACK(cl->n);
        cand *v = realloc(cl->v, cap * sizeof *v);
        if (v) {
            cl->v = v;
            cl->cap = cap;
        }
    }
}

/* OUT (zeroed) a copy of WORK's candidates and values, of about their size; WORK emptied, its
 * buffers kept for the next window (fresh memory for every window's lists as they grow costs
 * page faults). */
static idner_status
keep_window(cand_list *work, cand_list *out)
{
    size_t cap = work->n + WINDOW_SLACK(work->n);
    out->v = malloc(cap * sizeof *out->v);
    out->values = work->values_len ? malloc(work->values_len) : NULL;
    if (!out->v || (work->values_len && !out->values))
        return IDNER_ERR_NOMEM;
    if (work->n) /* a window without candidates may never have had a list */
        memcpy(out->v, work->v, work->n * sizeof *out->v);
    out->n = work->n;
    out->cap = cap;
    if (work->values_len)
        memcpy(out->values, work->values, work->values_len);
    out->values_len = out->values_cap = work->values_len;
    work->n = work->values_len = 0; /* values[0] stays "" */
    return IDNER_OK;
}

/* idner_annotate of a huge document (not explained), windows of WBYTES bytes or so. */
static idner_status
annotate_windows(const idner_model *m, const char *text, size_t len, uint32_t flags, uint32_t types,
                 const date_ymd *ref, size_t wbytes, idner_result **out, idner_error *err)
{
    window_it w = {0};
    cand_list work = {0};    /* the window's candidates while the stages run */
    cand_list *chunk = NULL; /* each window's candidates */
    alias_words words = {0}; /* the words for alias_apply, of every window in turn */
    size_t *woff = NULL;     /* where the words of each window begin in them */
    size_t nchunk = 0, capchunk = 0;
    tagger_scratch ts = {0};
    alias_doc ad = {0};
    date_last last = {{0, 0, 0}, 0, 0, 0};
    int tag = !(flags & IDNER_NO_TAGGER) && m->tagger.hdr, alias = !(flags & IDNER_NO_ALIAS);
    idner_status st = IDNER_OK;
    int got = 1;
    /* 1. Every window through the tagger, and what the alias stage registers. */
    window_begin(&w, m, text, len, wbytes);
    while (st == IDNER_OK && (st = window_next(&w, &got)) == IDNER_OK && got) {
        if (nchunk == capchunk) {
            size_t cap = capchunk ? 2 * capchunk : 16;
            cand_list *v = realloc(chunk, cap * sizeof *v);
            if (v)
                chunk = v;
            size_t *o = v ? realloc(woff, (cap + 1) * sizeof *o) : NULL;
            if (!o) {
                st = IDNER_ERR_NOMEM;
                break;
            }
            woff = o;
            capchunk = cap;
        }
        cand_list *cl = &work;
        woff[nchunk] = words.n;
        st = stages_before_tagger(m, text, window_text_end(&w), flags, ref, &last, &w.tl, cl,
                                  tag ? &ts : NULL, &m->tagger.lex, err);
        int last_window = w.ended && w.n == w.total;
        if (st == IDNER_OK && tag)
            st = tagger_run(&m->tagger, &m->gaz, &ts, text, &w.tl, cl);
        if (last_window) /* no later window reads it: the peak memory is lower */
            tagger_scratch_free(&ts);
        if (st == IDNER_OK && alias)
            st = alias_register(&ad, m->rules, text, &w.tl, cl);
        if (st == IDNER_OK && alias)
            st = alias_collect(m->rules, &w.tl, cl, &words);
        memset(&chunk[nchunk], 0, sizeof *chunk);
        if (last_window) { /* the list itself, no copy */
            chunk[nchunk] = work;
            memset(&work, 0, sizeof work);
            shrink(&chunk[nchunk]);
        } else if (st == IDNER_OK) {
            st = keep_window(&work, &chunk[nchunk]);
        }
        nchunk++;
    }
    cand_list_free(&work);
    tagger_scratch_free(&ts);
    if (woff)
        woff[nchunk] = words.n;
    if (st == IDNER_OK && alias)
        st = alias_settle(&ad, text, chunk, nchunk);
    /* 2. Every window again through the stages after the tagger; its tokens made anew only
     * for the stages that read them (the alias stage reads its words). */
    int retok = (flags & IDNER_COUNTRY_PLACES) || m->gaz.n_excluded;
    if (retok)
        window_begin(&w, m, text, len, wbytes);
    for (size_t k = 0; st == IDNER_OK && k < nchunk; k++) {
        if (retok && (st = window_next(&w, &got)) != IDNER_OK)
            break;
        cand_list *cl = &chunk[k];
        if (alias)
            st = alias_apply(&ad, words.v ? words.v + woff[k] : NULL, woff[k + 1] - woff[k],
                             cl); /* no word at all: no list */
        if (st == IDNER_OK && (flags & IDNER_COUNTRY_PLACES))
            country_keep_places(m->rules, &w.tl, cl);
        if (st == IDNER_OK && retok)
            drop_excluded(&m->gaz, &w.tl, cl);
        shrink(cl);
    }
    alias_words_free(&words); /* a block of its own, given back before the result is made */
    tok_list_free(&w.tl);
    if (st == IDNER_OK)
        st = result_build_lists(text, chunk, nchunk, types, out);
    for (size_t k = 0; k < nchunk; k++)
        cand_list_free(&chunk[k]);
    free(chunk);
    free(woff);
    alias_words_free(&words);
    alias_doc_free(&ad);
    tok_list_free(&w.tl);
    if (st != IDNER_OK && (!err || err->code != st))
        error_set(err, st, "%s", idner_strerror(st));
    return st;
}

IDNER_API idner_status
idner_annotate(const idner_model *m, const char *text, size_t len,
               const idner_annotate_options *opts, idner_result **out, idner_error *err)
{
    if (err) {
        err->code = IDNER_OK;
        err->message[0] = '\0';
    }
    if (!out)
        return error_set(err, IDNER_ERR_ARG, "no place for the result");
    *out = NULL;
    if (!m || (!text && len))
        return error_set(err, IDNER_ERR_ARG, "no model or no text");
    if (len >= (size_t)INT32_MAX)
        return error_set(err, IDNER_ERR_LIMIT, "document of %zu bytes: the limit is 2 GiB", len);
    size_t bad = text_utf8_invalid_at(text, len);
    if (bad != SIZE_MAX)
        return error_set(err, IDNER_ERR_UTF8, "invalid UTF-8 at byte %zu", bad);
    uint32_t types = opts ? opts->types : 0, flags = opts ? opts->flags : 0;
    date_ymd ref = {0, 0, 0};
    if (opts && opts->ref_date && date_parse_ref(opts->ref_date, &ref) != 0)
        return error_set(err, IDNER_ERR_ARG, "reference date \"%s\" is not a date YYYY-MM-DD",
                         opts->ref_date);
    size_t wbytes = window_bytes();
    /* windows for a huge document, and where a sentence may be cut for its length (tok.h) */
    if (!(flags & IDNER_EXPLAIN) && (len / WINDOW_DOC_FACTOR > wbytes || len > tok_sentence_max()))
        return annotate_windows(m, text, len, flags, types, &ref, wbytes, out, err);
    tok_list tl = {0};
    cand_list cl = {0};
    tagger_scratch own = {0}, *ts = NULL; /* the thread's, or without one this document's */
    cand_explain x = {0};
    if (flags & IDNER_EXPLAIN)
        cl.x = &x;
    int tag = !(flags & IDNER_NO_TAGGER) && m->tagger.hdr;
    if (tag && !(ts = tagger_scratch_thread()))
        ts = &own;
    idner_status st = find_candidates(m, text, len, flags, &ref, &tl, &cl, ts, &m->tagger.lex, err);
    stage(&cl, STAGE_MODEL);
    if (st == IDNER_OK && tag)
        st = tagger_run(&m->tagger, &m->gaz, ts, text, &tl, &cl);
    scratch_done(ts, &own); /* no later stage reads it */
    stage(&cl, STAGE_ALIAS);
    if (st == IDNER_OK && !(flags & IDNER_NO_ALIAS))
        st = alias_run(m->rules, text, &tl, &cl);
    stage(&cl, STAGE_COUNTRY);
    if (st == IDNER_OK && (flags & IDNER_COUNTRY_PLACES))
        country_keep_places(m->rules, &tl, &cl);
    /* a stage added here goes before this line: the exclusion is the last word */
    if (st == IDNER_OK)
        drop_excluded(&m->gaz, &tl, &cl);
    if (st == IDNER_OK && x.nomem)
        st = IDNER_ERR_NOMEM;
    if (st == IDNER_OK && cl.x) {
        explain_texts et;
        if (explain_build(&m->gaz, text ? text : "", &tl, &cl, types, &et) != 0) {
            st = IDNER_ERR_NOMEM;
        } else {
            result_explain rx = {et.text.p, et.at, et.doc};
            st = result_build(text ? text : "", &tl, &cl, types, &rx, out);
            et.text.p = NULL; /* the result's now */
            explain_texts_free(&et);
        }
    } else if (st == IDNER_OK) {
        st = result_build(text ? text : "", &tl, &cl, types, NULL, out);
    }
    tok_list_free(&tl);
    cand_list_free(&cl);
    cand_explain_free(&x);
    if (st != IDNER_OK && (!err || err->code != st))
        error_set(err, st, "%s", idner_strerror(st));
    return st;
}

idner_status
model_add_example(const idner_model *m, const char *text, size_t len, uint32_t flags,
                  tagger_trainer *t, const tagger_gold *gold, size_t n_gold, idner_error *err)
{
    if (text_utf8_invalid_at(text, len) != SIZE_MAX)
        return error_set(err, IDNER_ERR_UTF8, "invalid UTF-8");
    tok_list tl = {0};
    cand_list cl = {0};
    tagger_scratch ts = {0};
    date_ymd ref = {0, 0, 0};
    idner_status st =
        find_candidates(m, text, len, flags, &ref, &tl, &cl, &ts, tagger_trainer_lexicon(t), err);
    if (st == IDNER_OK)
        st = tagger_trainer_add(t, &ts, gold, n_gold);
    tok_list_free(&tl);
    cand_list_free(&cl);
    tagger_scratch_free(&ts);
    if (st != IDNER_OK && (!err || err->code != st))
        error_set(err, st, "%s", idner_strerror(st));
    return st;
}
