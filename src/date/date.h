/*
 * date.h: the date and time stage (SPEC.md section 4). pcre2 patterns are compiled (with JIT)
 * once per model into a date_model; each call uses its own match data, so one date_model serves
 * any number of threads.
 */
#ifndef IDNER_DATE_H
#define IDNER_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "idner.h"
#include "result/cand.h"
#include "tok/tok.h"

typedef struct date_model date_model;

/* A calendar date; y == 0 means "no date". */
typedef struct date_ymd {
    int y, m, d;
} date_ymd;

/* Parses "YYYY-MM-DD" (a valid Gregorian date, optionally followed by 'T' or a space and
 * anything) into *OUT. Returns 0 on success, -1 when malformed. */
int date_parse_ref(const char *s, date_ymd *out);

idner_status date_model_new(date_model **out, idner_error *err);
void date_model_free(date_model *dm);

/* Finds the DATE and TIME mentions of TEXT, guided by its tokens TL, and appends them to OUT
 * as candidates (source SRC_DATE), resolving against REF (REF->y == 0: no reference date).
 * Spans start and end on token boundaries; mentions do not overlap one another. */
idner_status date_run(const date_model *dm, const char *text, size_t len, const tok_list *tl,
                      const date_ymd *ref, cand_list *out, idner_error *err);

/* What the mentions so far tell the ones after them (the last full day, month and year). */
typedef struct date_last {
    date_ymd d;
    int my, mm;
    int y;
} date_last;

/* date_run on the tokens TL of one window of a huge document (TEXT is the whole document, of
 * LEN bytes), going on from LAST (zeroed before the first window) and leaving it for the next
 * window. */
idner_status date_run_from(const date_model *dm, const char *text, size_t len, const tok_list *tl,
                           const date_ymd *ref, date_last *last, cand_list *out, idner_error *err);

#endif
