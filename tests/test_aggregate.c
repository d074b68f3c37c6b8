/* Laspeyres aggregation, weights and contributions to growth
 * (libforecast/aggregate.c, contrib.c, weights.c).  References: hand-worked
 * examples (numbers derived in the comments), the GSO Feb-2023 release
 * (domain.md §1.3-F), the IMF QNA 2017 Example 8.2 data as far as they are
 * complete (§1.3-C), and properties of the definitions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "forecast.h"
#include "case_table.h"

#define MAXC 8

typedef struct {
    size_t k;
    fc_series *c[MAXC];
} comps;

static void comps_add(comps *cs, const char *name, const double *v, size_t n, int freq,
                      int year, int sub)
{
    fc_series *s = NULL;
    fc_period p = {year, sub};
    assert_int_equal(fc_series_from_array(v, n, freq, p, &s, NULL), FC_OK);
    assert_int_equal(fc_series_set_name(s, name, NULL), FC_OK);
    cs->c[cs->k++] = s;
}

static void comps_free(comps *cs)
{
    for (size_t i = 0; i < cs->k; i++)
        fc_series_free(cs->c[i]);
}

/* Frees what a test built (each may be NULL). */
static void release(fc_aggregate *ag, fc_weights *w, comps *cs)
{
    fc_aggregate_free(ag);
    fc_weights_free(w);
    if (cs)
        comps_free(cs);
}

/* Weights with names from a table rows x k. */
static fc_weights *weights(size_t rows, size_t k, const int *years, const double *v,
                           const char *const *names)
{
    fc_weights *w = NULL;
    assert_int_equal(fc_weights_alloc(rows, k, &w, NULL), FC_OK);
    for (size_t r = 0; r < rows; r++)
        w->years[r] = years[r];
    memcpy(w->values, v, rows * k * sizeof *v);
    for (size_t i = 0; names && i < k; i++)
        assert_int_equal(fc_weights_set_name(w, i, names[i], NULL), FC_OK);
    return w;
}

static fc_aggregate *compile(const comps *cs, const fc_weights *w, fc_aggregate_method m,
                             int base_year)
{
    fc_aggregate_options o = fc_aggregate_options_default();
    o.method = m;
    o.base_year = base_year;
    fc_aggregate *a = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_aggregate_compute((const fc_series *const *)cs->c, cs->k, w, &o, &a, &err);
    if (st != FC_OK)
        fail_msg("fc_aggregate_compute: %s", err.message);
    return a;
}

/* ------------------------------------------------------------ fixed base */

/* Hand-worked: weights 3 and 1 (-> 0.75, 0.25); A = 100,104,102,110,
 * B = 100,90,95,100; I = 100, 100.5, 100.25, 107.5.  Q2 over Q1: growth
 * 0.5 %, C_A = 100 x 0.75 x 4 / 100 = 3, C_B = 100 x 0.25 x (-10) / 100 = -2.5. */
static void test_fixed_base_hand_worked_index_and_contributions(void **state)
{
    (void)state;
    const double a[] = {100, 104, 102, 110}, b[] = {100, 90, 95, 100};
    comps cs = {0};
    comps_add(&cs, "A", a, 4, 4, 2015, 1);
    comps_add(&cs, "B", b, 4, 4, 2015, 1);
    const char *names[] = {"B", "A"}; /* matched by name, not position */
    fc_weights *w = weights(1, 2, (int[]){2015}, (double[]){1, 3}, names);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_FIXED_BASE, 0);
    const fc_series *I = fc_aggregate_index(ag);
    const double want[] = {100, 100.5, 100.25, 107.5};
    for (int t = 0; t < 4; t++)
        ASSERT_WITHIN(I->values[t], want[t], 1e-12);
    double g[4], c[8];
    assert_int_equal(fc_aggregate_contrib_lag(ag, 1, g, c, NULL), FC_OK);
    assert_true(isnan(g[0]) && isnan(c[0]) && isnan(c[4]));
    ASSERT_WITHIN(g[1], 0.5, 1e-12);
    ASSERT_WITHIN(c[1], 3.0, 1e-12);
    ASSERT_WITHIN(c[4 + 1], -2.5, 1e-12);
    release(ag, w, &cs);
}

/* GSO Feb-2023 release (domain.md §1.3-F): Jan-Feb 2023 over Jan-Feb 2022,
 * total -6.3 %; mining -3.8 % (-0.6 pp), manufacturing -6.9 % (-5.3 pp),
 * electricity -5.2 % (-0.5 pp), water/waste +2.3 % (+0.1 pp).  The pp add up
 * to the total (-6.3).  GSO's definition C_i = s_i g_i (s_i = share of the
 * weighted level of Jan-Feb 2022) is checked by building the sections from
 * the release: levels 100 in 2022, 100 (1 + g_i/100) in 2023, base weights
 * equal to the implied shares s_i = pp_i / g_i.  Finding: those shares sum
 * to 1.065, and no share vector summing to 1 reproduces all four published
 * (g_i, pp_i) pairs within their rounding (minimum sum 1.005), so the
 * published figures are only consistent up to a common factor; the test
 * checks that factor is common, i.e. each C_i / pp_i = 1 / sum s. */
