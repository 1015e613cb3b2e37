/*
 * error.c: status texts and error filling (see idner.h for the codes' meanings).
 */
#include <stdarg.h>
#include <stdio.h>

#include "core/error.h"

static const char *const status_text[] = {
    [IDNER_OK] = "success",
    [IDNER_ERR_NOMEM] = "out of memory",
    [IDNER_ERR_IO] = "input/output error",
    [IDNER_ERR_DATA] = "missing or corrupt data",
    [IDNER_ERR_UTF8] = "invalid UTF-8",
    [IDNER_ERR_ARG] = "invalid argument",
    [IDNER_ERR_LIMIT] = "limit exceeded",
};

IDNER_API const char *
idner_strerror(idner_status code)
{
    if ((unsigned)code < sizeof status_text / sizeof status_text[0] && status_text[code])
        return status_text[code];
    return "unknown error";
}

idner_status
error_set(idner_error *err, idner_status code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
