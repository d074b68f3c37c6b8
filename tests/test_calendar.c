/* Calendar: dates, Easter, day-count regressors, Easter[w] and Lunar New
 * Year regressors, the regressor matrix and holiday calendars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "forecast.h"
#include "case_table.h"
#include "fixture_csv.h"

/* ------------------------------------------------------------ helpers */

/* One X-13 regressors.csv column: dates and values of column `name`. */
typedef struct {
    size_t n;
    int freq;
    fc_period start;
    double v[1000];
} x13_column;

static void read_x13_column(const char *path, const char *name, x13_column *c)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f));
    int col = -1, k = 0;
    for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"), k++)
        if (strcmp(tok, name) == 0)
            col = k;
    assert_true(col > 0);
    c->n = 0;
    while (fgets(line, sizeof line, f)) {
        char *cells[32];
        int nc = 0;
        for (char *tok = strtok(line, ",\r\n"); tok && nc < 32; tok = strtok(NULL, ",\r\n"))
            cells[nc++] = tok;
        assert_true(nc > col);
        if (c->n == 0)
            assert_int_equal(fc_period_parse(cells[0], &c->start, &c->freq, NULL), FC_OK);
        assert_true(c->n < 1000);
        c->v[c->n++] = strtod(cells[col], NULL);
    }
    fclose(f);
}

/* Weekday counts from R (tests/fixtures/gen_calendar.R). */
typedef struct {
    fc_period start;
    int freq;
    size_t n;
    int cnt[3000][7];
} r_counts;

static r_counts *read_counts(const char *path)
{
    r_counts *r = malloc(sizeof *r);
    assert_non_null(r);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256];
    r->n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] < '0' || line[0] > '9')
            continue;
        char per[16];
        int *c = r->cnt[r->n];
        assert_int_equal(sscanf(line, "%15[^,],%d,%d,%d,%d,%d,%d,%d", per, &c[0], &c[1],
                                &c[2], &c[3], &c[4], &c[5], &c[6]),
                         8);
        if (r->n == 0)
            assert_int_equal(fc_period_parse(per, &r->start, &r->freq, NULL), FC_OK);
        r->n++;
    }
    fclose(f);
    return r;
}

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------------------- dates */

static void test_dates_julian_day_and_weekday(void **state)
{
    (void)state;
    fc_date d = {2000, 1, 1};
    assert_int_equal(fc_date_to_jdn(d), 2451545); /* Meeus ch. 7: J2000.0 day */
    assert_int_equal(fc_date_weekday(d), 6);      /* a Saturday */
    fc_date back = fc_date_from_jdn(2451545 + 366);
    assert_int_equal(back.year, 2001);
    assert_int_equal(back.month, 1);
    assert_int_equal(back.day, 1);
    fc_date g = {1582, 10, 15}; /* first Gregorian day, JDN 2299161 */
    assert_int_equal(fc_date_to_jdn(g), 2299161);
    fc_date e;
    fc_error err;
    assert_int_equal(fc_date_parse("2024-02-29", &e, NULL), FC_OK);
    assert_int_equal(fc_date_parse("2023-02-29", &e, &err), FC_EPARSE);
    assert_non_null(strstr(err.message, "2023-02-29"));
    assert_int_equal(fc_date_parse("2023-2-1", &e, NULL), FC_EPARSE);
    char buf[11];
    assert_int_equal(fc_date_format(fc_date_add_days(d, -1), buf, sizeof buf), FC_OK);
    assert_string_equal(buf, "1999-12-31");
    assert_int_equal(fc_date_format(d, buf, 5), FC_EINVAL);
}

/* ../shared/data/calendars/easter_dates.csv (R seasonal::easter) and the
 * extreme dates of Meeus ch. 8 (1818 and 2285 on 22 March, 1943 and 2038
 * on 25 April). */
