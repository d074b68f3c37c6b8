/* STL (stl.c) and loess (loess.c) against R's stats::stl.
 *
 * Reference: R 4.2.2 stats::stl, fixtures tests/fixtures/stl/ (one CSV per case) written
 * by tests/fixtures/gen_stl.R (each fixture names the R version, the input
 * series and the options).  Tolerance: every component within
 * 1e-8 * max(1, max|y|) -- absolute error scaled by the series magnitude. */
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

#define FIXTURE_DIR "tests/fixtures/stl/"
#define MAX_ROWS 2000
#define TEST_PI 3.14159265358979323846

static const char *const fixture_names[] = {
    "airpassengers_s7",
    "airpassengers_log_periodic_robust",
    "nottem_periodic",
    "nottem_s13_robust",
    "co2_s21_t31_robust",
    "co2_s35_degrees_jumps",
    "ukgas_q_s7_robust",
    "ukgas_q_s11_t9",
    "usaccdeaths_even_windows",
    "us_ip_total_s11_robust",
    "elecequip_periodic_t13_robust",
    "malaysia_ipi_s7_inner3_outer2",
    "vietnam_iip_level_s5",
    "woolyrnq_q_s9_robust_tdeg0",
};
#define N_FIXTURES (sizeof fixture_names / sizeof fixture_names[0])

/* One R run: its input, options, R's reported parameters and components. */
typedef struct {
    char name[128];
    fc_stl_options opt;
    long r_used[11]; /* win s,t,l; deg s,t,l; jump s,t,l; inner; outer */
    size_t n;
    double y[MAX_ROWS], seasonal[MAX_ROWS], trend[MAX_ROWS], remainder[MAX_ROWS],
        weights[MAX_ROWS];
} stl_fixture;

static void set_option(fc_stl_options *o, const char *key, long v)
{
    if (!strcmp(key, "period")) o->period = (int)v;
    else if (!strcmp(key, "periodic")) o->periodic = (int)v;
    else if (!strcmp(key, "s_window")) o->s_window = (size_t)v;
    else if (!strcmp(key, "s_degree")) o->s_degree = (int)v;
    else if (!strcmp(key, "t_window")) o->t_window = (size_t)v;
    else if (!strcmp(key, "t_degree")) o->t_degree = (int)v;
    else if (!strcmp(key, "l_window")) o->l_window = (size_t)v;
    else if (!strcmp(key, "l_degree")) o->l_degree = (int)v;
    else if (!strcmp(key, "s_jump")) o->s_jump = (size_t)v;
    else if (!strcmp(key, "t_jump")) o->t_jump = (size_t)v;
    else if (!strcmp(key, "l_jump")) o->l_jump = (size_t)v;
    else if (!strcmp(key, "robust")) o->robust = (int)v;
    else if (!strcmp(key, "inner")) o->inner = (int)v;
    else if (!strcmp(key, "outer")) o->outer = (int)v;
    else fail_msg("unknown fixture option %s", key);
}

static void parse_options(fc_stl_options *o, char *line)
{
    for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) {
        char *eq = strchr(tok, '=');
        assert_non_null(eq);
        *eq = '\0';
        set_option(o, tok, strtol(eq + 1, NULL, 10));
    }
}

static stl_fixture *load_fixture(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURE_DIR "%s.csv", name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (run the tests from the repository root)", path);
    stl_fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    snprintf(fx->name, sizeof fx->name, "%s", name);
    fx->opt = fc_stl_options_default();
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "# options: ", 11)) {
            parse_options(&fx->opt, line + 11);
        } else if (!strncmp(line, "# r_used: ", 10)) {
            char *p = line + 10;
            for (int k = 0; k < 11; k++)
                fx->r_used[k] = strtol(p, &p, 10);
        } else if (line[0] != '#' && line[0] != 'y') {
            assert_true(fx->n < MAX_ROWS);
            size_t i = fx->n++;
            int got = sscanf(line, "%lf,%lf,%lf,%lf,%lf", &fx->y[i], &fx->seasonal[i],
                             &fx->trend[i], &fx->remainder[i], &fx->weights[i]);
            assert_int_equal(got, 5);
        }
    }
    fclose(f);
    assert_true(fx->n > 0);
    return fx;
}

