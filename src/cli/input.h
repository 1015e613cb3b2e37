/*
 * input.h: reading the CLI's inputs (SPEC.md sections 1 and 5): whole files, lines with CRLF
 * handling, CoNLL token lines, reference dates and UTF-8 checks. Nothing here knows about the
 * model or JSON; main.c drives the annotation.
 */
#ifndef IDNER_CLI_INPUT_H
#define IDNER_CLI_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/buf.h"

/* A growable byte buffer, reused across documents. */
typedef buf cli_buf; /* the library's buffer (src/core/buf.h) */

/* Makes room for N more bytes; -1 when memory runs out. */

/* Reads the rest of F into B (replacing its contents; B->p is NUL-terminated afterwards), but
 * stops after MAX + 1 bytes. Returns 0, 1 when F holds more than MAX bytes (B then holds the
 * first MAX + 1), or -1 with errno set (a read error or ENOMEM). */
int cli_read_all(FILE *f, cli_buf *b, size_t max);

/* Reads lines with getline, reusing one buffer; memory is bounded by the longest line. */
typedef struct line_reader {
    FILE *f;
    char *line;      /* the current line without its "\n" or "\r\n", NUL-terminated */
    size_t len;      /* its length */
    size_t cap;      /* getline's buffer size */
    size_t lineno;   /* 1-based number of the current line */
    int crlf;        /* the current line ended with "\r\n" */
    int newline;     /* the current line ended with a newline at all */
    uint64_t *bytes; /* when set, every byte read is added here (the progress line) */
} line_reader;

void line_reader_init(line_reader *lr, FILE *f);
/* Reads the next line: 1 when there is one, 0 at the end, -1 on a read error (errno set). */
int line_reader_next(line_reader *lr);
void line_reader_free(line_reader *lr);

/* The offset of the first byte of S[0, N) that is not part of valid UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF), or N when all of S is valid. */
size_t cli_utf8_invalid_at(const char *s, size_t n);

/* The 1-based line number of byte OFFSET in S. */
size_t cli_line_of(const char *s, size_t offset);

/* Parses a reference date: "YYYY-MM-DD" (one-digit months and days accepted, as in
 * "2013-12-4"), optionally followed by 'T' or a space and a time that is ignored. It must be a
 * real Gregorian date of the years 1-9999. On success writes the canonical "YYYY-MM-DD" into
 * OUT and returns 0; -1 when malformed. */
int cli_parse_date(const char *s, size_t n, char out[11]);

/* CoNLL token lines. A line is blank when it holds only spaces and tabs. Otherwise its
 * columns are separated by tabs when it contains a tab, else by spaces; the token is the first
 * column. */
int conll_is_blank(const char *line, size_t len);
/* The length of the first column of LINE, and in *SEP the separator ('\t' or ' '). */
size_t conll_token(const char *line, size_t len, char *sep);

#endif
