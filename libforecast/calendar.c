/* Civil dates, Easter, and the day-count regressors (trading day, working
 * day, leap year, length of period).
 *
 * Day counts follow the X-13ARIMA-SEATS Reference Manual (US Census Bureau,
 * version 1.1, regression spec, Table "predefined regression variables"):
 * td/tdnolpyear = (number of Mondays..Saturdays) - (number of Sundays);
 * td1coef = weekdays - 5/2 weekend days; lpyear = 0.75 / -0.25 in
 * February of leap / other years; lom = days - 30.4375 (loq - 91.3125).
 * Tested against X-13's saved regressors (tests/test_calendar.c). */
#include "internal.h"

#include "calendar_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ dates */

int fc_date_valid(fc_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= fc_days_in_month(d.year, d.month);
}

/* Gregorian date <-> Julian Day Number: the integer algorithm of Fliegel
 * and Van Flandern (Communications of the ACM 11, 1968, p. 657). */
long fc_date_to_jdn(fc_date d)
{
    long y = d.year, m = d.month, day = d.day;
    long a = (m - 14) / 12;
    return (1461 * (y + 4800 + a)) / 4 + (367 * (m - 2 - 12 * a)) / 12 -
           (3 * ((y + 4900 + a) / 100)) / 4 + day - 32075;
}

fc_date fc_date_from_jdn(long jdn)
{
    long l = jdn + 68569;
    long n = (4 * l) / 146097;
    l = l - (146097 * n + 3) / 4;
    long i = (4000 * (l + 1)) / 1461001;
    l = l - (1461 * i) / 4 + 31;
    long j = (80 * l) / 2447;
    fc_date d;
    d.day = (int)(l - (2447 * j) / 80);
    l = j / 11;
    d.month = (int)(j + 2 - 12 * l);
    d.year = (int)(100 * (n - 49) + i + l);
    return d;
}

/* JDN mod 7 is 0 on Mondays. */
static int weekday_of_jdn(long jdn)
{
    return (int)(jdn % 7) + 1;
}

int fc_date_weekday(fc_date d)
{
    return weekday_of_jdn(fc_date_to_jdn(d));
}

fc_date fc_date_add_days(fc_date d, long k)
{
    return fc_date_from_jdn(fc_date_to_jdn(d) + k);
}

fc_status fc_date_parse(const char *text, fc_date *out, fc_error *err)
{
    if (!text || !out)
        return fc_fail(err, FC_EINVAL, "fc_date_parse: NULL argument");
    int ok = strlen(text) == 10 && text[4] == '-' && text[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)text[i]))
            ok = 0;
    fc_date d = {0, 0, 0};
    if (ok) {
        d.year = atoi(text);
        d.month = atoi(text + 5);
        d.day = atoi(text + 8);
        ok = fc_date_valid(d);
    }
    if (!ok)
        return fc_fail(err, FC_EPARSE, "\"%s\" is not a date (expected YYYY-MM-DD)", text);
    *out = d;
    return FC_OK;
}

fc_status fc_date_format(fc_date d, char *buf, size_t size)
{
    if (!buf || size < 11 || !fc_date_valid(d))
        return FC_EINVAL;
    snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
    return FC_OK;
}

/* ----------------------------------------------------------------- Easter */

/* Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8;
 * first published in Nature, 1876). */
static fc_date easter_sunday(int year)
{
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int n = h + l - 7 * m + 114;
    fc_date out = {year, n / 31, n % 31 + 1};
    return out;
}

fc_status fc_easter_date(int year, fc_date *out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_easter_date: NULL output");
    if (year < 1583 || year > 9999)
        return fc_fail(err, FC_ERANGE,
                       "year %d is outside 1583..9999 (the Gregorian Easter rule)", year);
    *out = easter_sunday(year);
    return FC_OK;
}

/* --------------------------------------------------------- period spans */

