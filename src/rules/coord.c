/*
 * coord.c: names in a list share their type (see coord.h).
 */
#include <stdlib.h>
#include <string.h>

#include "result/merge.h"
#include "rules/coord.h"

#define ITEM_MAX_TOKENS 4

enum joint { J_NONE = 0, J_COMMA, J_WORD };

/* Token I as a joint of a list of names: a comma, or a joining word ("dan", "serta"). */
static enum joint
joint_at(const rules *r, const tok_list *tl, size_t i)
{
    char j = rules_list_joint(r, tl, i);
    return j == ',' ? J_COMMA : j == 'w' ? J_WORD : J_NONE;
}

static int
same_sent(const tok_list *tl, size_t a, size_t b)
{
    return tl->v[a].sent == tl->v[b].sent;
}

/* The capitalization an item's words have: a person's list takes capitalized words, an
 * organization's or a place's acronyms too ("PKB, PAN dan PPP"). */
#define PERSON_CAPS TOK_F_CAP
#define ORG_CAPS    (TOK_F_CAP | TOK_F_ALLCAPS)

/* Can token I, which no entity covers, be part of a name in a list whose items have CAPS? A
 * word so capitalized (in capitals only for ORG_CAPS) that is not an ordinary word, a title,
 * a head word or page furniture. */
static int
item_word(const rules *r, const tok_list *tl, const uint8_t *covered, size_t i, unsigned caps)
{
    const tok *t = &tl->v[i];
    size_t len;
    return !covered[i] && t->kind == TOK_WORD && (t->flags & caps) &&
           ((caps & TOK_F_ALLCAPS) || !(t->flags & TOK_F_ALLCAPS)) && !rules_is_lower_word(r, t) &&
           !rules_trigger(r, tl, i, &len);
}

/* The end of the item of CAPS words that starts at token A, or 0: nothing there, or a longer
 * run than a name. */
static size_t
item_end(const rules *r, const tok_list *tl, const uint8_t *covered, size_t a, unsigned caps)
{
    size_t b = a;
    while (b < tl->n && b - a < ITEM_MAX_TOKENS && same_sent(tl, a, b) &&
           item_word(r, tl, covered, b, caps))
        b++;
    if (b == a ||
        (b < tl->n && tl->v[b].kind == TOK_WORD && (tl->v[b].flags & caps) && same_sent(tl, a, b)))
        return 0;
    return b;
}

static idner_status
push_item(cand_list *cl, const char *text, const tok_list *tl, size_t a, size_t b, uint8_t *covered,
          idner_type type)
{
    cand *k = cand_push_span(cl, tl, a, b, type, SRC_RULE, 1);
    if (!k)
        return IDNER_ERR_NOMEM;
    k->canonical = text + k->byte_start;
    k->canonical_len = k->byte_end - k->byte_start;
    if (cl->x) /* --explain */
        cand_note(cl, k,
                  (cand_why){.kind = WHY_RULE,
                             .rule = type == IDNER_PER   ? "person_list"
                                     : type == IDNER_ORG ? "org_list"
                                                         : "place_list"});
    memset(covered + a, 1, b - a);
    return IDNER_OK;
}

/* The item after the joint at J (a person's list goes on): its end, or 0. A comma item must be
 * followed by another joint ("A, B, dan C"); after "dan" the list may end. */
static size_t
item_after(const rules *r, const tok_list *tl, const uint8_t *covered, size_t j)
{
    size_t b = item_end(r, tl, covered, j + 1, PERSON_CAPS);
    if (!b)
        return 0;
    if (joint_at(r, tl, j) == J_COMMA && (b >= tl->n || !joint_at(r, tl, b)))
        return 0;
    return b;
}

/* The item that ends right before the joint at J (a list leading to a person): its start,
 * or SIZE_MAX. */
static size_t
item_before(const rules *r, const tok_list *tl, const uint8_t *covered, size_t j)
{
    if (j == 0 || joint_at(r, tl, j) != J_WORD)
        return SIZE_MAX; /* "Budi, Ketua ...": a comma before a person is an apposition */
    size_t b = j, a = j;
    while (a > 0 && b - a < ITEM_MAX_TOKENS && same_sent(tl, a - 1, j) &&
           item_word(r, tl, covered, a - 1, PERSON_CAPS))
        a--;
    if (a == b || (a > 0 && tl->v[a - 1].kind == TOK_WORD && (tl->v[a - 1].flags & TOK_F_CAP) &&
                   same_sent(tl, a - 1, j)))
        return SIZE_MAX;
    return a;
}

/* Where the titles right before token S begin ("Gubernur" of "Gubernur Darmaji"), or S. */
static size_t
title_start(const rules *r, const tok_list *tl, size_t s)
{
    size_t len;
    while ((rules_classes_before(r, tl, s, R_TITLE, &len) & R_TITLE) && len)
        s -= len;
    return s;
}

