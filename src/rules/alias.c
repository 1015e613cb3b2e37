/*
 * alias.c: document-level consistency (see alias.h).
 *
 * One pass registers what the document establishes, keyed by token-sequence hash: every
 * labeled name (its type, canonical form and strength), the first and last word of every person
 * named in full, and acronyms defined in parentheses after a name. A second pass applies it:
 * unlabeled capitalized words or sequences that are registered become entities, single-word
 * person matches take the canonical of the full name written in the document, and weaker
 * labels of a string take the strongest label it has in the document.
 */
#include <stdlib.h>
#include <string.h>

#include "gaz/format.h"
#include "result/merge.h"
#include "rules/alias.h"

static alias_entry *
slot(alias_table *t, uint64_t key)
{
    size_t i = (size_t)key & t->mask;
    while (t->v[i].key && t->v[i].key != key)
        i = (i + 1) & t->mask;
    return &t->v[i];
}

/* Room for one more key at a load of one half or less (a lookup finds the same entry whatever
 * the size: names repeat, so the table stays far smaller than the candidate list). -1 without
 * memory. */
static int
reserve(alias_table *t)
{
    if (2 * (t->used + 1) <= t->mask + 1)
        return 0;
    size_t cap = 2 * (t->mask + 1);
    alias_entry *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    alias_table bigger = {v, cap - 1, t->used};
    for (size_t i = 0; i <= t->mask; i++)
        if (t->v[i].key)
            *slot(&bigger, t->v[i].key) = t->v[i];
    free(t->v);
    *t = bigger;
    return 0;
}

static uint64_t
phrase_key(const tok_list *tl, size_t a, size_t b)
{
    uint64_t h = GAZ_HASH_SEED;
    for (size_t i = a; i < b; i++)
        h = gaz_hash_step(h, tl->v[i].hash);
    return h;
}

static int
same_canonical(const alias_entry *e, const char *c, uint32_t n)
{
    return e->canonical_len == n && !memcmp(e->canonical, c, n);
}

/* Registers KEY -> (type, canonical). Short forms that two different names share become
 * ambiguous; otherwise the stronger evidence wins. */
static int
put(alias_table *t, uint64_t key, uint8_t type, const char *canon, uint32_t n, int32_t prio,
    int short_form)
{
    if (reserve(t))
        return -1;
    alias_entry *e = slot(t, key);
    if (!e->key) {
        *e = (alias_entry){key, canon, n, prio, type, 0, (uint8_t)short_form};
        t->used++;
        return 0;
    }
    if (short_form && e->short_form && !same_canonical(e, canon, n)) {
        e->ambiguous = 1;
        return 0;
    }
    if (short_form && !e->short_form && e->type == IDNER_PER && type == IDNER_PER) {
        /* "Choe" listed alone yields to "Choe Son-hui" written in full in this document */
        e->canonical = canon;
        e->canonical_len = n;
        e->short_form = 1;
        return 0;
    }
    if (prio > e->prio || (e->short_form && !short_form)) {
        e->type = type;
        e->canonical = canon;
        e->canonical_len = n;
        e->prio = prio;
        e->short_form = (uint8_t)short_form;
    }
    return 0;
}

static int32_t
strength(const cand *c)
{
    switch (c->source) {
    case SRC_USER:
        return 6;
    case SRC_GAZETTEER:
        return c->prio >= GAZ_RANK_OFFICIAL ? 4 : 1;
    case SRC_RULE:
        return c->prio; /* 3: context evidence; 2: a name's shape; 1: a preposition */
    case SRC_MODEL:
        return 3; /* the tagger weighed the evidence */
    default:
        return 0;
    }
}

static int
is_country(const cand *c)
{
    return c->subtype && !strcmp(c->subtype, "country");
}

static int
is_word(const tok *t)
{
    return t->kind == TOK_WORD && (t->flags & TOK_F_CAP);
}

/* "(ACR)" right after tokens ending at E: the index of ACR, or 0. GLUED: no inner spaces. */
static size_t
paren_acronym(const tok_list *tl, size_t e, int *glued)
{
    if (e + 2 >= tl->n)
        return 0;
    const tok *o = &tl->v[e], *a = &tl->v[e + 1], *c = &tl->v[e + 2];
    if (o->kind != TOK_PUNCT || tok_key(tl, o)[0] != '(' || c->kind != TOK_PUNCT ||
        tok_key(tl, c)[0] != ')' || a->kind != TOK_WORD || !(a->flags & TOK_F_CAP))
        return 0;
    *glued = !(a->flags & TOK_F_SPACE_BEFORE) && !(c->flags & TOK_F_SPACE_BEFORE);
    return e + 1;
}

