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

/* R datasets::AirPassengers (Box & Jenkins series G), 1949-01..1960-12:
 * the short real series the benchmarks time against R and X-13. */
static const double BENCH_AIRPASSENGERS[144] = {
    112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149,
    170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
    171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243,
    264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
    242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374,
    413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
    340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472,
    548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432};

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
