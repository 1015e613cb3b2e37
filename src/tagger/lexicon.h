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

/* Reads the word lists of folder DIR into *HASH (sorted, unique tok_hash of each word's key)
 * and *ATTR (enum tagger_lex), *N entries, both malloc'd and the caller's. */
idner_status tagger_lexicon_build(const char *dir, uint64_t **hash, uint8_t **attr, size_t *n,
                                  idner_error *err);

#endif
