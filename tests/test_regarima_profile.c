/* Regression with ARIMA errors by the profile likelihood
 * (libforecast/regarima_profile.c) against R 4.2 stats::arima through
 * forecast 8.20 Arima(method = "ML") with many regressors (trading day,
 * Easter, AO/LS outliers) on AirPassengers and the 780-month IPB50001N
 * extract: tests/fixtures/regarima_profile_cases.txt, written by
 * tests/fixtures/gen_regarima_profile.R (R and forecast versions in its
 * first line).  Also against fc_arima_fit (the same maximum) and on the
 * error and fall-back paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "regarima_profile.h"

#define FIXTURE "tests/fixtures/regarima_profile_cases.txt"
#define MAXK 32
#define NCASES 5

typedef struct {
    char name[96];
    int freq, start_year, start_sub;
    int order[7];
    int log, drift;
    size_t n, k, ncoef;
    double *y, *x;               /* x: k columns of n, column-major */
    char xname[MAXK][24];
    const char *xnames[MAXK];
    char coef_name[MAXK + 8][24];
    double coef[MAXK + 8], se[MAXK + 8];
    double loglik, sigma2, aicc;
} pcase;

static pcase cases[NCASES];
static size_t ncases;

static double *read_numbers(char *rest, size_t *count)
{
    size_t cap = 256, n = 0;
    double *v = malloc(cap * sizeof *v);
    for (char *tok = strtok(rest, " \n"); tok; tok = strtok(NULL, " \n")) {
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        v[n++] = strtod(tok, NULL);
    }
    *count = n;
    return v;
}

static int load_fixture(void **state)
{
    (void)state;
    FILE *f = fopen(FIXTURE, "r");
    if (!f)
        return -1;
    static char line[1 << 17];
    pcase *c = NULL;
    while (fgets(line, sizeof line, f)) {
        char key[32];
        int off = 0;
        if (line[0] == '#' || sscanf(line, "%31s %n", key, &off) < 1)
            continue;
        char *rest = line + off;
        size_t cnt = 0;
        if (strcmp(key, "case") == 0) {
            if (ncases == NCASES)
                break;
            c = &cases[ncases++];
            memset(c, 0, sizeof *c);
            sscanf(rest, "%95s", c->name);
        } else if (!c) {
            continue;
        } else if (strcmp(key, "freq") == 0) {
            c->freq = atoi(rest);
        } else if (strcmp(key, "start") == 0) {
            sscanf(rest, "%d %d", &c->start_year, &c->start_sub);
        } else if (strcmp(key, "order") == 0) {
            int *o = c->order;
            sscanf(rest, "%d %d %d %d %d %d %d", o, o + 1, o + 2, o + 3, o + 4, o + 5, o + 6);
        } else if (strcmp(key, "transform") == 0) {
            c->log = strncmp(rest, "log", 3) == 0;
        } else if (strcmp(key, "drift") == 0) {
            c->drift = atoi(rest);
        } else if (strcmp(key, "y") == 0) {
            c->y = read_numbers(rest, &c->n);
        } else if (strcmp(key, "x") == 0) {
            int o2 = 0;
            sscanf(rest, "%23s %n", c->xname[c->k], &o2);
            double *v = read_numbers(rest + o2, &cnt);
            if (cnt != c->n || c->k == MAXK) {
                free(v);
                fclose(f);
                return -1;
            }
            c->x = realloc(c->x, (c->k + 1) * c->n * sizeof(double));
            memcpy(c->x + c->k * c->n, v, c->n * sizeof(double));
            c->xnames[c->k] = c->xname[c->k];
            c->k++;
            free(v);
        } else if (strcmp(key, "coefnames") == 0) {
            for (char *tok = strtok(rest, " \n"); tok && c->ncoef < MAXK + 8;
                 tok = strtok(NULL, " \n"))
                snprintf(c->coef_name[c->ncoef++], 24, "%s", tok);
        } else if (strcmp(key, "coef") == 0 || strcmp(key, "se") == 0) {
            double *v = read_numbers(rest, &cnt);
            double *dst = key[0] == 'c' ? c->coef : c->se;
            for (size_t i = 0; i < cnt && i < MAXK + 8; i++)
                dst[i] = v[i];
            free(v);
        } else if (strcmp(key, "loglik") == 0) {
            c->loglik = strtod(rest, NULL);
        } else if (strcmp(key, "sigma2") == 0) {
            c->sigma2 = strtod(rest, NULL);
        } else if (strcmp(key, "aicc") == 0) {
            c->aicc = strtod(rest, NULL);
        }
    }
    fclose(f);
    return ncases == NCASES ? 0 : -1;
}

