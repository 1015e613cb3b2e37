/*
 * country.h: the "countries as places" convention (IDNER_COUNTRY_PLACES). SPEC.md makes every
 * country mention a place; corpora such as idner-news-2k tag a country only where it names a
 * place ("di Malaysia", "ke Jepang", "Jakarta, Indonesia") and leave it untagged where it stands
 * for a government, an army or a people ("militer Iran", "Israel meluncurkan ...").
 */
#ifndef IDNER_COUNTRY_H
#define IDNER_COUNTRY_H

#include "result/cand.h"
#include "rules/rules.h"
#include "tok/tok.h"

/* Drops the country candidates of CL (selected, sorted by start) that do not follow a place
 * word (class loc_prep or loc_context of rules.tsv) or continue a list of places. */
void country_keep_places(const rules *r, const tok_list *tl, cand_list *cl);

#endif
