/*
 * alias.h: document-level consistency (issue 5). After the merge, a name found with evidence
 * labels its short forms and repeats in the same document, in both directions: the surname or
 * given name of a person ("Putin" after "Vladimir Putin"), the acronym defined in parentheses
 * ("Kantor Berita Pusat Korea (KCNA)" ... "KCNA"), and any repeat of a labeled name. Conflicting
 * labels of one string are reconciled in favour of the strongest evidence.
 */
#ifndef IDNER_ALIAS_H
#define IDNER_ALIAS_H

#include "idner.h"
#include "result/cand.h"
#include "rules/rules.h"
#include "tok/tok.h"

/* CL holds the merged (sorted, non-overlapping) candidates; new ones get source SRC_ALIAS and
 * CL is left sorted and non-overlapping. */
idner_status alias_run(const rules *r, const char *text, const tok_list *tl, cand_list *cl);

/* alias_run in three steps, for a document taken a window at a time (idner.c): the stage's
 * registrations, keyed by token-sequence hash, kept for the whole document. */
typedef struct alias_entry {
    uint64_t key; /* 0 = empty */
    const char *canonical;
    uint32_t canonical_len;
    int32_t prio; /* strength of the evidence */
    uint8_t type;
    uint8_t ambiguous; /* two different names share this short form */
    uint8_t short_form;
} alias_entry;

typedef struct alias_table {
    alias_entry *v;
    size_t mask;
    size_t used; /* keys held: the table doubles past a load of one half */
} alias_table;

typedef struct alias_log {
    uint64_t *v;
    size_t n, cap;
} alias_log;

typedef struct alias_doc {
    alias_table t;
    alias_log labels, shorts; /* what alias_settle registers, in the candidates' order */
    size_t at;                /* alias_apply's place in labels */
    size_t nc;                /* candidates seen by alias_register */
    int changed, strong;
} alias_doc;

/* For each window in text order, after the stages before (TL its tokens, CL its candidates,
 * merged; D zeroed before the first): registers CL's acronyms in parentheses (joining them to
 * their names) and notes from the tokens what alias_settle will register. */
idner_status alias_register(alias_doc *d, const rules *r, const char *text, const tok_list *tl,
                            cand_list *cl);
/* Once every window is registered: registers the labels and short forms of the candidates of
 * every window (CHUNKS, the windows' CL in text order). */
idner_status alias_settle(alias_doc *d, const char *text, const cand_list *chunks, size_t n_chunks);
/* What alias_apply reads of a window's tokens, kept from the first pass so that the second
 * needs no tokens: the capitalized words that no label of CL covers, in text order. */
typedef struct alias_word {
    uint64_t hash;                 /* the token's */
    uint32_t tok;                  /* its index in the window */
    uint32_t byte_start, byte_end; /* its bytes */
    uint32_t sent : 31;            /* its sentence */
    uint32_t lower_first : 1;      /* it opens a sentence and is an ordinary word */
} alias_word;

typedef struct alias_words {
    alias_word *v;
    size_t n, cap;
} alias_words;

/* After alias_register on the same TL and CL: appends to W the words that alias_apply
 * reads. */
idner_status alias_collect(const rules *r, const tok_list *tl, const cand_list *cl, alias_words *w);
void alias_words_free(alias_words *w);
/* For each window again in text order, W[0, NW) the words alias_collect appended for it:
 * relabels CL's candidates and adds the repeats of names (alias_run's result for this
 * window). */
idner_status alias_apply(alias_doc *d, const alias_word *w, size_t nw, cand_list *cl);
void alias_doc_free(alias_doc *d);

#endif
