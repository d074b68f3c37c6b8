/* The X-11 production pipeline (fc_x11_auto, `forecast adjust --method x11`)
 * on the seven series of X-13ARIMA-SEATS's `auto` reference runs
 * (../shared/reference/x13, copied to tests/fixtures/x13): per series the
 * median CPU time of one call over 3 runs, whether the chosen ARIMA orders
 * and regressors (constant, calendar, outliers) are X-13's (its
 * x13_model.txt), and the mean and maximum relative deviation of our D11
 * from X-13's d11.csv.  X-13's own wall time for each run is in
 * benchmarks/README.md (from each run's summary.json).
 *
 * Usage: bench_x11_auto   (run from the repository root; about 10 s) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "bench_util.h"

#define NREP 3
#define MAXNAMES 64

typedef struct {
    int order[6];
    size_t nreg;
    char reg[MAXNAMES][32];
} x13_choice;

/* Reads the `arima p d q P D Q` and `reg NAME value` lines of x13_model.txt. */
static int read_x13_choice(const char *series, x13_choice *c)
{
    char path[256], line[256];
    snprintf(path, sizeof path, "tests/fixtures/x13/%s/auto/x13_model.txt", series);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    memset(c, 0, sizeof *c);
    while (fgets(line, sizeof line, f)) {
        int *o = c->order;
        if (sscanf(line, "arima %d %d %d %d %d %d", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]) == 6)
            continue;
        if (strncmp(line, "reg ", 4) == 0 && c->nreg < MAXNAMES &&
            sscanf(line + 4, "%31s", c->reg[c->nreg]) == 1)
            c->nreg++;
    }
    fclose(f);
    return 0;
}

static int same_choice(const fc_x11_auto_result *a, const x13_choice *c)
{
    const fc_arima_order *o = &a->order;
    int ours[6] = {o->p, o->d, o->q, o->P, o->D, o->Q};
    if (memcmp(ours, c->order, sizeof ours) != 0 || a->nreg != c->nreg)
        return 0;
    for (size_t i = 0; i < c->nreg; i++) {
        int found = 0;
        for (size_t j = 0; j < a->nreg && !found; j++)
            found = strcmp(a->reg_names[j], c->reg[i]) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

static fc_series *read_one(const char *path)
{
    fc_series_list *l = NULL;
    fc_error err;
    if (fc_csv_read_file(path, &l, &err) != FC_OK || l->count < 1) {
        fprintf(stderr, "bench_x11_auto: %s\n", err.message);
        fc_series_list_free(l);
        return NULL;
    }
    fc_series *s = l->items[0];
    l->items[0] = NULL;
    fc_series_list_free(l);
    return s;
}

static int bench_series(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/x13/%s/fixed/b1.csv", name);
    fc_series *y = read_one(path);
    snprintf(path, sizeof path, "tests/fixtures/x13/%s/auto/d11.csv", name);
    fc_series *d11 = read_one(path);
    x13_choice want;
    if (!y || !d11 || d11->n != y->n || read_x13_choice(name, &want)) {
        fc_series_free(y);
        fc_series_free(d11);
        return 1;
    }
    double t[NREP];
    fc_x11_auto_result *a = NULL;
    for (int r = 0; r < NREP; r++) {
        fc_x11_auto_result_free(a);
        a = NULL;
        fc_error err;
        double t0 = bench_cpu_seconds();
        if (fc_x11_auto(y, NULL, &a, &err) != FC_OK) {
            fprintf(stderr, "bench_x11_auto: %s: %s\n", name, err.message);
            fc_series_free(y);
            fc_series_free(d11);
            return 1;
        }
        t[r] = bench_cpu_seconds() - t0;
    }
    double mean_dev = 0, max_dev = 0;
    for (size_t i = 0; i < y->n; i++) {
        double dev = fabs(a->x11->d11[i] / d11->values[i] - 1.0);
        mean_dev += dev / (double)y->n;
        max_dev = dev > max_dev ? dev : max_dev;
    }
    const fc_arima_order *o = &a->order;
    printf("%s,%zu,(%d %d %d)(%d %d %d),%zu,%s,%.3g,%.2e,%.2e\n", name, y->n, o->p, o->d, o->q,
           o->P, o->D, o->Q, a->nreg, same_choice(a, &want) ? "yes" : "no", bench_median(t, NREP),
           mean_dev, max_dev);
    fc_x11_auto_result_free(a);
    fc_series_free(y);
    fc_series_free(d11);
    return 0;
}

int main(void)
{
    const char *names[] = {"AirPassengers", "UKgas",     "nottem",       "USAccDeaths",
                           "co2",           "IPB50001N", "IPB50001N_780"};
    puts("series,n,model,regressors,x13_model_and_regressors,cpu_seconds,d11_mean_rel_dev,"
         "d11_max_rel_dev");
    int failed = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        failed |= bench_series(names[i]);
    return failed;
}
