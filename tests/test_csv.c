/* io: the strict CSV reader (series and generic tables) and the writers.
 * Every error is asserted with its exact FILE:LINE:COLUMN message, counted
 * by hand from the input shown next to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "csv_internal.h"
#include "case_table.h"

static fc_series_list *read_ok(const char *csv)
{
    fc_series_list *list = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_csv_read_buffer(csv, strlen(csv), "t.csv", &list, &err);
    if (st != FC_OK)
        fail_msg("unexpected failure: %s", err.message);
    assert_non_null(list);
    return list;
}

/* An input the reader refuses (named x.csv), the status and the exact
 * message.  len is the input's length when it holds a NUL byte (see
 * WITH_NUL), else 0 (strlen). */
typedef struct {
    const char *name;
    const char *csv;
    size_t len;
    fc_status status;
    const char *message;
} csv_error_case;

#define WITH_NUL(literal) literal, sizeof(literal) - 1

/* Reads the case's input and asserts the status, the exact message, no
 * output and the status recorded in the error. */
static void expect_error(const csv_error_case *c)
{
    fc_series_list *list = (fc_series_list *)1;
    fc_error err;
    fc_error_clear(&err);
    size_t len = c->len ? c->len : strlen(c->csv);
    fc_status st = fc_csv_read_buffer(c->csv, len, "x.csv", &list, &err);
    if (st != c->status || strcmp(err.message, c->message) != 0)
        fail_msg("case '%s': for input\n%s\nexpected status %d \"%s\"\n     got status %d \"%s\"",
                 c->name, c->csv, (int)c->status, c->message, (int)st, err.message);
    CASE_TRUE(c->name, list == NULL);
    CASE_INT_EQUAL(c->name, err.status, c->status);
}

#define EXPECT_ERRORS(cases)                                                   \
    do {                                                                       \
        for (size_t k_ = 0; k_ < sizeof(cases) / sizeof((cases)[0]); k_++)     \
            expect_error(&(cases)[k_]);                                        \
    } while (0)

static void test_csv_reads_long_single_series_with_missing_cell(void **state)
{
    (void)state;
    fc_series_list *list = read_ok("date,value\n2021-11,1.5\n2021-12,\n2022-01,-3e2\n");
    assert_int_equal(list->count, 1);
    const fc_series *s = list->items[0];
    assert_string_equal(s->name, "value");
    assert_int_equal(s->freq, 12);
    assert_int_equal(s->start.year, 2021);
    assert_int_equal(s->start.sub, 11);
    assert_int_equal(s->n, 3);
    assert_true(s->values[0] == 1.5);
    assert_true(isnan(s->values[1]));
    assert_true(s->values[2] == -300.0);
    assert_ptr_equal(fc_series_list_find(list, "value"), s);
    assert_null(fc_series_list_find(list, "other"));
    assert_null(fc_series_list_find(list, NULL));
    fc_series_list_free(list);
    fc_series_list_free(NULL);
}

static void test_csv_reads_long_many_series_in_blocks_or_interleaved(void **state)
{
    (void)state;
    const char *blocks = "series,date,value\na,2020-Q4,1\na,2021-Q1,2\nb,2021-Q2,3\nb,2021-Q3,4\nb,2021-Q4,5\n";
    const char *interleaved = "Series,Date,Value\na,2021-01-31,1\nb,2021-01-31,10\na,2021-02-28,2\nb,2021-02-28,20\n";
    fc_series_list *list = read_ok(blocks);
    assert_int_equal(list->count, 2);
    const fc_series *b = fc_series_list_find(list, "b");
    assert_non_null(b);
    assert_int_equal(b->freq, 4);
    assert_int_equal(b->start.year, 2021);
    assert_int_equal(b->start.sub, 2);
    assert_int_equal(b->n, 3);
    assert_true(b->values[2] == 5.0);
    assert_int_equal(fc_series_list_find(list, "a")->start.sub, 4);
    fc_series_list_free(list);
    list = read_ok(interleaved);
    assert_int_equal(list->count, 2);
    assert_string_equal(list->items[0]->name, "a");
    assert_int_equal(list->items[1]->n, 2);
    assert_true(list->items[1]->values[1] == 20.0);
    assert_int_equal(list->items[1]->start.sub, 1);
    fc_series_list_free(list);
}

