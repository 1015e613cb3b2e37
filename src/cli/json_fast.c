/*
 * json_fast.c: see json_fast.h.
 */
#include <stdint.h>
#include <string.h>

#include "cli/json_fast.h"
#include "core/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* More members than this: not handled (duplicate keys are looked for pair by pair). */
#define MAX_MEMBERS 32
/* Longer keys: not handled (they are copied to be NUL-terminated). */
#define MAX_KEY 255

static int
is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

static size_t
skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

/* The end of the string whose opening quote is at S[I] (the offset of its closing quote), with
 * *ESC set when it holds a backslash; N when it is not handled (a raw control character, or no
 * closing quote). Sixteen bytes at a time (SSE2; else eight, text_word_json_special) while
 * none of them is special. */
static size_t
string_end(const char *s, size_t n, size_t i, int *esc)
{
    size_t k = i + 1;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  c1f = _mm_set1_epi8(0x1F);
#endif

    *esc = 0;
    for (;;) {
#if defined(__SSE2__)
        if (k + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
            /* a byte below 0x20 is one whose unsigned max with 0x1F is 0x1F */
            __m128i m =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                             _mm_cmpeq_epi8(_mm_max_epu8(v, c1f), c1f));
            int bits = _mm_movemask_epi8(m);
            if (bits == 0) {
                k += 16;
                continue;
            }
            k += (size_t)__builtin_ctz((unsigned)bits); /* the first special byte */
        }
#else
        if (k + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + k, 8);
            if (!text_word_json_special(w)) {
                k += 8;
                continue;
            }
        }
#endif
        if (k >= n)
            return n;
        unsigned char ch = (unsigned char)s[k];
        if (ch == '"')
            return k;
        if (ch == '\\') {
            *esc = 1;
            k += 2; /* the escaped byte (checked when decoding) */
            continue;
        }
        if (ch < 0x20)
            return n;
        k++; /* (a byte the eight-byte test flagged by a borrow) */
    }
}

static int
hex4(const char *s, unsigned *v)
{
    unsigned x = 0;
    for (int k = 0; k < 4; k++) {
        char ch = s[k];
        x <<= 4;
        if (ch >= '0' && ch <= '9')
            x |= (unsigned)(ch - '0');
        else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
            x |= (unsigned)((ch | 0x20) - 'a' + 10);
        else
            return -1;
    }
    *v = x;
    return 0;
}

/* Decodes the escapes of S[A, B) (a string's contents) into OUT. -1: not handled (an escape
 * RFC 8259 does not have, \u0000, a surrogate that is not a high one followed by a low one). */
