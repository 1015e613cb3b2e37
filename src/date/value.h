/*
 * date/value.h: calendar arithmetic and the TIMEX-like values of SPEC.md section 4.2.
 *
 * A mention's meaning is held in a date_val while it is parsed and is turned into text only at
 * the end (date_val_format), so that resolution against the reference date (SPEC 4.3) works
 * on numbers, never on strings.
 */
#ifndef IDNER_DATE_VALUE_H
#define IDNER_DATE_VALUE_H

#include <stddef.h>

#include "date/date.h"

/* What a date point holds. Unknown fields are 0 and print as X. */
enum dp_kind {
    DP_NONE = 0, /* no date part (a clock time alone) */
    DP_YMD,      /* year, month, day; any may be unknown: "2024-11", "XXXX-10-28", "2014" */
    DP_WEEK,     /* ISO week "2024-W44", or with wd "XXXX-WXX-5" */
    DP_DECADE,   /* "199X": y holds the decade's first year */
    DP_CENTURY,  /* "20": y holds the century number as written (21 for abad ke-21) */
    DP_QUARTER,  /* "2016-Q1": sub 1-4 */
    DP_HALF,     /* "2024-H2": sub 1-2 */
    DP_SEASON,   /* "2016-SU": sub a DS_* season */
    DP_WEEKEND   /* "2024-W45-WE": y and week as DP_WEEK (0: unknown, XXXX-WXX-WE) */
};

/* Seasons as TIMEX writes them (SPEC 4.2). */
enum { DS_SPRING = 1, DS_SUMMER, DS_FALL, DS_WINTER };

typedef struct date_point {
    int kind;
    int y, m, d;
    int week; /* DP_WEEK: ISO week, 0 unknown */
    int wd;   /* DP_WEEK: ISO weekday 1-7 of an unresolved weekday, or 0 */
    int sub;  /* DP_QUARTER, DP_HALF, DP_SEASON: which one */
} date_point;

/* A clock time or a part of the day. h < 0: none. */
typedef struct date_clock {
    int h, mi; /* h 24 with mi 0: the end of the day ("tengah malam") */
    int tz;    /* offset in minutes east of UTC, when has_tz */
    int has_tz;
    const char *pod; /* "MO", "AF", "EV", "NI" when there is no clock time, else NULL */
    int sec;         /* seconds, when has_sec ("10:15:32") */
    int has_sec;
} date_clock;

typedef struct date_val {
    date_point a, b; /* b.kind != DP_NONE: a range a/b */
    date_clock ta, tb;
    int null; /* value cannot be determined: JSON null */
} date_val;

int date_is_leap(int y);
int date_days_in_month(int y, int m);
int date_valid(int y, int m, int d);
/* Days since 1970-01-01 of a valid date, and back. */
long date_to_days(int y, int m, int d);
void date_from_days(long days, int *y, int *m, int *d);
/* ISO weekday, Monday 1 .. Sunday 7. */
int date_weekday(int y, int m, int d);
/* ISO week-numbering year and week of a date. */
void date_iso_week(int y, int m, int d, int *wy, int *w);
/* Adds N days (may be negative) to the date in place. */
void date_add_days(int *y, int *m, int *d, long n);
/* Adds N months to the year/month in place. */
void date_add_months(int *y, int *m, int n);

/* The year that puts month M, day D nearest to REF (SPEC 4.3: half a year either way).
 * D == 0 means the middle of the month. DIR < 0: the latest such date before REF; DIR == 1:
 * the earliest after it (a month: after REF's month); DIR == 2: the earliest at or after it
 * (a month: REF's month or later; the future of SPEC 4.3); 0: the nearest. */
int date_resolve_year(int m, int d, const date_ymd *ref, int dir);

/* FROM moved by N units (0 day, 1 week, 2 month, 3 year) into P: a day, an ISO week, a month
 * or a year. */
void date_rel_point(const date_ymd *from, int unit, int n, date_point *p);

/* Writes the value of V into BUF (at least CAND_VALUE_MAX bytes). Returns 0, or -1 when it
 * does not fit. V->null gives the empty string. */
int date_val_format(const date_val *v, char *buf, size_t size);

#endif
