/*
 * tagger/tagger.c: the tagger stage (see tagger.h).
 */
#include <stdlib.h>
#include <string.h>

#include "gaz/format.h"
#include "result/merge.h"
#include "tagger/memo.h"
#include "tagger/tagger.h"

int
tagger_scratch_reserve(tagger_scratch *s, size_t n, uint32_t L)
{
    if (n <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n)
        cap *= 2;
    /* 16 lanes more: a token's sums are stored 16 lanes wide, the next token's overwrite the 3
     * beyond its labels */
    size_t chunk = cap < TAGGER_CHUNK ? cap : TAGGER_CHUNK;
    int32_t *emit = realloc(s->emit, (chunk * TAGGER_MAX_LABELS + 16) * sizeof *emit);
    if (emit)
        s->emit = emit;
    uint8_t *back = realloc(s->back, chunk * TAGGER_MAX_LABELS);
    if (back)
        s->back = back;
    uint8_t *labels = realloc(s->labels, cap);
    if (labels)
        s->labels = labels;
    tagger_span *spans = realloc(s->spans, cap * sizeof *spans);
    if (spans)
        s->spans = spans;
    if (!emit || !back || !labels || !spans)
        return -1;
    (void)L;
    s->cap = cap;
    return 0;
}

void
tagger_scratch_free(tagger_scratch *s)
{
    tagger_doc_free(&s->doc);
    free(s->gaz);
    cand_list_free(&s->gaz_info);
    free(s->emit);
    free(s->fwd);
    free(s->back);
    free(s->labels);
    free(s->spans);
    rules_lookups_free(&s->lookups);
    memset(s, 0, sizeof *s);
}

tagger_scratch *
tagger_scratch_thread(void)
{
    tagger_memo *mo = tagger_memo_thread();
    if (mo && !mo->scratch)
        mo->scratch = calloc(1, sizeof *mo->scratch);
    return mo ? mo->scratch : NULL;
}

void
tagger_scratch_done(tagger_scratch *s)
{
    if (s->doc.cap > TAGGER_KEEP_TOKENS || s->cap > TAGGER_KEEP_TOKENS ||
        s->capgaz > TAGGER_KEEP_TOKENS || s->gaz_info.cap > TAGGER_KEEP_TOKENS ||
        s->lookups.cap > TAGGER_KEEP_TOKENS)
        tagger_scratch_free(s);
    s->doc.scan_sent1 = 0;
    s->doc.scan_quote = s->doc.scan_paren = 0;
}

static int
is_name(const cand *c)
{
    return c->type >= IDNER_PER && c->type <= IDNER_LOC;
}

static int
is_country(const cand *c)
{
    return c->type == IDNER_LOC && c->subtype && !strcmp(c->subtype, "country") &&
           c->prio % 10 >= GAZ_RANK_OFFICIAL;
}

static int
is_gazetteer(const cand *c)
{
    return c->source == SRC_GAZETTEER || c->source == SRC_USER;
}

/* The code of gazetteer candidate C (features.h) but for the token's part in it
 * (GAZ_CODE_PART_SHIFT), which each token adds. */
static uint16_t
gaz_code(const cand *c)
{
    unsigned rank = c->prio % 10; /* the rules add 10 to the type they prefer */
    unsigned rc = rank <= 1 ? 1 : rank <= 3 ? 2 : 3;
    unsigned policy = (c->flags & CAND_GAZ_COMMON)    ? 1
                      : (c->flags & CAND_GAZ_ACRONYM) ? 2
                      : (c->flags & CAND_GAZ_CI)      ? 3
                                                      : 0;
    unsigned code = c->type | rc << GAZ_CODE_RANK_SHIFT | policy << GAZ_CODE_POLICY_SHIFT;
    if (c->flags & CAND_DROPPED)
        code |= GAZ_CODE_DROPPED;
    if (c->prio >= 10)
        code |= GAZ_CODE_DROPPED << 1;
    return (uint16_t)code;
}

/* The bytes a gazetteer candidate's own are kept relative to: the start of its first token K,
 * the end of its last (K - 1); 0 for a token TL does not have. The differences are taken
 * modulo 2^32, so the bytes come back whatever they are. */
