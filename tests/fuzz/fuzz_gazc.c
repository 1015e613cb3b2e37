/*
 * fuzz_gazc.c: the data compiler's input (tools/gazc: gaz_builder_add_file with GAZ_RANK_OTHER
 * for each list, then gaz_builder_finish) on any lists, and the image it makes.
 *
 * Input: up to 8 TSV lists (data/README.md: surface, type, canonical, id, subtype, iso, flags,
 * source), separated by NUL bytes, given in that order as `gazc -o OUT LIST...` takes them.
 *
 * Invariants (abort() when one fails):
 *   - lists the compiler refuses fail with IDNER_ERR_DATA and "PATH:LINE: why" (or NOMEM);
 *   - the same lists compile to the same bytes twice (gazc: "same input, same bytes");
 *   - the image passes the loader's check (gaz_table_adopt), and as the bundled table its
 *     candidates over the lists' own surfaces lie on their tokens inside the text.
 *
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cli.h"
#include "fuzz_lists.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_gazc";

#define MAX_LISTS 8

/* Compiles the lists; IDNER_OK with the image, or the refusal (checked here). */
static idner_status
compile(const char *const *paths, int n, void **img, size_t *img_size)
{
    gaz_builder *b = gaz_builder_new();
    if (!b)
        abort();
    idner_error err = {0};
    idner_status st = IDNER_OK;
    int i;
    for (i = 0; i < n && st == IDNER_OK; i++)
        st = gaz_builder_add_file(b, paths[i], GAZ_RANK_OTHER, &err);
    if (st != IDNER_OK) {
        if (st != IDNER_ERR_NOMEM &&
            (st != IDNER_ERR_DATA || !fuzz_list_error_ok(&err, paths[i - 1])))
            FUZZ_FAIL("a refused list: status %d, \"%s\"", (int)st, err.message);
    } else {
        st = gaz_builder_finish(b, img, img_size, &err);
        if (st != IDNER_OK && st != IDNER_ERR_NOMEM && st != IDNER_ERR_DATA)
            FUZZ_FAIL("gaz_builder_finish: status %d, \"%s\"", (int)st, err.message);
    }
    gaz_builder_free(b);
    return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tok_list tl;
    static cand_list cl;
    const char *paths[MAX_LISTS];
    int n = 0;
    for (size_t at = 0; n < MAX_LISTS;) {
        const uint8_t *nul = n + 1 < MAX_LISTS ? memchr(data + at, '\0', size - at) : NULL;
        size_t len = nul ? (size_t)(nul - (data + at)) : size - at;
        paths[n] = fuzz_file(n, data + at, len);
        n++;
        if (!nul)
            break;
        at += len + 1;
    }
    void *img = NULL, *again = NULL;
    size_t img_size = 0, again_size = 0;
    if (compile(paths, n, &img, &img_size) != IDNER_OK)
        return 0;
    if (compile(paths, n, &again, &again_size) != IDNER_OK || again_size != img_size ||
        memcmp(img, again, img_size) != 0)
        FUZZ_FAIL("the same lists compile to different bytes");
    free(again);
    gaz g;
    memset(&g, 0, sizeof g);
    idner_error err;
    if (gaz_table_adopt(&g.base, img, img_size, "gazc image", &err) != IDNER_OK)
        FUZZ_FAIL("the compiler's own image fails the check: %s", err.message);
    size_t len;
    char *text = fuzz_first_columns(data, size, NULL, &len);
    fuzz_gaz_check(&g, text, len, &tl, &cl);
    free(text);
    gaz_close(&g);
    return 0;
}
