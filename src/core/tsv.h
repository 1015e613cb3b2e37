/*
 * tsv.h: reading the tab-separated tables of data/ (gazetteers, rules, word statistics) and
 * users' lists: one shared loop, so that every table treats comments, line ends, UTF-8 and
 * errors ("FILE:LINE: why") the same way.
 */
#ifndef IDNER_TSV_H
#define IDNER_TSV_H

#include <stddef.h>

#include "idner.h"

#define TSV_MAX_COLUMNS 10

/* Called for each line that is neither empty nor a comment ('#' first), split at tabs into
 * COL[0, NCOL) (NUL-terminated, writable until the call returns). Returns NULL, or the reason
 * the line is bad; sets *NOMEM when that reason is a failed allocation. */
typedef const char *(*tsv_line_fn)(void *arg, char **col, size_t ncol, int *nomem);

/* Reads PATH line by line (CRLF accepted). A file that cannot be opened fails with
 * OPEN_ERROR; a bad line (invalid UTF-8, or refused by FN) with IDNER_ERR_DATA and the message
 * "PATH:LINE: why". */
idner_status tsv_read(const char *path, tsv_line_fn fn, void *arg, idner_status open_error,
                      idner_error *err);

/* The same, FN also told the line's number (1-based, counting comments and blank lines). */
typedef const char *(*tsv_line_at_fn)(void *arg, size_t lineno, char **col, size_t ncol,
                                      int *nomem);
idner_status tsv_read_at(const char *path, tsv_line_at_fn fn, void *arg, idner_status open_error,
                         idner_error *err);

#endif