static double magnitude(const double *y, size_t n)
{
    double m = 1.0;
    for (size_t i = 0; i < n; i++)
        if (fabs(y[i]) > m)
            m = fabs(y[i]);
    return m;
}

static double max_abs_diff(const double *a, const double *b, size_t n)
{
    double d = 0.0;
    for (size_t i = 0; i < n; i++)
        d = fmax(d, fabs(a[i] - b[i]));
    return d;
}

/* R's spans are the values the user gave; stl.f raises them to odd >= 3. */
static long odd_span(long w) { return w < 3 ? 3 : (w % 2 ? w : w + 1); }

static void assert_matches_r(const stl_fixture *fx, const fc_stl_result *r)
{
    double tol = 1e-8 * magnitude(fx->y, fx->n);
    double ds = max_abs_diff(r->seasonal, fx->seasonal, fx->n);
    double dt = max_abs_diff(r->trend, fx->trend, fx->n);
    double dr = max_abs_diff(r->remainder, fx->remainder, fx->n);
    double dw = max_abs_diff(r->weights, fx->weights, fx->n);
    if (getenv("STL_DEBUG"))
        fprintf(stderr, "%s: %.3g %.3g %.3g %.3g\n", fx->name, ds, dt, dr, dw);
    if (!getenv("STL_DEBUG") && (ds > tol || dt > tol || dr > tol || dw > 1e-8))
        fail_msg("%s: max |diff| seasonal %.3g trend %.3g remainder %.3g weights %.3g "
                 "(tolerance %.3g)",
                 fx->name, ds, dt, dr, dw, tol);
    assert_int_equal(r->n, fx->n);
    assert_int_equal(r->s_window, odd_span(fx->r_used[0]));
    assert_int_equal(r->t_window, odd_span(fx->r_used[1]));
    assert_int_equal(r->l_window, odd_span(fx->r_used[2]));
    assert_int_equal(r->s_degree, fx->r_used[3]);
    assert_int_equal(r->t_degree, fx->r_used[4]);
    assert_int_equal(r->l_degree, fx->r_used[5]);
    assert_int_equal(r->s_jump, fx->r_used[6]);
    assert_int_equal(r->t_jump, fx->r_used[7]);
    assert_int_equal(r->l_jump, fx->r_used[8]);
    assert_int_equal(r->inner, fx->r_used[9]);
    assert_int_equal(r->outer, fx->r_used[10]);
}

/* ------------------------------------------------------------ R fixtures */

/* Decomposes the named fixture's series with its options and checks every
 * component and parameter against R: into `shared` with workspace ws (may
 * be NULL), or when shared is NULL into a result of exactly n rows. */
static void check_fixture(const char *name, fc_stl_workspace *ws, fc_stl_result *shared)
{
    stl_fixture *fx = load_fixture(name);
    fc_stl_result *r = shared;
    fc_error err;
    if (!shared)
        assert_int_equal(fc_stl_result_alloc(fx->n, &r, &err), FC_OK);
    fc_status st = fc_stl_decompose(fx->y, fx->n, &fx->opt, ws, r, &err);
    if (st != FC_OK)
        fail_msg("%s: %s", fx->name, err.message);
    assert_matches_r(fx, r);
    if (!shared)
        fc_stl_result_free(r);
    free(fx);
}

static void test_stl_matches_r_on_every_fixture(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_FIXTURES; c++)
        check_fixture(fixture_names[c], NULL, NULL);
}

/* One workspace and one result serve every fixture in turn (monthly and
 * quarterly, long and short) and each still matches R. */
static void test_stl_workspace_and_result_are_reusable(void **state)
{
    (void)state;
    fc_stl_workspace *ws = NULL;
    fc_stl_result *r = NULL;
    assert_int_equal(fc_stl_workspace_alloc(MAX_ROWS, 12, &ws, NULL), FC_OK);
    assert_int_equal(fc_stl_result_alloc(MAX_ROWS, &r, NULL), FC_OK);
    for (int round = 0; round < 2; round++)
        for (size_t c = 0; c < N_FIXTURES; c++)
            check_fixture(fixture_names[c], ws, r);
    fc_stl_result_free(r);
    fc_stl_workspace_free(ws);
}

