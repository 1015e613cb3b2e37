/*
 * date/join.c: a date mention from its parts (SPEC.md section 4.1): the core form at a token
 * (chosen by cheap token tests before any regex), the words before it (tanggal, tahun, bulan,
 * hari; awal, pertengahan, akhir, sekitar), the words after it (lalu, ini, tahun lalu, a part
 * of day, a clock time, a second day of a range). What the reference date decides is in
 * date/resolve.c.
 */
#include <stdlib.h>
#include <string.h>

#include "date/impl.h"
#include "date/names.h"

/* ---- joining a core form with its prefix and tail words ------------------------------- */

/* What may follow a prefix word: "tanggal" a day, "tahun" a year, "bulan" a month, "hari" a
 * weekday. */
static int
fits_prefix(int cx, const date_ment *m)
{
    const date_point *a = &m->v.a;
    switch (cx) {
    case CX_TANGGAL:
        return (m->form == RE_DIGIT || m->form == RE_WRITTEN) && a->d > 0;
    case CX_TAHUN:
        return m->form == RE_YEAR || m->form == RE_DECADE || (m->form == RE_HIJRI && !m->hijri_m);
    case CX_DEKADE:
        return m->form == RE_DECADE;
    case CX_BULAN:
        return (m->form == RE_WRITTEN || m->form == RE_HIJRI) && a->d == 0 && !m->hijri_d;
    case CX_HARI:
        return m->form == RE_WD;
    case CX_MOD:
    case CX_APPROX:
        return !m->bare_wd && !m->stated_wd;
    default:
        return 1;
    }
}

/* Could token J join a day to a second day ("3-5 November", "3 hingga 5 November")? */
static int
range_next(const date_ctx *c, size_t j)
{
    if (j >= c->tl->n)
        return 0;
    const tok *t = &c->tl->v[j];
    if (t->kind == TOK_PUNCT) /* a dash, en dash or em dash */
        return c->text[t->byte_start] == '-' || (unsigned char)c->text[t->byte_start] == 0xe2;
    return date_key_is(c, j, "hingga") || date_key_is(c, j, "sampai") ||
           date_key_is(c, j, "s.d.") || date_key_is(c, j, "s.d") || date_key_is(c, j, "s/d") ||
           date_key_is(c, j, "sd") ||
           (date_key_is(c, j, "s") &&
            (date_is_punct(c, j + 1, '/') || date_is_punct(c, j + 1, '.')) &&
            date_key_is(c, j + 2, "d"));
}

/* The tokens a range separator at J takes: "sampai dengan" 2, "s / d" and "s.d" 3 (4 with a
 * period after), others 1. */
static size_t
range_len(const date_ctx *c, size_t j)
{
    if (date_key_is(c, j, "sampai") && date_key_is(c, j + 1, "dengan"))
        return 2;
    if (!date_key_is(c, j, "s") || date_key_is(c, j + 1, "d"))
        return 1;
    return date_is_punct(c, j + 3, '.') ? 4 : 3;
}

typedef int (*form_fn)(date_ctx *, size_t, int, date_ment *);

/* Tries form FN (pattern ID) at token I; keeps the longest that fits the prefix context. */
static void
try_form(date_ctx *c, form_fn fn, int id, size_t i, int cx, date_ment *best, int *found)
{
    date_ment m;
    date_ment_init(&m, i);
    if (fn(c, i, cx, &m)) {
        m.form = id;
        if (fits_prefix(cx, &m) && (!*found || m.e > best->e)) {
            *best = m;
            *found = 1;
        }
    }
}

/* Is token J one of the punctuation characters that separate the parts of a date or a clock
 * time in tokenized text ("27 / 4", "09 . 15")? */
static int
spaced_sep(const date_ctx *c, size_t j, const char *chars)
{
    if (j + 1 >= c->tl->n || c->tl->v[j].kind != TOK_PUNCT ||
        !(c->tl->v[j + 1].flags & TOK_F_ALLDIGIT) ||
        !((c->tl->v[j].flags | c->tl->v[j + 1].flags) & TOK_F_SPACE_BEFORE))
        return 0;
    return strchr(chars, c->text[c->tl->v[j].byte_start]) != NULL;
}

/* Is token J the dash of a range of days of one month ("4-6/11/2024", "4 – 6/11"), a digit
 * date after it? */
