/* Calendar regressor selection by AICc (libforecast/calendar_select.c)
 * against the same forward selection in R on forecast::Arima
 * (tests/fixtures/gen_calendar_select.R -> tests/fixtures/calendar/select_r.csv). */
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

#define FIXTURE "tests/fixtures/calendar/select_r.csv"

/* One row of the R fixture. */
typedef struct {
    char series[32], group[16], candidate[80];
    double a, b;
} ref_row;

static size_t read_fixture(ref_row *rows, size_t max)
{
    FILE *f = fopen(FIXTURE, "r");
    assert_non_null(f);
    char line[256];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || strncmp(line, "series,", 7) == 0)
            continue;
        assert_true(n < max);
        ref_row *r = &rows[n];
        /* candidate may contain commas (lny[-20,-1]): split from both ends */
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        char *e = strrchr(line, ','), *d = NULL;
        assert_non_null(c2);
        *e = '\0';
        d = strrchr(line, ',');
        *e = ',';
        assert_true(d > c2);
        snprintf(r->series, sizeof r->series, "%.*s", (int)(c1 - line), line);
        snprintf(r->group, sizeof r->group, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
        snprintf(r->candidate, sizeof r->candidate, "%.*s", (int)(d - c2 - 1), c2 + 1);
        r->a = strtod(d + 1, NULL);
        r->b = strtod(e + 1, NULL);
        n++;
    }
    fclose(f);
    return n;
}

static fc_series *read_series(const char *path)
{
    fc_series_list *list = NULL;
    fc_error err;
    if (fc_csv_read_file(path, &list, &err) != FC_OK)
        fail_msg("%s", err.message);
    fc_series *s = NULL;
    assert_int_equal(fc_series_copy(list->items[0], &s, NULL), FC_OK);
    fc_series_list_free(list);
    return s;
}

/* Airline model on logs, as the R reference. */
static fc_arima_spec airline(void)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.q = 1;
    s.order.d = 1;
    s.order.Q = 1;
    s.order.D = 1;
    s.transform = FC_TRANSFORM_LOG;
    return s;
}

/* Every candidate's AICc, the chosen set and its coefficients as R. */
static void check_series(const char *name, const fc_series *y, const fc_arima_spec *base,
                         const fc_calendar_select_options *o)
{
    ref_row *rows = calloc(200, sizeof *rows);
    assert_non_null(rows);
    size_t nr = read_fixture(rows, 200);
    fc_calendar_selection *sel = NULL;
    fc_error err;
    if (fc_calendar_select(y, base, o, &sel, &err) != FC_OK)
        fail_msg("%s: %s", name, err.message);
    size_t k = 0, ncoef = 0;
    for (size_t i = 0; i < nr; i++) {
        const ref_row *r = &rows[i];
        if (strcmp(r->series, name) != 0)
            continue;
        if (strcmp(r->group, "chosen") == 0) {
            char want[256];
            snprintf(want, sizeof want, "%s", strcmp(r->candidate, "none") ? r->candidate : "");
            for (char *p = want; *p; p++)
                if (*p == '+')
                    *p = ',';
            if (strcmp(sel->spec, want) != 0)
                fail_msg("%s: chose \"%s\", R chose \"%s\"", name, sel->spec, want);
            CASE_NEAR(name, sel->model->aicc, r->b, 2e-3);
            continue;
        }
        if (strcmp(r->group, "coef") == 0) {
            size_t j = 0;
            while (j < sel->model->ncoef && strcmp(sel->model->coef_names[j], r->candidate))
                j++;
            if (j == sel->model->ncoef)
                fail_msg("%s: no coefficient %s", name, r->candidate);
            /* estimates to 1e-2 of a s.e.; s.e. to 5 %: R's come from optim's
             * finite-difference Hessian (2 % off for Malaysia's Weekday) */
            if (fabs(sel->model->coef[j] - r->a) > 1e-2 * r->b ||
                fabs(sel->model->se[j] - r->b) > 5e-2 * r->b)
                fail_msg("%s %s: %.8g (se %.8g) vs R %.8g (%.8g)", name, r->candidate,
                         sel->model->coef[j], sel->model->se[j], r->a, r->b);
            ncoef++;
            continue;
        }
        CASE_TRUE(name, k < sel->ncandidates);
        const fc_calendar_candidate *c = &sel->candidates[k++];
        CASE_STRING_EQUAL(name, c->group, r->group);
        CASE_STRING_EQUAL(name, c->candidate, r->candidate);
        CASE_INT_EQUAL(name, c->status, FC_OK);
        /* AICc: R's loglik uses a finite diffuse prior (kappa 1e6); 2e-3 is
         * ~1e-5 relative on these likelihoods */
        if (fabs(c->aicc - r->b) > 2e-3)
            fail_msg("%s %s %s: AICc %.6f vs R %.6f", name, c->group, c->candidate, c->aicc,
                     r->b);
    }
    CASE_INT_EQUAL(name, k, sel->ncandidates);
    CASE_TRUE(name, k >= 7 && ncoef >= 4);
    fc_calendar_selection_free(sel);
    free(rows);
}

