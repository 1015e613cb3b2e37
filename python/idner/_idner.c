/*
 * _idner.c: the CPython extension under the idner package, a thin layer over include/idner.h.
 * The library does the work; this file converts types (str or bytes in, dicts out, idner_error
 * to idner.Error) and releases the interpreter lock while the library loads a model or
 * annotates, so that Python threads annotate in parallel on one model.
 *
 * The dicts are the document objects of SPEC.md section 2 exactly as the command line writes
 * them: the fixed keys, then the optional fields in the order of the writers' own table
 * (src/out/fields.h), so a field added there reaches Python too. They are built here from
 * idner_result_get: writing JSON (idner_result_to_json) and parsing it back with json.loads
 * takes about ten times the instructions of making the dicts directly, and halves the
 * throughput (tools/bench-python --json). The extension links the library statically (the
 * fields table is not part of the public API); it finds its data as the library does, by
 * where its code lies.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "idner.h"
#include "out/fields.h"

static PyObject *error_type; /* idner.Error */

/* Interned keys and the type names, made once at import: the document's and an entity's
 * fixed keys, and one per row of out_fields. */
enum {
    K_ID,
    K_WARNING,
    K_ENTITIES,
    K_TYPE,
    K_TEXT,
    K_START,
    K_END,
    K_BYTE_START,
    K_BYTE_END,
    K_EXPLAIN,
    N_KEYS
};
static const char *const key_names[N_KEYS] = {
    [K_ID] = "id",
    [K_WARNING] = "warning",
    [K_ENTITIES] = "entities",
    [K_TYPE] = "type",
    [K_TEXT] = "text",
    [K_START] = "start",
    [K_END] = "end",
    [K_BYTE_START] = "byte_start",
    [K_BYTE_END] = "byte_end",
    [K_EXPLAIN] = "explain",
};
static PyObject *keys[N_KEYS];
#define MAX_FIELDS 32
static PyObject *field_keys[MAX_FIELDS];
#define N_TYPES (IDNER_TIME + 1)
static PyObject *type_names[N_TYPES];

/* A new idner.Error for ERR, with the status in its attribute "code". */
static PyObject *
new_error(const idner_error *err)
{
    const char *msg = err->message[0] ? err->message : idner_strerror(err->code);
    PyObject *exc = PyObject_CallFunction(error_type, "s", msg);
    PyObject *code = PyLong_FromLong((long)err->code);
    if (!exc || !code || PyObject_SetAttrString(exc, "code", code) != 0) {
        Py_XDECREF(exc);
        Py_XDECREF(code);
        return NULL;
    }
    Py_DECREF(code);
    return exc;
}

static void
raise_error(const idner_error *err)
{
    PyObject *exc = new_error(err);
    if (exc) {
        PyErr_SetObject(error_type, exc);
        Py_DECREF(exc);
    }
}

/* ---- text in ------------------------------------------------------------------------------ */

/* The UTF-8 bytes of a document: a str (encoded once and cached by Python) or a bytes-like
 * object, which the library checks itself. A str holding lone surrogates (a decoder's
 * surrogateescape) is encoded with surrogatepass, which the library rejects at the byte where
 * the text stops being UTF-8, as it would the original bytes. */
typedef struct text_view {
    const char *p;
    Py_ssize_t n;
    Py_buffer view;
    int has_view;
    PyObject *tmp;
} text_view;