static int free_fixture(void **state)
{
    (void)state;
    for (size_t i = 0; i < ncases; i++) {
        free(cases[i].y);
        free(cases[i].x);
    }
    return 0;
}

static fc_series *case_series(const pcase *c)
{
    fc_series *y = NULL;
    fc_period p = {c->start_year, c->start_sub};
    assert_int_equal(fc_series_from_array(c->y, c->n, c->freq, p, &y, NULL), FC_OK);
    return y;
}

static fc_arima_spec case_spec(const pcase *c)
{
    fc_arima_spec s = fc_arima_spec_default();
    fc_arima_order o = {c->order[0], c->order[1], c->order[2], c->order[3],
                        c->order[4], c->order[5], c->order[6]};
    s.order = o;
    s.transform = c->log ? FC_TRANSFORM_LOG : FC_TRANSFORM_NONE;
    s.include_drift = c->drift;
    s.nxreg = c->k;
    s.xreg = c->x;
    s.xreg_names = c->xnames;
    return s;
}

static const pcase *find_case(const char *prefix)
{
    for (size_t i = 0; i < ncases; i++)
        if (strncmp(cases[i].name, prefix, strlen(prefix)) == 0)
            return &cases[i];
    fail_msg("fixture case %s missing", prefix);
    return NULL;
}

static double rel(double a, double b)
{
    return fabs(a - b) / (fabs(b) > 1e-300 ? fabs(b) : 1.0);
}

/* Profile fit of case c compared with R's recorded fit:
 * loglik within 1e-6 relative (R's kappa = 1e6 value, which
 * fc_arima_model.loglik reports), every coefficient within 1e-4 (absolute;
 * the regression coefficients are logs, i.e. relative effects) and within
 * 2% of its standard error, standard errors within 3% (R's come from
 * optim's numerical Hessian), sigma2 within 1e-4 relative. */
static void check_against_r(const pcase *c)
{
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    fc_arima_model *m = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_regarima_fit_profile(y, &s, NULL, &m, &err);
    if (st)
        fail_msg("%s: %s", c->name, err.message);
    assert_int_equal(m->ncoef, c->ncoef);
    double maxdc = 0.0, maxdc_se = 0.0, maxse = 0.0;
    for (size_t j = 0; j < c->ncoef; j++) {
        assert_string_equal(m->coef_names[j], c->coef_name[j]);
        double dc = fabs(m->coef[j] - c->coef[j]);
        maxdc = fmax(maxdc, dc);
        maxdc_se = fmax(maxdc_se, dc / c->se[j]);
        maxse = fmax(maxse, rel(m->se[j], c->se[j]));
    }
    double dl = rel(m->loglik, c->loglik);
    print_message("%s: k = %zu, loglik %.10f (R %.10f, rel %.1e), max |coef - R| %.1e "
                  "(%.1e se), max se rel %.1e, iterations of the final fit %zu\n",
                  c->name, m->ncoef, m->loglik, c->loglik, dl, maxdc, maxdc_se, maxse,
                  m->iterations);
    assert_true(dl <= 1e-6 || m->loglik > c->loglik);
    assert_true(maxdc <= 1e-4);
    assert_true(maxdc_se <= 0.02);
    assert_true(maxse <= 0.03);
    assert_true(rel(m->sigma2, c->sigma2) <= 1e-4);
    /* aicc from loglik with k + 1 parameters and nobs as forecast::Arima */
    assert_true(fabs((m->aicc - c->aicc) + 2.0 * (m->loglik - c->loglik)) <= 1e-6);
    fc_arima_model_free(m);
    fc_series_free(y);
}

static void test_airline_with_td_easter_and_outliers_matches_r(void **state)
{
    (void)state;
    check_against_r(find_case("airpassengers_airline"));
}

static void test_ar_with_drift_and_td_matches_r(void **state)
{
    (void)state;
    check_against_r(find_case("airpassengers_ar_drift"));
}

static void test_seasonal_ma_only_with_11_regressors_matches_r(void **state)
{
    (void)state;
    check_against_r(find_case("airpassengers_seasonal_ma"));
}

static void test_ipb780_arma_with_17_regressors_matches_r(void **state)
{
    (void)state;
    check_against_r(find_case("ipb50001n_780_arma"));
}

static void test_ipb780_ar2_sar_with_16_regressors_matches_r(void **state)
{
    (void)state;
    check_against_r(find_case("ipb50001n_780_ar2"));
}

/* The profile maximum is fc_arima_fit's maximum: same loglik (1e-6
 * relative), coefficients (1e-4), residuals and forecasts. */
