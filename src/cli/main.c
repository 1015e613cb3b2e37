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
 * next. This file holds the commands and chooses a reader (text.c, jsonl.c, conll.c) and a
 * writer (src/out/writer.h); args.c parses the options and doc.c annotates each document and
 * hands it to the writer.
 *
 * Exit status: 0 all documents annotated; 1 a usage or set-up error (bad option, missing data,
 * unreadable file, write error); 3 some documents could not be annotated (each has an error
 * object in its place and a message on standard error). 1 wins over 3.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* ---- main ------------------------------------------------------------------------------- */

/* The readers: each reads one file of its format (one interface, X_run_file). */
static void (*const readers[])(cli *c, const char *name) = {
    [IN_TEXT] = text_run_file, [IN_JSONL] = jsonl_run_file, [IN_CONLL] = conll_run_file};

/* The command line as a JSON array (the SQLite runs table). */
static char *
command_line_json(int argc, char **argv)
{
    json_object *a = json_object_new_array();
    char *s;

    if (!a)
        cli_die_nomem();
    for (int i = 0; i < argc; i++)
        if (json_object_array_add(a, cli_string_id(argv[i])) != 0)
            cli_die_nomem();
    s = strdup(
        json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(a);
    if (!s)
        cli_die_nomem();
    return s;
}

static int
run(cli *c)
{
    char msg[600];
    size_t i;

    if (cli_setup(c) != 0)
        return EXIT_USAGE;
    setvbuf(stdout, NULL, _IOFBF, IO_BUFSIZE);
    setvbuf(stdin, NULL, _IOFBF, IO_BUFSIZE);
    char *options = command_line_json(c->argc, c->argv);
    out_run r = {.path = c->out_path,
                 .version = idner_version(),
                 .options = options,
                 .data_dir = idner_model_data_dir(c->model),
                 .ref_date = c->ref_date[0] ? c->ref_date : NULL,
                 .explain = (c->aopts.flags & IDNER_EXPLAIN) != 0};
    c->out = out_open(c->out_fmt, &r, msg, sizeof msg);
    if (!c->out) {
        fprintf(stderr, "idner: %s\n", msg);
        free(options);
        return EXIT_USAGE;
    }
    if (c->files.n == 0)
        cli_strvec_push(&c->files, "-");
    progress_start(c);
    for (i = 0; i < c->files.n; i++)
        readers[c->in](c, c->files.v[i]);
    progress_end(c);
    if (out_close(c->out, msg, sizeof msg) != 0) {
        fprintf(stderr, "idner: %s\n", msg);
        c->setup_error = 1;
    }
    c->out = NULL;
    free(options);
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
    c.out_fmt = out_format_find("jsonl");
    c.max_doc_bytes = CLI_MAX_DOC_BYTES;
    c.argc = argc;
    c.argv = argv;
    /* A closed pipe is a write error like any other: reported, exit status 1. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return cli_usage_error("missing command (try 'idner annotate FILE')");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return cli_print(cli_usage_text);
    if (strcmp(argv[1], "--version") == 0) {
        char v[64];
        snprintf(v, sizeof v, "idner %s\n", idner_version());
        return cli_print(v);
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
