/*
 * fuzz_lists.h: what the targets of the list loaders (fuzz_usergaz.c, fuzz_exclude.c,
 * fuzz_gazc.c) share: the checks of a gazetteer's candidates and of an annotation.
 */
#ifndef IDNER_FUZZ_LISTS_H
#define IDNER_FUZZ_LISTS_H

#include "gaz/gaz.h"
#include "idner.h"

/* Runs gaz_run of G over TEXT[0, LEN) (valid UTF-8) and checks every candidate: from its first
 * token's start to its last token's end (or the end of that token's stem: "Jawa" of
 * "Jawanya"), inside the text, of type PER, ORG or LOC, with a canonical name. Returns the number
 * of candidates; their tokens are in TL and CL. */
size_t fuzz_gaz_check(const gaz *g, const char *text, size_t len, tok_list *tl, cand_list *cl);

/* Annotates TEXT[0, LEN) (valid UTF-8) with M and FLAGS and checks the entities: sorted, not
 * overlapping, on UTF-8 boundaries inside the text, their text their bytes. */
void fuzz_annotate_check(const idner_model *m, const char *text, size_t len, uint32_t flags);

/* The lines of S[0, N) that are valid UTF-8 and their first column (up to a tab), one a line,
 * then TAIL (may be NULL): a text in which a list's surfaces occur (malloc'd, NUL-terminated,
 * its length in *LEN). */
char *fuzz_first_columns(const uint8_t *s, size_t n, const char *tail, size_t *len);

/* Is an error of a list loader well formed: "PATH:LINE: why" or "PATH: why"? */
int fuzz_list_error_ok(const idner_error *err, const char *path);

#endif
