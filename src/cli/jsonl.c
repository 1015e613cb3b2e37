/*
 * jsonl.c: --input jsonl (SPEC.md sections 1 and 5). Each line is one document object
 * {"id", "text", "date"}; lines are read with getline into one reused buffer, so memory is
 * bounded by the longest line whatever the size of the file. A line that cannot be annotated
 * (not JSON, not an object, no string "text", invalid UTF-8) gets an error object in its
 * place; a malformed "date" only a warning (the document is annotated without it).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json_strict.h"

static int
all_space(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Skips the JSON string at S[*I] (a '"'). */
static void
skip_string(const char *s, size_t n, size_t *i)
{
    for ((*i)++; *i < n && s[*i] != '"'; (*i)++)
        if (s[*i] == '\\')
            (*i)++;
    (*i)++;
}

/* Skips the JSON value at S[*I] of a line that json-c has already accepted. */
static void
skip_value(const char *s, size_t n, size_t *i)
{
    int depth = 0;

    while (*i < n) {
        char ch = s[*i];

        if (ch == '"') {
            skip_string(s, n, i);
            continue;
        }
        if (depth == 0 &&
            (ch == ',' || ch == '}' || ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'))
            return;
        if (ch == '{' || ch == '[')
            depth++;
        else if (ch == '}' || ch == ']')
            depth--;
        (*i)++;
    }
}

/* The id of LINE as written, for an integer json-c saturated (it has no big integers): a
 * number keeps all its digits. NULL when the raw text cannot be found. */
static json_object *
raw_number_id(const char *s, size_t n)
{
    size_t i = 0, vstart = 0, vend = 0;

    while (i < n && s[i] != '{')
        i++;
    for (i++; i < n;) {
        size_t kstart, kend;

        while (i < n &&
               (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == ','))
            i++;
        if (i >= n || s[i] != '"')
            break;
        kstart = i;
        skip_string(s, n, &i);
        kend = i;
        while (i < n && s[i] != ':')
            i++;
        for (i++; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n');)
            i++;
        if (i >= n)
            break;
        if (kend - kstart == 4 && memcmp(s + kstart, "\"id\"", 4) == 0) {
            vstart = i;
            skip_value(s, n, &i);
            vend = i; /* the last "id" wins, as in json-c */
        } else {
            skip_value(s, n, &i);
        }
    }
    if (vend <= vstart || vend - vstart > 4000)
        return NULL;
    {
        char digits[4001];
        size_t k;

        for (k = vstart; k < vend; k++)
            if (!(s[k] == '-' || (s[k] >= '0' && s[k] <= '9')))
                return NULL;
        memcpy(digits, s + vstart, vend - vstart);
        digits[vend - vstart] = '\0';
        /* A double that serializes as the text it was parsed from. */
        return json_object_new_double_s(0.0, digits);
    }
}

/* The offset of the first control character of LINE that JSON does not allow (inside a
 * string: any byte below 0x20; outside: any but tab and CR), or N. json-c lets raw control
 * characters through in strings; Python's json and RFC 8259 do not, and the contract follows
 * them. */
static size_t
bad_control_at(const char *s, size_t n)
{
    size_t i;
    int in_string = 0;

    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20)
            break;
    if (i == n)
        return n; /* the usual case: one quick pass */
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];

        if (in_string) {
            if (ch < 0x20)
                return i;
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch < 0x20 && ch != '\t' && ch != '\r') {
            return i;
        }
    }
    return n;
}

/* Are the strings of O (keys and values, nested ones too) valid UTF-8? A kept field is
 * written back as it is (--keep-fields): one that is not would make the output line no JSON. */
static int
json_utf8_ok(json_object *o)
{
    size_t i, n;

    switch (json_object_get_type(o)) {
    case json_type_string:
        n = (size_t)json_object_get_string_len(o);
        return cli_utf8_invalid_at(json_object_get_string(o), n) == n;
    case json_type_array:
        n = json_object_array_length(o);
        for (i = 0; i < n; i++)
            if (!json_utf8_ok(json_object_array_get_idx(o, i)))
                return 0;
        return 1;
    case json_type_object: {
        json_object_object_foreach(o, key, val)
        {
            if (cli_utf8_invalid_at(key, strlen(key)) != strlen(key) || !json_utf8_ok(val))
                return 0;
        }
        return 1;
    }
    default:
        return 1;
    }
}

