/*
 * cli/args.c: the options of `idner annotate` (SPEC.md section 1), shared by the subcommands
 * (eval adds its own through a cli_cmd), the usage text and the usage errors.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char cli_usage_text[] =
    "usage: idner annotate [OPTIONS] [FILE ...]\n"
    "       idner eval [OPTIONS] GOLD.conll [...]   (scores against gold tags: idner eval --help)\n"
    "       idner train [OPTIONS] -o MODEL TRAIN.conll [...]   (the tagger: idner train --help)\n"
    "       idner --help | --version\n"
    "\n"
    "Finds persons, organizations, places, dates and times in Indonesian text and writes\n"
    "them as JSON (one object per document). With no FILE, or when FILE is -, reads standard\n"
    "input.\n"
    "\n"
    "Options:\n"
    "  --input text|jsonl|conll   input format (default text: each FILE is one document)\n"
    "  --output FORMAT            output format (default jsonl):\n"
    "                  jsonl        one JSON object per document per line\n"
    "                  json         one pretty-printed JSON array\n"
    "                  conll        one token per line with its IOB tag (from CoNLL input:\n"
    "                               the input lines plus a tag column)\n"
    "                  tsv          one row per entity, with a header line (pandas)\n"
    "                  sqlite       tables documents, entities and runs (needs -o FILE;\n"
    "                               appending to a file adds a run)\n"
    "                  brat         DIR/NAME.txt and NAME.ann per document (needs -o DIR)\n"
    "                  labelstudio  a JSON array of Label Studio tasks with predictions\n"
    "                  timeml       DIR/NAME.tml per document, TIMEX3 (needs -o DIR)\n"
    "                  html         one page showing each document with its entities marked\n"
    "  -o, --output-file PATH     write to PATH instead of standard output\n"
    "  --keep-fields              copy every input field but text into the output (jsonl,\n"
    "                             json, sqlite)\n"
    "  --progress                 show the progress line on a terminal even when the output\n"
    "                             goes there too (by default it shows when standard error\n"
    "                             is a terminal and the output is not)\n"
    "  --quiet                    never show the progress line\n"
    "  --explain                  say for each entity what found it and which candidates\n"
    "                             lost to it, and why (an \"explain\" object; jsonl, json,\n"
    "                             tsv, sqlite, html, brat, labelstudio)\n"
    "  --ref-date YYYY-MM-DD      reference date for documents that have none of their own\n"
    "  --types LIST               comma list of types to emit: PER,ORG,LOC,DATE,TIME\n"
    "  --data-dir DIR             folder of the compiled data (default: $IDNER_DATA, the\n"
    "                             installed data, or the build tree's)\n"
    "  --gazetteer FILE           add a user gazetteer (TSV; repeatable)\n"
    "  --exclude FILE             remove the surface forms listed in FILE (repeatable)\n"
    "  --no-rules                 skip the context rules\n"
    "  --no-alias                 skip document-level short forms and repeats\n"
    "  --no-dates                 skip dates and times\n"
    "  --no-tagger                skip the learned tagger (names from the lists and rules)\n"
    "  --gazetteer-only           only gazetteer lookups (= --no-dates --no-rules --no-alias\n"
    "                             --no-tagger)\n"
    "  --countries all|places     all: every country mention is a place (default);\n"
    "                             places: only where it names a place (\"di Jepang\"), not a\n"
    "                             government, army or people (\"militer Iran\"), as in\n"
    "                             idner-news-2k\n"
    "  --threads N                annotate JSON Lines with N threads (output order unchanged)\n"
    "  --max-doc-bytes N          documents longer than N bytes (K, M, G: binary multiples;\n"
    "                             default 256M, less than 2G) are not annotated: each gets an\n"
    "                             {\"id\", \"error\"} object (text input stops reading there)\n"
    "  --help                     show this help\n"
    "  --version                  show the version\n"
    "\n"
    "Exit status: 0 all documents annotated; 1 usage or set-up error, or a failed write; 3\n"
    "some documents could not be annotated (each has an {\"id\", \"error\"} object in its\n"
    "place) or had a malformed \"date\" (annotated without it, with a \"warning\").\n"
    "\n"
    "Manual: man idner (the program), man libidner (the C library).\n";

int
cli_print(const char *text)
{
    if (fputs(text, stdout) == EOF || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "idner: standard output: %s\n", strerror(errno ? errno : EIO));
        return EXIT_USAGE;
    }
    return 0;
}

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

void
cli_strvec_push(strvec *v, const char *s)
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
static const char *const value_opts[] = {"input",   "output",    "output-file",   "ref-date",
                                         "types",   "data-dir",  "threads",       "gazetteer",
                                         "exclude", "countries", "max-doc-bytes", NULL};
/* Options that take none. */
static const char *const flag_opts[] = {"no-rules", "no-alias",       "no-dates",    "no-tagger",
                                        "explain",  "gazetteer-only", "keep-fields", "progress",
                                        "quiet",    "help",           "version",     NULL};

