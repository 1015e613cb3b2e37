/*
 * test_gaz.c: the gazetteer builder and matcher on a fixture list (tests/data/gaz_fixture.tsv):
 * longest match, case policy (proper nouns, acronyms, ci, common words), the -nya clitic,
 * candidate ranking, user lists that override, excludes, bad lines, corrupt images; then the
 * bundled countries through the public API.
 */
#include <stdlib.h>
#include <string.h>

#include "gaz/gaz.h"
#include "harness.h"
#include "idner.h"
#include "result/merge.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

static gaz g;
static tok_list tl;
static cand_list cl;
static const char *cur;

static void
annotate(const char *s)
{
    cur = s;
    cl.n = 0;
    CHECK(tok_run(&tl, s, strlen(s)) == IDNER_OK);
    CHECK(gaz_run(&g, s, &tl, &cl) == IDNER_OK);
}

/* The candidate whose text is S (and of TYPE when non-zero), or NULL. */
static const cand *
find(const char *s, int type)
{
    for (size_t i = 0; i < cl.n; i++) {
        const cand *c = &cl.v[i];
        if (c->byte_end - c->byte_start == strlen(s) &&
            !strncmp(cur + c->byte_start, s, strlen(s)) && (!type || c->type == type))
            return c;
    }
    return NULL;
}

static void
build(gaz_table *t, const char *const *files, size_t n, int rank)
{
    gaz_builder *b = gaz_builder_new();
    idner_error err = {0};
    for (size_t i = 0; i < n; i++) {
        if (gaz_builder_add_file(b, files[i], rank, &err) != IDNER_OK) {
            fprintf(stderr, "%s\n", err.message);
            exit(1);
        }
    }
    void *img;
    size_t size;
    CHECK(gaz_builder_finish(b, &img, &size, &err) == IDNER_OK);
    CHECK(gaz_table_adopt(t, img, size, "fixture", &err) == IDNER_OK);
    gaz_builder_free(b);
}

static void
test_fixture(void)
{
    const char *fix[] = {TEST_DATA "/gaz_fixture.tsv"};
    build(&g.base, fix, 1, GAZ_RANK_OTHER);

    annotate("Ketegangan di Semenanjung Korea memuncak ketika Korea Utara menantang AS.");
    CHECK(find("Semenanjung Korea", IDNER_LOC) != NULL);
    CHECK(find("Korea", IDNER_LOC) != NULL); /* a candidate at its own start... */
    merge_select(&cl);
    CHECK(find("Korea", 0) == NULL); /* ...that the longer phrase overrides */
    const cand *c = find("Korea Utara", IDNER_LOC);
    CHECK(c && !strcmp(c->iso, "KP") && !strcmp(c->subtype, "country"));
    c = find("AS", IDNER_LOC);
    CHECK(c && !strncmp(c->canonical, "Amerika Serikat", c->canonical_len));

    /* acronyms only as written; proper nouns not in lower case */
    annotate("Sama seperti as roda, korea utara dan pbb ditulis kecil.");
    CHECK_INT(cl.n, 0);
    annotate("KOREA UTARA DAN PBB DALAM JUDUL");
    CHECK(find("KOREA UTARA", IDNER_LOC) != NULL);
    CHECK(find("PBB", IDNER_ORG) != NULL);

    /* the longest phrase wins at its start, lowercase words inside names keep their case */
    annotate("Sidang Dewan Keamanan PBB dan Perserikatan Bangsa-Bangsa.");
    c = find("Dewan Keamanan PBB", IDNER_ORG);
    CHECK(c && !strncmp(c->canonical, "Dewan Keamanan Perserikatan", 27));
    CHECK(find("Perserikatan Bangsa-Bangsa", IDNER_ORG) != NULL);

    /* hyphen variants are separate entries of one person */
    annotate("Choe Son-hui dan Choe Son Hui orang yang sama.");
    CHECK(find("Choe Son-hui", IDNER_PER) != NULL);
    CHECK(find("Choe Son Hui", IDNER_PER) != NULL);

    /* a surface listed under two types keeps both candidates, curated first */
    annotate("Banjir melanda Jakarta kemarin.");
    CHECK(find("Jakarta", IDNER_LOC) && find("Jakarta", IDNER_ORG));
    CHECK(find("Jakarta", IDNER_LOC)->prio > find("Jakarta", IDNER_ORG)->prio);

    /* common words: never alone at a sentence start or in lower case */
    annotate("Harapan warga besar. Kata Harapan kemarin, harapan itu nyata.");
    CHECK_INT(cl.n, 1);
    CHECK(cl.n == 1 && cl.v[0].byte_start == 26);

    /* case-insensitive entries */
    annotate("Mereka minum kopi tubruk dan KOPI TUBRUK.");
    CHECK(find("kopi tubruk", IDNER_ORG) && find("KOPI TUBRUK", IDNER_ORG));

    /* the -nya clitic: the stem is the entity */
    annotate("Warga Jalur Gazanya mengungsi ke Jakartanya.");
    CHECK(find("Jalur Gaza", IDNER_LOC) != NULL);
    CHECK(find("Jakarta", IDNER_LOC) != NULL);
}

