/* Benchmark: strict CSV parsing of 10^6 rows and growth rates over a
 * 10^6-point series (median of repeated runs, clock_gettime MONOTONIC).
 * A YYYY-MM date covers at most 120 000 months, so the 10^6-row file is the
 * long form `series,date,value` with 10 series of 100 000 months each. */
#include <forecast.h>
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define NROWS 1000000
#define NSERIES 10
#define REPEATS 7

/* Long CSV of NSERIES x NROWS/NSERIES monthly values, a seasonal pattern. */
static char *make_csv(size_t *len)
{
    size_t cap = (size_t)NROWS * 40 + 64, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    n += (size_t)sprintf(buf, "series,date,value\n");
    size_t per = NROWS / NSERIES;
    for (int s = 0; s < NSERIES; s++)
        for (size_t i = 0; i < per; i++) {
            int year = 1000 + (int)(i / 12), month = (int)(i % 12) + 1;
            double v = 100.0 + 10.0 * sin(month * 0.5236) + 0.001 * (double)i;
            n += (size_t)snprintf(buf + n, cap - n, "s%d,%04d-%02d,%.6f\n", s, year, month, v);
        }
    *len = n;
    return buf;
}

typedef fc_status (*growth_fn)(const fc_series *, fc_growth_form, fc_series **, fc_error *);

static double time_growth(const fc_series *s, growth_fn fn)
{
    double t[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
        fc_series *g;
        double t0 = bench_wall_seconds();
        if (fn(s, FC_GROWTH_PERCENT, &g, NULL) != FC_OK)
            exit(1);
        t[r] = bench_wall_seconds() - t0;
        fc_series_free(g);
    }
    return bench_median(t, REPEATS);
}

static fc_status quarterly_mean(const fc_series *s, fc_growth_form form, fc_series **out,
                                fc_error *err)
{
    (void)form;
    return fc_growth_quarterly(s, FC_QUARTER_MEAN, out, err);
}

int main(void)
{
    size_t len;
    char *csv = make_csv(&len);
    if (!csv)
        return 1;
    char path[] = "/tmp/bench_csv_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || fwrite(csv, 1, len, f) != len || fclose(f) != 0)
        return 1;
    double tb[REPEATS], tf[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
        fc_series_list *list;
        fc_error err;
        double t0 = bench_wall_seconds();
        if (fc_csv_read_buffer(csv, len, "bench", &list, &err) != FC_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        tb[r] = bench_wall_seconds() - t0;
        fc_series_list_free(list);
        t0 = bench_wall_seconds();
        if (fc_csv_read_file(path, &list, &err) != FC_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        tf[r] = bench_wall_seconds() - t0;
        fc_series_list_free(list);
    }
    remove(path);
    free(csv);

    fc_series *s;
    if (fc_series_alloc(NROWS, 12, (fc_period){1000, 1}, &s, NULL) != FC_OK)
        return 1;
    for (size_t i = 0; i < s->n; i++)
        s->values[i] = 100.0 + 10.0 * sin((double)(i % 12) * 0.5236) + 0.001 * (double)i;

    printf("| operation (10^6 rows / points) | median of %d, ms |\n|---|---|\n", REPEATS);
    printf("| fc_csv_read_buffer, long CSV (%.1f MB) | %.1f |\n", len / 1e6, 1e3 * bench_median(tb, REPEATS));
    printf("| fc_csv_read_file, same file | %.1f |\n", 1e3 * bench_median(tf, REPEATS));
    printf("| fc_growth_mom | %.2f |\n", 1e3 * time_growth(s, fc_growth_mom));
    printf("| fc_growth_yoy | %.2f |\n", 1e3 * time_growth(s, fc_growth_yoy));
    printf("| fc_growth_ytd | %.2f |\n", 1e3 * time_growth(s, fc_growth_ytd));
    printf("| fc_growth_quarterly (mean) | %.2f |\n", 1e3 * time_growth(s, quarterly_mean));
    fc_series_free(s);
    printf("\npeak resident memory: %.0f MB\n", bench_peak_rss_kib() / 1024.0);
    return 0;
}