/* The series front end takes the period from the series frequency. */
static void test_stl_series_uses_frequency_as_period(void **state)
{
    (void)state;
    stl_fixture *fx = load_fixture("ukgas_q_s7_robust");
    fc_series *s = NULL;
    fc_period start = {1960, 1};
    assert_int_equal(fc_series_from_array(fx->y, fx->n, 4, start, &s, NULL), FC_OK);
    fc_stl_options o = fx->opt;
    o.period = 0;
    fc_stl_result *r = NULL;
    assert_int_equal(fc_stl_series(s, &o, &r, NULL), FC_OK);
    assert_int_equal(r->period, 4);
    assert_matches_r(fx, r);
    fc_stl_result_free(r);
    fc_series_free(s);
    free(fx);
}

/* -------------------------------------------------------- missing values */

static fc_stl_result *decompose_ok(const double *y, size_t n, const fc_stl_options *o)
{
    fc_stl_result *r = NULL;
    fc_error err;
    assert_int_equal(fc_stl_result_alloc(n, &r, NULL), FC_OK);
    fc_status st = fc_stl_decompose(y, n, o, NULL, r, &err);
    if (st != FC_OK)
        fail_msg("decompose failed: %s", err.message);
    return r;
}

/* A malloc'd copy of the fixture's series, to punch holes in. */
static double *series_copy(const stl_fixture *fx)
{
    double *y = malloc(fx->n * sizeof *y);
    assert_non_null(y);
    memcpy(y, fx->y, fx->n * sizeof *y);
    return y;
}

/* A missing value inside AirPassengers: every component stays finite except
 * the remainder at that point, its weight is 0, and the trend stays close
 * to R's complete-data trend (within 1 % of the level everywhere). */
static void test_stl_missing_value_inside_airpassengers(void **state)
{
    (void)state;
    stl_fixture *fx = load_fixture("airpassengers_s7");
    double *y = series_copy(fx);
    const size_t hole = 67; /* 1954-08 */
    y[hole] = NAN;
    fc_stl_result *r = decompose_ok(y, fx->n, &fx->opt);
    assert_int_equal(r->n_missing, 1);
    for (size_t i = 0; i < fx->n; i++) {
        assert_true(isfinite(r->seasonal[i]));
        assert_true(isfinite(r->trend[i]));
        assert_true(i == hole ? isnan(r->remainder[i]) : isfinite(r->remainder[i]));
        assert_true(fabs(r->trend[i] - fx->trend[i]) < 0.01 * fx->trend[i]);
    }
    assert_true(r->weights[hole] == 0.0);
    /* The seasonal at the hole is estimated from the other Augusts: close to
     * R's complete-data seasonal there (R: fx->seasonal[hole] ~ 60.5). */
    assert_true(fabs(r->seasonal[hole] - fx->seasonal[hole]) < 0.1 * fabs(fx->seasonal[hole]));
    fc_stl_result_free(r);
    free(y);
    free(fx);
}

/* Missing values at both ends and scattered, robust fit: finite components. */
static void test_stl_missing_values_at_ends_robust(void **state)
{
    (void)state;
    stl_fixture *fx = load_fixture("nottem_s13_robust");
    double *y = series_copy(fx);
    size_t holes[] = {0, 1, 50, 51, 52, 120, 200, fx->n - 1};
    for (size_t k = 0; k < sizeof holes / sizeof holes[0]; k++)
        y[holes[k]] = NAN;
    fc_stl_result *r = decompose_ok(y, fx->n, &fx->opt);
    assert_int_equal(r->n_missing, 8);
    size_t nan_remainders = 0;
    for (size_t i = 0; i < fx->n; i++) {
        assert_true(isfinite(r->seasonal[i]) && isfinite(r->trend[i]));
        nan_remainders += isnan(r->remainder[i]) != 0;
        assert_true(r->weights[i] >= 0.0 && r->weights[i] <= 1.0);
        /* nottem is monthly temperature (range ~30-67 F): the trend stays
         * within 1 degree of R's complete-data trend. */
        assert_true(fabs(r->trend[i] - fx->trend[i]) < 1.0);
    }
    assert_int_equal(nan_remainders, 8);
    fc_stl_result_free(r);
    free(y);
    free(fx);
}

