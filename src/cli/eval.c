/*
 * eval.c: `idner eval [OPTIONS] GOLD.conll [...]` (issue 5, item 3): annotates CoNLL files
 * exactly as `idner annotate --input conll --output conll` does (conll.c reads and tags; this
 * file sees each tagged sentence through cli.on_sentence) and scores the predicted tags against
 * the gold tag in the last column of each input line, at entity level as CoNLL-2003 does and as
 * ../shared/tools/conll_score.py does on annotate's output:
 *
 *  - gold type names are mapped (PERSON->PER, PLACE/LOCATION->LOC, ORGANISATION/ORGANIZATION->
 *    ORG, PPL->PER, PLC->LOC, IND->ORG, then --map GOLD=OURS); a tag whose type is not one of
 *    --types (default PER,ORG,LOC), or whose prefix is neither B nor I, counts as O;
 *  - spans: B-X starts one; I-X continues an open X span, else (after O or another type) starts
 *    one; a span counts as a true positive only when start, end and type match a gold span;
 *  - "sentences" are the runs of non-blank lines (a -DOCSTART- line counts, as in the script).
 *
 * Output: with --errors, each false alarm and miss in context ("FP ORG "Dewan Keamanan" | the
 * sentence"), false alarms first, sentence by sentence; then one line per type in alphabetical
 * order and a micro-averaged line. --output-conll FILE also writes annotate's CoNLL output.
 *
 * Exit status: 0; 1 for a usage error, an unreadable file or a line with fewer than two columns
 * (no scores are printed); 3 when a sentence could not be annotated (invalid UTF-8: it is
 * reported on stderr, scored with all-O predictions, and the scores are printed).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define N_TYPES 6 /* idner_type values are 1..5 */

static const char eval_usage[] =
    "usage: idner eval [OPTIONS] GOLD.conll [...]\n"
    "\n"
    "Annotates CoNLL files (token in the first column, gold IOB tag in the last; a blank line\n"
    "ends a sentence; each sentence is one document, as with annotate --input conll) and\n"
    "prints entity-level precision, recall and F1 per type and micro-averaged (CoNLL-2003:\n"
    "a predicted entity counts only when its type, start and end match a gold entity).\n"
    "\n"
    "Options:\n"
    "  --types LIST               types to score (default PER,ORG,LOC; DATE,TIME allowed);\n"
    "                             other types count as O on both sides\n"
    "  --map GOLD=OURS            read gold type GOLD as OURS (repeatable; built in:\n"
    "                             PERSON=PER PLACE=LOC LOCATION=LOC ORGANISATION=ORG\n"
    "                             ORGANIZATION=ORG PPL=PER PLC=LOC IND=ORG)\n"
    "  --errors                   list false alarms (FP) and misses (FN) with their sentence\n"
    "  --output-conll FILE        also write the annotated CoNLL (input lines + predicted tag)\n"
    "  --ref-date, --data-dir, --gazetteer, --exclude, --no-rules, --no-alias, --no-dates,\n"
    "  --no-tagger, --gazetteer-only, --countries all|places\n"
    "                             as for idner annotate\n"
    "  --help                     show this help\n"
    "\n"
    "Exit status: 0 scored; 1 usage error, unreadable file or a line with fewer than two\n"
    "columns; 3 some sentences could not be annotated (scored as all O).\n";

static const char *const eval_value_opts[] = {"map", "output-conll", NULL};
static const char *const eval_flag_opts[] = {"errors", NULL};

typedef struct tag_map {
    char *from; /* gold type name (owned) */
    int to;     /* idner_type, or 0 for O */
} tag_map;

static const struct {
    const char *from;
    int to;
} default_map[] = {{"PERSON", IDNER_PER},       {"PLACE", IDNER_LOC},
                   {"LOCATION", IDNER_LOC},     {"ORGANISATION", IDNER_ORG},
                   {"ORGANIZATION", IDNER_ORG}, {"PPL", IDNER_PER},
                   {"PLC", IDNER_LOC},          {"IND", IDNER_ORG}};

typedef struct span {
    size_t start, end; /* token indices, end exclusive */
    int type;
} span;

