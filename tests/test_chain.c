/* Chain-linking one series, unchaining, re-referencing and splicing
 * (libforecast/chain.c).  Published references: Statistics Finland's
 * December linking and India MOSPI linking factors (domain.md §1.3-A/B);
 * the rest are hand-worked examples and properties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"
#include "case_table.h"

static fc_series *make(const double *v, size_t n, int freq, int year, int sub)
{
    fc_series *s = NULL;
    fc_period p = {year, sub};
    assert_int_equal(fc_series_from_array(v, n, freq, p, &s, NULL), FC_OK);
    return s;
}

/* Deterministic positive pseudo-random path (LCG), for property tests. */
static void random_path(double *v, size_t n, unsigned seed)
{
    unsigned long x = seed;
    double level = 100.0;
    for (size_t t = 0; t < n; t++) {
        x = (x * 1103515245UL + 12345UL) & 0x7fffffffUL;
        level *= 1.0 + ((double)(x % 2001) - 1000.0) / 20000.0; /* +-5 % */
        v[t] = level;
    }
}

/* Statistics Finland (domain.md §1.3-A): Jan 2004 = 100.34 on 2003:12=100;
 * chained onto the 2000=100 series (Dec 2003 = 104.47) it is 104.82, onto the
 * 2002:12=100 series (Dec 2003 = 101.88) 102.22 (published, 2 decimals). */
static void test_one_period_overlap_reproduces_statistics_finland(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        double dec2003; /* the old series in Dec 2003 */
        double jan2004; /* published chained Jan 2004 */
    } cases[] = {
        {"onto 2000=100", 104.47, 104.82},    /* 104.8252: the source truncates */
        {"onto 2002:12=100", 101.88, 102.22}, /* source chained unrounded factors */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double v[13];
        for (int m = 0; m < 11; m++)
            v[m] = 100.0 + m * 0.1; /* Jan-Nov 2003 not used */
        v[11] = cases[k].dec2003;
        v[12] = 100.34; /* Jan 2004 link, 2003:12 = 100 */
        fc_series *l = make(v, 13, 12, 2003, 1), *c = NULL;
        CASE_INT_EQUAL(cases[k].name, fc_chain_link(l, FC_CHAIN_ONE_PERIOD_OVERLAP, &c, NULL),
                       FC_OK);
        CASE_WITHIN(cases[k].name, c->values[12], cases[k].jan2004, 0.01);
        /* first year passes through */
        CASE_WITHIN(cases[k].name, c->values[11], cases[k].dec2003, 0.0);
        fc_series_free(l);
        fc_series_free(c);
    }
}

/* The same figures as a splice: OLD 2000=100 ends Dec 2003 at 104.47, NEW
 * (2003:12 = 100) starts Dec 2003; linked on the one period Dec 2003 and kept
 * on the old base, Jan 2004 = 104.82 (Statistics Finland). */
static void test_splice_on_one_period_keeps_old_base_like_statistics_finland(void **state)
{
    (void)state;
    double oldv[] = {103.9, 104.47}, newv[] = {100.0, 100.34, 100.9};
    fc_series *o = make(oldv, 2, 12, 2003, 11), *nw = make(newv, 3, 12, 2003, 12), *s = NULL;
    fc_splice_options opt = fc_splice_options_default();
    opt.use_overlap_period = 1;
    opt.overlap_period = (fc_period){2003, 12};
    opt.keep_old_base = 1;
    assert_int_equal(fc_chain_splice(o, nw, &opt, &s, NULL), FC_OK);
    assert_int_equal(s->n, 4);
    ASSERT_WITHIN(s->values[0], 103.9, 0.0);
    ASSERT_WITHIN(s->values[1], 104.47, 0.0);
    ASSERT_WITHIN(s->values[2], 104.82, 0.01);
    /* On the new base instead, OLD is divided by the factor 1.0447. */
    opt.keep_old_base = 0;
    fc_series_free(s);
    assert_int_equal(fc_chain_splice(o, nw, &opt, &s, NULL), FC_OK);
    assert_int_equal(s->n, 4);
    ASSERT_WITHIN(s->values[0], 103.9 / 1.0447, 1e-12);
    ASSERT_WITHIN(s->values[1], 100.0, 1e-12);
    ASSERT_WITHIN(s->values[2], 100.34, 0.0);
    fc_series_free(o);
    fc_series_free(nw);
    fc_series_free(s);
}

/* Monthly series whose calendar-year mean is `mean` (shape varies). */
static void year_with_mean(double *v, double mean)
{
    for (int m = 0; m < 12; m++)
        v[m] = mean * (1.0 + 0.02 * ((m % 3) - 1)); /* -2 %, 0, +2 %: mean unchanged */
}

/* MOSPI (domain.md §1.3-B): linking factor = average of the old-base index
 * in the new base year / 100.  Mining 1.534, manufacturing 2.225, electricity
 * 1.815, general 2.111 (2004-05 on 1993-94).  MOSPI's years are fiscal
 * (April-March); here the overlap is the calendar year 2004. */
