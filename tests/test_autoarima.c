/* Automatic SARIMA against R forecast 8.20 auto.arima on real series
 * (tests/fixtures/gen_autoarima.R; series from unitroot_series.csv), and the
 * robustness promises: constant, short, zero-containing, broken-trend and
 * gappy series always give a model with finite forecasts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"
#include "fixture_csv.h"

static fx_table series_tab, expected_tab;

static int load_fixtures(void **state)
{
    (void)state;
    return fx_read_pair("tests/fixtures/unitroot_series.csv", &series_tab,
                        "tests/fixtures/autoarima_expected.csv", &expected_tab);
}

static int free_fixtures(void **state)
{
    (void)state;
    fx_free_pair(&series_tab, &expected_tab);
    return 0;
}

static fc_series *make_series(const double *v, size_t n, int freq)
{
    fc_series *s = NULL;
    fc_period start = {2001, 1};
    assert_int_equal(fc_series_from_array(v, n, freq, start, &s, NULL), FC_OK);
    return s;
}

static fc_series *fixture_series(size_t row)
{
    size_t n;
    double *v = fx_series_values(&series_tab, "series", fx_str(&expected_tab, row, "series"),
                                 "value", &n);
    assert_non_null(v);
    fc_series *s = make_series(v, n, (int)fx_num(&expected_tab, row, "freq"));
    free(v);
    return s;
}

/* Runs auto with the given search settings on every fixture series and
 * checks the orders, constant and AICc against the R run `prefix`. */
static void check_against_r(const char *prefix, int stepwise, int approximation,
                            const char *const *only, size_t nonly)
{
    size_t compared = 0;
    for (size_t r = 0; r < expected_tab.nrows; r++) {
        const char *name = fx_str(&expected_tab, r, "series");
        int wanted = nonly == 0;
        for (size_t i = 0; i < nonly; i++)
            wanted |= strcmp(only[i], name) == 0;
        if (!wanted)
            continue;
        fc_series *y = fixture_series(r);
        fc_auto_options o = fc_auto_options_default();
        o.stepwise = stepwise;
        o.approximation = approximation;
        fc_arima_model *m = NULL;
        fc_auto_report rep;
        fc_error err;
        fc_status st = fc_auto_arima(y, &o, &m, &rep, &err);
        if (st != FC_OK)
            fail_msg("%s: %s", name, err.message);
        char col[32];
        const char *fields[7] = {"p", "d", "q", "P", "D", "Q", "constant"};
        int got[7] = {rep.order.p, rep.order.d, rep.order.q, rep.order.P, rep.order.D,
                      rep.order.Q, rep.constant};
        for (int k = 0; k < 7; k++) {
            snprintf(col, sizeof col, "%s%s", prefix, fields[k]);
            if (got[k] != (int)fx_num(&expected_tab, r, col))
                fail_msg("%s (%s): %s = %d, auto.arima %d", name, prefix, fields[k], got[k],
                         (int)fx_num(&expected_tab, r, col));
        }
        snprintf(col, sizeof col, "%saicc", prefix);
        double want = fx_num(&expected_tab, r, col);
        /* same model: AICc as forecast::Arima within 1e-6 relative */
        if (fabs(m->aicc - want) > 1e-6 * fabs(want))
            fail_msg("%s (%s): aicc %.10g, auto.arima %.10g", name, prefix, m->aicc, want);
        assert_true(rep.models_fitted > 0);
        assert_int_equal(rep.fallback, FC_AUTO_FALLBACK_NONE);
        fc_arima_model_free(m);
        fc_series_free(y);
        compared++;
    }
    assert_true(compared >= (nonly ? nonly : 15));
}

static void test_stepwise_exact_search_matches_auto_arima(void **state)
{
    (void)state;
    /* reference: auto.arima(y, approximation = FALSE) */
    check_against_r("ex_", 1, 0, NULL, 0);
}

static void test_default_search_matches_auto_arima_including_css_approximation(void **state)
{
    (void)state;
    /* reference: auto.arima(y).  Up to 150 observations the default is the
     * exact search of the previous test; nottem (n = 240) goes through R's
     * CSS approximation and ends elsewhere than the exact search. */
    static const char *const only[] = {"nottem"};
    check_against_r("def_", 1, -1, only, 1);
}