static void test_csv_reads_wide_with_bom_crlf_quotes_and_trailing_blank_lines(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBF" "date,\"mining, quarrying\",\"say \"\"hi\"\"\"\r\n"
                      "2023-01,\"1.25\",2\r\n2023-02,,\"4\"\r\n\r\n\n";
    fc_series_list *list = read_ok(csv);
    assert_int_equal(list->count, 2);
    assert_string_equal(list->items[0]->name, "mining, quarrying");
    assert_string_equal(list->items[1]->name, "say \"hi\"");
    assert_int_equal(list->items[0]->n, 2);
    assert_true(list->items[0]->values[0] == 1.25);
    assert_true(isnan(list->items[0]->values[1]));
    assert_true(list->items[1]->values[1] == 4.0);
    fc_series_list_free(list);
}

static void test_csv_accepts_strict_number_forms(void **state)
{
    (void)state;
    fc_series_list *list = read_ok("date,value\n2021-01,.5\n2021-02,5.\n2021-03,+2e-3\n2021-04,-0\n2021-05,1E+2\n");
    const double *v = list->items[0]->values;
    assert_true(v[0] == 0.5 && v[1] == 5.0 && v[2] == 0.002 && v[3] == 0.0 && v[4] == 100.0);
    fc_series_list_free(list);
}

static void test_csv_rejects_text_in_numeric_cells(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        /* "2021-02," is 8 characters, so the value starts in column 9. */
        {"word", "date,value\n2021-01,1\n2021-02,abc\n", 0, FC_EPARSE,
         "x.csv:3:9: \"abc\" is not a number"},
        {"leading space", "date,value\n2021-01, 12\n", 0, FC_EPARSE,
         "x.csv:2:9: \" 12\" is not a number"},
        {"decimal comma", "date,value\n2021-01,\"1,5\"\n", 0, FC_EPARSE,
         "x.csv:2:9: \"1,5\" is not a number"},
        {"nan", "date,value\n2021-01,nan\n", 0, FC_EPARSE, "x.csv:2:9: \"nan\" is not a number"},
        {"inf", "date,value\n2021-01,inf\n", 0, FC_EPARSE, "x.csv:2:9: \"inf\" is not a number"},
        {"hexadecimal", "date,value\n2021-01,0x10\n", 0, FC_EPARSE,
         "x.csv:2:9: \"0x10\" is not a number"},
        {"exponent without digits", "date,value\n2021-01,1e\n", 0, FC_EPARSE,
         "x.csv:2:9: \"1e\" is not a number"},
        {"NA", "date,value\n2021-01,NA\n", 0, FC_EPARSE, "x.csv:2:9: \"NA\" is not a number"},
        {"overflow", "date,value\n2021-01,1e999\n", 0, FC_EPARSE,
         "x.csv:2:9: \"1e999\" is out of the range of a double"},
        /* wide: third column of line 3 starts after "2021-02,1," (10 characters) */
        {"wide third column", "date,a,b\n2021-01,1,2\n2021-02,1,x\n", 0, FC_EPARSE,
         "x.csv:3:11: \"x\" is not a number"},
    };
    EXPECT_ERRORS(cases);
}

