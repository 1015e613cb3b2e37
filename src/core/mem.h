/*
 * core/mem.h: a hint to the kernel for the few blocks that grow with one document (tokens,
 * candidates, the stages' per-token arrays, the output): back them with huge pages where the
 * system allows it (transparent huge pages in "madvise" mode). One huge document then costs
 * 512 times fewer page faults and far fewer TLB misses; a block under MEM_HUGE_MIN (every
 * block of an ordinary document) is left alone, and nothing changes where the kernel says no.
 */
#ifndef IDNER_CORE_MEM_H
#define IDNER_CORE_MEM_H

#include <stddef.h>

#define MEM_HUGE_MIN ((size_t)4 << 20)

/* Hints that P[0, N) (a block of the allocator) is best backed by huge pages; no effect under
 * MEM_HUGE_MIN bytes. */
void mem_huge_impl(void *p, size_t n);

static inline void
mem_huge(void *p, size_t n)
{
    if (n >= MEM_HUGE_MIN && p)
        mem_huge_impl(p, n);
}

#endif
