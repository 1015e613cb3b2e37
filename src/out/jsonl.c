/*
 * out/jsonl.c: --output jsonl (SPEC.md section 2), the default: one compact document object
 * per line, {"id", ["warning"], "entities"} or {"id", "error"}, with the input's other fields
 * after the id under --keep-fields. Written by the compact writer of emit.c, which makes no
 * json-c object per entity.
 */
#include <stdlib.h>
#include <string.h>

#include "out/emit.h"
#include "out/writer.h"

#define PUT_LIT(b, lit) buf_append(&(b)->out, (lit), sizeof(lit) - 1)

/* ,"KEY":VALUE for every kept input field. */
static int
put_fields(emit_buf *b, json_object *fields, int explained)
{
    if (!fields || !json_object_is_type(fields, json_type_object))
        return 0;
    json_object_object_foreach(fields, key, val)
    {
        const char *name = out_kept_name(key);
        if (!name)
            continue;
        if (explained && !strcmp(name, "explain"))
            name = "input.explain"; /* the object has its own (--explain) */
        if (PUT_LIT(b, ",") || emit_string_compact(b, name, strlen(name)) || PUT_LIT(b, ":"))
            return -1;
        if (val ? emit_json_compact(b, val) : PUT_LIT(b, "null"))
            return -1;
    }
    return 0;
}

static int
jsonl_object(emit_buf *b, const out_doc *d)
{
    if (PUT_LIT(b, "{\"id\":") || (d->id ? emit_json_compact(b, d->id) : PUT_LIT(b, "null")) ||
        put_fields(b, d->fields, d->result && idner_result_explain(d->result)))
        return -1;
    if (!d->result)
        return PUT_LIT(b, ",\"error\":") ||
               emit_string_compact(b, d->error ? d->error : "error",
                                   strlen(d->error ? d->error : "error")) ||
               PUT_LIT(b, "}");
    if (d->warning &&
        (PUT_LIT(b, ",\"warning\":") || emit_string_compact(b, d->warning, strlen(d->warning))))
        return -1;
    return PUT_LIT(b, ",\"entities\":") || emit_entities_compact(b, d->result) ||
           emit_doc_explain_compact(b, d->result) || PUT_LIT(b, "}");
}

/* emit_buf's flush: a huge document's entities go out as they are written */
static int
flush_part(void *w, const char *s, size_t n)
{
    return out_put(w, s, n);
}

static int
jsonl_document(out_writer *w, const out_doc *d)
{
    if (!w->state && !(w->state = calloc(1, sizeof(emit_buf))))
        return out_fail(w, "out of memory");
    emit_buf *b = w->state;
    b->out.n = 0;
    b->flush = flush_part;
    b->ctx = w;
    if (jsonl_object(b, d) != 0 || PUT_LIT(b, "\n") != 0)
        return w->sink.err ? -1 : out_fail(w, "out of memory"); /* out_put said why */
    return out_put(w, b->out.p, b->out.n);
}

static int
jsonl_close(out_writer *w)
{
    if (w->state) {
        emit_buf_free(w->state);
        free(w->state);
        w->state = NULL;
    }
    return 0;
}

const out_format out_jsonl = {"jsonl", OUT_FIELDS, NULL, jsonl_document, jsonl_close, NULL};
