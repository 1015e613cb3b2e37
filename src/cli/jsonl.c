/*
 * jsonl.c: --input jsonl (SPEC.md sections 1 and 5). Each line is one document object
 * {"id", "text", "date"}; lines are read with getline into one reused buffer, so memory is
 * bounded by the longest line whatever the size of the file. A line that cannot be annotated
 * (not JSON, not an object, no string "text", invalid UTF-8) gets an error object in its
 * place; a malformed "date" only a warning (the document is annotated without it). The usual
 * flat line is read by the fast path (json_fast.h: the object json-c would make); every other
 * line, and every refusal, by json-c's strict parser and the RFC 8259 check (json_strict.h).
 */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json_fast.h"
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

    /* the usual case: one quick pass, eight bytes at a time (a word holds a byte below 0x20
     * exactly when the test is not zero; bytes of 0x80 and above never count) */
    const uint64_t ones = 0x0101010101010101ull;
    for (i = 0; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w - ones * 0x20) & ~w & (ones * 0x80))
            break;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] < 0x20)
            break;
    if (i == n)
        return n;
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

/* The strict parser every line is read with, whatever the number of threads. */
static json_tokener *
parser_new(void)
{
    json_tokener *tok = json_tokener_new();
    if (tok == NULL)
        cli_die_nomem();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    return tok;
}

/* The object of LINE by json-c's strict parser, checked against RFC 8259 (json_strict.h); or
 * NULL after the line's error object is written. */
static json_object *
parse_json_c(cli *c, const char *shown, const char *line, size_t len, size_t lineno)
{
    json_object *obj;
    char msg[300];
    const char *t;
    size_t bad;

    if (all_space(line, len)) {
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "blank line: not a JSON object");
        return NULL;
    }
    if (len >= INT_MAX - 1) {
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "line too long for the JSON parser (2 GiB or more)");
        return NULL;
    }
    bad = bad_control_at(line, len);
    if (bad < len) {
        snprintf(msg, sizeof msg, "not JSON: control character U+%04X at byte %zu",
                 (unsigned)(unsigned char)line[bad], bad);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return NULL;
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
        c->tok = parser_new();

        /* a well-formed `null` parses to NULL too, with no error */
        if (je == json_tokener_success)
            snprintf(msg, sizeof msg, "not a JSON object (null)");
        else
            snprintf(msg, sizeof msg, "not JSON: %s",
                     je == json_tokener_continue ? "unexpected end of line"
                                                 : json_tokener_error_desc(je));
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return NULL;
    }
    if (json_tokener_get_parse_end(c->tok) < len &&
        !all_space(line + json_tokener_get_parse_end(c->tok),
                   len - json_tokener_get_parse_end(c->tok))) {
        json_object_put(obj);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "not JSON: unexpected text after the object");
        return NULL;
    }
    /* json-c's strict mode still takes "1.", "-01", NaN and others (json_strict.h) */
    if (json_strict_check(line, len, JSON_TOKENER_DEFAULT_DEPTH, &bad, &t) != 0) {
        json_object_put(obj);
        snprintf(msg, sizeof msg, "not JSON: %s at byte %zu", t, bad);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno, msg);
        return NULL;
    }
    if (!json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        cli_doc_failed(c, json_object_new_int64((int64_t)lineno), shown, lineno,
                       "not a JSON object");
        return NULL;
    }
    return obj;
}

/* A line longer than this gives its memory back before its document is annotated: the
 * parser's copy of the line, the fast path's scratch and (with one thread) the line itself,
 * so that a huge document costs the memory of its text once, not three times (issue 13). */
#define HUGE_LINE ((size_t)1 << 20)

/* --input jsonl: one line, one document. LR, when not NULL, holds LINE and may drop it once
 * the line is parsed. */
