/*
 * test_tagger.c: the learned tagger (src/tagger/). Five parts:
 *   - Viterbi never emits an illegal label sequence (BIO and BILOU, random scores, boundary
 *     moves included) and finds the best legal one (brute force on short sequences);
 *   - a tiny model trained here on invented sentences learns a toy pattern (a cue word that no
 *     list or rule knows: "sepupu X" is a person, "pabrik X" an organization, "lembah X" a
 *     place) and decodes it on names it never saw, with source "model";
 *   - training is deterministic: the same seed gives the same model bytes; the training
 *     options (corpus weights, feature dropout, institutions trained as organizations) do what
 *     they say;
 *   - the bundled model's names go through the stage's own checks (an address named after a
 *     person is the place);
 *   - corrupt and truncated model files give their error, also through idner_model_new.
 * The scorer's sums are those of the features training sees, read one by one from the model.
 * The lexicon is tests/data/tagger-lexicon (hand-written); the stages before the tagger use
 * the build's data ($IDNER_DATA).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gaz/gaz.h"
#include "harness.h"
#include "model.h"
#include "tagger/decode.h"
#include "tagger/features.h"
#include "tagger/format.h"
#include "tagger/model.h"
#include "tagger/tagger.h"
#include "tagger/train.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

static uint64_t rng = 20261201;

static uint64_t
rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* ---- Viterbi ------------------------------------------------------------------------------ */

static int
legal_sequence(uint32_t scheme, const uint8_t *y, size_t n)
{
    unsigned L = tagger_n_labels(scheme), prev = L;
    for (size_t i = 0; i < n; i++) {
        if (y[i] >= L || !tagger_legal(scheme, prev, y[i]))
            return 0;
        prev = y[i];
    }
    return tagger_legal(scheme, prev, L);
}

static int64_t
score(const int32_t *emit, const int32_t *trans, uint32_t L, const uint8_t *y, size_t n)
{
    int64_t s = 0;
    unsigned prev = L;
    for (size_t i = 0; i < n; i++) {
        s += trans[prev * (L + 1) + y[i]] + emit[i * L + y[i]];
        prev = y[i];
    }
    return s + trans[prev * (L + 1) + L];
}

/* The best legal score over all sequences of length N (N small). */
static int64_t
brute_best(uint32_t scheme, const int32_t *emit, const int32_t *trans, uint32_t L, size_t n)
{
    uint8_t y[4] = {0};
    int64_t best = INT64_MIN;
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= L;
    for (size_t code = 0; code < total; code++) {
        size_t c = code;
        for (size_t i = 0; i < n; i++, c /= L)
            y[i] = (uint8_t)(c % L);
        if (legal_sequence(scheme, y, n)) {
            int64_t s = score(emit, trans, L, y, n);
            if (s > best)
                best = s;
        }
    }
    return best;
}

/* Does decoding EMIT[N * L] a piece at a time (tagger_fwd_*, pieces of 1 to 7 tokens) give
 * other labels than OUT? */
static int
pieces_differ(const int32_t *emit, size_t n, const tagger_trellis *tr, uint8_t *back,
              const uint8_t *out)
{
    const uint32_t L = tr->L;
    uint8_t labels[40];
    tagger_fwd f;
    tagger_fwd_begin(&f, tr, emit);
    for (size_t i = 1, k; i < n; i += k) {
        k = 1 + rnd() % 7;
        k = k < n - i ? k : n - i;
        tagger_fwd_steps(&f, tr, emit + i * L, k, back + i * L);
    }
    labels[n - 1] = tagger_fwd_last(&f, tr);
    tagger_backtrack(back, n, L, labels);
    return memcmp(labels, out, n) != 0;
}

static void
test_viterbi(uint32_t scheme)
{
    const uint32_t L = tagger_n_labels(scheme), S = L + 1;
    int32_t trans[(TAGGER_MAX_LABELS + 1) * (TAGGER_MAX_LABELS + 1)];
    int32_t emit[40 * TAGGER_MAX_LABELS];
    uint8_t back[40 * TAGGER_MAX_LABELS], out[40];
    size_t illegal = 0, not_best = 0, differ = 0, pieces = 0;
    for (int trial = 0; trial < 3000; trial++) {
        /* huge scores now and then: the forbidden moves must stay forbidden whatever the sum */
        int32_t range = trial % 7 == 0 ? 100000000 : 100;
        for (uint32_t a = 0; a < S; a++)
            for (uint32_t b = 0; b < S; b++)
                trans[a * S + b] = tagger_legal(scheme, a, b)
                                       ? (int32_t)(rnd() % (2 * (uint64_t)range + 1)) - range
                                       : TAGGER_FORBIDDEN;
        size_t n = 1 + rnd() % 40;
        for (size_t i = 0; i < n * L; i++)
            emit[i] = (int32_t)(rnd() % (2 * (uint64_t)range + 1)) - range;
        tagger_trellis tr;
        tagger_trellis_init(&tr, trans, L);
        tagger_viterbi(emit, n, &tr, back, out);
        illegal += !legal_sequence(scheme, out, n);
        pieces += pieces_differ(emit, n, &tr, back, out);
        if (tr.avx2) { /* the portable decoder finds the same sequence */
            uint8_t portable[40];
            tr.avx2 = 0;
            tagger_viterbi(emit, n, &tr, back, portable);
            differ += memcmp(out, portable, n) != 0;
            pieces += pieces_differ(emit, n, &tr, back, out);
        }
        if (n <= (scheme == TAGGER_BILOU ? 3u : 4u))
            not_best += score(emit, trans, L, out, n) != brute_best(scheme, emit, trans, L, n);
    }
    CHECK_INT(illegal, 0);
    CHECK_INT(not_best, 0);
    CHECK_INT(differ, 0);
    CHECK_INT(pieces, 0);
    /* scores that all but demand an illegal start: a name's continuation first */
    memset(emit, 0, sizeof emit);
    for (uint32_t a = 0; a < S; a++)
        for (uint32_t b = 0; b < S; b++)
            trans[a * S + b] = tagger_legal(scheme, a, b) ? 0 : TAGGER_FORBIDDEN;
    emit[tagger_label(scheme, IDNER_ORG, PART_I)] = 1000000;
    tagger_trellis tr;
    tagger_trellis_init(&tr, trans, L);
    tagger_viterbi(emit, 1, &tr, back, out);
    CHECK(legal_sequence(scheme, out, 1));
    CHECK(out[0] != tagger_label(scheme, IDNER_ORG, PART_I));
}

