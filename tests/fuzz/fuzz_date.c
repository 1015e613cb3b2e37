/*
 * fuzz_date.c: the date and time stage alone (src/date/, date_run), and its reference-date
 * parser against the program's (date_parse_ref and cli/input.c cli_parse_date).
 *
 * Input: the first line is a reference date candidate, the rest the text (cut at its first
 * byte that is not UTF-8: the stage runs on validated text, as idner_annotate gives it).
 *
 * Invariants (abort() when one fails):
 *   - date_parse_ref and cli_parse_date accept the same first lines (when no NUL is in them)
 *     and read the same date; an accepted one is the text's reference date;
 *   - date_run succeeds (IDNER_ERR_LIMIT, a regex match limit, is tolerated) and appends only
 *     DATE and TIME candidates of source "date", in order and not overlapping, whose spans are
 *     their tokens' ([tok_start, tok_end) within the text, byte_start the first token's start,
 *     byte_end the last one's end); their values (cand_value) are shorter than 64 bytes, empty
 *     exactly when flagged null, and use only the characters of SPEC.md section 4.2 (see
 * fuzz_annotate.c).
 *
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "date/date.h"
#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_date";

static const date_model *
model(void)
{
    static date_model *dm;
    if (!dm) {
        idner_error err;
        if (date_model_new(&dm, &err) != IDNER_OK) {
            fprintf(stderr, "fuzz_date: %s\n", err.message);
            abort();
        }
    }
    return dm;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tok_list tl;
    static cand_list cl;
    const uint8_t *nl = memchr(data, '\n', size);
    size_t ref_len = nl ? (size_t)(nl - data) : size;
    const char *text = nl ? (const char *)nl + 1 : "";
    size_t len = nl ? size - ref_len - 1 : 0;

    date_ymd ref = {0, 0, 0};
    if (ref_len <= 64 && !memchr(data, '\0', ref_len)) {
        char s[65], out[11];
        memcpy(s, data, ref_len);
        s[ref_len] = '\0';
        int a = date_parse_ref(s, &ref);
        int b = cli_parse_date(s, ref_len, out);
        if (a != b)
            FUZZ_FAIL("\"%s\": date_parse_ref %d, cli_parse_date %d", s, a, b);
        if (a == 0) {
            char again[16];
            snprintf(again, sizeof again, "%04d-%02d-%02d", ref.y, ref.m, ref.d);
            if (strcmp(again, out) != 0)
                FUZZ_FAIL("\"%s\": date_parse_ref %s, cli_parse_date %s", s, again, out);
        } else {
            ref.y = 0;
        }
    }
    size_t bad = text_utf8_invalid_at(text, len);
    if (bad != SIZE_MAX)
        len = bad;
    if (tok_run(&tl, text, len) != IDNER_OK)
        abort();
    cl.n = 0;
    cl.values_len = 0; /* the values of the last input are gone too */
    idner_error err;
    idner_status st = date_run(model(), text, len, &tl, &ref, &cl, &err);
    if (st == IDNER_ERR_LIMIT)
        return 0;
    if (st != IDNER_OK)
        FUZZ_FAIL("date_run: %s", err.message);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < cl.n; i++) {
        const cand *c = &cl.v[i];
        if (c->type != IDNER_DATE && c->type != IDNER_TIME)
            FUZZ_FAIL("candidate %zu: type %u", i, c->type);
        if (c->source != SRC_DATE)
            FUZZ_FAIL("candidate %zu: source %u", i, c->source);
        if (c->tok_start >= c->tok_end || c->tok_end > tl.n)
            FUZZ_FAIL("candidate %zu: tokens [%u, %u) of %zu", i, c->tok_start, c->tok_end, tl.n);
        if (c->byte_start != tl.v[c->tok_start].byte_start ||
            c->byte_end != tl.v[c->tok_end - 1].byte_end || c->byte_end > len)
            FUZZ_FAIL("candidate %zu: bytes [%u, %u) are not its tokens'", i, c->byte_start,
                      c->byte_end);
        if (i > 0 && c->byte_start < prev_end)
            FUZZ_FAIL("candidate %zu: bytes [%u, %u) overlap the previous one (ends at %u)", i,
                      c->byte_start, c->byte_end, prev_end);
        const char *value = cand_value(&cl, c);
        size_t vn = strlen(value);
        if (vn >= CAND_VALUE_MAX)
            FUZZ_FAIL("candidate %zu: value of %zu bytes", i, vn);
        if ((vn == 0) != !!(c->flags & CAND_VALUE_NULL))
            FUZZ_FAIL("candidate %zu: value \"%s\" with flags 0x%x", i, value, c->flags);
        if (strspn(value, "0123456789X-WTMOAFEVNI:+/QHSUP") != vn)
            FUZZ_FAIL("candidate %zu: value \"%s\"", i, value);
        prev_end = c->byte_end;
    }
    return 0;
}
