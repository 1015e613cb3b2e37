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
#include <stdlib.h>

#define MEM_HUGE_MIN ((size_t)4 << 20)

/* Grows the array P (an lvalue) to N elements with realloc: P is the new block, or stays as it
 * was and OK (an int) becomes 0 when realloc fails. Parallel arrays grow one after another
 * this way and stay valid, whichever of them failed, for the caller to free. */
#define MEM_GROW(p, n, ok)                                                                         \
    do {                                                                                           \
        void *mem_grown_ = realloc((p), (n) * sizeof *(p));                                        \
        if (mem_grown_)                                                                            \
            (p) = mem_grown_;                                                                      \
        else                                                                                       \
            (ok) = 0;                                                                              \
    } while (0)

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