/* ---- a toy model ---------------------------------------------------------------------------- */

static const char *const templates[] = {
    "Kemarin sepupu @ hadir di balai warga.",        /* PER */
    "Pekerja pabrik @ berhenti bekerja sejak pagi.", /* ORG */
    "Warga hulu @ mengungsi karena banjir.",         /* LOC */
};
static const idner_type template_type[] = {IDNER_PER, IDNER_ORG, IDNER_LOC};
/* invented words, in no list */
static const char *const train_names[] = {"Zamorta",  "Velbrikan", "Quorivet",  "Dantrelo",
                                          "Murvasti", "Kelbonari", "Tazmirel",  "Vorpendak",
                                          "Yulsarta", "Brenduvi",  "Sorkelima", "Wendraku"};
static const char *const test_names[] = {"Morbelan", "Fizraduk", "Gelvantor"};

/* TMPL with its '@' replaced by NAME, into OUT. */
static void
fill(char *out, size_t size, const char *tmpl, const char *name)
{
    const char *at = strchr(tmpl, '@');
    snprintf(out, size, "%.*s%s%s", (int)(at - tmpl), tmpl, name, at + 1);
}

/* The bundled data's model, with the tagger or without it; NULL (and a failed check) when it
 * cannot be made. */
static idner_model *
model_of(int tagger)
{
    idner_model *m = NULL;
    idner_error err;
    if (model_new(NULL, tagger, &m, &err) != IDNER_OK) {
        fprintf(stderr, "model_new%s: %s\n", tagger ? " with the tagger" : "", err.message);
        CHECK(0);
        return NULL;
    }
    return m;
}

static idner_model *
untagged_model(void)
{
    idner_model *m = model_of(0);
    if (!m)
        exit(1);
    return m;
}

/* Trains with options O on the templates filled with the train names; returns the model image.
 * DOMAINS: 0 no corpus, 1 all of one corpus, 2 the names alternately of two corpora. The
 * trainer's statistics go to *STATS when it is not NULL. */
static void *
train_toy_with(idner_model *m, const tagger_train_options *o, int domains, size_t *size,
               tagger_train_stats *stats)
{
    tagger_trainer *t = NULL;
    idner_error err;
    if (tagger_trainer_new(o, TEST_DATA "/tagger-lexicon", &t, &err) != IDNER_OK) {
        fprintf(stderr, "tagger_trainer_new: %s\n", err.message);
        exit(1);
    }
    char text[256];
    for (size_t k = 0; k < sizeof train_names / sizeof *train_names; k++) {
        if (domains)
            tagger_trainer_set_domain(t, domains == 1 ? 1 : 1 + (unsigned)(k % 2));
        for (size_t j = 0; j < 3; j++) {
            const char *name = train_names[k];
            fill(text, sizeof text, templates[j], name);
            tagger_gold g;
            g.byte_start = (uint32_t)(strstr(text, name) - text);
            g.byte_end = g.byte_start + (uint32_t)strlen(name);
            g.type = template_type[j];
            CHECK_INT(model_add_example(m, text, strlen(text), 0, t, &g, 1, &err), IDNER_OK);
        }
    }
    void *img = NULL;
    CHECK_INT(tagger_trainer_run(t, NULL, NULL, &img, size, &err), IDNER_OK);
    if (stats)
        tagger_trainer_stats(t, stats);
    tagger_trainer_free(t);
    return img;
}

static void
toy_options(tagger_train_options *o, uint64_t seed)
{
    tagger_train_options_init(o);
    o->epochs = 6;
    o->seed = seed;
    o->min_count = 1;
}

static void *
train_toy(idner_model *m, uint64_t seed, size_t *size)
{
    tagger_train_options o;
    toy_options(&o, seed);
    return train_toy_with(m, &o, 0, size, NULL);
}

/* TEXT annotated by M with the default options (NULL on failure, a failed check). */
static idner_result *
annotated(const idner_model *m, const char *text)
{
    idner_annotate_options o;
    idner_annotate_options_init(&o);
    idner_result *r = NULL;
    CHECK_INT(idner_annotate(m, text, strlen(text), &o, &r, NULL), IDNER_OK);
    return r;
}

/* Does an entity of RESULT overlap the first SPAN of TEXT? */
static int
overlaps(const idner_result *r, const char *text, const char *span)
{
    const char *u = strstr(text, span);
    size_t a = u ? (size_t)(u - text) : 0, b = a + strlen(span);
    for (size_t i = 0; u && i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (e->byte_start < b && e->byte_end > a)
            return 1;
    }
    return 0;
}

