/* Moving-holiday regressors (Easter[w], Lunar New Year windows) and the
 * regressor matrix built from a spec such as "td,easter[8],lny".
 *
 * Both holiday regressors follow Bell and Hillmer (1983, "Modeling time
 * series with calendar variation", JASA 78): a holiday's effect is spread
 * evenly over a window of days, and the regressor of a period is the share
 * of the window inside it, centred by the long-run mean of that calendar
 * month so that the holiday effect does not absorb seasonality. */
#include "internal.h"

#include "calendar_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- Easter */

/* Days of the window [Easter - w, Easter - 1] of `year` that fall in each
 * month: cnt[1..12]. */
static void easter_window_counts(int year, int w, int cnt[13])
{
    fc_date e;
    (void)fc_easter_date(year, &e, NULL);
    long je = fc_date_to_jdn(e);
    memset(cnt, 0, 13 * sizeof cnt[0]);
    for (int k = 1; k <= w; k++)
        cnt[fc_date_from_jdn(je - k).month]++;
}

/* x rounded to 7 decimals, computed exactly from the integer ratio
 * num / den (round half up). */
static double round7(long long num, long long den)
{
    long long scaled = (num * 20000000LL + den) / (2 * den);
    return (double)scaled / 1e7;
}

/* X-13's long-run mean shares: averages over the 500 years 1600-2099 of
 * the window share in Feb, Mar, Apr (mean[1..12]) and in Q1, Q2
 * (qmean[1..4]), rounded to 7 decimals.  The window, the years and the
 * rounding were identified from X-13's saved regressors: the March means
 * 0.266 (w = 1), 0.382 (w = 8), 0.4973333 (w = 15) are reproduced exactly
 * by 1600-2099 and by no other 500-year span tried (1583-2082, 1601-2100,
 * 1500-1999, 1900-2399). */
static void easter_means(int w, double mean[13], double qmean[5])
{
    long long sum[13] = {0};
    for (int y = 1600; y <= 2099; y++) {
        int cnt[13];
        easter_window_counts(y, w, cnt);
        for (int m = 1; m <= 12; m++)
            sum[m] += cnt[m];
    }
    long long den = 500LL * w;
    for (int m = 0; m <= 12; m++)
        mean[m] = m >= 1 ? round7(sum[m], den) : 0.0;
    qmean[0] = 0.0;
    for (int q = 1; q <= 4; q++)
        qmean[q] = round7(sum[3 * q - 2] + sum[3 * q - 1] + sum[3 * q], den);
}

fc_status fc_calendar_easter(int freq, fc_period start, size_t n, int w, double *out,
                             fc_error *err)
{
    fc_status st = fc_calendar_check_span(freq, start, n, out, 1583, 9999, err);
    if (st != FC_OK)
        return st;
    if (w < 1 || w > FC_EASTER_W_MAX)
        return fc_fail(err, FC_EINVAL, "easter[%d]: the window must be 1..%d days", w,
                       FC_EASTER_W_MAX);
    double mean[13], qmean[5];
    easter_means(w, mean, qmean);
    fc_period p = start;
    int year = 0, cnt[13] = {0};
    for (size_t i = 0; i < n; i++) {
        if (p.year != year || i == 0) {
            year = p.year;
            easter_window_counts(year, w, cnt);
        }
        if (freq == 12) {
            out[i] = (double)cnt[p.sub] / w - mean[p.sub];
        } else {
            int c = cnt[3 * p.sub - 2] + cnt[3 * p.sub - 1] + cnt[3 * p.sub];
            out[i] = (double)c / w - qmean[p.sub];
        }
        p = fc_period_add(p, freq, 1);
    }
    return FC_OK;
}

/* ------------------------------------------------------- Lunar New Year */

#define LNY_WINDOW_LIMIT 60

fc_lny_options fc_lny_options_default(void)
{
    fc_lny_options o;
    o.country = FC_COUNTRY_VN;
    o.center_from = 1968;
    o.center_to = 2100;
    return o;
}

static fc_status check_window(fc_lny_window w, fc_error *err)
{
    if (w.first > w.last || w.first < -LNY_WINDOW_LIMIT || w.last > LNY_WINDOW_LIMIT)
        return fc_fail(err, FC_EINVAL,
                       "Lunar New Year window [%d,%d] is invalid: need first <= last, both "
                       "within -%d..%d days",
                       w.first, w.last, LNY_WINDOW_LIMIT, LNY_WINDOW_LIMIT);
    return FC_OK;
}

/* Sub-period (month or quarter) of a date. */
static int sub_of(fc_date d, int freq)
{
    return freq == 12 ? d.month : (d.month + 2) / 3;
}

/* New Year days (JDN) of the years from..to, in dates[0..to-from]. */
static fc_status lny_dates(int from, int to, fc_country country, long *dates, fc_error *err)
{
    for (int y = from; y <= to; y++) {
        fc_date ny;
        fc_status st = fc_lunar_new_year(y, country, &ny, err);
        if (st != FC_OK)
            return st;
        dates[y - from] = fc_date_to_jdn(ny);
    }
    return FC_OK;
}

