/* Weights files (libforecast/weights_csv.c): the flat `year,<names>` form of
 * DESIGN.md §3 and the `[year,]code,parent,weight` hierarchy, with errors
 * as FILE:LINE:COLUMN. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "forecast.h"

static fc_status read(const char *text, fc_weights **w, fc_error *err)
{
    fc_error_clear(err);
    return fc_weights_read_buffer(text, strlen(text), "w.csv", w, err);
}

static void expect_error(const char *text, fc_status status, const char *message)
{
    fc_weights *w = NULL;
    fc_error err;
    assert_int_equal(read(text, &w, &err), status);
    assert_null(w);
    if (!strstr(err.message, message))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, message);
}

static void test_flat_weights_file_is_read_per_year(void **state)
{
    (void)state;
    fc_weights *w = NULL;
    fc_error err;
    assert_int_equal(read("year,mining,manufacturing\r\n2015,14.37,77.63\r\n2016,15,80\r\n",
                          &w, &err), FC_OK);
    assert_int_equal(w->nyears, 2);
    assert_int_equal(w->ncomponents, 2);
    assert_string_equal(w->names[1], "manufacturing");
    assert_int_equal(w->years[1], 2016);
    assert_true(w->values[1] == 77.63);
    size_t row;
    assert_int_equal(fc_weights_find_row(w, 2016, &row, NULL), FC_OK);
    assert_int_equal(row, 1);
    assert_int_equal(fc_weights_find_row(w, 2017, &row, &err), FC_ERANGE);
    assert_non_null(strstr(err.message, "2015 to 2016"));
    fc_weights_free(w);
}

static void test_hierarchy_file_gives_effective_leaf_weights(void **state)
{
    (void)state;
    fc_weights *w = NULL;
    fc_error err;
    /* GSO-like: total -> B 20, C (empty = sum) -> C10 30, C11 50 */
    assert_int_equal(read("code,parent,weight\ntotal,,\nB,total,20\nC,total,\n"
                          "C10,C,30\nC11,C,50\n", &w, &err), FC_OK);
    assert_int_equal(w->ncomponents, 3);
    assert_int_equal(w->years[0], FC_WEIGHTS_ANY_YEAR);
    assert_string_equal(w->names[2], "C11");
    assert_true(fabs(w->values[2] - 0.5) < 1e-15);
    fc_weights_free(w);
    assert_int_equal(read("year,code,parent,weight\n2015,B,,1\n2015,C,,3\n"
                          "2016,B,,1\n2016,C,,1\n", &w, &err), FC_OK);
    assert_int_equal(w->nyears, 2);
    assert_true(fabs(w->values[1] - 0.75) < 1e-15);
    assert_true(fabs(w->values[3] - 0.5) < 1e-15);
    fc_weights_free(w);
}

static void test_weights_file_errors_name_line_and_column(void **state)
{
    (void)state;
    expect_error("year,a,b\n2015,1,0\n", FC_EDOMAIN, "w.csv:2:8: weight 0 must be positive");
    expect_error("year,a,b\n2015,1,-3\n", FC_EDOMAIN, "w.csv:2:8:");
    expect_error("year,a,b\n2015,1,\n", FC_EMISSING, "w.csv:2:8:");
    expect_error("year,a,b\n2015,1,abc\n", FC_EPARSE, "w.csv:2:8: \"abc\" is not a number");
    expect_error("year,a,b\n2016,1,1\n2015,1,1\n", FC_EPARSE, "w.csv:3:1: year 2015 follows 2016");
    expect_error("year,a,a\n2016,1,1\n", FC_EPARSE, "w.csv:1:8: component \"a\" appears twice");
    expect_error("year,a,b\n20x6,1,1\n", FC_EPARSE, "w.csv:2:1: \"20x6\" is not a year");
    expect_error("name,a,b\n2016,1,1\n", FC_EPARSE, "w.csv:1:1: a weights file starts");
    expect_error("code,parent,weight\nB,,1\nC10,C,1\n", FC_EPARSE,
                 "w.csv:3:5: parent \"C\" is not a code");
    expect_error("code,parent,weight\nB,,1\nB,,2\n", FC_EPARSE, "w.csv:3:1: code \"B\" repeated");
    expect_error("code,parent,weight\nT,,\nB,T,\n", FC_EMISSING,
                 "w.csv:3:5: \"B\" is a leaf (a component) and needs a weight");
    expect_error("code,parent,weight\nA,B,1\nB,A,\nC,A,1\n", FC_EINVAL, "w.csv: the parents");
    expect_error("year,code,parent,weight\n2015,B,,1\n2016,C,,1\n", FC_EINVAL, "same leaves");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_weights_file_is_read_per_year),
        cmocka_unit_test(test_hierarchy_file_gives_effective_leaf_weights),
        cmocka_unit_test(test_weights_file_errors_name_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
