/*
 * date/impl.h: what the files of the date stage share. Private to the stage; calls run one
 * way, from the top down:
 *
 *   date.c    the model (patterns, word table) and the scan that emits candidates
 *     join.c      a mention from its parts: core form, prefixes, tail, ranges
 *     resolve.c   what the reference date, the tense of the clause and the dates before decide
 *       forms.c   one reader per form of SPEC.md section 4: numbers (digit dates, written
 *       words.c   dates, clock times, years) in forms.c; words (relative dates, parts of day,
 *       holiday.c weekdays, quarters, seasons) in words.c; holidays and Hijri dates in holiday.c
 *         match.c running the patterns, reading groups, looking words up (the leaf)
 *   names.c, value.c, calendar.c: fixed vocabulary, calendar arithmetic and the generated
 *   calendar tables, used by all of them
 *
 *   token i --prefilter--> trigger? --forms at i (pcre2, anchored at the token)--> longest
 *   core --prefixes (tanggal/tahun/bulan/hari, awal/akhir/sekitar)--> tail (lalu/ini, tahun
 *   lalu, part of day, clock time) --resolve against the reference date--> candidate
 */
#ifndef IDNER_DATE_IMPL_H
#define IDNER_DATE_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "date/date.h"
#include "date/value.h"

enum date_re {
    RE_DIGIT,   /* 3/11/2024 28/10 2024-11-03 03-11-2024 3.11.2024 */
    RE_WRITTEN, /* 3 November 2024, Nov 2024, 3-5 November, 28 Oktober-1 November 2024 */
    RE_TIME,    /* pukul 10.30 WIB, 10:30 WITA, jam 7 pagi, pukul 19.00 waktu setempat */
    RE_REL,     /* kemarin, pekan lalu, dua hari lalu, sepekan lalu */
    RE_YEAR,    /* 2014, 2019-2024, 2023/2024 */
    RE_DECADE,  /* 1990-an, 90-an */
    RE_CENT,    /* abad ke-21, abad XX */
    RE_HOL,     /* Natal, HUT RI ke-79, Idul Fitri 2024 */
    RE_HIJRI,   /* 1 Syawal 1445 H, Ramadan 1445 Hijriah, 10 Zulhijah */
    RE_PERIOD,  /* kuartal I 2016, semester kedua, kuartal lalu, musim panas 1959 */
    RE_POD,     /* pagi ini, tadi malam */
    RE_PODW,    /* a part of day after a date: malam, dini hari */
    RE_WD,      /* a weekday and what joins it to its date: "Minggu (", "Jumat, " */
    RE_COUNT
};

/* Bits of the word table (one entry per word, keyed by tok_hash of the key). */
enum {
    TB_TRIGGER = 1u << 0, /* a date expression may start here */
    TB_MONTH = 1u << 1,
    TB_WD = 1u << 2,
    TB_NUMW = 1u << 3,
    TB_UNIT = 1u << 4, /* WC_UNIT */
    TB_NUMBEFORE = 1u << 5,
    TB_MONTHCTX = 1u << 6,
    TB_WEEKCTX = 1u << 7,
    TB_POD = 1u << 8,
    TB_HOL = 1u << 9,    /* the first word of a holiday's name */
    TB_HIJRI = 1u << 10, /* the first word of a Hijri month's name */
    TB_HOL1 = 1u << 11,  /* a holiday's name of one word ("Natal", "Lebaran") */
    TB_HOL2 = 1u << 12,  /* the second word of a holiday's name ("hari *raya*") */
    TB_WDABBR = 1u << 13 /* an abbreviated weekday ("Sen"), only before its date */
};
/* The DW_* bits of date/names.h, kept above the TB_* bits. */
#define TB_DW(x) ((uint32_t)(x) << 16)

enum { DATE_TRIG_LOG2 = 13 };

typedef struct date_word_ent {
    uint64_t h;
    uint32_t bits;
} date_word_ent;

struct date_model {
    pcre2_code *re[RE_COUNT];
    pcre2_match_context *mctx; /* limits only; read, never written, while matching */
    int big;                   /* the pattern with the most groups: sizes the match data */
    date_word_ent *words;      /* open addressing, power-of-two size, h == 0 is empty */
    size_t words_mask;
    /* One bit per top DATE_TRIG_LOG2 bits of a hash, set for the words with TB_TRIGGER: the
     * prefilter's first test, before the table probe (most words start no date). */
    uint64_t trig_filter[(1u << DATE_TRIG_LOG2) / 64];
};

