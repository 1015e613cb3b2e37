/*
 * date/words.c: the readers of the forms of SPEC.md section 4 made of words: relative dates
 * ("kemarin", "dua hari lalu", "bln ini"), dates counted from another one ("keesokan
 * harinya", "lima tahun kemudian", "tahun yang sama"), parts of day ("pagi ini"), weekdays
 * alone or with their date, and parts of a year (quarters, halves, seasons). Resolution of
 * what depends on the reference date, the clause or the dates before is in date/resolve.c.
 */
#include <string.h>

#include "date/impl.h"
#include "date/names.h"

/* The unit a word names: 0 day, 1 week, 2 month, 3 year (abbreviations of headlines too). */
static int
unit_of(const char *w)
{
    if (!strcmp(w, "hari") || !strcmp(w, "hr"))
        return 0;
    if (!strcmp(w, "pekan") || !strcmp(w, "minggu") || !strcmp(w, "mgg"))
        return 1;
    if (!strcmp(w, "bulan") || !strcmp(w, "bln"))
        return 2;
    return 3;
}

/* A count before a unit that the form cannot read: "2.000 tahun lalu", "beberapa hari". */
static int
vague_count_before(const date_ctx *c, size_t i)
{
    static const char *const vague[] = {"beberapa", "puluhan", "ratusan", "belasan", "ribuan"};
    if (i == 0)
        return 0;
    if (c->tl->v[i - 1].kind == TOK_NUMBER || (date_tok_bits(c, i - 1) & TB_NUMW))
        return 1;
    for (size_t k = 0; k < sizeof vague / sizeof vague[0]; k++)
        if (date_key_is(c, i - 1, vague[k]))
            return 1;
    return 0;
}

/* The direction of a word after "N hari": -1 lalu, +1 mendatang, 2 counted forward from the
 * date before (kemudian), -2 counted back from it (sebelumnya). */
static int
dir_of(const char *w)
{
    static const struct {
        const char *w;
        int dir;
    } dirs[] = {{"yang lalu", -1},  {"lalu", -1},       {"silam", -1},      {"mendatang", 1},
                {"lagi", 1},        {"kemudian", 2},    {"setelahnya", 2},  {"sesudahnya", 2},
                {"berikutnya", 2},  {"setelah itu", 2}, {"sesudah itu", 2}, {"sebelumnya", -2},
                {"selanjutnya", 2}, {"yang sama", 0},   {"ini", 0},         {"depan", 1},
                {"kemarin", -1}};
    for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
        if (!strcmp(w, dirs[k].w))
            return dirs[k].dir;
    return -1;
}

/* Groups: 1 a day counted from the date before (keesokan harinya), 2 a word (kemarin, besok,
 * lusa, hari ini), 3 unit, 4 direction (pekan lalu), 5 count, 6 "se", 7 unit, 8 direction
 * (dua hari lalu, lima tahun kemudian), 9 unit, 10 direction (tahun yang sama, bulan
 * berikutnya). */