static int
text_view_get(PyObject *obj, text_view *t)
{
    memset(t, 0, sizeof *t);
    if (PyUnicode_Check(obj)) {
        t->p = PyUnicode_AsUTF8AndSize(obj, &t->n);
        if (t->p)
            return 0;
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        PyErr_Clear();
        t->tmp = PyUnicode_AsEncodedString(obj, "utf-8", "surrogatepass");
        if (!t->tmp)
            return -1;
        t->p = PyBytes_AS_STRING(t->tmp);
        t->n = PyBytes_GET_SIZE(t->tmp);
        return 0;
    }
    if (PyObject_GetBuffer(obj, &t->view, PyBUF_SIMPLE) != 0) {
        PyErr_Format(PyExc_TypeError, "text must be str or bytes, not %.100s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    t->has_view = 1;
    t->p = t->view.buf;
    t->n = t->view.len;
    return 0;
}

static void
text_view_release(text_view *t)
{
    if (t->has_view)
        PyBuffer_Release(&t->view);
    Py_CLEAR(t->tmp);
    t->has_view = 0;
}

/* ---- dicts out ---------------------------------------------------------------------------- */

static int
set_new(PyObject *d, int key, PyObject *v)
{
    if (!v)
        return -1;
    int r = PyDict_SetItem(d, keys[key], v);
    Py_DECREF(v);
    return r;
}

static int
set_size(PyObject *d, int key, size_t v)
{
    return set_new(d, key, PyLong_FromSize_t(v));
}

/* The value of the JSON text S (explain), through the json module: a dict. */
static PyObject *
json_value(const char *s)
{
    static PyObject *loads; /* json.loads, imported the first time (under the lock) */
    if (!loads) {
        PyObject *json = PyImport_ImportModule("json");
        if (!json)
            return NULL;
        loads = PyObject_GetAttrString(json, "loads");
        Py_DECREF(json);
        if (!loads)
            return NULL;
    }
    return PyObject_CallFunction(loads, "s", s);
}

/* The optional field F of E under KEY, when it applies: a str, None (a date without a value),
 * True (a flag) or a dict (explain). */
static int
set_field(PyObject *d, PyObject *key, const idner_entity *e, const out_field *f)
{
    if (!out_field_present(e, f))
        return 0;
    if (f->kind == OUT_FIELD_FLAG)
        return PyDict_SetItem(d, key, Py_True);
    const char *s = out_field_str(e, f);
    if (!s)
        return PyDict_SetItem(d, key, Py_None);
    PyObject *v = f->kind == OUT_FIELD_JSON ? json_value(s)
                                            : PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), NULL);
    if (!v)
        return -1;
    int r = PyDict_SetItem(d, key, v);
    Py_DECREF(v);
    return r;
}

/* One entity: the fixed keys, then the table's fields in its order (src/out/emit.c's). */
static PyObject *
entity_dict(const idner_entity *e)
{
    PyObject *d = PyDict_New();
    size_t text_len = e->byte_end >= e->byte_start ? e->byte_end - e->byte_start : 0;
    if (!d)
        return NULL;
    PyObject *type = e->type > 0 && e->type < N_TYPES ? type_names[e->type] : NULL;
    if (type ? PyDict_SetItem(d, keys[K_TYPE], type)
             : set_new(d, K_TYPE, PyUnicode_FromString("UNKNOWN")))
        goto fail;
    /* the span's byte length, not strlen: the document may contain NUL characters */
    if (set_new(d, K_TEXT,
                PyUnicode_DecodeUTF8(e->text ? e->text : "", e->text ? (Py_ssize_t)text_len : 0,
                                     NULL)) ||
        set_size(d, K_START, e->start) || set_size(d, K_END, e->end) ||
        set_size(d, K_BYTE_START, e->byte_start) || set_size(d, K_BYTE_END, e->byte_end))
        goto fail;
    for (int i = 0; out_fields[i].name; i++)
        if (set_field(d, field_keys[i], e, &out_fields[i]) != 0)
            goto fail;
    return d;
fail:
    Py_DECREF(d);
    return NULL;
}

/* {"id": ID, "warning": WARNING (each when not NULL), "entities": [...]}, in the order of
 * src/out/jsonl.c */
static PyObject *
document_dict(const idner_result *r, PyObject *id, PyObject *warning)
{
    size_t n = idner_result_count(r);
    PyObject *d = PyDict_New(), *list = PyList_New((Py_ssize_t)n);
    if (!d || !list)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *e = entity_dict(idner_result_get(r, i));
        if (!e)
            goto fail;
        PyList_SET_ITEM(list, (Py_ssize_t)i, e);
    }
    if ((id && PyDict_SetItem(d, keys[K_ID], id)) ||
        (warning && PyDict_SetItem(d, keys[K_WARNING], warning)) ||
        PyDict_SetItem(d, keys[K_ENTITIES], list))
        goto fail;
    Py_DECREF(list);
    list = NULL;
    if (idner_result_explain(r)) { /* explain=True: the document's own */
        PyObject *x = json_value(idner_result_explain(r));
        if (!x || PyDict_SetItem(d, keys[K_EXPLAIN], x)) {
            Py_XDECREF(x);
            goto fail;
        }
        Py_DECREF(x);
    }
    return d;
fail:
    Py_XDECREF(d);
    Py_XDECREF(list);
    return NULL;
}

/* ---- the model ---------------------------------------------------------------------------- */

typedef struct {
    PyObject ob_base;
    idner_model *model;
    uint32_t flags;
} model_object;

