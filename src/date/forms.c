/*
 * date/forms.c: one reader per form of SPEC.md section 4. Each runs its pcre2 pattern anchored
 * at a token, checks what a regex cannot (calendar validity, year versus amount, context
 * words) and fills a date_ment. Resolution against the reference date happens later, in
 * date/join.c, once the words after the form (lalu, depan, tahun lalu) are known.
 */
#include <string.h>

#include "date/impl.h"
#include "date/names.h"

void
date_ment_init(date_ment *m, size_t s)
{
    memset(m, 0, sizeof *m);
    m->s = m->e = s;
    m->type = IDNER_DATE;
    m->v.ta.h = m->v.tb.h = -1;
}

static int
two_digit_year(int y, size_t ndigits)
{
    if (ndigits != 2)
        return y;
    return y < 50 ? 2000 + y : 1900 + y; /* SPEC 4.2 */
}

static size_t
grp_len(const date_ctx *c, int g)
{
    size_t s, e;
    return date_grp(c, g, &s, &e) ? e - s : 0;
}

static int
is_punct(const date_ctx *c, size_t i, char ch)
{
    if (i >= c->tl->n)
        return 0;
    const tok *t = &c->tl->v[i];
    return t->kind == TOK_PUNCT && t->byte_end - t->byte_start == 1 && c->text[t->byte_start] == ch;
}

/* d/m[/y], d-m-yyyy, d.m.yyyy, yyyy-mm-dd. A yearless d/m is a date only where nothing else
 * is likely: after a weekday, after "tanggal", or alone in parentheses "(28/10)"; elsewhere
 * "1/2" is a fraction. */
int
date_form_digit(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_DIGIT, i))
        return 0;
    size_t s, e;
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    int y, mo, d;
    if (date_grp_num(c, 1) >= 0) {
        y = date_grp_num(c, 1);
        mo = date_grp_num(c, 2);
        d = date_grp_num(c, 3);
    } else {
        size_t ss, se;
        date_grp(c, 5, &ss, &se);
        char sep = c->text[ss];
        d = date_grp_num(c, 4);
        mo = date_grp_num(c, 6);
        y = date_grp_num(c, 7);
        if (sep != '/' && grp_len(c, 7) != 4)
            return 0; /* 3-1 is a score, 2.0 a version, 10.30 a time or a number */
        if (y >= 0)
            y = two_digit_year(y, grp_len(c, 7));
        if (mo > 12 && d <= 12) { /* only the month-first reading exists: 9/23/2015 */
            int t = mo;
            mo = d;
            d = t;
        }
        if (y < 0) {
            int paren = i > 0 && is_punct(c, i - 1, '(') && j < c->tl->n && is_punct(c, j, ')');
            if (cx != CX_WD && cx != CX_TANGGAL && !paren)
                return 0;
            y = 0;
        }
    }
    if (!date_valid(y ? y : 2000, mo, d))
        return 0; /* 31/2/2024, 45/13 */
    m->e = j;
    m->v.a = (date_point){DP_YMD, y, mo, d, 0, 0};
    m->need_year = y == 0;
    m->has_year = y != 0;
    m->day_level = 1;
    return 1;
}

static int
month_of_group(const date_ctx *c, int g, int *abbrev)
{
    char buf[32];
    if (!date_grp_lower(c, g, buf, sizeof buf))
        return 0;
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '.')
        buf[n - 1] = '\0';
    return date_month_of(buf, abbrev);
}

/* Would a bare month name ("Juni") at token I, ending before token J, be a date? Only after a
 * word like "pada" or "bulan", or before "lalu", "ini", "tahun lalu"; "Mei" or "Juni" alone is
 * as often a name. */
static int
bare_month_ok(const date_ctx *c, size_t i, size_t j, int cx)
{
    if (cx == CX_BULAN || cx == CX_MOD || cx == CX_APPROX)
        return 1;
    if (!(c->tl->v[i].flags & TOK_F_CAP))
        return 0;
    if (i > 0 && (date_tok_bits(c, i - 1) & TB_MONTHCTX))
        return 1;
    if (j < c->tl->n) {
        static const char *const next[] = {"lalu", "ini", "depan", "mendatang", "nanti", "silam"};
        for (size_t k = 0; k < sizeof next / sizeof next[0]; k++)
            if (date_key_is(c, j, next[k]))
                return 1;
        if (date_key_is(c, j, "tahun") && j + 1 < c->tl->n &&
            (date_key_is(c, j + 1, "lalu") || date_key_is(c, j + 1, "ini") ||
             date_key_is(c, j + 1, "depan")))
            return 1;
    }
    return 0;
}

