/*
 * test_emit.c: the JSON writer (src/out/emit.c, SPEC.md section 2): key order, optional fields,
 * value null for DATE/TIME, escaping of quotes, backslashes, control characters and NUL,
 * non-ASCII written as UTF-8, error objects, and idner_result_to_json (plain and pretty).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "harness.h"
#include "out/emit.h"
#include "result/result.h"

#define PLAIN (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Serializes O (consumed) into a malloc'd string. */
static char *
dump(json_object *o)
{
    const char *s;
    char *copy;

    if (o == NULL)
        return NULL;
    s = json_object_to_json_string_ext(o, PLAIN);
    copy = malloc(strlen(s) + 1);
    if (copy)
        strcpy(copy, s);
    json_object_put(o);
    return copy;
}

static void
check_dump(json_object *o, const char *want)
{
    char *got = dump(o);

    CHECK_STR(got, want);
    free(got);
}

static void
test_country(void)
{
    idner_entity e;

    memset(&e, 0, sizeof e);
    e.type = IDNER_LOC;
    e.start = 10;
    e.end = 21;
    e.byte_start = 12;
    e.byte_end = 23;
    e.text = "Korea Utara";
    e.source = "gazetteer";
    e.canonical = "Korea Utara";
    e.id = "iso3166:KP";
    e.subtype = "country";
    e.iso = "KP";
    check_dump(emit_entity(&e),
               "{\"type\":\"LOC\",\"text\":\"Korea Utara\",\"start\":10,\"end\":21,"
               "\"byte_start\":12,\"byte_end\":23,\"canonical\":\"Korea Utara\","
               "\"id\":\"iso3166:KP\",\"subtype\":\"country\",\"iso\":\"KP\","
               "\"source\":\"gazetteer\"}");
    /* Optional fields left out when NULL. */
    e.canonical = e.id = e.subtype = e.iso = NULL;
    e.type = IDNER_PER;
    check_dump(emit_entity(&e),
               "{\"type\":\"PER\",\"text\":\"Korea Utara\",\"start\":10,\"end\":21,"
               "\"byte_start\":12,\"byte_end\":23,\"source\":\"gazetteer\"}");
}

static void
test_dates(void)
{
    idner_entity e;

    memset(&e, 0, sizeof e);
    e.type = IDNER_DATE;
    e.start = 0;
    e.end = 5;
    e.byte_start = 0;
    e.byte_end = 5;
    e.text = "Senin";
    e.source = "date";
    /* value is always present for DATE and TIME: null when unknown. */
    check_dump(emit_entity(&e), "{\"type\":\"DATE\",\"text\":\"Senin\",\"start\":0,\"end\":5,"
                                "\"byte_start\":0,\"byte_end\":5,\"value\":null,"
                                "\"source\":\"date\"}");
    e.value = "2024-08-31";
    e.mod = "START";
    e.weekday_conflict = 1;
    check_dump(emit_entity(&e), "{\"type\":\"DATE\",\"text\":\"Senin\",\"start\":0,\"end\":5,"
                                "\"byte_start\":0,\"byte_end\":5,\"value\":\"2024-08-31\","
                                "\"mod\":\"START\",\"weekday_conflict\":true,"
                                "\"source\":\"date\"}");
    e.type = IDNER_TIME;
    e.value = NULL;
    e.mod = NULL;
    e.weekday_conflict = 0;
    check_dump(emit_entity(&e), "{\"type\":\"TIME\",\"text\":\"Senin\",\"start\":0,\"end\":5,"
                                "\"byte_start\":0,\"byte_end\":5,\"value\":null,"
                                "\"source\":\"date\"}");
}

/* calendar "hijri" (SPEC.md section 6): written after weekday_conflict, only when set, and the
 * same by the json-c writer and the compact one. */
static void
test_calendar(void)
{
    idner_entity e[2];
    memset(e, 0, sizeof e);
    e[0].type = IDNER_DATE;
    e[0].byte_end = e[0].end = 15;
    e[0].text = "1 Syawal 1445 H";
    e[0].value = "2024-04-10";
    e[0].calendar = "hijri";
    e[0].source = "date";
    e[1] = e[0];
    e[1].calendar = NULL;
    check_dump(emit_entity(&e[0]),
               "{\"type\":\"DATE\",\"text\":\"1 Syawal 1445 H\",\"start\":0,\"end\":15,"
               "\"byte_start\":0,\"byte_end\":15,\"value\":\"2024-04-10\","
               "\"calendar\":\"hijri\",\"source\":\"date\"}");
    idner_result r = {.block0 = e, .n = 2};
    r.blocks = &r.block0;
    emit_buf b;
    memset(&b, 0, sizeof b);
    char *want = dump(emit_document(NULL, &r));
    CHECK(emit_document_compact(&b, NULL, &r) == 0);
    CHECK(want && b.out.n == strlen(want) && !memcmp(b.out.p, want, b.out.n));
    /* the second entity has no calendar key */
    CHECK(want && strstr(strstr(want, "calendar") + 1, "calendar") == NULL);
    free(want);
    emit_buf_free(&b);
}

