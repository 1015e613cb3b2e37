/*
 * out/tsv.c: --output tsv: one row per entity, tab-separated, with a header line:
 *   doc_id type text start end byte_start byte_end canonical id subtype iso value mod
 *   weekday_conflict source [explain]
 * (the optional columns are the rows of out/fields.c, so a new entity field is a new column;
 * explain, a JSON text, only in a run with --explain).
 * A field holding a tab, a line break or a double quote is quoted as CSV does ("" for a quote),
 * so pandas' read_csv(sep="\t") and Python's csv module read every value back; absent values
 * are empty (NaN in pandas) and flags are true or false in every row (a bool column).
 * Documents without entities have no row; one that could not be annotated neither (its
 * message is on standard error).
 */
#include <stdlib.h>
#include <string.h>

#include "out/fields.h"
#include "out/writer.h"

/* Appends one cell to the row being built in w->state (a buf), quoted when it must be. */
static int
cell(out_writer *w, const char *s, size_t n, int first)
{
    buf *row = w->state;
    if (!first && buf_append(row, "\t", 1) != 0)
        return -1;
    if (!memchr(s, '\t', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n) && !memchr(s, '"', n))
        return buf_append(row, s, n);
    if (buf_append(row, "\"", 1) != 0)
        return -1;
    for (const char *q; n && (q = memchr(s, '"', n)) != NULL; n -= (size_t)(q + 1 - s), s = q + 1)
        if (buf_append(row, s, (size_t)(q + 1 - s)) != 0 || buf_append(row, "\"", 1) != 0)
            return -1;
    return buf_append(row, s, n) || buf_append(row, "\"", 1);
}

static int
cell_str(out_writer *w, const char *s)
{
    return cell(w, s ? s : "", s ? strlen(s) : 0, 0);
}

static int
cell_size(out_writer *w, size_t v)
{
    char d[24];
    int n = snprintf(d, sizeof d, "%zu", v);
    return cell(w, d, (size_t)n, 0);
}

static int
tsv_open(out_writer *w)
{
    buf *row = w->state = calloc(1, sizeof(buf));
    if (!row)
        return out_fail(w, "out of memory");
    static const char *const fixed[] = {"doc_id", "type",       "text",    "start",
                                        "end",    "byte_start", "byte_end"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (cell(w, fixed[i], strlen(fixed[i]), i == 0) != 0)
            return out_fail(w, "out of memory");
    for (const out_field *f = out_fields; f->name; f++)
        if (out_field_used(f, w->run.explain) && cell_str(w, f->name) != 0)
            return out_fail(w, "out of memory");
    if (buf_append(row, "\n", 1) != 0)
        return out_fail(w, "out of memory");
    return out_put(w, row->p, row->n);
}

static int
tsv_document(out_writer *w, const out_doc *d)
{
    size_t n = d->result ? idner_result_count(d->result) : 0;
    const char *id = d->id ? (json_object_is_type(d->id, json_type_string)
                                  ? json_object_get_string(d->id)
                                  : json_object_to_json_string_ext(d->id, JSON_C_TO_STRING_PLAIN))
                           : "";
    size_t id_len = d->id && json_object_is_type(d->id, json_type_string)
                        ? (size_t)json_object_get_string_len(d->id)
                        : strlen(id);

    buf *row = w->state;
    row->n = 0;
    for (size_t i = 0; i < n; i++) {
        const idner_entity *e = idner_result_get(d->result, i);
        if (cell(w, id, id_len, 1) || cell_str(w, idner_type_name(e->type)) ||
            cell(w, e->text, e->byte_end - e->byte_start, 0) || cell_size(w, e->start) ||
            cell_size(w, e->end) || cell_size(w, e->byte_start) || cell_size(w, e->byte_end))
            return out_fail(w, "out of memory");
        for (const out_field *f = out_fields; f->name; f++) {
            if (!out_field_used(f, w->run.explain))
                continue;
            int r = f->kind == OUT_FIELD_FLAG ? cell_str(w, out_field_flag(e, f) ? "true" : "false")
                                              : cell_str(w, out_field_str(e, f));
            if (r != 0)
                return out_fail(w, "out of memory");
        }
        if (buf_append(row, "\n", 1) != 0)
            return out_fail(w, "out of memory");
    }
    return out_put(w, row->p, row->n);
}

static int
tsv_close(out_writer *w)
{
    if (w->state) {
        buf_free(w->state);
        free(w->state);
        w->state = NULL;
    }
    return 0;
}

const out_format out_tsv = {"tsv", 0, tsv_open, tsv_document, tsv_close, NULL};
