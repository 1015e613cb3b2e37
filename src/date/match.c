/*
 * date/match.c: running the date patterns at tokens and reading their groups; the lookups of
 * matched words in the tables of date/names.c and the word table. The leaf of the date stage:
 * forms.c and join.c read through it, date.c sits on top of them.
 */
#include <string.h>

#include "date/impl.h"
#include "date/names.h"

int
date_key_is(const date_ctx *c, size_t i, const char *w)
{
    if (i >= c->tl->n)
        return 0;
    const tok *t = &c->tl->v[i];
    size_t n = strlen(w);
    return t->key_len == n && memcmp(tok_key(c->tl, t), w, n) == 0;
}

int
date_key_in(const date_ctx *c, size_t i, const char *const *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (date_key_is(c, i, w[k]))
            return 1;
    return 0;
}

size_t
date_year_words(const date_ctx *c, size_t j, int *y)
{
    if (!date_key_is(c, j, "tahun"))
        return 0;
    int shift = date_key_is(c, j + 1, "ini")                                           ? 0
                : date_key_is(c, j + 1, "lalu")                                        ? -1
                : date_key_is(c, j + 1, "depan") || date_key_is(c, j + 1, "mendatang") ? 1
                                                                                       : 2;
    if (shift == 2)
        return 0;
    *y = c->ref.y ? c->ref.y + shift : 0;
    return 2;
}

uint32_t
date_tok_bits(const date_ctx *c, size_t i)
{
    return i < c->tl->n ? date_word_bits(c->dm, c->tl->v[i].hash) : 0;
}

int
date_match_at(date_ctx *c, int re, size_t byte)
{
    /* The text was validated once by the caller: no UTF check per match (it would rescan). */
    int rc = pcre2_match(c->dm->re[re], (PCRE2_SPTR)c->text, c->len, byte, PCRE2_NO_UTF_CHECK,
                         c->md, c->dm->mctx);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_JIT_STACKLIMIT)
        c->limit_hit = 1;
    return rc > 0;
}

int
date_match(date_ctx *c, int re, size_t i)
{
    return i < c->tl->n && date_match_at(c, re, c->tl->v[i].byte_start);
}

size_t
date_end_tok(const date_ctx *c, size_t i, size_t end)
{
    for (size_t j = i; j < c->tl->n && c->tl->v[j].byte_start < end; j++) {
        if (c->tl->v[j].byte_end == end)
            return j + 1;
        /* "Nov." may be one token: a match that stops before its period ends with it. */
        if (c->tl->v[j].byte_end == end + 1 && c->text[end] == '.' && j > i)
            return j + 1;
    }
    return 0;
}

size_t
date_tok_starting(const date_ctx *c, size_t from, size_t b)
{
    for (size_t j = from; j < c->tl->n && c->tl->v[j].byte_start <= b; j++)
        if (c->tl->v[j].byte_start == b)
            return j;
    return (size_t)-1;
}

int
date_grp(const date_ctx *c, int g, size_t *s, size_t *e)
{
    if ((uint32_t)g >= pcre2_get_ovector_count(c->md))
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *s = ov[2 * g];
    *e = ov[2 * g + 1];
    return 1;
}

int
date_grp_num(const date_ctx *c, int g)
{
    size_t s, e;
    if (!date_grp(c, g, &s, &e) || s == e || e - s > 6)
        return -1;
    int v = 0;
    for (size_t k = s; k < e; k++) {
        if (c->text[k] < '0' || c->text[k] > '9')
            return -1;
        v = v * 10 + (c->text[k] - '0');
    }
    return v;
}

int
date_grp_lower(const date_ctx *c, int g, char *buf, size_t size)
{
    size_t s, e, n = 0;
    if (!date_grp(c, g, &s, &e))
        return 0;
    for (size_t k = s; k < e; k++) {
        unsigned char ch = (unsigned char)c->text[k];
        if (ch == ' ' || ch == '\t' ||
            (ch == 0xc2 && k + 1 < e && (unsigned char)c->text[k + 1] == 0xa0)) {
            k += ch == 0xc2;
            if (n && buf[n - 1] == ' ')
                continue;
            ch = ' ';
        } else if (ch >= 'A' && ch <= 'Z') {
            ch = (unsigned char)(ch - 'A' + 'a');
        }
        if (n + 1 >= size)
            return 0;
        buf[n++] = (char)ch;
    }
    buf[n] = '\0';
    return 1;
}

int
date_month_of(const char *lower, int *abbrev)
{
    for (size_t k = 0; k < date_n_months; k++)
        if (!strcmp(lower, date_months[k].w)) {
            *abbrev = date_months[k].abbrev;
            return date_months[k].n;
        }
    return 0;
}

int
date_weekday_of(const char *lower, int *abbrev)
{
    for (size_t k = 0; k < date_n_weekdays; k++)
        if (!strcmp(lower, date_weekdays[k].w)) {
            *abbrev = date_weekdays[k].abbrev;
            return date_weekdays[k].n;
        }
    return 0;
}

int
date_numword_of(const char *lower)
{
    for (size_t k = 0; k < date_n_numwords; k++)
        if (!strcmp(lower, date_numwords[k].w))
            return date_numwords[k].n;
    return 0;
}

const char *
date_pod_of(const char *lower)
{
    for (size_t k = 0; k < date_n_pods; k++)
        if (!strcmp(lower, date_pods[k].w))
            return date_pods[k].code;
    return NULL;
}
