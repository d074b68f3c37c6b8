/* Moving averages of X-11: Henderson weights and Musgrave end weights,
 * the centred 2 x period average and the seasonal 3xk filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"

/* Henderson weights, centre first, as tabulated (5 decimals, exact
 * fractions) in domain.md §5.1 [computed]; H5 is the classical
 * (-21, 84, 160, 84, -21)/286. */
static void test_henderson_weights_match_published_tables(void **state)
{
    (void)state;
    static const struct { size_t len; double w[12]; } tab[] = {
        {5, {0.55944, 0.29371, -0.07343}},
        {7, {0.41259, 0.29371, 0.05874, -0.05874}},
        {9, {0.33114, 0.26656, 0.11847, -0.00987, -0.04072}},
        {13, {0.24006, 0.21434, 0.14736, 0.06549, 0.00000, -0.02786, -0.01935}},
        {23, {0.14406, 0.13832, 0.12195, 0.09740, 0.06830, 0.03893, 0.01343, -0.00495,
              -0.01453, -0.01569, -0.01092, -0.00428}},
    };
    for (size_t t = 0; t < sizeof tab / sizeof tab[0]; t++) {
        double w[101];
        size_t m = (tab[t].len - 1) / 2;
        assert_int_equal(fc_henderson_weights(tab[t].len, w, NULL), FC_OK);
        for (size_t j = 0; j <= m; j++) {
            assert_true(fabs(w[m + j] - tab[t].w[j]) < 5e-6);
            assert_true(fabs(w[m - j] - tab[t].w[j]) < 5e-6);
        }
    }
    double w5[5];
    fc_henderson_weights(5, w5, NULL);
    assert_true(fabs(w5[2] - 160.0 / 286.0) < 1e-15);
    assert_true(fabs(w5[0] + 21.0 / 286.0) < 1e-15);
}

/* Henderson filters sum to one and reproduce cubics: sum j^2 w_j = 0. */
static void test_henderson_weights_reproduce_cubics(void **state)
{
    (void)state;
    for (size_t len = 3; len <= 41; len += 2) {
        double w[101], s = 0.0, s2 = 0.0;
        assert_int_equal(fc_henderson_weights(len, w, NULL), FC_OK);
        for (size_t j = 0; j < len; j++) {
            double lag = (double)j - (double)(len - 1) / 2.0;
            s += w[j];
            s2 += lag * lag * w[j];
        }
        assert_true(fabs(s - 1.0) < 1e-12);
        assert_true(fabs(s2) < 1e-10);
    }
}

/* The 13-term end filter for the last point with I/C 3.5 is X-11's
 * published (-0.092, -0.058, 0.012, 0.120, 0.244, 0.353, 0.421)
 * (Ladiray & Quenneville 2001, table of Musgrave weights; Doherty 2001). */
static void test_musgrave_end_weights_match_x11_table(void **state)
{
    (void)state;
    static const double ref[7] = {-0.092, -0.058, 0.012, 0.120, 0.244, 0.353, 0.421};
    double e[13];
    assert_int_equal(fc_henderson_end_weights(13, 7, 3.5, e, NULL), FC_OK);
    for (int i = 0; i < 7; i++)
        assert_true(fabs(e[i] - ref[i]) < 5.1e-4);
}

/* End weights sum to one; with all observations they are the symmetric
 * filter; with a huge I/C (R -> 0) the cut weight is spread evenly. */
static void test_musgrave_end_weights_limits(void **state)
{
    (void)state;
    double c[23], e[23];
    fc_henderson_weights(23, c, NULL);
    for (size_t avail = 12; avail <= 23; avail++) {
        double s = 0.0;
        assert_int_equal(fc_henderson_end_weights(23, avail, 4.5, e, NULL), FC_OK);
        for (size_t i = 0; i < avail; i++)
            s += e[i];
        assert_true(fabs(s - 1.0) < 1e-12);
    }
    fc_henderson_end_weights(23, 23, 4.5, e, NULL);
    for (size_t i = 0; i < 23; i++)
        assert_true(fabs(e[i] - c[i]) < 1e-15);
    fc_henderson_end_weights(23, 15, 1e9, e, NULL);
    double cut = 0.0;
    for (size_t i = 15; i < 23; i++)
        cut += c[i];
    for (size_t i = 0; i < 15; i++)
        assert_true(fabs(e[i] - (c[i] + cut / 15.0)) < 1e-12);
}

static void test_henderson_rejects_bad_arguments(void **state)
{
    (void)state;
    double w[101], x[20] = {0};
    fc_error err;
    assert_int_equal(fc_henderson_weights(12, w, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "odd"));
    assert_int_equal(fc_henderson_weights(1, w, NULL), FC_EINVAL);
    assert_int_equal(fc_henderson_end_weights(13, 6, 3.5, w, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "7..13"));
    assert_int_equal(fc_henderson_end_weights(13, 7, 0.0, w, NULL), FC_EINVAL);
    assert_int_equal(fc_henderson_smooth(x, 10, 13, 3.5, w, &err), FC_ESHORT);
    x[4] = NAN;
    assert_int_equal(fc_henderson_smooth(x, 20, 13, 3.5, w, &err), FC_EMISSING);
}

/* Henderson smoothing keeps a straight line in the middle exactly and a
 * constant everywhere (end weights sum to one). */