/* What a form was found in: the word before it, which changes what it may be. */
enum date_cx {
    CX_NONE = 0,
    CX_TANGGAL, /* after "tanggal": needs a day */
    CX_TAHUN,   /* after "tahun": a year, a year range or a decade */
    CX_DEKADE,  /* after "dekade": a decade */
    CX_BULAN,   /* after "bulan": a month */
    CX_HARI,    /* after "hari": a weekday ("hari Minggu" is Sunday) */
    CX_MOD,     /* after awal/pertengahan/akhir */
    CX_APPROX,  /* after sekitar */
    CX_WD       /* after a weekday and "(" or ",": a yearless d/m is a date here */
};

/* A mention being built. Tokens [s, e). */
typedef struct date_ment {
    size_t s, e;
    int type; /* IDNER_DATE or IDNER_TIME */
    int mod;
    date_val v;
    int need_year; /* a.y (and b.y) to be resolved against the reference date */
    int dir;       /* resolution direction: -1 lalu/silam, +1 depan/mendatang, 0 nearest */
    int bare_wd;   /* a weekday alone: 1-7; v.a is then XXXX-WXX-wd until resolved */
    int wd_rel;    /* bare_wd: 0 none, 1 ini, 2 lalu, 3 depan, 4 mendatang/nanti, 5 kemarin */
    int stated_wd; /* a weekday written before a date, checked against it */
    int day_level; /* a single day: a part of day or a clock time may follow */
    int has_year;  /* the year was written (or is implied by the form) */
    int form;      /* which reader found the core: enum date_re */
    int hijri;     /* written in the Hijri calendar (SPEC 6: calendar "hijri") */
    /* A date counted from another one: "dua hari kemudian", "tahun yang sama". ANCHOR is
     * 1 + the unit (0 day, 1 week, 2 month, 3 year) and ANCHOR_N the count (negative:
     * before); ANCHOR_REF: without such a date, count from the reference date instead. */
    int anchor, anchor_n, anchor_ref;
    /* Resolved later from the reference date, by month (and day) within the Hijri year:
     * "10 Zulhijah", "bulan Ramadan" (HIJRI_M > 0). */
    int hijri_m, hijri_d;
    int feast; /* a holiday without its year, resolved later: enum date_feast */
    int past;  /* a quarter or half without its year: the latest one begun by the reference */
    int eve;   /* "malam Natal": the night before the day it names */
} date_ment;

/* Per call state. Nothing here outlives date_run. */
typedef struct date_ctx {
    const date_model *dm;
    const char *text;
    size_t len;
    const tok_list *tl;
    date_ymd ref; /* y == 0: none */
    pcre2_match_data *md;
    int limit_hit;
    size_t base; /* tl is the document's tokens from this one on (date_run_from) */
} date_ctx;

/* In date/match.c (the leaf: every other file of the stage reads through it). */
/* The bits of the word table for token hash H (the table is built in date.c); inline: the
 * stage asks it of every token. */
static inline uint32_t
date_word_bits(const date_model *dm, uint64_t h)
{
    if (!h)
        h = 1;
    for (size_t k = h & dm->words_mask;; k = (k + 1) & dm->words_mask) {
        if (dm->words[k].h == h)
            return dm->words[k].bits;
        if (dm->words[k].h == 0)
            return 0;
    }
}
/* Can a token of hash H start a date without a digit (TB_TRIGGER)? The filter, then the table. */
static inline int
date_may_trigger(const date_model *dm, uint64_t h)
{
    uint64_t b = h >> (64 - DATE_TRIG_LOG2); /* h == 0 is stored as 1: both are bucket 0 */
    return (dm->trig_filter[b >> 6] >> (b & 63) & 1) && (date_word_bits(dm, h) & TB_TRIGGER);
}
int date_key_is(const date_ctx *c, size_t i, const char *w);
uint32_t date_tok_bits(const date_ctx *c, size_t i);
/* Is the key of token I one of the N words W? */
int date_key_in(const date_ctx *c, size_t i, const char *const *w, size_t n);
/* "tahun ini", "tahun lalu", "tahun depan" at token J: the year it names into *Y (0 without a
 * reference date); returns the tokens it takes, 0 when it is none of them. */
