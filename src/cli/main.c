/*
 * main.c: the `idner` command-line program (SPEC.md section 1: options and formats; section 2:
 * the document objects; section 5: bad input).
 *
 *   idner annotate [OPTIONS] [FILE ...]
 *   idner eval [OPTIONS] GOLD.conll [...]     (eval.c)
 *
 * The model is created once; documents are then read, annotated and written one at a time in
 * input order, so memory stays bounded by the largest single document (for JSON Lines: the
 * longest line) whatever the size of the input. Buffers are reused from one document to the
 * next. This file holds the options, the output and --input text; jsonl.c and conll.c read the
 * other formats.
 *
 * Exit status: 0 all documents annotated; 1 a usage or set-up error (bad option, missing data,
 * unreadable file, write error); 3 some documents could not be annotated (each has an error
 * object in its place and a message on standard error). 1 wins over 3.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit.h"

#define EXIT_USAGE 1
#define EXIT_BAD_DOCS 3
#define IO_BUFSIZE (1u << 20)

static const char usage_text[] =
    "usage: idner annotate [OPTIONS] [FILE ...]\n"
    "       idner eval [OPTIONS] GOLD.conll [...]   (scores against gold tags: idner eval --help)\n"
    "       idner --help | --version\n"
    "\n"
    "Finds persons, organizations, places, dates and times in Indonesian text and writes\n"
    "them as JSON (one object per document). With no FILE, or when FILE is -, reads standard\n"
    "input.\n"
    "\n"
    "Options:\n"
    "  --input text|jsonl|conll   input format (default text: each FILE is one document)\n"
    "  --output jsonl|json|conll  output format (default jsonl; conll needs --input conll)\n"
    "  --ref-date YYYY-MM-DD      reference date for documents that have none of their own\n"
    "  --types LIST               comma list of types to emit: PER,ORG,LOC,DATE,TIME\n"
    "  --data-dir DIR             folder of the compiled data (default: $IDNER_DATA, the\n"
    "                             installed data, or the build tree's)\n"
    "  --gazetteer FILE           add a user gazetteer (TSV; repeatable)\n"
    "  --exclude FILE             remove the surface forms listed in FILE (repeatable)\n"
    "  --no-rules                 skip the context rules\n"
    "  --no-alias                 skip document-level short forms and repeats\n"
    "  --no-dates                 skip dates and times\n"
    "  --gazetteer-only           only gazetteer lookups (= --no-dates --no-rules --no-alias)\n"
    "  --countries all|places     all: every country mention is a place (default, SPEC.md);\n"
    "                             places: only where it names a place (\"di Jepang\"), not a\n"
    "                             government, army or people (\"militer Iran\"), as in\n"
    "                             idner-news-2k\n"
    "  --threads N                annotate JSON Lines with N threads (output order unchanged)\n"
    "  --help                     show this help\n"
    "  --version                  show the version\n"
    "\n"
    "Exit status: 0 all documents annotated; 1 usage or set-up error; 3 some documents could\n"
    "not be annotated (each has an {\"id\", \"error\"} object in its place).\n";

void
cli_die_nomem(void)
{
    fputs("idner: out of memory\n", stderr);
    exit(EXIT_USAGE);
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int
cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("idner: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'idner --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static void
strvec_push(strvec *v, const char *s)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        const char **p = realloc(v->v, cap * sizeof *p);

        if (p == NULL)
            cli_die_nomem();
        v->v = p;
        v->cap = cap;
    }
    v->v[v->n++] = s;
}

/* ---- options ---------------------------------------------------------------------------- */

int
cli_parse_types(const char *list, uint32_t *out)
{
    const char *p = list;

    *out = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[16];
        size_t i;
        idner_type t;

        if (n == 0 || n >= sizeof name)
            return -1;
        for (i = 0; i < n; i++) {
            char ch = p[i];
            name[i] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
        }
        name[n] = '\0';
        t = idner_type_from_name(name);
        if (t == 0)
            return -1;
        *out |= IDNER_TYPE_BIT(t);
        if (comma == NULL)
            return 0;
        p = comma + 1;
    }
}

/* Options that take a value. */
static const char *const value_opts[] = {"input",   "output",    "ref-date", "types", "data-dir",
                                         "threads", "gazetteer", "exclude",  "countries", NULL};
