/*
 * mapped.c: read-only file maps (see mapped.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/mapped.h"

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
    void *mem = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (mem == MAP_FAILED)
        return error_set(err, IDNER_ERR_IO, "%s: mmap: %s", path, strerror(errno));
    m->mem = mem;
    m->size = (size_t)st.st_size;
    m->is_map = 1;
    return IDNER_OK;
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
