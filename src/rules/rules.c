/*
 * rules.c: the context rules (see rules.h; span conventions: SPEC.md section 3).
 *
 * Per sentence, a run is a maximal sequence of capitalized words (with name particles such as
 * "bin" or "van" and glued hyphens inside). Each run is read left to right: stop words are
 * skipped, titles set "a person follows", organization and place heads open an ORG or LOC that
 * runs to the end of the run (or to a person or title inside it), gazetteer candidates are kept
 * (their types chosen by the evidence when a surface has several), and what no list knows is
 * labeled only with evidence: a title before it, a reporting word before or after it, a place
 * preposition before it, an organization suffix after it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/mem.h"
#include "core/tsv.h"
#include "rules/rules.h"

#define RULE_MAX_TOKENS 4
/* A given name opening at least this many listed names may stand alone as a person. */
#define GIVEN_ALONE_MIN 4

typedef struct trigger {
    uint64_t hash; /* chained phrase hash (gaz_hash_step); 0 = empty slot */
    uint32_t classes;
    uint16_t ntok;
    uint16_t prefix; /* a longer trigger phrase continues this one */
} trigger;

/* A set of token hashes: appended to V while loading, then made an open-addressing table
 * (hs_seal) of mask + 1 slots, 0 for an empty one (a hash of 0 is noted in has_zero): one probe
 * or two for a word of a document, where a binary search took some fifteen, each a branch no
 * predictor can learn. */
typedef struct hashset {
    uint64_t *v;
    size_t n, cap;
    uint64_t *slot, mask;
    int has_zero;
} hashset;

struct rules {
    trigger *trig; /* while loading: a list; then an open-addressing table of tmask + 1 */
    size_t ntrig, trig_cap;
    size_t tmask;
    hashset lower;       /* ordinary (mostly lowercase) words */
    hashset given;       /* given names */
    hashset given_alone; /* those common enough to stand alone ("Budi", not "Ha") */
    tok_list scratch;    /* for tokenizing phrases while loading */
};

static const struct {
    const char *name;
    uint32_t bit;
} class_names[] = {
    {"title", R_TITLE},
    {"say", R_SAY},
    {"say_after", R_SAY_AFTER},
    {"org_head", R_ORG_HEAD},
    {"org_suffix", R_ORG_SUFFIX},
    {"loc_head", R_LOC_HEAD},
    {"loc_prep", R_LOC_PREP},
    {"per_prep", R_PER_PREP},
    {"stop", R_STOP},
    {"connector", R_CONNECTOR},
    {"compass", R_COMPASS},
    {"number", R_NUMBER_WORD},
    {"loc_context", R_LOC_CONTEXT},
    {"org_before", R_ORG_BEFORE},
    {"predicate", R_PREDICATE},
    {"joint", R_JOINT},
    {"degree", R_DEGREE},
    {"noble", R_NOBLE},
    {"head_inside", R_HEAD_INSIDE},
    {"org_only", R_ORG_ONLY},
};

/* Makes room for one more element of SIZE bytes in *P (*N used of *CAP); -1 without memory. */
static int
grow(void **p, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 256;
    void *v = realloc(*p, c * size);
    if (!v)
        return -1;
    *p = v;
    *cap = c;
    return 0;
}

static int
hs_push(hashset *h, uint64_t x)
{
    if (grow((void **)&h->v, h->n, &h->cap, sizeof *h->v))
        return -1;
    h->v[h->n++] = x;
    return 0;
}

/* The table of H's hashes, at a load of a half at most; -1 without memory. */
static int
hs_seal(hashset *h)
{
    size_t cap = 16;
    while (cap < 2 * h->n)
        cap *= 2;
    uint64_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t k = 0; k < h->n; k++) {
        const uint64_t x = h->v[k];
        if (!x) {
            h->has_zero = 1;
            continue;
        }
        size_t i = (size_t)x & (cap - 1);
        while (slot[i] && slot[i] != x)
            i = (i + 1) & (cap - 1);
        slot[i] = x;
    }
    free(h->v);
    h->v = NULL;
    h->cap = 0;
    h->slot = slot;
    h->mask = cap - 1;
    return 0;
}

static int
hs_has(const hashset *h, uint64_t x)
{
    if (!x)
        return h->has_zero;
    for (size_t i = (size_t)x & h->mask;; i = (i + 1) & h->mask) {
        if (h->slot[i] == x)
            return 1;
        if (!h->slot[i])
            return 0;
    }
}

static int
push_trigger(rules *r, trigger t)
{
    if (grow((void **)&r->trig, r->ntrig, &r->trig_cap, sizeof *r->trig))
        return -1;
    r->trig[r->ntrig++] = t;
    return 0;
}

/* Reads the table NAME of folder DIR through FN. */
static idner_status
read_table(rules *r, const char *dir, const char *name, tsv_line_fn fn, idner_error *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return error_set(err, IDNER_ERR_ARG, "%s: path too long", dir);
    return tsv_read(path, fn, r, IDNER_ERR_DATA, err);
}