static void test_henderson_smooth_keeps_lines_and_constants(void **state)
{
    (void)state;
    double x[40], out[40];
    for (int i = 0; i < 40; i++)
        x[i] = 3.0 + 0.5 * i;
    assert_int_equal(fc_henderson_smooth(x, 40, 13, 3.5, out, NULL), FC_OK);
    for (int i = 6; i < 34; i++)
        assert_true(fabs(out[i] - x[i]) < 1e-12);
    for (int i = 0; i < 40; i++)
        x[i] = 7.0;
    fc_henderson_smooth(x, 40, 9, 1.0, out, NULL);
    for (int i = 0; i < 40; i++)
        assert_true(fabs(out[i] - 7.0) < 1e-12);
}

static void test_centered_ma_2x12_weights(void **state)
{
    (void)state;
    double x[30], out[30];
    for (int i = 0; i < 30; i++)
        x[i] = i == 12 ? 24.0 : 0.0;
    assert_int_equal(fc_centered_ma(x, 30, 12, out, NULL), FC_OK);
    assert_true(isnan(out[5]) && isnan(out[24]));
    assert_true(fabs(out[6] - 1.0) < 1e-15);  /* 1/24 weight */
    for (int i = 7; i <= 17; i++)
        assert_true(fabs(out[i] - 2.0) < 1e-15);                  /* 1/12 weight */
    assert_true(fabs(out[18] - 1.0) < 1e-15);
    fc_error err;
    assert_int_equal(fc_centered_ma(x, 12, 12, out, &err), FC_ESHORT);
    assert_int_equal(fc_centered_ma(x, 30, 5, out, &err), FC_EINVAL);
}

/* Impulse responses give the filter weights: 3x3 is (1,2,3,2,1)/9 in the
 * middle and (11,11,5)/27 at the end; 3x5 is (1,2,3,3,3,2,1)/15 and
 * (17,17,17,9)/60 at the end (X-11 tables, Ladiray & Quenneville 2001). */
static void test_seasonal_filters_impulse_responses(void **state)
{
    (void)state;
    double x[11] = {0}, out[11];
    x[5] = 1.0;
    assert_int_equal(fc_seasonal_ma(x, 11, FC_SEASONAL_3X3, out, NULL), FC_OK);
    static const double w33[5] = {1, 2, 3, 2, 1};
    for (int i = 3; i <= 7; i++)
        assert_true(fabs(out[i] - w33[7 - i] / 9.0) < 1e-15);
    fc_seasonal_ma(x, 11, FC_SEASONAL_3X5, out, NULL);
    static const double w35[7] = {1, 2, 3, 3, 3, 2, 1};
    for (int i = 3; i <= 7; i++)
        assert_true(fabs(out[i] - w35[8 - i] / 15.0) < 1e-15);
    double e[6] = {0, 0, 0, 0, 0, 0}, eo[6];
    e[5] = 1.0;
    fc_seasonal_ma(e, 6, FC_SEASONAL_3X3, eo, NULL);
    assert_true(fabs(eo[5] - 11.0 / 27.0) < 1e-15);
    e[5] = 0.0;
    e[3] = 1.0;
    fc_seasonal_ma(e, 6, FC_SEASONAL_3X3, eo, NULL);
    assert_true(fabs(eo[5] - 5.0 / 27.0) < 1e-15);
    e[3] = 0.0;
    e[2] = 1.0;
    fc_seasonal_ma(e, 6, FC_SEASONAL_3X5, eo, NULL);
    assert_true(fabs(eo[5] - 9.0 / 60.0) < 1e-15);
}

/* Every filter keeps a constant, at every length it accepts. */
static void test_seasonal_filters_keep_constants(void **state)
{
    (void)state;
    double x[30], out[30];
    for (int i = 0; i < 30; i++)
        x[i] = 1.25;
    for (int f = FC_SEASONAL_3X1; f <= FC_SEASONAL_STABLE; f++)
        for (size_t k = 3; k <= 30; k++) {
            assert_int_equal(fc_seasonal_ma(x, k, (fc_seasonal_filter)f, out, NULL), FC_OK);
            for (size_t i = 0; i < k; i++)
                assert_true(fabs(out[i] - 1.25) < 1e-4); /* 3x9/3x15 tables: 3-5 decimals */
        }
    assert_string_equal(fc_seasonal_filter_name(FC_SEASONAL_3X9), "3x9");
    x[2] = NAN;
    assert_int_equal(fc_seasonal_ma(x, 10, FC_SEASONAL_3X3, out, NULL), FC_EMISSING);
    assert_int_equal(fc_seasonal_ma(x, 10, (fc_seasonal_filter)99, out, NULL), FC_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_henderson_weights_match_published_tables),
        cmocka_unit_test(test_henderson_weights_reproduce_cubics),
        cmocka_unit_test(test_musgrave_end_weights_match_x11_table),
        cmocka_unit_test(test_musgrave_end_weights_limits),
        cmocka_unit_test(test_henderson_rejects_bad_arguments),
        cmocka_unit_test(test_henderson_smooth_keeps_lines_and_constants),
        cmocka_unit_test(test_centered_ma_2x12_weights),
        cmocka_unit_test(test_seasonal_filters_impulse_responses),
        cmocka_unit_test(test_seasonal_filters_keep_constants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