static void test_exhaustive_search_matches_auto_arima(void **state)
{
    (void)state;
    /* reference: auto.arima(y, stepwise = FALSE, approximation = FALSE); the
     * series where the exhaustive optimum beats the stepwise one (and two
     * short ones, to keep the suite quick) */
    static const char *const only[] = {"N1402", "ldeaths", "N2650", "N2801"};
    check_against_r("full_", 0, 0, only, 4);
}

/* fc_auto_arima that must succeed: fails the test with the library's
 * message (prefixed by what, e.g. the series length) otherwise. */
static fc_arima_model *auto_ok(const fc_series *y, const fc_auto_options *o, fc_auto_report *rep,
                               const char *what)
{
    fc_arima_model *m = NULL;
    fc_error err;
    if (fc_auto_arima(y, o, &m, rep, &err) != FC_OK)
        fail_msg("%s%s", what, err.message);
    return m;
}

static void assert_finite_forecasts(const fc_arima_model *m, size_t h)
{
    fc_forecast *f = NULL;
    double levels[1] = {95};
    assert_int_equal(fc_arima_forecast(m, h, levels, 1, NULL, &f, NULL), FC_OK);
    for (size_t i = 0; i < h; i++) {
        assert_true(isfinite(f->mean[i]));
        assert_true(isfinite(f->lower[i]) && isfinite(f->upper[i]));
    }
    fc_forecast_free(f);
}

static void test_constant_series_gets_mean_model(void **state)
{
    (void)state;
    double v[36];
    for (int i = 0; i < 36; i++)
        v[i] = 42.0;
    fc_series *y = make_series(v, 36, 12);
    fc_auto_report rep;
    fc_arima_model *m = auto_ok(y, NULL, &rep, "");
    assert_int_equal(rep.fallback, FC_AUTO_FALLBACK_CONSTANT);
    assert_int_equal(rep.order.p + rep.order.d + rep.order.q, 0);
    fc_forecast *f = NULL;
    assert_int_equal(fc_arima_forecast(m, 6, NULL, 0, NULL, &f, NULL), FC_OK);
    for (int i = 0; i < 6; i++)
        assert_true(fabs(f->mean[i] - 42.0) < 1e-9);   /* R: Arima(fixed = mean) */
    fc_forecast_free(f);
    fc_arima_model_free(m);
    fc_series_free(y);
}

static void test_short_series_of_two_and_three_years_work(void **state)
{
    (void)state;
    /* the first 24 and 36 months of AirPassengers */
    size_t n;
    double *v = fx_series_values(&series_tab, "series", "AirPassengers", "value", &n);
    for (size_t len = 24; len <= 36; len += 6) {
        fc_series *y = make_series(v, len, 12);
        char what[32];
        snprintf(what, sizeof what, "n = %zu: ", len);
        fc_auto_report rep;
        fc_arima_model *m = auto_ok(y, NULL, &rep, what);
        if (len <= 24)
            assert_int_equal(rep.order.D, 0);   /* n <= 2 period: no seasonal test (R) */
        assert_finite_forecasts(m, 24);
        fc_arima_model_free(m);
        fc_series_free(y);
    }
    free(v);
}

static void test_series_with_zeros_and_breaks_get_finite_forecasts(void **state)
{
    (void)state;
    /* intermittent demand (zeros), then a trend with a level shift */
    double v[60];
    for (int i = 0; i < 60; i++)
        v[i] = (i % 5 == 0) ? 3.0 * (i % 3) : 0.0;
    fc_series *y = make_series(v, 60, 12);
    fc_auto_options o = fc_auto_options_default();
    o.transform = FC_AUTO_TRANSFORM_AUTO;
    fc_auto_report rep;
    fc_arima_model *m = auto_ok(y, &o, &rep, "");
    assert_int_equal(rep.transform, FC_TRANSFORM_NONE);   /* zeros: no log */
    assert_non_null(strstr(rep.note, "<= 0"));
    assert_finite_forecasts(m, 18);
    fc_arima_model_free(m);
    fc_series_free(y);

    for (int i = 0; i < 60; i++)
        v[i] = 100.0 + 2.0 * i + (i >= 30 ? 80.0 : 0.0) + ((i * 37) % 11) - 5.0;
    y = make_series(v, 60, 12);
    m = auto_ok(y, NULL, &rep, "");
    assert_finite_forecasts(m, 18);
    fc_arima_model_free(m);
    fc_series_free(y);
}

