/* Quarter projection (project.c) against quarter intervals computed in R
 * (tests/fixtures/gen_project.R: forecast 8.20 fits, psi-weight forecast
 * covariances, exact Gaussian bounds, forecast() bounds for one month,
 * 4e6-draw Monte Carlo for two or three months on logs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "case_table.h"
#include "fixture_csv.h"

/* R datasets::AirPassengers (Box & Jenkins series G), 1949-01..1960-12, from
 * the shared fixture tests/fixtures/unitroot_series.csv (read in setup). */
static double *AP;

static int read_airpassengers(void **state)
{
    (void)state;
    fx_table t;
    if (fx_read("tests/fixtures/unitroot_series.csv", &t) != 0)
        return -1;
    size_t n = 0;
    AP = fx_series_values(&t, "series", "AirPassengers", "value", &n);
    fx_free(&t);
    return AP && n == 144 ? 0 : -1;
}

static int free_airpassengers(void **state)
{
    (void)state;
    free(AP);
    AP = NULL;
    return 0;
}

typedef struct {
    char name[64], transform[8], agg[8], method[16];
    int n, qyear, qsub;
    double coef[2], diag_se[3], level, previous, yoy, lower[2], upper[2];
    int nse;
} pcase;

static int load(pcase *cases, int max)
{
    FILE *f = fopen("tests/fixtures/project_cases.txt", "r");
    if (!f)
        return 0;
    char line[1024];
    int n = -1;
    while (fgets(line, sizeof line, f)) {
        pcase *c = n >= 0 ? &cases[n] : NULL;
        if (strncmp(line, "case ", 5) == 0 && n + 1 < max) {
            c = &cases[++n];
            memset(c, 0, sizeof *c);
            sscanf(line + 5, "%63s", c->name);
        } else if (!c) {
            continue;
        } else if (sscanf(line, "n %d", &c->n) == 1) {
        } else if (sscanf(line, "transform %7s", c->transform) == 1) {
        } else if (sscanf(line, "aggregate %7s", c->agg) == 1) {
        } else if (sscanf(line, "quarter %d %d", &c->qyear, &c->qsub) == 2) {
        } else if (sscanf(line, "method %15s", c->method) == 1) {
        } else if (sscanf(line, "coef %lf %lf", &c->coef[0], &c->coef[1]) == 2) {
        } else if (strncmp(line, "diag_se", 7) == 0) {
            c->nse = sscanf(line + 7, "%lf %lf %lf", &c->diag_se[0], &c->diag_se[1], &c->diag_se[2]);
        } else if (sscanf(line, "level %lf", &c->level) == 1) {
        } else if (sscanf(line, "previous %lf", &c->previous) == 1) {
        } else if (sscanf(line, "yoy %lf", &c->yoy) == 1) {
        } else if (sscanf(line, "lower %lf %lf", &c->lower[0], &c->lower[1]) == 2) {
        } else if (sscanf(line, "upper %lf %lf", &c->upper[0], &c->upper[1]) == 2) {
        }
    }
    fclose(f);
    return n + 1;
}

static double rel(double a, double b)
{
    return fabs(a - b) / fabs(b);
}

static fc_series *ap_series(size_t n)
{
    fc_series *y = NULL;
    fc_period st = {1949, 1};
    assert_int_equal(fc_series_from_array(AP, n, 12, st, &y, NULL), FC_OK);
    return y;
}

/* The airline model with R's coefficients fixed, so that the projection is
 * compared with R's at identical parameters. */
static fc_arima_model *fit_fixed(const fc_series *y, const pcase *c)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.d = s.order.q = s.order.D = s.order.Q = 1;
    s.transform = strcmp(c->transform, "log") == 0 ? FC_TRANSFORM_LOG : FC_TRANSFORM_NONE;
    s.fixed = c->coef;
    fc_arima_model *m = NULL;
    assert_int_equal(fc_arima_fit(y, &s, NULL, &m, NULL), FC_OK);
    return m;
}

