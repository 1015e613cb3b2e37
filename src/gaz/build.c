/*
 * gaz/build.c: TSV gazetteer lists -> the compiled image of gaz/format.h. The same code builds
 * the bundled file at build time (tools/gazc.c) and user lists at start-up, and it tokenizes
 * surfaces with the document tokenizer, so build and lookup normalize identically.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"
#include "core/tsv.h"
#include "gaz/gaz.h"

typedef struct bentry {
    uint64_t hash;
    uint32_t key, surface, canonical, id, subtype, iso, source;
    uint32_t upper_mask;
    uint32_t file, line; /* the list (pool offset of its name) and the line */
    uint32_t order;
    uint32_t first_top; /* the top 32 bits of the first token's tok_hash (filter bucket) */
    uint8_t type, rank;
    uint16_t flags, ntok;
} bentry;

struct gaz_builder {
    bentry *e;
    size_t n, cap;
    uint64_t *prefix; /* hashes of proper prefixes of phrases */
    size_t np, capp;
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *intern; /* open addressing: pool offset + 1, 0 = empty */
    size_t intern_cap, intern_n;
    tok_list tl;
};

gaz_builder *
gaz_builder_new(void)
{
    gaz_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->pool = malloc(1024);
    b->pool_cap = 1024;
    b->intern_cap = 1024;
    b->intern = calloc(b->intern_cap, sizeof *b->intern);
    if (!b->pool || !b->intern) {
        gaz_builder_free(b);
        return NULL;
    }
    b->pool[0] = '\0';
    b->pool_len = 1;
    return b;
}

void
gaz_builder_free(gaz_builder *b)
{
    if (!b)
        return;
    free(b->e);
    free(b->prefix);
    free(b->pool);
    free(b->intern);
    tok_list_free(&b->tl);
    free(b);
}

size_t
gaz_builder_count(const gaz_builder *b)
{
    return b->n;
}

static uint64_t
str_hash(const char *s, size_t n)
{
    return tok_hash(s, n);
}

static int
intern_grow(gaz_builder *b)
{
    size_t cap = b->intern_cap * 2;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < b->intern_cap; i++) {
        uint32_t off = b->intern[i];
        if (!off)
            continue;
        const char *s = b->pool + off - 1;
        size_t h = (size_t)str_hash(s, strlen(s)) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = off;
    }
    free(b->intern);
    b->intern = t;
    b->intern_cap = cap;
    return 0;
}

/* Pool offset of S[0, N), stored once. Returns UINT32_MAX when memory runs out. */
static uint32_t
intern(gaz_builder *b, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (b->intern_n * 2 >= b->intern_cap && intern_grow(b))
        return UINT32_MAX;
    size_t h = (size_t)str_hash(s, n) & (b->intern_cap - 1);
    while (b->intern[h]) {
        const char *p = b->pool + b->intern[h] - 1;
        if (strncmp(p, s, n) == 0 && p[n] == '\0')
            return b->intern[h] - 1;
        h = (h + 1) & (b->intern_cap - 1);
    }
    if (b->pool_len + n + 1 > b->pool_cap) {
        size_t cap = b->pool_cap;
        while (cap < b->pool_len + n + 1)
            cap *= 2;
        char *p = realloc(b->pool, cap);
        if (!p)
            return UINT32_MAX;
        b->pool = p;
        b->pool_cap = cap;
    }
    uint32_t off = (uint32_t)b->pool_len;
    memcpy(b->pool + off, s, n);
    b->pool[off + n] = '\0';
    b->pool_len += n + 1;
    b->intern[h] = off + 1;
    b->intern_n++;
    return off;
}

static const char *const subtypes[] = {"country",  "province", "city",   "regency",
                                       "district", "village",  "region", "other"};

/* Places take the subtypes of SPEC.md section 3; organizations may carry a free lowercase
 * word ("party", "ministry"). */