static int
day_range_dash(const date_ctx *c, size_t j)
{
    if (j + 1 >= c->tl->n || c->tl->v[j + 1].kind != TOK_DATEDIGITS)
        return 0;
    const tok *t = &c->tl->v[j];
    const char *p = c->text + t->byte_start;
    size_t n = t->byte_end - t->byte_start;
    return t->kind == TOK_PUNCT &&
           ((n == 1 && *p == '-') || (n == 3 && !memcmp(p, "\xe2\x80\x93", 3)));
}

/* Cheap tests on the token before any regex: most numbers in news are amounts, and most
 * trigger words start one form only. This is what keeps the stage fast. */
static int
parse_core(date_ctx *c, size_t i, int cx, date_ment *best)
{
    const tok *t = &c->tl->v[i];
    size_t len = t->byte_end - t->byte_start;
    const char *p = c->text + t->byte_start;
    uint32_t nb = date_tok_bits(c, i + 1);
    int found = 0;
    if (date_has_digit(t)) {
        int alld = (t->flags & TOK_F_ALLDIGIT) != 0;
        if (t->kind == TOK_DATEDIGITS || (len >= 8 && len <= 10 && memchr(p, '.', len)) ||
            (alld && len <= 4 && spaced_sep(c, i + 1, "/-.")) ||
            (alld && len <= 2 && day_range_dash(c, i + 1)))
            try_form(c, date_form_digit, RE_DIGIT, i, cx, best, &found);
        if (alld && len <= 2 &&
            ((nb & TB_MONTH) || range_next(c, i + 1) ||
             (date_key_is(c, i + 1, "dan") && (date_tok_bits(c, i + 3) & TB_MONTH))))
            try_form(c, date_form_written, RE_WRITTEN, i, cx, best, &found);
        if (alld && len <= 2 && (nb & TB_HIJRI))
            try_form(c, date_form_hijri, RE_HIJRI, i, cx, best, &found);
        if ((len <= 8 && (nb & TB_DW(DW_ZONE))) ||
            (alld && len <= 2 && spaced_sep(c, i + 1, ".:") &&
             (date_tok_bits(c, i + 3) & TB_DW(DW_ZONE))))
            try_form(c, date_form_time, RE_TIME, i, cx, best, &found);
        if ((len >= 4 && (p[len - 1] == 'n' || p[len - 1] == 'N')) || /* 1990-an, 90an */
            (alld && len <= 4 && date_key_is(c, i + 2, "an")))        /* 1990 - an */
            try_form(c, date_form_decade, RE_DECADE, i, cx, best, &found);
        if (t->kind == TOK_DATEDIGITS || (alld && len == 4) || (alld && cx == CX_TAHUN) ||
            (alld && len <= 4 && (nb & TB_DW(DW_ERA))) || (len == 5 && (p[4] == 'H')))
            try_form(c, date_form_year, RE_YEAR, i, cx, best, &found);
        if (alld && len <= 3 && (nb & TB_DW(DW_RELUNIT)))
            try_form(c, date_form_rel, RE_REL, i, cx, best, &found);
        return found;
    }
    uint32_t b = date_tok_bits(c, i);
    /* "Isra' Mi'raj": a word-final apostrophe is a token of its own */
    const tok *ap = i + 1 < c->tl->n ? &c->tl->v[i + 1] : NULL;
    uint32_t nb2 = ap && ap->kind == TOK_PUNCT &&
                           (c->text[ap->byte_start] == '\'' ||
                            !strncmp(c->text + ap->byte_start, "\xe2\x80\x99", 3))
                       ? date_tok_bits(c, i + 2)
                       : nb;
    if ((b & TB_HOL1) || ((b & TB_HOL) && (nb2 & TB_HOL2)))
        try_form(c, date_form_hol, RE_HOL, i, cx, best, &found);
    /* A unit word ("hari", "tahun") starts a relative date only before ini, lalu, yang, ... */
    if (((b & TB_DW(DW_REL)) && (!(b & TB_DW(DW_RELUNIT)) || (nb & TB_DW(DW_RELNEXT)))) ||
        ((b & TB_NUMW) && (nb & TB_DW(DW_RELUNIT))))
        try_form(c, date_form_rel, RE_REL, i, cx, best, &found);
    if (b & TB_MONTH)
        try_form(c, date_form_written, RE_WRITTEN, i, cx, best, &found);
    if (b & TB_HIJRI)
        try_form(c, date_form_hijri, RE_HIJRI, i, cx, best, &found);
    if ((b & TB_WD) &&
        (!(b & TB_WDABBR) || date_is_punct(c, i + 1, ',') || date_is_punct(c, i + 1, '(')))
        try_form(c, date_form_weekday, RE_WD, i, cx, best, &found);
    if ((b & TB_DW(DW_TIMEKW)) && (!date_key_is(c, i, "tengah") || date_key_is(c, i + 1, "malam") ||
                                   date_key_is(c, i + 1, "hari")))
        try_form(c, date_form_time, RE_TIME, i, cx, best, &found);
    if (b & TB_DW(DW_CENT))
        try_form(c, date_form_cent, RE_CENT, i, cx, best, &found);
    if ((b & TB_POD) || (b & TB_DW(DW_POD)))
        try_form(c, date_form_pod, RE_POD, i, cx, best, &found);
    if (date_key_is(c, i, "malam") && (nb & TB_HOL)) { /* "malam Natal", "malam tahun baru" */
        date_ment h;
        date_ment_init(&h, i + 1);
        if (date_form_hol(c, i + 1, cx, &h) && (h.feast || h.v.a.d) && (!found || h.e > best->e)) {
            *best = h;
            best->s = i;
            best->form = RE_HOL;
            best->eve = 1;
            found = 1;
        }
    }
    if (b & TB_DW(DW_PERIOD))
        try_form(c, date_form_period, RE_PERIOD, i, cx, best, &found);
    return found;
}

