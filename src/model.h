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

struct idner_model {
    char *data_dir;
    gaz gaz;
    date_model *dates;
    rules *rules;
};

#endif
