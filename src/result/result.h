/*
 * result.h: the result object: entities plus one block holding all their strings.
 */
#ifndef IDNER_RESULT_H
#define IDNER_RESULT_H

#include "idner.h"
#include "result/cand.h"
#include "tok/tok.h"

struct idner_result {
    idner_entity *v;
    size_t n;
    char *pool; /* every string of every entity */
};

/* Builds a result from the selected candidates of TYPES (0: all). */
idner_status result_build(const char *text, const tok_list *tl, const cand_list *c, uint32_t types,
                          idner_result **out);

#endif
