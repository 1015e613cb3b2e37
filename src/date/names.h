/*
 * date/names.h: the fixed vocabulary of the date stage (SPEC.md section 4): month and weekday
 * names, number words, holidays, and the word classes that decide whether a number is a year.
 *
 * Every word is written once, in date/names.c; date.c builds its regex alternations and its
 * trigger table from these arrays, so a name added here is found everywhere.
 */
#ifndef IDNER_DATE_NAMES_H
#define IDNER_DATE_NAMES_H

#include <stddef.h>

#include "date/calendar.h"

/* A word and the number it stands for (month 1-12, ISO weekday 1-7, a count). */
typedef struct date_word {
    const char *w; /* lower case, ASCII except for the typographic apostrophe */
    int n;
    int abbrev; /* months: an abbreviation, which needs a day or a year next to it; weekdays:
                 * one that needs its date joined ("Sen, 27 Jun 2016") */
} date_word;

extern const date_word date_months[];
extern const size_t date_n_months;
extern const date_word date_weekdays[];
extern const size_t date_n_weekdays;
extern const date_word date_numwords[]; /* satu..dua belas, as written counts */
extern const size_t date_n_numwords;

/* Parts of the day and their TIMEX code ("MO", "AF", "EV", "NI"). */
typedef struct date_pod {
    const char *w;
    const char *code;
} date_pod;
extern const date_pod date_pods[];
extern const size_t date_n_pods;

/* Holidays. Fixed ones carry their month and day; moveable ones a feast of date/calendar.h.
 * FOUNDED: the year of the event a numbered commemoration counts from ("HUT TNI ke-79" is
 * 1945 + 79 = 2024), or 0. */
enum {
    HOL_CAP = 1 << 0 /* only capitalized ("Natal"; Mandailing Natal aside) */
};
typedef struct date_holiday {
    const char *name; /* words separated by single spaces; ' stands for an optional apostrophe */
    int m, d;         /* fixed date, or 0 */
    int feast;        /* moveable: enum date_feast */
    int founded;
    int flags;
} date_holiday;
extern const date_holiday date_holidays[];
extern const size_t date_n_holidays;

/* Anniversaries of bodies ("HUT TNI ke-79"), in date/names.c. */
typedef struct date_anniv {
    const char *body; /* as after "HUT": "tni", "dki jakarta" */
    int m, d, founded;
    int needs_ord;
} date_anniv;
extern const date_anniv date_anniversaries[];
extern const size_t date_n_anniversaries;

/* Hijri month names (SPEC 6) and their numbers, 1 Muharram .. 12 Zulhijah; ' as above. */
extern const date_word date_hijri_months[];
extern const size_t date_n_hijri_months;

/* Word classes used by the year-versus-amount decision and by the contexts of bare names. */
typedef enum date_wclass {
    WC_UNIT = 1,   /* a noun counted by the number before it: orang, unit, rupiah, ... */
    WC_NUM_BEFORE, /* a word after which a number is an amount or an identifier: Rp, nomor */
    WC_MONTH_CTX,  /* a word after which a bare month name is a date: pada, sejak, bulan */
    WC_WEEK_CTX    /* a word before "minggu" that makes it a week: dua, beberapa, tiap */
} date_wclass;
typedef struct date_cword {
    const char *w;
    int cls;
} date_cword;
extern const date_cword date_cwords[];
extern const size_t date_n_cwords;

/* Other words a date expression can start with or needs next to a number, and what each
 * may start (the prefilter in date.c runs no regex at a token that is none of these and has
 * no digit, and at a word only the forms its bits name). */
enum {
    DW_REL = 1 << 0,     /* kemarin, pekan (lalu), sehari (lalu) */
    DW_PREFIX = 1 << 1,  /* tanggal, tahun, bulan, hari: a word that belongs to the date after */
    DW_MOD = 1 << 2,     /* awal, pertengahan, akhir, sekitar */
    DW_TIMEKW = 1 << 3,  /* pukul, jam */
    DW_CENT = 1 << 4,    /* abad */
    DW_POD = 1 << 5,     /* tadi (pagi) */
    DW_ZONE = 1 << 6,    /* WIB, WITA, WIT, GMT, UTC, "waktu (setempat)": after a clock time */
    DW_RELUNIT = 1 << 7, /* hari, pekan, minggu, bulan, tahun: after a count */
    DW_PERIOD = 1 << 8,  /* kuartal, triwulan, semester, paruh, musim: a part of a year */
    DW_FUTURE = 1 << 9,  /* akan, bakal, dijadwalkan, ...: a clause about the future (SPEC 4.3) */
    DW_CLAUSE = 1 << 10, /* dan, tetapi, bahwa, ...: a word that opens another clause */
    DW_ERA = 1 << 11,    /* SM, M, H, Hijriah: an era after a year */
    DW_RELNEXT = 1 << 12 /* ini, lalu, depan, yang, berikutnya, ...: after a unit ("hari ini") */
};
typedef struct date_tword {
    const char *w;
    int bits;
} date_tword;
extern const date_tword date_trigger_words[];
extern const size_t date_n_trigger_words;

#endif