static void test_easter_matches_seasonal_table_and_meeus_examples(void **state)
{
    (void)state;
    fx_table t;
    assert_int_equal(fx_read("tests/fixtures/calendar/easter_dates_seasonal.csv", &t), 0);
    for (size_t i = 0; i < t.nrows; i++) {
        fc_date ref, got;
        assert_int_equal(fc_date_parse(fx_str(&t, i, "date"), &ref, NULL), FC_OK);
        assert_int_equal(fc_easter_date(ref.year, &got, NULL), FC_OK);
        assert_int_equal(fc_date_to_jdn(got), fc_date_to_jdn(ref));
    }
    assert_int_equal(t.nrows, 100);
    fx_free(&t);
    static const struct {
        const char *name;
        fc_date easter;
    } meeus[] = {{"1818", {1818, 3, 22}}, {"2285", {2285, 3, 22}}, {"1943", {1943, 4, 25}},
                 {"2038", {2038, 4, 25}}};
    for (size_t i = 0; i < N_CASES(meeus); i++) {
        fc_date e;
        CASE_INT_EQUAL(meeus[i].name, fc_easter_date(meeus[i].easter.year, &e, NULL), FC_OK);
        CASE_INT_EQUAL(meeus[i].name, e.month, meeus[i].easter.month);
        CASE_INT_EQUAL(meeus[i].name, e.day, meeus[i].easter.day);
    }
    fc_date e;
    fc_error err;
    assert_int_equal(fc_easter_date(1500, &e, &err), FC_ERANGE);
    assert_non_null(strstr(err.message, "1500"));
}

/* ------------------------------------------------- day-count regressors */

/* X-13 td = (Mon..Sat) - Sun and td1coef = weekdays - 2.5 weekend days,
 * checked against weekday counts from R's Date arithmetic, 1899-2101. */
static void check_counts(const char *path)
{
    r_counts *r = read_counts(path);
    double *td = malloc(r->n * 6 * sizeof *td), *td1 = malloc(r->n * sizeof *td1);
    double *wd = malloc(r->n * sizeof *wd);
    assert_non_null(td);
    assert_non_null(td1);
    assert_non_null(wd);
    assert_int_equal(fc_calendar_td(r->freq, r->start, r->n, NULL, td, NULL), FC_OK);
    assert_int_equal(fc_calendar_td1(r->freq, r->start, r->n, NULL, td1, NULL), FC_OK);
    assert_int_equal(fc_calendar_working_days(r->freq, r->start, r->n, NULL, wd, NULL), FC_OK);
    for (size_t i = 0; i < r->n; i++) {
        const int *c = r->cnt[i];
        for (int k = 0; k < 6; k++)
            assert_true(td[i * 6 + k] == (double)(c[k] - c[6]));
        int w = c[0] + c[1] + c[2] + c[3] + c[4];
        assert_true(td1[i] == w - 2.5 * (c[5] + c[6]));
        assert_true(wd[i] == (double)w);
    }
    free(td);
    free(td1);
    free(wd);
    free(r);
}

static void test_trading_day_counts_match_r_monthly_and_quarterly(void **state)
{
    (void)state;
    check_counts("tests/fixtures/calendar/weekday_counts_monthly.csv");
    check_counts("tests/fixtures/calendar/weekday_counts_quarterly.csv");
}

/* X-13ARIMA-SEATS 1.1 b60 regressors.csv: "Weekday" (td1coef) chosen by
 * aictest for AirPassengers (1949-01..1961-12, with the forecast year) and
 * USAccDeaths. */
static void test_td1_matches_x13_weekday(void **state)
{
    (void)state;
    const char *files[2] = {"tests/fixtures/calendar/x13_AirPassengers_regressors.csv",
                            "tests/fixtures/calendar/x13_USAccDeaths_regressors.csv"};
    for (int f = 0; f < 2; f++) {
        x13_column *c = malloc(sizeof *c);
        assert_non_null(c);
        read_x13_column(files[f], "Weekday", c);
        assert_true(c->n >= 84);
        double out[1000];
        assert_int_equal(fc_calendar_td1(c->freq, c->start, c->n, NULL, out, NULL), FC_OK);
        for (size_t i = 0; i < c->n; i++)
            assert_true(out[i] == c->v[i]);
        free(c);
    }
}

/* X-13 Easter[w] as saved by X-13 (15 significant digits): w = 1
 * (AirPassengers), 8 (co2 monthly, UKgas quarterly, IPB50001N_780) and 15
 * (IPB50001N), including the forecast year. */
