/* Calendar benchmark: Lunar New Year dates 1900-2100 (both time zones),
 * Easter dates, and regressor generation for long spans (monthly series of
 * 10^3 .. 10^5 periods: the Gregorian day-count and Easter regressors are
 * defined for years up to 9999, i.e. at most 100 800 months from 1600;
 * LNY regressors for 1800-2199).
 * Median over repeated runs, clock_gettime(CLOCK_MONOTONIC). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "forecast.h"
#include "bench_util.h"

#define REPS 7

static volatile long sink;

static void bench_lny_dates(void)
{
    double t[REPS];
    for (int r = 0; r < REPS; r++) {
        double t0 = 1e3 * bench_wall_seconds();
        for (int y = 1900; y <= 2100; y++) {
            fc_date a, b;
            if (fc_lunar_new_year(y, FC_COUNTRY_VN, &a, NULL) != FC_OK ||
                fc_lunar_new_year(y, FC_COUNTRY_CN, &b, NULL) != FC_OK)
                exit(1);
            sink += a.day + b.day;
        }
        t[r] = 1e3 * bench_wall_seconds() - t0;
    }
    printf("| Lunar New Year 1900-2100, VN + CN (402 dates) | %.3f | %.2f us/date |\n",
           bench_median(t, REPS), bench_median(t, REPS) * 1e3 / 402.0);
}

static void bench_easter_dates(void)
{
    double t[REPS];
    for (int r = 0; r < REPS; r++) {
        double t0 = 1e3 * bench_wall_seconds();
        for (int y = 1600; y <= 9999; y++) {
            fc_date e;
            if (fc_easter_date(y, &e, NULL) != FC_OK)
                exit(1);
            sink += e.day;
        }
        t[r] = 1e3 * bench_wall_seconds() - t0;
    }
    printf("| Easter 1600-9999 (8400 dates) | %.3f | %.3f us/date |\n", bench_median(t, REPS),
           bench_median(t, REPS) * 1e3 / 8400.0);
}

static void bench_matrix(const char *spec, fc_period start, size_t n, int reps)
{
    double t[REPS];
    fc_calendar_options o = fc_calendar_options_default();
    for (int r = 0; r < reps; r++) {
        fc_calendar_matrix *m = NULL;
        double t0 = 1e3 * bench_wall_seconds();
        fc_error err;
        if (fc_calendar_matrix_build(spec, 12, start, n, &o, &m, &err) != FC_OK) {
            fprintf(stderr, "bench_calendar: %s\n", err.message);
            exit(1);
        }
        t[r] = 1e3 * bench_wall_seconds() - t0;
        sink += (long)m->x[n - 1];
        fc_calendar_matrix_free(m);
    }
    double md = bench_median(t, reps);
    printf("| `%s`, n = %zu months | %.3f | %.1f ns/period |\n", spec, n, md, md * 1e6 / (double)n);
}

int main(void)
{
    printf("| operation | median ms | per item |\n|---|---|---|\n");
    bench_lny_dates();
    bench_easter_dates();
    fc_period y1600 = {1600, 1}, y1801 = {1801, 1};
    size_t sizes[4] = {1000, 10000, 100000, 100800};
    for (int k = 0; k < 4; k++)
        bench_matrix("td,td1,lpyear,easter[8]", y1600, sizes[k], REPS);
    /* LNY spans are limited to 1800-2199: 4788 months; lny costs one New
     * Year computation per year plus the centring years (1968-2100) */
    bench_matrix("lny", y1801, 1000, REPS);
    bench_matrix("lny", y1801, 4788, REPS);
    bench_matrix("td,td1,lpyear,easter[8],lny", y1801, 4788, REPS);
    return sink == 42 ? 1 : 0;
}
