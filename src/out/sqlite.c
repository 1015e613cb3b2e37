/*
 * out/sqlite.c: --output sqlite -o FILE, through libsqlite3 (docs/format.md "SQLite"):
 *
 *   runs      (run, idner_version, options, data_dir, data_version, ref_date, started,
 *              finished, documents)                    one row per `idner annotate` run
 *   documents (doc, run, id, fields, ref_date, text_length, entities, warning, error)
 *   entities  (doc, n, type, text, start, "end", byte_start, byte_end, then one column per
 *              row of out/fields.c: canonical, id, subtype, iso, value, mod,
 *              weekday_conflict, calendar, source)                one row per entity
 *
 * with indexes for the usual joins (documents by run and id, entities by type and canonical,
 * by type and value; entities' key is (doc, n)), made at the end of the run. Documents are
 * written in transactions of many (a thousand, or a second's worth), so a run that is
 * interrupted (killed, a full disk) leaves whole documents only; the runs row of such a run
 * keeps finished NULL (and the indexes are made by the next run). Appending to a
 * file that holds these tables adds a run; a column for an entity field that a newer idner
 * writes is added to an older file. PRAGMA user_version marks the layout.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "core/text.h"
#include "out/fields.h"
#include "out/writer.h"

#define SCHEMA_VERSION 1
#define BATCH_DOCS     1000
#define BATCH_SECONDS  1.0

typedef struct sq {
    sqlite3 *db;
    sqlite3_stmt *doc, *ent;
    sqlite3_int64 run;
    size_t in_batch;
    double batch_started;
    buf sql;
    int explain; /* --explain: the entities' explain column is written */
} sq;

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
db_fail(out_writer *w, sq *s, const char *what)
{
    return out_fail(w, "%s: %s: %s", w->run.path, what, s->db ? sqlite3_errmsg(s->db) : "");
}

static int
exec(out_writer *w, sq *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        out_fail(w, "%s: %s", w->run.path, err ? err : sqlite3_errmsg(s->db));
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

/* The one integer a query returns (-1 on failure). */
static sqlite3_int64
query_int(sq *s, const char *sql)
{
    sqlite3_stmt *st;
    sqlite3_int64 v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A content hash of every file in the data folder (FNV-1a, 64 bits, names and bytes in name
 * order): what the runs table calls the data version. */
static void
data_version(const char *dir, char *out, size_t size)
{
    struct dirent **names = NULL;
    int n = dir ? scandir(dir, &names, NULL, alphasort) : -1;
    uint64_t h = 1469598103934665603u;
    char path[4096], block[1 << 16];

    snprintf(out, size, "unknown");
    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        struct stat st;
        FILE *f;
        size_t got;

        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (f = fopen(path, "rb")) != NULL) {
            for (const char *p = names[i]->d_name; *p; p++)
                h = (h ^ (unsigned char)*p) * 1099511628211u;
            while ((got = fread(block, 1, sizeof block, f)) > 0)
                for (size_t k = 0; k < got; k++)
                    h = (h ^ (unsigned char)block[k]) * 1099511628211u;
            fclose(f);
        }
        free(names[i]);
    }
    free(names);
    snprintf(out, size, "fnv1a64:%016llx", (unsigned long long)h);
}

/* Appends the entity columns of out/fields.c to s->sql: ", name TYPE" each. */
static int
field_columns(sq *s)
{
    for (const out_field *f = out_fields; f->name; f++) {
        if (!out_field_used(f, s->explain))
            continue;
        char col[96];
        snprintf(col, sizeof col, ",\n  \"%s\" %s", f->name,
                 f->kind == OUT_FIELD_FLAG ? "INTEGER NOT NULL DEFAULT 0" : "TEXT");
        if (buf_puts(&s->sql, col) != 0)
            return -1;
    }
    return 0;
}

