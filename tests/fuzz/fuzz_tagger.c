/*
 * fuzz_tagger.c: the tagger's model loader on raw bytes (src/tagger/format.h). The loader checks
 * the header, every section's bounds, the transitions and the lexicon's order at load
 * (tagger/model.c check_image), so a model that loads is also run: a fixed Indonesian text is
 * annotated with it, and the result must keep SPEC.md section 2's invariants (sorted,
 * non-overlapping spans inside the text). Nothing may crash, read out of bounds or hang.
 *
 * The rest of the model (gazetteer, rules) is loaded once, from IDNER_DATA or the default.
 * Seeds (corpus/tagger): small models from `idner train --lexicon tests/data/tagger-lexicon`
 * on tests/data/tagger_toy.conll (BILOU and BIO), and cut or damaged copies of them.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char text[] =
    "Kemarin sepupu Zamorta hadir di balai warga. Pekerja pabrik Velbrikan berhenti sejak "
    "pagi, kata Menteri Luar Negeri Korea Utara Choe Son-hui di Jakarta, Senin (28/10/2024).\n"
    "Warga lembah Quorivet mengungsi; \"Kami takut,\" ujar Budi (45) dari Desa Sukamaju.";

static idner_model *
model(void)
{
    static idner_model *m;
    if (!m) {
        idner_error err;
        if (model_new(NULL, 0, &m, &err) != IDNER_OK) {
            fprintf(stderr, "fuzz_tagger: %s\n", err.message);
            exit(1);
        }
    }
    return m;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    idner_model *m = model();
    void *img = malloc(size ? size : 1);
    if (!img)
        return 0;
    memcpy(img, data, size);
    idner_error err;
    /* the model owns the copy from here on, and frees it when the check fails */
    if (model_set_tagger(m, img, size, &err) != IDNER_OK) {
        if (err.code != IDNER_ERR_DATA || !err.message[0]) {
            fprintf(stderr, "fuzz_tagger: a bad model must be IDNER_ERR_DATA with a message\n");
            abort();
        }
        return 0;
    }
    idner_result *r = NULL;
    if (idner_annotate(m, text, sizeof text - 1, NULL, &r, &err) != IDNER_OK) {
        fprintf(stderr, "fuzz_tagger: annotate failed: %s\n", err.message);
        abort();
    }
    size_t end = 0;
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (e->byte_start < end || e->byte_end <= e->byte_start || e->byte_end > sizeof text - 1 ||
            memcmp(e->text, text + e->byte_start, e->byte_end - e->byte_start) != 0) {
            fprintf(stderr, "fuzz_tagger: bad entity %zu [%zu, %zu)\n", i, e->byte_start,
                    e->byte_end);
            abort();
        }
        end = e->byte_end;
    }
    idner_result_free(r);
    return 0;
}
