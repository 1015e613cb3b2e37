/*
 * out/writer.c: the table of output formats and their destinations (see writer.h): standard
 * output, a file (-o FILE), a folder of per-document files (-o DIR), or a memory buffer.
 * Writes are checked one by one; the first failure is kept in the writer and reported by the
 * call that hit it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "out/fields.h"
#include "out/writer.h"

#define OUT_BUFSIZE (1u << 20)

static const out_format *const formats[] = {&out_jsonl,       &out_json,   &out_conll_format,
                                            &out_tsv,         &out_sqlite, &out_brat,
                                            &out_labelstudio, &out_timeml, &out_html};
#define N_FORMATS (sizeof formats / sizeof formats[0])

const out_format *
out_format_find(const char *name)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (strcmp(formats[i]->name, name) == 0)
            return formats[i];
    return NULL;
}

const char *
out_format_names(void)
{
    static char names[200];
    if (names[0] == '\0') {
        size_t n = 0;
        for (size_t i = 0; i < N_FORMATS; i++)
            n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "",
                                  formats[i]->name);
    }
    return names;
}

int
out_fail(out_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int
out_put(out_writer *w, const char *s, size_t n)
{
    out_sink *k = &w->sink;
    if (k->err)
        return out_fail(w, "%s: %s", k->name, strerror(k->err));
    if (n == 0)
        return 0;
    if (k->mem) {
        if (buf_append(k->mem, s, n) != 0)
            return out_fail(w, "out of memory");
        return 0;
    }
    if (k->f && fwrite(s, 1, n, k->f) != n) {
        k->err = errno ? errno : EIO;
        return out_fail(w, "%s: %s", k->name, strerror(k->err));
    }
    return 0;
}

int
out_puts(out_writer *w, const char *s)
{
    return out_put(w, s, strlen(s));
}

/* mkdir -p PATH; 0, or -1 with errno set. */
static int
make_dirs(const char *path)
{
    char *p = strdup(path);
    struct stat st;

    if (!p)
        return -1;
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char saved = *q;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *q = saved;
        if (saved == '\0')
            break;
    }
    free(p);
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

out_writer *
out_open(const out_format *fmt, const out_run *run, char *msg, size_t msg_size)
{
    out_writer *w = calloc(1, sizeof *w);

    if (!w) {
        snprintf(msg, msg_size, "out of memory");
        return NULL;
    }
    w->fmt = fmt;
    w->run = *run;
    w->sink.name = run->path ? run->path : "standard output";
    if ((fmt->flags & (OUT_TO_DIR | OUT_NEEDS_FILE)) && !run->path) {
        snprintf(msg, msg_size, "--output %s needs -o %s", fmt->name,
                 (fmt->flags & OUT_TO_DIR) ? "DIR (a folder for its files)" : "FILE");
        free(w);
        return NULL;
    }
    if (fmt->flags & OUT_TO_DIR) {
        if (make_dirs(run->path) != 0) {
            snprintf(msg, msg_size, "%s: %s", run->path, strerror(errno));
            free(w);
            return NULL;
        }
    } else if (fmt->flags & OUT_NEEDS_FILE) {
        /* the format opens its file itself */
    } else if (run->path) {
        w->sink.f = fopen(run->path, "wb");
        if (!w->sink.f) {
            snprintf(msg, msg_size, "%s: %s", run->path, strerror(errno));
            free(w);
            return NULL;
        }
        setvbuf(w->sink.f, NULL, _IOFBF, OUT_BUFSIZE);
    } else {
        w->sink.f = stdout;
    }
    if (fmt->open && fmt->open(w) != 0) {
        snprintf(msg, msg_size, "%s", w->msg);
        out_close(w, NULL, 0);
        return NULL;
    }
    return w;
}

out_writer *
out_open_mem(const out_format *fmt, buf *mem)
{
    out_writer *w = calloc(1, sizeof *w);

    if (!w)
        return NULL;
    w->fmt = fmt;
    w->sink.mem = mem;
    w->sink.name = "memory";
    return w;
}

int
out_document(out_writer *w, const out_doc *d)
{
    if (w->fmt->document(w, d) != 0)
        return -1;
    w->docs++;
    return 0;
}

int
out_input_lines(out_writer *w, const char *s, size_t n)
{
    return w->fmt->input_lines ? w->fmt->input_lines(w, s, n) : 0;
}

static void free_names(out_writer *w);

int
out_fields_note(const idner_entity *e, buf *note)
{
    note->n = 0;
    if (buf_reserve(note, 0) != 0)
        return -1;
    note->p[0] = '\0';
    for (const out_field *f = out_fields; f->name; f++) {
        const char *v = f->kind == OUT_FIELD_FLAG ? (out_field_flag(e, f) ? "true" : NULL)
                                                  : out_field_str(e, f);
        if (!v)
            continue;
        if ((note->n && buf_puts(note, "; ") != 0) || buf_puts(note, f->name) != 0 ||
            buf_puts(note, "=") != 0)
            return -1;
        for (const char *p = v; *p; p++)
            if (buf_append(note, strchr("\t\n\r\v\f", *p) ? " " : p, 1) != 0)
                return -1;
    }
    return 0;
}

int
out_file_begin(out_writer *w, const char *base, const char *ext)
{
    w->path.n = 0;
    if (buf_puts(&w->path, w->run.path) != 0 || buf_puts(&w->path, "/") != 0 ||
        buf_puts(&w->path, base) != 0 || buf_puts(&w->path, ext) != 0)
        return out_fail(w, "out of memory");
    w->sink.name = w->path.p;
    w->sink.err = 0;
    w->sink.f = fopen(w->path.p, "wb");
    if (!w->sink.f)
        return out_fail(w, "%s: %s", w->path.p, strerror(errno));
    return 0;
}

