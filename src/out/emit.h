/*
 * emit.h: the JSON writer (SPEC.md section 2), through json-c.
 */
#ifndef IDNER_EMIT_H
#define IDNER_EMIT_H

#include <json-c/json.h>

#include "core/buf.h"
#include "idner.h"

/* {"id": ID, "entities": [...]} for a result. ID (may be NULL: no "id" key) is consumed. */
json_object *emit_document(json_object *id, const idner_result *r);
/* {"id": ID, "error": MESSAGE}. ID is consumed. */
json_object *emit_error(json_object *id, const char *message);
/* The array of entity objects of R. */
json_object *emit_entities(const idner_result *r);
/* One entity object. */
json_object *emit_entity(const idner_entity *e);

/* The entity types the compact writer keeps a ready-made beginning for (idner_type values). */
#define EMIT_TYPES 8

/* A growing text buffer for the compact writer; STR is a json-c string object reused for
 * escaping (created on first use); TYPE_HEAD[T] is an entity's beginning {"type":"NAME","text":
 * for type T, escaped once (made on first use: length 0). Zero-initialize; release with
 * emit_buf_free. FLUSH, when set, takes the bytes written so far once they pass
 * EMIT_FLUSH_BYTES in an entity array (then OUT starts again empty): one huge document's
 * output is written in pieces, not held whole. It returns 0, or -1 (the write failed). */
typedef struct emit_buf {
    buf out;
    json_object *str;
    char type_head[EMIT_TYPES][40];
    unsigned char type_head_len[EMIT_TYPES];
    int (*flush)(void *ctx, const char *s, size_t n);
    void *ctx;
} emit_buf;

#define EMIT_FLUSH_BYTES ((size_t)1 << 20)

/* Appends the compact document object {"id": ID, "entities": [...]} (ID may be NULL: no
 * "id" key; not consumed) to B, the same JSON emit_document would give, without building an
 * object per entity: strings are escaped by json-c through B->str, numbers written directly.
 * Returns 0, or -1 when memory runs out. */
int emit_document_compact(emit_buf *b, json_object *id, const idner_result *r);
/* The pieces of the compact writer, for the JSON Lines writer (out/jsonl.c): the entity array
 * of R; a JSON string of S[0, N); any json-c value O, compact. Each 0 or -1 (out of memory). */
int emit_entities_compact(emit_buf *b, const idner_result *r);
int emit_string_compact(emit_buf *b, const char *s, size_t n);
int emit_json_compact(emit_buf *b, json_object *o);
void emit_buf_free(emit_buf *b);

/* --explain: the document's "explain" (idner_result_explain), after its entities, in a json-c
 * object O or compact; nothing when R has none. 0, or -1 when memory runs out. */
int emit_doc_explain(json_object *o, const idner_result *r);
int emit_doc_explain_compact(emit_buf *b, const idner_result *r);

#endif
