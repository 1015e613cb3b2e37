/*
 * out/fields.c: the table of optional entity fields (see fields.h). A new field of
 * idner_entity is one more row; the order is the JSON key order of SPEC.md section 2.
 */
#include <stddef.h>

#include "out/fields.h"

/* A row: the member's name, its compact JSON key (,"name":) with the key's length, where it
 * is, what it holds, and whether DATE and TIME always carry it. */
// clang-format off
#define FIELD(member, kind, dates_always)                                                        \
    {#member, ",\"" #member "\":", sizeof(",\"" #member "\":") - 1,                               \
     offsetof(idner_entity, member), kind, dates_always}
// clang-format on

const out_field out_fields[] = {
    FIELD(canonical, OUT_FIELD_STR, 0),
    FIELD(id, OUT_FIELD_STR, 0),
    FIELD(subtype, OUT_FIELD_STR, 0),
    FIELD(iso, OUT_FIELD_STR, 0),
    FIELD(value, OUT_FIELD_STR, 1),
    FIELD(mod, OUT_FIELD_STR, 0),
    FIELD(weekday_conflict, OUT_FIELD_FLAG, 0),
    FIELD(calendar, OUT_FIELD_STR, 0),
    FIELD(source, OUT_FIELD_STR, 0),
    FIELD(explain, OUT_FIELD_JSON, 0), /* --explain (SPEC.md section 6) */
    {NULL, NULL, 0, 0, OUT_FIELD_STR, 0},
};
