/*
 * test_date.c: the date and time stage (SPEC.md section 4, issue 4).
 *
 *   test_date TABLE.tsv           runs the table of cases (see tests/data/dates.tsv's header)
 *                                 and the calendar helpers' own checks
 *   test_date --show REF FILE     prints the mentions of a text file (REF "-": none)
 *   test_date --jsonl FILE        the same for each document of a JSON Lines file, with its date
 *   test_date --seed FILE         issue 4's "Done when" on ../shared/samples/seed-004.txt
 *   test_date --bench FILE [N]    times date_run alone over the texts of a JSON Lines file
 *                                 (CPU time, best of five rounds of N passes)
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date/calendar.h"
#include "date/date.h"
#include "date/value.h"
#include "harness.h"
#include "tok/tok.h"

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Runs the stage on TEXT; the candidates land in OUT (reset first). */
static int
run(const date_model *dm, tok_list *tl, const char *text, size_t len, const char *ref,
    cand_list *out)
{
    date_ymd r = {0, 0, 0};
    out->n = 0;
    if (ref && strcmp(ref, "-") && date_parse_ref(ref, &r))
        return -1;
    if (tok_run(tl, text, len) != IDNER_OK)
        return -1;
    return date_run(dm, text, len, tl, &r, out, NULL) == IDNER_OK ? 0 : -1;
}

static const char *const mod_names[] = {"", "START", "MID", "END", "APPROX"};

/* One mention as the table writes it: "span => value @TIME @END @conflict @hijri". */
static void
describe(const char *text, const cand_list *l, const cand *c, char *buf, size_t size)
{
    int n =
        snprintf(buf, size, "%.*s => %s", (int)(c->byte_end - c->byte_start), text + c->byte_start,
                 (c->flags & CAND_VALUE_NULL) ? "null" : cand_value(l, c));
    if (c->type == IDNER_TIME && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " @TIME");
    if (c->mod && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " @%s", mod_names[c->mod]);
    if ((c->flags & CAND_WEEKDAY_CONFLICT) && n > 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " @conflict");
    if ((c->flags & CAND_HIJRI) && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " @hijri");
}

static void
show(const char *id, const char *text, const cand_list *out)
{
    char buf[512];
    for (size_t k = 0; k < out->n; k++) {
        describe(text, out, &out->v[k], buf, sizeof buf);
        printf("%s\t%u\t%s\n", id, out->v[k].byte_start, buf);
    }
}