static int
in_list(const char *const *list, const char *name, size_t n)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], name, n) == 0)
            return 1;
    return 0;
}

/* A size in bytes: digits, optionally followed by K, M or G (binary multiples), from 1 to
 * CLI_MAX_DOC_BYTES_MAX. 0, or -1 when malformed or out of range. */
static int
parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long n;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    n = strtoull(s, &end, 10);
    if (errno)
        return -1;
    int shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (*end != '\0' || n == 0 || n > (CLI_MAX_DOC_BYTES_MAX >> shift))
        return -1;
    *out = (size_t)(n << shift);
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
        c->out_fmt = out_format_find(value);
        if (!c->out_fmt)
            return cli_usage_error("--output: unknown format '%s' (%s)", value, out_format_names());
    } else if (strcmp(name, "output-file") == 0) {
        if (value[0] == '\0')
            return cli_usage_error("--output-file: empty file name");
        c->out_path = strcmp(value, "-") == 0 ? NULL : value;
    } else if (strcmp(name, "keep-fields") == 0) {
        c->keep_fields = 1;
    } else if (strcmp(name, "progress") == 0) {
        c->progress_mode = 1;
    } else if (strcmp(name, "quiet") == 0) {
        c->progress_mode = -1;
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
    } else if (strcmp(name, "max-doc-bytes") == 0) {
        if (parse_size(value, &c->max_doc_bytes) != 0)
            return cli_usage_error("--max-doc-bytes: '%s' is not a size from 1 to %zu bytes (a "
                                   "number, optionally with K, M or G)",
                                   value, CLI_MAX_DOC_BYTES_MAX);
    } else if (strcmp(name, "gazetteer") == 0) {
        cli_strvec_push(&c->gazetteers, value);
    } else if (strcmp(name, "exclude") == 0) {
        cli_strvec_push(&c->excludes, value);
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
    } else if (strcmp(name, "no-tagger") == 0) {
        c->aopts.flags |= IDNER_NO_TAGGER;
    } else if (strcmp(name, "explain") == 0) {
        c->aopts.flags |= IDNER_EXPLAIN;
    } else if (strcmp(name, "gazetteer-only") == 0) {
        c->aopts.flags |= IDNER_NO_DATES | IDNER_NO_RULES | IDNER_NO_ALIAS | IDNER_NO_TAGGER;
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
            cli_strvec_push(&c->files, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0)
            a = "--help";
        else if (strcmp(a, "-o") == 0)
            a = "--output-file";
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
        if (strcmp(name, "help") == 0)
            return cli_print(cmd ? cmd->usage : cli_usage_text);
        if (strcmp(name, "version") == 0) {
            char v[64];
            snprintf(v, sizeof v, "idner %s\n", idner_version());
            return cli_print(v);
        }
        r = cmd ? cmd->option(c, name, value) : -1;
        if (r == -1)
            r = apply_option(c, name, value);
        if (r != 0)
            return r;
    }
    if (c->threads > 1 && (c->in != IN_JSONL || c->out_fmt != out_format_find("jsonl")))
        return cli_usage_error("--threads works with --input jsonl --output jsonl");
    if (c->keep_fields && c->in != IN_JSONL)
        return cli_usage_error("--keep-fields needs --input jsonl (other inputs have no fields)");
    if (c->keep_fields && !(c->out_fmt->flags & OUT_FIELDS))
        return cli_usage_error("--keep-fields: --output %s has no place for input fields",
                               c->out_fmt->name);
    if ((c->out_fmt->flags & (OUT_TO_DIR | OUT_NEEDS_FILE)) && !c->out_path)
        return cli_usage_error("--output %s needs -o %s", c->out_fmt->name,
                               (c->out_fmt->flags & OUT_TO_DIR) ? "DIR" : "FILE");
    return -1;
}
