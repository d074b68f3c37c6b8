/* Sliding spans (Findley, Monsell, Shulman & Pugh 1990; X-13 slidingspans
 * spec) on constructed series: a stable seasonal pattern flags nothing, a
 * break in the pattern flags the periods around it; span layout and errors.
 * No X-13 sliding-spans reference run exists here (see README). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"

static const double s12[12] = {0.90, 0.95, 1.02, 1.00, 1.05, 1.10,
                               1.08, 1.03, 0.98, 0.97, 0.93, 0.99};

/* 12 years from 2010-01: trend x seasonal x tiny irregular; from period
 * `brk` on, the seasonal deviations are multiplied by `amp`. */
static fc_series *make_series(size_t brk, double amp)
{
    fc_period start = {2010, 1};
    fc_series *y = NULL;
    assert_int_equal(fc_series_alloc(144, 12, start, &y, NULL), FC_OK);
    for (size_t i = 0; i < 144; i++) {
        double s = s12[i % 12];
        if (i >= brk)
            s = 1.0 + amp * (s - 1.0);
        double irr = 1.0 + 0.001 * sin(1.7 * (double)i * (double)i);
        y->values[i] = (100.0 + 0.3 * (double)i) * s * irr;
    }
    return y;
}

static void test_slidingspans_stable_pattern_flags_nothing(void **state)
{
    (void)state;
    fc_series *y = make_series(144, 1.0);
    fc_x11_sliding_spans *s = NULL;
    fc_error err;
    assert_int_equal(fc_x11_sliding_spans_run(y, NULL, &s, &err), FC_OK);
    /* 4 spans of span_years years, the last ending at the series end */
    assert_int_equal(s->nspans, 4);
    assert_true(s->span_years == 6 || s->span_years == 8 || s->span_years == 11);
    assert_int_equal(s->span_length, (size_t)s->span_years * 12);
    assert_int_equal(s->n, s->span_length + 36);
    assert_int_equal(s->span_start[3].year, 2022 - s->span_years);
    assert_int_equal(s->span_start[0].year, 2022 - s->span_years - 3);
    assert_int_equal(s->span_start[0].sub, 1);
    assert_true(s->cutoff == 3.0);
    /* the first and last year are in one span only */
    assert_true(isnan(s->seasonal_mpd[0]) && isnan(s->seasonal_mpd[s->n - 1]));
    assert_true(!isnan(s->seasonal_mpd[12]));
    assert_int_equal(s->seasonal_compared, s->n - 24);
    assert_int_equal(s->seasonal_flagged, 0);
    assert_int_equal(s->change_flagged, 0);
    assert_int_equal(s->seasonal_verdict, FC_SPANS_STABLE);
    assert_int_equal(s->change_verdict, FC_SPANS_STABLE);
    print_message("stable: seasonal MPD of the first compared month = %g%%\n",
                  s->seasonal_mpd[12]);
    fc_x11_sliding_spans_free(s);
    fc_series_free(y);
}

static void test_slidingspans_break_flags_periods_around_it(void **state)
{
    (void)state;
    /* seasonal amplitude tripled from 2018-01 (period 96) */
    fc_series *y = make_series(96, 3.0);
    fc_x11_sliding_spans *s = NULL;
    fc_error err;
    assert_int_equal(fc_x11_sliding_spans_run(y, NULL, &s, &err), FC_OK);
    size_t first = 144 - s->n, near = 0, far = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!(s->seasonal_mpd[i] > s->cutoff))
            continue;
        size_t t = first + i;
        if (t + 24 >= 96 && t < 96 + 24)
            near++;
        else
            far++;
    }
    print_message("break: %zu flagged within 2 years of the break, %zu elsewhere, %.1f%% (%zu/%zu)\n",
                  near, far, s->seasonal_pct, s->seasonal_flagged, s->seasonal_compared);
    assert_true(near > 0);
    assert_true(near >= far);
    /* verdict from the share flagged: > 25% unstable, 15-25% marginal */
    assert_true(s->seasonal_pct > 15.0);
    assert_int_equal(s->seasonal_verdict,
                     s->seasonal_pct > 25.0 ? FC_SPANS_UNSTABLE : FC_SPANS_MARGINAL);
    fc_x11_sliding_spans_free(s);
    fc_series_free(y);
}

static void test_slidingspans_rejects_additive_short_and_null(void **state)
{
    (void)state;
    fc_series *y = make_series(144, 1.0);
    fc_x11_options o;
    fc_x11_options_default(&o);
    o.mode = FC_X11_ADD;
    fc_x11_sliding_spans *s = NULL;
    fc_error err;
    assert_int_equal(fc_x11_sliding_spans_run(y, &o, &s, &err), FC_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "additive"));
    o.mode = FC_X11_MULT;
    y->n = 72; /* 6 years: one 6-year span at most */
    assert_int_equal(fc_x11_sliding_spans_run(y, &o, &s, &err), FC_ESHORT);
    assert_non_null(strstr(err.message, "72 observations"));
    y->n = 144;
    assert_int_equal(fc_x11_sliding_spans_run(y, &o, NULL, &err), FC_EINVAL);
    y->values[5] = NAN;
    assert_int_equal(fc_x11_sliding_spans_run(y, &o, &s, &err), FC_EMISSING);
    fc_x11_sliding_spans_free(NULL);
    fc_series_free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slidingspans_stable_pattern_flags_nothing),
        cmocka_unit_test(test_slidingspans_break_flags_periods_around_it),
        cmocka_unit_test(test_slidingspans_rejects_additive_short_and_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
