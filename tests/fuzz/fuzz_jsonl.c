/*
 * fuzz_jsonl.c: the JSON Lines reader (src/cli/jsonl.c, `idner annotate --input jsonl`) on a
 * whole file, with one thread and with several (the batches of --threads), as the program runs
 * it.
 *
 * Input: byte 0 selects the options, the rest is the file.
 *   bits 0-1  the thread count of the second run: 2, 3, 4 or 8
 *   bit 2     --keep-fields
 *   bit 3     --ref-date 2024-11-03
 *   bit 4     --no-rules --no-alias (cheaper annotation, more lines per second)
 *
 * Invariants (abort() when one fails):
 *   - the output and the messages with N threads are byte for byte those of one thread, and
 *     so is the exit status (README: --threads changes nothing but the speed);
 *   - there is one output line per input line (getline's lines: a last line without "\n"
 *     counts), each a JSON object (json-c, strict) with an "id" and either "entities" (an
 *     array) or a string "error";
 *   - the output is valid UTF-8; every message is one "idner: NAME:LINE: ..." line, and
 *     there are messages exactly when the status says some document failed or was warned.
 *
 * The model is loaded once, from IDNER_DATA or the build tree's data.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_jsonl";

typedef struct run {
    buf out;
    char *err;
    size_t err_len;
    int doc_error, setup_error;
} run;

static void
run_reader(const char *path, uint8_t sel, unsigned threads, run *r)
{
    cli *c = fuzz_cli();
    c->in = IN_JSONL;
    c->threads = threads;
    c->keep_fields = sel >> 2 & 1;
    if (sel >> 3 & 1)
        memcpy(c->ref_date, "2024-11-03", 11);
    if (sel >> 4 & 1)
        c->aopts.flags |= IDNER_NO_RULES | IDNER_NO_ALIAS;
    r->out.n = 0;
    c->out = out_open_mem(c->out_fmt, &r->out);
    if (!c->out)
        abort();
    const char *err;
    fuzz_capture_begin();
    jsonl_run_file(c, path);
    fuzz_capture_end(NULL, NULL, &err, &r->err_len);
    out_close(c->out, NULL, 0);
    c->out = NULL;
    free(r->err);
    r->err = malloc(r->err_len + 1);
    if (!r->err)
        abort();
    memcpy(r->err, err, r->err_len + 1);
    r->doc_error = c->doc_error;
    r->setup_error = c->setup_error;
}

static size_t
count_lines(const uint8_t *s, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines + (n > 0 && s[n - 1] != '\n');
}

static void
check_output(const run *r, size_t want_lines)
{
    if (!fuzz_utf8_valid(r->out.p ? r->out.p : "", r->out.n))
        FUZZ_FAIL("the output is not valid UTF-8");
    json_tokener *tk = json_tokener_new();
    if (!tk)
        abort();
    json_tokener_set_flags(tk, JSON_TOKENER_STRICT);
    size_t lines = 0;
    for (size_t at = 0; at < r->out.n; lines++) {
        const char *line = r->out.p + at;
        const char *nl = memchr(line, '\n', r->out.n - at);
        if (!nl)
            FUZZ_FAIL("output line %zu has no newline", lines + 1);
        size_t len = (size_t)(nl - line);
        json_tokener_reset(tk);
        json_object *o = json_tokener_parse_ex(tk, line, (int)len);
        json_object *v;
        if (!o || json_tokener_get_parse_end(tk) != len ||
            !json_object_is_type(o, json_type_object))
            FUZZ_FAIL("output line %zu is not one JSON object: %.*s", lines + 1, (int)len, line);
        if (!json_object_object_get_ex(o, "id", NULL))
            FUZZ_FAIL("output line %zu has no id", lines + 1);
        if (json_object_object_get_ex(o, "error", &v)) {
            if (!json_object_is_type(v, json_type_string))
                FUZZ_FAIL("output line %zu: error is not a string", lines + 1);
        } else if (!json_object_object_get_ex(o, "entities", &v) ||
                   !json_object_is_type(v, json_type_array)) {
            FUZZ_FAIL("output line %zu has neither error nor entities", lines + 1);
        }
        json_object_put(o);
        at += len + 1;
    }
    json_tokener_free(tk);
    if (lines != want_lines)
        FUZZ_FAIL("%zu input lines, %zu output lines", want_lines, lines);
    for (size_t at = 0; at < r->err_len;) {
        const char *nl = memchr(r->err + at, '\n', r->err_len - at);
        if (!nl || strncmp(r->err + at, "idner: /proc/self/fd/", 21) != 0)
            FUZZ_FAIL("a message is not one \"idner: FILE:LINE: ...\" line: %s", r->err + at);
        at = (size_t)(nl - r->err) + 1;
    }
    if ((r->err_len > 0) != (r->doc_error || r->setup_error))
        FUZZ_FAIL("messages (%zu bytes) but doc_error %d, setup_error %d", r->err_len, r->doc_error,
                  r->setup_error);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned thread_counts[4] = {2, 3, 4, 8};
    static run one, many;
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    const char *path = fuzz_file(0, data + 1, size - 1);
    run_reader(path, sel, 1, &one);
    check_output(&one, count_lines(data + 1, size - 1));
    unsigned n = thread_counts[sel & 3];
    run_reader(path, sel, n, &many);
    if (one.out.n != many.out.n || (one.out.n && memcmp(one.out.p, many.out.p, one.out.n) != 0))
        FUZZ_FAIL("the output with %u threads differs from one thread's:\n%.*s\n---\n%.*s", n,
                  (int)one.out.n, one.out.p, (int)many.out.n, many.out.p);
    if (one.err_len != many.err_len || memcmp(one.err, many.err, one.err_len) != 0)
        FUZZ_FAIL("the messages with %u threads differ from one thread's:\n%s---\n%s", n, one.err,
                  many.err);
    if (one.doc_error != many.doc_error || one.setup_error != many.setup_error)
        FUZZ_FAIL("the exit status with %u threads differs from one thread's", n);
    return 0;
}
