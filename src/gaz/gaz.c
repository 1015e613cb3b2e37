/*
 * gaz.c: mapping compiled gazetteers and finding their phrases in a token stream (see gaz.h,
 * gaz/format.h). Case policy per entry: proper nouns match where every capitalized token of the
 * listed surface is capitalized (or all caps) in the text; acronyms only exactly as written;
 * "ci" entries in any case; "common" entries (also ordinary words) never alone at a sentence
 * start. A surface with a "-nya" clitic ("Jakartanya") matches its stem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/tsv.h"
#include "gaz/gaz.h"

static idner_status
check_image(gaz_table *t, const char *what, idner_error *err)
{
    const char *base = t->file.mem;
    const size_t size = t->file.size;
    if (size < sizeof(gaz_header))
        return error_set(err, IDNER_ERR_DATA, "%s: too short for a gazetteer", what);
    const gaz_header *h = t->file.mem;
    if (memcmp(h->magic, GAZ_MAGIC, sizeof GAZ_MAGIC) != 0)
        return error_set(err, IDNER_ERR_DATA, "%s: not a compiled gazetteer (bad magic)", what);
    if (h->version != GAZ_VERSION)
        return error_set(err, IDNER_ERR_DATA, "%s: format version %u, expected %u", what,
                         h->version, GAZ_VERSION);
    uint64_t slots_end = (uint64_t)h->slots_off + (uint64_t)h->n_slots * sizeof(gaz_slot);
    uint64_t ents_end = (uint64_t)h->entries_off + (uint64_t)h->n_entries * sizeof(gaz_entry);
    uint64_t pool_end = (uint64_t)h->pool_off + h->pool_size;
    if (h->file_size != size || h->n_slots == 0 || (h->n_slots & (h->n_slots - 1)) ||
        h->slots_off % 8 || h->entries_off % 8 || slots_end > size || ents_end > size ||
        pool_end > size || h->pool_size == 0 || h->first_off % 8 ||
        (h->first_log2 &&
         (h->first_log2 < GAZ_FIRST_LOG2_MIN || h->first_log2 > GAZ_FIRST_LOG2_MAX)) ||
        (h->any_log2 && (h->any_log2 < GAZ_FIRST_LOG2_MIN || h->any_log2 > GAZ_FIRST_LOG2_MAX)) ||
        (uint64_t)h->first_off + ((1ull << (h->first_log2 ? h->first_log2 : GAZ_FIRST_LOG2)) / 8) +
                ((1ull << (h->any_log2 ? h->any_log2 : GAZ_FIRST_LOG2)) / 8) >
            size ||
        (h->phrase_log2 &&
         (h->phrase_log2 < GAZ_PHRASE_LOG2_MIN || h->phrase_log2 > GAZ_PHRASE_LOG2_MAX ||
          h->phrase_off % 8 || (uint64_t)h->phrase_off + (8ull << h->phrase_log2) > size)) ||
        base[h->pool_off + h->pool_size - 1] != '\0' ||
        (h->origins_off &&
         (h->origins_off % 8 ||
          (uint64_t)h->origins_off + (uint64_t)h->n_entries * sizeof(gaz_origin) > size)))
        return error_set(err, IDNER_ERR_DATA, "%s: corrupt gazetteer (bad header)", what);
    t->hdr = h;
    t->slots = (const gaz_slot *)(base + h->slots_off);
    t->entries = (const gaz_entry *)(base + h->entries_off);
    t->pool = base + h->pool_off;
    t->first = (const uint8_t *)base + h->first_off;
    t->origins = h->origins_off ? (const gaz_origin *)(base + h->origins_off) : NULL;
    uint32_t log2 = h->first_log2 ? h->first_log2 : GAZ_FIRST_LOG2;
    uint32_t any_log2 = h->any_log2 ? h->any_log2 : GAZ_FIRST_LOG2;
    t->first_any = t->first + ((size_t)1 << log2) / 8;
    t->first_shift = 64 - (log2 > any_log2 ? log2 : any_log2);
    t->first_mask = (uint32_t)((1ull << log2) - 1);
    t->any_mask = (uint32_t)((1ull << any_log2) - 1);
    t->phrase = h->phrase_log2 ? (const uint64_t *)(const void *)(base + h->phrase_off) : NULL;
    t->phrase_log2 = h->phrase_log2;
    t->mask = h->n_slots - 1;
    /* Slots and entries are checked when a lookup reaches them (entry_ok, gaz_table_find), not
     * here: start-up then costs the same, and touches as little memory, whatever the size of
     * the lists. Lookups read the filters densely, the rest at random: a page of slots after
     * a filter passed, an entry and its strings after a slot matched. */
    mapped_random(&t->file, h->slots_off, (size_t)h->n_slots * sizeof(gaz_slot));
    mapped_random(&t->file, h->entries_off, (size_t)h->n_entries * sizeof(gaz_entry));
    mapped_random(&t->file, h->pool_off, h->pool_size);
    if (h->origins_off)
        mapped_random(&t->file, h->origins_off, (size_t)h->n_entries * sizeof(gaz_origin));
    return IDNER_OK;
}

