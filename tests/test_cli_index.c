/* The index-compilation commands of the CLI (aggregate, chain, rebase,
 * splice), run in-process: output columns and values (DESIGN.md §4), exit
 * statuses and FILE:LINE:COLUMN messages.  Expected numbers are the
 * hand-worked examples of tests/test_aggregate.c and test_chain.c and the
 * Statistics Finland figure (domain.md §1.3-A). */
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
#include "../bindings/cli/cmd_aggregate.c"
#include "../bindings/cli/cmd_chain.c"
#include "../bindings/cli/cmd_rebase.c"
#include "../bindings/cli/cmd_splice.c"

#include "cli_harness.h"

typedef cli_result captured;

/* Runs a command with stdout and stderr captured in temporary files. */
static void capture(cli_command_fn fn, int argc, char **argv, captured *c) { cli_capture(fn, argc, argv, c); }

static void temp_file(char *path, const char *text)
{
    cli_temp_file(path, "/tmp/test_cli_index_XXXXXX", text);
}

/* Line k (0-based) of text, copied into buf. */
static const char *line_of(const char *text, int k, char *buf, size_t size)
{
    const char *p = cli_line_start(text, k);
    size_t n = strcspn(p, "\n");
    assert_true(n < size);
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

/* Field j (0-based) of a CSV line as a number (NaN for an empty cell). */
static double field(const char *line, int j)
{
    const char *p = line;
    for (int i = 0; i < j; i++) {
        p = strchr(p, ',');
        assert_non_null(p);
        p++;
    }
    if (*p == ',' || *p == '\0')
        return NAN;
    return strtod(p, NULL);
}

static const char *DATA =
    "date,A,B\n2010-Q1,90,100\n2010-Q2,100,100\n2010-Q3,110,100\n2010-Q4,100,100\n"
    "2011-Q1,105,80\n2011-Q2,110,90\n2011-Q3,115,100\n2011-Q4,110,90\n2012-Q1,121,99\n"
    "2012-Q2,132,90\n";
static const char *WEIGHTS = "year,A,B\n2010,1,1\n2011,3,1\n2012,5,5\n";

/* Annual-overlap hand-worked example (test_aggregate.c): y/y 2012-Q1 =
 * 110 / 92.5 -> 18.9189 %, C_A = 10.8108, C_B = 8.1081. */
static void test_aggregate_prints_index_growth_and_contributions(void **state)
{
    (void)state;
    char data[64], w[64], line[512];
    temp_file(data, DATA);
    temp_file(w, WEIGHTS);
    char *argv[] = {"aggregate", "--weights", w, "--method", "annual-overlap", data};
    captured c;
    capture(cmd_aggregate, 6, argv, &c);
    assert_int_equal(c.rc, 0);
    assert_string_equal(line_of(c.out, 0, line, sizeof line),
                        "date,index,growth,A_contrib,B_contrib");
    line_of(c.out, 9, line, sizeof line);
    assert_true(strncmp(line, "2012-Q1,110,", 12) == 0);
    assert_true(fabs(field(line, 2) - 100.0 * (110.0 / 92.5 - 1.0)) < 1e-12);
    assert_true(fabs(field(line, 3) - (100.0 / 92.5 * 7.5 + 50.0 * 5.0 / 92.5)) < 1e-12);
    assert_true(fabs(field(line, 3) + field(line, 4) - field(line, 2)) < 1e-10);
    assert_string_equal(line_of(c.out, 1, line, sizeof line), "2010-Q1,95,,,");

    char *pop[] = {"aggregate", "--weights", w, "--method=annual-overlap", "--contrib", "pop",
                   data};
    capture(cmd_aggregate, 7, pop, &c);
    assert_int_equal(c.rc, 0);
    line_of(c.out, 10, line, sizeof line); /* 2012-Q2: 4.5454 %, 6.8182, -2.2727 */
    assert_true(fabs(field(line, 2) - 100.0 * (115.0 / 110.0 - 1.0)) < 1e-12);
    assert_true(fabs(field(line, 3) - 100.0 * 0.75 * 10.0 / 110.0) < 1e-12);

    /* fixed-base with the 2011 weights (.75/.25): 2010-Q1 = .75 x 90 + .25 x 100 */
    char *fixed[] = {"aggregate", "--weights", w, "--base-year", "2011", "--contrib", "ytd", data};
    capture(cmd_aggregate, 8, fixed, &c);
    assert_int_equal(c.rc, 0);
    assert_true(fabs(field(line_of(c.out, 1, line, sizeof line), 1) - 92.5) < 1e-12);
    /* re-referenced: 2011 = .75 A + .25 B = 98.75, 105, 111.25, 105 (mean 105) */
    char *ref[] = {"aggregate", "--weights", w, "--base-year", "2011", "--reference-year", "2011",
                   data};
    capture(cmd_aggregate, 8, ref, &c);
    assert_int_equal(c.rc, 0);
    assert_true(fabs(field(line_of(c.out, 1, line, sizeof line), 1) - 92.5 / 1.05) < 1e-12);
    unlink(data);
    unlink(w);
}

static void test_aggregate_errors_name_file_line_and_column(void **state)
{
    (void)state;
    char data[64], w[64], expect[128];
    temp_file(data, DATA);
    temp_file(w, "year,A,B\n2010,1,0\n");
    captured c;
    char *argv[] = {"aggregate", "--weights", w, data};
    capture(cmd_aggregate, 4, argv, &c);
    assert_int_equal(c.rc, 1);
    snprintf(expect, sizeof expect, "%s:2:8: weight 0 must be positive", w);
    assert_non_null(strstr(c.err, expect));
    assert_string_equal(c.out, "");

    char *no_weights[] = {"aggregate", data};
    capture(cmd_aggregate, 2, no_weights, &c);
    assert_int_equal(c.rc, 1);
    assert_non_null(strstr(c.err, "--weights"));
    char *bad_method[] = {"aggregate", "--weights", w, "--method", "paasche", data};
    capture(cmd_aggregate, 6, bad_method, &c);
    assert_int_equal(c.rc, 1);
    assert_non_null(strstr(c.err, "fixed-base or annual-overlap"));
    char *bad_contrib[] = {"aggregate", "--weights", w, "--contrib", "mom", data};
    capture(cmd_aggregate, 6, bad_contrib, &c);
    assert_int_equal(c.rc, 1);
    unlink(w);
    temp_file(w, WEIGHTS);
    char *no_base[] = {"aggregate", "--weights", w, data};
    capture(cmd_aggregate, 4, no_base, &c);
    assert_int_equal(c.rc, 1);
    assert_non_null(strstr(c.err, "--base-year"));
    unlink(data);
    unlink(w);
}

/* test_chain.c: links 100,102,98,100 | 101,103,104,106 | 102 -> 2012-Q1 = 105.57;
 * re-referenced to 2011 (mean 103.5) it is 102 x 1.035 / 1.035 = 102. */
static void test_chain_rebase_and_unchain(void **state)
{
    (void)state;
    char path[64], line[256];
    temp_file(path, "date,value\n2010-Q1,100\n2010-Q2,102\n2010-Q3,98\n2010-Q4,100\n2011-Q1,101\n"
                    "2011-Q2,103\n2011-Q3,104\n2011-Q4,106\n2012-Q1,102\n");
    captured c;
    char *argv[] = {"chain", "--method", "annual-overlap", path};
    capture(cmd_chain, 4, argv, &c);
    assert_int_equal(c.rc, 0);
    assert_string_equal(line_of(c.out, 0, line, sizeof line), "date,value");
    assert_true(fabs(field(line_of(c.out, 9, line, sizeof line), 1) - 105.57) < 1e-12);
    char *ref[] = {"chain", "--reference-year", "2011", path};
    capture(cmd_chain, 4, ref, &c);
    assert_int_equal(c.rc, 0);
    assert_true(fabs(field(line_of(c.out, 9, line, sizeof line), 1) - 102.0) < 1e-12);
    char *un[] = {"chain", "--unchain", "--method", "over-the-year", path};
    capture(cmd_chain, 5, un, &c);
    assert_int_equal(c.rc, 0); /* 2011-Q1 = 100 x 101 / 100 */
    assert_true(fabs(field(line_of(c.out, 5, line, sizeof line), 1) - 101.0) < 1e-12);
    char *bad[] = {"chain", "--method", "two-period", path};
    capture(cmd_chain, 4, bad, &c);
    assert_int_equal(c.rc, 1);

    char *rb[] = {"rebase", "--reference-year", "2010", path};
    capture(cmd_rebase, 4, rb, &c);
    assert_int_equal(c.rc, 0);
    assert_true(fabs(field(line_of(c.out, 2, line, sizeof line), 1) - 102.0) < 1e-12);
    char *rb_missing[] = {"rebase", path};
    capture(cmd_rebase, 2, rb_missing, &c);
    assert_int_equal(c.rc, 1);
    char *rb_range[] = {"rebase", "--reference-year", "2012", path};
    capture(cmd_rebase, 4, rb_range, &c);
    assert_int_equal(c.rc, 1);
    assert_non_null(strstr(c.err, "2012 is not complete"));
    unlink(path);
}

/* Statistics Finland: Dec 2003 = 104.47 (2000=100), Jan 2004 = 100.34 on
 * 2003:12 = 100 -> 104.82 (domain.md §1.3-A). */
static void test_splice_statistics_finland(void **state)
{
    (void)state;
    char old_path[64], new_path[64], line[256];
    temp_file(old_path, "date,value\n2003-11,103.9\n2003-12,104.47\n");
    temp_file(new_path, "date,value\n2003-12,100\n2004-01,100.34\n");
    captured c;
    char *argv[] = {"splice", "--overlap-period", "2003-12", "--base", "old", old_path, new_path};
    capture(cmd_splice, 7, argv, &c);
    assert_int_equal(c.rc, 0);
    assert_true(fabs(field(line_of(c.out, 3, line, sizeof line), 1) - 104.82) < 0.01);
    char *no_year[] = {"splice", old_path, new_path};
    capture(cmd_splice, 3, no_year, &c);
    assert_int_equal(c.rc, 1);
    assert_non_null(strstr(c.err, "no complete calendar year in common"));
    char *one[] = {"splice", old_path};
    capture(cmd_splice, 2, one, &c);
    assert_int_equal(c.rc, 1);
    unlink(old_path);
    unlink(new_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aggregate_prints_index_growth_and_contributions),
        cmocka_unit_test(test_aggregate_errors_name_file_line_and_column),
        cmocka_unit_test(test_chain_rebase_and_unchain),
        cmocka_unit_test(test_splice_statistics_finland),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