static void test_easter_matches_x13_regressors(void **state)
{
    (void)state;
    struct {
        const char *file;
        const char *col;
        int w;
    } cases[] = {
        {"tests/fixtures/calendar/x13_AirPassengers_regressors.csv", "Easter[1]", 1},
        {"tests/fixtures/calendar/x13_co2_regressors.csv", "Easter[8]", 8},
        {"tests/fixtures/calendar/x13_UKgas_regressors.csv", "Easter[8]", 8},
        {"tests/fixtures/calendar/x13_IPB50001N_780_regressors.csv", "Easter[8]", 8},
        {"tests/fixtures/calendar/x13_IPB50001N_regressors.csv", "Easter[15]", 15},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        x13_column *c = malloc(sizeof *c);
        assert_non_null(c);
        read_x13_column(cases[k].file, cases[k].col, c);
        double out[1000];
        assert_int_equal(fc_calendar_easter(c->freq, c->start, c->n, cases[k].w, out, NULL),
                         FC_OK);
        int nonzero = 0;
        for (size_t i = 0; i < c->n; i++) {
            if (fabs(out[i] - c->v[i]) > 5e-15)
                fail_msg("%s row %zu: %.17g vs X-13 %.17g", cases[k].file, i, out[i], c->v[i]);
            nonzero += c->v[i] != 0.0;
        }
        assert_true(nonzero > 10);
        free(c);
    }
}

/* X-13 lpyear and lom/loq definitions (Reference Manual, regression spec). */
static void test_leap_year_and_length_of_period(void **state)
{
    (void)state;
    double lp[24], lom[24], loq[8];
    fc_period jan2023 = {2023, 1};
    assert_int_equal(fc_calendar_lpyear(12, jan2023, 24, lp, NULL), FC_OK);
    assert_true(lp[1] == -0.25);  /* Feb 2023 */
    assert_true(lp[13] == 0.75);  /* Feb 2024 */
    assert_true(lp[0] == 0.0 && lp[12] == 0.0 && lp[23] == 0.0);
    assert_int_equal(fc_calendar_length(12, jan2023, 24, lom, NULL), FC_OK);
    assert_true(lom[0] == 31 - 30.4375);
    assert_true(lom[13] == 29 - 30.4375);
    fc_period q1 = {2024, 1};
    assert_int_equal(fc_calendar_length(4, q1, 8, loq, NULL), FC_OK);
    assert_true(loq[0] == 91 - 91.3125); /* Q1 2024: 31 + 29 + 31 */
    assert_true(loq[4] == 90 - 91.3125);
    assert_true(loq[2] == 92 - 91.3125);
    /* zero mean over a 4-year cycle (X-13's design: 0.75 - 3 x 0.25) */
    double l4[16];
    fc_period q2001 = {2001, 1};
    assert_int_equal(fc_calendar_lpyear(4, q2001, 16, l4, NULL), FC_OK);
    double s = 0;
    for (int i = 0; i < 16; i++)
        s += l4[i];
    assert_true(s == 0.0);
    assert_true(l4[12] == 0.75);
}

/* Holidays on Mon..Fri leave the working days; on Saturday they become
 * Sundays for td.  January 2021 (starts on a Friday): 1 Jan holiday. */
static void test_holidays_are_counted_out_of_working_days(void **state)
{
    (void)state;
    fc_date hd[3] = {{2021, 1, 1}, {2021, 1, 1}, {2021, 1, 3}}; /* dup + a Sunday */
    fc_holidays h = {hd, 3};
    fc_period jan = {2021, 1};
    double wd0, wd1, t0, t1, td0[6], td1v[6];
    assert_int_equal(fc_calendar_working_days(12, jan, 1, NULL, &wd0, NULL), FC_OK);
    assert_int_equal(fc_calendar_working_days(12, jan, 1, &h, &wd1, NULL), FC_OK);
    assert_true(wd0 == 21.0 && wd1 == 20.0);
    assert_int_equal(fc_calendar_td1(12, jan, 1, NULL, &t0, NULL), FC_OK);
    assert_int_equal(fc_calendar_td1(12, jan, 1, &h, &t1, NULL), FC_OK);
    assert_true(t0 - t1 == 3.5);
    assert_int_equal(fc_calendar_td(12, jan, 1, NULL, td0, NULL), FC_OK);
    assert_int_equal(fc_calendar_td(12, jan, 1, &h, td1v, NULL), FC_OK);
    /* Friday count - Sunday count drops by 2; others by 1 (one more Sunday) */
    assert_true(td0[4] - td1v[4] == 2.0);
    assert_true(td0[0] - td1v[0] == 1.0);
    fc_date bad[1] = {{2021, 2, 30}};
    fc_holidays hb = {bad, 1};
    fc_error err;
    assert_int_equal(fc_calendar_td1(12, jan, 1, &hb, &t1, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "2021-02-30"));
}