static int
create_schema(out_writer *w, sq *s)
{
    s->sql.n = 0;
    if (buf_puts(&s->sql, "CREATE TABLE runs (\n"
                          "  run INTEGER PRIMARY KEY,\n"
                          "  idner_version TEXT NOT NULL,\n"
                          "  options TEXT NOT NULL,\n"
                          "  data_dir TEXT,\n"
                          "  data_version TEXT,\n"
                          "  ref_date TEXT,\n"
                          "  started TEXT NOT NULL,\n"
                          "  finished TEXT,\n"
                          "  documents INTEGER);\n"
                          "CREATE TABLE documents (\n"
                          "  doc INTEGER PRIMARY KEY,\n"
                          "  run INTEGER NOT NULL REFERENCES runs(run),\n"
                          "  id,\n"
                          "  fields TEXT,\n"
                          "  ref_date TEXT,\n"
                          "  text_length INTEGER,\n"
                          "  entities INTEGER,\n"
                          "  warning TEXT,\n"
                          "  error TEXT);\n"
                          "CREATE TABLE entities (\n"
                          "  doc INTEGER NOT NULL REFERENCES documents(doc),\n"
                          "  n INTEGER NOT NULL,\n"
                          "  type TEXT NOT NULL,\n"
                          "  text TEXT NOT NULL,\n"
                          "  start INTEGER NOT NULL,\n"
                          "  \"end\" INTEGER NOT NULL,\n"
                          "  byte_start INTEGER NOT NULL,\n"
                          "  byte_end INTEGER NOT NULL") != 0 ||
        field_columns(s) != 0 ||
        buf_puts(&s->sql, ",\n  PRIMARY KEY (doc, n)) WITHOUT ROWID;\n"

                          "PRAGMA user_version = 1;\n") != 0)
        return out_fail(w, "out of memory");
    return exec(w, s, s->sql.p);
}

/* An idner file made by an older version: add the entity columns it lacks. */
static int
add_missing_columns(out_writer *w, sq *s)
{
    for (const out_field *f = out_fields; f->name; f++) {
        if (!out_field_used(f, s->explain))
            continue;
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT COUNT(*) FROM pragma_table_info('entities') WHERE name = '%s'", f->name);
        if (query_int(s, sql) > 0)
            continue;
        snprintf(sql, sizeof sql, "ALTER TABLE entities ADD COLUMN \"%s\" %s", f->name,
                 f->kind == OUT_FIELD_FLAG ? "INTEGER NOT NULL DEFAULT 0" : "TEXT");
        if (exec(w, s, sql) != 0)
            return -1;
    }
    return 0;
}