static void test_csv_columns_count_characters_after_bom_and_across_quoted_newlines(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        /* BOM not counted: "2021-01," is 8 characters. */
        {"after a BOM", "\xEF\xBB\xBF" "date,value\r\n2021-01,x\r\n", 0, FC_EPARSE,
         "x.csv:2:9: \"x\" is not a number"},
        /* "Điện" is 4 characters (7 bytes): value starts at 4+1+8+1 = 14. */
        {"UTF-8 name", "series,date,value\n\xC4\x90i\xE1\xBB\x87n,2021-01,abc\n", 0, FC_EPARSE,
         "x.csv:2:14: \"abc\" is not a number"},
        /* A quoted name spanning lines 2-3; on line 3 `b",2021-02,` is 11 characters. */
        {"quoted newline", "series,date,value\n\"a\nb\",2021-01,1\n\"a\nb\",2021-02,zz\n", 0,
         FC_EPARSE, "x.csv:5:12: \"zz\" is not a number"},
    };
    EXPECT_ERRORS(cases);
}

#define EMPTY_FILE "x.csv:1:1: empty file (expected a header row, e.g. date,value)"
#define NO_ROWS "x.csv:1:1: the file has a header but no data rows"

static void test_csv_rejects_empty_file_and_header_only(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        {"empty", "", 0, FC_EPARSE, EMPTY_FILE},
        {"BOM only", "\xEF\xBB\xBF", 0, FC_EPARSE, EMPTY_FILE},
        {"blank lines only", "\n\r\n\n", 0, FC_EPARSE, EMPTY_FILE},
        {"header only", "date,value\n", 0, FC_EPARSE, NO_ROWS},
        {"header and blank line", "date,value\r\n\r\n", 0, FC_EPARSE, NO_ROWS},
        {"blank line first", "\ndate,value\n2021-01,1\n", 0, FC_EPARSE,
         "x.csv:1:1: blank line before the header"},
    };
    EXPECT_ERRORS(cases);
}

#define LAYOUT(what)                                                           \
    "x.csv:1:1: unknown header layout (" what ")"                              \
    "; expected date,value or series,date,value or date,<name1>,<name2>,..."

static void test_csv_rejects_unknown_header_layouts(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        {"month,value", "month,value\n2021-01,1\n", 0, FC_EPARSE,
         LAYOUT("2 columns starting \"month\"")},
        {"date alone", "date\n2021-01\n", 0, FC_EPARSE, LAYOUT("1 column starting \"date\"")},
        {"long form plus a column", "series,date,value,extra\na,2021-01,1,2\n", 0, FC_EPARSE,
         LAYOUT("4 columns starting \"series\"")},
        {"empty name", "date,a,\n2021-01,1,2\n", 0, FC_EPARSE,
         "x.csv:1:8: empty series name in the header"},
        {"name twice", "date,a,b,a\n2021-01,1,2,3\n", 0, FC_EPARSE,
         "x.csv:1:10: series \"a\" appears twice in the header (also column 2)"},
    };
    EXPECT_ERRORS(cases);
}

static void test_csv_rejects_wrong_cell_counts(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        /* extra cell: points at it (after "2021-01,1," = column 11) */
        {"extra cell", "date,value\n2021-01,1,2\n", 0, FC_EPARSE,
         "x.csv:2:11: row has 3 cells but the header has 2"},
        /* missing cell: points at the end of the line ("a,2021-01" is 9 characters) */
        {"missing cell", "series,date,value\na,2021-01\n", 0, FC_EPARSE,
         "x.csv:2:10: row has 2 cells but the header has 3"},
        {"date alone in a wide row", "date,a,b\n2021-01,1,2\n2021-02\r\n", 0, FC_EPARSE,
         "x.csv:3:8: row has 1 cell but the header has 3"},
    };
    EXPECT_ERRORS(cases);
}

#define CONSECUTIVE "periods must be consecutive, write a missing value as an empty cell"

