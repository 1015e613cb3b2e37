/*
 * mapped.c: read-only file maps (see mapped.h).
 *
 * Where a map is placed matters for its resident size. Linux (6.18 on) maps the whole large
 * folio of the page cache on a read fault when the folio fits in one page table: after a
 * large write (gazc writing gazetteer.bin in one call) ext4 holds such a file in 2 MiB folios,
 * so every page a lookup touches at random in a table of hundreds of MiB made 2 MiB resident
 * (a 10^6-entry gazetteer: 180 MiB of RSS for 6 MiB of pages actually read). A map whose
 * address is one page past a page-table boundary, where its file offset is at one, puts every
 * such folio across two page tables: the kernel then maps its usual fault-around window (64
 * KiB) and RSS follows the pages read. Small files, which hold no such folio, are mapped
 * anywhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/mapped.h"

/* The span of one last-level page table: PAGE / 8 entries of PAGE bytes (2 MiB with 4 KiB
 * pages). */
static size_t
table_span(size_t page)
{
    return page * (page / 8);
}

/* Maps SIZE bytes of FD read-only at an address one page past a multiple of the page-table
 * span (see above); MAP_FAILED when it cannot. */
static void *
map_offset(int fd, size_t size)
{
    long ps = sysconf(_SC_PAGESIZE);
    size_t page = ps > 0 ? (size_t)ps : 4096;
    size_t span = table_span(page);
    if (size < span)
        return mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    size_t len = (size + page - 1) & ~(page - 1);
    size_t room = len + span + page;
    /* reserve the room, place the map in it, give back the rest */
    char *r = mmap(NULL, room, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r == MAP_FAILED)
        return mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    char *at = (char *)((((uintptr_t)r + span - 1) & ~(uintptr_t)(span - 1)) + page);
    void *mem = mmap(at, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    if (mem == MAP_FAILED) {
        munmap(r, room);
        return mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    if (at > r)
        munmap(r, (size_t)(at - r));
    if (at + len < r + room)
        munmap(at + len, (size_t)(r + room - (at + len)));
    return mem;
}

idner_status
mapped_open(mapped *m, const char *path, idner_error *err)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return error_set(err, IDNER_ERR_DATA, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return error_set(err, IDNER_ERR_DATA, "%s: empty or unreadable", path);
    }
    void *mem = map_offset(fd, (size_t)st.st_size);
    close(fd);
    if (mem == MAP_FAILED)
        return error_set(err, IDNER_ERR_IO, "%s: mmap: %s", path, strerror(errno));
    m->mem = mem;
    m->size = (size_t)st.st_size;
    m->is_map = 1;
    return IDNER_OK;
}

void
mapped_random(const mapped *m, size_t off, size_t len)
{
    if (!m->is_map || off >= m->size)
        return;
    if (len > m->size - off)
        len = m->size - off;
    long ps = sysconf(_SC_PAGESIZE);
    uintptr_t page = ps > 0 ? (uintptr_t)ps : 4096;
    uintptr_t a = ((uintptr_t)m->mem + off + page - 1) & ~(page - 1);
    uintptr_t b = ((uintptr_t)m->mem + off + len) & ~(page - 1);
    if (a < b)
        (void)madvise((void *)a, b - a, MADV_RANDOM); /* advice: its failure changes nothing */
}

void
mapped_release(mapped *m)
{
    if (m->mem) {
        if (m->is_map)
            munmap(m->mem, m->size);
        else
            free(m->mem);
    }
    memset(m, 0, sizeof *m);
}
