/* X-11 timing per series for n = 144, 780, 10^4, 10^6 (monthly).
 *
 * Usage: bench_x11 [max_n]   (default 1000000)
 * Two series: AirPassengers (n = 144, the fixed reference run of
 * ../shared/reference/x13, where X-13ARIMA-SEATS takes about 0.03 s wall
 * per run) and a deterministic synthetic multiplicative series for the
 * other lengths:
 *   y_t = (100 + 0.01 t) (1 + 0.1 sin(2 pi t / 12)) (1 + 0.02 u_t),
 *   u_t = frac(sin(12.9898 t) * 43758.5453) - 0.5.
 * Specs: `fixed` (mult, s3x5, H13: X-13's fixed reference spec) and
 * `default` (MSR filter choice, automatic Henderson), each with and
 * without the diagnostics (M1-M11, Q, F-tests).  Prints CSV rows with the
 * median CPU time (CLOCK_PROCESS_CPUTIME_ID) over repeated runs.
 * Spec `auto`: the production pipeline fc_x11_auto (regARIMA with
 * calendar tests, automatic ARIMA and AO/LS outliers, forecast extension,
 * X-11; `forecast adjust --method x11`) on real industrial production:
 * IPB50001N_780 (n = 780, the X-13 reference run, which takes 1.52 s wall
 * in X-13ARIMA-SEATS 1.1 build 60, summary.json) and
 * datasets/us_ipb50001n_total_nsa.csv (n = 1268, beyond X-13's limit). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "forecast.h"
#include "bench_util.h"

static void synthetic(double *y, size_t n)
{
    const double pi = 3.14159265358979323846;
    for (size_t i = 0; i < n; i++) {
        double t = (double)(i + 1);
        double s = sin(12.9898 * t) * 43758.5453;
        double u = s - floor(s) - 0.5;
        y[i] = (100.0 + 0.01 * t) * (1.0 + 0.1 * sin(2.0 * pi * t / 12.0)) * (1.0 + 0.02 * u);
    }
}

static int reps_for(size_t n)
{
    if (n <= 1000)
        return 201;
    if (n <= 10000)
        return 21;
    return 3;
}

/* Median CPU seconds of one X-11 run (plus diagnostics when asked). */
static double time_x11(const fc_series *y, const fc_x11_options *o, int diag, int reps)
{
    double *t = malloc((size_t)reps * sizeof *t);
    if (!t)
        return NAN;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_cpu_seconds();
        fc_x11_result *res = NULL;
        fc_error err;
        if (fc_x11(y, o, &res, &err)) {
            fprintf(stderr, "bench_x11: %s\n", err.message);
            free(t);
            return NAN;
        }
        if (diag) {
            fc_x11_diagnostics d;
            fc_x11_diagnose(res, &d, NULL);
        }
        fc_x11_result_free(res);
        t[r] = bench_cpu_seconds() - t0;
    }
    double med = bench_median(t, reps);
    free(t);
    return med;
}

/* Median CPU seconds of fc_x11_auto (default options) on a CSV series;
 * NAN when the file cannot be read (reported on stderr). */
static double time_x11_auto(const char *const *paths, size_t npaths, int reps, size_t *n)
{
    fc_series_list *list = NULL;
    fc_error err;
    for (size_t i = 0; i < npaths && !list; i++)
        if (fc_csv_read_file(paths[i], &list, &err))
            list = NULL;
    if (!list || list->count == 0) {
        fprintf(stderr, "bench_x11: cannot read %s\n", paths[0]);
        fc_series_list_free(list);
        return NAN;
    }
    const fc_series *y = list->items[0];
    *n = y->n;
    double *t = malloc((size_t)reps * sizeof *t);
    double med = NAN;
    if (!t)
        goto done;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_cpu_seconds();
        fc_x11_auto_result *a = NULL;
        if (fc_x11_auto(y, NULL, &a, &err)) {
            fprintf(stderr, "bench_x11: %s\n", err.message);
            goto done;
        }
        fc_x11_auto_result_free(a);
        t[r] = bench_cpu_seconds() - t0;
    }
    med = bench_median(t, reps);
done:
    free(t);
    fc_series_list_free(list);
    return med;
}

int main(int argc, char **argv)
{
    size_t max_n = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
    static const size_t sizes[] = {144, 780, 10000, 1000000};
    printf("series,n,spec,diagnostics,reps,median_seconds,x13_wall_seconds\n");
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        if (n > max_n)
            break;
        double *v = malloc(n * sizeof *v);
        if (!v)
            return 1;
        const char *name = n == 144 ? "AirPassengers" : "synthetic";
        if (n == 144) {
            for (size_t i = 0; i < n; i++)
                v[i] = BENCH_AIRPASSENGERS[i];
        } else {
            synthetic(v, n);
        }
        fc_period start = {1949, 1};
        fc_series *y = NULL;
        if (fc_series_from_array(v, n, 12, start, &y, NULL))
            return 1;
        for (int spec = 0; spec < 2; spec++) {
            fc_x11_options o;
            fc_x11_options_default(&o);
            if (spec == 0) {
                o.seasonalma = FC_X11_SMA_3X5;
                o.trendma = 13;
            }
            for (int diag = 0; diag < 2; diag++) {
                int reps = reps_for(n);
                double s = time_x11(y, &o, diag, reps);
                /* X-13 wall times from ../shared/reference/x13/README.md;
                 * X-13 cannot run beyond 780 observations. */
                const char *x13 = spec == 0 ? (n == 144 ? "0.03" : n == 780 ? "0.05" : "")
                                            : "";
                printf("%s,%zu,%s,%s,%d,%.3e,%s\n", name, n, spec ? "default" : "fixed",
                       diag ? "yes" : "no", reps, s, x13);
                fflush(stdout);
            }
        }
        fc_series_free(y);
        free(v);
    }
    /* the production pipeline on real series (X-13 wall time: summary.json
     * of ../shared/reference/x13/IPB50001N_780/auto) */
    static const char *const ipb780[] = {"../shared/reference/x13/data/IPB50001N_780.csv",
                                         "/work/shared/reference/x13/data/IPB50001N_780.csv"};
    static const char *const ipb1268[] = {"datasets/us_ipb50001n_total_nsa.csv"};
    struct { const char *name; const char *const *paths; size_t npaths; const char *x13; } runs[] = {
        {"IPB50001N_780", ipb780, 2, "1.52"}, {"us_ipb50001n_total_nsa", ipb1268, 1, ""}};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        size_t n = 0;
        int reps = 3;
        double s = time_x11_auto(runs[i].paths, runs[i].npaths, reps, &n);
        if (isnan(s) || n > max_n)
            continue;
        printf("%s,%zu,auto,no,%d,%.3e,%s\n", runs[i].name, n, reps, s, runs[i].x13);
        fflush(stdout);
    }
    return 0;
}