static void test_fixed_base_ytd_contributions_match_gso_feb_2023(void **state)
{
    (void)state;
    const double g[] = {-3.8, -6.9, -5.2, 2.3}, pp[] = {-0.6, -5.3, -0.5, 0.1};
    const char *names[] = {"mining", "manufacturing", "electricity", "water"};
    comps cs = {0};
    double s[4], ssum = 0.0;
    for (int i = 0; i < 4; i++) {
        double v[14];
        for (int m = 0; m < 12; m++)
            v[m] = 100.0;
        v[12] = v[13] = 100.0 * (1.0 + g[i] / 100.0);
        comps_add(&cs, names[i], v, 14, 12, 2022, 1);
        s[i] = pp[i] / g[i];
        ssum += s[i];
    }
    ASSERT_WITHIN(pp[0] + pp[1] + pp[2] + pp[3], -6.3, 1e-12); /* published total */
    fc_weights *w = weights(1, 4, (int[]){2015}, s, names);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_FIXED_BASE, 2015);
    double gr[14], c[4 * 14];
    assert_int_equal(fc_aggregate_contrib_ytd(ag, gr, c, NULL), FC_OK);
    double sum = 0.0;
    for (int i = 0; i < 4; i++) {
        ASSERT_WITHIN(c[i * 14 + 13] * ssum, pp[i], 1e-12);
        sum += c[i * 14 + 13];
    }
    ASSERT_WITHIN(sum, gr[13], 1e-10);
    ASSERT_WITHIN(gr[13], -6.3 / ssum, 1e-12);
    assert_true(isnan(gr[11]));
    release(ag, w, &cs);
}


/* Real data: GSO's IIP is a fixed-base Laspeyres of its sections (yearbook
 * methodology, domain.md §2.1).  With the least-squares implied weights of
 * datasets/vietnam_iip_sections_implied_weights.csv (tests/fixtures/
 * gen_vn_sections.py; GSO publishes no weights), aggregating the four
 * reconstructed section levels must track GSO's reconstructed total within
 * 0.6 index points in all 62 months (the residual reflects the up-to-4 %
 * reconstruction error documented in datasets/README.md). */
static void test_fixed_base_sections_track_gso_total(void **state)
{
    (void)state;
    fc_series_list *sections = NULL, *total = NULL;
    fc_weights *w = NULL;
    fc_error err;
    assert_int_equal(fc_csv_read_file("datasets/vietnam_iip_sections_wide.csv", &sections, &err),
                     FC_OK);
    assert_int_equal(fc_csv_read_file("datasets/vietnam_iip_total_level_reconstructed.csv", &total,
                                      &err), FC_OK);
    assert_int_equal(fc_weights_read_file("datasets/vietnam_iip_sections_implied_weights.csv", &w,
                                          &err), FC_OK);
    fc_aggregate_options o = fc_aggregate_options_default();
    fc_aggregate *ag = NULL;
    assert_int_equal(fc_aggregate_compute((const fc_series *const *)sections->items,
                                          sections->count, w, &o, &ag, &err), FC_OK);
    const fc_series *I = fc_aggregate_index(ag), *T = total->items[0];
    assert_int_equal(I->n, 62);
    assert_int_equal(T->n, 62);
    for (size_t t = 0; t < 62; t++)
        ASSERT_WITHIN(I->values[t], T->values[t], 0.6);
    fc_aggregate_free(ag);
    fc_weights_free(w);
    fc_series_list_free(sections);
    fc_series_list_free(total);
}

/* -------------------------------------------------------- annual overlap */

/* Hand-worked, quarterly, weights changing every year (2010: 1,1; 2011: 3,1;
 * 2012: 5,5, unused since the last links are 2012's):
 *   A 2010: 90,100,110,100 (mean 100)  2011: 105,110,115,110 (mean 110)  2012: 121,132
 *   B 2010: 100 x 4        (mean 100)  2011: 80,90,100,90    (mean 90)   2012: 99,90
 * 2010 (own weights .5/.5): I = 95,100,105,100 (mean 100)
 * 2011 links (w2010): A 105,110,115,110; B 80,90,100,90 -> I = 92.5,100,107.5,100 (mean 100)
 * 2012 links (w2011 .75/.25): A 110,120; B 110,100 -> I = 110, 115
 * q/q 2012Q2: 4.5454 %, C_A = 100 x .75 x 10 / 110 = 6.8182, C_B = -2.2727
 * q/q 2012Q1 (across the boundary, r = 100/100): C_A = .75 x 10 + 50 x 0 / 100 = 7.5, C_B = 2.5
 * y/y 2012Q1: 110 / 92.5 -> 18.9189 %, r = 100/92.5:
 *   C_A = r x .75 x 10 + 50 x (110 - 105) / 92.5 = 10.8108
 *   C_B = r x .25 x 10 + 50 x (90 - 80) / 92.5   =  8.1081
 * annual 2011: 0 %, C_A = .5 x (110 - 100) = 5, C_B = .5 x (90 - 100) = -5 */
static const double HW_A[] = {90, 100, 110, 100, 105, 110, 115, 110, 121, 132};
static const double HW_B[] = {100, 100, 100, 100, 80, 90, 100, 90, 99, 90};

/* The hand-worked components A and B, quarterly from 2010-Q1. */
static void hw_components(comps *cs)
{
    comps_add(cs, "A", HW_A, 10, 4, 2010, 1);
    comps_add(cs, "B", HW_B, 10, 4, 2010, 1);
}

