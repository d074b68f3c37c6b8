/* Lunar New Year and lunar dates (libforecast/lunar.c) against published
 * and independently computed tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "case_table.h"
#include "fixture_csv.h"

/* Reads the "date" column of a fixture (tests/fixture_csv.h: header row,
 * '#' comments).  Returns the count. */
static size_t read_dates(const char *path, fc_date *out, size_t max)
{
    fx_table t;
    assert_int_equal(fx_read(path, &t), 0);
    size_t n = t.nrows;
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fc_date_parse(fx_str(&t, i, "date"), &out[i], NULL), FC_OK);
    fx_free(&t);
    return n;
}

static void format(fc_date d, char *buf)
{
    assert_int_equal(fc_date_format(d, buf, 11), FC_OK);
}

/* A published New Year date: the year, the country's calendar, the date. */
typedef struct {
    int year;
    fc_country country;
    const char *date;
} lny_case;

static void check_lny_dates(const lny_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char name[32], buf[11];
        snprintf(name, sizeof name, "%d %s", cases[k].year,
                 cases[k].country == FC_COUNTRY_VN ? "VN" : "CN");
        fc_date d;
        fc_error err;
        CASE_INT_EQUAL(name, fc_lunar_new_year(cases[k].year, cases[k].country, &d, &err), FC_OK);
        format(d, buf);
        CASE_STRING_EQUAL(name, buf, cases[k].date);
    }
}

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

/* domain.md §3.3: Vietnamese Tết 1968-2100 ([computed] table whose VN/CN
 * divergences agree with the published ones). */
static void test_tet_matches_vietnam_table_1968_2100(void **state)
{
    (void)state;
    fc_date ref[200];
    size_t n = read_dates("tests/fixtures/calendar/tet_vn_1968_2100.csv", ref, 200);
    assert_int_equal(n, 133);
    for (size_t i = 0; i < n; i++) {
        fc_date d;
        assert_int_equal(ref[i].year, 1968 + (int)i);
        assert_int_equal(fc_lunar_new_year(ref[i].year, FC_COUNTRY_VN, &d, NULL), FC_OK);
        if (d.month != ref[i].month || d.day != ref[i].day)
            fail_msg("Tet %d: got %02d-%02d, table %02d-%02d", ref[i].year, d.month, d.day,
                     ref[i].month, ref[i].day);
    }
}

/* R seasonal::cny (christophsax/seasonal data/holiday.RData, 1930-2030).
 * Three of its dates disagree with the Hong Kong Observatory's
 * Gregorian-lunar conversion tables and with the zodiac-year tables
 * (1930-01-30, 1943-02-05, 1946-02-02); the package's table was already
 * corrected once for wrong dates (seasonal issue #219).  Those years are
 * checked against the HKO dates, which PyEphem also gives (next test). */
static void test_chinese_new_year_matches_seasonal_cny_1930_2030(void **state)
{
    (void)state;
    fc_date ref[200];
    size_t n = read_dates("tests/fixtures/calendar/cny_dates_seasonal.csv", ref, 200);
    assert_int_equal(n, 101);
    int disputed = 0;
    for (size_t i = 0; i < n; i++) {
        fc_date d;
        assert_int_equal(fc_lunar_new_year(ref[i].year, FC_COUNTRY_CN, &d, NULL), FC_OK);
        int y = ref[i].year;
        if (y == 1930 || y == 1943 || y == 1946) {
            disputed++;
            continue;
        }
        if (d.month != ref[i].month || d.day != ref[i].day)
            fail_msg("CNY %d: got %02d-%02d, seasonal %02d-%02d", y, d.month, d.day,
                     ref[i].month, ref[i].day);
    }
    assert_int_equal(disputed, 3);
    static const lny_case hko[] = {
        {1930, FC_COUNTRY_CN, "1930-01-30"}, /* HKO; seasonal says 01-29 */
        {1943, FC_COUNTRY_CN, "1943-02-05"}, /* HKO; seasonal says 02-04 */
        {1946, FC_COUNTRY_CN, "1946-02-02"}, /* HKO; seasonal says 02-01 */
    };
    check_lny_dates(hko, N_CASES(hko));
}