static int
valid_subtype(const char *s, idner_type type)
{
    if (!*s)
        return 1;
    if (type != IDNER_LOC) {
        for (const char *p = s; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_'))
                return 0;
        return 1;
    }
    for (size_t i = 0; i < sizeof subtypes / sizeof subtypes[0]; i++)
        if (!strcmp(s, subtypes[i]))
            return 1;
    return 0;
}

static int
source_rank(const char *src, int default_rank)
{
    if (!*src)
        return default_rank;
    if (!strcmp(src, "curated"))
        return GAZ_RANK_CURATED;
    if (!strcmp(src, "dbpedia"))
        return GAZ_RANK_DBPEDIA;
    if (!strcmp(src, "iso-codes") || !strcmp(src, "cldr") || !strcmp(src, "idn-area-data"))
        return GAZ_RANK_OFFICIAL;
    if (!strcmp(src, "user"))
        return GAZ_RANK_USER;
    return GAZ_RANK_OTHER;
}

/* Parses a flags field ("acronym,common"); -1 on an unknown word. */
static int
parse_flags(const char *s)
{
    int f = 0;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 7 && !strncmp(s, "acronym", 7))
            f |= GAZ_ACRONYM;
        else if (n == 2 && !strncmp(s, "ci", 2))
            f |= GAZ_CI;
        else if (n == 6 && !strncmp(s, "common", 6))
            f |= GAZ_COMMON;
        else if (n != 0)
            return -1;
        s += n + (e ? 1 : 0);
    }
    return f;
}

static int
push_prefix(gaz_builder *b, uint64_t h)
{
    if (b->np == b->capp) {
        size_t cap = b->capp ? b->capp * 2 : 1024;
        uint64_t *p = realloc(b->prefix, cap * sizeof *p);
        if (!p)
            return -1;
        b->prefix = p;
        b->capp = cap;
    }
    b->prefix[b->np++] = h;
    return 0;
}

/* Adds one entry; returns NULL or a static reason. */
static const char *
add_entry(gaz_builder *b, char **col, size_t ncol, int default_rank, uint32_t file, size_t line,
          int *nomem)
{
    const char *surface = col[0], *type_s = col[1];
    const char *canonical = ncol > 2 && *col[2] ? col[2] : surface;
    const char *id = ncol > 3 ? col[3] : "", *subtype = ncol > 4 ? col[4] : "";
    const char *iso = ncol > 5 ? col[5] : "", *flags_s = ncol > 6 ? col[6] : "";
    const char *source = ncol > 7 ? col[7] : "";
    idner_type type = idner_type_from_name(type_s);
    if (type != IDNER_PER && type != IDNER_ORG && type != IDNER_LOC)
        return "type must be PER, ORG or LOC";
    if (!valid_subtype(subtype, type))
        return type == IDNER_LOC ? "unknown place subtype (country, province, city, regency, "
                                   "district, village, region, other)"
                                 : "a subtype is a lowercase word";
    int flags = parse_flags(flags_s);
    if (flags < 0)
        return "unknown flag (acronym, ci, common)";
    size_t slen = strlen(surface);
    if (tok_run(&b->tl, surface, slen) != IDNER_OK) {
        *nomem = 1;
        return "out of memory";
    }
    size_t nt = b->tl.n;
    if (nt == 0)
        return "the surface has no token";
    if (nt > GAZ_MAX_TOKENS)
        return "the surface has more than 16 tokens";
    char key[1024];
    size_t klen = 0;
    uint64_t h = GAZ_HASH_SEED;
    uint32_t upper = 0, first_top = 0;
    for (size_t k = 0; k < nt; k++) {
        const tok *t = &b->tl.v[k];
        if (k > 0) {
            if (push_prefix(b, h)) {
                *nomem = 1;
                return "out of memory";
            }
        }
        if (k == 0)
            first_top = (uint32_t)(t->hash >> 32);
        h = gaz_hash_step(h, t->hash);
        if (klen + t->key_len + 2 > sizeof key)
            return "the surface is too long";
        if (k)
            key[klen++] = ' ';
        memcpy(key + klen, tok_key(&b->tl, t), t->key_len);
        klen += t->key_len;
        if (t->flags & TOK_F_CAP)
            upper |= 1u << k;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        bentry *e = realloc(b->e, cap * sizeof *e);
        if (!e) {
            *nomem = 1;
            return "out of memory";
        }
        b->e = e;
        b->cap = cap;
    }
    bentry *e = &b->e[b->n];
    e->hash = h;
    e->key = intern(b, key, klen);
    e->surface = intern(b, surface, slen);
    e->canonical = intern(b, canonical, strlen(canonical));
    e->id = intern(b, id, strlen(id));
    e->subtype = intern(b, subtype, strlen(subtype));
    e->iso = intern(b, iso, strlen(iso));
    e->source = intern(b, *source ? source : (default_rank == GAZ_RANK_USER ? "user" : ""),
                       *source ? strlen(source) : (default_rank == GAZ_RANK_USER ? 4 : 0));
    if (e->key == UINT32_MAX || e->surface == UINT32_MAX || e->canonical == UINT32_MAX ||
        e->id == UINT32_MAX || e->subtype == UINT32_MAX || e->iso == UINT32_MAX ||
        e->source == UINT32_MAX) {
        *nomem = 1;
        return "out of memory";
    }
    e->upper_mask = upper;
    e->file = file;
    e->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    e->first_top = first_top;
    e->order = (uint32_t)b->n;
    e->type = (uint8_t)type;
    e->rank = (uint8_t)source_rank(source, default_rank);
    e->flags = (uint16_t)flags;
    e->ntok = (uint16_t)nt;
    b->n++;
    return NULL;
}