size_t date_year_words(const date_ctx *c, size_t j, int *y);
/* Runs pattern RE anchored at the start of token I. 1: matched (groups in c->md). */
int date_match(date_ctx *c, int re, size_t i);
int date_match_at(date_ctx *c, int re, size_t byte);
/* The token index just after a match that ends at byte END, starting the search at token I;
 * 0 when END is not a token end. */
size_t date_end_tok(const date_ctx *c, size_t i, size_t end);
/* The index of the token that starts at byte B, or (size_t)-1. */
size_t date_tok_starting(const date_ctx *c, size_t from, size_t b);
/* Group G of the last match: 1 if set, with its byte span. */
int date_grp(const date_ctx *c, int g, size_t *s, size_t *e);
/* Group G as a decimal number (-1 when unset or not digits). */
int date_grp_num(const date_ctx *c, int g);
/* Group G lowered (ASCII) into BUF with inner white space squeezed to one space. */
int date_grp_lower(const date_ctx *c, int g, char *buf, size_t size);
int date_month_of(const char *lower, int *abbrev);
int date_weekday_of(const char *lower, int *abbrev);
int date_numword_of(const char *lower);
const char *date_pod_of(const char *lower);

/* The readers of the forms: each tries to read its form at token I, fills *M, returns 1.
 * In date/forms.c, the forms made of numbers: */
int date_form_digit(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_written(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_time(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_year(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_decade(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_cent(date_ctx *c, size_t i, int cx, date_ment *m);
/* CX_CLOCK for date_form_time: right after a date, where "18:23" needs no "pukul". */
#define CX_CLOCK 100
/* Would a month name (Gregorian or Hijri) at token I, ending before token J, stand alone as
 * a date? */
int date_bare_month_ok(const date_ctx *c, size_t i, size_t j, int cx);
/* Is token I the punctuation character CH? */
int date_is_punct(const date_ctx *c, size_t i, char ch);
/* Is token I the first word of its sentence (maybe after an opening quote or bracket)? */
int date_sentence_start(const date_ctx *c, size_t i);
/* In date/words.c, the forms made of words: */
int date_form_rel(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_pod(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_weekday(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_period(date_ctx *c, size_t i, int cx, date_ment *m);
/* In date/holiday.c: */
int date_form_hol(date_ctx *c, size_t i, int cx, date_ment *m);
int date_form_hijri(date_ctx *c, size_t i, int cx, date_ment *m);

void date_ment_init(date_ment *m, size_t s);

/* What the mentions before said, for dates counted from them: the last full day (also the
 * day of a clock time standing alone, SPEC 4.2), the last month and the last year. */

/* In date/join.c. */
/* Tokens the digit forms may start at (the tokenizer flags no TOK_F_DIGIT on "3/11/2024"). */
static inline int
date_has_digit(const tok *t)
{
    return (t->flags & TOK_F_DIGIT) || t->kind == TOK_NUMBER || t->kind == TOK_DATEDIGITS;
}
/* "Nomor 11 Tahun 2020": I is the token of "tahun" in a law's name. */
int date_law_year(const date_ctx *c, size_t i);
/* A mention's core and prefix words at token I. */
int date_parse_mention(date_ctx *c, size_t i, date_ment *m);
/* Extends M over the words after it. */
void date_tail(date_ctx *c, date_ment *m);
/* Joins a second day (or weekday) after M into a range. */
void date_join_range(date_ctx *c, date_ment *m, const date_last *last);

/* In date/resolve.c. */
/* Resolves M against the reference date and LAST; checks a stated weekday. */
void date_resolve(date_ctx *c, date_ment *m, const date_last *last);
/* Does the clause around tokens [S, E) speak of the future (SPEC 4.3)? */
int date_future_clause(const date_ctx *c, size_t s, size_t e);
/* What M tells the mentions after it. */
void date_last_update(date_last *last, const date_ment *m);
/* An hour said with a part of day, on the 24-hour clock ("jam 7 malam" is 19). */
int date_pod_hour(int h, const char *pod);

#endif