static const char *
add_trigger(void *arg, char **col, size_t ncol, int *nomem)
{
    rules *r = arg;
    tok_list *tl = &r->scratch;
    if (ncol < 2)
        return "expected phrase<TAB>class";
    uint32_t bit = 0;
    for (size_t k = 0; k < sizeof class_names / sizeof class_names[0]; k++)
        if (!strcmp(col[1], class_names[k].name))
            bit = class_names[k].bit;
    if (!bit)
        return "unknown class";
    if (tok_run(tl, col[0], strlen(col[0])) != IDNER_OK)
        return (*nomem = 1, "out of memory");
    if (tl->n == 0 || tl->n > RULE_MAX_TOKENS)
        return "a phrase has 1 to 4 tokens";
    uint64_t h = GAZ_HASH_SEED;
    for (size_t k = 0; k < tl->n; k++)
        h = gaz_hash_step(h, tl->v[k].hash);
    if (push_trigger(r, (trigger){h, bit, (uint16_t)tl->n, 0}))
        return (*nomem = 1, "out of memory");
    /* its proper prefixes, marked as such */
    uint64_t ph = GAZ_HASH_SEED;
    for (size_t k = 0; k + 1 < tl->n; k++) {
        ph = gaz_hash_step(ph, tl->v[k].hash);
        if (push_trigger(r, (trigger){ph, 0, (uint16_t)(k + 1), 1}))
            return (*nomem = 1, "out of memory");
    }
    return NULL;
}

/* casefreq.tsv: key, lower, cap (mid-sentence), ... An ordinary word is seen in lower case at
 * least twice and more than twice as often as capitalized mid-sentence. */
static const char *
add_word(void *arg, char **col, size_t ncol, int *nomem)
{
    rules *r = arg;
    if (ncol < 3)
        return "expected key<TAB>lower<TAB>cap";
    long lower = strtol(col[1], NULL, 10), capital = strtol(col[2], NULL, 10);
    if (lower < 2 || lower <= 2 * capital)
        return NULL;
    if (hs_push(&r->lower, tok_hash(col[0], strlen(col[0]))))
        return (*nomem = 1, "out of memory");
    return NULL;
}

static const char *
add_given(void *arg, char **col, size_t ncol, int *nomem)
{
    rules *r = arg;
    tok_list *tl = &r->scratch;
    if (tok_run(tl, col[0], strlen(col[0])) != IDNER_OK)
        return (*nomem = 1, "out of memory");
    if (tl->n != 1)
        return "a given name is one word";
    if (hs_push(&r->given, tl->v[0].hash) ||
        (ncol > 1 && strtol(col[1], NULL, 10) >= GIVEN_ALONE_MIN &&
         hs_push(&r->given_alone, tl->v[0].hash)))
        return (*nomem = 1, "out of memory");
    return NULL;
}

idner_status
rules_new(const char *dir, rules **out, idner_error *err)
{
    rules *r = calloc(1, sizeof *r);
    if (!r)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    idner_status st = read_table(r, dir, "rules.tsv", add_trigger, err);
    if (st == IDNER_OK)
        st = read_table(r, dir, "casefreq.tsv", add_word, err);
    if (st == IDNER_OK)
        st = read_table(r, dir, "given_names.tsv", add_given, err);
    if (st != IDNER_OK) {
        rules_free(r);
        return st;
    }
    /* One slot per phrase (its classes together), in a table a lookup probes once or twice. */
    size_t cap = 64;
    while (cap < 4 * r->ntrig)
        cap *= 2;
    trigger *table = calloc(cap, sizeof *table);
    if (!table) {
        rules_free(r);
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->ntrig; i++) {
        const trigger *t = &r->trig[i];
        size_t k = (size_t)t->hash & (cap - 1);
        while (table[k].hash && table[k].hash != t->hash)
            k = (k + 1) & (cap - 1);
        table[k].hash = t->hash;
        table[k].classes |= t->classes;
        table[k].ntok = t->ntok;
        table[k].prefix |= t->prefix;
    }
    free(r->trig);
    r->trig = table;
    r->tmask = cap - 1;
    hashset *sets[] = {&r->lower, &r->given, &r->given_alone};
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
        if (hs_seal(sets[k])) {
            rules_free(r);
            return error_set(err, IDNER_ERR_NOMEM, "out of memory");
        }
    *out = r;
    return IDNER_OK;
}

void
rules_free(rules *r)
{
    if (!r)
        return;
    free(r->trig);
    hashset *sets[] = {&r->lower, &r->given, &r->given_alone};
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        free(sets[k]->v);
        free(sets[k]->slot);
    }
    tok_list_free(&r->scratch);
    free(r);
}

/* Is the home slot of the one-word phrase of token hash H empty? Then no trigger phrase starts
 * with that word (most words): the walk's first probe, alone and without its set-up. */
static inline int
trigger_home_empty(const rules *r, uint64_t h)
{
    return !r->trig[(size_t)gaz_hash_step(GAZ_HASH_SEED, h) & r->tmask].hash;
}

/* rules_trigger's walk over the phrases starting at token I (inlined: it is the hot part of
 * trigger_walk) */
static inline __attribute__((always_inline)) uint32_t
trigger_phrase(const rules *r, const tok_list *tl, size_t i, size_t *len)
{
    uint64_t h = GAZ_HASH_SEED;
    uint32_t best = 0;
    *len = 0;
    for (size_t k = 0; k < RULE_MAX_TOKENS && i + k < tl->n; k++) {
        const tok *t = &tl->v[i + k];
        if (k && t->sent != tl->v[i].sent)
            break;
        h = gaz_hash_step(h, t->hash);
        size_t s = (size_t)h & r->tmask;
        while (r->trig[s].hash && r->trig[s].hash != h)
            s = (s + 1) & r->tmask;
        const trigger *hit = &r->trig[s];
        if (!hit->hash)
            break;
        if (hit->classes) {
            best = hit->classes;
            *len = k + 1;
        }
        if (!hit->prefix)
            break;
    }
    return best;
}

