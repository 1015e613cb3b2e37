/*
 * fuzz_gaz.c: the compiled-gazetteer loader on raw bytes (src/gaz/format.h). The loader checks
 * the header at load (gaz.c check_image) and slots and entries lazily at lookup (entry_ok,
 * gaz_table_find), so a table that loads is also run: gaz_run over a fixed Indonesian text and
 * over the image's own string pool (whose surfaces hit its own slots). Nothing may crash, read
 * out of bounds or hang.
 *
 * Input forms:
 *   - 256 KiB or more: the image exactly as a file holds it;
 *   - shorter (an image of the seeds' form, first_log2 and any_log2 0, never is: it ends in
 *     two 128 KiB first-token filters): the image without its filters. The harness appends
 *     filters with every bit set (every token may start a phrase, so every lookup reaches the
 *     slots) and patches the header's first_off and file_size to match. Seeds stay small, and
 *     mutations hit the parts that matter (a smaller first_log2 or any_log2 reads only the
 *     start of a filter). The seeds are of format version 3 (their any_log2 0).
 *
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "gaz/gaz.h"
#include "tok/tok.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILTERS_SIZE  (2 * ((1u << GAZ_FIRST_LOG2) / 8))
#define POOL_TEXT_MAX 16384

/* Names of tests/data/gaz_fixture.tsv (the seeds) and of the bundled lists, in their cases. */
static const char sentence[] =
    "Menteri Luar Negeri Korea Utara Choe Son-hui bertemu Sergey Lavrov di Jakarta, Senin "
    "(28/10/2024). Dewan Keamanan PBB dan AS membahas Semenanjung Korea, Korut serta Jalur "
    "Gaza.\n(Antara) Harapan minum kopi tubruk di Jakartanya; KOPI TUBRUK, Choe Son Hui, "
    "Perserikatan Bangsa-Bangsa dan Presiden Joko Widodo di Surabaya, Jawa Timur.";

static void
run_text(const gaz *g, const char *text, size_t len, tok_list *tl, cand_list *cl)
{
    if (tok_run(tl, text, len) != IDNER_OK)
        return;
    cl->n = 0;
    if (gaz_run(g, text, tl, cl) != IDNER_OK)
        return;
    for (size_t i = 0; i < cl->n; i++) {
        const cand *c = &cl->v[i];
        if (c->byte_start >= c->byte_end || c->byte_end > len || c->tok_start >= c->tok_end ||
            c->tok_end > tl->n || c->type < IDNER_PER || c->type > IDNER_LOC || !c->canonical) {
            fprintf(stderr, "fuzz_gaz: bad candidate %zu: bytes [%u, %u) tokens [%u, %u) type %u\n",
                    i, c->byte_start, c->byte_end, c->tok_start, c->tok_end, c->type);
            abort();
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t total = size;
    if (size < FILTERS_SIZE && size >= sizeof(gaz_header))
        total = ((size + 7) & ~(size_t)7) + FILTERS_SIZE;
    uint8_t *img = malloc(total ? total : 1);
    if (!img)
        return 0;
    memcpy(img, data, size);
    if (total != size) {
        size_t first_off = total - FILTERS_SIZE;
        memset(img + size, 0, first_off - size);
        memset(img + first_off, 0xFF, FILTERS_SIZE);
        gaz_header *h = (gaz_header *)img;
        h->first_off = (uint32_t)first_off;
        h->file_size = (uint32_t)total;
    }
    gaz g;
    memset(&g, 0, sizeof g);
    idner_error err;
    /* gaz_table_adopt owns the image from here on, and frees it when the check fails. */
    if (gaz_table_adopt(&g.base, img, total, "fuzz", &err) != IDNER_OK)
        return 0;

    tok_list tl = {0};
    cand_list cl = {0};
    run_text(&g, sentence, sizeof sentence - 1, &tl, &cl);

    /* The pool's strings, one a line: surfaces and canonical names as listed. */
    const gaz_header *h = g.base.hdr;
    size_t n = h->pool_size < POOL_TEXT_MAX ? h->pool_size : POOL_TEXT_MAX;
    char *text = malloc(n ? n : 1);
    if (text) {
        memcpy(text, g.base.pool, n);
        for (size_t i = 0; i < n; i++)
            if (text[i] == '\0')
                text[i] = '\n';
        size_t bad = text_utf8_invalid_at(text, n);
        run_text(&g, text, bad == SIZE_MAX ? n : bad, &tl, &cl);
        free(text);
    }
    tok_list_free(&tl);
    cand_list_free(&cl);
    gaz_close(&g);
    return 0;
}