/* A gap longer than the trend window leaves windows with no data: an error
 * that says what to do, not NaN components. */
static void test_stl_gap_wider_than_trend_window_is_an_error(void **state)
{
    (void)state;
    stl_fixture *fx = load_fixture("airpassengers_s7");
    double *y = series_copy(fx);
    for (size_t i = 40; i < 80; i++) /* 40 months missing; t_window is 23 */
        y[i] = NAN;
    fc_stl_result *r = NULL;
    fc_error err;
    assert_int_equal(fc_stl_result_alloc(fx->n, &r, NULL), FC_OK);
    assert_int_equal(fc_stl_decompose(y, fx->n, &fx->opt, NULL, r, &err), FC_EMISSING);
    assert_non_null(strstr(err.message, "widen"));
    fc_stl_result_free(r);
    free(y);
    free(fx);
}

/* A decomposition STL refuses: the series (written by `fill`), its length,
 * the options (period 12, s_window 7 changed by `spoil`), the status and a
 * piece of the message (NULL: status only). */
typedef struct {
    const char *name;
    void (*fill)(double *y);
    size_t n;
    void (*spoil)(fc_stl_options *o);
    fc_status status;
    const char *message;
} stl_error_case;

static void check_stl_errors(const stl_error_case *cases, size_t ncases)
{
    for (size_t k = 0; k < ncases; k++) {
        const stl_error_case *c = &cases[k];
        double y[60];
        if (c->n > 60)
            fail_msg("case '%s': at most 60 values", c->name);
        c->fill(y);
        fc_stl_options o = fc_stl_options_default();
        o.period = 12;
        o.s_window = 7;
        if (c->spoil)
            c->spoil(&o);
        fc_stl_result *r = NULL;
        fc_error err;
        assert_int_equal(fc_stl_result_alloc(60, &r, NULL), FC_OK);
        fc_status got = fc_stl_decompose(y, c->n, &o, NULL, r, &err);
        CASE_STATUS(c->name, got, c->status, err.message, c->message);
        fc_stl_result_free(r);
    }
}

static void all_missing(double *y)
{
    for (int i = 0; i < 60; i++)
        y[i] = NAN;
}

/* every March missing */
static void no_march(double *y)
{
    for (int i = 0; i < 60; i++)
        y[i] = i % 12 == 2 ? NAN : 100.0 + i + 10.0 * sin(i);
}

/* the first March back, the second February infinite */
static void infinite_value(double *y)
{
    no_march(y);
    y[2] = 1.0;
    y[14] = INFINITY;
}

static void test_stl_rejects_all_missing_and_missing_cycle_position(void **state)
{
    (void)state;
    static const stl_error_case cases[] = {
        {"all missing", all_missing, 60, NULL, FC_EMISSING, "all 60 values are missing"},
        {"cycle position never observed", no_march, 60, NULL, FC_EMISSING, "cycle position 3"},
        {"infinite value", infinite_value, 60, NULL, FC_EDOMAIN, "value 15 is infinite"},
    };
    check_stl_errors(cases, sizeof cases / sizeof cases[0]);
}

/* ------------------------------------------------------------ bad input */

static void cycle_of_12(double *y)
{
    for (int i = 0; i < 30; i++)
        y[i] = 10.0 + (i % 12);
}

static void period_1(fc_stl_options *o) { o->period = 1; }
static void period_15(fc_stl_options *o) { o->period = 15; }

static void test_stl_rejects_short_series_and_small_period(void **state)
{
    (void)state;
    static const stl_error_case cases[] = {
        {"period 1", cycle_of_12, 30, period_1, FC_EINVAL, "period is 1"},
        /* R: stl() needs n > 2 * period ("less than two periods"). */
        {"two periods", cycle_of_12, 24, NULL, FC_ESHORT, "24 observations"},
        {"two periods and one", cycle_of_12, 25, NULL, FC_OK, NULL},
        {"period 15 on 30", cycle_of_12, 30, period_15, FC_ESHORT, NULL},
    };
    check_stl_errors(cases, sizeof cases / sizeof cases[0]);
}

static void trend_and_cosine(double *y)
{
    for (int i = 0; i < 48; i++)
        y[i] = 50.0 + i + 5.0 * cos(i);
}