static void test_missing_values_inside_are_accepted(void **state)
{
    (void)state;
    size_t n;
    double *v = fx_series_values(&series_tab, "series", "USAccDeaths", "value", &n);
    v[10] = NAN;
    v[40] = NAN;
    fc_series *y = make_series(v, n, 12);
    fc_auto_report rep;
    fc_arima_model *m = auto_ok(y, NULL, &rep, "");
    assert_finite_forecasts(m, 12);
    fc_arima_model_free(m);
    fc_series_free(y);
    free(v);
}

static void test_transform_auto_takes_logs_of_airpassengers(void **state)
{
    (void)state;
    /* X-13ARIMA-SEATS' automatic transform test picks the log for
     * AirPassengers (e.g. R seasonal::seas(AirPassengers) reports "log") */
    size_t n;
    double *v = fx_series_values(&series_tab, "series", "AirPassengers", "value", &n);
    fc_series *y = make_series(v, n, 12);
    fc_auto_options o = fc_auto_options_default();
    o.transform = FC_AUTO_TRANSFORM_AUTO;
    fc_auto_report rep;
    fc_arima_model *m = auto_ok(y, &o, &rep, "");
    assert_int_equal(rep.transform, FC_TRANSFORM_LOG);
    assert_int_equal(m->spec.transform, FC_TRANSFORM_LOG);
    assert_true(rep.aicc_log < rep.aicc_level);
    assert_finite_forecasts(m, 24);
    fc_arima_model_free(m);
    fc_series_free(y);
    free(v);
}

static void test_bad_input_is_rejected_with_a_message(void **state)
{
    (void)state;
    double v[12] = {1, 2, 3, -4, 5, 6, 7, 8, 9, 10, 11, 12};
    fc_series *y = make_series(v, 12, 12);
    fc_arima_model *m = NULL;
    fc_error err;
    fc_auto_options o = fc_auto_options_default();
    o.transform = FC_AUTO_TRANSFORM_LOG;
    assert_int_equal(fc_auto_arima(y, &o, &m, NULL, &err), FC_EDOMAIN);
    assert_non_null(strstr(err.message, "positive"));
    assert_null(m);
    o = fc_auto_options_default();
    o.max_p = -1;
    assert_int_equal(fc_auto_arima(y, &o, &m, NULL, &err), FC_EINVAL);
    assert_int_equal(fc_auto_arima(NULL, NULL, &m, NULL, &err), FC_EINVAL);
    assert_int_equal(fc_auto_arima(y, NULL, NULL, NULL, &err), FC_EINVAL);
    y->n = 2;
    assert_int_equal(fc_auto_arima(y, NULL, &m, NULL, &err), FC_ESHORT);
    assert_non_null(strstr(err.message, "at least 3"));
    y->n = 12;
    y->values[5] = INFINITY;
    assert_int_equal(fc_auto_arima(y, NULL, &m, NULL, &err), FC_EDOMAIN);
    fc_series_free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stepwise_exact_search_matches_auto_arima),
        cmocka_unit_test(test_default_search_matches_auto_arima_including_css_approximation),
        cmocka_unit_test(test_exhaustive_search_matches_auto_arima),
        cmocka_unit_test(test_constant_series_gets_mean_model),
        cmocka_unit_test(test_short_series_of_two_and_three_years_work),
        cmocka_unit_test(test_series_with_zeros_and_breaks_get_finite_forecasts),
        cmocka_unit_test(test_missing_values_inside_are_accepted),
        cmocka_unit_test(test_transform_auto_takes_logs_of_airpassengers),
        cmocka_unit_test(test_bad_input_is_rejected_with_a_message),
    };
    return cmocka_run_group_tests(tests, load_fixtures, free_fixtures);
}