static fc_weights *hw_weights(size_t k)
{
    const char *names[] = {"A", "B", "C"};
    double v3[] = {1, 1, 1, 3, 1, 4, 5, 5, 5};
    double v2[] = {1, 1, 3, 1, 5, 5};
    return weights(3, k, (int[]){2010, 2011, 2012}, k == 3 ? v3 : v2, names);
}

static void test_annual_overlap_hand_worked_index(void **state)
{
    (void)state;
    comps cs = {0};
    hw_components(&cs);
    fc_weights *w = hw_weights(2);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    const double want[] = {95, 100, 105, 100, 92.5, 100, 107.5, 100, 110, 115};
    const fc_series *I = fc_aggregate_index(ag);
    for (int t = 0; t < 10; t++)
        ASSERT_WITHIN(I->values[t], want[t], 1e-12);
    assert_int_equal(fc_aggregate_first_year(ag), 2010);
    release(ag, w, &cs);
}

static void test_annual_overlap_hand_worked_contributions(void **state)
{
    (void)state;
    comps cs = {0};
    hw_components(&cs);
    fc_weights *w = hw_weights(2);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    double g[10], c[20];
    assert_int_equal(fc_aggregate_contrib_lag(ag, 1, g, c, NULL), FC_OK);
    ASSERT_WITHIN(g[9], 100.0 * (115.0 / 110.0 - 1.0), 1e-12);
    ASSERT_WITHIN(c[9], 100.0 * 0.75 * 10.0 / 110.0, 1e-12);
    ASSERT_WITHIN(c[10 + 9], -100.0 * 0.25 * 10.0 / 110.0, 1e-12);
    ASSERT_WITHIN(g[8], 10.0, 1e-12);
    ASSERT_WITHIN(c[8], 7.5, 1e-12);
    ASSERT_WITHIN(c[10 + 8], 2.5, 1e-12);
    assert_int_equal(fc_aggregate_contrib_lag(ag, 4, g, c, NULL), FC_OK);
    ASSERT_WITHIN(g[8], 100.0 * (110.0 / 92.5 - 1.0), 1e-12);
    ASSERT_WITHIN(c[8], 100.0 / 92.5 * 7.5 + 50.0 * 5.0 / 92.5, 1e-12);
    ASSERT_WITHIN(c[10 + 8], 100.0 / 92.5 * 2.5 + 50.0 * 10.0 / 92.5, 1e-12);
    assert_true(isnan(g[3]));
    double ga, ca[2];
    assert_int_equal(fc_aggregate_contrib_annual(ag, 2011, &ga, ca, NULL), FC_OK);
    ASSERT_WITHIN(ga, 0.0, 1e-12);
    ASSERT_WITHIN(ca[0], 5.0, 1e-12);
    ASSERT_WITHIN(ca[1], -5.0, 1e-12);
    fc_error err;
    assert_int_equal(fc_aggregate_contrib_annual(ag, 2012, &ga, ca, &err), FC_ERANGE);
    assert_int_equal(fc_aggregate_contrib_annual(ag, 2010, &ga, ca, &err), FC_ERANGE);
    assert_int_equal(fc_aggregate_contrib_lag(ag, 5, g, c, &err), FC_EINVAL);
    release(ag, w, &cs);
}

/* Component C starts in 2011 (documented rule: it joins the basket in 2012,
 * after its first complete year).  2010-2011 are unchanged; 2012 links use
 * the 2011 weights 3,1,4 -> .375,.125,.5 with C 2011 mean 100, 2012 = 130,100:
 *   I 2012Q1 = .375 x 110 + .125 x 110 + .5 x 130 = 120
 *   I 2012Q2 = .375 x 120 + .125 x 100 + .5 x 100 = 107.5
 * q/q 2012Q1 (r = 1): C_A = .375 x 10 = 3.75, C_B = 1.25, C_C = .5 x 30 = 15 (sum 20). */
static void test_annual_overlap_late_component_joins_at_year_boundary(void **state)
{
    (void)state;
    const double C[] = {NAN, NAN, NAN, NAN, 100, 100, 100, 100, 130, 100};
    comps cs = {0};
    hw_components(&cs);
    comps_add(&cs, "C", C, 10, 4, 2010, 1);
    fc_weights *w = hw_weights(3);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    const double want[] = {95, 100, 105, 100, 92.5, 100, 107.5, 100, 120, 107.5};
    const fc_series *I = fc_aggregate_index(ag);
    for (int t = 0; t < 10; t++)
        ASSERT_WITHIN(I->values[t], want[t], 1e-12);
    double g[10], c[30];
    assert_int_equal(fc_aggregate_contrib_lag(ag, 1, g, c, NULL), FC_OK);
    ASSERT_WITHIN(g[8], 20.0, 1e-12);
    ASSERT_WITHIN(c[8], 3.75, 1e-12);
    ASSERT_WITHIN(c[10 + 8], 1.25, 1e-12);
    ASSERT_WITHIN(c[20 + 8], 15.0, 1e-12);
    ASSERT_WITHIN(c[20 + 6], 0.0, 0.0); /* not yet in the basket */
    fc_aggregate_free(ag);
    /* The fixed-base index has no such rule: a clear error instead. */
    fc_error err;
    fc_aggregate_options o = fc_aggregate_options_default();
    o.base_year = 2010;
    assert_int_equal(fc_aggregate_compute((const fc_series *const *)cs.c, 3, w, &o, &ag, &err),
                     FC_EMISSING);
    assert_non_null(strstr(err.message, "component C has no value for 2010-Q1"));
    assert_null(ag);
    fc_weights_free(w);
    comps_free(&cs);
}

