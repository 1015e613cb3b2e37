/*
 * tok.c: the tokenizer (see tok.h; the span conventions it serves are SPEC.md sections 2-4).
 *
 * One left-to-right pass over the text. Words keep Indonesian details together: reduplication
 * ("negara-negara"), lowercase hyphen compounds ("tembak-menembak"), "ke-21" ordinals,
 * apostrophes inside words ("Jum'at"), abbreviations with their period ("Dr.", "Jl."). Hyphens
 * before a capital or a digit split ("Korea Utara-Rusia", "Hwasong-19") so that each part can be
 * looked up. Numbers in Indonesian format ("10.000", "9,2", "1,30%", "Rp9,2", "10:30") and date
 * digit groups ("3/11/2024", "2024-11-03") are single tokens. URLs, domains ("Suara.com"),
 * e-mail addresses and hashtags are single tokens. A line break always ends a sentence and a
 * paragraph; ". ! ? ..." end one when the next token does not start in lower case.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "tok/tok.h"

typedef struct scan {
    const unsigned char *s;
    size_t len;
} scan;

static int32_t
cp_at(const scan *sc, size_t i, int *l)
{
    int32_t cp;
    if (i >= sc->len) {
        *l = 0;
        return -1;
    }
    *l = text_decode(sc->s + i, &cp);
    return cp;
}

static enum text_class
class_at(const scan *sc, size_t i)
{
    int l;
    int32_t cp = cp_at(sc, i, &l);
    return cp < 0 ? 0 : text_class(cp);
}

static int
is_ascii_digit(const scan *sc, size_t i)
{
    return i < sc->len && sc->s[i] >= '0' && sc->s[i] <= '9';
}

static int
is_ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Case-insensitive ASCII comparison of S[a, b) with the lowercase word W. */
static int
word_is(const scan *sc, size_t a, size_t b, const char *w)
{
    if (b <= a || ascii_lower(sc->s[a]) != (unsigned char)w[0])
        return 0;
    size_t n = strlen(w);
    if (b - a != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (ascii_lower(sc->s[a + k]) != (unsigned char)w[k])
            return 0;
    return 1;
}

/* Abbreviations that keep their period (lowercase, sorted for bsearch). */
static const char *const abbrevs[] = {
    "adm",    "agt", "ags",  "agu",    "agust", "apr", "bpk", "br",   "brigjen", "capt",
    "cq",     "des", "dkk",  "dll",    "dr",    "dra", "drg", "drs",  "dsb",     "dst",
    "feb",    "gg",  "hj",   "hlm",    "hr",    "ir",  "jan", "jend", "jl",      "jln",
    "jul",    "jun", "kab",  "kapt",   "kec",   "kel", "kh",  "kol",  "komjen",  "kompol",
    "letjen", "lt",  "mar",  "mayjen", "mr",    "mrs", "ms",  "nn",   "no",      "nov",
    "ny",     "okt", "pdt",  "prof",   "prov",  "rp",  "sdr", "sdri", "sep",     "sept",
    "st",     "tbk", "telp", "tgl",    "tn",    "ust", "vs",  "yth",
};

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
is_abbrev(const scan *sc, size_t a, size_t b)
{
    char w[16];
    if (b - a >= sizeof w)
        return 0;
    for (size_t k = a; k < b; k++) {
        if (!is_ascii_alpha(sc->s[k]))
            return 0;
        w[k - a] = (char)ascii_lower(sc->s[k]);
    }
    w[b - a] = '\0';
    const char *key = w;
    return bsearch(&key, abbrevs, sizeof abbrevs / sizeof abbrevs[0], sizeof abbrevs[0], cmp_str) !=
           NULL;
}

static const char *const tlds[] = {"ac",  "asia", "biz",  "co", "com", "edu", "go",
                                   "gov", "id",   "info", "io", "my",  "net", "news",
                                   "or",  "org",  "sch",  "tv", "uk",  "web"};

static int
is_tld(const scan *sc, size_t a, size_t b)
{
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (word_is(sc, a, b, tlds[k]))
            return 1;
    return 0;
}

static size_t
alpha_run(const scan *sc, size_t i)
{
    while (i < sc->len && is_ascii_alpha(sc->s[i]))
        i++;
    return i;
}

static int
is_url_char(unsigned char c)
{
    return c > 0x20 && c != '"' && c != '<' && c != '>' && c < 0x7F;
}

/* End of a URL starting at I ("http://", "https://", "www."), or 0. Trailing sentence
 * punctuation is left out. */
static size_t
scan_url(const scan *sc, size_t i)
{
    static const char *const prefixes[] = {"http://", "https://", "www."};
    unsigned char c0 = (unsigned char)ascii_lower(sc->s[i]);
    if (c0 != 'h' && c0 != 'w')
        return 0;
    size_t p;
    for (p = 0; p < 3; p++) {
        size_t n = strlen(prefixes[p]);
        if (i + n < sc->len && word_is(sc, i, i + n, prefixes[p]))
            break;
    }
    if (p == 3)
        return 0;
    size_t j = i;
    while (j < sc->len && is_url_char(sc->s[j]))
        j++;
    while (j > i && strchr(".,;:!?)]'", sc->s[j - 1]))
        j--;
    return j;
}

static int
is_email_local(unsigned char c)
{
    return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
}

/* End of an e-mail address starting at I, or 0. When there is none, *NONE_BEFORE is set to
 * the end of the local part's characters: no address starts before it either (its local part
 * would end there too, and the rest is the same), so the caller need not scan again from
 * there (linear time on "Kata_Kota_Desa_..."). */
static size_t
scan_email(const scan *sc, size_t i, size_t *none_before)
{
    size_t j = i;
    while (j < sc->len && is_email_local(sc->s[j]))
        j++;
    *none_before = j;
    if (j == i || j >= sc->len || sc->s[j] != '@')
        return 0;
    size_t k = j + 1, dots = 0, last_dot = 0;
    while (k < sc->len && (is_ascii_alpha(sc->s[k]) || (sc->s[k] >= '0' && sc->s[k] <= '9') ||
                           sc->s[k] == '-' || sc->s[k] == '.')) {
        if (sc->s[k] == '.') {
            dots++;
            last_dot = k;
        }
        k++;
    }
    while (k > j + 1 && sc->s[k - 1] == '.')
        k--;
    if (!dots || last_dot + 2 >= k || last_dot <= j + 1)
        return 0;
    return k;
}

/* ASCII letters and digits: the fast path of scan_word_run. */
static const uint8_t ascii_alnum[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Scans letters, marks, digits and inner apostrophes from I. */
static size_t
scan_word_run(const scan *sc, size_t i)
{
    while (i < sc->len) {
        unsigned char b = sc->s[i];
        if (b < 0x80) {
            if (ascii_alnum[b]) {
                i++;
                continue;
            }
            if (b != '\'')
                break;
        }
        int l;
        int32_t cp = cp_at(sc, i, &l);
        enum text_class c = text_class(cp);
        if (c == CH_LETTER || c == CH_MARK || c == CH_DIGIT) {
            i += (size_t)l;
        } else if (c == CH_APOS && class_at(sc, i + (size_t)l) == CH_LETTER) {
            i += (size_t)l; /* Jum'at, Ma'ruf */
        } else {
            break;
        }
    }
    return i;
}

/* Scans an Indonesian number from I (a digit): 10.000 9,2 1,30% 10:30 1990-an, and digit
 * date groups 3/11/2024 2024-11-03. Sets *KIND. */
static size_t
scan_number(const scan *sc, size_t i, uint8_t *kind)
{
    size_t j = i;
    *kind = TOK_NUMBER;
    while (is_ascii_digit(sc, j))
        j++;
    size_t first_group_end = j;
    /* Digit groups joined by '/' (any count) or by '-' (exactly three groups). */
    if (j + 1 < sc->len && sc->s[j] == '/' && is_ascii_digit(sc, j + 1)) {
        while (j + 1 < sc->len && sc->s[j] == '/' && is_ascii_digit(sc, j + 1)) {
            j++;
            while (is_ascii_digit(sc, j))
                j++;
        }
        *kind = TOK_DATEDIGITS;
        return j;
    }
    if (j + 1 < sc->len && sc->s[j] == '-' && is_ascii_digit(sc, j + 1)) {
        size_t k = j + 1;
        while (is_ascii_digit(sc, k))
            k++;
        if (k + 1 < sc->len && sc->s[k] == '-' && is_ascii_digit(sc, k + 1)) {
            size_t m = k + 1;
            while (is_ascii_digit(sc, m))
                m++;
            if (m - (k + 1) <= 4 && k - (j + 1) <= 2 && first_group_end - i <= 4) {
                *kind = TOK_DATEDIGITS;
                return m;
            }
        }
    }
    for (;;) {
        if (j + 1 < sc->len && (sc->s[j] == '.' || sc->s[j] == ',') && is_ascii_digit(sc, j + 1)) {
            j++;
            while (is_ascii_digit(sc, j))
                j++;
        } else if (j + 2 < sc->len && sc->s[j] == ':' && is_ascii_digit(sc, j + 1) &&
                   is_ascii_digit(sc, j + 2)) {
            j += 3;
            while (is_ascii_digit(sc, j))
                j++;
        } else {
            break;
        }
    }
    if (j < sc->len && sc->s[j] == '%')
        return j + 1;
    /* 1990-an */
    if (j + 2 < sc->len && sc->s[j] == '-' && word_is(sc, j + 1, j + 3, "an") &&
        class_at(sc, j + 3) != CH_LETTER)
        return j + 3;
    /* 5G, 2km: digits glued to letters make a word */
    if (class_at(sc, j) == CH_LETTER) {
        *kind = TOK_WORD;
        return scan_word_run(sc, j);
    }
    return j;
}

/* After a word ending at J: a domain such as "Suara.com" or "kompas.co.id"? Returns its end
 * (with an optional /path), or 0. */
static size_t
scan_domain(const scan *sc, size_t start, size_t j)
{
    size_t end = 0, k = j;
    while (k + 1 < sc->len && sc->s[k] == '.' && is_ascii_alpha(sc->s[k + 1])) {
        size_t e = alpha_run(sc, k + 1);
        if (class_at(sc, e) == CH_LETTER || class_at(sc, e) == CH_DIGIT || !is_tld(sc, k + 1, e))
            break;
        end = k = e;
    }
    if (!end || j - start < 2)
        return 0;
    if (end < sc->len && sc->s[end] == '/') {
        while (end < sc->len && is_url_char(sc->s[end]))
            end++;
        while (strchr(".,;:!?)]'", sc->s[end - 1]))
            end--;
    }
    return end;
}

typedef struct word_info {
    size_t end;
    uint8_t kind;
    uint32_t flags;
} word_info;

/* Scans a word token from I (a letter or mark). */
static word_info
scan_word(const scan *sc, size_t i)
{
    word_info w = {0, TOK_WORD, 0};
    /* Rp9,2: the currency glued to its amount */
    if (i + 2 < sc->len && is_ascii_digit(sc, i + 2) && word_is(sc, i, i + 2, "rp")) {
        uint8_t k;
        w.end = scan_number(sc, i + 2, &k);
        w.kind = TOK_NUMBER;
        return w;
    }
    size_t j = scan_word_run(sc, i);
    size_t d = scan_domain(sc, i, j);
    if (d) {
        w.end = d;
        w.kind = TOK_URL;
        return w;
    }
    /* Hyphen joins: "ke-21", and a hyphen followed by a lower-case letter. */
    int hyphenated = 0;
    for (;;) {
        int l;
        if (j >= sc->len || class_at(sc, j) != CH_HYPHEN)
            break;
        cp_at(sc, j, &l);
        size_t after = j + (size_t)l;
        if (is_ascii_digit(sc, after) && word_is(sc, i, j, "ke")) {
            size_t e = after;
            while (is_ascii_digit(sc, e))
                e++;
            w.end = e;
            w.flags |= TOK_F_ORDINAL;
            return w;
        }
        int32_t cp = cp_at(sc, after, &l);
        if (cp < 0 || !text_is_lower(cp))
            break;
        size_t e = scan_word_run(sc, after);
        /* reduplication: the second part repeats the first (isu-isu, berhari-hari) */
        size_t n1 = j - i, n2 = e - after;
        if (n1 > 0 && n2 >= n1) {
            size_t k;
            for (k = 0; k < n1; k++)
                if (ascii_lower(sc->s[i + k]) != ascii_lower(sc->s[after + k]))
                    break;
            if (k == n1)
                w.flags |= TOK_F_REDUP;
        }
        if (n1 > 1 && n2 > 1 && !(w.flags & TOK_F_REDUP)) {
            /* berhari-hari: the second part ends like the first without its prefix */
            size_t m = n1 < n2 ? n1 : n2, k;
            for (k = 0; k < m; k++)
                if (ascii_lower(sc->s[j - 1 - k]) != ascii_lower(sc->s[e - 1 - k]))
                    break;
            if (k >= 3)
                w.flags |= TOK_F_REDUP;
        }
        hyphenated = 1;
        j = e;
    }
    /* Abbreviations keep their period: Dr. Jl. H. dll. S.H. */
    if (!hyphenated && j < sc->len && sc->s[j] == '.') {
        int l;
        int32_t first = cp_at(sc, i, &l);
        size_t n = j - i;
        if ((n == (size_t)l && text_is_upper(first)) || is_abbrev(sc, i, j)) {
            j++;
            /* S.H., U.S.A. */
            while (j + 1 < sc->len && is_ascii_alpha(sc->s[j]) && sc->s[j + 1] == '.' &&
                   class_at(sc, j + 2) != CH_LETTER && n == 1)
                j += 2;
            w.flags |= TOK_F_ABBREV;
        } else if (n == 1 && j + 2 < sc->len && is_ascii_alpha(sc->s[j + 1]) &&
                   sc->s[j + 2] == '.') {
            j += 1; /* a.n. */
            while (j + 1 < sc->len && is_ascii_alpha(sc->s[j]) && sc->s[j + 1] == '.')
                j += 2;
            w.flags |= TOK_F_ABBREV;
        }
    }
    w.end = j;
    return w;
}

static int
grow_tokens(tok_list *tl)
{
    size_t cap = tl->cap ? tl->cap * 2 : 256;
    tok *v = realloc(tl->v, cap * sizeof *v);
    if (!v)
        return -1;
    tl->v = v;
    tl->cap = cap;
    mem_huge(v, cap * sizeof *v);
    return 0;
}

static int
reserve_keys(tok_list *tl, size_t more)
{
    if (tl->keys_len + more <= tl->keys_cap)
        return 0;
    size_t cap = tl->keys_cap ? tl->keys_cap : 1024;
    while (cap < tl->keys_len + more)
        cap *= 2;
    char *k = realloc(tl->keys, cap);
    if (!k)
        return -1;
    tl->keys = k;
    tl->keys_cap = cap;
    mem_huge(k, cap);
    return 0;
}

uint64_t
tok_hash(const char *key, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* Shape flags of a word: CAP, ALLCAPS, LOWER, DIGIT. */
static uint32_t
shape_flags(const scan *sc, size_t a, size_t b)
{
    uint32_t f = 0;
    int first = 1, upper = 0, lower = 0;
    size_t i = a;
    while (i < b) {
        int l;
        int32_t cp;
        if (sc->s[i] < 0x80) {
            cp = sc->s[i];
            l = 1;
        } else {
            cp = cp_at(sc, i, &l);
        }
        if (cp >= '0' && cp <= '9') {
            f |= TOK_F_DIGIT;
        } else if (text_is_upper(cp)) {
            if (first)
                f |= TOK_F_CAP;
            upper++;
            first = 0;
        } else if (text_is_lower(cp)) {
            if (first)
                f |= TOK_F_LOWER;
            lower++;
            first = 0;
        } else if (text_class(cp) == CH_LETTER) {
            first = 0;
        }
        i += (size_t)l;
    }
    if (upper >= 2 && lower == 0)
        f |= TOK_F_ALLCAPS;
    return f;
}

/* The ASCII fast path of a token: writes its lowercase key (NUL-terminated) to KEY, its
 * tok_hash to *HASH and, when FLAGS is not NULL, adds its shape flags. Returns 0 (and writes
 * nothing certain) when S[0, N) is not all ASCII or too long for a key. */
static int
ascii_token(const unsigned char *s, size_t n, char *key, uint64_t *hash, uint32_t *flags)
{
    if (n > UINT16_MAX)
        return 0;
    uint64_t h = 0xcbf29ce484222325ull;
    int upper = 0, lower = 0, digit = 0;
    int first = -1; /* case of the first letter: 1 upper, 0 lower */
    for (size_t k = 0; k < n; k++) {
        unsigned char c = s[k];
        if (c >= 0x80)
            return 0;
        if (c >= 'A' && c <= 'Z') {
            upper++;
            if (first < 0)
                first = 1;
            c = (unsigned char)(c + 32);
        } else if (c >= 'a' && c <= 'z') {
            lower++;
            if (first < 0)
                first = 0;
        } else if (c >= '0' && c <= '9') {
            digit = 1;
        }
        key[k] = (char)c;
        h ^= c;
        h *= 0x100000001b3ull;
    }
    key[n] = '\0';
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    *hash = h;
    if (flags) {
        if (first == 1)
            *flags |= TOK_F_CAP;
        else if (first == 0)
            *flags |= TOK_F_LOWER;
        if (digit)
            *flags |= TOK_F_DIGIT;
        if (upper >= 2 && lower == 0)
            *flags |= TOK_F_ALLCAPS;
    }
    return 1;
}

/* The fused word path: for each ASCII letter and digit, its lowercase byte (low 8 bits) and its
 * class (AW_*); 0 for every other byte. */
enum { AW_UPPER = 1 << 8, AW_LOWER = 1 << 9, AW_DIGIT = 1 << 10, AW_LETTER = AW_UPPER | AW_LOWER };
#define U AW_UPPER
#define L AW_LOWER
#define D AW_DIGIT
static const uint16_t ascii_word_class[256] = {
    0,       0,       0,       0,       0,       0,       0,       0,       0,       0,
    0,       0,       0,       0,       0,       0,       0,       0,       0,       0,
    0,       0,       0,       0,       0,       0,       0,       0,       0,       0,
    0,       0,       0,       0,       0,       0,       0,       0,       0,       0,
    0,       0,       0,       0,       0,       0,       0,       0,       D | '0', D | '1',
    D | '2', D | '3', D | '4', D | '5', D | '6', D | '7', D | '8', D | '9', 0,       0,
    0,       0,       0,       0,       0,       U | 'a', U | 'b', U | 'c', U | 'd', U | 'e',
    U | 'f', U | 'g', U | 'h', U | 'i', U | 'j', U | 'k', U | 'l', U | 'm', U | 'n', U | 'o',
    U | 'p', U | 'q', U | 'r', U | 's', U | 't', U | 'u', U | 'v', U | 'w', U | 'x', U | 'y',
    U | 'z', 0,       0,       0,       0,       0,       0,       L | 'a', L | 'b', L | 'c',
    L | 'd', L | 'e', L | 'f', L | 'g', L | 'h', L | 'i', L | 'j', L | 'k', L | 'l', L | 'm',
    L | 'n', L | 'o', L | 'p', L | 'q', L | 'r', L | 's', L | 't', L | 'u', L | 'v', L | 'w',
    L | 'x', L | 'y', L | 'z', 0,       0,       0,       0,       0,
    /* 0x80-0xFF: 0 */
};
#undef U
#undef L
#undef D

_Static_assert(TOK_F_LOWER >> (AW_UPPER >> 7) == TOK_F_CAP && AW_DIGIT >> 7 == TOK_F_DIGIT,
               "the fused path's flag shifts");

/* Does scan_word end the ASCII word S[I, J) (letters and digits, not Rp9) at the period at J
 * with no flag, as the fused path would? Not when the period may make a domain (a letter
 * after it), an initial ("B.", "a.n.") or an abbreviation ("Dr."); the caller asks only in a text
 * with no URL nor '@' ("www.5.id", "budi.1@contoh.id"). One word in a sentence ends so: without
 * this test it would take the general path, which scans it again. */
static int
word_ends_at_period(const scan *sc, size_t i, size_t j)
{
    return sc->s[j] == '.' && j - i >= 2 && (j + 1 >= sc->len || !is_ascii_alpha(sc->s[j + 1])) &&
           !is_abbrev(sc, i, j);
}

/* Makes X opaque to the optimizer, so that it stays in a register instead of being
 * rematerialized (a constant, an address) inside a loop. No code. */
#if defined(__GNUC__)
#define WORD_LOOP_PIN(x) __asm__("" : "+r"(x))
#else
#define WORD_LOOP_PIN(x) ((void)0)
#endif

/* One FNV-1a step, H = (H ^ C) * PRIME. In the loop GCC computes it in C's register and then
 * copies it to H's (one instruction of 13 a byte): the asm computes it in place. */
#if defined(__GNUC__) && defined(__x86_64__)
#define WORD_LOOP_FNV(h, c, prime)                                                                 \
    __asm__("xorq %1, %0\n\timulq %2, %0" : "+r"(h) : "r"(c), "r"(prime))
#else
#define WORD_LOOP_FNV(h, c, prime) ((h) = ((h) ^ (c)) * (prime))
#endif

static int
is_terminal(const tok_list *tl, const tok *t)
{
    if (t->kind != TOK_PUNCT)
        return 0;
    const char *k = tok_key(tl, t);
    return (t->key_len == 1 && (k[0] == '.' || k[0] == '!' || k[0] == '?')) ||
           (t->key_len >= 3 && k[0] == '.');
}

/* Is T a period after a capital letter standing alone, an initial as tokenized text writes
 * it ("John B . Fenn")? Such a period ends no sentence, as the initial "B." does not. */
static int
is_initial_period(const tok_list *tl, const tok *t)
{
    if (tl->n == 0 || t->kind != TOK_PUNCT || t->key_len != 1 || tok_key(tl, t)[0] != '.')
        return 0;
    const tok *p = &tl->v[tl->n - 1];
    return p->kind == TOK_WORD && p->byte_end - p->byte_start == 1 &&
           (p->flags & (TOK_F_CAP | TOK_F_ALLCAPS)) && p->sent == t->sent;
}

static int
is_closer(const tok_list *tl, const tok *t)
{
    if (t->kind != TOK_PUNCT || t->key_len != 1)
        return 0;
    char k = tok_key(tl, t)[0];
    return k == '"' || k == '\'' || k == ')' || k == ']';
}

/* Does TEXT hold "://" or "www." (any case)? memchr is fast, and both marks are rare. */
static int
may_hold_url(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
        if (end - p >= 3 && p[1] == '/' && p[2] == '/')
            return 1;
        p++;
    }
    for (p = text; (p = memchr(p, '.', (size_t)(end - p))) != NULL; p++)
        if (p - text >= 3 && (p[-1] | 0x20) == 'w' && (p[-2] | 0x20) == 'w' &&
            (p[-3] | 0x20) == 'w')
            return 1;
    return 0;
}

/* The last step of token T (not yet counted in TL) for both paths of tok_run: a word too far
 * into its sentence starts one (TOK_SENT_MAX), a sentence start closes the sentence before, and
 * T takes its flags, the pending ones and its sentence. */
static inline __attribute__((always_inline)) void
token_done(tok_list *tl, tok *t, uint32_t flags, uint32_t *pending, int *sentence_break,
           uint32_t *sent, size_t *cut_at, size_t sent_max)
{
    if (t->byte_start >= *cut_at && t->kind == TOK_WORD && !(*pending & TOK_F_SENT_START) &&
        tl->n > 0) {
        *pending |= TOK_F_SENT_START | TOK_F_SENT_CUT;
        tl->cuts++;
    }
    if (*pending & TOK_F_SENT_START) {
        *sentence_break = 0;
        *cut_at = t->byte_start + sent_max;
        if (tl->n > 0) {
            (*sent)++;
            tl->v[tl->n - 1].flags |= TOK_F_SENT_END;
        }
    }
    t->flags = (uint16_t)(flags | *pending);
    t->sent = *sent;
    *pending = 0;
}

size_t
tok_sentence_max(void)
{
    const char *e = getenv("IDNER_SENTENCE_BYTES");
    unsigned long long v = e && *e ? strtoull(e, NULL, 10) : 0;
    return v ? (size_t)v : TOK_SENT_MAX;
}

void
tok_begin(tok_state *st, const char *text, size_t len, size_t sent_max)
{
    memset(st, 0, sizeof *st);
    st->pending = TOK_F_SENT_START | TOK_F_PARA_START | TOK_F_LINE_START | TOK_F_SPACE_BEFORE;
    st->sent_max = st->cut_at = sent_max;
    /* Most documents hold no URL or e-mail address: look for them only where they can be. */
    st->has_at = memchr(text, '@', len) != NULL;
    st->may_url = may_hold_url(text, len);
}

idner_status
tok_run(tok_list *tl, const char *text, size_t len)
{
    return tok_run_max(tl, text, len, TOK_SENT_MAX);
}

idner_status
tok_run_max(tok_list *tl, const char *text, size_t len, size_t sent_max)
{
    tok_state st;
    tok_begin(&st, text, len, sent_max);
    tl->n = 0;
    tl->keys_len = 0;
    tl->cuts = 0;
    /* about one token per five bytes of news text: grow once, not by doubling */
    if (tl->cap < len / 4 + 16) {
        tok *v = realloc(tl->v, (len / 4 + 16) * sizeof *v);
        if (!v)
            return IDNER_ERR_NOMEM;
        tl->v = v;
        tl->cap = len / 4 + 16;
        mem_huge(v, tl->cap * sizeof *v);
    }
    if (reserve_keys(tl, len + len / 4 + 16))
        return IDNER_ERR_NOMEM;
    idner_status s = tok_more(tl, &st, text, len, len);
    if (s == IDNER_OK)
        tok_end(tl);
    return s;
}

void
tok_end(tok_list *tl)
{
    if (tl->n > 0)
        tl->v[tl->n - 1].flags |= TOK_F_SENT_END;
}

idner_status
tok_more(tok_list *tl, tok_state *st, const char *text, size_t len, size_t upto)
{
    scan sc = {(const unsigned char *)text, len};
    size_t i = st->i;
    uint32_t pending = st->pending;
    int sentence_break = st->sentence_break;
    int has_at = st->has_at, may_url = st->may_url;
    size_t no_email_before = st->no_email_before;
    uint32_t sent = st->sent;
    size_t cut_at = st->cut_at, sent_max = st->sent_max;
    /* Bytes after an ASCII word that send it down the general path: anything that can extend
     * it (non-ASCII, hyphen, period, apostrophe), a URL's colon, an e-mail address's characters. */
    uint8_t stop[256] = {0};
    memset(stop + 0x80, 1, 0x80);
    stop['-'] = stop['.'] = stop['\''] = 1;
    if (may_url)
        stop[':'] = 1;
    if (has_at)
        stop['_'] = stop['%'] = stop['+'] = stop['@'] = 1;
    while (i < upto) {
        unsigned char b0 = sc.s[i];
        if (b0 == ' ') {
            pending |= TOK_F_SPACE_BEFORE;
            i++;
            continue;
        }
        if (tl->n == tl->cap && grow_tokens(tl))
            return IDNER_ERR_NOMEM;
        tok *t = &tl->v[tl->n];
        if (ascii_word_class[b0] & AW_LETTER) {
            /* The fused path of a plain ASCII word (most tokens): one pass scans it, writes its
             * lowercase key, hashes it and gathers its shape; it is taken only when the general
             * path would end the token at the same byte with the same kind and flags. */
            size_t j = i, room = len - i < UINT16_MAX ? len - i : UINT16_MAX;
            if (reserve_keys(tl, room + 1))
                return IDNER_ERR_NOMEM;
            char *key = tl->keys + tl->keys_len;
            uint64_t h = 0xcbf29ce484222325ull;
            unsigned seen = 0;
            const unsigned char *s = sc.s + i;
            size_t n = 0;
            /* The class table and the FNV prime in registers for the whole loop: without the
             * empty asm statements, GCC reloads both on every byte (two instructions of 13). */
            const uint16_t *cls = ascii_word_class;
            uint64_t prime = 0x100000001b3ull;
            WORD_LOOP_PIN(cls);
            WORD_LOOP_PIN(prime);
            /* two bytes a step: half the counting and bound tests (WORD_BYTE(K): byte K, or N = K
             * and out of the loop) */
#define WORD_BYTE(k)                                                                               \
    {                                                                                              \
        unsigned m = cls[s[k]];                                                                    \
        if (!m) {                                                                                  \
            n = (k);                                                                               \
            break;                                                                                 \
        }                                                                                          \
        key[k] = (char)m;                                                                          \
        WORD_LOOP_FNV(h, (uint64_t)(uint8_t)m, prime);                                             \
        seen |= m;                                                                                 \
    }
            for (;; n += 2) {
                if (n + 1 >= room) { /* room for one byte more at most */
                    if (n < room) {
                        WORD_BYTE(n)
                        n++;
                    }
                    break;
                }
                WORD_BYTE(n)
                WORD_BYTE(n + 1)
            }
#undef WORD_BYTE
            j = i + n;
            /* Rp9,2 holds a digit: the test is for such words only */
            int rp = (seen & AW_DIGIT) && n >= 3 && (s[0] | 0x20) == 'r' && (s[1] | 0x20) == 'p' &&
                     (ascii_word_class[s[2]] & AW_DIGIT);
            if (n < room &&
                (j >= len || !stop[sc.s[j]] ||
                 (!has_at && !may_url && word_ends_at_period(&sc, i, j))) &&
                !rp) {
                key[n] = '\0';
                h ^= h >> 33;
                h *= 0xff51afd7ed558ccdull;
                h ^= h >> 33;
                t->hash = h;
                /* CAP or LOWER by the first letter's case, and DIGIT, as shifts (no branch) */
                uint32_t wflags = (TOK_F_LOWER >> ((ascii_word_class[b0] & AW_UPPER) >> 7)) |
                                  ((seen & AW_DIGIT) >> 7);
                if (!(seen & (AW_LOWER | AW_DIGIT))) { /* only capitals: DPR, KPK */
                    if (n >= 2)
                        wflags |= TOK_F_ALLCAPS;
                } else if (!(seen & AW_LOWER)) { /* rare: capitals and digits, count them */
                    size_t upper = 0;
                    for (size_t k = 0; k < n; k++)
                        upper += (ascii_word_class[s[k]] & AW_UPPER) != 0;
                    if (upper >= 2)
                        wflags |= TOK_F_ALLCAPS;
                }
                t->byte_start = (uint32_t)i;
                t->byte_end = (uint32_t)j;
                t->key_off = (uint32_t)tl->keys_len;
                /* The tail below, for a plain word: no ALLDIGIT (not a number), never a closer
                 * nor terminal punctuation, never REDUP or ABBREV. */
                t->key_len = (uint16_t)n;
                tl->keys_len += n + 1;
                t->kind = TOK_WORD;
                t->stem_len = 0;
                if (n >= 6) {
                    /* the last three key bytes and the NUL, as one word (the constants fold) */
                    uint32_t w, nya, lah, kah;
                    memcpy(&w, key + n - 3, 4);
                    memcpy(&nya, "nya", 4);
                    memcpy(&lah, "lah", 4);
                    memcpy(&kah, "kah", 4);
                    if (w == nya || w == lah || w == kah) {
                        wflags |= TOK_F_CLITIC;
                        t->stem_len = (uint16_t)(n - 3);
                    }
                }
                if (sentence_break && !(pending & TOK_F_SENT_START)) {
                    if (!(wflags & TOK_F_LOWER))
                        pending |= TOK_F_SENT_START;
                    sentence_break = 0;
                }
                token_done(tl, t, wflags, &pending, &sentence_break, &sent, &cut_at, sent_max);
                tl->n++;
                i = j;
                unsigned char mark = i < upto ? sc.s[i] : 0;
                if ((mark == ',' ||
                     (mark == '.' && (i + 2 >= len || sc.s[i + 1] != '.' || sc.s[i + 2] != '.'))) &&
                    (tl->n < tl->cap || !grow_tokens(tl)) && !reserve_keys(tl, 2)) {
                    /* the usual comma or period after a word, here: as the general path makes
                     * it, with no flag (none pending after the word, no sentence break either); a
                     * period (after word_ends_at_period: the word is no initial, the text holds
                     * no URL nor e-mail address) ends the sentence */
                    t = &tl->v[tl->n++];
                    t->hash = mark == ',' ? tok_hash(",", 1) : tok_hash(".", 1);
                    t->byte_start = (uint32_t)i;
                    t->byte_end = (uint32_t)++i;
                    t->key_off = (uint32_t)tl->keys_len;
                    t->key_len = 1;
                    t->stem_len = 0;
                    t->sent = sent;
                    t->flags = 0;
                    t->kind = TOK_PUNCT;
                    tl->keys[tl->keys_len] = (char)mark;
                    tl->keys[tl->keys_len + 1] = '\0';
                    tl->keys_len += 2;
                    sentence_break = mark == '.';
                }
                if (i < upto && sc.s[i] == ' ') { /* the usual space after a word, here */
                    pending = TOK_F_SPACE_BEFORE;
                    i++;
                }
                continue;
            }
        }
        size_t end, klen;
        uint8_t kind = TOK_PUNCT;
        uint32_t flags = 0;
        int l;
        int32_t c = cp_at(&sc, i, &l);
        enum text_class cls = text_class(c);
        if (cls == CH_SPACE || cls == CH_NEWLINE) {
            pending |= TOK_F_SPACE_BEFORE;
            if (cls == CH_NEWLINE)
                pending |= TOK_F_SENT_START | TOK_F_PARA_START | TOK_F_LINE_START;
            i += (size_t)l;
            continue;
        }
        if (may_url && (end = scan_url(&sc, i)) != 0) {
            kind = TOK_URL;
        } else if (has_at && (cls == CH_LETTER || cls == CH_DIGIT) && i >= no_email_before &&
                   (end = scan_email(&sc, i, &no_email_before)) != 0) {
            kind = TOK_EMAIL;
        } else if (cls == CH_LETTER || cls == CH_MARK) {
            word_info w = scan_word(&sc, i);
            end = w.end;
            kind = w.kind;
            flags = w.flags;
        } else if (cls == CH_DIGIT) {
            end = scan_number(&sc, i, &kind);
        } else if ((c == '#' || c == '@') && i + 1 < len &&
                   (class_at(&sc, i + 1) == CH_LETTER || is_ascii_digit(&sc, i + 1))) {
            end = scan_word_run(&sc, i + 1);
            while (end + 1 < len && sc.s[end] == '_' && class_at(&sc, end + 1) == CH_LETTER)
                end = scan_word_run(&sc, end + 1);
            kind = TOK_HASHTAG;
        } else if (c == '.' && i + 2 < len && sc.s[i + 1] == '.' && sc.s[i + 2] == '.') {
            end = i + 3;
            while (end < len && sc.s[end] == '.')
                end++;
        } else {
            end = i + (size_t)l;
            kind = text_is_symbol(c) ? TOK_SYMBOL : TOK_PUNCT;
        }
        size_t blen = end - i;
        if (reserve_keys(tl, 4 * blen + 8))
            return IDNER_ERR_NOMEM;
        t->byte_start = (uint32_t)i;
        t->byte_end = (uint32_t)end;
        t->key_off = (uint32_t)tl->keys_len;
        int shaped = kind == TOK_WORD || kind == TOK_NUMBER || kind == TOK_HASHTAG;
        if (ascii_token(sc.s + i, blen, tl->keys + tl->keys_len, &t->hash,
                        shaped ? &flags : NULL)) {
            /* one pass: key, hash and shape (most tokens of Indonesian text) */
            klen = blen;
        } else {
            klen = text_key(text + i, blen, tl->keys + tl->keys_len, 4 * blen + 8);
            if (klen > UINT16_MAX)
                klen = UINT16_MAX;
            t->hash = tok_hash(tl->keys + tl->keys_len, klen);
            if (shaped)
                flags |= shape_flags(&sc, i, end);
        }
        t->key_len = (uint16_t)klen;
        tl->keys_len += klen + 1;
        t->kind = kind;
        t->stem_len = 0;
        if ((flags & TOK_F_DIGIT) && kind == TOK_NUMBER) {
            size_t k;
            for (k = i; k < end && sc.s[k] >= '0' && sc.s[k] <= '9'; k++)
                ;
            if (k == end)
                flags |= TOK_F_ALLDIGIT;
        }
        if (kind == TOK_WORD && !(flags & (TOK_F_REDUP | TOK_F_ABBREV)) && klen >= 6) {
            const char *k = tok_key(tl, t) + klen - 3;
            if (!memcmp(k, "nya", 3) || !memcmp(k, "lah", 3) || !memcmp(k, "kah", 3)) {
                flags |= TOK_F_CLITIC;
                t->stem_len = (uint16_t)(klen - 3);
            }
        }
        /* Sentence boundaries. */
        if (sentence_break && !(pending & TOK_F_SENT_START)) {
            if (is_closer(tl, t) && !(pending & TOK_F_SPACE_BEFORE)) {
                /* ." stays with the sentence it closes */
            } else {
                if (!(flags & TOK_F_LOWER))
                    pending |= TOK_F_SENT_START;
                sentence_break = 0;
            }
        }
        token_done(tl, t, flags, &pending, &sentence_break, &sent, &cut_at, sent_max);
        if (is_terminal(tl, t) && !is_initial_period(tl, t))
            sentence_break = 1;
        tl->n++;
        i = end;
    }
    st->i = i;
    st->pending = pending;
    st->sentence_break = sentence_break;
    st->no_email_before = no_email_before;
    st->sent = sent;
    st->cut_at = cut_at;
    return IDNER_OK;
}

void
tok_list_free(tok_list *tl)
{
    free(tl->v);
    free(tl->keys);
    memset(tl, 0, sizeof *tl);
}
