/*
 * tagger/feature_body.h: the body of the feature function (private to features.c), written
 * once and compiled several times: to collect the ids (tagger_features, for training) and to add
 * up their weights (tagger_score, portable and AVX2), so that what is trained is exactly what
 * is scored. The includer defines HASHED(id) for a hashed feature, DENSE(offset) for a dense
 * one and OWN() where those reading idner's own labels begin, and has D (the document) and I
 * (the token) in scope.
 *
 * The features come in two parts, in one order. Those of the token's own word (FB_WORD) read
 * only what word_meta (features.c) keys: the word's hash and key (of its length, its kind,
 * its stem), its case, digit, abbreviation and reduplication flags, so that the scorer adds
 * them up once per word and keeps the sum (tagger/memo.h). The others (FB_CONTEXT) read the
 * neighbours, the marks and the lookups. The includer defines FB_WORD and FB_CONTEXT as 1 for
 * the part it wants, 0 for the other: training wants both, in this order.
 *
 * The scorer also defines FB_NEAR (it has near_lo and near_hi, the bounds of token I's
 * sentence around its region: features.c near_bounds) and FB_FUSED (it adds some pairs of
 * dense features as one row of the model's table, their sum: tagger_dense_fuse). Both give
 * the same features and the same sums; training defines neither.
 */
