/* CLI `forecast auto`: the fit JSON for one series (checked against R
 * forecast::auto.arima through tests/fixtures/autoarima_expected.csv), batch
 * mode (JSON lines in file order, errors per series, threads) and usage
 * errors.  The command's source is compiled in and run in-process with
 * stdout and stderr captured in temporary files. */
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
#include "../bindings/cli/cmd_auto.c"
#include "../bindings/cli/cmd_fit.c" /* cli_print_arima_json */
#include "fixture_csv.h"

#define CLI_OUT_SIZE 65536
#define CLI_ERR_SIZE 4096
#include "cli_harness.h"

typedef cli_result run_result;

static void run(char **argv, int argc, run_result *r) { cli_capture(cmd_auto, argc, argv, r); }

/* Writes series `names` of the fixture (first n values each; NULL name =
 * a column that is empty except two values) as a wide CSV file. */
static void write_wide(char *path, const char *const *names, size_t k, size_t n)
{
    fx_table t;
    assert_int_equal(fx_read("tests/fixtures/unitroot_series.csv", &t), 0);
    double *v[8];
    for (size_t j = 0; j < k; j++) {
        size_t len = 0;
        v[j] = names[j] ? fx_series_values(&t, "series", names[j], "value", &len) : NULL;
        assert_true(!names[j] || len >= n);
    }
    FILE *f = cli_temp_open(path, "/tmp/test_cli_auto_XXXXXX");
    fputs("date", f);
    for (size_t j = 0; j < k; j++)
        fprintf(f, ",%s", names[j] ? names[j] : "tiny");
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%04zu-%02zu", 1990 + i / 12, i % 12 + 1);
        for (size_t j = 0; j < k; j++) {
            if (v[j])
                fprintf(f, ",%.17g", v[j][i]);
            else
                fputs(i < 2 ? ",5" : ",", f);
        }
        fputc('\n', f);
    }
    fclose(f);
    for (size_t j = 0; j < k; j++)
        free(v[j]);
    fx_free(&t);
}

static double json_number(const char *text, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(text, pat);
    assert_non_null(p);
    return strtod(p + strlen(pat), NULL);
}

static void test_cli_auto_single_series_prints_fit_json_as_r(void **state)
{
    (void)state;
    char path[64];
    const char *names[1] = {"N2000"};
    write_wide(path, names, 1, 126);
    char *argv[] = {"auto", path};
    run_result r;
    run(argv, 2, &r);
    assert_int_equal(r.rc, 0);
    /* forecast::auto.arima(N2000): ARIMA(1,0,1)(0,0,1)[12] with non-zero
     * mean, AICc 1985.848363 (tests/fixtures/autoarima_expected.csv) */
    assert_non_null(strstr(r.out, "\"order\":[1,0,1],\"seasonal\":[0,0,1],\"period\":12"));
    assert_non_null(strstr(r.out, "\"intercept\":"));
    assert_true(fabs(json_number(r.out, "aicc") - 1985.848363) < 1e-5);
    assert_non_null(strstr(r.out, "\"transform\":\"none\",\"fallback\":\"none\",\"note\":\"\"}\n"));
    assert_null(strstr(r.out, "\"series\""));
    char *argv_t[] = {"auto", "--transform", "auto", path};
    run(argv_t, 4, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "transform auto:"));
    remove(path);
}

static void test_cli_auto_batch_prints_json_lines_in_file_order(void **state)
{
    (void)state;
    char path[64];
    const char *names[3] = {"N1402", "N2650", "N1500"};
    write_wide(path, names, 3, 50);
    char *argv[] = {"auto", "--threads", "2", path};
    run_result r;
    run(argv, 4, &r);
    assert_int_equal(r.rc, 0);
    const char *p = r.out;
    for (int j = 0; j < 3; j++) {
        char want[64];
        snprintf(want, sizeof want, "{\"series\":\"%s\",\"order\":[", names[j]);
        assert_memory_equal(p, want, strlen(want));
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    assert_string_equal(p, "");
    assert_non_null(strstr(r.err, "3/3 series done"));
    /* --series picks one: the plain single-series JSON */
    char *argv_one[] = {"auto", "--series", "N2650", path};
    run(argv_one, 4, &r);
    assert_int_equal(r.rc, 0);
    assert_memory_equal(r.out, "{\"order\":", 9);
    remove(path);
}

static void test_cli_auto_batch_reports_failed_series_and_continues(void **state)
{
    (void)state;
    char path[64];
    const char *names[2] = {NULL, "N1402"};
    write_wide(path, names, 2, 50);
    char *argv[] = {"auto", path};
    run_result r;
    run(argv, 2, &r);
    assert_int_equal(r.rc, 1);   /* FC_ESHORT is an input error */
    assert_memory_equal(r.out, "{\"series\":\"tiny\",\"error\":", 25);
    assert_non_null(strstr(r.out, "at least 3"));
    assert_non_null(strstr(r.out, "\n{\"series\":\"N1402\",\"order\":"));
    remove(path);
}

static void test_cli_auto_usage_errors(void **state)
{
    (void)state;
    char path[64];
    const char *names[1] = {"N1402"};
    write_wide(path, names, 1, 50);
    run_result r;
    char *a1[] = {"auto", "--transform", "sqrt", path};
    run(a1, 4, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--transform must be auto, none or log"));
    char *a2[] = {"auto", "--threads", "0", path};
    run(a2, 4, &r);
    assert_int_equal(r.rc, 1);
    char *a3[] = {"auto", "--series", "nope", path};
    run(a3, 4, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "nope"));
    char *a4[] = {"auto"};
    run(a4, 1, &r);
    assert_int_equal(r.rc, 1);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_auto_single_series_prints_fit_json_as_r),
        cmocka_unit_test(test_cli_auto_batch_prints_json_lines_in_file_order),
        cmocka_unit_test(test_cli_auto_batch_reports_failed_series_and_continues),
        cmocka_unit_test(test_cli_auto_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