static void test_quarter_projection_matches_r(void **state)
{
    (void)state;
    pcase cases[8];
    int n = load(cases, 8);
    assert_true(n >= 5);
    for (int i = 0; i < n; i++) {
        const pcase *c = &cases[i];
        fc_series *y = ap_series((size_t)c->n);
        fc_arima_model *m = fit_fixed(y, c);
        /* the joint covariance's diagonal against R's psi-weight one (its
         * diagonal also equals R's predict() variances: tests/test_arima.c) */
        size_t h = (size_t)c->nse;
        double mu[3], cov[9];
        assert_int_equal(fc_arima_forecast_joint(m, h, NULL, mu, cov, NULL), FC_OK);
        for (size_t j = 0; j < h; j++) {
            print_message("%s se %zu: %.12g R psi %.12g\n", c->name, j, sqrt(cov[j * h + j]), c->diag_se[j]);
            /* psi weights assume an infinite past; the exact finite-sample
             * (Kalman) variance is larger by ~1e-6 relative here */
            assert_true(rel(sqrt(cov[j * h + j]), c->diag_se[j]) < 1e-5);
        }
        fc_project_options o = fc_project_options_default();
        o.model = FC_PROJECT_MODEL_FITTED;
        o.fitted = m;
        o.aggregate = strcmp(c->agg, "sum") == 0 ? FC_QUARTER_SUM : FC_QUARTER_MEAN;
        o.nlevels = 2;
        o.levels[0] = 80;
        o.levels[1] = 95;
        fc_quarter_projection q;
        fc_period qp = {c->qyear, c->qsub};
        fc_error err;
        assert_int_equal(fc_project_quarter(y, qp, &o, &q, &err), FC_OK);
        assert_string_equal(q.method, c->method);
        assert_true(rel(q.level, c->level) < 1e-9);
        assert_true(rel(q.previous, c->previous) < 1e-12);
        assert_true(fabs(q.yoy - c->yoy) < 1e-7);
        for (int l = 0; l < 2; l++) {
            double half = c->upper[l] - c->lower[l];
            /* exact methods: 1e-6 relative; simulation (1e5 antithetic draws
             * here, 4e6 in R): 1% of the interval width */
            double tol = strcmp(c->method, "exact") == 0 ? 1e-6 * c->level : 0.01 * half;
            print_message("%-30s %d%%: [%.4f, %.4f] R [%.4f, %.4f]\n", c->name, (int)o.levels[l],
                          q.level_lower[l], q.level_upper[l], c->lower[l], c->upper[l]);
            assert_true(fabs(q.level_lower[l] - c->lower[l]) < tol);
            assert_true(fabs(q.level_upper[l] - c->upper[l]) < tol);
            assert_true(fabs(q.yoy_lower[l] - 100 * (q.level_lower[l] / c->previous - 1)) < 1e-9);
        }
        assert_int_equal(q.months_projected, c->nse < 3 ? c->nse : 3);
        fc_arima_model_free(m);
        fc_series_free(y);
    }
}

static void test_simulation_is_deterministic_for_a_seed(void **state)
{
    (void)state;
    fc_series *y = ap_series(136);
    fc_project_options o = fc_project_options_default();
    fc_quarter_projection a, b;
    fc_period qp = {1960, 2};
    assert_int_equal(fc_project_quarter(y, qp, &o, &a, NULL), FC_OK);
    assert_int_equal(fc_project_quarter(y, qp, &o, &b, NULL), FC_OK);
    assert_true(a.level_lower[0] == b.level_lower[0] && a.level_upper[0] == b.level_upper[0]);
    assert_non_null(strstr(a.model, "ARIMA(0,1,1)(0,1,1)12 log"));
    assert_int_equal(a.months_observed, 1);
    fc_series_free(y);
}

static void test_observed_quarter_has_exact_level_and_growth(void **state)
{
    (void)state;
    fc_series *y = ap_series(144);
    fc_quarter_projection q;
    fc_period qp = {1960, 2};
    assert_int_equal(fc_project_quarter(y, qp, NULL, &q, NULL), FC_OK);
    /* AirPassengers: Q2 1960 = (461+472+535)/3, Q2 1959 = (396+420+472)/3 */
    assert_true(fabs(q.level - 1468.0 / 3.0) < 1e-12);
    assert_true(fabs(q.yoy - 100.0 * (1468.0 / 1288.0 - 1.0)) < 1e-10);
    assert_string_equal(q.method, "observed");
    assert_int_equal(q.months_projected, 0);
    fc_series_free(y);
}