typedef struct file_ctx {
    gaz_builder *b;
    int default_rank;
    uint32_t name; /* pool offset of the list's name */
} file_ctx;

static const char *
add_line(void *arg, size_t lineno, char **col, size_t ncol, int *nomem)
{
    file_ctx *fc = arg;
    if (ncol < 2 || !*col[0])
        return "expected at least surface<TAB>type";
    return add_entry(fc->b, col, ncol < 8 ? ncol : 8, fc->default_rank, fc->name, lineno, nomem);
}

idner_status
gaz_builder_add_list(gaz_builder *b, const char *path, const char *name, int default_rank,
                     idner_error *err)
{
    if (!name)
        name = path;
    file_ctx fc = {b, default_rank, intern(b, name, strlen(name))};
    if (fc.name == UINT32_MAX)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    return tsv_read_at(path, add_line, &fc, IDNER_ERR_IO, err);
}

idner_status
gaz_builder_add_file(gaz_builder *b, const char *path, int default_rank, idner_error *err)
{
    return gaz_builder_add_list(b, path, NULL, default_rank, err);
}

static int
cmp_bentry(const void *pa, const void *pb)
{
    const bentry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int
cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

static size_t
align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* May the entry's phrase start with a lowercase token (then its first token goes in the
 * any-case filter, else in the capitalized one)? */
static int
any_case_start(const bentry *e)
{
    return !(e->upper_mask & 1) || (e->flags & GAZ_CI);
}

static int
cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

/* *D: the number of distinct first tokens (by the top 32 bits of their hash, which the
 * filters' buckets come from) among the entries that may start in lower case. -1: no memory. */
static int
distinct_any_starts(const gaz_builder *b, size_t *d)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        n += any_case_start(&b->e[i]);
    *d = 0;
    if (!n)
        return 0;
    uint32_t *v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (any_case_start(&b->e[i]))
            v[n++] = b->e[i].first_top;
    qsort(v, n, sizeof *v, cmp_u32);
    for (size_t i = 0; i < n; i++)
        *d += i == 0 || v[i] != v[i - 1];
    free(v);
    return 0;
}

static gaz_slot *
slot_for(gaz_slot *slots, uint64_t mask, uint64_t h)
{
    size_t i = (size_t)(h & mask);
    while (slots[i].hash && slots[i].hash != h)
        i = (i + 1) & mask;
    return &slots[i];
}