static uint32_t
first_byte(const tok_list *tl, uint32_t k)
{
    return k < tl->n ? tl->v[k].byte_start : 0;
}

static uint32_t
last_byte(const tok_list *tl, uint32_t k)
{
    return k > 0 && k <= tl->n ? tl->v[k - 1].byte_end : 0;
}

/* Keeps the gazetteer candidate C of tokens TL in S: its tokens, and its other fields as an
 * entry of S->gaz_info, in a long document the one of a candidate met lately when they are the
 * same. */
static int
keep_gaz(tagger_scratch *s, const tok_list *tl, const cand *c)
{
    if (s->ngaz == s->capgaz) {
        size_t cap = s->capgaz ? 2 * s->capgaz : 64;
        tagger_gaz *v = realloc(s->gaz, cap * sizeof *v);
        if (!v)
            return -1;
        s->gaz = v;
        s->capgaz = cap;
    }
    cand_list *l = &s->gaz_info;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        cand *v = cap <= UINT32_MAX ? realloc(l->v, cap * sizeof *v) : NULL;
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    cand *info = &l->v[l->n]; /* kept unless one met lately is the same */
    *info = *c;
    info->tok_start = 0;
    info->tok_end = c->tok_end - c->tok_start; /* the length: names alike are one */
    info->byte_start = c->byte_start - first_byte(tl, c->tok_start);
    info->byte_end = last_byte(tl, c->tok_end) - c->byte_end;
    uint32_t k = (uint32_t)l->n; /* a short document's are few: each its own */
    if (tl->n > TAGGER_CHUNK) {  /* a long one's alike share one */
        uint64_t h = ((uint64_t)(uintptr_t)c->canonical ^ (uint64_t)(uint32_t)c->prio << 40 ^
                      (uint64_t)c->flags << 32 ^ c->why) *
                     0x9E3779B97F4A7C15u;
        uint32_t *seen = &s->gaz_seen[h >> 58];
        if (!*seen || l->v[*seen - 1].canonical != info->canonical ||
            memcmp(&l->v[*seen - 1], info, sizeof *info) != 0)
            *seen = k + 1;
        k = *seen - 1;
    }
    l->n += k == l->n;
    s->gaz[s->ngaz++] = (tagger_gaz){c->tok_start, k};
    return 0;
}

cand
tagger_gaz_cand(const tagger_scratch *s, const tok_list *tl, const tagger_gaz *g)
{
    cand c = *tagger_gaz_info(s, g);
    c.tok_start = g->tok_start;
    c.tok_end += g->tok_start;
    c.byte_start += first_byte(tl, c.tok_start);
    c.byte_end = last_byte(tl, c.tok_end) - c.byte_end;
    return c;
}

idner_status
tagger_note(tagger_scratch *s, const rules *r, const tagger_lexicon *lex, const tok_list *tl,
            const cand_list *cl)
{
    tagger_doc *d = &s->doc;
    if (tagger_doc_reset(d, tl->n))
        return IDNER_ERR_NOMEM;
    d->tl = tl;
    d->r = r;
    d->lex = lex;
    d->rl = s->lookups.n == tl->n && tl->n ? &s->lookups : NULL; /* the rules ran on TL */
    s->ngaz = s->gaz_info.n = 0;
    memset(s->gaz_seen, 0, sizeof s->gaz_seen);
    for (size_t k = 0; k < cl->n; k++) {
        const cand *c = &cl->v[k];
        if (c->source == SRC_DATE) {
            for (uint32_t i = c->tok_start; i < c->tok_end && i < tl->n; i++)
                d->mk[i].flags |= MARK_DATE;
            continue;
        }
        if (!is_gazetteer(c) || !is_name(c))
            continue;
        if (keep_gaz(s, tl, c))
            return IDNER_ERR_NOMEM;
        const uint16_t base = gaz_code(c);
        for (uint32_t i = c->tok_start; i < c->tok_end && i < tl->n; i++) {
            uint16_t code = base | (uint16_t)(tagger_part_of(i, c->tok_start, c->tok_end)
                                              << GAZ_CODE_PART_SHIFT);
            for (size_t j = 0; j < TAGGER_GAZ_MAX; j++) {
                if (tagger_mark_gaz(&d->mk[i], j) == code)
                    break;
                if (!tagger_mark_gaz(&d->mk[i], j)) {
                    tagger_mark_set_gaz(&d->mk[i], j, code);
                    break;
                }
            }
        }
    }
    return IDNER_OK;
}

