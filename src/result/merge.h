/*
 * merge.h: from overlapping candidates to the non-overlapping entities of SPEC.md section 2.
 */
#ifndef IDNER_MERGE_H
#define IDNER_MERGE_H

#include "result/cand.h"

/* Sorts L by start and keeps, leftmost first, the longest candidate at each place (ties: the
 * higher prio, then dates before names, then the earlier found); the others are removed (and,
 * when L explains, noted as lost: dropped by the stage running, overlap, lower priority). */
void merge_select(cand_list *l);

#endif
