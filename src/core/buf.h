/*
 * buf.h: a growable byte buffer, always NUL-terminated (model: cmark's cmark_strbuf). Used for
 * the JSON writer, regex pattern text and the CLI's inputs.
 */
#ifndef IDNER_BUF_H
#define IDNER_BUF_H

#include <stddef.h>

typedef struct buf {
    char *p;  /* NULL until the first append */
    size_t n; /* bytes held, not counting the NUL */
    size_t cap;
} buf;

/* Makes room for N more bytes and the NUL. Returns 0, or -1 (errno ENOMEM) with B unchanged. */
int buf_reserve(buf *b, size_t n);
/* Appends S[0, N). Returns 0 or -1 as buf_reserve. */
int buf_append(buf *b, const char *s, size_t n);
/* Appends the NUL-terminated S. */
int buf_puts(buf *b, const char *s);
void buf_free(buf *b);

#endif