static void test_linking_factor_reproduces_mospi(void **state)
{
    (void)state;
    const double avg_old[] = {153.4, 222.5, 181.5, 211.1};
    const double factor[] = {1.534, 2.225, 1.815, 2.111};
    for (int k = 0; k < 4; k++) {
        double ov[24], nv[24];
        year_with_mean(ov, avg_old[k] * 0.97); /* 2003 */
        year_with_mean(ov + 12, avg_old[k]);   /* 2004 */
        year_with_mean(nv, 100.0);             /* 2004, new base = 100 */
        year_with_mean(nv + 12, 104.0);        /* 2005 */
        fc_series *o = make(ov, 24, 12, 2003, 1), *nw = make(nv, 24, 12, 2004, 1), *s = NULL;
        double f;
        assert_int_equal(fc_chain_linking_factor(o, nw, NULL, &f, NULL), FC_OK);
        ASSERT_WITHIN(f, factor[k], 1e-12);
        assert_int_equal(fc_chain_splice(o, nw, NULL, &s, NULL), FC_OK);
        assert_int_equal(s->n, 36);
        ASSERT_WITHIN(s->values[0], ov[0] / factor[k], 1e-12); /* old converted to new base */
        ASSERT_WITHIN(s->values[12], nv[0], 0.0);
        ASSERT_WITHIN(s->values[35], nv[23], 0.0);
        fc_series_free(o);
        fc_series_free(nw);
        fc_series_free(s);
    }
    /* Two linkings multiply: general 1980-81 -> 1993-94 factor 2.320 and
     * 1993-94 -> 2004-05 factor 2.111 give 1980-81 -> 2004-05 = 4.89752. */
    ASSERT_WITHIN(2.320 * 2.111, 4.89752, 1e-12);
}

/* Hand-worked quarterly chains from 2010-Q1, checked where `want` is not
 * NaN.
 * Annual overlap: 2010 levels 100,102,98,100 (mean 100); 2011 links
 * 101,103,104,106 (mean of the chain 103.5); 2012 link 102 -> 102 x 1.035 =
 * 105.57.
 * Over-the-year: 2010 levels 100,110,120,130; 2011 links (same quarter of
 * 2010 = 100) 105,100,110,90 -> 105,110,132,117. */
static void test_chains_hand_worked(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        fc_chain_method method;
        size_t n;
        double links[9], want[9];
    } cases[] = {
        {"annual overlap", FC_CHAIN_ANNUAL_OVERLAP, 9,
         {100, 102, 98, 100, 101, 103, 104, 106, 102},
         {NAN, NAN, NAN, NAN, 101.0, NAN, NAN, 106.0, 105.57}},
        {"over the year", FC_CHAIN_OVER_THE_YEAR, 8,
         {100, 110, 120, 130, 105, 100, 110, 90},
         {100, 110, 120, 130, 105, 110, 132, 117}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fc_series *l = make(cases[k].links, cases[k].n, 4, 2010, 1), *c = NULL;
        CASE_INT_EQUAL(cases[k].name, fc_chain_link(l, cases[k].method, &c, NULL), FC_OK);
        for (size_t t = 0; t < cases[k].n; t++)
            if (!isnan(cases[k].want[t]))
                CASE_WITHIN(cases[k].name, c->values[t], cases[k].want[t], 1e-12);
        fc_series_free(l);
        fc_series_free(c);
    }
}

/* chain -> unchain -> chain is the identity, for every method, monthly and
 * quarterly, and a series starting mid-year (one-period / over-the-year). */
static void test_chain_unchain_chain_is_identity(void **state)
{
    (void)state;
    const fc_chain_method methods[] = {FC_CHAIN_ANNUAL_OVERLAP, FC_CHAIN_ONE_PERIOD_OVERLAP,
                                       FC_CHAIN_OVER_THE_YEAR};
    const int freqs[] = {12, 4};
    for (int mi = 0; mi < 3; mi++)
        for (int fi = 0; fi < 2; fi++)
            for (int sub = 1; sub <= 2; sub++) {
                if (sub == 2 && methods[mi] == FC_CHAIN_ANNUAL_OVERLAP)
                    continue; /* needs a whole first year, tested as an error */
                double v[100];
                random_path(v, 100, 7u + (unsigned)(mi * 10 + fi));
                fc_series *links = make(v, 100, freqs[fi], 2001, sub);
                fc_series *c = NULL, *u = NULL, *c2 = NULL;
                assert_int_equal(fc_chain_link(links, methods[mi], &c, NULL), FC_OK);
                assert_int_equal(fc_chain_unlink(c, methods[mi], &u, NULL), FC_OK);
                assert_int_equal(fc_chain_link(u, methods[mi], &c2, NULL), FC_OK);
                for (size_t t = 0; t < 100; t++) {
                    ASSERT_WITHIN(u->values[t], v[t], 1e-10 * v[t]);
                    ASSERT_WITHIN(c2->values[t], c->values[t], 1e-10 * c->values[t]);
                }
                fc_series_free(links);
                fc_series_free(c);
                fc_series_free(u);
                fc_series_free(c2);
            }
}