/* A degree's letters before a capitalized word that is no degree are a name's initials
 * ("M.H. Thamrin", "S.K. Trimurti"): no class there. Elsewhere ("Andi, S.H., M.H.,",
 * "Dewi S.Pd.", "S.H. M.H.") it is a degree: never an entity, and it ends the name before
 * it. */
static uint32_t
degree_or_initials(const rules *r, const tok_list *tl, size_t i, size_t len, uint32_t classes)
{
    size_t j = i + len, next;
    if (j < tl->n && tl->v[j].sent == tl->v[i].sent && tl->v[j].kind == TOK_WORD &&
        (tl->v[j].flags & TOK_F_CAP) && !(trigger_phrase(r, tl, j, &next) & R_DEGREE))
        return 0;
    return classes;
}

static __attribute__((noinline)) uint32_t
trigger_walk(const rules *r, const tok_list *tl, size_t i, size_t *len)
{
    uint32_t classes = trigger_phrase(r, tl, i, len);
    if (classes & R_DEGREE && !(classes = degree_or_initials(r, tl, i, *len, classes)))
        *len = 0;
    return classes;
}

uint32_t
rules_trigger(const rules *r, const tok_list *tl, size_t i, size_t *len)
{
    if (i < tl->n && trigger_home_empty(r, tl->v[i].hash)) {
        *len = 0;
        return 0;
    }
    return trigger_walk(r, tl, i, len);
}

uint32_t
rules_classes_before(const rules *r, const tok_list *tl, size_t s, uint32_t want, size_t *len)
{
    uint32_t all = 0;
    if (len)
        *len = 0;
    for (size_t back = 1; back <= RULE_MAX_TOKENS && back <= s; back++) {
        size_t j = s - back, n = 0;
        if (tl->v[j].sent != tl->v[s].sent)
            break;
        uint32_t cls = rules_trigger(r, tl, j, &n);
        if (j + n != s)
            continue;
        all |= cls;
        if (len && (cls & want))
            *len = back;
    }
    return all;
}

char
rules_list_joint(const rules *r, const tok_list *tl, size_t i)
{
    const tok *t = &tl->v[i];
    size_t len;
    if (t->kind == TOK_PUNCT) {
        char ch = tok_key(tl, t)[0];
        return t->key_len == 1 && (ch == ',' || ch == '/') ? ch : 0;
    }
    return (rules_trigger(r, tl, i, &len) & R_JOINT) && len == 1 ? 'w' : 0;
}

int
rules_is_lower_word(const rules *r, const tok *t)
{
    return hs_has(&r->lower, t->hash);
}

int
rules_is_given_name(const rules *r, const tok *t)
{
    return hs_has(&r->given, t->hash);
}

static int
given_alone(const rules *r, const tok *t)
{
    return hs_has(&r->given_alone, t->hash);
}

/* ---- the run over a document ------------------------------------------------------------ */

typedef struct ctx {
    const rules *r;
    const gaz *g;
    const char *text;
    const tok_list *tl;
    cand_list *cl;
    int32_t *best;  /* per token: the longest gazetteer candidate starting there, or -1 */
    uint8_t *dated; /* per token: inside a date or time candidate */
    uint32_t *trig; /* per token: trigger classes of the phrase starting there */
    uint8_t *tlen;  /* its length in tokens */
    int32_t *first; /* per token: the last non-date candidate starting there, or -1 */
    int32_t *next;  /* per candidate: the one before it in its token's chain, or -1 */
    size_t next_cap;
    int headline;      /* the current sentence is in title case: capitals say nothing */
    int carry_title;   /* the last run ended in a title and a comma... */
    size_t carry_from; /* ...at this token */
} ctx;

/* trig_at's lookup, the first time token I is asked */
static __attribute__((noinline)) uint32_t
trig_fill(const ctx *c, size_t i)
{
    size_t len = 0;
    /* every trigger phrase starts with a word */
    const tok *t = &c->tl->v[i];
    c->trig[i] = t->kind == TOK_WORD && !trigger_home_empty(c->r, t->hash)
                     ? trigger_walk(c->r, c->tl, i, &len)
                     : 0;
    if (c->trig[i] & R_DEGREE)
        c->trig[i] |= R_STOP; /* here a degree ends a name as a stop word does */
    c->tlen[i] = (uint8_t)len;
    return c->trig[i];
}

/* The trigger classes of the phrase starting at token I, looked up once when first asked:
 * most tokens are never asked (they are neither in nor next to a capitalized run). */
static inline uint32_t
trig_at(const ctx *c, size_t i)
{
    return c->trig[i] != RULES_TRIG_UNSET ? c->trig[i] : trig_fill(c, i);
}

static size_t
tlen_at(const ctx *c, size_t i)
{
    trig_at(c, i);
    return c->tlen[i];
}

static int
is_capword(const ctx *c, size_t i)
{
    const tok *t = &c->tl->v[i];
    return t->kind == TOK_WORD && (t->flags & TOK_F_CAP) && !c->dated[i];
}

/* Chains the non-date candidate K into the list of its first token (prefer_type and drop_at
 * then see only the candidates of one token: linear time in the document). -1 without memory. */