idner_status
gaz_table_open(gaz_table *t, const char *path, idner_error *err)
{
    memset(t, 0, sizeof *t);
    idner_status s = mapped_open(&t->file, path, err);
    if (s == IDNER_OK && (s = check_image(t, path, err)) != IDNER_OK)
        gaz_table_close(t);
    return s;
}

idner_status
gaz_table_adopt(gaz_table *t, void *image, size_t size, const char *what, idner_error *err)
{
    memset(t, 0, sizeof *t);
    t->file = (mapped){image, size, 0};
    idner_status s = check_image(t, what, err);
    if (s != IDNER_OK)
        gaz_table_close(t);
    return s;
}

void
gaz_table_close(gaz_table *t)
{
    mapped_release(&t->file);
    memset(t, 0, sizeof *t);
}

const gaz_slot *
gaz_table_find(const gaz_table *t, uint64_t h)
{
    if (!t->hdr)
        return NULL;
    if (t->phrase) {
        uint32_t word;
        uint64_t bits = gaz_phrase_bits(h, t->phrase_log2, &word);
        if ((t->phrase[word] & bits) != bits)
            return NULL;
    }
    size_t i = (size_t)(h & t->mask);
    for (size_t probes = 0; probes <= t->mask; probes++) { /* a corrupt table may be full */
        const gaz_slot *s = &t->slots[i];
        if (s->hash == h) /* a corrupt slot reads as absent */
            return (uint64_t)s->first + s->count <= t->hdr->n_entries ? s : NULL;
        if (!s->hash)
            return NULL;
        i = (i + 1) & t->mask;
    }
    return NULL;
}

uint64_t
gaz_phrase_hash(const char *s, size_t n, tok_list *tl, size_t *ntok)
{
    *ntok = 0;
    if (tok_run(tl, s, n) != IDNER_OK || tl->n == 0)
        return 0;
    uint64_t h = GAZ_HASH_SEED;
    for (size_t k = 0; k < tl->n; k++)
        h = gaz_hash_step(h, tl->v[k].hash);
    *ntok = tl->n;
    return h;
}

static int
cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

typedef struct excl_ctx {
    gaz *g;
    size_t cap;
    tok_list tl;
} excl_ctx;

/* One surface a line (or a gazetteer line: its first column). */
static const char *
add_exclude(void *arg, char **col, size_t ncol, int *nomem)
{
    excl_ctx *x = arg;
    (void)ncol;
    size_t nt;
    uint64_t h = gaz_phrase_hash(col[0], strlen(col[0]), &x->tl, &nt);
    if (!h)
        return "no token to exclude";
    gaz *g = x->g;
    if (g->n_excluded == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        uint64_t *v = realloc(g->excluded, cap * sizeof *v);
        if (!v)
            return (*nomem = 1, "out of memory");
        g->excluded = v;
        x->cap = cap;
    }
    g->excluded[g->n_excluded++] = h;
    return NULL;
}