static void test_profile_fit_equals_fc_arima_fit(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_airline");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    fc_arima_model *a = NULL, *b = NULL;
    assert_int_equal(fc_arima_fit(y, &s, NULL, &a, NULL), FC_OK);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &b, NULL), FC_OK);
    assert_true(rel(b->loglik, a->loglik) <= 1e-6);
    double maxdc = 0.0, maxse = 0.0, maxres = 0.0;
    for (size_t j = 0; j < a->ncoef; j++) {
        maxdc = fmax(maxdc, fabs(a->coef[j] - b->coef[j]));
        maxse = fmax(maxse, rel(b->se[j], a->se[j]));
    }
    for (size_t t = 0; t < a->n; t++)
        maxres = fmax(maxres, fabs(a->residuals[t] - b->residuals[t]));
    print_message("profile vs fc_arima_fit: loglik %.12f vs %.12f, max |dcoef| %.1e, "
                  "max se rel %.1e, max |dresid| %.1e\n",
                  b->loglik, a->loglik, maxdc, maxse, maxres);
    assert_true(maxdc <= 1e-4);
    assert_true(maxse <= 0.01);
    assert_true(maxres <= 1e-3);
    fc_arima_model_free(a);
    fc_arima_model_free(b);
    fc_series_free(y);
}

/* Warm start: the ARMA part of spec.init with css_start = 0 (Newton from
 * there, no CSS stage; the regression part of init is not needed) reaches
 * the same maximum as R. */
static void test_warm_start_from_init_without_css_matches_r(void **state)
{
    (void)state;
    const pcase *c = find_case("ipb50001n_780_arma");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    double init[MAXK + 8];
    for (size_t j = 0; j < c->ncoef; j++)
        init[j] = j < 3 ? c->coef[j] + 0.05 : NAN; /* ar1, ma1, sma1 moved off R's optimum */
    s.init = init;
    fc_arima_options o = fc_arima_options_default();
    o.css_start = 0;
    fc_arima_model *m = NULL;
    assert_int_equal(fc_regarima_fit_profile(y, &s, &o, &m, NULL), FC_OK);
    double maxdc = 0.0;
    for (size_t j = 0; j < c->ncoef; j++)
        maxdc = fmax(maxdc, fabs(m->coef[j] - c->coef[j]));
    assert_true(rel(m->loglik, c->loglik) <= 1e-6);
    assert_true(maxdc <= 1e-4);
    fc_arima_model_free(m);
    fc_series_free(y);
}

/* A warm start on the MA unit circle (sma1 = -1: a previous fit ended on
 * the boundary) is a stationary point of the concentrated likelihood by
 * the root-reflection symmetry (Newton left there stays, loglik 254.8);
 * the fit must still reach R's interior maximum (sma1 = -0.519,
 * loglik 275.83) of (0,1,0)(0,1,1)12 with 11 regressors. */
static void test_warm_start_on_ma_unit_circle_reaches_interior_maximum(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_seasonal_ma");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    double init[MAXK + 8];
    for (size_t j = 0; j < c->ncoef; j++)
        init[j] = NAN;
    init[0] = -1.0;
    s.init = init;
    fc_arima_options o = fc_arima_options_default();
    o.css_start = 0;
    fc_arima_model *m = NULL;
    assert_int_equal(fc_regarima_fit_profile(y, &s, &o, &m, NULL), FC_OK);
    print_message("warm start at sma1 = -1: sma1 %.6f (R %.6f), loglik %.8f (R %.8f)\n",
                  m->coef[0], c->coef[0], m->loglik, c->loglik);
    assert_true(rel(m->loglik, c->loglik) <= 1e-6);
    assert_true(fabs(m->coef[0] - c->coef[0]) <= 1e-4);
    fc_arima_model_free(m);
    fc_series_free(y);
}

/* Missing values: documented fall-back to fc_arima_fit, same result. */
static void test_missing_values_fall_back_to_fc_arima_fit(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_ar_drift");
    double *v = malloc(c->n * sizeof *v);
    memcpy(v, c->y, c->n * sizeof *v);
    v[40] = NAN;
    v[77] = NAN;
    fc_series *y = NULL;
    fc_period p = {c->start_year, c->start_sub};
    assert_int_equal(fc_series_from_array(v, c->n, c->freq, p, &y, NULL), FC_OK);
    fc_arima_spec s = case_spec(c);
    fc_arima_model *a = NULL, *b = NULL;
    assert_int_equal(fc_arima_fit(y, &s, NULL, &a, NULL), FC_OK);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &b, NULL), FC_OK);
    assert_int_equal(a->ncoef, b->ncoef);
    for (size_t j = 0; j < a->ncoef; j++)
        assert_true(a->coef[j] == b->coef[j]);
    assert_true(a->loglik == b->loglik);
    assert_true(isnan(b->residuals[40]) && isnan(b->residuals[77]));
    fc_arima_model_free(a);
    fc_arima_model_free(b);
    fc_series_free(y);
    free(v);
}