/* -------------------------------------------------- Lunar New Year */

#define LNY_TOL 5e-5 /* domain.md prints 4 decimals */

/* domain.md §3.3 [computed] regressor examples: share of window days per
 * month, centred on the mean over Tết 1968-2100. */
static void test_lny_regressor_matches_domain_vectors(void **state)
{
    (void)state;
    fc_lny_options o = fc_lny_options_default();
    fc_period jan2021 = {2021, 1};
    double pre[72], tet[72], post[72], raw[72];
    assert_int_equal(fc_calendar_lny(12, jan2021, 72, FC_LNY_BEFORE_DEFAULT, &o, pre, NULL),
                     FC_OK);
    assert_int_equal(fc_calendar_lny(12, jan2021, 72, FC_LNY_HOLIDAY_DEFAULT, &o, tet, NULL),
                     FC_OK);
    assert_int_equal(fc_calendar_lny(12, jan2021, 72, FC_LNY_AFTER_DEFAULT, &o, post, NULL),
                     FC_OK);
    assert_int_equal(
        fc_calendar_lny_share(12, jan2021, 72, FC_LNY_AFTER_DEFAULT, FC_COUNTRY_VN, raw, NULL),
        FC_OK);
    const double *vec[] = {pre, tet, post, raw};
    enum { PRE, TET, POST, RAW };
    static const struct {
        const char *name;
        int vector;
        size_t i; /* month from 2021-01 */
        double want, tol;
    } refs[] = {
        /* pre [-20,-1]: 2021 -0.2673/+0.2673, 2023 +0.2827/-0.2827,
         * 2024 -0.1673/+0.1673, 2026 -0.5173/+0.5173 */
        {"pre 2021-01", PRE, 0, -0.2673, LNY_TOL},
        {"pre 2021-02", PRE, 1, 0.2673, LNY_TOL},
        {"pre 2023-01", PRE, 24, 0.2827, LNY_TOL},
        {"pre 2023-02", PRE, 25, -0.2827, LNY_TOL},
        {"pre 2024-01", PRE, 36, -0.1673, LNY_TOL},
        {"pre 2024-02", PRE, 37, 0.1673, LNY_TOL},
        {"pre 2026-01", PRE, 60, -0.5173, LNY_TOL},
        {"pre 2026-02", PRE, 61, 0.5173, LNY_TOL},
        /* holiday [0,6]: means 0.2621 / 0.7379 */
        {"holiday 2021-01", TET, 0, -0.2621, LNY_TOL},
        {"holiday 2021-02", TET, 1, 0.2621, LNY_TOL},
        {"holiday 2023-01", TET, 24, 0.7379, LNY_TOL},
        {"holiday 2023-02", TET, 25, -0.7379, LNY_TOL},
        /* after [7,14]: means Jan 0.0385, Feb 0.9079 (rest in March) */
        {"after 2021-01", POST, 0, -0.0385, LNY_TOL},
        {"after 2021-02", POST, 1, 1 - 0.9079, LNY_TOL},
        {"after 2023-01", POST, 24, 0.375 - 0.0385, LNY_TOL},
        {"after 2023-02", POST, 25, 0.625 - 0.9079, LNY_TOL},
        /* uncentred shares */
        {"share 2026-02", RAW, 61, 0.625, 1e-15},
        {"share 2026-03", RAW, 62, 0.375, 1e-15},
        {"share 2023-01", RAW, 24, 0.375, 1e-15},
        {"share 2021-06", RAW, 5, 0.0, 0.0},
    };
    for (size_t k = 0; k < N_CASES(refs); k++)
        CASE_WITHIN(refs[k].name, vec[refs[k].vector][refs[k].i], refs[k].want, refs[k].tol);
    ASSERT_WITHIN(post[2] + post[1] + post[0], 0.0, 1e-12); /* shares sum to 1 */
}

/* The window shares of one year sum to 1 over the periods, monthly and
 * quarterly; quarterly shares are the sums of the monthly ones; a window
 * can reach into December of the previous year. */