idner_status
gaz_load_excludes(gaz *g, const char *const *paths, size_t n, idner_error *err)
{
    excl_ctx x = {g, g->n_excluded, {0}};
    idner_status st = IDNER_OK;
    for (size_t i = 0; i < n && st == IDNER_OK; i++)
        st = tsv_read(paths[i], add_exclude, &x, IDNER_ERR_IO, err);
    tok_list_free(&x.tl);
    if (g->excluded)
        qsort(g->excluded, g->n_excluded, sizeof *g->excluded, cmp_u64);
    return st;
}

void
gaz_close(gaz *g)
{
    gaz_table_close(&g->base);
    gaz_table_close(&g->user);
    free(g->excluded);
    g->excluded = NULL;
    g->n_excluded = 0;
}

static int
is_excluded(const gaz *g, uint64_t h)
{
    return g->n_excluded && bsearch(&h, g->excluded, g->n_excluded, sizeof h, cmp_u64) != NULL;
}

int
gaz_excluded_span(const gaz *g, const tok_list *tl, size_t a, size_t b, uint32_t byte_end)
{
    if (!g->n_excluded)
        return 0;
    uint64_t h = GAZ_HASH_SEED;
    for (size_t i = a; i < b; i++) {
        const tok *t = &tl->v[i];
        uint64_t th = t->hash;
        if (i + 1 == b && byte_end < t->byte_end && t->stem_len)
            th = tok_hash(tok_key(tl, t), t->stem_len);
        h = gaz_hash_step(h, th);
    }
    return is_excluded(g, h);
}

int
gaz_excluded(const gaz *g, const tok_list *tl, size_t a, size_t b)
{
    return a < b && gaz_excluded_span(g, tl, a, b, tl->v[b - 1].byte_end);
}

/* Do tokens [i, i + e->ntok) hold the stored key? (Guards against 64-bit hash collisions.)
 * STEM_LAST: the last token is compared by its stem. */
static int
key_matches(const gaz_table *t, const gaz_entry *e, const tok_list *tl, size_t i, int stem_last)
{
    const char *k = t->pool + e->key;
    for (size_t j = 0; j < e->ntok; j++) {
        const tok *tk = &tl->v[i + j];
        size_t n = (stem_last && j + 1 == e->ntok) ? tk->stem_len : tk->key_len;
        if (j && *k++ != ' ')
            return 0;
        if (strncmp(k, tok_key(tl, tk), n) != 0)
            return 0;
        k += n;
    }
    return *k == '\0';
}

/* The text of tokens [i, i + ntok) equals the surface, ignoring white space. */
static int
exact_as_written(const char *text, const tok_list *tl, size_t i, size_t ntok, const char *s)
{
    for (size_t j = 0; j < ntok; j++) {
        const tok *tk = &tl->v[i + j];
        while (*s == ' ')
            s++;
        size_t n = tk->byte_end - tk->byte_start;
        if (strncmp(s, text + tk->byte_start, n) != 0)
            return 0;
        s += n;
    }
    return *s == '\0';
}

/* Is token I alone in brackets, glued: "[Antara]", "(Antara)" (a news agency's credit)? */
static int
bracketed(const tok_list *tl, size_t i)
{
    if (i == 0 || i + 1 >= tl->n)
        return 0;
    const tok *o = &tl->v[i - 1], *c = &tl->v[i + 1];
    if (o->kind != TOK_PUNCT || c->kind != TOK_PUNCT || (tl->v[i].flags & TOK_F_SPACE_BEFORE) ||
        (c->flags & TOK_F_SPACE_BEFORE))
        return 0;
    char ok = tok_key(tl, o)[0], ck = tok_key(tl, c)[0];
    return (ok == '[' && ck == ']') || (ok == '(' && ck == ')');
}