/* IMF QNA 2017 Example 8.2 (domain.md §1.3-C): current prices of A and B,
 * 2010 constant (150 x 4, 225 x 4); price indices (previous-year average =
 * 100) are available here for 2011Q1 only (A 102.0, B 99.0) — the rest of
 * the table was not retrievable, so only the first link is checked.  The
 * IMF computes the 2011Q1 volume at 2010 average prices as the deflated sum
 * 159.7/1.02 + 218.9/0.99 and its link as that over the 2010 quarterly
 * average 375; aggregating the component volume indices with the 2010 value
 * shares (600 : 900) must give the same number. */
static void test_annual_overlap_first_link_matches_imf_example_8_2(void **state)
{
    (void)state;
    double a[5] = {100, 100, 100, 100, 159.7 / 1.02 / 150.0 * 100.0};
    double b[5] = {100, 100, 100, 100, 218.9 / 0.99 / 225.0 * 100.0};
    comps cs = {0};
    comps_add(&cs, "A", a, 5, 4, 2010, 1);
    comps_add(&cs, "B", b, 5, 4, 2010, 1);
    const char *names[] = {"A", "B"};
    fc_weights *w = weights(1, 2, (int[]){2010}, (double[]){600, 900}, names);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    double imf_link = (159.7 / 1.02 + 218.9 / 0.99) / 375.0 * 100.0;
    ASSERT_WITHIN(fc_aggregate_index(ag)->values[4], imf_link, 1e-12);
    release(ag, w, &cs);
}


/* BEA 1995 table 1 (domain.md §1.3-E), 1982:III -> 1990:II, chain-type
 * annual-weighted indexes: current dollars at 1982:III, index 1982:III and
 * 1990:II.  Published dollar-denominated 1990:II levels (GDP 4182.5, PCE
 * 2721.8, investment 732.8, exports 490.4, imports 552.8, government 791.8)
 * and shares of the change (63.7, 21.9, 20.8, -23.9, 17.7; residual -0.1).
 * The indices are printed to 0.1, so levels agree to 0.1 % and shares to
 * 0.3 percentage points; the residual is the non-additivity of chain
 * indices (domain.md §1.2 item 7). */
static void test_share_of_change_reproduces_bea_1995(void **state)
{
    (void)state;
    const double value_b[] = {2073.1, 509.4, 279.0, -309.3, 612.0};
    const double index_b[] = {81.6, 72.2, 79.5, 62.5, 81.5};
    const double index_t[] = {107.1, 103.9, 139.7, 111.7, 105.5};
    const double level_pub[] = {2721.8, 732.8, 490.4, -552.8, 791.8};
    const double share_pub[] = {63.7, 21.9, 20.8, -23.9, 17.7};
    double levels[5], share[5], residual;
    assert_int_equal(fc_aggregate_share_of_change(5, value_b, index_b, index_t, 3164.2, 82.0,
                                                  108.4, levels, share, &residual, NULL), FC_OK);
    for (int i = 0; i < 5; i++) {
        ASSERT_WITHIN(levels[i], level_pub[i], 1e-3 * fabs(level_pub[i]));
        ASSERT_WITHIN(share[i], share_pub[i], 0.3);
    }
    ASSERT_WITHIN(residual, -0.1, 0.1);
    ASSERT_WITHIN(3164.2 * 108.4 / 82.0, 4182.5, 1e-3 * 4182.5);
    fc_error err;
    assert_int_equal(fc_aggregate_share_of_change(5, value_b, index_b, index_t, 3164.2, 82.0,
                                                  82.0, NULL, share, NULL, &err), FC_EDOMAIN);
}


/* Independent check (tests/fixtures/gen_index_value_form.py, numpy): the IMF
 * QNA 2017 ch. 8 annual-overlap aggregate computed from PRICES and
 * QUANTITIES (volumes at the previous year's average prices) and its
 * contributions written in value terms, against the library fed only the
 * quantity indices and the annual current-price values as weights. */
