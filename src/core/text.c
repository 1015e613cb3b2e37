/*
 * text.c: UTF-8 validation, character classes and normalized keys (see text.h).
 */
#include <string.h>
#include <utf8proc.h>

#include "core/text.h"

size_t
text_utf8_invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, 8 bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        int32_t min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return i;
        }
        if (len - i <= need)
            return i;
        int32_t cp = c & (0x3F >> need);
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return SIZE_MAX;
}

size_t
text_cp_count(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    for (; i + 8 <= n; i += 8) { /* eight ASCII bytes at a time: eight code points */
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            for (int j = 0; j < 8; j++)
                k += ((unsigned char)s[i + (size_t)j] & 0xC0) != 0x80;
        else
            k += 8;
    }
    for (; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

#define D CH_DIGIT
#define L CH_LETTER
#define P CH_PUNCT
const uint8_t text_ascii_class[128] = {
    P,          P, P, P, P, P, P,         P, P, CH_SPACE, CH_NEWLINE, CH_NEWLINE, CH_NEWLINE,
    CH_NEWLINE, P, P, P, P, P, P,         P, P, P,        P,          P,          P,
    P,          P, P, P, P, P, CH_SPACE,  P, P, P,        P,          P,          P,
    CH_APOS,    P, P, P, P, P, CH_HYPHEN, P, P, D,        D,          D,          D,
    D,          D, D, D, D, D, P,         P, P, P,        P,          P,          P,
    L,          L, L, L, L, L, L,         L, L, L,        L,          L,          L,
    L,          L, L, L, L, L, L,         L, L, L,        L,          L,          L,
    P,          P, P, P, P, P, L,         L, L, L,        L,          L,          L,
    L,          L, L, L, L, L, L,         L, L, L,        L,          L,          L,
    L,          L, L, L, L, L, P,         P, P, P,        P,
};
#undef D
#undef L
#undef P

enum text_class
text_class_of(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return (enum text_class)text_ascii_class[cp];
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x02BB:
    case 0x00B4:
    case 0x2032:
        return CH_APOS;
    case 0x2010:
    case 0x2011:
        return CH_HYPHEN;
    case 0x2028:
    case 0x2029:
    case 0x85:
        return CH_NEWLINE;
    case 0xFEFF:
    case 0x200B: /* BOM and zero-width space separate like spaces */
        return CH_SPACE;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return CH_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CH_MARK;
    case UTF8PROC_CATEGORY_ZS:
        return CH_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return CH_NEWLINE;
    case UTF8PROC_CATEGORY_ND:
        return CH_LETTER; /* non-ASCII digits: part of words, never parsed as numbers */
    case UTF8PROC_CATEGORY_CF:
        return CH_MARK; /* soft hyphen, joiners: stay inside the word */
    default:
        return CH_PUNCT;
    }
}

int
text_is_upper(int32_t cp)
{
    if (cp < 128)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int
text_is_lower(int32_t cp)
{
    if (cp < 128)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int
text_is_symbol(int32_t cp)
{
    if (cp < 128)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_SM || c == UTF8PROC_CATEGORY_SC || c == UTF8PROC_CATEGORY_SK ||
           c == UTF8PROC_CATEGORY_SO;
}

/* Punctuation variants folded to one ASCII form before normalization. */
static int32_t
unify_punct(int32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x02BB:
    case 0x00B4:
    case 0x2032:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
        return '-';
    case 0x00A0:
    case 0x202F:
    case 0x2007:
        return ' ';
    default:
        return cp;
    }
}

size_t
text_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == n && n < cap) { /* ASCII fast path */
        for (i = 0; i < n; i++) {
            char c = s[i];
            out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out[n] = '\0';
        return n;
    }
    /* Unify punctuation and the ellipsis, then NFKC + case fold through utf8proc, all in
     * fixed buffers: keys longer than the buffer are cut (they never match anything). */
    enum { MAXCP = 512 };
    utf8proc_int32_t cps[MAXCP];
    utf8proc_ssize_t ncp = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        int32_t cp;
        p += text_decode(p, &cp);
        if (cp == 0x2026) {
            for (int k = 0; k < 3 && ncp < MAXCP; k++)
                cps[ncp++] = '.';
            continue;
        }
        cp = unify_punct(cp);
        utf8proc_int32_t buf[32];
        int last = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, buf, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
            &last);
        if (m < 0 || ncp + m > MAXCP)
            break;
        memcpy(cps + ncp, buf, (size_t)m * sizeof buf[0]);
        ncp += m;
    }
    ncp = utf8proc_normalize_utf32(cps, ncp, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    size_t o = 0;
    if (ncp > 0) {
        for (utf8proc_ssize_t k = 0; k < ncp; k++) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t l = utf8proc_encode_char(cps[k], enc);
            if (o + (size_t)l + 1 > cap)
                break;
            memcpy(out + o, enc, (size_t)l);
            o += (size_t)l;
        }
    }
    out[o] = '\0';
    return o;
}
