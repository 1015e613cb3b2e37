/*
 * core/mem.c: the huge-page hint (see mem.h).
 */
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>

#include "core/mem.h"

void
mem_huge_impl(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    /* Every page the block touches, from the page of its start: a large block is a mapping of
     * its own that begins a few bytes before it, and a hint on only a part of that mapping
     * would split it, after which realloc could no longer grow it in place (mremap fails on
     * two mappings) and would copy it. The kernel makes huge pages of the 2 MB-aligned parts. */
    const uintptr_t page = 4096;
#ifdef __GLIBC__
    n = malloc_usable_size(p);
#endif
    uintptr_t a = (uintptr_t)p & ~(page - 1), e = ((uintptr_t)p + n + page - 1) & ~(page - 1);
    (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}