static int
case_ok(const gaz_table *t, const gaz_entry *e, const char *text, const tok_list *tl, size_t i,
        int stem_last)
{
    if (e->flags & GAZ_ACRONYM)
        return !stem_last && exact_as_written(text, tl, i, e->ntok, t->pool + e->surface);
    const tok *first = &tl->v[i];
    if ((e->flags & GAZ_COMMON) && e->ntok == 1 &&
        ((first->flags & TOK_F_SENT_START) || !(first->flags & TOK_F_CAP)) &&
        !(bracketed(tl, i) && (first->flags & TOK_F_CAP)))
        return 0;
    if (e->flags & GAZ_CI)
        return 1;
    for (size_t j = 0; j < e->ntok; j++)
        if ((e->upper_mask >> j & 1) && !(tl->v[i + j].flags & TOK_F_CAP))
            return 0;
    return 1;
}

/* Are the entry's offsets and fields in range? (A corrupt entry is skipped, never read.) */
static int
entry_ok(const gaz_table *t, const gaz_entry *e)
{
    uint32_t n = t->hdr->pool_size;
    return e->key < n && e->surface < n && e->canonical < n && e->id < n && e->subtype < n &&
           e->iso < n && e->source < n && e->type >= IDNER_PER && e->type <= IDNER_LOC &&
           e->ntok > 0 && e->ntok <= GAZ_MAX_TOKENS;
}

/* Pushes one candidate per type for the acceptable entries of slot S at tokens [i, i + n).
 * Returns the number pushed, or -1 when memory runs out. */
static int
push_slot(const gaz_table *t, const gaz_slot *s, const char *text, const tok_list *tl, size_t i,
          size_t n, int stem_last, cand_list *out)
{
    uint32_t seen = 0;
    int pushed = 0;
    for (uint32_t k = s->first; k < s->first + s->count; k++) {
        const gaz_entry *e = &t->entries[k];
        if (!entry_ok(t, e) || seen & (1u << e->type) || e->ntok != n)
            continue;
        if (!key_matches(t, e, tl, i, stem_last) || !case_ok(t, e, text, tl, i, stem_last))
            continue;
        seen |= 1u << e->type;
        cand *c = cand_push(out);
        if (!c)
            return -1;
        const tok *last = &tl->v[i + n - 1];
        c->byte_start = tl->v[i].byte_start;
        c->byte_end = stem_last ? last->byte_end - 3 : last->byte_end;
        c->tok_start = (uint32_t)i;
        c->tok_end = (uint32_t)(i + n);
        c->type = e->type;
        c->source = e->rank == GAZ_RANK_USER ? SRC_USER : SRC_GAZETTEER;
        c->prio = e->rank;
        c->canonical = t->pool + e->canonical;
        c->canonical_len = (uint32_t)strlen(c->canonical);
        c->id = e->id ? t->pool + e->id : NULL;
        c->subtype = e->subtype ? t->pool + e->subtype : NULL;
        c->iso = e->iso ? t->pool + e->iso : NULL;
        c->flags = (uint8_t)(((e->flags & GAZ_COMMON) ? CAND_GAZ_COMMON : 0) |
                             ((e->flags & GAZ_ACRONYM) ? CAND_GAZ_ACRONYM : 0) |
                             ((e->flags & GAZ_CI) ? CAND_GAZ_CI : 0));
        if (out->x) /* --explain */
            cand_note(out, c, (cand_why){.kind = WHY_LIST, .user = t->is_user, .entry = k});
        pushed++;
    }
    return pushed;
}

/* Tries the phrase of hash H at tokens [i, i + n): user entries override bundled ones. */
static int
try_phrase(const gaz *g, uint64_t h, const char *text, const tok_list *tl, size_t i, size_t n,
           int stem_last, cand_list *out, int *prefix)
{
    const gaz_slot *us = gaz_table_find(&g->user, h);
    const gaz_slot *bs = gaz_table_find(&g->base, h);
    if (prefix)
        *prefix = (us && (us->flags & GAZ_SLOT_PREFIX)) || (bs && (bs->flags & GAZ_SLOT_PREFIX));
    if ((!us || !us->count) && (!bs || !bs->count))
        return 0;
    if (is_excluded(g, h)) {
        if (out->x) { /* --explain: note the candidates the exclusion removes */
            size_t mark = out->n;
            int got = us && us->count ? push_slot(&g->user, us, text, tl, i, n, stem_last, out)
                                      : push_slot(&g->base, bs, text, tl, i, n, stem_last, out);
            for (size_t k = mark; k < out->n; k++)
                cand_lose(out, &out->v[k], LOST_EXCLUDED, NULL);
            out->n = mark;
            if (got < 0)
                return -1;
        }
        return 0;
    }
    if (us && us->count)
        return push_slot(&g->user, us, text, tl, i, n, stem_last, out);
    return push_slot(&g->base, bs, text, tl, i, n, stem_last, out);
}

