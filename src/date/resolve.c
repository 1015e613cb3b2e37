/*
 * date/resolve.c: what a mention's words leave open, decided by the reference date (SPEC.md
 * 4.3), by the tense of its clause (a clause about the future moves a bare weekday, a yearless
 * date or month, a holiday to the next one) and by the dates named before it (SPEC 4.2: a
 * clock time standing alone takes the day named last; "dua hari kemudian" counts from it).
 */
#include <stdlib.h>

#include "date/calendar.h"
#include "date/impl.h"
#include "date/names.h"

/* Does token K end a clause: punctuation, or a word that opens another clause (dan, bahwa,
 * yang, ...)? */
static int
clause_edge(const date_ctx *c, size_t k)
{
    const tok *t = &c->tl->v[k];
    if (t->kind == TOK_PUNCT)
        return c->text[t->byte_start] != '-' && c->text[t->byte_start] != '/';
    return (date_tok_bits(c, k) & TB_DW(DW_CLAUSE)) || date_key_is(c, k, "yang");
}

/* Is token K a future cue (SPEC 4.3)? "depan" after "di" is a place ("di depan gedung"). */
static int
future_cue(const date_ctx *c, size_t k)
{
    if (!(date_tok_bits(c, k) & TB_DW(DW_FUTURE)))
        return 0;
    return !(date_key_is(c, k, "depan") && k > 0 && date_key_is(c, k - 1, "di"));
}

/* The clause is what lies between the edges around tokens [S, E), within its sentence and at
 * most CLAUSE_MAX tokens either way (the scan stays linear in the text). */
#define CLAUSE_MAX 16

int
date_future_clause(const date_ctx *c, size_t s, size_t e)
{
    for (size_t k = s, n = 0; k-- > 0 && n < CLAUSE_MAX; n++) {
        /* "Rencananya, festival digelar ...": a cue set off by a comma opens the sentence */
        if (date_is_punct(c, k, ',') && k > 0 && future_cue(c, k - 1) &&
            date_sentence_start(c, k - 1))
            return 1;
        if (clause_edge(c, k))
            break;
        if (future_cue(c, k))
            return 1;
        if (c->tl->v[k].flags & TOK_F_SENT_START)
            break;
    }
    for (size_t k = e, n = 0; k < c->tl->n && n < CLAUSE_MAX; k++, n++) {
        if ((c->tl->v[k].flags & TOK_F_SENT_START) || clause_edge(c, k))
            break;
        if (future_cue(c, k))
            return 1;
    }
    return 0;
}

/* "dua hari kemudian", "tahun yang sama", "bulan berikutnya": counted from what the mentions
 * before said, else (anchor_ref) from the reference date, else null. */
static void
resolve_anchor(const date_ctx *c, date_ment *m, const date_last *last)
{
    int unit = m->anchor - 1;
    date_ymd from = {0, 0, 0};
    if (unit <= 1 && last->d.y)
        from = last->d;
    else if (unit == 2 && last->my)
        from = (date_ymd){last->my, last->mm, 1};
    else if (unit == 3 && last->y)
        from = (date_ymd){last->y, 1, 1};
    else if (m->anchor_ref && c->ref.y)
        from = c->ref;
    if (!from.y) {
        m->v.null = 1;
        return;
    }
    date_rel_point(&from, unit, m->anchor_n, &m->v.a);
}

/* The days [*FIRST, *LAST] of Hijri month HM (day HD, or 0: the whole month) in year HY. */
static int
hijri_span(int hy, int hm, int hd, long *first, long *last)
{
    if (!hd)
        return date_hijri_month(hy, hm, first, last);
    if (!date_hijri_day(hy, hm, hd, first))
        return 0;
    *last = *first;
    return 1;
}

static void
set_day(date_point *p, long day)
{
    int y, mo, d;
    date_from_days(day, &y, &mo, &d);
    *p = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
}

/* A holiday without its year: the nearest (or, about the future, the next) to the reference
 * date. */
static void
resolve_feast(const date_ctx *c, date_ment *m, int future)
{
    long day;
    if (!c->ref.y || !date_feast_near(m->feast, date_to_days(c->ref.y, c->ref.m, c->ref.d),
                                      future ? 1 : 0, &day)) {
        m->v.null = 1;
        return;
    }
    set_day(&m->v.a, day);
}

/* "10 Zulhijah", "bulan Ramadan" without a year: the occurrence nearest the reference date (or,
 * about the future, the first not over by it; DIR < 0: the last begun by it). */
