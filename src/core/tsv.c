/*
 * tsv.c: the shared table reader (see tsv.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"
#include "core/tsv.h"

typedef struct plain_ctx {
    tsv_line_fn fn;
    void *arg;
} plain_ctx;

static const char *
plain_line(void *arg, size_t lineno, char **col, size_t ncol, int *nomem)
{
    const plain_ctx *p = arg;
    (void)lineno;
    return p->fn(p->arg, col, ncol, nomem);
}

idner_status
tsv_read(const char *path, tsv_line_fn fn, void *arg, idner_status open_error, idner_error *err)
{
    plain_ctx p = {fn, arg};
    return tsv_read_at(path, plain_line, &p, open_error, err);
}

idner_status
tsv_read_at(const char *path, tsv_line_at_fn fn, void *arg, idner_status open_error,
            idner_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, open_error, "%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    idner_status st = IDNER_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (text_utf8_invalid_at(line, (size_t)n) != SIZE_MAX) {
            st = error_set(err, IDNER_ERR_DATA, "%s:%zu: invalid UTF-8", path, lineno);
            break;
        }
        char *col[TSV_MAX_COLUMNS];
        size_t ncol = 0;
        for (char *p = line; ncol < TSV_MAX_COLUMNS;) {
            col[ncol++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        int nomem = 0;
        const char *why = fn(arg, lineno, col, ncol, &nomem);
        if (why) {
            st = error_set(err, nomem ? IDNER_ERR_NOMEM : IDNER_ERR_DATA, "%s:%zu: %s", path,
                           lineno, why);
            break;
        }
    }
    if (st == IDNER_OK && ferror(f))
        st = error_set(err, IDNER_ERR_IO, "%s: read error", path);
    free(line);
    fclose(f);
    return st;
}