/* A list of paths (str, bytes or os.PathLike) as file-system bytes objects; None is empty. */
static PyObject *
paths_get(PyObject *seq, const char *what)
{
    if (!seq || seq == Py_None)
        return PyList_New(0);
    if (PyUnicode_Check(seq) || PyBytes_Check(seq))
        return PyErr_Format(PyExc_TypeError, "%s must be a sequence of paths, not one path", what);
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *b = NULL;
        if (!PyUnicode_FSConverter(PySequence_Fast_GET_ITEM(fast, i), &b)) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, b);
    }
    Py_DECREF(fast);
    return list;
}

/* A C array of the strings of LIST, a list of bytes (valid while LIST lives). */
static const char **
paths_array(PyObject *list)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    const char **v = PyMem_Calloc((size_t)(n ? n : 1), sizeof *v);
    if (!v)
        return (const char **)PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++)
        v[i] = PyBytes_AS_STRING(PyList_GET_ITEM(list, i));
    return v;
}

static int
model_init(model_object *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {(char *)"data_dir", (char *)"gazetteers", (char *)"excludes",
                             (char *)"flags", NULL};
    PyObject *dir_arg = Py_None, *data_dir = NULL, *gaz_seq = NULL, *exc_seq = NULL;
    unsigned int flags = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOI", kwlist, &dir_arg, &gaz_seq, &exc_seq,
                                     &flags))
        return -1;
    if (self->model) { /* other threads may be annotating with it: a model never changes */
        PyErr_SetString(PyExc_RuntimeError, "idner model already loaded");
        return -1;
    }
    if (dir_arg != Py_None && !PyUnicode_FSConverter(dir_arg, &data_dir))
        return -1;
    int rc = -1;
    const char **gv = NULL, **ev = NULL;
    PyObject *gaz = paths_get(gaz_seq, "gazetteers");
    PyObject *exc = gaz ? paths_get(exc_seq, "excludes") : NULL;
    if (!exc || !(gv = paths_array(gaz)) || !(ev = paths_array(exc)))
        goto done;
    idner_model_options mo;
    idner_model_options_init(&mo);
    mo.data_dir = data_dir ? PyBytes_AS_STRING(data_dir) : NULL;
    mo.gazetteers = gv;
    mo.n_gazetteers = (size_t)PyList_GET_SIZE(gaz);
    mo.excludes = ev;
    mo.n_excludes = (size_t)PyList_GET_SIZE(exc);
    idner_model *m = NULL;
    idner_error err = {IDNER_OK, ""};
    PyThreadState *ts = PyEval_SaveThread();
    idner_status st = idner_model_new(&mo, &m, &err);
    PyEval_RestoreThread(ts);
    if (st != IDNER_OK) {
        raise_error(&err);
        goto done;
    }
    self->model = m;
    self->flags = flags;
    rc = 0;
done:
    PyMem_Free(gv);
    PyMem_Free(ev);
    Py_XDECREF(gaz);
    Py_XDECREF(exc);
    Py_XDECREF(data_dir);
    return rc;
}