int
date_form_rel(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (cx == CX_HARI || !date_match(c, RE_REL, i))
        return 0;
    size_t s, e;
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    char w[32], dir[32];
    int unit = 0, n = 0, d = -1;
    if (date_grp(c, 1, &s, &e)) {
        d = 2; /* keesokan harinya, lusanya: the day after the date before */
        n = date_key_is(c, i, "lusanya") ? 2 : 1;
    } else if (date_grp_lower(c, 2, w, sizeof w)) {
        static const struct {
            const char *w;
            int n;
        } days[] = {{"kemarin lusa", -2}, {"kemarin", -1}, {"besok lusa", 2},
                    {"esok lusa", 2},     {"besok", 1},    {"esok hari", 1},
                    {"esok", 1},          {"lusa", 2},     {"hari ini", 0}};
        for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
            if (!strcmp(w, days[k].w))
                n = days[k].n;
        if (!strcmp(w, "hari ini") && vague_count_before(c, i))
            return 0; /* "beberapa hari ini": these last days, not today */
        d = 1;
    } else if (date_grp_lower(c, 3, w, sizeof w) || date_grp_lower(c, 9, w, sizeof w)) {
        if (vague_count_before(c, i))
            return 0;
        /* "Minggu lalu" with a capital inside a sentence is last Sunday (date_form_weekday);
         * "minggu lalu", or at a sentence start, is last week. */
        if (!strcmp(w, "minggu") && (c->tl->v[i].flags & TOK_F_CAP) && !date_sentence_start(c, i))
            return 0;
        date_grp_lower(c, date_grp(c, 3, &s, &e) ? 4 : 10, dir, sizeof dir);
        unit = unit_of(w);
        d = dir_of(dir);
        n = d == 0 ? 0 : 1;
        if (d == -2 || d == 2) /* tahun berikutnya, bulan sebelumnya: one from the date before */
            n = 1;
    } else {
        char cnt[32];
        if (date_grp(c, 6, &s, &e))
            n = 1;
        else if (date_grp_lower(c, 5, cnt, sizeof cnt))
            n = cnt[0] >= '0' && cnt[0] <= '9' ? date_grp_num(c, 5) : date_numword_of(cnt);
        if (n <= 0)
            return 0;
        date_grp_lower(c, 7, w, sizeof w);
        date_grp_lower(c, 8, dir, sizeof dir);
        unit = unit_of(w);
        d = dir_of(dir);
    }
    m->e = j;
    m->has_year = 1;
    m->day_level = unit == 0;
    if (date_grp(c, 10, &s, &e) || d == 2 || d == -2 || (d == 0 && date_grp(c, 9, &s, &e))) {
        /* Counted from the date before: resolved with what the mentions before said. */
        m->anchor = unit + 1;
        m->anchor_n = d == -2 || d == -1 ? -n : d == 0 ? 0 : n;
        /* "bulan berikutnya" alone is the month after the reference date's */
        m->anchor_ref = date_grp(c, 10, &s, &e) && d == 2;
        return 1;
    }
    m->anchor_n = d < 0 ? -n : n;
    if (c->ref.y)
        date_rel_point(&c->ref, unit, m->anchor_n, &m->v.a);
    else
        m->v.null = 1;
    m->anchor_n = 0;
    return 1;
}

/* "pagi ini", "sore hari ini", "dini hari tadi": the reference day's part of day; "tadi
 * malam" is the night before it. Groups: 1 (X ini), 2 (tadi X), 3 (X tadi) the part. */
int
date_form_pod(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_POD, i))
        return 0;
    size_t s, e;
    char w[32];
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    int g = date_grp_lower(c, 1, w, sizeof w)   ? 1
            : date_grp_lower(c, 2, w, sizeof w) ? 2
            : date_grp_lower(c, 3, w, sizeof w) ? 3
                                                : 0;
    if (!j || !g)
        return 0;
    m->e = j;
    m->type = IDNER_TIME;
    m->v.ta.pod = date_pod_of(w);
    if (c->ref.y) {
        int y = c->ref.y, mo = c->ref.m, d = c->ref.d;
        if (g != 1 && !strcmp(m->v.ta.pod, "NI"))
            date_add_days(&y, &mo, &d, -1); /* tadi malam: last night */
        m->v.a = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
    }
    m->has_year = 1;
    return 1;
}

/* A weekday, alone ("pada Jumat") or with its date: "Minggu (3/11/2024)", "Jumat, 1 November
 * 2024", "Senin 28 Oktober", "Rabu malam, 11 April 2012", "Sen, 27 Jun 2016". Groups: 1 the
 * weekday, 2 a part of day before a comma, 3 "(", 4 ",", 5 spaces. */