/* The entity of RESULT on exactly NAME of TEXT, or NULL. */
static const idner_entity *
entity_on(const idner_result *r, const char *text, const char *name)
{
    size_t at = (size_t)(strstr(text, name) - text);
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (e->byte_start == at && e->byte_end == at + strlen(name))
            return e;
    }
    return NULL;
}

/* Does the model image IMG (of N bytes, copied) tag every test name in every template with
 * its template's type, as the model's? Checks it; 1 if so. */
static int
decodes_toy(idner_model *m, const void *img, size_t n)
{
    void *copy = malloc(n);
    memcpy(copy, img, n);
    idner_error err;
    CHECK_INT(model_set_tagger(m, copy, n, &err), IDNER_OK);
    char text[256];
    int ok = 1;
    for (size_t k = 0; k < sizeof test_names / sizeof *test_names; k++) {
        for (size_t j = 0; j < 3; j++) {
            fill(text, sizeof text, templates[j], test_names[k]);
            idner_annotate_options o;
            idner_annotate_options_init(&o);
            idner_result *r = NULL;
            CHECK_INT(idner_annotate(m, text, strlen(text), &o, &r, NULL), IDNER_OK);
            const idner_entity *e = entity_on(r, text, test_names[k]);
            CHECK(e != NULL);
            ok &= e != NULL;
            if (e) {
                CHECK_INT(e->type, template_type[j]);
                CHECK_STR(e->source, "model");
                CHECK_STR(e->canonical, test_names[k]);
                ok &= e->type == template_type[j];
            }
            idner_result_free(r);
            /* without the tagger nothing knows these names */
            o.flags = IDNER_NO_TAGGER;
            CHECK_INT(idner_annotate(m, text, strlen(text), &o, &r, NULL), IDNER_OK);
            CHECK(entity_on(r, text, test_names[k]) == NULL);
            idner_result_free(r);
        }
    }
    return ok;
}

static void
test_toy(void **image, size_t *image_size)
{
    idner_model *m = untagged_model();
    size_t n1, n2, n3;
    void *a = train_toy(m, 7, &n1), *b = train_toy(m, 7, &n2), *c = train_toy(m, 8, &n3);
    CHECK(a && b && c);
    CHECK(n1 == n2 && !memcmp(a, b, n1)); /* same seed, same bytes */
    CHECK(n1 != n3 || memcmp(a, c, n1));  /* another seed, another order */
    free(b);
    free(c);
    decodes_toy(m, a, n1);
    idner_model_free(m);
    *image = a;
    *image_size = n1;
}

/* ---- the portable scorer and decoder ------------------------------------------------------- */

/* TEXT annotated by M with explanations, as JSON (malloc'd). */
static char *
explained(const idner_model *m, const char *text)
{
    idner_annotate_options o;
    idner_annotate_options_init(&o);
    o.flags = IDNER_EXPLAIN;
    idner_result *r = NULL;
    char *json = NULL, *copy = NULL;
    CHECK_INT(idner_annotate(m, text, strlen(text), &o, &r, NULL), IDNER_OK);
    if (r && idner_result_to_json(r, NULL, 0, &json, NULL, NULL) == IDNER_OK) {
        copy = strdup(json);
        idner_free(json);
    }
    idner_result_free(r);
    return copy;
}

/* The bundled model scores and decodes the same without vectors: every entity, score and
 * margin of --explain equal, on regions of one token and of many. */
static void
test_portable(void)
{
    static const char *const texts[] = {
        "Kepala Dinas Pendidikan Kabupaten Sukamaju, Hendra Wiratmaja, meresmikan gedung baru "
        "SMP Negeri 3 bersama Ketua Komite Sekolah Ratna Dewi Lestari pada Senin (4/3).",
        "Menurut Budi Santoso dari Lembaga Kajian Pangan Nusantara (LKPN), harga beras di Pasar "
        "Induk Cibitung naik. \"Kami khawatir,\" kata Budi kepada wartawan di Bekasi.",
        "PT Sinar Harapan Abadi Tbk dan Koperasi Tani Makmur Jaya menandatangani kerja sama di "
        "Surabaya, Jawa Timur, disaksikan Wakil Gubernur Emil Dardak.",
    };
    idner_model *m = model_of(1);
    if (!m)
        return;
    const int avx2 = m->tagger.trellis.avx2;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        m->tagger.trellis.avx2 = avx2;
        char *vec = explained(m, texts[k]);
        m->tagger.trellis.avx2 = 0;
        char *port = explained(m, texts[k]);
        CHECK(vec && port);
        if (vec && port) {
            CHECK(strstr(vec, "model_score") != NULL); /* the tagger named something */
            CHECK_STR(port, vec);
        }
        free(vec);
        free(port);
    }
    idner_model_free(m);
}

/* The weight of feature ID (its slot's, w << shift) in label L's lane, 0 when M lacks it. */
static int32_t
weight_of(const tagger_model *m, uint64_t id, uint32_t l)
{
    const uint8_t *slot = tagger_model_slot(m, id);
    return slot ? (int32_t)((uint32_t)(int32_t)(int8_t)slot[l] << (slot[TAGGER_SLOT_SHIFT] & 15u))
                : 0;
}

/* A name after a comma or joining word sees idner's own label of the name before it (a list:
 * "Indofood, Wirakarsa dan ..."): one feature more than with that name unlabeled. */