static void
test_escaping(void)
{
    /* 22 bytes with a NUL inside: the span length, not strlen, decides. */
    static const char text[] = "a\"b\\c/d\x01\x1f\n\t\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80\0z";
    idner_entity e;
    json_object *back, *t;
    char *s;

    memset(&e, 0, sizeof e);
    e.type = IDNER_ORG;
    e.text = text;
    e.byte_start = 100;
    e.byte_end = 100 + sizeof text - 1;
    e.start = 50;
    e.end = 50 + 17;
    e.source = "rule";
    s = dump(emit_entity(&e));
    CHECK(s != NULL);
    if (s == NULL)
        return;
    CHECK(strstr(s, "\"text\":\"a\\\"b\\\\c/d\\u0001\\u001f\\n\\t\xc3\xa9\xe2\x80\x94"
                    "\xf0\x9f\x98\x80\\u0000z\"") != NULL);
    CHECK(strchr(s, '\x01') == NULL && strchr(s, '\n') == NULL && strchr(s, '\t') == NULL);
    /* It parses back to the same bytes. */
    back = json_tokener_parse(s);
    CHECK(back != NULL);
    if (back && json_object_object_get_ex(back, "text", &t)) {
        CHECK_INT(json_object_get_string_len(t), sizeof text - 1);
        CHECK(memcmp(json_object_get_string(t), text, sizeof text - 1) == 0);
    } else {
        CHECK(0);
    }
    json_object_put(back);
    free(s);
}

/* The compact writer tests eight bytes at a time whether a string needs escaping: a byte
 * that does, at every place of strings of 0 to 24 bytes (the short ones, the whole words and
 * the tails), comes out as json-c writes it. */
static void
test_escaping_compact(void)
{
    static const char special[] = {'"', '\\', '\n', '\x01', '\x1f', '\0', 0x7f, ' '};
    char src[32];
    for (size_t n = 0; n <= 24; n++) {
        for (size_t at = 0; at <= n; at++) { /* at == n: no special byte */
            for (size_t k = 0; k < sizeof special; k++) {
                for (size_t i = 0; i < n; i++)
                    src[i] = "Kabupaten Bantul \xc3\xa9 Yogyakarta"[i];
                if (at < n)
                    src[at] = special[k];
                emit_buf b = {0};
                CHECK(emit_string_compact(&b, src, n) == 0);
                json_object *o = json_object_new_string_len(src, (int)n);
                size_t len = 0;
                const char *want = json_object_to_json_string_length(o, PLAIN, &len);
                if (b.out.n != len || memcmp(b.out.p, want, len) != 0) {
                    fprintf(stderr, "length %zu, byte %zu: got %s, want %s\n", n, at, b.out.p,
                            want);
                    CHECK(0);
                }
                CHECK(b.out.p[b.out.n] == '\0');
                json_object_put(o);
                emit_buf_free(&b);
            }
        }
    }
}

/* The compact writer's numbers (two digits at a time, copied in one step) and its per-type
 * entity beginnings (made once per buffer): offsets of 1 to 19 digits, every type and two it
 * does not know, written twice into one buffer, come out as json-c writes the same entities. */
static void
test_compact_numbers(void)
{
    /* (json-c writes them as int64: beyond INT64_MAX the two writers would differ, as before) */
    static const size_t nums[] = {0,
                                  1,
                                  9,
                                  10,
                                  99,
                                  100,
                                  101,
                                  999,
                                  1000,
                                  12345,
                                  99999999,
                                  100000000,
                                  123456789,
                                  4294967296u,
                                  999999999999,
                                  (size_t)INT64_MAX / 10,
                                  (size_t)INT64_MAX - 7,
                                  (size_t)INT64_MAX - 6};
    const size_t n = sizeof nums / sizeof nums[0];
    idner_entity ents[sizeof nums / sizeof nums[0]];
    struct idner_result r;

    memset(ents, 0, sizeof ents);
    for (size_t i = 0; i < n; i++) {
        ents[i].type = (idner_type)(i % 8); /* 0, 6 and 7: no name */
        ents[i].text = "Sleman";
        ents[i].start = nums[i];
        ents[i].end = nums[(i + 1) % n];
        ents[i].byte_start = nums[(i + 5) % n];
        ents[i].byte_end = nums[(i + 5) % n] + 6;
        ents[i].source = i % 2 ? "gazetteer" : "rule";
        ents[i].canonical = i % 3 ? NULL : "Kabupaten \"Sleman\"";
    }
    memset(&r, 0, sizeof r);
    r.block0 = ents;
    r.blocks = &r.block0;
    r.n = n;
    json_object *arr = emit_entities(&r);
    size_t len = 0;
    const char *want = json_object_to_json_string_length(arr, PLAIN, &len);
    emit_buf b = {0};
    for (int round = 0; round < 2; round++) {
        b.out.n = 0;
        CHECK(emit_entities_compact(&b, &r) == 0);
        if (b.out.n != len || memcmp(b.out.p, want, len) != 0) {
            fprintf(stderr, "round %d: got %s\nwant %s\n", round, b.out.p, want);
            CHECK(0);
        }
        CHECK(b.out.p[b.out.n] == '\0');
    }
    emit_buf_free(&b);
    json_object_put(arr);
}

