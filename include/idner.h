/*
 * idner.h: the public interface of libidner, an Indonesian named-entity and date extractor.
 *
 * The output contract (entity types, offsets, values) is the project's SPEC.md, which
 * docs/format.md of the source tree describes; this header is its C form.
 *
 * Ownership, in one sentence: what comes back through an OUT pointer belongs to the caller and
 * is released with the matching _free; pointers read from a result live as long as that result.
 *
 * Threads: an idner_model is immutable once idner_model_new returns, so any number of threads
 * may call idner_annotate on one model at once. The library has no global mutable state and
 * never prints.
 */
#ifndef IDNER_H
#define IDNER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define IDNER_API __declspec(dllexport)
#elif defined(__GNUC__)
#define IDNER_API __attribute__((visibility("default")))
#else
#define IDNER_API
#endif

#define IDNER_VERSION "0.1.0"

/* Status codes. Each keeps its meaning forever: never renumber. */
typedef enum idner_status {
    IDNER_OK = 0,
    IDNER_ERR_NOMEM = 1, /* out of memory */
    IDNER_ERR_IO = 2,    /* a file could not be read */
    IDNER_ERR_DATA = 3,  /* a data file is missing, corrupt or of another version */
    IDNER_ERR_UTF8 = 4,  /* the text is not valid UTF-8 */
    IDNER_ERR_ARG = 5,   /* a bad argument (NULL model, malformed reference date, ...) */
    IDNER_ERR_LIMIT = 6  /* the text exceeds a size limit, or a regex hit its match limit */
} idner_status;

/* Filled by every call that can fail; caller-owned; every call also accepts NULL. */
typedef struct idner_error {
    idner_status code;
    char message[256]; /* e.g. "invalid UTF-8 at byte 17" */
} idner_error;

/* A static, never-NULL text for a status code. */
IDNER_API const char *idner_strerror(idner_status code);

/* The library's version string, e.g. "0.1.0". */
IDNER_API const char *idner_version(void);

/* Entity types (SPEC.md section 3). */
typedef enum idner_type {
    IDNER_PER = 1,
    IDNER_ORG = 2,
    IDNER_LOC = 3,
    IDNER_DATE = 4,
    IDNER_TIME = 5
} idner_type;

#define IDNER_TYPE_BIT(t) (1u << (unsigned)(t))
#define IDNER_TYPES_ALL   0u

/* "PER", "ORG", ...; NULL for an unknown value. */
IDNER_API const char *idner_type_name(idner_type type);
/* The type named by NAME ("PER", case-sensitive), or 0. */
IDNER_API idner_type idner_type_from_name(const char *name);

/* Stage switches, for idner_annotate_options.flags (ablation, SPEC-compatible output). */
#define IDNER_NO_GAZETTEER 0x01u /* skip gazetteer lookups */
#define IDNER_NO_DATES     0x02u /* skip the date and time parsers */
#define IDNER_NO_RULES     0x04u /* skip the context rules */
#define IDNER_NO_ALIAS     0x08u /* skip document-level short forms and repeats */
/* A convention switch: report a country only where it names a place ("di Jepang", "ke Iran",
 * "Jakarta, Indonesia"), not where it stands for a government, army or people ("militer
 * Iran", "Israel meluncurkan ..."), as the idner-news-2k corpus does. Without it every country
 * mention is a place (SPEC.md section 3). */
#define IDNER_COUNTRY_PLACES 0x10u
/* Skip the learned tagger (issue 9): names are those of the lists and rules alone. */
#define IDNER_NO_TAGGER 0x20u
/* Explanations (SPEC.md section 6; docs/format.md "Explanations"): every entity's `explain`
 * is set to a JSON object naming what found it and the candidates that lost where it stands,
 * and idner_result_explain gives the candidates that lost where no entity stands. Costs time
 * and memory; without it the output is exactly as before. */
#define IDNER_EXPLAIN 0x40u

typedef struct idner_model idner_model;   /* opaque; immutable after idner_model_new */
typedef struct idner_result idner_result; /* opaque; owned by the caller */

typedef struct idner_model_options {
    /* Folder holding the compiled data. NULL: the IDNER_DATA environment variable if set,
     * else the build tree's data when the library's code lies inside the build tree (an
     * uninstalled program or Python extension), else the installed data folder. */
    const char *data_dir;
    /* User gazetteers (TSV: surface, type, canonical, id[, subtype]) added at start-up, and
     * lists of surface forms to remove (one a line). NULL/0: none. */
    const char *const *gazetteers;
    size_t n_gazetteers;
    const char *const *excludes;
    size_t n_excludes;
} idner_model_options;

/* Fills OPTS with the defaults. */
IDNER_API void idner_model_options_init(idner_model_options *opts);

