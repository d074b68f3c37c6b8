/* M3 monthly forecasting benchmark (benchmarks/m3/README.md).
 *
 * Forecasts the 1428 M3 monthly series 18 months ahead with libforecast's
 * methods, scores them beside peer forecasts kept as CSV (R forecast's
 * auto.arima, ets, thetaf from run_r.R; the original M3 submissions), and
 * prints a Markdown table: sMAPE and MASE averaged over h = 1..18 and over
 * series, overall and per category, and CPU time per series.
 *
 * Scores (M3 definitions, Makridakis & Hibon 2000; Hyndman & Koehler 2006):
 *   sMAPE = mean_h 200 |y - f| / (|y| + |f|)
 *   MASE  = mean_h |y - f| / mean_{t>12} |x_t - x_{t-12}|   (in-sample
 *           seasonal naive scale)
 *
 * usage: m3 [--data DIR] [--peers DIR] [--published FILE] [--methods LIST]
 *           [--save DIR] [--limit N]
 *   --data DIR       m3_monthly.csv, m3_monthly_test.csv, m3_monthly_meta.csv
 *                    (default datasets/m3)
 *   --peers DIR      r_<method>.csv peer forecasts (default benchmarks/m3/fixtures)
 *   --published FILE m3_monthly_published_forecasts.csv (optional; THETA,
 *                    ForecastPro, BJauto, NAIVE2 rows are scored when given)
 *   --methods LIST   ours, among theta,auto,combo (default all)
 *   --save DIR       write our forecasts as DIR/lf_<method>.csv
 *   --limit N        first N series only (quick runs)
 *   --common         score every method only on the series that all of
 *                    them forecast (e.g. while a peer run is partial) */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forecast.h"

#define H 18
#define M3_MAX_SERIES 1500
#define NCAT 6

static const char *categories[NCAT] = {"MICRO", "INDUSTRY", "MACRO", "FINANCE", "DEMOGRAPHIC", "OTHER"};

typedef struct {
    char id[16];
    int category;
    fc_series *train;
    double test[H];
    double scale;       /* in-sample mean absolute seasonal-naive error */
} m3_series;

typedef struct {
    m3_series *s;
    size_t n;
} m3_data;

/* One method's forecasts for every series (NaN row = not available). */
typedef struct {
    char name[64];
    double (*f)[H];
    double *cpu;        /* seconds per series, NaN when unknown */
    size_t available;
} method_result;

static int category_index(const char *c)
{
    for (int i = 0; i < NCAT; i++)
        if (strcmp(c, categories[i]) == 0)
            return i;
    return -1;
}

static int find_series(const m3_data *d, const char *id)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->s[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int die(const char *what, const fc_error *err)
{
    fprintf(stderr, "m3: %s: %s\n", what, err ? err->message : "");
    return 1;
}

static int col(const fc_csv_table *t, const char *name, size_t *c)
{
    if (fc_csv_table_find_column(t, name, c) != FC_OK) {
        fprintf(stderr, "m3: %s has no column %s\n", fc_csv_table_source(t), name);
        return 1;
    }
    return 0;
}

static char *path_join(const char *dir, const char *file)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, file);
    return p;
}

/* Series from the meta file (id, category, n, start), values from the
 * training file (rows of a series in t order), hold-out from the test file. */