static void
resolve_hijri(const date_ctx *c, date_ment *m, int dir)
{
    int hy, hm, hd, best = 0;
    long r = c->ref.y ? date_to_days(c->ref.y, c->ref.m, c->ref.d) : 0, bestd = 0, f, l;
    if (!c->ref.y || !date_hijri_of(r, &hy, &hm, &hd)) {
        m->v.null = 1;
        return;
    }
    for (int y = hy - 1; y <= hy + 1; y++) {
        if (!hijri_span(y, m->hijri_m, m->hijri_d, &f, &l) || (dir > 0 && l < r) ||
            (dir < 0 && f > r))
            continue;
        long dist = f > r ? f - r : l < r ? r - l : 0;
        if (!best || dist < bestd) {
            best = y;
            bestd = dist;
        }
    }
    if (!best || !hijri_span(best, m->hijri_m, m->hijri_d, &f, &l)) {
        m->v.null = 1;
        return;
    }
    set_day(&m->v.a, f);
    if (!m->hijri_d)
        set_day(&m->v.b, l);
}

/* A quarter or half without its year: the latest begun by the reference date, or (about the
 * future) the first not yet over. */
static void
resolve_part(const date_ctx *c, date_ment *m, int future)
{
    date_point *a = &m->v.a, *b = &m->v.b;
    int per = a->kind == DP_HALF ? 2 : 4, len = 12 / per, y = c->ref.y;
    if (!y)
        return;                         /* XXXX-Q3 */
    int now = (c->ref.m - 1) / len + 1; /* the reference date's quarter or half */
    int last = b->kind != DP_NONE ? b->sub : a->sub;
    if (future)
        y += last < now;
    else
        y -= a->sub > now;
    a->y = y;
    if (b->kind != DP_NONE)
        b->y = y;
}

/* A weekday alone as REL (date_ment.wd_rel) says: this week's, last week's, the next, ... */
static void
resolve_weekday(const date_ctx *c, date_ment *m, int rel)
{
    const date_ymd *r = &c->ref;
    int y = r->y, mo = r->m, d = r->d, rw = date_weekday(y, mo, d), wd = m->bare_wd;
    long shift;
    switch (rel) {
    case 1: /* Rabu ini: that day of the reference date's week */
        shift = wd - rw;
        break;
    case 2: /* Rabu lalu: of the week before */
        shift = wd - rw - 7;
        break;
    case 3: /* Rabu depan: of the week after */
        shift = wd - rw + 7;
        break;
    case 4: /* Rabu mendatang/nanti, or in a clause about the future: the first after it */
        shift = (wd - rw + 7) % 7;
        shift = shift ? shift : 7;
        break;
    case 5: /* Rabu kemarin: the last before it */
        shift = -((rw - wd + 7) % 7);
        shift = shift ? shift : -7;
        break;
    default: /* Rabu alone: the latest at or before it */
        shift = -((rw - wd + 7) % 7);
        break;
    }
    date_add_days(&y, &mo, &d, shift);
    m->v.a = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
}

/* The words of a day counted from the reference date that may follow a clock time as its day
 * ("pukul 14.20 WIB kemarin", "pukul 21.45 WIT tadi malam", "pukul 19.30 besok"). */
static const char *const day_words[] = {"kemarin", "besok", "esok", "lusa", "tadi"};

/* "pukul 07.55 WIB, Jumat (5/12/2014)": the day written right after a clock time (a comma
 * between) is its day, before the one named last. Only a weekday or a digit date is looked
 * at there, so that the look-ahead never runs into another clock time. So are, with nothing
 * or "pada" between, a written date ("pukul 20.00 WIB tanggal 2 November 2024", "pukul 10.00
 * pada Senin (4/11)") and, with nothing between, a day word (day_words), when their mention
 * has no clock time of its own: "pukul 09.00, besok pukul 10.00" is two days. */
static int
day_after(date_ctx *c, const date_ment *m, const date_last *last, date_ymd *day)
{
    size_t k = m->e;
    const int comma = date_is_punct(c, k, ','), pada = !comma && date_key_is(c, k, "pada");
    k += comma || pada;
    if (k >= c->tl->n)
        return 0;
    const tok *t = &c->tl->v[k];
    const int written =
        !comma && (date_key_is(c, k, "tanggal") ||
                   ((t->flags & TOK_F_ALLDIGIT) && t->byte_end - t->byte_start <= 2 &&
                    (date_tok_bits(c, k + 1) & TB_MONTH)));
    const int word =
        k == m->e && date_key_in(c, k, day_words, sizeof day_words / sizeof *day_words);
    if (!word && !written && !((date_tok_bits(c, k) & TB_WD) || t->kind == TOK_DATEDIGITS))
        return 0;
    date_ment d;
    if (!date_parse_mention(c, k, &d))
        return 0;
    date_resolve(c, &d, last);
    const date_point *a = &d.v.a;
    if (d.v.null || a->kind != DP_YMD || !a->y || !a->m || !a->d || d.v.b.kind != DP_NONE ||
        ((word || written || pada) && d.v.ta.h >= 0))
        return 0;
    *day = (date_ymd){a->y, a->m, a->d};
    return 1;
}