static void test_csv_rejects_duplicated_out_of_order_and_missing_periods(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        {"month twice", "date,value\n2021-01,1\n2021-02,2\n2021-02,3\n", 0, FC_EPARSE,
         "x.csv:4:1: period 2021-02 is duplicated (already on line 3)"},
        {"month twice as a day", "date,value\n2021-01,1\n2021-02,2\n2021-01-15,3\n", 0, FC_EPARSE,
         "x.csv:4:1: period 2021-01 is duplicated (already on line 2)"},
        {"out of order", "date,value\n2021-02,1\n2021-03,2\n2021-01,3\n", 0, FC_EPARSE,
         "x.csv:4:1: period 2021-01 comes after 2021-03 (line 3): rows must be in chronological "
         "order"},
        {"one month missing", "date,value\n2021-01,1\n2021-03,2\n", 0, FC_EPARSE,
         "x.csv:3:1: period 2021-03 does not follow 2021-01 (line 2): 1 period missing; "
         CONSECUTIVE},
        {"two quarters missing", "date,a,b\n2020-Q3,1,2\n2021-Q2,2,3\n", 0, FC_EPARSE,
         "x.csv:3:1: period 2021-Q2 does not follow 2020-Q3 (line 2): 2 periods missing; "
         CONSECUTIVE},
        /* long form: checked per series; the date is column 2 ("a," = 2 characters) */
        {"long form, month twice", "series,date,value\na,2021-01,1\nb,2021-01,1\na,2021-01,2\n", 0,
         FC_EPARSE, "x.csv:4:3: series \"a\": period 2021-01 is duplicated (already on line 2)"},
        {"long form, month missing", "series,date,value\na,2021-01,1\nb,2021-05,1\na,2021-03,2\n",
         0, FC_EPARSE,
         "x.csv:4:3: series \"a\": period 2021-03 does not follow 2021-01 (line 2): 1 period "
         "missing; " CONSECUTIVE},
    };
    EXPECT_ERRORS(cases);
}

#define NOT_A_PERIOD "is not a period (expected YYYY-MM, YYYY-MM-DD or YYYY-Qn)"
#define ONE_FREQUENCY "one file holds one frequency"

static void test_csv_rejects_bad_dates_and_mixed_frequencies(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        {"month 13", "date,value\n2021-01,1\n2021-13,2\n", 0, FC_EPARSE,
         "x.csv:3:1: \"2021-13\" " NOT_A_PERIOD},
        {"30 February", "date,value\n2021-02-30,1\n", 0, FC_EPARSE,
         "x.csv:2:1: \"2021-02-30\" " NOT_A_PERIOD},
        {"empty date", "date,value\n,1\n", 0, FC_EPARSE, "x.csv:2:1: empty date cell"},
        {"month after quarter", "date,value\n2021-Q1,1\n2021-04,2\n", 0, FC_EFREQ,
         "x.csv:3:1: \"2021-04\" is monthly but the dates before it are quarterly (line 2); "
         ONE_FREQUENCY},
        {"quarter after month, long form", "series,date,value\na,2021-01,1\nb,2021-Q1,2\n", 0,
         FC_EFREQ,
         "x.csv:3:3: \"2021-Q1\" is quarterly but the dates before it are monthly (line 2); "
         ONE_FREQUENCY},
        {"empty series name", "series,date,value\n,2021-01,1\n", 0, FC_EPARSE,
         "x.csv:2:1: empty series name"},
    };
    EXPECT_ERRORS(cases);
}

