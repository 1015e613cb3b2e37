/*
 * fuzz_main.c: a main for the fuzz targets when no fuzzing engine links them (utf8proc's
 * test/fuzz_main.c habit). It replays every file given, and every regular file of every
 * directory given (in name order, skipping dot files), through LLVMFuzzerTestOneInput, so the
 * targets always build, the corpora run as tests, and a crash file replays without libFuzzer:
 *
 *   fuzz_annotate tests/fuzz/corpus/annotate      fuzz_gaz crash-1234abcd
 *
 * Each input is copied into a buffer of exactly its size, so sanitizers catch reads past it.
 * The name of each file goes to standard error before it runs (the last one names a crash),
 * and an input that runs longer than REPLAY_SECONDS fails the replay (sqlite's fuzzcheck uses
 * alarm() the same way), so a hang is a quick failure that names its file.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLAY_SECONDS 10

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current;

static void
on_alarm(int sig)
{
    static const char msg1[] = "fuzz_main: timeout: ", msg2[] = " ran for too long\n";
    (void)sig;
    /* async-signal-safe: write and _exit only */
    if (write(2, msg1, sizeof msg1 - 1) < 0 || write(2, current, strlen(current)) < 0 ||
        write(2, msg2, sizeof msg2 - 1) < 0)
        _exit(3);
    _exit(3);
}

static int
run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        uint8_t *nb = realloc(buf, cap *= 2);
        if (!nb)
            free(buf);
        buf = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return 1;
    }
    /* exactly N bytes (malloc(0) may return NULL: keep one byte then) */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    memcpy(exact, buf, n);
    free(buf);
    fprintf(stderr, "replay %s (%zu bytes)\n", path, n);
    current = path;
    alarm(REPLAY_SECONDS);
    LLVMFuzzerTestOneInput(exact, n);
    alarm(0);
    free(exact);
    return 0;
}

static int
skip_dots(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

int
main(int argc, char **argv)
{
    int failed = 0;
    size_t count = 0;
    signal(SIGALRM, on_alarm);
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            failed = 1;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            failed |= run_file(argv[i]);
            count++;
            continue;
        }
        struct dirent **names;
        int n = scandir(argv[i], &names, skip_dots, alphasort);
        if (n < 0) {
            perror(argv[i]);
            failed = 1;
            continue;
        }
        for (int k = 0; k < n; k++) {
            size_t len = strlen(argv[i]) + strlen(names[k]->d_name) + 2;
            char *path = malloc(len);
            if (path) {
                snprintf(path, len, "%s/%s", argv[i], names[k]->d_name);
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                    failed |= run_file(path);
                    count++;
                }
                free(path);
            }
            free(names[k]);
        }
        free(names);
    }
    fprintf(stderr, "%s: %zu inputs replayed%s\n", argv[0], count,
            failed ? ", some unreadable" : "");
    return failed;
}
