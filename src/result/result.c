/*
 * result.c: the caller-owned result (see idner.h for ownership): one allocation for the
 * entities and one for all their strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "result/result.h"

static const char *
source_name(uint8_t src)
{
    switch (src) {
    case SRC_GAZETTEER:
        return "gazetteer";
    case SRC_DATE:
        return "date";
    case SRC_RULE:
        return "rule";
    case SRC_ALIAS:
        return "alias";
    case SRC_USER:
        return "user";
    case SRC_MODEL:
        return "model";
    default:
        return "unknown";
    }
}

static const char *
mod_name(uint8_t mod)
{
    switch (mod) {
    case MOD_START:
        return "START";
    case MOD_MID:
        return "MID";
    case MOD_END:
        return "END";
    case MOD_APPROX:
        return "APPROX";
    default:
        return NULL;
    }
}

static const char *
copy_str(char **p, const char *s, size_t n)
{
    char *d = *p;
    memcpy(d, s, n);
    d[n] = '\0';
    *p += n + 1;
    return d;
}

static int
wanted(const cand *c, uint32_t types)
{
    return !(c->flags & CAND_DROPPED) && (!types || (types & IDNER_TYPE_BIT(c->type)));
}

/* Code points before byte B of TEXT, counted on from the cursor CUR (byte, code point), which
 * moves to B: the entities come in text order, so the text is counted once. An offset before
 * the cursor is counted from the start again. */
typedef struct cp_cursor {
    uint32_t byte, cp;
} cp_cursor;

static uint32_t
cp_at(cp_cursor *cur, const char *text, uint32_t b)
{
    if (b < cur->byte)
        *cur = (cp_cursor){0, 0};
    uint32_t n = cur->cp + (uint32_t)text_cp_count(text + cur->byte, b - cur->byte);
    *cur = (cp_cursor){b, n};
    return n;
}

/* The names of a huge document's entities (canonical, id, subtype, iso: pointers into the
 * model or the text) are copied once for as long as they stay in this cache, keyed by pointer
 * and length, and shared by the entities that repeat them: a document that names one place
 * over and over does not keep a copy of its names per mention. Its hits depend on the keys
 * only, so the pool's size is counted with a cache run on the same keys beforehand. */
#define NAME_CACHE 256

typedef struct name_cache {
    struct {
        const char *src, *copy;
        size_t len;
    } v[NAME_CACHE];
} name_cache;

/* The copy of S[0, LEN) in NC, or NULL; a miss takes the slot for S, its copy COPY. */
static const char *
name_find(name_cache *nc, const char *s, size_t len, const char *copy)
{
    size_t k = (((uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15)) >> 56 ^ len) & (NAME_CACHE - 1);
    if (nc->v[k].src == s && nc->v[k].len == len)
        return nc->v[k].copy;
    nc->v[k].src = s;
    nc->v[k].len = len;
    nc->v[k].copy = copy;
    return NULL;
}

/* The pool bytes of name S[0, LEN) (none for NULL), NC (may be NULL) as name_copy will find
 * it. */
static size_t
name_bytes(name_cache *nc, const char *s, size_t len)
{
    if (!s)
        return 0;
    return nc && name_find(nc, s, len, s) ? 0 : len + 1;
}

/* A copy of name S[0, LEN) at *P (NULL for NULL), or the one NC (may be NULL) holds. */
static const char *
name_copy(name_cache *nc, char **p, const char *s, size_t len)
{
    if (!s)
        return NULL;
    const char *had = nc ? name_find(nc, s, len, *p) : NULL;
    return had ? had : copy_str(p, s, len);
}

/* The same for an optional name S, NUL-terminated: none for NULL and "". */
static size_t
opt_bytes(name_cache *nc, const char *s)
{
    return s && *s ? name_bytes(nc, s, strlen(s)) : 0;
}

static const char *
opt_copy(name_cache *nc, char **p, const char *s)
{
    return s && *s ? name_copy(nc, p, s, strlen(s)) : NULL;
}

/* The bytes of the result's pool that candidate C of CL takes: its text, value or names, each
 * NUL-terminated (what build copies, NC as there). */
static size_t
pool_bytes(const cand_list *cl, const cand *c, name_cache *nc)
{
    size_t bytes = c->byte_end - c->byte_start + 1;
    if (c->type == IDNER_DATE || c->type == IDNER_TIME)
        return bytes + ((c->flags & CAND_VALUE_NULL) ? 0 : strlen(cand_value(cl, c)) + 1);
    return bytes + name_bytes(nc, c->canonical, c->canonical ? c->canonical_len : 0) +
           opt_bytes(nc, c->id) + opt_bytes(nc, c->subtype) + opt_bytes(nc, c->iso);
}

/* The place of the next of the N entities of R (zeroed), its block made when it is the
 * block's first; NULL when memory runs out. */