static int
link_cand(ctx *c, size_t k)
{
    if (k >= c->next_cap) {
        size_t cap = c->next_cap ? c->next_cap * 2 : 64;
        while (cap <= k)
            cap *= 2;
        int32_t *v = realloc(c->next, cap * sizeof *v);
        if (!v)
            return -1;
        c->next = v;
        c->next_cap = cap;
    }
    const cand *o = &c->cl->v[k];
    if (o->source == SRC_DATE || o->tok_start >= c->tl->n)
        return 0;
    c->next[k] = c->first[o->tok_start];
    c->first[o->tok_start] = (int32_t)k;
    return 0;
}

/* Emits a rule candidate of TYPE over tokens [a, b); PRIO 3 for strong evidence, 1 for weak.
 * RULE names the rule for --explain, TRIG the token of its trigger phrase (-1: none). */
static int
emit(ctx *c, size_t a, size_t b, idner_type type, int prio, const char *rule, long trig)
{
    cand *k = cand_push_span(c->cl, c->tl, a, b, type, SRC_RULE, prio);
    if (!k || link_cand(c, c->cl->n - 1))
        return -1;
    k->canonical = c->text + k->byte_start;
    k->canonical_len = k->byte_end - k->byte_start;
    if (c->cl->x) {
        size_t len = trig >= 0 ? tlen_at(c, (size_t)trig) : 0;
        uint32_t ta = trig >= 0 ? (uint32_t)trig : 0;
        cand_note(c->cl, k,
                  (cand_why){.kind = WHY_RULE,
                             .rule = rule,
                             .trig_a = ta,
                             .trig_b = trig >= 0 ? ta + (uint32_t)(len ? len : 1) : 0});
    }
    return 0;
}

/* Among the gazetteer candidates on the span of candidate G, prefer TYPE (when listed). Every
 * non-date candidate starts on a token's first byte: those of G's span start at its token. */
static void
prefer_type(ctx *c, int32_t g, idner_type type)
{
    const cand *ref = &c->cl->v[g];
    for (int32_t k = c->first[ref->tok_start]; k >= 0; k = c->next[k]) {
        cand *o = &c->cl->v[k];
        if (o->byte_start == ref->byte_start && o->byte_end == ref->byte_end && o->type == type)
            o->prio += 10;
    }
}

/* Is T a name's initials: capital letters each followed by a period ("R.", "W.S.", "B.J.")? */
static int
is_initials(const ctx *c, const tok *t)
{
    const char *s = c->text + t->byte_start;
    size_t n = t->byte_end - t->byte_start;
    if (!(t->flags & TOK_F_ABBREV) || n < 2 || n % 2)
        return 0;
    for (size_t k = 0; k < n; k += 2)
        if (s[k] < 'A' || s[k] > 'Z' || s[k + 1] != '.')
            return 0;
    return 1;
}

/* End of an ORG or LOC opened by a head at P (of LEN tokens) in the run [P, B): the name runs
 * on until a title, a listed person or a reporting context. A place's head or titles right
 * before a listed person make the person the place's namesake ("Jalan Gatot Subroto", "Jl
 * Letjen Suprapto", "Bandara Adisutjipto"): only a person after the place's own name ends it. */
static size_t
head_end(const ctx *c, size_t p, size_t len, size_t b, int place, int person_follows)
{
    size_t e = p + len;
    int named = 0; /* a word of the name itself seen, not only the head and titles */
    while (e < b) {
        /* "Ketua Umum Partai Gema Sejahtera Budi Santikara": after a title the person the
         * title belongs to follows the organization */
        if (person_follows && e + 1 < b && rules_is_given_name(c->r, &c->tl->v[e]) &&
            is_capword(c, e + 1))
            break;
        if (trig_at(c, e) & (R_STOP | R_NUMBER_WORD))
            break; /* "Jalan Hayam Wuruk Nomor 30": the number is not the name */
        if ((trig_at(c, e) & R_TITLE) && !place)
            break; /* but a street or an airport is named after "Jenderal Sudirman" */
        int32_t g = c->best[e];
        if (g >= 0 && c->cl->v[g].type == IDNER_PER) {
            if (!place || named || c->cl->v[g].tok_end > b)
                break;
            e = c->cl->v[g].tok_end;
            named = 1;
            continue;
        }
        if (!(trig_at(c, e) & R_TITLE) && !is_initials(c, &c->tl->v[e]))
            named = 1; /* "Jalan M.H. Thamrin": initials, like titles, come before the name */
        e++;
    }
    return e;
}

/* A capitalized ordinary noun rather than a name: an ordinary word of the training text, or
 * one of the derived nouns (ke-an, pe(N)-an, per-an) that name ministers' portfolios
 * ("Menteri Kelautan", "Kepala Bidang Peternakan"). */
static int
looks_common(const ctx *c, const tok *t)
{
    if (rules_is_lower_word(c->r, t))
        return 1;
    const char *k = tok_key(c->tl, t);
    size_t n = t->key_len;
    if (n < 6 || memcmp(k + n - 2, "an", 2) != 0)
        return 0;
    return !strncmp(k, "ke", 2) || !strncmp(k, "pe", 2);
}

/* End of a person's name that goes on from token E within the run [.., B): more capitalized
 * words no list claims, name particles, and listed persons. */