/* Groups: 1 first part, 2 first day of a range, 3 day, 4 month, 5 year, 6 day, 7 month,
 * 8 year (the second part of a range across months). */
int
date_form_written(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_WRITTEN, i))
        return 0;
    size_t s, e, fs, fe;
    date_grp(c, 0, &s, &e);
    date_grp(c, 1, &fs, &fe);
    int d0 = date_grp_num(c, 2), d1 = date_grp_num(c, 3), y1 = date_grp_num(c, 5);
    int d2 = date_grp_num(c, 6), y2 = date_grp_num(c, 8);
    int ab1 = 0, ab2 = 0;
    int m1 = month_of_group(c, 4, &ab1);
    int m2 = date_grp(c, 7, &s, &s) ? month_of_group(c, 7, &ab2) : 0;
    size_t j = 0;
    /* The second part must be of the same shape as the first (day-month or month alone). */
    if (m2 && d0 < 0 && (d1 >= 0) == (d2 >= 0))
        j = date_end_tok(c, i, e);
    if (!j) {
        m2 = 0;
        j = date_end_tok(c, i, fe);
    }
    if (!j || !m1)
        return 0;
    if (d1 < 0 && y1 < 0 && !m2 && (ab1 || !bare_month_ok(c, i, j, cx)))
        return 0;
    if (d1 < 0 && m2 && ab1 && y1 < 0 && y2 < 0)
        return 0;
    if (m2 && y1 < 0 && y2 >= 0)
        y1 = m1 <= m2 ? y2 : y2 - 1;
    int vy = y1 >= 0 ? y1 : 2000; /* 2000 is a leap year: 29 Februari passes until resolved */
    if (d1 >= 0 && d1 > date_days_in_month(vy, m1))
        return 0;
    if (d0 >= 0 && (d0 < 1 || d0 >= d1))
        return 0;
    if (d1 == 0 || d2 == 0)
        return 0;
    m->e = j;
    m->v.a = (date_point){DP_YMD, y1 > 0 ? y1 : 0, m1, d0 >= 0 ? d0 : (d1 > 0 ? d1 : 0), 0, 0};
    if (d0 >= 0)
        m->v.b = (date_point){DP_YMD, m->v.a.y, m1, d1, 0, 0};
    else if (m2) {
        int by = y2 > 0 ? y2 : m->v.a.y;
        if (d2 > 0 && d2 > date_days_in_month(by ? by : 2000, m2))
            return 0;
        m->v.b = (date_point){DP_YMD, by, m2, d2 > 0 ? d2 : 0, 0, 0};
    }
    m->need_year = m->v.a.y == 0;
    m->has_year = !m->need_year;
    m->day_level = d1 > 0 && d0 < 0 && !m2;
    return 1;
}

static const struct {
    const char *name;
    int off;
} zones[] = {{"wib", 420}, {"wita", 480}, {"wit", 540}, {"gmt", 0}, {"utc", 0}};

/* Moves an hour said with a part of day onto the 24-hour clock: "jam 7 malam" is 19:00. */
int
date_pod_hour(int h, const char *pod)
{
    if (!pod)
        return h;
    if ((!strcmp(pod, "AF") && h >= 1 && h <= 6) || (!strcmp(pod, "EV") && h < 12) ||
        (!strcmp(pod, "NI") && h >= 6 && h < 12))
        return h + 12;
    if (!strcmp(pod, "NI") && h == 12)
        return 0;
    return h;
}

/* Groups: 1 pukul/jam, 2 hour, 3 separator, 4 minutes, 5 hour, 6 minutes (a range's end),
 * 7 zone, 8 sign, 9 offset, 10 waktu setempat, 11 part of day. A bare number is a time only
 * with "pukul"/"jam", a zone, or "waktu setempat" ("24 jam" is a duration). */