/* Raw window shares for the n periods from start, given the New Year days
 * of years y0.. (dates[y - y0]); every year whose window can touch the
 * span counts (start.year .. end.year + 1, windows being within +-60
 * days). */
static void lny_raw(int freq, fc_period start, size_t n, fc_lny_window w, const long *dates,
                    int y0, double *out)
{
    fc_period end = fc_period_add(start, freq, (long)n - 1);
    double len = (double)(w.last - w.first + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = 0.0;
    for (int y = start.year; y <= end.year + 1; y++) {
        long j0 = dates[y - y0];
        for (int k = w.first; k <= w.last; k++) {
            fc_date d = fc_date_from_jdn(j0 + k);
            fc_period p = {d.year, sub_of(d, freq)};
            long idx = fc_period_diff(start, p, freq);
            if (idx >= 0 && (size_t)idx < n)
                out[idx] += 1.0 / len;
        }
    }
}

/* Mean share of the window in each calendar month/quarter over the New
 * Years of years from..to (genhol's "calendar" centring). */
static void lny_means(int freq, fc_lny_window w, const long *dates, int y0, int from, int to,
                      double mean[13])
{
    double len = (double)(w.last - w.first + 1);
    for (int m = 0; m <= 12; m++)
        mean[m] = 0.0;
    for (int y = from; y <= to; y++)
        for (int k = w.first; k <= w.last; k++)
            mean[sub_of(fc_date_from_jdn(dates[y - y0] + k), freq)] += 1.0 / len;
    for (int m = 1; m <= 12; m++)
        mean[m] /= (double)(to - from + 1);
}

static fc_status lny_check(int freq, fc_period start, size_t n, fc_lny_window window,
                           fc_country country, double *out, fc_error *err)
{
    fc_status st = fc_calendar_check_span(freq, start, n, out, FC_LUNAR_YEAR_MIN,
                                          FC_LUNAR_YEAR_MAX - 1, err);
    if (st == FC_OK)
        st = check_window(window, err);
    if (st == FC_OK && country != FC_COUNTRY_VN && country != FC_COUNTRY_CN)
        st = fc_fail(err, FC_EINVAL, "unknown country code %d", (int)country);
    return st;
}

fc_status fc_calendar_lny_share(int freq, fc_period start, size_t n, fc_lny_window window,
                                fc_country country, double *out, fc_error *err)
{
    fc_status st = lny_check(freq, start, n, window, country, out, err);
    if (st != FC_OK)
        return st;
    fc_period end = fc_period_add(start, freq, (long)n - 1);
    long *dates = malloc((size_t)(end.year + 2 - start.year) * sizeof *dates);
    if (!dates)
        return fc_fail(err, FC_ENOMEM, "LNY regressor: out of memory");
    st = lny_dates(start.year, end.year + 1, country, dates, err);
    if (st == FC_OK)
        lny_raw(freq, start, n, window, dates, start.year, out);
    free(dates);
    return st;
}

fc_status fc_calendar_lny_multi(int freq, fc_period start, size_t n,
                                const fc_lny_window *windows, size_t k,
                                const fc_lny_options *opt, double *out, fc_error *err)
{
    fc_lny_options o = opt ? *opt : fc_lny_options_default();
    fc_status st = FC_OK;
    for (size_t j = 0; j < k && st == FC_OK; j++)
        st = lny_check(freq, start, n, windows[j], o.country, out, err);
    if (st != FC_OK)
        return st;
    if (o.center_from > o.center_to || o.center_from < FC_LUNAR_YEAR_MIN ||
        o.center_to > FC_LUNAR_YEAR_MAX)
        return fc_fail(err, FC_EINVAL,
                       "centring years %d..%d are invalid (need from <= to within %d..%d)",
                       o.center_from, o.center_to, FC_LUNAR_YEAR_MIN, FC_LUNAR_YEAR_MAX);
    /* one astronomical computation per year, shared by all windows */
    fc_period end = fc_period_add(start, freq, (long)n - 1);
    int y0 = start.year < o.center_from ? start.year : o.center_from;
    int y1 = end.year + 1 > o.center_to ? end.year + 1 : o.center_to;
    long *dates = malloc((size_t)(y1 - y0 + 1) * sizeof *dates);
    double *col = malloc(n * sizeof *col);
    if (!dates || !col) {
        free(dates);
        free(col);
        return fc_fail(err, FC_ENOMEM, "LNY regressor: out of memory for %zu periods", n);
    }
    st = lny_dates(y0, y1, o.country, dates, err);
    for (size_t j = 0; j < k && st == FC_OK; j++) {
        double mean[13];
        lny_means(freq, windows[j], dates, y0, o.center_from, o.center_to, mean);
        lny_raw(freq, start, n, windows[j], dates, y0, col);
        fc_period p = start;
        for (size_t i = 0; i < n; i++) {
            out[i * k + j] = col[i] - mean[p.sub];
            p = fc_period_add(p, freq, 1);
        }
    }
    free(dates);
    free(col);
    return st;
}

fc_status fc_calendar_lny(int freq, fc_period start, size_t n, fc_lny_window window,
                          const fc_lny_options *opt, double *out, fc_error *err)
{
    return fc_calendar_lny_multi(freq, start, n, &window, 1, opt, out, err);
}
