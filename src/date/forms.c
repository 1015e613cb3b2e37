/*
 * date/forms.c: the readers of the forms of SPEC.md section 4 that are made of numbers: digit
 * dates, written dates, clock times, years, decades, centuries (the word forms are in
 * date/words.c, holidays and Hijri dates in date/holiday.c). Each runs its pcre2 pattern
 * anchored at a token, checks what a regex cannot (calendar validity, year versus amount,
 * context words) and fills a date_ment. Resolution against the reference date happens later,
 * in date/resolve.c, once the words after the form (lalu, depan, tahun lalu) are known.
 */
#include <string.h>

#include "date/impl.h"
#include "date/calendar.h"
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

int
date_is_punct(const date_ctx *c, size_t i, char ch)
{
    if (i >= c->tl->n)
        return 0;
    const tok *t = &c->tl->v[i];
    return t->kind == TOK_PUNCT && t->byte_end - t->byte_start == 1 && c->text[t->byte_start] == ch;
}

/* d/m[/y], d-m-yyyy, d.m.yyyy, yyyy-mm-dd, yyyy/mm/dd, also spaced as tokenized text writes
 * them ("27 / 4"), and ranges of days d-d/m[/y] and d/m-d/m[/y] ("4-6/11/2024", "(6-7/11)",
 * "30/10-1/11/2024").
 * A yearless d/m is a date only where nothing else is likely: after a weekday, after
 * "tanggal", or alone in parentheses "(28/10)"; elsewhere "1/2" is a fraction. Groups: 1 year,
 * 2 separator, 3 month, 4 day (year first); 5 day, 6 separator, 7 month, 8 year; 9 and 10 the
 * days of a range, 11 its month, 12 its year; a range over two months ("30/10-1/11/2024"): 13
 * and 14 its first day and month, 15 and 16 its last, 17 the year. */
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
    int y, mo, d, d2 = 0, mo1 = 0;
    if (date_grp_num(c, 1) >= 0) {
        y = date_grp_num(c, 1);
        mo = date_grp_num(c, 3);
        d = date_grp_num(c, 4);
    } else if (date_grp_num(c, 9) >= 0) {
        d = date_grp_num(c, 9);
        d2 = date_grp_num(c, 10);
        mo = date_grp_num(c, 11);
        y = date_grp_num(c, 12);
        y = y >= 0 ? two_digit_year(y, grp_len(c, 12)) : 0;
        if (d2 <= d ||
            (!y && cx != CX_WD && cx != CX_TANGGAL &&
             !(i > 0 && date_is_punct(c, i - 1, '(') && j < c->tl->n && date_is_punct(c, j, ')'))))
            return 0; /* "5-3/2" is a sum; yearless, as a d/m: after a weekday or in parentheses */
    } else if (date_grp_num(c, 13) >= 0) { /* "30/10-1/11/2024", "(31/12-2/1)" */
        d = date_grp_num(c, 13);
        mo1 = date_grp_num(c, 14);
        d2 = date_grp_num(c, 15);
        mo = date_grp_num(c, 16);
        y = date_grp_num(c, 17);
        y = y >= 0 ? two_digit_year(y, grp_len(c, 17)) : 0;
        if (mo1 < 1 || mo1 > 12 || mo1 == mo ||
            (!y && cx != CX_WD && cx != CX_TANGGAL &&
             !(i > 0 && date_is_punct(c, i - 1, '(') && j < c->tl->n && date_is_punct(c, j, ')'))))
            return 0; /* one month: d-d/m; yearless as above */
    } else {
        size_t ss, se;
        date_grp(c, 6, &ss, &se);
        char sep = c->text[ss];
        d = date_grp_num(c, 5);
        mo = date_grp_num(c, 7);
        y = date_grp_num(c, 8);
        if (sep != '/' && grp_len(c, 8) != 4)
            return 0; /* 3-1 is a score, 2.0 a version, 10.30 a time or a number */
        if (y >= 0)
            y = two_digit_year(y, grp_len(c, 8));
        if (mo > 12 && d <= 12) { /* only the month-first reading exists: 9/23/2015 */
            int t = mo;
            mo = d;
            d = t;
        }
        if (y < 0) {
            int paren =
                i > 0 && date_is_punct(c, i - 1, '(') && j < c->tl->n && date_is_punct(c, j, ')');
            if (cx != CX_WD && cx != CX_TANGGAL && !paren)
                return 0;
            y = 0;
        }
    }
    /* the first day of a range over two months: the year before when it is December's */
    const int y1 = mo1 && mo1 > mo && y ? y - 1 : y;
    if (!date_valid(y1 ? y1 : 2000, mo1 ? mo1 : mo, d) || (d2 && !date_valid(y ? y : 2000, mo, d2)))
        return 0; /* 31/2/2024, 45/13 */
    m->e = j;
    m->v.a = (date_point){DP_YMD, y1, mo1 ? mo1 : mo, d, 0, 0, 0};
    if (d2)
        m->v.b = (date_point){DP_YMD, y, mo, d2, 0, 0, 0};
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