/* A regressor repeated: the design is singular, reported as fc_arima_fit
 * does (FC_ESINGULAR, no model). */
static void test_collinear_regressors_are_rejected(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_airline");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    double *x = malloc((c->k + 1) * c->n * sizeof *x);
    memcpy(x, c->x, c->k * c->n * sizeof *x);
    memcpy(x + c->k * c->n, c->x, c->n * sizeof *x); /* copy of Mon */
    const char *names[MAXK + 1];
    memcpy(names, c->xnames, c->k * sizeof *names);
    names[c->k] = "Mon2";
    s.nxreg = c->k + 1;
    s.xreg = x;
    s.xreg_names = names;
    fc_arima_model *m = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &m, &err), FC_ESINGULAR);
    assert_null(m);
    assert_non_null(strstr(err.message, "collinear"));
    free(x);
    fc_series_free(y);
}

static void test_missing_regressor_value_is_rejected(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_airline");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    double *x = malloc(c->k * c->n * sizeof *x);
    memcpy(x, c->x, c->k * c->n * sizeof *x);
    x[2 * c->n + 5] = NAN;
    s.xreg = x;
    fc_arima_model *m = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &m, &err), FC_EMISSING);
    assert_null(m);
    assert_non_null(strstr(err.message, "regressor 3"));
    free(x);
    fc_series_free(y);
}

static void test_short_series_and_bad_arguments_are_rejected(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_airline");
    fc_series *y = NULL;
    fc_period p = {c->start_year, c->start_sub};
    /* 30 observations: (0,1,1)(0,1,1)12 with 13 regressors needs 40 */
    assert_int_equal(fc_series_from_array(c->y, 30, 12, p, &y, NULL), FC_OK);
    fc_arima_spec s = case_spec(c);
    fc_arima_model *m = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &m, &err), FC_ESHORT);
    assert_null(m);
    assert_non_null(strstr(err.message, "needs at least"));
    fc_series_free(y);
    y = case_series(c);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, NULL, NULL), FC_EINVAL);
    /* y <= 0 under the log transform */
    double *v = malloc(c->n * sizeof *v);
    memcpy(v, c->y, c->n * sizeof *v);
    v[3] = 0.0;
    fc_series *y0 = NULL;
    assert_int_equal(fc_series_from_array(v, c->n, 12, p, &y0, NULL), FC_OK);
    assert_int_equal(fc_regarima_fit_profile(y0, &s, NULL, &m, &err), FC_EDOMAIN);
    assert_null(m);
    free(v);
    fc_series_free(y0);
    fc_series_free(y);
}

/* Without regressors there is nothing to concentrate: the result is
 * fc_arima_fit's, bit for bit. */
static void test_no_regressors_is_fc_arima_fit(void **state)
{
    (void)state;
    const pcase *c = find_case("airpassengers_airline");
    fc_series *y = case_series(c);
    fc_arima_spec s = case_spec(c);
    s.nxreg = 0;
    s.xreg = NULL;
    s.xreg_names = NULL;
    fc_arima_model *a = NULL, *b = NULL;
    assert_int_equal(fc_arima_fit(y, &s, NULL, &a, NULL), FC_OK);
    assert_int_equal(fc_regarima_fit_profile(y, &s, NULL, &b, NULL), FC_OK);
    for (size_t j = 0; j < a->ncoef; j++)
        assert_true(a->coef[j] == b->coef[j] && a->se[j] == b->se[j]);
    fc_arima_model_free(a);
    fc_arima_model_free(b);
    fc_series_free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_airline_with_td_easter_and_outliers_matches_r),
        cmocka_unit_test(test_ar_with_drift_and_td_matches_r),
        cmocka_unit_test(test_seasonal_ma_only_with_11_regressors_matches_r),
        cmocka_unit_test(test_ipb780_arma_with_17_regressors_matches_r),
        cmocka_unit_test(test_ipb780_ar2_sar_with_16_regressors_matches_r),
        cmocka_unit_test(test_profile_fit_equals_fc_arima_fit),
        cmocka_unit_test(test_warm_start_from_init_without_css_matches_r),
        cmocka_unit_test(test_warm_start_on_ma_unit_circle_reaches_interior_maximum),
        cmocka_unit_test(test_missing_values_fall_back_to_fc_arima_fit),
        cmocka_unit_test(test_collinear_regressors_are_rejected),
        cmocka_unit_test(test_missing_regressor_value_is_rejected),
        cmocka_unit_test(test_short_series_and_bad_arguments_are_rejected),
        cmocka_unit_test(test_no_regressors_is_fc_arima_fit),
    };
    return cmocka_run_group_tests(tests, load_fixture, free_fixture);
}
