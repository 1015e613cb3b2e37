/*
 * core/types.c: the entity type names of SPEC.md section 3, in one table that the gazetteer
 * builder (and tools/gazc), the writers and the public entry points all read.
 */
#include <string.h>

#include "idner.h"

static const char *const type_names[] = {NULL, "PER", "ORG", "LOC", "DATE", "TIME"};

IDNER_API const char *
idner_type_name(idner_type type)
{
    return (unsigned)type < sizeof type_names / sizeof type_names[0] ? type_names[type] : NULL;
}

IDNER_API idner_type
idner_type_from_name(const char *name)
{
    for (unsigned t = IDNER_PER; t <= IDNER_TIME; t++)
        if (name && !strcmp(name, type_names[t]))
            return (idner_type)t;
    return (idner_type)0;
}