/* Fills in what the reference date, the clause and the dates before decide, and checks a
 * stated weekday. */
void
date_resolve(date_ctx *c, date_ment *m, const date_last *last)
{
    date_point *a = &m->v.a, *b = &m->v.b;
    const date_ymd *r = &c->ref;
    if (m->anchor)
        resolve_anchor(c, m, last);
    if (m->v.null)
        return;
    /* Only what the reference date resolves asks about the tense of the clause. */
    int open = (m->need_year && a->kind == DP_YMD && a->m && !m->dir) || m->feast || m->hijri_m ||
               m->past || (m->bare_wd && !m->wd_rel);
    int future = open && r->y && date_future_clause(c, m->s, m->e);
    if (m->need_year && r->y && a->kind == DP_YMD && a->m) {
        int y = date_resolve_year(a->m, a->d, r, m->dir ? m->dir : future ? 2 : 0);
        if (y) {
            a->y = y;
            if (b->kind == DP_YMD && !b->y)
                b->y = y + (b->m < a->m);
        }
    }
    if (m->feast)
        resolve_feast(c, m, future);
    if (m->hijri_m)
        resolve_hijri(c, m, m->dir ? m->dir : future);
    if (m->past)
        resolve_part(c, m, future);
    if (m->v.null)
        return;
    if (m->eve && a->kind == DP_YMD && a->m && a->d) {
        /* "malam Natal": the night before 25 December */
        if (a->y)
            date_add_days(&a->y, &a->m, &a->d, -1);
        else if (--a->d == 0) /* no year yet: the day before in the calendar of a leap year */
            a->d = date_days_in_month(2000, a->m = a->m == 1 ? 12 : a->m - 1);
        m->type = IDNER_TIME;
        m->v.ta.pod = "NI";
    }
    if (m->bare_wd && r->y)
        resolve_weekday(c, m, !m->wd_rel && future ? 4 : m->wd_rel);
    if (m->stated_wd && a->kind == DP_YMD && a->y && a->m && a->d &&
        date_weekday(a->y, a->m, a->d) != m->stated_wd)
        m->stated_wd = -1; /* conflict: the value stays the date as written */
    if (a->kind == DP_NONE && m->v.ta.h >= 0) {
        /* A clock time standing alone: the day named last in the document (SPEC 4.2). */
        date_ymd next;
        if (day_after(c, m, last, &next))
            *a = (date_point){DP_YMD, next.y, next.m, next.d, 0, 0, 0};
        else if (last->d.y)
            *a = (date_point){DP_YMD, last->d.y, last->d.m, last->d.d, 0, 0, 0};
        else if (r->y)
            *a = (date_point){DP_YMD, r->y, r->m, r->d, 0, 0, 0};
    }
    /* "pukul 22.00 hingga 05.00": a clock range of one day that ends before it begins ends
     * the day after */
    const date_clock *ta = &m->v.ta, *tb = &m->v.tb;
    if (b->kind == DP_NONE && ta->h >= 0 && tb->h >= 0 && a->kind == DP_YMD && a->y && a->m &&
        a->d && tb->h * 60 + tb->mi < ta->h * 60 + ta->mi) {
        *b = *a;
        date_add_days(&b->y, &b->m, &b->d, 1);
    }
}

void
date_last_update(date_last *last, const date_ment *m)
{
    const date_point *a = &m->v.a;
    if (m->v.null || !a->y)
        return;
    if (a->kind == DP_YMD || a->kind == DP_QUARTER || a->kind == DP_HALF || a->kind == DP_SEASON ||
        a->kind == DP_WEEK || a->kind == DP_WEEKEND)
        last->y = a->y;
    if (a->kind != DP_YMD || !a->m)
        return;
    last->my = a->y;
    last->mm = a->m;
    if (a->d && m->v.b.kind == DP_NONE)
        last->d = (date_ymd){a->y, a->m, a->d};
}
