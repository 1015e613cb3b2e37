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
    uint32_t why; /* --explain: what found it, cand_list.x->why[why - 1]; 0: nothing noted */
    /* PER/ORG/LOC fields; pointers into model memory or the document text. */
    const char *canonical;
    const char *id, *subtype, *iso; /* NUL-terminated or NULL */
} cand;

/* ---- --explain (IDNER_EXPLAIN) ------------------------------------------------------------
 * With cand_list.x set, the stages note what found each candidate (cand_why) and merge and
 * the exclusion note every candidate that lost and why (cand_lost); result.c writes them out.
 * Without it (x NULL) nothing is noted and a stage pays one test of a NULL pointer. */

enum why_kind {
    WHY_LIST = 1, /* a gazetteer entry: entry (index), user (of the user lists) */
    WHY_RULE,     /* a context rule: rule (its name), its trigger's tokens [trig_a, trig_b) */
    WHY_MODEL     /* the tagger chose the span: score, margin (see tagger.c) */
};

typedef struct cand_why {
    uint8_t kind; /* enum why_kind */
    uint8_t user;
    uint32_t entry;
    const char *rule; /* static */
    uint32_t trig_a, trig_b;
    float score, margin;
    uint32_t prev; /* an earlier note of the same candidate (1-based), or 0 */
} cand_why;

/* The stage that drops a candidate (cand_explain.stage while it runs). */
enum cand_stage { STAGE_RULES = 1, STAGE_MODEL, STAGE_ALIAS, STAGE_COUNTRY };

enum lost_reason {
    LOST_OVERLAP = 1, /* a longer or earlier candidate overlaps it */
    LOST_PRIORITY,    /* a candidate of the same span ranks higher */
    LOST_EXCLUDED,    /* its surface is an --exclude surface */
    LOST_DROPPED      /* a stage rejected it (stage) */
};

typedef struct cand_lost {
    cand c; /* as it was */
    uint8_t reason, stage;
    uint8_t by_type, by_source; /* what beat it (overlap, priority); 0 when nothing did */
    uint32_t by_start, by_end;  /* its bytes */
} cand_lost;

typedef struct cand_explain {
    cand_why *why;
    size_t nwhy, capwhy;
    cand_lost *lost;
    size_t nlost, caplost;
    uint8_t stage; /* enum cand_stage: the stage now running */
    int nomem;     /* a note could not be stored: the annotation fails with IDNER_ERR_NOMEM */
} cand_explain;

typedef struct cand_list {
    cand *v;
    size_t n, cap;
    cand_explain *x; /* --explain notes, or NULL */
    char *values;    /* the DATE/TIME values, NUL-terminated, after a first NUL (offset 0: "") */
    size_t values_len, values_cap;
} cand_list;

/* Notes W (its prev set here) as what found C, a candidate of L. No-op unless L explains. */
void cand_note(cand_list *l, cand *c, cand_why w);
/* Notes C as lost for REASON, beaten by BY (may be NULL). No-op unless L explains. */
void cand_lose(cand_list *l, const cand *c, enum lost_reason reason, const cand *by);
void cand_explain_free(cand_explain *x);

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