int
date_form_weekday(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_WD, i))
        return 0;
    size_t s, e, ws, we;
    char w[32], pod[32];
    date_grp(c, 0, &s, &e);
    date_grp(c, 1, &ws, &we);
    if (!date_grp_lower(c, 1, w, sizeof w) || !date_end_tok(c, i, we))
        return 0;
    int abbrev = 0, wd = date_weekday_of(w, &abbrev);
    if (!wd)
        return 0;
    int paren = date_grp(c, 3, &s, &s);
    /* Read before the date's own reader runs its pattern (the match data is shared). */
    const char *pod_w = date_grp_lower(c, 2, pod, sizeof pod) ? date_pod_of(pod) : NULL;
    /* A date joined to the weekday. */
    size_t k = (paren || date_grp(c, 4, &s, &s) || date_grp(c, 5, &s, &s))
                   ? date_tok_starting(c, i + 1, e)
                   : (size_t)-1;
    if (k != (size_t)-1) {
        date_ment d;
        date_ment_init(&d, k);
        /* not a range of days: "Rabu-Kamis (6-7/11)" is the pair's (join.c join_weekdays) */
        if ((date_form_digit(c, k, CX_WD, &d) || date_form_written(c, k, CX_WD, &d)) &&
            d.day_level && d.v.b.kind == DP_NONE &&
            (!paren || (d.e < c->tl->n && date_is_punct(c, d.e, ')')))) {
            *m = d;
            m->s = i;
            m->e = paren ? d.e + 1 : d.e;
            m->stated_wd = wd;
            if (pod_w) { /* "Rabu malam, 11 April 2012" */
                m->type = IDNER_TIME;
                m->v.ta.pod = pod_w;
            }
            return 1;
        }
    }
    if (abbrev)
        return 0; /* "sel", "min": words too */
    /* Alone. Some weekdays are part of a name: salat Jumat, Jumat Agung, Pasar Minggu. */
    if (i > 0 && (date_key_is(c, i - 1, "salat") || date_key_is(c, i - 1, "shalat") ||
                  date_key_is(c, i - 1, "sholat") || date_key_is(c, i - 1, "solat") ||
                  date_key_is(c, i - 1, "pasar")))
        return 0;
    if (i + 1 < c->tl->n && (date_key_is(c, i + 1, "agung") || date_key_is(c, i + 1, "legi") ||
                             date_key_is(c, i + 1, "kliwon") || date_key_is(c, i + 1, "pon") ||
                             date_key_is(c, i + 1, "wage") || date_key_is(c, i + 1, "pahing")))
        return 0;
    if (wd == 7 && cx != CX_HARI) {
        /* "minggu" is also a week: "dua minggu", "tiap minggu", lower-case "minggu". */
        if (!(c->tl->v[i].flags & (TOK_F_CAP | TOK_F_ALLCAPS)))
            return 0;
        if (i > 0 && ((date_tok_bits(c, i - 1) & TB_WEEKCTX) || c->tl->v[i - 1].kind == TOK_NUMBER))
            return 0;
    }
    m->e = i + 1;
    m->bare_wd = wd;
    m->v.a = (date_point){DP_WEEK, 0, 0, 0, 0, wd, 0};
    m->day_level = 1;
    return 1;
}

/* "I", "iii", "2", "kedua": which quarter or half (0 when none). */
static int
ordinal_of(const char *w)
{
    static const char *const ord[][4] = {{"i", "1", "pertama", "satu"},
                                         {"ii", "2", "kedua", "dua"},
                                         {"iii", "3", "ketiga", "tiga"},
                                         {"iv", "4", "keempat", "empat"}};
    for (int k = 0; k < 4; k++)
        for (int v = 0; v < 4; v++)
            if (!strcmp(w, ord[k][v]))
                return k + 1;
    return 0;
}

/* The ordinal word or numeral at token J (as ordinal_of), or 0. */
static int
ordinal_at(const date_ctx *c, size_t j)
{
    char w[16];
    if (j >= c->tl->n || c->tl->v[j].key_len >= sizeof w)
        return 0;
    memcpy(w, tok_key(c->tl, &c->tl->v[j]), c->tl->v[j].key_len);
    w[c->tl->v[j].key_len] = '\0';
    return ordinal_of(w);
}

/* The 4-digit year written at token J, or -1. */
static int
year_at(const date_ctx *c, size_t j)
{
    if (j >= c->tl->n || !(c->tl->v[j].flags & TOK_F_ALLDIGIT) ||
        c->tl->v[j].byte_end - c->tl->v[j].byte_start != 4)
        return -1;
    int y = 0;
    for (uint32_t b = c->tl->v[j].byte_start; b < c->tl->v[j].byte_end; b++)
        y = y * 10 + c->text[b] - '0';
    return y;
}

/* The months a season spans, by its DS_* number: spring March-May ... winter December-February
 * (of the next year); a season is named by the year it starts in. */
static void
season_months(int y, int sub, long *first, long *last)
{
    int m0 = 3 * sub; /* 3, 6, 9, 12 */
    int ye = m0 == 12 ? y + 1 : y, me = m0 == 12 ? 2 : m0 + 2;
    *first = date_to_days(y, m0, 1);
    *last = date_to_days(ye, me, date_days_in_month(ye, me));
}