/* Options that take none. */
static const char *const flag_opts[] = {"no-rules", "no-alias", "no-dates", "gazetteer-only",
                                        "help",     "version",  NULL};

static int
in_list(const char *const *list, const char *name, size_t n)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], name, n) == 0)
            return 1;
    return 0;
}

/* Applies one option NAME (without "--") with VALUE. Returns 0, or an exit status. */
static int
apply_option(cli *c, const char *name, const char *value)
{
    if (strcmp(name, "input") == 0) {
        if (strcmp(value, "text") == 0)
            c->in = IN_TEXT;
        else if (strcmp(value, "jsonl") == 0)
            c->in = IN_JSONL;
        else if (strcmp(value, "conll") == 0)
            c->in = IN_CONLL;
        else
            return cli_usage_error("--input: unknown format '%s' (text, jsonl or conll)", value);
    } else if (strcmp(name, "output") == 0) {
        if (strcmp(value, "jsonl") == 0)
            c->out = OUT_JSONL;
        else if (strcmp(value, "json") == 0)
            c->out = OUT_JSON;
        else if (strcmp(value, "conll") == 0)
            c->out = OUT_CONLL;
        else
            return cli_usage_error("--output: unknown format '%s' (jsonl, json or conll)", value);
    } else if (strcmp(name, "ref-date") == 0) {
        if (cli_parse_date(value, strlen(value), c->ref_date) != 0 || strlen(value) > 10)
            return cli_usage_error("--ref-date: '%s' is not a date YYYY-MM-DD", value);
    } else if (strcmp(name, "types") == 0) {
        if (cli_parse_types(value, &c->aopts.types) != 0)
            return cli_usage_error("--types: bad list '%s' (use PER,ORG,LOC,DATE,TIME)", value);
    } else if (strcmp(name, "data-dir") == 0) {
        if (value[0] == '\0')
            return cli_usage_error("--data-dir: empty folder name");
        c->data_dir = value;
    } else if (strcmp(name, "threads") == 0) {
        char *end;
        long n = strtol(value, &end, 10);
        if (*value == '\0' || *end != '\0' || n < 1 || n > 64)
            return cli_usage_error("--threads: '%s' is not a number from 1 to 64", value);
        c->threads = (unsigned)n;
    } else if (strcmp(name, "gazetteer") == 0) {
        strvec_push(&c->gazetteers, value);
    } else if (strcmp(name, "exclude") == 0) {
        strvec_push(&c->excludes, value);
    } else if (strcmp(name, "countries") == 0) {
        if (strcmp(value, "all") == 0)
            c->aopts.flags &= ~IDNER_COUNTRY_PLACES;
        else if (strcmp(value, "places") == 0)
            c->aopts.flags |= IDNER_COUNTRY_PLACES;
        else
            return cli_usage_error("--countries: unknown mode '%s' (all or places)", value);
    } else if (strcmp(name, "no-rules") == 0) {
        c->aopts.flags |= IDNER_NO_RULES;
    } else if (strcmp(name, "no-alias") == 0) {
        c->aopts.flags |= IDNER_NO_ALIAS;
    } else if (strcmp(name, "no-dates") == 0) {
        c->aopts.flags |= IDNER_NO_DATES;
    } else if (strcmp(name, "gazetteer-only") == 0) {
        c->aopts.flags |= IDNER_NO_DATES | IDNER_NO_RULES | IDNER_NO_ALIAS;
    }
    return 0;
}

/* Parses ARGV after the command name. Returns -1 to go on, else an exit status. */
int
cli_parse_args(cli *c, int argc, char **argv, const cli_cmd *cmd)
{
    int i, only_files = 0;

    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *eq, *value = NULL;
        char name[32];
        size_t n;
        int r;

        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            strvec_push(&c->files, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0)
            a = "--help";
        if (a[1] != '-')
            return cli_usage_error("unknown option '%s'", a);
        eq = strchr(a + 2, '=');
        n = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        if (in_list(flag_opts, a + 2, n) || (cmd && in_list(cmd->flag_opts, a + 2, n))) {
            if (eq)
                return cli_usage_error("option '%s' takes no value", a);
        } else if (in_list(value_opts, a + 2, n) || (cmd && in_list(cmd->value_opts, a + 2, n))) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                return cli_usage_error("option '%s' needs a value", a);
            }
        } else {
            return cli_usage_error("unknown option '%s'", a);
        }
        memcpy(name, a + 2, n);
        name[n] = '\0';
        if (strcmp(name, "help") == 0) {
            fputs(cmd ? cmd->usage : usage_text, stdout);
            return 0;
        }
        if (strcmp(name, "version") == 0) {
            printf("idner %s\n", idner_version());
            return 0;
        }
        r = cmd ? cmd->option(c, name, value) : -1;
        if (r == -1)
            r = apply_option(c, name, value);
        if (r != 0)
            return r;
    }
    if (c->out == OUT_CONLL && c->in != IN_CONLL)
        return cli_usage_error("--output conll needs --input conll");
    if (c->threads > 1 && (c->in != IN_JSONL || c->out != OUT_JSONL))
        return cli_usage_error("--threads works with --input jsonl --output jsonl");
    return -1;
}