static void test_csv_rejects_lexical_errors(void **state)
{
    (void)state;
    static const csv_error_case cases[] = {
        {"unclosed quote", "date,value\n2021-01,\"1\n", 0, FC_EPARSE,
         "x.csv:2:9: quoted field is not closed (missing '\"' before the end of the file)"},
        {"quote inside a field", "date,value\n2021-01,1\"2\n", 0, FC_EPARSE,
         "x.csv:2:10: quote inside an unquoted field (quote the whole field and write \"\" for a "
         "quote)"},
        {"text after the closing quote", "date,value\n2021-01,\"1\"2\n", 0, FC_EPARSE,
         "x.csv:2:12: unexpected text after the closing quote of a quoted field"},
        {"blank line inside", "date,value\n2021-01,1\n\n2021-02,2\n", 0, FC_EPARSE,
         "x.csv:3:1: blank line inside the data (blank lines are allowed only at the end)"},
        {"bare carriage return", "date,value\n2021-01,1\r2021-02,2\n", 0, FC_EPARSE,
         "x.csv:2:10: carriage return not followed by a line feed"},
        {"NUL byte", WITH_NUL("date,value\n2021-01,1\0\n"), FC_EPARSE,
         "x.csv:2:10: NUL byte in the input (not a text CSV file?)"},
    };
    EXPECT_ERRORS(cases);
}

static void test_csv_read_file_and_missing_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_csv_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("date,value\n2021-01,1\n2021-02,abc\n", f);
    fclose(f);
    fc_series_list *list;
    fc_error err;
    assert_int_equal(fc_csv_read_file(path, &list, &err), FC_EPARSE);
    char expected[128];
    snprintf(expected, sizeof expected, "%s:3:9: \"abc\" is not a number", path);
    assert_string_equal(err.message, expected);
    remove(path);
    assert_int_equal(fc_csv_read_file("/nonexistent/iip.csv", &list, &err), FC_EIO);
    assert_null(list);
    assert_string_equal(err.message, "/nonexistent/iip.csv: cannot open: No such file or directory");
    assert_int_equal(fc_csv_read_file("/tmp", &list, &err), FC_EIO);
    assert_string_equal(err.message, "/tmp: cannot read: Is a directory");
    assert_int_equal(fc_csv_read_file(NULL, &list, &err), FC_EINVAL);
    assert_int_equal(fc_csv_read_buffer("x", 1, "x", NULL, &err), FC_EINVAL);
}

