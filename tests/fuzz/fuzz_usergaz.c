/*
 * fuzz_usergaz.c: the user gazetteer loader (`--gazetteer FILE`, idner_model_options.gazetteers:
 * gaz_builder_add_file with GAZ_RANK_USER, gaz_builder_finish, gaz_table_adopt as the model's
 * user table, as src/idner.c load_user_gazetteers does) on any file, and the annotation with it.
 *
 * Input: the TSV file (data/README.md: surface, type, canonical, [id, [subtype]]).
 *
 * Invariants (abort() when one fails):
 *   - a file the builder refuses fails with IDNER_ERR_DATA and "PATH:LINE: why" (or NOMEM);
 *   - an image the builder made passes the loader's check (gaz_table_adopt);
 *   - with it as the user table of the bundled model, the gazetteer's candidates over the
 *     file's own surfaces and a fixed Indonesian text lie on their tokens inside the text, and
 *     a full annotation of that text keeps SPEC.md section 2's invariants.
 *
 * The bundled model is loaded once, from IDNER_DATA or the build tree's data.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cli.h"
#include "fuzz_lists.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_usergaz";

static const char sentence[] =
    "\nKepala Dinas Pendidikan Kabupaten Sleman, Sri Wahyuni, meninjau SD Negeri 3 Godean "
    "bersama Bupati Kustini pada Selasa (5/3/2024). Rombongan lalu ke Kali Progo dan Yogyakarta.";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tok_list tl;
    static cand_list cl;
    idner_model *m = fuzz_cli()->model;
    const char *path = fuzz_file(0, data, size);
    gaz_table_close(&m->gaz.user);
    memset(&m->gaz.user, 0, sizeof m->gaz.user);

    gaz_builder *b = gaz_builder_new();
    if (!b)
        abort();
    idner_error err = {0};
    idner_status st = gaz_builder_add_file(b, path, GAZ_RANK_USER, &err);
    void *img = NULL;
    size_t img_size = 0;
    if (st == IDNER_OK)
        st = gaz_builder_finish(b, &img, &img_size, &err);
    gaz_builder_free(b);
    if (st != IDNER_OK) {
        if (st != IDNER_ERR_NOMEM && (st != IDNER_ERR_DATA || !fuzz_list_error_ok(&err, path)))
            FUZZ_FAIL("a refused list: status %d, \"%s\"", (int)st, err.message);
        return 0;
    }
    if (gaz_table_adopt(&m->gaz.user, img, img_size, "user gazetteer", &err) != IDNER_OK)
        FUZZ_FAIL("the builder's own image fails the check: %s", err.message);

    size_t len;
    char *text = fuzz_first_columns(data, size, sentence, &len);
    fuzz_gaz_check(&m->gaz, text, len, &tl, &cl);
    fuzz_annotate_check(m, text, len, 0);
    free(text);
    gaz_table_close(&m->gaz.user);
    memset(&m->gaz.user, 0, sizeof m->gaz.user);
    return 0;
}
