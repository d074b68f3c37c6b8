/* index/growth: m/m, y/y, year to date, quarterly aggregation and the
 * consistency of published indices.  References: figures computed
 * independently by tests/fixtures/gen_growth.py (Python, from the
 * definitions), hand-worked examples in comments, and GSO releases quoted in
 * ../shared/reference/domain.md §2.4 and datasets/README.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"
#include "case_table.h"

static fc_series_list *read_fixture(const char *path)
{
    fc_series_list *list;
    fc_error err;
    if (fc_csv_read_file(path, &list, &err) != FC_OK)
        fail_msg("%s", err.message);
    return list;
}

static const fc_series *column(const fc_series_list *list, const char *name)
{
    const fc_series *s = fc_series_list_find(list, name);
    if (!s)
        fail_msg("fixture has no column %s", name);
    return s;
}

/* Same NaN pattern and values within tol (absolute, in percent or index points). */
static void assert_series_near(const fc_series *got, const fc_series *want, double tol)
{
    assert_int_equal(got->n, want->n);
    assert_int_equal(got->freq, want->freq);
    assert_int_equal(got->start.year, want->start.year);
    assert_int_equal(got->start.sub, want->start.sub);
    for (size_t i = 0; i < got->n; i++) {
        if (isnan(want->values[i]) != isnan(got->values[i]) ||
            (!isnan(want->values[i]) && fabs(got->values[i] - want->values[i]) > tol))
            fail_msg("%s[%zu]: got %.17g, want %.17g", want->name, i, got->values[i], want->values[i]);
    }
}

typedef fc_status (*growth_fn)(const fc_series *, fc_growth_form, fc_series **, fc_error *);