static size_t
person_end(const ctx *c, size_t e, size_t b)
{
    while (e < b) {
        const tok *t = &c->tl->v[e];
        int32_t g = c->best[e];
        if (g >= 0 && c->cl->v[g].type == IDNER_PER) {
            e = c->cl->v[g].tok_end;
            continue;
        }
        if (g >= 0 || (trig_at(c, e) & (R_TITLE | R_ORG_HEAD | R_LOC_HEAD | R_STOP)) ||
            (t->flags & TOK_F_ALLCAPS) || (t->kind != TOK_WORD && t->kind != TOK_PUNCT))
            break;
        if (t->kind == TOK_PUNCT || (trig_at(c, e) & R_CONNECTOR)) {
            if (e + 1 >= b) /* a particle or hyphen only inside */
                break;
        } else if (looks_common(c, t)) {
            break;
        }
        e++;
    }
    return e;
}

static int
has_class(const ctx *c, long i, uint32_t cls)
{
    return i >= 0 && (size_t)i < c->tl->n && (trig_at(c, i) & cls);
}

/* Is token H a place head written in lowercase that the corpora keep inside the place it
 * opens ("desa Dampyak", "kecamatan Cawas": class head_inside)? */
static int
lower_head(const ctx *c, size_t h)
{
    const tok *t = &c->tl->v[h];
    return t->kind == TOK_WORD && (t->flags & TOK_F_LOWER) && tlen_at(c, h) <= 1 &&
           has_class(c, (long)h, R_HEAD_INSIDE);
}

/* Drops gazetteer candidates that start at token I. */
static void
drop_at(ctx *c, size_t i)
{
    for (int32_t k = c->first[i]; k >= 0; k = c->next[k])
        c->cl->v[k].flags |= CAND_DROPPED;
}

/* "Gubernur Jawa Barat, Darmaji Sukoreno": a title still waiting for its person at the end of
 * the run [A, B) reaches over one comma into the next run. */
static void
set_carry(ctx *c, size_t a, size_t b, int title)
{
    const tok_list *tl = c->tl;
    c->carry_title = title && b + 1 < tl->n && tl->v[b].kind == TOK_PUNCT &&
                     tok_key(tl, &tl->v[b])[0] == ',' && tl->v[b + 1].sent == tl->v[a].sent;
    c->carry_from = b;
}

/* What a run knows while it is read left to right. */
typedef struct run {
    size_t a, b;           /* the run: tokens [a, b) */
    long before;           /* the token before it in its sentence, or -1 */
    int title;             /* a title waits for its person */
    int say;               /* a reporting word waits for its speaker */
    long title_at, say_at; /* --explain: their trigger tokens (-1: none known) */
} run;

/* "Asia Link BV", "harian Asia Raya": the whole run names one organization, even where a place
 * is listed inside it. Returns 1 when it did (and emitted it), -1 when memory ran out. */
static int
whole_run_org(ctx *c, run *r)
{
    const tok_list *tl = c->tl;
    size_t p = r->a;
    while (p < r->b && (trig_at(c, p) & R_TITLE) && p + tlen_at(c, p) < r->b)
        p += tlen_at(c, p);
    if (c->headline || r->b - p < 2 || c->best[p] >= 0 || (trig_at(c, p) & R_STOP))
        return 0;
    if (!(trig_at(c, r->b - 1) & R_ORG_SUFFIX) && !has_class(c, r->before, R_ORG_BEFORE) &&
        !(has_class(c, r->before, R_ORG_HEAD) && (tl->v[r->before].flags & TOK_F_LOWER)))
        return 0;
    if ((tl->v[p].flags & TOK_F_SENT_START) && rules_is_lower_word(c->r, &tl->v[p]))
        return 0;
    int suffix = (trig_at(c, r->b - 1) & R_ORG_SUFFIX) != 0;
    if (emit(c, p, r->b, IDNER_ORG, 3,
             suffix                                  ? "org_suffix"
             : has_class(c, r->before, R_ORG_BEFORE) ? "org_before"
                                                     : "org_head",
             suffix ? (long)r->b - 1 : r->before))
        return -1;
    set_carry(c, r->a, r->b, r->title || p > r->a); /* "Pelatih Persigo Raya FC, Darmaji ..." */
    return 1;
}

/* A listed candidate G at token P: its type chosen by the evidence when it has several, a
 * place extended by a compass word, a ministry by its country, a person by more name words.
 * Returns the token after it, or 0 when memory ran out. */
static size_t
listed(ctx *c, run *r, size_t p, int32_t g)
{
    const tok_list *tl = c->tl;
    const tok *t = &tl->v[p];
    /* copies: emit may move the candidate array */
    const idner_type gtype = (idner_type)c->cl->v[g].type;
    const size_t gend = c->cl->v[g].tok_end;
    if (r->title)
        prefer_type(c, g, IDNER_PER);
    else if (p == r->a && has_class(c, r->before, R_LOC_PREP))
        prefer_type(c, g, IDNER_LOC);
    else if (p == r->a && has_class(c, r->before, R_SAY))
        prefer_type(c, g, IDNER_PER);
    else if (p == r->a && has_class(c, r->before, R_ORG_BEFORE))
        prefer_type(c, g, IDNER_ORG);
    size_t ge = gend > p ? gend : p + 1;
    if (gtype == IDNER_LOC && ge < tl->n && (trig_at(c, ge) & R_COMPASS) &&
        tl->v[ge].sent == t->sent) {
        /* "Jakarta Pusat", "Pamulang Timur", "Israel utara" */
        if (emit(c, p, ge + tlen_at(c, ge), IDNER_LOC, 3, "compass", (long)ge))
            return 0;
        ge += tlen_at(c, ge);
    }
    if (gtype == IDNER_LOC && p == r->a && r->before >= 0 && lower_head(c, (size_t)r->before) &&
        emit(c, (size_t)r->before, ge, IDNER_LOC, 3, "loc_head", r->before))
        return 0; /* "kecamatan Bendosari": the head inside the listed place */
    if (gtype == IDNER_ORG && ge < r->b && (trig_at(c, p) & R_ORG_HEAD) && c->best[ge] >= 0 &&
        c->cl->v[c->best[ge]].type == IDNER_LOC) {
        /* "Kementerian Luar Negeri Korea Utara": the ministry of that country */
        size_t e = c->cl->v[c->best[ge]].tok_end;
        return emit(c, p, e, IDNER_ORG, 3, "org_head_country", (long)p) ? 0 : e;
    }
    if (gtype == IDNER_PER && ge < r->b && !c->headline) {
        /* a listed name goes on with more name words: "Bill Richardson" */
        size_t e = person_end(c, ge, r->b);
        if (e > ge && emit(c, p, e, IDNER_PER, 3, "listed_person_extended", -1))
            return 0;
        ge = e;
    }
    if (gtype == IDNER_PER)
        r->title = 0;
    return ge;
}

