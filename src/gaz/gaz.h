/*
 * gaz.h: gazetteers. gaz_build turns TSV lists into the compiled image of gaz/format.h (used by
 * tools/gazc at build time and for user lists at start-up); gaz_table maps an image; gaz_run finds
 * the longest gazetteer phrase at every token and appends candidates.
 *
 * TSV format (data/README.md): surface, type, canonical, id, subtype, iso, flags, source;
 * user lists may stop after id or subtype.
 */
#ifndef IDNER_GAZ_H
#define IDNER_GAZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/mapped.h"
#include "gaz/format.h"
#include "idner.h"
#include "result/cand.h"
#include "tok/tok.h"

typedef struct gaz_builder gaz_builder;

gaz_builder *gaz_builder_new(void);
void gaz_builder_free(gaz_builder *b);
/* Adds every entry of the TSV file PATH. DEFAULT_RANK applies when a line names no source
 * (user lists: GAZ_RANK_USER). A bad line fails with "PATH:LINE: why". */
idner_status gaz_builder_add_file(gaz_builder *b, const char *path, int default_rank,
                                  idner_error *err);
/* The same, recording NAME (NULL: PATH) as the list's name for --explain. */
idner_status gaz_builder_add_list(gaz_builder *b, const char *path, const char *name,
                                  int default_rank, idner_error *err);
/* Builds the image; *IMAGE is malloc'd and owned by the caller. */
idner_status gaz_builder_finish(gaz_builder *b, void **image, size_t *size, idner_error *err);
size_t gaz_builder_count(const gaz_builder *b);

typedef struct gaz_table {
    const gaz_header *hdr;
    const gaz_slot *slots;
    const gaz_entry *entries;
    const char *pool;
    const uint8_t *first;     /* first-token filter of capitalized tokens */
    const uint8_t *first_any; /* the one of tokens in any case, right after it */
    uint32_t first_shift;     /* 64 - the larger log2 of the two (gaz_first_bucket) */
    uint32_t first_mask;      /* 2^first_log2 - 1: a bucket is tok_hash >> shift & mask */
    uint32_t any_mask;        /* 2^any_log2 - 1, the same for first_any */
    const uint64_t *phrase;   /* the phrase filter (gaz_phrase_bits), or NULL */
    uint32_t phrase_log2;
    const gaz_origin *origins; /* per entry: list and line; NULL when the image has none */
    int is_user;               /* the user lists (--gazetteer) */
    uint64_t mask;
    mapped file; /* the image: mapped, or adopted */
} gaz_table;

/* Maps the compiled file PATH and checks it; errors name the file. */
idner_status gaz_table_open(gaz_table *t, const char *path, idner_error *err);
/* Adopts a malloc'd image (from gaz_builder_finish), checking it like a file. */
idner_status gaz_table_adopt(gaz_table *t, void *image, size_t size, const char *what,
                             idner_error *err);
void gaz_table_close(gaz_table *t);
/* The slot of phrase hash H, or NULL. */
const gaz_slot *gaz_table_find(const gaz_table *t, uint64_t h);

typedef struct gaz {
    gaz_table base;     /* bundled lists */
    gaz_table user;     /* --gazetteer lists; hdr NULL when none; override base per surface */
    uint64_t *excluded; /* sorted phrase hashes of --exclude surfaces */
    size_t n_excluded;
} gaz;

idner_status gaz_load_excludes(gaz *g, const char *const *paths, size_t n, idner_error *err);
void gaz_close(gaz *g);

/* Is the phrase of tokens [A, B) of TL one of the --exclude surfaces? */
int gaz_excluded(const gaz *g, const tok_list *tl, size_t a, size_t b);
/* The same for a span of tokens [A, B) that ends at byte BYTE_END: before the last token's end
 * when it stops at that token's stem ("Jakarta" of "Jakartanya"), which is then compared. */
int gaz_excluded_span(const gaz *g, const tok_list *tl, size_t a, size_t b, uint32_t byte_end);

/* Appends a candidate for each type of the longest acceptable phrase at every token. */
idner_status gaz_run(const gaz *g, const char *text, const tok_list *tl, cand_list *out);
/* Could gaz_run, on tokens that go on past token C, find a phrase that starts before C and
 * takes C in (a window of a huge document may not end before C then)? */
int gaz_phrase_crosses(const gaz *g, const tok_list *tl, size_t c);

/* Phrase hash of the normalized key of S[0, N) (tokenized like documents), or 0 when S has no
 * token; *NTOK receives the token count. Uses TL as scratch. */
uint64_t gaz_phrase_hash(const char *s, size_t n, tok_list *tl, size_t *ntok);

#endif