static void
test_list_neighbour(void)
{
    static const char text[] = "Saham Indofood, Wirakarsa dan Sinarjaya naik kemarin.";
    idner_model *m = model_of(1);
    if (!m)
        return;
    tok_list tl = {0};
    cand_list cl = {0};
    tagger_scratch ts = {0};
    CHECK(tok_run(&tl, text, strlen(text)) == IDNER_OK);
    CHECK(gaz_run(&m->gaz, text, &tl, &cl) == IDNER_OK);
    CHECK(tagger_note(&ts, m->rules, &m->tagger.lex, &tl, &cl) == IDNER_OK);
    tagger_note_selection(&ts, &cl);
    size_t w = 0; /* "Wirakarsa" */
    while (w < tl.n && memcmp(text + tl.v[w].byte_start, "Wirakarsa", 9))
        w++;
    CHECK(w >= 2 && w < tl.n && ts.doc.mk[w - 2].prop != 0);
    size_t seen = 0;
    for (size_t r = 0; r < ts.doc.nreg && w >= 2 && w < tl.n; r++) {
        if (w < ts.doc.reg[r].start || w >= ts.doc.reg[r].end)
            continue;
        tagger_doc_view(&ts.doc, r);
        tagger_feats with, without;
        tagger_features(&ts.doc, w, &with);
        unsigned prop = ts.doc.mk[w - 2].prop;
        ts.doc.mk[w - 2].prop = 0;
        tagger_features(&ts.doc, w, &without);
        ts.doc.mk[w - 2].prop = prop & 15u;
        CHECK_INT(with.n, without.n + 1);
        seen++;
    }
    CHECK_INT(seen, 1);
    tagger_scratch_free(&ts);
    cand_list_free(&cl);
    tok_list_free(&tl);
    idner_model_free(m);
}

/* What is scored is what is trained: the scorer (memo, the neighbours' tests against the
 * region's sentence, dense features added two a row) gives every token of every region the sum
 * of the weights of the features tagger_features lists, each read from the model by its id. The
 * bundled model, vectors and portable, on texts with names at the edges of sentences, quotes,
 * brackets, gazetteer candidates, dates and a number after a name. */
static void
test_scores(void)
{
    static const char *const texts[] = {
        "Gubernur Jawa Tengah Ganjar Pranowo tiba di Semarang. Rombongan Persib Bandung menyusul "
        "\"Sekolah Rakyat\" (SR) milik Yayasan Bina Insani di Jalan Diponegoro 12, Kota Solo.",
        "Jakarta. Menurut Dewi, Siti dan Rahmat datang 17 Agustus 2025 ke SMP Negeri 3 Bogor "
        "bersama PT Kereta Api Indonesia (Persero). Bogor",
    };
    idner_model *m = model_of(1);
    if (!m)
        return;
    const tagger_model *tm = &m->tagger;
    const int avx2 = m->tagger.trellis.avx2;
    size_t checked = 0, named = 0;
    for (int port = 0; port <= 1; port++)
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
            m->tagger.trellis.avx2 = port ? 0 : avx2;
            tok_list tl = {0};
            cand_list cl = {0};
            tagger_scratch ts = {0};
            CHECK(tok_run(&tl, texts[k], strlen(texts[k])) == IDNER_OK);
            CHECK(gaz_run(&m->gaz, texts[k], &tl, &cl) == IDNER_OK);
            CHECK(tagger_note(&ts, m->rules, &tm->lex, &tl, &cl) == IDNER_OK);
            tagger_note_selection(&ts, &cl);
            CHECK(ts.doc.nreg > 1);
            for (size_t r = 0; r < ts.doc.nreg; r++) {
                size_t a = ts.doc.reg[r].start, b = ts.doc.reg[r].end;
                CHECK(tagger_scratch_reserve(&ts, b - a, tm->n_labels) == 0);
                tagger_doc_view(&ts.doc, r);
                tagger_score(&ts.doc, tm, a, b, ts.emit);
                for (size_t i = a; i < b; i++) {
                    tagger_feats f;
                    tagger_features(&ts.doc, i, &f);
                    named += ts.doc.mk[i].gaz0 != 0;
                    for (uint32_t l = 0; l < tm->n_labels; l++) {
                        int32_t want = 0;
                        for (size_t j = 0; j < f.n; j++)
                            want += weight_of(tm, f.id[j], l);
                        for (size_t j = 0; j < f.nd; j++)
                            want += weight_of(tm, tagger_dense_id(f.dense[j]), l);
                        CHECK_INT(ts.emit[(i - a) * tm->n_labels + l], want);
                    }
                    checked++;
                }
            }
            tagger_scratch_free(&ts);
            cand_list_free(&cl);
            tok_list_free(&tl);
        }
    m->tagger.trellis.avx2 = avx2;
    CHECK(checked > 20);
    CHECK(named > 5);
    idner_model_free(m);
}

/* The filter of lookups sure to miss (model.h, tagger_model.absent) answers as the slots do: for
 * the ids of the features of a text's tokens and for ids at random, the bundled model finds the
 * same slot with the filter and without; and the filter does answer most random ids itself. */
