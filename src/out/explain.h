/*
 * out/explain.h: the `explain` objects of --explain (IDNER_EXPLAIN; SPEC.md section 6,
 * docs/format.md "Explanations"), written from the notes the stages keep in cand_list.x (see
 * result/cand.h): for each entity what found it (list file and line, rule and trigger, date
 * form, the tagger's score and margin) and the candidates that lost where it stands and why;
 * for the document the candidates that lost where no entity stands.
 */
#ifndef IDNER_OUT_EXPLAIN_H
#define IDNER_OUT_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "gaz/gaz.h"
#include "result/cand.h"
#include "tok/tok.h"

typedef struct explain_texts {
    buf text;   /* the JSON texts, each ending in a NUL */
    size_t *at; /* per candidate of the list: 1 + the offset of its text, or 0 */
    size_t doc; /* 1 + the offset of the document's, or 0 */
} explain_texts;

/* The texts for the candidates of CL (sorted by start, as merge leaves them) that the result
 * keeps: not dropped, and of TYPES (0: all). Lost candidates of other types are left out.
 * Returns 0, or -1 when memory runs out. */
int explain_build(const gaz *g, const char *text, const tok_list *tl, const cand_list *cl,
                  uint32_t types, explain_texts *out);
void explain_texts_free(explain_texts *x);

/* The text at offset AT (1-based, as in explain_texts), or NULL for 0. */
static inline const char *
explain_text(const explain_texts *x, size_t at)
{
    return at ? x->text.p + at - 1 : NULL;
}

#endif
