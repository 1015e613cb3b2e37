/*
 * json_strict.h: the grammar of RFC 8259 (sections 2 to 7), checked on a JSON text that json-c
 * has accepted in its strict mode: json-c's strict mode still takes numbers RFC 8259 does not
 * ("1.", "-01", "00", ".5" after a minus, "1.e5") and NaN, Infinity and -Infinity, which would
 * come back out of --keep-fields or an id as they were written, and are no JSON (Python's json
 * module refuses them too). Raw control characters in strings are refused as well (json-c lets
 * them through). No value is decoded; UTF-8 is not checked here.
 */
#ifndef IDNER_CLI_JSON_STRICT_H
#define IDNER_CLI_JSON_STRICT_H

#include <stddef.h>

/* Is S[0, N) one RFC 8259 JSON text (a value with optional white space around it, nested at
 * most MAX_DEPTH arrays and objects deep)? 0 when it is; else -1 with the offset of the byte
 * where it stops being one in *AT (N: it ends too soon) and a short reason in *WHY. */
int json_strict_check(const char *s, size_t n, int max_depth, size_t *at, const char **why);

#endif
