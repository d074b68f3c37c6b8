/* CLI `forecast adjust --method stl` (DESIGN.md §4): columns, values against
 * R's stats::stl (fixture tests/fixtures/stl/airpassengers_s7.csv, written
 * by tests/fixtures/gen_stl.R), missing cells, JSON, the calendar option,
 * and exit statuses with their messages.  The command's source is compiled
 * into this test and run in-process with stdout and stderr captured. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../bindings/cli/cli_common.c"
#include "../bindings/cli/adjust_stl.c"
#include "../bindings/cli/plot.c" /* --plot: cli_plot_decomposition */
#include "../bindings/cli/svg.c"

#define CLI_OUT_SIZE (1 << 17)
#define CLI_ERR_SIZE 4096
#include "cli_harness.h"

typedef cli_result run_result;

/* Runs cli_adjust_stl(argv) with stdout/stderr captured. */
static void run(char **argv, int argc, run_result *r) { cli_capture(cli_adjust_stl, argc, argv, r); }

/* R fixture columns: y, seasonal, trend, remainder (AirPassengers 1949-01..1960-12). */
typedef struct {
    size_t n;
    double y[144], s[144], t[144], r[144];
} fixture;

static void load_airpassengers(fixture *fx)
{
    FILE *f = fopen("tests/fixtures/stl/airpassengers_s7.csv", "r");
    assert_non_null(f);
    char line[512];
    fx->n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == 'y')
            continue;
        assert_true(fx->n < 144);
        size_t i = fx->n++;
        assert_int_equal(sscanf(line, "%lf,%lf,%lf,%lf", &fx->y[i], &fx->s[i], &fx->t[i],
                                &fx->r[i]),
                         4);
    }
    fclose(f);
    assert_int_equal(fx->n, 144);
}

/* Writes the series as `date,value` from 1949-01; cells listed in `blank`
 * (terminated by -1) are left empty (missing). */
static void write_series(char *path, const fixture *fx, const int *blank)
{
    FILE *f = cli_temp_open(path, "/tmp/test_cli_stl_XXXXXX");
    fputs("date,value\n", f);
    for (size_t i = 0; i < fx->n; i++) {
        int missing = 0;
        for (const int *b = blank; b && *b >= 0; b++)
            missing |= (size_t)*b == i;
        fprintf(f, "%d-%02d,", 1949 + (int)(i / 12), (int)(i % 12) + 1);
        if (!missing)
            fprintf(f, "%.17g", fx->y[i]);
        fputc('\n', f);
    }
    fclose(f);
}


static void test_cli_stl_csv_matches_r(void **state)
{
    (void)state;
    static fixture fx;
    static run_result r;
    load_airpassengers(&fx);
    char path[64];
    write_series(path, &fx, NULL);
    char *argv[] = {"adjust", "--method", "stl", "--s-window", "7", path};
    run(argv, 6, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_memory_equal(r.out, "date,original,seasonal,trend,irregular,adjusted\n", 48);
    char f[8][64];
    for (size_t i = 0; i < fx.n; i++) {
        assert_int_equal(cli_fields(r.out, (int)i + 1, f), 6);
        /* R 4.2.2 stats::stl(AirPassengers, s.window = 7), 1e-8 scaled by max|y| = 622 */
        assert_true(fabs(cli_num(f[1]) - fx.y[i]) == 0.0);
        assert_true(fabs(cli_num(f[2]) - fx.s[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[3]) - fx.t[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[4]) - fx.r[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[5]) - (fx.y[i] - fx.s[i])) < 1e-8 * 622);
    }
    assert_string_equal(f[0], "1960-12");
    unlink(path);
}

static void test_cli_stl_missing_cells_stay_empty(void **state)
{
    (void)state;
    static fixture fx;
    static run_result r;
    load_airpassengers(&fx);
    char path[64];
    int blank[] = {67, -1};
    write_series(path, &fx, blank);
    char *argv[] = {"adjust", "--method=stl", "--s-window=7", "--robust", path};
    run(argv, 5, &r);
    assert_int_equal(r.rc, 0);
    char f[8][64];
    assert_int_equal(cli_fields(r.out, 68, f), 6);
    assert_string_equal(f[0], "1954-08");
    assert_string_equal(f[1], "");
    assert_true(isfinite(cli_num(f[2])) && isfinite(cli_num(f[3])));
    assert_string_equal(f[4], "");
    assert_string_equal(f[5], "");
    unlink(path);
}

static void test_cli_stl_json_and_periodic(void **state)
{
    (void)state;
    static fixture fx;
    static run_result r;
    load_airpassengers(&fx);
    char path[64];
    write_series(path, &fx, NULL);
    char *argv[] = {"adjust", "--method", "stl", "--s-window", "periodic", "--format", "json",
                    path};
    run(argv, 8, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\"method\": \"stl\""));
    assert_non_null(strstr(r.out, "\"periodic\": true"));
    /* R: s.window = 10 n + 1 = 1441, t.window = nextodd(ceiling(18 / (1 - 1.5 / 1441))) = 19 */
    assert_non_null(strstr(r.out, "\"windows\": {\"s\": 1441, \"t\": 19, \"l\": 13}"));
    assert_non_null(strstr(r.out, "\"date\": [\"1949-01\""));
    assert_non_null(strstr(r.out, "\"irregular\": ["));
    unlink(path);
}

