/*
 * emit.c: the JSON writer for document, entity and error objects (SPEC.md section 2).
 *
 * Everything goes through json-c, which writes UTF-8 through unchanged and escapes quotes,
 * backslashes and control characters, so any Unicode text comes out as valid JSON. Keys are
 * written in a fixed order (json-c keeps insertion order): type, text, start, end,
 * byte_start, byte_end, then the optional fields of out/fields.c (canonical, id, subtype, iso,
 * value, mod, weekday_conflict, calendar, source), each only when it applies (value always for
 * DATE and TIME).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "out/emit.h"
#include "out/fields.h"

/* Keys are string literals and every key is added once, so json-c may skip both the copy of
 * the key and the lookup for an existing one. */
#define ADD_FLAGS (JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_ADD_CONSTANT_KEY)

/* Adds KEY -> VAL to O; on failure VAL is released and -1 returned. */
static int
add(json_object *o, const char *key, json_object *val)
{
    if (val == NULL)
        return -1;
    if (json_object_object_add_ex(o, key, val, ADD_FLAGS) != 0) {
        json_object_put(val);
        return -1;
    }
    return 0;
}

static int
add_str(json_object *o, const char *key, const char *s)
{
    return add(o, key, json_object_new_string(s));
}

static int
add_size(json_object *o, const char *key, size_t v)
{
    return add(o, key, json_object_new_int64((int64_t)v));
}

json_object *
emit_entity(const idner_entity *e)
{
    json_object *o = json_object_new_object();
    const char *type = idner_type_name(e->type);
    size_t text_len = e->byte_end >= e->byte_start ? e->byte_end - e->byte_start : 0;

    if (o == NULL)
        return NULL;
    if (add_str(o, "type", type ? type : "UNKNOWN") != 0)
        goto fail;
    /* The span's byte length, not strlen: the document may contain NUL characters. */
    if (add(o, "text",
            json_object_new_string_len(e->text ? e->text : "", e->text ? (int)text_len : 0)) != 0)
        goto fail;
    if (add_size(o, "start", e->start) != 0 || add_size(o, "end", e->end) != 0 ||
        add_size(o, "byte_start", e->byte_start) != 0 || add_size(o, "byte_end", e->byte_end) != 0)
        goto fail;
    for (const out_field *f = out_fields; f->name; f++) {
        if (!out_field_present(e, f))
            continue;
        if (f->kind == OUT_FIELD_FLAG) {
            if (add(o, f->name, json_object_new_boolean(1)) != 0)
                goto fail;
        } else if (f->kind == OUT_FIELD_JSON) {
            if (add(o, f->name, json_tokener_parse(out_field_str(e, f))) != 0)
                goto fail;
        } else if (out_field_str(e, f) == NULL) {
            /* JSON null: a date whose value cannot be determined (SPEC.md 4.2) */
            if (json_object_object_add_ex(o, f->name, NULL, ADD_FLAGS) != 0)
                goto fail;
        } else if (add_str(o, f->name, out_field_str(e, f)) != 0) {
            goto fail;
        }
    }
    return o;
fail:
    json_object_put(o);
    return NULL;
}

json_object *
emit_entities(const idner_result *r)
{
    size_t n = idner_result_count(r);
    json_object *arr = json_object_new_array_ext(n ? (int)n : 1);

    for (size_t i = 0; arr && i < n; i++) {
        const idner_entity *e = idner_result_get(r, i);
        json_object *eo;

        if (e == NULL)
            continue;
        eo = emit_entity(e);
        if (eo == NULL || json_object_array_add(arr, eo) != 0) {
            json_object_put(eo);
            json_object_put(arr);
            return NULL;
        }
    }
    return arr;
}

int
emit_doc_explain(json_object *o, const idner_result *r)
{
    const char *x = idner_result_explain(r);
    return x ? add(o, "explain", json_tokener_parse(x)) : 0;
}