static void
test_user_and_excludes(void)
{
    const char *user[] = {TEST_DATA "/gaz_user.tsv"};
    build(&g.user, user, 1, GAZ_RANK_USER);
    const char *excl[] = {TEST_DATA "/gaz_exclude.txt"};
    idner_error err = {0};
    CHECK(gaz_load_excludes(&g, excl, 1, &err) == IDNER_OK);
    annotate("Persija dari Jakarta bertemu Toko Maju Jaya, bukan Korut.");
    const cand *c = find("Jakarta", 0);
    CHECK(c && c->type == IDNER_ORG && c->source == SRC_USER);
    CHECK(find("Jakarta", IDNER_LOC) == NULL); /* the user's entry overrides */
    CHECK(find("Toko Maju Jaya", IDNER_ORG) != NULL);
    CHECK(find("Korut", 0) == NULL);
    gaz_close(&g);
}

static void
test_errors(void)
{
    gaz_builder *b = gaz_builder_new();
    idner_error err = {0};
    CHECK(gaz_builder_add_file(b, TEST_DATA "/gaz_bad.tsv", GAZ_RANK_USER, &err) == IDNER_ERR_DATA);
    CHECK(strstr(err.message, "gaz_bad.tsv:2:") != NULL);
    CHECK(gaz_builder_add_file(b, TEST_DATA "/no-such-file.tsv", GAZ_RANK_USER, &err) ==
          IDNER_ERR_IO);
    gaz_builder_free(b);
    /* a corrupt image is refused, not read */
    gaz_table t;
    char *junk = calloc(1, 4096);
    memcpy(junk, "IDNERGZ", 8);
    CHECK(gaz_table_adopt(&t, junk, 4096, "junk", &err) == IDNER_ERR_DATA);
    CHECK(strstr(err.message, "junk") != NULL);
    CHECK(gaz_table_open(&t, TEST_DATA "/gaz_fixture.tsv", &err) == IDNER_ERR_DATA);
}