static void test_lny_shares_add_up_and_aggregate_to_quarters(void **state)
{
    (void)state;
    fc_lny_window w = {-45, -1};
    fc_period m0 = {2000, 1}, q0 = {2000, 1};
    double m[360], q[120];
    assert_int_equal(fc_calendar_lny_share(12, m0, 360, w, FC_COUNTRY_CN, m, NULL), FC_OK);
    assert_int_equal(fc_calendar_lny_share(4, q0, 120, w, FC_COUNTRY_CN, q, NULL), FC_OK);
    for (int y = 1; y < 29; y++) {
        double s = 0;
        for (int k = -1; k < 3; k++)
            s += m[12 * y + k];
        ASSERT_WITHIN(s, 1.0, 1e-12);
        for (int qq = 0; qq < 4; qq++)
            ASSERT_WITHIN(q[4 * y + qq],
                               m[12 * y + 3 * qq] + m[12 * y + 3 * qq + 1] + m[12 * y + 3 * qq + 2],
                               1e-12);
    }
    /* 2001 (24 Jan): [-45,-1] starts on 10 Dec 2000 -> 22/45 in December */
    ASSERT_WITHIN(m[11], 22.0 / 45.0, 1e-12);
}

/* A Tết effect recovered by OLS (GSL) from a simulated series: y = 100 +
 * 8 * [0,6] window share - 3 * [7,14] + noise (sd 0.5), 2000-2025. */
static void test_tet_effect_recovered_from_simulated_series(void **state)
{
    (void)state;
    const size_t n = 312;
    fc_period start = {2000, 1};
    fc_calendar_options o = fc_calendar_options_default();
    fc_calendar_matrix *m;
    assert_int_equal(fc_calendar_matrix_build("lny[0,6],lny[7,14]", 12, start, n, &o, &m, NULL),
                     FC_OK);
    gsl_set_error_handler_off();
    gsl_matrix *X = gsl_matrix_alloc(n, 3);
    gsl_vector *y = gsl_vector_alloc(n), *b = gsl_vector_alloc(3);
    gsl_matrix *cov = gsl_matrix_alloc(3, 3);
    uint64_t s = 12345;
    for (size_t i = 0; i < n; i++) {
        double noise = 0;
        for (int k = 0; k < 12; k++) { /* Irwin-Hall: sum of 12 U(0,1) - 6 ~ N(0,1) */
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            noise += (double)(s >> 11) / 9007199254740992.0;
        }
        noise = 0.5 * (noise - 6.0);
        double x1 = m->x[i * 2], x2 = m->x[i * 2 + 1];
        gsl_vector_set(y, i, 100 + 8 * x1 - 3 * x2 + noise);
        gsl_matrix_set(X, i, 0, 1.0);
        gsl_matrix_set(X, i, 1, x1);
        gsl_matrix_set(X, i, 2, x2);
    }
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, 3);
    double chisq;
    assert_int_equal(gsl_multifit_linear(X, y, b, cov, &chisq, ws), GSL_SUCCESS);
    double se1 = sqrt(gsl_matrix_get(cov, 1, 1) * chisq / (double)(n - 3));
    double se2 = sqrt(gsl_matrix_get(cov, 2, 2) * chisq / (double)(n - 3));
    assert_true(fabs(gsl_vector_get(b, 1) - 8.0) < 3 * se1);
    assert_true(fabs(gsl_vector_get(b, 2) + 3.0) < 3 * se2);
    assert_true(se1 < 0.5 && se2 < 0.5);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(y);
    gsl_vector_free(b);
    fc_calendar_matrix_free(m);
}

/* ------------------------------------------------------------ matrix */

static void test_matrix_spec_columns_and_names(void **state)
{
    (void)state;
    fc_period start = {2020, 1};
    fc_calendar_options o = fc_calendar_options_default();
    fc_calendar_matrix *m = NULL;
    fc_error err;
    assert_int_equal(fc_calendar_matrix_build(" td , td1,lpyear,lom,easter[8], lny,lny[-5,5],wd",
                                              12, start, 60, &o, &m, &err),
                     FC_OK);
    assert_int_equal(m->ncol, 6 + 1 + 1 + 1 + 1 + 3 + 1 + 1);
    assert_int_equal(m->n, 60);
    const char *names[] = {"Mon",       "Tue",         "Wed",        "Thu",
                           "Fri",       "Sat",         "Weekday",    "LeapYear",
                           "LengthOfPeriod", "Easter[8]", "LNY[-20:-1]", "LNY[0:6]",
                           "LNY[7:14]", "LNY[-5:5]",   "WorkingDays"};
    for (size_t j = 0; j < m->ncol; j++)
        assert_string_equal(m->names[j], names[j]);
    double e8[60];
    assert_int_equal(fc_calendar_easter(12, start, 60, 8, e8, NULL), FC_OK);
    for (size_t i = 0; i < 60; i++)
        assert_true(m->x[i * m->ncol + 9] == e8[i]);
    fc_calendar_matrix_free(m);
    fc_calendar_matrix_free(NULL);

    const char *bad[] = {"td,,lny", "tdx", "easter[26]", "easter[x]", "lny[3]", "lny[5,1]",
                         "td[1]", "easter[8"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        fc_error_clear(&err);
        m = (fc_calendar_matrix *)1;
        CASE_INT_EQUAL(bad[k], fc_calendar_matrix_build(bad[k], 12, start, 60, &o, &m, &err),
                       FC_EINVAL);
        CASE_TRUE(bad[k], m == NULL);
        CASE_TRUE(bad[k], strlen(err.message) > 0);
    }
    assert_int_equal(fc_calendar_matrix_build("td", 7, start, 60, &o, &m, &err), FC_EFREQ);
}

