/* Generic state-space model and Kalman filter (statespace.c) against
 * closed-form results: the exact AR(1) likelihood (Hamilton 1994, "Time
 * Series Analysis", eq. 5.2.9), the two-step prediction over a missing
 * value, and random-walk forecast covariances (for a random walk without
 * observation noise, Cov(y_{n+i}, y_{n+j}) = P + min(i, j) - 1, since the
 * errors share their first min(i, j) - 1 shocks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"
#include "ss_internal.h"

static const double Y[10] = {0.3, -0.5, 1.2, 0.8, -0.1, 0.4, 1.5, 0.9, -0.7, 0.2};

static fc_ss_model *ar1_model(double phi)
{
    fc_ss_model *ss = NULL;
    assert_int_equal(fc_ss_alloc(1, &ss, NULL), FC_OK);
    ss->T[0] = phi;
    ss->Z[0] = 1.0;
    ss->Q[0] = 1.0;
    ss->P[0] = 1.0 / (1.0 - phi * phi);
    return ss;
}

static void test_ar1_filter_gives_exact_likelihood_sums(void **state)
{
    (void)state;
    double phi = 0.6;
    fc_ss_model *ss = ar1_model(phi);
    fc_ss_loglik ll;
    assert_int_equal(fc_ss_filter(ss, Y, 10, NULL, &ll, NULL, NULL), FC_OK);
    /* Hamilton (5.2.9): (1 - phi^2) y1^2 + sum (y_t - phi y_{t-1})^2 and
     * the only non-unit prediction variance is 1/(1 - phi^2). */
    double ssq = (1 - phi * phi) * Y[0] * Y[0];
    for (int t = 1; t < 10; t++)
        ssq += (Y[t] - phi * Y[t - 1]) * (Y[t] - phi * Y[t - 1]);
    assert_true(fabs(ll.ssq - ssq) < 1e-13);
    assert_true(fabs(ll.sumlog + log(1 - phi * phi)) < 1e-13);
    assert_int_equal(ll.nused, 10);
    fc_ss_free(ss);
}

static void test_chandrasekhar_matches_the_kalman_filter(void **state)
{
    (void)state;
    double phi = 0.6;
    fc_ss_model *ss = ar1_model(phi);
    double pz = ss->P[0];
    fc_ss_loglik a, b;
    double ra[10], rb[10];
    assert_int_equal(fc_ss_filter_chandrasekhar(ss, &pz, Y, 10, &a, ra, NULL), FC_OK);
    assert_int_equal(fc_ss_filter(ss, Y, 10, NULL, &b, rb, NULL), FC_OK);
    assert_true(fabs(a.ssq - b.ssq) < 1e-13);
    assert_true(fabs(a.sumlog - b.sumlog) < 1e-13);
    for (int t = 0; t < 10; t++)
        assert_true(fabs(ra[t] - rb[t]) < 1e-13);
    fc_ss_free(ss);
}

static void test_missing_value_is_skipped_with_two_step_prediction(void **state)
{
    (void)state;
    double phi = 0.6, y[10];
    memcpy(y, Y, sizeof y);
    y[4] = NAN;
    fc_ss_model *ss = ar1_model(phi);
    fc_ss_loglik ll;
    double r[10];
    assert_int_equal(fc_ss_filter(ss, y, 10, NULL, &ll, r, NULL), FC_OK);
    assert_int_equal(ll.nused, 9);
    assert_true(isnan(r[4]));
    /* y_6 predicted from y_4: mean phi^2 y_4, variance 1 + phi^2 */
    double v = y[5] - phi * phi * y[3];
    assert_true(fabs(r[5] - v / sqrt(1 + phi * phi)) < 1e-13);
    fc_ss_free(ss);
}

static void test_random_walk_forecast_joint_covariance(void **state)
{
    (void)state;
    fc_ss_model *ss = NULL;
    assert_int_equal(fc_ss_alloc(1, &ss, NULL), FC_OK);
    ss->T[0] = 1.0;
    ss->Z[0] = 1.0;
    ss->Q[0] = 1.0;
    ss->P[0] = 2.5;
    ss->a[0] = 3.0;
    double mean[4], cov[16];
    assert_int_equal(fc_ss_forecast(ss, 4, mean, cov, NULL), FC_OK);
    for (int i = 0; i < 4; i++) {
        assert_true(fabs(mean[i] - 3.0) < 1e-15);
        for (int j = 0; j < 4; j++)
            assert_true(fabs(cov[i * 4 + j] - (2.5 + (i < j ? i : j))) < 1e-13);
    }
    fc_ss_free(ss);
}

static void test_filter_rejects_null_and_alloc_rejects_zero_dimension(void **state)
{
    (void)state;
    fc_ss_model *ss = NULL;
    fc_error err;
    assert_int_equal(fc_ss_alloc(0, &ss, &err), FC_EINVAL);
    assert_null(ss);
    fc_ss_loglik ll;
    assert_int_equal(fc_ss_filter(NULL, Y, 10, NULL, &ll, NULL, &err), FC_EINVAL);
    fc_ss_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ar1_filter_gives_exact_likelihood_sums),
        cmocka_unit_test(test_chandrasekhar_matches_the_kalman_filter),
        cmocka_unit_test(test_missing_value_is_skipped_with_two_step_prediction),
        cmocka_unit_test(test_random_walk_forecast_joint_covariance),
        cmocka_unit_test(test_filter_rejects_null_and_alloc_rejects_zero_dimension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