/* Re-referencing: the reference year's mean becomes 100 and every growth
 * rate (m/m, y/y) is unchanged. */
static void test_rebase_sets_reference_year_and_keeps_growth(void **state)
{
    (void)state;
    double v[60];
    random_path(v, 60, 3);
    fc_series *s = make(v, 60, 12, 2015, 1), *r = NULL;
    assert_int_equal(fc_chain_rebase(s, 2017, &r, NULL), FC_OK);
    double mean;
    assert_int_equal(fc_chain_annual_mean(r, 2017, &mean, NULL), FC_OK);
    ASSERT_WITHIN(mean, 100.0, 1e-12);
    for (size_t t = 12; t < 60; t++) {
        ASSERT_WITHIN(r->values[t] / r->values[t - 1], v[t] / v[t - 1], 1e-14);
        ASSERT_WITHIN(r->values[t] / r->values[t - 12], v[t] / v[t - 12], 1e-14);
    }
    fc_series_free(s);
    fc_series_free(r);
}

/* The series the error cases run on (30 months of a random path). */
enum { MIDYEAR, GAP, ZERO, QUARTERLY, LATE, NSERIES };

static void error_series(fc_series *s[NSERIES])
{
    double v[30];
    random_path(v, 30, 11);
    s[MIDYEAR] = make(v, 30, 12, 2010, 3); /* starts 2010-03 */
    v[5] = NAN;
    s[GAP] = make(v, 30, 12, 2010, 1); /* 2010-06 missing */
    v[5] = 100.0;
    v[0] = 0.0;
    s[ZERO] = make(v, 30, 12, 2010, 1);
    double q[8] = {100, 100, 100, 100, 100, 100, 100, 100};
    s[QUARTERLY] = make(q, 8, 4, 2010, 1);
    s[LATE] = make(v, 30, 12, 2020, 1);
}

typedef enum { LINK, UNLINK, REBASE, FACTOR, SPLICE } chain_op;

static void test_chain_errors_are_explicit(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        chain_op op;
        int a, b;         /* the series (b: second series of FACTOR, SPLICE) */
        int arg;          /* method (LINK, UNLINK) or reference year (REBASE) */
        fc_status status;
        const char *message; /* NULL = status only */
        int no_output;       /* the output is checked to be NULL */
    } cases[] = {
        {"annual overlap from mid-year", LINK, MIDYEAR, 0, FC_CHAIN_ANNUAL_OVERLAP, FC_ESHORT,
         "2010-03", 1},
        {"over-the-year link across a gap", LINK, GAP, 0, FC_CHAIN_OVER_THE_YEAR, FC_EMISSING,
         NULL, 0},
        {"rebase on a year with a gap", REBASE, GAP, 0, 2010, FC_EMISSING, "2010-06", 0},
        {"rebase on a year outside", REBASE, GAP, 0, 2013, FC_ERANGE, NULL, 0},
        {"unlink a zero", UNLINK, ZERO, 0, FC_CHAIN_OVER_THE_YEAR, FC_EDOMAIN, NULL, 0},
        {"unknown method", LINK, ZERO, 0, 9, FC_EINVAL, NULL, 0},
        {"linking factor across frequencies", FACTOR, MIDYEAR, QUARTERLY, 0, FC_EFREQ, NULL, 0},
        {"splice without a common year", SPLICE, MIDYEAR, LATE, 0, FC_ERANGE,
         "no complete calendar year", 1},
    };
    fc_series *s[NSERIES];
    error_series(s);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fc_series *out = NULL, *a = s[cases[k].a], *b = s[cases[k].b];
        fc_chain_method m = (fc_chain_method)cases[k].arg;
        double f;
        fc_error err;
        fc_error_clear(&err);
        fc_status st = cases[k].op == LINK     ? fc_chain_link(a, m, &out, &err)
                       : cases[k].op == UNLINK ? fc_chain_unlink(a, m, &out, &err)
                       : cases[k].op == REBASE ? fc_chain_rebase(a, cases[k].arg, &out, &err)
                       : cases[k].op == FACTOR ? fc_chain_linking_factor(a, b, NULL, &f, &err)
                                               : fc_chain_splice(a, b, NULL, &out, &err);
        CASE_STATUS(cases[k].name, st, cases[k].status, err.message, cases[k].message);
        if (cases[k].no_output)
            CASE_TRUE(cases[k].name, out == NULL);
        fc_series_free(out);
    }
    for (int i = 0; i < NSERIES; i++)
        fc_series_free(s[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_period_overlap_reproduces_statistics_finland),
        cmocka_unit_test(test_splice_on_one_period_keeps_old_base_like_statistics_finland),
        cmocka_unit_test(test_linking_factor_reproduces_mospi),
        cmocka_unit_test(test_chains_hand_worked),
        cmocka_unit_test(test_chain_unchain_chain_is_identity),
        cmocka_unit_test(test_rebase_sets_reference_year_and_keeps_growth),
        cmocka_unit_test(test_chain_errors_are_explicit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
