/*
 * date/calendar.h: the calendars behind holidays and Hijri dates (SPEC.md section 6).
 *
 * The tables are generated: the Umm al-Qura months and the Islamic feasts and Chinese New Year
 * by tools/calendar_gen from ICU into data/calendar/, Nyepi and Waisak by hand from Indonesia's
 * decrees (data/curated/holidays_id.tsv); the build turns them into C (tools/calendar_c.py),
 * so nothing is read at run time. Easter and the feasts that follow it are computed.
 * Days are counted from 1970-01-01, as date_to_days does.
 */
#ifndef IDNER_DATE_CALENDAR_H
#define IDNER_DATE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

enum date_feast {
    FEAST_NONE = 0,
    FEAST_FITRI,          /* Idul Fitri: 1 Syawal */
    FEAST_ADHA,           /* Idul Adha: 10 Zulhijah */
    FEAST_HIJRI_NEW_YEAR, /* Tahun Baru Islam: 1 Muharram */
    FEAST_MAULID,         /* Maulid Nabi: 12 Rabiulawal */
    FEAST_ISRA_MIRAJ,     /* Isra Miraj: 27 Rajab */
    FEAST_IMLEK,          /* Chinese New Year */
    FEAST_NYEPI,          /* Balinese New Year (decreed) */
    FEAST_WAISAK,         /* Vesak (decreed) */
    FEAST_EASTER,         /* Paskah (computed from here on) */
    FEAST_GOOD_FRIDAY,    /* Jumat Agung: Easter - 2 */
    FEAST_ASCENSION,      /* Kenaikan Isa Almasih: Easter + 39 */
    FEAST_N
};

/* The generated tables (calendar_data.c, built from data/). */
typedef struct date_feast_days {
    const int32_t *days; /* ascending */
    size_t n;
} date_feast_days;
extern const int date_hijri_first_year;
extern const size_t date_hijri_n_months;
extern const int32_t date_hijri_starts[]; /* date_hijri_n_months + 1 entries */
extern const date_feast_days date_feast_tables[FEAST_N];

/* The first day of FEAST in Gregorian year Y into *DAY; 0 when unknown (outside the tables). */
int date_feast_in_year(int feast, int y, long *day);
/* The day of FEAST nearest to day REF (DIR < 0: the latest at or before it, DIR > 0: the
 * earliest at or after it) within a year either way; 0 when unknown. */
int date_feast_near(int feast, long ref, int dir, long *day);

/* The Hijri month and day an Islamic feast falls on; 0 for the other feasts. */
int date_feast_hijri(int feast, int *hm, int *hd);

/* Hijri months are 1 (Muharram) .. 12 (Zulhijah). Each returns 0 outside the Umm al-Qura
 * table (or for a day the month does not have). */
int date_hijri_day(int hy, int hm, int hd, long *day);
int date_hijri_month(int hy, int hm, long *first, long *last);
int date_hijri_year(int hy, long *first, long *last);
/* The Hijri date of DAY. */
int date_hijri_of(long day, int *hy, int *hm, int *hd);

#endif