/* "Nomor 11 Tahun 2020", "UU 12 Tahun 2024": the year is part of a law's name. I is the
 * token of "tahun". */
int
date_law_year(const date_ctx *c, size_t i)
{
    static const char *const law[] = {"no",      "no.",     "nomor",  "nomer", "uu",
                                      "pp",      "perpres", "perppu", "perda", "permen",
                                      "keppres", "kepres",  "inpres", "perma"};
    return i >= 2 && c->tl->v[i - 1].kind == TOK_NUMBER &&
           (c->tl->v[i - 1].flags & TOK_F_ALLDIGIT) && date_key_in(c, i - 2, law, 14);
}

/* "tanggal 3", "tanggal 3 bulan ini": a day of a month the reader knows. */
static int
tanggal_bare(date_ctx *c, size_t i, date_ment *m)
{
    size_t j = i + 1;
    if (j >= c->tl->n || !(c->tl->v[j].flags & TOK_F_ALLDIGIT) ||
        c->tl->v[j].byte_end - c->tl->v[j].byte_start > 2)
        return 0;
    const char *k = c->text + c->tl->v[j].byte_start;
    int d = c->tl->v[j].byte_end - c->tl->v[j].byte_start == 2 ? (k[0] - '0') * 10 + k[1] - '0'
                                                               : k[0] - '0';
    if (d < 1 || d > 31)
        return 0;
    date_ment_init(m, i);
    m->e = j + 1;
    m->form = RE_DIGIT;
    m->day_level = 1;
    m->v.a = (date_point){DP_YMD, 0, 0, d, 0, 0, 0};
    int shift = 0, said = 0;
    if (date_key_is(c, j + 1, "bulan")) {
        said = date_key_is(c, j + 2, "ini")     ? 1
               : date_key_is(c, j + 2, "lalu")  ? 2
               : date_key_is(c, j + 2, "depan") ? 3
                                                : 0;
        shift = said == 2 ? -1 : said == 3 ? 1 : 0;
        if (said)
            m->e = j + 3;
    }
    if (!c->ref.y)
        return 1;
    int best = 0;
    long bestd = 0, r = date_to_days(c->ref.y, c->ref.m, c->ref.d);
    for (int s = said ? shift : -1; s <= (said ? shift : 1); s++) {
        int y = c->ref.y, mo = c->ref.m;
        date_add_months(&y, &mo, s);
        if (!date_valid(y, mo, d))
            continue;
        long dist = labs(date_to_days(y, mo, d) - r);
        if (!best || dist < bestd) {
            best = 1;
            bestd = dist;
            m->v.a = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
        }
    }
    return 1;
}