/* tests/fixtures/gen_lunar.py: PyEphem 4.1.4 astronomy (VSOP87/ELP, its own
 * ΔT) and a separately written statement of the rules, for every year
 * 1900-2100 in both time zones. */
static void test_lny_matches_pyephem_both_time_zones_1900_2100(void **state)
{
    (void)state;
    fx_table t;
    assert_int_equal(fx_read("tests/fixtures/calendar/lny_ephem_1900_2100.csv", &t), 0);
    size_t rows = 0;
    for (; rows < t.nrows; rows++) {
        int year;
        const char *a = fx_str(&t, rows, "utc7"), *b = fx_str(&t, rows, "utc8");
        char got[11];
        /* the row's three cells: year, New Year at UTC+7 and at UTC+8 */
        assert_int_equal(sscanf(fx_str(&t, rows, "year"), "%d", &year) + (a != NULL) + (b != NULL),
                         3);
        fc_date d;
        assert_int_equal(fc_lunar_new_year_tz(year, 7.0, &d, NULL), FC_OK);
        format(d, got);
        if (strcmp(got, a) != 0)
            fail_msg("UTC+7 %d: got %s, PyEphem %s", year, got, a);
        assert_int_equal(fc_lunar_new_year_tz(year, 8.0, &d, NULL), FC_OK);
        format(d, got);
        if (strcmp(got, b) != 0)
            fail_msg("UTC+8 %d: got %s, PyEphem %s", year, got, b);
    }
    fx_free(&t);
    assert_int_equal(rows, 201);
}

/* domain.md §3.3 and its sources (viet-jo.com, scienceinfo.net): the years
 * 1968-2100 where Vietnam's and China's New Year differ. */
static void test_vietnam_and_china_differ_in_the_known_years(void **state)
{
    (void)state;
    static const lny_case published[] = {
        {1968, FC_COUNTRY_VN, "1968-01-29"}, {1968, FC_COUNTRY_CN, "1968-01-30"},
        {1969, FC_COUNTRY_VN, "1969-02-16"}, {1969, FC_COUNTRY_CN, "1969-02-17"},
        {1985, FC_COUNTRY_VN, "1985-01-21"}, /* a whole month apart */
        {1985, FC_COUNTRY_CN, "1985-02-20"},
        {2007, FC_COUNTRY_VN, "2007-02-17"}, {2007, FC_COUNTRY_CN, "2007-02-18"},
        {2030, FC_COUNTRY_VN, "2030-02-02"}, {2030, FC_COUNTRY_CN, "2030-02-03"},
        {2053, FC_COUNTRY_VN, "2053-02-18"}, {2053, FC_COUNTRY_CN, "2053-02-19"},
        /* and agree otherwise, e.g. 2024-02-10, 2026-02-17 (domain.md table) */
        {2024, FC_COUNTRY_CN, "2024-02-10"}, {2026, FC_COUNTRY_CN, "2026-02-17"},
    };
    check_lny_dates(published, N_CASES(published));
    int differ = 0;
    for (int y = 1968; y <= 2100; y++) {
        fc_date a, b;
        assert_int_equal(fc_lunar_new_year(y, FC_COUNTRY_VN, &a, NULL), FC_OK);
        assert_int_equal(fc_lunar_new_year(y, FC_COUNTRY_CN, &b, NULL), FC_OK);
        differ += fc_date_to_jdn(a) != fc_date_to_jdn(b);
    }
    assert_int_equal(differ, 6);
}

/* Vietnam used the Chinese (UTC+8) calendar until 1967: 1965 is a year
 * where a UTC+7 computation would differ (domain.md §3.3 lists 1903, 1916,
 * 1935, 1965 as such non-historical divergences). */
