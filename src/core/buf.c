/*
 * buf.c: the growable byte buffer (see buf.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

int
buf_reserve(buf *b, size_t n)
{
    if (b->cap > b->n + n)
        return 0;
    if (n > SIZE_MAX / 2 - b->n) {
        errno = ENOMEM;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap <= b->n + n)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        errno = ENOMEM;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    mem_huge(p, cap);
    return 0;
}

int
buf_append(buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

int
buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

void
buf_free(buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}
