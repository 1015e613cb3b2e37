/*
 * train.c: `idner train [OPTIONS] -o MODEL TRAIN.conll [...]` (issue 9): trains the tagger's
 * model (src/tagger/train.h) on CoNLL files read as `idner eval` reads them (token in the first
 * column, gold IOB tag in the last, --map for the gold type names), each sentence run through
 * the stages before the tagger with the data of --data-dir. With --dev FILE the model of every
 * epoch is scored on FILE as `idner eval` scores it (the full pipeline, with --countries and the
 * stage switches given). Deterministic: the same files, options and --seed give the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model.h"

static const char train_usage[] =
    "usage: idner train [OPTIONS] -o MODEL TRAIN.conll [...]\n"
    "\n"
    "Trains the tagger's model on CoNLL files (token in the first column, gold IOB tag in the\n"
    "last; PERSON, PLACE, ORGANISATION and the like read as PER, LOC, ORG) and writes it to\n"
    "MODEL (install it as tagger.bin in the data folder). Each sentence goes through the\n"
    "stages before the tagger with the data of --data-dir, which (or --lexicon) must also\n"
    "hold hunspell_id.txt, casefreq.tsv and given_names.tsv (the lexicon the model carries).\n"
    "\n"
    "Options:\n"
    "  -o, --out MODEL            the model file to write\n"
    "  --dev FILE                 score the model of every epoch on FILE (as idner eval)\n"
    "  --epochs N                 passes over the training sentences (default 10)\n"
    "  --seed N                   order and dropout of training (default 1)\n"
    "  --runs N                   train N perceptrons one after another (each on the next\n"
    "                             shuffles) and average their weights (default 1)\n"
    "  --scheme bilou|bio         labels (default bilou)\n"
    "  --dropout P                share of tokens whose features of idner's own labels are\n"
    "                             left out in training (default 0.3)\n"
    "  --feature-dropout P        share of all the features of a token left out at random\n"
    "                             in each training pass (default 0; tools/train-model: 0.1)\n"
    "  --gold-countries spec|places|as-is\n"
    "                             spec (default): a listed country the gold leaves O is\n"
    "                             trained as LOC (SPEC.md: every country is a place);\n"
    "                             places: so is every place of the official and curated\n"
    "                             lists; as-is: the gold as it is\n"
    "  --gold-institutions spec|as-is\n"
    "                             spec: a gold place that opens with an org_head word of\n"
    "                             rules.tsv (\"SMA\", \"Universitas\") is trained as ORG\n"
    "                             (SPEC.md: institutions); as-is (default): as it is\n"
    "  --prune N                  keep features with a weight of at least N/32000 of the\n"
    "                             largest (default 2)\n"
    "  --min-count N              train only features seen on at least N tokens (default 2)\n"
    "  --lexicon DIR              read the lexicon's lists from DIR (default: the data folder)\n"
    "  --map GOLD=OURS            read gold type GOLD as OURS (as for idner eval)\n"
    "  --domains NAME,...         the corpus of each TRAIN file, in order: the features of a\n"
    "                             corpus also train a weight of their own, which absorbs its\n"
    "                             conventions and is left out of the model (at most 8 names;\n"
    "                             - for a file of none)\n"
    "  --data-dir, --ref-date, --no-rules, --no-dates, --no-alias, --countries\n"
    "                             as for idner annotate (the last three only affect --dev)\n"
    "  --help                     show this help\n"
    "\n"
    "Prints what the training saw, then per epoch the dev precision, recall and F1.\n"
    "Exit status: 0 written; 1 usage error, unreadable file or failed write.\n";

static const char *const train_value_opts[] = {"out",
                                               "dev",
                                               "epochs",
                                               "seed",
                                               "scheme",
                                               "dropout",
                                               "prune",
                                               "map",
                                               "min-count",
                                               "lexicon",
                                               "runs",
                                               "domains",
                                               "gold-countries",
                                               "gold-institutions",
                                               "feature-dropout",
                                               NULL};
static const char *const train_flag_opts[] = {NULL};

typedef struct train {
    tagger_train_options o;
    const char *out, *dev, *lexicon, *domains;
    eval *e;
    tagger_trainer *t;
    tagger_gold *gold;
    size_t cap_gold;
    int failed;
} train;

static int
parse_uint(const char *name, const char *value, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    if (*value == '\0' || *value == '-' || *end != '\0' || errno || v > max)
        return cli_usage_error("--%s: '%s' is not a number from 0 to %llu", name, value, max);
    *out = v;
    return 0;
}

static int
train_option(cli *c, const char *name, const char *value)
{
    train *tr = c->hook_arg;
    unsigned long long v = 0;

    if (strcmp(name, "out") == 0) {
        tr->out = value;
    } else if (strcmp(name, "domains") == 0) {
        tr->domains = value;
    } else if (strcmp(name, "lexicon") == 0) {
        tr->lexicon = value;
    } else if (strcmp(name, "dev") == 0) {
        tr->dev = value;
    } else if (strcmp(name, "epochs") == 0) {
        if (parse_uint(name, value, 1000, &v))
            return 1;
        if (v == 0)
            return cli_usage_error("--epochs: at least 1");
        tr->o.epochs = (unsigned)v;
    } else if (strcmp(name, "runs") == 0) {
        if (parse_uint(name, value, 100, &v))
            return 1;
        if (v == 0)
            return cli_usage_error("--runs: at least 1");
        tr->o.runs = (unsigned)v;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_uint(name, value, UINT64_MAX, &v))
            return 1;
        tr->o.seed = v;
    } else if (strcmp(name, "prune") == 0) {
        if (parse_uint(name, value, 32000, &v))
            return 1;
        tr->o.prune = (int)v;
    } else if (strcmp(name, "min-count") == 0) {
        if (parse_uint(name, value, 1000, &v))
            return 1;
        tr->o.min_count = (unsigned)v;
    } else if (strcmp(name, "scheme") == 0) {
        if (strcmp(value, "bilou") == 0)
            tr->o.scheme = TAGGER_BILOU;
        else if (strcmp(value, "bio") == 0)
            tr->o.scheme = TAGGER_BIO;
        else
            return cli_usage_error("--scheme: '%s' is not bilou or bio", value);
    } else if (strcmp(name, "dropout") == 0 || strcmp(name, "feature-dropout") == 0) {
        char *end;
        double p = strtod(value, &end); /* an option value, not document text */
        if (*value == '\0' || *end != '\0' || !(p >= 0.0 && p <= 1.0))
            return cli_usage_error("--%s: '%s' is not a share from 0 to 1", name, value);
        *(name[0] == 'd' ? &tr->o.own_dropout : &tr->o.feat_dropout) = p;
    } else if (strcmp(name, "gold-countries") == 0) {
        if (strcmp(value, "spec") == 0)
            tr->o.relabel_countries = 1;
        else if (strcmp(value, "as-is") == 0)
            tr->o.relabel_countries = 0;
        else if (strcmp(value, "places") == 0)
            tr->o.relabel_countries = 2;
        else
            return cli_usage_error("--gold-countries: '%s' is not spec, places or as-is", value);
    } else if (strcmp(name, "gold-institutions") == 0) {
        if (strcmp(value, "spec") == 0)
            tr->o.relabel_institutions = 1;
        else if (strcmp(value, "as-is") == 0)
            tr->o.relabel_institutions = 0;
        else
            return cli_usage_error("--gold-institutions: '%s' is not spec or as-is", value);
    } else if (strcmp(name, "map") == 0) {
        return eval_add_map(tr->e, value);
    } else if (strcmp(name, "input") == 0 || strcmp(name, "output") == 0 ||
               strcmp(name, "threads") == 0 || strcmp(name, "types") == 0 ||
               strcmp(name, "max-doc-bytes") == 0) {
        return cli_usage_error("--%s is not an option of idner train", name);
    } else {
        return -1;
    }
    return 0;
}