int
out_file_end(out_writer *w)
{
    FILE *f = w->sink.f;
    int bad;

    w->sink.f = NULL;
    if (!f)
        return 0;
    bad = fflush(f) != 0 || ferror(f);
    if (bad && !w->sink.err)
        w->sink.err = errno ? errno : EIO;
    if (fclose(f) != 0 && !w->sink.err)
        w->sink.err = errno ? errno : EIO;
    if (w->sink.err)
        return out_fail(w, "%s: %s", w->path.p, strerror(w->sink.err));
    return 0;
}

int
out_put_xml(out_writer *w, const char *s, size_t n)
{
    size_t from = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *rep = NULL;
        size_t skip = 1;

        switch (ch) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '\r':
            rep = "&#13;";
            break;
        case '\t':
        case '\n':
            break;
        default:
            if (ch < 0x20)
                rep = "\xEF\xBF\xBD";
            else if (ch == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                     ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
                rep = "\xEF\xBF\xBD"; /* U+FFFE, U+FFFF */
                skip = 3;
            }
        }
        if (!rep)
            continue;
        if (out_put(w, s + from, i - from) != 0 || out_puts(w, rep) != 0)
            return -1;
        i += skip - 1;
        from = i + 1;
    }
    return out_put(w, s + from, n - from);
}

int
out_puts_xml(out_writer *w, const char *s)
{
    return out_put_xml(w, s, strlen(s));
}

int
out_close(out_writer *w, char *msg, size_t msg_size)
{
    int r = 0;

    if (!w)
        return 0;
    if (w->fmt->close)
        r = w->fmt->close(w);
    if (r == 0 && w->sink.f) {
        int bad = fflush(w->sink.f) != 0 || ferror(w->sink.f);
        if (bad && !w->sink.err)
            w->sink.err = errno ? errno : EIO;
    }
    if (w->sink.f && w->sink.f != stdout && fclose(w->sink.f) != 0 && !w->sink.err)
        w->sink.err = errno ? errno : EIO;
    if (r == 0 && w->sink.err)
        r = out_fail(w, "%s: %s", w->sink.name, strerror(w->sink.err));
    if (r != 0 && msg)
        snprintf(msg, msg_size, "%s", w->msg);
    free_names(w);
    buf_free(&w->path);
    free(w);
    return r;
}

/* ---- per-document file names --------------------------------------------------------------- */

/* A set of the names used so far (open addressing on their hash; grows at half full). */
typedef struct name_set {
    char **v;
    size_t n, cap;
} name_set;

static uint64_t
name_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds S unless present: 1 added, 0 present, -1 out of memory. */
static int
name_add(name_set *set, const char *s)
{
    if (set->n * 2 >= set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->v[i])
                continue;
            size_t k = name_hash(set->v[i]) & (cap - 1);
            while (v[k])
                k = (k + 1) & (cap - 1);
            v[k] = set->v[i];
        }
        free(set->v);
        set->v = v;
        set->cap = cap;
    }
    size_t k = name_hash(s) & (set->cap - 1);
    for (; set->v[k]; k = (k + 1) & (set->cap - 1))
        if (strcmp(set->v[k], s) == 0)
            return 0;
    if (!(set->v[k] = strdup(s)))
        return -1;
    set->n++;
    return 1;
}

static void
free_names(out_writer *w)
{
    name_set *set = w->names;
    if (!set)
        return;
    for (size_t i = 0; i < set->cap; i++)
        free(set->v[i]);
    free(set->v);
    free(set);
    w->names = NULL;
}

static int
safe_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-' || ch == '.' || ch >= 0x80;
}

int
out_file_base(out_writer *w, const out_doc *d, buf *name)
{
    const char *s;
    size_t n;

    if (!w->names && !(w->names = calloc(1, sizeof(name_set))))
        return -1;
    if (d->name) {
        s = d->name;
        n = strlen(s);
    } else if (d->id && json_object_is_type(d->id, json_type_string)) {
        s = json_object_get_string(d->id);
        n = (size_t)json_object_get_string_len(d->id);
    } else {
        s = d->id ? json_object_to_json_string_ext(d->id, JSON_C_TO_STRING_PLAIN) : "null";
        n = strlen(s);
    }
    name->n = 0;
    if (buf_reserve(name, 0) != 0)
        return -1;
    name->p[0] = '\0';
    for (size_t i = 0; i < n && name->n < 200; i++) {
        unsigned char ch = (unsigned char)s[i];
        char hex[4];
        /* Cut only before a character, never inside one. */
        if (name->n > 190 && (ch & 0xC0) != 0x80)
            break;
        if (safe_byte(ch) && !(ch == '.' && name->n == 0)) {
            if (buf_append(name, (const char *)&ch, 1) != 0)
                return -1;
            continue;
        }
        snprintf(hex, sizeof hex, "%%%02X", ch);
        if (buf_append(name, hex, 3) != 0)
            return -1;
    }
    if (name->n == 0 && buf_puts(name, "%") != 0)
        return -1;
    size_t base = name->n;
    for (unsigned k = 2;; k++) {
        int r = name_add(w->names, name->p);
        if (r < 0)
            return -1;
        if (r > 0)
            return 0;
        char suffix[16];
        name->n = base;
        snprintf(suffix, sizeof suffix, "-%u", k);
        if (buf_puts(name, suffix) != 0)
            return -1;
    }
}

const char *
out_kept_name(const char *key)
{
    static const char *const renamed[][2] = {
        {"entities", "input.entities"}, {"error", "input.error"}, {"warning", "input.warning"}};
    if (strcmp(key, "id") == 0 || strcmp(key, "text") == 0)
        return NULL;
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(key, renamed[i][0]) == 0)
            return renamed[i][1];
    return key;
}