static void
model_dealloc(model_object *self)
{
    PyTypeObject *type = Py_TYPE(self); /* a heap type: instances hold a reference */
    idner_model_free(self->model);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

static int
model_ready(model_object *self)
{
    if (self->model)
        return 0;
    PyErr_SetString(PyExc_RuntimeError, "idner model not loaded (__init__ failed or not called)");
    return -1;
}

/* One job of a batch: the text, the reference date, the id to put first and the warning to
 * put after it (each may be NULL). */
typedef struct job {
    text_view text;
    const char *ref;
    PyObject *id, *warning;
    idner_result *result;
    idner_status st;
    idner_error err;
} job;

/* Reads ITEM, a tuple (text, ref_date or None, id, has_id, warning or None), into J. */
static int
job_get(PyObject *item, job *j)
{
    PyObject *text, *ref, *id, *warning;
    int has_id;
    if (!PyArg_ParseTuple(item, "OOOpO;a job is (text, ref_date, id, has_id, warning)", &text, &ref,
                          &id, &has_id, &warning))
        return -1;
    if (ref != Py_None && !(j->ref = PyUnicode_AsUTF8(ref)))
        return -1;
    j->id = has_id ? id : NULL;
    j->warning = warning != Py_None ? warning : NULL;
    return text_view_get(text, &j->text);
}

static void
job_annotate(const model_object *self, uint32_t types, job *j)
{
    idner_annotate_options o;
    idner_annotate_options_init(&o);
    o.ref_date = j->ref;
    o.types = types;
    o.flags = self->flags;
    j->st = idner_annotate(self->model, j->text.p, (size_t)j->text.n, &o, &j->result, &j->err);
}

/* The document dict of J, or a new idner.Error when it could not be annotated. */
static PyObject *
job_output(job *j)
{
    return j->st == IDNER_OK ? document_dict(j->result, j->id, j->warning) : new_error(&j->err);
}

PyDoc_STRVAR(annotate_doc, "_annotate(text, ref_date=None, types=0, id=<none>) -> dict\n\n"
                           "The document object of TEXT (str or bytes); raises idner.Error.");

static PyObject *
model_annotate(model_object *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {(char *)"text", (char *)"ref_date", (char *)"types", (char *)"id",
                             NULL};
    PyObject *text, *id = NULL;
    const char *ref = NULL;
    unsigned int types = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|zIO", kwlist, &text, &ref, &types, &id) ||
        model_ready(self) != 0)
        return NULL;
    job j = {.ref = ref, .id = id};
    if (text_view_get(text, &j.text) != 0)
        return NULL;
    PyThreadState *ts = PyEval_SaveThread();
    job_annotate(self, types, &j);
    PyEval_RestoreThread(ts);
    PyObject *out = NULL;
    if (j.st == IDNER_OK)
        out = document_dict(j.result, id, NULL);
    else
        raise_error(&j.err);
    idner_result_free(j.result);
    text_view_release(&j.text);
    return out;
}

PyDoc_STRVAR(batch_doc,
             "_annotate_batch(jobs, types=0) -> list\n\n"
             "Annotates the jobs, tuples (text, ref_date, id, has_id, warning), with the "
             "interpreter lock\nreleased; returns in their places the document "
             "dicts, or idner.Error objects (not\nraised). Items that are not "
             "tuples are returned as they are.");

static PyObject *
model_annotate_batch(model_object *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {(char *)"jobs", (char *)"types", NULL};
    PyObject *seq;
    unsigned int types = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|I", kwlist, &seq, &types) ||
        model_ready(self) != 0)
        return NULL;
    /* A tuple of our own: the texts stay alive while the lock is released. */
    PyObject *items = PySequence_Tuple(seq);
    if (!items)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(items), got = 0;
    job *jobs = PyMem_Calloc((size_t)(n ? n : 1), sizeof *jobs);
    PyObject *out = jobs ? PyList_New(n) : PyErr_NoMemory();
    if (!out)
        goto done;
    for (; got < n; got++) {
        PyObject *item = PyTuple_GET_ITEM(items, got);
        if (PyTuple_Check(item) && job_get(item, &jobs[got]) != 0)
            goto fail;
    }
    PyThreadState *ts = PyEval_SaveThread();
    for (Py_ssize_t i = 0; i < n; i++)
        if (PyTuple_Check(PyTuple_GET_ITEM(items, i)))
            job_annotate(self, types, &jobs[i]);
    PyEval_RestoreThread(ts);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, i), *o;
        if (PyTuple_Check(item)) {
            o = job_output(&jobs[i]);
        } else {
            o = item;
            Py_INCREF(o);
        }
        if (!o)
            goto fail;
        PyList_SET_ITEM(out, i, o);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    for (Py_ssize_t i = 0; jobs && i < got; i++) {
        idner_result_free(jobs[i].result);
        text_view_release(&jobs[i].text);
    }
    PyMem_Free(jobs);
    Py_DECREF(items);
    return out;
}

static PyObject *
model_data_dir(model_object *self, void *closure)
{
    if (model_ready(self) != 0)
        return NULL;
    return PyUnicode_DecodeFSDefault(idner_model_data_dir(self->model));
}

static PyObject *
model_flags(model_object *self, void *closure)
{
    return PyLong_FromUnsignedLong(self->flags);
}

static PyMethodDef model_methods[] = {{"_annotate", (PyCFunction)(void (*)(void))model_annotate,
                                       METH_VARARGS | METH_KEYWORDS, annotate_doc},
                                      {"_annotate_batch",
                                       (PyCFunction)(void (*)(void))model_annotate_batch,
                                       METH_VARARGS | METH_KEYWORDS, batch_doc},
                                      {NULL, NULL, 0, NULL}};