struct eval {
    uint32_t keep; /* scored types, IDNER_TYPE_BIT mask */
    int errors;    /* --errors */
    const char *conll_out;
    tag_map *map; /* --map, in command-line order (a later one wins) */
    size_t n_map;
    size_t tp[N_TYPES], fp[N_TYPES], fn[N_TYPES];
    /* The current sentence: encoded tags (0 for O, type << 1 for B-, (type << 1) | 1 for I-),
     * its spans, and which gold spans were found. */
    int *gold, *pred;
    span *gs, *ps;
    unsigned char *found;
    size_t cap;
    gold_fn on_gold; /* eval_file: each sentence's gold names go here too */
    void *gold_arg;
    gold_name *names;
};

/* ---- options ---------------------------------------------------------------------------- */

/* The idner_type named by S[0, N) (case-sensitive, as the gold columns are), or 0. */
static int
type_named(const char *s, size_t n)
{
    int t;

    for (t = 1; t < N_TYPES; t++) {
        const char *name = idner_type_name((idner_type)t);

        if (name && strlen(name) == n && memcmp(name, s, n) == 0)
            return t;
    }
    return 0;
}

int
eval_add_map(eval *e, const char *value)
{
    const char *eq = strchr(value, '=');
    char up[16];
    size_t i, n;
    int to;
    tag_map *m;

    if (eq == NULL || eq == value)
        return cli_usage_error("--map: '%s' is not GOLD=OURS (e.g. PERSON=PER)", value);
    n = strlen(eq + 1);
    for (i = 0; i < n && i < sizeof up - 1; i++)
        up[i] = (eq[1 + i] >= 'a' && eq[1 + i] <= 'z') ? (char)(eq[1 + i] - 'a' + 'A') : eq[1 + i];
    up[i] = '\0';
    to = n < sizeof up ? type_named(up, n) : 0;
    if (to == 0 && strcmp(up, "O") != 0)
        return cli_usage_error("--map: '%s' is not one of PER,ORG,LOC,DATE,TIME or O", eq + 1);
    m = realloc(e->map, (e->n_map + 1) * sizeof *m);
    if (m == NULL)
        cli_die_nomem();
    e->map = m;
    m = &e->map[e->n_map];
    m->from = malloc((size_t)(eq - value) + 1);
    if (m->from == NULL)
        cli_die_nomem();
    memcpy(m->from, value, (size_t)(eq - value));
    m->from[eq - value] = '\0';
    m->to = to;
    e->n_map++;
    return 0;
}

static int
eval_option(cli *c, const char *name, const char *value)
{
    eval *e = c->hook_arg;

    if (strcmp(name, "types") == 0) {
        if (cli_parse_types(value, &e->keep) != 0)
            return cli_usage_error("--types: bad list '%s' (use PER,ORG,LOC,DATE,TIME)", value);
    } else if (strcmp(name, "map") == 0) {
        return eval_add_map(e, value);
    } else if (strcmp(name, "errors") == 0) {
        e->errors = 1;
    } else if (strcmp(name, "output-conll") == 0) {
        if (value[0] == '\0' || strcmp(value, "-") == 0)
            return cli_usage_error("--output-conll: give a file name");
        e->conll_out = value;
    } else if (strcmp(name, "input") == 0 || strcmp(name, "output") == 0 ||
               strcmp(name, "output-file") == 0 || strcmp(name, "keep-fields") == 0 ||
               strcmp(name, "explain") == 0) {
        return cli_usage_error("--%s is not an option of idner eval (it reads CoNLL)", name);
    } else {
        return -1;
    }
    return 0;
}

static const cli_cmd eval_cmd = {eval_value_opts, eval_flag_opts, eval_option, eval_usage};

/* ---- one sentence ----------------------------------------------------------------------- */

/* The byte length of the whitespace character at P (before END) as Python's str.split() sees
 * it, or 0. */
