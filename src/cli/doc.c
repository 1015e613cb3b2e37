/*
 * cli/doc.c: what every reader does with a document (SPEC.md sections 2 and 5): loading the
 * model, annotating with error reporting, and handing document and error objects to the
 * output writer (src/out/writer.h), in input order.
 */
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model.h"

/* A failed write: the message, and the end of the run (exit status 1). */
static void
die_output(cli *c)
{
    progress_clear(c);
    fprintf(stderr, "idner: %s\n", c->out->msg);
    exit(EXIT_USAGE);
}

void
cli_emit(cli *c, const out_doc *d)
{
    if (c->out && out_document(c->out, d) != 0)
        die_output(c);
    progress_tick(c);
}

void
cli_input_lines(cli *c, const char *s, size_t n)
{
    if (c->out && out_input_lines(c->out, s, n) != 0)
        die_output(c);
}

void
cli_put(cli *c, const char *s, size_t n)
{
    if (c->out && out_put(c->out, s, n) != 0)
        die_output(c);
    progress_tick(c);
}

void
cli_report(cli *c, const char *file, size_t line, const char *msg)
{
    if (c->errs) { /* the same bytes as below, whatever their length */
        int n = snprintf(NULL, 0, "idner: %s:%zu: %s\n", file, line, msg);
        if (n < 0 || buf_reserve(c->errs, (size_t)n) != 0)
            cli_die_nomem();
        snprintf(c->errs->p + c->errs->n, (size_t)n + 1, "idner: %s:%zu: %s\n", file, line, msg);
        c->errs->n += (size_t)n;
    } else {
        progress_clear(c);
        fprintf(stderr, "idner: %s:%zu: %s\n", file, line, msg);
    }
    c->doc_error = 1;
}

void
cli_doc_failed(cli *c, json_object *id, const char *file, size_t line, const char *msg)
{
    out_doc d = {.id = id, .error = msg};

    cli_report(c, file, line, msg);
    cli_emit(c, &d);
    json_object_put(id);
}

/* A JSON string for S, with bytes that are not UTF-8 replaced by U+FFFD (file names). */
json_object *
cli_string_id(const char *s)
{
    size_t n = strlen(s), bad = cli_utf8_invalid_at(s, n);
    cli_buf b = {0};
    json_object *o;

    if (bad == n)
        return json_object_new_string_len(s, (int)n);
    while (n > 0) {
        if (buf_append(&b, s, bad) != 0 || buf_append(&b, "\xEF\xBF\xBD", 3) != 0)
            cli_die_nomem();
        s += bad + 1;
        n -= bad + 1;
        bad = cli_utf8_invalid_at(s, n);
        if (bad == n) {
            if (buf_append(&b, s, n) != 0)
                cli_die_nomem();
            break;
        }
    }
    o = json_object_new_string_len(b.p, (int)b.n);
    buf_free(&b);
    return o;
}

/* Annotates TEXT with reference date REF ("" for the command line's). On failure returns NULL
 * and writes the message into MSG, and for invalid UTF-8 the byte offset into *BAD. */
void
cli_too_long(const cli *c, char *msg, size_t msg_size)
{
    snprintf(msg, msg_size, "document longer than the limit of %zu bytes (--max-doc-bytes)",
             c->max_doc_bytes);
}

void
cli_huge_doc(size_t len)
{
#ifdef M_MMAP_THRESHOLD
    /* From the first document of 4 MB on, blocks of 4 MB and more (those of a huge document)
     * are mapped on their own, and so grow in place (mremap) instead of being copied: glibc
     * would otherwise raise its threshold after the first such block is freed and copy every
     * later one as it doubles, faulting in both copies (issue 13). Not before: small
     * documents and the model keep glibc's defaults. */
    if (len >= (size_t)4 << 20) {
        mallopt(M_MMAP_THRESHOLD, 4 << 20);
        /* The stages' arrays of one window, freed at the top of the heap, stay there for the
         * next window instead of being given back and faulted in again (a third of the page
         * faults of a 16 MB document) */
        mallopt(M_TRIM_THRESHOLD, 32 << 20);
    }
#else
    (void)len;
#endif
}

idner_result *
cli_annotate(cli *c, const char *text, size_t len, const char *ref, char *msg, size_t msg_size,
             size_t *bad)
{
    idner_annotate_options o = c->aopts;
    idner_result *r = NULL;
    idner_error err;
    idner_status st;

    *bad = (size_t)-1;
    if (len > c->max_doc_bytes) {
        cli_too_long(c, msg, msg_size);
        return NULL;
    }
    cli_huge_doc(len);
    o.ref_date = ref && ref[0] ? ref : (c->ref_date[0] ? c->ref_date : NULL);
    err.code = IDNER_OK;
    err.message[0] = '\0';
    st = idner_annotate(c->model, text, len, &o, &r, &err);
    if (st == IDNER_OK)
        return r;
    if (st == IDNER_ERR_UTF8) {
        *bad = cli_utf8_invalid_at(text, len);
        if (*bad < len) {
            snprintf(msg, msg_size, "invalid UTF-8 at byte %zu", *bad);
            return NULL;
        }
        *bad = (size_t)-1;
    }
    snprintf(msg, msg_size, "%s", err.message[0] ? err.message : idner_strerror(st));
    return NULL;
}

/* Opens NAME ("-" is standard input) for reading; NULL after a message on failure. */
FILE *
cli_open_input(cli *c, const char *name)
{
    FILE *f;

    if (strcmp(name, "-") == 0)
        return stdin;
    f = fopen(name, "rb");
    if (f == NULL) {
        progress_clear(c);
        fprintf(stderr, "idner: %s: %s\n", name, strerror(errno));
        c->setup_error = 1;
        return NULL;
    }
    setvbuf(f, NULL, _IOFBF, IO_BUFSIZE);
    return f;
}

void
cli_close_input(FILE *f)
{
    if (f != stdin)
        fclose(f);
}

const char *
cli_display_name(const char *name)
{
    return strcmp(name, "-") == 0 ? "stdin" : name;
}

int
cli_setup(cli *c)
{
    idner_model_options mo;
    idner_error err;

    idner_model_options_init(&mo);
    mo.data_dir = c->data_dir;
    mo.gazetteers = c->gazetteers.v;
    mo.n_gazetteers = c->gazetteers.n;
    mo.excludes = c->excludes.v;
    mo.n_excludes = c->excludes.n;
    err.code = IDNER_OK;
    err.message[0] = '\0';
    if (model_new(&mo, !c->untagged, &c->model, &err) != IDNER_OK) {
        fprintf(stderr, "idner: %s\n", err.message[0] ? err.message : idner_strerror(err.code));
        return EXIT_USAGE;
    }
    return 0;
}

void
cli_free(cli *c)
{
    if (c->tok)
        json_tokener_free(c->tok);
    idner_model_free(c->model);
    buf_free(&c->text);
    buf_free(&c->json_scratch);
    buf_free(&c->lines);
    free(c->cl);
    free(c->gazetteers.v);
    free(c->excludes.v);
    free(c->files.v);
}
