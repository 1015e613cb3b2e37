/*
 * out/fields.c: the table of optional entity fields (see fields.h). A new field of
 * idner_entity is one more row; the order is the JSON key order of SPEC.md section 2.
 */
#include <stddef.h>

#include "out/fields.h"

#define STR(member)                                                                                \
    {                                                                                              \
#member, offsetof(idner_entity, member), OUT_FIELD_STR, 0                                  \
    }
#define FLAG(member)                                                                               \
    {                                                                                              \
#member, offsetof(idner_entity, member), OUT_FIELD_FLAG, 0                                 \
    }

const out_field out_fields[] = {
    STR(canonical),
    STR(id),
    STR(subtype),
    STR(iso),
    {"value", offsetof(idner_entity, value), OUT_FIELD_STR, 1},
    STR(mod),
    FLAG(weekday_conflict),
    STR(source),
    {NULL, 0, OUT_FIELD_STR, 0},
};
