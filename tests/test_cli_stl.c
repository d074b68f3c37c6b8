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
#include "case_table.h"

typedef cli_result run_result;

#define MAX_ARGS 10
#define INPUT "@" /* stands for the temporary input file in an argument list */

/* Runs cli_adjust_stl on the NULL-terminated args (INPUT replaced by path)
 * with stdout/stderr captured. */
static void run(const char *const *args, const char *path, run_result *r)
{
    char *argv[MAX_ARGS];
    int argc = 0;
    for (; args[argc]; argc++) {
        if (argc >= MAX_ARGS)
            fail_msg("more than %d arguments", MAX_ARGS - 1);
        argv[argc] = (char *)(strcmp(args[argc], INPUT) == 0 ? path : args[argc]);
    }
    cli_capture(cli_adjust_stl, argc, argv, r);
}

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

/* Loads the R fixture and writes its series as `date,value` from 1949-01 to
 * a temporary file named in path; cells listed in `blank` (terminated by -1)
 * are left empty (missing). */
static const fixture *airpassengers_file(char *path, const int *blank)
{
    static fixture fx;
    load_airpassengers(&fx);
    FILE *f = cli_temp_open(path, "/tmp/test_cli_stl_XXXXXX");
    fputs("date,value\n", f);
    for (size_t i = 0; i < fx.n; i++) {
        int missing = 0;
        for (const int *b = blank; b && *b >= 0; b++)
            missing |= (size_t)*b == i;
        fprintf(f, "%d-%02d,", 1949 + (int)(i / 12), (int)(i % 12) + 1);
        if (!missing)
            fprintf(f, "%.17g", fx.y[i]);
        fputc('\n', f);
    }
    fclose(f);
    return &fx;
}

/* Runs the command on the R fixture's series (see airpassengers_file),
 * removing the input file afterwards; returns the fixture. */
static const fixture *run_on_airpassengers(const char *const *args, const int *blank,
                                           run_result *r)
{
    char path[64];
    const fixture *fx = airpassengers_file(path, blank);
    run(args, path, r);
    unlink(path);
    return fx;
}

static void test_cli_stl_csv_matches_r(void **state)
{
    (void)state;
    static run_result r;
    const fixture *fx = run_on_airpassengers(
        (const char *[]){"adjust", "--method", "stl", "--s-window", "7", INPUT, NULL}, NULL, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_memory_equal(r.out, "date,original,seasonal,trend,irregular,adjusted\n", 48);
    char f[8][64];
    for (size_t i = 0; i < fx->n; i++) {
        assert_int_equal(cli_fields(r.out, (int)i + 1, f), 6);
        /* R 4.2.2 stats::stl(AirPassengers, s.window = 7), 1e-8 scaled by max|y| = 622 */
        assert_true(fabs(cli_num(f[1]) - fx->y[i]) == 0.0);
        assert_true(fabs(cli_num(f[2]) - fx->s[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[3]) - fx->t[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[4]) - fx->r[i]) < 1e-8 * 622);
        assert_true(fabs(cli_num(f[5]) - (fx->y[i] - fx->s[i])) < 1e-8 * 622);
    }
    assert_string_equal(f[0], "1960-12");
}

static void test_cli_stl_missing_cells_stay_empty(void **state)
{
    (void)state;
    static run_result r;
    run_on_airpassengers(
        (const char *[]){"adjust", "--method=stl", "--s-window=7", "--robust", INPUT, NULL},
        (const int[]){67, -1}, &r);
    assert_int_equal(r.rc, 0);
    char f[8][64];
    assert_int_equal(cli_fields(r.out, 68, f), 6);
    assert_string_equal(f[0], "1954-08");
    assert_string_equal(f[1], "");
    assert_true(isfinite(cli_num(f[2])) && isfinite(cli_num(f[3])));
    assert_string_equal(f[4], "");
    assert_string_equal(f[5], "");
}

static void test_cli_stl_json_and_periodic(void **state)
{
    (void)state;
    static run_result r;
    run_on_airpassengers((const char *[]){"adjust", "--method", "stl", "--s-window", "periodic",
                                          "--format", "json", INPUT, NULL},
                         NULL, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\"method\": \"stl\""));
    assert_non_null(strstr(r.out, "\"periodic\": true"));
    /* R: s.window = 10 n + 1 = 1441, t.window = nextodd(ceiling(18 / (1 - 1.5 / 1441))) = 19 */
    assert_non_null(strstr(r.out, "\"windows\": {\"s\": 1441, \"t\": 19, \"l\": 13}"));
    assert_non_null(strstr(r.out, "\"date\": [\"1949-01\""));
    assert_non_null(strstr(r.out, "\"irregular\": ["));
}

static void test_cli_stl_calendar_adds_column_and_summary(void **state)
{
    (void)state;
    static run_result r;
    run_on_airpassengers((const char *[]){"adjust", "--method", "stl", "--s-window", "7",
                                          "--calendar", "td1,easter", INPUT, NULL},
                         NULL, &r);
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
}

/* Usage errors: exit status 1 and the message naming the fix (NULL: the
 * status alone is checked). */
typedef struct {
    const char *name;
    const char *args[MAX_ARGS];
    const char *message;
} usage_case;

static const usage_case usage_cases[] = {
    {"no --s-window", {"adjust", "--method", "stl", INPUT}, "--s-window is required"},
    {"non-integer --s-window", {"adjust", "--method", "stl", "--s-window", "seven", INPUT},
     "--s-window must be an integer"},
    {"--t-degree 2", {"adjust", "--method", "stl", "--s-window", "7", "--t-degree", "2", INPUT},
     "--t-degree must be 0 or 1"},
    {"period 72 on 144 observations",
     {"adjust", "--method", "stl", "--s-window", "7", "--period", "72", INPUT},
     "144 observations; period 72"},
    {"--country without --calendar",
     {"adjust", "--method", "stl", "--s-window", "7", "--country", "vn", INPUT},
     "only apply with --calendar"},
    {"--calendar lny without --country",
     {"adjust", "--method", "stl", "--s-window", "7", "--calendar", "lny", INPUT},
     "needs --country vn|cn"},
    {"no input file", {"adjust", "--method", "stl", "--s-window", "7"}, "usage"},
    {"missing input file", {"adjust", "--method", "stl", "--s-window", "7", "/nonexistent.csv"},
     NULL},
};

static void test_cli_stl_errors_and_exit_statuses(void **state)
{
    (void)state;
    static run_result r;
    for (size_t k = 0; k < sizeof usage_cases / sizeof usage_cases[0]; k++) {
        const usage_case *c = &usage_cases[k];
        run_on_airpassengers(c->args, NULL, &r);
        CASE_STATUS(c->name, r.rc, 1, r.err, c->message);
    }
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
