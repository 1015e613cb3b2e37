/*
 * date/value.c: calendar arithmetic (proleptic Gregorian) and the formatting of values as in
 * SPEC.md section 4.2. No locale, no time zone database: dates are plain numbers here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date/value.h"

int
date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

int
date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: exact for every Gregorian date, no tables. */
long
date_to_days(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void
date_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int
date_weekday(int y, int m, int d)
{
    long z = date_to_days(y, m, d);
    /* 1970-01-01 was a Thursday (ISO 4). */
    long w = (z % 7 + 7 + 3) % 7; /* 0 = Monday */
    return (int)w + 1;
}

void
date_iso_week(int y, int m, int d, int *wy, int *w)
{
    /* The ISO week's year is the year of its Thursday. */
    long z = date_to_days(y, m, d);
    long thu = z - date_weekday(y, m, d) + 4;
    int ty, tm, td;
    date_from_days(thu, &ty, &tm, &td);
    long jan1 = date_to_days(ty, 1, 1);
    *wy = ty;
    *w = (int)((thu - jan1) / 7 + 1);
}

void
date_add_days(int *y, int *m, int *d, long n)
{
    date_from_days(date_to_days(*y, *m, *d) + n, y, m, d);
}

void
date_add_months(int *y, int *m, int n)
{
    int t = *y * 12 + (*m - 1) + n;
    *y = t / 12;
    *m = t % 12 + 1;
}

int
date_resolve_year(int m, int d, const date_ymd *ref, int dir)
{
    long r = date_to_days(ref->y, ref->m, ref->d);
    int best = 0;
    long best_dist = 0;
    for (int y = ref->y - 1; y <= ref->y + 1; y++) {
        int dd = d ? d : 15;
        if (dd > date_days_in_month(y, m))
            continue; /* 29 February of a common year */
        long diff = date_to_days(y, m, dd) - r;
        if (dir < 0 && (d ? diff > 0 : (y > ref->y || (y == ref->y && m >= ref->m))))
            continue;
        if (dir == 1 && (d ? diff <= 0 : (y < ref->y || (y == ref->y && m <= ref->m))))
            continue;
        if (dir == 2 && (d ? diff < 0 : (y < ref->y || (y == ref->y && m < ref->m))))
            continue;
        long dist = diff < 0 ? -diff : diff;
        if (!best || dist < best_dist) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

void
date_rel_point(const date_ymd *from, int unit, int n, date_point *p)
{
    int y = from->y, mo = from->m, d = from->d;
    switch (unit) {
    case 0:
        date_add_days(&y, &mo, &d, n);
        *p = (date_point){DP_YMD, y, mo, d, 0, 0, 0};
        break;
    case 1: {
        int wy, w;
        date_add_days(&y, &mo, &d, 7L * n);
        date_iso_week(y, mo, d, &wy, &w);
        *p = (date_point){DP_WEEK, wy, 0, 0, w, 0, 0};
        break;
    }
    case 2:
        date_add_months(&y, &mo, n);
        *p = (date_point){DP_YMD, y, mo, 0, 0, 0, 0};
        break;
    default:
        *p = (date_point){DP_YMD, y + n, 0, 0, 0, 0, 0};
        break;
    }
}

/* Appends with snprintf semantics; sets *N to SIZE on overflow so the caller can test it. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
put(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
    if (*n >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *n, size - *n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= size - *n)
        *n = size;
    else
        *n += (size_t)k;
}

/* Appends S[0, LEN) as put would (truncated, NUL-terminated, *N set to SIZE on overflow). */
static void
put_raw(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
    if (*n >= size)
        return;
    size_t room = size - *n;
    size_t k = len < room ? len : room - 1;
    memcpy(buf + *n, s, k);
    buf[*n + k] = '\0';
    *n = len < room ? *n + len : size;
}

/* PRE then V in WIDTH digits, or X's for an unknown (0) V. */
static void
put_xx(char *buf, size_t size, size_t *n, const char *pre, int v, int width)
{
    if (v > 0 && v < (width == 4 ? 10000 : 100)) { /* the usual case, without printf */
        char t[8];
        size_t k = strlen(pre);
        if (k <= 2) {
            memcpy(t, pre, k);
            for (int w = width - 1; w >= 0; w--, v /= 10)
                t[k + (size_t)w] = (char)('0' + v % 10);
            put_raw(buf, size, n, t, k + (size_t)width);
            return;
        }
    }
    if (v && width == 4)
        put(buf, size, n, "%s%04d", pre, v);
    else if (v)
        put(buf, size, n, "%s%02d", pre, v);
    else
        put(buf, size, n, "%s%s", pre, width == 4 ? "XXXX" : "XX");
}

static void
format_point(const date_point *p, char *buf, size_t size, size_t *n)
{
    static const char *const seasons[] = {"", "SP", "SU", "FA", "WI"};
    switch (p->kind) {
    case DP_YMD:
        put_xx(buf, size, n, "", p->y, 4);
        if (p->m || p->d)
            put_xx(buf, size, n, "-", p->m, 2);
        if (p->d)
            put_xx(buf, size, n, "-", p->d, 2);
        break;
    case DP_WEEK:
        put_xx(buf, size, n, "", p->y, 4);
        put_xx(buf, size, n, "-W", p->week, 2);
        if (p->wd)
            put(buf, size, n, "-%d", p->wd);
        break;
    case DP_DECADE:
        put(buf, size, n, "%03dX", p->y / 10);
        break;
    case DP_CENTURY:
        put(buf, size, n, "%02d", p->y - 1);
        break;
    case DP_QUARTER:
        put_xx(buf, size, n, "", p->y, 4);
        put(buf, size, n, "-Q%d", p->sub);
        break;
    case DP_HALF:
        put_xx(buf, size, n, "", p->y, 4);
        put(buf, size, n, "-H%d", p->sub);
        break;
    case DP_SEASON:
        put_xx(buf, size, n, "", p->y, 4);
        put(buf, size, n, "-%s", seasons[p->sub >= 1 && p->sub <= 4 ? p->sub : 0]);
        break;
    case DP_WEEKEND:
        put_xx(buf, size, n, "", p->y, 4);
        put_xx(buf, size, n, "-W", p->week, 2);
        put(buf, size, n, "-WE");
        break;
    default:
        break;
    }
}

static void
format_clock(const date_clock *c, char *buf, size_t size, size_t *n)
{
    if (c->h >= 0) {
        put(buf, size, n, "T%02d:%02d", c->h, c->mi);
        if (c->has_sec)
            put(buf, size, n, ":%02d", c->sec);
        if (c->has_tz) {
            int t = c->tz < 0 ? -c->tz : c->tz;
            put(buf, size, n, "%c%02d:%02d", c->tz < 0 ? '-' : '+', t / 60, t % 60);
        }
    } else if (c->pod) {
        put(buf, size, n, "T%s", c->pod);
    }
}

int
date_val_format(const date_val *v, char *buf, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return -1;
    buf[0] = '\0';
    if (v->null)
        return 0;
    format_point(&v->a, buf, size, &n);
    format_clock(&v->ta, buf, size, &n);
    if (v->b.kind != DP_NONE || v->tb.h >= 0) {
        put_raw(buf, size, &n, "/", 1);
        /* a clock range on one day: the day on both sides */
        format_point(v->b.kind == DP_NONE && v->tb.h >= 0 ? &v->a : &v->b, buf, size, &n);
        format_clock(&v->tb, buf, size, &n);
    }
    if (n >= size) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

int
date_parse_ref(const char *s, date_ymd *out)
{
    /* "YYYY-MM-DD"; a one-digit month or day ("2013-12-4", seen in real data) is accepted. */
    int v[3] = {0, 0, 0};
    static const int minw[3] = {4, 1, 1}, maxw[3] = {4, 2, 2};
    if (!s)
        return -1;
    for (int f = 0; f < 3; f++) {
        int k = 0;
        for (; k < maxw[f] && *s >= '0' && *s <= '9'; k++, s++)
            v[f] = v[f] * 10 + (*s - '0');
        if (k < minw[f])
            return -1;
        if (f < 2 && *s++ != '-')
            return -1;
    }
    if ((*s && *s != 'T' && *s != ' ') || !date_valid(v[0], v[1], v[2]))
        return -1;
    *out = (date_ymd){v[0], v[1], v[2]};
    return 0;
}