static size_t
space_len(const unsigned char *p, const unsigned char *end)
{
    unsigned cp;

    if (*p == ' ' || (*p >= '\t' && *p <= '\r') || (*p >= 0x1c && *p <= 0x1f))
        return 1;
    if (*p == 0xC2 && end - p >= 2)
        return (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    if (end - p < 3 || (*p != 0xE1 && *p != 0xE2 && *p != 0xE3) || (p[1] & 0xC0) != 0x80 ||
        (p[2] & 0xC0) != 0x80)
        return 0;
    cp = ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3Fu);
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return 3;
    return 0;
}

/* The number of whitespace-separated columns of LINE (up to 2 are counted), and its last. */
static size_t
last_column(const char *line, size_t len, const char **col, size_t *col_len)
{
    const unsigned char *p = (const unsigned char *)line, *end = p + len, *start = NULL;
    size_t cols = 0;

    *col = NULL;
    *col_len = 0;
    while (p < end) {
        size_t sp = space_len(p, end);

        if (sp) {
            if (start) {
                *col = (const char *)start;
                *col_len = (size_t)(p - start);
                start = NULL;
            }
            p += sp;
        } else {
            if (start == NULL) {
                start = p;
                cols += cols < 2;
            }
            p++;
        }
    }
    if (start) {
        *col = (const char *)start;
        *col_len = (size_t)(end - start);
    }
    return cols;
}

/* Encodes tag S[0, N): O, a prefix other than B or I, or a type outside --types gives 0. Gold
 * type names go through --map and the built-in names first. */
static int
encode_tag(const eval *e, const char *s, size_t n, int gold)
{
    const char *dash = memchr(s, '-', n), *typ;
    size_t i, tn;
    int t = -1;

    if (dash == NULL || dash - s != 1 || (s[0] != 'B' && s[0] != 'I'))
        return 0;
    typ = dash + 1;
    tn = n - 2;
    for (i = e->n_map; gold && t < 0 && i-- > 0;)
        if (strlen(e->map[i].from) == tn && memcmp(e->map[i].from, typ, tn) == 0)
            t = e->map[i].to;
    for (i = 0; gold && t < 0 && i < sizeof default_map / sizeof default_map[0]; i++)
        if (strlen(default_map[i].from) == tn && memcmp(default_map[i].from, typ, tn) == 0)
            t = default_map[i].to;
    if (t < 0)
        t = type_named(typ, tn);
    if (t == 0 || !(e->keep & IDNER_TYPE_BIT(t)))
        return 0;
    return (t << 1) | (s[0] == 'I');
}

/* The spans of TAGS[0, N) into OUT (room for N), in order; returns their number. */
static size_t
find_spans(const int *tags, size_t n, span *out)
{
    size_t i, k = 0, start = SIZE_MAX;
    int type = 0;

    for (i = 0; i <= n; i++) {
        int t = i < n ? tags[i] : 0;
        int inside = (t & 1) && start != SIZE_MAX && (t >> 1) == type;

        if (start != SIZE_MAX && !inside) {
            out[k].start = start;
            out[k].end = i;
            out[k++].type = type;
            start = SIZE_MAX;
        }
        if (t && !inside) {
            start = i;
            type = t >> 1;
        }
    }
    return k;
}

static void
grow(eval *e, size_t n)
{
    size_t cap = e->cap ? e->cap : 64;

    if (n <= e->cap)
        return;
    while (cap < n)
        cap *= 2;
    free(e->gold);
    free(e->pred);
    free(e->gs);
    free(e->ps);
    free(e->found);
    free(e->names);
    e->names = malloc(cap * sizeof *e->names);
    e->gold = malloc(cap * sizeof *e->gold);
    e->pred = malloc(cap * sizeof *e->pred);
    e->gs = malloc(cap * sizeof *e->gs);
    e->ps = malloc(cap * sizeof *e->ps);
    e->found = malloc(cap);
    if (!e->gold || !e->pred || !e->gs || !e->ps || !e->found || !e->names)
        cli_die_nomem();
    e->cap = cap;
}

/* "FP ORG "Dewan Keamanan" | the sentence" for span S of the current sentence. */
static void
print_error(const cli *c, const char *what, const span *s)
{
    const conll_line *first = &c->cl[s->start], *last = &c->cl[s->end - 1];

    printf("%s %s \"", what, idner_type_name((idner_type)s->type));
    fwrite(c->text.p + first->tok_off, 1, last->tok_off + last->tok_len - first->tok_off, stdout);
    fputs("\" | ", stdout);
    fwrite(c->text.p, 1, c->text.n, stdout);
    putchar('\n');
}