/* SRC cut to at most MAX bytes at a code point boundary (SRC is valid UTF-8): its length. */
static int
utf8_cut(const char *src, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)src[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

/* --input jsonl: one line, one document. */
static void
run_jsonl_line(cli *c, const char *shown, const char *line, size_t len, size_t lineno)
{
    json_object *obj, *id = NULL, *text = NULL, *date = NULL;
    char ref[11] = "", msg[300], warning[200] = "";
    const char *t;
    idner_result *r;
    size_t tlen, bad;

    if (all_space(line, len)) {
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "blank line: not a JSON object");
        return;
    }
    if (len >= INT_MAX - 1) {
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "line too long for the JSON parser (2 GiB or more)");
        return;
    }
    bad = bad_control_at(line, len);
    if (bad < len) {
        snprintf(msg, sizeof msg, "not JSON: control character U+%04X at byte %zu",
                 (unsigned)(unsigned char)line[bad], bad);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return;
    }
    json_tokener_reset(c->tok);
    /* The terminating NUL is passed too, so that a bare number at the end is complete. */
    obj = json_tokener_parse_ex(c->tok, line, (int)len + 1);
    if (obj == NULL) {
        enum json_tokener_error je = json_tokener_get_error(c->tok);

        /* json-c 0.16's json_tokener_reset keeps the high surrogate of a "\uD83D" the failed
         * parse had not finished, and the next line's first \u escape would get a U+FFFD
         * before it: a new parser after a failure (found by fuzz_jsonl_json) */
        json_tokener_free(c->tok);
        if ((c->tok = json_tokener_new()) == NULL)
            cli_die_nomem();
        json_tokener_set_flags(c->tok, JSON_TOKENER_STRICT);

        /* a well-formed `null` parses to NULL too, with no error */
        if (je == json_tokener_success)
            snprintf(msg, sizeof msg, "not a JSON object (null)");
        else
            snprintf(msg, sizeof msg, "not JSON: %s",
                     je == json_tokener_continue ? "unexpected end of line"
                                                 : json_tokener_error_desc(je));
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return;
    }
    if (json_tokener_get_parse_end(c->tok) < len &&
        !all_space(line + json_tokener_get_parse_end(c->tok),
                   len - json_tokener_get_parse_end(c->tok))) {
        json_object_put(obj);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "not JSON: unexpected text after the object");
        return;
    }
    /* json-c's strict mode still takes "1.", "-01", NaN and others (json_strict.h) */
    if (json_strict_check(line, len, JSON_TOKENER_DEFAULT_DEPTH, &bad, &t) != 0) {
        json_object_put(obj);
        snprintf(msg, sizeof msg, "not JSON: %s at byte %zu", t, bad);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return;
    }
    if (!json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "not a JSON object");
        return;
    }
    if (json_object_object_get_ex(obj, "id", &id)) {
        /* Kept as written: a number stays a number. */
        if (!json_utf8_ok(id)) {
            json_object_put(obj);
            cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                           "invalid UTF-8 in \"id\"");
            return;
        }
        if (json_object_is_type(id, json_type_int) &&
            (json_object_get_int64(id) == INT64_MAX || json_object_get_int64(id) == INT64_MIN) &&
            (id = raw_number_id(line, len)) != NULL) {
            /* a big integer, kept digit for digit */
        } else {
            json_object_object_get_ex(obj, "id", &id);
            id = json_object_get(id);
        }
    } else {
        id = json_object_new_int64((int64_t)lineno);
    }
    if (c->keep_fields) {
        json_object_object_foreach(obj, key, val)
        {
            if (strcmp(key, "id") == 0 || strcmp(key, "text") == 0 ||
                (cli_utf8_invalid_at(key, strlen(key)) == strlen(key) && json_utf8_ok(val)))
                continue;
            json_object *name = cli_string_id(key);
            const char *k = json_object_get_string(name);

            snprintf(msg, sizeof msg, "invalid UTF-8 in \"%.*s\"", utf8_cut(k, strlen(k), 60), k);
            json_object_put(name);
            json_object_put(obj);
            cli_doc_failed(c, id, shown, lineno, msg);
            return;
        }
    }
    if (!json_object_object_get_ex(obj, "text", &text)) {
        json_object_put(obj);
        cli_doc_failed(c, id, shown, lineno, "missing \"text\"");
        return;
    }
    if (!json_object_is_type(text, json_type_string)) {
        json_object_put(obj);
        cli_doc_failed(c, id, shown, lineno, "\"text\" is not a string");
        return;
    }
    /* null and "" mean "no reference date"; anything else must be a date. A bad one costs
     * the document nothing but its own date: it is annotated with the command line's
     * reference date (or none), with a warning. */
    if (json_object_object_get_ex(obj, "date", &date) && date != NULL &&
        !(json_object_is_type(date, json_type_string) && json_object_get_string_len(date) == 0)) {
        if (!json_object_is_type(date, json_type_string) ||
            cli_parse_date(json_object_get_string(date), (size_t)json_object_get_string_len(date),
                           ref) != 0) {
            /* shown with bytes that are not UTF-8 replaced, cut at a code point */
            json_object *shown_v = cli_string_id(json_object_to_json_string_ext(
                date, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
            const char *v = json_object_get_string(shown_v);
            size_t vn = strlen(v);

            ref[0] = '\0';
            snprintf(warning, sizeof warning,
                     "\"date\": %.*s%s is not a date YYYY-MM-DD; annotated %s%s",
                     utf8_cut(v, vn, vn > 60 ? 57 : 60), v, vn > 60 ? "..." : "",
                     c->ref_date[0] ? "with the reference date " : "without a reference date",
                     c->ref_date);
            json_object_put(shown_v);
            cli_report(c, shown, lineno, warning);
        }
    }
    t = json_object_get_string(text);
    tlen = (size_t)json_object_get_string_len(text);
    r = cli_annotate(c, t, tlen, ref, msg, sizeof msg, &bad);
    if (r == NULL) {
        char full[340];

        snprintf(full, sizeof full, "\"text\": %s", msg);
        json_object_put(obj);
        cli_doc_failed(c, id, shown, lineno, full);
        return;
    }
    out_doc d = {.id = id,
                 .text = t,
                 .len = tlen,
                 .ref_date = ref[0] ? ref : (c->ref_date[0] ? c->ref_date : NULL),
                 .result = r,
                 .warning = warning[0] ? warning : NULL,
                 .fields = c->keep_fields ? obj : NULL};
    cli_emit(c, &d);
    json_object_put(id);
    idner_result_free(r);
    json_object_put(obj);
}

/* ---- --threads: batches of lines annotated in parallel, written in input order ---------- */

#define BATCH_LINES 1024
#define BATCH_BYTES (16u << 20)

typedef struct batch_line {
    size_t off, len, lineno;
} batch_line;

typedef struct batch {
    buf text; /* the lines, one after another */
    batch_line line[BATCH_LINES];
    size_t n;
    buf out[BATCH_LINES];  /* each line's output... */
    buf errs[BATCH_LINES]; /* ...and messages */
} batch;

typedef struct worker {
    cli c; /* a copy of the program's state with its own parser and buffers */
    batch *b;
    const char *shown;
    unsigned index, count;
    pthread_t thread;
} worker;

static void *
work(void *arg)
{
    worker *w = arg;
    for (size_t k = w->index; k < w->b->n; k += w->count) {
        const batch_line *l = &w->b->line[k];
        w->c.out->sink.mem = &w->b->out[k];
        w->c.errs = &w->b->errs[k];
        run_jsonl_line(&w->c, w->shown, w->b->text.p + l->off, l->len, l->lineno);
    }
    return NULL;
}

/* Annotates the lines of B with the workers, then writes them in order. */
static void
flush_batch(cli *c, batch *b, worker *w, unsigned count)
{
    unsigned started = 0;
    for (unsigned t = 0; t < count; t++) {
        w[t].b = b;
        if (pthread_create(&w[t].thread, NULL, work, &w[t]) != 0)
            break;
        started++;
    }
    if (started == 0) { /* no thread to be had: do it here */
        w[0].count = 1;
        work(&w[0]);
        w[0].count = count;
    } else if (started < count) {
        for (unsigned t = 0; t < started; t++)
            pthread_join(w[t].thread, NULL);
        fputs("idner: could not start all threads\n", stderr);
        exit(EXIT_FAILURE);
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(w[t].thread, NULL);
    for (size_t k = 0; k < b->n; k++) {
        if (b->errs[k].n) {
            progress_clear(c);
            fputs(b->errs[k].p, stderr);
            c->doc_error = 1;
        }
        cli_put(c, b->out[k].p, b->out[k].n);
        b->out[k].n = b->errs[k].n = 0;
    }
    b->n = 0;
    b->text.n = 0;
}

/* jsonl_run_file with --threads: returns what line_reader_next last returned. */
static int
run_threaded(cli *c, const char *shown, line_reader *lr)
{
    unsigned count = c->threads;
    batch *b = calloc(1, sizeof *b);
    worker *w = calloc(count, sizeof *w);
    int got;
    if (!b || !w)
        cli_die_nomem();
    for (unsigned t = 0; t < count; t++) {
        w[t].c = *c;
        w[t].c.tok = json_tokener_new();
        if (w[t].c.tok) /* the same parser as one thread's (cli_setup) */
            json_tokener_set_flags(w[t].c.tok, JSON_TOKENER_STRICT);
        w[t].c.out = out_open_mem(c->out_fmt, NULL);
        w[t].c.progress = NULL; /* the main thread shows it */
        w[t].shown = shown;
        w[t].index = t;
        w[t].count = count;
        if (!w[t].c.tok || !w[t].c.out)
            cli_die_nomem();
    }
    while ((got = line_reader_next(lr)) > 0) {
        const char *line = lr->line;
        size_t len = lr->len;
        if (lr->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a byte order mark */
            len -= 3;
        }
        if (b->n && (b->n == BATCH_LINES || b->text.n + len > BATCH_BYTES))
            flush_batch(c, b, w, count);
        b->line[b->n] = (batch_line){b->text.n, len, lr->lineno};
        /* the parser reads one byte past the line: keep the NUL that follows it */
        if (buf_append(&b->text, line, len) != 0 || buf_append(&b->text, "", 1) != 0)
            cli_die_nomem();
        b->n++;
    }
    if (b->n)
        flush_batch(c, b, w, count);
    for (unsigned t = 0; t < count; t++) {
        json_tokener_free(w[t].c.tok);
        out_close(w[t].c.out, NULL, 0);
    }
    for (size_t k = 0; k < BATCH_LINES; k++) {
        buf_free(&b->out[k]);
        buf_free(&b->errs[k]);
    }
    buf_free(&b->text);
    free(b);
    free(w);
    return got;
}

void
jsonl_run_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    line_reader lr;
    int got;

    if (f == NULL)
        return;
    line_reader_init(&lr, f);
    lr.bytes = &c->in_bytes;
    if (c->threads > 1) {
        got = run_threaded(c, shown, &lr);
    } else {
        while ((got = line_reader_next(&lr)) > 0) {
            const char *line = lr.line;
            size_t len = lr.len;

            if (lr.lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
                line += 3; /* a byte order mark */
                len -= 3;
            }
            run_jsonl_line(c, shown, line, len, lr.lineno);
        }
    }
    if (got < 0) {
        fprintf(stderr, "idner: %s:%zu: %s\n", shown, lr.lineno + 1, strerror(errno));
        c->setup_error = 1;
    }
    line_reader_free(&lr);
    cli_close_input(f);
}
