/*
 * cli/doc.c: what every reader does with a document (SPEC.md sections 2 and 5): loading the
 * model, annotating with error reporting, and writing document and error objects in the
 * output format, in input order.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model.h"
#include "out/emit.h"

void
cli_out_write(cli *c, const char *s, size_t n)
{
    if (c->capture) {
        if (buf_append(c->capture, s, n) != 0)
            cli_die_nomem();
        return;
    }
    if (n && c->out_f && fwrite(s, 1, n, c->out_f) != n)
        c->setup_error = 1; /* reported once at the end, through ferror */
}

/* DOC (consumed) with "id": null put first: emit_* take NULL for "no id". */
static json_object *
with_null_id(json_object *doc)
{
    json_object *o = json_object_new_object();

    if (o == NULL || json_object_object_add(o, "id", NULL) != 0)
        cli_die_nomem();
    json_object_object_foreach(doc, key, val)
    {
        if (json_object_object_add(o, key, json_object_get(val)) != 0)
            cli_die_nomem();
    }
    json_object_put(doc);
    return o;
}

/* Writes document object DOC (consumed) in the output format. */
void
cli_write_doc(cli *c, json_object *doc)
{
    const char *s;
    size_t n = 0;

    if (doc == NULL)
        cli_die_nomem();
    if (c->id_null) {
        doc = with_null_id(doc);
        c->id_null = 0;
    }
    if (c->out == OUT_JSON) {
        const char *p, *end;

        s = json_object_to_json_string_length(
            doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE,
            &n);
        if (s == NULL)
            cli_die_nomem();
        /* Indent the object by two spaces inside the array. JSON strings never hold a raw
         * newline, so every "\n" is a line break of the layout. */
        c->scratch.n = 0;
        if (buf_append(&c->scratch, c->docs_out ? ",\n  " : "\n  ", 4 - !c->docs_out) != 0)
            cli_die_nomem();
        for (p = s, end = s + n; p < end;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

            if (buf_append(&c->scratch, p, len) != 0 ||
                (nl && buf_append(&c->scratch, "  ", 2) != 0))
                cli_die_nomem();
            p += len;
        }
        cli_out_write(c, c->scratch.p, c->scratch.n);
    } else {
        s = json_object_to_json_string_length(
            doc, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);
        if (s == NULL)
            cli_die_nomem();
        cli_out_write(c, s, n);
        cli_out_write(c, "\n", 1);
    }
    c->docs_out++;
    json_object_put(doc);
}

void
cli_write_result(cli *c, json_object *id, const idner_result *r)
{
    if (c->out != OUT_JSONL || c->id_null) {
        cli_write_doc(c, emit_document(id, r));
        return;
    }
    /* JSON Lines: the compact writer, which makes no object per entity */
    c->compact.out.n = 0;
    if (emit_document_compact(&c->compact, id, r) != 0)
        cli_die_nomem();
    json_object_put(id);
    cli_out_write(c, c->compact.out.p, c->compact.out.n);
    cli_out_write(c, "\n", 1);
    c->docs_out++;
}

/* A document that could not be annotated: a message on stderr naming FILE and LINE, and an
 * error object with ID (consumed) in its place. */
void
cli_doc_failed(cli *c, json_object *id, const char *file, size_t line, const char *msg)
{
    if (c->errs) {
        char text[600];
        int n = snprintf(text, sizeof text, "idner: %s:%zu: %s\n", file, line, msg);
        if (n > 0 &&
            buf_append(c->errs, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1) != 0)
            cli_die_nomem();
    } else {
        fprintf(stderr, "idner: %s:%zu: %s\n", file, line, msg);
    }
    c->doc_error = 1;
    if (c->out == OUT_CONLL)
        json_object_put(id);
    else
        cli_write_doc(c, emit_error(id, msg));
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
idner_result *
cli_annotate(cli *c, const char *text, size_t len, const char *ref, char *msg, size_t msg_size,
             size_t *bad)
{
    idner_annotate_options o = c->aopts;
    idner_result *r = NULL;
    idner_error err;
    idner_status st;

    *bad = (size_t)-1;
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
    c->tok = json_tokener_new();
    if (c->tok == NULL)
        cli_die_nomem();
    json_tokener_set_flags(c->tok, JSON_TOKENER_STRICT);
    return 0;
}

void
cli_free(cli *c)
{
    if (c->tok)
        json_tokener_free(c->tok);
    idner_model_free(c->model);
    buf_free(&c->text);
    buf_free(&c->scratch);
    emit_buf_free(&c->compact);
    buf_free(&c->lines);
    free(c->cl);
    free(c->gazetteers.v);
    free(c->excludes.v);
    free(c->files.v);
}