static void
test_error(void)
{
    check_dump(emit_error(json_object_new_string("doc-1"), "invalid UTF-8 at byte 17"),
               "{\"id\":\"doc-1\",\"error\":\"invalid UTF-8 at byte 17\"}");
    check_dump(emit_error(json_object_new_int64(5), "not JSON: \"x\"\n"),
               "{\"id\":5,\"error\":\"not JSON: \\\"x\\\"\\n\"}");
    check_dump(emit_error(NULL, "oops"), "{\"error\":\"oops\"}");
}

static void
test_document(void)
{
    idner_entity ents[2];
    struct idner_result r;
    char *json = NULL;
    size_t len = 0;
    idner_error err;
    json_object *parsed;

    memset(ents, 0, sizeof ents);
    ents[0].type = IDNER_LOC;
    ents[0].text = "Rusia";
    ents[0].start = ents[0].byte_start = 0;
    ents[0].end = ents[0].byte_end = 5;
    ents[0].canonical = "Rusia";
    ents[0].iso = "RU";
    ents[0].subtype = "country";
    ents[0].source = "gazetteer";
    ents[1].type = IDNER_DATE;
    ents[1].text = "Minggu";
    ents[1].start = 6;
    ents[1].end = 12;
    ents[1].byte_start = 7;
    ents[1].byte_end = 13;
    ents[1].value = "XXXX-WXX-7";
    ents[1].source = "date";
    memset(&r, 0, sizeof r);
    r.block0 = ents;
    r.blocks = &r.block0;
    r.n = 2;
    r.pool = NULL;

    check_dump(emit_document(json_object_new_string("x"), &r),
               "{\"id\":\"x\",\"entities\":[{\"type\":\"LOC\",\"text\":\"Rusia\",\"start\":0,"
               "\"end\":5,\"byte_start\":0,\"byte_end\":5,\"canonical\":\"Rusia\","
               "\"subtype\":\"country\",\"iso\":\"RU\",\"source\":\"gazetteer\"},"
               "{\"type\":\"DATE\",\"text\":\"Minggu\",\"start\":6,\"end\":12,\"byte_start\":7,"
               "\"byte_end\":13,\"value\":\"XXXX-WXX-7\",\"source\":\"date\"}]}");
    r.n = 0;
    check_dump(emit_document(NULL, &r), "{\"entities\":[]}");
    check_dump(emit_document(json_object_new_int64(-3), &r), "{\"id\":-3,\"entities\":[]}");

    /* The public writer: plain, then pretty (same object when parsed). */
    r.n = 2;
    CHECK_INT(idner_result_to_json(&r, "a/b", 0, &json, &len, &err), IDNER_OK);
    CHECK(json != NULL && len == strlen(json));
    CHECK(json && strncmp(json, "{\"id\":\"a/b\",\"entities\":[{\"type\":\"LOC\"", 36) == 0);
    CHECK(json && strchr(json, '\n') == NULL);
    parsed = json ? json_tokener_parse(json) : NULL;
    idner_free(json);
    json = NULL;
    CHECK_INT(idner_result_to_json(&r, NULL, IDNER_JSON_PRETTY, &json, NULL, &err), IDNER_OK);
    CHECK(json && strchr(json, '\n') != NULL);
    CHECK(json && strncmp(json, "{\n  \"entities\": [", 17) == 0);
    if (json && parsed) {
        json_object *p2 = json_tokener_parse(json), *ents_a, *ents_b;

        CHECK(p2 != NULL);
        if (p2 && json_object_object_get_ex(parsed, "entities", &ents_a) &&
            json_object_object_get_ex(p2, "entities", &ents_b))
            CHECK(json_object_equal(ents_a, ents_b));
        json_object_put(p2);
    }
    json_object_put(parsed);
    idner_free(json);
    CHECK_INT(idner_result_to_json(NULL, NULL, 0, &json, NULL, &err), IDNER_ERR_ARG);
    CHECK(json == NULL);
}

int
main(void)
{
    test_country();
    test_dates();
    test_calendar();
    test_escaping();
    test_escaping_compact();
    test_compact_numbers();
    test_error();
    test_document();
    return harness_done();
}