static void no_s_window(fc_stl_options *o) { o->s_window = fc_stl_options_default().s_window; }
static void s_degree_2(fc_stl_options *o) { o->s_degree = 2; }
static void t_degree_negative(fc_stl_options *o) { o->t_degree = -3; }
static void inner_0(fc_stl_options *o) { o->inner = 0; }
static void outer_negative(fc_stl_options *o) { o->outer = -5; }
/* R's default t.window formula breaks down below 1.5 */
static void s_window_1(fc_stl_options *o) { o->s_window = 1; }

static void test_stl_rejects_bad_options_naming_them(void **state)
{
    (void)state;
    static const stl_error_case cases[] = {
        {"no s_window", trend_and_cosine, 48, no_s_window, FC_EINVAL, "s_window is required"},
        {"s_degree 2", trend_and_cosine, 48, s_degree_2, FC_EINVAL, "s_degree"},
        {"t_degree -3", trend_and_cosine, 48, t_degree_negative, FC_EINVAL, "t_degree"},
        {"inner 0", trend_and_cosine, 48, inner_0, FC_EINVAL, "inner"},
        {"outer -5", trend_and_cosine, 48, outer_negative, FC_EINVAL, NULL},
        {"s_window 1, default t_window", trend_and_cosine, 48, s_window_1, FC_EINVAL, "t_window"},
    };
    check_stl_errors(cases, sizeof cases / sizeof cases[0]);
    double y[48];
    trend_and_cosine(y);
    fc_stl_result *r = NULL;
    fc_error err;
    assert_int_equal(fc_stl_result_alloc(48, &r, NULL), FC_OK);
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 1;
    o.t_window = 19;
    assert_int_equal(fc_stl_decompose(y, 48, &o, NULL, r, &err), FC_OK);
    assert_int_equal(r->s_window, 3); /* raised to 3 as stl.f does */
    assert_int_equal(fc_stl_decompose(NULL, 48, &o, NULL, r, &err), FC_EINVAL);
    assert_int_equal(fc_stl_decompose(y, 48, NULL, NULL, r, &err), FC_EINVAL);
    assert_int_equal(fc_stl_decompose(y, 48, &o, NULL, NULL, &err), FC_EINVAL);
    fc_stl_result_free(r);
}

static void test_stl_rejects_too_small_result_and_workspace(void **state)
{
    (void)state;
    double y[60];
    for (int i = 0; i < 60; i++)
        y[i] = 20.0 + (i % 4) * 3.0 + 0.1 * i;
    fc_stl_options o = fc_stl_options_default();
    o.period = 4;
    o.s_window = 7;
    fc_stl_result *r = NULL;
    fc_stl_workspace *ws = NULL;
    fc_error err;
    assert_int_equal(fc_stl_result_alloc(59, &r, NULL), FC_OK);
    assert_int_equal(fc_stl_decompose(y, 60, &o, NULL, r, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "result holds 59"));
    fc_stl_result_free(r);
    assert_int_equal(fc_stl_result_alloc(60, &r, NULL), FC_OK);
    assert_int_equal(fc_stl_workspace_alloc(50, 4, &ws, NULL), FC_OK);
    assert_int_equal(fc_stl_decompose(y, 60, &o, ws, r, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "workspace is too small"));
    assert_int_equal(fc_stl_decompose(y, 50, &o, ws, r, &err), FC_OK);
    fc_stl_result_free(r);
    fc_stl_workspace_free(ws);
    assert_int_equal(fc_stl_workspace_alloc(0, 4, &ws, &err), FC_EINVAL);
    assert_null(ws);
    assert_int_equal(fc_stl_result_alloc(0, &r, &err), FC_EINVAL);
    assert_null(r);
    fc_stl_result_free(NULL);
    fc_stl_workspace_free(NULL);
}

/* ------------------------------------------------------------------ loess */

/* A local line reproduces a straight line exactly (paper, section 2: the
 * degree-1 fit is exact for linear data), with or without jumps. */
