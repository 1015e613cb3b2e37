/*
 * model.h: the model behind the opaque idner_model: everything loaded once at start-up and
 * read-only afterwards.
 */
#ifndef IDNER_MODEL_H
#define IDNER_MODEL_H

#include "date/date.h"
#include "gaz/gaz.h"
#include "idner.h"
#include "rules/rules.h"
#include "tagger/model.h"
#include "tagger/train.h"

struct idner_model {
    char *data_dir;
    gaz gaz;
    date_model *dates;
    rules *rules;
    tagger_model tagger; /* hdr NULL when none is loaded (training) */
};

/* idner_model_new, loading the tagger's model file or not (`idner train` makes one). */
idner_status model_new(const idner_model_options *opts, int with_tagger, idner_model **out,
                       idner_error *err);

/* Replaces M's tagger by the model IMAGE (malloc'd; now M's, freed when it fails the check).
 * No idner_annotate may be running on M. */
idner_status model_set_tagger(idner_model *m, void *image, size_t size, idner_error *err);

/* `idner train`: runs TEXT through the stages before the tagger, as idner_annotate would
 * with FLAGS, and adds its regions with the gold names GOLD to T. */
idner_status model_add_example(const idner_model *m, const char *text, size_t len, uint32_t flags,
                               tagger_trainer *t, const tagger_gold *gold, size_t n_gold,
                               idner_error *err);

#endif