static const cli_cmd train_cmd = {train_value_opts, train_flag_opts, train_option, train_usage};

/* gold_fn: one training sentence */
static void
add_sentence(cli *c, void *arg, const gold_name *names, size_t n)
{
    train *tr = arg;
    idner_error err;

    if (tr->failed)
        return;
    if (n > tr->cap_gold) {
        tagger_gold *g = realloc(tr->gold, n * sizeof *g);
        if (g == NULL)
            cli_die_nomem();
        tr->gold = g;
        tr->cap_gold = n;
    }
    for (size_t i = 0; i < n; i++)
        tr->gold[i] = (tagger_gold){(uint32_t)names[i].byte_start, (uint32_t)names[i].byte_end,
                                    (uint32_t)names[i].type};
    idner_status st = model_add_example(c->model, c->text.p ? c->text.p : "", c->text.n,
                                        c->aopts.flags, tr->t, tr->gold, n, &err);
    if (st == IDNER_ERR_UTF8)
        return; /* reported by the annotation already, scored as O */
    if (st != IDNER_OK) {
        fprintf(stderr, "idner: train: %s\n", err.message);
        tr->failed = 1;
        c->stop = 1;
    }
}

typedef struct epoch_ctx {
    cli *c;
    train *tr;
} epoch_ctx;

static void
on_epoch(void *arg, unsigned epoch, void *image, size_t size)
{
    epoch_ctx *x = arg;
    idner_error err;
    double prf[3];

    if (model_set_tagger(x->c->model, image, size, &err) != IDNER_OK) {
        fprintf(stderr, "idner: train: %s\n", err.message);
        x->tr->failed = 1;
        return;
    }
    eval_file(x->c, x->tr->e, x->tr->dev, NULL, NULL);
    eval_micro(x->tr->e, prf, 1);
    printf("epoch %2u dev P=%.3f R=%.3f F1=%.3f\n", epoch, prf[0], prf[1], prf[2]);
    fflush(stdout);
}