static void
run_jsonl_line(cli *c, const char *shown, const char *line, size_t len, size_t lineno,
               line_reader *lr)
{
    json_object *obj = NULL, *id = NULL, *text = NULL, *date = NULL;
    char ref[11] = "", msg[300], warning[200] = "";
    const char *t;
    idner_result *r;
    size_t tlen, bad;

    /* the usual line by the fast path (json_fast.h: the object json-c would make, or NULL
     * for anything it does not handle), the others by json-c */
    cli_huge_doc(len);
    if (!c->json_c_only && len < INT_MAX - 1)
        obj = json_fast_object(line, len, &c->json_scratch);
    if (obj == NULL && (obj = parse_json_c(c, shown, line, len, lineno)) == NULL)
        return;
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
    if (len > HUGE_LINE) { /* LINE is not read from here on: the text is json-c's copy */
        json_tokener_free(c->tok);
        c->tok = parser_new();
        buf_free(&c->json_scratch);
        if (lr)
            line_reader_free(lr);
    }
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

/* ---- --threads: a pool of workers fed batches of lines, written in input order ----------
 *
 * A ring of batch slots, in input order, shared by three kinds of threads: a reader thread
 * fills the next free slot with lines (at most BATCH_LINES lines and BATCH_BYTES bytes, unless
 * one line is longer) and hands it over; the workers take the filled slots in turn, each
 * annotating a whole batch into the slot's own output and message buffers; the calling thread
 * writes the batches in order as they are done and frees their slots. Reading, annotating and
 * writing overlap, and memory is bounded: at most SLOTS batches exist, and a batch is handed
 * over only while the input bytes of the batches in flight stay within IN_FLIGHT_BYTES, or
 * when none is in flight (a line longer than that goes alone, in the buffer it was read into).
 * Every line goes through run_jsonl_line with the same strict parser as with one thread, so
 * output, messages and exit status are those of one thread. */

#define BATCH_LINES              512
#define BATCH_BYTES              ((size_t)256 << 10)
#define SLOTS(threads)           (2 * (threads) + 2)
#define IN_FLIGHT_BYTES(threads) ((size_t)SLOTS(threads) * BATCH_BYTES)
#define KEEP_BYTES               (4 * BATCH_BYTES) /* larger buffers are released once written */

enum slot_state { SLOT_FREE, SLOT_READY, SLOT_DONE };

typedef struct batch_line {
    size_t off, len, lineno;  /* the line in batch.text */
    size_t out_end, errs_end; /* where its output and its messages end in batch.out, .errs */
} batch_line;

typedef struct batch {
    buf text; /* the lines, each followed by a NUL (the parser reads one byte past a line) */
    batch_line line[BATCH_LINES];
    size_t n;
    buf out, errs;
    uint64_t in_bytes; /* input bytes read up to the end of this batch (the progress line) */
    size_t held;       /* its input bytes, counted in pool.in_flight */
    int state;         /* enum slot_state; read and written under pool.mu */
} batch;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t filled; /* a slot became READY, or the reading ended (workers wait) */
    pthread_cond_t done;   /* a slot became DONE, or the reading ended (the writer waits) */
    pthread_cond_t freed;  /* a slot became FREE (the reader waits) */
    batch *slot;
    size_t nslots;
    size_t next_fill, next_work, next_write; /* sequence numbers of batches */
    size_t in_flight, max_in_flight;         /* input bytes handed over and not yet written */
    int reading;                             /* the reader has not finished */
    int read_status, read_errno;             /* line_reader_next's last return, and errno */
    line_reader *lr;
    uint64_t bytes; /* the reader's count of input bytes (lr->bytes) */
    const char *shown;
} pool;

typedef struct worker {
    cli c; /* a copy of the program's state with its own parser, writer and message buffer */
    pool *p;
    pthread_t thread;
} worker;