void
tagger_note_selection(tagger_scratch *s, const cand_list *cl)
{
    tagger_doc *d = &s->doc;
    const tok_list *tl = d->tl;
    for (size_t k = 0; k < cl->n; k++) {
        const cand *c = &cl->v[k];
        if (!is_name(c) || (c->flags & CAND_DROPPED))
            continue;
        uint8_t src = is_gazetteer(c) ? 1 : c->source == SRC_RULE ? 2 : 3;
        for (uint32_t i = c->tok_start; i < c->tok_end && i < tl->n; i++) {
            d->mk[i].prop =
                tagger_label(TAGGER_BILOU, c->type, tagger_part_of(i, c->tok_start, c->tok_end)) &
                15u;
            d->mk[i].prop_src = src & 3u;
        }
    }
    tagger_doc_scan(d);
}

/* Does a date or time of CL overlap tokens [A, B)? */
static int
dated(const tagger_doc *d, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (d->mk[i].flags & MARK_DATE)
            return 1;
    return 0;
}

/* Are tokens [A, B) only titles, roles or words that are never names ("Humas", "Deputi",
 * "Brent": rules.tsv classes title and stop)? Then they name nobody. */
static int
role_words_only(const tagger_doc *d, size_t a, size_t b)
{
    size_t p = a, len;
    while (p < b && (tagger_doc_trigger(d, p, &len) & (R_TITLE | R_STOP)) && len)
        p += len;
    return p == b;
}

/* Degrees that end the span [A, *B) ("Dewi S.Pd", "M.Sc": rules.tsv class degree, the last one
 * maybe running past *B) are no part of a name: *B moves before them. */
static void
drop_degrees(const tagger_doc *d, size_t a, size_t *b)
{
    size_t p = a, len;
    while (p < *b) {
        if (!(tagger_doc_trigger(d, p, &len) & R_DEGREE) || !len) {
            p++;
            continue;
        }
        size_t q = p;
        while (q < *b && (tagger_doc_trigger(d, q, &len) & R_DEGREE) && len)
            q += len;
        if (q >= *b) {
            *b = p;
            return;
        }
        p = q;
    }
}

/* A word that introduces a number ("No.", "Nomor", "Kav.": rules.tsv class number) ends the name
 * [A, *B) before it, as it does in the rules stage: "Jl Letjen Suprapto No. 12" ->
 * "Jl Letjen Suprapto". */
static void
end_at_number(const tagger_doc *d, size_t a, size_t *b)
{
    size_t len;
    for (size_t p = a + 1; p < *b; p++)
        if (tagger_doc_trigger(d, p, &len) & R_NUMBER_WORD) {
            *b = p;
            return;
        }
}

/* Titles, roles and honorifics that open a person's span [*A, B) stay outside the person
 * (SPEC.md section 3: "Presiden Joko Widodo" -> "Joko Widodo"; "Irjen Karyoto"), except the
 * titles of nobility that the corpora keep inside ("Pangeran Diponegoro": rules.tsv noble). */
static void
drop_titles(const tagger_doc *d, size_t *a, size_t b)
{
    size_t len;
    uint32_t cls;
    while (*a < b && ((cls = tagger_doc_trigger(d, *a, &len)) & R_TITLE) && !(cls & R_NOBLE) &&
           len && *a + len < b)
        *a += len;
    /* an abbreviated title inside ("Hadratusy Syaikh KH. Barrett": what comes before it is the
     * title's too) opens the person; not a lone letter ("Mohammad H. Thamrin": an initial) */
    for (size_t p = *a + 1; p < b; p++) {
        const tok *t = &d->tl->v[p];
        cls = tagger_doc_trigger(d, p, &len);
        if ((cls & R_TITLE) && !(cls & R_NOBLE) && len == 1 && p + 1 < b && t->key_len >= 3 &&
            tok_key(d->tl, t)[t->key_len - 1] == '.')
            *a = p + 1;
    }
}

