/* Wording and number formatting of `forecast report` (library-free, so that
 * tests/test_report.c compiles it on its own). */
#ifndef FORECAST_REPORT_TEXT_H
#define FORECAST_REPORT_TEXT_H

#include <stddef.h>

typedef enum { RPT_EN, RPT_VI } rpt_lang;

/* Parses "en" or "vi"; returns 0, or -1 for anything else. */
int rpt_lang_parse(const char *text, rpt_lang *out);

/* Writes x rounded to `decimals` places (0..9) with the language's
 * separators: vi "1.234.567,89" (dot thousands, comma decimal, as GSO
 * prints), en "1,234,567.89".  A value that rounds to zero prints without a
 * sign.  Returns the length, or -1 when x is not finite, decimals is out of
 * range or the buffer is too small (buf then holds ""). */
int rpt_number(char *buf, size_t size, double x, int decimals, rpt_lang lang);

/* Roman numeral of 1..12 ("I".."XII"); NULL outside that range.  GSO writes
 * quarters this way: "quý I/2021". */
const char *rpt_roman(int n);

/* English month name of 1..12 ("January"); NULL outside that range. */
const char *rpt_month_name_en(int month);

/* A change in percent as a phrase: vi "tăng 1,23%" / "giảm 1,23%" /
 * "không đổi"; en "up 1.23%" / "down 1.23%" / "unchanged".  The sign word
 * follows the ROUNDED value, so -0.001 with 2 decimals reads "unchanged".
 * Returns the length or -1 (as rpt_number). */
int rpt_change(char *buf, size_t size, double pct, int decimals, rpt_lang lang);

/* Period wording: vi "tháng 3/2021", "quý I/2021", "2 tháng đầu năm 2021";
 * en "March 2021", "Q1 2021", "the first 2 months of 2021".  Return the
 * length or -1 (bad month/quarter or buffer too small). */
int rpt_month_phrase(char *buf, size_t size, int year, int month, rpt_lang lang);
int rpt_quarter_phrase(char *buf, size_t size, int year, int quarter, rpt_lang lang);
int rpt_ytd_phrase(char *buf, size_t size, int year, int months, rpt_lang lang);

#endif