static int
decode(const char *s, size_t a, size_t b, buf *out)
{
    out->n = 0;
    if (buf_reserve(out, b - a))
        return -1;
    char *o = out->p;
    size_t on = 0;
    while (a < b) {
        const char *bs = memchr(s + a, '\\', b - a);
        size_t run = bs ? (size_t)(bs - (s + a)) : b - a;
        memcpy(o + on, s + a, run);
        on += run;
        a += run;
        if (a >= b)
            break;
        /* an escape: at most as many bytes out as in (\uXXXX is 6 bytes for at most 3,
         * a pair 12 for 4) */
        if (a + 1 >= b)
            return -1;
        char e = s[a + 1], ch;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            ch = e;
            break;
        case 'b':
            ch = '\b';
            break;
        case 'f':
            ch = '\f';
            break;
        case 'n':
            ch = '\n';
            break;
        case 'r':
            ch = '\r';
            break;
        case 't':
            ch = '\t';
            break;
        case 'u': {
            unsigned cp, lo;
            if (b - a < 6 || hex4(s + a + 2, &cp) || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return -1;
            a += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (b - a < 6 || s[a] != '\\' || s[a + 1] != 'u' || hex4(s + a + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                a += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                o[on++] = (char)(0xF0 | (cp >> 18));
                o[on++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                o[on++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[on++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x80) {
                o[on++] = (char)cp;
            } else if (cp < 0x800) {
                o[on++] = (char)(0xC0 | (cp >> 6));
                o[on++] = (char)(0x80 | (cp & 0x3F));
            } else {
                o[on++] = (char)(0xE0 | (cp >> 12));
                o[on++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[on++] = (char)(0x80 | (cp & 0x3F));
            }
            continue;
        }
        default:
            return -1;
        }
        o[on++] = ch;
        a += 2;
    }
    out->n = on;
    return 0;
}

/* The value at S[*I] (not white space) as json-c makes it, *I past it; -1 when it is not
 * handled. A JSON null is *V = NULL. */
static int
value(const char *s, size_t n, size_t *i, buf *scratch, json_object **v)
{
    size_t k = *i;
    char ch = s[k];

    *v = NULL;
    if (ch == '"') {
        int esc;
        size_t e = string_end(s, n, k, &esc);
        if (e >= n)
            return -1;
        if (!esc) {
            *v = json_object_new_string_len(s + k + 1, (int)(e - k - 1));
        } else {
            if (decode(s, k + 1, e, scratch))
                return -1;
            *v = json_object_new_string_len(scratch->p ? scratch->p : "", (int)scratch->n);
        }
        *i = e + 1;
        return *v ? 0 : -1;
    }
    if (ch == '-' || (ch >= '0' && ch <= '9')) {
        /* -?(0|[1-9][0-9]{0,17}): an int64 json-c neither saturates nor writes otherwise */
        size_t d = k + (ch == '-');
        int64_t x = 0;
        if (d >= n || s[d] < '0' || s[d] > '9' || (s[d] == '0' && ch == '-'))
            return -1;
        size_t j = d;
        if (s[j] == '0') {
            j++;
        } else {
            while (j < n && s[j] >= '0' && s[j] <= '9' && j - d < 18)
                x = x * 10 + (s[j++] - '0');
        }
        if (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == 'e' || s[j] == 'E'))
            return -1;
        *v = json_object_new_int64(ch == '-' ? -x : x);
        *i = j;
        return *v ? 0 : -1;
    }
    if (ch == 't' && n - k >= 4 && memcmp(s + k, "true", 4) == 0) {
        *v = json_object_new_boolean(1);
        *i = k + 4;
        return *v ? 0 : -1;
    }
    if (ch == 'f' && n - k >= 5 && memcmp(s + k, "false", 5) == 0) {
        *v = json_object_new_boolean(0);
        *i = k + 5;
        return *v ? 0 : -1;
    }
    if (ch == 'n' && n - k >= 4 && memcmp(s + k, "null", 4) == 0) {
        *i = k + 4;
        return 0;
    }
    return -1; /* arrays, objects, anything else */
}

json_object *
json_fast_object(const char *s, size_t n, buf *scratch)
{
    size_t key_at[MAX_MEMBERS], key_len[MAX_MEMBERS], members = 0;
    size_t i = skip_ws(s, n, 0);
    json_object *obj;

    if (i >= n || s[i] != '{')
        return NULL;
    if (!(obj = json_object_new_object()))
        return NULL;
    i = skip_ws(s, n, i + 1);
    if (i < n && s[i] == '}') {
        i++;
        goto end;
    }
    for (;;) {
        int esc;
        size_t e;
        char key[MAX_KEY + 1];
        json_object *v;

        if (i >= n || s[i] != '"' || members == MAX_MEMBERS)
            goto not_handled;
        e = string_end(s, n, i, &esc);
        if (e >= n || esc || e - i - 1 > MAX_KEY)
            goto not_handled;
        size_t ka = i + 1, kl = e - i - 1;
        for (size_t m = 0; m < members; m++)
            if (key_len[m] == kl && memcmp(s + key_at[m], s + ka, kl) == 0)
                goto not_handled; /* json-c keeps the last value in the first one's place */
        key_at[members] = ka;
        key_len[members++] = kl;
        i = skip_ws(s, n, e + 1);
        if (i >= n || s[i] != ':')
            goto not_handled;
        i = skip_ws(s, n, i + 1);
        if (i >= n || value(s, n, &i, scratch, &v))
            goto not_handled;
        memcpy(key, s + ka, kl);
        key[kl] = '\0';
        if (json_object_object_add_ex(obj, key, v, JSON_C_OBJECT_ADD_KEY_IS_NEW) != 0) {
            json_object_put(v);
            goto not_handled;
        }
        i = skip_ws(s, n, i);
        if (i < n && s[i] == ',') {
            i = skip_ws(s, n, i + 1);
            continue;
        }
        if (i < n && s[i] == '}') {
            i++;
            break;
        }
        goto not_handled;
    }
end:
    if (skip_ws(s, n, i) == n)
        return obj;
not_handled:
    json_object_put(obj);
    return NULL;
}
