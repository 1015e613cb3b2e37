/*
 * cli.h: what the parts of the `idner` program share (SPEC.md sections 1, 2 and 5): the run's
 * state, the output of document and error objects, and annotation with error reporting.
 * main.c holds the options, --input text and the output; jsonl.c and conll.c the other inputs.
 */
#ifndef IDNER_CLI_H
#define IDNER_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "idner.h"
#include "input.h"

enum in_fmt { IN_TEXT, IN_JSONL, IN_CONLL };
enum out_fmt { OUT_JSONL, OUT_JSON, OUT_CONLL };

typedef struct strvec {
    const char **v;
    size_t n, cap;
} strvec;

/* One CoNLL token line of the current sentence. */
typedef struct conll_line {
    size_t off, len;         /* the line (without its line end) in cli.lines */
    size_t tok_off, tok_len; /* its token in cli.text */
    size_t lineno;
    char sep;     /* column separator: '\t' or ' ' */
    char end[3];  /* the line end as read: "\n", "\r\n" or "" */
    char tag[16]; /* predicted tag, "" until set */
} conll_line;

typedef struct cli {
    enum in_fmt in;
    enum out_fmt out;
    char ref_date[11]; /* "" when none */
    idner_annotate_options aopts;
    const char *data_dir;
    strvec gazetteers, excludes, files;

    idner_model *model;
    json_tokener *tok;
    FILE *out_f;
    size_t docs_out;    /* documents written (for the commas of --output json) */
    size_t sentence_no; /* CoNLL sentences seen, over all files */
    int setup_error;    /* exit 1 at the end */
    int doc_error;      /* exit 3 at the end */
    int id_null;        /* the current document's id is JSON null */

    cli_buf text;    /* the current document (text and CoNLL input) */
    cli_buf scratch; /* pretty output re-indentation */
    cli_buf lines;   /* CoNLL: the raw lines of the current sentence */
    conll_line *cl;  /* CoNLL: the token lines of the current sentence */
    size_t n_cl, cap_cl;
} cli;

/* Prints "idner: out of memory" and exits 1. */
void cli_die_nomem(void);
/* Writes N bytes of S to the output. */
void cli_out_write(cli *c, const char *s, size_t n);
/* Writes document object DOC (consumed) in the output format (not for --output conll). */
void cli_write_doc(cli *c, json_object *doc);
/* A document that could not be annotated: "idner: FILE:LINE: MSG" on stderr, exit status 3 at
 * the end, and (unless --output conll) an error object with ID (consumed) in its place. */
void cli_doc_failed(cli *c, json_object *id, const char *file, size_t line, const char *msg);
/* Annotates TEXT with reference date REF (NULL or "": the command line's). On failure returns
 * NULL with the message in MSG and, for invalid UTF-8, the byte offset in *BAD (else -1). */
idner_result *cli_annotate(cli *c, const char *text, size_t len, const char *ref, char *msg,
                           size_t msg_size, size_t *bad);
/* Opens NAME ("-" is standard input); NULL after a message "idner: NAME: ..." (exit 1). */
FILE *cli_open_input(cli *c, const char *name);
void cli_close_input(FILE *f);
/* NAME as shown in messages and ids: "stdin" for "-". */
const char *cli_display_name(const char *name);

/* --input jsonl: each line of NAME is a document. */
void jsonl_run_file(cli *c, const char *name);
/* --input conll: each sentence of NAME is a document. */
void conll_run_file(cli *c, const char *name);

#endif