/* Do the words [A, B) spell the acronym ACR (N bytes of a key) from J on: each capitalized word
 * gives one letter or more from its start ("Badan Urusan Logistik" -> BULOG), a lowercase word
 * or a punctuation mark none ("Badan Pengawas Obat dan Makanan" -> BPOM)? Every capitalized word
 * takes a letter, so K of them split the N letters at most C(N - 1, K - 1) ways (126 for ten). */
static int
spells(const tok_list *tl, size_t a, size_t b, const char *acr, size_t n, size_t j)
{
    if (a == b)
        return j == n;
    const tok *t = &tl->v[a];
    if (!(t->flags & TOK_F_CAP))
        return spells(tl, a + 1, b, acr, n, j);
    const char *k = tok_key(tl, t);
    for (size_t m = 1; m <= t->key_len && j + m <= n && k[m - 1] == acr[j + m - 1]; m++)
        if (spells(tl, a + 1, b, acr, n, j + m))
            return 1;
    return 0;
}

/* Is the word at token ACR the acronym of the name [A, B) ("Universitas Teknologi Sulawesi Utara
 * ( UTSU )")? Its letters are the starts of the name's words, in order, the first word's first. */
static int
acronym_of(const tok_list *tl, size_t a, size_t b, size_t acr)
{
    const tok *t = &tl->v[acr];
    if (b - a < 2 || b - a > 12 || t->key_len < 2 || t->key_len > 10)
        return 0;
    return spells(tl, a, b, tok_key(tl, t), t->key_len, 0);
}

/* Can token I of a full name stand for the person alone? Not an initial, an acronym, an
 * ordinary word or a trigger word ("Almarhum", "Pilot", "Distrik"). */
static int
short_form_ok(const rules *r, const tok_list *tl, size_t i)
{
    const tok *t = &tl->v[i];
    size_t len;
    return is_word(t) && t->key_len >= 3 && !(t->flags & TOK_F_ALLCAPS) &&
           !rules_is_lower_word(r, t) && !rules_trigger(r, tl, i, &len);
}

/* Is the word in parentheses at token A, after candidate I, already a name of another kind:
 * a place, or anything but a person after a person? */
static int
other_name_at(const cand_list *cl, size_t i, size_t a)
{
    const cand *c = &cl->v[i];
    for (size_t k = i + 1; k < cl->n && cl->v[k].tok_start <= a; k++) {
        const cand *o = &cl->v[k];
        if (o->tok_start == a && o->type <= IDNER_LOC && o->type != c->type &&
            !(o->flags & CAND_DROPPED) && (c->type == IDNER_PER || o->type == IDNER_LOC))
            return 1;
    }
    return 0;
}

static idner_status
push_alias(cand_list *cl, const alias_word *first, const alias_word *last, const alias_entry *e)
{
    cand *k = cand_push(cl);
    if (!k)
        return IDNER_ERR_NOMEM;
    k->byte_start = first->byte_start;
    k->byte_end = last->byte_end;
    k->tok_start = first->tok;
    k->tok_end = last->tok + 1;
    k->type = e->type;
    k->source = SRC_ALIAS;
    k->prio = 2;
    k->canonical = e->canonical;
    k->canonical_len = e->canonical_len;
    return IDNER_OK;
}

/* Appends K to the log L; -1 without memory. */
static int
log_push(alias_log *l, uint64_t k)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        uint64_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = k;
    return 0;
}

/* The names: the candidates phases 1 and 2 register (and phase 3 applies to, and that cover
 * tokens). */
static int
is_label(const cand *c)
{
    return c->type <= IDNER_LOC && !(c->flags & CAND_DROPPED);
}

/* The persons named in full, whose first and last words phase 2 registers. */
static int
is_full_person(const cand *c)
{
    return c->type == IDNER_PER && !(c->flags & CAND_DROPPED) && c->tok_end - c->tok_start >= 2;
}

static const char *
canon_of(const char *text, const cand *c, uint32_t *len)
{
    *len = c->canonical ? c->canonical_len : c->byte_end - c->byte_start;
    return c->canonical ? c->canonical : text + c->byte_start;
}