/* The reader's next slot to fill, once the writer has freed it. */
static batch *
slot_to_fill(pool *p)
{
    batch *b = &p->slot[p->next_fill % p->nslots];
    pthread_mutex_lock(&p->mu);
    while (b->state != SLOT_FREE)
        pthread_cond_wait(&p->freed, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return b;
}

/* Hands B (the slot being filled) to the workers, once the bytes in flight allow it. */
static void
hand_over(pool *p, batch *b)
{
    pthread_mutex_lock(&p->mu);
    while (p->in_flight > 0 && p->in_flight + b->text.n > p->max_in_flight)
        pthread_cond_wait(&p->freed, &p->mu);
    b->held = b->text.n;
    p->in_flight += b->held;
    b->state = SLOT_READY;
    p->next_fill++;
    pthread_cond_signal(&p->filled);
    pthread_mutex_unlock(&p->mu);
}

/* Waits while the batches in flight hold more than the bound (one long line does): the next
 * line is not read before it is written. */
static void
wait_room(pool *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->in_flight > p->max_in_flight)
        pthread_cond_wait(&p->freed, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

static void *
read_batches(void *arg)
{
    pool *p = arg;
    line_reader *lr = p->lr;
    batch *b = NULL;
    int got;

    for (;;) {
        if (b == NULL)
            wait_room(p);
        if ((got = line_reader_next(lr)) <= 0)
            break;
        size_t skip = 0, len = lr->len;
        if (lr->lineno == 1 && len >= 3 && memcmp(lr->line, "\xEF\xBB\xBF", 3) == 0) {
            skip = 3; /* a byte order mark */
            len -= 3;
        }
        if (b && (b->n == BATCH_LINES || b->text.n + len + 1 > BATCH_BYTES)) {
            hand_over(p, b);
            b = NULL;
        }
        if (b == NULL)
            b = slot_to_fill(p);
        if (b->n == 0 && len + 1 > BATCH_BYTES) {
            /* A long line alone: its batch takes the buffer it was read into, no copy, and is
             * handed over at once; wait_room holds the next line back until it is written. */
            buf_free(&b->text);
            b->text = (buf){.p = lr->line, .n = lr->len, .cap = lr->cap};
            lr->line = NULL;
            lr->cap = 0;
            b->line[b->n++] = (batch_line){.off = skip, .len = len, .lineno = lr->lineno};
            b->in_bytes = p->bytes;
            hand_over(p, b);
            b = NULL;
            continue;
        }
        b->line[b->n++] = (batch_line){.off = b->text.n, .len = len, .lineno = lr->lineno};
        if (buf_append(&b->text, lr->line + skip, len) != 0 || buf_append(&b->text, "", 1) != 0)
            cli_die_nomem();
        b->in_bytes = p->bytes;
    }
    int err = errno;
    if (b)
        hand_over(p, b);
    pthread_mutex_lock(&p->mu);
    p->reading = 0;
    p->read_status = got;
    p->read_errno = err;
    pthread_cond_broadcast(&p->filled);
    pthread_cond_signal(&p->done);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *
work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;

    for (;;) {
        batch *b;
        pthread_mutex_lock(&p->mu);
        while (p->next_work == p->next_fill && p->reading)
            pthread_cond_wait(&p->filled, &p->mu);
        if (p->next_work == p->next_fill) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        b = &p->slot[p->next_work++ % p->nslots];
        pthread_mutex_unlock(&p->mu);

        w->c.out->sink.mem = &b->out;
        w->c.errs = &b->errs;
        for (size_t k = 0; k < b->n; k++) {
            batch_line *l = &b->line[k];
            run_jsonl_line(&w->c, p->shown, b->text.p + l->off, l->len, l->lineno, NULL);
            l->out_end = b->out.n;
            l->errs_end = b->errs.n;
        }
        if (b->text.n > KEEP_BYTES) { /* the parser keeps a buffer as large as the line */
            json_tokener_free(w->c.tok);
            w->c.tok = parser_new();
        }
        if (w->c.json_scratch.cap > KEEP_BYTES)
            buf_free(&w->c.json_scratch);

        pthread_mutex_lock(&p->mu);
        b->state = SLOT_DONE;
        pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Writes the lines of B in order, each one's messages and then its output, as one thread
 * would, and empties B. */
static void
write_batch(cli *c, batch *b)
{
    size_t out_at = 0, errs_at = 0;

    c->in_bytes = b->in_bytes;
    for (size_t k = 0; k < b->n; k++) {
        const batch_line *l = &b->line[k];
        if (l->errs_end > errs_at) {
            progress_clear(c);
            fwrite(b->errs.p + errs_at, 1, l->errs_end - errs_at, stderr);
            c->doc_error = 1;
            errs_at = l->errs_end;
        }
        cli_put(c, b->out.p + out_at, l->out_end - out_at);
        out_at = l->out_end;
    }
    b->n = b->text.n = b->out.n = b->errs.n = 0;
    if (b->text.cap > KEEP_BYTES)
        buf_free(&b->text);
    if (b->out.cap > KEEP_BYTES)
        buf_free(&b->out);
    if (b->errs.cap > KEEP_BYTES)
        buf_free(&b->errs);
}

/* The calling thread's part: writes the batches in input order as the workers finish them. */
static void
write_batches(cli *c, pool *p)
{
    for (;;) {
        batch *b = &p->slot[p->next_write % p->nslots];
        pthread_mutex_lock(&p->mu);
        while (b->state != SLOT_DONE && (p->reading || p->next_write < p->next_fill))
            pthread_cond_wait(&p->done, &p->mu);
        if (b->state != SLOT_DONE) {
            pthread_mutex_unlock(&p->mu);
            return;
        }
        pthread_mutex_unlock(&p->mu);

        write_batch(c, b);

        pthread_mutex_lock(&p->mu);
        p->in_flight -= b->held;
        b->state = SLOT_FREE;
        p->next_write++;
        pthread_cond_signal(&p->freed);
        pthread_mutex_unlock(&p->mu);
    }
}

/* The lines of LR with one thread. Returns what line_reader_next last returned (-1: a read
 * error, errno set). */
static int
run_lines(cli *c, const char *shown, line_reader *lr)
{
    int got;

    while ((got = line_reader_next(lr)) > 0) {
        const char *line = lr->line;
        size_t len = lr->len;

        if (lr->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a byte order mark */
            len -= 3;
        }
        run_jsonl_line(c, shown, line, len, lr->lineno, lr);
    }
    return got;
}

/* The lines of LR with c->threads workers. Returns as run_lines, the error in *ERR. */
static int
run_threaded(cli *c, const char *shown, line_reader *lr, int *err)
{
    unsigned count = c->threads, started = 0;
    pool p = {.nslots = SLOTS(count),
              .max_in_flight = IN_FLIGHT_BYTES(count),
              .reading = 1,
              .lr = lr,
              .bytes = c->in_bytes,
              .shown = shown};
    worker *w = calloc(count, sizeof *w);
    pthread_t reader;
    int got;

    p.slot = calloc(p.nslots, sizeof *p.slot);
    if (!w || !p.slot)
        cli_die_nomem();
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.filled, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_cond_init(&p.freed, NULL);
    lr->bytes = &p.bytes;
#ifdef M_MMAP_THRESHOLD
    /* glibc: large blocks are mapped, and unmapped when freed, whichever thread's arena they
     * come from; otherwise each worker's arena would keep the memory of the longest line it
     * saw (the threshold no longer follows the largest block freed). */
    mallopt(M_MMAP_THRESHOLD, (int)KEEP_BYTES);
#endif
    for (unsigned t = 0; t < count; t++) {
        w[t].c = *c;
        w[t].c.tok = parser_new();
        w[t].c.json_scratch = (buf){0};
        w[t].c.out = out_open_mem(c->out_fmt, NULL);
        w[t].c.progress = NULL; /* the writing thread shows it */
        w[t].p = &p;
        if (!w[t].c.out)
            cli_die_nomem();
    }
    for (unsigned t = 0; t < count; t++) {
        if (pthread_create(&w[t].thread, NULL, work, &w[t]) != 0)
            break; /* fewer workers: the same output */
        started++;
    }
    if (started > 0 && pthread_create(&reader, NULL, read_batches, &p) == 0) {
        write_batches(c, &p);
        pthread_join(reader, NULL);
        got = p.read_status;
        *err = p.read_errno;
    } else {
        pthread_mutex_lock(&p.mu); /* no thread to be had: the workers stop, one thread reads */
        p.reading = 0;
        pthread_cond_broadcast(&p.filled);
        pthread_mutex_unlock(&p.mu);
        lr->bytes = &c->in_bytes;
        got = run_lines(c, shown, lr);
        *err = errno;
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(w[t].thread, NULL);
    if (lr->bytes == &p.bytes)
        c->in_bytes = p.bytes;
    for (unsigned t = 0; t < count; t++) {
        json_tokener_free(w[t].c.tok);
        buf_free(&w[t].c.json_scratch);
        out_close(w[t].c.out, NULL, 0);
    }
    for (size_t k = 0; k < p.nslots; k++) {
        buf_free(&p.slot[k].text);
        buf_free(&p.slot[k].out);
        buf_free(&p.slot[k].errs);
    }
    pthread_cond_destroy(&p.filled);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.freed);
    pthread_mutex_destroy(&p.mu);
    free(p.slot);
    free(w);
    return got;
}

void
jsonl_run_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    line_reader lr;
    int got, err = 0;

    if (f == NULL)
        return;
    if (c->tok == NULL)
        c->tok = parser_new();
    if (getenv("IDNER_JSON_C") && strcmp(getenv("IDNER_JSON_C"), "1") == 0)
        c->json_c_only = 1; /* tests compare the fast path with json-c's (json_fast.h) */
    line_reader_init(&lr, f);
    lr.bytes = &c->in_bytes;
    if (c->threads > 1) {
        got = run_threaded(c, shown, &lr, &err);
    } else {
        got = run_lines(c, shown, &lr);
        err = errno;
    }
    if (got < 0) {
        fprintf(stderr, "idner: %s:%zu: %s\n", shown, lr.lineno + 1, strerror(err));
        c->setup_error = 1;
    }
    line_reader_free(&lr);
    cli_close_input(f);
}
