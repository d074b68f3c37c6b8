/* STL timing for n = 10^3 .. 10^6 (monthly, period 12), plain and robust.
 *
 * Usage: bench_stl [max_n]   (default 1000000)
 * Prints one CSV row per (n, variant): median CPU time over repeated runs
 * (clock_gettime, CLOCK_PROCESS_CPUTIME_ID: CPU time, less
 * sensitive than wall time to the other jobs on a shared machine), the workspace + result memory, and the
 * peak resident set size.  The series is the same deterministic synthetic
 * series that benchmarks/bench_stl_r.R times with R's stats::stl:
 *   y_t = 100 + 0.01 t + 10 sin(2 pi t / 12) + 5 u_t,
 *   u_t = frac(sin(12.9898 t) * 43758.5453),  t = 1..n. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "forecast.h"
#include "bench_util.h"

static void synthetic(double *y, size_t n)
{
    const double pi = 3.14159265358979323846;
    for (size_t i = 0; i < n; i++) {
        double t = (double)(i + 1);
        double s = sin(12.9898 * t) * 43758.5453;
        double u = s - floor(s);
        y[i] = 100.0 + 0.01 * t + 10.0 * sin(2.0 * pi * t / 12.0) + 5.0 * u;
    }
}

static int reps_for(size_t n)
{
    if (n <= 1000)
        return 101;
    if (n <= 10000)
        return 21;
    if (n <= 100000)
        return 5;
    return 3;
}

static int run(size_t n, int robust)
{
    double *y = malloc(n * sizeof *y);
    double times[101];
    fc_stl_workspace *ws = NULL;
    fc_stl_result *r = NULL;
    fc_error err;
    if (!y || fc_stl_workspace_alloc(n, 12, &ws, &err) != FC_OK ||
        fc_stl_result_alloc(n, &r, &err) != FC_OK) {
        fprintf(stderr, "bench_stl: allocation failed for n = %zu\n", n);
        return 1;
    }
    synthetic(y, n);
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 7;
    o.robust = robust;
    int reps = reps_for(n);
    for (int k = 0; k < reps; k++) {
        double t0 = bench_cpu_seconds();
        if (fc_stl_decompose(y, n, &o, ws, r, &err) != FC_OK) {
            fprintf(stderr, "bench_stl: %s\n", err.message);
            return 1;
        }
        times[k] = bench_cpu_seconds() - t0;
    }
    double med = bench_median(times, reps);
    double mem_mb = (5.0 * (double)(n + 24) + 4.0 * (double)n) * sizeof(double) / 1e6;
    printf("%zu,%s,%d,%.6f,%.1f,%ld\n", n, robust ? "robust" : "plain", reps,
           med, mem_mb, bench_peak_rss_kib());
    fc_stl_result_free(r);
    fc_stl_workspace_free(ws);
    free(y);
    return 0;
}

int main(int argc, char **argv)
{
    size_t max_n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
    printf("n,variant,reps,median_seconds,workspace_result_MB,peak_rss_KiB\n");
    for (size_t n = 1000; n <= max_n; n *= 10)
        for (int robust = 0; robust <= 1; robust++)
            if (run(n, robust) != 0)
                return 1;
    return 0;
}
