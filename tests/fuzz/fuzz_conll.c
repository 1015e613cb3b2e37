/*
 * fuzz_conll.c: the CoNLL reader (src/cli/conll.c, `idner annotate --input conll --output
 * conll`) on a whole file, as the program runs it.
 *
 * Input: byte 0 selects the options, the rest is the file.
 *   bit 0     --ref-date 2024-11-03
 *   bit 1     --no-rules --no-alias
 *   bit 2     --no-dates
 *
 * Invariants (abort() when one fails): the output is the input line for line, each line
 * unchanged (a byte order mark too) with its line end ("\n", "\r\n" or none, as read) and
 *   - a blank line (spaces and tabs only) has nothing added;
 *   - any other line has the column separator (a tab when the line has one, else a space) and
 *     a tag added: "O" for a -DOCSTART- line, else O, B-TYPE or I-TYPE (TYPE one of PER, ORG,
 *     LOC, DATE, TIME), an I-TYPE only right after a B-TYPE or I-TYPE of the same TYPE in the
 *     same sentence;
 *   - nothing follows the last line; messages are "idner: FILE:LINE: ..." lines and come
 *     exactly when the status says a sentence failed.
 *
 * The model is loaded once, from IDNER_DATA or the build tree's data.
 * Build: meson -Dfuzzing=true (libFuzzer), or with fuzz_main.c to replay files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char fuzz_name[] = "fuzz_conll";

static int
blank(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* The tag's type (1 PER ... 5 TIME) and in *I whether it is I-; 0 for O; -1 when malformed. */
static int
tag_type(const char *t, size_t n, int *inside)
{
    if (n == 1 && t[0] == 'O')
        return 0;
    if (n < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-')
        return -1;
    char name[8];
    if (n - 2 >= sizeof name)
        return -1;
    memcpy(name, t + 2, n - 2);
    name[n - 2] = '\0';
    *inside = t[0] == 'I';
    int type = (int)idner_type_from_name(name);
    return type ? type : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static buf out;
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    cli *c = fuzz_cli();
    c->in = IN_CONLL;
    c->out_fmt = out_format_find("conll");
    if (sel & 1)
        memcpy(c->ref_date, "2024-11-03", 11);
    if (sel >> 1 & 1)
        c->aopts.flags |= IDNER_NO_RULES | IDNER_NO_ALIAS;
    if (sel >> 2 & 1)
        c->aopts.flags |= IDNER_NO_DATES;
    out.n = 0;
    c->out = out_open_mem(c->out_fmt, &out);
    if (!c->out)
        abort();
    const char *err;
    size_t err_len;
    fuzz_capture_begin();
    conll_run_file(c, fuzz_file(0, in, n));
    fuzz_capture_end(NULL, NULL, &err, &err_len);
    out_close(c->out, NULL, 0);
    c->out = NULL;

    const char *o = out.p ? out.p : "";
    size_t at = 0, lineno = 0;
    int prev_type = 0; /* the tag of the previous line of the sentence: 0 for O or none */
    for (size_t i = 0; i < n; lineno++) {
        const uint8_t *nl = memchr(in + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (in + i)) : n - i;
        const char *end = nl ? "\n" : "";
        if (nl && len > 0 && in[i + len - 1] == '\r') {
            len--;
            end = "\r\n";
        }
        const uint8_t *line = in + i;
        i += len + strlen(end);
        if (out.n - at < len || memcmp(o + at, line, len) != 0)
            FUZZ_FAIL("line %zu is not copied unchanged", lineno + 1);
        at += len;
        if (blank(line, len)) {
            prev_type = 0;
        } else {
            char sep = memchr(line, '\t', len) ? '\t' : ' ';
            if (at >= out.n || o[at] != sep)
                FUZZ_FAIL("line %zu: no '%s' before the tag", lineno + 1,
                          sep == '\t' ? "\\t" : " ");
            at++;
            size_t tag_at = at;
            while (at < out.n && o[at] != '\n' && o[at] != '\r')
                at++;
            int inside = 0, type = tag_type(o + tag_at, at - tag_at, &inside);
            if (type < 0)
                FUZZ_FAIL("line %zu: tag \"%.*s\"", lineno + 1, (int)(at - tag_at), o + tag_at);
            const uint8_t *tok = line;
            size_t tok_len = len;
            const uint8_t *cut = memchr(line, sep, len);
            if (cut)
                tok_len = (size_t)(cut - line);
            if (lineno == 0 && tok_len >= 3 && memcmp(tok, "\xEF\xBB\xBF", 3) == 0)
                tok += 3, tok_len -= 3;
            int docstart = tok_len == 10 && memcmp(tok, "-DOCSTART-", 10) == 0;
            if (docstart && type != 0)
                FUZZ_FAIL("line %zu: -DOCSTART- tagged %.*s", lineno + 1, (int)(at - tag_at),
                          o + tag_at);
            if (inside && prev_type != type)
                FUZZ_FAIL("line %zu: I-%s after %s", lineno + 1, idner_type_name((idner_type)type),
                          prev_type ? idner_type_name((idner_type)prev_type) : "O");
            prev_type = docstart ? 0 : type;
        }
        size_t elen = strlen(end);
        if (out.n - at < elen || memcmp(o + at, end, elen) != 0)
            FUZZ_FAIL("line %zu: its line end is not kept", lineno + 1);
        at += elen;
    }
    if (at != out.n)
        FUZZ_FAIL("%zu bytes of output after the last line", out.n - at);
    for (size_t k = 0; k < err_len;) {
        const char *nl = memchr(err + k, '\n', err_len - k);
        if (!nl || strncmp(err + k, "idner: /proc/self/fd/", 21) != 0)
            FUZZ_FAIL("a message is not one \"idner: FILE:LINE: ...\" line: %s", err + k);
        k = (size_t)(nl - err) + 1;
    }
    if ((err_len > 0) != (c->doc_error || c->setup_error))
        FUZZ_FAIL("messages (%zu bytes) but doc_error %d", err_len, c->doc_error);
    return 0;
}