/* The year of season SUB that "ini" (0), "lalu" (-1) or "depan" (+1) names from REF. */
static int
season_year(const date_ymd *ref, int sub, int dir)
{
    long r = date_to_days(ref->y, ref->m, ref->d), f, l;
    for (int y = ref->y + 1; y >= ref->y - 2; y--) {
        season_months(y, sub, &f, &l);
        if (dir < 0 && l < r)
            return y; /* the latest that ended */
        if (dir == 0 && f <= r)
            return l >= r || y == ref->y ? y : ref->y; /* the one running, else this year's */
    }
    for (int y = ref->y - 1; y <= ref->y + 1; y++) {
        season_months(y, sub, &f, &l);
        if (f > r)
            return y; /* depan: the first to start */
    }
    return ref->y;
}

/* Quarters and halves ("kuartal I 2016", "triwulan II-2023", "semester kedua tahun ini",
 * "kuartal pertama dan kedua tahun depan", "kuartal lalu") and seasons ("musim panas 1959",
 * "musim dingin lalu"). Groups: 1 kuartal/triwulan/semester/paruh, 2 which, 3 year; 4 the
 * same words, 5 lalu/ini/depan; 6 season, 7 year. */
int
date_form_period(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_PERIOD, i))
        return 0;
    size_t s, e;
    char kind[16], w[16];
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    const date_ymd *r = &c->ref;
    m->has_year = 1;
    if (date_grp_lower(c, 6, w, sizeof w)) {
        static const char *const seasons[] = {"", "semi", "panas", "gugur", "dingin"};
        int sub = 1;
        while (sub < 4 && strcmp(w, seasons[sub]))
            sub++;
        int y = date_grp_num(c, 7), dir = 2;
        size_t take = y < 0 ? date_year_words(c, j, &y) : 0;
        if (!take && y < 0 && j < c->tl->n) {
            dir = date_key_is(c, j, "ini")                                       ? 0
                  : date_key_is(c, j, "lalu")                                    ? -1
                  : date_key_is(c, j, "depan") || date_key_is(c, j, "mendatang") ? 1
                                                                                 : 2;
            take = dir != 2;
            if (take)
                y = r->y ? season_year(r, sub, dir) : 0;
        }
        m->e = j + take;
        m->v.a = (date_point){DP_SEASON, y > 0 ? y : 0, 0, 0, 0, 0, sub};
        m->v.null = take && !r->y;
        return 1;
    }
    int rel = date_grp_lower(c, 4, kind, sizeof kind);
    if (!rel)
        date_grp_lower(c, 1, kind, sizeof kind);
    int half = !strcmp(kind, "semester") || !strcmp(kind, "paruh");
    int per_year = half ? 2 : 4;
    if (rel) {
        /* kuartal lalu: the quarter before the reference date's */
        date_grp_lower(c, 5, w, sizeof w);
        m->e = j;
        if (!r->y) {
            m->v.null = 1;
            return 1;
        }
        int shift = !strcmp(w, "ini") ? 0 : !strcmp(w, "lalu") ? -1 : 1;
        int k = r->y * per_year + (r->m - 1) / (12 / per_year) + shift;
        m->v.a =
            (date_point){half ? DP_HALF : DP_QUARTER, k / per_year, 0, 0, 0, 0, k % per_year + 1};
        return 1;
    }
    date_grp_lower(c, 2, w, sizeof w);
    int which = ordinal_of(w), which2 = 0, y = date_grp_num(c, 3);
    if (!which || which > per_year)
        return 0;
    size_t end = j;
    if (y < 0 && date_key_is(c, end, "dan")) {
        /* "kuartal pertama dan kedua tahun depan": one mention, a range */
        which2 = ordinal_at(c, end + 1);
        if (which2 > which && which2 <= per_year) {
            end += 2;
            y = year_at(c, end);
            end += y > 0;
        } else {
            which2 = 0;
        }
    }
    size_t take = y < 0 ? date_year_words(c, end, &y) : 0;
    if (y < 0) {
        /* "mahasiswa semester pertama", "semester 1", "paruh kedua laga": a half needs its
         * year unless it is numbered like a report's ("laba semester I"). */
        if (half && strspn(w, "iv") != strlen(w))
            return 0;
        m->past = 1; /* the latest one begun by the reference date (date/resolve.c) */
        y = 0;
    }
    m->e = end + take;
    m->v.null = take && !y;
    m->v.a = (date_point){half ? DP_HALF : DP_QUARTER, y, 0, 0, 0, 0, which};
    if (which2)
        m->v.b = (date_point){half ? DP_HALF : DP_QUARTER, y, 0, 0, 0, 0, which2};
    return 1;
}