static int
prefix_cx(const date_ctx *c, size_t i)
{
    if (!(date_tok_bits(c, i) & TB_DW(DW_PREFIX)))
        return CX_NONE;
    if (date_key_is(c, i, "tanggal") || date_key_is(c, i, "tgl") || date_key_is(c, i, "tgl."))
        return CX_TANGGAL;
    if (date_key_is(c, i, "tahun") || date_key_is(c, i, "thn"))
        return CX_TAHUN;
    if (date_key_is(c, i, "bulan"))
        return CX_BULAN;
    if (date_key_is(c, i, "dekade"))
        return CX_DEKADE;
    if (date_key_is(c, i, "hari"))
        return CX_HARI;
    return CX_NONE;
}

/* A core form at I, or a prefix word at I and a core form after it; the longer wins. */
static int
parse_prefixed(date_ctx *c, size_t i, int cx, date_ment *m)
{
    date_ment b;
    int fa = parse_core(c, i, cx, m);
    int pcx = prefix_cx(c, i);
    if (!pcx || i + 1 >= c->tl->n)
        return fa;
    if (pcx == CX_TAHUN && date_law_year(c, i))
        return 0;
    int fb = parse_core(c, i + 1, pcx, &b);
    if (!fb && pcx == CX_TANGGAL)
        fb = tanggal_bare(c, i, &b);
    if (fb && (!fa || b.e > m->e)) {
        *m = b;
        m->s = i;
        return 1;
    }
    return fa;
}

static int
mod_of(const date_ctx *c, size_t i)
{
    if (!(date_tok_bits(c, i) & TB_DW(DW_MOD)))
        return MOD_NONE;
    if (date_key_is(c, i, "awal"))
        return MOD_START;
    if (date_key_is(c, i, "pertengahan") || date_key_is(c, i, "medio"))
        return MOD_MID;
    if (date_key_is(c, i, "akhir") || date_key_is(c, i, "penghujung"))
        return MOD_END;
    if (date_key_is(c, i, "sekitar"))
        return MOD_APPROX;
    return MOD_NONE;
}

/* "akhir pekan" (ini, lalu, depan): a weekend (SPEC 4.2), of the reference date's week, the
 * week before or after; "setiap akhir pekan" any weekend. */
static int
weekend(date_ctx *c, size_t i, date_ment *m)
{
    size_t k = i + 1;
    if (!date_key_is(c, k, "pekan") &&
        !(date_key_is(c, k, "minggu") && !(c->tl->v[k].flags & TOK_F_CAP)))
        return 0;
    int shift = date_key_is(c, k + 1, "ini")                                           ? 0
                : date_key_is(c, k + 1, "lalu") || date_key_is(c, k + 1, "kemarin")    ? -1
                : date_key_is(c, k + 1, "depan") || date_key_is(c, k + 1, "mendatang") ? 1
                                                                                       : 2;
    date_ment_init(m, i);
    m->e = k + 1 + (shift != 2);
    m->form = RE_REL;
    m->has_year = 1;
    m->v.a = (date_point){DP_WEEKEND, 0, 0, 0, 0, 0, 0};
    int any = i > 0 && (date_key_is(c, i - 1, "setiap") || date_key_is(c, i - 1, "tiap"));
    if (any || (shift == 2 && !c->ref.y))
        return 1; /* XXXX-WXX-WE */
    if (!c->ref.y) {
        m->v.null = 1;
        return 1;
    }
    date_rel_point(&c->ref, 1, shift == 2 ? 0 : shift, &m->v.a);
    m->v.a.kind = DP_WEEKEND;
    return 1;
}