/* Can a token of hash H (capitalized or not) start a phrase of a table? The first-token
 * filters of the tables present are copied out of the tables once per run, so the test every
 * token takes reads no table header. */
typedef struct first_filter {
    const uint8_t *any, *cap;
    uint32_t shift, any_mask, cap_mask;
} first_filter;

static inline int
filters_pass(const first_filter *f, int nf, uint64_t h, int cap)
{
    for (int k = 0; k < nf; k++) {
        uint32_t w = (uint32_t)(h >> f[k].shift), bit = w & 7; /* gaz_first_bucket */
        uint32_t a = w & f[k].any_mask;
        if (f[k].any[a >> 3] >> bit & 1)
            return 1;
        if (cap) {
            uint32_t b = w & f[k].cap_mask;
            if (f[k].cap[b >> 3] >> bit & 1)
                return 1;
        }
    }
    return 0;
}

static int
is_nya(const tok_list *tl, const tok *t)
{
    return (t->flags & TOK_F_CLITIC) && !memcmp(tok_key(tl, t) + t->stem_len, "nya", 3);
}

/* The first token from I on that may start a phrase (TL->n: none): the test every token takes,
 * in a loop of its own that keeps the filters in registers. */
static size_t
next_start(const first_filter *ff, int nf, const tok_list *tl, size_t i)
{
    for (; i < tl->n; i++) {
        const tok *first = &tl->v[i];
        if (first->kind == TOK_PUNCT || first->kind == TOK_SYMBOL)
            continue;
        int cap = (first->flags & TOK_F_CAP) != 0;
        if (filters_pass(ff, nf, first->hash, cap) ||
            (is_nya(tl, first) &&
             filters_pass(ff, nf, tok_hash(tok_key(tl, first), first->stem_len), cap)))
            return i;
    }
    return tl->n;
}

/* next_start for one table (no --gazetteer lists: the common case), its filter in locals. */
static size_t
next_start1(const first_filter *f, const tok_list *tl, size_t i)
{
    const uint8_t *any = f->any, *capf = f->cap;
    const uint32_t shift = f->shift, any_mask = f->any_mask, cap_mask = f->cap_mask;
    const tok *v = tl->v;
    const size_t n = tl->n;
    for (; i < n; i++) {
        const tok *first = &v[i];
        if (first->kind == TOK_PUNCT || first->kind == TOK_SYMBOL)
            continue;
        uint32_t w = (uint32_t)(first->hash >> shift), bit = w & 7; /* gaz_first_bucket */
        if (any[(w & any_mask) >> 3] >> bit & 1)
            return i;
        int cap = (first->flags & TOK_F_CAP) != 0;
        if (cap && (capf[(w & cap_mask) >> 3] >> bit & 1))
            return i;
        if (is_nya(tl, first) &&
            filters_pass(f, 1, tok_hash(tok_key(tl, first), first->stem_len), cap))
            return i;
    }
    return n;
}

/* Asks the cache for what the lookup of the one-token phrase at token I reads first in table T:
 * its word of the phrase filter and its slot. */
static inline void
prefetch_phrase(const gaz_table *t, uint64_t h)
{
    if (!t->hdr)
        return;
    if (t->phrase) {
        uint32_t word;
        gaz_phrase_bits(h, t->phrase_log2, &word);
        __builtin_prefetch(&t->phrase[word]);
    }
    __builtin_prefetch(&t->slots[h & t->mask]);
}

/* gaz_run takes its starts from a ring that next_start fills GAZ_AHEAD starts ahead, each
 * start's first lookup asked of the cache as it enters: the tables are far larger than the
 * caches, and a start's lookups would otherwise wait for memory one after another. The starts
 * depend on the tokens and filters only, so they are those of a walk without the ring. */
