/*
 * cand.h: candidate entities. Every stage (gazetteer, dates, rules, alias) appends candidates;
 * merge.c chooses the non-overlapping set that becomes the result (SPEC.md section 2).
 */
#ifndef IDNER_CAND_H
#define IDNER_CAND_H

#include <stddef.h>
#include <stdint.h>

#include "idner.h"
#include "tok/tok.h"

enum cand_source { SRC_GAZETTEER = 1, SRC_DATE, SRC_RULE, SRC_ALIAS, SRC_USER, SRC_MODEL };

enum cand_mod { MOD_NONE = 0, MOD_START, MOD_MID, MOD_END, MOD_APPROX };

enum cand_flag {
    CAND_WEEKDAY_CONFLICT = 1u << 0, /* DATE/TIME: stated weekday does not fit */
    CAND_VALUE_NULL = 1u << 1,       /* DATE/TIME: value is JSON null */
    CAND_FULL_DATE = 1u << 2,        /* DATE/TIME: value holds a full YYYY-MM-DD */
    CAND_DROPPED = 1u << 3,          /* removed by a later stage */
    /* gazetteer candidates: the entry's case policy (gaz/format.h), a feature of the tagger */
    CAND_GAZ_COMMON = 1u << 4,
    CAND_GAZ_ACRONYM = 1u << 5,
    CAND_GAZ_CI = 1u << 6,
    CAND_HIJRI = 1u << 7 /* DATE: written in the Hijri calendar (SPEC 6) */
};

#define CAND_VALUE_MAX 64

/* 72 bytes: a document of news text has one candidate per 50 bytes or so, a repeated name one
 * per token, so their size is much of a document's memory. */
typedef struct cand {
    uint32_t byte_start, byte_end; /* span in the text; on token boundaries */
    uint32_t tok_start, tok_end;   /* tokens [tok_start, tok_end) covered */
    uint8_t type;                  /* idner_type */
    uint8_t source;                /* enum cand_source */
    uint8_t mod;                   /* enum cand_mod */
    uint8_t flags;                 /* enum cand_flag */
    int32_t prio;                  /* higher wins among overlapping candidates of equal span */
    uint32_t canonical_len;
    /* DATE/TIME value: its offset in the list's values (cand_value), 0 for none */
    uint32_t value_off;
    uint32_t seq; /* set by merge: order of appearance, the last tie-break */
    /* PER/ORG/LOC fields; pointers into model memory or the document text. */
    const char *canonical;
    const char *id, *subtype, *iso; /* NUL-terminated or NULL */
} cand;

typedef struct cand_list {
    cand *v;
    size_t n, cap;
    char *values; /* the DATE/TIME values, NUL-terminated, after a first NUL (offset 0: "") */
    size_t values_len, values_cap;
} cand_list;

/* The DATE/TIME value of candidate C of L, NUL-terminated; "" with CAND_VALUE_NULL. */
static inline const char *
cand_value(const cand_list *l, const cand *c)
{
    return c->value_off ? l->values + c->value_off : "";
}

/* Sets the value of candidate C of L to the NUL-terminated S (at most CAND_VALUE_MAX bytes with
 * its NUL); -1 when memory runs out. */
int cand_set_value(cand_list *l, cand *c, const char *s);

/* A zeroed candidate appended to L, or NULL when memory runs out. */
cand *cand_push(cand_list *l);
/* The same, set to TYPE, SOURCE and PRIO over tokens [A, B) of TL. */
cand *cand_push_span(cand_list *l, const tok_list *tl, size_t a, size_t b, idner_type type,
                     enum cand_source source, int32_t prio);
void cand_list_free(cand_list *l);

#endif
