/*
 * fuzz_cli.h: what the fuzz targets of the program's parts (the readers, eval, the option parser
 * and the list loaders) share. The program reads files by name and writes messages to stderr;
 * the targets hand it the input as a file in memory (a memfd, named /proc/self/fd/N), catch its
 * output in a buffer (out_open_mem) and its messages in another (stderr swapped for a memory
 * stream: glibc's stdin, stdout and stderr are ordinary variables), so the program's own code
 * runs unchanged.
 */
#ifndef IDNER_FUZZ_CLI_H
#define IDNER_FUZZ_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"

#define FUZZ_FAIL(...)                                                                             \
    do {                                                                                           \
        fprintf(fuzz_stderr(), "%s: invariant violated: ", fuzz_name);                             \
        fprintf(fuzz_stderr(), __VA_ARGS__);                                                       \
        fputc('\n', fuzz_stderr());                                                                \
        abort();                                                                                   \
    } while (0)

/* The target's name, for messages (each target defines it). */
extern const char fuzz_name[];

/* The real standard error, even while fuzz_capture_begin has swapped stderr. */
FILE *fuzz_stderr(void);

/* The path of an in-memory file holding DATA[0, SIZE): "/proc/self/fd/N". SLOT (0 to 7)
 * chooses one of several files, which stay valid until the slot is written again. */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

/* The program's state as `idner annotate` has it after cli_setup with no option: the model
 * loaded once (IDNER_DATA or the build tree's data), a strict JSON parser, no progress line.
 * Every call resets the options and counters to those defaults and sets no writer. */
cli *fuzz_cli(void);

/* From here to fuzz_capture_end, what the program writes to stdout and stderr goes to memory;
 * fuzz_capture_end returns it (NUL-terminated, valid until the next capture) in *OUT and *ERR
 * (either may be NULL). */
void fuzz_capture_begin(void);
void fuzz_capture_end(const char **out, size_t *out_len, const char **err, size_t *err_len);

/* Is S[0, N) valid UTF-8? */
int fuzz_utf8_valid(const char *s, size_t n);

#endif
