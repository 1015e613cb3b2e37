/*
 * tagger/model.c: mapping and checking the tagger's model file (see model.h, format.h).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "tagger/features.h"
#include "tagger/memo.h"
#include "tagger/model.h"

uint8_t
tagger_lexicon_get(const tagger_lexicon *lx, uint64_t h)
{
    if (!lx->slots)
        return 0;
    const uint32_t key = (uint32_t)(h >> 40);
    for (uint64_t i = h & lx->mask, probes = 0; probes <= lx->mask; probes++) {
        uint32_t e = lx->slots[i];
        if (!e)
            return 0;
        if (e >> 8 == key)
            return (uint8_t)e;
        i = (i + 1) & lx->mask;
    }
    return 0;
}

int
tagger_legal(uint32_t scheme, unsigned from, unsigned to)
{
    unsigned n = tagger_n_labels(scheme);
    int from_label = from > 0 && from<n, to_label = to> 0 && to < n;
    /* TO continues a name (I-X, or BILOU's L-X): it needs an open X before it */
    int to_cont = to_label && (tagger_label_part(scheme, to) == PART_I ||
                               tagger_label_part(scheme, to) == PART_L);
    int same =
        from_label && to_label && tagger_label_type(scheme, from) == tagger_label_type(scheme, to);
    if (scheme == TAGGER_BILOU) {
        /* BILOU: after B-X or I-X the name must go on (I-X) or end (L-X) */
        unsigned p = from_label ? tagger_label_part(scheme, from) : PART_U;
        if (p == PART_B || p == PART_I)
            return to_cont && same;
        return !to_cont;
    }
    return !to_cont || same; /* BIO: I-X only after B-X or I-X */
}

/* The models loaded so far in the process: each gets the next number as its serial. */
static atomic_uint_fast64_t loads;

static int
in_file(uint64_t off, uint64_t len, size_t size)
{
    return off % 8 == 0 && off <= size && len <= size - off;
}

/* The check of slot K of M's table (0: empty). */
static uint16_t
slot_check_at(const tagger_model *m, uint64_t k)
{
    uint16_t c;
    memcpy(&c, m->slots + k * TAGGER_SLOT_SIZE + TAGGER_SLOT_CHECK, 2);
    return c;
}

/* The weights of the dense features, read once (tagger_model_slot) into lanes as the stage adds
 * them: the same sums as reading each from its slot. */
static idner_status
dense_table(tagger_model *m, const char *what, idner_error *err)
{
    void *p = NULL;
    if (posix_memalign(&p, 32, TAGGER_DENSE_ROWS * sizeof *m->dense))
        return error_set(err, IDNER_ERR_NOMEM, "%s: out of memory", what);
    m->dense = p;
    for (unsigned k = 0; k < TAGGER_DENSE_SIZE; k++) {
        const uint8_t *slot = tagger_model_slot(m, tagger_dense_id(k));
        for (uint32_t y = 0; y < 16; y++)
            m->dense[k][y] = slot && y < m->n_labels ? (int32_t)((uint32_t)(int32_t)(int8_t)slot[y]
                                                                 << (slot[TAGGER_SLOT_SHIFT] & 15u))
                                                     : 0;
    }
    tagger_dense_fuse(m, m->dense);
    return IDNER_OK;
}

/* The filter of M's lookups sure to miss (model.h): for each kept slot, the bit of its check
 * with every home from the start of its run of kept slots to itself, from which a probe reaches
 * it. Runs are short (a load of 0.4 at most): a longer one than TAGGER_ABSENT_RUN means a
 * filter of every bit, which answers nothing, rather than work quadratic in the run at load. */
#define TAGGER_ABSENT_RUN 64
static idner_status
absent_filter(tagger_model *m, const char *what, idner_error *err)
{
    const uint64_t n = m->mask + 1;
    uint64_t e = 0; /* an empty slot (check_image made sure of one) */
    while (slot_check_at(m, e))
        e++;
    uint64_t *f = calloc((size_t)1 << (TAGGER_ABSENT_BITS - 6), sizeof *f);
    if (!f)
        return error_set(err, IDNER_ERR_NOMEM, "%s: out of memory", what);
    uint64_t run = 0; /* the slots since the last empty one */
    for (uint64_t j = 1; j <= n; j++) {
        const uint64_t k = (e + j) & m->mask;
        const uint16_t c = slot_check_at(m, k);
        if (!c) {
            run = 0;
            continue;
        }
        if (++run > TAGGER_ABSENT_RUN) {
            memset(f, 0xFF, sizeof *f << (TAGGER_ABSENT_BITS - 6));
            break;
        }
        for (uint64_t back = 0; back < run; back++) {
            const uint64_t bit = tagger_absent_bit((k - back) & m->mask, c);
            f[bit >> 6] |= 1ull << (bit & 63);
        }
    }
    m->absent = f;
    return IDNER_OK;
}