/* "akhir tahun", "awal bulan", "awal pekan": the reference date's year, month or week. */
static int
mod_bare(date_ctx *c, size_t i, int mod, date_ment *m)
{
    int unit = date_key_is(c, i + 1, "tahun")                                        ? 3
               : date_key_is(c, i + 1, "bulan")                                      ? 2
               : (date_key_is(c, i + 1, "pekan") || date_key_is(c, i + 1, "minggu")) ? 1
                                                                                     : 0;
    if (!unit ||
        (c->tl->v[i + 1].flags & TOK_F_CAP && unit == 1 && date_key_is(c, i + 1, "minggu")))
        return 0;
    date_ment_init(m, i);
    m->e = i + 2;
    m->mod = mod;
    m->form = RE_REL;
    m->has_year = 1;
    if (!c->ref.y) {
        m->v.null = 1;
        return 1;
    }
    const date_ymd *r = &c->ref;
    if (unit == 3)
        m->v.a = (date_point){DP_YMD, r->y, 0, 0, 0, 0, 0};
    else if (unit == 2)
        m->v.a = (date_point){DP_YMD, r->y, r->m, 0, 0, 0, 0};
    else {
        int wy, w;
        date_iso_week(r->y, r->m, r->d, &wy, &w);
        m->v.a = (date_point){DP_WEEK, wy, 0, 0, w, 0, 0};
    }
    return 1;
}

int
date_parse_mention(date_ctx *c, size_t i, date_ment *m)
{
    int mod = mod_of(c, i);
    if (mod == MOD_END && date_key_is(c, i, "akhir") && weekend(c, i, m))
        return 1;
    if (mod && i + 1 < c->tl->n) {
        if (parse_prefixed(c, i + 1, mod == MOD_APPROX ? CX_APPROX : CX_MOD, m) && !m->bare_wd &&
            !m->mod) {
            m->s = i;
            m->mod = mod;
            return 1;
        }
        return mod != MOD_APPROX && mod_bare(c, i, mod, m);
    }
    return parse_prefixed(c, i, CX_NONE, m);
}

/* Words after a date that belong to it (SPEC 4.1) and the direction they give. */
static int
trail_dir(const date_ctx *c, size_t j, int *dir)
{
    static const struct {
        const char *w;
        int dir;
    } tw[] = {{"lalu", -1}, {"silam", -1}, {"mendatang", 1},
              {"depan", 1}, {"nanti", 1},  {"ini", 0}};
    for (size_t k = 0; k < sizeof tw / sizeof tw[0]; k++)
        if (date_key_is(c, j, tw[k].w)) {
            *dir = tw[k].dir;
            return 1;
        }
    return 0;
}

static void pod_time(date_ctx *c, date_ment *m, const char *pod);

/* Extends M over what follows its core: "tahun lalu", "lalu"/"ini"/"depan", a part of day, a
 * clock time (SPEC 4.1: a date directly followed by its time is one TIME mention). */
void
date_tail(date_ctx *c, date_ment *m)
{
    size_t n = c->tl->n;
    int dir;
    if (m->form == RE_POD && m->v.ta.pod) {
        pod_time(c, m, m->v.ta.pod); /* "siang ini pukul 14.00" */
        return;
    }
    if (m->type != IDNER_DATE)
        return;
    /* A null value (kemarin without a reference date) has no direction to take. */
    int yearless = !m->v.null && m->need_year && m->v.a.kind == DP_YMD && m->v.a.m;
    /* "sejak Juni": what started is in the past. */
    if (yearless && m->s > 0 && date_key_is(c, m->s - 1, "sejak"))
        m->dir = -1;
    if (yearless && m->e + 1 < n && date_key_is(c, m->e, "tahun") && trail_dir(c, m->e + 1, &dir) &&
        !date_key_is(c, m->e + 1, "nanti")) {
        if (c->ref.y) {
            m->v.a.y = c->ref.y + dir;
            if (m->v.b.kind == DP_YMD)
                m->v.b.y = m->v.a.y + (m->v.b.m < m->v.a.m);
            m->need_year = 0;
        }
        m->e += 2;
    } else if (m->bare_wd && date_key_is(c, m->e, "kemarin")) {
        m->wd_rel = 5; /* "Selasa kemarin": the last Tuesday before the reference date */
        m->e++;
    } else if (!m->v.null && m->e < n && trail_dir(c, m->e, &dir)) {
        int take = 0;
        if (m->bare_wd) {
            take = 1;
            m->wd_rel = date_key_is(c, m->e, "ini")     ? 1
                        : dir < 0                       ? 2
                        : date_key_is(c, m->e, "depan") ? 3
                                                        : 4;
        } else if (m->need_year) {
            take = 1;
            m->dir = dir;
        } else if (m->form != RE_REL && m->v.a.kind == DP_YMD && !date_key_is(c, m->e, "depan") &&
                   !date_key_is(c, m->e, "nanti")) {
            take = 1; /* "2014 lalu", "3 November 2024 lalu" */
        }
        m->e += take;
    }
    if (!m->day_level)
        return;
    if (m->form == RE_REL && m->e + 2 < n && c->tl->v[m->e].kind == TOK_PUNCT &&
        c->text[c->tl->v[m->e].byte_start] == '(') {
        /* "kemarin (19/11)": the stated date says which day; one mention, like a weekday's. */
        date_ment d;
        date_ment_init(&d, m->e + 1);
        if (date_form_digit(c, m->e + 1, CX_WD, &d) && d.e < n && c->tl->v[d.e].kind == TOK_PUNCT &&
            c->text[c->tl->v[d.e].byte_start] == ')') {
            d.s = m->s;
            d.e++;
            d.form = RE_DIGIT;
            *m = d;
        }
    }
    const char *pod = NULL;
    /* A part of day after the date, maybe after a comma: "Selasa (30/12/2014), malam". */
    size_t k = m->e + (date_is_punct(c, m->e, ',') && m->type == IDNER_DATE);
    if (!m->v.ta.pod && k < n && (date_tok_bits(c, k) & TB_POD) && date_match(c, RE_PODW, k)) {
        size_t s, e;
        char w[32];
        date_grp(c, 0, &s, &e);
        size_t j = date_end_tok(c, k, e);
        if (j && date_grp_lower(c, 1, w, sizeof w) && (pod = date_pod_of(w)) != NULL) {
            m->e = j;
            m->type = IDNER_TIME;
            m->v.ta.pod = pod;
        }
    }
    pod_time(c, m, pod ? pod : m->v.ta.pod);
}