static void
test_absent(void)
{
    static const char text[] =
        "Menteri Keuangan Sri Mulyani Indrawati bertemu Gubernur Bank Indonesia di Jakarta, "
        "lalu terbang ke Surabaya bersama rombongan PT Pindad (Persero) pada 3 Maret 2025.";
    idner_model *m = model_of(1);
    if (!m)
        return;
    tagger_model *tm = &m->tagger;
    uint64_t *absent = tm->absent, *none = malloc(sizeof *none << (TAGGER_ABSENT_BITS - 6));
    CHECK(absent != NULL && none != NULL);
    if (!none)
        return;
    memset(none, 0xFF,
           sizeof *none << (TAGGER_ABSENT_BITS - 6)); /* a filter that answers nothing */
    tok_list tl = {0};
    cand_list cl = {0};
    tagger_scratch ts = {0};
    CHECK(tok_run(&tl, text, strlen(text)) == IDNER_OK);
    CHECK(gaz_run(&m->gaz, text, &tl, &cl) == IDNER_OK);
    CHECK(tagger_note(&ts, m->rules, &tm->lex, &tl, &cl) == IDNER_OK);
    tagger_note_selection(&ts, &cl);
    size_t found = 0, ids = 0;
    for (size_t r = 0; r < ts.doc.nreg; r++) {
        tagger_doc_view(&ts.doc, r);
        for (size_t i = ts.doc.reg[r].start; i < ts.doc.reg[r].end; i++) {
            tagger_feats f;
            tagger_features(&ts.doc, i, &f);
            for (size_t j = 0; j < f.n; j++) {
                const uint8_t *with = tagger_model_slot(tm, f.id[j]);
                tm->absent = none;
                CHECK(tagger_model_slot(tm, f.id[j]) == with);
                tm->absent = absent;
                found += with != NULL;
                ids++;
            }
        }
    }
    CHECK(ids > 100);
    CHECK(found > ids / 2);
    uint64_t x = 0x2545F4914F6CDD1Dull;
    size_t answered = 0, random_ids = 200000;
    for (size_t k = 0; k < random_ids; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const uint64_t bit = tagger_absent_bit(x & tm->mask, tagger_slot_check(x));
        answered += !(absent[bit >> 6] >> (bit & 63) & 1);
        const uint8_t *with = tagger_model_slot(tm, x);
        tm->absent = none;
        CHECK(tagger_model_slot(tm, x) == with);
        tm->absent = absent;
    }
    CHECK(answered > random_ids * 3 / 4);
    free(none);
    tagger_scratch_free(&ts);
    cand_list_free(&cl);
    tok_list_free(&tl);
    idner_model_free(m);
}

/* The scorer's memo of word sums (tagger/memo.h) changes no score. The bundled model's --explain
 * output (every entity, score and margin) is the same with the memo off, cold and warm, on
 * texts where a word comes again in other forms (case, a clitic, an abbreviation's period,
 * reduplication, digits), which must not share a sum; and a model put in after another in the
 * same thread does not read the other's sums (the toy model after the bundled one). */
static void
test_memo(const void *toy, size_t toy_n)
{
    static const char *const texts[] = {
        "BANDUNG - Wali Kota Bandung, Yana Suharja, meninjau banjir di bandung timur. "
        "Bandungnya sendiri tenang, kata Yana di Balai Kota Bandung, Jawa Barat.",
        "Dr. Sutarmi dan Dr Sutarmi Hadiwinoto dari Universitas Sukamaju menerima tamu dari "
        "negara-negara ASEAN; Negara-negara itu diwakili Duta Besar Rahmat Santosa (ASEAN).",
        "Tim Persik 1950 menang 2-1 atas PERSIK muda di Stadion Brawijaya, Kediri; pelatih "
        "Persik, Joko Susilo, memuji pemain Persik2 dan Persik 2.",
    };
    idner_model *m = model_of(1);
    if (!m)
        return;
    /* a fourth: words of a key too long for the memo's (1024 bytes or more), which it never
     * keeps, beside one just short of it */
    enum { N_TEXTS = 4 };
    char longer[8192];
    {
        char w1[1100], w2[1000];
        memset(w1, 'a', sizeof w1 - 1);
        memset(w2, 'a', sizeof w2 - 1);
        w1[0] = w2[0] = 'K';
        w1[sizeof w1 - 1] = w2[sizeof w2 - 1] = '\0';
        snprintf(longer, sizeof longer, "Bupati %s bertemu %s di Kota %s, lalu %s pulang.", w1, w2,
                 w1, w2);
    }
    const char *all[N_TEXTS] = {texts[0], texts[1], texts[2], longer};
    char *off[N_TEXTS] = {NULL};
    m->tagger.memo = 0;
    for (size_t k = 0; k < N_TEXTS; k++)
        off[k] = explained(m, all[k]);
    m->tagger.memo = 1;
    for (int round = 0; round < 2; round++) /* cold, then warm */
        for (size_t k = 0; k < N_TEXTS; k++) {
            const size_t j = N_TEXTS - 1 - k;
            char *on = explained(m, all[j]);
            CHECK(on && off[j]);
            if (on && off[j]) {
                CHECK(strstr(on, "model_score") != NULL);
                CHECK_STR(on, off[j]);
            }
            free(on);
        }
    /* the toy model, after the bundled one has filled the memo */
    char text[256];
    fill(text, sizeof text, templates[0], test_names[0]);
    void *copy = malloc(toy_n);
    CHECK(copy != NULL);
    if (copy) {
        memcpy(copy, toy, toy_n);
        CHECK_INT(model_set_tagger(m, copy, toy_n, NULL), IDNER_OK);
        m->tagger.memo = 0;
        char *a = explained(m, text);
        m->tagger.memo = 1;
        char *b = explained(m, text);
        CHECK(a && b);
        if (a && b) {
            CHECK(strstr(b, "model_score") != NULL);
            CHECK_STR(b, a);
        }
        free(a);
        free(b);
    }
    for (size_t k = 0; k < N_TEXTS; k++)
        free(off[k]);
    idner_model_free(m);
}

