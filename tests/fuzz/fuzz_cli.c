/*
 * fuzz_cli.c: see fuzz_cli.h.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/text.h"
#include "fuzz_cli.h"

#define SLOTS 8

static FILE *real_stderr, *real_stdout;

FILE *
fuzz_stderr(void)
{
    return real_stderr ? real_stderr : stderr;
}

const char *
fuzz_file(int slot, const uint8_t *data, size_t size)
{
    static int fd[SLOTS] = {-1, -1, -1, -1, -1, -1, -1, -1};
    static char path[SLOTS][32];
    if (slot < 0 || slot >= SLOTS)
        abort();
    if (fd[slot] < 0) {
        fd[slot] = memfd_create("fuzz-input", 0);
        if (fd[slot] < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(path[slot], sizeof path[slot], "/proc/self/fd/%d", fd[slot]);
    }
    if (ftruncate(fd[slot], 0) != 0) {
        perror("ftruncate");
        abort();
    }
    for (size_t done = 0; done < size;) {
        ssize_t n = pwrite(fd[slot], data + done, size - done, (off_t)done);
        if (n <= 0) {
            perror("pwrite");
            abort();
        }
        done += (size_t)n;
    }
    return path[slot];
}

cli *
fuzz_cli(void)
{
    static cli c;
    static int loaded;
    if (!loaded) {
        memset(&c, 0, sizeof c);
        idner_annotate_options_init(&c.aopts);
        c.out_fmt = out_format_find("jsonl");
        c.progress_mode = -1;
        if (cli_setup(&c) != 0) {
            fprintf(stderr,
                    "%s: cannot load the model; set IDNER_DATA to the build tree's data "
                    "folder\n",
                    fuzz_name);
            abort();
        }
        loaded = 1;
    }
    idner_annotate_options_init(&c.aopts);
    c.in = IN_TEXT;
    c.out_fmt = out_format_find("jsonl");
    c.out_path = NULL;
    c.out = NULL;
    c.keep_fields = 0;
    c.progress_mode = -1;
    c.data_dir = NULL;
    c.ref_date[0] = '\0';
    c.threads = 1;
    c.max_doc_bytes = CLI_MAX_DOC_BYTES; /* as main.c sets it */
    c.errs = NULL;
    c.progress = NULL;
    c.sentence_no = 0;
    c.conll_runs = 0;
    c.in_bytes = 0;
    c.setup_error = c.doc_error = 0;
    c.on_sentence = NULL;
    c.hook_arg = NULL;
    c.stop = 0;
    c.files.n = c.gazetteers.n = c.excludes.n = 0;
    return &c;
}

static char *cap_out, *cap_err;
static size_t cap_out_len, cap_err_len;

void
fuzz_capture_begin(void)
{
    fflush(stdout);
    fflush(stderr);
    free(cap_out);
    free(cap_err);
    cap_out = cap_err = NULL;
    real_stdout = stdout;
    real_stderr = stderr;
    FILE *o = open_memstream(&cap_out, &cap_out_len);
    FILE *e = open_memstream(&cap_err, &cap_err_len);
    if (!o || !e)
        abort();
    stdout = o;
    stderr = e;
}

void
fuzz_capture_end(const char **out, size_t *out_len, const char **err, size_t *err_len)
{
    FILE *o = stdout, *e = stderr;
    stdout = real_stdout;
    stderr = real_stderr;
    real_stdout = real_stderr = NULL;
    if (fclose(o) != 0 || fclose(e) != 0)
        abort();
    if (out)
        *out = cap_out, *out_len = cap_out_len;
    if (err)
        *err = cap_err, *err_len = cap_err_len;
}

int
fuzz_utf8_valid(const char *s, size_t n)
{
    return text_utf8_invalid_at(s, n) == SIZE_MAX;
}
