/* Report wording (bindings/cli/report_text.c, compiled in here since the CLI
 * is not a library): Vietnamese number format, Roman quarters, sign words.
 * Expected strings follow GSO's releases, e.g. "Tính chung quý I/2021 ...
 * tăng 5,7%" (vneconomy.vn, 4 Apr 2021, cited in shared/reference/domain.md
 * §2.2) and the number style "1.234,5" of GSO tables.
 *
 * Each test is a table of calls and expected results checked by one loop
 * (check_phrases); a failure names its case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "../bindings/cli/report_text.c"
#include "case_table.h"

/* The formatting function a case calls: numbers and changes take a value
 * and a number of decimals; the phrases take a year and a period. */
typedef enum { NUMBER, CHANGE, QUARTER, MONTH, YTD } phrase_kind;

typedef struct {
    const char *name;
    phrase_kind kind;
    double x;        /* value (NUMBER, CHANGE) or year */
    int n;           /* decimals (NUMBER, CHANGE) or quarter / month / months */
    rpt_lang lang;
    size_t size;     /* buffer size passed; 0 = the whole 64-byte buffer */
    int check_ret;   /* compare the return value with ret */
    int ret;
    const char *text; /* expected buffer contents; NULL = not compared */
} phrase_case;

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

static int call(const phrase_case *c, char *buf, size_t size)
{
    switch (c->kind) {
    case NUMBER:
        return rpt_number(buf, size, c->x, c->n, c->lang);
    case CHANGE:
        return rpt_change(buf, size, c->x, c->n, c->lang);
    case QUARTER:
        return rpt_quarter_phrase(buf, size, (int)c->x, c->n, c->lang);
    case MONTH:
        return rpt_month_phrase(buf, size, (int)c->x, c->n, c->lang);
    case YTD:
        return rpt_ytd_phrase(buf, size, (int)c->x, c->n, c->lang);
    }
    fail_msg("case '%s': unknown kind", c->name);
    return -1;
}

static void check_phrases(const phrase_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const phrase_case *c = &cases[k];
        char buf[64];
        int ret = call(c, buf, c->size ? c->size : sizeof buf);
        if (c->check_ret)
            CASE_INT_EQUAL(c->name, ret, c->ret);
        if (c->text)
            CASE_STRING_EQUAL(c->name, buf, c->text);
    }
}

#define FAILS .check_ret = 1, .ret = -1

