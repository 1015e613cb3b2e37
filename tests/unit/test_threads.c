/*
 * test_threads.c: one model, many threads. Every thread annotates the same documents on the
 * shared model, many times over, and must get byte for byte the JSON a single thread gets
 * (idner.h: idner_annotate is thread-safe on a shared, read-only model).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "idner.h"

#define THREADS 4
#define ROUNDS  40

static const char *const docs[] = {
    "Menteri Luar Negeri Korea Selatan, Park Jin, bertemu Presiden Prabowo Subianto di Jakarta, "
    "Senin (4/11/2024) pukul 10.00 WIB.",
    "Banjir merendam Kabupaten Bekasi sejak Minggu malam. Kata Budi Santoso, warga setempat, air "
    "mulai surut pada Selasa pagi.",
    "Komisi Pemberantasan Korupsi (KPK) memeriksa pejabat Kementerian Keuangan. KPK menyebut "
    "kerugian negara mencapai Rp2,5 miliar pada tahun lalu.",
    "Tim nasional Indonesia bertanding melawan Jepang di Stadion Utama Gelora Bung Karno pada "
    "18-19 "
    "Desember 2024.",
    "",
    "Harga beras naik 1,30% dibanding pekan lalu, ujar Kepala BPS Amalia Adininggar.",
};
#define NDOCS (sizeof docs / sizeof docs[0])

static idner_model *model;
static char *expected[NDOCS];

static char *
annotate_json(const char *text)
{
    idner_annotate_options o;
    idner_annotate_options_init(&o);
    o.ref_date = "2024-11-05";
    idner_result *r = NULL;
    char *json = NULL;
    if (idner_annotate(model, text, strlen(text), &o, &r, NULL) != IDNER_OK)
        return NULL;
    if (idner_result_to_json(r, "doc", 0, &json, NULL, NULL) != IDNER_OK)
        json = NULL;
    idner_result_free(r);
    return json;
}

static void *
worker(void *arg)
{
    size_t *mismatches = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t d = 0; d < NDOCS; d++) {
            size_t k = (d + (size_t)round) % NDOCS; /* threads meet on different documents */
            char *got = annotate_json(docs[k]);
            if (!got || strcmp(got, expected[k]) != 0)
                (*mismatches)++;
            idner_free(got);
        }
    }
    return NULL;
}

int
main(void)
{
    idner_error err;
    if (idner_model_new(NULL, &model, &err) != IDNER_OK) {
        fprintf(stderr, "model: %s\n", err.message);
        return 1;
    }
    for (size_t d = 0; d < NDOCS; d++) {
        expected[d] = annotate_json(docs[d]);
        CHECK(expected[d] != NULL);
    }
    CHECK(strstr(expected[0], "\"Park Jin\"") != NULL); /* the documents find something */
    CHECK(strstr(expected[2], "Komisi Pemberantasan Korupsi") != NULL);
    pthread_t th[THREADS];
    size_t mismatches[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        CHECK(pthread_create(&th[i], NULL, worker, &mismatches[i]) == 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(mismatches[i], 0);
    }
    for (size_t d = 0; d < NDOCS; d++)
        idner_free(expected[d]);
    idner_model_free(model);
    return harness_done();
}