static void check_against_fixture(const fc_series_list *fx, growth_fn fn, const char *pct,
                                  const char *idx)
{
    const fc_series *x = column(fx, "value");
    fc_series *g;
    assert_int_equal(fn(x, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
    assert_series_near(g, column(fx, pct), 1e-10);
    fc_series_free(g);
    assert_int_equal(fn(x, FC_GROWTH_INDEX, &g, NULL), FC_OK);
    assert_series_near(g, column(fx, idx), 1e-10);
    fc_series_free(g);
}

/* Vietnam IIP level 2020-01..2025-02 with 2021-06 blanked: the NaN must
 * reach exactly the outputs that need it (fixture columns are blank there). */
static void test_growth_matches_independent_python_figures(void **state)
{
    (void)state;
    fc_series_list *fx = read_fixture("tests/fixtures/growth_vn_iip.csv");
    check_against_fixture(fx, fc_growth_mom, "mom", "mom_index");
    check_against_fixture(fx, fc_growth_yoy, "yoy", "yoy_index");
    check_against_fixture(fx, fc_growth_ytd, "ytd_yoy", "ytd_index");
    fc_series_list_free(fx);
}

static void test_growth_quarterly_mean_sum_qoq_and_q_yoy_match_python(void **state)
{
    (void)state;
    fc_series_list *fx = read_fixture("tests/fixtures/growth_vn_iip.csv");
    fc_series_list *fq = read_fixture("tests/fixtures/growth_vn_iip_quarterly.csv");
    const char *agg[] = {"mean", "sum"}, *qoq[] = {"qoq_mean", "qoq_sum"},
               *qyoy[] = {"q_yoy_mean", "q_yoy_sum"};
    for (int k = 0; k < 2; k++) {
        fc_series *q, *g;
        assert_int_equal(fc_growth_quarterly(column(fx, "value"), k ? FC_QUARTER_SUM : FC_QUARTER_MEAN,
                                             &q, NULL), FC_OK);
        /* 2025-Q1 has only Jan and Feb: excluded, so the last quarter is 2024-Q4. */
        assert_series_near(q, column(fq, agg[k]), 1e-10);
        assert_int_equal(fc_series_end(q).year, 2024);
        assert_int_equal(fc_growth_mom(q, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
        assert_series_near(g, column(fq, qoq[k]), 1e-10);
        fc_series_free(g);
        assert_int_equal(fc_growth_yoy(q, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
        assert_series_near(g, column(fq, qyoy[k]), 1e-10);
        fc_series_free(g);
        fc_series_free(q);
    }
    fc_series_list_free(fq);
    fc_series_list_free(fx);
}

/* Hand-worked: 2022 Jan..Mar = 10, 20, 30; 2023 Jan..Mar = 11, 22, 36.
 * Monthly y/y: +10 %, +10 %, +20 %.  YTD: Jan 11/10 = +10 %, Feb 33/30 =
 * +10 %, Mar 69/60 = +15 % -- not the average of the monthly rates (13.33). */
static void test_growth_ytd_is_ratio_of_sums_not_average_of_rates(void **state)
{
    (void)state;
    double v[15] = {10, 20, 30, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11, 22, 36};
    fc_series *s, *ytd, *ytd_idx;
    assert_int_equal(fc_series_from_array(v, 15, 12, (fc_period){2022, 1}, &s, NULL), FC_OK);
    assert_int_equal(fc_growth_ytd(s, FC_GROWTH_PERCENT, &ytd, NULL), FC_OK);
    assert_true(isnan(ytd->values[11]));
    ASSERT_WITHIN(ytd->values[12], 10.0, 1e-12);
    ASSERT_WITHIN(ytd->values[13], 10.0, 1e-12);
    ASSERT_WITHIN(ytd->values[14], 15.0, 1e-12);
    assert_int_equal(fc_growth_ytd(s, FC_GROWTH_INDEX, &ytd_idx, NULL), FC_OK);
    ASSERT_WITHIN(ytd_idx->values[14], 115.0, 1e-12);
    fc_series_free(ytd);
    fc_series_free(ytd_idx);
    /* Starting in March 2022, Jan-Feb 2022 are unknown: no 2023 YTD at all,
     * although the monthly y/y of March 2023 exists (36/30 = +20 %). */
    fc_series *late, *y;
    assert_int_equal(fc_series_sub(s, 2, 13, &late, NULL), FC_OK);
    assert_int_equal(fc_growth_ytd(late, FC_GROWTH_PERCENT, &ytd, NULL), FC_OK);
    for (size_t i = 0; i < late->n; i++)
        assert_true(isnan(ytd->values[i]));
    assert_int_equal(fc_growth_yoy(late, FC_GROWTH_PERCENT, &y, NULL), FC_OK);
    ASSERT_WITHIN(y->values[12], 20.0, 1e-12);
    fc_series_free(y);
    fc_series_free(ytd);
    fc_series_free(late);
    fc_series_free(s);
}

/* Hand-worked quarterly input: 2021-Q1..2022-Q2 = 100, 110, 99, 121, 105, 121.
 * q/q 2021-Q2 = +10 %, 2021-Q3 = -10 %; y/y 2022-Q1 = +5 %, 2022-Q2 = +10 %;
 * YTD 2022-Q2 = (105+121)/(100+110) = 226/210 = +7.619047... %;
 * a zero base gives NaN (undefined), not infinity. */
static void test_growth_of_a_quarterly_series_and_zero_base(void **state)
{
    (void)state;
    const double v[] = {100, 110, 99, 121, 105, 121};
    fc_series *s, *g;
    assert_int_equal(fc_series_from_array(v, 6, 4, (fc_period){2021, 1}, &s, NULL), FC_OK);
    assert_int_equal(fc_growth_mom(s, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
    ASSERT_WITHIN(g->values[1], 10.0, 1e-12);
    ASSERT_WITHIN(g->values[2], -10.0, 1e-12);
    fc_series_free(g);
    assert_int_equal(fc_growth_yoy(s, FC_GROWTH_INDEX, &g, NULL), FC_OK);
    assert_true(isnan(g->values[3]));
    ASSERT_WITHIN(g->values[4], 105.0, 1e-12);
    ASSERT_WITHIN(g->values[5], 110.0, 1e-12);
    fc_series_free(g);
    assert_int_equal(fc_growth_ytd(s, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
    ASSERT_WITHIN(g->values[5], 100.0 * (226.0 / 210.0 - 1.0), 1e-12);
    fc_series_free(g);
    s->values[0] = 0.0;
    assert_int_equal(fc_growth_lag(s, 1, FC_GROWTH_PERCENT, &g, NULL), FC_OK);
    assert_true(isnan(g->values[1]));
    fc_series_free(g);
    fc_series_free(s);
}

/* Incomplete quarters at both ends are excluded: 2022-02..2022-12 gives
 * 2022-Q2..2022-Q4; months 2..12 = 2..12 so Q2 mean = 5, sum = 15. */
static void test_growth_quarterly_excludes_incomplete_quarters(void **state)
{
    (void)state;
    double v[11];
    for (int i = 0; i < 11; i++)
        v[i] = i + 2;
    fc_series *s, *q;
    fc_error err;
    assert_int_equal(fc_series_from_array(v, 11, 12, (fc_period){2022, 2}, &s, NULL), FC_OK);
    assert_int_equal(fc_growth_quarterly(s, FC_QUARTER_MEAN, &q, NULL), FC_OK);
    assert_int_equal(q->n, 3);
    assert_int_equal(q->freq, 4);
    assert_int_equal(q->start.sub, 2);
    ASSERT_WITHIN(q->values[0], 5.0, 1e-12);
    ASSERT_WITHIN(q->values[2], 11.0, 1e-12);
    fc_series_free(q);
    assert_int_equal(fc_growth_quarterly(s, FC_QUARTER_SUM, &q, NULL), FC_OK);
    ASSERT_WITHIN(q->values[0], 15.0, 1e-12);
    fc_series_free(q);
    fc_series *two;
    assert_int_equal(fc_series_sub(s, 0, 2, &two, NULL), FC_OK);
    assert_int_equal(fc_growth_quarterly(two, FC_QUARTER_MEAN, &q, &err), FC_ESHORT);
    assert_null(q);
    assert_string_equal(err.message, "the series 2022-02..2022-03 covers no complete quarter");
    fc_series_free(two);
    fc_series_free(s);
}

/* Argument errors: which call, on which series, and the status; `message`
 * when given is compared whole. */
typedef enum { MOM, YOY, YTD, LAG, QUARTERLY } growth_op;
enum { NO_SERIES, QUARTERLY_3, WEEKLY, EMPTY, MONTHLY_6, NINPUTS };

typedef struct {
    const char *name;
    growth_op op;
    int input;
    int lag;                  /* LAG */
    fc_growth_form form;      /* MOM, YOY, YTD, LAG */
    fc_quarter_method method; /* QUARTERLY */
    int no_out;               /* pass NULL for the output */
    fc_status status;
    const char *message;
    int out_null; /* the output is checked to be NULL */
} growth_error_case;

static fc_status call_growth(const growth_error_case *c, const fc_series *x, fc_series **out,
                             fc_error *err)
{
    switch (c->op) {
    case MOM:
        return fc_growth_mom(x, c->form, out, err);
    case YOY:
        return fc_growth_yoy(x, c->form, out, err);
    case YTD:
        return fc_growth_ytd(x, c->form, out, err);
    case LAG:
        return fc_growth_lag(x, (size_t)c->lag, c->form, out, err);
    case QUARTERLY:
        return fc_growth_quarterly(x, c->method, out, err);
    }
    fail_msg("case '%s': unknown operation", c->name);
    return FC_EINVAL;
}

static void test_growth_rejects_bad_arguments(void **state)
{
    (void)state;
    static const growth_error_case cases[] = {
        {"m/m of no series", MOM, NO_SERIES, .status = FC_EINVAL, .out_null = 1},
        {"m/m without output", MOM, QUARTERLY_3, .no_out = 1, .status = FC_EINVAL},
        {"lag 0", LAG, QUARTERLY_3, .lag = 0, .status = FC_EINVAL,
         .message = "fc_growth_lag: lag must be at least 1, not 0"},
        {"unknown form", LAG, QUARTERLY_3, .lag = 1, .form = (fc_growth_form)7,
         .status = FC_EINVAL},
        {"quarters of a quarterly series", QUARTERLY, QUARTERLY_3, .method = FC_QUARTER_MEAN,
         .status = FC_EFREQ,
         .message = "fc_growth_quarterly: the series must be monthly (frequency 12), not "
                    "quarterly"},
        {"quarters of no series", QUARTERLY, NO_SERIES, .status = FC_EINVAL},
        {"YTD of no series", YTD, NO_SERIES, .status = FC_EINVAL},
        {"y/y of no series", YOY, NO_SERIES, .status = FC_EINVAL},
        {"weekly y/y", YOY, WEEKLY, .status = FC_EFREQ},
        {"weekly YTD", YTD, WEEKLY, .status = FC_EFREQ},
        {"y/y of an empty series", YOY, EMPTY, .status = FC_ESHORT,
         .message = "fc_growth_lag: the series is empty"},
        {"quarters of an empty series", QUARTERLY, EMPTY, .method = FC_QUARTER_SUM,
         .status = FC_ESHORT},
        {"unknown quarter method", QUARTERLY, MONTHLY_6, .method = (fc_quarter_method)5,
         .status = FC_EINVAL},
    };
    fc_series *in[NINPUTS] = {NULL};
    const double v[] = {1, 2, 3};
    assert_int_equal(fc_series_from_array(v, 3, 4, (fc_period){2021, 1}, &in[QUARTERLY_3], NULL),
                     FC_OK);
    fc_series weekly = *in[QUARTERLY_3];
    weekly.freq = 52;
    assert_int_equal(fc_series_alloc(0, 12, (fc_period){2021, 1}, &in[EMPTY], NULL), FC_OK);
    assert_int_equal(fc_series_alloc(6, 12, (fc_period){2021, 1}, &in[MONTHLY_6], NULL), FC_OK);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const growth_error_case *c = &cases[k];
        fc_series *g = (fc_series *)1;
        fc_error err;
        const fc_series *x = c->input == WEEKLY ? &weekly : in[c->input];
        CASE_INT_EQUAL(c->name, call_growth(c, x, c->no_out ? NULL : &g, &err), c->status);
        if (c->message)
            CASE_STRING_EQUAL(c->name, err.message, c->message);
        if (c->out_null)
            CASE_TRUE(c->name, g == NULL);
    }
    for (int i = 0; i < NINPUTS; i++)
        fc_series_free(in[i]);
}

/* GSO release (domain.md §2.4, from hiennguyen9874/vn-macroeconomics
 * csv/xk.csv): exports Jan 2024 33,570 mn USD, +41.98 % y/y; Jan-Apr 2024
 * 123,640 mn USD, +14.99 % YTD.  datasets/vietnam_exports_total_first_release.csv
 * holds each month's FIRST release, so:
 *  - the Jan 2024 level is the published one, exactly;
 *  - Jan-Apr 2024 first releases sum to 123,340 (published cumulative
 *    123,640: the cumulative includes revisions of Jan-Mar, +0.24 %);
 *  - the comparison base is revised too: 123,640 / 1.1499 = 107,522 vs the
 *    2023 first releases' 108,070 (-0.5 %).  Hand-worked from the file:
 *    YTD = 123,340 / 108,070 = +14.1297 %, within 1 point of the published
 *    +14.99 % (the two revisions account for 0.24 + 0.51 = 0.75 point);
 *  - Jan 2024 y/y from first releases = 33,570 / 25,080 = +33.85 %: the
 *    published +41.98 % divides by the revised Jan 2023 (33,570 / 1.4198 =
 *    23,644, a 5.7 % downward revision of the Tet-month estimate), so only
 *    the identity, not the vintage, can be checked for January. */
static void test_growth_reproduces_gso_export_release_within_revisions(void **state)
{
    (void)state;
    fc_series_list *list = read_fixture("datasets/vietnam_exports_total_first_release.csv");
    const fc_series *x = list->items[0];
    size_t jan24, apr24;
    assert_int_equal(fc_series_index_of(x, (fc_period){2024, 1}, &jan24, NULL), FC_OK);
    assert_int_equal(fc_series_index_of(x, (fc_period){2024, 4}, &apr24, NULL), FC_OK);
    ASSERT_WITHIN(x->values[jan24], 33570.0, 0.0);
    fc_series *ytd, *yoy;
    assert_int_equal(fc_growth_ytd(x, FC_GROWTH_PERCENT, &ytd, NULL), FC_OK);
    assert_int_equal(fc_growth_yoy(x, FC_GROWTH_PERCENT, &yoy, NULL), FC_OK);
    ASSERT_WITHIN(ytd->values[apr24], 100.0 * (123340.0 / 108070.0 - 1.0), 1e-9);
    assert_true(fabs(ytd->values[apr24] - 14.99) < 1.0);
    ASSERT_WITHIN(yoy->values[jan24], 100.0 * (33570.0 / 25080.0 - 1.0), 1e-9);
    ASSERT_WITHIN(ytd->values[jan24], yoy->values[jan24], 1e-12); /* YTD of one month = y/y */
    /* the published Jan y/y is consistent with the published level and a revised base */
    ASSERT_WITHIN(33570.0 / 1.4198, 23644.17, 0.01);
    fc_series_free(ytd);
    fc_series_free(yoy);
    fc_series_list_free(list);
}

/* Builds aligned published series from rows {mom, yoy, ytd} starting at start. */
static void make_published(const double (*rows)[3], size_t n, fc_period start, fc_series **mom,
                           fc_series **yoy, fc_series **ytd)
{
    assert_int_equal(fc_series_alloc(n, 12, start, mom, NULL), FC_OK);
    assert_int_equal(fc_series_alloc(n, 12, start, yoy, NULL), FC_OK);
    assert_int_equal(fc_series_alloc(n, 12, start, ytd, NULL), FC_OK);
    for (size_t i = 0; i < n; i++) {
        (*mom)->values[i] = rows[i][0];
        (*yoy)->values[i] = rows[i][1];
        (*ytd)->values[i] = rows[i][2];
    }
}

/* domain.md §2.4, GSO IIP as in hiennguyen9874/vn-macroeconomics csv/iip.csv
 * (indices = 100 + the % figures there).  Jan 2023: MOM/YOY swapped in the
 * csv (-14.61 / -8.04); Jan 2024: YTD (-4.36) equals MOM, should equal YOY
 * (18.26).  Identity (hand-worked in domain.md): with the csv's Jan-2023
 * y/y -8.04 the implied Jan-Feb 2023 YTD is -2.42 % vs published -6.32 %
 * (flagged); Feb 2024 implied 5.48 % vs published 5.74 % (0.26 point:
 * revision of January between releases, not flagged at 1 point). */
static void test_growth_published_check_finds_gso_january_defects(void **state)
{
    (void)state;
    const double rows[][3] = {
        {100 - 14.61, 100 - 8.04, NAN},          /* 2023-01 as in the csv */
        {100 + 5.11, 100 + 3.61, 100 - 6.32},    /* 2023-02 */
        {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN},
        {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN}, {NAN, NAN, NAN},
        {100 - 4.36, 100 + 18.26, 100 - 4.36},   /* 2024-01 */
        {100 - 18.04, 100 - 6.81, 100 + 5.74},   /* 2024-02 */
    };
    fc_series *mom, *yoy, *ytd;
    make_published(rows, 14, (fc_period){2023, 1}, &mom, &yoy, &ytd);
    fc_growth_published *p;
    fc_error err;
    assert_int_equal(fc_growth_published_check(mom, yoy, ytd, NULL, &p, &err), FC_OK);
    ASSERT_WITHIN(p->implied_ytd->values[1], 100 - 2.42, 0.01);
    ASSERT_WITHIN(p->implied_ytd->values[13], 100 + 5.48, 0.01);
    ASSERT_WITHIN(p->implied_ytd->values[12], 100 + 18.26, 1e-12);
    assert_int_equal(p->anchor_year, 0); /* no complete year: no levels */
    assert_true(isnan(p->level->values[0]));
    assert_int_equal(p->nconflicts, 2);
    assert_int_equal(p->conflicts[0].period.year, 2023);
    assert_int_equal(p->conflicts[0].period.sub, 2);
    assert_int_equal(p->conflicts[0].check, FC_GROWTH_CHECK_YTD);
    ASSERT_WITHIN(p->conflicts[0].published, 93.68, 1e-12);
    assert_int_equal(p->conflicts[1].period.year, 2024);
    assert_int_equal(p->conflicts[1].period.sub, 1);
    ASSERT_WITHIN(p->conflicts[1].implied, 118.26, 1e-12);
    fc_growth_published_free(p);
    /* With the Jan-2023 figures un-swapped (y/y -14.61), the identity gives
     * -6.15 % vs published -6.32 %: consistent within rounding/vintage. */
    yoy->values[0] = 100 - 14.61;
    assert_int_equal(fc_growth_published_check(mom, yoy, ytd, NULL, &p, &err), FC_OK);
    ASSERT_WITHIN(p->implied_ytd->values[1], 100 - 6.15, 0.01);
    assert_int_equal(p->nconflicts, 1);
    assert_int_equal(p->conflicts[0].period.year, 2024);
    fc_growth_published_free(p);
    fc_series_free(mom);
    fc_series_free(yoy);
    fc_series_free(ytd);
}

/* datasets/MANIFEST facts (computed by the data curator from the GSO
 * workbooks, not by us): chained Jan-Dec m/m vs Dec y/y: 2013 131.8 vs
 * 108.7; 2024 108.87 vs 108.84 (consistent, hence the anchor).  The level
 * file was reconstructed from the 2024 m/m profile and y/y chaining: our
 * levels must be proportional to it.  The file rounds to 4 decimals
 * (half a unit = 5e-5 on levels >= 80, i.e. <= 6.3e-7 relative; observed
 * 6.4e-7 for the ratio of two rounded values), hence 2e-6. */
static void test_growth_published_check_on_gso_iip_reconstructs_levels(void **state)
{
    (void)state;
    fc_series_list *lm = read_fixture("datasets/vietnam_iip_total_mom_index_published.csv");
    fc_series_list *ly = read_fixture("datasets/vietnam_iip_total_yoy_index.csv");
    fc_series_list *ll = read_fixture("datasets/vietnam_iip_total_level_reconstructed.csv");
    const fc_series *mom = lm->items[0], *yoy = ly->items[0], *ref = ll->items[0];
    fc_growth_published *p;
    fc_error err;
    assert_int_equal(fc_growth_published_check(mom, yoy, NULL, NULL, &p, &err), FC_OK);
    assert_int_equal(p->anchor_year, 2024);
    size_t dec13, dec24, jan24;
    assert_int_equal(fc_series_index_of(mom, (fc_period){2013, 12}, &dec13, NULL), FC_OK);
    assert_int_equal(fc_series_index_of(mom, (fc_period){2024, 12}, &dec24, NULL), FC_OK);
    assert_int_equal(fc_series_index_of(mom, (fc_period){2024, 1}, &jan24, NULL), FC_OK);
    ASSERT_WITHIN(p->chained_yoy->values[dec13], 131.8, 0.05);
    ASSERT_WITHIN(yoy->values[dec13], 108.7, 0.05);
    ASSERT_WITHIN(p->chained_yoy->values[dec24], 108.87, 0.005);
    ASSERT_WITHIN(p->level->values[jan24], 100.0, 0.0);
    int found13 = 0;
    for (size_t k = 0; k < p->nconflicts; k++) {
        fc_growth_conflict c = p->conflicts[k];
        assert_int_equal(c.check, FC_GROWTH_CHECK_CHAIN);
        assert_false(c.period.year == 2024 && c.period.sub == 12);
        found13 |= c.period.year == 2013 && c.period.sub == 12;
    }
    assert_true(found13);
    size_t r0;
    assert_int_equal(fc_series_index_of(ref, (fc_period){2024, 1}, &r0, NULL), FC_OK);
    for (size_t i = 0; i < ref->n; i++) {
        size_t j;
        assert_int_equal(fc_series_index_of(mom, fc_series_period(ref, i), &j, NULL), FC_OK);
        double want = ref->values[i] / ref->values[r0], got = p->level->values[j] / 100.0;
        if (fabs(got / want - 1.0) > 2e-6)
            fail_msg("level ratio at %zu: got %.8g want %.8g", i, got, want);
    }
    fc_growth_published_free(p);
    /* An explicit anchor: 2019 (a year whose m/m do not chain) gives other
     * levels; -1 asks for none; 2011 starts in July, so it is refused. */
    fc_growth_published_options o = fc_growth_published_options_default();
    o.anchor_year = 2019;
    assert_int_equal(fc_growth_published_check(mom, yoy, NULL, &o, &p, &err), FC_OK);
    assert_int_equal(p->anchor_year, 2019);
    size_t jan19;
    assert_int_equal(fc_series_index_of(mom, (fc_period){2019, 1}, &jan19, NULL), FC_OK);
    ASSERT_WITHIN(p->level->values[jan19], 100.0, 0.0);
    ASSERT_WITHIN(p->level->values[jan19 + 1], mom->values[jan19 + 1], 1e-12);
    ASSERT_WITHIN(p->level->values[jan19 + 12], yoy->values[jan19 + 12], 1e-12);
    fc_growth_published_free(p);
    o.anchor_year = -1;
    assert_int_equal(fc_growth_published_check(mom, yoy, NULL, &o, &p, &err), FC_OK);
    assert_int_equal(p->anchor_year, 0);
    assert_true(isnan(p->level->values[jan24]));
    fc_growth_published_free(p);
    o.anchor_year = 2011;
    assert_int_equal(fc_growth_published_check(mom, yoy, NULL, &o, &p, &err), FC_EINVAL);
    assert_string_equal(err.message, "anchor year 2011 is not entirely inside the series");
    fc_series *gap;
    assert_int_equal(fc_series_copy(mom, &gap, NULL), FC_OK);
    gap->values[jan19 + 5] = NAN;
    o.anchor_year = 2019;
    assert_int_equal(fc_growth_published_check(gap, yoy, NULL, &o, &p, &err), FC_EINVAL);
    assert_string_equal(err.message, "anchor year 2019 lacks some m/m figures; its within-year "
                                     "profile cannot be built");
    fc_series_free(gap);
    fc_series_list_free(lm);
    fc_series_list_free(ly);
    fc_series_list_free(ll);
}

/* Inputs fc_growth_published_check refuses: which argument is spoilt, the
 * status and, when given, the whole message. */
typedef enum { NO_MOM, NO_OUTPUT, SHORT_YTD, ZERO_TOLERANCE, PARTIAL_ANCHOR, PERCENT_YOY } spoilt;

static void test_growth_published_check_rejects_bad_inputs(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        spoilt what;
        fc_status status;
        const char *message;
    } cases[] = {
        {"no m/m series", NO_MOM, FC_EINVAL, NULL},
        {"no output", NO_OUTPUT, FC_EINVAL, NULL},
        {"shorter YTD series", SHORT_YTD, FC_EINVAL,
         "fc_growth_published_check: the m/m, y/y and year-to-date "
         "series must have the same frequency, start and length"},
        {"zero tolerance", ZERO_TOLERANCE, FC_EINVAL, NULL},
        /* only Jan-Mar 2023 present */
        {"anchor year not complete", PARTIAL_ANCHOR, FC_EINVAL,
         "anchor year 2023 is not entirely inside the series"},
        /* a % change given where an index is expected */
        {"y/y as a percent change", PERCENT_YOY, FC_EDOMAIN,
         "published y/y index at 2023-02 is -3; an index "
         "(comparison period = 100) must be positive"},
    };
    const double rows[][3] = {{101, 105, 105}, {99, 104, 104.5}, {100, 103, 104}};
    fc_series *mom, *yoy, *ytd, *short_ytd, *pct_yoy;
    make_published(rows, 3, (fc_period){2023, 1}, &mom, &yoy, &ytd);
    assert_int_equal(fc_series_sub(ytd, 0, 2, &short_ytd, NULL), FC_OK);
    assert_int_equal(fc_series_copy(yoy, &pct_yoy, NULL), FC_OK);
    pct_yoy->values[1] = -3.0;
    fc_growth_published_options o = fc_growth_published_options_default();
    ASSERT_WITHIN(o.tolerance, 1.0, 0.0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        spoilt w = cases[k].what;
        fc_growth_published_options ok = fc_growth_published_options_default();
        ok.tolerance = w == ZERO_TOLERANCE ? 0.0 : ok.tolerance;
        ok.anchor_year = w == PARTIAL_ANCHOR ? 2023 : ok.anchor_year;
        fc_growth_published *p = (fc_growth_published *)1;
        fc_error err;
        fc_status st = fc_growth_published_check(
            w == NO_MOM ? NULL : mom, w == PERCENT_YOY ? pct_yoy : yoy,
            w == SHORT_YTD ? short_ytd : ytd,
            w == ZERO_TOLERANCE || w == PARTIAL_ANCHOR ? &ok : NULL, w == NO_OUTPUT ? NULL : &p,
            &err);
        CASE_INT_EQUAL(cases[k].name, st, cases[k].status);
        if (cases[k].message)
            CASE_STRING_EQUAL(cases[k].name, err.message, cases[k].message);
        if (w == NO_MOM)
            CASE_TRUE(cases[k].name, p == NULL);
    }
    fc_series_free(pct_yoy);
    fc_series_free(short_ytd);
    fc_series_free(mom);
    fc_series_free(yoy);
    fc_series_free(ytd);
    fc_growth_published_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_matches_independent_python_figures),
        cmocka_unit_test(test_growth_quarterly_mean_sum_qoq_and_q_yoy_match_python),
        cmocka_unit_test(test_growth_ytd_is_ratio_of_sums_not_average_of_rates),
        cmocka_unit_test(test_growth_of_a_quarterly_series_and_zero_base),
        cmocka_unit_test(test_growth_quarterly_excludes_incomplete_quarters),
        cmocka_unit_test(test_growth_rejects_bad_arguments),
        cmocka_unit_test(test_growth_reproduces_gso_export_release_within_revisions),
        cmocka_unit_test(test_growth_published_check_finds_gso_january_defects),
        cmocka_unit_test(test_growth_published_check_on_gso_iip_reconstructs_levels),
        cmocka_unit_test(test_growth_published_check_rejects_bad_inputs),
    };
    return cmocka_run_group_tests_name("growth", tests, NULL, NULL);
}