/* Writes with the writer, reads back, and checks every bit survives. */
static void test_csv_write_series_round_trips_exactly(void **state)
{
    (void)state;
    const double v[] = {0.1, NAN, 1.0 / 3.0, -2.5e-300, 123456789.123456789};
    fc_series *s;
    assert_int_equal(fc_series_from_array(v, 5, 4, (fc_period){2019, 3}, &s, NULL), FC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(fc_csv_write_series(f, s, NULL), FC_OK);
    fclose(f);
    assert_non_null(strstr(buf, "date,value\n2019-Q3,0.10000000000000001\n2019-Q4,\n2020-Q1,"));
    fc_series_list *list = read_ok(buf);
    const fc_series *r = list->items[0];
    assert_int_equal(r->n, 5);
    assert_int_equal(r->freq, 4);
    assert_int_equal(r->start.sub, 3);
    for (size_t i = 0; i < 5; i++)
        assert_true(i == 1 ? isnan(r->values[i]) : r->values[i] == v[i]);
    fc_series_list_free(list);
    free(buf);
    s->values[2] = INFINITY;
    f = open_memstream(&buf, &len);
    fc_error err;
    assert_int_equal(fc_csv_write_series(f, s, &err), FC_EDOMAIN);
    assert_string_equal(err.message, "value at 2020-Q1 is infinite; CSV cannot hold it");
    fclose(f);
    free(buf);
    assert_int_equal(fc_csv_write_series(NULL, s, &err), FC_EINVAL);
    fc_series_free(s);
}

static void test_csv_write_wide_aligns_series_over_the_union_of_spans(void **state)
{
    (void)state;
    const double a[] = {1, 2, 3};
    const double b[] = {10, NAN};
    fc_series *sa, *sb;
    assert_int_equal(fc_series_from_array(a, 3, 12, (fc_period){2020, 12}, &sa, NULL), FC_OK);
    assert_int_equal(fc_series_from_array(b, 2, 12, (fc_period){2021, 2}, &sb, NULL), FC_OK);
    assert_int_equal(fc_series_set_name(sa, "mining, B", NULL), FC_OK);
    fc_series *sc;
    assert_int_equal(fc_series_from_array(b, 1, 12, (fc_period){2021, 3}, &sc, NULL), FC_OK);
    assert_int_equal(fc_series_set_name(sc, "say \"x\"", NULL), FC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const fc_series *both[] = {sa, sb, sc};
    assert_int_equal(fc_csv_write_wide(f, both, 3, NULL), FC_OK);
    fclose(f);
    assert_string_equal(buf, "date,\"mining, B\",series2,\"say \"\"x\"\"\"\n2020-12,1,,\n2021-01,2,,\n"
                             "2021-02,3,10,\n2021-03,,,10\n");
    fc_series_list *back = read_ok(buf);
    assert_string_equal(back->items[2]->name, "say \"x\"");
    fc_series_list_free(back);
    free(buf);
    assert_int_equal(fc_series_set_name(sb, "exports", NULL), FC_OK);
    f = open_memstream(&buf, &len);
    const fc_series *one[] = {sb};
    assert_int_equal(fc_csv_write_wide(f, one, 1, NULL), FC_OK);
    fclose(f);
    assert_string_equal(buf, "date,exports\n2021-02,10\n2021-03,\n");
    free(buf);
    fc_series *q;
    assert_int_equal(fc_series_alloc(2, 4, (fc_period){2021, 1}, &q, NULL), FC_OK);
    const fc_series *mixed[] = {sa, q};
    fc_error err;
    f = open_memstream(&buf, &len);
    assert_int_equal(fc_csv_write_wide(f, mixed, 2, &err), FC_EFREQ);
    assert_string_equal(err.message, "series 2 is quarterly but series 1 is monthly; a wide CSV holds one frequency");
    assert_int_equal(fc_csv_write_wide(f, mixed, 0, &err), FC_ESHORT);
    fclose(f);
    free(buf);
    fc_series_free(q);
    fc_series_free(sa);
    fc_series_free(sb);
    fc_series_free(sc);
}

static void test_csv_table_serves_other_formats_with_positions(void **state)
{
    (void)state;
    const char *csv = "year,mining,\"manu\"\n2015,0.2,\"0.8\"\n2016,,x\n";
    fc_csv_table *t;
    fc_error err;
    assert_int_equal(fc_csv_table_read_buffer(csv, strlen(csv), "w.csv", &t, &err), FC_OK);
    assert_string_equal(fc_csv_table_source(t), "w.csv");
    assert_int_equal(fc_csv_table_rows(t), 2);
    assert_int_equal(fc_csv_table_columns(t), 3);
    assert_string_equal(fc_csv_table_header(t, 2), "manu");
    assert_string_equal(fc_csv_table_cell(t, 0, 2), "0.8");
    assert_string_equal(fc_csv_table_cell(t, 1, 1), "");
    assert_null(fc_csv_table_cell(t, 2, 0));
    assert_null(fc_csv_table_cell(t, 0, 3));
    assert_int_equal(fc_csv_table_line(t, FC_CSV_HEADER), 1);
    assert_int_equal(fc_csv_table_line(t, 1), 3);
    assert_int_equal(fc_csv_table_line(t, 5), 0);
    assert_int_equal(fc_csv_table_column(t, 0, 2), 10);
    size_t col;
    assert_int_equal(fc_csv_table_find_column(t, "mining", &col), FC_OK);
    assert_int_equal(col, 1);
    assert_int_equal(fc_csv_table_find_column(t, "water", &col), FC_ERANGE);
    double x;
    assert_int_equal(fc_csv_table_number(t, 0, 2, 0, &x, &err), FC_OK);
    assert_true(x == 0.8);
    assert_int_equal(fc_csv_table_number(t, 1, 1, 1, &x, &err), FC_OK);
    assert_true(isnan(x));
    assert_int_equal(fc_csv_table_number(t, 1, 1, 0, &x, &err), FC_EMISSING);
    assert_string_equal(err.message, "w.csv:3:6: empty cell where a number is required");
    assert_int_equal(fc_csv_table_number(t, 1, 2, 0, &x, &err), FC_EPARSE);
    assert_string_equal(err.message, "w.csv:3:7: \"x\" is not a number");
    assert_int_equal(fc_csv_table_fail(t, FC_CSV_HEADER, 1, &err, FC_EINVAL, "unknown component %s", "mining"),
                     FC_EINVAL);
    assert_string_equal(err.message, "w.csv:1:6: unknown component mining");
    fc_csv_table_free(t);
    fc_csv_table_free(NULL);
    assert_int_equal(fc_csv_table_read_buffer("year\n", 5, "w.csv", &t, &err), FC_EPARSE);
    assert_null(t);
    assert_string_equal(err.message, "w.csv:1:1: the file has a header but no data rows");
}

/* The exact fast path (<= 15 digits, no exponent) must give strtod's double
 * bit for bit; longer or exponent forms go through strtod itself. */
static void test_csv_number_fast_path_equals_strtod(void **state)
{
    (void)state;
    unsigned long long seed = 12345;
    char text[40];
    for (int k = 0; k < 200000; k++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int ndigits = 1 + (int)((seed >> 33) % 17), point = (int)((seed >> 20) % (unsigned)(ndigits + 1));
        size_t n = 0;
        if ((seed >> 60) & 1)
            text[n++] = '-';
        for (int d = 0; d < ndigits; d++) {
            if (d == point)
                text[n++] = '.';
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            text[n++] = (char)('0' + (seed >> 40) % 10);
        }
        text[n] = '\0';
        double got, want = strtod(text, NULL);
        assert_int_equal(fc_csv_parse_number(text, &got), 0);
        if (memcmp(&got, &want, sizeof got) != 0)
            fail_msg("%s: got %.17g, strtod %.17g", text, got, want);
    }
    double x;
    assert_int_equal(fc_csv_parse_number("-0", &x), 0);
    assert_true(x == 0.0 && signbit(x));
    assert_int_equal(fc_csv_parse_number("0.1", &x), 0);
    assert_true(x == 0.1);
    assert_int_equal(fc_csv_parse_number("123456789012345678", &x), 0);
    assert_true(x == 123456789012345678.0);
    assert_int_equal(fc_csv_parse_number(".", &x), 1);
}

static void test_csv_table_file_reading_and_null_arguments(void **state)
{
    (void)state;
    fc_csv_table *t = (fc_csv_table *)1;
    fc_error err;
    assert_int_equal(fc_csv_table_read_file("/nonexistent/w.csv", &t, &err), FC_EIO);
    assert_null(t);
    assert_string_equal(err.message, "/nonexistent/w.csv: cannot open: No such file or directory");
    assert_int_equal(fc_csv_table_read_file(NULL, &t, &err), FC_EINVAL);
    assert_int_equal(fc_csv_table_read_buffer(NULL, 3, "w", &t, &err), FC_EINVAL);
    assert_int_equal(fc_csv_table_read_buffer("a\n1\n", 4, "w", NULL, &err), FC_EINVAL);
    /* a NULL source name is reported as <buffer> */
    assert_int_equal(fc_csv_table_read_buffer("", 0, NULL, &t, &err), FC_EPARSE);
    assert_string_equal(err.message, "<buffer>:1:1: empty file (expected a header row, e.g. date,value)");
    char path[] = "/tmp/test_csv_table_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("year,a\r\n2015,\"1\"\r\n", f);
    fclose(f);
    assert_int_equal(fc_csv_table_read_file(path, &t, &err), FC_OK);
    assert_string_equal(fc_csv_table_source(t), path);
    assert_string_equal(fc_csv_table_cell(t, 0, 1), "1");
    fc_csv_table_free(t);
    remove(path);
    assert_null(fc_csv_table_source(NULL));
    assert_int_equal(fc_csv_table_rows(NULL), 0);
    assert_int_equal(fc_csv_table_columns(NULL), 0);
    assert_null(fc_csv_table_cell(NULL, 0, 0));
    assert_int_equal(fc_csv_table_line(NULL, 0), 0);
    assert_int_equal(fc_csv_table_column(NULL, 0, 0), 0);
    size_t col;
    assert_int_equal(fc_csv_table_find_column(NULL, "a", &col), FC_EINVAL);
    double x;
    assert_int_equal(fc_csv_table_number(NULL, 0, 0, 1, &x, &err), FC_EINVAL);
}

/* The last row may lack its line feed; files over the 64 KiB read block grow
 * the buffer. */
static void test_csv_reads_last_row_without_newline_and_large_files(void **state)
{
    (void)state;
    fc_series_list *list = read_ok("date,value\n2021-01,1\n2021-02,\"2\"");
    assert_int_equal(list->items[0]->n, 2);
    assert_true(list->items[0]->values[1] == 2.0);
    fc_series_list_free(list);
    static const csv_error_case cases[] = {
        {"last row without newline", "date,value\n2021-01,1\n2021-02,x", 0, FC_EPARSE,
         "x.csv:3:9: \"x\" is not a number"},
        {"NUL byte in quotes", WITH_NUL("date,value\n2021-01,\"1\0\"\n"), FC_EPARSE,
         "x.csv:2:11: NUL byte in the input (not a text CSV file?)"},
    };
    EXPECT_ERRORS(cases);
    char path[] = "/tmp/test_csv_big_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("date,value\n", f);
    for (int i = 0; i < 12000; i++) /* 12000 rows x ~16 bytes = 190 KB */
        fprintf(f, "%04d-%02d,%d.5\n", 1000 + i / 12, i % 12 + 1, i);
    fclose(f);
    fc_error err;
    assert_int_equal(fc_csv_read_file(path, &list, &err), FC_OK);
    assert_int_equal(list->items[0]->n, 12000);
    assert_true(list->items[0]->values[11999] == 11999.5);
    assert_int_equal(fc_series_end(list->items[0]).year, 1999);
    fc_series_list_free(list);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reads_long_single_series_with_missing_cell),
        cmocka_unit_test(test_csv_reads_long_many_series_in_blocks_or_interleaved),
        cmocka_unit_test(test_csv_reads_wide_with_bom_crlf_quotes_and_trailing_blank_lines),
        cmocka_unit_test(test_csv_accepts_strict_number_forms),
        cmocka_unit_test(test_csv_reads_last_row_without_newline_and_large_files),
        cmocka_unit_test(test_csv_number_fast_path_equals_strtod),
        cmocka_unit_test(test_csv_rejects_text_in_numeric_cells),
        cmocka_unit_test(test_csv_columns_count_characters_after_bom_and_across_quoted_newlines),
        cmocka_unit_test(test_csv_rejects_empty_file_and_header_only),
        cmocka_unit_test(test_csv_rejects_unknown_header_layouts),
        cmocka_unit_test(test_csv_rejects_wrong_cell_counts),
        cmocka_unit_test(test_csv_rejects_duplicated_out_of_order_and_missing_periods),
        cmocka_unit_test(test_csv_rejects_bad_dates_and_mixed_frequencies),
        cmocka_unit_test(test_csv_rejects_lexical_errors),
        cmocka_unit_test(test_csv_read_file_and_missing_file),
        cmocka_unit_test(test_csv_write_series_round_trips_exactly),
        cmocka_unit_test(test_csv_write_wide_aligns_series_over_the_union_of_spans),
        cmocka_unit_test(test_csv_table_serves_other_formats_with_positions),
        cmocka_unit_test(test_csv_table_file_reading_and_null_arguments),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