static int load_data(const char *dir, size_t limit, m3_data *d)
{
    fc_error err;
    fc_csv_table *meta = NULL, *train = NULL, *test = NULL;
    char *pm = path_join(dir, "m3_monthly_meta.csv"), *pt = path_join(dir, "m3_monthly.csv"),
         *ph = path_join(dir, "m3_monthly_test.csv");
    int rc = 1;
    if (fc_csv_table_read_file(pm, &meta, &err) || fc_csv_table_read_file(pt, &train, &err) ||
        fc_csv_table_read_file(ph, &test, &err)) {
        rc = die("reading data", &err);
        goto done;
    }
    size_t cid, ccat, cn, cy, cp, tid, tt, tv, hid, hh, hv;
    if (col(meta, "series_id", &cid) || col(meta, "category", &ccat) || col(meta, "n", &cn) ||
        col(meta, "start_year", &cy) || col(meta, "start_period", &cp) ||
        col(train, "series_id", &tid) || col(train, "t", &tt) || col(train, "value", &tv) ||
        col(test, "series_id", &hid) || col(test, "h", &hh) || col(test, "value", &hv))
        goto done;
    size_t ns = fc_csv_table_rows(meta);
    if (limit && limit < ns)
        ns = limit;
    d->s = calloc(ns, sizeof *d->s);
    d->n = ns;
    for (size_t i = 0; i < ns; i++) {
        m3_series *s = &d->s[i];
        snprintf(s->id, sizeof s->id, "%s", fc_csv_table_cell(meta, i, cid));
        s->category = category_index(fc_csv_table_cell(meta, i, ccat));
        fc_period start = {atoi(fc_csv_table_cell(meta, i, cy)), atoi(fc_csv_table_cell(meta, i, cp))};
        size_t n = (size_t)atol(fc_csv_table_cell(meta, i, cn));
        if (fc_series_alloc(n, 12, start, &s->train, &err)) {
            rc = die(s->id, &err);
            goto done;
        }
        fc_series_set_name(s->train, s->id, NULL);
        for (int j = 0; j < H; j++)
            s->test[j] = NAN;
    }
    for (size_t r = 0; r < fc_csv_table_rows(train); r++) {
        int i = find_series(d, fc_csv_table_cell(train, r, tid));
        if (i < 0)
            continue;
        long t = atol(fc_csv_table_cell(train, r, tt));
        double v;
        if (fc_csv_table_number(train, r, tv, 0, &v, &err)) {
            rc = die("training value", &err);
            goto done;
        }
        if (t >= 1 && (size_t)t <= d->s[i].train->n)
            d->s[i].train->values[t - 1] = v;
    }
    for (size_t r = 0; r < fc_csv_table_rows(test); r++) {
        int i = find_series(d, fc_csv_table_cell(test, r, hid));
        long h = atol(fc_csv_table_cell(test, r, hh));
        double v;
        if (i < 0 || h < 1 || h > H)
            continue;
        if (fc_csv_table_number(test, r, hv, 0, &v, &err)) {
            rc = die("test value", &err);
            goto done;
        }
        d->s[i].test[h - 1] = v;
    }
    for (size_t i = 0; i < ns; i++) {
        m3_series *s = &d->s[i];
        if (fc_series_require_complete(s->train, 13, s->id, &err) != FC_OK) {
            rc = die("incomplete training data", &err);
            goto done;
        }
        double sum = 0.0;
        for (size_t t = 12; t < s->train->n; t++)
            sum += fabs(s->train->values[t] - s->train->values[t - 12]);
        s->scale = sum / (double)(s->train->n - 12);
    }
    rc = 0;
done:
    fc_csv_table_free(meta);
    fc_csv_table_free(train);
    fc_csv_table_free(test);
    free(pm);
    free(pt);
    free(ph);
    return rc;
}

