/*
 * tagger/tagger.h: the tagger stage (issue 9). It runs after the gazetteer, date and rule
 * stages and their merge, whose candidates are its features, and before the alias stage. Per
 * region of a sentence (features.h) a linear model scores every label of every token and
 * Viterbi picks the best legal sequence; its names replace the PER/ORG/LOC candidates. A name
 * equal to a candidate of the same type keeps that candidate (canonical, id, subtype, iso,
 * source); others get source "model" (SPEC.md section 6). Dates stay the date stage's.
 *
 * Files: features (what a token looks like), model (format, load, check), decode (Viterbi),
 * train (averaged perceptron, reached through `idner train`), and this one, the stage.
 */
#ifndef IDNER_TAGGER_H
#define IDNER_TAGGER_H

#include "gaz/gaz.h"
#include "idner.h"
#include "result/cand.h"
#include "rules/rules.h"
#include "tagger/decode.h"
#include "tagger/features.h"
#include "tagger/model.h"
#include "tok/tok.h"

/* Per-document state of the stage; zero it before first use, reuse it, free it. */
typedef struct tagger_scratch {
    tagger_doc doc;
    cand_list gaz; /* copies of the gazetteer candidates, for names that equal one */
    int32_t *emit;
    uint8_t *back, *labels;
    tagger_span *spans;
    size_t cap;
    size_t at_sel, at_gaz; /* where place_name's last searches ended (tagger.c) */
} tagger_scratch;

/* Before the merge: notes the gazetteer candidates of CL (every one covering each token, with
 * what the rules did to it), the dates, quotes and parentheses. LEX is the lexicon the
 * features read. */
idner_status tagger_note(tagger_scratch *s, const rules *r, const tagger_lexicon *lex,
                         const tok_list *tl, const cand_list *cl);
/* After the merge and the lists: notes idner's own selection CL and marks the open tokens. */
void tagger_note_selection(tagger_scratch *s, const cand_list *cl);

/* Decodes every region with model M and replaces the PER/ORG/LOC candidates of CL (selected,
 * sorted) by the names found, less those G excludes (--exclude); CL is left sorted and
 * non-overlapping. */
idner_status tagger_run(const tagger_model *m, const gaz *g, tagger_scratch *s, const char *text,
                        const tok_list *tl, cand_list *cl);

/* Room for regions of N tokens of L labels in S->emit, back, labels, spans; -1 without
 * memory. */
int tagger_scratch_reserve(tagger_scratch *s, size_t n, uint32_t L);
void tagger_scratch_free(tagger_scratch *s);

#endif