static void test_vietnamese_numbers_use_comma_decimal_and_dot_thousands(void **state)
{
    (void)state;
    static const phrase_case cases[] = {
        {"21.114", NUMBER, 21.114, 2, RPT_VI, .check_ret = 1, .ret = 5, .text = "21,11"},
        {"millions", NUMBER, 1234567.891, 2, RPT_VI, .text = "1.234.567,89"},
        {"thousands", NUMBER, 31109.320468, 1, RPT_VI, .text = "31.109,3"},
        {"rounds up to a new group", NUMBER, 999.96, 1, RPT_VI, .text = "1.000,0"},
        {"negative", NUMBER, -6.3, 1, RPT_VI, .text = "-6,3"},
        {"no decimals", NUMBER, 100, 0, RPT_VI, .text = "100"},
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_english_numbers_use_dot_decimal_and_comma_thousands(void **state)
{
    (void)state;
    static const phrase_case cases[] = {
        {"millions", NUMBER, 1234567.891, 2, RPT_EN, .text = "1,234,567.89"},
        {"rounded to 0 decimals", NUMBER, 12.6, 0, RPT_EN, .text = "13"},
        {"rounds to zero", NUMBER, 0.004, 2, RPT_EN, .text = "0.00"},
        {"no negative zero", NUMBER, -0.004, 2, RPT_EN, .text = "0.00"}, /* no "-0.00" */
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_number_rejects_non_finite_and_small_buffers(void **state)
{
    (void)state;
    static const phrase_case cases[] = {
        {"NaN", NUMBER, NAN, 2, RPT_VI, 8, FAILS, .text = ""},
        {"infinity", NUMBER, INFINITY, 2, RPT_EN, 8, FAILS},
        {"10 decimals", NUMBER, 1, 10, RPT_EN, 8, FAILS},
        {"5-byte buffer", NUMBER, 1234.5, 1, RPT_EN, 5, FAILS}, /* needs 8 bytes */
        {"8-byte buffer", NUMBER, 1234.5, 1, RPT_EN, 8, .check_ret = 1, .ret = 7,
         .text = "1,234.5"},
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_quarters_are_roman_numerals(void **state)
{
    (void)state;
    static const struct {
        int n;
        const char *roman; /* NULL: out of range */
    } romans[] = {{1, "I"}, {2, "II"}, {3, "III"}, {4, "IV"}, {9, "IX"}, {0, NULL}, {13, NULL}};
    for (size_t k = 0; k < N_CASES(romans); k++) {
        char name[32];
        snprintf(name, sizeof name, "roman %d", romans[k].n);
        if (romans[k].roman)
            CASE_STRING_EQUAL(name, rpt_roman(romans[k].n), romans[k].roman);
        else
            CASE_TRUE(name, rpt_roman(romans[k].n) == NULL);
    }
    static const phrase_case cases[] = {
        {"Vietnamese quarter", QUARTER, 2021, 1, RPT_VI, .text = "quý I/2021"},
        {"English quarter", QUARTER, 2021, 4, RPT_EN, .text = "Q4 2021"},
        {"quarter 5", QUARTER, 2021, 5, RPT_VI, FAILS},
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_change_word_follows_the_rounded_sign(void **state)
{
    (void)state;
    static const phrase_case cases[] = {
        {"rise", CHANGE, 5.7147, 2, RPT_VI, .text = "tăng 5,71%"},
        {"fall", CHANGE, -6.3, 1, RPT_VI, .text = "giảm 6,3%"},
        {"rounds to unchanged", CHANGE, -0.001, 2, RPT_VI, .text = "không đổi"},
        {"up", CHANGE, 13.234, 2, RPT_EN, .text = "up 13.23%"},
        {"down with thousands", CHANGE, -1234.5, 1, RPT_EN, .text = "down 1,234.5%"},
        {"NaN", CHANGE, NAN, 2, RPT_EN, FAILS},
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_month_and_year_to_date_phrases(void **state)
{
    (void)state;
    static const phrase_case cases[] = {
        {"Vietnamese month", MONTH, 2021, 3, RPT_VI, .text = "tháng 3/2021"},
        {"English month", MONTH, 2021, 3, RPT_EN, .text = "March 2021"},
        {"Vietnamese 2 months", YTD, 2023, 2, RPT_VI, .text = "2 tháng đầu năm 2023"},
        {"Vietnamese whole year", YTD, 2023, 12, RPT_VI, .text = "cả năm 2023"},
        {"English 5 months", YTD, 2023, 5, RPT_EN, .text = "the first 5 months of 2023"},
        {"month 13", MONTH, 2021, 13, RPT_VI, FAILS},
        {"6-byte buffer", MONTH, 2021, 3, RPT_VI, 6, FAILS},
    };
    check_phrases(cases, N_CASES(cases));
}

static void test_language_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ret;
        rpt_lang lang; /* when ret == 0 */
    } cases[] = {{"vi", 0, RPT_VI}, {"en", 0, RPT_EN}, {"fr", -1, RPT_VI}, {NULL, -1, RPT_VI}};
    for (size_t k = 0; k < N_CASES(cases); k++) {
        const char *name = cases[k].text ? cases[k].text : "NULL";
        rpt_lang l = (rpt_lang)-1; /* not a language: parse must set it */
        CASE_INT_EQUAL(name, rpt_lang_parse(cases[k].text, &l), cases[k].ret);
        if (cases[k].ret == 0)
            CASE_INT_EQUAL(name, l, cases[k].lang);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vietnamese_numbers_use_comma_decimal_and_dot_thousands),
        cmocka_unit_test(test_english_numbers_use_dot_decimal_and_comma_thousands),
        cmocka_unit_test(test_number_rejects_non_finite_and_small_buffers),
        cmocka_unit_test(test_quarters_are_roman_numerals),
        cmocka_unit_test(test_change_word_follows_the_rounded_sign),
        cmocka_unit_test(test_month_and_year_to_date_phrases),
        cmocka_unit_test(test_language_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