int
date_form_time(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_TIME, i))
        return 0;
    size_t s, e;
    date_grp(c, 0, &s, &e);
    int kw = date_grp(c, 1, &s, &s), zone = date_grp(c, 7, &s, &s);
    int local = date_grp(c, 10, &s, &s);
    if (!kw && !zone && !local)
        return 0;
    int h = date_grp_num(c, 2), mi = date_grp_num(c, 4);
    int h2 = date_grp_num(c, 5), mi2 = date_grp_num(c, 6);
    if (mi < 0)
        mi = 0;
    if (h > 24 || mi > 59 || h2 > 24 || mi2 > 59)
        return 0;
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    /* "jam 2 lebih 10 menit" style counts: jam + number + a unit is not a clock time. */
    if (j < c->tl->n && (date_key_is(c, j, "menit") || date_key_is(c, j, "detik")))
        return 0;
    char buf[32];
    const char *pod = NULL;
    if (date_grp_lower(c, 11, buf, sizeof buf))
        pod = date_pod_of(buf);
    m->e = j;
    m->type = IDNER_TIME;
    m->v.ta = (date_clock){date_pod_hour(h, pod), mi, 0, 0, NULL};
    if (h2 >= 0)
        m->v.tb = (date_clock){date_pod_hour(h2, pod), mi2, 0, 0, NULL};
    if (zone && date_grp_lower(c, 7, buf, sizeof buf)) {
        for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
            if (!strcmp(buf, zones[k].name)) {
                int off = zones[k].off;
                if (date_grp_num(c, 9) >= 0) {
                    date_grp(c, 8, &s, &e);
                    off = (c->text[s] == '-' ? -1 : 1) * date_grp_num(c, 9) * 60;
                }
                m->v.ta.tz = m->v.tb.tz = off;
                m->v.ta.has_tz = 1;
                m->v.tb.has_tz = h2 >= 0;
            }
    }
    return 1;
}

/* Is token I the first word of its sentence (maybe after an opening quote or bracket)? */
static int
sentence_initial(const date_ctx *c, size_t i)
{
    const uint32_t start = TOK_F_SENT_START | TOK_F_LINE_START;
    if (c->tl->v[i].flags & start)
        return 1;
    return i > 0 && c->tl->v[i - 1].kind == TOK_PUNCT && (c->tl->v[i - 1].flags & start);
}

/* The reference date moved by N units (0 day, 1 week, 2 month, 3 year) into P. */
static void
rel_point(const date_ymd *ref, int unit, int n, date_point *p)
{
    int y = ref->y, mo = ref->m, d = ref->d;
    switch (unit) {
    case 0:
        date_add_days(&y, &mo, &d, n);
        *p = (date_point){DP_YMD, y, mo, d, 0, 0};
        break;
    case 1: {
        int wy, w;
        date_add_days(&y, &mo, &d, 7L * n);
        date_iso_week(y, mo, d, &wy, &w);
        *p = (date_point){DP_WEEK, wy, 0, 0, w, 0};
        break;
    }
    case 2:
        date_add_months(&y, &mo, n);
        *p = (date_point){DP_YMD, y, mo, 0, 0, 0};
        break;
    default:
        *p = (date_point){DP_YMD, y + n, 0, 0, 0, 0};
        break;
    }
}

static int
unit_of(const char *w)
{
    if (!strcmp(w, "hari"))
        return 0;
    if (!strcmp(w, "pekan") || !strcmp(w, "minggu"))
        return 1;
    if (!strcmp(w, "bulan"))
        return 2;
    return 3;
}

