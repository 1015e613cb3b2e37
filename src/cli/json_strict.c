/*
 * json_strict.c: see json_strict.h.
 */
#include <string.h>

#include "cli/json_strict.h"
#include "core/text.h"

typedef struct scan {
    const char *s;
    size_t n, i;
    const char *why;
} scan;

static int
fail(scan *p, const char *why)
{
    p->why = why;
    return 0;
}

static void
skip_ws(scan *p)
{
    while (p->i < p->n &&
           (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int
is_digit(const scan *p)
{
    return p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9';
}

static int
digits(scan *p)
{
    if (!is_digit(p))
        return fail(p, "invalid number");
    while (is_digit(p))
        p->i++;
    return 1;
}

/* number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ) */
static int
number(scan *p)
{
    if (p->s[p->i] == '-')
        p->i++;
    if (!is_digit(p))
        return fail(p, "invalid number");
    if (p->s[p->i] == '0')
        p->i++;
    else
        digits(p);
    if (is_digit(p))
        return fail(p, "invalid number (leading zero)");
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!digits(p))
            return 0;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (!digits(p))
            return 0;
    }
    return 1;
}

static int
hex(char ch)
{
    return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f');
}

static int
string(scan *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return fail(p, "expected a string");
    for (p->i++; p->i < p->n; p->i++) {
        for (uint64_t w; p->i + 8 <= p->n; p->i += 8) { /* plain bytes eight at a time */
            memcpy(&w, p->s + p->i, 8);
            if (text_word_json_special(w))
                break;
        }
        if (p->i >= p->n)
            break;
        unsigned char ch = (unsigned char)p->s[p->i];
        if (ch == '"') {
            p->i++;
            return 1;
        }
        if (ch < 0x20)
            return fail(p, "control character in a string");
        if (ch != '\\')
            continue;
        if (++p->i >= p->n)
            break;
        ch = (unsigned char)p->s[p->i];
        if (ch == 'u') {
            for (int k = 0; k < 4; k++)
                if (++p->i >= p->n || !hex(p->s[p->i]))
                    return fail(p, "invalid \\u escape");
        } else if (!memchr("\"\\/bfnrt", ch, 8)) {
            return fail(p, "invalid escape");
        }
    }
    return fail(p, "unterminated string");
}

static int
literal(scan *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return fail(p, "invalid value");
    p->i += k;
    return 1;
}

static int
value(scan *p, int depth, int max_depth)
{
    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "expected a value");
    char ch = p->s[p->i];
    if (ch == '"')
        return string(p);
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return number(p);
    if (ch == 't')
        return literal(p, "true");
    if (ch == 'f')
        return literal(p, "false");
    if (ch == 'n')
        return literal(p, "null");
    if (ch != '[' && ch != '{')
        return fail(p, "invalid value");
    if (depth >= max_depth)
        return fail(p, "nesting too deep");
    char close = ch == '[' ? ']' : '}';
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return 1;
    }
    for (;;) {
        if (close == '}') {
            skip_ws(p);
            if (!string(p))
                return 0;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return fail(p, "expected ':'");
            p->i++;
        }
        if (!value(p, depth + 1, max_depth))
            return 0;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            return 1;
        }
        return fail(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

int
json_strict_check(const char *s, size_t n, int max_depth, size_t *at, const char **why)
{
    scan p = {s, n, 0, NULL};
    if (value(&p, 0, max_depth)) {
        skip_ws(&p);
        if (p.i == n)
            return 0;
        p.why = "unexpected text after the value";
    }
    *at = p.i;
    *why = p.why;
    return -1;
}