#if !defined(FB_WORD) || !defined(FB_CONTEXT)
#error "feature_body.h: define FB_WORD and FB_CONTEXT"
#endif
{
    const tok_list *tl = d->tl;
    const tok *t = &tl->v[i];
    unsigned cc = case_class(t);
#if FB_WORD
    const char *key = tok_key(tl, t);
#endif
#if FB_CONTEXT
#ifdef FB_NEAR /* the scorer's: the tokens [near_lo, near_hi) around I are I's sentence's */
    int has_prev = i > near_lo, has_next = i + 1 < near_hi;
    int has_prev2 = i > near_lo + 1, has_next2 = i + 2 < near_hi;
#else
    int has_prev = i > 0 && tl->v[i - 1].sent == t->sent;
    int has_next = i + 1 < tl->n && tl->v[i + 1].sent == t->sent;
    int has_prev2 = has_prev && i > 1 && tl->v[i - 2].sent == t->sent;
    int has_next2 = has_next && i + 2 < tl->n && tl->v[i + 2].sent == t->sent;
#endif
    uint64_t wm1 = has_prev ? tl->v[i - 1].hash : BOS, wp1 = has_next ? tl->v[i + 1].hash : EOS;
    unsigned start =
        (t->flags & TOK_F_SENT_START)                                                           ? 1
        : has_prev && (tl->v[i - 1].flags & TOK_F_SENT_START) && tl->v[i - 1].kind == TOK_PUNCT ? 2
                                                                                                : 0;
#endif
#if FB_WORD
    DENSE(dense_base[D_BIAS]);
    HASHED(fid(F_W0, t->hash));
    HASHED(fid(F_W0_CASE, pair(t->hash, cc)));
#endif
#if FB_CONTEXT
#ifdef FB_FUSED /* the scorer's: the 2 features of no word before in a row, of none after in one   \
                 */
    if (has_prev) {
        HASHED(fid(F_WM1, wm1));
        HASHED(fid(F_BI_M2M1, pair(has_prev2 ? tl->v[i - 2].hash : BOS, wm1)));
    } else {
        DENSE(B_NO_PREV);
    }
    if (has_next) {
        HASHED(fid(F_WP1, wp1));
        HASHED(fid(F_BI_P1P2, pair(wp1, has_next2 ? tl->v[i + 2].hash : EOS)));
    } else {
        DENSE(B_NO_NEXT);
    }
#else
    HASHED(fid(F_WM1, wm1));
    HASHED(fid(F_WP1, wp1));
#endif
#endif
#if FB_WORD
    if (t->flags & TOK_F_CLITIC)
        HASHED(fid(F_STEM, tok_hash(key, t->stem_len)));
    if (t->kind == TOK_WORD && t->key_len > 3) {
        HASHED(fid(F_PRE2, bytes_of(key, 2)));
        HASHED(fid(F_PRE3, bytes_of(key, 3)));
        HASHED(fid(F_SUF2, bytes_of(key + t->key_len - 2, 2)));
        HASHED(fid(F_SUF3, bytes_of(key + t->key_len - 3, 3)));
    }
    DENSE((uint16_t)(dense_base[D_SH0] + shape(t)));
#endif
#if FB_CONTEXT
    const unsigned pos = start * 4 + cc;
#ifndef FB_FUSED /* the scorer's: added with LEX0 */
    DENSE((uint16_t)(dense_base[D_POS] + pos));
#endif
#ifndef FB_FUSED
    HASHED(fid(F_BI_M2M1, pair(has_prev2 ? tl->v[i - 2].hash : BOS, wm1)));
    HASHED(fid(F_BI_P1P2, pair(wp1, has_next2 ? tl->v[i + 2].hash : EOS)));
#endif
#endif
#if FB_WORD
    if (t->kind == TOK_WORD && t->key_len > 5) {
        HASHED(fid(F_PRE4, bytes_of(key, 4)));
        HASHED(fid(F_SUF4, bytes_of(key + t->key_len - 4, 4)));
    }
#endif
#if FB_CONTEXT
    const tagger_marks *mk = &d->mk[i];
    unsigned types = 0;
    for (size_t k = 0; k < TAGGER_GAZ_MAX && tagger_mark_gaz(mk, k); k++) {
        const unsigned code = tagger_mark_gaz(mk, k);
        DENSE((uint16_t)(dense_base[D_GAZ] + code));
        types |= 1u << (code & 3);
    }
#ifndef FB_FUSED /* the scorer's: added with CTX */
    DENSE((uint16_t)(dense_base[D_GAZ_TYPES] + types));
#endif
    /* degrees and noble titles are settled after decoding (tagger.c): the training text has too
     * few to weigh them */
    const uint32_t cls0 = d->trig[i - d->shift] & ~(uint32_t)R_DECODE_ONLY;
    const unsigned lex = (d->attr[i - d->shift] & 63u) * 16 + pos,
                   ctx = mk->flags & (MARK_DATE | MARK_QUOTE | MARK_PAREN);
#ifdef FB_FUSED /* the scorer's: two or three features a row (tagger_dense_fuse) */
    if (cls0) {
        HASHED(fid(F_CLS0, cls0));
        DENSE((uint16_t)(B_LEX0_POS + lex));
    } else {
        DENSE((uint16_t)(B_LEX0_POS_CLS0 + lex));
    }
    DENSE((uint16_t)(B_GAZT_CTX + types * 8 + ctx));
#else
    HASHED(fid(F_CLS0, cls0));
    DENSE((uint16_t)(dense_base[D_LEX0] + lex));
    DENSE((uint16_t)(dense_base[D_CTX] + ctx));
#endif
    /* a comma or joining word before (after) and idner's own label of the name before (after)
     * it: names in a list are mostly of one type ("Persija, Arema dan X") */
    if (has_prev2 && d->mk[i - 2].prop && rules_list_joint(d->r, tl, i - 1))
        HASHED(fid(F_NEAR_L, pair(wm1, d->mk[i - 2].prop)));
    if (has_next2 && d->mk[i + 2].prop && rules_list_joint(d->r, tl, i + 1))
        HASHED(fid(F_NEAR_R, pair(wp1, d->mk[i + 2].prop)));
    if (mk->run_len) { /* its length (5 at most) and place (3 at most), whether it is the last */
        DENSE((uint16_t)(dense_base[D_RUN] + mk->run_len * 16u + mk->run_pos * 2u + mk->run_last));
        DENSE((uint16_t)(dense_base[D_RUNCLS] + mk->run_cls));
    }
    /* idner's own decision, last: training drops these at random */
    OWN();
#ifdef FB_FUSED /* the scorer's: PROP and PROP_L in one row */
    DENSE((uint16_t)(B_PROP_PROPL + mk->prop * 4u + mk->prop_src));
#else
    DENSE((uint16_t)(dense_base[D_PROP] + mk->prop * 4u + mk->prop_src));
    DENSE((uint16_t)(dense_base[D_PROP_L] + mk->prop));
#endif
#else
    (void)cc;
#endif
}
