/*
 * coord.h: names in a list share their type. "Neneng Sri Wahyuni, Yulianis, dan Oktarina
 * Putri": once one item is a person, the unlabeled capitalized items joined to it by a comma or
 * "dan", "serta", "atau" are persons too (weak evidence: they label only where they stand). The
 * same for the items after an organization or a place ("Indofood, Wings dan Mayora"), acronyms
 * included, when the list ends with one of those words.
 */
#ifndef IDNER_COORD_H
#define IDNER_COORD_H

#include "idner.h"
#include "result/cand.h"
#include "rules/rules.h"
#include "tok/tok.h"

/* Labels the unlabeled list items next to the persons, organizations and places of CL (selected,
 * sorted by start); keeps CL selected and sorted. */
idner_status coord_run(const rules *r, const char *text, const tok_list *tl, cand_list *cl);

#endif
