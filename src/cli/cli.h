/*
 * cli.h: what the parts of the `idner` program share (SPEC.md sections 1, 2 and 5): the run's
 * state, handing documents to the output writer (src/out/writer.h), and annotation with error
 * reporting. Files, from the bottom up: input.c (reading lines and files), args.c (the
 * options), doc.c (annotate and write one document), progress.c, the readers text.c, jsonl.c
 * and conll.c (one interface: X_run_file(cli, name) reads one file), eval.c, and main.c (the
 * commands, choosing a reader and a writer). A reader uses the files below it, never main.c.
 */
#ifndef IDNER_CLI_H
#define IDNER_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cli/input.h"
#include "idner.h"
#include "out/writer.h"

#define EXIT_USAGE    1
#define EXIT_BAD_DOCS 3
#define IO_BUFSIZE    (1u << 20)

enum in_fmt { IN_TEXT, IN_JSONL, IN_CONLL };

typedef struct strvec {
    const char **v;
    size_t n, cap;
} strvec;

/* One CoNLL token line of the current sentence (its raw line in cli.lines, its token in
 * cli.text; tag "" until set). */
typedef out_conll_line conll_line;

/* The progress line (progress.c). */
typedef struct progress {
    double started, next; /* seconds; the next update is due at NEXT */
    uint64_t total;       /* the input's size in bytes, 0 when unknown */
    size_t docs;          /* documents written */
    int shown;            /* the line is on the terminal now */
} progress;

/* --max-doc-bytes by default: 256 MiB (a document takes some 20 times its size to annotate). */
#define CLI_MAX_DOC_BYTES ((size_t)256 << 20)
/* The largest --max-doc-bytes: the library's limit (2 GiB). */
#define CLI_MAX_DOC_BYTES_MAX ((size_t)INT32_MAX - 1)

typedef struct cli {
    enum in_fmt in;
    const out_format *out_fmt; /* --output (default jsonl) */
    const char *out_path;      /* -o, --output-file; NULL: standard output */
    int keep_fields;           /* --keep-fields */
    int argc;                  /* the command line, for the SQLite runs table */
    char **argv;
    char ref_date[11]; /* "" when none */
    idner_annotate_options aopts;
    const char *data_dir;
    strvec gazetteers, excludes, files;

    idner_model *model;
    json_tokener *tok;
    buf json_scratch;   /* --input jsonl: the fast path's decoded strings (json_fast.h) */
    int json_c_only;    /* every line by json-c, none by the fast path (IDNER_JSON_C=1; tests) */
    out_writer *out;    /* the output; NULL: none (eval without --output-conll) */
    size_t sentence_no; /* CoNLL sentences seen, over all files */
    int setup_error;    /* exit 1 at the end */
    int doc_error;      /* exit 3 at the end */

    cli_buf text;   /* the current document (text and CoNLL input) */
    cli_buf lines;  /* CoNLL: the raw lines of the current sentence */
    conll_line *cl; /* CoNLL: the token lines of the current sentence */
    size_t n_cl, cap_cl;
    size_t conll_runs; /* CoNLL: runs of non-blank lines (sentences, as conll_score.py counts) */

    /* CoNLL: when set, called for each sentence once its tags are set (c->cl[i].tag, "" for O;
     * all "" when it could not be annotated), before it is written. Setting stop ends the
     * reading (eval.c). */
    int progress_mode;  /* --progress 1, --quiet -1, else 0 (when it helps) */
    progress *progress; /* the progress line when shown, else NULL (and in workers) */
    progress progress_state;
    uint64_t in_bytes;    /* input bytes read so far */
    unsigned threads;     /* --threads: workers for --input jsonl (1: none) */
    size_t max_doc_bytes; /* --max-doc-bytes: a longer document gets an error object */
    buf *errs;            /* a worker's messages go here, not to stderr */

    int untagged; /* cli_setup loads no tagger (idner train makes one) */
    void (*on_sentence)(struct cli *c, const char *shown);
    void *hook_arg;
    int stop;
} cli;

/* A subcommand's option set for cli_parse_args, on top of annotate's. */
typedef struct cli_cmd {
    const char *const *value_opts; /* extra options that take a value (names without "--") */
    const char *const *flag_opts;  /* extra options that take none */
    /* Called first for every option: 0 handled, -1 not handled (annotate's meaning applies),
     * else an exit status. */
    int (*option)(cli *c, const char *name, const char *value);
    const char *usage; /* --help text */
} cli_cmd;

/* args.c */

/* The usage text of `idner annotate` (--help). */
extern const char cli_usage_text[];
/* Appends S to V. */
void cli_strvec_push(strvec *v, const char *s);
/* Parses the options and files of a command (ARGV after the command name) into C: annotate's
 * options plus CMD's (NULL for annotate). Returns -1 to go on, else an exit status. */
