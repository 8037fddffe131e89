// Support for the Logbook benchmarks: allocation counting, a monotonic clock,
// callgrind client requests and an optimisation barrier.
#ifndef CBENCHSUPPORT_H
#define CBENCHSUPPORT_H

#include <stdint.h>

/// 1 when this build counts allocation calls (Linux with glibc), else 0.
int bench_allocation_counting_available(void);

/// The number of allocation calls (malloc, calloc, realloc, posix_memalign,
/// aligned_alloc, memalign) made by any thread of the process so far.
uint64_t bench_allocation_count(void);

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t bench_monotonic_nanoseconds(void);

/// 1 when built with valgrind's client-request headers and running under valgrind.
int bench_running_on_valgrind(void);

/// Zeroes callgrind's counters (no-op outside callgrind).
void bench_callgrind_zero(void);

/// Writes a callgrind profile dump labelled `label` and zeroes the counters
/// (no-op outside callgrind).
void bench_callgrind_dump(const char *label);

/// Pins the calling thread to the CPU it is running on and returns that CPU's number,
/// or -1 where pinning is not available (not Linux) or failed. Processes the thread
/// starts afterwards inherit the pin, so a peer process runs on the same CPU.
int bench_pin_to_current_cpu(void);

/// Does nothing, opaquely: the optimiser cannot remove a call to it or the work
/// that produced its argument.
void bench_blackhole(const void *value);

#endif
