/*
 * gaz/format.h: the compiled gazetteer, written by tools/gazc.c (through gaz/build.c) and
 * mapped read-only by gaz.c. All integers are little-endian; offsets are from the file start.
 *
 *   +-------------+  gaz_header: magic, version, counts, section offsets
 *   | header      |
 *   +-------------+  gaz_slot[n_slots]: open addressing on the 64-bit phrase hash (linear
 *   | slots       |  probing, n_slots a power of two, hash 0 = empty). A slot is a phrase:
 *   +-------------+  entries [first, first+count) and/or GAZ_SLOT_PREFIX when a longer phrase
 *   | entries     |  continues it (so lookups stop as soon as no entry can match).
 *   +-------------+  gaz_entry[n_entries]: one per (surface, type, canonical, id), best first
 *   | string pool |  NUL-terminated strings; offset 0 is the empty string
 *   +-------------+
 *   | origins     |  optional (header origins_off, 0 when absent: an older image is still
 *   +-------------+  read): gaz_origin[n_entries], the list file and line of each entry, for
 *                    --explain
 *   | first bits  |  two filters of GAZ_FIRST_BITS bits, by bucket of tok_hash: the first for
 *   +-------------+  phrases whose first token must be capitalized, the second for phrases that
 *                    may start in lower case. Most tokens start no phrase (and most lowercase
 *                    words start only capitalized ones): the filters answer without touching
 *                    the much larger slot array.
 *
 * The phrase hash chains the tokens' tok_hash values (gaz_hash_step), so a lookup costs one
 * probe per token whatever the number of entries.
 */
#ifndef IDNER_GAZ_FORMAT_H
#define IDNER_GAZ_FORMAT_H

#include <stdint.h>

#define GAZ_MAGIC      "IDNERGZ"
#define GAZ_VERSION    2u
#define GAZ_MAX_TOKENS 16
#define GAZ_FIRST_BITS (1u << 20)

enum gaz_entry_flag {
    GAZ_ACRONYM = 1u << 0, /* match only exactly as written */
    GAZ_CI = 1u << 1,      /* match in any case */
    GAZ_COMMON = 1u << 2   /* also an ordinary word: never alone at a sentence start or lowercase */
};

enum gaz_slot_flag { GAZ_SLOT_PREFIX = 1u << 0 };

/* Source ranks: a higher rank wins among candidates of one surface. */
enum gaz_rank {
    GAZ_RANK_DBPEDIA = 1,
    GAZ_RANK_OTHER = 2,
    GAZ_RANK_OFFICIAL = 3, /* iso-codes, cldr, idn-area-data */
    GAZ_RANK_CURATED = 4,
    GAZ_RANK_USER = 5
};

typedef struct gaz_header {
    char magic[8];
    uint32_t version;
    uint32_t n_slots;
    uint32_t n_entries;
    uint32_t pool_size;
    uint32_t slots_off, entries_off, pool_off;
    uint32_t file_size;
    uint32_t max_tokens;
    uint32_t first_off;   /* 2 * GAZ_FIRST_BITS / 8 bytes */
    uint32_t origins_off; /* gaz_origin[n_entries], or 0: none */
    uint32_t reserved[3];
} gaz_header;

/* Where entry k of the entries came from: the list's name (a pool string: the path as given,
 * or "data/gazetteer/people.tsv" for the bundled lists) and its line there. */
typedef struct gaz_origin {
    uint32_t file;
    uint32_t line;
} gaz_origin;

typedef struct gaz_slot {
    uint64_t hash;
    uint32_t first;
    uint16_t count;
    uint16_t flags;
} gaz_slot;

typedef struct gaz_entry {
    uint32_t key;     /* normalized token keys joined by single spaces */
    uint32_t surface; /* as listed */
    uint32_t canonical;
    uint32_t id;
    uint32_t subtype;
    uint32_t iso;
    uint32_t source;     /* source name: "curated", "dbpedia", ... */
    uint32_t upper_mask; /* bit k: token k of the surface starts with a capital */
    uint8_t type;        /* idner_type */
    uint8_t rank;        /* enum gaz_rank */
    uint16_t flags;      /* enum gaz_entry_flag */
    uint16_t ntok;
    uint16_t pad;
} gaz_entry;

static inline uint64_t
gaz_hash_step(uint64_t h, uint64_t tok_hash)
{
    h = (h ^ tok_hash) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

#define GAZ_HASH_SEED 0x2545F4914F6CDD1Dull

/* The bucket of a token hash in the first-token filter. */
static inline uint32_t
gaz_first_bucket(uint64_t tok_hash)
{
    return (uint32_t)(tok_hash >> 44) & (GAZ_FIRST_BITS - 1);
}

#endif
