/*
 * out/json.c: --output json (SPEC.md section 1): one pretty-printed JSON array of the document
 * objects, written as the documents arrive (memory holds one document), and the document
 * object as a json-c value for the writers that nest it.
 */
#include <stdlib.h>
#include <string.h>

#include "out/emit.h"
#include "out/writer.h"

/* Adds KEY -> VAL (consumed) to O; -1 on failure. NULL VAL is JSON null. */
static int
add(json_object *o, const char *key, json_object *val)
{
    if (json_object_object_add(o, key, val) != 0) {
        json_object_put(val);
        return -1;
    }
    return 0;
}

json_object *
out_doc_object(const out_doc *d)
{
    json_object *o = json_object_new_object();

    if (!o || add(o, "id", json_object_get(d->id)) != 0)
        goto fail;
    if (d->fields && json_object_is_type(d->fields, json_type_object)) {
        json_object_object_foreach(d->fields, key, val)
        {
            const char *name = out_kept_name(key);
            if (name && d->result && idner_result_explain(d->result) && !strcmp(name, "explain"))
                name = "input.explain"; /* the object has its own (--explain) */
            if (name && add(o, name, json_object_get(val)) != 0)
                goto fail;
        }
    }
    if (!d->result) {
        json_object *e = json_object_new_string(d->error ? d->error : "error");
        if (!e || add(o, "error", e) != 0)
            goto fail;
        return o;
    }
    if (d->warning) {
        json_object *s = json_object_new_string(d->warning);
        if (!s || add(o, "warning", s) != 0)
            goto fail;
    }
    json_object *arr = emit_entities(d->result);
    if (!arr || add(o, "entities", arr) != 0 || emit_doc_explain(o, d->result) != 0)
        goto fail;
    return o;
fail:
    json_object_put(o);
    return NULL;
}

static int
json_open(out_writer *w)
{
    w->state = calloc(1, sizeof(buf));
    if (!w->state)
        return out_fail(w, "out of memory");
    return out_put(w, "[", 1);
}

static int
json_document(out_writer *w, const out_doc *d)
{
    buf *b = w->state;
    json_object *o = out_doc_object(d);
    size_t n = 0;
    const char *s =
        o ? json_object_to_json_string_length(o,
                                              JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                  JSON_C_TO_STRING_NOSLASHESCAPE,
                                              &n)
          : NULL;

    if (!s) {
        json_object_put(o);
        return out_fail(w, "out of memory");
    }
    /* Indent the object by two spaces inside the array. JSON strings never hold a raw
     * newline, so every "\n" is a line break of the layout. */
    b->n = 0;
    int bad = buf_append(b, w->docs ? ",\n  " : "\n  ", w->docs ? 4 : 3) != 0;
    for (const char *p = s, *end = s + n; !bad && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

        bad = buf_append(b, p, len) != 0 || (nl && buf_append(b, "  ", 2) != 0);
        p += len;
    }
    json_object_put(o);
    if (bad)
        return out_fail(w, "out of memory");
    return out_put(w, b->p, b->n);
}

static int
json_close(out_writer *w)
{
    buf *b = w->state;
    if (!b)
        return 0;
    buf_free(b);
    free(b);
    w->state = NULL;
    return out_put(w, "\n]\n", 3);
}

const out_format out_json = {"json", OUT_FIELDS, json_open, json_document, json_close, NULL};