static idner_entity *
next_entity(idner_result *r, size_t n)
{
    size_t b = r->n >> RESULT_BLOCK_BITS, at = r->n & (RESULT_BLOCK - 1);
    if (!at) {
        size_t len = n - r->n < RESULT_BLOCK ? n - r->n : RESULT_BLOCK;
        if (!(r->blocks[b] = calloc(len, sizeof **r->blocks)))
            return NULL;
    }
    r->n++;
    return &r->blocks[b][at];
}

/* result_build of the NL lists LISTS (X only with one list), freeing FREE_AFTER[i] (if not
 * NULL: the same lists) once list i is copied */
static idner_status
build(const char *text, const cand_list *lists, size_t nl, cand_list *free_after, uint32_t types,
      name_cache *nc, result_explain *x, idner_result **out)
{
    size_t n = 0, bytes = 0;
    if (nc)
        memset(nc, 0, sizeof *nc);
    for (size_t li = 0; li < nl; li++)
        for (size_t i = 0; i < lists[li].n; i++)
            if (wanted(&lists[li].v[i], types)) {
                n++;
                bytes += pool_bytes(&lists[li], &lists[li].v[i], nc);
            }
    idner_result *r = calloc(1, sizeof *r);
    if (!r) {
        if (x)
            free(x->text);
        return IDNER_ERR_NOMEM;
    }
    if (x) {
        r->explain = x->text;
        r->doc_explain = x->doc && x->text ? x->text + x->doc - 1 : NULL;
    }
    size_t nblocks = (n + RESULT_BLOCK - 1) >> RESULT_BLOCK_BITS;
    r->blocks = nblocks > 1 ? calloc(nblocks, sizeof *r->blocks) : &r->block0;
    r->pool = malloc(bytes ? bytes : 1);
    if (!r->blocks || !r->pool) {
        idner_result_free(r);
        return IDNER_ERR_NOMEM;
    }
    mem_huge(r->pool, bytes);
    if (nc)
        memset(nc, 0, sizeof *nc); /* the copies as counted */
    char *p = r->pool;
    cp_cursor cur = {0, 0};
    for (size_t li = 0; li < nl; li++) {
        const cand_list *cl = &lists[li];
        for (size_t i = 0; i < cl->n; i++) {
            const cand *c = &cl->v[i];
            if (!wanted(c, types))
                continue;
            idner_entity *e = next_entity(r, n);
            if (!e) {
                idner_result_free(r);
                return IDNER_ERR_NOMEM;
            }
            e->type = (idner_type)c->type;
            e->byte_start = c->byte_start;
            e->byte_end = c->byte_end;
            e->start = cp_at(&cur, text, c->byte_start);
            e->end = cp_at(&cur, text, c->byte_end);
            e->text = copy_str(&p, text + c->byte_start, c->byte_end - c->byte_start);
            e->source = source_name(c->source);
            e->explain = x && x->text && x->at[i] ? x->text + x->at[i] - 1 : NULL;
            if (c->type == IDNER_DATE || c->type == IDNER_TIME) {
                e->value = (c->flags & CAND_VALUE_NULL)
                               ? NULL
                               : copy_str(&p, cand_value(cl, c), strlen(cand_value(cl, c)));
                e->mod = mod_name(c->mod);
                e->weekday_conflict = (c->flags & CAND_WEEKDAY_CONFLICT) != 0;
                e->calendar = (c->flags & CAND_HIJRI) ? "hijri" : NULL;
            } else {
                e->canonical = name_copy(nc, &p, c->canonical, c->canonical ? c->canonical_len : 0);
                e->id = opt_copy(nc, &p, c->id);
                e->subtype = opt_copy(nc, &p, c->subtype);
                e->iso = opt_copy(nc, &p, c->iso);
            }
        }
        if (free_after)
            cand_list_free(&free_after[li]);
    }
    *out = r;
    return IDNER_OK;
}

idner_status
result_build(const char *text, const tok_list *tl, const cand_list *cl, uint32_t types,
             result_explain *x, idner_result **out)
{
    (void)tl;
    return build(text, cl, 1, NULL, types, NULL, x, out);
}

idner_status
result_build_lists(const char *text, cand_list *l, size_t n, uint32_t types, idner_result **out)
{
    name_cache nc;
    return build(text, l, n, l, types, &nc, NULL, out);
}

IDNER_API size_t
idner_result_count(const idner_result *r)
{
    return r ? r->n : 0;
}

IDNER_API const idner_entity *
idner_result_get(const idner_result *r, size_t i)
{
    return r && i < r->n ? &r->blocks[i >> RESULT_BLOCK_BITS][i & (RESULT_BLOCK - 1)] : NULL;
}

IDNER_API const char *
idner_result_explain(const idner_result *r)
{
    return r ? r->doc_explain : NULL;
}

IDNER_API void
idner_result_free(idner_result *r)
{
    if (!r)
        return;
    if (r->blocks) /* every block made so far: the ones after are NULL */
        for (size_t b = 0; b <= (r->n ? (r->n - 1) >> RESULT_BLOCK_BITS : 0); b++)
            free(r->blocks[b]);
    if (r->blocks != &r->block0)
        free(r->blocks);
    free(r->pool);
    free(r->explain);
    free(r);
}