static void test_cli_stl_calendar_adds_column_and_summary(void **state)
{
    (void)state;
    static fixture fx;
    static run_result r;
    load_airpassengers(&fx);
    char path[64];
    write_series(path, &fx, NULL);
    char *argv[] = {"adjust", "--method", "stl", "--s-window", "7", "--calendar", "td1,easter",
                    path};
    run(argv, 8, &r);
    assert_int_equal(r.rc, 0);
    assert_memory_equal(r.out, "date,original,seasonal,trend,irregular,adjusted,calendar\n", 57);
    assert_non_null(strstr(r.err, "Weekday"));
    assert_non_null(strstr(r.err, "Easter[8]"));
    char f[8][64];
    for (int line = 1; line <= 144; line += 11) {
        assert_int_equal(cli_fields(r.out, line, f), 7);
        double y = cli_num(f[1]), s = cli_num(f[2]), t = cli_num(f[3]), e = cli_num(f[4]), a = cli_num(f[5]),
               c = cli_num(f[6]);
        /* original = seasonal + trend + calendar + irregular; adjusted = y - s - c */
        assert_true(fabs(s + t + c + e - y) < 1e-9 * 622);
        assert_true(fabs(a - (y - s - c)) < 1e-9 * 622);
    }
    char *argv_lny[] = {"adjust", "--method", "stl", "--s-window", "7", "--calendar", "lny",
                        path};
    run(argv_lny, 8, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "needs --country vn|cn"));
    unlink(path);
}

static void test_cli_stl_errors_and_exit_statuses(void **state)
{
    (void)state;
    static fixture fx;
    static run_result r;
    load_airpassengers(&fx);
    char path[64];
    write_series(path, &fx, NULL);
    char *no_window[] = {"adjust", "--method", "stl", path};
    run(no_window, 4, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--s-window is required"));
    char *bad_window[] = {"adjust", "--method", "stl", "--s-window", "seven", path};
    run(bad_window, 6, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--s-window must be an integer"));
    char *bad_degree[] = {"adjust", "--method", "stl", "--s-window", "7", "--t-degree", "2", path};
    run(bad_degree, 8, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--t-degree must be 0 or 1"));
    char *long_period[] = {"adjust", "--method", "stl", "--s-window", "7", "--period", "72", path};
    run(long_period, 8, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "144 observations; period 72"));
    char *country_alone[] = {"adjust", "--method", "stl", "--s-window", "7", "--country", "vn",
                             path};
    run(country_alone, 8, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "only apply with --calendar"));
    char *no_file[] = {"adjust", "--method", "stl", "--s-window", "7"};
    run(no_file, 5, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "usage"));
    char *missing_file[] = {"adjust", "--method", "stl", "--s-window", "7", "/nonexistent.csv"};
    run(missing_file, 6, &r);
    assert_int_equal(r.rc, 1);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_stl_csv_matches_r),
        cmocka_unit_test(test_cli_stl_missing_cells_stay_empty),
        cmocka_unit_test(test_cli_stl_json_and_periodic),
        cmocka_unit_test(test_cli_stl_calendar_adds_column_and_summary),
        cmocka_unit_test(test_cli_stl_errors_and_exit_statuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