static void test_annual_overlap_matches_price_quantity_formulation(void **state)
{
    (void)state;
    fc_series_list *comp = NULL, *want = NULL;
    fc_weights *w = NULL;
    fc_error err;
    assert_int_equal(fc_csv_read_file("tests/fixtures/index_value_form_components.csv", &comp,
                                      &err), FC_OK);
    assert_int_equal(fc_csv_read_file("tests/fixtures/index_value_form_expected.csv", &want, &err),
                     FC_OK);
    assert_int_equal(fc_weights_read_file("tests/fixtures/index_value_form_weights.csv", &w, &err),
                     FC_OK);
    fc_aggregate_options o = fc_aggregate_options_default();
    o.method = FC_AGGREGATE_ANNUAL_OVERLAP;
    fc_aggregate *ag = NULL;
    assert_int_equal(fc_aggregate_compute((const fc_series *const *)comp->items, comp->count, w,
                                          &o, &ag, &err), FC_OK);
    size_t n = comp->items[0]->n, k = comp->count;
    assert_int_equal(n, 18);
    const fc_series *I = fc_aggregate_index(ag);
    const double *wi = fc_series_list_find(want, "index")->values;
    for (size_t t = 0; t < n; t++)
        ASSERT_WITHIN(I->values[t], wi[t], 1e-12 * wi[t]);
    const char *prefix[] = {"pop", "yoy"};
    const size_t lags[] = {1, 4};
    double g[18], c[3 * 18];
    size_t compared = 0;
    for (int l = 0; l < 2; l++) {
        assert_int_equal(fc_aggregate_contrib_lag(ag, lags[l], g, c, &err), FC_OK);
        char name[32];
        snprintf(name, sizeof name, "%s_growth", prefix[l]);
        const double *wg = fc_series_list_find(want, name)->values;
        for (size_t t = 0; t < n; t++) {
            assert_int_equal(isnan(g[t]), isnan(wg[t]));
            if (isnan(wg[t]))
                continue;
            ASSERT_WITHIN(g[t], wg[t], 1e-10);
            for (size_t i = 0; i < k; i++) {
                snprintf(name, sizeof name, "%s_%s", prefix[l], comp->items[i]->name);
                ASSERT_WITHIN(c[i * n + t], fc_series_list_find(want, name)->values[t], 1e-10);
                compared++;
            }
        }
    }
    assert_int_equal(compared, 3 * (17 + 14));
    fc_aggregate_free(ag);
    fc_weights_free(w);
    fc_series_list_free(comp);
    fc_series_list_free(want);
}

/* ------------------------------------------------------------ properties */

static void random_path(double *v, size_t n, unsigned seed)
{
    unsigned long x = seed;
    double level = 80.0 + seed % 40;
    for (size_t t = 0; t < n; t++) {
        x = (x * 1103515245UL + 12345UL) & 0x7fffffffUL;
        level *= 1.0 + ((double)(x % 2001) - 1000.0) / 12000.0;
        v[t] = level;
    }
}

#define PN 80 /* 2015-05 .. 2021-12, monthly: starts mid-year on purpose */

static void random_panel(comps *cs, fc_weights **w, int late)
{
    const char *names[] = {"c1", "c2", "c3", "c4", "c5"};
    for (unsigned i = 0; i < 5; i++) {
        double v[PN];
        random_path(v, PN, 17u + i * 31u);
        if (late && i == 4)
            for (int t = 0; t < 22; t++) /* starts 2017-03 */
                v[t] = NAN;
        comps_add(cs, names[i], v, PN, 12, 2015, 5);
    }
    int years[7];
    double wv[35];
    for (int r = 0; r < 7; r++) {
        years[r] = 2015 + r;
        for (int i = 0; i < 5; i++)
            wv[r * 5 + i] = 1.0 + ((r * 7 + i * 3) % 11); /* changes every year, any scale */
    }
    *w = weights(7, 5, years, wv, names);
}

static void assert_contributions_add_up(const fc_aggregate *ag, size_t n, const double *g,
                                        const double *c, size_t *checked)
{
    for (size_t t = 0; t < n; t++) {
        if (isnan(g[t]))
            continue;
        double s = 0.0;
        for (size_t i = 0; i < fc_aggregate_ncomponents(ag); i++)
            s += c[i * n + t];
        ASSERT_WITHIN(s, g[t], 1e-10);
        (*checked)++;
    }
}

static void test_contributions_add_up_for_every_definition(void **state)
{
    (void)state;
    for (int late = 0; late <= 1; late++)
        for (int m = 0; m <= 1; m++) {
            if (late && m == 0)
                continue;
            comps cs = {0};
            fc_weights *w;
            random_panel(&cs, &w, late);
            fc_aggregate *ag = compile(&cs, w, m ? FC_AGGREGATE_ANNUAL_OVERLAP
                                                 : FC_AGGREGATE_FIXED_BASE, 2016);
            double g[PN], c[5 * PN];
            size_t checked = 0;
            const size_t lags[] = {1, 3, 12};
            for (int l = 0; l < 3; l++) {
                assert_int_equal(fc_aggregate_contrib_lag(ag, lags[l], g, c, NULL), FC_OK);
                assert_contributions_add_up(ag, PN, g, c, &checked);
            }
            assert_int_equal(fc_aggregate_contrib_ytd(ag, g, c, NULL), FC_OK);
            assert_contributions_add_up(ag, PN, g, c, &checked);
            for (int y = 2016; y <= 2021; y++) {
                double ga, ca[5];
                if (fc_aggregate_contrib_annual(ag, y, &ga, ca, NULL) != FC_OK)
                    continue;
                ASSERT_WITHIN(ca[0] + ca[1] + ca[2] + ca[3] + ca[4], ga, 1e-10);
                checked++;
            }
            assert_true(checked > 150);
            release(ag, w, &cs);
        }
}

/* Annual consistency (IMF QNA 2017 §8, domain.md §1.2 item 3): the annual
 * mean of the annual-overlap chain equals the annual chain-linked Laspeyres
 * computed from annual means alone:  Ī_y = Ī_{y-1} sum_i w_{i,y-1} Ī_{i,y} / Ī_{i,y-1},
 * Ī_{y0} = 100. */