int
date_sentence_start(const date_ctx *c, size_t i)
{
    const uint32_t start = TOK_F_SENT_START | TOK_F_LINE_START;
    if (c->tl->v[i].flags & start)
        return 1;
    return i > 0 && c->tl->v[i - 1].kind == TOK_PUNCT && (c->tl->v[i - 1].flags & start);
}

/* Would a bare month name ("Juni") at token I, ending before token J, be a date? After a word
 * like "pada" or "bulan", before "lalu", "ini", "tahun lalu", or after a noun ("pengiriman
 * Januari", "inflasi September"); "Mei" or "Agustus" alone is as often a name, so not after
 * the words that introduce a person, and not before another capitalized word ("Mei
 * Lestari"). */
int
date_bare_month_ok(const date_ctx *c, size_t i, size_t j, int cx)
{
    static const char *const next[] = {"lalu", "ini", "depan", "mendatang", "nanti", "silam"};
    static const char *const person[] = {
        "kata",   "ujar",  "ucap",    "tutur",   "jelas",   "ungkap",  "oleh",  "kepada", "bersama",
        "dengan", "si",    "sang",    "bu",      "ibu",     "pak",     "bapak", "kak",    "kakak",
        "adik",   "mbak",  "mas",     "nama",    "bernama", "namanya", "dan",   "atau",   "serta",
        "yang",   "bahwa", "menurut", "melawan", "untuk",   "itu",     "ini",   "putri",  "putra",
        "anak",   "istri", "suami",   "nenek",   "kakek",   "tante",   "om",    "paman",  "bibi"};
    if (cx == CX_BULAN || cx == CX_MOD || cx == CX_APPROX)
        return 1;
    if (!(c->tl->v[i].flags & TOK_F_CAP))
        return 0;
    if (i > 0 && (date_tok_bits(c, i - 1) & TB_MONTHCTX))
        return 1;
    if (j < c->tl->n) {
        if (date_key_in(c, j, next, sizeof next / sizeof next[0]))
            return 1;
        if (date_key_is(c, j, "tahun") && j + 1 < c->tl->n &&
            (date_key_is(c, j + 1, "lalu") || date_key_is(c, j + 1, "ini") ||
             date_key_is(c, j + 1, "depan")))
            return 1;
    }
    /* After a noun: a lower-case word of the same sentence, not one that introduces a name,
     * and no capitalized word next. */
    if (i == 0 || (c->tl->v[i].flags & TOK_F_SENT_START) || (date_tok_bits(c, i) & TB_HIJRI))
        return 0;
    const tok *p = &c->tl->v[i - 1];
    int lower =
        (p->flags & TOK_F_LOWER) ||
        ((p->flags & TOK_F_CAP) && !(p->flags & TOK_F_ALLCAPS) && date_sentence_start(c, i - 1));
    if (p->kind != TOK_WORD || !lower ||
        date_key_in(c, i - 1, person, sizeof person / sizeof person[0]))
        return 0;
    if (j < c->tl->n && c->tl->v[j].kind == TOK_WORD &&
        (c->tl->v[j].flags & (TOK_F_CAP | TOK_F_ALLCAPS)) &&
        !(c->tl->v[j].flags & TOK_F_SENT_START))
        return 0;
    return 1;
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
    if (d1 < 0 && y1 < 0 && !m2 && (ab1 || !date_bare_month_ok(c, i, j, cx)))
        return 0;
    /* "Jalan 17 Agustus", "Universitas 17 Agustus 1945": a name, not a date */
    static const char *const named[] = {"jalan", "jl", "jl.", "jln",        "jln.",
                                        "gang",  "gg", "gg.", "universitas"};
    if (i > 0 && date_key_in(c, i - 1, named, sizeof named / sizeof named[0]))
        return 0;
    if (d1 < 0 && i >= 2 && (c->tl->v[i - 1].flags & TOK_F_ALLDIGIT) &&
        date_key_in(c, i - 2, named, sizeof named / sizeof named[0]))
        return 0; /* the month of "Jalan 17 Agustus", read from the month */
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
    m->v.a = (date_point){DP_YMD, y1 > 0 ? y1 : 0, m1, d0 >= 0 ? d0 : (d1 > 0 ? d1 : 0), 0, 0, 0};
    if (d0 >= 0)
        m->v.b = (date_point){DP_YMD, m->v.a.y, m1, d1, 0, 0, 0};
    else if (m2) {
        int by = y2 > 0 ? y2 : m->v.a.y;
        if (d2 > 0 && d2 > date_days_in_month(by ? by : 2000, m2))
            return 0;
        m->v.b = (date_point){DP_YMD, by, m2, d2 > 0 ? d2 : 0, 0, 0, 0};
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

static int
zone_offset(const date_ctx *c, int g, int *off)
{
    char buf[8];
    if (!date_grp_lower(c, g, buf, sizeof buf))
        return 0;
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (!strcmp(buf, zones[k].name)) {
            *off = zones[k].off;
            return 1;
        }
    return 0;
}

/* The hour written in words at token K ("tiga", "dua belas"), its tokens in *N; 0 for none. */
static int
hour_word(const date_ctx *c, size_t k, size_t *n)
{
    *n = 1;
    if (date_key_is(c, k, "dua") && date_key_is(c, k + 1, "belas"))
        return *n = 2, 12;
    for (size_t w = 0; w < date_n_numwords; w++)
        if (date_key_is(c, k, date_numwords[w].w))
            return date_numwords[w].n;
    return 0;
}

/* "pukul tiga sore", "pukul setengah delapan pagi" (half an hour before eight), "jam sembilan
 * malam": a clock time in words at token I. With a part of day after it, or after "pukul"
 * where the sentence or clause ends ("tiba pukul tiga."); "jam tiga" alone is as often three
 * hours, "pukul tiga kali" three blows. */
static int
clock_in_words(date_ctx *c, size_t i, date_ment *m)
{
    const int pukul = date_key_is(c, i, "pukul");
    if (!pukul && !date_key_is(c, i, "jam"))
        return 0;
    size_t k = i + 1, n;
    const int half = date_key_is(c, k, "setengah");
    int h = hour_word(c, k + half, &n);
    if (!h)
        return 0;
    k += half + n;
    char buf[32];
    const char *pod = NULL;
    if (date_key_is(c, k, "dini") && date_key_is(c, k + 1, "hari")) {
        pod = date_pod_of("dini hari");
        k += 2;
    } else if (k < c->tl->n && c->tl->v[k].key_len < sizeof buf) {
        memcpy(buf, tok_key(c->tl, &c->tl->v[k]), c->tl->v[k].key_len);
        buf[c->tl->v[k].key_len] = '\0';
        if ((pod = date_pod_of(buf)) != NULL)
            k++;
    }
    if (!pod && !(pukul && (k >= c->tl->n || c->tl->v[k].kind == TOK_PUNCT)))
        return 0;
    int mi = 0;
    if (half) { /* "setengah tiga" is 2.30, "setengah satu" 12.30 */
        h = h == 1 ? 12 : h - 1;
        mi = 30;
    }
    m->e = k;
    m->type = IDNER_TIME;
    m->v.ta = (date_clock){date_pod_hour(h, pod), mi, 0, 0, NULL, -1, 0};
    return 1;
}

/* Groups: 1 pukul/jam, 2 hour, 3 separator, 4 minutes, 5 seconds, 6 zone, 7 sign, 8 offset;
 * a range's end: 9 hour, 10 minutes, 11 seconds, 12 zone; 13 waktu setempat, 14 part of day;
 * 15 "tengah malam"/"tengah hari" alone, 16 its second word. A bare number is a time only
 * with "pukul"/"jam", a zone, or "waktu setempat" ("24 jam" is a duration); right after a
 * date (CX_CLOCK) "18:23" is one too. Midnight is 24:00, the end of the day it closes. */
int
date_form_time(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (clock_in_words(c, i, m))
        return 1;
    if (!date_match(c, RE_TIME, i))
        return 0;
    size_t s, e;
    char buf[32];
    date_grp(c, 0, &s, &e);
    size_t j = date_end_tok(c, i, e);
    if (!j)
        return 0;
    if (date_grp_lower(c, 16, buf, sizeof buf)) {
        m->e = j;
        m->type = IDNER_TIME;
        m->v.ta = (date_clock){!strcmp(buf, "malam") ? 24 : 12, 0, 0, 0, NULL, 0, 0};
        return 1;
    }
    int kw = date_grp(c, 1, &s, &s), local = date_grp(c, 13, &s, &s);
    int off = 0, zone = zone_offset(c, 6, &off) || zone_offset(c, 12, &off);
    int h = date_grp_num(c, 2), mi = date_grp_num(c, 4), sec = date_grp_num(c, 5);
    int h2 = date_grp_num(c, 9), mi2 = date_grp_num(c, 10), sec2 = date_grp_num(c, 11);
    if (!kw && !zone && !local) {
        /* After a date: "1 Agustus 2015 18:23", not "2.30 persen". */
        if (cx != CX_CLOCK || mi < 0 || (j < c->tl->n && (date_tok_bits(c, j) & TB_UNIT)))
            return 0;
    }
    if (mi < 0)
        mi = 0;
    if (h > 24 || mi > 59 || h2 > 24 || mi2 > 59 || sec > 59 || sec2 > 59)
        return 0;
    /* "jam 2 lebih 10 menit" style counts: jam + number + a unit is not a clock time. */
    if (j < c->tl->n && (date_key_is(c, j, "menit") || date_key_is(c, j, "detik")))
        return 0;
    const char *pod = NULL;
    if (date_grp_lower(c, 14, buf, sizeof buf)) {
        if (!strncmp(buf, "tengah", 6)) /* "pukul 12 tengah malam" is 00:00 */
            h = h == 12 && !strcmp(buf + 7, "malam") ? 0 : h;
        else
            pod = date_pod_of(buf);
    }
    if (date_grp_num(c, 8) >= 0 && date_grp(c, 7, &s, &e))
        off = (c->text[s] == '-' ? -1 : 1) * date_grp_num(c, 8) * 60;
    m->e = j;
    m->type = IDNER_TIME;
    m->v.ta = (date_clock){date_pod_hour(h, pod), mi, off, zone, NULL, sec, sec >= 0};
    if (h2 >= 0)
        m->v.tb = (date_clock){date_pod_hour(h2, pod), mi2, off, zone, NULL, sec2, sec2 >= 0};
    return 1;
}

/* Is the 4-digit number at token I (ending before token J) a year? Not after "Rp", "nomor",
 * "pasal" or another number, not glued to a word ("Hwasong-2024"), not before a counted noun
 * ("2000 orang"). STRONG ("tahun 2014", "awal 2014") trusts the context. */
static int
year_ok(const date_ctx *c, size_t i, size_t j, int y, int strong)
{
    /* before 1900 only after a preposition of time, as history writes them ("pada 1602",
     * "sejak 1811", "pada 1478-1518") */
    static const char *const before[] = {"pada", "sejak", "hingga", "sampai", "antara"};
    if (strong)
        return y >= 1000 && y <= 2999;
    if (y > 2100 || y < 1000 ||
        (y < 1900 && !(i > 0 && date_key_in(c, i - 1, before, sizeof before / sizeof *before))))
        return 0;
    if (i > 0) {
        const tok *p = &c->tl->v[i - 1];
        if (!(c->tl->v[i].flags & TOK_F_SPACE_BEFORE) && p->kind != TOK_PUNCT)
            return 0;
        if (!(c->tl->v[i].flags & TOK_F_SPACE_BEFORE) &&
            (date_is_punct(c, i - 1, '-') || date_is_punct(c, i - 1, '.')))
            return 0;
        if (date_is_punct(c, i - 1, '/')) /* "Nomor: 118/D/O/2001", a decree's number */
            return 0;
        if ((date_tok_bits(c, i - 1) & TB_NUMBEFORE) || p->kind == TOK_NUMBER)
            return 0;
        /* after a month that was no date ("Universitas 17 Agustus 1945"): the same name */
        if (date_tok_bits(c, i - 1) & TB_MONTH)
            return 0;
    }
    if (j < c->tl->n) {
        if (date_tok_bits(c, j) & TB_UNIT)
            return 0;
        if (date_is_punct(c, j, '-') && date_key_is(c, j + 1, "an"))
            return 0; /* "1980 - an" (a decade, spaced) */
        /* A licence plate: "B 2024 KZ". */
        const tok *nx = &c->tl->v[j];
        if (i > 0 && c->tl->v[i - 1].kind == TOK_WORD && (c->tl->v[i - 1].flags & TOK_F_CAP) &&
            c->tl->v[i - 1].byte_end - c->tl->v[i - 1].byte_start <= 2 && nx->kind == TOK_WORD &&
            (nx->flags & (TOK_F_ALLCAPS | TOK_F_CAP)) && nx->byte_end - nx->byte_start <= 3)
            return 0;
        if (!(c->tl->v[j].flags & TOK_F_SPACE_BEFORE) &&
            (date_is_punct(c, j, '-') || date_is_punct(c, j, '/') || c->tl->v[j].kind == TOK_WORD))
            return 0;
    }
    return 1;
}

/* The era written after a year (group G): 'B' before the common era ("SM", "sebelum
 * Masehi"; a range of such years may run down: "580-480 SM"), 'C' the common
 * era ("M", "Masehi"), 'H' Hijri ("H", "Hijriah"); 0 for none. The one-letter forms count only
 * in capitals: "2000 m" is a distance. */
static int
era_of(const date_ctx *c, int g)
{
    size_t s, e;
    char buf[16];
    if (!date_grp(c, g, &s, &e) || !date_grp_lower(c, g, buf, sizeof buf))
        return 0;
    const char *raw = c->text + s;
    if (!strcmp(buf, "sebelum masehi"))
        return 'B';
    if (!strcmp(buf, "sm") || !strncmp(buf, "s.m", 3))
        return raw[0] == 'S' ? 'B' : 0;
    if (!strcmp(buf, "m"))
        return raw[0] == 'M' ? 'C' : 0;
    if (!strcmp(buf, "h"))
        return raw[0] == 'H' ? 'H' : 0;
    return !strcmp(buf, "masehi") ? 'C' : 'H'; /* hijriah, hijriyah */
}

/* A Hijri year as the range of its days (SPEC 6), or null outside the Umm al-Qura table. */
static void
hijri_year_value(int hy, date_ment *m)
{
    long first, last;
    int y, mo, d;
    m->hijri = 1;
    if (!date_hijri_year(hy, &first, &last)) {
        m->v.null = 1;
        return;
    }
    date_from_days(first, &y, &mo, &d);
    m->v.a = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
    date_from_days(last, &y, &mo, &d);
    m->v.b = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
}

/* "(1712-1773)": a lifespan or a period in parentheses, tokens [I, J). */
static int
in_parens(const date_ctx *c, size_t i, size_t j)
{
    return i > 0 && date_is_punct(c, i - 1, '(') && date_is_punct(c, j, ')');
}

/* A second year after a first: "2019-2024", "2023/2024", "1933-34", "2011/12" (Y2 with
 * N2 digits, SLASH when written with "/"). The full second year, or 0 when it is none. */
static int
second_year(const date_ctx *c, size_t i, size_t j, int y1, int y2, size_t n2, int slash, int strong)
{
    if (n2 == 3 || (date_tok_bits(c, j) & TB_MONTH)) /* "2008 sampai 16 Juli": a day */
        return 0;
    if (n2 == 2) {
        y2 += y1 / 100 * 100;
        if (y2 <= y1)
            y2 += 100;
        return y2 - y1 <= 9 && year_ok(c, i, j, y1, strong) ? y2 : 0;
    }
    if (y2 <= y1 || (slash && y2 != y1 + 1))
        return 0;
    if (in_parens(c, i, j) && y1 >= 1000 && y2 <= 2100 && y2 - y1 <= 120)
        return y2;
    return year_ok(c, i, j, y1, strong) && (strong || (y2 <= 2100 && y2 - y1 <= 100)) ? y2 : 0;
}

/* Groups: 1 year, 2 separator, 3 second year, 4 era. A year of one to three digits needs
 * "tahun" before it or an era after it ("tahun 800", "753 SM"). */
int
date_form_year(date_ctx *c, size_t i, int cx, date_ment *m)
{
    if (!date_match(c, RE_YEAR, i))
        return 0;
    int strong = cx == CX_TAHUN || cx == CX_MOD;
    size_t s, e, ys, ye;
    date_grp(c, 0, &s, &e);
    date_grp(c, 1, &ys, &ye);
    int y1 = date_grp_num(c, 1), y2 = date_grp_num(c, 3), era = era_of(c, 4);
    size_t n1 = ye - ys;
    if (era == 'B' || era == 'H')
        y2 = -1; /* no ranges before the common era or of Hijri years here */
    /* "antara (tahun) 1942 dan 1945" is a range; elsewhere "2019 dan 2024" are two years */
    if (y2 >= 0 && date_key_is(c, i + 1, "dan") &&
        !((i > 0 && date_key_is(c, i - 1, "antara")) ||
          (i > 1 && date_key_is(c, i - 1, "tahun") && date_key_is(c, i - 2, "antara")))) {
        y2 = -1;
        era = 0; /* the era after the second year is the second year's */
    }
    if (y2 >= 0) {
        size_t ss, se, s2, e2;
        date_grp(c, 2, &ss, &se);
        date_grp(c, 3, &s2, &e2);
        size_t j = date_end_tok(c, i, era ? e : e2); /* "1293-1527 M": the era is the range's */
        /* "dari 1810 hingga 1821": a range from "dari" is years whenever they are */
        int from =
            i > 0 && date_key_is(c, i - 1, "dari") && y1 >= 1000 && y2 <= 2100 && e2 - s2 == 4;
        int full = j && n1 == 4 ? second_year(c, i, j, y1, y2, e2 - s2,
                                              memchr(c->text + ss, '/', se - ss) != NULL,
                                              strong || from || era)
                                : 0;
        if (full) {
            m->e = j;
            m->v.a = (date_point){DP_YMD, y1, 0, 0, 0, 0, 0};
            m->v.b = (date_point){DP_YMD, full, 0, 0, 0, 0, 0};
            m->has_year = 1;
            return 1;
        }
    }
    size_t j = date_end_tok(c, i, era ? e : ye);
    if (!j || y1 <= 0)
        return 0;
    m->e = j;
    m->has_year = 1;
    if (era == 'H') {
        hijri_year_value(y1, m);
        return n1 >= 3;
    }
    if (era == 'B') {
        m->v.null = 1; /* SPEC's value forms have no years before the common era */
        return 1;
    }
    if (n1 == 3 && cx != CX_TAHUN && era != 'C')
        return 0;
    /* "selama 3 tahun 300 hari": a duration, not the year 300 */
    if (n1 == 3 && !era &&
        ((j < c->tl->n && (date_tok_bits(c, j) & TB_UNIT)) ||
         (i >= 2 && (c->tl->v[i - 2].kind == TOK_NUMBER || (date_tok_bits(c, i - 2) & TB_NUMW)))))
        return 0;
    if (n1 < 3 && era != 'C')
        return 0;
    if (n1 == 4 && !era && !year_ok(c, i, j, y1, strong))
        return 0;
    m->v.a = (date_point){DP_YMD, y1, 0, 0, 0, 0, 0};
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
    m->v.a = (date_point){DP_DECADE, y, 0, 0, 0, 0, 0};
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

/* Groups: 1 the number (digits or Roman), 2 era ("abad ke-5 SM"). */
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
    m->v.a = (date_point){DP_CENTURY, n, 0, 0, 0, 0, 0};
    m->v.null = era_of(c, 2) == 'B'; /* "abad ke-5 SM": no value form for it (SPEC 4.2) */
    /* "abad ke-7 hingga abad ke-13", "abad ke-15 sampai ke-17": a range of centuries */
    char buf2[16];
    if (date_grp_lower(c, 3, buf2, sizeof buf2)) {
        int n2 = buf2[0] >= '0' && buf2[0] <= '9' ? date_grp_num(c, 3) : roman(buf2);
        size_t s1, e1;
        if (!m->v.null && n2 > n && n2 <= 30)
            m->v.b = (date_point){DP_CENTURY, n2, 0, 0, 0, 0, 0};
        else if ((date_grp(c, 2, &s1, &e1) || date_grp(c, 1, &s1, &e1)) &&
                 (j = date_end_tok(c, i, e1)) != 0)
            m->e = j; /* no second century: the first alone */
        else
            return 0;
    }
    m->has_year = 1;
    return 1;
}
