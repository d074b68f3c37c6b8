/* SARIMA fit timing: the airline model (0,1,1)(0,1,1)12 on logs for
 * n = 144 (AirPassengers), 1200, 12000, 120000 (a synthetic airline
 * process), and (2,1,1)(1,1,1)12 on log AirPassengers.
 *
 * Usage: bench_arima [max_n]   (default 120000)
 * Prints one CSV row per case: median CPU time per fit over repeated fits
 * (CLOCK_PROCESS_CPUTIME_ID), the log-likelihood (a check that the fits
 * agree with benchmarks/bench_arima_r.R, which times R's stats::arima on
 * the same series) and the peak resident set size.  Synthetic series
 * (R reproduces it exactly):
 *   e_t = 0.05 (frac(sin(12.9898 t) 43758.5453) - 0.5),  t = 1..n
 *   w_t = e_t - 0.4 e_{t-1} - 0.6 e_{t-12} + 0.24 e_{t-13}
 *   y_t = y_{t-1} + y_{t-12} - y_{t-13} + w_t,  y_t = 5 + 0.1 sin(2 pi t/12) for t <= 13. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "forecast.h"
#include "bench_util.h"

static void synthetic(double *y, size_t n)
{
    const double pi = 3.14159265358979323846;
    double *e = malloc(n * sizeof(double)), *z = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        double t = (double)(i + 1), s = sin(12.9898 * t) * 43758.5453;
        e[i] = 0.05 * (s - floor(s) - 0.5);
    }
    for (size_t i = 0; i < n; i++) {
        if (i < 13) {
            z[i] = 5.0 + 0.1 * sin(2.0 * pi * (double)(i + 1) / 12.0);
            continue;
        }
        double w = e[i] - 0.4 * e[i - 1] - 0.6 * e[i - 12] + 0.24 * e[i - 13];
        z[i] = z[i - 1] + z[i - 12] - z[i - 13] + w;
    }
    memcpy(y, z, n * sizeof(double));
    free(e);
    free(z);
}

static int reps_for(size_t n)
{
    return n <= 200 ? 101 : n <= 2000 ? 21 : n <= 20000 ? 5 : 3;
}

static int run(const char *label, const double *v, size_t n, int p, int P, fc_transform tr)
{
    fc_series *y = NULL;
    fc_period st = {1949, 1};
    if (fc_series_from_array(v, n, 12, st, &y, NULL))
        return 1;
    fc_arima_spec s = fc_arima_spec_default();
    s.order.p = p;
    s.order.d = 1;
    s.order.q = 1;
    s.order.P = P;
    s.order.D = 1;
    s.order.Q = 1;
    s.transform = tr;
    int reps = reps_for(n);
    double *t = malloc((size_t)reps * sizeof(double)), loglik = NAN;
    for (int r = 0; r < reps; r++) {
        fc_arima_model *m = NULL;
        fc_error err;
        double t0 = bench_cpu_seconds();
        fc_status rc = fc_arima_fit(y, &s, NULL, &m, &err);
        t[r] = bench_cpu_seconds() - t0;
        if (rc) {
            fprintf(stderr, "%s: %s\n", label, err.message);
            free(t);
            fc_series_free(y);
            return 1;
        }
        loglik = m->loglik;
        fc_arima_model_free(m);
    }
    double med = bench_median(t, reps);
    printf("%s,%zu,%d,%.6f,%.10f,%ld\n", label, n, reps, 1e3 * med, loglik, bench_peak_rss_kib());
    free(t);
    fc_series_free(y);
    return 0;
}

int main(int argc, char **argv)
{
    size_t max_n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 120000;
    printf("model,n,reps,median_ms,loglik,peak_rss_kib\n");
    if (run("airline_airpassengers", BENCH_AIRPASSENGERS, 144, 0, 0, FC_TRANSFORM_LOG) ||
        run("211_111_airpassengers", BENCH_AIRPASSENGERS, 144, 2, 1, FC_TRANSFORM_LOG))
        return 1;
    size_t sizes[3] = {1200, 12000, 120000};
    for (int i = 0; i < 3; i++) {
        if (sizes[i] > max_n)
            break;
        double *v = malloc(sizes[i] * sizeof(double));
        synthetic(v, sizes[i]);
        int rc = run("airline_synthetic", v, sizes[i], 0, 0, FC_TRANSFORM_NONE);
        free(v);
        if (rc)
            return 1;
    }
    return 0;
}