/* Groups: 1 a word (kemarin, besok, lusa, hari ini), 2 unit, 3 direction, 4 count, 5 "se",
 * 6 unit, 7 direction. */
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
    int unit = 0, n = 0;
    if (date_grp_lower(c, 1, w, sizeof w)) {
        static const struct {
            const char *w;
            int n;
        } days[] = {{"kemarin lusa", -2}, {"kemarin", -1}, {"besok lusa", 2}, {"besok", 1},
                    {"esok hari", 1},     {"esok", 1},     {"lusa", 2},       {"hari ini", 0}};
        for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
            if (!strcmp(w, days[k].w))
                n = days[k].n;
        if (!strcmp(w, "hari ini") && i > 0 &&
            (date_key_is(c, i - 1, "beberapa") || (date_tok_bits(c, i - 1) & TB_NUMW) ||
             c->tl->v[i - 1].kind == TOK_NUMBER))
            return 0; /* "beberapa hari ini": these last days, not today */
        m->day_level = 1;
    } else if (date_grp_lower(c, 2, w, sizeof w)) {
        /* "2.000 tahun lalu", "beberapa tahun lalu": a count this form cannot read. */
        if (i > 0 && (c->tl->v[i - 1].kind == TOK_NUMBER || (date_tok_bits(c, i - 1) & TB_NUMW) ||
                      date_key_is(c, i - 1, "beberapa") || date_key_is(c, i - 1, "puluhan") ||
                      date_key_is(c, i - 1, "ratusan") || date_key_is(c, i - 1, "belasan") ||
                      date_key_is(c, i - 1, "ribuan")))
            return 0;
        /* "Minggu lalu" with a capital inside a sentence is last Sunday (date_form_weekday);
         * "minggu lalu", or at a sentence start, is last week. */
        if (!strcmp(w, "minggu") && (c->tl->v[i].flags & TOK_F_CAP) && !sentence_initial(c, i))
            return 0;
        date_grp_lower(c, 3, dir, sizeof dir);
        unit = unit_of(w);
        n = !strcmp(dir, "ini") ? 0 : (!strcmp(dir, "depan") || !strcmp(dir, "mendatang")) ? 1 : -1;
    } else {
        char cnt[32];
        if (date_grp(c, 5, &s, &e))
            n = 1;
        else if (date_grp_lower(c, 4, cnt, sizeof cnt))
            n = cnt[0] >= '0' && cnt[0] <= '9' ? date_grp_num(c, 4) : date_numword_of(cnt);
        if (n <= 0)
            return 0;
        date_grp_lower(c, 6, w, sizeof w);
        date_grp_lower(c, 7, dir, sizeof dir);
        unit = unit_of(w);
        if (strcmp(dir, "mendatang") && strcmp(dir, "lagi"))
            n = -n;
        m->day_level = unit == 0;
    }
    m->e = j;
    if (c->ref.y)
        rel_point(&c->ref, unit, n, &m->v.a);
    else
        m->v.null = 1;
    m->has_year = 1;
    return 1;
}

/* Is the 4-digit number at token I (ending before token J) a year? Not after "Rp", "nomor",
 * "pasal" or another number, not glued to a word ("Hwasong-2024"), not before a counted noun
 * ("2000 orang"). STRONG ("tahun 2014", "awal 2014") trusts the context. */
static int
year_ok(const date_ctx *c, size_t i, size_t j, int y, int strong)
{
    if (strong)
        return y >= 1000 && y <= 2999;
    if (y < 1900 || y > 2100)
        return 0;
    if (i > 0) {
        const tok *p = &c->tl->v[i - 1];
        if (!(c->tl->v[i].flags & TOK_F_SPACE_BEFORE) && p->kind != TOK_PUNCT)
            return 0;
        if (!(c->tl->v[i].flags & TOK_F_SPACE_BEFORE) &&
            (is_punct(c, i - 1, '-') || is_punct(c, i - 1, '.')))
            return 0;
        if (is_punct(c, i - 1, '/')) /* "Nomor: 118/D/O/2001", a decree's number */
            return 0;
        if ((date_tok_bits(c, i - 1) & TB_NUMBEFORE) || p->kind == TOK_NUMBER)
            return 0;
    }
    if (j < c->tl->n) {
        if (date_tok_bits(c, j) & TB_UNIT)
            return 0;
        if (is_punct(c, j, '-') && date_key_is(c, j + 1, "an"))
            return 0; /* "1980 - an" (a decade, spaced) */
        /* A licence plate: "B 2024 KZ". */
        const tok *nx = &c->tl->v[j];
        if (i > 0 && c->tl->v[i - 1].kind == TOK_WORD && (c->tl->v[i - 1].flags & TOK_F_CAP) &&
            c->tl->v[i - 1].byte_end - c->tl->v[i - 1].byte_start <= 2 && nx->kind == TOK_WORD &&
            (nx->flags & (TOK_F_ALLCAPS | TOK_F_CAP)) && nx->byte_end - nx->byte_start <= 3)
            return 0;
        if (!(c->tl->v[j].flags & TOK_F_SPACE_BEFORE) &&
            (is_punct(c, j, '-') || is_punct(c, j, '/') || c->tl->v[j].kind == TOK_WORD))
            return 0;
    }
    return 1;
}