static void test_vietnam_before_1968_follows_utc8(void **state)
{
    (void)state;
    int years[] = {1903, 1916, 1935, 1965};
    for (size_t i = 0; i < 4; i++) {
        fc_date vn, cn, tz7;
        assert_int_equal(fc_lunar_new_year(years[i], FC_COUNTRY_VN, &vn, NULL), FC_OK);
        assert_int_equal(fc_lunar_new_year(years[i], FC_COUNTRY_CN, &cn, NULL), FC_OK);
        assert_int_equal(fc_lunar_new_year_tz(years[i], 7.0, &tz7, NULL), FC_OK);
        assert_int_equal(fc_date_to_jdn(vn), fc_date_to_jdn(cn));
        assert_int_not_equal(fc_date_to_jdn(tz7), fc_date_to_jdn(cn));
    }
    assert_true(fc_country_utc_offset(FC_COUNTRY_VN, 1967) == 8.0);
    assert_true(fc_country_utc_offset(FC_COUNTRY_VN, 1968) == 7.0);
    assert_true(fc_country_utc_offset(FC_COUNTRY_CN, 2020) == 8.0);
}

/* Lunar dates of holidays: Hùng Kings (10/3 lunar) was 18 Apr 2024 and
 * 7 Apr 2025 (government holiday announcements); 2023 had a leap 2nd month
 * beginning 22 Mar 2023 and 2020 a leap 4th month beginning 23 May 2020
 * (Hong Kong Observatory tables; the same in Vietnam). */
static void test_lunar_to_solar_holidays_and_leap_months(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int year, month, leap, day;
        fc_country country;
        fc_status status;
        const char *date;    /* when FC_OK */
        const char *message; /* else a piece of the message */
    } cases[] = {
        {"Hung Kings 2024", 2024, 3, 0, 10, FC_COUNTRY_VN, FC_OK, "2024-04-18", NULL},
        {"Hung Kings 2025", 2025, 3, 0, 10, FC_COUNTRY_VN, FC_OK, "2025-04-07", NULL},
        {"leap 2nd month 2023", 2023, 2, 1, 1, FC_COUNTRY_CN, FC_OK, "2023-03-22", NULL},
        {"leap 4th month 2020", 2020, 4, 1, 1, FC_COUNTRY_CN, FC_OK, "2020-05-23", NULL},
        /* day 1 of month 1 is the New Year */
        {"New Year 2021", 2021, 1, 0, 1, FC_COUNTRY_VN, FC_OK, "2021-02-12", NULL},
        /* no leap 5th month in 2023 */
        {"no leap 5th month 2023", 2023, 5, 1, 1, FC_COUNTRY_VN, FC_EDOMAIN, NULL,
         "no leap month 5"},
    };
    for (size_t k = 0; k < N_CASES(cases); k++) {
        fc_date d;
        fc_error err;
        char buf[11];
        CASE_INT_EQUAL(cases[k].name,
                       fc_lunar_to_solar(cases[k].year, cases[k].month, cases[k].leap,
                                         cases[k].day, cases[k].country, &d, &err),
                       cases[k].status);
        if (cases[k].status != FC_OK) {
            CASE_CONTAINS(cases[k].name, err.message, cases[k].message);
            continue;
        }
        format(d, buf);
        CASE_STRING_EQUAL(cases[k].name, buf, cases[k].date);
    }
}

/* The month before New Year ends the lunar year: every lunar month has 29
 * or 30 days, so day 30 of month 12 exists in some years and not others. */
static void test_lunar_month_lengths_are_29_or_30(void **state)
{
    (void)state;
    int has30 = 0, has29 = 0;
    for (int y = 2000; y <= 2030; y++) {
        fc_date a, b;
        assert_int_equal(fc_lunar_to_solar(y, 12, 0, 1, FC_COUNTRY_VN, &a, NULL), FC_OK);
        assert_int_equal(fc_lunar_new_year(y + 1, FC_COUNTRY_VN, &b, NULL), FC_OK);
        long len = fc_date_to_jdn(b) - fc_date_to_jdn(a);
        assert_true(len == 29 || len == 30);
        fc_status st = fc_lunar_to_solar(y, 12, 0, 30, FC_COUNTRY_VN, &a, NULL);
        assert_int_equal(st, len == 30 ? FC_OK : FC_EDOMAIN);
        has30 += len == 30;
        has29 += len == 29;
    }
    assert_true(has30 > 0 && has29 > 0);
}

