/* X-11 diagnostics against X-13ARIMA-SEATS's own (.udg) values for the 14
 * fixed-filter reference runs (tests/fixtures/x13, gen_x13_diagnostics.sh):
 * M1-M11, Q, Q-M2, F 2.F, I/C, I/S, F-tests and Kruskal-Wallis, to the
 * decimals X-13 prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"

#define MAXN 1000

/* Values of one key in a fixture (up to 6 numbers), or -1 if absent. */
static int udg_get(const char *series, const char *spec, const char *key, double *v,
                   char *word, size_t wsize)
{
    char path[256], line[512];
    snprintf(path, sizeof path, "tests/fixtures/x13/%s/%s/diagnostics.txt", series, spec);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t klen = strlen(key);
    int n = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) != 0 || line[klen] != ':')
            continue;
        char *p = line + klen + 1, *end;
        n = 0;
        while (n < 6) {
            double x = strtod(p, &end);
            if (end == p)
                break;
            v[n++] = x;
            p = end;
        }
        if (word && n == 0)
            sscanf(line + klen + 1, "%15s", word), (void)wsize;
        break;
    }
    fclose(f);
    return n;
}

static void run_x11(const char *series, const char *spec, fc_x11_result **r)
{
    static double v[MAXN];
    char path[256], line[256], first[256] = "";
    snprintf(path, sizeof path, "tests/fixtures/x13/%s/%s/b1.csv", series, spec);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        char *comma = strchr(line, ',');
        *comma = '\0';
        if (n == 0)
            snprintf(first, sizeof first, "%s", line);
        v[n++] = strtod(comma + 1, NULL);
    }
    fclose(f);
    fc_period start;
    int freq;
    assert_int_equal(fc_period_parse(first, &start, &freq, NULL), FC_OK);
    fc_series *y = NULL;
    assert_int_equal(fc_series_from_array(v, n, freq, start, &y, NULL), FC_OK);
    fc_x11_options o;
    fc_x11_options_default(&o);
    o.mode = strcmp(spec, "fixed_add") == 0 ? FC_X11_ADD : FC_X11_MULT;
    o.seasonalma = FC_X11_SMA_3X5;
    o.trendma = freq == 12 ? 13 : 5;
    assert_int_equal(fc_x11(y, &o, r, NULL), FC_OK);
    fc_series_free(y);
}

#define CHECK(what, ours, ref, tol)                                                     \
    do {                                                                                \
        if (!(fabs((ours) - (ref)) <= (tol)))                                           \
            fail_msg("%s/%s %s: ours %.6f, X-13 %.6f", series, spec, what, (ours), (ref)); \
    } while (0)