/* Joins a clock time after M (spaces or a comma between) into M: one TIME mention (SPEC 4.1).
 * POD: a part of day already in M, which moves the hour ("Sabtu malam pukul 9" is 21:00). */
static void
pod_time(date_ctx *c, date_ment *m, const char *pod)
{
    size_t n = c->tl->n, k = m->e;
    if (k < n && c->tl->v[k].kind == TOK_PUNCT && c->text[c->tl->v[k].byte_start] == ',')
        k++;
    date_ment t;
    date_ment_init(&t, k);
    /* After a written day a clock needs no "pukul": "1 Agustus 2015 18:23". */
    int cx = m->v.a.kind == DP_YMD && m->v.a.d && !m->bare_wd ? CX_CLOCK : CX_NONE;
    if (k < n && (date_tok_bits(c, k) & TB_DW(DW_TIMEKW) || date_has_digit(&c->tl->v[k])) &&
        date_form_time(c, k, cx, &t)) {
        m->e = t.e;
        m->type = IDNER_TIME;
        m->v.ta = t.v.ta;
        m->v.tb = t.v.tb;
        if (pod && m->v.ta.h >= 0)
            m->v.ta.h = date_pod_hour(m->v.ta.h, pod);
        m->v.ta.pod = NULL;
    }
}

/* A single day ("Minggu (24/8)", "3/11/2024") that can open or close a range of days. */
static int
one_day(const date_ment *m)
{
    const date_point *a = &m->v.a;
    /* Not a weekday alone: "buka Senin-Jumat" is every week, not one range. */
    return !m->v.null && !m->bare_wd && a->kind == DP_YMD && a->m && a->d &&
           m->v.b.kind == DP_NONE && m->mod == MOD_NONE &&
           (m->type == IDNER_DATE || ((m->v.ta.h >= 0 || m->v.ta.pod) && m->v.tb.h < 0));
}

/* Minutes since 1970 of M's day and clock time (a day alone: its start). */
static long
moment(const date_ment *m)
{
    const date_point *a = &m->v.a;
    return date_to_days(a->y ? a->y : 2000, a->m, a->d) * 1440 +
           (m->type == IDNER_TIME && m->v.ta.h >= 0 ? m->v.ta.h * 60 + m->v.ta.mi : 0);
}

/* "Rabu-Kamis (6-7/11)", "Sabtu dan Minggu (9-10/11/2024)": the days of the pair of weekdays
 * M and B written after it in parentheses say which they are: M becomes the range, with a
 * conflict when a day is not its weekday. */