/* A person the tagger names right after a place head and titles ("Jl Letjen Suprapto": a
 * street named after a general) is the place, head and titles included; a person after a head
 * that ends a title ("Kepala Desa Bapak Suwarno") stays the title's holder. The bundled model
 * labels the listed person alone in the first: without the fix it was a person. */
static void
test_address(void)
{
    static const struct {
        const char *text, *name;
        idner_type type;
        const char *id; /* the listed entry's, when the case checks it */
    } cases[] = {
        {"Toko itu pindah ke Jl Letjen Suprapto No. 12, Cempaka Putih, sejak bulan lalu.",
         "Jl Letjen Suprapto", IDNER_LOC, NULL},
        /* a word that introduces a number ends the place (rules.tsv number; tagger.c
         * end_at_number): a model retrained with the list rules of coord.c took "Jl Letjen
         * Suprapto No. 12" whole */
        {"Kantor itu berada di Jalan Wirakarsa Raya Nomor 8, Bandung.", "Jalan Wirakarsa Raya",
         IDNER_LOC, NULL},
        {"Gudang itu terletak di Jl Sinar Jaya Kav. 12, Cikarang.", "Jl Sinar Jaya", IDNER_LOC,
         NULL},
        {"Warga berkumpul di Jalan Jenderal Gatot Subroto untuk menyaksikan pawai.",
         "Jalan Jenderal Gatot Subroto", IDNER_LOC, NULL},
        {"Rapat dipimpin Kepala Desa Bapak Suwarno di balai warga.", "Suwarno", IDNER_PER, NULL},
        /* an institution named after a person, academic titles between, is the institution */
        {"Pasien itu dirujuk ke Rumah Sakit Umum Daerah Dr. Wiryosumarto kemarin.",
         "Rumah Sakit Umum Daerah Dr. Wiryosumarto", IDNER_ORG, NULL},
        {"Menurut Direktur RSUD Dr. Hartini Wulandari, pasien sudah pulang.", "Hartini Wulandari",
         IDNER_PER, NULL},
        /* Javanese titles of nobility stay inside the person (rules.tsv noble, take_nobles);
         * other titles stay outside */
        {"Ayahnya, Raden Mas Adipati Ario Wiryokusumo, menjabat bupati di kota itu.",
         "Raden Mas Adipati Ario Wiryokusumo", IDNER_PER, NULL},
        {"Surat-surat Raden Ajeng Sumarsih dibukukan setelah ia wafat.", "Raden Ajeng Sumarsih",
         IDNER_PER, NULL},
        {"Sore itu Mas Bayu Hendrawan pulang dari sawah.", "Bayu Hendrawan", IDNER_PER, NULL},
        /* a name opened by an organization's head that never opens a place (rules.tsv
         * org_only) is the organization, though it ends with a place: the model alone says
         * place here */
        {"Ia bekerja di Lembaga Survei Nusantara sejak lama.", "Lembaga Survei Nusantara",
         IDNER_ORG, NULL},
        /* organizations of Indonesia's history are listed (curated/orgs.tsv) */
        {"Pada abad ke-17 VOC menguasai perdagangan rempah di Maluku.", "VOC", IDNER_ORG, NULL},
        {"Ia menjadi anggota Budi Utomo ketika masih bersekolah.", "Budi Utomo", IDNER_ORG, NULL},
        /* a name before a parenthesis ends there: a model trained before training read such
         * gold names as two (train.c paren_gold) ended these on the bracket ("Agraria
         * Institute)") */
        {"Peneliti Pusat Studi Kebijakan Pangan dan Pertanian (Agraria Institute) Dwi Haryanto "
         "menilai harga beras naik.",
         "Agraria Institute", IDNER_ORG, NULL},
        {"Direktur Eksekutif Lembaga Kajian Energi dan Tambang (EnerGeo Institute) Sri Wahyuni "
         "menilai, harga listrik naik.",
         "EnerGeo Institute", IDNER_ORG, NULL},
        /* an abbreviated title inside a person's span opens the person: the model alone takes
         * "Mr. Dr. Wiratmo Sastro" whole */
        {"Rapat dibuka oleh Mr. Dr. Wiratmo Sastro di aula.", "Wiratmo Sastro", IDNER_PER, NULL},
        /* a region's one-word official name written as two words, as DBpedia's places write
         * it (tools/gaz_places.py split_variant), is the listed place: the model alone named
         * "Kramat Jati" a person in news text */
        {"Warga di Jl Raya Bogor, Kramat Jati, Jakarta Timur, mengeluhkan banjir.", "Kramat Jati",
         IDNER_LOC, "kemendagri:31.75.04"},
        {"Ia lahir di Bukit Tinggi dan besar di Padang.", "Bukit Tinggi", IDNER_LOC,
         "kemendagri:13.75"},
    };
    idner_model *m = model_of(1);
    if (!m)
        return;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        idner_result *r = annotated(m, cases[k].text);
        const idner_entity *e = entity_on(r, cases[k].text, cases[k].name);
        CHECK(e != NULL);
        if (e)
            CHECK_INT(e->type, cases[k].type);
        if (e && cases[k].id) {
            CHECK(e->id != NULL);
            if (e->id)
                CHECK_STR(e->id, cases[k].id);
        }
        idner_result_free(r);
    }
    idner_model_free(m);
}

/* With the bundled model too, a degree is neither a name nor part of one ("Dewi S.Pd.",
 * "M.Sc." alone); the same letters before a capitalized word are initials inside the name;
 * titles stay outside a person, but for those of nobility; curated names stay whole. */