/* Titles of nobility right before a person the tagger names ("Raden Mas|Said", "Sultan|Agung":
 * rules.tsv noble, capitalized, each phrase ending where the next begins, no other title
 * between) are the person's, as the corpora and drop_titles keep them: *A moves back over
 * them, within the region and over no name already placed. */
static void
take_nobles(const tagger_doc *d, size_t region_start, size_t *a)
{
    const tok_list *tl = d->tl;
    size_t len, p = *a;
    for (int found = 1; found && *a - p < 8;) {
        found = 0;
        for (size_t h = p; h-- > region_start && p - h <= 3;) {
            uint32_t cls = tagger_doc_trigger(d, h, &len);
            if (h + len != p || !(cls & R_NOBLE) || !(tl->v[h].flags & TOK_F_CAP))
                continue;
            size_t i = h;
            while (i < p && !(d->mk[i].flags & MARK_NAMED))
                i++;
            if (i == p) {
                p = h;
                found = 1;
            }
            break;
        }
    }
    *a = p;
}

/* Is T an academic title written short, as institutions named after a person carry it ("Dr.",
 * "Prof.", "Ir.")? */
static int
is_academic(const tok_list *tl, const tok *t)
{
    static const char *const words[] = {"dr", "dr.", "prof", "prof.", "ir", "ir."};
    const char *key = tok_key(tl, t);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strlen(words[k]) == t->key_len && !memcmp(key, words[k], t->key_len))
            return 1;
    return 0;
}

/* A person's name that is an address ("Jl Basuki Rahmat", "Jalan Sudirman": a place head of
 * rules.tsv, capitalized, first or right before it, titles allowed between: "Jl Letjen
 * Suprapto", "Jalan Jenderal Gatot Subroto") is the place, head included. Addresses are places
 * (SPEC.md section 3), whoever the street is named after; the rule stage's place-head span
 * (rules.c head_end) says the same. So is a person named after a capitalized organization's
 * head with academic titles between: the institution named after them ("RSUD Dr. Soetomo"),
 * not after a title that ends at the head ("Direktur RSUD Dr. Budi"). */
static void
address(const tagger_doc *d, size_t region_start, size_t *a, size_t b, unsigned *type)
{
    const tok_list *tl = d->tl;
    size_t len;
    if (*a + 1 < b && (tagger_doc_trigger(d, *a, &len) & R_LOC_HEAD) &&
        (tl->v[*a].flags & TOK_F_CAP)) {
        *type = IDNER_LOC;
        return;
    }
    /* walk back from the name over phrases that end where the next begins: titles, then the
     * head (at most 6 tokens back); an organization's head only over academic titles */
    size_t p = *a;
    int academic = 1,
        opens = (tagger_doc_trigger(d, *a, &len) & R_TITLE) && is_academic(tl, &tl->v[*a]);
    for (size_t h = p; h-- > region_start && *a - h <= 6;) {
        uint32_t cls = tagger_doc_trigger(d, h, &len);
        if (h + len != p)
            continue;
        if ((cls & R_LOC_HEAD) && (tl->v[h].flags & TOK_F_CAP)) {
            for (size_t k = h; p < *a && k-- > region_start && h - k <= 3;)
                if ((tagger_doc_trigger(d, k, &len) & R_TITLE) && k + len >= h)
                    return; /* "Kepala Desa Bapak Kardi": the head is a title's, the person
                             * is its holder */
            *type = IDNER_LOC;
            *a = h;
            return;
        }
        if ((cls & R_ORG_HEAD) && (tl->v[h].flags & TOK_F_CAP) && academic && (p < *a || opens)) {
            for (size_t k = h; k-- > region_start && h - k <= 3;)
                if ((tagger_doc_trigger(d, k, &len) & R_TITLE) && k + len >= h)
                    return;    /* "Direktur RSUD Dr. Budi": the director */
            *type = IDNER_ORG; /* "RSUD Dr. Soetomo", "Universitas Prof. Dr. Moestopo" */
            *a = h;
            return;
        }
        if (!(cls & R_TITLE) || !(tl->v[h].flags & (TOK_F_CAP | TOK_F_ALLCAPS)))
            return;
        academic = academic && is_academic(tl, &tl->v[h]);
        p = h; /* a title between: "Letjen", "Jenderal", "Dr." */
    }
}