static void test_loess_degree1_reproduces_a_line(void **state)
{
    (void)state;
    double y[50], out[50];
    for (int i = 0; i < 50; i++)
        y[i] = 3.0 - 0.25 * i;
    fc_loess_options o = fc_loess_options_default();
    for (size_t jump = 1; jump <= 4; jump++) {
        o.span = 9;
        o.jump = jump;
        assert_int_equal(fc_loess_smooth(y, NULL, 50, &o, out, NULL), FC_OK);
        for (int i = 0; i < 50; i++)
            assert_true(fabs(out[i] - y[i]) < 1e-12);
    }
}

/* Degree 0 with a span wider than the series is a weighted mean: constant
 * data stay constant; a NaN point has weight zero. */
static void test_loess_constant_and_missing_point(void **state)
{
    (void)state;
    double y[20], out[20];
    for (int i = 0; i < 20; i++)
        y[i] = 7.5;
    y[6] = NAN;
    fc_loess_options o = {41, 0, 1};
    assert_int_equal(fc_loess_smooth(y, NULL, 20, &o, out, NULL), FC_OK);
    for (int i = 0; i < 20; i++)
        assert_true(fabs(out[i] - 7.5) < 1e-14);
}

/* R's stl seasonal of a two-cycle subseries cross-checks the kernel: the
 * trend of ukgas_q_s11_t9 is R's loess of y - seasonal with span 9,
 * degree 1, jump 1 (R reports t.jump = 1 for t.window = 9). */
static void test_loess_matches_r_trend_smoother(void **state)
{
    (void)state;
    stl_fixture *fx = load_fixture("ukgas_q_s11_t9");
    double *d = malloc(fx->n * sizeof *d), *out = malloc(fx->n * sizeof *out);
    for (size_t i = 0; i < fx->n; i++)
        d[i] = fx->y[i] - fx->seasonal[i];
    fc_loess_options o = {9, 1, 1};
    assert_int_equal(fc_loess_smooth(d, NULL, fx->n, &o, out, NULL), FC_OK);
    assert_true(max_abs_diff(out, fx->trend, fx->n) < 1e-8 * magnitude(fx->y, fx->n));
    free(d);
    free(out);
    free(fx);
}