#define GAZ_AHEAD 4

idner_status
gaz_run(const gaz *g, const char *text, const tok_list *tl, cand_list *out)
{
    if (!g->base.hdr && !g->user.hdr)
        return IDNER_OK;
    first_filter ff[2];
    int nf = 0;
    if (g->base.hdr)
        ff[nf++] = (first_filter){g->base.first_any, g->base.first, g->base.first_shift,
                                  g->base.any_mask, g->base.first_mask};
    if (g->user.hdr)
        ff[nf++] = (first_filter){g->user.first_any, g->user.first, g->user.first_shift,
                                  g->user.any_mask, g->user.first_mask};
#define NEXT_START(from) (nf == 1 ? next_start1(ff, tl, (from)) : next_start(ff, nf, tl, (from)))
    size_t ring[GAZ_AHEAD], head = 0, count = 0, scan = NEXT_START(0);
    for (;;) {
        while (count < GAZ_AHEAD && scan < tl->n) { /* the ring filled, its new starts fetched */
            const uint64_t h1 = gaz_hash_step(GAZ_HASH_SEED, tl->v[scan].hash);
            prefetch_phrase(&g->base, h1);
            prefetch_phrase(&g->user, h1);
            ring[(head + count++) % GAZ_AHEAD] = scan;
            scan = NEXT_START(scan + 1);
        }
        if (!count)
            break;
        const size_t i = ring[head];
        head = (head + 1) % GAZ_AHEAD;
        count--;
        /* Longest phrase first: remember the candidates of each acceptable length, keep the
         * longest. */
        size_t best_mark = out->n;
        uint64_t h = GAZ_HASH_SEED;
        for (size_t j = i; j < tl->n && j - i < GAZ_MAX_TOKENS; j++) {
            const tok *t = &tl->v[j];
            uint64_t prev = h;
            h = gaz_hash_step(h, t->hash);
            int prefix = 0;
            size_t mark = out->n;
            int got = try_phrase(g, h, text, tl, i, j - i + 1, 0, out, &prefix);
            if (got < 0)
                return IDNER_ERR_NOMEM;
            if (got == 0 && is_nya(tl, t)) {
                uint64_t hs = gaz_hash_step(prev, tok_hash(tok_key(tl, t), t->stem_len));
                got = try_phrase(g, hs, text, tl, i, j - i + 1, 1, out, NULL);
                if (got < 0)
                    return IDNER_ERR_NOMEM;
            }
            if (got > 0) {
                /* a longer phrase replaces the shorter ones found at this start */
                if (mark > best_mark) {
                    memmove(&out->v[best_mark], &out->v[mark], (size_t)got * sizeof(cand));
                    out->n = best_mark + (size_t)got;
                }
            }
            if (!prefix)
                break;
        }
    }
#undef NEXT_START
    return IDNER_OK;
}

int
gaz_phrase_crosses(const gaz *g, const tok_list *tl, size_t c)
{
    if (!g->base.hdr && !g->user.hdr)
        return 0;
    /* gaz_run's walk from each start that can reach token C, with its prefix test only (its
     * first-token filters not asked: a start they would skip is taken as crossing) */
    for (size_t i = c >= GAZ_MAX_TOKENS - 1 ? c - (GAZ_MAX_TOKENS - 1) : 0; i < c; i++) {
        if (tl->v[i].kind == TOK_PUNCT || tl->v[i].kind == TOK_SYMBOL)
            continue;
        uint64_t h = GAZ_HASH_SEED;
        for (size_t j = i; j < c; j++) {
            h = gaz_hash_step(h, tl->v[j].hash);
            const gaz_slot *us = gaz_table_find(&g->user, h);
            const gaz_slot *bs = gaz_table_find(&g->base, h);
            if (!((us && (us->flags & GAZ_SLOT_PREFIX)) || (bs && (bs->flags & GAZ_SLOT_PREFIX))))
                break;
            if (j + 1 == c)
                return 1;
        }
    }
    return 0;
}
