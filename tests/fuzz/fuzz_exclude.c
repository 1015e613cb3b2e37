/*
 * fuzz_exclude.c: the exclude loader (`--exclude FILE`, idner_model_options.excludes:
 * gaz_load_excludes) on any file, and the gazetteer and the annotation with it.
 *
 * Input: the list (one surface a line; further columns ignored; '#' comments).
 *
 * Invariants (abort() when one fails):
 *   - a file the loader refuses fails with IDNER_ERR_DATA and "PATH:LINE: why" (or NOMEM);
 *   - the excluded phrases are sorted (they are searched by bsearch);
 *   - over the file's own surfaces and a fixed Indonesian text, no gazetteer candidate is an
 *     excluded phrase (gaz_excluded on its tokens), every candidate lies on its tokens, and a
 *     full annotation keeps SPEC.md section 2's invariants.
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

const char fuzz_name[] = "fuzz_exclude";

static const char sentence[] =
    "\nWarga Jakarta Selatan dan Bekasi menonton Persija melawan Persib di Stadion Gelora Bung "
    "Karno, kata Kapolda Metro Jaya, Minggu (3/11). PT Kereta Api Indonesia menambah jadwal.";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tok_list tl;
    static cand_list cl;
    idner_model *m = fuzz_cli()->model;
    const char *path = fuzz_file(0, data, size);
    free(m->gaz.excluded);
    m->gaz.excluded = NULL;
    m->gaz.n_excluded = 0;

    idner_error err = {0};
    idner_status st = gaz_load_excludes(&m->gaz, &path, 1, &err);
    if (st != IDNER_OK) {
        if (st != IDNER_ERR_NOMEM && (st != IDNER_ERR_DATA || !fuzz_list_error_ok(&err, path)))
            FUZZ_FAIL("a refused list: status %d, \"%s\"", (int)st, err.message);
        return 0;
    }
    for (size_t i = 1; i < m->gaz.n_excluded; i++)
        if (m->gaz.excluded[i - 1] > m->gaz.excluded[i])
            FUZZ_FAIL("the excluded phrases are not sorted");

    size_t len;
    char *text = fuzz_first_columns(data, size, sentence, &len);
    size_t n = fuzz_gaz_check(&m->gaz, text, len, &tl, &cl);
    for (size_t i = 0; i < n; i++)
        if (gaz_excluded(&m->gaz, &tl, cl.v[i].tok_start, cl.v[i].tok_end))
            FUZZ_FAIL("candidate \"%.*s\" is excluded",
                      (int)(cl.v[i].byte_end - cl.v[i].byte_start), text + cl.v[i].byte_start);
    fuzz_annotate_check(m, text, len, 0);
    free(text);
    return 0;
}