static void test_loess_rejects_bad_arguments(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        fc_loess_options o; /* span, degree, jump */
        int bad_weight;     /* weight 3 is -1 */
        size_t n;
        int nan_run;        /* values 2..8 missing */
        fc_status status;
        const char *message; /* NULL = status only */
    } cases[] = {
        {"span 1", {1, 1, 1}, 0, 10, 0, FC_EINVAL, "span is 1"},
        {"degree 2", {5, 2, 1}, 0, 10, 0, FC_EINVAL, NULL},
        {"jump 0", {5, 1, 0}, 0, 10, 0, FC_EINVAL, NULL},
        {"negative weight", {5, 1, 1}, 1, 10, 0, FC_EINVAL, "weight 3"},
        {"no values", {5, 1, 1}, 0, 0, 0, FC_EINVAL, NULL},
        /* Five NaN in a row leave the fits near them with no data. */
        {"gap wider than the span", {3, 1, 1}, 0, 10, 1, FC_EMISSING, "widen the span"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double y[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, w[10], out[10];
        for (int i = 0; i < 10; i++)
            w[i] = 1.0;
        w[3] = cases[k].bad_weight ? -1.0 : 1.0;
        for (int i = 2; cases[k].nan_run && i < 9; i++)
            y[i] = NAN;
        fc_error err;
        fc_status got =
            fc_loess_smooth(y, cases[k].bad_weight ? w : NULL, cases[k].n, &cases[k].o, out, &err);
        CASE_STATUS(cases[k].name, got, cases[k].status, err.message, cases[k].message);
    }
}


/* ------------------------------------------------------ calendar effects */

/* Deterministic noise in [-0.5, 0.5) (the fractional part of a scaled sine). */
static double noise(size_t i)
{
    double s = sin(12.9898 * (double)(i + 1)) * 43758.5453;
    return s - floor(s) - 0.5;
}

/* A simulated Vietnamese monthly series 2000-01..2019-12 with a known Tết
 * effect: y = 100 + 0.3 t + seasonal + beta * LNY[0,6] + noise, with beta =
 * -20 (20 index points lost in a month fully inside the holiday window,
 * the order of size of GSO's January/February swings).  The backfitted STL
 * recovers beta within 3 standard errors and within 5 %. */
static void test_stl_calendar_recovers_simulated_tet_effect(void **state)
{
    (void)state;
    const size_t n = 240;
    const double beta = -20.0;
    fc_period start = {2000, 1};
    fc_calendar_options copt = fc_calendar_options_default();
    copt.country = FC_COUNTRY_VN;
    fc_calendar_matrix *m = NULL;
    fc_error err;
    assert_int_equal(fc_calendar_matrix_build("lny[0,6]", 12, start, n, &copt, &m, &err),
                     FC_OK);
    double *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
        double month = (double)(i % 12);
        y[i] = 100.0 + 0.3 * (double)i + 8.0 * sin(2.0 * TEST_PI * month / 12.0) +
               3.0 * cos(4.0 * TEST_PI * month / 12.0) + beta * m->x[i] + 2.0 * noise(i);
    }
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 7;
    fc_stl_calendar_result *r = NULL;
    fc_status st = fc_stl_calendar(y, n, m->x, m->ncol, &o, &r, &err);
    if (st != FC_OK)
        fail_msg("%s", err.message);
    assert_true(fabs(r->coef[0] - beta) < 3.0 * r->se[0]);
    assert_true(fabs(r->coef[0] - beta) < 0.05 * fabs(beta));
    assert_true(r->se[0] > 0.0 && r->se[0] < 2.0);
    /* The irregular is orthogonal to the regressor (the backfitting fixed
     * point that the direct solution computes). */
    double dot = 0.0, norm = 0.0;
    for (size_t i = 0; i < n; i++) {
        dot += m->x[i] * r->stl->remainder[i];
        norm += fabs(m->x[i] * r->stl->remainder[i]);
    }
    assert_true(fabs(dot) < 1e-9 * norm);
    /* The decomposition adds up: y = S + T + calendar + irregular. */
    for (size_t i = 0; i < n; i++) {
        double sum = r->stl->seasonal[i] + r->stl->trend[i] + r->calendar[i] +
                     r->stl->remainder[i];
        assert_true(fabs(sum - y[i]) < 1e-9 * 200.0);
    }
    fc_stl_calendar_result_free(r);
    /* Plain STL leaves the effect in the irregular: its January/February
     * remainders are far larger than with the calendar step. */
    fc_stl_result *plain = decompose_ok(y, n, &o);
    double rms_plain = 0.0;
    for (size_t i = 0; i < n; i++)
        rms_plain += plain->remainder[i] * plain->remainder[i];
    assert_true(sqrt(rms_plain / (double)n) > 2.0);
    fc_stl_result_free(plain);
    free(y);
    fc_calendar_matrix_free(m);
}

/* Missing values and a robust fit with the three default LNY windows. */
static void test_stl_calendar_with_missing_values_and_three_windows(void **state)
{
    (void)state;
    const size_t n = 180;
    const double beta[3] = {6.0, -18.0, 4.0};
    fc_period start = {2005, 1};
    fc_calendar_options copt = fc_calendar_options_default();
    copt.country = FC_COUNTRY_CN;
    fc_calendar_matrix *m = NULL;
    fc_error err;
    assert_int_equal(fc_calendar_matrix_build("lny", 12, start, n, &copt, &m, &err), FC_OK);
    assert_int_equal(m->ncol, 3);
    double *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
        y[i] = 50.0 + 0.1 * (double)i + 5.0 * sin(2.0 * TEST_PI * (double)(i % 12) / 12.0) +
               noise(i);
        for (size_t j = 0; j < 3; j++)
            y[i] += beta[j] * m->x[i * 3 + j];
    }
    y[30] = y[31] = y[100] = NAN;
    y[77] += 40.0; /* an outlier for the robust weights */
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 9;
    o.robust = 1;
    fc_stl_calendar_result *r = NULL;
    fc_status st = fc_stl_calendar(y, n, m->x, m->ncol, &o, &r, &err);
    if (st != FC_OK)
        fail_msg("%s", err.message);
    for (size_t j = 0; j < 3; j++)
        assert_true(fabs(r->coef[j] - beta[j]) < 1.5);
    assert_true(r->nobs <= n - 3);
    assert_true(isnan(r->stl->remainder[30]) && isfinite(r->calendar[30]));
    fc_stl_calendar_result_free(r);
    free(y);
    fc_calendar_matrix_free(m);
}