static int
prepare_inserts(out_writer *w, sq *s)
{
    size_t k = 0;

    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO documents (run, id, fields, ref_date, text_length, "
                           "entities, warning, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s->doc, NULL) != SQLITE_OK)
        return db_fail(w, s, "prepare");
    s->sql.n = 0;
    if (buf_puts(&s->sql, "INSERT INTO entities (doc, n, type, text, start, \"end\", byte_start, "
                          "byte_end") != 0)
        return out_fail(w, "out of memory");
    for (const out_field *f = out_fields; f->name; f++) {
        if (!out_field_used(f, s->explain))
            continue;
        k++;
        char col[64];
        snprintf(col, sizeof col, ", \"%s\"", f->name);
        if (buf_puts(&s->sql, col) != 0)
            return out_fail(w, "out of memory");
    }
    if (buf_puts(&s->sql, ") VALUES (?, ?, ?, ?, ?, ?, ?, ?") != 0)
        return out_fail(w, "out of memory");
    while (k--)
        if (buf_puts(&s->sql, ", ?") != 0)
            return out_fail(w, "out of memory");
    if (buf_puts(&s->sql, ")") != 0)
        return out_fail(w, "out of memory");
    if (sqlite3_prepare_v2(s->db, s->sql.p, -1, &s->ent, NULL) != SQLITE_OK)
        return db_fail(w, s, "prepare");
    return 0;
}

static void
utc_now(char *out, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
start_run(out_writer *w, sq *s)
{
    sqlite3_stmt *st;
    char started[32], version[64];

    utc_now(started, sizeof started);
    data_version(w->run.data_dir, version, sizeof version);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO runs (idner_version, options, data_dir, data_version, "
                           "ref_date, started) VALUES (?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(w, s, "prepare");
    sqlite3_bind_text(st, 1, w->run.version ? w->run.version : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, w->run.options ? w->run.options : "[]", -1, SQLITE_STATIC);
    if (w->run.data_dir)
        sqlite3_bind_text(st, 3, w->run.data_dir, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, version, -1, SQLITE_STATIC);
    if (w->run.ref_date)
        sqlite3_bind_text(st, 5, w->run.ref_date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, started, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(w, s, "insert into runs");
    s->run = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int
sqlite_open(out_writer *w)
{
    sq *s = calloc(1, sizeof *s);

    if (!s)
        return out_fail(w, "out of memory");
    w->state = s;
    s->explain = w->run.explain;
    if (sqlite3_open_v2(w->run.path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK)
        return db_fail(w, s, "open");
    sqlite3_busy_timeout(s->db, 10000);
    /* Whose file is it? Nothing is changed in one that is not idner's. */
    sqlite3_int64 version = query_int(s, "PRAGMA user_version");
    sqlite3_int64 ours = query_int(s, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' "
                                      "AND name IN ('runs', 'documents', 'entities')");
    if (version < 0 || ours < 0)
        return db_fail(w, s, "read");
    if (version > SCHEMA_VERSION)
        return out_fail(w, "%s: written by a newer idner (layout %lld); not changed", w->run.path,
                        (long long)version);
    if (!(version == 0 && ours == 0) && !(version == SCHEMA_VERSION && ours == 3))
        return out_fail(w,
                        "%s: has tables named runs, documents or entities that idner did not "
                        "make; not changed",
                        w->run.path);
    if (exec(
            w, s,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536") !=
            0 ||
        exec(w, s, "BEGIN IMMEDIATE") != 0)
        return -1;
    if (version == 0 ? create_schema(w, s) != 0 : add_missing_columns(w, s) != 0)
        return -1;
    if (start_run(w, s) != 0 || exec(w, s, "COMMIT") != 0 || prepare_inserts(w, s) != 0 ||
        exec(w, s, "BEGIN") != 0)
        return -1;
    s->batch_started = now();
    return 0;
}

/* Binds the document id: a string as TEXT, an integer as INTEGER, a number as REAL unless it
 * is an integer too large for 64 bits (TEXT of its digits), anything else as its JSON. */
static void
bind_id(sqlite3_stmt *st, int i, json_object *id)
{
    if (!id) {
        sqlite3_bind_null(st, i);
    } else if (json_object_is_type(id, json_type_string)) {
        sqlite3_bind_text(st, i, json_object_get_string(id), json_object_get_string_len(id),
                          SQLITE_STATIC);
    } else if (json_object_is_type(id, json_type_int)) {
        sqlite3_bind_int64(st, i, json_object_get_int64(id));
    } else {
        const char *j = json_object_to_json_string_ext(id, JSON_C_TO_STRING_PLAIN);
        if (json_object_is_type(id, json_type_double) && strspn(j, "-0123456789") != strlen(j))
            sqlite3_bind_double(st, i, json_object_get_double(id));
        else
            sqlite3_bind_text(st, i, j, -1, SQLITE_TRANSIENT);
    }
}

/* The kept input fields as one JSON object (NULL when none). */
static json_object *
kept_fields(json_object *fields)
{
    json_object *o;
    if (!fields || !json_object_is_type(fields, json_type_object))
        return NULL;
    o = json_object_new_object();
    json_object_object_foreach(fields, key, val)
    {
        if (o && strcmp(key, "id") != 0 && strcmp(key, "text") != 0 &&
            json_object_object_add(o, key, json_object_get(val)) != 0) {
            json_object_put(o);
            return NULL;
        }
    }
    return o;
}

static int
insert_entities(out_writer *w, sq *s, sqlite3_int64 doc, const idner_result *r)
{
    size_t n = idner_result_count(r);
    sqlite3_stmt *st = s->ent;

    for (size_t i = 0; i < n; i++) {
        const idner_entity *e = idner_result_get(r, i);
        int k = 9;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, idner_type_name(e->type), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, e->text, (int)(e->byte_end - e->byte_start), SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)e->start);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)e->end);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)e->byte_start);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)e->byte_end);
        for (const out_field *f = out_fields; f->name; f++) {
            if (!out_field_used(f, s->explain))
                continue;
            if (f->kind == OUT_FIELD_FLAG)
                sqlite3_bind_int(st, k, out_field_flag(e, f) != 0);
            else if (out_field_str(e, f))
                sqlite3_bind_text(st, k, out_field_str(e, f), -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, k);
            k++;
        }
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_fail(w, s, "insert into entities");
    }
    return 0;
}

