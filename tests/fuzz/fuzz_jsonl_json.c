/*
 * fuzz_jsonl_json.c: a differential target of the JSON Lines reader (src/cli/jsonl.c): each
 * line of the file is also parsed on its own by json-c in strict mode (a fresh parser) and
 * checked by a small RFC 8259 grammar here, and the reader's output for the line must agree
 * with both.
 *
 * Input: the file. It is read as `idner annotate --input jsonl --keep-fields` reads it.
 *
 * For each input line (getline's: split at "\n", a "\r" before it dropped, a byte order mark
 * dropped from line 1), the expected outcome, checked against the output line of the same
 * number (abort() when they differ):
 *   - spaces and tabs only: the error "blank line: not a JSON object", id the line number;
 *   - not JSON by the grammar of RFC 8259 (nested at most 31 deep, json-c's limit): an error
 *     "not JSON: ...", id the line number, even where json-c's strict mode accepts the line
 *     ("1.", NaN, raw control characters in strings: src/cli/json_strict.h);
 *   - JSON by the grammar: json-c's strict parse must accept it too;
 *   - JSON but not an object: "not a JSON object";
 *   - an object: its "id" (json-c's value, the line number when absent) is the output's id,
 *     unless it holds a string that is not UTF-8 ("invalid UTF-8 in \"id\"") or is an integer
 *     json-c saturates (kept digit for digit: not compared); a field other than id and text
 *     whose name or strings are not UTF-8: "invalid UTF-8 in \"NAME\"" (it would be copied
 *     into the output as it is); no "text": "missing \"text\"";
 *     "text" not a string: "\"text\" is not a string"; "text" not UTF-8: "\"text\": invalid
 *     UTF-8 at byte N", N json-c's decoded text's first bad byte; else entities whose bytes
 *     [byte_start, byte_end) of json-c's decoded text are their "text", and the fields other
 *     than id and text (json-c's values, "date" among them) copied as they are, with a warning
 *     exactly when "date" is there, not null or "", and not a date date_parse_ref accepts.
 *
 * The fast path (src/cli/json_fast.h) against json-c: the whole run is made twice, once as the
 * program runs (the fast path for the lines it takes) and once with every line by json-c
 * (cli.json_c_only, as IDNER_JSON_C=1), and output, messages and exit status must be
 * byte-identical. And on each line alone: when json_fast_object takes it, the grammar and
 * json-c's strict parse must accept it, and its object must be json-c's (json_object_equal, and
 * the same bytes when written, so the same members in the same order).
 *
 * The model is loaded once, from IDNER_DATA or the build tree's data.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/json_fast.h"
#include "date/date.h"
#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_jsonl_json";

/* json-c (JSON_TOKENER_DEFAULT_DEPTH 32) takes at most 31 nested arrays and objects */
#define MAX_DEPTH (JSON_TOKENER_DEFAULT_DEPTH - 1)

/* ---- RFC 8259, section 2 to 7: the grammar only (no decoding, no UTF-8 check) ---------- */

typedef struct rfc {
    const char *s;
    size_t n, i;
} rfc;

static void
ws(rfc *p)
{
    while (p->i < p->n &&
           (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int
lit(rfc *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return 0;
    p->i += k;
    return 1;
}

static int
digit(rfc *p)
{
    return p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9';
}

static int
number(rfc *p)
{
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    if (!digit(p))
        return 0;
    if (p->s[p->i] == '0')
        p->i++;
    else
        while (digit(p))
            p->i++;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!digit(p))
            return 0;
        while (digit(p))
            p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (!digit(p))
            return 0;
        while (digit(p))
            p->i++;
    }
    return 1;
}

static int
string(rfc *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return 0;
    for (p->i++; p->i < p->n; p->i++) {
        unsigned char ch = (unsigned char)p->s[p->i];
        if (ch == '"') {
            p->i++;
            return 1;
        }
        if (ch < 0x20)
            return 0;
        if (ch == '\\') {
            if (++p->i >= p->n)
                return 0;
            ch = (unsigned char)p->s[p->i];
            if (ch == 'u') {
                for (int k = 0; k < 4; k++) {
                    if (++p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]) ||
                        p->s[p->i] == '\0')
                        return 0;
                }
            } else if (!strchr("\"\\/bfnrt", ch) || ch == '\0') {
                return 0;
            }
        }
    }
    return 0;
}