static int
write_model(const char *path, const void *image, size_t size)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        fprintf(stderr, "idner: %s: path too long\n", path);
        return 1;
    }
    FILE *f = fopen(tmp, "wb");
    if (f == NULL || fwrite(image, 1, size, f) != size || fclose(f) != 0 ||
        rename(tmp, path) != 0) {
        fprintf(stderr, "idner: %s: %s\n", path, strerror(errno));
        remove(tmp);
        return 1;
    }
    return 0;
}

/* The domains of --domains LIST (one name per file, the same name the same corpus) into
 * DOM[N] as 1, 2, ... in the order the names first come. */
static int
file_domains(const char *list, size_t n, unsigned dom[64])
{
    const char *names[TAGGER_MAX_DOMAINS];
    size_t lens[TAGGER_MAX_DOMAINS], nn = 0, k = 0;
    if (n > 64)
        return cli_usage_error("--domains: at most 64 files");
    for (const char *p = list;; k++) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0 || k >= n)
            return cli_usage_error("--domains: '%s' is not one name per TRAIN file", list);
        if (len == 1 && *p == '-') { /* no corpus weights */
            dom[k] = 0;
            if (!e)
                break;
            p = e + 1;
            continue;
        }
        size_t j = 0;
        while (j < nn && !(lens[j] == len && memcmp(names[j], p, len) == 0))
            j++;
        if (j == nn) {
            if (nn == TAGGER_MAX_DOMAINS)
                return cli_usage_error("--domains: at most %d names", TAGGER_MAX_DOMAINS);
            names[nn] = p;
            lens[nn++] = len;
        }
        dom[k] = (unsigned)j + 1;
        if (!e)
            break;
        p = e + 1;
    }
    if (k + 1 != n)
        return cli_usage_error("--domains: '%s' is not one name per TRAIN file", list);
    return 0;
}

static int
train_run(cli *c, train *tr)
{
    idner_error err;
    tagger_train_stats s;
    void *image = NULL;
    size_t size = 0, i;
    int status;

    if (tr->out == NULL)
        return cli_usage_error("train: missing -o MODEL (try 'idner train --help')");
    if (c->files.n == 0)
        return cli_usage_error("train: missing TRAIN.conll (try 'idner train --help')");
    for (i = 0; i < c->files.n; i++) { /* fail before the model loads */
        FILE *f = fopen(c->files.v[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "idner: %s: %s\n", c->files.v[i], strerror(errno));
            return 1;
        }
        fclose(f);
    }
    unsigned dom[64] = {0};
    if (tr->domains && (status = file_domains(tr->domains, c->files.n, dom)) != 0)
        return status;
    c->untagged = 1;
    if ((status = cli_setup(c)) != 0)
        return status;
    const char *lex = tr->lexicon ? tr->lexicon : idner_model_data_dir(c->model);
    if (tagger_trainer_new(&tr->o, lex, &tr->t, &err) != IDNER_OK) {
        fprintf(stderr, "idner: %s\n", err.message);
        return 1;
    }
    for (i = 0; i < c->files.n && !tr->failed; i++) {
        tagger_trainer_set_domain(tr->t, i < 64 ? dom[i] : 0);
        eval_file(c, tr->e, c->files.v[i], add_sentence, tr);
    }
    eval_micro(tr->e, (double[3]){0}, 1);
    if (tr->failed || c->setup_error)
        return 1;
    tagger_trainer_stats(tr->t, &s);
    printf("train: %zu tokens, %zu in %zu regions; %zu gold names, %zu inside regions; "
           "%zu countries relabeled LOC, %zu institutions ORG\n",
           s.tokens, s.region_tokens, s.regions, s.gold, s.gold_in_regions, s.countries_relabeled,
           s.institutions_relabeled);
    fflush(stdout);
    epoch_ctx x = {c, tr};
    if (tagger_trainer_run(tr->t, tr->dev ? on_epoch : NULL, &x, &image, &size, &err) != IDNER_OK) {
        fprintf(stderr, "idner: train: %s\n", err.message);
        return 1;
    }
    tagger_trainer_stats(tr->t, &s);
    printf("model: %zu features trained, %zu kept, %zu bytes\n", s.features, s.kept, size);
    status = tr->failed ? 1 : write_model(tr->out, image, size);
    free(image);
    if (fflush(stdout) != 0 || ferror(stdout))
        status = 1;
    return status;
}

int
train_main(cli *c, int argc, char **argv)
{
    train tr;
    int status, i;
    char **args = malloc((size_t)(argc + 1) * sizeof *args);

    if (args == NULL)
        cli_die_nomem();
    for (i = 0; i < argc; i++) /* -o is --out */
        args[i] = strcmp(argv[i], "-o") == 0 ? (char *)"--out" : argv[i];
    memset(&tr, 0, sizeof tr);
    tagger_train_options_init(&tr.o);
    tr.e = eval_new();
    c->hook_arg = &tr;
    status = cli_parse_args(c, argc, args, &train_cmd);
    c->hook_arg = NULL;
    if (status < 0)
        status = train_run(c, &tr);
    tagger_trainer_free(tr.t);
    eval_free(tr.e);
    free(tr.gold);
    free(args);
    return status;
}