/* A place opened by a place's head ("Jalan", "Kabupaten": rules.tsv loc_head, capitalized) is
 * named after one person or place: a person the tagger begins right where it ends is the rest
 * of its name ("Jalan Jenderal Gatot|Subroto"). *B moves over those of SPANS[*K + 1, N) (of the
 * region starting at REGION_START), and *K to the last one taken. */
static void
namesake(const tagger_doc *d, size_t region_start, const tagger_span *spans, size_t n, size_t *k,
         size_t a, size_t *b)
{
    size_t len;
    if (!(tagger_doc_trigger(d, a, &len) & R_LOC_HEAD) || !(d->tl->v[a].flags & TOK_F_CAP))
        return;
    while (*k + 1 < n && region_start + spans[*k + 1].start == *b &&
           spans[*k + 1].type == IDNER_PER)
        *b = region_start + spans[++*k].end;
}

/* The head of a place right before a place the tagger names without one ("Provinsi|Nusa
 * Tenggara Timur", "Bandara|Silangit": rules.tsv loc_head, capitalized, its phrase ending where
 * the place begins, no name placed over it) is the place's (SPEC.md: "Kabupaten Bekasi"): *A
 * moves back over it, within the region that starts at REGION_START. */
static void
take_head(const tagger_doc *d, size_t region_start, size_t *a)
{
    size_t len;
    if (tagger_doc_trigger(d, *a, &len) & R_LOC_HEAD)
        return; /* it has its own: "Pasar|Kota Medan", "Masjid|Desa Kendal" */
    for (size_t h = *a; h-- > region_start && *a - h <= 2;) {
        uint32_t cls = tagger_doc_trigger(d, h, &len);
        if (h + len != *a)
            continue;
        if ((cls & R_LOC_HEAD) && (d->tl->v[h].flags & TOK_F_CAP) && !(d->mk[h].flags & MARK_NAMED))
            *a = h;
        return;
    }
}

/* A place the tagger names over [A, B) that opens with the head of an organization that
 * never names a place ("Partai Gema Nusantara", "PT Gunung Tua Mandiri", "Yayasan Cahaya
 * Bangsa": rules.tsv org_only, capitalized, a word of the name after it) is the organization,
 * whatever place its name ends with. Schools, universities and hospitals are not of the
 * class: the corpora tag them as places too. */
static void
org_opened(const tagger_doc *d, size_t a, size_t b, unsigned *type)
{
    size_t len;
    if ((tagger_doc_trigger(d, a, &len) & R_ORG_ONLY) && len && a + len < b &&
        (d->tl->v[a].flags & (TOK_F_CAP | TOK_F_ALLCAPS)))
        *type = IDNER_ORG;
}

/* The first of V[0, N) (sorted by tok_start) that starts at or after A, walked to from *AT,
 * where the last search ended: names come in order, so the walks are short. One body for the
 * selected candidates (first_at) and the stage's gazetteer copies (first_gaz). */
#define DEFINE_FIRST_AT(name, type)                                                                \
    static size_t name(const type *v, size_t n, size_t a, size_t *at)                              \
    {                                                                                              \
        size_t k = *at < n ? *at : n;                                                              \
        while (k > 0 && v[k - 1].tok_start >= a)                                                   \
            k--;                                                                                   \
        while (k < n && v[k].tok_start < a)                                                        \
            k++;                                                                                   \
        return *at = k;                                                                            \
    }
DEFINE_FIRST_AT(first_at, cand)
DEFINE_FIRST_AT(first_gaz, tagger_gaz)