idner_status
alias_register(alias_doc *d, const rules *r, const char *text, const tok_list *tl, cand_list *cl)
{
    size_t nc = cl->n;
    d->nc += nc;
    if (!d->t.v) {
        size_t cap = 64;
        d->t = (alias_table){calloc(cap, sizeof(alias_entry)), cap - 1, 0};
        if (!d->t.v)
            return IDNER_ERR_NOMEM;
    }
    /* 1. Acronyms in parentheses: "Komisi Pemberantasan Korupsi (KPK)" is one ORG when
     * written glued; the acronym then stands for the name everywhere. Its registrations come
     * before any of phase 2, of any window. */
    for (size_t i = 0; i < nc; i++) {
        cand *c = &cl->v[i];
        if (!is_label(c))
            continue;
        int glued = 0;
        size_t a = paren_acronym(tl, c->tok_end, &glued);
        if (!a)
            continue;
        const tok *acr = &tl->v[a];
        if (!(acr->flags & TOK_F_ALLCAPS) && c->type != IDNER_PER)
            continue;
        if (other_name_at(cl, i, a))
            continue; /* "Andi Saputra (Indonesia)": a nationality, not a nickname */
        uint32_t clen;
        const char *canon = canon_of(text, c, &clen);
        /* an acronym spelled by its name's words is defined there, whatever found the name: it
         * is context evidence, and stands for the name in the rest of the document */
        int spelled = acronym_of(tl, c->tok_start, c->tok_end, a);
        int32_t prio = strength(c) + 1;
        if (prio < 3 && spelled)
            prio = 3, d->strong = 1;
        if (put(&d->t, phrase_key(tl, a, a + 1), c->type, canon, clen, prio, 0))
            return IDNER_ERR_NOMEM;
        d->changed = 1;
        for (size_t k = i + 1; k < nc && cl->v[k].tok_start <= a; k++)
            if (cl->v[k].tok_start == a)
                cl->v[k].flags |= CAND_DROPPED; /* the acronym joins or follows its name */
        if ((c->type == IDNER_ORG || (c->type == IDNER_LOC && spelled && !is_country(c))) &&
            glued) {
            /* "Rumah Potong Hewan (RPH)": a place's acronym glued to it is the place's too; a
             * country keeps its name alone ("Amerika Serikat (AS)": the corpora show none) */
            c->tok_end = (uint32_t)(a + 2);
            c->byte_end = tl->v[a + 1].byte_end;
        }
    }
    /* What phase 2 will register, read off the tokens while they exist: each label's key, and
     * the keys of the first and last words of a person named in full that can stand alone
     * (a flag each, then the keys of those that can). */
    for (size_t i = 0; i < nc; i++) {
        const cand *c = &cl->v[i];
        if (is_label(c) && log_push(&d->labels, phrase_key(tl, c->tok_start, c->tok_end)))
            return IDNER_ERR_NOMEM;
        if (!is_full_person(c))
            continue;
        int first = short_form_ok(r, tl, c->tok_start), last = short_form_ok(r, tl, c->tok_end - 1);
        if (log_push(&d->shorts, (uint64_t)(first | last << 1)) ||
            (first && log_push(&d->shorts, phrase_key(tl, c->tok_start, c->tok_start + 1))) ||
            (last && log_push(&d->shorts, phrase_key(tl, c->tok_end - 1, c->tok_end))))
            return IDNER_ERR_NOMEM;
    }
    return IDNER_OK;
}

idner_status
alias_settle(alias_doc *d, const char *text, const cand_list *chunks, size_t n_chunks)
{
    /* 2. Register every label, and the first and last words of persons named in full: the
     * labels of every window, then the short forms. */
    size_t at = 0;
    for (size_t w = 0; w < n_chunks; w++)
        for (size_t i = 0; i < chunks[w].n; i++) {
            const cand *c = &chunks[w].v[i];
            if (!is_label(c))
                continue;
            uint32_t clen;
            const char *canon = canon_of(text, c, &clen);
            if (put(&d->t, d->labels.v[at++], c->type, canon, clen, strength(c), 0))
                return IDNER_ERR_NOMEM;
            d->strong |= strength(c) >= 3;
        }
    at = 0;
    for (size_t w = 0; w < n_chunks; w++)
        for (size_t i = 0; i < chunks[w].n; i++) {
            const cand *c = &chunks[w].v[i];
            if (!is_full_person(c))
                continue;
            unsigned ok = (unsigned)d->shorts.v[at++];
            for (unsigned k = 0; k < 2; k++)
                if ((ok >> k & 1) && put(&d->t, d->shorts.v[at++], IDNER_PER, text + c->byte_start,
                                         c->byte_end - c->byte_start, strength(c), 1))
                    return IDNER_ERR_NOMEM;
        }
    d->at = 0;
    return IDNER_OK;
}

