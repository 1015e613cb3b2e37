/*
 * date/calendar.c: lookups in the generated calendar tables (date/calendar.h) and Easter, which
 * is arithmetic: the anonymous Gregorian computus (Meeus, "Astronomical Algorithms", ch. 8).
 */
#include "date/calendar.h"
#include "date/value.h"

/* Easter Sunday of Gregorian year Y as days since 1970-01-01. */
static long
easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return date_to_days(y, month, day);
}

static int
computed(int feast, int y, long *day)
{
    if (y < 1583 || y > 9999) /* the Gregorian computus */
        return 0;
    long e = easter(y);
    *day = feast == FEAST_EASTER ? e : feast == FEAST_GOOD_FRIDAY ? e - 2 : e + 39;
    return 1;
}

int
date_feast_in_year(int feast, int y, long *day)
{
    if (feast >= FEAST_EASTER && feast < FEAST_N)
        return computed(feast, y, day);
    if (feast <= FEAST_NONE || feast >= FEAST_N)
        return 0;
    const date_feast_days *t = &date_feast_tables[feast];
    long lo = date_to_days(y, 1, 1), hi = date_to_days(y, 12, 31);
    size_t a = 0, b = t->n;
    while (a < b) { /* the first day >= lo */
        size_t mid = a + (b - a) / 2;
        if (t->days[mid] < lo)
            a = mid + 1;
        else
            b = mid;
    }
    if (a == t->n || t->days[a] > hi)
        return 0;
    *day = t->days[a];
    return 1;
}

/* Keeps V in *BEST when it is allowed by DIR and nearer REF than what *BEST holds. */
static void
consider(long v, long ref, int dir, long *best, int *found)
{
    if ((dir < 0 && v > ref) || (dir > 0 && v < ref))
        return;
    long dist = v > ref ? v - ref : ref - v;
    long had = *best > ref ? *best - ref : ref - *best;
    if (dist <= 366 && (!*found || dist < had)) {
        *best = v;
        *found = 1;
    }
}

int
date_feast_near(int feast, long ref, int dir, long *day)
{
    int found = 0, y, m, d;
    long best = 0;
    if (feast <= FEAST_NONE || feast >= FEAST_N)
        return 0;
    if (feast >= FEAST_EASTER) {
        date_from_days(ref, &y, &m, &d);
        for (int yy = y - 1; yy <= y + 1; yy++) {
            long v;
            if (computed(feast, yy, &v))
                consider(v, ref, dir, &best, &found);
        }
    } else {
        /* Every listed day within a year of REF (a Hijri feast can fall twice in one
         * Gregorian year: Idul Fitri 2000 on 8 January and 27 December). */
        const date_feast_days *t = &date_feast_tables[feast];
        for (size_t k = 0; k < t->n; k++)
            if (t->days[k] >= ref - 366 && t->days[k] <= ref + 366)
                consider(t->days[k], ref, dir, &best, &found);
    }
    if (found)
        *day = best;
    return found;
}

int
date_feast_hijri(int feast, int *hm, int *hd)
{
    static const struct {
        int feast, m, d;
    } days[] = {{FEAST_FITRI, 10, 1},
                {FEAST_ADHA, 12, 10},
                {FEAST_HIJRI_NEW_YEAR, 1, 1},
                {FEAST_MAULID, 3, 12},
                {FEAST_ISRA_MIRAJ, 7, 27}};
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
        if (days[k].feast == feast) {
            *hm = days[k].m;
            *hd = days[k].d;
            return 1;
        }
    return 0;
}

/* The index of Hijri month HY/HM in date_hijri_starts, or -1. */
static long
month_index(int hy, int hm)
{
    if (hm < 1 || hm > 12)
        return -1;
    long k = (long)(hy - date_hijri_first_year) * 12 + hm - 1;
    return k >= 0 && (size_t)k < date_hijri_n_months ? k : -1;
}

int
date_hijri_month(int hy, int hm, long *first, long *last)
{
    long k = month_index(hy, hm);
    if (k < 0)
        return 0;
    *first = date_hijri_starts[k];
    *last = date_hijri_starts[k + 1] - 1;
    return 1;
}

int
date_hijri_day(int hy, int hm, int hd, long *day)
{
    long first, last;
    if (hd < 1 || !date_hijri_month(hy, hm, &first, &last) || first + hd - 1 > last)
        return 0;
    *day = first + hd - 1;
    return 1;
}

int
date_hijri_year(int hy, long *first, long *last)
{
    long a, b, c, d;
    if (!date_hijri_month(hy, 1, &a, &b) || !date_hijri_month(hy, 12, &c, &d))
        return 0;
    *first = a;
    *last = d;
    return 1;
}

int
date_hijri_of(long day, int *hy, int *hm, int *hd)
{
    size_t n = date_hijri_n_months;
    if (day < date_hijri_starts[0] || day >= date_hijri_starts[n])
        return 0;
    size_t a = 0, b = n; /* the last month starting at or before DAY */
    while (b - a > 1) {
        size_t mid = a + (b - a) / 2;
        if (date_hijri_starts[mid] <= day)
            a = mid;
        else
            b = mid;
    }
    *hy = date_hijri_first_year + (int)(a / 12);
    *hm = (int)(a % 12) + 1;
    *hd = (int)(day - date_hijri_starts[a]) + 1;
    return 1;
}
