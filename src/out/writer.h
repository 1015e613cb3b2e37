/*
 * out/writer.h: the one interface of every output format (README "Output formats",
 * docs/format.md): a writer is opened once per run, given each document in input order, and
 * closed. One file per format: jsonl.c, json.c, conll.c, tsv.c, sqlite.c, brat.c,
 * labelstudio.c, timeml.c, html.c; writer.c holds the table of formats and the output
 * destinations (standard output, a file, a folder of files per document, or a memory buffer).
 *
 * Every write is checked as it happens: a writer call returns -1 with the reason in
 * out_writer.msg ("standard output: No space left on device") at the first failed write, and
 * the program stops there, so a full disk or a closed pipe is never a silent success.
 *
 * Entities are written field by field from the table of out/fields.h, so a field added to
 * idner_entity reaches every format that can hold it without code here; the `explain` object
 * of --explain (SPEC.md section 6) is one such field (a JSON text); the document's own
 * explanation (idner_result_explain) goes where a format has room for it (jsonl, json).
 */
#ifndef IDNER_OUT_WRITER_H
#define IDNER_OUT_WRITER_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "idner.h"

/* Where a stream writer's bytes go. */
typedef struct out_sink {
    FILE *f;          /* the open output, or NULL with mem NULL: discard */
    buf *mem;         /* when set, bytes are appended here instead (a worker's share) */
    const char *name; /* "standard output" or the path, for messages */
    int err;          /* errno of the first failed write; 0 while every write succeeded */
} out_sink;

/* One token line of a CoNLL input, kept so that --output conll writes it back unchanged with
 * the predicted tag appended (SPEC.md section 1). */
typedef struct out_conll_line {
    size_t off, len;         /* the line (without its line end) in out_conll.lines */
    size_t tok_off, tok_len; /* its token in the document text */
    size_t lineno;
    char sep;     /* column separator: '\t' or ' ' */
    char end[3];  /* the line end as read: "\n", "\r\n" or "" */
    char tag[16]; /* predicted tag; "" is O */
} out_conll_line;

typedef struct out_conll {
    const char *lines; /* the raw lines, one after another */
    const out_conll_line *v;
    size_t n;
} out_conll;

/* One document, as the readers hand it over. Everything is borrowed for the call. */
typedef struct out_doc {
    json_object *id;            /* the document's id; NULL for a JSON null id */
    const char *text;           /* the document text (valid UTF-8 when result is set) */
    size_t len;                 /* its length in bytes */
    const char *ref_date;       /* the reference date it was annotated with, or NULL */
    const char *name;           /* a name for per-document files (--input text), or NULL: the id */
    const idner_result *result; /* NULL when the document could not be annotated... */
    const char *error;          /* ...and then why */
    const char *warning;        /* a problem that did not stop the annotation, or NULL */
    json_object *fields;        /* --keep-fields: the input object (id and text are skipped) */
    const out_conll *conll;     /* CoNLL input: its token lines, or NULL */
} out_doc;

/* What a writer knows of the run (the SQLite runs table; per-document file names). */
typedef struct out_run {
    const char *path;     /* -o PATH; NULL: standard output */
    const char *version;  /* idner's version */
    const char *options;  /* the command line, as a JSON array */
    const char *data_dir; /* the model's data folder */
    const char *ref_date; /* --ref-date, or NULL */
    int explain;          /* --explain: entities carry `explain` (fixed-column formats add one) */
} out_run;

typedef struct out_writer out_writer;

enum out_format_flag {
    OUT_TO_DIR = 1u << 0,     /* -o names a folder: one file (or two) per document */
    OUT_NEEDS_FILE = 1u << 1, /* -o FILE is required (not standard output) */
    OUT_FIELDS = 1u << 2      /* --keep-fields has a place to go */
};

