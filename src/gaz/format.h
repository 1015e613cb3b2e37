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
 *   | first bits  |  two filters by bucket of tok_hash (its top LOG2 bits): first, one of
 *   +-------------+  2^first_log2 bits for phrases whose first token must be capitalized, then
 *                    right after it one of 2^any_log2 bits for phrases that may start in lower
 *                    case. Most tokens start no phrase (and most lowercase words start only
 *                    capitalized ones): the filters answer without touching the much larger
 *                    slot array. The capitalized one is sized by the number of entries
 *                    (gaz_first_log2: at least 8 bits an entry), so that it stays sparse. The
 *                    any-case one, which every word reads, by its distinct first tokens
 *                    (gaz_any_log2: at least 1024 bits each, so that at most 1 in 1024 lowercase
 *                    words passes it by chance), never larger than the other: the few words
 *                    that start a lowercase or "ci" phrase make it small (the bundled lists: 4
 *                    KiB; a list of a million capitalized names has a 1 MiB capitalized filter
 *                    but a 128-byte any-case one), so lowercase words, most of a text, miss no
 *                    cache. Buckets: gaz_first_bucket.
 *                    A log2 of 0 means GAZ_FIRST_LOG2.
 *   | phrase bits |  a blocked Bloom filter of every slot's hash (phrases and prefixes):
 *   +-------------+  2^phrase_log2 64-bit words, two bits in one word a hash (gaz_phrase_bits),
 *                    at least 8 bits a slot. A lookup reads the slot array only when both bits
 *                    are set, so a hash that is in no slot (a name's first word followed by
 *                    any other word) costs one cache line of the filter, not a miss in a slot
 *                    array that a huge list makes far larger than the caches. phrase_log2 0
 *                    (images before it): no filter.
 *
 * The phrase hash chains the tokens' tok_hash values (gaz_hash_step), so a lookup costs one
 * probe per token whatever the number of entries.
 */
#ifndef IDNER_GAZ_FORMAT_H
#define IDNER_GAZ_FORMAT_H

#include <stdint.h>

#define GAZ_MAGIC          "IDNERGZ"
#define GAZ_VERSION        3u /* 3: any_log2 (was max_tokens, never read) */
#define GAZ_MAX_TOKENS     16
#define GAZ_FIRST_LOG2     20u /* a filter's size when its log2 in the header is 0 */
#define GAZ_FIRST_LOG2_MIN 10u
#define GAZ_FIRST_LOG2_MAX 30u

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
    uint32_t any_log2;    /* the any-case filter's size, like first_log2 */
    uint32_t first_off;   /* 2^first_log2 / 8 + 2^any_log2 / 8 bytes */
    uint32_t origins_off; /* gaz_origin[n_entries], or 0: none */
    uint32_t first_log2;  /* GAZ_FIRST_LOG2_MIN..GAZ_FIRST_LOG2_MAX, or 0: GAZ_FIRST_LOG2 */
    uint32_t phrase_off;  /* 2^phrase_log2 * 8 bytes, when phrase_log2 is not 0 */
    uint32_t phrase_log2; /* GAZ_PHRASE_LOG2_MIN..GAZ_PHRASE_LOG2_MAX, or 0: no filter */
} gaz_header;
_Static_assert(sizeof(gaz_header) == 64, "the header's size is part of the format");

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

/* The bucket of a token hash in a first-token filter of 2^LOG2 bits: the low LOG2 bits of its
 * top WIDE bits, WIDE the larger of the two filters' log2 (for the larger filter, its top LOG2
 * bits). One shift serves both filters. */
static inline uint32_t
gaz_first_bucket(uint64_t tok_hash, uint32_t wide, uint32_t log2)
{
    return (uint32_t)(tok_hash >> (64 - wide)) & (uint32_t)((1ull << log2) - 1);
}

#define GAZ_PHRASE_LOG2_MIN 4u
#define GAZ_PHRASE_LOG2_MAX 26u

/* The word (of a phrase filter of 2^LOG2 words) and the two bits of phrase hash H: the word
 * from its top LOG2 bits, the two bit numbers from bits 32-37 and 38-43. */
static inline uint64_t
gaz_phrase_bits(uint64_t h, uint32_t log2, uint32_t *word)
{
    *word = (uint32_t)(h >> (64 - log2));
    return (1ull << ((h >> 32) & 63)) | (1ull << ((h >> 38) & 63));
}

/* The least K in [MIN, MAX] for which 2^K units of UNIT_BITS bits hold 8 bits for each of N
 * keys: the filters' sizes. */
static inline uint32_t
gaz_filter_log2(uint64_t n, uint32_t unit_bits, uint32_t min, uint32_t max)
{
    uint32_t k = min;
    while (k < max && ((uint64_t)unit_bits << k) < 8 * n)
        k++;
    return k;
}

/* The phrase filter's log2 size (in 64-bit words) for N slot hashes. */
static inline uint32_t
gaz_phrase_log2(uint64_t n)
{
    return gaz_filter_log2(n, 64, GAZ_PHRASE_LOG2_MIN, GAZ_PHRASE_LOG2_MAX);
}

/* The capitalized first-token filter's log2 size (in bits) for N entries. */
static inline uint32_t
gaz_first_log2(uint64_t n)
{
    return gaz_filter_log2(n, 1, GAZ_FIRST_LOG2_MIN, GAZ_FIRST_LOG2_MAX);
}

/* The any-case filter's log2 size for D distinct first tokens among its entries, in a
 * gazetteer of N entries: 1024 bits a token, at most the capitalized filter's size. */
static inline uint32_t
gaz_any_log2(uint64_t d, uint64_t n)
{
    uint32_t k = gaz_filter_log2(128 * d, 1, GAZ_FIRST_LOG2_MIN, GAZ_FIRST_LOG2_MAX);
    return k < gaz_first_log2(n) ? k : gaz_first_log2(n);
}

#endif
