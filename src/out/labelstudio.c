/*
 * out/labelstudio.c: --output labelstudio: a JSON array of Label Studio tasks, for checking
 * and correcting idner's output there (import the file into a project with the labelling
 * config of README "Label Studio"):
 *
 *   [{"data": {"doc_id": ..., "text": "..."},
 *     "predictions": [{"model_version": "idner 0.1.0", "result": [
 *       {"id": "e1", "from_name": "label", "to_name": "text", "type": "labels",
 *        "value": {"start": 20, "end": 33, "text": "Retno Marsudi", "labels": ["PER"]},
 *        "meta": {"text": ["canonical=Retno Marsudi; id=..."]}}]}]}]
 *
 * Label Studio counts offsets in JavaScript string units (UTF-16 code units), so a character
 * beyond U+FFFF counts two: start and end here are those units, not code points. "meta" holds
 * the entity's optional fields (out/fields.c), shown as the region's meta text. A document
 * that could not be annotated gets no task.
 */
#include <stdlib.h>
#include <string.h>

#include "out/emit.h"
#include "out/writer.h"

#define PUT_LIT(b, lit) buf_append(&(b)->out, (lit), sizeof(lit) - 1)

/* UTF-16 units of S[0, N). */
static size_t
utf16_units(const char *s, size_t n)
{
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch & 0xC0) != 0x80)
            u += ch >= 0xF0 ? 2 : 1;
    }
    return u;
}

static int
put_size(emit_buf *b, size_t v)
{
    char d[24];
    int n = snprintf(d, sizeof d, "%zu", v);
    return buf_append(&b->out, d, (size_t)n);
}

static int
put_str(emit_buf *b, const char *s)
{
    return emit_string_compact(b, s, strlen(s));
}

/* "meta": the optional fields as one text; nothing when there are none. */
static int
put_meta(emit_buf *b, const idner_entity *e, buf *note)
{
    if (out_fields_note(e, note) != 0)
        return -1;
    if (note->n == 0)
        return 0;
    return PUT_LIT(b, ",\"meta\":{\"text\":[") || emit_string_compact(b, note->p, note->n) ||
           PUT_LIT(b, "]}");
}

typedef struct ls {
    emit_buf b;
    buf note;
    size_t tasks;
} ls;

static int
ls_task(emit_buf *b, buf *note, const out_doc *d, const char *version)
{
    const idner_result *r = d->result;
    size_t pos = 0, units = 0;

    if (PUT_LIT(b, "{\"data\":{\"doc_id\":") ||
        (d->id ? emit_json_compact(b, d->id) : PUT_LIT(b, "null")) || PUT_LIT(b, ",\"text\":") ||
        emit_string_compact(b, d->text, d->len) ||
        PUT_LIT(b, "},\"predictions\":[{\"model_version\":\"idner ") ||
        buf_puts(&b->out, version) || PUT_LIT(b, "\",\"result\":["))
        return -1;
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        size_t start, end;

        units += utf16_units(d->text + pos, e->byte_start - pos);
        start = units;
        end = start + utf16_units(d->text + e->byte_start, e->byte_end - e->byte_start);
        units = end;
        pos = e->byte_end;
        if ((i && PUT_LIT(b, ",")) || PUT_LIT(b, "{\"id\":\"e") || put_size(b, i + 1) ||
            PUT_LIT(b, "\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\","
                       "\"value\":{\"start\":") ||
            put_size(b, start) || PUT_LIT(b, ",\"end\":") || put_size(b, end) ||
            PUT_LIT(b, ",\"text\":") ||
            emit_string_compact(b, e->text, e->byte_end - e->byte_start) ||
            PUT_LIT(b, ",\"labels\":[") || put_str(b, idner_type_name(e->type)) ||
            PUT_LIT(b, "]}") || put_meta(b, e, note) || PUT_LIT(b, "}"))
            return -1;
    }
    return PUT_LIT(b, "]}]}");
}

static int
ls_open(out_writer *w)
{
    if (!(w->state = calloc(1, sizeof(ls))))
        return out_fail(w, "out of memory");
    return out_put(w, "[", 1);
}

static int
ls_document(out_writer *w, const out_doc *d)
{
    ls *s = w->state;

    if (!d->result)
        return 0;
    s->b.out.n = 0;
    if ((s->tasks++ && PUT_LIT(&s->b, ",")) || PUT_LIT(&s->b, "\n") ||
        ls_task(&s->b, &s->note, d, w->run.version ? w->run.version : idner_version()))
        return out_fail(w, "out of memory");
    return out_put(w, s->b.out.p, s->b.out.n);
}

static int
ls_close(out_writer *w)
{
    ls *s = w->state;
    if (!s)
        return 0;
    emit_buf_free(&s->b);
    buf_free(&s->note);
    free(s);
    w->state = NULL;
    return out_put(w, "\n]\n", 3);
}

const out_format out_labelstudio = {"labelstudio", 0, ls_open, ls_document, ls_close, NULL};