/* First day (JDN) and number of days of period p. */
void fc_calendar_period_span(fc_period p, int freq, long *first, int *ndays)
{
    int m0 = freq == 12 ? p.sub : 3 * p.sub - 2;
    int nm = freq == 12 ? 1 : 3;
    fc_date d = {p.year, m0, 1};
    *first = fc_date_to_jdn(d);
    int days = 0;
    for (int k = 0; k < nm; k++)
        days += fc_days_in_month(p.year, m0 + k);
    *ndays = days;
}

fc_status fc_calendar_check_span(int freq, fc_period start, size_t n, const void *out,
                                 int year_min, int year_max, fc_error *err)
{
    fc_status st = fc_freq_check(freq, err);
    if (st != FC_OK)
        return st;
    if (!out)
        return fc_fail(err, FC_EINVAL, "calendar regressor: NULL output array");
    if (n == 0)
        return fc_fail(err, FC_EINVAL, "calendar regressor: zero periods requested");
    if (start.sub < 1 || start.sub > freq)
        return fc_fail(err, FC_EINVAL, "start sub-period %d is outside 1..%d", start.sub, freq);
    if (n > 12L * 100000)
        return fc_fail(err, FC_ERANGE, "%zu periods is too long a span", n);
    fc_period end = fc_period_add(start, freq, (long)n - 1);
    if (start.year < year_min || end.year > year_max)
        return fc_fail(err, FC_ERANGE,
                       "span %d..%d leaves the years %d..%d this regressor supports",
                       start.year, end.year, year_min, year_max);
    return FC_OK;
}

/* ----------------------------------------------------- holiday lookup */

typedef struct {
    long *jdn;    /* sorted, unique; only Mon..Sat holidays kept */
    size_t n;
} holiday_set;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* Sorted unique JDNs of the holidays that fall on Monday..Saturday (a
 * holiday on Sunday changes no count). */
static fc_status holiday_set_init(holiday_set *hs, const fc_holidays *h, fc_error *err)
{
    hs->jdn = NULL;
    hs->n = 0;
    if (!h || h->n == 0)
        return FC_OK;
    if (!h->dates)
        return fc_fail(err, FC_EINVAL, "holidays: %zu dates announced but the array is NULL",
                       h->n);
    hs->jdn = malloc(h->n * sizeof *hs->jdn);
    if (!hs->jdn)
        return fc_fail(err, FC_ENOMEM, "holidays: out of memory for %zu dates", h->n);
    size_t m = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (!fc_date_valid(h->dates[i])) {
            free(hs->jdn);
            hs->jdn = NULL;
            return fc_fail(err, FC_EINVAL, "holiday %zu (%04d-%02d-%02d) is not a valid date",
                           i + 1, h->dates[i].year, h->dates[i].month, h->dates[i].day);
        }
        long j = fc_date_to_jdn(h->dates[i]);
        if (weekday_of_jdn(j) != 7)
            hs->jdn[m++] = j;
    }
    qsort(hs->jdn, m, sizeof *hs->jdn, cmp_long);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (u == 0 || hs->jdn[u - 1] != hs->jdn[i])
            hs->jdn[u++] = hs->jdn[i];
    hs->n = u;
    return FC_OK;
}

/* Index of the first holiday >= jdn. */
static size_t holiday_lower_bound(const holiday_set *hs, long jdn)
{
    return fc_lower_bound(hs->jdn, hs->n, sizeof *hs->jdn, &jdn, cmp_long);
}

/* Counts of each weekday (index 1..7) in period p, with holidays on
 * Mon..Sat moved to the Sunday count. */
static void weekday_counts(fc_period p, int freq, const holiday_set *hs, int count[8])
{
    long first;
    int ndays;
    fc_calendar_period_span(p, freq, &first, &ndays);
    for (int k = 0; k < 8; k++)
        count[k] = 0;
    int full = ndays / 7, rest = ndays % 7;
    for (int k = 1; k <= 7; k++)
        count[k] = full;
    for (int k = 0; k < rest; k++)
        count[weekday_of_jdn(first + k)]++;
    for (size_t i = holiday_lower_bound(hs, first); i < hs->n && hs->jdn[i] < first + ndays;
         i++) {
        count[weekday_of_jdn(hs->jdn[i])]--;
        count[7]++;
    }
}