/* cli.on_sentence: scores the current sentence. */
static void
eval_sentence(cli *c, const char *shown)
{
    eval *e = c->hook_arg;
    size_t i, j, ng, np, n = c->n_cl;

    grow(e, n);
    for (i = 0; i < n; i++) {
        const conll_line *l = &c->cl[i];
        const char *col;
        size_t col_len;

        if (last_column(c->lines.p + l->off, l->len, &col, &col_len) < 2) {
            fprintf(stderr, "idner: %s:%zu: fewer than 2 columns (token and gold tag)\n", shown,
                    l->lineno);
            c->setup_error = 1;
            c->stop = 1;
            return;
        }
        e->gold[i] = encode_tag(e, col, col_len, 1);
        e->pred[i] = encode_tag(e, l->tag, strlen(l->tag), 0);
    }
    ng = find_spans(e->gold, n, e->gs);
    np = find_spans(e->pred, n, e->ps);
    if (e->on_gold) {
        for (i = 0; i < ng; i++) {
            const conll_line *last = &c->cl[e->gs[i].end - 1];
            e->names[i].byte_start = c->cl[e->gs[i].start].tok_off;
            e->names[i].byte_end = last->tok_off + last->tok_len;
            e->names[i].type = e->gs[i].type;
        }
        e->on_gold(c, e->gold_arg, e->names, ng);
    }
    memset(e->found, 0, ng);
    /* Both lists are sorted and non-overlapping: one pass matches them. */
    for (i = j = 0; i < np; i++) {
        const span *p = &e->ps[i];

        while (j < ng && e->gs[j].start < p->start)
            j++;
        if (j < ng && e->gs[j].start == p->start && e->gs[j].end == p->end &&
            e->gs[j].type == p->type) {
            e->tp[p->type]++;
            e->found[j] = 1;
        } else {
            e->fp[p->type]++;
            if (e->errors)
                print_error(c, "FP", p);
        }
    }
    for (j = 0; j < ng; j++) {
        if (e->found[j])
            continue;
        e->fn[e->gs[j].type]++;
        if (e->errors)
            print_error(c, "FN", &e->gs[j]);
    }
}

/* ---- the table -------------------------------------------------------------------------- */

static void
print_prf(size_t tp, size_t fp, size_t fn)
{
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
    double r = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
    double f1 = p + r > 0.0 ? 2 * p * r / (p + r) : 0.0;

    printf(" P=%.3f R=%.3f F1=%.3f\n", p, r, f1);
}

static void
print_table(const cli *c, const eval *e)
{
    /* Alphabetical, as conll_score.py prints them. */
    static const int order[] = {IDNER_DATE, IDNER_LOC, IDNER_ORG, IDNER_PER, IDNER_TIME};
    size_t i, tp = 0, fp = 0, fn = 0;

    for (i = 0; i < sizeof order / sizeof order[0]; i++) {
        int t = order[i];

        if (!(e->keep & IDNER_TYPE_BIT(t)))
            continue;
        printf("%-5s gold=%5zu pred=%5zu tp=%5zu", idner_type_name((idner_type)t),
               e->tp[t] + e->fn[t], e->tp[t] + e->fp[t], e->tp[t]);
        print_prf(e->tp[t], e->fp[t], e->fn[t]);
        tp += e->tp[t];
        fp += e->fp[t];
        fn += e->fn[t];
    }
    printf("micro sentences=%zu gold=%zu pred=%zu tp=%zu", c->conll_runs, tp + fn, tp + fp, tp);
    print_prf(tp, fp, fn);
}

/* ---- main ------------------------------------------------------------------------------- */