/* ---- output ----------------------------------------------------------------------------- */

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
        if (n > 0 && buf_append(c->errs, text, (size_t)n < sizeof text ? (size_t)n
                                                                         : sizeof text - 1) != 0)
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
static json_object *
string_id(const char *s)
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

/* ---- annotation ------------------------------------------------------------------------- */

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

/* --input text: the whole of NAME is one document, its id the name as given. */
static void
run_text_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    idner_result *r;
    char msg[300];
    size_t bad;

    if (f == NULL)
        return;
    if (cli_read_all(f, &c->text) != 0) {
        fprintf(stderr, "idner: %s: %s\n", shown, strerror(errno));
        c->setup_error = 1;
        cli_close_input(f);
        return;
    }
    cli_close_input(f);
    r = cli_annotate(c, c->text.p ? c->text.p : "", c->text.n, NULL, msg, sizeof msg, &bad);
    if (r == NULL) {
        cli_doc_failed(c, string_id(shown), shown,
                       bad != (size_t)-1 ? cli_line_of(c->text.p, bad) : 1, msg);
        return;
    }
    cli_write_result(c, string_id(shown), r);
    idner_result_free(r);
}

/* ---- main ------------------------------------------------------------------------------- */

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
    if (idner_model_new(&mo, &c->model, &err) != IDNER_OK) {
        fprintf(stderr, "idner: %s\n", err.message[0] ? err.message : idner_strerror(err.code));
        return EXIT_USAGE;
    }
    c->tok = json_tokener_new();
    if (c->tok == NULL)
        cli_die_nomem();
    json_tokener_set_flags(c->tok, JSON_TOKENER_STRICT);
    return 0;
}

static int
run(cli *c)
{
    size_t i;

    if (cli_setup(c) != 0)
        return EXIT_USAGE;
    c->out_f = stdout;
    setvbuf(stdout, NULL, _IOFBF, IO_BUFSIZE);
    setvbuf(stdin, NULL, _IOFBF, IO_BUFSIZE);
    if (c->files.n == 0)
        strvec_push(&c->files, "-");
    if (c->out == OUT_JSON)
        cli_out_write(c, "[", 1);
    for (i = 0; i < c->files.n; i++) {
        if (c->in == IN_TEXT)
            run_text_file(c, c->files.v[i]);
        else if (c->in == IN_JSONL)
            jsonl_run_file(c, c->files.v[i]);
        else
            conll_run_file(c, c->files.v[i]);
    }
    if (c->out == OUT_JSON)
        cli_out_write(c, "\n]\n", 3);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "idner: write error: %s\n", strerror(errno));
        c->setup_error = 1;
    }
    if (c->setup_error)
        return EXIT_USAGE;
    return c->doc_error ? EXIT_BAD_DOCS : 0;
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

int
main(int argc, char **argv)
{
    cli c;
    int status;

    memset(&c, 0, sizeof c);
    idner_annotate_options_init(&c.aopts);
    if (argc < 2)
        return cli_usage_error("missing command (try 'idner annotate FILE')");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("idner %s\n", idner_version());
        return 0;
    }
    if (strcmp(argv[1], "eval") == 0) {
        status = eval_main(&c, argc - 2, argv + 2);
        cli_free(&c);
        return status;
    }
    if (strcmp(argv[1], "annotate") != 0)
        return cli_usage_error("unknown %s '%s'", argv[1][0] == '-' ? "option" : "command", argv[1]);
    status = cli_parse_args(&c, argc - 2, argv + 2, NULL);
    if (status < 0)
        status = run(&c);
    cli_free(&c);
    return status;
}
