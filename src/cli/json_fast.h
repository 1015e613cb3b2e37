/*
 * json_fast.h: the JSON Lines reader's fast path (issue 14, item 4). Most input lines are one
 * flat object of strings and small integers ({"id": 7, "text": "...", "date": "..."}); for
 * those json_fast_object builds, in one pass over the bytes, the json-c object that json-c's
 * strict parser would build. Anything else (nested arrays and objects, numbers other than a
 * plain integer of at most 18 digits, a key with an escape, duplicate keys, a \u0000 or a lone
 * surrogate, a raw control character, text after the object, any line json-c or RFC 8259 would
 * refuse) is not handled: the caller parses the line with json-c and checks it with
 * json_strict, as before, so every message and every refusal comes from that path.
 *
 * What it accepts is RFC 8259 JSON (so json_strict_check would pass it, and the control
 * character check too), and the object is equal to json-c's: the same members in the same
 * order, strings with the same decoded bytes (UTF-8 is not checked, as json-c does not),
 * integers as json-c's int64, true, false and null as json-c makes them. tests/fuzz
 * fuzz_jsonl_json checks this on every input, and tests/cli/test_json_fast.py compares whole
 * runs with the json-c path (IDNER_JSON_C=1 forces it).
 */
#ifndef IDNER_CLI_JSON_FAST_H
#define IDNER_CLI_JSON_FAST_H

#include <stddef.h>

#include <json-c/json.h>

#include "core/buf.h"

/* The object of the line S[0, N) (the caller's to put), or NULL when the line is not of the
 * shape handled here. SCRATCH holds decoded strings for a moment (reused between calls). */
json_object *json_fast_object(const char *s, size_t n, buf *scratch);

#endif
