/*
 * text.c: --input text (SPEC.md section 1): the whole of each file is one document, its id the
 * file name as given ("stdin" for standard input).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* The name of NAME's per-document files: its last path part without ".txt". */
static void
file_stem(const char *name, char *out, size_t size)
{
    const char *base = strrchr(name, '/');
    size_t n;

    base = base ? base + 1 : name;
    n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
        n -= 4;
    snprintf(out, size, "%.*s", (int)n, base);
}

void
text_run_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    idner_result *r;
    char msg[300], stem[256];
    size_t bad;

    if (f == NULL)
        return;
    int got = cli_read_all(f, &c->text, c->max_doc_bytes);
    if (got < 0) {
        fprintf(stderr, "idner: %s: %s\n", shown, strerror(errno));
        c->setup_error = 1;
        cli_close_input(f);
        return;
    }
    cli_close_input(f);
    if (got > 0) { /* not read further: the memory stays bounded */
        c->in_bytes += c->text.n;
        cli_too_long(c, msg, sizeof msg);
        cli_doc_failed(c, cli_string_id(shown), shown, 1, msg);
        return;
    }
    c->in_bytes += c->text.n;
    r = cli_annotate(c, c->text.p ? c->text.p : "", c->text.n, NULL, msg, sizeof msg, &bad);
    if (r == NULL) {
        cli_doc_failed(c, cli_string_id(shown), shown,
                       bad != (size_t)-1 ? cli_line_of(c->text.p, bad) : 1, msg);
        return;
    }
    file_stem(shown, stem, sizeof stem);
    out_doc d = {.id = cli_string_id(shown),
                 .text = c->text.p ? c->text.p : "",
                 .len = c->text.n,
                 .ref_date = c->ref_date[0] ? c->ref_date : NULL,
                 .name = stem,
                 .result = r};
    cli_emit(c, &d);
    json_object_put(d.id);
    idner_result_free(r);
}