/* Is token U a lowercase word that opens a predicate ("Bambang juga ...", "Effendi menyebut
 * ...")? A verb with a prefix me-, ber-, di- or ter- (at least three letters after it), or a
 * word of class predicate in rules.tsv (auxiliaries, adverbs). */
static int
subject_of_verb(const ctx *c, size_t u)
{
    const tok_list *tl = c->tl;
    if (u >= tl->n || tl->v[u].kind != TOK_WORD || !(tl->v[u].flags & TOK_F_LOWER))
        return 0;
    const char *k = tok_key(tl, &tl->v[u]);
    size_t n = tl->v[u].key_len;
    static const char *const prefixes[] = {"me", "ber", "di", "ter"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t m = strlen(prefixes[i]);
        if (n >= m + 3 && !memcmp(k, prefixes[i], m))
            return 1;
    }
    return has_class(c, (long)u, R_PREDICATE);
}

/* Capitalized words [P, U) that no list knows: labeled only with evidence. Sets *END (the
 * entity's end, when a suffix joins it) and *PRIO; returns the type, or 0. */
static idner_type
unlisted_type(ctx *c, const run *r, size_t p, size_t u, int sentence_first, size_t *end, int *prio,
              const char **rule, long *trig)
{
    const tok_list *tl = c->tl;
    const tok *t = &tl->v[p];
    *end = u;
    *prio = 3;
    if (u < tl->n && has_class(c, (long)u, R_ORG_SUFFIX)) {
        *end = u + tlen_at(c, u); /* "Persigo Raya FC": the suffix outweighs a title before */
        return *rule = "org_suffix", *trig = (long)u, IDNER_ORG;
    }
    if (p == r->a && r->before >= 0 && lower_head(c, (size_t)r->before))
        return *rule = "loc_head", *trig = r->before, IDNER_LOC; /* "desa Wanasirna mengatakan" */
    if (r->title)
        return *rule = "title", *trig = r->title_at, IDNER_PER;
    if (r->say && (p == r->a || trig_at(c, p - 1) & R_SAY))
        return *rule = "say", *trig = r->say_at, IDNER_PER;
    if (u == r->b && has_class(c, (long)r->b, R_SAY_AFTER) && !(t->flags & TOK_F_ALLCAPS))
        return *rule = "say_after", *trig = (long)r->b, IDNER_PER;
    if (p == r->a && has_class(c, r->before, R_LOC_HEAD)) /* "kota Medan": the head outside */
        return *rule = "loc_head", *trig = r->before, IDNER_LOC;
    if (p == r->a && has_class(c, r->before, R_ORG_HEAD | R_ORG_BEFORE))
        return *rule = has_class(c, r->before, R_ORG_HEAD) ? "org_head" : "org_before",
               *trig = r->before, IDNER_ORG;
    if (is_initials(c, t) && t->byte_end - t->byte_start >= 4 && u > p + 1 &&
        !looks_common(c, &tl->v[u - 1]) && !(tl->v[u - 1].flags & TOK_F_ALLCAPS)) {
        /* "S.K. Trimurti": two initials or more open a person's name (one, "A. Menjelang",
         * may end a sentence) */
        *prio = 2;
        return *rule = "initials", *trig = (long)p, IDNER_PER;
    }
    if (rules_is_given_name(c->r, t) && !looks_common(c, &tl->v[u - 1]) &&
        (u > p + 1 || (given_alone(c->r, t) && (!sentence_first || subject_of_verb(c, u))))) {
        *prio = 2; /* a name's shape, no context: labels itself, not its short forms */
        return *rule = "given_name", *trig = (long)p, IDNER_PER;
    }
    if (p == r->a && has_class(c, r->before, R_LOC_PREP) && !sentence_first &&
        !(t->flags & TOK_F_ALLCAPS) && !rules_is_lower_word(c->r, t) && !trig_at(c, p)) {
        *prio = 1; /* weak: "di Samarinda"; but not "di DPR" (an acronym) nor "di Kantor" */
        return *rule = "loc_prep", *trig = r->before, IDNER_LOC;
    }
    return 0;
}

