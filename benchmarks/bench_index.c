/* Benchmark: Laspeyres aggregation and contributions (fixed base and annual
 * overlap) for 500 components x 600 months and 10 components x 10^6 months,
 * and single-series chain-linking / unchaining of 10^6 months (median of
 * repeated runs, clock_gettime: CPU time by default, wall-clock time with
 * the argument "wall"). */
#include <forecast.h>
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* CPU time of this process: the machine is shared, so wall-clock time
 * mostly measures the other jobs; the README reports both. */
static int use_cpu_clock = 1;

/* k positive component paths of n months from 1000-01, seasonal + drift. */
static fc_series **make_components(size_t k, size_t n)
{
    fc_series **c = calloc(k, sizeof *c);
    fc_period start = {1000, 1};
    unsigned long x = 12345;
    for (size_t i = 0; c && i < k; i++) {
        if (fc_series_alloc(n, 12, start, &c[i], NULL))
            exit(1);
        double level = 100.0;
        for (size_t t = 0; t < n; t++) {
            x = (x * 1103515245UL + 12345UL) & 0x7fffffffUL;
            level *= 1.0 + ((double)(x % 2001) - 1000.0) / 200000.0;
            c[i]->values[t] = level * (1.0 + 0.05 * sin((double)(t % 12) * 0.5236 + (double)i));
        }
    }
    return c;
}

static fc_weights *make_weights(size_t k, size_t n)
{
    size_t years = n / 12 + 1;
    fc_weights *w = NULL;
    if (fc_weights_alloc(years, k, &w, NULL))
        exit(1);
    for (size_t r = 0; r < years; r++) {
        w->years[r] = 1000 + (int)r;
        for (size_t i = 0; i < k; i++)
            w->values[r * k + i] = 1.0 + (double)((r * 7 + i * 3) % 11);
    }
    return w;
}

/* One run: compile the aggregate and its y/y contributions; seconds. */
static double run_aggregate(fc_series **c, size_t k, const fc_weights *w,
                            fc_aggregate_method m, double *g, double *contrib)
{
    fc_aggregate_options o = fc_aggregate_options_default();
    o.method = m;
    o.base_year = 1000;
    fc_aggregate *a = NULL;
    fc_error err;
    double t0 = bench_seconds(use_cpu_clock);
    if (fc_aggregate_compute((const fc_series *const *)c, k, w, &o, &a, &err) ||
        fc_aggregate_contrib_lag(a, 12, g, contrib, &err)) {
        fprintf(stderr, "bench_index: %s\n", err.message);
        exit(1);
    }
    double t = bench_seconds(use_cpu_clock) - t0;
    fc_aggregate_free(a);
    return t;
}

static void bench_aggregate(size_t k, size_t n, int repeats)
{
    fc_series **c = make_components(k, n);
    fc_weights *w = make_weights(k, n);
    double *g = malloc(n * sizeof *g), *contrib = malloc(k * n * sizeof *contrib);
    if (!c || !g || !contrib)
        exit(1);
    const char *names[] = {"fixed-base", "annual-overlap"};
    for (int m = 0; m < 2; m++) {
        double t[15];
        for (int r = 0; r < repeats; r++)
            t[r] = run_aggregate(c, k, w, (fc_aggregate_method)m, g, contrib);
        printf("aggregate + y/y contributions, %-14s %4zu x %7zu: median of %2d %9.2f ms\n",
               names[m], k, n, repeats, 1e3 * bench_median(t, repeats));
    }
    free(g);
    free(contrib);
    fc_weights_free(w);
    for (size_t i = 0; i < k; i++)
        fc_series_free(c[i]);
    free(c);
}

static void bench_chain(size_t n, int repeats)
{
    fc_series **c = make_components(1, n);
    const fc_chain_method methods[] = {FC_CHAIN_ANNUAL_OVERLAP, FC_CHAIN_ONE_PERIOD_OVERLAP,
                                       FC_CHAIN_OVER_THE_YEAR};
    const char *names[] = {"annual-overlap", "one-period-overlap", "over-the-year"};
    for (int m = 0; m < 3; m++) {
        double t[15];
        for (int r = 0; r < repeats; r++) {
            fc_series *u = NULL, *l = NULL;
            double t0 = bench_seconds(use_cpu_clock);
            if (fc_chain_unlink(c[0], methods[m], &u, NULL) ||
                fc_chain_link(u, methods[m], &l, NULL))
                exit(1);
            t[r] = bench_seconds(use_cpu_clock) - t0;
            fc_series_free(u);
            fc_series_free(l);
        }
        printf("unchain + chain, %-18s 1 x %7zu: median of %2d %9.2f ms\n", names[m], n,
               repeats, 1e3 * bench_median(t, repeats));
    }
    fc_series_free(c[0]);
    free(c);
}

int main(int argc, char **argv)
{
    use_cpu_clock = !(argc > 1 && argv[1][0] == 'w');
    printf("bench_index: %s time\n", use_cpu_clock ? "CPU" : "wall-clock");
    bench_aggregate(500, 600, 15);
    bench_aggregate(10, 1000000, 5);
    bench_chain(1000000, 7);
    return 0;
}
