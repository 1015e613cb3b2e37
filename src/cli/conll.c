/*
 * conll.c: --input conll (SPEC.md section 1). One token per line in the first column (tab- or
 * space-separated); a blank line ends a sentence; each sentence, its tokens joined with single
 * spaces, is one document. Each sentence's tokens are tagged here (B-TYPE on the first token of
 * an entity, I-TYPE after, O elsewhere) and handed to the writer with its raw lines, so that
 * --output conll (out/conll.c) writes every input line unchanged plus the tag column, before a
 * kept CRLF; the lines between sentences go to the writer as they are. `idner eval` (eval.c)
 * reads through the same code: it sees each tagged sentence through cli.on_sentence.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static conll_line *
conll_push(cli *c)
{
    if (c->n_cl == c->cap_cl) {
        size_t cap = c->cap_cl ? c->cap_cl * 2 : 64;
        conll_line *p = realloc(c->cl, cap * sizeof *p);

        if (p == NULL)
            cli_die_nomem();
        c->cl = p;
        c->cap_cl = cap;
    }
    memset(&c->cl[c->n_cl], 0, sizeof c->cl[c->n_cl]);
    return &c->cl[c->n_cl++];
}

/* Are the bytes S[A, B) (B may be below A: nothing) ASCII punctuation only? */
static int
punct_only(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            return 0;
    }
    return 1;
}

/* Tags the tokens of the current sentence from R: a token overlapping an entity gets B- when
 * it is the first of that entity's tokens, I- after. */
static void
conll_tag(cli *c, const idner_result *r)
{
    size_t i, k = 0, n = idner_result_count(r);

    for (i = 0; i < n; i++) {
        const idner_entity *e = idner_result_get(r, i);
        const char *type = e ? idner_type_name(e->type) : NULL;
        size_t t;
        int first = 1;

        if (type == NULL)
            continue;
        while (k < c->n_cl && c->cl[k].tok_off + c->cl[k].tok_len <= e->byte_start)
            k++;
        /* An entity that starts or ends inside a word of a CoNLL token ("Jokowi" of
         * "Jokowi-JK") has no IOB form: tagging the whole token would claim a span that was not
         * found. Punctuation glued around it ("(Nigeria)", "Indonesia?") does not count. */
        size_t last = k;
        while (last + 1 < c->n_cl && c->cl[last + 1].tok_off < e->byte_end)
            last++;
        if (k >= c->n_cl || !punct_only(c->text.p, c->cl[k].tok_off, e->byte_start) ||
            !punct_only(c->text.p, e->byte_end, c->cl[last].tok_off + c->cl[last].tok_len))
            continue;
        for (t = k; t < c->n_cl && c->cl[t].tok_off < e->byte_end; t++) {
            conll_line *l = &c->cl[t];

            /* a line with an empty first column inside the name continues it (an O there
             * would cut the name in two for a reader of the IOB tags) */
            if ((l->tok_len == 0 && first) || l->tok_off + l->tok_len <= e->byte_start || l->tag[0])
                continue;
            snprintf(l->tag, sizeof l->tag, "%s-%s", first ? "B" : "I", type);
            first = 0;
        }
    }
}

/* Copies one input line that is not part of a sentence (blank, -DOCSTART-) to the output,
 * with TAG appended when it is not NULL. */
static void
conll_pass_line(cli *c, const char *line, size_t len, char sep, const char *tag, const char *end)
{
    cli_input_lines(c, line, len);
    if (tag) {
        cli_input_lines(c, &sep, 1);
        cli_input_lines(c, tag, strlen(tag));
    }
    cli_input_lines(c, end, strlen(end));
}

/* Annotates and writes the current sentence, then forgets it. */
static void
conll_flush(cli *c, const char *shown)
{
    idner_result *r = NULL;
    char msg[300];
    size_t i, bad;

    if (c->n_cl == 0)
        return;
    c->sentence_no++;
    out_conll lines = {c->lines.p, c->cl, c->n_cl};
    out_doc d = {.id = json_object_new_int64((int64_t)c->sentence_no),
                 .text = c->text.p,
                 .len = c->text.n,
                 .ref_date = c->ref_date[0] ? c->ref_date : NULL,
                 .conll = &lines};
    r = cli_annotate(c, c->text.p, c->text.n, NULL, msg, sizeof msg, &bad);
    if (r == NULL) {
        size_t line = c->cl[0].lineno;

        for (i = 0; bad != (size_t)-1 && i < c->n_cl; i++)
            if (bad < c->cl[i].tok_off + c->cl[i].tok_len)
                break;
        if (bad != (size_t)-1 && i < c->n_cl) {
            line = c->cl[i].lineno;
            snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu of the line",
                     bad - c->cl[i].tok_off);
        }
        cli_report(c, shown, line, msg);
        d.error = msg;
    } else {
        conll_tag(c, r);
        d.result = r;
    }
    if (c->on_sentence)
        c->on_sentence(c, shown);
    cli_emit(c, &d);
    json_object_put(d.id);
    idner_result_free(r);
    c->n_cl = 0;
    c->text.n = 0;
    c->lines.n = 0;
}

void
conll_run_file(cli *c, const char *name)
{
    const char *shown = cli_display_name(name);
    FILE *f = cli_open_input(c, name);
    line_reader lr;
    int got = 0, in_run = 0;

    if (f == NULL)
        return;
    line_reader_init(&lr, f);
    lr.bytes = &c->in_bytes;
    c->text.n = c->lines.n = 0;
    c->n_cl = 0;
    while (!c->stop && (got = line_reader_next(&lr)) > 0) {
        const char *end = lr.crlf ? "\r\n" : lr.newline ? "\n" : "";
        const char *tok = lr.line;
        size_t tok_len;
        char sep;
        conll_line *l;

        if (conll_is_blank(lr.line, lr.len)) {
            in_run = 0;
            conll_flush(c, shown);
            conll_pass_line(c, lr.line, lr.len, 0, NULL, end);
            continue;
        }
        if (!in_run)
            c->conll_runs++;
        in_run = 1;
        tok_len = conll_token(lr.line, lr.len, &sep);
        if (lr.lineno == 1 && tok_len >= 3 && memcmp(tok, "\xEF\xBB\xBF", 3) == 0) {
            tok += 3; /* a byte order mark */
            tok_len -= 3;
        }
        if (tok_len == 10 && memcmp(tok, "-DOCSTART-", 10) == 0) {
            /* CoNLL-2003 document marker: not a token; it ends the sentence. */
            conll_flush(c, shown);
            conll_pass_line(c, lr.line, lr.len, sep, "O", end);
            continue;
        }
        l = conll_push(c);
        l->lineno = lr.lineno;
        l->sep = sep;
        memcpy(l->end, end, strlen(end) + 1);
        if (c->text.n && buf_append(&c->text, " ", 1) != 0)
            cli_die_nomem();
        l->tok_off = c->text.n;
        l->tok_len = tok_len;
        if (buf_append(&c->text, tok, tok_len) != 0)
            cli_die_nomem();
        l->off = c->lines.n;
        l->len = lr.len;
        if (buf_append(&c->lines, lr.line, lr.len) != 0)
            cli_die_nomem();
    }
    if (got < 0) {
        fprintf(stderr, "idner: %s:%zu: %s\n", shown, lr.lineno + 1, strerror(errno));
        c->setup_error = 1;
    }
    if (!c->stop)
        conll_flush(c, shown);
    line_reader_free(&lr);
    cli_close_input(f);
}