json_object *
emit_document(json_object *id, const idner_result *r)
{
    json_object *o = json_object_new_object();

    if (o == NULL) {
        json_object_put(id);
        return NULL;
    }
    if ((id && add(o, "id", id) != 0) || add(o, "entities", emit_entities(r)) != 0 ||
        emit_doc_explain(o, r) != 0) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

json_object *
emit_error(json_object *id, const char *message)
{
    json_object *o = json_object_new_object();

    if (o == NULL) {
        json_object_put(id);
        return NULL;
    }
    if (id && add(o, "id", id) != 0)
        goto fail;
    if (add_str(o, "error", message ? message : "error") != 0)
        goto fail;
    return o;
fail:
    json_object_put(o);
    return NULL;
}

/* ---- the compact writer ----------------------------------------------------------------- */

/* Copies S[0, N) to D: fixed-size copies that overlap for up to 16 bytes (most entity strings),
 * memcpy beyond. */
static inline void
copy_bytes(char *d, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n < 4) {
        for (size_t k = 0; k < n; k++)
            d[k] = s[k];
    } else {
        memcpy(d, s, n);
    }
}

/* The writer appends many short pieces to one buffer: each is a capacity check and a copy
 * inlined here (the buffer grows rarely: each entity reserves its likely size first), and the
 * NUL that buf.h promises is written once at the end of an array or object. */
static inline int
buf_put(emit_buf *b, const char *s, size_t n)
{
    buf *o = &b->out;
    if (o->cap - o->n <= n && buf_reserve(o, n))
        return -1;
    copy_bytes(o->p + o->n, s, n);
    o->n += n;
    return 0;
}

#define PUT_LIT(b, lit) buf_put((b), (lit), sizeof(lit) - 1)

static int
buf_end(emit_buf *b)
{
    if (buf_reserve(&b->out, 0))
        return -1;
    b->out.p[b->out.n] = '\0';
    return 0;
}

/* Does S[0, N) hold a byte JSON escapes (control characters, quote, backslash)? Eight bytes at
 * a time (text_word_json_special); a string of 4 to 7 bytes is tested as one word made of its
 * first and last four (they overlap), a shorter one byte by byte; the last word of a longer one
 * overlaps the one before. */

static inline int
byte_needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

static inline int
needs_escape(const char *s, size_t n)
{
    uint64_t w;
    size_t k = 0;
    if (n < 4) {
        for (; k < n; k++)
            if (byte_needs_escape((unsigned char)s[k]))
                return 1;
        return 0;
    }
    if (n < 8) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        w = lo | (uint64_t)hi << 32;
        if (!text_word_json_special(w))
            return 0;
    } else {
        for (; k + 8 <= n; k += 8) {
            memcpy(&w, s + k, 8);
            if (text_word_json_special(w))
                break;
        }
        if (k + 8 > n) { /* the last, overlapping, eight bytes */
            memcpy(&w, s + n - 8, 8);
            if (!text_word_json_special(w))
                return 0;
            k = n - 8;
        }
    }
    /* a candidate: the exact test decides (a borrow can flag a byte above a match) */
    for (; k < n; k++)
        if (byte_needs_escape((unsigned char)s[k]))
            return 1;
    return 0;
}

/* A JSON string of S[0, N) that needs escapes, escaped by json-c (any Unicode, control
 * characters, quotes). */