idner_status
alias_collect(const rules *r, const tok_list *tl, const cand_list *cl, alias_words *w)
{
    size_t n = tl->n;
    uint8_t *covered = calloc(n ? n : 1, 1);
    if (!covered)
        return IDNER_ERR_NOMEM;
    for (size_t i = 0; i < cl->n; i++) {
        const cand *c = &cl->v[i];
        if (is_label(c))
            for (uint32_t k = c->tok_start; k < c->tok_end; k++)
                covered[k] = 1;
    }
    idner_status st = IDNER_OK;
    for (size_t i = 0; i < n; i++) {
        const tok *t = &tl->v[i];
        if (covered[i] || !is_word(t))
            continue;
        if (w->n == w->cap) {
            size_t cap = w->cap ? 2 * w->cap : 64;
            alias_word *v = realloc(w->v, cap * sizeof *v);
            if (!v) {
                st = IDNER_ERR_NOMEM;
                break;
            }
            w->v = v;
            w->cap = cap;
        }
        w->v[w->n++] = (alias_word){
            .hash = t->hash,
            .tok = (uint32_t)i,
            .byte_start = t->byte_start,
            .byte_end = t->byte_end,
            .sent = t->sent & 0x7fffffffu,
            .lower_first = (t->flags & TOK_F_SENT_START) && rules_is_lower_word(r, t),
        };
    }
    free(covered);
    return st;
}

void
alias_words_free(alias_words *w)
{
    free(w->v);
    memset(w, 0, sizeof *w);
}

idner_status
alias_apply(alias_doc *d, const alias_word *w, size_t nw, cand_list *cl)
{
    size_t nc = cl->n;
    if (d->nc == 0)
        return IDNER_OK; /* no candidate in the document */
    idner_status st = IDNER_OK;
    alias_table *t = &d->t;
    /* 3. Apply: relabel weaker labels, name single-word persons after their full form. */
    for (size_t i = 0; i < nc; i++) {
        cand *c = &cl->v[i];
        if (!is_label(c))
            continue;
        alias_entry *e = slot(t, d->labels.v[d->at++]);
        if (!e->key || e->ambiguous)
            continue;
        if (e->type != c->type && e->prio >= 3 && e->prio > strength(c) && c->source != SRC_USER) {
            c->type = e->type;
            c->source = SRC_ALIAS;
            c->canonical = e->canonical;
            c->canonical_len = e->canonical_len;
        } else if (e->short_form && e->type == c->type && c->type == IDNER_PER) {
            c->canonical = e->canonical;
            c->canonical_len = e->canonical_len;
        }
    }
    /* 4. Unlabeled capitalized words and sequences that the document has named (only what
     * context evidence established spreads: nothing to do without it): W holds them, a run of
     * them is a run of tokens one after another. */
    for (size_t j = 0; j < nw && st == IDNER_OK && d->strong; j++) {
        const alias_word *x = &w[j];
        /* the longest registered sequence of free capitalized words from here */
        size_t maxlen = 1;
        while (maxlen < 4 && j + maxlen < nw && w[j + maxlen].tok == x->tok + maxlen &&
               w[j + maxlen].sent == x->sent)
            maxlen++;
        uint64_t keys[4], h = GAZ_HASH_SEED;
        for (size_t k = 0; k < maxlen; k++)
            keys[k] = h = gaz_hash_step(h, w[j + k].hash);
        for (size_t len = maxlen; len >= 1; len--) {
            alias_entry *e = slot(t, keys[len - 1]);
            if (!e->key || e->ambiguous || e->prio < 3)
                continue; /* weaker evidence ("di Karangsela", a given name alone) labels only
                           * where it stands */
            /* a sentence-initial ordinary word is not a name's repeat; nor is a person's short
             * form that opens a longer run of capitalized words ("Pool Bus Primajasa" after a
             * "Pool Taxi Putra" taken for a person): another name begins with it */
            if (len == 1 && (x->lower_first || (maxlen > 1 && e->short_form)))
                continue;
            st = push_alias(cl, x, &w[j + len - 1], e);
            j += len - 1;
            break;
        }
    }
    if (st == IDNER_OK && (d->changed || cl->n != nc))
        merge_select(cl); /* sorts the new ones in, drops acronyms joined to their names */
    return st;
}

void
alias_doc_free(alias_doc *d)
{
    free(d->t.v);
    free(d->labels.v);
    free(d->shorts.v);
    memset(d, 0, sizeof *d);
}

idner_status
alias_run(const rules *r, const char *text, const tok_list *tl, cand_list *cl)
{
    if (tl->n == 0 || cl->n == 0)
        return IDNER_OK;
    alias_doc d = {0};
    idner_status st = alias_register(&d, r, text, tl, cl);
    if (st == IDNER_OK)
        st = alias_settle(&d, text, cl, 1);
    alias_words w = {0};
    if (st == IDNER_OK)
        st = alias_collect(r, tl, cl, &w);
    if (st == IDNER_OK)
        st = alias_apply(&d, w.v, w.n, cl);
    alias_words_free(&w);
    alias_doc_free(&d);
    return st;
}
