/*
 * date/holiday.c: the readers of holidays and Hijri dates (SPEC.md section 6). "Idul Fitri
 * 2024", "Lebaran tahun lalu", "HUT TNI ke-79", "1 Syawal 1445 H", "Ramadan 1445 Hijriah",
 * "10 Zulhijah". The days come from the generated calendar tables (date/calendar.h); a holiday
 * or Hijri date without its year is resolved against the reference date in date/resolve.c.
 */
#include <stdio.h>
#include <string.h>

#include "date/calendar.h"
#include "date/impl.h"
#include "date/names.h"

/* Compares a matched name (lower case, single spaces, apostrophes as written: ' or U+2019,
 * or none) with a table name whose ' marks an optional apostrophe. */
static int
same_name(const char *text, const char *table)
{
    for (;;) {
        while (*text == '\'' || (!strncmp(text, "\xe2\x80\x99", 3) && (text += 2)))
            text++;
        while (*table == '\'')
            table++;
        if (*text != *table)
            return 0;
        if (!*text)
            return 1;
        text++;
        table++;
    }
}

static const date_holiday *
holiday_of(const char *name)
{
    for (size_t k = 0; k < date_n_holidays; k++)
        if (same_name(name, date_holidays[k].name))
            return &date_holidays[k];
    return NULL;
}

static int
hijri_month_of(const char *name)
{
    for (size_t k = 0; k < date_n_hijri_months; k++)
        if (same_name(name, date_hijri_months[k].w))
            return date_hijri_months[k].n;
    return 0;
}

static void
day_point(long day, date_point *p)
{
    int y, m, d;
    date_from_days(day, &y, &m, &d);
    *p = (date_point){DP_YMD, y, m, d, 0, 0, 0};
}

/* The Hijri day HY/HM/HD (HD 0: the whole month) as the mention's value; null outside the
 * Umm al-Qura table. */
static void
hijri_value(int hy, int hm, int hd, date_ment *m)
{
    long first, last;
    m->hijri = 1;
    if (hd ? !date_hijri_day(hy, hm, hd, &first) : !date_hijri_month(hy, hm, &first, &last)) {
        m->v.null = 1;
        return;
    }
    day_point(first, &m->v.a);
    if (!hd)
        day_point(last, &m->v.b);
}

/* The Hijri year in which month HM (day HD, or its first) falls in Gregorian year Y: "Ramadan
 * 2024" is Ramadan 1445. 0 when none does. */
static int
hijri_year_in(int y, int hm, int hd)
{
    int guess = (y - 622) * 33 / 32;
    for (int hy = guess - 2; hy <= guess + 2; hy++) {
        long day;
        int gy, gm, gd;
        if (date_hijri_day(hy, hm, hd ? hd : 1, &day)) {
            date_from_days(day, &gy, &gm, &gd);
            if (gy == y)
                return hy;
        }
    }
    return 0;
}

static const date_anniv *
anniversary_of(const char *body)
{
    for (size_t k = 0; k < date_n_anniversaries; k++)
        if (!strcmp(body, date_anniversaries[k].body))
            return &date_anniversaries[k];
    return NULL;
}

/* "HUT TNI ke-79", "HUT ke-79 RI", "ulang tahun Jakarta ke-497": the day of the body named
 * before or after the ordinal, in the year the ordinal counts to. Groups as date_form_hol's. */
static int
anniversary(date_ctx *c, size_t j, date_ment *m)
{
    char body[40];
    const date_anniv *a = NULL;
    if (date_grp_lower(c, 3, body, sizeof body) || date_grp_lower(c, 5, body, sizeof body))
        a = anniversary_of(body);
    int ord = date_grp_num(c, 4), y = date_grp_num(c, 6);
    if (!a || (a->needs_ord && ord < 0))
        return 0; /* "HUT ke-25" of a school, "HUT TNI" of any year */
    if (y < 0 && ord > 0)
        y = a->founded + ord;
    m->e = j;
    m->day_level = 1;
    m->has_year = 1;
    m->v.a = (date_point){DP_YMD, y > 0 ? y : 0, a->m, a->d, 0, 0, 0};
    m->need_year = y <= 0;
    return 1;
}

/* Groups: 1 name; 2 HUT (ulang tahun, milad), 3 the body after it, 4 ordinal ("ke-79"), 5 the
 * body after the ordinal; 6 year, 7 era of the year ("Idul Fitri 1445 H"). */