static int
paren_days(date_ctx *c, date_ment *m, const date_ment *b, const date_last *last)
{
    size_t k = b->e;
    date_ment r;
    date_ment_init(&r, k + 1);
    if (!date_is_punct(c, k, '(') || !date_form_digit(c, k + 1, CX_WD, &r) ||
        r.v.b.kind != DP_YMD || !date_is_punct(c, r.e, ')'))
        return 0;
    r.s = m->s;
    r.e++;
    date_tail(c, &r); /* "(6-7/11) mendatang" */
    r.stated_wd = m->bare_wd;
    date_resolve(c, &r, last);
    const date_point *y = &r.v.b;
    if (r.stated_wd > 0 && y->y && date_weekday(y->y, y->m, y->d) != b->bare_wd)
        r.stated_wd = -1;
    *m = r;
    return 1;
}

/* "Sabtu-Minggu", "Senin hingga Jumat", "Sabtu dan Minggu": a pair of weekdays is one range
 * mention, the second day the first of its name after the first; "setiap Senin-Jumat" is
 * every week (XXXX-WXX-1/XXXX-WXX-5). With "dan" only a day and the next one. */
static void
join_weekdays(date_ctx *c, date_ment *m, const date_last *last)
{
    size_t k = m->e;
    int dan = date_key_is(c, k, "dan");
    if (!dan && !range_next(c, k))
        return;
    k += dan ? 1 : range_len(c, k);
    date_ment b;
    date_ment_init(&b, k);
    if (k >= c->tl->n || !(date_tok_bits(c, k) & TB_WD) || !date_form_weekday(c, k, CX_NONE, &b) ||
        !b.bare_wd)
        return;
    int delta = (b.bare_wd - m->bare_wd + 7) % 7;
    if (!delta || (dan && delta != 1))
        return;
    if (paren_days(c, m, &b, last))
        return;
    date_tail(c, &b); /* "Senin-Selasa depan": the words after the pair say which week */
    if (b.type != IDNER_DATE)
        return;
    date_resolve(c, &b, last);
    m->e = b.e;
    int every =
        m->s > 0 && (date_key_is(c, m->s - 1, "setiap") || date_key_is(c, m->s - 1, "tiap"));
    date_point *a = &m->v.a;
    if (every || a->kind != DP_YMD) {
        *a = (date_point){DP_WEEK, 0, 0, 0, 0, m->bare_wd, 0};
        m->v.b = (date_point){DP_WEEK, 0, 0, 0, 0, b.bare_wd, 0};
        return;
    }
    if (b.wd_rel) { /* the second day's words place the pair */
        m->v.b = b.v.a;
        *a = b.v.a;
        date_add_days(&a->y, &a->m, &a->d, -delta);
        return;
    }
    int y = a->y, mo = a->m, d = a->d;
    date_add_days(&y, &mo, &d, delta);
    m->v.b = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
}

/* "Minggu (24/8) hingga Senin (25/8)": two days joined by hingga/sampai/s.d./a dash are one
 * range mention (SPEC 4.1), as "28 Oktober hingga 1 November" already is inside one form; so
 * are two days with their clock times. */
void
date_join_range(date_ctx *c, date_ment *m, const date_last *last)
{
    size_t k = m->e;
    if (m->bare_wd && m->type == IDNER_DATE && !m->wd_rel) {
        join_weekdays(c, m, last);
        return;
    }
    if (!one_day(m) || !range_next(c, k))
        return;
    k += range_len(c, k);
    date_ment b;
    if (k >= c->tl->n || !date_parse_mention(c, k, &b))
        return;
    date_tail(c, &b);
    date_resolve(c, &b, last);
    /* Two days, or two days with their clock times ("Jumat (5/4/2024) pukul 06.00 WIB hingga
     * Selasa (16/4/2024) pukul 18.00 WIB"), the second later. */
    if (!one_day(&b) || b.type != m->type || (m->v.a.y == 0) != (b.v.a.y == 0) ||
        moment(&b) <= moment(m) || !m->v.ta.pod != !b.v.ta.pod)
        return;
    m->e = b.e;
    m->v.b = b.v.a;
    m->v.tb = b.v.ta;
    if (b.stated_wd < 0)
        m->stated_wd = -1;
}