/* The R runs: the fixture's series name, the input, the calendar and what
 * is tested; `lockdown` adds the April/May 2020 outliers as user
 * regressors. */
static const struct {
    const char *name;
    const char *path;
    fc_country country;
    int test_easter, test_lny, lockdown;
} r_cases[] = {
    /* Vietnam's gross industrial output (1994 prices, 2000-2011, 13 missing
     * months): R selects the Tết holiday and after windows, not td. */
    {"vn_output_1994", "datasets/vietnam_gross_industrial_output_1994prices_first_release.csv",
     FC_COUNTRY_VN, 0, 1, 0},
    /* Malaysia's IPI with the April/May 2020 lockdown outliers as user
     * regressors (Chinese calendar): td1 and the holiday window. */
    {"malaysia_ipi", "datasets/malaysia_ipi_total_nsa.csv", FC_COUNTRY_CN, 0, 1, 1},
    /* AirPassengers with td and Easter tested: td1 + easter[1], the choice
     * X-13's own aictest makes on this series (reference/x13 AirPassengers
     * auto run: Weekday, Easter[1]). */
    {"AirPassengers", "tests/fixtures/calendar/airpassengers.csv", FC_COUNTRY_VN, 1, 0, 0},
};

static void test_selection_matches_r_on_three_series(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof r_cases / sizeof r_cases[0]; k++) {
        fc_series *y = read_series(r_cases[k].path);
        fc_arima_spec base = airline();
        double *ao = NULL;
        const char *names[2] = {"AO2020.Apr", "AO2020.May"};
        if (r_cases[k].lockdown) {
            ao = calloc(2 * y->n, sizeof *ao);
            assert_non_null(ao);
            fc_period apr = {2020, 4};
            size_t i;
            assert_int_equal(fc_series_index_of(y, apr, &i, NULL), FC_OK);
            ao[i] = 1.0;
            ao[y->n + i + 1] = 1.0;
            base.nxreg = 2;
            base.xreg = ao;
            base.xreg_names = names;
        }
        fc_calendar_select_options o = fc_calendar_select_options_default();
        o.calendar.country = r_cases[k].country;
        o.test_easter = r_cases[k].test_easter;
        o.test_lny = r_cases[k].test_lny;
        check_series(r_cases[k].name, y, &base, &o);
        free(ao);
        fc_series_free(y);
    }
}

static void test_selection_rejects_bad_arguments(void **state)
{
    (void)state;
    enum { NEGATIVE_AICDIFF, XREG_WITHOUT_DATA, NO_SERIES, BEFORE_LUNAR_TABLES };
    static const struct {
        const char *name;
        int what;
        fc_status status;
    } cases[] = {
        {"negative aicdiff", NEGATIVE_AICDIFF, FC_EINVAL},
        {"regressor count without data", XREG_WITHOUT_DATA, FC_EINVAL},
        {"no series", NO_SERIES, FC_EINVAL},
        /* a span outside the lunar calendar's years fails with the calendar's error */
        {"series from 1700", BEFORE_LUNAR_TABLES, FC_ERANGE},
    };
    fc_series *y = read_series("tests/fixtures/calendar/airpassengers.csv");
    fc_series *old = NULL;
    fc_period p1700 = {1700, 1};
    assert_int_equal(fc_series_from_array(y->values, y->n, 12, p1700, &old, NULL), FC_OK);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int what = cases[k].what;
        fc_arima_spec base = airline();
        base.nxreg = what == XREG_WITHOUT_DATA ? 1 : 0;
        fc_calendar_select_options o = fc_calendar_select_options_default();
        if (what == NEGATIVE_AICDIFF)
            o.aicdiff = -1;
        fc_calendar_selection *sel = (fc_calendar_selection *)1;
        fc_error err;
        const fc_series *in = what == NO_SERIES ? NULL : what == BEFORE_LUNAR_TABLES ? old : y;
        CASE_INT_EQUAL(cases[k].name, fc_calendar_select(in, &base, &o, &sel, &err),
                       cases[k].status);
        if (what == NEGATIVE_AICDIFF)
            CASE_TRUE(cases[k].name, sel == NULL);
    }
    fc_series_free(old);
    fc_series_free(y);
    fc_calendar_selection_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_selection_matches_r_on_three_series),
        cmocka_unit_test(test_selection_rejects_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
