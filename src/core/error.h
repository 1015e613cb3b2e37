/*
 * error.h: filling idner_error. Every status code's text sits in one table in error.c.
 */
#ifndef IDNER_ERROR_H
#define IDNER_ERROR_H

#include "idner.h"

/* Sets ERR (may be NULL) to CODE with a printf-style message; returns CODE. */
idner_status error_set(idner_error *err, idner_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