static idner_status
check_image(tagger_model *m, const char *what, idner_error *err)
{
    const uint8_t *base = m->file.mem;
    const size_t size = m->file.size;
    if (size < sizeof(tagger_header))
        return error_set(err, IDNER_ERR_DATA, "%s: too short for a tagger model", what);
    const tagger_header *h = m->file.mem;
    if (memcmp(h->magic, TAGGER_MAGIC, sizeof TAGGER_MAGIC) != 0)
        return error_set(err, IDNER_ERR_DATA, "%s: not a tagger model (bad magic)", what);
    if (h->version != TAGGER_VERSION)
        return error_set(err, IDNER_ERR_DATA, "%s: tagger format version %u, expected %u", what,
                         h->version, TAGGER_VERSION);
    if (h->file_size != size)
        return error_set(err, IDNER_ERR_DATA,
                         "%s: truncated or padded tagger model (%zu bytes, header says %u)", what,
                         size, h->file_size);
    if (h->feature_set != TAGGER_FEATURE_SET)
        return error_set(err, IDNER_ERR_DATA,
                         "%s: trained with feature set %u, this idner computes set %u: retrain it "
                         "(tools/train-model)",
                         what, h->feature_set, TAGGER_FEATURE_SET);
    uint32_t L = tagger_n_labels(h->scheme);
    uint64_t ntrans = (uint64_t)(L + 1) * (L + 1);
    if (!L || h->n_labels != L || h->slot_size != TAGGER_SLOT_SIZE || h->n_slots == 0 ||
        (h->n_slots & (h->n_slots - 1)) || h->n_features > h->n_slots ||
        !in_file(h->slots_off, (uint64_t)h->n_slots * h->slot_size, size) ||
        !in_file(h->trans_off, ntrans * 4, size) || (h->n_lex & (h->n_lex - 1)) ||
        !in_file(h->lex_off, (uint64_t)h->n_lex * 4, size) || !(h->scale > 0.0f))
        return error_set(err, IDNER_ERR_DATA, "%s: corrupt tagger model (bad header)", what);
    const int32_t *trans = (const int32_t *)(const void *)(base + h->trans_off);
    for (unsigned a = 0; a <= L; a++)
        for (unsigned b = 0; b <= L; b++) {
            int32_t t = trans[a * (L + 1) + b];
            if (!tagger_legal(h->scheme, a, b) && t != TAGGER_FORBIDDEN)
                return error_set(err, IDNER_ERR_DATA,
                                 "%s: corrupt tagger model (an illegal transition is allowed)",
                                 what);
            /* the decoder's 32-bit sums stay far from overflowing (decode.c) */
            if (t != TAGGER_FORBIDDEN && (t > TAGGER_MAX_TRANS || t < -TAGGER_MAX_TRANS))
                return error_set(err, IDNER_ERR_DATA,
                                 "%s: corrupt tagger model (a transition out of range)", what);
        }
    uint32_t empty = 0; /* lookups end at an empty slot: there must be one */
    for (uint32_t k = 0; k < h->n_slots && !empty; k++) {
        uint16_t c;
        memcpy(&c, base + h->slots_off + (uint64_t)k * TAGGER_SLOT_SIZE + TAGGER_SLOT_CHECK, 2);
        empty = c == 0;
    }
    if (!empty)
        return error_set(err, IDNER_ERR_DATA, "%s: corrupt tagger model (no empty slot)", what);
    m->hdr = h;
    m->slots = base + h->slots_off;
    m->trans = trans;
    m->lex.slots = h->n_lex ? (const uint32_t *)(const void *)(base + h->lex_off) : NULL;
    m->lex.mask = h->n_lex ? h->n_lex - 1 : 0;
    m->n_labels = L;
    tagger_trellis_init(&m->trellis, trans, L);
    m->scheme = h->scheme;
    m->mask = h->n_slots - 1;
    m->serial = (uint64_t)atomic_fetch_add(&loads, 1) + 1;
    m->memo = L <= TAGGER_MEMO_HASH_LO; /* the memo's key sits past 13 labels */
    idner_status st = absent_filter(m, what, err);
    return st != IDNER_OK ? st : dense_table(m, what, err);
}

idner_status
tagger_model_open(tagger_model *m, const char *path, idner_error *err)
{
    memset(m, 0, sizeof *m);
    idner_status s = mapped_open(&m->file, path, err);
    if (s == IDNER_OK && (s = check_image(m, path, err)) != IDNER_OK)
        tagger_model_close(m);
    return s;
}

idner_status
tagger_model_adopt(tagger_model *m, void *image, size_t size, const char *what, idner_error *err)
{
    memset(m, 0, sizeof *m);
    m->file = (mapped){image, size, 0};
    idner_status s = check_image(m, what, err);
    if (s != IDNER_OK)
        tagger_model_close(m);
    return s;
}

void
tagger_model_close(tagger_model *m)
{
    mapped_release(&m->file);
    free(m->dense);
    free(m->absent);
    memset(m, 0, sizeof *m);
}
