/*
 * fuzz_args.c: the option parser of `idner annotate` (src/cli/args.c, cli_parse_args) on any
 * command line. Nothing is opened or loaded: the parser only records the options.
 *
 * Input: the arguments after "annotate", separated by NUL bytes (at most 64).
 *
 * Invariants (abort() when one fails):
 *   - the status is -1 (go on), 0 (--help or --version: their text on stdout, nothing on
 *     stderr) or 1 (a usage error: one "idner: ..." message and the hint to --help on stderr,
 *     nothing on stdout);
 *   - going on, the state is one the program can run: the files are arguments, in order;
 *     --threads is 0 or 1 to 64 and above 1 only with --input jsonl --output jsonl;
 *     --keep-fields only with --input jsonl; a reference date is a real YYYY-MM-DD (the date
 *     stage's own parser, date_parse_ref, accepts it); the types mask names only the 5 types;
 *     a format that needs -o has one;
 *   - parsing the same line again gives the same state.
 *
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date/date.h"
#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_args";

#define MAX_ARGS 64

static int
parse(char **argv, int argc, cli *c, const char **out, size_t *out_len, const char **err,
      size_t *err_len)
{
    fuzz_capture_begin();
    int st = cli_parse_args(c, argc, argv, NULL);
    fuzz_capture_end(out, out_len, err, err_len);
    return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    if (!copy)
        abort();
    memcpy(copy, data, size);
    copy[size] = '\0';
    for (size_t at = 0; at < size && argc < MAX_ARGS;) {
        argv[argc++] = copy + at;
        at += strlen(copy + at) + 1;
    }
    argv[argc] = NULL;

    cli *c = fuzz_cli();
    const char *out, *err;
    size_t out_len, err_len;
    int st = parse(argv, argc, c, &out, &out_len, &err, &err_len);
    if (st == 0) {
        if (out_len == 0 || err_len != 0)
            FUZZ_FAIL("status 0 with %zu bytes on stdout, %zu on stderr", out_len, err_len);
    } else if (st == 1) {
        static const char hint[] = "\nTry 'idner --help' for more information.\n";
        if (out_len != 0 || err_len < sizeof hint + 6 || strncmp(err, "idner: ", 7) != 0 ||
            strcmp(err + err_len - (sizeof hint - 1), hint) != 0)
            FUZZ_FAIL("usage error without its message: %s", err);
    } else if (st == -1) {
        if (out_len != 0 || err_len != 0)
            FUZZ_FAIL("going on after writing \"%s\" \"%s\"", out, err);
    } else {
        FUZZ_FAIL("status %d", st);
    }
    if (st != -1) {
        free(copy);
        return 0;
    }
    int k = 0;
    for (size_t i = 0; i < c->files.n; i++) {
        while (k < argc && argv[k] != c->files.v[i])
            k++;
        if (k++ == argc)
            FUZZ_FAIL("file %zu \"%s\" is not an argument in order", i, c->files.v[i]);
    }
    if (c->threads > 64 ||
        (c->threads > 1 && (c->in != IN_JSONL || c->out_fmt != out_format_find("jsonl"))))
        FUZZ_FAIL("--threads %u with input %d output %s", c->threads, (int)c->in, c->out_fmt->name);
    if (c->keep_fields && c->in != IN_JSONL)
        FUZZ_FAIL("--keep-fields without --input jsonl");
    date_ymd ymd;
    if (c->ref_date[0] && (strlen(c->ref_date) != 10 || date_parse_ref(c->ref_date, &ymd) != 0))
        FUZZ_FAIL("reference date \"%s\"", c->ref_date);
    const uint32_t five = IDNER_TYPE_BIT(IDNER_PER) | IDNER_TYPE_BIT(IDNER_ORG) |
                          IDNER_TYPE_BIT(IDNER_LOC) | IDNER_TYPE_BIT(IDNER_DATE) |
                          IDNER_TYPE_BIT(IDNER_TIME);
    if (c->aopts.types & ~five)
        FUZZ_FAIL("types mask 0x%x", (unsigned)c->aopts.types);
    if ((c->out_fmt->flags & (OUT_TO_DIR | OUT_NEEDS_FILE)) && !c->out_path)
        FUZZ_FAIL("--output %s without -o", c->out_fmt->name);

    /* the same line again, from the defaults */
    cli first = *c;
    size_t n_files = c->files.n;
    const char **files = malloc((n_files ? n_files : 1) * sizeof *files);
    if (!files)
        abort();
    if (n_files)
        memcpy(files, c->files.v, n_files * sizeof *files);
    c = fuzz_cli();
    if (parse(argv, argc, c, NULL, NULL, NULL, NULL) != -1 || c->files.n != n_files ||
        (n_files && memcmp(c->files.v, files, n_files * sizeof *files) != 0) || c->in != first.in ||
        c->out_fmt != first.out_fmt || c->out_path != first.out_path ||
        c->threads != first.threads || c->max_doc_bytes != first.max_doc_bytes ||
        c->keep_fields != first.keep_fields || strcmp(c->ref_date, first.ref_date) != 0 ||
        c->aopts.types != first.aopts.types || c->aopts.flags != first.aopts.flags ||
        c->data_dir != first.data_dir || c->gazetteers.n != first.gazetteers.n ||
        c->excludes.n != first.excludes.n)
        FUZZ_FAIL("the same command line parsed twice gives two states");
    free(files);
    free(copy);
    return 0;
}
