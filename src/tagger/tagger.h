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

/* A gazetteer candidate as the stage keeps it, for names that equal one: its first token, the
 * rest of it in tagger_scratch.gaz_info[info] (tagger_gaz_cand), which the candidates alike
 * share (a name repeated a million times is one): there tok_start is 0, tok_end the length. */
typedef struct tagger_gaz {
    uint32_t tok_start;
    uint32_t info;
} tagger_gaz;

/* Per-document state of the stage; zero it before first use, reuse it, free it. */
typedef struct tagger_scratch {
    tagger_doc doc;
    tagger_gaz *gaz; /* the gazetteer candidates, in gaz_run's order (by start) */
    size_t ngaz, capgaz;
    cand_list gaz_info;    /* their fields but the tokens, bytes relative to them (tagger.c) */
    uint32_t gaz_seen[64]; /* gaz_info entries met lately, by a hash (1-based, 0: none) */
    int32_t *emit;         /* the scores of a region's tokens, TAGGER_CHUNK at a time */
    uint8_t *back;         /* their back pointers */
    tagger_fwd *fwd;       /* the decoder's state at each chunk's start (tagger.c) */
    size_t capfwd;
    uint8_t *labels; /* a region's labels */
    tagger_span *spans;
    size_t cap;
    size_t at_sel, at_gaz; /* where place_name's last searches ended (tagger.c) */
    rules_lookups lookups; /* the rules stage's, kept for the features (tagger_note) */
} tagger_scratch;

/* Tokens of a region scored at a time: a long region's scores are never all at hand. */
#define TAGGER_CHUNK 4096

/* The gazetteer candidate G of S (tagger_note) whole, over tokens TL. */
cand tagger_gaz_cand(const tagger_scratch *s, const tok_list *tl, const tagger_gaz *g);
/* What G is (type, prio, flags, subtype...): its fields but the bytes and tokens, tok_end its
 * length. */
static inline const cand *
tagger_gaz_info(const tagger_scratch *s, const tagger_gaz *g)
{
    return &s->gaz_info.v[g->info];
}

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

/* Room for regions of N tokens of L labels in S->labels and spans, and for TAGGER_CHUNK tokens
 * in S->emit and back; -1 without memory. */
int tagger_scratch_reserve(tagger_scratch *s, size_t n, uint32_t L);
void tagger_scratch_free(tagger_scratch *s);

/* The calling thread's scratch, kept with its memo (memo.h) from one document to the next, so
 * that a document's buffers are those of the one before; NULL without memory. */
tagger_scratch *tagger_scratch_thread(void);
/* Done with S for the document: its buffers kept for the next one unless they are for more
 * than TAGGER_KEEP_TOKENS tokens (then freed: a long document's memory is not held), its state
 * that goes on from one window to the next of a document cleared. */
#define TAGGER_KEEP_TOKENS 16384u
void tagger_scratch_done(tagger_scratch *s);

#endif