/* Groups: 1 year, 2 separator, 3 second year. */
int
date_form_year(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_YEAR, i))
        return 0;
    int strong = cx == CX_TAHUN || cx == CX_MOD;
    size_t s, e, ys, ye;
    date_grp(c, 0, &s, &e);
    date_grp(c, 1, &ys, &ye);
    int y1 = date_grp_num(c, 1), y2 = date_grp_num(c, 3);
    size_t j = 0;
    if (y2 >= 0) {
        size_t ss, se;
        date_grp(c, 2, &ss, &se);
        int slash = memchr(c->text + ss, '/', se - ss) != NULL;
        j = date_end_tok(c, i, e);
        if (j && !(y2 > y1 && (!slash || y2 == y1 + 1) && year_ok(c, i, j, y1, strong) &&
                   (strong || (y2 <= 2100 && y2 - y1 <= 100))))
            j = 0;
        if (j) {
            m->e = j;
            m->v.a = (date_point){DP_YMD, y1, 0, 0, 0, 0};
            m->v.b = (date_point){DP_YMD, y2, 0, 0, 0, 0};
            m->has_year = 1;
            return 1;
        }
    }
    j = date_end_tok(c, i, ye);
    if (!j || !year_ok(c, i, j, y1, strong))
        return 0;
    m->e = j;
    m->v.a = (date_point){DP_YMD, y1, 0, 0, 0, 0};
    m->has_year = 1;
    return 1;
}

/* Groups: 1 century digits, 2 decade digit (1990-an), 3 decade digit (90-an). The two-digit
 * form needs "tahun", "era" or "dekade" before it: "usia 20-an" is an age. */
int
date_form_decade(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_DECADE, i))
        return 0;
    size_t s, e;
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    int y;
    if (date_grp_num(c, 1) >= 0) {
        y = date_grp_num(c, 1) * 100 + date_grp_num(c, 2) * 10;
        if (y < 1000 || y > 2990)
            return 0;
    } else {
        int ok = cx == CX_TAHUN ||
                 (i > 0 && (date_key_is(c, i - 1, "era") || date_key_is(c, i - 1, "dekade")));
        if (!ok)
            return 0;
        y = two_digit_year(date_grp_num(c, 3) * 10, 2);
    }
    m->e = j;
    m->v.a = (date_point){DP_DECADE, y, 0, 0, 0, 0};
    m->has_year = 1;
    return 1;
}

static int
roman(const char *s)
{
    int total = 0, prev = 0;
    for (size_t k = strlen(s); k-- > 0;) {
        int v = s[k] == 'i' ? 1 : s[k] == 'v' ? 5 : s[k] == 'x' ? 10 : s[k] == 'l' ? 50 : 0;
        if (!v)
            return 0;
        total += v < prev ? -v : v;
        if (v > prev)
            prev = v;
    }
    return total;
}

int
date_form_cent(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_CENT, i))
        return 0;
    size_t s, e;
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    char buf[16];
    if (!j || !date_grp_lower(c, 1, buf, sizeof buf))
        return 0;
    int n = buf[0] >= '0' && buf[0] <= '9' ? date_grp_num(c, 1) : roman(buf);
    if (n < 1 || n > 30)
        return 0;
    m->e = j;
    m->v.a = (date_point){DP_CENTURY, n, 0, 0, 0, 0};
    m->has_year = 1;
    return 1;
}

static const date_holiday *
holiday_of(const char *name)
{
    for (size_t k = 0; k < date_n_holidays; k++)
        if (!strcmp(name, date_holidays[k].name))
            return &date_holidays[k];
    return NULL;
}

/* The feast's date nearest REF (within the years of the table), into P; 0 when unknown. */
static int
feast_near(int feast, const date_ymd *ref, date_point *p)
{
    long r = date_to_days(ref->y, ref->m, ref->d), best = -1;
    for (int y = ref->y - 1; y <= ref->y + 1; y++) {
        int md = date_feast_md(feast, y);
        if (!md)
            continue;
        long dist = date_to_days(y, md / 100, md % 100) - r;
        dist = dist < 0 ? -dist : dist;
        if (best < 0 || dist < best) {
            best = dist;
            *p = (date_point){DP_YMD, y, md / 100, md % 100, 0, 0};
        }
    }
    return best >= 0;
}

