/*
 * fuzz_annotate.c: whole documents through idner_annotate (SPEC.md section 2), with every option
 * reachable from one target (the habit of cmark's fuzz/cmark-fuzz.c).
 *
 * Input: byte 0 selects the options, the rest is the document.
 *   bit 0     reference date "2024-11-03" (else none); also pretty JSON and a document id
 *   bits 1-4  IDNER_NO_RULES, IDNER_NO_ALIAS, IDNER_NO_DATES, IDNER_NO_GAZETTEER
 *   bits 5-7  the types mask (index into type_masks below)
 *
 * Invariants (abort() when one fails):
 *   - invalid UTF-8 fails with IDNER_ERR_UTF8; valid UTF-8 annotates (IDNER_ERR_LIMIT, a regex
 *     match limit, is tolerated);
 *   - entities are sorted by start, do not overlap, lie in the document on UTF-8 boundaries,
 *     have a type of the requested mask, `text` equal to their bytes and code-point offsets
 *     consistent with the bytes;
 *   - DATE/TIME values use only the characters of SPEC.md section 4.2 (digits, X, -, W, T, the
 *     parts of day MO AF EV NI, :, +, /, and as amended Q, H, the seasons SP SU FA WI and the
 *     weekend WE) and are shorter than 64 bytes;
 *   - idner_result_to_json parses back with json-c, with one object per entity whose text and
 *     offsets agree with the entity;
 *   - with sentences cut every 48 bytes (IDNER_SENTENCE_BYTES), a document of more than 512
 *     bytes gives the same JSON with windows of no size and of 256 bytes (IDNER_WINDOW_BYTES): no
 *     stage reads across a window's cut.
 *
 * The model is loaded once, from IDNER_DATA or the library's default.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t type_masks[8] = {
    IDNER_TYPES_ALL,
    IDNER_TYPE_BIT(IDNER_PER),
    IDNER_TYPE_BIT(IDNER_ORG) | IDNER_TYPE_BIT(IDNER_LOC),
    IDNER_TYPE_BIT(IDNER_DATE),
    IDNER_TYPE_BIT(IDNER_TIME),
    IDNER_TYPE_BIT(IDNER_DATE) | IDNER_TYPE_BIT(IDNER_TIME),
    IDNER_TYPE_BIT(IDNER_PER) | IDNER_TYPE_BIT(IDNER_ORG) | IDNER_TYPE_BIT(IDNER_LOC),
    IDNER_TYPE_BIT(IDNER_LOC) | IDNER_TYPE_BIT(IDNER_TIME),
};

static const uint32_t stage_flags[4] = {IDNER_NO_RULES, IDNER_NO_ALIAS, IDNER_NO_DATES,
                                        IDNER_NO_GAZETTEER};

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_annotate: invariant violated: " __VA_ARGS__);                        \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static const idner_model *
model(void)
{
    static idner_model *m;
    if (!m) {
        idner_model_options mo;
        idner_model_options_init(&mo);
        idner_error err;
        if (idner_model_new(&mo, &m, &err) != IDNER_OK) {
            fprintf(stderr,
                    "fuzz_annotate: cannot load the model (%s); set IDNER_DATA to the build "
                    "tree's data folder\n",
                    err.message);
            abort();
        }
    }
    return m;
}

/* Is the byte the start of a code point (or the end of the text)? */
static int
boundary(const uint8_t *s, size_t len, size_t b)
{
    return b == len || (s[b] & 0xC0) != 0x80;
}

static size_t
count_cps(const uint8_t *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

static int
value_ok(const char *v)
{
    size_t n = strlen(v);
    return n > 0 && n < 64 && strspn(v, "0123456789X-WTMOAFEVNI:+/QHSUP") == n;
}

static int
one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(s, *set))
            return 1;
    return 0;
}

static const char *const sources[] = {"gazetteer", "date", "rule", "alias", "user", "model", NULL};
static const char *const mods[] = {"START", "MID", "END", "APPROX", NULL};