/* The name over tokens [A, B) of TYPE: the selected candidate or a gazetteer candidate of that
 * span and type when there is one, else a new one of source "model". */
static idner_status
place_name(tagger_scratch *s, const char *text, const tok_list *tl, cand_list *cl, size_t nsel,
           size_t a, size_t b, unsigned type, cand **placed)
{
    for (size_t k = first_at(cl->v, nsel, a, &s->at_sel); k < nsel && cl->v[k].tok_start == a;
         k++) {
        cand *c = &cl->v[k];
        if (c->tok_end == b && c->type == type && is_name(c)) {
            c->flags &= (uint8_t)~CAND_DROPPED;
            *placed = c;
            return IDNER_OK;
        }
    }
    const tagger_gaz *best = NULL; /* they are in gaz_run's order: by start */
    for (size_t k = first_gaz(s->gaz, s->ngaz, a, &s->at_gaz);
         k < s->ngaz && s->gaz[k].tok_start == a; k++) {
        const cand *g = tagger_gaz_info(s, &s->gaz[k]);
        if (a + g->tok_end != b)
            continue;
        if (g->type != type && is_country(g))
            type = IDNER_LOC, best = NULL; /* SPEC.md: a country is a place ("RI", "AS") */
        if (g->type == type && (!best || g->prio % 10 > tagger_gaz_info(s, best)->prio % 10))
            best = &s->gaz[k];
    }
    cand *c = best ? cand_push(cl) : cand_push_span(cl, tl, a, b, type, SRC_MODEL, 3);
    if (!c)
        return IDNER_ERR_NOMEM;
    *placed = c;
    if (best) {
        *c = tagger_gaz_cand(s, tl, best);
        c->flags &= (uint8_t)~CAND_DROPPED;
        return IDNER_OK;
    }
    c->canonical = text + c->byte_start;
    c->canonical_len = c->byte_end - c->byte_start;
    return IDNER_OK;
}

/* A name the tagger ends inside a listed place ("Kementerian Luar Negeri Korea|Utara",
 * "Semenanjung|Korea") runs to the place's end: a name does not stop in the middle of a
 * place the official or curated lists know. Nor in the middle of a curated or user name of its
 * own type that it begins ("Badan Meteorologi, Klimatologi|, dan Geofisika"). *B moves. */
static void
end_with_listed(tagger_scratch *s, size_t a, size_t *b, unsigned type)
{
    for (size_t k = first_gaz(s->gaz, s->ngaz, a, &s->at_gaz);
         k < s->ngaz && s->gaz[k].tok_start < *b; k++) {
        const tagger_gaz *t = &s->gaz[k];
        const cand *g = tagger_gaz_info(s, t);
        int place = type != IDNER_PER && g->type == IDNER_LOC && t->tok_start >= a &&
                    g->prio % 10 >= GAZ_RANK_OFFICIAL;
        int own = g->type == type && t->tok_start == a && g->prio % 10 >= GAZ_RANK_CURATED;
        if ((place || own) && t->tok_start + g->tok_end > *b)
            *b = t->tok_start + g->tok_end;
    }
}

/* A place of the official or curated lists that idner selected stays where the tagger named
 * nothing over it. */
static void
keep_listed_places(tagger_scratch *s, cand_list *cl, size_t nsel)
{
    for (size_t k = 0; k < nsel; k++) {
        cand *c = &cl->v[k];
        if (!(c->flags & CAND_DROPPED) || !is_gazetteer(c) || c->type != IDNER_LOC ||
            c->prio % 10 < GAZ_RANK_OFFICIAL)
            continue;
        size_t i;
        for (i = c->tok_start; i < c->tok_end && !(s->doc.mk[i].flags & MARK_NAMED); i++)
            ;
        if (i == c->tok_end)
            c->flags &= (uint8_t)~CAND_DROPPED;
    }
}

/* --explain: notes on C, the name the tagger placed over tokens [SA, SB) of the region starting
 * at A (of N tokens), its score (the emission scores of its labels, summed) and its margin (the
 * smallest lead, over its tokens, of the chosen label's emission score over the next best
 * label's), both in the model's units (weights times scale). Tokens outside the region (a place
 * that runs past it) have no scores and do not count. */
