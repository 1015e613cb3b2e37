/*
 * rules.h: the context rules (issue 5): capitalized token sequences turned into PER, ORG or LOC
 * by trigger words around them (titles, reporting verbs, organization and place heads,
 * prepositions), ambiguous gazetteer candidates resolved by the same evidence, and capitalized
 * non-entities rejected. The triggers live in data/rules.tsv; word statistics from the training
 * text (data/casefreq.tsv) tell sentence-initial capitals of ordinary words from names.
 */
#ifndef IDNER_RULES_H
#define IDNER_RULES_H

#include <stdint.h>

#include "gaz/gaz.h"
#include "idner.h"
#include "result/cand.h"
#include "tok/tok.h"

enum rule_class {
    R_TITLE = 1u << 0,
    R_SAY = 1u << 1,
    R_SAY_AFTER = 1u << 2,
    R_ORG_HEAD = 1u << 3,
    R_ORG_SUFFIX = 1u << 4,
    R_LOC_HEAD = 1u << 5,
    R_LOC_PREP = 1u << 6,
    R_PER_PREP = 1u << 7,
    R_STOP = 1u << 8,
    R_CONNECTOR = 1u << 9,
    R_COMPASS = 1u << 10,
    R_NUMBER_WORD = 1u << 11,
    R_LOC_CONTEXT = 1u << 12,
    R_ORG_BEFORE = 1u << 13,
    R_PREDICATE = 1u << 14,
    R_JOINT = 1u << 15,
    R_DEGREE = 1u << 16 /* only where the letters are a degree, not initials (rules_trigger) */,
    R_NOBLE = 1u << 17 /* a title the corpora keep inside the person: "Pangeran Diponegoro" */,
    R_HEAD_INSIDE = 1u << 18 /* a place head kept inside the place in lowercase: "desa Ngawen" */,
    R_ORG_ONLY = 1u << 19 /* an organization's head that never opens a place: "Partai", "PT" */
};

/* the classes the tagger's features never read: those only its decoding reads (tagger.c), and
 * R_HEAD_INSIDE, which only shapes the rules' own candidates */
#define R_DECODE_ONLY (R_DEGREE | R_NOBLE | R_HEAD_INSIDE | R_ORG_ONLY)

typedef struct rules rules;

/* Loads DIR/rules.tsv, DIR/casefreq.tsv and DIR/given_names.tsv; errors name the file and
 * line. */
idner_status rules_new(const char *dir, rules **out, idner_error *err);
void rules_free(rules *r);

/* The classes of the longest trigger phrase starting at token I of TL (its length in *LEN),
 * or 0. */
uint32_t rules_trigger(const rules *r, const tok_list *tl, size_t i, size_t *len);

/* The classes of the trigger phrases that end right before token S, in its sentence ("kota"
 * and "ibu kota" both end before "Spanyol"). *LEN (may be NULL) receives the length of the
 * longest of them with a class in WANT, or 0. */
uint32_t rules_classes_before(const rules *r, const tok_list *tl, size_t s, uint32_t want,
                              size_t *len);

/* Token I as the joint of a list: ',' or '/' for those marks, 'w' for a joining word (class
 * joint: "dan", "atau", "serta"), or 0. */
char rules_list_joint(const rules *r, const tok_list *tl, size_t i);

/* Is the word of token T written in lower case far more often than capitalized mid-sentence
 * (an ordinary word, when it starts a sentence)? */
int rules_is_lower_word(const rules *r, const tok *t);

/* Is token T a given name ("Budi", "Alex")? */
int rules_is_given_name(const rules *r, const tok *t);

/* What rules_run looked up of each token: the classes of the trigger phrase that starts there
 * and its length (rules_trigger's), RULES_TRIG_UNSET where it never asked; a degree's classes
 * there also carry R_STOP. Kept for the tagger, which asks the same of most tokens it reads;
 * the buffers serve one document after another. */
#define RULES_TRIG_UNSET UINT32_MAX
typedef struct rules_lookups {
    uint32_t *trig;
    uint8_t *tlen;
    size_t n;   /* the tokens of the last rules_run that kept them; 0: none */
    size_t cap; /* of both buffers */
} rules_lookups;

void rules_lookups_free(rules_lookups *k);

/* Applies the rules to the candidates of the gazetteer and date stages: appends rule
 * candidates (SRC_RULE), reranks ambiguous gazetteer candidates, drops rejected ones. With
 * KEEP (may be NULL), leaves its lookups there (KEEP->n = TL->n; 0 when it fails). */
idner_status rules_run(const rules *r, const gaz *g, const char *text, const tok_list *tl,
                       cand_list *cl, rules_lookups *keep);

#endif