static void
check_entities(const idner_result *r, const uint8_t *doc, size_t len, uint32_t types)
{
    size_t n = idner_result_count(r);
    size_t prev_end = 0, prev_start = 0, cp_at = 0, byte_at = 0;
    for (size_t i = 0; i < n; i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (!e)
            FAIL("entity %zu of %zu is NULL", i, n);
        if (e->type < IDNER_PER || e->type > IDNER_TIME)
            FAIL("entity %zu: type %d", i, (int)e->type);
        if (types && !(types & IDNER_TYPE_BIT(e->type)))
            FAIL("entity %zu: type %s outside the mask 0x%x", i, idner_type_name(e->type),
                 (unsigned)types);
        if (!(e->byte_start < e->byte_end && e->byte_end <= len))
            FAIL("entity %zu: bytes [%zu, %zu) in a document of %zu", i, e->byte_start, e->byte_end,
                 len);
        if (!boundary(doc, len, e->byte_start) || !boundary(doc, len, e->byte_end))
            FAIL("entity %zu: bytes [%zu, %zu) not on UTF-8 boundaries", i, e->byte_start,
                 e->byte_end);
        if (i > 0 && e->start < prev_start)
            FAIL("entity %zu: start %zu before the previous one's %zu", i, e->start, prev_start);
        if (i > 0 && e->byte_start < prev_end)
            FAIL("entity %zu: bytes [%zu, %zu) overlap the previous entity (ends at %zu)", i,
                 e->byte_start, e->byte_end, prev_end);
        /* code points: counted incrementally, entities being sorted */
        cp_at += count_cps(doc, byte_at, e->byte_start);
        byte_at = e->byte_start;
        size_t span_cps = count_cps(doc, e->byte_start, e->byte_end);
        if (e->start != cp_at || e->end != cp_at + span_cps)
            FAIL("entity %zu: code points [%zu, %zu), counted [%zu, %zu) (bytes [%zu, %zu))", i,
                 e->start, e->end, cp_at, cp_at + span_cps, e->byte_start, e->byte_end);
        size_t blen = e->byte_end - e->byte_start;
        if (!e->text || memcmp(e->text, doc + e->byte_start, blen) != 0 || e->text[blen] != '\0')
            FAIL("entity %zu: text differs from the bytes [%zu, %zu)", i, e->byte_start,
                 e->byte_end);
        if (!e->source || !one_of(e->source, sources))
            FAIL("entity %zu: source %s", i, e->source ? e->source : "(null)");
        if (e->type == IDNER_DATE || e->type == IDNER_TIME) {
            if (e->value && !value_ok(e->value))
                FAIL("entity %zu: %s value \"%s\"", i, idner_type_name(e->type), e->value);
            if (e->mod && !one_of(e->mod, mods))
                FAIL("entity %zu: mod \"%s\"", i, e->mod);
        } else if (!e->canonical || !*e->canonical) {
            FAIL("entity %zu: %s without canonical", i, idner_type_name(e->type));
        }
        prev_start = e->start;
        prev_end = e->byte_end;
    }
    if (idner_result_get(r, n) != NULL)
        FAIL("idner_result_get(count) is not NULL");
}

static size_t
json_size(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
        FAIL("JSON entity without integer \"%s\"", key);
    return (size_t)json_object_get_int64(v);
}

static void
check_json(const idner_result *r, const char *id, uint32_t flags)
{
    char *js = NULL;
    size_t jlen = 0;
    idner_error err;
    if (idner_result_to_json(r, id, flags, &js, &jlen, &err) != IDNER_OK)
        FAIL("idner_result_to_json: %s", err.message);
    if (!js || strlen(js) != jlen)
        FAIL("idner_result_to_json: length %zu, strlen %zu", jlen, js ? strlen(js) : 0);
    json_tokener *tk = json_tokener_new();
    if (!tk)
        abort();
    json_object *doc = json_tokener_parse_ex(tk, js, (int)jlen);
    if (!doc || json_tokener_get_error(tk) != json_tokener_success)
        FAIL("JSON does not parse back: %s", js);
    if (json_tokener_get_parse_end(tk) != jlen)
        FAIL("JSON has trailing bytes after offset %zu: %s", json_tokener_get_parse_end(tk), js);
    json_tokener_free(tk);
    json_object *ents, *v;
    if (!json_object_is_type(doc, json_type_object) ||
        !json_object_object_get_ex(doc, "entities", &ents) ||
        !json_object_is_type(ents, json_type_array))
        FAIL("JSON without an entities array: %s", js);
    if (id && (!json_object_object_get_ex(doc, "id", &v) || strcmp(json_object_get_string(v), id)))
        FAIL("JSON id is not \"%s\"", id);
    size_t n = idner_result_count(r);
    if (json_object_array_length(ents) != n)
        FAIL("JSON has %zu entities, the result %zu", json_object_array_length(ents), n);
    for (size_t i = 0; i < n; i++) {
        const idner_entity *e = idner_result_get(r, i);
        json_object *o = json_object_array_get_idx(ents, i);
        if (!json_object_object_get_ex(o, "text", &v) || !json_object_is_type(v, json_type_string))
            FAIL("JSON entity %zu without text", i);
        size_t blen = e->byte_end - e->byte_start;
        if ((size_t)json_object_get_string_len(v) != blen ||
            memcmp(json_object_get_string(v), e->text, blen) != 0)
            FAIL("JSON entity %zu: text differs from the entity's", i);
        if (json_size(o, "start") != e->start || json_size(o, "end") != e->end ||
            json_size(o, "byte_start") != e->byte_start || json_size(o, "byte_end") != e->byte_end)
            FAIL("JSON entity %zu: offsets differ from the entity's", i);
        if (!json_object_object_get_ex(o, "type", &v) ||
            strcmp(json_object_get_string(v), idner_type_name(e->type)) != 0)
            FAIL("JSON entity %zu: type differs", i);
    }
    json_object_put(doc);
    idner_free(js);
}

