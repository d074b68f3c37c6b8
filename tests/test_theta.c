/* Theta method against R forecast 8.20 thetaf() on real series
 * (tests/fixtures/gen_theta.R, series from unitroot_series.csv). */
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
                        "tests/fixtures/theta_expected.csv", &expected_tab);
}

static int free_fixtures(void **state)
{
    (void)state;
    fx_free_pair(&series_tab, &expected_tab);
    return 0;
}

static fc_series *fixture_series(size_t row)
{
    size_t n;
    const char *name = fx_str(&expected_tab, row, "series");
    double *v = fx_series_values(&series_tab, "series", name, "value", &n);
    assert_non_null(v);
    fc_series *s = NULL;
    fc_period start = {2000, 1};
    assert_int_equal(fc_series_from_array(v, n, (int)fx_num(&expected_tab, row, "freq"), start, &s, NULL),
                     FC_OK);
    free(v);
    return s;
}

static void test_theta_forecasts_match_thetaf(void **state)
{
    (void)state;
    assert_true(expected_tab.nrows >= 15);
    for (size_t r = 0; r < expected_tab.nrows; r++) {
        fc_series *s = fixture_series(r);
        double f[18];
        fc_theta_info info;
        const char *name = fx_str(&expected_tab, r, "series");
        assert_int_equal(fc_theta_forecast(s, 18, f, &info, NULL), FC_OK);
        if (info.seasonal != (int)fx_num(&expected_tab, r, "seasonal"))
            fail_msg("%s: seasonal %d, thetaf %d", name, info.seasonal,
                     (int)fx_num(&expected_tab, r, "seasonal"));
        /* drift is a closed form: tight */
        double dr = fx_num(&expected_tab, r, "drift");
        if (fabs(info.drift - dr) > 1e-9 * fmax(1.0, fabs(dr)))
            fail_msg("%s: drift %.15g, thetaf %.15g", name, info.drift, dr);
        /* alpha: R minimises the MSE with Nelder-Mead (ets, stops at
         * relative change 1e-8 and does not reach the 0.9999 bound exactly);
         * ours is the exact profile optimum, so agree to ~1e-3. */
        double al = fx_num(&expected_tab, r, "alpha");
        if (fabs(info.alpha - al) > 2e-3)
            fail_msg("%s: alpha %.10g, thetaf %.10g", name, info.alpha, al);
        for (int j = 0; j < 18; j++) {
            char col[16];
            snprintf(col, sizeof col, "f%d", j + 1);
            double want = fx_num(&expected_tab, r, col);
            if (fabs(f[j] - want) > 1e-3 * fabs(want))
                fail_msg("%s h=%d: %.10g, thetaf %.10g", name, j + 1, f[j], want);
        }
        fc_series_free(s);
    }
}

static void test_theta_constant_series_forecasts_the_constant(void **state)
{
    (void)state;
    double v[40];
    for (int i = 0; i < 40; i++)
        v[i] = 7.5;
    fc_series *s = NULL;
    fc_period start = {2020, 1};
    assert_int_equal(fc_series_from_array(v, 40, 12, start, &s, NULL), FC_OK);
    double f[5];
    fc_theta_info info;
    assert_int_equal(fc_theta_forecast(s, 5, f, &info, NULL), FC_OK);
    assert_int_equal(info.seasonal, 0);
    for (int j = 0; j < 5; j++)
        assert_true(fabs(f[j] - 7.5) < 1e-9);
    fc_series_free(s);
}

static void test_theta_rejects_missing_and_short_series(void **state)
{
    (void)state;
    double v[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    fc_series *s = NULL;
    fc_period start = {2020, 1};
    assert_int_equal(fc_series_from_array(v, 10, 12, start, &s, NULL), FC_OK);
    double f[3];
    fc_error err;
    s->values[3] = NAN;
    assert_int_equal(fc_theta_forecast(s, 3, f, NULL, &err), FC_EMISSING);
    s->values[3] = 4;
    s->n = 3;
    assert_int_equal(fc_theta_forecast(s, 3, f, NULL, &err), FC_ESHORT);
    s->n = 10;
    assert_int_equal(fc_theta_forecast(s, 3, NULL, NULL, &err), FC_EINVAL);
    assert_int_equal(fc_theta_forecast(NULL, 3, f, NULL, &err), FC_EINVAL);
    fc_series_free(s);
}

static void test_theta_zero_seasonal_index_falls_back_to_non_seasonal(void **state)
{
    (void)state;
    /* A series that is zero in every January: strong lag-12 autocorrelation
     * but a seasonal index of 0, which thetaf refuses (non-seasonal Theta). */
    double v[60];
    for (int i = 0; i < 60; i++)
        v[i] = (i % 12 == 0) ? 0.0 : 100.0 + i;
    fc_series *s = NULL;
    fc_period start = {2015, 1};
    assert_int_equal(fc_series_from_array(v, 60, 12, start, &s, NULL), FC_OK);
    double f[12];
    fc_theta_info info;
    assert_int_equal(fc_theta_forecast(s, 12, f, &info, NULL), FC_OK);
    assert_int_equal(info.seasonal, 0);
    for (int j = 0; j < 12; j++)
        assert_true(isfinite(f[j]));
    fc_series_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_theta_forecasts_match_thetaf),
        cmocka_unit_test(test_theta_constant_series_forecasts_the_constant),
        cmocka_unit_test(test_theta_rejects_missing_and_short_series),
        cmocka_unit_test(test_theta_zero_seasonal_index_falls_back_to_non_seasonal),
    };
    return cmocka_run_group_tests(tests, load_fixtures, free_fixtures);
}
