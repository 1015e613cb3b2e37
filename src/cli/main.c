/*
 * main.c: the `idner` command-line program (SPEC.md section 1: options and formats; section 2:
 * the document objects; section 5: bad input).
 *
 *   idner annotate [OPTIONS] [FILE ...]
 *   idner eval [OPTIONS] GOLD.conll [...]     (eval.c)
 *   idner train [OPTIONS] -o MODEL TRAIN.conll [...]   (train.c)
 *
 * The model is created once; documents are then read, annotated and written one at a time in
 * input order, so memory stays bounded by the largest single document (for JSON Lines: the
 * longest line) whatever the size of the input. Buffers are reused from one document to the
 * next. This file holds the commands and --input text; jsonl.c and conll.c read the other
 * formats; args.c parses the options and doc.c annotates and writes each document.
 *
 * Exit status: 0 all documents annotated; 1 a usage or set-up error (bad option, missing data,
 * unreadable file, write error); 3 some documents could not be annotated (each has an error
 * object in its place and a message on standard error). 1 wins over 3.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* --input text: the whole of NAME is one document, its id the name as given. */
static void
run_text_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    idner_result *r;
    char msg[300];
    size_t bad;

    if (f == NULL)
        return;
    if (cli_read_all(f, &c->text) != 0) {
        fprintf(stderr, "idner: %s: %s\n", shown, strerror(errno));
        c->setup_error = 1;
        cli_close_input(f);
        return;
    }
    cli_close_input(f);
    r = cli_annotate(c, c->text.p ? c->text.p : "", c->text.n, NULL, msg, sizeof msg, &bad);
    if (r == NULL) {
        cli_doc_failed(c, cli_string_id(shown), shown,
                       bad != (size_t)-1 ? cli_line_of(c->text.p, bad) : 1, msg);
        return;
    }
    cli_write_result(c, cli_string_id(shown), r);
    idner_result_free(r);
}

/* ---- main ------------------------------------------------------------------------------- */

static int
run(cli *c)
{
    size_t i;

    if (cli_setup(c) != 0)
        return EXIT_USAGE;
    c->out_f = stdout;
    setvbuf(stdout, NULL, _IOFBF, IO_BUFSIZE);
    setvbuf(stdin, NULL, _IOFBF, IO_BUFSIZE);
    if (c->files.n == 0)
        cli_strvec_push(&c->files, "-");
    if (c->out == OUT_JSON)
        cli_out_write(c, "[", 1);
    for (i = 0; i < c->files.n; i++) {
        if (c->in == IN_TEXT)
            run_text_file(c, c->files.v[i]);
        else if (c->in == IN_JSONL)
            jsonl_run_file(c, c->files.v[i]);
        else
            conll_run_file(c, c->files.v[i]);
    }
    if (c->out == OUT_JSON)
        cli_out_write(c, "\n]\n", 3);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "idner: write error: %s\n", strerror(errno));
        c->setup_error = 1;
    }
    if (c->setup_error)
        return EXIT_USAGE;
    return c->doc_error ? EXIT_BAD_DOCS : 0;
}

int
main(int argc, char **argv)
{
    cli c;
    int status;

    memset(&c, 0, sizeof c);
    idner_annotate_options_init(&c.aopts);
    if (argc < 2)
        return cli_usage_error("missing command (try 'idner annotate FILE')");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(cli_usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("idner %s\n", idner_version());
        return 0;
    }
    if (strcmp(argv[1], "eval") == 0) {
        status = eval_main(&c, argc - 2, argv + 2);
        cli_free(&c);
        return status;
    }
    if (strcmp(argv[1], "train") == 0) {
        status = train_main(&c, argc - 2, argv + 2);
        cli_free(&c);
        return status;
    }
    if (strcmp(argv[1], "annotate") != 0)
        return cli_usage_error("unknown %s '%s'", argv[1][0] == '-' ? "option" : "command",
                               argv[1]);
    status = cli_parse_args(&c, argc - 2, argv + 2, NULL);
    if (status < 0)
        status = run(&c);
    cli_free(&c);
    return status;
}