/* The bundled countries, through the public API. */
static void
test_countries(void)
{
    idner_model *m = NULL;
    idner_error err = {0};
    if (idner_model_new(NULL, &m, &err) != IDNER_OK) {
        fprintf(stderr, "model: %s\n", err.message);
        CHECK(0);
        return;
    }
    static const struct {
        const char *text, *span, *canonical, *iso;
    } cases[] = {
        {"Pasukan Korea Utara tiba di Rusia.", "Korea Utara", "Korea Utara", "KP"},
        {"Pasukan Korea Utara tiba di Rusia.", "Rusia", "Rusia", "RU"},
        {"Sanksi AS diperketat.", "AS", "Amerika Serikat", "US"},
        {"Presiden Amerika Serikat berpidato.", "Amerika Serikat", "Amerika Serikat", "US"},
        {"Hubungan Korut dan Korsel memanas.", "Korut", "Korea Utara", "KP"},
        {"Hubungan Korut dan Korsel memanas.", "Korsel", "Korea Selatan", "KR"},
        {"Produk Tiongkok membanjiri pasar.", "Tiongkok", NULL, "CN"},
        {"Produk Cina membanjiri pasar.", "Cina", NULL, "CN"},
        {"Kedutaan RI di Jepang.", "RI", "Indonesia", "ID"},
        {"Kedutaan RI di Jepang.", "Jepang", "Jepang", "JP"},
        {"Tim dari Britania Raya dan Belanda.", "Britania Raya", NULL, "GB"},
        {"Tim dari Britania Raya dan Belanda.", "Belanda", "Belanda", "NL"},
        {"Warga UEA berlibur.", "UEA", NULL, "AE"},
        {"Delegasi Republik Rakyat Demokratik Korea hadir.", "Republik Rakyat Demokratik Korea",
         "Korea Utara", "KP"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        idner_result *r = NULL;
        CHECK(idner_annotate(m, cases[i].text, strlen(cases[i].text), NULL, &r, &err) == IDNER_OK);
        const idner_entity *hit = NULL;
        for (size_t k = 0; k < idner_result_count(r); k++) {
            const idner_entity *e = idner_result_get(r, k);
            if (!strcmp(e->text, cases[i].span))
                hit = e;
        }
        if (!hit) {
            fprintf(stderr, "no entity \"%s\" in \"%s\"\n", cases[i].span, cases[i].text);
            CHECK(0);
        } else {
            CHECK_INT(hit->type, IDNER_LOC);
            CHECK_STR(hit->subtype, "country");
            CHECK_STR(hit->iso, cases[i].iso);
            if (cases[i].canonical)
                CHECK_STR(hit->canonical, cases[i].canonical);
        }
        idner_result_free(r);
    }
    /* "as" the word, "Amerika" alone in lower case, and "AS" in "MAS" are not countries */
    const char *neg = "Roda berputar pada as yang sama; emas dan MAS naik.";
    idner_result *r = NULL;
    CHECK(idner_annotate(m, neg, strlen(neg), NULL, &r, &err) == IDNER_OK);
    for (size_t k = 0; k < idner_result_count(r); k++)
        CHECK(idner_result_get(r, k)->type != IDNER_LOC);
    idner_result_free(r);
    idner_model_free(m);
}

/* Writes S to a new temporary file; its path into PATH[64]. */
static void
temp_file(char path[64], const char *s)
{
    snprintf(path, 64, "/tmp/idner-test-gaz-XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f && fputs(s, f) >= 0 && fclose(f) == 0);
}

/* Issue 13: an empty user list, or one whose surfaces are single tokens without a word, builds
 * (no qsort of a NULL array: UBSan flags it in the sanitizer build) and finds nothing. */
static void
test_empty_lists(void)
{
    char empty[64], punct[64];
    temp_file(empty, "# nothing but a comment\n");
    temp_file(punct, "...\tORG\n--\tLOC\n");
    const char *files[][1] = {{empty}, {punct}};
    for (size_t k = 0; k < 2; k++) {
        memset(&g, 0, sizeof g);
        build(&g.user, files[k], 1, GAZ_RANK_USER);
        annotate("Warga Bandung berkumpul di alun-alun... lalu pulang.");
        CHECK_INT(cl.n, 0); /* a phrase never starts with punctuation */
        gaz_close(&g);
    }
    /* through the public API too */
    idner_model_options o;
    idner_model_options_init(&o);
    const char *const list[] = {empty};
    o.gazetteers = list;
    o.n_gazetteers = 1;
    idner_model *m = NULL;
    idner_error err = {0};
    CHECK(idner_model_new(&o, &m, &err) == IDNER_OK);
    idner_model_free(m);
    remove(empty);
    remove(punct);
}

/* Issue 13: a NULL path in the gazetteer or exclude arrays, or a NULL array with a count, is an
 * argument error, never a crash. */
static void
test_null_paths(void)
{
    static const char *const with_null[] = {TEST_DATA "/gaz_user.tsv", NULL};
    static const struct {
        const char *const *gaz;
        size_t ngaz;
        const char *const *excl;
        size_t nexcl;
        const char *msg;
    } cases[] = {
        {with_null, 2, NULL, 0, "gazetteers[1] is NULL"},
        {NULL, 3, NULL, 0, "gazetteers: a count of 3 but no array"},
        {NULL, 0, with_null, 2, "excludes[1] is NULL"},
        {NULL, 0, NULL, 1, "excludes: a count of 1 but no array"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        idner_model_options o;
        idner_model_options_init(&o);
        o.gazetteers = cases[i].gaz;
        o.n_gazetteers = cases[i].ngaz;
        o.excludes = cases[i].excl;
        o.n_excludes = cases[i].nexcl;
        idner_model *m = (idner_model *)&o; /* must be reset to NULL */
        idner_error err = {0};
        CHECK_INT(idner_model_new(&o, &m, &err), IDNER_ERR_ARG);
        CHECK(m == NULL);
        CHECK_INT(err.code, IDNER_ERR_ARG);
        CHECK_STR(err.message, cases[i].msg);
    }
}

/* IDNER_EXPLAIN through the public API: the entity's explain names the list and line; a
 * document with an excluded surface says so in idner_result_explain; without the flag both
 * are NULL. */
static void
test_explain_api(void)
{
    char ex[64];
    temp_file(ex, "Karangsela\n");
    idner_model_options o;
    idner_model_options_init(&o);
    const char *const excl[] = {ex};
    o.excludes = excl;
    o.n_excludes = 1;
    idner_model *m = NULL;
    idner_error err = {0};
    if (idner_model_new(&o, &m, &err) != IDNER_OK) {
        fprintf(stderr, "model: %s\n", err.message);
        CHECK(0);
        remove(ex);
        return;
    }
    const char *text = "Warga Jepang berlibur di Karangsela.";
    idner_annotate_options a;
    idner_annotate_options_init(&a);
    idner_result *r = NULL;
    CHECK(idner_annotate(m, text, strlen(text), &a, &r, &err) == IDNER_OK);
    CHECK_INT(idner_result_count(r), 1);
    CHECK(idner_result_get(r, 0) && idner_result_get(r, 0)->explain == NULL);
    CHECK(idner_result_explain(r) == NULL);
    idner_result_free(r);
    a.flags = IDNER_EXPLAIN;
    CHECK(idner_annotate(m, text, strlen(text), &a, &r, &err) == IDNER_OK);
    CHECK_INT(idner_result_count(r), 1);
    const idner_entity *e = idner_result_get(r, 0);
    CHECK(e && e->explain && !strncmp(e->explain, "{\"found\":{\"stage\":\"gazetteer\",", 29));
    CHECK(e && e->explain && strstr(e->explain, "\"list\":\"data/gazetteer/countries.tsv\""));
    const char *doc = idner_result_explain(r);
    CHECK(doc && strstr(doc, "\"text\":\"Karangsela\"") && strstr(doc, "\"reason\":\"excluded\""));
    idner_result_free(r);
    idner_model_free(m);
    remove(ex);
}

int
main(void)
{
    test_explain_api();
    test_empty_lists();
    test_null_paths();
    test_fixture();
    test_user_and_excludes();
    test_errors();
    test_countries();
    tok_list_free(&tl);
    cand_list_free(&cl);
    return harness_done();
}
