#if defined(__linux__)
#define _GNU_SOURCE  // sched_getcpu, sched_setaffinity and the CPU_* macros
#include <sched.h>
#endif

#include "CBenchSupport.h"

#include <errno.h>
#include <stddef.h>
#include <time.h>

#if defined(__linux__) && defined(__GLIBC__)

// The executable defines the allocation entry points itself; the dynamic linker binds
// every library's calls (the Swift runtime's included) to these, which count the call
// and forward to glibc's own implementation.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static uint64_t allocation_calls;

static inline void count_allocation(void) {
    __atomic_fetch_add(&allocation_calls, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size) {
    count_allocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_allocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_allocation();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_allocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) {
        return EINVAL;
    }
    count_allocation();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) {
        return ENOMEM;
    }
    *result = pointer;
    return 0;
}

int bench_allocation_counting_available(void) { return 1; }

uint64_t bench_allocation_count(void) {
    return __atomic_load_n(&allocation_calls, __ATOMIC_RELAXED);
}

#else

int bench_allocation_counting_available(void) { return 0; }

uint64_t bench_allocation_count(void) { return 0; }

#endif

uint64_t bench_monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define BENCH_HAVE_CALLGRIND 1
#endif
#endif

#ifdef BENCH_HAVE_CALLGRIND

int bench_running_on_valgrind(void) { return RUNNING_ON_VALGRIND ? 1 : 0; }

void bench_callgrind_zero(void) { CALLGRIND_ZERO_STATS; }

void bench_callgrind_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }

#else

int bench_running_on_valgrind(void) { return 0; }

void bench_callgrind_zero(void) {}

void bench_callgrind_dump(const char *label) { (void)label; }

#endif

int bench_pin_to_current_cpu(void) {
#if defined(__linux__)
    int cpu = sched_getcpu();
    if (cpu < 0) {
        return -1;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? cpu : -1;
#else
    return -1;
#endif
}

void bench_blackhole(const void *value) { (void)value; }
