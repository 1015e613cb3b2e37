/*
 * out/fields.h: the optional fields of an entity (SPEC.md sections 2 and 3), one row each, in
 * the order the JSON writers write them. Every writer walks this table rather than naming the
 * fields, so a field added to idner_entity (and here) reaches JSON, TSV columns, SQLite
 * columns, brat notes, Label Studio and HTML attributes at once. The fixed fields (type, text,
 * start, end, byte_start, byte_end) are not in it: every format has its own place for them.
 */
#ifndef IDNER_OUT_FIELDS_H
#define IDNER_OUT_FIELDS_H

#include <stddef.h>

#include "idner.h"

enum out_field_kind {
    OUT_FIELD_STR,  /* const char *: absent when NULL */
    OUT_FIELD_FLAG, /* int: written as true when set, absent (or false) otherwise */
    OUT_FIELD_JSON  /* const char *, a JSON text (explain): a JSON value in JSON formats, the
                     * text elsewhere; absent when NULL. Formats with fixed columns (tsv,
                     * sqlite) have its column only in runs that produce it (out_field_used) */
};

typedef struct out_field {
    const char *name;
    const char *json_key; /* ,"NAME": as the compact JSON writer puts it, and its length */
    size_t json_key_len;
    size_t offset; /* of the member in idner_entity */
    enum out_field_kind kind;
    int dates_always; /* DATE and TIME always carry it: JSON null when NULL (value) */
} out_field;

/* The rows, ending with one whose name is NULL. */
extern const out_field out_fields[];

/* Does a format with fixed columns give F a column, in a run with --explain (EXPLAIN) or not? */
static inline int
out_field_used(const out_field *f, int explain)
{
    return f->kind != OUT_FIELD_JSON || explain;
}

/* The string (or JSON) field F of E, or NULL. */
static inline const char *
out_field_str(const idner_entity *e, const out_field *f)
{
    return *(const char *const *)(const void *)((const char *)e + f->offset);
}

/* The flag field F of E. */
static inline int
out_field_flag(const idner_entity *e, const out_field *f)
{
    return *(const int *)(const void *)((const char *)e + f->offset);
}

/* Does F apply to E (present, or always written as null for dates)? */
static inline int
out_field_present(const idner_entity *e, const out_field *f)
{
    if (f->kind == OUT_FIELD_FLAG)
        return out_field_flag(e, f) != 0;
    return out_field_str(e, f) != NULL ||
           (f->dates_always && (e->type == IDNER_DATE || e->type == IDNER_TIME));
}

#endif