static void test_annual_mean_of_annual_overlap_chain_is_annual_chain_index(void **state)
{
    (void)state;
    comps cs = {0};
    fc_weights *w;
    random_panel(&cs, &w, 0);
    fc_aggregate *ag = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    assert_int_equal(fc_aggregate_first_year(ag), 2016); /* data start 2015-05 */
    const fc_series *I = fc_aggregate_index(ag);
    assert_true(isnan(I->values[0]) && isnan(I->values[7]) && !isnan(I->values[8]));
    double annual = 100.0;
    for (int y = 2016; y <= 2021; y++) {
        if (y > 2016) {
            double wsum = 0.0, ratio = 0.0;
            for (size_t i = 0; i < 5; i++)
                wsum += w->values[(size_t)(y - 1 - 2015) * 5 + i];
            for (size_t i = 0; i < 5; i++) {
                double now, prev;
                assert_int_equal(fc_chain_annual_mean(cs.c[i], y, &now, NULL), FC_OK);
                assert_int_equal(fc_chain_annual_mean(cs.c[i], y - 1, &prev, NULL), FC_OK);
                ratio += w->values[(size_t)(y - 1 - 2015) * 5 + i] / wsum * now / prev;
            }
            annual *= ratio;
        }
        double mean;
        assert_int_equal(fc_chain_annual_mean(I, y, &mean, NULL), FC_OK);
        ASSERT_WITHIN(mean, annual, 1e-10);
    }
    release(ag, w, &cs);
}

/* Links are scale-free: re-referencing the components (each to another
 * year) leaves the annual-overlap aggregate unchanged, and re-referencing the
 * aggregate leaves its growth unchanged. */
static void test_annual_overlap_ignores_component_reference_years(void **state)
{
    (void)state;
    comps cs = {0}, rs = {0};
    fc_weights *w;
    random_panel(&cs, &w, 0);
    for (size_t i = 0; i < 5; i++) {
        fc_series *r = NULL;
        assert_int_equal(fc_chain_rebase(cs.c[i], 2016 + (int)i, &r, NULL), FC_OK);
        assert_int_equal(fc_series_set_name(r, cs.c[i]->name, NULL), FC_OK);
        rs.c[rs.k++] = r;
    }
    fc_aggregate *a1 = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    fc_aggregate *a2 = compile(&rs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    const fc_series *i1 = fc_aggregate_index(a1), *i2 = fc_aggregate_index(a2);
    for (size_t t = 8; t < PN; t++)
        ASSERT_WITHIN(i2->values[t], i1->values[t], 1e-10);
    fc_series *rb = NULL;
    assert_int_equal(fc_chain_rebase(i1, 2019, &rb, NULL), FC_OK);
    for (size_t t = 9; t < PN; t++)
        ASSERT_WITHIN(rb->values[t] / rb->values[t - 1], i1->values[t] / i1->values[t - 1], 1e-14);
    fc_series_free(rb);
    fc_aggregate_free(a1);
    release(a2, w, &cs);
    comps_free(&rs);
}

/* Weights need not sum to one: any positive scale gives the same index. */
static void test_weights_are_normalised(void **state)
{
    (void)state;
    comps cs = {0};
    fc_weights *w;
    random_panel(&cs, &w, 0);
    fc_aggregate *a1 = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    fc_aggregate *f1 = compile(&cs, w, FC_AGGREGATE_FIXED_BASE, 2018);
    for (size_t k = 0; k < w->nyears * w->ncomponents; k++)
        w->values[k] *= 1234.5;
    fc_aggregate *a2 = compile(&cs, w, FC_AGGREGATE_ANNUAL_OVERLAP, 0);
    fc_aggregate *f2 = compile(&cs, w, FC_AGGREGATE_FIXED_BASE, 2018);
    for (size_t t = 8; t < PN; t++) {
        ASSERT_WITHIN(fc_aggregate_index(a2)->values[t], fc_aggregate_index(a1)->values[t], 1e-10);
        ASSERT_WITHIN(fc_aggregate_index(f2)->values[t], fc_aggregate_index(f1)->values[t], 1e-10);
    }
    fc_aggregate_free(a1);
    fc_aggregate_free(a2);
    fc_aggregate_free(f1);
    release(f2, w, &cs);
}

/* ---------------------------------------------------------------- errors */

static fc_status try_compile(const comps *cs, const fc_weights *w, fc_aggregate_method m,
                             int base_year, fc_error *err)
{
    fc_aggregate_options o = fc_aggregate_options_default();
    o.method = m;
    o.base_year = base_year;
    fc_aggregate *a = NULL;
    fc_error_clear(err);
    fc_status st = fc_aggregate_compute((const fc_series *const *)cs->c, cs->k, w, &o, &a, err);
    assert_true(st == FC_OK || a == NULL);
    fc_aggregate_free(a);
    return st;
}

/* A rejected input: the random panel (weights from 2015) with one change,
 * compiled with `method` and `base_year`; the status and, when given, a
 * piece of the message naming the problem. */
typedef struct {
    const char *name;
    void (*spoil)(comps *cs, fc_weights *w);
    fc_aggregate_method method;
    int base_year;
    fc_status status;
    const char *message;
} rejection_case;

static void check_rejections(const rejection_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const rejection_case *c = &cases[k];
        comps cs = {0};
        fc_weights *w;
        fc_error err;
        random_panel(&cs, &w, 0);
        if (c->spoil)
            c->spoil(&cs, w);
        CASE_STATUS(c->name, try_compile(&cs, w, c->method, c->base_year, &err), c->status,
                    err.message, c->message);
        release(NULL, w, &cs);
    }
}

