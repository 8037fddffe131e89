// The machine's floors under the end-to-end and async sink rows, in plain C:
//
//   1. write(2) of a 256-byte line to /dev/null, and clock_gettime(CLOCK_REALTIME);
//   2. the "syscall tax": how much longer a call-heavy piece of user code (about 200 ns
//      on its own) takes when every run of it is followed by a write(2), as a logging
//      call with one write(2) per record is;
//   3. malloc and free of a 320-byte block on one thread, against malloc on one thread and
//      free on another (what a record's fields cost when a background thread frees them).
//
//     cc -O2 -pthread Benchmarks/Scripts/floors.c -o /tmp/floors && /tmp/floors
//
// Each figure is the median of 7 rounds. Linux; any C compiler.
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 7

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values) {
    qsort(values, ROUNDS, sizeof(double), compare);
    return values[ROUNDS / 2];
}

// A call-heavy workload: nested calls and returns, like a logging call's code.
static volatile unsigned long sink;
__attribute__((noinline)) static unsigned long leaf(unsigned long x) { return x * 2654435761u ^ (x >> 7); }
__attribute__((noinline)) static unsigned long branch(unsigned long x, int depth) {
    unsigned long sum = 0;
    for (int i = 0; i < 4; i++) sum += leaf(x + i);
    return depth ? sum + branch(sum, depth - 1) : sum;
}
__attribute__((noinline)) static void work(void) {
    unsigned long sum = 0;
    for (int r = 0; r < 5; r++) sum += branch(r, 6);
    sink = sum;
}

#define QUEUE 8192
static void *ring[QUEUE];
static _Atomic long produced, consumed;
static long objects;

static void *freer(void *unused) {
    (void)unused;
    long next = 0;
    while (next < objects) {
        long available = atomic_load(&produced);
        while (next < available) {
            free(ring[next % QUEUE]);
            atomic_store(&consumed, ++next);
        }
    }
    return NULL;
}

int main(void) {
    int fd = open("/dev/null", O_WRONLY);
    char line[256];
    memset(line, 'x', sizeof line);
    line[255] = '\n';
    const int n = 200000;
    double writes[ROUNDS], clocks[ROUNDS], alone[ROUNDS], taxed[ROUNDS], tax[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (int i = 0; i < n; i++) (void)!write(fd, line, sizeof line);
        double t1 = now();
        struct timespec ts;
        for (int i = 0; i < n; i++) clock_gettime(CLOCK_REALTIME, &ts);
        double t2 = now();
        for (int i = 0; i < n; i++) work();
        double t3 = now();
        for (int i = 0; i < n; i++) {
            work();
            (void)!write(fd, line, sizeof line);
        }
        double t4 = now();
        writes[round] = (t1 - t0) / n;
        clocks[round] = (t2 - t1) / n;
        alone[round] = (t3 - t2) / n;
        taxed[round] = (t4 - t3) / n;
        tax[round] = taxed[round] - alone[round] - writes[round];
    }
    printf("write(2) of 256 bytes to /dev/null: %.0f ns\n", median(writes));
    printf("clock_gettime(CLOCK_REALTIME): %.0f ns\n", median(clocks));
    printf("call-heavy work alone: %.0f ns; with a write(2) after each run: %.0f ns\n", median(alone),
           median(taxed));
    printf("syscall tax (with - alone - write): %.0f ns\n", median(tax));

    objects = 2000000;
    double same[ROUNDS], cross[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (long i = 0; i < objects; i++) {
            void *p = malloc(320);
            *(volatile char *)p = 1;
            free(p);
        }
        double t1 = now();
        atomic_store(&produced, 0);
        atomic_store(&consumed, 0);
        pthread_t thread;
        pthread_create(&thread, NULL, freer, NULL);
        for (long i = 0; i < objects; i++) {
            while (i - atomic_load(&consumed) >= QUEUE) {
            }
            void *p = malloc(320);
            *(volatile char *)p = 1;
            ring[i % QUEUE] = p;
            atomic_store(&produced, i + 1);
        }
        pthread_join(thread, NULL);
        double t2 = now();
        same[round] = (t1 - t0) / objects;
        cross[round] = (t2 - t1) / objects;
    }
    printf("malloc + free of 320 bytes, one thread: %.0f ns\n", median(same));
    printf("malloc on one thread, free on another: %.0f ns per block\n", median(cross));
    return 0;
}