static void test_regressors_reject_bad_spans_with_messages(void **state)
{
    (void)state;
    enum { TD1, LPYEAR, EASTER, LNY };
    static const struct {
        const char *name;
        int op;
        int freq;
        fc_period start;
        size_t n;
        int no_out;
        int w;                     /* EASTER */
        fc_lny_window window;      /* LNY, unless default_window */
        int default_window;        /* LNY: FC_LNY_HOLIDAY_DEFAULT */
        int backwards_centring;    /* LNY: centred on 2000..1990 */
        fc_status status;
        const char *message; /* NULL = status only */
    } cases[] = {
        {"td1 weekly", TD1, 7, {2020, 1}, 10, .status = FC_EFREQ},
        {"td1 of no periods", TD1, 12, {2020, 1}, 0, .status = FC_EINVAL},
        {"td1 without output", TD1, 12, {2020, 1}, 10, .no_out = 1, .status = FC_EINVAL},
        {"lpyear from month 13", LPYEAR, 12, {2020, 13}, 10, .status = FC_EINVAL},
        {"Easter in 1500", EASTER, 12, {1500, 1}, 10, .w = 8, .status = FC_ERANGE,
         .message = "1500"},
        {"Easter[0]", EASTER, 12, {2020, 1}, 10, .w = 0, .status = FC_EINVAL},
        {"Easter[26]", EASTER, 12, {2020, 1}, 10, .w = 26, .status = FC_EINVAL},
        {"LNY window [3,1]", LNY, 12, {2020, 1}, 10, .window = {3, 1}, .status = FC_EINVAL,
         .message = "[3,1]"},
        {"LNY window from day -61", LNY, 12, {2020, 1}, 10, .window = {-61, 0},
         .status = FC_EINVAL},
        {"LNY in 2200", LNY, 12, {2200, 1}, 10, .default_window = 1,
         .status = FC_ERANGE},
        {"LNY centred on 2000..1990", LNY, 12, {2020, 1}, 10, .default_window = 1,
         .backwards_centring = 1, .status = FC_EINVAL},
    };
    for (size_t k = 0; k < N_CASES(cases); k++) {
        double buf[64], *out = cases[k].no_out ? NULL : buf;
        fc_error err;
        int f = cases[k].freq;
        fc_period p = cases[k].start;
        size_t n = cases[k].n;
        fc_lny_window window = cases[k].default_window ? FC_LNY_HOLIDAY_DEFAULT : cases[k].window;
        fc_lny_options lo = fc_lny_options_default();
        if (cases[k].backwards_centring) {
            lo.center_from = 2000;
            lo.center_to = 1990;
        }
        fc_status st = cases[k].op == TD1      ? fc_calendar_td1(f, p, n, NULL, out, &err)
                       : cases[k].op == LPYEAR ? fc_calendar_lpyear(f, p, n, out, &err)
                       : cases[k].op == EASTER ? fc_calendar_easter(f, p, n, cases[k].w, out, &err)
                                               : fc_calendar_lny(f, p, n, window,
                                                                 cases[k].backwards_centring
                                                                     ? &lo
                                                                     : NULL,
                                                                 out,
                                                                 &err);
        CASE_STATUS(cases[k].name, st, cases[k].status, err.message, cases[k].message);
    }
}

