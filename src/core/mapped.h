/*
 * mapped.h: a data file mapped read-only into memory (the compiled gazetteer, the tagger's
 * model), or a malloc'd image adopted in its place; one way to open and release both.
 */
#ifndef IDNER_MAPPED_H
#define IDNER_MAPPED_H

#include <stddef.h>

#include "idner.h"

typedef struct mapped {
    void *mem;
    size_t size;
    int is_map; /* mem is an mmap, else malloc'd */
} mapped;

/* Maps PATH read-only into *M; errors name the file (IDNER_ERR_DATA when it is missing or
 * empty, IDNER_ERR_IO when it cannot be mapped). */
idner_status mapped_open(mapped *m, const char *path, idner_error *err);
/* Advises that bytes [OFF, OFF + LEN) of M are read at random (the pages wholly inside):
 * a fault there then reads no pages ahead, which a sparse table would only make resident.
 * Does nothing for an adopted image. */
void mapped_random(const mapped *m, size_t off, size_t len);
/* Releases M (unmaps or frees) and zeroes it; a zeroed M is a harmless no-op. */
void mapped_release(mapped *m);

#endif