static int
process_run(ctx *c, size_t a, size_t b)
{
    const tok_list *tl = c->tl;
    run r = {a, b, (long)a - 1, 0, 0, -1, -1};
    if (r.before >= 0 && tl->v[r.before].sent != tl->v[a].sent)
        r.before = -1;
    r.title = has_class(c, r.before, R_TITLE) ||
              (c->carry_title && r.before >= 1 && c->carry_from == (size_t)r.before);
    r.say = has_class(c, r.before, R_SAY);
    r.title_at = has_class(c, r.before, R_TITLE) ? r.before : -1; /* a carried title: unknown */
    r.say_at = r.say ? r.before : -1;
    c->carry_title = 0;
    int whole = whole_run_org(c, &r);
    if (whole)
        return whole < 0 ? -1 : 0;
    size_t p = a;
    while (p < b) {
        const tok *t = &tl->v[p];
        uint32_t tr = trig_at(c, p);
        size_t len = tlen_at(c, p);
        if (len && p + len > b)
            tr &= ~(uint32_t)(R_TITLE | R_ORG_HEAD | R_LOC_HEAD);
        if (tr & R_STOP) {
            drop_at(c, p);
            p += len;
            r.title = 0;
            continue;
        }
        if ((tr & R_TITLE) && p + len < b) {
            r.title = 1;
            r.title_at = (long)p;
            p += len;
            continue;
        }
        if ((trig_at(c, p) & R_TITLE) && p + len == b) {
            p += len; /* "kata Gubernur,": a title with no name is nobody */
            continue;
        }
        if ((tr & R_SAY) && p + len < b && !(tr & R_TITLE)) {
            r.say = 1; /* "Menurut Lestyani ...", "Kata Budi ..." */
            r.say_at = (long)p;
            p += len;
            continue;
        }
        if ((tr & (R_ORG_HEAD | R_LOC_HEAD)) && p + len < b && c->best[p] < 0 && !c->headline) {
            size_t e = head_end(c, p, len, b, !(tr & R_ORG_HEAD), r.title);
            if (e > p + len && emit(c, p, e, (tr & R_ORG_HEAD) ? IDNER_ORG : IDNER_LOC, 3,
                                    (tr & R_ORG_HEAD) ? "org_head" : "loc_head", (long)p))
                return -1;
            p = e; /* a title still applies: "Kepala Badan Pusat Statistik Suryamin" */
            continue;
        }
        if (r.title && (trig_at(c, p) & (R_ORG_HEAD | R_LOC_HEAD))) {
            p += len ? len : 1; /* "Kepala Desa", "Ketua Partai": no person yet */
            continue;
        }
        int32_t g = c->best[p];
        int sentence_first =
            (t->flags & TOK_F_SENT_START) ||
            (p > 0 && (tl->v[p - 1].flags & TOK_F_SENT_START) && tl->v[p - 1].kind == TOK_PUNCT);
        if (g >= 0) {
            const cand *gc = &c->cl->v[g];
            /* a dbpedia name that is an ordinary word opening the sentence */
            if (sentence_first && gc->prio <= 1 && gc->tok_end == p + 1 &&
                rules_is_lower_word(c->r, t)) {
                drop_at(c, p);
                p++;
                continue;
            }
            size_t next = listed(c, &r, p, g);
            if (!next)
                return -1;
            p = next;
            continue;
        }
        if ((sentence_first && rules_is_lower_word(c->r, t)) || c->headline) {
            p++; /* an ordinary word opening the sentence; in a headline only lists speak */
            continue;
        }
        size_t u = p + 1;
        while (u < b && c->best[u] < 0 &&
               !(trig_at(c, u) & (R_TITLE | R_ORG_HEAD | R_LOC_HEAD | R_STOP | R_ORG_SUFFIX)))
            u++;
        while (u > p + 1 && tl->v[u - 1].kind != TOK_WORD) /* no trailing particle or digit */
            u--;
        if (u < b && c->best[u] >= 0 && c->cl->v[c->best[u]].type == IDNER_PER &&
            (!(tl->v[u - 1].flags & TOK_F_ALLCAPS) || is_initials(c, &tl->v[u - 1])) &&
            !looks_common(c, t)) {
            /* unlisted given name(s) or initials before a listed one: "Alejandro Sanchez",
             * "W.S. Rendra" */
            size_t e = person_end(c, c->cl->v[c->best[u]].tok_end, b), s = p;
            if (is_initials(c, &tl->v[u - 1])) { /* from the initials, and given names before */
                for (s = u - 1; s > p && is_initials(c, &tl->v[s - 1]);)
                    s--;
                while (s > p && rules_is_given_name(c->r, &tl->v[s - 1]))
                    s--;
            }
            if (emit(c, s, e, IDNER_PER, 3, "given_name_before_listed_person", -1))
                return -1;
            r.title = 0;
            p = e;
            continue;
        }
        if (r.title && (looks_common(c, t) || ((t->flags & TOK_F_ALLCAPS) && !is_initials(c, t)))) {
            p++; /* "Menteri Kelautan ...", "Ketua DPP ...": the title's portfolio */
            continue;
        }
        size_t end;
        int prio;
        const char *rule = NULL;
        long trig = -1;
        idner_type type = unlisted_type(c, &r, p, u, sentence_first, &end, &prio, &rule, &trig);
        size_t from = p;
        if (type == IDNER_LOC && trig == r.before && trig >= 0 && lower_head(c, (size_t)trig))
            from = (size_t)trig; /* "desa Dampyak": a lowercase head inside */
        if (type && emit(c, from, end, type, prio, rule, trig))
            return -1;
        if (type != IDNER_ORG)
            r.title = 0;
        p = end;
    }
    set_carry(c, a, b, r.title);
    return 0;
}

