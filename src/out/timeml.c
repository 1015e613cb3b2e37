/*
 * out/timeml.c: --output timeml -o DIR: one TimeML file per document, DIR/NAME.tml, for
 * temporal tools and TempEval-style scoring:
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <TimeML>
 *   <DOCID>banjir</DOCID>
 *   <DCT><TIMEX3 tid="t0" type="DATE" value="2024-11-06" temporalFunction="false"
 *     functionInDocument="CREATION_TIME">2024-11-06</TIMEX3></DCT>
 *   <TEXT>... <TIMEX3 tid="t1" type="DATE" value="2024-11-03">Minggu (3/11/2024)</TIMEX3> ...
 *   </TEXT>
 *   </TimeML>
 *
 * The document creation time is the document's reference date (none when it has none); each
 * DATE and TIME entity is a TIMEX3 with its type, value (absent when idner's is null) and mod.
 * The text is the document's, escaped (out_put_xml): an XML parser gives it back, except the
 * few characters XML cannot hold, which become U+FFFD. Other entity types are not TimeML's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/writer.h"

typedef struct tml {
    buf name;
} tml;

static int
attr(out_writer *w, const char *key, const char *value)
{
    return out_put(w, " ", 1) || out_puts(w, key) || out_put(w, "=\"", 2) ||
           out_puts_xml(w, value) || out_put(w, "\"", 1);
}

static int
timeml_document(out_writer *w, const out_doc *d)
{
    tml *t = w->state;
    const idner_result *r = d->result;
    size_t pos = 0, tid = 0;
    char num[24];

    if (!r)
        return 0;
    if (out_file_base(w, d, &t->name) != 0)
        return out_fail(w, "out of memory");
    const char *id = d->id ? (json_object_is_type(d->id, json_type_string)
                                  ? json_object_get_string(d->id)
                                  : json_object_to_json_string_ext(d->id, JSON_C_TO_STRING_PLAIN))
                           : "null";
    if (out_file_begin(w, t->name.p, ".tml") ||
        out_puts(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n<DOCID>") ||
        out_puts_xml(w, id) || out_puts(w, "</DOCID>\n"))
        return -1;
    if (d->ref_date &&
        (out_puts(w, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\"") || attr(w, "value", d->ref_date) ||
         out_puts(w, " temporalFunction=\"false\" "
                     "functionInDocument=\"CREATION_TIME\">") ||
         out_puts_xml(w, d->ref_date) || out_puts(w, "</TIMEX3></DCT>\n")))
        return -1;
    if (out_puts(w, "<TEXT>"))
        return -1;
    for (size_t i = 0; i < idner_result_count(r); i++) {
        const idner_entity *e = idner_result_get(r, i);
        if (e->type != IDNER_DATE && e->type != IDNER_TIME)
            continue;
        snprintf(num, sizeof num, "t%zu", ++tid);
        if (out_put_xml(w, d->text + pos, e->byte_start - pos) || out_puts(w, "<TIMEX3") ||
            attr(w, "tid", num) || attr(w, "type", e->type == IDNER_DATE ? "DATE" : "TIME") ||
            (e->value && attr(w, "value", e->value)) || (e->mod && attr(w, "mod", e->mod)) ||
            out_puts(w, ">") || out_put_xml(w, e->text, e->byte_end - e->byte_start) ||
            out_puts(w, "</TIMEX3>"))
            return -1;
        pos = e->byte_end;
    }
    if (out_put_xml(w, d->text + pos, d->len - pos) || out_puts(w, "</TEXT>\n</TimeML>\n"))
        return -1;
    return out_file_end(w);
}

static int
timeml_open(out_writer *w)
{
    return (w->state = calloc(1, sizeof(tml))) ? 0 : out_fail(w, "out of memory");
}

static int
timeml_close(out_writer *w)
{
    tml *t = w->state;
    if (t) {
        buf_free(&t->name);
        free(t);
        w->state = NULL;
    }
    return 0;
}

const out_format out_timeml = {"timeml",        OUT_TO_DIR,   timeml_open,
                               timeml_document, timeml_close, NULL};