static PyGetSetDef model_getset[] = {
    {"data_dir", (getter)model_data_dir, NULL, "the folder the data was loaded from", NULL},
    {"flags", (getter)model_flags, NULL, "the IDNER_* annotation flags of this model", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyType_Slot model_slots[] = {
    {Py_tp_doc, (void *)"Model(data_dir=None, gazetteers=(), excludes=(), flags=0): a loaded "
                        "idner model (idner_model_new);\nimmutable, shared by threads."},
    {Py_tp_new, (void *)PyType_GenericNew},
    {Py_tp_init, (void *)model_init},
    {Py_tp_dealloc, (void *)model_dealloc},
    {Py_tp_methods, model_methods},
    {Py_tp_getset, model_getset},
    {0, NULL}};

static PyType_Spec model_spec = {"idner._idner.Model", sizeof(model_object), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, model_slots};

/* ---- the module --------------------------------------------------------------------------- */

static PyObject *
type_from_name(PyObject *module, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    return name ? PyLong_FromLong((long)idner_type_from_name(name)) : NULL;
}

static PyMethodDef module_methods[] = {
    {"type_from_name", type_from_name, METH_O,
     "The idner_type named NAME (\"PER\", case-sensitive), or 0."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_def = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_idner",
    .m_doc = "The C layer of the idner package (include/idner.h).",
    .m_size = -1,
    .m_methods = module_methods,
};

/* OPTIONAL_FIELDS: the names of out_fields, in order (idner.FIELDS after the fixed ones),
 * but explain (a JSON field, only with explain=True: an extra column of to_frame). */
static int
add_field_names(PyObject *m)
{
    int n = 0;
    for (int i = 0; out_fields[i].name; i++)
        n += out_fields[i].kind != OUT_FIELD_JSON;
    PyObject *t = PyTuple_New(n);
    for (int i = 0, k = 0; t && out_fields[i].name; i++) {
        if (out_fields[i].kind == OUT_FIELD_JSON)
            continue;
        Py_INCREF(field_keys[i]);
        PyTuple_SET_ITEM(t, k++, field_keys[i]);
    }
    return t ? PyModule_AddObject(m, "OPTIONAL_FIELDS", t) : -1;
}

PyMODINIT_FUNC PyInit__idner(void);

PyMODINIT_FUNC
PyInit__idner(void)
{
    for (int k = 0; k < N_KEYS; k++)
        if (!keys[k] && !(keys[k] = PyUnicode_InternFromString(key_names[k])))
            return NULL;
    for (int i = 0; out_fields[i].name; i++) {
        if (i == MAX_FIELDS) {
            PyErr_SetString(PyExc_ImportError, "idner: more entity fields than MAX_FIELDS");
            return NULL;
        }
        if (!field_keys[i] && !(field_keys[i] = PyUnicode_InternFromString(out_fields[i].name)))
            return NULL;
    }
    for (int t = 1; t < N_TYPES; t++)
        if (!type_names[t] &&
            !(type_names[t] = PyUnicode_InternFromString(idner_type_name((idner_type)t))))
            return NULL;
    PyObject *model_type = PyType_FromSpec(&model_spec);
    if (!model_type)
        return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m) {
        Py_DECREF(model_type);
        return NULL;
    }
    if (!error_type)
        error_type = PyErr_NewExceptionWithDoc(
            "idner.Error", "An idner error; str(e) is idner's message, e.code its idner_status.",
            NULL, NULL);
    if (!error_type || PyModule_AddObjectRef(m, "Error", error_type) < 0 ||
        PyModule_AddObjectRef(m, "Model", model_type) < 0 ||
        PyModule_AddStringConstant(m, "VERSION", idner_version()) < 0 ||
        PyModule_AddIntConstant(m, "NO_GAZETTEER", IDNER_NO_GAZETTEER) < 0 ||
        PyModule_AddIntConstant(m, "NO_DATES", IDNER_NO_DATES) < 0 ||
        PyModule_AddIntConstant(m, "NO_RULES", IDNER_NO_RULES) < 0 ||
        PyModule_AddIntConstant(m, "NO_ALIAS", IDNER_NO_ALIAS) < 0 ||
        PyModule_AddIntConstant(m, "COUNTRY_PLACES", IDNER_COUNTRY_PLACES) < 0 ||
        PyModule_AddIntConstant(m, "NO_TAGGER", IDNER_NO_TAGGER) < 0 ||
        PyModule_AddIntConstant(m, "EXPLAIN", IDNER_EXPLAIN) < 0 || add_field_names(m) < 0) {
        Py_DECREF(model_type);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(model_type);
    return m;
}