typedef struct out_format {
    const char *name;
    unsigned flags; /* enum out_format_flag */
    /* Each returns 0, or -1 with w->msg set. open and close may be NULL. */
    int (*open)(out_writer *w);
    int (*document)(out_writer *w, const out_doc *d);
    int (*close)(out_writer *w);
    /* Lines of the input that belong to no document (the blank and -DOCSTART- lines of a
     * CoNLL input), for a format that copies them (conll). NULL: the format has no place
     * for them. */
    int (*input_lines)(out_writer *w, const char *s, size_t n);
} out_format;

struct out_writer {
    const out_format *fmt;
    out_run run;
    out_sink sink; /* stream formats: where the bytes go */
    size_t docs;   /* documents written so far */
    void *state;   /* the format's own */
    void *names;   /* out_file_base: the names used so far */
    buf path;      /* out_file_begin: the current file's path */
    char msg[512]; /* why the last call failed */
};

/* The format named NAME, or NULL. */
const out_format *out_format_find(const char *name);
/* The names of all formats, "jsonl, json, ..." (for messages and --help). */
const char *out_format_names(void);

/* Opens a writer of FMT for RUN (copied; its strings must outlive the writer). Returns NULL
 * with the reason in MSG[MSG_SIZE] when the destination cannot be opened. */
out_writer *out_open(const out_format *fmt, const out_run *run, char *msg, size_t msg_size);
/* Opens a stream writer of FMT whose bytes go to MEM (worker threads). */
out_writer *out_open_mem(const out_format *fmt, buf *mem);
int out_document(out_writer *w, const out_doc *d);
int out_input_lines(out_writer *w, const char *s, size_t n);
/* Finishes the output and releases W (also on failure). Returns 0, or -1 with the reason in
 * MSG. */
int out_close(out_writer *w, char *msg, size_t msg_size);

/* ---- for the formats ---------------------------------------------------------------------- */

/* Writes S[0, N) to the sink: 0, or -1 with w->msg set (and every later write fails too). */
int out_put(out_writer *w, const char *s, size_t n);
int out_puts(out_writer *w, const char *s);
/* Sets w->msg and returns -1. */
int out_fail(out_writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The base name (no extension) of document D's files in a per-document folder: its name, else
 * its id, with every byte outside [A-Za-z0-9._-] and UTF-8 letters written %XX, no leading
 * '.', at most 200 bytes, and -2, -3, ... after a name already used in this run. Into NAME
 * (replaced). 0, or -1 when memory runs out. */
int out_file_base(out_writer *w, const out_doc *d, buf *name);

/* Document D as a json-c object, as --output json writes it (json.c); NULL when memory runs
 * out. */
json_object *out_doc_object(const out_doc *d);

/* The optional fields of E (out/fields.h) as one line of text, "canonical=Jakarta; id=...;
 * source=gazetteer" (flags as "name=true"; line breaks and tabs as spaces), into NOTE
 * (replaced; "" when E has none). 0, or -1 when memory runs out. */
int out_fields_note(const idner_entity *e, buf *note);

/* Per-document formats: makes -o DIR/BASE.EXT the sink (replacing a file of that name), and
 * closes it again, checking that every byte reached the file. 0, or -1 with w->msg set. */
int out_file_begin(out_writer *w, const char *base, const char *ext);
int out_file_end(out_writer *w);

/* Writes S[0, N) as XML/HTML text or attribute value: & < > " ' as entities, a carriage
 * return as &#13; (a parser would turn it into a line feed), and each character XML cannot
 * hold (C0 controls but tab and line feed, U+FFFE, U+FFFF) as U+FFFD. */
int out_put_xml(out_writer *w, const char *s, size_t n);
int out_puts_xml(out_writer *w, const char *s);

/* The name under which --keep-fields writes input field KEY into a document object: NULL for
 * id and text (the object has them already), "input.entities", "input.error" and
 * "input.warning" for the names the object uses itself, else KEY. */
const char *out_kept_name(const char *key);

/* The formats (one file each). */
extern const out_format out_jsonl, out_json, out_conll_format, out_tsv, out_sqlite, out_brat,
    out_labelstudio, out_timeml, out_html;

#endif
