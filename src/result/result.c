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

static size_t
opt_len(const char *s)
{
    return s && *s ? strlen(s) + 1 : 0;
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

static const char *
copy_opt(char **p, const char *s)
{
    return s && *s ? copy_str(p, s, strlen(s)) : NULL;
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

/* The bytes of the result's pool that candidate C of CL takes: its text, value or names, each
 * NUL-terminated (what build copies). */
static size_t
pool_bytes(const cand_list *cl, const cand *c)
{
    size_t bytes = c->byte_end - c->byte_start + 1;
    if (c->type == IDNER_DATE || c->type == IDNER_TIME)
        return bytes + ((c->flags & CAND_VALUE_NULL) ? 0 : strlen(cand_value(cl, c)) + 1);
    return bytes + (c->canonical ? c->canonical_len + 1 : 0) + opt_len(c->id) +
           opt_len(c->subtype) + opt_len(c->iso);
}

/* result_build of the NL lists LISTS (X only with one list), freeing FREE_AFTER[i] (if not
 * NULL: the same lists) once list i is copied */
static idner_status
build(const char *text, const cand_list *lists, size_t nl, cand_list *free_after, uint32_t types,
      result_explain *x, idner_result **out)
{
    size_t n = 0, bytes = 0;
    for (size_t li = 0; li < nl; li++)
        for (size_t i = 0; i < lists[li].n; i++)
            if (wanted(&lists[li].v[i], types)) {
                n++;
                bytes += pool_bytes(&lists[li], &lists[li].v[i]);
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
    r->v = calloc(n ? n : 1, sizeof *r->v);
    r->pool = malloc(bytes ? bytes : 1);
    if (!r->v || !r->pool) {
        idner_result_free(r);
        return IDNER_ERR_NOMEM;
    }
    mem_huge(r->v, (n ? n : 1) * sizeof *r->v);
    mem_huge(r->pool, bytes);
    char *p = r->pool;
    cp_cursor cur = {0, 0};
    for (size_t li = 0; li < nl; li++) {
        const cand_list *cl = &lists[li];
        for (size_t i = 0; i < cl->n; i++) {
            const cand *c = &cl->v[i];
            if (!wanted(c, types))
                continue;
            idner_entity *e = &r->v[r->n++];
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
                e->canonical = c->canonical ? copy_str(&p, c->canonical, c->canonical_len) : NULL;
                e->id = copy_opt(&p, c->id);
                e->subtype = copy_opt(&p, c->subtype);
                e->iso = copy_opt(&p, c->iso);
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
    return build(text, cl, 1, NULL, types, x, out);
}

idner_status
result_build_lists(const char *text, cand_list *l, size_t n, uint32_t types, idner_result **out)
{
    return build(text, l, n, l, types, NULL, out);
}

IDNER_API size_t
idner_result_count(const idner_result *r)
{
    return r ? r->n : 0;
}

IDNER_API const idner_entity *
idner_result_get(const idner_result *r, size_t i)
{
    return r && i < r->n ? &r->v[i] : NULL;
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
    free(r->v);
    free(r->pool);
    free(r->explain);
    free(r);
}
