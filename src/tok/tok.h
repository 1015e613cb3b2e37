/*
 * tok.h: the tokenizer. Turns UTF-8 text into token views with byte and code-point offsets,
 * a normalized lookup key and shape flags, and finds sentence and paragraph boundaries.
 *
 * Tokens are views into the caller's text; their keys live in one buffer of the token list,
 * which grows by doubling, so there is no allocation per token.
 */
#ifndef IDNER_TOK_H
#define IDNER_TOK_H

#include <stddef.h>
#include <stdint.h>

#include "idner.h"

enum tok_kind {
    TOK_WORD = 1,   /* letters (maybe with digits, apostrophes, inner hyphens of reduplication) */
    TOK_NUMBER,     /* 10.000 9,2 1,30% Rp9,2 2024 10.30 */
    TOK_DATEDIGITS, /* 3/11/2024 28/10 2024-11-03 (digit groups joined by / or -) */
    TOK_PUNCT,      /* one punctuation character (or "..." ) */
    TOK_URL,        /* http://..., www...., suara.com */
    TOK_EMAIL,
    TOK_HASHTAG, /* #... and @... */
    TOK_SYMBOL   /* anything else: emoji, currency signs, ... */
};

enum tok_flag {
    TOK_F_CAP = 1u << 0,          /* first letter is upper case */
    TOK_F_ALLCAPS = 1u << 1,      /* every letter upper case, and at least two letters */
    TOK_F_LOWER = 1u << 2,        /* first letter is lower case */
    TOK_F_DIGIT = 1u << 3,        /* contains a digit */
    TOK_F_ALLDIGIT = 1u << 4,     /* only ASCII digits */
    TOK_F_SENT_START = 1u << 5,   /* first token of a sentence */
    TOK_F_PARA_START = 1u << 6,   /* first token after a blank line (or of the text) */
    TOK_F_SPACE_BEFORE = 1u << 7, /* white space (or text start) directly before */
    TOK_F_ABBREV = 1u << 8,       /* ends with a period that is part of it: Dr. Jl. H. dll. */
    TOK_F_REDUP = 1u << 9,        /* hyphenated reduplication: negara-negara, isu-isu */
    TOK_F_CLITIC = 1u << 10,      /* ends in -nya, -lah or -kah; stem_len is the stem's key */
    TOK_F_ORDINAL = 1u << 11,     /* ke-21 */
    TOK_F_SENT_END = 1u << 12,    /* last token of a sentence */
    TOK_F_LINE_START = 1u << 13,  /* first token on its line */
    TOK_F_SENT_CUT = 1u << 14     /* a sentence start because the sentence before ran too long */
};

/* A sentence is ended at its first word that starts TOK_SENT_MAX bytes or more after the
 * sentence began (TOK_F_SENT_CUT), so that no sentence holds a huge document's text: every
 * stage reads within a sentence and none reads across such a cut (idner.c windows a document
 * there). Real sentences are far shorter. IDNER_SENTENCE_BYTES=N in the environment sets it
 * (the tests use small ones). */
#define TOK_SENT_MAX (64u * 1024u)
size_t tok_sentence_max(void); /* TOK_SENT_MAX, or IDNER_SENTENCE_BYTES */

/* 32 bytes: every stage walks the token array, so its size is its speed, and a document of
 * single-byte tokens ("((((") holds as many tokens as bytes. Code-point offsets are counted
 * where they are written (result.c), not stored per token. */
typedef struct tok {
    uint64_t hash;                 /* tok_hash of the key */
    uint32_t byte_start, byte_end; /* [start, end) in the text */
    uint32_t key_off;              /* normalized key: list->keys + key_off, key_len bytes */
    uint16_t key_len;
    uint16_t stem_len; /* with TOK_F_CLITIC: length of the stem's key, else 0 */
    uint32_t sent;     /* sentence index, from 0 */
    uint16_t flags;    /* enum tok_flag */
    uint8_t kind;      /* enum tok_kind */
} tok;

typedef struct tok_list {
    tok *v;
    size_t n, cap;
    char *keys; /* NUL-separated normalized keys */
    size_t keys_len, keys_cap;
    size_t cuts; /* tokens made with TOK_F_SENT_CUT since the list was emptied (0: the usual) */
} tok_list;

/* Tokenizes TEXT (valid UTF-8, LEN < 2^31) into TL, reusing its buffers. */
idner_status tok_run(tok_list *tl, const char *text, size_t len);
/* The same, sentences cut at SENT_MAX bytes (tok_run: TOK_SENT_MAX; a document's tokens:
 * tok_sentence_max(), read once a document, never once a list entry). */
idner_status tok_run_max(tok_list *tl, const char *text, size_t len, size_t sent_max);

/* The same in steps, for one huge document taken a window at a time (idner.c): tok_begin
 * looks at the whole text once (its URL and e-mail marks), each tok_more appends to TL the
 * tokens that start before byte UPTO, tok_end marks the last token of the text. The tokens
 * are those tok_run makes, with their byte offsets and sentence numbers in the whole text. */
typedef struct tok_state {
    size_t i; /* the next byte to scan */
    uint32_t pending, sent;
    size_t cut_at, sent_max; /* a word from this byte on starts a sentence; TOK_SENT_MAX */
    int sentence_break, has_at, may_url;
    size_t no_email_before;
} tok_state;
void tok_begin(tok_state *st, const char *text, size_t len, size_t sent_max);
idner_status tok_more(tok_list *tl, tok_state *st, const char *text, size_t len, size_t upto);
void tok_end(tok_list *tl);
void tok_list_free(tok_list *tl);

static inline const char *
tok_key(const tok_list *tl, const tok *t)
{
    return tl->keys + t->key_off;
}

/* 64-bit hash of a key (FNV-1a then a finalizer); the gazetteer uses the same function. */
uint64_t tok_hash(const char *key, size_t len);

#endif