static void
test_degrees(void)
{
    static const struct {
        const char *text, *want, *unwanted;
    } cases[] = {
        {"Guru honorer itu, Dewi Kartikasari S.Pd., sudah mengajar selama delapan tahun.",
         "Dewi Kartikasari", "S.Pd"},
        {"Acara dibuka oleh Rektor, Prof. Dr. Hendra Wiratmaja, M.Sc., Ph.D., di aula kampus.",
         "Hendra Wiratmaja", "M.Sc"},
        {"Menurut Ir. Bambang Sutrisnoadi, M.T., jembatan itu harus segera diperbaiki.",
         "Bambang Sutrisnoadi", "M.T"},
        {"Ia tinggal di Jalan M.H. Kartasasmita dekat bundaran.", "Jalan M.H. Kartasasmita", NULL},
        /* a rank stays outside the person (SPEC.md section 3); a title of nobility inside */
        {"Kapolda Sulawesi Barat Irjen Wiratmoko mengumumkan penangkapan itu.", "Wiratmoko",
         "Irjen"},
        {"Perang itu dipimpin Pangeran Wiradikusuma dari keraton.", "Pangeran Wiradikusuma", NULL},
        /* a name the model begins on a curated entry runs to the entry's end */
        {"Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi membuka pendaftaran beasiswa.",
         "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi", NULL},
    };
    idner_model *m = model_of(1);
    if (!m)
        return;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const char *t = cases[k].text;
        idner_result *r = annotated(m, t);
        int found = entity_on(r, t, cases[k].want) != NULL;
        int unwanted = cases[k].unwanted && overlaps(r, t, cases[k].unwanted);
        if (!found || unwanted)
            fprintf(stderr, "spans: \"%s\": %s%s\n", t, found ? "" : "missing name ",
                    unwanted ? "degree or title in an entity" : "");
        CHECK(found && !unwanted);
        idner_result_free(r);
    }
    idner_model_free(m);
}

/* ---- training options ----------------------------------------------------------------------- */

static int
same_bytes(const void *a, size_t na, const void *b, size_t nb)
{
    return na == nb && !memcmp(a, b, na);
}

/* Corpus weights (Daume 2007): with one corpus they always equal the general ones, so training
 * is the plain perceptron's, byte for byte; with two they change the general weights, which
 * still carry the cue the corpora share. */
static void
test_domains(void)
{
    idner_model *m = untagged_model();
    tagger_train_options o;
    toy_options(&o, 7);
    size_t n0, n1, n2;
    void *plain = train_toy_with(m, &o, 0, &n0, NULL);
    void *one = train_toy_with(m, &o, 1, &n1, NULL);
    void *two = train_toy_with(m, &o, 2, &n2, NULL);
    CHECK(same_bytes(plain, n0, one, n1));
    CHECK(!same_bytes(plain, n0, two, n2));
    CHECK(decodes_toy(m, two, n2));
    free(plain);
    free(one);
    free(two);
    idner_model_free(m);
}

/* Feature dropout: deterministic for a seed, another model than without it, the pattern still
 * learned; with every feature dropped no feature weight is trained at all. */
static void
test_feature_dropout(void)
{
    idner_model *m = untagged_model();
    tagger_train_options o;
    toy_options(&o, 7);
    o.epochs = 10;
    size_t n0, n1, n2, n3;
    void *plain = train_toy_with(m, &o, 0, &n0, NULL);
    o.feat_dropout = 0.2;
    void *a = train_toy_with(m, &o, 0, &n1, NULL), *b = train_toy_with(m, &o, 0, &n2, NULL);
    CHECK(same_bytes(a, n1, b, n2));
    CHECK(!same_bytes(plain, n0, a, n1));
    CHECK(decodes_toy(m, a, n1));
    tagger_train_stats st;
    o.feat_dropout = 1.0;
    void *none = train_toy_with(m, &o, 0, &n3, &st);
    CHECK(st.features > 0);
    CHECK_INT(st.kept, 0);
    free(plain);
    free(a);
    free(b);
    free(none);
    idner_model_free(m);
}

/* --gold-institutions spec: a gold place opening with an org_head word of rules.tsv is trained
 * as an organization; the head word alone is not a name to relabel; off, nothing changes. */
static void
test_gold_institutions(void)
{
    idner_model *m = untagged_model();
    const char *texts[] = {"Adik saya bersekolah di SMA Zamorta sejak tahun lalu.",
                           "Kantor itu pindah ke dekat SMA minggu ini."};
    const char *names[] = {"SMA Zamorta", "SMA"};
    for (int spec = 0; spec <= 1; spec++) {
        tagger_train_options o;
        toy_options(&o, 7);
        o.relabel_institutions = spec;
        tagger_trainer *t = NULL;
        idner_error err;
        CHECK_INT(tagger_trainer_new(&o, TEST_DATA "/tagger-lexicon", &t, &err), IDNER_OK);
        for (size_t k = 0; k < 2; k++) {
            tagger_gold g;
            g.byte_start = (uint32_t)(strstr(texts[k], names[k]) - texts[k]);
            g.byte_end = g.byte_start + (uint32_t)strlen(names[k]);
            g.type = IDNER_LOC;
            CHECK_INT(model_add_example(m, texts[k], strlen(texts[k]), 0, t, &g, 1, &err),
                      IDNER_OK);
        }
        tagger_train_stats st;
        tagger_trainer_stats(t, &st);
        CHECK_INT(st.institutions_relabeled, spec ? 1 : 0);
        tagger_trainer_free(t);
    }
    idner_model_free(m);
}

/* ---- corrupt and truncated files ------------------------------------------------------------ */