/* Is the sentence starting at token I in title case ("Kim Jong Un Ubah Status Korea")? Most
 * of its words (at least four) start with a capital, function words aside. */
static int
is_headline(const tok_list *tl, size_t i)
{
    size_t words = 0, caps = 0, e = i;
    const uint32_t sent = tl->v[i].sent;
    while (e < tl->n && tl->v[e].sent == sent)
        e++;
    /* a headline has no full stop at its end (most sentences have one: nothing to count) */
    const tok *last = &tl->v[e - 1];
    if (last->kind == TOK_PUNCT && last->key_len == 1 && tok_key(tl, last)[0] == '.')
        return 0;
    for (size_t k = i; k < e; k++) {
        const tok *t = &tl->v[k];
        if (t->kind != TOK_WORD || t->key_len < 4)
            continue;
        words++;
        caps += (t->flags & TOK_F_CAP) != 0;
    }
    return words >= 4 && caps * 10 >= words * 8;
}

idner_status
rules_run(const rules *r, const gaz *g, const char *text, const tok_list *tl, cand_list *cl,
          rules_lookups *keep)
{
    size_t n = tl->n;
    rules_lookups mine = {0}, *lk = keep ? keep : &mine; /* the lookups: the caller's, or ours */
    lk->n = 0;
    if (n == 0)
        return IDNER_OK;
    ctx c = {r, g, text, tl, cl, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0};
    c.best = malloc(n * sizeof *c.best);
    c.dated = calloc(n, 1);
    c.first = malloc(n * sizeof *c.first);
    if (lk->cap < n) {
        int ok = 1;
        MEM_GROW(lk->trig, n, ok);
        MEM_GROW(lk->tlen, n, ok);
        if (ok) {
            lk->cap = n;
            mem_huge(lk->trig, n * sizeof *lk->trig);
        }
    }
    c.trig = lk->cap >= n ? lk->trig : NULL;
    c.tlen = lk->tlen;
    idner_status st = IDNER_OK;
    if (!c.best || !c.dated || !c.trig || !c.tlen || !c.first) {
        st = IDNER_ERR_NOMEM;
        goto done;
    }
    mem_huge(c.best, n * sizeof *c.best);
    mem_huge(c.first, n * sizeof *c.first);
    for (size_t i = 0; i < n; i++)
        c.best[i] = c.first[i] = -1;
    size_t ncand = cl->n; /* rule candidates appended below are not inputs */
    for (size_t k = 0; k < ncand; k++) {
        if (link_cand(&c, k)) {
            st = IDNER_ERR_NOMEM;
            goto done;
        }
        const cand *o = &cl->v[k];
        if (o->flags & CAND_DROPPED)
            continue;
        if (o->source == SRC_DATE) {
            for (uint32_t i = o->tok_start; i < o->tok_end && i < n; i++)
                c.dated[i] = 1;
            continue;
        }
        int32_t b = c.best[o->tok_start];
        if (b < 0 || cl->v[b].tok_end < o->tok_end ||
            (cl->v[b].tok_end == o->tok_end && cl->v[b].prio < o->prio))
            c.best[o->tok_start] = (int32_t)k;
    }
    memset(c.trig, 0xFF, n * sizeof *c.trig); /* computed when first asked (trig_at) */
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (tl->v[i].sent != sent) {
            sent = tl->v[i].sent;
            c.headline = is_headline(tl, i);
        }
        if (!is_capword(&c, i) && !(c.best[i] >= 0 && !c.dated[i]))
            continue;
        size_t j = i + 1;
        while (j < n && tl->v[j].sent == tl->v[i].sent) {
            const tok *t = &tl->v[j];
            if (is_capword(&c, j) || (c.best[j] >= 0 && !c.dated[j] && (t->flags & TOK_F_CAP))) {
                j++;
            } else if ((trig_at(&c, j) & R_CONNECTOR) && j + 1 < n && is_capword(&c, j + 1) &&
                       (t->flags & TOK_F_LOWER)) {
                j++;
            } else if ((trig_at(&c, j) & R_CONNECTOR) && (t->flags & TOK_F_LOWER) && j + 2 < n &&
                       tl->v[j + 1].kind == TOK_PUNCT && tok_key(tl, &tl->v[j + 1])[0] == '-' &&
                       !(tl->v[j + 1].flags & TOK_F_SPACE_BEFORE) && is_capword(&c, j + 2)) {
                j += 2; /* al-Assad */
            } else if (t->kind == TOK_PUNCT && tl->v[j].key_len == 1 && tok_key(tl, t)[0] == '-' &&
                       !(t->flags & TOK_F_SPACE_BEFORE) && j + 1 < n && is_capword(&c, j + 1) &&
                       !(tl->v[j + 1].flags & TOK_F_SPACE_BEFORE)) {
                j++;
            } else if ((t->flags & TOK_F_ALLDIGIT) && j + 1 < n && is_capword(&c, j + 1)) {
                j++;
            } else {
                break;
            }
        }
        if (process_run(&c, i, j)) {
            st = IDNER_ERR_NOMEM;
            goto done;
        }
        i = j - 1;
    }
done:
    free(c.best);
    free(c.dated);
    if (st == IDNER_OK)
        lk->n = n;
    rules_lookups_free(&mine);
    free(c.first);
    free(c.next);
    return st;
}

void
rules_lookups_free(rules_lookups *k)
{
    free(k->trig);
    free(k->tlen);
    *k = (rules_lookups){0};
}