/* Runs `fill` for each period after validation and holiday setup. */
typedef void (*count_fill)(const int count[8], fc_period p, int freq, double *row);

static fc_status fill_from_counts(int freq, fc_period start, size_t n,
                                  const fc_holidays *holidays, double *out, size_t ncol,
                                  count_fill fill, fc_error *err)
{
    fc_status st = fc_calendar_check_span(freq, start, n, out, 1583, 9999, err);
    if (st != FC_OK)
        return st;
    holiday_set hs;
    st = holiday_set_init(&hs, holidays, err);
    if (st != FC_OK)
        return st;
    fc_period p = start;
    for (size_t i = 0; i < n; i++) {
        int count[8];
        weekday_counts(p, freq, &hs, count);
        fill(count, p, freq, out + i * ncol);
        p = fc_period_add(p, freq, 1);
    }
    free(hs.jdn);
    return FC_OK;
}

static void fill_td(const int count[8], fc_period p, int freq, double *row)
{
    (void)p;
    (void)freq;
    for (int k = 1; k <= 6; k++)
        row[k - 1] = (double)(count[k] - count[7]);
}

static void fill_td1(const int count[8], fc_period p, int freq, double *row)
{
    (void)p;
    (void)freq;
    int wd = count[1] + count[2] + count[3] + count[4] + count[5];
    int we = count[6] + count[7];
    row[0] = (double)wd - 2.5 * (double)we;
}

static void fill_wd(const int count[8], fc_period p, int freq, double *row)
{
    (void)p;
    (void)freq;
    row[0] = (double)(count[1] + count[2] + count[3] + count[4] + count[5]);
}

fc_status fc_calendar_td(int freq, fc_period start, size_t n, const fc_holidays *holidays,
                         double *out, fc_error *err)
{
    return fill_from_counts(freq, start, n, holidays, out, 6, fill_td, err);
}

fc_status fc_calendar_td1(int freq, fc_period start, size_t n, const fc_holidays *holidays,
                          double *out, fc_error *err)
{
    return fill_from_counts(freq, start, n, holidays, out, 1, fill_td1, err);
}

fc_status fc_calendar_working_days(int freq, fc_period start, size_t n,
                                   const fc_holidays *holidays, double *out, fc_error *err)
{
    return fill_from_counts(freq, start, n, holidays, out, 1, fill_wd, err);
}

fc_status fc_calendar_lpyear(int freq, fc_period start, size_t n, double *out,
                             fc_error *err)
{
    fc_status st = fc_calendar_check_span(freq, start, n, out, 1583, 9999, err);
    if (st != FC_OK)
        return st;
    int feb = freq == 12 ? 2 : 1;
    fc_period p = start;
    for (size_t i = 0; i < n; i++) {
        out[i] = p.sub != feb ? 0.0 : (fc_is_leap_year(p.year) ? 0.75 : -0.25);
        p = fc_period_add(p, freq, 1);
    }
    return FC_OK;
}

fc_status fc_calendar_length(int freq, fc_period start, size_t n, double *out,
                             fc_error *err)
{
    fc_status st = fc_calendar_check_span(freq, start, n, out, 1583, 9999, err);
    if (st != FC_OK)
        return st;
    double mean = freq == 12 ? 30.4375 : 91.3125; /* 365.25 / freq */
    fc_period p = start;
    for (size_t i = 0; i < n; i++) {
        long first;
        int ndays;
        fc_calendar_period_span(p, freq, &first, &ndays);
        out[i] = (double)ndays - mean;
        p = fc_period_add(p, freq, 1);
    }
    return FC_OK;
}
