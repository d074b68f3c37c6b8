/* Timing helpers shared by the benchmark programs benchmarks/bench_*.c:
 * clocks (CPU time of the process, or monotonic wall-clock time: the machine
 * is shared, so CPU time is the less noisy of the two), the median of
 * repeated runs, and the peak resident set size.  Static inline because each
 * benchmark is its own program and uses only some of them. */
#ifndef BENCHMARKS_BENCH_UTIL_H
#define BENCHMARKS_BENCH_UTIL_H

#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

/* Seconds of CPU time used by this process (CLOCK_PROCESS_CPUTIME_ID). */
static inline double bench_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall-clock seconds (CLOCK_MONOTONIC), for differences only. */
static inline double bench_wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds when cpu is non-zero, else wall-clock seconds. */
static inline double bench_seconds(int cpu)
{
    return cpu ? bench_cpu_seconds() : bench_wall_seconds();
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of t[0..n-1] (upper median for even n); sorts t in place. */
static inline double bench_median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, bench_cmp_double);
    return t[n / 2];
}

/* Peak resident set size of this process in KiB (Linux ru_maxrss). */
static inline long bench_peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

#endif