#define LIST_MAX 16 /* the items of a list looked at after its first */

/* The first candidate of CL's first NC (sorted by start) that starts at token A and is not
 * dropped, or NC. */
static size_t
first_at(const cand_list *cl, size_t nc, size_t a)
{
    size_t lo = 0, hi = nc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cl->v[mid].tok_start < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo < nc && cl->v[lo].tok_start == a && (cl->v[lo].flags & CAND_DROPPED))
        lo++;
    return lo < nc && cl->v[lo].tok_start == a ? lo : nc;
}

/* The list that goes on after the organization or place C: "Persija, Arema dan Persikota". Its
 * unlabeled items, up to the one after the last joining word, are of C's type when the list
 * ends with such a word ("dan", "atau", "serta") and each comma item is followed by a joint:
 * a name after a comma alone is an apposition ("Ketua KPK, Agus Rahardjo, mengatakan"). */
static idner_status
org_list(const rules *r, const char *text, const tok_list *tl, cand_list *cl, size_t nc,
         const cand *c, uint8_t *covered)
{
    size_t items[LIST_MAX][2], n_items = 0, j = c->tok_end, n = tl->n;
    int ended = 0; /* an item after a joining word closed the list */
    enum joint jt;
    for (size_t step = 0;
         step < LIST_MAX && j < n && same_sent(tl, c->tok_start, j) && (jt = joint_at(r, tl, j));
         step++) {
        if (jt == J_COMMA && j + 1 < n && joint_at(r, tl, j + 1) == J_WORD)
            j++, jt = J_WORD; /* ", dan" */
        const int word = jt == J_WORD;
        size_t a = j + 1, b = item_end(r, tl, covered, a, ORG_CAPS);
        if (b) {
            items[n_items][0] = a, items[n_items][1] = b;
            n_items++;
        } else if (a < n && covered[a] && same_sent(tl, a, j)) {
            /* a labeled name is an item too: the list goes on after it */
            size_t k = first_at(cl, nc, a);
            if (k == nc || cl->v[k].type != c->type)
                return IDNER_OK;
            b = cl->v[k].tok_end;
        } else {
            return IDNER_OK;
        }
        j = b;
        if (word) {
            ended = 1;
            break;
        }
    }
    if (!ended)
        return IDNER_OK;
    idner_status st = IDNER_OK;
    for (size_t k = 0; k < n_items && st == IDNER_OK; k++)
        st = push_item(cl, text, tl, items[k][0], items[k][1], covered, (idner_type)c->type);
    return st;
}

idner_status
coord_run(const rules *r, const char *text, const tok_list *tl, cand_list *cl)
{
    size_t n = tl->n, nc = cl->n;
    if (n == 0 || nc == 0)
        return IDNER_OK;
    uint8_t *covered = calloc(n, 1);
    if (!covered)
        return IDNER_ERR_NOMEM;
    for (size_t i = 0; i < nc; i++)
        memset(covered + cl->v[i].tok_start, 1, cl->v[i].tok_end - cl->v[i].tok_start);
    idner_status st = IDNER_OK;
    for (size_t i = 0; i < nc && st == IDNER_OK; i++) {
        const cand c = cl->v[i]; /* a copy: pushing may move the array */
        if (c.source == SRC_RULE && c.prio < 2)
            continue; /* not from a weak guess (a list item itself) */
        if ((c.type == IDNER_ORG || c.type == IDNER_LOC) && !(c.flags & CAND_DROPPED)) {
            st = org_list(r, text, tl, cl, nc, &c, covered);
            continue;
        }
        if (c.type != IDNER_PER)
            continue;
        /* rightwards: "A, B, dan C" */
        size_t j = c.tok_end, e;
        while (st == IDNER_OK && j < n && same_sent(tl, c.tok_start, j) && joint_at(r, tl, j)) {
            if (joint_at(r, tl, j) == J_COMMA && j + 1 < n && joint_at(r, tl, j + 1) == J_WORD)
                j++; /* ", dan" */
            if ((e = item_after(r, tl, covered, j)) == 0)
                break;
            st = push_item(cl, text, tl, j + 1, e, covered, IDNER_PER);
            j = e;
        }
        /* leftwards: "Hidayat dan Airlangga Hartarto", "Tarsilo dan Gubernur Darmaji" */
        size_t p = title_start(r, tl, c.tok_start);
        if (p > 0 && st == IDNER_OK) {
            size_t a = item_before(r, tl, covered, p - 1);
            if (a != SIZE_MAX)
                st = push_item(cl, text, tl, a, p - 1, covered, IDNER_PER);
        }
    }
    free(covered);
    if (st == IDNER_OK && cl->n != nc)
        merge_select(cl);
    return st;
}