static int
sqlite_document(out_writer *w, const out_doc *d)
{
    sq *s = w->state;
    sqlite3_stmt *st = s->doc;
    json_object *fields = kept_fields(d->fields);

    sqlite3_bind_int64(st, 1, s->run);
    bind_id(st, 2, d->id);
    if (fields)
        sqlite3_bind_text(st, 3, json_object_to_json_string_ext(fields, JSON_C_TO_STRING_PLAIN), -1,
                          SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 3);
    json_object_put(fields);
    if (d->ref_date && d->result)
        sqlite3_bind_text(st, 4, d->ref_date, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    if (d->result) {
        sqlite3_bind_int64(st, 5, (sqlite3_int64)text_cp_count(d->text, d->len));
        sqlite3_bind_int64(st, 6, (sqlite3_int64)idner_result_count(d->result));
    } else {
        sqlite3_bind_null(st, 5);
        sqlite3_bind_null(st, 6);
    }
    if (d->warning)
        sqlite3_bind_text(st, 7, d->warning, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    if (!d->result)
        sqlite3_bind_text(st, 8, d->error ? d->error : "error", -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 8);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_fail(w, s, "insert into documents");
    if (d->result && insert_entities(w, s, sqlite3_last_insert_rowid(s->db), d->result) != 0)
        return -1;
    /* A transaction holds whole documents: end it between two of them. */
    if (++s->in_batch >= BATCH_DOCS || now() - s->batch_started >= BATCH_SECONDS) {
        if (exec(w, s, "COMMIT") != 0 || exec(w, s, "BEGIN") != 0)
            return -1;
        s->in_batch = 0;
        s->batch_started = now();
    }
    return 0;
}

/* The indexes, made once the rows are in (a quarter faster than keeping them up to date row by
 * row); an interrupted run leaves them to the next one. */
static const char indexes[] =
    "CREATE INDEX IF NOT EXISTS documents_run ON documents(run);\n"
    "CREATE INDEX IF NOT EXISTS documents_id ON documents(id);\n"
    "CREATE INDEX IF NOT EXISTS entities_canonical ON "
    "entities(type, canonical);\n"
    "CREATE INDEX IF NOT EXISTS entities_value ON entities(type, value);\n";

static int
sqlite_finish(out_writer *w, sq *s)
{
    sqlite3_stmt *st;
    char finished[32];

    utc_now(finished, sizeof finished);
    if (sqlite3_prepare_v2(s->db, "UPDATE runs SET finished = ?, documents = ? WHERE run = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return db_fail(w, s, "prepare");
    sqlite3_bind_text(st, 1, finished, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)w->docs);
    sqlite3_bind_int64(st, 3, s->run);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(w, s, "update runs");
    return exec(w, s, indexes) || exec(w, s, "COMMIT");
}

static int
sqlite_close(out_writer *w)
{
    sq *s = w->state;
    int r = 0;

    if (!s)
        return 0;
    if (s->doc && s->ent)
        r = sqlite_finish(w, s);
    sqlite3_finalize(s->doc);
    sqlite3_finalize(s->ent);
    if (s->db && sqlite3_close(s->db) != SQLITE_OK && r == 0)
        r = db_fail(w, s, "close");
    buf_free(&s->sql);
    free(s);
    w->state = NULL;
    return r;
}

const out_format out_sqlite = {
    "sqlite", OUT_NEEDS_FILE | OUT_FIELDS, sqlite_open, sqlite_document, sqlite_close, NULL};