/* Unescapes "\n" and "\t" in place. */
static void
unescape(char *s)
{
    char *w = s;
    for (; *s; s++) {
        if (s[0] == '\\' && (s[1] == 'n' || s[1] == 't')) {
            *w++ = s[1] == 'n' ? '\n' : '\t';
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

static int
run_table(const date_model *dm, const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    tok_list tl = {0};
    cand_list out = {0};
    int cases = 0, lineno = 0;
    for (char *line = data, *next; line && *line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (!*line || line[0] == '#')
            continue;
        char *text = line, *ref = strchr(text, '\t'), *want = ref ? strchr(ref + 1, '\t') : NULL;
        if (!ref || !want) {
            fprintf(stderr, "%s:%d: needs three columns\n", path, lineno);
            harness_fail++;
            continue;
        }
        *ref++ = '\0';
        *want++ = '\0';
        unescape(text);
        cases++;
        if (run(dm, &tl, text, strlen(text), ref, &out)) {
            fprintf(stderr, "%s:%d: run failed\n", path, lineno);
            harness_fail++;
            continue;
        }
        /* Invariants: sorted, non-overlapping, on token boundaries. */
        for (size_t k = 0; k < out.n; k++) {
            const cand *c = &out.v[k];
            CHECK(c->tok_end > c->tok_start && c->tok_end <= tl.n);
            CHECK(c->byte_start == tl.v[c->tok_start].byte_start &&
                  c->byte_end == tl.v[c->tok_end - 1].byte_end);
            if (k)
                CHECK(out.v[k - 1].byte_end <= c->byte_start);
        }
        /* The mentions, in order, joined by " ;; " (or "-" for none). */
        char got[2048] = "", one[512];
        for (size_t k = 0; k < out.n; k++) {
            describe(text, &out, &out.v[k], one, sizeof one);
            if (k)
                strncat(got, " ;; ", sizeof got - strlen(got) - 1);
            strncat(got, one, sizeof got - strlen(got) - 1);
        }
        if (!out.n)
            strcpy(got, "-");
        if (strcmp(got, want)) {
            harness_fail++;
            fprintf(stderr, "%s:%d: %s\n  ref  %s\n  want %s\n  got  %s\n", path, lineno, text, ref,
                    want, got);
        } else {
            harness_pass++;
        }
    }
    printf("%d table cases\n", cases);
    CHECK(cases >= 300);
    tok_list_free(&tl);
    cand_list_free(&out);
    free(data);
    return 0;
}

static void
test_calendar(void)
{
    date_ymd r;
    CHECK_INT(date_parse_ref("2024-11-03", &r), 0);
    CHECK(r.y == 2024 && r.m == 11 && r.d == 3);
    CHECK_INT(date_parse_ref("2024-11-03T10:00:00", &r), 0);
    CHECK_INT(date_parse_ref("2024-02-30", &r), -1);
    CHECK_INT(date_parse_ref("2013-12-4", &r), 0); /* as written in real data */
    CHECK(r.y == 2013 && r.m == 12 && r.d == 4);
    CHECK_INT(date_parse_ref("2024-123-3", &r), -1);
    CHECK_INT(date_parse_ref("24-11-03", &r), -1);
    CHECK_INT(date_parse_ref("2023-02-29", &r), -1);
    CHECK_INT(date_parse_ref("2024-02-29", &r), 0);
    CHECK_INT(date_parse_ref("", &r), -1);
    CHECK_INT(date_is_leap(2000), 1);
    CHECK_INT(date_is_leap(1900), 0);
    CHECK_INT(date_is_leap(2024), 1);
    CHECK_INT(date_days_in_month(2023, 2), 28);
    CHECK_INT(date_days_in_month(2024, 2), 29);
    CHECK_INT(date_days_in_month(2024, 13), 0);
    CHECK_INT(date_to_days(1970, 1, 1), 0);
    CHECK_INT(date_to_days(2000, 3, 1), 11017);
    int y, m, d;
    date_from_days(11017, &y, &m, &d);
    CHECK(y == 2000 && m == 3 && d == 1);
    CHECK_INT(date_weekday(2024, 11, 3), 7);  /* a Sunday */
    CHECK_INT(date_weekday(2024, 8, 31), 6);  /* a Saturday */
    CHECK_INT(date_weekday(1945, 8, 17), 5);  /* a Friday */
    CHECK_INT(date_weekday(2014, 12, 30), 2); /* a Tuesday */
    int wy, w;
    date_iso_week(2024, 11, 3, &wy, &w);
    CHECK(wy == 2024 && w == 44);
    date_iso_week(2021, 1, 3, &wy, &w);
    CHECK(wy == 2020 && w == 53);
    date_iso_week(2024, 12, 30, &wy, &w);
    CHECK(wy == 2025 && w == 1);
    y = 2024, m = 3, d = 1;
    date_add_days(&y, &m, &d, -1);
    CHECK(y == 2024 && m == 2 && d == 29);
    y = 2024, m = 1;
    date_add_months(&y, &m, -1);
    CHECK(y == 2023 && m == 12);
    date_add_months(&y, &m, 13);
    CHECK(y == 2025 && m == 1);
    date_ymd ref = {2024, 11, 3};
    CHECK_INT(date_resolve_year(10, 28, &ref, 0), 2024);
    CHECK_INT(date_resolve_year(1, 5, &ref, 0), 2025);
    CHECK_INT(date_resolve_year(6, 0, &ref, -1), 2024);
    CHECK_INT(date_resolve_year(11, 0, &ref, -1), 2023);
    CHECK_INT(date_resolve_year(6, 0, &ref, 1), 2025);
    CHECK_INT(date_resolve_year(11, 3, &ref, 0), 2024);
    date_ymd leap = {2023, 3, 1};
    CHECK_INT(date_resolve_year(2, 29, &leap, 0), 2024);
    char buf[CAND_VALUE_MAX];
    date_val v;
    memset(&v, 0, sizeof v);
    v.ta.h = v.tb.h = -1;
    v.a = (date_point){DP_YMD, 0, 10, 28, 0, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "XXXX-10-28");
    v.a = (date_point){DP_WEEK, 0, 0, 0, 0, 5, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "XXXX-WXX-5");
    v.a = (date_point){DP_DECADE, 1990, 0, 0, 0, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "199X");
    v.a = (date_point){DP_CENTURY, 21, 0, 0, 0, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "20");
    v.a = (date_point){DP_YMD, 2024, 11, 3, 0, 0, 0};
    v.ta = (date_clock){10, 0, 420, 1, NULL, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-11-03T10:00+07:00");
    v.ta = (date_clock){-1, 0, 0, 0, "NI", 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-11-03TNI");
    v.ta.pod = NULL;
    v.b = (date_point){DP_YMD, 2024, 11, 5, 0, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-11-03/2024-11-05");
    v.null = 1;
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "");
    /* The values SPEC 4.2 amended. */
    memset(&v, 0, sizeof v);
    v.ta.h = v.tb.h = -1;
    v.a = (date_point){DP_QUARTER, 2016, 0, 0, 0, 0, 1};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2016-Q1");
    v.a = (date_point){DP_HALF, 2024, 0, 0, 0, 0, 2};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-H2");
    v.a = (date_point){DP_SEASON, 2016, 0, 0, 0, 0, DS_SUMMER};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2016-SU");
    v.a = (date_point){DP_WEEKEND, 2024, 0, 0, 45, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-W45-WE");
    v.a = (date_point){DP_NONE, 0, 0, 0, 0, 0, 0};
    v.ta = (date_clock){10, 15, 420, 1, NULL, 32, 1};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "T10:15:32+07:00");
    /* A clock range on a day repeats the day: TIMEX wants a full point on both sides. */
    v.a = (date_point){DP_YMD, 2024, 11, 6, 0, 0, 0};
    v.ta = (date_clock){14, 0, 420, 1, NULL, 0, 0};
    v.tb = (date_clock){16, 0, 420, 1, NULL, 0, 0};
    date_val_format(&v, buf, sizeof buf);
    CHECK_STR(buf, "2024-11-06T14:00+07:00/2024-11-06T16:00+07:00");
}

/* The calendar tables (generated from ICU, data/calendar) and Easter (arithmetic). */
static void
test_calendars(void)
{
    long d;
    CHECK(date_feast_in_year(FEAST_EASTER, 2024, &d) && d == date_to_days(2024, 3, 31));
    CHECK(date_feast_in_year(FEAST_EASTER, 2025, &d) && d == date_to_days(2025, 4, 20));
    CHECK(date_feast_in_year(FEAST_EASTER, 2000, &d) && d == date_to_days(2000, 4, 23));
    CHECK(date_feast_in_year(FEAST_EASTER, 2038, &d) && d == date_to_days(2038, 4, 25));
    CHECK(date_feast_in_year(FEAST_EASTER, 1818, &d) && d == date_to_days(1818, 3, 22));
    CHECK(date_feast_in_year(FEAST_GOOD_FRIDAY, 2024, &d) && d == date_to_days(2024, 3, 29));
    CHECK(date_feast_in_year(FEAST_ASCENSION, 2024, &d) && d == date_to_days(2024, 5, 9));
    CHECK(date_feast_in_year(FEAST_FITRI, 2024, &d) && d == date_to_days(2024, 4, 10));
    CHECK(date_feast_in_year(FEAST_IMLEK, 2025, &d) && d == date_to_days(2025, 1, 29));
    CHECK(date_feast_in_year(FEAST_NYEPI, 2024, &d) && d == date_to_days(2024, 3, 11));
    CHECK(!date_feast_in_year(FEAST_NYEPI, 2040, &d)); /* no decree known: null */
    CHECK(!date_feast_in_year(FEAST_FITRI, 2150, &d)); /* outside 1900-2100 */
    /* Two Idul Fitri in 2000: the first of the year, and the nearest to a day in December. */
    CHECK(date_feast_in_year(FEAST_FITRI, 2000, &d) && d == date_to_days(2000, 1, 8));
    CHECK(date_feast_near(FEAST_FITRI, date_to_days(2000, 12, 1), 0, &d) &&
          d == date_to_days(2000, 12, 27));
    CHECK(date_feast_near(FEAST_FITRI, date_to_days(2024, 11, 6), 1, &d) &&
          d == date_to_days(2025, 3, 30));
    CHECK(date_feast_near(FEAST_FITRI, date_to_days(2024, 11, 6), -1, &d) &&
          d == date_to_days(2024, 4, 10));
    CHECK(date_hijri_day(1445, 10, 1, &d) && d == date_to_days(2024, 4, 10));
    CHECK(!date_hijri_day(1445, 10, 30, &d)); /* Syawal 1445 has 29 days */
    CHECK(!date_hijri_day(1299, 1, 1, &d) && !date_hijri_day(1601, 1, 1, &d));
    long a, b;
    CHECK(date_hijri_month(1445, 9, &a, &b) && a == date_to_days(2024, 3, 11) &&
          b == date_to_days(2024, 4, 9));
    CHECK(date_hijri_year(1446, &a, &b) && a == date_to_days(2024, 7, 7));
    int hy, hm, hd;
    CHECK(date_hijri_of(date_to_days(2024, 6, 16), &hy, &hm, &hd) && hy == 1445 && hm == 12 &&
          hd == 10);
    /* Every day of the table reads back to the Hijri date it came from. */
    int ok = 1;
    for (long k = date_hijri_starts[0]; k < date_hijri_starts[date_hijri_n_months]; k += 37)
        ok &= date_hijri_of(k, &hy, &hm, &hd) && date_hijri_day(hy, hm, hd, &d) && d == k;
    CHECK(ok);
}

/* Long runs of what the patterns look for: every run must finish (linear time; meson's test
 * timeout is the bound) with sorted, non-overlapping spans. */
static void
test_pathological(const date_model *dm)
{
    static const char *const units[] = {"3 ",
                                        "Senin ( ",
                                        "pukul 10.00 ",
                                        "2024 - ",
                                        "3 - 5 - ",
                                        "awal akhir ",
                                        "tahun ",
                                        "1 Januari-",
                                        "3 hingga ",
                                        "kemarin (",
                                        "Minggu (3/11/2024) pukul 10.00 WIB, ",
                                        "\xc2\xa0",
                                        "(((((",
                                        "1/1/1/1/"};
    size_t size = 200000;
    char *text = malloc(size + 64);
    tok_list tl = {0};
    cand_list out = {0};
    for (size_t k = 0; text && k < sizeof units / sizeof units[0]; k++) {
        size_t n = 0, u = strlen(units[k]);
        while (n + u < size) {
            memcpy(text + n, units[k], u);
            n += u;
        }
        text[n] = '\0';
        CHECK_INT(run(dm, &tl, text, n, "2024-11-03", &out), 0);
        int ok = 1;
        for (size_t m = 1; m < out.n; m++)
            ok &= out.v[m - 1].byte_end <= out.v[m].byte_start;
        CHECK(ok);
    }
    free(text);
    tok_list_free(&tl);
    cand_list_free(&out);
}

/* Reads the texts (and dates) of a JSON Lines file. */
typedef struct doc {
    char *text, *date, *id;
    size_t len;
} doc;

static doc *
read_jsonl(const char *path, size_t *n)
{
    size_t len;
    char *data = slurp(path, &len);
    doc *docs = NULL;
    size_t cap = 0;
    *n = 0;
    if (!data)
        return NULL;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        json_object *o = json_tokener_parse(line), *v;
        if (!o)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            doc *p = realloc(docs, cap * sizeof *p);
            if (!p)
                break;
            docs = p;
        }
        doc *d = &docs[(*n)++];
        memset(d, 0, sizeof *d);
        if (json_object_object_get_ex(o, "text", &v)) {
            d->text = strdup(json_object_get_string(v));
            d->len = strlen(d->text);
        }
        if (json_object_object_get_ex(o, "date", &v))
            d->date = strdup(json_object_get_string(v));
        if (json_object_object_get_ex(o, "id", &v))
            d->id = strdup(json_object_get_string(v));
        json_object_put(o);
        if (!d->text)
            (*n)--;
    }
    free(data);
    return docs;
}

static void
free_docs(doc *docs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(docs[k].text);
        free(docs[k].date);
        free(docs[k].id);
    }
    free(docs);
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: other jobs do not count */
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tokenizes every document once (untimed), then times date_run alone over all of them. */
static int
bench(const date_model *dm, const char *path, int reps)
{
    size_t n, bytes = 0, mentions = 0;
    doc *docs = read_jsonl(path, &n);
    if (!docs)
        return 1;
    tok_list *tls = calloc(n, sizeof *tls);
    cand_list out = {0};
    for (size_t k = 0; k < n; k++) {
        tok_run(&tls[k], docs[k].text, docs[k].len);
        bytes += docs[k].len;
    }
    date_ymd ref = {2024, 11, 3};
    /* The best of five rounds: a shared machine only ever makes a round slower. */
    double best = 0;
    for (int round = 0; round < 5; round++) {
        mentions = 0;
        double t0 = now();
        for (int r = 0; r < reps; r++)
            for (size_t k = 0; k < n; k++) {
                out.n = 0;
                date_run(dm, docs[k].text, docs[k].len, &tls[k], &ref, &out, NULL);
                mentions += out.n;
            }
        double dt = now() - t0;
        if (round == 0 || dt < best)
            best = dt;
    }
    printf("%zu documents, %zu bytes x %d (best of 5): %.3f s, %.1f MB/s, %zu mentions per "
           "pass\n",
           n, bytes, reps, best, bytes * (double)reps / best / 1e6, mentions / (size_t)reps);
    for (size_t k = 0; k < n; k++)
        tok_list_free(&tls[k]);
    free(tls);
    cand_list_free(&out);
    free_docs(docs, n);
    return 0;
}

/* The value of the mention whose text is SPAN (the N-th such, from 0), or NULL. */
static const cand *
find_span(const char *text, const cand_list *out, const char *span, int nth)
{
    size_t n = strlen(span);
    for (size_t k = 0; k < out->n; k++) {
        const cand *c = &out->v[k];
        if (c->byte_end - c->byte_start == n && !memcmp(text + c->byte_start, span, n) &&
            nth-- == 0)
            return c;
    }
    return NULL;
}

/* Does any mention overlap the first occurrence of WHAT in TEXT? */
static int
overlaps(const char *text, const cand_list *out, const char *what)
{
    const char *p = strstr(text, what);
    if (!p)
        return -1;
    size_t s = (size_t)(p - text), e = s + strlen(what);
    for (size_t k = 0; k < out->n; k++)
        if (out->v[k].byte_start < e && out->v[k].byte_end > s)
            return 1;
    return 0;
}

/* Issue 4's "Done when" on ../shared/samples/seed-004.txt (exit 77: skipped when missing). */
static int
check_seed(const date_model *dm, const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    if (!text)
        return 77;
    tok_list tl = {0};
    cand_list out = {0};
    CHECK_INT(run(dm, &tl, text, len, "2024-11-03", &out), 0);
    static const struct {
        const char *span, *value;
        int nth, conflict;
    } want[] = {{"Minggu (3/11/2024)", "2024-11-03", 0, 0},
                {"Senin (28/10)", "2024-10-28", 0, 0},
                {"Kamis (31/8)", "2024-08-31", 0, 1},
                {"Jumat", "2024-11-01", 0, 0},
                {"Juni lalu", "2024-06", 0, 0},
                {"2026", "2026", 0, 0},
                {"2026", "2026", 1, 0}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const cand *c = find_span(text, &out, want[k].span, want[k].nth);
        CHECK(c != NULL);
        if (c) {
            CHECK_STR(cand_value(&out, c), want[k].value);
            CHECK_INT((c->flags & CAND_WEEKDAY_CONFLICT) != 0, want[k].conflict);
        }
    }
    static const char *const none[] = {"10.000", "8.000",       " 183 ",        "70%",
                                       "1,30%",  "Rp 1 Jutaan", "Rp9,2 Miliar", "Hwasong-19"};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
        CHECK_INT(overlaps(text, &out, none[k]), 0);
    CHECK_INT(run(dm, &tl, text, len, "-", &out), 0);
    const cand *c = find_span(text, &out, "Senin (28/10)", 0);
    CHECK(c && !strcmp(cand_value(&out, c), "XXXX-10-28"));
    tok_list_free(&tl);
    cand_list_free(&out);
    free(text);
    return harness_done();
}

int
main(int argc, char **argv)
{
    date_model *dm;
    if (date_model_new(&dm, NULL) != IDNER_OK) {
        fprintf(stderr, "date_model_new failed\n");
        return 1;
    }
    tok_list tl = {0};
    cand_list out = {0};
    int rc = 0;
    if (argc >= 4 && !strcmp(argv[1], "--show")) {
        size_t len;
        char *text = slurp(argv[3], &len);
        if (!text || run(dm, &tl, text, len, argv[2], &out))
            rc = 1;
        else
            show(argv[3], text, &out);
        free(text);
    } else if (argc >= 3 && !strcmp(argv[1], "--jsonl")) {
        size_t n;
        doc *docs = read_jsonl(argv[2], &n);
        for (size_t k = 0; k < n; k++)
            if (!run(dm, &tl, docs[k].text, docs[k].len, docs[k].date, &out))
                show(docs[k].id ? docs[k].id : "-", docs[k].text, &out);
        free_docs(docs, n);
    } else if (argc >= 3 && !strcmp(argv[1], "--seed")) {
        rc = check_seed(dm, argv[2]);
    } else if (argc >= 3 && !strcmp(argv[1], "--bench")) {
        rc = bench(dm, argv[2], argc >= 4 ? atoi(argv[3]) : 20);
    } else if (argc >= 2) {
        test_calendar();
        test_calendars();
        test_pathological(dm);
        rc = run_table(dm, argv[1]);
        rc = rc ? rc : harness_done();
    } else {
        fprintf(stderr, "usage: test_date TABLE.tsv | --show REF FILE | --jsonl FILE | "
                        "--seed FILE | --bench FILE [N]\n");
        rc = 1;
    }
    tok_list_free(&tl);
    cand_list_free(&out);
    date_model_free(dm);
    return rc;
}