int
date_form_hol(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_HOL, i))
        return 0;
    size_t s, e;
    char name[64], era[16] = "";
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    if (date_grp(c, 2, &s, &s))
        return anniversary(c, j, m);
    if (!date_grp_lower(c, 1, name, sizeof name))
        return 0;
    const date_holiday *h = holiday_of(name);
    int ord = date_grp_num(c, 4), y = date_grp_num(c, 6);
    if (!h)
        return 0;
    if (!strcmp(h->name, "tahun baru") && i > 0 &&
        (c->tl->v[i - 1].kind == TOK_NUMBER || (date_tok_bits(c, i - 1) & TB_NUMW) ||
         date_key_is(c, i - 1, "beberapa")))
        return 0; /* "dua tahun baru saja berlalu": a count of years */
    if (!strcmp(h->name, "tahun baru") && j < c->tl->n &&
        (date_has_digit(&c->tl->v[j]) || (date_tok_bits(c, j) & (TB_HIJRI | TB_MONTH))))
        return 0; /* "tahun baru 1 Muharram 1446 H": the date after says which new year */
    if ((h->flags & HOL_CAP) &&
        (!(c->tl->v[i].flags & TOK_F_CAP) || (i > 0 && date_key_is(c, i - 1, "mandailing"))))
        return 0; /* a town too (Mandailing Natal); the feast is written with a capital */
    date_grp_lower(c, 7, era, sizeof era);
    int hm, hd;
    if (y > 0 && era[0] == 'h' && date_feast_hijri(h->feast, &hm, &hd)) {
        m->e = j; /* "Idul Fitri 1445 H" */
        m->day_level = 1;
        m->has_year = 1;
        hijri_value(y, hm, hd, m);
        return 1;
    }
    if (y > 0 && era[0] == 'h')
        return 0;
    if (y < 0 && h->founded && ord > 0)
        y = h->founded + ord;
    m->e = j;
    m->day_level = 1;
    m->has_year = 1;
    if (y < 0 && date_year_words(c, j, &y)) {
        m->e = j + 2; /* "Lebaran tahun lalu": the feast of the year the words name */
        if (!y) {
            m->v.null = 1;
            return 1;
        }
    }
    if (h->m) {
        m->v.a = (date_point){DP_YMD, y > 0 ? y : 0, h->m, h->d, 0, 0, 0};
        m->need_year = y <= 0;
        return 1;
    }
    long day;
    if (y > 0) {
        if (date_feast_in_year(h->feast, y, &day))
            day_point(day, &m->v.a);
        else
            m->v.null = 1;
        return 1;
    }
    m->feast = h->feast; /* resolved against the reference date (date/resolve.c) */
    return 1;
}

/* Groups: 1 day, 2 Hijri month, 3 year, 4 era ("H", "Hijriah"). A year of 1900 or later
 * without an era is Gregorian ("Ramadan 2024"). */
int
date_form_hijri(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_HIJRI, i))
        return 0;
    size_t s, e, ms, me;
    char name[32];
    date_grp(c, 0, &s, &e);
    date_grp(c, 2, &ms, &me);
    if (!date_grp_lower(c, 2, name, sizeof name))
        return 0;
    int hm = hijri_month_of(name), hd = date_grp_num(c, 1), y = date_grp_num(c, 3);
    int era = date_grp(c, 4, &s, &s);
    if (!hm || hd == 0 || hd > 30)
        return 0;
    if (hd < 0)
        hd = 0;
    size_t j = date_end_tok(c, i, y >= 0 ? e : me);
    if (y >= 0 && !era && y >= 1900 && y <= 2100) {
        y = hijri_year_in(y, hm, hd); /* Gregorian */
        if (!y)
            return 0;
    } else if (y >= 0 && !era && (y < 1300 || y > 1600)) {
        y = -1; /* a number that is no year of either calendar here */
        j = date_end_tok(c, i, me);
    }
    if (!j)
        return 0;
    if (y < 0 && !hd && !date_bare_month_ok(c, i, j, cx) &&
        !(i > 0 && date_key_is(c, i - 1, "suci"))) /* "bulan suci Ramadan" */
        return 0;                                  /* "Rajab" alone may be a name */
    /* "Gilang Ramadhan ini", "Ramadhan Pohan": a Hijri month alone next to a capitalized word
     * is a person's name */
    const uint32_t caps = TOK_F_CAP | TOK_F_ALLCAPS;
    if (y < 0 && !hd &&
        ((i > 0 && c->tl->v[i - 1].kind == TOK_WORD && (c->tl->v[i - 1].flags & caps) &&
          !date_sentence_start(c, i - 1)) ||
         (j < c->tl->n && c->tl->v[j].kind == TOK_WORD && (c->tl->v[j].flags & caps) &&
          !(c->tl->v[j].flags & TOK_F_SENT_START))))
        return 0;
    m->e = j;
    m->has_year = 1;
    m->day_level = hd > 0;
    int gy;
    size_t take = y < 0 ? date_year_words(c, j, &gy) : 0;
    if (take) { /* "Ramadan tahun ini": the one of the Gregorian year the words name */
        m->e += take;
        y = gy ? hijri_year_in(gy, hm, hd) : 0;
        if (!y) {
            m->hijri = m->v.null = 1;
            return 1;
        }
    }
    if (y > 0) {
        hijri_value(y, hm, hd, m);
        return 1;
    }
    /* "Ramadan lalu", "Ramadan mendatang" */
    static const char *const past[] = {"lalu", "silam", "kemarin"};
    static const char *const next[] = {"depan", "mendatang", "nanti"};
    m->dir = date_key_in(c, j, past, 3) ? -1 : date_key_in(c, j, next, 3) ? 1 : 0;
    m->e += m->dir != 0 || date_key_is(c, j, "ini");
    m->hijri = 1;
    m->hijri_m = hm; /* resolved against the reference date (date/resolve.c) */
    m->hijri_d = hd;
    return 1;
}
