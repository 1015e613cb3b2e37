/*
 * emit.h: the JSON writer (SPEC.md section 2), through json-c.
 */
#ifndef IDNER_EMIT_H
#define IDNER_EMIT_H

#include <json-c/json.h>

#include "idner.h"

/* {"id": ID, "entities": [...]} for a result. ID (may be NULL: no "id" key) is consumed. */
json_object *emit_document(json_object *id, const idner_result *r);
/* {"id": ID, "error": MESSAGE}. ID is consumed. */
json_object *emit_error(json_object *id, const char *message);
/* One entity object. */
json_object *emit_entity(const idner_entity *e);

#endif
