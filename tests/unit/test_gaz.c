/*
 * test_gaz.c: the gazetteer builder and matcher on a fixture list (tests/data/gaz_fixture.tsv):
 * longest match, case policy (proper nouns, acronyms, ci, common words), the -nya clitic,
 * candidate ranking, user lists that override, excludes, bad lines, corrupt images; the
 * filters sized by the list (first tokens, phrases); then the bundled countries through the
 * public API, and the map of a large image (core/mapped.c: where it is placed, what it makes
 * resident).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The I-th generated two-word name ("Bayuke Dsuba17"-like: syllables and a number, so that
 * all differ) into S. */
static void
name_at(size_t i, char *s, size_t size)
{
    static const char *const syl[] = {"ba", "yu", "ke", "su", "ma", "wa", "ti", "ra", "ni", "do"};
    size_t a = i % 10, b = (i / 10) % 10, c = (i / 100) % 10;
    snprintf(s, size, "%c%s%s %c%s%s%zu", 'A' + (int)(i % 26), syl[a], syl[b], 'A' + (int)(c + 3),
             syl[c], syl[a], i);
}

/* A list of N such names in a temporary file; returns its path (static). */
static const char *
name_list(size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/idner-test-gaz-XXXXXX"); /* each call a new file */
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    char s[64];
    for (size_t i = 0; i < n; i++) {
        name_at(i, s, sizeof s);
        fprintf(f, "%s\tPER\n", s);
    }
    fclose(f);
    return path;
}

static int
in_phrase_filter(const gaz_table *t, uint64_t h)
{
    uint32_t word;
    uint64_t bits = gaz_phrase_bits(h, t->phrase_log2, &word);
    return (t->phrase[word] & bits) == bits;
}

/* The first-token and phrase filters grow with the list, every listed phrase passes them, and
 * words that are not listed mostly do not. */
static void
test_filters(void)
{
    const size_t n = 5000;
    const char *path = name_list(n);
    gaz_table t;
    build(&t, &path, 1, GAZ_RANK_USER);
    remove(path);
    CHECK_INT(t.hdr->first_log2, gaz_first_log2(n));
    CHECK((1u << t.hdr->first_log2) >= 8 * n && t.hdr->first_log2 > GAZ_FIRST_LOG2_MIN);
    /* n phrases and about n one-word prefixes */
    CHECK((64u << t.hdr->phrase_log2) >= 8 * n && t.phrase != NULL);
    tok_list ptl = {0};
    size_t passed = 0;
    char s[64];
    for (size_t i = 0; i < n; i += 7) {
        name_at(i, s, sizeof s);
        size_t nt;
        uint64_t h = gaz_phrase_hash(s, strlen(s), &ptl, &nt);
        CHECK_INT(nt, 2);
        CHECK(in_phrase_filter(&t, h));
        CHECK(gaz_table_find(&t, h) != NULL);
    }
    for (size_t i = 0; i < 1000; i++) {
        snprintf(s, sizeof s, "Kampung Durian %zu", i);
        size_t nt;
        uint64_t h = gaz_phrase_hash(s, strlen(s), &ptl, &nt);
        passed += in_phrase_filter(&t, h);
        CHECK(gaz_table_find(&t, h) == NULL);
    }
    CHECK(passed < 100); /* about 5% at 8 bits a hash and two bits each */
    tok_list_free(&ptl);
    /* an out-of-range filter size is refused */
    gaz_header *h = (gaz_header *)t.file.mem;
    uint32_t keep = h->phrase_log2;
    h->phrase_log2 = GAZ_PHRASE_LOG2_MAX + 1;
    gaz_table u;
    idner_error err = {0};
    void *copy = malloc(t.file.size);
    memcpy(copy, t.file.mem, t.file.size);
    CHECK(gaz_table_adopt(&u, copy, t.file.size, "copy", &err) == IDNER_ERR_DATA);
    h->phrase_log2 = keep;
    gaz_table_close(&t);
}

/* The two first-token filters are sized apart: a long list of capitalized names and a few
 * phrases that may start in lower case (a lowercase first word, or "ci") give a capitalized
 * filter sized by the entries and an any-case filter sized by its two first tokens (2^11
 * bits), which still lets every lowercase phrase through; a header whose any-case filter is out
 * of range or runs past the end of the image is refused. */