static method_result *method_new(const char *name, size_t n)
{
    method_result *m = calloc(1, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    m->f = malloc(n * sizeof *m->f);
    m->cpu = malloc(n * sizeof *m->cpu);
    for (size_t i = 0; i < n; i++) {
        m->cpu[i] = NAN;
        for (int j = 0; j < H; j++)
            m->f[i][j] = NAN;
    }
    return m;
}

static void method_free(method_result *m)
{
    if (!m)
        return;
    free(m->f);
    free(m->cpu);
    free(m);
}

/* Reads a CSV file whose leading lines starting with '#' are provenance
 * comments (run_r.R writes one): skips them, parses the rest strictly. */
static fc_status read_commented_csv(const char *path, fc_csv_table **t, fc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return FC_EIO;
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return FC_ENOMEM;
    size_t off = 0;
    while (off < len && buf[off] == '#') {
        while (off < len && buf[off] != '\n')
            off++;
        off++;
    }
    fc_status st = off < len ? fc_csv_table_read_buffer(buf + off, len - off, path, t, err) : FC_EPARSE;
    free(buf);
    return st;
}

/* Peer forecasts: series_id,cpu_seconds,model,f1..f18 (run_r.R). */
static method_result *load_peer(const char *path, const char *label, const m3_data *d)
{
    fc_csv_table *t = NULL;
    fc_error err;
    fc_status st = read_commented_csv(path, &t, &err);
    if (st == FC_EIO)
        return NULL;   /* peer not run: omitted from the table */
    if (st != FC_OK) {
        fprintf(stderr, "m3: %s: %s\n", path, err.message);
        return NULL;
    }
    method_result *m = method_new(label, d->n);
    size_t cid, ccpu, cf[H];
    int ok = !col(t, "series_id", &cid) && !col(t, "cpu_seconds", &ccpu);
    for (int j = 0; ok && j < H; j++) {
        char name[16];
        snprintf(name, sizeof name, "f%d", j + 1);
        ok = !col(t, name, &cf[j]);
    }
    for (size_t r = 0; ok && r < fc_csv_table_rows(t); r++) {
        int i = find_series(d, fc_csv_table_cell(t, r, cid));
        if (i < 0)
            continue;
        fc_csv_table_number(t, r, ccpu, 1, &m->cpu[i], NULL);
        for (int j = 0; j < H; j++)
            if (fc_csv_table_number(t, r, cf[j], 0, &m->f[i][j], &err) != FC_OK)
                m->f[i][j] = NAN;
        m->available++;
    }
    fc_csv_table_free(t);
    return m;
}

/* Original M3 submissions: series_id,method,h,forecast. */
static method_result *load_published(const char *path, const char *method, const m3_data *d)
{
    fc_csv_table *t = NULL;
    fc_error err;
    if (fc_csv_table_read_file(path, &t, &err) != FC_OK) {
        fprintf(stderr, "m3: %s\n", err.message);
        return NULL;
    }
    char label[64];
    snprintf(label, sizeof label, "M3 submission %s", method + strlen("M3pub_"));
    method_result *m = method_new(label, d->n);
    size_t cid, cm, ch, cf;
    if (!col(t, "series_id", &cid) && !col(t, "method", &cm) && !col(t, "h", &ch) &&
        !col(t, "forecast", &cf)) {
        int last = -1;
        for (size_t r = 0; r < fc_csv_table_rows(t); r++) {
            if (strcmp(fc_csv_table_cell(t, r, cm), method) != 0)
                continue;
            const char *id = fc_csv_table_cell(t, r, cid);
            int i = (last >= 0 && strcmp(d->s[last].id, id) == 0) ? last : find_series(d, id);
            long h = atol(fc_csv_table_cell(t, r, ch));
            if (i < 0 || h < 1 || h > H)
                continue;
            if (i != last)
                m->available++;
            last = i;
            fc_csv_table_number(t, r, cf, 0, &m->f[i][h - 1], NULL);
        }
    }
    fc_csv_table_free(t);
    return m;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---------------------------------------------------------- our methods */

static fc_status run_theta(const fc_series *y, double *f, char *note, size_t nsize)
{
    fc_error err;
    fc_status st = fc_theta_forecast(y, H, f, NULL, &err);
    if (st != FC_OK)
        snprintf(note, nsize, "%s", err.message);
    return st;
}

#ifdef M3_HAVE_AUTO
#include "m3_auto.h"
#endif

typedef fc_status (*forecaster)(const fc_series *, double *, char *, size_t);

static method_result *run_ours(const char *name, const char *label, forecaster fn, const m3_data *d)
{
    method_result *m = method_new(label, d->n);
    for (size_t i = 0; i < d->n; i++) {
        char note[FC_ERROR_MESSAGE_SIZE] = "";
        double t0 = cpu_now();
        fc_status st = fn(d->s[i].train, m->f[i], note, sizeof note);
        m->cpu[i] = cpu_now() - t0;
        if (st != FC_OK) {
            fprintf(stderr, "m3: %s on %s failed: %s\n", name, d->s[i].id, note);
            for (int j = 0; j < H; j++)
                m->f[i][j] = NAN;
            continue;
        }
        m->available++;
    }
    return m;
}

/* Mean of several methods' forecasts (all must be available). */
static method_result *combine(const char *label, method_result *const *parts, size_t k, size_t n)
{
    method_result *m = method_new(label, n);
    for (size_t i = 0; i < n; i++) {
        double cpu = 0.0;
        int ok = 1;
        for (size_t p = 0; p < k; p++) {
            ok = ok && !isnan(parts[p]->f[i][0]);
            cpu += parts[p]->cpu[i];
        }
        if (!ok)
            continue;
        for (int j = 0; j < H; j++) {
            double s = 0.0;
            for (size_t p = 0; p < k; p++)
                s += parts[p]->f[i][j];
            m->f[i][j] = s / (double)k;
        }
        m->cpu[i] = cpu;
        m->available++;
    }
    return m;
}

/* ---------------------------------------------------------------- scores */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Scores m on the series where mask is NULL or mask[i] is nonzero. */
static void score(const method_result *m, const m3_data *d, const char *mask, FILE *out)
{
    double smape_cat[NCAT] = {0}, mase_sum = 0.0, smape_sum = 0.0;
    size_t n_cat[NCAT] = {0}, n = 0;
    double *cpu = malloc(d->n * sizeof *cpu);
    size_t ncpu = 0;
    double cpu_total = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        if (isnan(m->f[i][0]) || (mask && !mask[i]))
            continue;
        const m3_series *s = &d->s[i];
        double sm = 0.0, ae = 0.0;
        for (int j = 0; j < H; j++) {
            double y = s->test[j], f = m->f[i][j];
            double den = fabs(y) + fabs(f);
            sm += den > 0.0 ? 200.0 * fabs(y - f) / den : 0.0;
            ae += fabs(y - f);
        }
        sm /= H;
        smape_sum += sm;
        mase_sum += ae / H / s->scale;
        n++;
        if (s->category >= 0) {
            smape_cat[s->category] += sm;
            n_cat[s->category]++;
        }
        if (!isnan(m->cpu[i])) {
            cpu[ncpu++] = m->cpu[i];
            cpu_total += m->cpu[i];
        }
    }
    fprintf(out, "| %s | %zu | %.3f | %.3f |", m->name, n, n ? smape_sum / (double)n : NAN,
            n ? mase_sum / (double)n : NAN);
    for (int c = 0; c < NCAT; c++)
        fprintf(out, " %.2f |", n_cat[c] ? smape_cat[c] / (double)n_cat[c] : NAN);
    if (ncpu) {
        qsort(cpu, ncpu, sizeof *cpu, cmp_double);
        fprintf(out, " %.3g | %.3g |\n", 1e3 * cpu[ncpu / 2], 1e3 * cpu_total / (double)ncpu);
    } else {
        fprintf(out, " - | - |\n");
    }
    free(cpu);
}

static void save(const method_result *m, const char *dir, const char *name, const m3_data *d)
{
    char file[256];
    snprintf(file, sizeof file, "%s/lf_%s.csv", dir, name);
    FILE *f = fopen(file, "w");
    if (!f) {
        fprintf(stderr, "m3: cannot write %s\n", file);
        return;
    }
    fprintf(f, "series_id,cpu_seconds");
    for (int j = 0; j < H; j++)
        fprintf(f, ",f%d", j + 1);
    fprintf(f, "\n");
    for (size_t i = 0; i < d->n; i++) {
        if (isnan(m->f[i][0]))
            continue;
        fprintf(f, "%s,%.6f", d->s[i].id, m->cpu[i]);
        for (int j = 0; j < H; j++)
            fprintf(f, ",%.10g", m->f[i][j]);
        fprintf(f, "\n");
    }
    fclose(f);
}

static int has_method(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *data = "datasets/m3", *peers = "benchmarks/m3/fixtures", *published = NULL;
    const char *methods = "theta,auto,combo", *savedir = NULL;
    size_t limit = 0;
    int common = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--common") == 0) {
            common = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "m3: %s needs a value\n", a);
            return 1;
        }
        if (strcmp(a, "--data") == 0)
            data = v;
        else if (strcmp(a, "--peers") == 0)
            peers = v;
        else if (strcmp(a, "--published") == 0)
            published = v;
        else if (strcmp(a, "--methods") == 0)
            methods = v;
        else if (strcmp(a, "--save") == 0)
            savedir = v;
        else if (strcmp(a, "--limit") == 0)
            limit = (size_t)atol(v);

        else {
            fprintf(stderr, "m3: unknown option %s\n", a);
            return 1;
        }
        i++;
    }
    m3_data d = {0};
    if (load_data(data, limit, &d) != 0)
        return 1;

    method_result *rows[32];
    size_t nrows = 0;
    method_result *theta = NULL, *autom = NULL;
    if (has_method(methods, "theta") || has_method(methods, "combo")) {
        theta = run_ours("theta", "libforecast theta", run_theta, &d);
        if (has_method(methods, "theta"))
            rows[nrows++] = theta;
    }
