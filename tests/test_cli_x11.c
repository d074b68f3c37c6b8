/* CLI `forecast adjust --method x11`: the pseudo-additive mode
 * (`--mode pseudoadd --regarima none`) prints D10..D13 obeying X-13's
 * pseudo-additive definitions, and the option errors.  The command's
 * source is compiled in and run in-process with stdout and stderr captured
 * in temporary files. */
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
#include "../bindings/cli/adjust_x11.c"
#include "../bindings/cli/plot.c" /* --plot: cli_plot_decomposition */
#include "../bindings/cli/svg.c"

#define CLI_OUT_SIZE 65536
#define CLI_ERR_SIZE 4096
#include "cli_harness.h"

typedef cli_result run_result;

/* Runs cli_adjust_x11(argv) with stdout/stderr captured. */
static void run(char **argv, int argc, run_result *r) { cli_capture(cli_adjust_x11, argc, argv, r); }

/* Ten years of T (S + I - 1) with a near-zero January and August. */
static void write_pseudo_series(char *path)
{
    static const double s12[12] = {0.02, 0.60, 1.10, 1.30, 1.40, 1.45,
                                   1.40, 0.03, 1.20, 1.25, 1.20, 1.05};
    FILE *f = cli_temp_open(path, "/tmp/test_cli_x11_XXXXXX");
    fprintf(f, "date,value\n");
    for (int i = 0; i < 120; i++)
        fprintf(f, "%d-%02d,%.10g\n", 2000 + i / 12, i % 12 + 1,
                (100.0 + 0.2 * i) * (s12[i % 12] + 0.004 * sin(1.7 * i * i)));
    fclose(f);
}

static void test_cli_x11_pseudoadd_csv_obeys_x13_definitions(void **state)
{
    (void)state;
    char path[64];
    write_pseudo_series(path);
    char *argv[] = {"adjust", "--method", "x11", "--regarima", "none", "--mode", "pseudoadd", path};
    static run_result r;
    run(argv, 8, &r);
    assert_int_equal(r.rc, 0);
    char *line = strtok(r.out, "\n");
    assert_string_equal(line, "date,original,seasonal,trend,irregular,adjusted");
    int rows = 0;
    while ((line = strtok(NULL, "\n")) != NULL) {
        double o, s, t, irr, sa;
        char date[16];
        assert_int_equal(sscanf(line, "%15[^,],%lf,%lf,%lf,%lf,%lf", date, &o, &s, &t, &irr, &sa),
                         6);
        /* D11 = B1 - D12 (D10 - 1) and D13 = D11 / D12 (X-13 pseudo-additive) */
        assert_true(fabs(sa - (o - t * (s - 1.0))) < 1e-9 * t);
        assert_true(fabs(irr - sa / t) < 1e-12);
        rows++;
    }
    assert_int_equal(rows, 120);
    remove(path);
}

static void test_cli_x11_pseudoadd_json_names_mode_and_needs_plain_x11(void **state)
{
    (void)state;
    char path[64];
    write_pseudo_series(path);
    static run_result r;
    char *argv[] = {"adjust", "--method", "x11", "--regarima", "none", "--mode", "pseudoadd",
                    "--format", "json", path};
    run(argv, 10, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\"mode\": \"pseudoadd\""));
    /* regARIMA pre-adjustment has no pseudo-additive form: usage error */
    char *argv2[] = {"adjust", "--method", "x11", "--mode", "pseudoadd", path};
    run(argv2, 6, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--regarima none"));
    char *argv3[] = {"adjust", "--method", "x11", "--regarima", "none", "--mode", "pseudo", path};
    run(argv3, 8, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "pseudoadd"));
    remove(path);
}

/* --sliding-spans adds the "sliding_spans" object to the JSON (plain X-11
 * only); the stable pseudo-additive test series flags nothing. */
static void test_cli_x11_sliding_spans_json_object_and_usage(void **state)
{
    (void)state;
    char path[64];
    write_pseudo_series(path);
    static run_result r;
    char *argv[] = {"adjust", "--method", "x11", "--regarima", "none", "--mode", "pseudoadd",
                    "--sliding-spans", "--format", "json", path};
    run(argv, 11, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.out, "\"sliding_spans\": {"));
    assert_non_null(strstr(r.out, "\"spans\": 4"));
    assert_non_null(strstr(r.out, "\"cutoff_percent\": 3"));
    assert_non_null(strstr(r.out, "\"max_percent_difference\": [null,"));
    assert_non_null(strstr(r.out, "\"sa_change\": {"));
    char *argv2[] = {"adjust", "--method", "x11", "--regarima", "none", "--sliding-spans", path};
    run(argv2, 7, &r);
    assert_int_equal(r.rc, 1);
    assert_non_null(strstr(r.err, "--format json"));
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_x11_pseudoadd_csv_obeys_x13_definitions),
        cmocka_unit_test(test_cli_x11_pseudoadd_json_names_mode_and_needs_plain_x11),
        cmocka_unit_test(test_cli_x11_sliding_spans_json_object_and_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