/* Loads a model. On success *OUT is the model, to be released with idner_model_free.
 * Errors: IDNER_ERR_DATA (missing or corrupt data, with the file named in err->message),
 * IDNER_ERR_IO, IDNER_ERR_NOMEM, IDNER_ERR_ARG (a NULL among the gazetteer or exclude paths,
 * or a count with a NULL array). */
IDNER_API idner_status idner_model_new(const idner_model_options *opts, idner_model **out /* OUT */,
                                       idner_error *err);

/* Releases a model; NULL is a harmless no-op. No idner_annotate may be running on it. */
IDNER_API void idner_model_free(idner_model *model);

/* The folder the model's data was loaded from (owned by the model). */
IDNER_API const char *idner_model_data_dir(const idner_model *model);

typedef struct idner_annotate_options {
    /* Reference (publication) date "YYYY-MM-DD", or NULL (SPEC.md section 4.3). */
    const char *ref_date;
    /* Types to emit: a set of IDNER_TYPE_BIT(...), or IDNER_TYPES_ALL. */
    uint32_t types;
    /* IDNER_NO_* stage switches and IDNER_COUNTRY_PLACES. */
    uint32_t flags;
} idner_annotate_options;

IDNER_API void idner_annotate_options_init(idner_annotate_options *opts);

/* Annotates LEN bytes of UTF-8 TEXT (not necessarily NUL-terminated). OPTS may be NULL.
 * On success *OUT is the result, to be released with idner_result_free.
 * Thread-safe on a shared model. Errors: IDNER_ERR_UTF8 (with the byte offset in the
 * message), IDNER_ERR_ARG (malformed ref_date), IDNER_ERR_LIMIT (text of 2^31 bytes or more),
 * IDNER_ERR_NOMEM. */
IDNER_API idner_status idner_annotate(const idner_model *model, const char *text, size_t len,
                                      const idner_annotate_options *opts,
                                      idner_result **out /* OUT */, idner_error *err);

/* One entity (SPEC.md section 2). Strings are NUL-terminated and owned by the result; a field
 * that does not apply is NULL. Fields may be appended in later versions: use pointers from
 * idner_result_get, never arrays of this struct. */
typedef struct idner_entity {
    idner_type type;
    size_t start, end;           /* code-point offsets, [start, end) */
    size_t byte_start, byte_end; /* the same span in UTF-8 bytes */
    const char *text;            /* the exact span of the document */
    const char *source;          /* "gazetteer", "date", "rule", "alias", "user", "model" */
    const char *canonical;       /* PER/ORG/LOC: preferred name */
    const char *id;              /* stable id from the gazetteer, if any */
    const char *subtype;         /* LOC: country, province, city, regency, ... */
    const char *iso;             /* LOC countries: ISO 3166-1 alpha-2 */
    const char *value;           /* DATE/TIME: normalized value; NULL means JSON null */
    const char *mod;             /* DATE/TIME: START, MID, END, APPROX, or NULL */
    int weekday_conflict;        /* DATE/TIME: a stated weekday does not fit the date */
    const char *calendar;        /* DATE: "hijri" for a date written in the Hijri calendar (the
                                  * value is still Gregorian, SPEC.md section 6), else NULL */
    /* With IDNER_EXPLAIN: a JSON object, {"found": {...}, "lost": [...]}: what found the
     * entity ("stage"; a list's "list", "line", "listed", "list_source"; a rule's "rule",
     * "trigger", "trigger_start", "trigger_end"; a date's "form"; the tagger's "model_score"
     * and "model_margin"; an alias's "repeats") and each candidate that overlapped it and lost
     * (its span fields, "reason": "overlap", "lower priority", "excluded", "rejected by the
     * rules", "not chosen by the model", ...; what found it; "by": what beat it). Else NULL. */
    const char *explain;
} idner_entity;

IDNER_API size_t idner_result_count(const idner_result *result);
/* With IDNER_EXPLAIN: a JSON object {"lost": [...]}, the candidates that lost where no entity
 * of the result stands (an excluded surface, a rejected word), each as in an entity's "lost";
 * owned by the result. Else NULL. */
IDNER_API const char *idner_result_explain(const idner_result *result);
/* The I-th entity, sorted by start; NULL when I is out of range. */
IDNER_API const idner_entity *idner_result_get(const idner_result *result, size_t i);
/* Releases a result; NULL is a harmless no-op. */
IDNER_API void idner_result_free(idner_result *result);

#define IDNER_JSON_PRETTY 0x01u

/* Writes the document object of SPEC.md section 2, {"id": ID, "entities": [...]}, with ID as
 * a JSON string (omitted when NULL). *JSON is NUL-terminated, owned by the caller and released
 * with idner_free; *LEN (may be NULL) receives its length. */
IDNER_API idner_status idner_result_to_json(const idner_result *result, const char *id,
                                            uint32_t flags, char **json /* OUT */,
                                            size_t *len /* OUT */, idner_error *err);

/* Releases memory the library returned (strings from idner_result_to_json). */
IDNER_API void idner_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* IDNER_H */