/* Error paths: the status and the message naming the quarter at fault. */
static const struct {
    const char *name;
    fc_period quarter;
    double level;       /* levels[0] of the options; 0 = default options */
    int nan_at;         /* index of AP set to NaN, or -1 */
    fc_status status;
    const char *message; /* NULL = status only */
} error_cases[] = {
    {"previous year before the series", {1949, 2}, 0, -1, FC_ERANGE, "1948-Q2"},
    {"100% interval", {1961, 1}, 100, -1, FC_EINVAL, NULL},
    /* 1960-03, in the previous year of 1961-Q1 */
    {"missing month in the previous year", {1961, 1}, 0, 134, FC_EMISSING, "1960-Q1"},
};

static void test_projection_errors_name_the_problem(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof error_cases / sizeof error_cases[0]; k++) {
        fc_series *y = ap_series(144);
        fc_project_options o = fc_project_options_default();
        if (error_cases[k].level > 0)
            o.levels[0] = error_cases[k].level;
        if (error_cases[k].nan_at >= 0)
            y->values[error_cases[k].nan_at] = NAN;
        fc_quarter_projection q;
        fc_error err;
        fc_status got = fc_project_quarter(y, error_cases[k].quarter,
                                           error_cases[k].level > 0 ? &o : NULL, &q, &err);
        CASE_STATUS(error_cases[k].name, got, error_cases[k].status, err.message,
                    error_cases[k].message);
        fc_series_free(y);
    }
}

/* A quarterly series: the quarter is one value, observed (exact growth)
 * or forecast (its bounds are the forecast's bounds for that step). */
static void test_quarterly_series_projects_one_value(void **state)
{
    (void)state;
    fc_series *yq = NULL;
    fc_period s4 = {2000, 1};
    assert_int_equal(fc_series_from_array(AP, 40, 4, s4, &yq, NULL), FC_OK);
    fc_quarter_projection q;
    fc_period obs = {2009, 4}; /* AP[39] = 181 vs AP[35] = 166 */
    assert_int_equal(fc_project_quarter(yq, obs, NULL, &q, NULL), FC_OK);
    assert_true(fabs(q.yoy - 100.0 * (181.0 / 166.0 - 1.0)) < 1e-12);
    fc_arima_spec s = fc_arima_spec_default();
    s.order.d = 1;
    s.order.q = 1;
    fc_project_options o = fc_project_options_default();
    o.model = FC_PROJECT_MODEL_SPEC;
    o.spec = &s;
    fc_period ahead = {2010, 2}; /* two steps ahead */
    assert_int_equal(fc_project_quarter(yq, ahead, &o, &q, NULL), FC_OK);
    fc_arima_model *m = NULL;
    assert_int_equal(fc_arima_fit(yq, &s, NULL, &m, NULL), FC_OK);
    fc_forecast *f = NULL;
    double lv[1] = {80};
    assert_int_equal(fc_arima_forecast(m, 2, lv, 1, NULL, &f, NULL), FC_OK);
    assert_true(fabs(q.level - f->mean[1]) < 1e-9 * f->mean[1]);
    assert_true(fabs(q.level_lower[0] - f->lower[1]) < 1e-9 * f->mean[1]);
    assert_true(fabs(q.level_upper[0] - f->upper[1]) < 1e-9 * f->mean[1]);
    assert_true(fabs(q.previous - AP[37]) < 1e-12);
    assert_int_equal(q.months_projected, 3);
    fc_forecast_free(f);
    fc_arima_model_free(m);
    fc_series_free(yq);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quarter_projection_matches_r),
        cmocka_unit_test(test_simulation_is_deterministic_for_a_seed),
        cmocka_unit_test(test_observed_quarter_has_exact_level_and_growth),
        cmocka_unit_test(test_projection_errors_name_the_problem),
        cmocka_unit_test(test_quarterly_series_projects_one_value),
    };
    return cmocka_run_group_tests(tests, read_airpassengers, free_airpassengers);
}