static int
buf_string_escaped(emit_buf *b, const char *s, size_t n)
{
    if (!b->str) {
        b->str = json_object_new_string_len(s, (int)n);
        if (!b->str)
            return -1;
    } else if (!json_object_set_string_len(b->str, s, (int)n)) {
        return -1;
    }
    size_t len = 0;
    const char *j = json_object_to_json_string_length(
        b->str, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    return j ? buf_put(b, j, len) : -1;
}

/* A JSON string, as json-c writes it. Most entity strings need no escape at all: those are
 * copied between quotes as they are (inline), the others escaped by json-c. */
static inline int
buf_string(emit_buf *b, const char *s, size_t n)
{
    if (n > INT32_MAX)
        return -1;
    if (needs_escape(s, n))
        return buf_string_escaped(b, s, n);
    buf *o = &b->out;
    if (o->cap - o->n <= n + 2 && buf_reserve(o, n + 2))
        return -1;
    char *p = o->p + o->n;
    p[0] = '"';
    copy_bytes(p + 1, s, n);
    p[n + 1] = '"';
    o->n += n + 2;
    return 0;
}

/* "00" to "99" */
static const char two_digits[] = "00010203040506070809101112131415161718192021222324252627282930"
                                 "31323334353637383940414243444546474849505152535455565758596061"
                                 "62636465666768697071727374757677787980818283848586878889909192"
                                 "93949596979899";

/* KEY (a literal with its comma, quotes and colon) then the decimal V: its digits made two at a
 * time at the end of a small array, then copied in one fixed-size step (the buffer has room for
 * 24 bytes after the key; only the digits count). */
static inline int
buf_key_size(emit_buf *b, const char *key, size_t key_len, size_t v)
{
    buf *o = &b->out;
    if (o->cap - o->n <= key_len + 24 && buf_reserve(o, key_len + 24))
        return -1;
    char d[48];
    size_t i = 24;
    while (v >= 100) {
        size_t q = v / 100;
        i -= 2;
        memcpy(d + i, two_digits + 2 * (v - q * 100), 2);
        v = q;
    }
    if (v >= 10) {
        i -= 2;
        memcpy(d + i, two_digits + 2 * v, 2);
    } else {
        d[--i] = (char)('0' + v);
    }
    char *p = o->p + o->n;
    memcpy(p, key, key_len);
    if (24 - i <= 8)
        memcpy(p + key_len, d + i, 8);
    else
        memcpy(p + key_len, d + i, 24);
    o->n += key_len + 24 - i;
    return 0;
}

#define PUT_KEY_SIZE(b, lit, v) buf_key_size((b), (lit), sizeof(lit) - 1, (v))

/* {"type":"TYPE","text": for E's type: made once per buffer and type, then copied. */
static int
buf_type_head(emit_buf *b, idner_type t)
{
    const char *type = idner_type_name(t);
    if ((unsigned)t >= EMIT_TYPES || !type) {
        type = type ? type : "UNKNOWN";
        return PUT_LIT(b, "{\"type\":") || buf_string(b, type, strlen(type)) ||
               PUT_LIT(b, ",\"text\":");
    }
    if (!b->type_head_len[t]) {
        size_t at = b->out.n;
        if (PUT_LIT(b, "{\"type\":") || buf_string(b, type, strlen(type)) ||
            PUT_LIT(b, ",\"text\":"))
            return -1;
        if (b->out.n - at < sizeof b->type_head[t]) {
            memcpy(b->type_head[t], b->out.p + at, b->out.n - at);
            b->type_head_len[t] = (unsigned char)(b->out.n - at);
        }
        return 0;
    }
    return buf_put(b, b->type_head[t], b->type_head_len[t]);
}

static int
buf_entity(emit_buf *b, const idner_entity *e)
{
    size_t text_len = e->byte_end >= e->byte_start ? e->byte_end - e->byte_start : 0;
    /* room for the fixed fields and the usual optional ones in one step */
    buf *o = &b->out;
    if (o->cap - o->n <= 256 + text_len && buf_reserve(o, 256 + text_len))
        return -1;
    if (buf_type_head(b, e->type) ||
        buf_string(b, e->text ? e->text : "", e->text ? text_len : 0) ||
        PUT_KEY_SIZE(b, ",\"start\":", e->start) || PUT_KEY_SIZE(b, ",\"end\":", e->end) ||
        PUT_KEY_SIZE(b, ",\"byte_start\":", e->byte_start) ||
        PUT_KEY_SIZE(b, ",\"byte_end\":", e->byte_end))
        return -1;
    for (const out_field *f = out_fields; f->name; f++) {
        if (!out_field_present(e, f))
            continue;
        if (buf_put(b, f->json_key, f->json_key_len))
            return -1;
        if (f->kind == OUT_FIELD_FLAG) {
            if (PUT_LIT(b, "true"))
                return -1;
        } else if (f->kind == OUT_FIELD_JSON) {
            const char *v = out_field_str(e, f); /* a JSON text already */
            if (buf_put(b, v, strlen(v)))
                return -1;
        } else {
            const char *v = out_field_str(e, f);
            if (v ? buf_string(b, v, strlen(v)) : PUT_LIT(b, "null"))
                return -1;
        }
    }
    return PUT_LIT(b, "}");
}

int
emit_entities_compact(emit_buf *b, const idner_result *r)
{
    if (PUT_LIT(b, "["))
        return -1;
    size_t n = idner_result_count(r);
    for (size_t i = 0; i < n; i++) {
        if ((i && PUT_LIT(b, ",")) || buf_entity(b, idner_result_get(r, i)))
            return -1;
        if (b->flush && b->out.n >= EMIT_FLUSH_BYTES) {
            if (b->flush(b->ctx, b->out.p, b->out.n))
                return -1;
            b->out.n = 0;
        }
    }
    return PUT_LIT(b, "]") || buf_end(b);
}

int
emit_string_compact(emit_buf *b, const char *s, size_t n)
{
    return buf_string(b, s, n) || buf_end(b);
}

int
emit_json_compact(emit_buf *b, json_object *o)
{
    size_t len = 0;
    const char *j = json_object_to_json_string_length(
        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    return j ? buf_put(b, j, len) || buf_end(b) : -1;
}

int
emit_document_compact(emit_buf *b, json_object *id, const idner_result *r)
{
    if (PUT_LIT(b, "{"))
        return -1;
    if (id && (PUT_LIT(b, "\"id\":") || emit_json_compact(b, id) || PUT_LIT(b, ",")))
        return -1;
    return PUT_LIT(b, "\"entities\":") || emit_entities_compact(b, r) ||
           emit_doc_explain_compact(b, r) || PUT_LIT(b, "}") || buf_end(b);
}

int
emit_doc_explain_compact(emit_buf *b, const idner_result *r)
{
    const char *x = idner_result_explain(r);
    return x ? PUT_LIT(b, ",\"explain\":") || buf_put(b, x, strlen(x)) || buf_end(b) : 0;
}

void
emit_buf_free(emit_buf *b)
{
    buf_free(&b->out);
    json_object_put(b->str);
    b->str = NULL;
}

static idner_status
set_error(idner_error *err, idner_status code, const char *message)
{
    if (err) {
        err->code = code;
        snprintf(err->message, sizeof err->message, "%s", message);
    }
    return code;
}

IDNER_API idner_status
idner_result_to_json(const idner_result *result, const char *id, uint32_t flags,
                     char **json /* OUT */, size_t *len /* OUT */, idner_error *err)
{
    json_object *doc, *id_obj = NULL;
    const char *s;
    size_t n = 0;
    char *copy;
    int jflags = JSON_C_TO_STRING_NOSLASHESCAPE;

    if (json)
        *json = NULL;
    if (len)
        *len = 0;
    if (result == NULL || json == NULL)
        return set_error(err, IDNER_ERR_ARG, "idner_result_to_json: NULL argument");
    if (id) {
        id_obj = json_object_new_string(id);
        if (id_obj == NULL)
            return set_error(err, IDNER_ERR_NOMEM, "out of memory");
    }
    doc = emit_document(id_obj, result);
    if (doc == NULL)
        return set_error(err, IDNER_ERR_NOMEM, "out of memory");
    jflags |= (flags & IDNER_JSON_PRETTY) ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                                          : JSON_C_TO_STRING_PLAIN;
    s = json_object_to_json_string_length(doc, jflags, &n);
    if (s == NULL) {
        json_object_put(doc);
        return set_error(err, IDNER_ERR_NOMEM, "out of memory");
    }
    copy = malloc(n + 1);
    if (copy == NULL) {
        json_object_put(doc);
        return set_error(err, IDNER_ERR_NOMEM, "out of memory");
    }
    memcpy(copy, s, n + 1);
    json_object_put(doc);
    *json = copy;
    if (len)
        *len = n;
    if (err) {
        err->code = IDNER_OK;
        err->message[0] = '\0';
    }
    return IDNER_OK;
}
