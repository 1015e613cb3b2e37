/*
 * result.h: the result object: entities plus one block holding all their strings.
 */
#ifndef IDNER_RESULT_H
#define IDNER_RESULT_H

#include "idner.h"
#include "result/cand.h"
#include "tok/tok.h"

/* The entities in blocks of RESULT_BLOCK (the last may be shorter), so that a huge document's
 * result is made in the memory its windows' candidates give back as they are copied, not in
 * fresh memory beside them (issue 13). */
#define RESULT_BLOCK_BITS 12
#define RESULT_BLOCK      ((size_t)1 << RESULT_BLOCK_BITS)

struct idner_result {
    idner_entity **blocks; /* &block0 when there is one block */
    idner_entity *block0;
    size_t n;
    char *pool;    /* every string of every entity */
    char *explain; /* --explain: the JSON texts of the entities and the document, or NULL */
    const char *doc_explain;
};

/* --explain texts for result_build (out/explain.h makes them): TEXT (malloc'd, taken over by
 * the result), AT per candidate (1 + the offset of its text in TEXT, 0: none) and DOC (the
 * same, for the document's). */
typedef struct result_explain {
    char *text;
    const size_t *at;
    size_t doc;
} result_explain;

/* Builds a result from the selected candidates of TYPES (0: all). X (may be NULL) gives the
 * explain texts; the result owns X->text from then on, also when it fails. */
idner_status result_build(const char *text, const tok_list *tl, const cand_list *c, uint32_t types,
                          result_explain *x, idner_result **out);
/* The same from the candidates of the N lists L, one after another in text order (the windows
 * of a huge document), without explain texts. Each list is freed (cand_list_free) once its
 * candidates are in the result, so that the two do not both exist whole. */
idner_status result_build_lists(const char *text, cand_list *l, size_t n, uint32_t types,
                                idner_result **out);

#endif