static void check_run(const char *series, const char *spec)
{
    fc_x11_result *r = NULL;
    run_x11(series, spec, &r);
    fc_x11_diagnostics d;
    fc_error err;
    assert_int_equal(fc_x11_diagnose(r, &d, &err), FC_OK);
    double v[6];
    char key[16], word[16] = "";
    for (int i = 0; i < 11; i++) {
        snprintf(key, sizeof key, "f3.m%02d", i + 1);
        assert_int_equal(udg_get(series, spec, key, v, NULL, 0), 1);
        CHECK(key, d.m[i], v[0], 0.0005 + 1e-9);   /* X-13 prints 3 decimals */
    }
    assert_int_equal(udg_get(series, spec, "f3.q", v, NULL, 0), 1);
    CHECK("Q", d.q, v[0], 0.005 + 1e-9);
    assert_int_equal(udg_get(series, spec, "f3.qm2", v, NULL, 0), 1);
    CHECK("Q-M2", d.q_m2, v[0], 0.005 + 1e-9);
    assert_int_equal(udg_get(series, spec, "f2.f", v, NULL, 0), 6);
    CHECK("F2.F I", d.var_i, v[0], 0.005 + 1e-9);
    CHECK("F2.F C", d.var_c, v[1], 0.005 + 1e-9);
    CHECK("F2.F S", d.var_s, v[2], 0.005 + 1e-9);
    CHECK("F2.F total", d.var_total, v[5], 0.005 + 1e-9);
    udg_get(series, spec, "f2.ic", v, NULL, 0);
    CHECK("I/C", d.ic_ratio, v[0], 0.005 + 1e-9);
    udg_get(series, spec, "f2.is", v, NULL, 0);
    CHECK("I/S", d.is_ratio, v[0], 0.005 + 1e-9);
    udg_get(series, spec, "f2.mcd", v, NULL, 0);
    assert_int_equal(d.mcd, (int)v[0]);
    udg_get(series, spec, "f2.fsd8", v, NULL, 0);
    CHECK("stable F", d.f_stable, v[0], 0.0005 + 1e-9);
    CHECK("stable p%", 100 * d.p_stable, v[1], 0.005 + 1e-9);
    udg_get(series, spec, "f2.kw", v, NULL, 0);
    CHECK("Kruskal-Wallis", d.kruskal_wallis, v[0], 0.0005 + 1e-9);
    udg_get(series, spec, "f2.msf", v, NULL, 0);
    CHECK("moving F", d.f_moving, v[0], 0.0005 + 1e-9);
    CHECK("moving p%", 100 * d.p_moving, v[1], 0.005 + 1e-9);
    udg_get(series, spec, "d11.f", v, NULL, 0);
    CHECK("residual F", d.f_residual, v[0], 0.000005 + 1e-9);
    CHECK("residual p%", 100 * d.p_residual, v[1], 0.000005 + 1e-9);
    udg_get(series, spec, "d11.3y.f", v, NULL, 0);
    CHECK("residual F 3y", d.f_residual_3y, v[0], 0.000005 + 1e-9);
    assert_int_equal(udg_get(series, spec, "f2.idseasonal", v, word, sizeof word), 0);
    assert_string_equal(word, "yes");
    assert_int_equal(d.identifiable, FC_X11_SEASONALITY_PRESENT);
    fc_x11_result_free(r);
}

static const char *const series_names[] = {"AirPassengers", "UKgas", "nottem", "USAccDeaths",
                                           "co2", "IPB50001N", "IPB50001N_780"};

static void test_diagnostics_match_x13_multiplicative(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof series_names / sizeof series_names[0]; s++)
        check_run(series_names[s], "fixed");
}

static void test_diagnostics_match_x13_additive(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof series_names / sizeof series_names[0]; s++)
        check_run(series_names[s], "fixed_add");
}

/* Pure noise has no identifiable seasonality and fails M7. */
static void test_white_noise_has_no_identifiable_seasonality(void **state)
{
    (void)state;
    fc_period start = {2000, 1};
    fc_series *y = NULL;
    assert_int_equal(fc_series_alloc(240, 12, start, &y, NULL), FC_OK);
    unsigned long s = 12345;
    for (size_t i = 0; i < 240; i++) {
        double u = 0.0;
        for (int k = 0; k < 12; k++) {
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            u += (double)(s >> 11) / 9007199254740992.0;
        }
        y->values[i] = 100.0 + (u - 6.0);
    }
    fc_x11_result *r = NULL;
    assert_int_equal(fc_x11(y, NULL, &r, NULL), FC_OK);
    fc_x11_diagnostics d;
    assert_int_equal(fc_x11_diagnose(r, &d, NULL), FC_OK);
    assert_int_not_equal(d.identifiable, FC_X11_SEASONALITY_PRESENT);
    assert_true(d.m[6] >= 1.0);
    assert_true(d.q > 1.0);
    fc_x11_result_free(r);
    fc_series_free(y);
    assert_int_equal(fc_x11_diagnose(NULL, &d, NULL), FC_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diagnostics_match_x13_multiplicative),
        cmocka_unit_test(test_diagnostics_match_x13_additive),
        cmocka_unit_test(test_white_noise_has_no_identifiable_seasonality),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