static void test_stl_calendar_rejects_collinear_regressors(void **state)
{
    (void)state;
    const size_t n = 60;
    double y[60], x[120];
    for (size_t i = 0; i < n; i++) {
        y[i] = 10.0 + (double)(i % 12) + 0.05 * (double)i + noise(i);
        x[2 * i] = noise(i + 7);
        x[2 * i + 1] = 2.0 * x[2 * i];
    }
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 7;
    fc_stl_calendar_result *r = NULL;
    fc_error err;
    assert_int_equal(fc_stl_calendar(y, n, x, 2, &o, &r, &err), FC_ESINGULAR);
    assert_non_null(strstr(err.message, "collinear"));
    assert_null(r);
    assert_int_equal(fc_stl_calendar(y, n, x, 0, &o, &r, &err), FC_EINVAL);
    x[5] = NAN;
    assert_int_equal(fc_stl_calendar(y, n, x, 2, &o, &r, &err), FC_EINVAL);
    assert_non_null(strstr(err.message, "not finite"));
}

/* Regression (acceptance finding F11): 36 months with the first value
 * missing, robust STL with trading-day regressors.  Robustness weights can
 * zero every observed January of a 3-year subseries; the missing January
 * must still get a seasonal (from the unweighted fit), not NaN. */
static void test_stl_calendar_short_robust_series_with_leading_gap(void **state)
{
    (void)state;
    const size_t n = 36;
    double y[36];
    for (size_t i = 0; i < n; i++)
        y[i] = 100.0 + 5.0 * noise(i * 7 + 3) + 3.0 * noise(i);
    y[0] = NAN;
    fc_calendar_options copt = fc_calendar_options_default();
    fc_calendar_matrix *m = NULL;
    fc_period start = {2000, 1};
    assert_int_equal(fc_calendar_matrix_build("td", 12, start, n, &copt, &m, NULL), FC_OK);
    fc_stl_options o = fc_stl_options_default();
    o.period = 12;
    o.s_window = 7;
    o.robust = 1;
    fc_stl_calendar_result *r = NULL;
    fc_error err;
    fc_status st = fc_stl_calendar(y, n, m->x, m->ncol, &o, &r, &err);
    if (st != FC_OK)
        fail_msg("%s", err.message);
    for (size_t i = 0; i < n; i++)
        assert_true(isfinite(r->stl->seasonal[i]) && isfinite(r->stl->trend[i]));
    assert_true(isnan(r->stl->remainder[0]));
    fc_stl_calendar_result_free(r);
    fc_calendar_matrix_free(m);
    /* The plain robust STL of the same series, too. */
    fc_stl_result *plain = decompose_ok(y, n, &o);
    assert_true(isfinite(plain->seasonal[0]));
    fc_stl_result_free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stl_matches_r_on_every_fixture),
        cmocka_unit_test(test_stl_workspace_and_result_are_reusable),
        cmocka_unit_test(test_stl_series_uses_frequency_as_period),
        cmocka_unit_test(test_stl_missing_value_inside_airpassengers),
        cmocka_unit_test(test_stl_missing_values_at_ends_robust),
        cmocka_unit_test(test_stl_gap_wider_than_trend_window_is_an_error),
        cmocka_unit_test(test_stl_rejects_all_missing_and_missing_cycle_position),
        cmocka_unit_test(test_stl_rejects_short_series_and_small_period),
        cmocka_unit_test(test_stl_rejects_bad_options_naming_them),
        cmocka_unit_test(test_stl_rejects_too_small_result_and_workspace),
        cmocka_unit_test(test_stl_calendar_recovers_simulated_tet_effect),
        cmocka_unit_test(test_stl_calendar_with_missing_values_and_three_windows),
        cmocka_unit_test(test_stl_calendar_rejects_collinear_regressors),
        cmocka_unit_test(test_stl_calendar_short_robust_series_with_leading_gap),
        cmocka_unit_test(test_loess_degree1_reproduces_a_line),
        cmocka_unit_test(test_loess_constant_and_missing_point),
        cmocka_unit_test(test_loess_matches_r_trend_smoother),
        cmocka_unit_test(test_loess_rejects_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