static void
note_model(const tagger_model *m, tagger_scratch *s, cand_list *cl, cand *c, size_t a, size_t n,
           size_t sa, size_t sb)
{
    if (!cl->x)
        return;
    const uint32_t L = m->n_labels;
    int64_t score = 0, margin = INT64_MAX;
    const size_t to = sb < a + n ? sb : a + n;
    for (size_t x = sa > a ? sa : a, y; x < to; x = y) {
        /* the scores of tokens [x, y): those of a region of one chunk are still at hand, a
         * longer one's are scored again (decode_region) */
        const int32_t *ex = s->emit + (x - a) * L;
        y = to;
        if (n > TAGGER_CHUNK) {
            y = to - x > TAGGER_CHUNK ? x + TAGGER_CHUNK : to;
            tagger_score(&s->doc, m, x, y, s->emit);
            ex = s->emit;
        }
        for (size_t i = x; i < y; i++) {
            const int32_t *e = ex + (i - x) * L;
            unsigned label = s->labels[i - a];
            int64_t other = INT64_MIN;
            for (uint32_t l = 0; l < L; l++)
                if (l != label && e[l] > other)
                    other = e[l];
            score += e[label];
            if (other != INT64_MIN && e[label] - other < margin)
                margin = e[label] - other;
        }
    }
    float scale = m->hdr->scale;
    cand_note(cl, c,
              (cand_why){.kind = WHY_MODEL,
                         .score = (float)score * scale,
                         .margin = margin == INT64_MAX ? 0.0f : (float)margin * scale});
}

/* The labels of the tokens of region [A, B) into S->labels: the path of tagger_viterbi, with
 * scores and back pointers for TAGGER_CHUNK tokens at a time only. Each chunk is scored and
 * taken by the decoder's forward pass before the next; a region of more chunks keeps the state
 * at each chunk's start (S->fwd) and, going back from the last chunk, scores and steps each one
 * again for its back pointers: twice the work for a region of thousands of tokens, which no
 * sentence has, and no memory for each of its tokens but its label. */
/* Takes chunk [X, Y) of the region that starts at A, scored into S->emit, through the forward
 * pass F: the back pointer of token I at S->back + (I - X) * L (none for A, where F began). */
static void
chunk_steps(const tagger_model *m, tagger_scratch *s, tagger_fwd *f, size_t a, size_t x, size_t y)
{
    const uint32_t L = m->n_labels;
    if (x == a)
        tagger_fwd_steps(f, &m->trellis, s->emit + L, y - x - 1, s->back + L);
    else
        tagger_fwd_steps(f, &m->trellis, s->emit, y - x, s->back);
}

static idner_status
decode_region(const tagger_model *m, tagger_scratch *s, size_t a, size_t b)
{
    const uint32_t L = m->n_labels;
    const tagger_trellis *tr = &m->trellis;
    const size_t n = b - a, nch = (n + TAGGER_CHUNK - 1) / TAGGER_CHUNK;
    tagger_fwd f;
    if (nch == 1) {                              /* every sentence's */
        tagger_score(&s->doc, m, a, b, s->emit); /* 16 lanes a token: tagger_scratch_reserve */
        tagger_viterbi(s->emit, n, tr, s->back, s->labels);
        return IDNER_OK;
    }
    if (nch > s->capfwd) {
        tagger_fwd *v = realloc(s->fwd, nch * sizeof *v);
        if (!v)
            return IDNER_ERR_NOMEM;
        s->fwd = v;
        s->capfwd = nch;
    }
    /* chunk K: tokens [x, y) */
    for (size_t k = 0; k < nch; k++) {
        size_t x = a + k * TAGGER_CHUNK, y = b - x > TAGGER_CHUNK ? x + TAGGER_CHUNK : b;
        tagger_score(&s->doc, m, x, y, s->emit);
        if (k == 0)
            tagger_fwd_begin(&f, tr, s->emit);
        s->fwd[k] = f;
        chunk_steps(m, s, &f, a, x, y);
    }
    s->labels[n - 1] = tagger_fwd_last(&f, tr);
    for (size_t k = nch; k-- > 0;) {
        size_t x = a + k * TAGGER_CHUNK, y = b - x > TAGGER_CHUNK ? x + TAGGER_CHUNK : b;
        if (k + 1 < nch) { /* the last chunk's back pointers are still at hand */
            tagger_score(&s->doc, m, x, y, s->emit);
            f = s->fwd[k];
            chunk_steps(m, s, &f, a, x, y);
        }
        uint8_t *out = s->labels + (x - a);
        tagger_backtrack(s->back, y - x, L, out);
        if (k > 0)
            out[-1] = s->back[out[0]];
    }
    return IDNER_OK;
}