static int
value(rfc *p, int depth)
{
    ws(p);
    if (p->i >= p->n)
        return 0;
    char ch = p->s[p->i];
    if (ch == '{' || ch == '[') {
        char close = ch == '{' ? '}' : ']';
        if (depth >= MAX_DEPTH)
            return 0;
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            return 1;
        }
        for (;;) {
            if (ch == '{') {
                ws(p);
                if (!string(p))
                    return 0;
                ws(p);
                if (!lit(p, ":"))
                    return 0;
            }
            if (!value(p, depth + 1))
                return 0;
            ws(p);
            if (lit(p, ","))
                continue;
            return lit(p, close == '}' ? "}" : "]");
        }
    }
    if (ch == '"')
        return string(p);
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return number(p);
    return lit(p, "true") || lit(p, "false") || lit(p, "null");
}

/* Is S[0, N) one JSON text (RFC 8259: a value with white space around it)? */
static int
rfc_json(const char *s, size_t n)
{
    rfc p = {s, n, 0};
    if (!value(&p, 0))
        return 0;
    ws(&p);
    return p.i == n;
}

/* ---- the reader and the comparison ------------------------------------------------------- */

static int
all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* json-c's strict parse of LINE alone (a fresh parser, the whole line): 1 with the value in
 * *OUT (NULL for null) when it accepts the line, 0 when it refuses it. */
static int
json_c_strict(const char *line, size_t len, json_object **out)
{
    json_tokener *tk = json_tokener_new();
    char *copy = malloc(len + 1);
    if (!tk || !copy)
        abort();
    json_tokener_set_flags(tk, JSON_TOKENER_STRICT);
    /* a space after the line, so that a number at its end is complete */
    memcpy(copy, line, len);
    copy[len] = ' ';
    *out = json_tokener_parse_ex(tk, copy, (int)len + 1);
    int ok = json_tokener_get_error(tk) == json_tokener_success;
    for (size_t k = ok ? json_tokener_get_parse_end(tk) : len + 1; k < len + 1; k++)
        if (!strchr(" \t\r\n", copy[k]) || copy[k] == '\0')
            ok = 0;
    if (!ok) {
        json_object_put(*out);
        *out = NULL;
    }
    free(copy);
    json_tokener_free(tk);
    return ok;
}

/* Are all strings of O, keys included, valid UTF-8? */
static int
utf8_deep(json_object *o)
{
    if (json_object_is_type(o, json_type_string))
        return fuzz_utf8_valid(json_object_get_string(o), (size_t)json_object_get_string_len(o));
    if (json_object_is_type(o, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(o); i++)
            if (!utf8_deep(json_object_array_get_idx(o, i)))
                return 0;
    } else if (json_object_is_type(o, json_type_object)) {
        json_object_object_foreach(o, key, val)
        {
            if (!fuzz_utf8_valid(key, strlen(key)) || !utf8_deep(val))
                return 0;
        }
    }
    return 1;
}