/* Is S[0, N) valid UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF)? */
static int
utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t k;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

/* The JSON of DOC annotated with windows of WINDOW bytes ("0": whole), NULL for a match limit;
 * sentences cut every 48 bytes. */
static char *
json_in_windows(const idner_model *m, const uint8_t *doc, size_t len,
                const idner_annotate_options *ao, const char *window)
{
    setenv("IDNER_SENTENCE_BYTES", "48", 1);
    setenv("IDNER_WINDOW_BYTES", window, 1);
    idner_result *r = NULL;
    idner_error err;
    idner_status st = idner_annotate(m, (const char *)doc, len, ao, &r, &err);
    unsetenv("IDNER_SENTENCE_BYTES");
    unsetenv("IDNER_WINDOW_BYTES");
    if (st == IDNER_ERR_LIMIT && !r)
        return NULL;
    char *js = NULL;
    size_t jlen;
    if (st != IDNER_OK || idner_result_to_json(r, NULL, 0, &js, &jlen, &err) != IDNER_OK)
        FAIL("sentences cut, windows of %s: %s", window, err.message);
    idner_result_free(r);
    return js;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const idner_model *m = model();
    uint8_t sel = data[0];
    const uint8_t *doc = data + 1;
    size_t len = size - 1;

    idner_annotate_options ao;
    idner_annotate_options_init(&ao);
    ao.ref_date = (sel & 1) ? "2024-11-03" : NULL;
    for (int b = 0; b < 4; b++)
        if (sel >> (b + 1) & 1)
            ao.flags |= stage_flags[b];
    ao.types = type_masks[sel >> 5];

    idner_result *r = NULL;
    idner_error err;
    /* Pass the exact bytes (no copy, no NUL): reads past the end are the sanitizers' to catch. */
    idner_status st = idner_annotate(m, (const char *)doc, len, &ao, &r, &err);
    int valid = utf8_valid(doc, len);
    if (!valid) {
        if (st != IDNER_ERR_UTF8)
            FAIL("invalid UTF-8 gave status %d (%s), not IDNER_ERR_UTF8", (int)st,
                 idner_strerror(st));
        if (r)
            FAIL("a failed call left a result");
        return 0;
    }
    if (st == IDNER_ERR_LIMIT && !r)
        return 0; /* a date pattern hit its match limit: an error, not a crash */
    if (st != IDNER_OK || !r)
        FAIL("valid UTF-8 of %zu bytes gave status %d: %s", len, (int)st, err.message);
    check_entities(r, doc, len, ao.types);
    check_json(r, (sel & 1) ? "doc \"1\"\n" : NULL, (sel & 1) ? IDNER_JSON_PRETTY : 0);
    idner_result_free(r);
    if (len > 512) {
        char *whole = json_in_windows(m, doc, len, &ao, "0");
        char *windows = whole ? json_in_windows(m, doc, len, &ao, "256") : NULL;
        if (whole && windows && strcmp(whole, windows) != 0)
            FAIL("sentences cut every 48 bytes: windows of 256 bytes give %s, the whole %s",
                 windows, whole);
        idner_free(whole);
        idner_free(windows);
    }
    return 0;
}
