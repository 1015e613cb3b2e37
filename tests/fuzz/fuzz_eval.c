/*
 * fuzz_eval.c: `idner eval` (src/cli/eval.c) on a CoNLL file, against annotate's own output.
 *
 * Input: byte 0 selects the options, the rest is the file.
 *   bit 0     the first line of the file is also given as --map GOLD=OURS (when accepted)
 *   bit 1     --no-rules --no-alias
 *
 * The file is annotated as `idner annotate --input conll --output conll` does (the tag of
 * each token line appended), and that output is scored by eval_file as the gold file
 * (`idner eval` on it). Invariants (abort() when one fails):
 *   - the gold names handed to train's callback lie in the sentence, on its token bytes, with
 *     a type PER, ORG or LOC (the types scored by default);
 *   - precision, recall and F1 lie in [0, 1];
 *   - without --map, and unless eval stopped at a line with fewer than two columns, the
 *     score is perfect: P = R = F1 = 1 when there are gold names, 0 when there are none (the
 *     prediction is the gold: the same tokens, annotated the same way).
 *
 * The model is loaded once, from IDNER_DATA or the build tree's data.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_eval";

static void
on_gold(cli *c, void *arg, const gold_name *names, size_t n)
{
    size_t *total = arg;
    for (size_t i = 0; i < n; i++) {
        const gold_name *g = &names[i];
        if (g->byte_start >= g->byte_end || g->byte_end > c->text.n)
            FUZZ_FAIL("gold name [%zu, %zu) outside the sentence of %zu bytes", g->byte_start,
                      g->byte_end, c->text.n);
        if (g->type != IDNER_PER && g->type != IDNER_ORG && g->type != IDNER_LOC)
            FUZZ_FAIL("gold name of type %d", g->type);
        if (i > 0 && g->byte_start < names[i - 1].byte_end)
            FUZZ_FAIL("gold names overlap");
    }
    *total += n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static buf tagged;
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    uint32_t flags = (sel >> 1 & 1) ? IDNER_NO_RULES | IDNER_NO_ALIAS : 0;

    /* annotate --input conll --output conll */
    cli *c = fuzz_cli();
    c->in = IN_CONLL;
    c->aopts.flags |= flags;
    c->out_fmt = out_format_find("conll");
    tagged.n = 0;
    c->out = out_open_mem(c->out_fmt, &tagged);
    if (!c->out)
        abort();
    fuzz_capture_begin();
    conll_run_file(c, fuzz_file(0, in, n));
    fuzz_capture_end(NULL, NULL, NULL, NULL);
    out_close(c->out, NULL, 0);
    c->out = NULL;

    /* eval on it */
    eval *e = eval_new();
    int mapped = 0;
    fuzz_capture_begin();
    if (sel & 1) {
        const uint8_t *nl = memchr(in, '\n', n);
        size_t len = nl ? (size_t)(nl - in) : n;
        char *value = malloc(len + 1);
        if (!value)
            abort();
        memcpy(value, in, len);
        value[len] = '\0';
        mapped = eval_add_map(e, value) == 0;
        free(value);
    }
    c = fuzz_cli();
    c->aopts.flags |= flags;
    size_t gold = 0;
    eval_file(c, e, fuzz_file(1, (const uint8_t *)(tagged.p ? tagged.p : ""), tagged.n), on_gold,
              &gold);
    fuzz_capture_end(NULL, NULL, NULL, NULL);
    double prf[3];
    eval_micro(e, prf, 0);
    eval_free(e);
    for (int i = 0; i < 3; i++)
        if (!(prf[i] >= 0.0 && prf[i] <= 1.0))
            FUZZ_FAIL("score %d is %g", i, prf[i]);
    if (mapped || c->setup_error)
        return 0;
    double want = gold ? 1.0 : 0.0;
    if (prf[0] != want || prf[1] != want || prf[2] != want)
        FUZZ_FAIL("eval of annotate's own output: P=%.3f R=%.3f F1=%.3f with %zu gold names",
                  prf[0], prf[1], prf[2], gold);
    return 0;
}