static int
eval_run(cli *c, eval *e)
{
    size_t i;
    int status;

    if (c->files.n == 0)
        return cli_usage_error("eval: missing GOLD.conll (try 'idner eval --help')");
    for (i = 0; i < c->files.n; i++) { /* fail before the model loads */
        const char *name = c->files.v[i];
        FILE *f = strcmp(name, "-") == 0 ? NULL : fopen(name, "rb");

        if (f == NULL && strcmp(name, "-") != 0) {
            fprintf(stderr, "idner: %s: %s\n", name, strerror(errno));
            return 1;
        }
        if (f)
            fclose(f);
    }
    if (e->conll_out) { /* the tagged lines go to --output-conll */
        char msg[600];
        out_run run = {.path = e->conll_out, .version = idner_version()};

        c->out = out_open(out_format_find("conll"), &run, msg, sizeof msg);
        if (!c->out) {
            fprintf(stderr, "idner: %s\n", msg);
            return 1;
        }
    }
    status = cli_setup(c);
    if (status != 0)
        return status;
    c->in = IN_CONLL;
    c->on_sentence = eval_sentence;
    for (i = 0; i < c->files.n && !c->stop; i++)
        conll_run_file(c, c->files.v[i]);
    if (c->out) {
        char msg[600];

        if (out_close(c->out, msg, sizeof msg) != 0) {
            fprintf(stderr, "idner: %s\n", msg);
            c->setup_error = 1;
        }
        c->out = NULL;
    }
    if (!c->setup_error)
        print_table(c, e);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "idner: write error: %s\n", strerror(errno));
        c->setup_error = 1;
    }
    if (c->setup_error)
        return 1;
    return c->doc_error ? 3 : 0;
}

int
eval_main(cli *c, int argc, char **argv)
{
    struct eval e;
    size_t i;
    int status;

    memset(&e, 0, sizeof e);
    e.keep = IDNER_TYPE_BIT(IDNER_PER) | IDNER_TYPE_BIT(IDNER_ORG) | IDNER_TYPE_BIT(IDNER_LOC);
    c->hook_arg = &e;
    status = cli_parse_args(c, argc, argv, &eval_cmd);
    if (status < 0)
        status = eval_run(c, &e);
    if (c->out) {
        out_close(c->out, NULL, 0);
        c->out = NULL;
    }
    for (i = 0; i < e.n_map; i++)
        free(e.map[i].from);
    free(e.map);
    free(e.gold);
    free(e.pred);
    free(e.gs);
    free(e.ps);
    free(e.found);
    free(e.names);
    c->hook_arg = NULL;
    return status;
}

/* ---- for idner train ---------------------------------------------------------------------- */

eval *
eval_new(void)
{
    eval *e = calloc(1, sizeof *e);
    if (e == NULL)
        cli_die_nomem();
    e->keep = IDNER_TYPE_BIT(IDNER_PER) | IDNER_TYPE_BIT(IDNER_ORG) | IDNER_TYPE_BIT(IDNER_LOC);
    return e;
}

void
eval_free(eval *e)
{
    size_t i;

    if (e == NULL)
        return;
    for (i = 0; i < e->n_map; i++)
        free(e->map[i].from);
    free(e->map);
    free(e->gold);
    free(e->pred);
    free(e->gs);
    free(e->ps);
    free(e->found);
    free(e->names);
    free(e);
}

void
eval_file(cli *c, eval *e, const char *file, gold_fn fn, void *arg)
{
    c->hook_arg = e;
    c->in = IN_CONLL;
    c->out = NULL; /* scores only: no writer */
    c->on_sentence = eval_sentence;
    e->on_gold = fn;
    e->gold_arg = arg;
    conll_run_file(c, file);
    e->on_gold = NULL;
    c->hook_arg = NULL;
}

void
eval_micro(eval *e, double prf[3], int reset)
{
    size_t t, tp = 0, fp = 0, fn = 0;

    for (t = 0; t < N_TYPES; t++) {
        tp += e->tp[t];
        fp += e->fp[t];
        fn += e->fn[t];
    }
    prf[0] = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
    prf[1] = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
    prf[2] = prf[0] + prf[1] > 0.0 ? 2 * prf[0] * prf[1] / (prf[0] + prf[1]) : 0.0;
    if (reset) {
        memset(e->tp, 0, sizeof e->tp);
        memset(e->fp, 0, sizeof e->fp);
        memset(e->fn, 0, sizeof e->fn);
    }
}
