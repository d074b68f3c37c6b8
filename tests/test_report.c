/* Report wording (bindings/cli/report_text.c, compiled in here since the CLI
 * is not a library): Vietnamese number format, Roman quarters, sign words.
 * Expected strings follow GSO's releases, e.g. "Tính chung quý I/2021 ...
 * tăng 5,7%" (vneconomy.vn, 4 Apr 2021, cited in shared/reference/domain.md
 * §2.2) and the number style "1.234,5" of GSO tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "../bindings/cli/report_text.c"

static void test_vietnamese_numbers_use_comma_decimal_and_dot_thousands(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(rpt_number(buf, sizeof buf, 21.114, 2, RPT_VI), 5);
    assert_string_equal(buf, "21,11");
    rpt_number(buf, sizeof buf, 1234567.891, 2, RPT_VI);
    assert_string_equal(buf, "1.234.567,89");
    rpt_number(buf, sizeof buf, 31109.320468, 1, RPT_VI);
    assert_string_equal(buf, "31.109,3");
    rpt_number(buf, sizeof buf, 999.96, 1, RPT_VI);
    assert_string_equal(buf, "1.000,0");
    rpt_number(buf, sizeof buf, -6.3, 1, RPT_VI);
    assert_string_equal(buf, "-6,3");
    rpt_number(buf, sizeof buf, 100, 0, RPT_VI);
    assert_string_equal(buf, "100");
}

static void test_english_numbers_use_dot_decimal_and_comma_thousands(void **state)
{
    (void)state;
    char buf[64];
    rpt_number(buf, sizeof buf, 1234567.891, 2, RPT_EN);
    assert_string_equal(buf, "1,234,567.89");
    rpt_number(buf, sizeof buf, 12.6, 0, RPT_EN);
    assert_string_equal(buf, "13");
    rpt_number(buf, sizeof buf, 0.004, 2, RPT_EN);
    assert_string_equal(buf, "0.00");
    rpt_number(buf, sizeof buf, -0.004, 2, RPT_EN); /* no "-0.00" */
    assert_string_equal(buf, "0.00");
}

static void test_number_rejects_non_finite_and_small_buffers(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(rpt_number(buf, sizeof buf, NAN, 2, RPT_VI), -1);
    assert_string_equal(buf, "");
    assert_int_equal(rpt_number(buf, sizeof buf, INFINITY, 2, RPT_EN), -1);
    assert_int_equal(rpt_number(buf, sizeof buf, 1, 10, RPT_EN), -1);
    assert_int_equal(rpt_number(buf, 5, 1234.5, 1, RPT_EN), -1); /* needs 8 bytes */
    assert_int_equal(rpt_number(buf, 8, 1234.5, 1, RPT_EN), 7);
    assert_string_equal(buf, "1,234.5");
}

static void test_quarters_are_roman_numerals(void **state)
{
    (void)state;
    assert_string_equal(rpt_roman(1), "I");
    assert_string_equal(rpt_roman(2), "II");
    assert_string_equal(rpt_roman(3), "III");
    assert_string_equal(rpt_roman(4), "IV");
    assert_string_equal(rpt_roman(9), "IX");
    assert_null(rpt_roman(0));
    assert_null(rpt_roman(13));
    char buf[64];
    rpt_quarter_phrase(buf, sizeof buf, 2021, 1, RPT_VI);
    assert_string_equal(buf, "quý I/2021");
    rpt_quarter_phrase(buf, sizeof buf, 2021, 4, RPT_EN);
    assert_string_equal(buf, "Q4 2021");
    assert_int_equal(rpt_quarter_phrase(buf, sizeof buf, 2021, 5, RPT_VI), -1);
}

static void test_change_word_follows_the_rounded_sign(void **state)
{
    (void)state;
    char buf[64];
    rpt_change(buf, sizeof buf, 5.7147, 2, RPT_VI);
    assert_string_equal(buf, "tăng 5,71%");
    rpt_change(buf, sizeof buf, -6.3, 1, RPT_VI);
    assert_string_equal(buf, "giảm 6,3%");
    rpt_change(buf, sizeof buf, -0.001, 2, RPT_VI);
    assert_string_equal(buf, "không đổi");
    rpt_change(buf, sizeof buf, 13.234, 2, RPT_EN);
    assert_string_equal(buf, "up 13.23%");
    rpt_change(buf, sizeof buf, -1234.5, 1, RPT_EN);
    assert_string_equal(buf, "down 1,234.5%");
    assert_int_equal(rpt_change(buf, sizeof buf, NAN, 2, RPT_EN), -1);
}

static void test_month_and_year_to_date_phrases(void **state)
{
    (void)state;
    char buf[64];
    rpt_month_phrase(buf, sizeof buf, 2021, 3, RPT_VI);
    assert_string_equal(buf, "tháng 3/2021");
    rpt_month_phrase(buf, sizeof buf, 2021, 3, RPT_EN);
    assert_string_equal(buf, "March 2021");
    rpt_ytd_phrase(buf, sizeof buf, 2023, 2, RPT_VI);
    assert_string_equal(buf, "2 tháng đầu năm 2023");
    rpt_ytd_phrase(buf, sizeof buf, 2023, 12, RPT_VI);
    assert_string_equal(buf, "cả năm 2023");
    rpt_ytd_phrase(buf, sizeof buf, 2023, 5, RPT_EN);
    assert_string_equal(buf, "the first 5 months of 2023");
    assert_int_equal(rpt_month_phrase(buf, sizeof buf, 2021, 13, RPT_VI), -1);
    assert_int_equal(rpt_month_phrase(buf, 6, 2021, 3, RPT_VI), -1);
}

static void test_language_parse(void **state)
{
    (void)state;
    rpt_lang l;
    assert_int_equal(rpt_lang_parse("vi", &l), 0);
    assert_int_equal(l, RPT_VI);
    assert_int_equal(rpt_lang_parse("en", &l), 0);
    assert_int_equal(l, RPT_EN);
    assert_int_equal(rpt_lang_parse("fr", &l), -1);
    assert_int_equal(rpt_lang_parse(NULL, &l), -1);
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