idner_status
tagger_run(const tagger_model *m, const gaz *g, tagger_scratch *s, const char *text,
           const tok_list *tl, cand_list *cl)
{
    const size_t n = tl->n, nsel = cl->n;
    if (!m->hdr || n == 0)
        return IDNER_OK;
    for (size_t k = 0; k < nsel; k++)
        if (is_name(&cl->v[k]))
            cl->v[k].flags |= CAND_DROPPED; /* the tagger decides every name */
    s->at_sel = s->at_gaz = 0;
    for (size_t r = 0; r < s->doc.nreg; r++) {
        size_t a = s->doc.reg[r].start, b = s->doc.reg[r].end;
        if (b - a > s->cap && tagger_scratch_reserve(s, b - a, m->n_labels))
            return IDNER_ERR_NOMEM;
        tagger_doc_view(&s->doc, r);
        if (r + 1 < s->doc.nreg)
            tagger_prefetch(&s->doc, m, r + 1);
        if (decode_region(m, s, a, b) != IDNER_OK)
            return IDNER_ERR_NOMEM;
        size_t ns = tagger_spans(m->scheme, s->labels, b - a, s->spans);
        for (size_t k = 0; k < ns; k++) {
            size_t sa = a + s->spans[k].start, sb = a + s->spans[k].end;
            unsigned type = s->spans[k].type;
            if (type == IDNER_PER)
                address(&s->doc, a, &sa, sb, &type);
            if (type == IDNER_LOC) {
                namesake(&s->doc, a, s->spans, ns, &k, sa, &sb);
                take_head(&s->doc, a, &sa);
                org_opened(&s->doc, sa, sb, &type); /* last: it may make it an organization */
            }
            if (type == IDNER_PER) {
                drop_titles(&s->doc, &sa, sb);
                take_nobles(&s->doc, a, &sa);
            }
            end_with_listed(s, sa, &sb, type);
            drop_degrees(&s->doc, sa, &sb);
            end_at_number(&s->doc, sa, &sb);
            if (sb == sa)
                continue;
            if (cl->x && gaz_excluded(g, tl, sa, sb) && !dated(&s->doc, sa, sb)) {
                cand x = {0}; /* --explain: what the exclusion removes */
                x.byte_start = tl->v[sa].byte_start;
                x.byte_end = tl->v[sb - 1].byte_end;
                x.tok_start = (uint32_t)sa;
                x.tok_end = (uint32_t)sb;
                x.type = (uint8_t)type;
                x.source = SRC_MODEL;
                cand_lose(cl, &x, LOST_EXCLUDED, NULL);
            }
            if (dated(&s->doc, sa, sb) || gaz_excluded(g, tl, sa, sb) ||
                role_words_only(&s->doc, sa, sb))
                continue; /* dates stay the date stage's; the user's exclusions hold */
            cand *placed = NULL;
            idner_status st = place_name(s, text, tl, cl, nsel, sa, sb, type, &placed);
            if (st != IDNER_OK)
                return st;
            note_model(m, s, cl, placed, a, b - a, sa, sb);
            for (size_t i = sa; i < sb; i++)
                s->doc.mk[i].flags |= MARK_NAMED;
        }
    }
    keep_listed_places(s, cl, nsel);
    merge_select(cl);
    return IDNER_OK;
}
