/*
 * progress.c: the progress line on standard error (issue 12, item 6):
 *
 *   idner: 12840 documents, 41.3 MB, 17.9 MB/s, 37%, 0:04 left
 *
 * shown when standard error is a terminal and the output does not go to that same terminal
 * (--progress shows it there too; --quiet never), never when standard error is not a terminal.
 * It is drawn at the first document and then a few times a second, cleared before any message
 * and at the end. Percent and time left appear when the size of the input is known (regular
 * files, including a redirected standard input).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#define INTERVAL 0.25 /* seconds between updates */

static double
seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The total size of the input files, or 0 when one of them is not a regular file. */
static uint64_t
input_size(const cli *c)
{
    uint64_t total = 0;
    for (size_t i = 0; i < c->files.n; i++) {
        struct stat st;
        int r =
            strcmp(c->files.v[i], "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(c->files.v[i], &st);
        if (r != 0 || !S_ISREG(st.st_mode))
            return 0;
        total += (uint64_t)st.st_size;
    }
    return total;
}

void
progress_start(cli *c)
{
    progress *p = &c->progress_state;

    c->progress = NULL;
    if (c->progress_mode < 0 || !isatty(STDERR_FILENO))
        return;
    if (c->progress_mode == 0 && !c->out_path && isatty(STDOUT_FILENO))
        return; /* the output is on this terminal: the line would get in its way */
    memset(p, 0, sizeof *p);
    p->total = input_size(c);
    p->started = seconds();
    p->next = p->started;
    c->progress = p;
}

static void
draw(cli *c, double now)
{
    progress *p = c->progress;
    double mb = (double)c->in_bytes / 1e6, secs = now - p->started;
    char line[160];
    int n = snprintf(line, sizeof line, "\r\033[Kidner: %zu document%s, %.1f MB", p->docs,
                     p->docs == 1 ? "" : "s", mb);

    if (secs > 0.05)
        n += snprintf(line + n, sizeof line - (size_t)n, ", %.1f MB/s", mb / secs);
    if (p->total && c->in_bytes <= p->total) {
        double done = (double)c->in_bytes / (double)p->total;
        n += snprintf(line + n, sizeof line - (size_t)n, ", %d%%", (int)(done * 100));
        if (done > 0.01 && secs > 0.5) {
            long left = (long)(secs / done - secs + 0.5);
            snprintf(line + n, sizeof line - (size_t)n, ", %ld:%02ld left", left / 60, left % 60);
        }
    }
    fputs(line, stderr);
    fflush(stderr);
    p->shown = 1;
}

void
progress_tick(cli *c)
{
    progress *p = c->progress;
    if (!p)
        return;
    p->docs++;
    double now = seconds();
    if (now < p->next)
        return;
    p->next = now + INTERVAL;
    draw(c, now);
}

void
progress_clear(cli *c)
{
    progress *p = c->progress;
    if (p && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = 0;
        p->next = 0; /* redraw at the next document */
    }
}

void
progress_end(cli *c)
{
    progress_clear(c);
    c->progress = NULL;
}