static void zero_weight(comps *cs, fc_weights *w) { (void)cs; w->values[7] = 0.0; }
static void negative_weight(comps *cs, fc_weights *w) { (void)cs; w->values[7] = -2.0; }
static void missing_weight(comps *cs, fc_weights *w) { (void)cs; w->values[7] = NAN; }
/* 2019's row dropped (its year moved away) */
static void no_2019_row(comps *cs, fc_weights *w) { (void)cs; w->years[4] = 2030; }
/* 2015..2018 only: the links of 2020 need 2019 */
static void rows_end_2018(comps *cs, fc_weights *w)
{
    (void)cs;
    w->years[4] = 2030;
    w->nyears = 4;
}
static void c3_weight_renamed(comps *cs, fc_weights *w)
{
    (void)cs;
    assert_int_equal(fc_weights_set_name(w, 2, "other", NULL), FC_OK);
}

static void test_bad_weights_are_rejected(void **state)
{
    (void)state;
    static const rejection_case cases[] = {
        {"zero weight", zero_weight, FC_AGGREGATE_FIXED_BASE, 2016, FC_EDOMAIN,
         "weight of c3 in 2016 is 0"},
        {"negative weight", negative_weight, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_EDOMAIN, NULL},
        {"missing weight", missing_weight, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_EMISSING, NULL},
        /* several rows, no base year; a base year without a row */
        {"several rows, no base year", NULL, FC_AGGREGATE_FIXED_BASE, 0, FC_EINVAL, "7 rows"},
        {"base year without a row", NULL, FC_AGGREGATE_FIXED_BASE, 2010, FC_ERANGE, NULL},
        {"weight year missing", no_2019_row, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_EINVAL, NULL},
        {"weights end too early", rows_end_2018, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_ERANGE,
         "links of 2020 need the weights of 2019"},
        {"component without weight", c3_weight_renamed, FC_AGGREGATE_FIXED_BASE, 2016, FC_EINVAL,
         "\"c3\" has no weight"},
    };
    check_rejections(cases, sizeof cases / sizeof cases[0]);
    /* a weight without its component (e.g. the total left in the data file
     * the other way round): named, not silently renormalised away */
    comps two = {0};
    fc_error err;
    hw_components(&two);
    fc_weights *w3 = hw_weights(3);
    assert_int_equal(try_compile(&two, w3, FC_AGGREGATE_ANNUAL_OVERLAP, 0, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "\"C\", which is not a component"));
    release(NULL, w3, &two);
}

static void c2_missing_2018_09(comps *cs, fc_weights *w) { (void)w; cs->c[1]->values[40] = NAN; }
static void c2_negative(comps *cs, fc_weights *w) { (void)w; cs->c[1]->values[40] = -1.0; }
static void c4_quarterly(comps *cs, fc_weights *w) { (void)w; cs->c[3]->freq = 4; }
static void c4_shorter(comps *cs, fc_weights *w) { (void)w; cs->c[3]->n = PN - 1; }
/* no component covers a whole year */
static void all_7_months(comps *cs, fc_weights *w)
{
    (void)w;
    for (size_t i = 0; i < 5; i++)
        cs->c[i]->n = 7;
}

static void test_bad_components_are_rejected(void **state)
{
    (void)state;
    static const rejection_case cases[] = {
        {"missing value", c2_missing_2018_09, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_EMISSING,
         "c2 has no value for 2018-09"},
        {"missing value, fixed base", c2_missing_2018_09, FC_AGGREGATE_FIXED_BASE, 2016,
         FC_EMISSING, NULL},
        {"negative value", c2_negative, FC_AGGREGATE_FIXED_BASE, 2016, FC_EDOMAIN, NULL},
        {"other frequency", c4_quarterly, FC_AGGREGATE_FIXED_BASE, 2016, FC_EFREQ, NULL},
        {"other length", c4_shorter, FC_AGGREGATE_FIXED_BASE, 2016, FC_EINVAL, NULL},
        {"no whole year", all_7_months, FC_AGGREGATE_ANNUAL_OVERLAP, 0, FC_ESHORT, NULL},
        {"unknown method", NULL, (fc_aggregate_method)7, 0, FC_EINVAL, NULL},
    };
    check_rejections(cases, sizeof cases / sizeof cases[0]);
}

/* ------------------------------------------------------------- hierarchy */

/* total -> B (20), C (internal) -> C10 (30), C11 (50).  C's weight empty:
 * sum of children = 80, so the effective weights are .2, .3, .5.  With C
 * given as 60 instead: C's share 60/80 = .75 -> C10 .75 x 30/80 = .28125,
 * C11 .75 x 50/80 = .46875, B 20/80 = .25. */