int cli_parse_args(cli *c, int argc, char **argv, const cli_cmd *cmd);
/* Parses a comma list of type names (case-insensitive) into a mask of IDNER_TYPE_BIT; -1 when
 * a name is unknown. */
int cli_parse_types(const char *list, uint32_t *out);
/* "idner: MESSAGE" and a hint to --help on stderr; returns exit status 1. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints "idner: out of memory" and exits 1. */
void cli_die_nomem(void);
/* Writes TEXT to standard output (--help, --version): 0, or 1 after a message when the write
 * fails (a full disk, a closed pipe). */
int cli_print(const char *text);

/* doc.c */

/* Loads the model from the options; 0, or exit status 1 after a message. */
int cli_setup(cli *c);
void cli_free(cli *c);
/* Hands document D to the output writer. A failed write ends the program at once: the message
 * on stderr, exit status 1. */
void cli_emit(cli *c, const out_doc *d);
/* Input lines outside any document (out_input_lines); failures as cli_emit. */
void cli_input_lines(cli *c, const char *s, size_t n);
/* Bytes already in the output format (a worker thread's documents); failures as cli_emit. */
void cli_put(cli *c, const char *s, size_t n);
/* "idner: FILE:LINE: MSG" on stderr (a worker's errs buffer under --threads) and exit status
 * 3 at the end. */
void cli_report(cli *c, const char *file, size_t line, const char *msg);
/* A document that could not be annotated: cli_report, and an error object with ID
 * (consumed) in its place. */
void cli_doc_failed(cli *c, json_object *id, const char *file, size_t line, const char *msg);
/* Annotates TEXT with reference date REF (NULL or "": the command line's). On failure returns
 * NULL with the message in MSG and, for invalid UTF-8, the byte offset in *BAD (else -1). */
/* The message for a document longer than --max-doc-bytes, into MSG. */
void cli_too_long(const cli *c, char *msg, size_t msg_size);
idner_result *cli_annotate(cli *c, const char *text, size_t len, const char *ref, char *msg,
                           size_t msg_size, size_t *bad);
/* Before a document of LEN bytes is read into memory or annotated: from 4 MB on, large blocks
 * are mapped on their own (see doc.c). */
void cli_huge_doc(size_t len);
/* Opens NAME ("-" is standard input); NULL after a message "idner: NAME: ..." (exit 1). */
FILE *cli_open_input(cli *c, const char *name);
void cli_close_input(FILE *f);
/* NAME as shown in messages and ids: "stdin" for "-". */
const char *cli_display_name(const char *name);
/* A JSON string for S, with bytes that are not UTF-8 replaced by U+FFFD (file names). */
json_object *cli_string_id(const char *s);

/* progress.c: decides whether to show the line (after the options); counts one document
 * written (cli_emit, cli_put); clears the line (before a message); clears it for good. */
void progress_start(cli *c);
void progress_tick(cli *c);
void progress_clear(cli *c);
void progress_end(cli *c);

/* The readers (text.c, jsonl.c, conll.c) and eval.c. */

/* --input text: the whole of NAME is one document, its id the name as given. */
void text_run_file(cli *c, const char *name);
/* --input jsonl: each line of NAME is a document. */
void jsonl_run_file(cli *c, const char *name);
/* --input conll: each sentence of NAME is a document. */
void conll_run_file(cli *c, const char *name);

/* `idner eval` (eval.c): ARGV after "eval". Returns the exit status. */
int eval_main(cli *c, int argc, char **argv);

/* What `idner train` (train.c) uses of eval.c: reading gold CoNLL with its tag names
 * (--map) and scoring a dev file. */
typedef struct eval eval;
typedef struct gold_name {
    size_t byte_start, byte_end; /* in c->text, the sentence */
    int type;                    /* idner_type */
} gold_name;
typedef void (*gold_fn)(cli *c, void *arg, const gold_name *names, size_t n);
eval *eval_new(void);
void eval_free(eval *e);
/* --map GOLD=OURS; returns 0 or an exit status. */
int eval_add_map(eval *e, const char *value);
/* Annotates and scores FILE with C's model, as idner eval does; FN (may be NULL) gets every
 * sentence's gold names, the sentence in c->text. */
void eval_file(cli *c, eval *e, const char *file, gold_fn fn, void *arg);
/* Micro precision, recall and F1 so far into PRF; RESET: start counting anew. */
void eval_micro(eval *e, double prf[3], int reset);

/* `idner train` (train.c): ARGV after "train". Returns the exit status. */
int train_main(cli *c, int argc, char **argv);

#endif
