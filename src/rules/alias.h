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

#endif