static void
expect_bad(const void *image, size_t size, size_t keep, void (*mutate)(uint8_t *), const char *want)
{
    uint8_t *copy = malloc(size);
    memcpy(copy, image, size);
    if (mutate)
        mutate(copy);
    tagger_model tm;
    idner_error err = {0};
    idner_status st = tagger_model_adopt(&tm, copy, keep, "test.bin", &err);
    CHECK_INT(st, IDNER_ERR_DATA);
    if (!strstr(err.message, want) || !strstr(err.message, "test.bin")) {
        fprintf(stderr, "want \"%s\" in \"%s\"\n", want, err.message);
        CHECK(0);
    }
    if (st == IDNER_OK)
        tagger_model_close(&tm);
}

static tagger_header *
hdr(uint8_t *p)
{
    return (tagger_header *)(void *)p;
}

static void
bad_magic(uint8_t *p)
{
    p[0] = 'X';
}
static void
bad_version(uint8_t *p)
{
    hdr(p)->version = 99;
}
static void
bad_feature_set(uint8_t *p)
{
    hdr(p)->feature_set += 1;
}
static void
bad_slots(uint8_t *p)
{
    hdr(p)->n_slots = 3;
}
static void
bad_offset(uint8_t *p)
{
    hdr(p)->trans_off = hdr(p)->file_size - 8;
}
static void
bad_scheme(uint8_t *p)
{
    hdr(p)->scheme = 7;
}
static void
allowed_illegal(uint8_t *p)
{
    tagger_header *h = hdr(p);
    uint32_t L = h->n_labels;
    int32_t zero = 0; /* boundary -> I-PER: a name that never began */
    memcpy(p + h->trans_off + 4 * (L * (L + 1) + tagger_label(h->scheme, IDNER_PER, PART_I)), &zero,
           4);
}
static void
huge_transition(uint8_t *p)
{
    tagger_header *h = hdr(p);
    int32_t big = TAGGER_MAX_TRANS + 1; /* O -> O */
    memcpy(p + h->trans_off, &big, 4);
}
static void
no_empty_slot(uint8_t *p)
{
    tagger_header *h = hdr(p);
    for (uint32_t k = 0; k < h->n_slots; k++) { /* every slot taken: a lookup would never end */
        uint16_t c = (uint16_t)(2 * k + 1);
        memcpy(p + h->slots_off + (size_t)k * TAGGER_SLOT_SIZE + TAGGER_SLOT_CHECK, &c, 2);
    }
}
static void
bad_lexicon(uint8_t *p)
{
    hdr(p)->n_lex -= 1; /* not a power of two */
}

static void
test_corrupt(const void *img, size_t n)
{
    tagger_model tm;
    uint8_t *copy = malloc(n);
    memcpy(copy, img, n);
    CHECK_INT(tagger_model_adopt(&tm, copy, n, "test.bin", NULL), IDNER_OK);
    tagger_model_close(&tm);
    expect_bad(img, n, n - 8, NULL, "truncated");
    expect_bad(img, n, sizeof(tagger_header), NULL, "truncated");
    expect_bad(img, n, 10, NULL, "too short");
    expect_bad(img, n, n, bad_magic, "bad magic");
    expect_bad(img, n, n, bad_version, "format version");
    expect_bad(img, n, n, bad_feature_set, "feature set");
    expect_bad(img, n, n, bad_slots, "bad header");
    expect_bad(img, n, n, bad_offset, "bad header");
    expect_bad(img, n, n, bad_scheme, "bad header");
    expect_bad(img, n, n, allowed_illegal, "illegal transition");
    expect_bad(img, n, n, huge_transition, "out of range");
    expect_bad(img, n, n, no_empty_slot, "no empty slot");
    expect_bad(img, n, n, bad_lexicon, "bad header");

    /* through the public API: a data folder whose tagger.bin is cut short */
    const char *data = getenv("IDNER_DATA");
    char dir[] = "/tmp/idner-test-tagger-XXXXXX", path[4096], target[4096];
    if (!data || !mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    static const char *const files[] = {"gazetteer.bin", "rules.tsv", "casefreq.tsv",
                                        "given_names.tsv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(target, sizeof target, "%s/%s", data, files[i]);
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        CHECK(symlink(target, path) == 0);
    }
    snprintf(path, sizeof path, "%s/tagger.bin", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(img, 1, n / 2, f) == n / 2);
    if (f)
        fclose(f);
    idner_model_options mo;
    idner_model_options_init(&mo);
    mo.data_dir = dir;
    idner_model *m = NULL;
    idner_error err = {0};
    CHECK_INT(idner_model_new(&mo, &m, &err), IDNER_ERR_DATA);
    CHECK(m == NULL);
    CHECK(strstr(err.message, "tagger.bin") && strstr(err.message, "truncated"));
    unlink(path); /* and a missing one */
    CHECK_INT(idner_model_new(&mo, &m, &err), IDNER_ERR_DATA);
    CHECK(strstr(err.message, "tagger.bin") != NULL);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int
main(void)
{
    test_viterbi(TAGGER_BIO);
    test_viterbi(TAGGER_BILOU);
    void *img = NULL;
    size_t n = 0;
    test_toy(&img, &n);
    test_portable();
    test_scores();
    test_absent();
    if (img)
        test_memo(img, n);
    test_address();
    test_degrees();
    test_domains();
    test_feature_dropout();
    test_list_neighbour();
    test_gold_institutions();
    if (img)
        test_corrupt(img, n);
    free(img);
    return harness_done();
}