/* ---------------------------------------------------------- holidays */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_holiday_csv_reader_and_errors(void **state)
{
    (void)state;
    const char *path = "build/test_calendar_holidays.csv";
    write_file(path, "date,name,source\n2024-01-01,New Year,rule\r\n2024-04-30,,\n\n");
    fc_date *d = NULL;
    size_t n = 0;
    fc_error err;
    assert_int_equal(fc_holidays_read_csv(path, &d, &n, &err), FC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(d[1].month, 4);
    free(d);
    static const struct {
        const char *name;
        const char *text; /* NULL: no such file */
        fc_status status;
        const char *message; /* NULL = status only */
        int no_dates;        /* the dates are checked to be NULL */
    } cases[] = {
        {"month 13", "date\n2024-01-01\n2024-13-01\n", FC_EPARSE,
         "test_calendar_holidays.csv:3:1:", 1},
        {"no date column", "day\n2024-01-01\n", FC_EPARSE, ":1:1:", 0},
        {"empty file", "", FC_EPARSE, NULL, 0},
        {"no such file", NULL, FC_EIO, NULL, 0},
    };
    for (size_t k = 0; k < N_CASES(cases); k++) {
        if (cases[k].text)
            write_file(path, cases[k].text);
        d = NULL;
        fc_status got =
            fc_holidays_read_csv(cases[k].text ? path : "build/no/such/file.csv", &d, &n, &err);
        CASE_STATUS(cases[k].name, got, cases[k].status, err.message, cases[k].message);
        if (cases[k].no_dates)
            CASE_TRUE(cases[k].name, d == NULL);
    }
    remove(path);
}

static int has_holiday(const fc_holiday_entry *h, size_t n, int y, int m, int dd)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].date.year == y && h[i].date.month == m && h[i].date.day == dd)
            return 1;
    return 0;
}

/* Labour Code rule vs announced days off: 2022 — 30/4 (Sat) and 1/5 (Sun)
 * taken on Mon 2 and Tue 3 May; Hùng Kings 2024 on Thu 18 Apr; 2021 National
 * Day 2 days (2/9 Thu plus a second day, here 1/9); Tết 2024 (10 Feb, Sat):
 * the 5 days 9-13 Feb plus compensation for the weekend (the decree gave
 * 8-14 Feb, a swap the rule cannot know). */
static void test_vietnam_rule_holidays(void **state)
{
    (void)state;
    fc_holiday_entry *h = NULL;
    size_t n = 0;
    fc_error err;
    assert_int_equal(fc_holidays_vietnam(2020, 2025, &h, &n, &err), FC_OK);
    assert_true(has_holiday(h, n, 2022, 5, 2) && has_holiday(h, n, 2022, 5, 3));
    assert_true(has_holiday(h, n, 2024, 4, 18));
    assert_true(has_holiday(h, n, 2021, 9, 2) && has_holiday(h, n, 2021, 9, 1));
    assert_false(has_holiday(h, n, 2020, 9, 1));
    for (int d = 9; d <= 13; d++)
        assert_true(has_holiday(h, n, 2024, 2, d));
    assert_true(has_holiday(h, n, 2024, 2, 14) && has_holiday(h, n, 2024, 2, 15));
    for (size_t i = 1; i < n; i++) /* sorted, unique */
        assert_true(fc_date_to_jdn(h[i - 1].date) < fc_date_to_jdn(h[i].date));
    free(h);
    assert_int_equal(fc_holidays_vietnam(1990, 2000, &h, &n, &err), FC_ERANGE);
    assert_non_null(strstr(err.message, "1995"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_julian_day_and_weekday),
        cmocka_unit_test(test_easter_matches_seasonal_table_and_meeus_examples),
        cmocka_unit_test(test_trading_day_counts_match_r_monthly_and_quarterly),
        cmocka_unit_test(test_td1_matches_x13_weekday),
        cmocka_unit_test(test_easter_matches_x13_regressors),
        cmocka_unit_test(test_leap_year_and_length_of_period),
        cmocka_unit_test(test_holidays_are_counted_out_of_working_days),
        cmocka_unit_test(test_lny_regressor_matches_domain_vectors),
        cmocka_unit_test(test_lny_shares_add_up_and_aggregate_to_quarters),
        cmocka_unit_test(test_tet_effect_recovered_from_simulated_series),
        cmocka_unit_test(test_matrix_spec_columns_and_names),
        cmocka_unit_test(test_regressors_reject_bad_spans_with_messages),
        cmocka_unit_test(test_holiday_csv_reader_and_errors),
        cmocka_unit_test(test_vietnam_rule_holidays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