static void test_hierarchy_reduces_to_effective_leaf_weights(void **state)
{
    (void)state;
    fc_hierarchy_node nodes[] = {
        {"total", NULL, NAN, 0}, {"B", "total", 20, 0}, {"C", "total", NAN, 0},
        {"C10", "C", 30, 0},     {"C11", "C", 50, 0},
    };
    fc_weights *w = NULL;
    assert_int_equal(fc_weights_from_hierarchy(nodes, 5, &w, NULL), FC_OK);
    assert_int_equal(w->ncomponents, 3);
    assert_int_equal(w->nyears, 1);
    assert_int_equal(w->years[0], FC_WEIGHTS_ANY_YEAR);
    assert_string_equal(w->names[0], "B");
    assert_string_equal(w->names[1], "C10");
    ASSERT_WITHIN(w->values[0], 0.2, 1e-15);
    ASSERT_WITHIN(w->values[1], 0.3, 1e-15);
    ASSERT_WITHIN(w->values[2], 0.5, 1e-15);
    fc_weights_free(w);
    nodes[2].weight = 60;
    assert_int_equal(fc_weights_from_hierarchy(nodes, 5, &w, NULL), FC_OK);
    ASSERT_WITHIN(w->values[0], 0.25, 1e-15);
    ASSERT_WITHIN(w->values[1], 0.28125, 1e-15);
    ASSERT_WITHIN(w->values[2], 0.46875, 1e-15);
    fc_weights_free(w);
}

/* Two years of one hierarchy, leaves listed in another order in 2016. */
static const fc_hierarchy_node YEAR_NODES[8] = {
    {"B", "", 1, 2015}, {"C", "", NAN, 2015}, {"C10", "C", 1, 2015}, {"C11", "C", 3, 2015},
    {"B", "", 1, 2016}, {"C", "", NAN, 2016}, {"C11", "C", 1, 2016}, {"C10", "C", 1, 2016},
};

static void test_hierarchy_with_years(void **state)
{
    (void)state;
    fc_weights *w = NULL;
    fc_error err;
    assert_int_equal(fc_weights_from_hierarchy(YEAR_NODES, 8, &w, &err), FC_OK);
    assert_int_equal(w->nyears, 2);
    assert_int_equal(w->years[1], 2016);
    /* 2015: B 1/5, C10 1/5, C11 3/5; 2016: B 1/3, C10 1/3, C11 1/3 */
    ASSERT_WITHIN(w->values[2], 0.6, 1e-15);
    ASSERT_WITHIN(w->values[3 + 1], 1.0 / 3.0, 1e-15);
    release(NULL, w, NULL);
}

/* Invalid hierarchies: each case spoils one node of the valid two-year
 * table above and names the status and the message; no weights result. */
static void leaf_sets_differ(fc_hierarchy_node *n) { n[7].code = "C12"; }
static void unknown_parent(fc_hierarchy_node *n) { n[3].parent = "D"; }
static void cycle(fc_hierarchy_node *n) { n[1].parent = "C10"; } /* C -> C10 -> C */
static void leaf_without_weight(fc_hierarchy_node *n) { n[2].weight = NAN; }
static void negative_leaf_weight(fc_hierarchy_node *n) { n[2].weight = -1; }
static void code_twice(fc_hierarchy_node *n) { n[2].code = "B"; }
static void any_year_among_years(fc_hierarchy_node *n) { n[0].year = FC_WEIGHTS_ANY_YEAR; }

static void test_hierarchy_errors_name_the_node(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        void (*spoil)(fc_hierarchy_node *n);
        fc_status status;
        const char *message; /* NULL = status only */
    } cases[] = {
        {"leaf sets differ between years", leaf_sets_differ, FC_EINVAL, "same leaves"},
        {"unknown parent", unknown_parent, FC_EINVAL, "\"D\""},
        {"cycle", cycle, FC_EINVAL, "cycle"},
        {"leaf without weight", leaf_without_weight, FC_EINVAL, "leaf \"C10\" has no weight"},
        {"negative leaf weight", negative_leaf_weight, FC_EDOMAIN, NULL},
        {"code twice in a year", code_twice, FC_EINVAL, "twice"},
        {"any-year row among dated rows", any_year_among_years, FC_EINVAL, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fc_hierarchy_node nodes[8];
        memcpy(nodes, YEAR_NODES, sizeof nodes);
        cases[k].spoil(nodes);
        fc_weights *w = NULL;
        fc_error err;
        fc_status got = fc_weights_from_hierarchy(nodes, 8, &w, &err);
        CASE_STATUS(cases[k].name, got, cases[k].status, err.message, cases[k].message);
        CASE_TRUE(cases[k].name, w == NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_base_hand_worked_index_and_contributions),
        cmocka_unit_test(test_fixed_base_ytd_contributions_match_gso_feb_2023),
        cmocka_unit_test(test_fixed_base_sections_track_gso_total),
        cmocka_unit_test(test_annual_overlap_hand_worked_index),
        cmocka_unit_test(test_annual_overlap_hand_worked_contributions),
        cmocka_unit_test(test_annual_overlap_late_component_joins_at_year_boundary),
        cmocka_unit_test(test_annual_overlap_first_link_matches_imf_example_8_2),
        cmocka_unit_test(test_annual_overlap_matches_price_quantity_formulation),
        cmocka_unit_test(test_share_of_change_reproduces_bea_1995),
        cmocka_unit_test(test_contributions_add_up_for_every_definition),
        cmocka_unit_test(test_annual_mean_of_annual_overlap_chain_is_annual_chain_index),
        cmocka_unit_test(test_annual_overlap_ignores_component_reference_years),
        cmocka_unit_test(test_weights_are_normalised),
        cmocka_unit_test(test_bad_weights_are_rejected),
        cmocka_unit_test(test_bad_components_are_rejected),
        cmocka_unit_test(test_hierarchy_reduces_to_effective_leaf_weights),
        cmocka_unit_test(test_hierarchy_with_years),
        cmocka_unit_test(test_hierarchy_errors_name_the_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