idner_status
gaz_builder_finish(gaz_builder *b, void **image, size_t *size, idner_error *err)
{
    if (b->n > 1) /* qsort(NULL, 0, ...) is undefined: an empty list has no array */
        qsort(b->e, b->n, sizeof *b->e, cmp_bentry);
    /* Drop exact repeats (same phrase, type, canonical, id and case policy); keep the
     * best-ranked. */
    size_t w = 0, phrases = 0;
    for (size_t r = 0; r < b->n; r++) {
        bentry *e = &b->e[r];
        int dup = 0;
        for (size_t k = w; k > 0 && b->e[k - 1].hash == e->hash; k--) {
            const bentry *o = &b->e[k - 1];
            if (o->key != e->key)
                return error_set(err, IDNER_ERR_DATA, "hash collision between \"%s\" and \"%s\"",
                                 b->pool + o->key, b->pool + e->key);
            /* "ANTARA" (acronym) and "Antara" (common word) differ in case policy */
            if (o->type == e->type && o->canonical == e->canonical && o->id == e->id &&
                o->flags == e->flags && o->upper_mask == e->upper_mask)
                dup = 1;
        }
        if (dup)
            continue;
        if (w == 0 || b->e[w - 1].hash != e->hash)
            phrases++;
        b->e[w++] = *e;
    }
    b->n = w;
    if (b->np > 1) /* no array at all when no surface has two tokens */
        qsort(b->prefix, b->np, sizeof *b->prefix, cmp_u64);
    size_t nprefix = 0;
    for (size_t i = 0; i < b->np; i++)
        if (i == 0 || b->prefix[i] != b->prefix[i - 1])
            b->prefix[nprefix++] = b->prefix[i];
    b->np = nprefix;
    size_t n_slots = 16;
    while (n_slots < 2 * (phrases + nprefix))
        n_slots *= 2;
    size_t slots_off = align8(sizeof(gaz_header));
    size_t entries_off = align8(slots_off + n_slots * sizeof(gaz_slot));
    size_t pool_off = align8(entries_off + b->n * sizeof(gaz_entry));
    size_t origins_off = align8(pool_off + b->pool_len);
    size_t first_off = align8(origins_off + b->n * sizeof(gaz_origin));
    size_t d_any = 0;
    if (distinct_any_starts(b, &d_any))
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    uint32_t first_log2 = gaz_first_log2(b->n), any_log2 = gaz_any_log2(d_any, b->n);
    uint32_t wide = first_log2 > any_log2 ? first_log2 : any_log2;
    size_t filter_bytes = ((size_t)1 << first_log2) / 8;
    size_t phrase_off = first_off + filter_bytes + ((size_t)1 << any_log2) / 8;
    uint32_t phrase_log2 = gaz_phrase_log2(phrases + nprefix);
    size_t total = phrase_off + ((size_t)8 << phrase_log2);
    if (total > UINT32_MAX)
        return error_set(err, IDNER_ERR_LIMIT, "gazetteer larger than 4 GiB");
    char *img = calloc(1, total);
    if (!img)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    gaz_header *hdr = (gaz_header *)img;
    memcpy(hdr->magic, GAZ_MAGIC, sizeof GAZ_MAGIC);
    hdr->version = GAZ_VERSION;
    hdr->n_slots = (uint32_t)n_slots;
    hdr->n_entries = (uint32_t)b->n;
    hdr->pool_size = (uint32_t)b->pool_len;
    hdr->slots_off = (uint32_t)slots_off;
    hdr->entries_off = (uint32_t)entries_off;
    hdr->pool_off = (uint32_t)pool_off;
    hdr->file_size = (uint32_t)total;
    hdr->any_log2 = any_log2;
    hdr->first_off = (uint32_t)first_off;
    hdr->origins_off = (uint32_t)origins_off;
    gaz_origin *orig = (gaz_origin *)(img + origins_off);
    hdr->first_log2 = first_log2;
    hdr->phrase_off = (uint32_t)phrase_off;
    hdr->phrase_log2 = phrase_log2;
    uint64_t *phrase = (uint64_t *)(void *)(img + phrase_off);
    uint8_t *first = (uint8_t *)img + first_off;
    gaz_slot *slots = (gaz_slot *)(img + slots_off);
    gaz_entry *ents = (gaz_entry *)(img + entries_off);
    uint64_t mask = n_slots - 1;
    for (size_t i = 0; i < b->n; i++) {
        const bentry *e = &b->e[i];
        gaz_slot *s = slot_for(slots, mask, e->hash);
        if (!s->hash) {
            s->hash = e->hash;
            s->first = (uint32_t)i;
            uint32_t word;
            uint64_t bits = gaz_phrase_bits(e->hash, phrase_log2, &word);
            phrase[word] |= bits;
        }
        s->count++;
        /* capitalized first tokens in the first filter, others in the second */
        int any = any_case_start(e);
        size_t filter = any ? filter_bytes : 0;
        uint32_t bucket =
            gaz_first_bucket((uint64_t)e->first_top << 32, wide, any ? any_log2 : first_log2);
        first[filter + (bucket >> 3)] |= (uint8_t)(1u << (bucket & 7));
        orig[i] = (gaz_origin){e->file, e->line};
        ents[i] = (gaz_entry){e->key,    e->surface,    e->canonical, e->id,   e->subtype, e->iso,
                              e->source, e->upper_mask, e->type,      e->rank, e->flags,   e->ntok,
                              0};
    }
    for (size_t i = 0; i < b->np; i++) {
        gaz_slot *s = slot_for(slots, mask, b->prefix[i]);
        s->hash = b->prefix[i];
        s->flags |= GAZ_SLOT_PREFIX;
        uint32_t word;
        uint64_t bits = gaz_phrase_bits(b->prefix[i], phrase_log2, &word);
        phrase[word] |= bits;
    }
    memcpy(img + pool_off, b->pool, b->pool_len);
    *image = img;
    *size = total;
    return IDNER_OK;
}