static void test_lunar_rejects_bad_arguments_with_messages(void **state)
{
    (void)state;
    enum { NEW_YEAR, NEW_YEAR_TZ, TO_SOLAR };
    static const struct {
        const char *name;
        int op;
        int year;
        fc_country country;
        double utc_offset;   /* NEW_YEAR_TZ */
        int month, leap, day; /* TO_SOLAR */
        int no_out;
        fc_status status;
        const char *message; /* NULL = status only */
    } cases[] = {
        {"year 1700", NEW_YEAR, 1700, FC_COUNTRY_VN, .status = FC_ERANGE, .message = "1700"},
        {"year 2300", NEW_YEAR, 2300, FC_COUNTRY_CN, .status = FC_ERANGE},
        {"UTC+15", NEW_YEAR_TZ, 2020, .utc_offset = 15.0, .status = FC_EINVAL,
         .message = "UTC offset"},
        {"unknown country", NEW_YEAR, 2020, (fc_country)9, .status = FC_EINVAL},
        {"no output", NEW_YEAR, 2020, FC_COUNTRY_VN, .no_out = 1, .status = FC_EINVAL},
        {"month 13", TO_SOLAR, 2020, FC_COUNTRY_VN, .month = 13, .leap = 0, .day = 1,
         .status = FC_EINVAL},
        {"day 31", TO_SOLAR, 2020, FC_COUNTRY_VN, .month = 1, .leap = 0, .day = 31,
         .status = FC_EINVAL},
        {"leap flag 2", TO_SOLAR, 2020, FC_COUNTRY_VN, .month = 1, .leap = 2, .day = 1,
         .status = FC_EINVAL},
    };
    for (size_t k = 0; k < N_CASES(cases); k++) {
        fc_date d, *out = cases[k].no_out ? NULL : &d;
        fc_error err;
        fc_status st =
            cases[k].op == NEW_YEAR ? fc_lunar_new_year(cases[k].year, cases[k].country, out, &err)
            : cases[k].op == NEW_YEAR_TZ
                ? fc_lunar_new_year_tz(cases[k].year, cases[k].utc_offset, out, &err)
                : fc_lunar_to_solar(cases[k].year, cases[k].month, cases[k].leap, cases[k].day,
                                    cases[k].country, out, &err);
        CASE_STATUS(cases[k].name, st, cases[k].status, err.message, cases[k].message);
    }
    fc_country c;
    fc_error err;
    assert_int_equal(fc_country_parse("VN", &c, NULL), FC_OK);
    assert_int_equal(c, FC_COUNTRY_VN);
    assert_int_equal(fc_country_parse("cn", &c, NULL), FC_OK);
    assert_int_equal(c, FC_COUNTRY_CN);
    assert_int_equal(fc_country_parse("kr", &c, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "kr"));
}

/* Range 1968-2100: Tết always falls between 21 Jan and 20 Feb (domain.md). */
static void test_lny_always_between_jan21_and_feb20(void **state)
{
    (void)state;
    for (int y = 1900; y <= 2100; y++) {
        for (int c = 0; c < 2; c++) {
            fc_date d;
            assert_int_equal(fc_lunar_new_year(y, (fc_country)c, &d, NULL), FC_OK);
            int doy = d.month == 1 ? d.day : 31 + d.day;
            assert_true(doy >= 21 && doy <= 51);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tet_matches_vietnam_table_1968_2100),
        cmocka_unit_test(test_chinese_new_year_matches_seasonal_cny_1930_2030),
        cmocka_unit_test(test_lny_matches_pyephem_both_time_zones_1900_2100),
        cmocka_unit_test(test_vietnam_and_china_differ_in_the_known_years),
        cmocka_unit_test(test_vietnam_before_1968_follows_utc8),
        cmocka_unit_test(test_lunar_to_solar_holidays_and_leap_months),
        cmocka_unit_test(test_lunar_month_lengths_are_29_or_30),
        cmocka_unit_test(test_lunar_rejects_bad_arguments_with_messages),
        cmocka_unit_test(test_lny_always_between_jan21_and_feb20),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
