/*
 * input.c: reading the CLI's inputs (see input.h; SPEC.md sections 1 and 5).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/input.h"
#include "core/text.h"

int
cli_read_all(FILE *f, cli_buf *b, size_t max)
{
    b->n = 0;
    for (;;) {
        size_t got, room;

        if (b->n > max)
            return 1;
        /* Grow geometrically, reading straight into the buffer (no extra copy); keep one byte
         * for the terminating NUL. */
        if (b->cap - b->n <= 65536 && buf_reserve(b, b->cap > 65536 ? b->cap : 65536) != 0)
            return -1;
        room = b->cap - b->n - 1;
        if (room > max + 1 - b->n)
            room = max + 1 - b->n;
        got = fread(b->p + b->n, 1, room, f);
        b->n += got;
        b->p[b->n] = '\0';
        if (got == 0) {
            if (ferror(f)) {
                if (errno == 0)
                    errno = EIO;
                return -1;
            }
            return 0;
        }
    }
}

void
line_reader_init(line_reader *lr, FILE *f)
{
    memset(lr, 0, sizeof *lr);
    lr->f = f;
}

int
line_reader_next(line_reader *lr)
{
    ssize_t got;

    errno = 0;
    got = getline(&lr->line, &lr->cap, lr->f);
    if (got < 0) {
        if (ferror(lr->f)) {
            if (errno == 0)
                errno = EIO;
            return -1;
        }
        return 0;
    }
    lr->lineno++;
    lr->len = (size_t)got;
    if (lr->bytes)
        *lr->bytes += (uint64_t)got;
    lr->crlf = lr->newline = 0;
    if (lr->len > 0 && lr->line[lr->len - 1] == '\n') {
        lr->newline = 1;
        lr->len--;
        if (lr->len > 0 && lr->line[lr->len - 1] == '\r') {
            lr->crlf = 1;
            lr->len--;
        }
    }
    lr->line[lr->len] = '\0';
    return 1;
}

void
line_reader_free(line_reader *lr)
{
    free(lr->line);
    lr->line = NULL;
    lr->cap = lr->len = 0;
}

size_t
cli_utf8_invalid_at(const char *str, size_t n)
{
    size_t bad = text_utf8_invalid_at(str, n); /* the library's validator: one definition */
    return bad == SIZE_MAX ? n : bad;
}

size_t
cli_line_of(const char *s, size_t offset)
{
    size_t line = 1;
    const char *p = s, *end = s + offset;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

/* Reads 1 to MAXD ASCII digits at S[*I, N) into *V. */
static int
digits(const char *s, size_t n, size_t *i, size_t mind, size_t maxd, int *v)
{
    size_t k = 0;

    *v = 0;
    while (*i < n && k < maxd && s[*i] >= '0' && s[*i] <= '9') {
        *v = *v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= mind ? 0 : -1;
}

int
cli_parse_date(const char *s, size_t n, char out[11])
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t i = 0;
    int y, m, d, dim;

    if (digits(s, n, &i, 4, 4, &y) != 0 || i >= n || s[i++] != '-')
        return -1;
    if (digits(s, n, &i, 1, 2, &m) != 0 || i >= n || s[i++] != '-')
        return -1;
    if (digits(s, n, &i, 1, 2, &d) != 0)
        return -1;
    if (i < n && s[i] != 'T' && s[i] != ' ')
        return -1;
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return -1;
    dim = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dim = 29;
    if (d > dim)
        return -1;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 0;
}

int
conll_is_blank(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return 0;
    return 1;
}

size_t
conll_token(const char *line, size_t len, char *sep)
{
    const char *t = memchr(line, '\t', len);

    if (t) {
        *sep = '\t';
        return (size_t)(t - line);
    }
    *sep = ' ';
    t = memchr(line, ' ', len);
    return t ? (size_t)(t - line) : len;
}
