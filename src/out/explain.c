/*
 * out/explain.c: the `explain` objects (see explain.h). Built with json-c, only when asked
 * for: without --explain nothing here runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/text.h"
#include "out/explain.h"

typedef struct ctx {
    const gaz *g;
    const char *text;
    const tok_list *tl;
    const cand_list *cl;
    uint32_t *tok_cp; /* code-point offset of each token's first byte, counted once */
} ctx;

/* Fills X->tok_cp in one pass over the text (the tokens no longer carry code points); -1
 * without memory. */
static int
count_tok_cps(ctx *x)
{
    x->tok_cp = malloc((x->tl->n ? x->tl->n : 1) * sizeof *x->tok_cp);
    if (!x->tok_cp)
        return -1;
    uint32_t at = 0, cp = 0;
    for (size_t i = 0; i < x->tl->n; i++) {
        cp += (uint32_t)text_cp_count(x->text + at, x->tl->v[i].byte_start - at);
        at = x->tl->v[i].byte_start;
        x->tok_cp[i] = cp;
    }
    return 0;
}

/* Code-point offset of byte offset B (on a character boundary): from the last token starting
 * at or before it, so a long document costs a search and a few bytes per offset. */
static uint32_t
cp_at(const ctx *x, uint32_t b)
{
    size_t lo = 0, hi = x->tl->n;
    while (lo < hi) { /* first token with byte_start > b */
        size_t mid = (lo + hi) / 2;
        if (x->tl->v[mid].byte_start <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return (uint32_t)text_cp_count(x->text, b);
    uint32_t at = x->tl->v[lo - 1].byte_start;
    return x->tok_cp[lo - 1] + (uint32_t)text_cp_count(x->text + at, b - at);
}

static const char *
source_name(uint8_t src)
{
    static const char *const names[] = {"unknown", "gazetteer", "date", "rule",
                                        "alias",   "user",      "model"};
    return src < sizeof names / sizeof *names ? names[src] : "unknown";
}

/* The form of a DATE/TIME value, by the table of SPEC.md section 4.2. */
static const char *
date_form(const ctx *x, const cand *c)
{
    if (c->flags & CAND_VALUE_NULL)
        return "no value";
    const char *v = cand_value(x->cl, c);
    size_t n = strlen(v);
    if (strchr(v, '/'))
        return "range";
    if (v[0] == 'T')
        return "time";
    const char *t = strchr(v, 'T');
    if (t)
        return strlen(t) == 3 && t[1] >= 'A' ? "date and part of day" : "date and time";
    if (strstr(v, "-WE"))
        return "weekend";
    const char *w = strstr(v, "-W");
    if (w)
        return strlen(w) > 4 ? "weekday" : "week";
    if (n == 10)
        return strncmp(v, "XXXX", 4) ? "full date" : "day without year";
    if (n == 7 && v[5] == 'Q')
        return "quarter";
    if (n == 7 && v[5] == 'H')
        return "half year";
    if (n == 7 && v[5] >= 'A')
        return "season";
    if (n == 7)
        return "month";
    if (n == 4)
        return v[3] == 'X' ? "decade" : "year";
    if (n == 2)
        return "century";
    return "other";
}

static int
add(json_object *o, const char *key, json_object *v)
{
    if (!v)
        return -1;
    if (json_object_object_add(o, key, v)) {
        json_object_put(v);
        return -1;
    }
    return 0;
}

static int
add_str(json_object *o, const char *key, const char *s, size_t n)
{
    return add(o, key, json_object_new_string_len(s, (int)n));
}

static int
add_int(json_object *o, const char *key, int64_t v)
{
    return add(o, key, json_object_new_int64(v));
}

/* A model figure with three decimals, written as such. */
static int
add_num(json_object *o, const char *key, double v)
{
    char s[48];
    snprintf(s, sizeof s, "%.3f", v);
    if (!strcmp(s, "-0.000"))
        snprintf(s, sizeof s, "0.000");
    return add(o, key, json_object_new_double_s(v, s));
}

/* The span fields of a candidate over bytes [BS, BE): type, text, start, end, source. */
static int
add_span(const ctx *x, json_object *o, uint8_t type, uint8_t source, uint32_t bs, uint32_t be)
{
    const char *tn = idner_type_name((idner_type)type);
    return add(o, "type", json_object_new_string(tn ? tn : "UNKNOWN")) ||
           add_str(o, "text", x->text + bs, be - bs) || add_int(o, "start", cp_at(x, bs)) ||
           add_int(o, "end", cp_at(x, be)) ||
           add(o, "source", json_object_new_string(source_name(source)));
}

/* A gazetteer note: the entry as listed, its list's source, the list file and line. */
static int
add_list(const ctx *x, json_object *o, const cand_why *w)
{
    const gaz_table *t = w->user ? &x->g->user : &x->g->base;
    if (!t->hdr || w->entry >= t->hdr->n_entries)
        return 0;
    const gaz_entry *e = &t->entries[w->entry];
    uint32_t n = t->hdr->pool_size;
    if (t->origins && t->origins[w->entry].file < n) {
        if (add(o, "list", json_object_new_string(t->pool + t->origins[w->entry].file)) ||
            add_int(o, "line", t->origins[w->entry].line))
            return -1;
    }
    if (e->surface < n && add(o, "listed", json_object_new_string(t->pool + e->surface)))
        return -1;
    if (e->source < n && t->pool[e->source] &&
        add(o, "list_source", json_object_new_string(t->pool + e->source)))
        return -1;
    return 0;
}

/* A rule note: its name and its trigger phrase (null when the rule has none, or when the
 * trigger lay in an earlier run). */
static int
add_rule(const ctx *x, json_object *o, const cand_why *w)
{
    if (add(o, "rule", json_object_new_string(w->rule ? w->rule : "unknown")))
        return -1;
    if (w->trig_b <= w->trig_a || w->trig_b > x->tl->n)
        return json_object_object_add(o, "trigger", NULL) ? -1 : 0;
    uint32_t bs = x->tl->v[w->trig_a].byte_start, be = x->tl->v[w->trig_b - 1].byte_end;
    return add_str(o, "trigger", x->text + bs, be - bs) ||
           add_int(o, "trigger_start", cp_at(x, bs)) || add_int(o, "trigger_end", cp_at(x, be));
}

/* What found C: {"stage", then the notes of its stages in the order they were made}. */
static json_object *
found_object(const ctx *x, const cand *c)
{
    json_object *o = json_object_new_object();
    if (!o || add(o, "stage", json_object_new_string(source_name(c->source))))
        goto fail;
    if ((c->type == IDNER_DATE || c->type == IDNER_TIME) &&
        add(o, "form", json_object_new_string(date_form(x, c))))
        goto fail;
    if (c->source == SRC_ALIAS && c->canonical &&
        add_str(o, "repeats", c->canonical, c->canonical_len))
        goto fail;
    int list = 0, rule = 0, model = 0;
    const cand_explain *e = x->cl->x;
    const cand_why *chain[16];
    size_t n = 0;
    for (uint32_t k = c->why; k && k <= e->nwhy && n < 16; k = e->why[k - 1].prev) {
        chain[n++] = &e->why[k - 1];
        if (e->why[k - 1].prev >= k)
            break; /* notes only point back */
    }
    while (n--) {
        const cand_why *w = chain[n];
        if (w->kind == WHY_LIST && !list++) {
            if (add_list(x, o, w))
                goto fail;
        } else if (w->kind == WHY_RULE && !rule++) {
            if (add_rule(x, o, w))
                goto fail;
        } else if (w->kind == WHY_MODEL && !model++) {
            if (add_num(o, "model_score", w->score) || add_num(o, "model_margin", w->margin))
                goto fail;
        }
    }
    return o;
fail:
    json_object_put(o);
    return NULL;
}

static const char *
reason_name(const cand_lost *l)
{
    switch (l->reason) {
    case LOST_OVERLAP:
        return "overlap";
    case LOST_PRIORITY:
        return "lower priority";
    case LOST_EXCLUDED:
        return "excluded";
    default:
        break;
    }
    switch (l->stage) {
    case STAGE_RULES:
        return "rejected by the rules";
    case STAGE_MODEL:
        return "not chosen by the model";
    case STAGE_ALIAS:
        return "joined to its name";
    case STAGE_COUNTRY:
        return "a country not named as a place";
    default:
        return "dropped";
    }
}

static json_object *
lost_object(const ctx *x, const cand_lost *l)
{
    json_object *o = json_object_new_object();
    if (!o || add_span(x, o, l->c.type, l->c.source, l->c.byte_start, l->c.byte_end) ||
        add(o, "reason", json_object_new_string(reason_name(l))) ||
        add(o, "found", found_object(x, &l->c)))
        goto fail;
    if (l->by_type) {
        json_object *by = json_object_new_object();
        if (add(o, "by", by) || add_span(x, by, l->by_type, l->by_source, l->by_start, l->by_end))
            goto fail;
    }
    return o;
fail:
    json_object_put(o);
    return NULL;
}

static int
kept(const cand *c, uint32_t types)
{
    return !(c->flags & CAND_DROPPED) && (!types || (types & IDNER_TYPE_BIT(c->type)));
}

static int
same(const cand *a, const cand *b)
{
    return a->byte_start == b->byte_start && a->byte_end == b->byte_end && a->type == b->type &&
           a->source == b->source && a->why == b->why;
}

/* By span, type, source and note; the same candidate lost twice: the later first. */
static int
cmp_lost(const void *pa, const void *pb)
{
    const cand_lost *la = *(const cand_lost *const *)pa, *lb = *(const cand_lost *const *)pb;
    const cand *a = &la->c, *b = &lb->c;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    if (a->byte_end != b->byte_end)
        return a->byte_end < b->byte_end ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    if (a->why != b->why)
        return a->why < b->why ? -1 : 1;
    return la > lb ? -1 : la < lb; /* one array: the address is the order noted */
}

/* Appends O's compact text and a NUL to OUT; returns 1 + its offset, or 0 on failure. */
static size_t
put_text(buf *out, json_object *o)
{
    size_t len = 0;
    const char *s = json_object_to_json_string_length(
        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    size_t at = out->n;
    if (!s || buf_append(out, s, len) || buf_append(out, "", 1))
        return 0;
    return at + 1;
}

int
explain_build(const gaz *g, const char *text, const tok_list *tl, const cand_list *cl,
              uint32_t types, explain_texts *out)
{
    const cand_explain *e = cl->x;
    ctx x = {g, text, tl, cl, NULL};
    int st = -1;
    size_t nk = 0, nl = 0, *keep = NULL;
    const cand_lost **lost = NULL;
    json_object **arr = NULL, *doc = NULL;
    memset(out, 0, sizeof *out);
    out->at = calloc(cl->n ? cl->n : 1, sizeof *out->at);
    keep = malloc((cl->n ? cl->n : 1) * sizeof *keep);
    lost = malloc((e && e->nlost ? e->nlost : 1) * sizeof *lost);
    arr = calloc(cl->n ? cl->n : 1, sizeof *arr);
    doc = json_object_new_array();
    if (!e || !out->at || !keep || !lost || !arr || !doc || count_tok_cps(&x))
        goto done;
    for (size_t i = 0; i < cl->n; i++)
        if (kept(&cl->v[i], types))
            keep[nk++] = i;
    /* the lost of the types asked for, once each, not the entities themselves */
    for (size_t i = 0; i < e->nlost; i++)
        if (!types || (types & IDNER_TYPE_BIT(e->lost[i].c.type)))
            lost[nl++] = &e->lost[i];
    if (nl > 1)
        qsort(lost, nl, sizeof *lost, cmp_lost);
    size_t w = 0;
    for (size_t i = 0; i < nl; i++) {
        const cand *c = &lost[i]->c;
        if (w && same(&lost[w - 1]->c, c))
            continue;
        /* the first entity ending after its start; those starting before its end overlap it */
        size_t lo = 0, hi = nk;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cl->v[keep[mid]].byte_end > c->byte_start)
                hi = mid;
            else
                lo = mid + 1;
        }
        int winner = 0;
        for (size_t k = lo; k < nk && cl->v[keep[k]].byte_start < c->byte_end; k++)
            winner |= same(&cl->v[keep[k]], c);
        if (!winner)
            lost[w++] = lost[i];
    }
    nl = w;
    for (size_t i = 0; i < nl; i++) {
        const cand_lost *l = lost[i];
        json_object *lo_ = lost_object(&x, l);
        if (!lo_)
            goto done;
        size_t lo = 0, hi = nk;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cl->v[keep[mid]].byte_end > l->c.byte_start)
                hi = mid;
            else
                lo = mid + 1;
        }
        int placed = 0;
        for (size_t k = lo; k < nk && cl->v[keep[k]].byte_start < l->c.byte_end; k++) {
            if (!arr[k] && !(arr[k] = json_object_new_array()))
                goto put_fail;
            if (json_object_array_add(arr[k], json_object_get(lo_)))
                goto put_fail;
            placed = 1;
        }
        if (!placed && json_object_array_add(doc, json_object_get(lo_)))
            goto put_fail;
        json_object_put(lo_);
        continue;
    put_fail:
        json_object_put(lo_);
        goto done;
    }
    for (size_t k = 0; k < nk; k++) {
        json_object *o = json_object_new_object();
        if (!o || add(o, "found", found_object(&x, &cl->v[keep[k]])) ||
            add(o, "lost", arr[k] ? arr[k] : json_object_new_array())) {
            json_object_put(o);
            goto done;
        }
        arr[k] = NULL; /* now O's */
        out->at[keep[k]] = put_text(&out->text, o);
        json_object_put(o);
        if (!out->at[keep[k]])
            goto done;
    }
    json_object *d = json_object_new_object();
    if (!d || add(d, "lost", doc)) {
        json_object_put(d);
        doc = NULL;
        goto done;
    }
    doc = NULL;
    out->doc = put_text(&out->text, d);
    json_object_put(d);
    st = out->doc ? 0 : -1;
done:
    for (size_t k = 0; arr && k < nk; k++)
        json_object_put(arr[k]);
    free(arr);
    json_object_put(doc);
    free(keep);
    free(lost);
    free(x.tok_cp);
    if (st)
        explain_texts_free(out);
    return st;
}

void
explain_texts_free(explain_texts *x)
{
    buf_free(&x->text);
    free(x->at);
    memset(x, 0, sizeof *x);
}
