/*
 * tagger/lexicon.h: building the lexicon a model is trained with (lexicon.c).
 */
#ifndef IDNER_TAGGER_LEXICON_H
#define IDNER_TAGGER_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "idner.h"
#include "tagger/format.h"
#include "tok/tok.h"

/* Reads the word lists of folder DIR into a lexicon table (format.h): *SLOTS (malloc'd, the
 * caller's) of *N entries, a power of two, loaded to 0.7 at most; the same lists give the
 * same table. */
idner_status tagger_lexicon_build(const char *dir, uint32_t **slots, size_t *n, idner_error *err);

#endif