#ifdef M3_HAVE_AUTO
    if (has_method(methods, "auto") || has_method(methods, "combo")) {
        autom = run_ours("auto", "libforecast auto SARIMA", run_auto, &d);
        if (has_method(methods, "auto"))
            rows[nrows++] = autom;
    }
    if (has_method(methods, "combo") && theta && autom) {
        method_result *parts[2] = {autom, theta};
        rows[nrows++] = combine("libforecast (auto SARIMA + theta)/2", parts, 2, d.n);
    }
#endif
    if (savedir) {
        if (theta)
            save(theta, savedir, "theta", &d);
        if (autom)
            save(autom, savedir, "auto", &d);
    }
    const char *peer_files[][2] = {{"r_auto_arima.csv", "R forecast::auto.arima"},
                                   {"r_ets.csv", "R forecast::ets"},
                                   {"r_thetaf.csv", "R forecast::thetaf"}};
    for (size_t p = 0; p < 3; p++) {
        char *path = path_join(peers, peer_files[p][0]);
        method_result *m = load_peer(path, peer_files[p][1], &d);
        free(path);
        if (m)
            rows[nrows++] = m;
    }
    if (published) {
        const char *pub[] = {"M3pub_THETA", "M3pub_ForecastPro", "M3pub_BJauto", "M3pub_NAIVE2"};
        for (size_t p = 0; p < 4; p++) {
            method_result *m = load_published(published, pub[p], &d);
            if (m)
                rows[nrows++] = m;
        }
    }
    if (has_method(methods, "combo") && theta) {
        /* peers' combination, for reference: R auto.arima + our theta */
        for (size_t r = 0; r < nrows; r++)
            if (strcmp(rows[r]->name, "R forecast::auto.arima") == 0) {
                method_result *parts[2] = {rows[r], theta};
                rows[nrows++] = combine("(R auto.arima + libforecast theta)/2", parts, 2, d.n);
                break;
            }
    }

    printf("M3 monthly, %zu series, horizon %d (sMAPE in percent; CPU ms per series)\n\n", d.n, H);
    printf("| method | series | sMAPE | MASE |");
    for (int c = 0; c < NCAT; c++)
        printf(" %s |", categories[c]);
    printf(" median ms | mean ms |\n|---|---|---|---|");
    for (int c = 0; c < NCAT; c++)
        printf("---|");
    printf("---|---|\n");
    char *mask = NULL;
    if (common) {
        mask = malloc(d.n);
        for (size_t i = 0; i < d.n; i++) {
            mask[i] = 1;
            for (size_t r = 0; r < nrows; r++)
                mask[i] = mask[i] && !isnan(rows[r]->f[i][0]);
        }
    }
    for (size_t r = 0; r < nrows; r++)
        score(rows[r], &d, mask, stdout);
    free(mask);

    for (size_t r = 0; r < nrows; r++)
        if (rows[r] != theta && rows[r] != autom)
            method_free(rows[r]);
    method_free(theta);
    method_free(autom);
    for (size_t i = 0; i < d.n; i++)
        fc_series_free(d.s[i].train);
    free(d.s);
    return 0;
}
