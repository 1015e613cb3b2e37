/*
 * text.h: UTF-8 validation, character classes and normalized keys (NFKC + case fold, with
 * punctuation variants unified), via utf8proc. Pure functions; no allocation.
 */
#ifndef IDNER_TEXT_H
#define IDNER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Offset of the first byte that is not part of valid UTF-8, or SIZE_MAX when all is valid.
 * NUL bytes are valid. */
size_t text_utf8_invalid_at(const char *s, size_t len);

/* Eight bytes W (read with memcpy) may hold a byte a JSON string cannot hold raw (below 0x20,
 * '"' or '\\') when this is not zero, and surely do not when it is zero (bytes of 0x80 and
 * above never count; a borrow can flag a byte above a real match: check those bytes one by
 * one). */
static inline int
text_word_json_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    return (((w - ones * 0x20) | (q - ones) | (bs - ones)) & ~w & highs) != 0;
}

/* Code points in the N bytes of valid UTF-8 at S (eight ASCII bytes at a time). */
size_t text_cp_count(const char *s, size_t n);

enum text_class {
    CH_SPACE = 1, /* white space other than line breaks (incl. no-break space) */
    CH_NEWLINE,   /* \n, \r, U+2028, U+2029, \v, \f */
    CH_LETTER,
    CH_MARK,   /* combining marks: part of the word they follow */
    CH_DIGIT,  /* ASCII 0-9 */
    CH_APOS,   /* ' and its curly variants */
    CH_HYPHEN, /* - and U+2010/U+2011 (en and em dashes are CH_PUNCT) */
    CH_PUNCT   /* everything else */
};

/* Decodes the code point at S (valid UTF-8 with at least one byte); returns its length. */
static inline int
text_decode(const unsigned char *s, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xE0) {
        *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (s[0] < 0xF0) {
        *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *cp = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

enum text_class text_class_of(int32_t cp);

/* The classes of the ASCII range (text.c). */
extern const uint8_t text_ascii_class[128];

/* text_class_of, with the ASCII range inline. */
static inline enum text_class
text_class(int32_t cp)
{
    return cp >= 0 && cp < 128 ? (enum text_class)text_ascii_class[cp] : text_class_of(cp);
}
int text_is_upper(int32_t cp);
int text_is_lower(int32_t cp);
/* A non-ASCII symbol (currency signs, emoji, ...). */
int text_is_symbol(int32_t cp);

/* Writes the normalized key of S[0, N) to OUT (capacity CAP, at least 4 * N + 8 bytes is always
 * enough) and returns its length. The key is NFKC + case fold; curly quotes become ' or ",
 * en/em dashes -, and the ellipsis "...". ASCII takes a fast path. */
size_t text_key(const char *s, size_t n, char *out, size_t cap);

#endif