/* Groups: 1 name, 2 ordinal (HUT RI ke-79), 3 "RI" after the ordinal, 4 year. */
int
date_form_hol(date_ctx *c, size_t i, int cx, date_ment *m)
{
    (void)cx; /* the same signature as the other forms */
    if (!date_match(c, RE_HOL, i))
        return 0;
    size_t s, e;
    char name[48];
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j || !date_grp_lower(c, 1, name, sizeof name))
        return 0;
    const date_holiday *h = holiday_of(name);
    if (!h)
        return 0;
    int ord = date_grp_num(c, 2), y = date_grp_num(c, 4);
    if (h->indep == 2 && (ord < 0 || !date_grp(c, 3, &s, &e)))
        return 0; /* "HUT" alone is any anniversary: only "HUT ke-79 RI" is the 17th */
    if (!strcmp(h->name, "tahun baru") && i > 0 &&
        (c->tl->v[i - 1].kind == TOK_NUMBER || (date_tok_bits(c, i - 1) & TB_NUMW) ||
         date_key_is(c, i - 1, "beberapa")))
        return 0; /* "dua tahun baru saja berlalu": a count of years */
    if (!strcmp(h->name, "natal")) {
        /* A town too (Mandailing Natal); the feast is written with a capital. */
        if (!(c->tl->v[i].flags & TOK_F_CAP) || (i > 0 && date_key_is(c, i - 1, "mandailing")))
            return 0;
    }
    if (y < 0 && h->indep && ord > 0)
        y = 1945 + ord;
    m->e = j;
    m->day_level = 1;
    m->has_year = 1;
    if (h->m) {
        m->v.a = (date_point){DP_YMD, y > 0 ? y : 0, h->m, h->d, 0, 0};
        m->need_year = y <= 0;
        return 1;
    }
    if (y <= 0 && date_key_is(c, j, "tahun")) {
        /* "Lebaran tahun lalu": the feast of the year the words name. */
        int shift = date_key_is(c, j + 1, "ini")     ? 0
                    : date_key_is(c, j + 1, "lalu")  ? -1
                    : date_key_is(c, j + 1, "depan") ? 1
                                                     : 2;
        if (shift != 2) {
            m->e = j + 2;
            y = c->ref.y ? c->ref.y + shift : -1;
            if (y < 0) {
                m->v.null = 1;
                return 1;
            }
        }
    }
    int md = y > 0 ? date_feast_md(h->feast, y) : 0;
    if (md)
        m->v.a = (date_point){DP_YMD, y, md / 100, md % 100, 0, 0};
    else if (y > 0 || !c->ref.y || !feast_near(h->feast, &c->ref, &m->v.a))
        m->v.null = 1;
    return 1;
}

/* "pagi ini", "tadi malam": the reference day's part of day. Groups: 1, 2 the part. */
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
    if (!j || !(date_grp_lower(c, 1, w, sizeof w) || date_grp_lower(c, 2, w, sizeof w)))
        return 0;
    m->e = j;
    m->type = IDNER_TIME;
    m->v.ta.pod = date_pod_of(w);
    if (c->ref.y)
        m->v.a = (date_point){DP_YMD, c->ref.y, c->ref.m, c->ref.d, 0, 0};
    m->has_year = 1;
    return 1;
}

/* A weekday, alone ("pada Jumat") or with its date: "Minggu (3/11/2024)", "Jumat, 1 November
 * 2024", "Senin 28 Oktober". Groups: 1 the weekday, 2 "(", 3 ",", 4 spaces. */
int
date_form_weekday(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_WD, i))
        return 0;
    size_t s, e, ws, we;
    char w[32];
    date_grp(c, 0, &s, &e);
    date_grp(c, 1, &ws, &we);
    if (!date_grp_lower(c, 1, w, sizeof w) || !date_end_tok(c, i, we))
        return 0;
    int wd = date_weekday_of(w);
    if (!wd)
        return 0;
    int paren = date_grp(c, 2, &s, &s);
    /* A date joined to the weekday. */
    size_t k = (paren || date_grp(c, 3, &s, &s) || date_grp(c, 4, &s, &s))
                   ? date_tok_starting(c, i + 1, e)
                   : (size_t)-1;
    if (k != (size_t)-1) {
        date_ment d;
        date_ment_init(&d, k);
        if ((date_form_digit(c, k, CX_WD, &d) || date_form_written(c, k, CX_WD, &d)) &&
            d.day_level && (!paren || (d.e < c->tl->n && is_punct(c, d.e, ')')))) {
            *m = d;
            m->s = i;
            m->e = paren ? d.e + 1 : d.e;
            m->stated_wd = wd;
            return 1;
        }
    }
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
    m->v.a = (date_point){DP_WEEK, 0, 0, 0, 0, wd};
    m->day_level = 1;
    return 1;
}
