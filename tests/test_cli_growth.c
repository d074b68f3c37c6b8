/* CLI `forecast growth` (DESIGN.md §4): output columns, quarter rows, JSON,
 * and exit statuses with the FILE:LINE:COLUMN message.  The command's
 * source is compiled into this test and run in-process with stdout and
 * stderr captured in temporary files. */
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
#include "../bindings/cli/cmd_growth.c"
#include "../bindings/cli/plot.c" /* --plot: cli_plot_growth */
#include "../bindings/cli/svg.c"

#include "cli_harness.h"

typedef cli_result run_result;

/* Runs cmd_growth(argv) with stdout/stderr captured. */
static void run(char **argv, int argc, run_result *r) { cli_capture(cmd_growth, argc, argv, r); }

/* Writes text to a temporary file whose path is returned in path. */
static void write_file(char *path, const char *text)
{
    cli_temp_file(path, "/tmp/test_cli_growth_XXXXXX", text);
}

/* Hand-worked series (as in test_growth.c): 2022 Jan..Mar = 10, 20, 30, then
 * 1 for Apr..Dec, 2023 Jan..Mar = 11, 22, 36. */
static const char *HAND =
    "date,value\n2022-01,10\n2022-02,20\n2022-03,30\n2022-04,1\n2022-05,1\n2022-06,1\n"
    "2022-07,1\n2022-08,1\n2022-09,1\n2022-10,1\n2022-11,1\n2022-12,1\n"
    "2023-01,11\n2023-02,22\n2023-03,36\n";


static void test_cli_growth_csv_columns_and_values(void **state)
{
    (void)state;
    char path[64];
    write_file(path, HAND);
    char *argv[] = {"growth", path};
    run_result r;
    run(argv, 2, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.err, "");
    assert_memory_equal(r.out, "date,value,mom,yoy,ytd_yoy\n2022-01,10,,,\n", 40);
    char f[8][64];
    /* line 15 = 2023-03: m/m 36/22 = +63.64 %, y/y 36/30 = +20 %, YTD 69/60 = +15 % */
    assert_int_equal(cli_fields(r.out, 15, f), 5);
    assert_string_equal(f[0], "2023-03");
    assert_true(fabs(cli_num(f[2]) - 100.0 * (36.0 / 22.0 - 1.0)) < 1e-12);
    assert_true(fabs(cli_num(f[3]) - 20.0) < 1e-12);
    assert_true(fabs(cli_num(f[4]) - 15.0) < 1e-12);
    char *argv_idx[] = {"growth", "--form", "index", path};
    run(argv_idx, 4, &r);
    assert_int_equal(r.rc, 0);
    cli_fields(r.out, 15, f);
    assert_true(fabs(cli_num(f[4]) - 115.0) < 1e-12);
    remove(path);
}

/* Quarter rows: 2022-Q1 mean 20 (sum 60), 2022-Q2..Q4 mean 1, 2023-Q1 mean 23
 * (sum 69): q/q 2300 % (mean), q y/y +15 %; ytd through March +15 %. */
static void test_cli_growth_quarterly_rows_mean_and_flow(void **state)
{
    (void)state;
    char path[64];
    write_file(path, HAND);
    char *argv[] = {"growth", "--quarterly", path};
    run_result r;
    run(argv, 3, &r);
    assert_int_equal(r.rc, 0);
    assert_memory_equal(r.out, "date,value,mom,yoy,ytd_yoy,qoq,q_yoy\n", 37);
    char f[8][64];
    assert_int_equal(cli_fields(r.out, 15, f), 7); /* last monthly row */
    assert_string_equal(f[0], "2023-03");
    assert_string_equal(f[5], "");
    cli_fields(r.out, 16, f);
    assert_string_equal(f[0], "2022-Q1");
    assert_true(fabs(cli_num(f[1]) - 20.0) < 1e-12);
    assert_true(isnan(cli_num(f[5])));
    cli_fields(r.out, 20, f);
    assert_string_equal(f[0], "2023-Q1");
    assert_true(fabs(cli_num(f[1]) - 23.0) < 1e-12);
    assert_string_equal(f[2], "");
    assert_string_equal(f[3], "");
    assert_true(fabs(cli_num(f[4]) - 15.0) < 1e-12);
    assert_true(fabs(cli_num(f[5]) - 2200.0) < 1e-9);
    assert_true(fabs(cli_num(f[6]) - 15.0) < 1e-12);
    char *argv_flow[] = {"growth", "--quarterly", "--flow", path};
    run(argv_flow, 4, &r);
    cli_fields(r.out, 20, f);
    assert_true(fabs(cli_num(f[1]) - 69.0) < 1e-12);
    assert_true(fabs(cli_num(f[6]) - 15.0) < 1e-12);
    remove(path);
}