static void
test_any_filter(void)
{
    const size_t n = 5000;
    const char *path = name_list(n);
    FILE *f = fopen(path, "a");
    CHECK(f != NULL);
    for (int i = 0; i < 20; i++)
        fprintf(f, "kedai kopi Bayuke%d\tORG\n", i);
    fprintf(f, "Kantor Pos Ajaib\tORG\t\t\t\t\tci\n");
    fclose(f);
    gaz local;
    memset(&local, 0, sizeof local);
    build(&local.base, &path, 1, GAZ_RANK_USER);
    remove(path);
    const gaz_header *h = local.base.hdr;
    CHECK_INT(h->first_log2, gaz_first_log2(n + 21));
    CHECK_INT(h->any_log2, 11); /* two first tokens ("kedai", "kantor"): 2 * 1024 bits */
    CHECK_INT(gaz_any_log2(2, n + 21), 11);
    CHECK_INT(gaz_any_log2(1000, 1000000), 20); /* 2^20 bits >= 1024 * 1000 */
    CHECK_INT(gaz_any_log2(1000000, 1000000), gaz_first_log2(1000000)); /* never the larger */
    CHECK(local.base.first_any == local.base.first + ((size_t)1 << h->first_log2) / 8);
    CHECK_INT(h->phrase_off, h->first_off + (1u << h->first_log2) / 8 + (1u << h->any_log2) / 8);
    const char *text = "Kemarin kami minum di kedai kopi Bayuke7, lalu mengirim surat lewat kantor "
                       "pos ajaib bersama Byuba Dbayu1.";
    cur = text;
    cl.n = 0;
    CHECK(tok_run(&tl, text, strlen(text)) == IDNER_OK);
    CHECK(gaz_run(&local, text, &tl, &cl) == IDNER_OK);
    CHECK(find("kedai kopi Bayuke7", IDNER_ORG) != NULL);
    CHECK(find("kantor pos ajaib", IDNER_ORG) != NULL);
    CHECK(find("Byuba Dbayu1", IDNER_PER) != NULL);
    CHECK(find("kopi Bayuke7", 0) == NULL);
    /* corrupt any-case sizes */
    idner_error err = {0};
    const uint32_t bad[] = {GAZ_FIRST_LOG2_MIN - 1, GAZ_FIRST_LOG2_MAX + 1, 24};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gaz_table u;
        void *copy = malloc(local.base.file.size);
        memcpy(copy, local.base.file.mem, local.base.file.size);
        ((gaz_header *)copy)->any_log2 = bad[i]; /* 24: 2 MiB past an image of 300 KiB */
        CHECK(gaz_table_adopt(&u, copy, local.base.file.size, "copy", &err) == IDNER_ERR_DATA);
        CHECK(strstr(err.message, "copy: corrupt gazetteer (bad header)") != NULL);
    }
    gaz_close(&local);
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

/* The process's resident file pages, in KiB (/proc/self/status), or -1 when unknown. */
static long
rss_file_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "RssFile:", 8))
            kib = atol(line + 8);
    fclose(f);
    return kib;
}

/* A 32 MiB file written in one call (which a large-folio page cache holds in 2 MiB folios), read
 * one page every 2 MiB: right bytes, placed one page past a page-table span, and resident by
 * far less than the 32 MiB a map at a span boundary makes of it on Linux 6.18. */
static void
test_mapped(void)
{
    const char *path = "test_gaz_mapped.tmp";
    const size_t page = (size_t)sysconf(_SC_PAGESIZE), span = page * (page / 8);
    const size_t size = 16 * span, stride = span / sizeof(uint64_t);
    uint64_t *v = malloc(size);
    CHECK(v != NULL);
    if (!v)
        return;
    for (size_t i = 0; i < size / sizeof *v; i++)
        v[i] = i * 0x9E3779B97F4A7C15ull;
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(v, 1, size, f) == size);
    if (f)
        fclose(f);
    mapped m;
    idner_error err = {0};
    CHECK(mapped_open(&m, path, &err) == IDNER_OK);
    CHECK_INT(m.size, size);
    CHECK_INT((uintptr_t)m.mem % span, page);
    long before = rss_file_kib();
    const uint64_t *w = m.mem;
    size_t same = 0;
    for (size_t i = 0; i < size / sizeof *v; i += stride)
        same += w[i] == v[i] && w[i + 1] == v[i + 1];
    CHECK_INT(same, 16);
    CHECK_INT(w[size / sizeof *v - 1], v[size / sizeof *v - 1]);
    long after = rss_file_kib();
    if (before >= 0 && after >= 0)
        CHECK(after - before < (long)(size / 4 / 1024)); /* 16 reads: 4 MiB would be 256 KiB each */
    mapped_random(&m, page + 1, 3 * page); /* pages 2 and 3 only: advice, the bytes stay */
    CHECK_INT(w[page / 8 * 2], v[page / 8 * 2]);
    mapped_release(&m);
    CHECK(m.mem == NULL && m.size == 0);
    /* a small file is mapped as well */
    f = fopen(path, "wb");
    CHECK(f && fwrite(v, 1, 100, f) == 100);
    if (f)
        fclose(f);
    CHECK(mapped_open(&m, path, &err) == IDNER_OK);
    CHECK(m.size == 100 && !memcmp(m.mem, v, 100));
    mapped_release(&m);
    remove(path);
    free(v);
}

int
main(void)
{
    test_mapped();
    test_explain_api();
    test_empty_lists();
    test_null_paths();
    test_fixture();
    test_user_and_excludes();
    test_errors();
    test_filters();
    test_any_filter();
    test_countries();
    tok_list_free(&tl);
    cand_list_free(&cl);
    return harness_done();
}
