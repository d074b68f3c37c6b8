/* Core: status messages, error context, periods and the series type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"

static void test_strerror_covers_every_status(void **state)
{
    (void)state;
    for (int s = 0; s < FC_STATUS_COUNT; s++) {
        const char *m = fc_strerror((fc_status)s);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
        assert_string_not_equal(m, "unknown status");
    }
    assert_string_equal(fc_strerror((fc_status)999), "unknown status");
}

static void test_period_parse_monthly_quarterly_and_day(void **state)
{
    (void)state;
    fc_period p;
    int freq;
    assert_int_equal(fc_period_parse("2021-03", &p, &freq, NULL), FC_OK);
    assert_int_equal(p.year, 2021);
    assert_int_equal(p.sub, 3);
    assert_int_equal(freq, 12);
    assert_int_equal(fc_period_parse("2020-02-29", &p, &freq, NULL), FC_OK);
    assert_int_equal(p.sub, 2);
    assert_int_equal(fc_period_parse("2021-Q4", &p, &freq, NULL), FC_OK);
    assert_int_equal(freq, 4);
    assert_int_equal(p.sub, 4);
}

static void test_period_parse_rejects_bad_text_with_message(void **state)
{
    (void)state;
    const char *bad[] = {"", "2021", "2021-13", "2021-00", "2021-Q5", "21-03",
                         "2021-03x", "2021-02-30", "2019-02-29", "2021/03"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fc_period p;
        int freq;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_period_parse(bad[i], &p, &freq, &err), FC_EPARSE);
        assert_int_equal(err.status, FC_EPARSE);
        assert_non_null(strstr(err.message, "is not a period"));
    }
}

static void test_period_format_and_add_cross_years(void **state)
{
    (void)state;
    char buf[16];
    fc_period p = {2021, 11};
    assert_int_equal(fc_period_format(fc_period_add(p, 12, 3), 12, buf, sizeof buf), FC_OK);
    assert_string_equal(buf, "2022-02");
    assert_int_equal(fc_period_format(fc_period_add(p, 12, -23), 12, buf, sizeof buf), FC_OK);
    assert_string_equal(buf, "2019-12");
    fc_period q = {2020, 1};
    assert_int_equal(fc_period_format(fc_period_add(q, 4, -1), 4, buf, sizeof buf), FC_OK);
    assert_string_equal(buf, "2019-Q4");
    assert_int_equal(fc_period_diff(q, fc_period_add(q, 4, 9), 4), 9);
    assert_int_equal(fc_period_format(p, 7, buf, sizeof buf), FC_EFREQ);
    assert_int_equal(fc_period_format(p, 12, buf, 4), FC_EINVAL);
}

static void test_days_in_month_and_leap_years(void **state)
{
    (void)state;
    assert_int_equal(fc_days_in_month(2024, 2), 29);
    assert_int_equal(fc_days_in_month(1900, 2), 28);
    assert_int_equal(fc_days_in_month(2000, 2), 29);
    assert_int_equal(fc_days_in_month(2023, 4), 30);
    assert_int_equal(fc_days_in_month(2023, 12), 31);
    assert_int_equal(fc_days_in_month(2023, 13), 0);
}

static void test_series_rejects_unsupported_frequency(void **state)
{
    (void)state;
    fc_series *s = NULL;
    fc_error err;
    fc_period start = {2020, 1};
    assert_int_equal(fc_series_alloc(10, 7, start, &s, &err), FC_EFREQ);
    assert_null(s);
    assert_non_null(strstr(err.message, "frequency 7"));
    start.sub = 13;
    assert_int_equal(fc_series_alloc(10, 12, start, &s, &err), FC_EINVAL);
}

static void test_series_copy_sub_window_and_names(void **state)
{
    (void)state;
    double v[6] = {1, 2, 3, 4, 5, 6};
    fc_series *s, *c, *w;
    fc_period start = {2020, 11};
    assert_int_equal(fc_series_from_array(v, 6, 12, start, &s, NULL), FC_OK);
    v[0] = 99; /* the series owns a copy */
    assert_true(s->values[0] == 1);
    assert_int_equal(fc_series_set_name(s, "iip", NULL), FC_OK);
    assert_int_equal(fc_series_copy(s, &c, NULL), FC_OK);
    assert_string_equal(c->name, "iip");
    fc_period first = {2021, 1}, last = {2021, 3};
    assert_int_equal(fc_series_window(s, first, last, &w, NULL), FC_OK);
    assert_int_equal(w->n, 3);
    assert_true(w->values[0] == 3 && w->values[2] == 5);
    assert_int_equal(w->start.year, 2021);
    fc_period end = fc_series_end(s);
    assert_int_equal(end.year, 2021);
    assert_int_equal(end.sub, 4);
    fc_error err;
    fc_period outside = {2022, 1};
    size_t idx;
    assert_int_equal(fc_series_index_of(s, outside, &idx, &err), FC_ERANGE);
    assert_non_null(strstr(err.message, "2022-01"));
    fc_series_free(w);
    w = NULL;
    assert_int_equal(fc_series_sub(s, 4, 5, &w, &err), FC_ERANGE);
    assert_null(w);
    fc_series_free(s);
    fc_series_free(c);
    fc_series_free(NULL);
}

static void test_series_require_complete_names_missing_period(void **state)
{
    (void)state;
    double v[4] = {1, NAN, 3, 4};
    fc_series *s;
    fc_error err;
    fc_period start = {2021, 1};
    assert_int_equal(fc_series_from_array(v, 4, 4, start, &s, NULL), FC_OK);
    assert_int_equal(fc_series_count_missing(s), 1);
    assert_int_equal(fc_series_require_complete(s, 2, "exports", &err), FC_EMISSING);
    assert_non_null(strstr(err.message, "exports"));
    assert_non_null(strstr(err.message, "2021-Q2"));
    s->values[1] = 2;
    assert_int_equal(fc_series_require_complete(s, 2, "exports", &err), FC_OK);
    assert_int_equal(fc_series_require_complete(s, 5, "exports", &err), FC_ESHORT);
    assert_non_null(strstr(err.message, "4 observations"));
    fc_series_free(s);
    fc_series *empty;
    assert_int_equal(fc_series_alloc(0, 12, start, &empty, NULL), FC_OK);
    assert_int_equal(fc_series_require_complete(empty, 1, NULL, &err), FC_ESHORT);
    assert_non_null(strstr(err.message, "empty"));
    fc_series_free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_covers_every_status),
        cmocka_unit_test(test_period_parse_monthly_quarterly_and_day),
        cmocka_unit_test(test_period_parse_rejects_bad_text_with_message),
        cmocka_unit_test(test_period_format_and_add_cross_years),
        cmocka_unit_test(test_days_in_month_and_leap_years),
        cmocka_unit_test(test_series_rejects_unsupported_frequency),
        cmocka_unit_test(test_series_copy_sub_window_and_names),
        cmocka_unit_test(test_series_require_complete_names_missing_period),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