static void test_cli_growth_json_and_text(void **state)
{
    (void)state;
    char path[64];
    write_file(path, HAND);
    char *argv[] = {"growth", "--format", "json", path};
    run_result r;
    run(argv, 4, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\"series\": \"value\""));
    assert_non_null(strstr(r.out, "\"date\": [\"2022-01\", \"2022-02\""));
    assert_non_null(strstr(r.out, "\"ytd_yoy\": [null, null"));
    assert_non_null(strstr(r.out, ", 15]"));
    assert_null(strstr(r.out, "qoq"));
    char *argv_text[] = {"growth", "--format", "text", path};
    run(argv_text, 4, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "2023-03       36.00      +63.6      +20.0      +15.0\n"));
    remove(path);
}

static void test_cli_growth_exit_status_and_messages(void **state)
{
    (void)state;
    char bad[64], panel[64], quarterly[64];
    write_file(bad, "date,value\n2021-01,1\n2021-02,abc\n");
    write_file(panel, "series,date,value\nb,2021-01,1\na,2021-01,2\n");
    write_file(quarterly, "date,value\n2021-Q1,1\n2021-Q2,2\n");
    run_result r;
    char *a1[] = {"growth", bad};
    run(a1, 2, &r);
    assert_int_equal(r.rc, 1);
    char want[128];
    snprintf(want, sizeof want, "%s:3:9: \"abc\" is not a number\n", bad);
    assert_string_equal(r.err, want);
    assert_string_equal(r.out, "");
    char *a2[] = {"growth", panel};
    run(a2, 2, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "holds 2 series; choose one with --series NAME: b, a"));
    char *a3[] = {"growth", "--series", "a", panel};
    run(a3, 4, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "date,value,mom,yoy,ytd_yoy\n2021-01,2,,,\n");
    char *a4[] = {"growth", "--series", "c", panel};
    run(a4, 4, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "has no series \"c\"; it holds: b, a"));
    char *a5[] = {"growth", "--quarterly", quarterly};
    run(a5, 3, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--quarterly needs a monthly series"));
    char *a6[] = {"growth", quarterly}; /* quarterly input: mom is q/q = +100 % */
    run(a6, 2, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "date,value,mom,yoy,ytd_yoy\n2021-Q1,1,,,\n2021-Q2,2,100,,\n");
    char *a7[] = {"growth", "--form", "pct", quarterly};
    run(a7, 4, &r);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "forecast growth: --form must be percent or index, not \"pct\"\n");
    char *a8[] = {"growth", "--format", "xml", quarterly};
    run(a8, 4, &r);
    assert_int_equal(r.rc, 1);
    char *a9[] = {"growth"};
    run(a9, 1, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "usage: forecast growth"));
    char *a10[] = {"growth", "/nonexistent.csv"};
    run(a10, 2, &r);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "/nonexistent.csv: cannot open: No such file or directory\n");
    remove(bad);
    remove(panel);
    remove(quarterly);
}

/* FILE "-" reads standard input; messages then name <stdin>. */
static void test_cli_growth_reads_standard_input(void **state)
{
    (void)state;
    char path[64];
    write_file(path, "date,value\n2021-01,1\n2021-02,x\n");
    int saved_in = dup(0);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    dup2(fileno(in), 0);
    clearerr(stdin);
    char *argv[] = {"growth", "-"};
    run_result r;
    run(argv, 2, &r);
    dup2(saved_in, 0);
    close(saved_in);
    fclose(in);
    clearerr(stdin);
    assert_int_equal(r.rc, 1);
    assert_string_equal(r.err, "<stdin>:3:9: \"x\" is not a number\n");
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_growth_csv_columns_and_values),
        cmocka_unit_test(test_cli_growth_quarterly_rows_mean_and_flow),
        cmocka_unit_test(test_cli_growth_json_and_text),
        cmocka_unit_test(test_cli_growth_exit_status_and_messages),
        cmocka_unit_test(test_cli_growth_reads_standard_input),
    };
    return cmocka_run_group_tests_name("cli_growth", tests, NULL, NULL);
}
