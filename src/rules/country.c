/*
 * country.c: countries only where they name a place (see country.h).
 */
#include <string.h>

#include "result/merge.h"
#include "rules/country.h"

static int
is_country(const cand *c)
{
    return c->type == IDNER_LOC && c->subtype && !strcmp(c->subtype, "country");
}

static int
is_punct(const tok_list *tl, size_t i, char ch)
{
    const tok *t = &tl->v[i];
    return t->kind == TOK_PUNCT && t->key_len == 1 && tok_key(tl, t)[0] == ch;
}

void
country_keep_places(const rules *r, const tok_list *tl, cand_list *cl)
{
    size_t place_end = SIZE_MAX; /* token after the last place kept, for lists */
    int dropped = 0;
    for (size_t i = 0; i < cl->n; i++) {
        cand *c = &cl->v[i];
        if (c->type != IDNER_LOC || (c->flags & CAND_DROPPED))
            continue;
        size_t s = c->tok_start;
        int keep = !is_country(c);
        if (!keep && s > 0 && tl->v[s - 1].sent == tl->v[s].sent) {
            /* after a place word, in a list of places, or in parentheses: "Chan (Australia)" */
            keep =
                (rules_classes_before(r, tl, s, 0, NULL) & (R_LOC_PREP | R_LOC_CONTEXT)) ||
                (rules_list_joint(r, tl, s - 1) && place_end == s - 1) ||
                (is_punct(tl, s - 1, '(') && c->tok_end < tl->n && is_punct(tl, c->tok_end, ')'));
        }
        if (keep) {
            place_end = c->tok_end;
        } else {
            c->flags |= CAND_DROPPED;
            dropped = 1;
        }
    }
    if (dropped)
        merge_select(cl);
}