static const char *
get_string(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* The fast path on LINE alone: when it takes the line, json-c and the grammar (GRAMMAR, JC and
 * json-c's object IN) must take it too, and its object must be json-c's. */
static void
check_fast(const char *line, size_t len, size_t lineno, int grammar, int jc, json_object *in)
{
    static buf scratch;
    json_object *fast = json_fast_object(line, len, &scratch);
    if (!fast)
        return;
    if (!grammar || !jc || !json_object_is_type(in, json_type_object))
        FUZZ_FAIL("line %zu: the fast path takes what %s refuses: %.*s", lineno,
                  !grammar ? "RFC 8259" : "json-c", (int)len, line);
    const int flags = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;
    size_t fl = 0, jl = 0;
    const char *fs = json_object_to_json_string_length(fast, flags, &fl);
    const char *js = json_object_to_json_string_length(in, flags, &jl);
    if (!json_object_equal(fast, in) || fl != jl || memcmp(fs, js, fl) != 0)
        FUZZ_FAIL("line %zu: the fast path's object differs from json-c's:\n%s\n%s", lineno, fs,
                  js);
    json_object_put(fast);
}

/* Checks output object OUT for input LINE (number LINENO). */
static void
check_line(const char *line, size_t len, size_t lineno, json_object *out)
{
    const char *error = get_string(out, "error");
    json_object *out_id = NULL;
    json_object_object_get_ex(out, "id", &out_id);
#define WANT_ERROR(prefix)                                                                         \
    do {                                                                                           \
        if (!error || strncmp(error, prefix, strlen(prefix)) != 0)                                 \
            FUZZ_FAIL("line %zu: want error \"%s...\", got %s: %.*s", lineno, prefix,              \
                      error ? error : "none", (int)len, line);                                     \
    } while (0)
#define WANT_LINE_ID()                                                                             \
    do {                                                                                           \
        if (!json_object_is_type(out_id, json_type_int) ||                                         \
            json_object_get_int64(out_id) != (int64_t)lineno)                                      \
            FUZZ_FAIL("line %zu: the id is not the line number", lineno);                          \
    } while (0)

    if (all_space(line, len)) {
        WANT_ERROR("blank line: not a JSON object");
        WANT_LINE_ID();
        return;
    }
    if (len >= INT_MAX - 1)
        return;
    int grammar = rfc_json(line, len);
    json_object *in;
    int jc = json_c_strict(line, len, &in);
    check_fast(line, len, lineno, grammar, jc, in);
    if (!grammar) {
        /* json-c (strict) takes some of these ("1.", NaN, raw control characters in strings:
         * src/cli/json_strict.h); the reader must not */
        json_object_put(in);
        WANT_ERROR("not JSON");
        WANT_LINE_ID();
        return;
    }
    if (!jc)
        FUZZ_FAIL("line %zu: json-c (strict) refuses RFC 8259 JSON: %.*s", lineno, (int)len, line);
    if (!json_object_is_type(in, json_type_object)) {
        json_object_put(in);
        WANT_ERROR("not a JSON object");
        WANT_LINE_ID();
        return;
    }
    json_object *id, *text, *date;
    if (json_object_object_get_ex(in, "id", &id)) {
        if (!utf8_deep(id)) {
            json_object_put(in);
            WANT_ERROR("invalid UTF-8 in \"id\"");
            WANT_LINE_ID();
            return;
        }
        int saturated =
            json_object_is_type(id, json_type_int) &&
            (json_object_get_int64(id) == INT64_MAX || json_object_get_int64(id) == INT64_MIN);
        if (!saturated && !json_object_equal(id, out_id))
            FUZZ_FAIL("line %zu: id %s, the output's %s", lineno, json_object_to_json_string(id),
                      json_object_to_json_string(out_id));
    } else {
        WANT_LINE_ID();
    }
    /* a kept field must be UTF-8: it is written back as it is */
    {
        json_object_object_foreach(in, k, v1)
        {
            if (strcmp(k, "id") != 0 && strcmp(k, "text") != 0 &&
                (!fuzz_utf8_valid(k, strlen(k)) || !utf8_deep(v1))) {
                json_object_put(in);
                WANT_ERROR("invalid UTF-8 in \"");
                return;
            }
        }
    }
    if (!json_object_object_get_ex(in, "text", &text)) {
        json_object_put(in);
        WANT_ERROR("missing \"text\"");
        return;
    }
    if (!json_object_is_type(text, json_type_string)) {
        json_object_put(in);
        WANT_ERROR("\"text\" is not a string");
        return;
    }
    const char *t = json_object_get_string(text);
    size_t tlen = (size_t)json_object_get_string_len(text);
    if (!fuzz_utf8_valid(t, tlen)) {
        char want[80];
        snprintf(want, sizeof want, "\"text\": invalid UTF-8 at byte %zu",
                 cli_utf8_invalid_at(t, tlen));
        json_object_put(in);
        WANT_ERROR(want);
        return;
    }
    json_object *ents, *v;
    if (error || !json_object_object_get_ex(out, "entities", &ents))
        FUZZ_FAIL("line %zu: a document, the output says %s", lineno, error ? error : "nothing");
    if (!json_object_is_type(ents, json_type_array))
        FUZZ_FAIL("line %zu: \"entities\" is not an array", lineno);
    for (size_t i = 0; i < json_object_array_length(ents); i++) {
        json_object *e = json_object_array_get_idx(ents, i), *bs, *be;
        if (!json_object_object_get_ex(e, "byte_start", &bs) ||
            !json_object_object_get_ex(e, "byte_end", &be) ||
            !json_object_object_get_ex(e, "text", &v))
            FUZZ_FAIL("line %zu: entity %zu without byte_start, byte_end or text", lineno, i);
        int64_t a = json_object_get_int64(bs), b = json_object_get_int64(be);
        if (a < 0 || b <= a || (size_t)b > tlen ||
            (size_t)json_object_get_string_len(v) != (size_t)(b - a) ||
            memcmp(json_object_get_string(v), t + a, (size_t)(b - a)) != 0)
            FUZZ_FAIL("line %zu: entity %zu [%lld, %lld) is not those bytes of the text", lineno, i,
                      (long long)a, (long long)b);
    }
    /* the kept fields: json-c's values, under their names (out_kept_name) */
    json_object_object_foreach(in, key, val)
    {
        if (!strcmp(key, "id") || !strcmp(key, "text") || !strcmp(key, "entities") ||
            !strcmp(key, "error") || !strcmp(key, "warning"))
            continue;
        json_object *got;
        if (!json_object_object_get_ex(out, key, &got) || !json_object_equal(val, got))
            FUZZ_FAIL("line %zu: field \"%s\" is not kept as it is", lineno, key);
    }
    int want_warning = 0;
    if (json_object_object_get_ex(in, "date", &date) && date &&
        !(json_object_is_type(date, json_type_string) && json_object_get_string_len(date) == 0)) {
        date_ymd ymd;
        want_warning =
            !json_object_is_type(date, json_type_string) ||
            strlen(json_object_get_string(date)) != (size_t)json_object_get_string_len(date) ||
            date_parse_ref(json_object_get_string(date), &ymd) != 0;
    }
    const char *warning = get_string(out, "warning");
    if (want_warning != (warning != NULL))
        FUZZ_FAIL("line %zu: %s warning for \"date\"", lineno, warning ? "a" : "no");
    json_object_put(in);
}

/* The reader on the file, with the fast path or (JSON_C_ONLY) without: its output in *OUT, its
 * messages (a copy, to free) in *ERR, *ERR_LEN, its status bits in *STATUS. */
static void
run_reader(const char *path, int json_c_only, buf *out, char **err, size_t *err_len, int *status)
{
    cli *c = fuzz_cli();
    const char *e;
    c->in = IN_JSONL;
    c->keep_fields = 1;
    c->json_c_only = json_c_only;
    out->n = 0;
    c->out = out_open_mem(c->out_fmt, out);
    if (!c->out)
        abort();
    fuzz_capture_begin();
    jsonl_run_file(c, path);
    fuzz_capture_end(NULL, NULL, &e, err_len);
    out_close(c->out, NULL, 0);
    c->out = NULL;
    c->json_c_only = 0;
    free(*err);
    if (!(*err = malloc(*err_len + 1)))
        abort();
    memcpy(*err, e, *err_len + 1);
    *status = c->doc_error | c->setup_error << 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static buf out, slow;
    static char *err, *slow_err;
    size_t err_len, slow_err_len;
    int status, slow_status;
    const char *path = fuzz_file(0, data, size);

    run_reader(path, 0, &out, &err, &err_len, &status);
    run_reader(path, 1, &slow, &slow_err, &slow_err_len, &slow_status);
    if (out.n != slow.n || (out.n && memcmp(out.p, slow.p, out.n) != 0))
        FUZZ_FAIL("the output differs from the json-c path's:\n%.*s\n---\n%.*s", (int)out.n, out.p,
                  (int)slow.n, slow.p);
    if (err_len != slow_err_len || memcmp(err, slow_err, err_len) != 0)
        FUZZ_FAIL("the messages differ from the json-c path's:\n%s---\n%s", err, slow_err);
    if (status != slow_status)
        FUZZ_FAIL("the exit status differs from the json-c path's");

    if (!fuzz_utf8_valid(out.p ? out.p : "", out.n))
        FUZZ_FAIL("the output is not valid UTF-8");
    json_tokener *tk = json_tokener_new();
    if (!tk)
        abort();
    size_t at = 0, lineno = 0;
    for (size_t i = 0; i < size;) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        size_t len = nl ? (size_t)(nl - (data + i)) : size - i;
        const char *line = (const char *)data + i;
        i += len + (nl != NULL);
        lineno++;
        if (nl && len > 0 && line[len - 1] == '\r')
            len--;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            line += 3, len -= 3;
        const char *o = out.p + at, *onl = memchr(o, '\n', out.n - at);
        if (at >= out.n || !onl)
            FUZZ_FAIL("no output line %zu", lineno);
        json_tokener_reset(tk);
        json_object *obj = json_tokener_parse_ex(tk, o, (int)(onl - o));
        if (!obj || !json_object_is_type(obj, json_type_object))
            FUZZ_FAIL("output line %zu is not a JSON object", lineno);
        check_line(line, len, lineno, obj);
        json_object_put(obj);
        at = (size_t)(onl - out.p) + 1;
    }
    if (at != out.n)
        FUZZ_FAIL("more output lines than input lines");
    json_tokener_free(tk);
    return 0;
}
