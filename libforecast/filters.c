/* Moving averages of the X-11 method: Henderson trend filters with
 * Musgrave end weights, the centred 2 x period average and the seasonal
 * 3xk averages with X-11's end weights.
 *
 * References: Henderson (1916); Musgrave (1964); Doherty (2001) "The
 * surrogate Henderson filters in X-11", ANZ J. Stat. 43(4) 901-999;
 * Ladiray & Quenneville (2001) "Seasonal adjustment with the X-11 method";
 * X-13ARIMA-SEATS Reference Manual (US Census Bureau).  Tested against the
 * X-13ARIMA-SEATS tables in tests/fixtures/x13 and domain.md §5.1. */
#include "internal.h"
#include "forecast/filters.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FC_HENDERSON_MAX 101
#define FC_PI 3.14159265358979323846

/* Henderson symmetric weight at lag j of a filter with half-length m
 * (2m+1 terms): with p = m + 2,
 * w_j = 315 [(p-1)^2 - j^2][p^2 - j^2][(p+1)^2 - j^2][3p^2 - 11j^2 - 16]
 *       / (8 p (p^2 - 1)(4p^2 - 1)(4p^2 - 9)(4p^2 - 25)). */
static double henderson_weight(int m, int j)
{
    double p = m + 2.0, jj = (double)j * j;
    double num = 315.0 * ((p - 1) * (p - 1) - jj) * (p * p - jj) *
                 ((p + 1) * (p + 1) - jj) * (3 * p * p - 11 * jj - 16);
    double den = 8 * p * (p * p - 1) * (4 * p * p - 1) * (4 * p * p - 9) *
                 (4 * p * p - 25);
    return num / den;
}

static fc_status check_henderson_length(size_t len, fc_error *err)
{
    if (len < 3 || len > FC_HENDERSON_MAX || len % 2 == 0)
        return fc_fail(err, FC_EINVAL,
                       "Henderson filter length must be odd and in 3..%d, not %zu",
                       FC_HENDERSON_MAX, len);
    return FC_OK;
}

fc_status fc_henderson_weights(size_t len, double *w, fc_error *err)
{
    fc_status st = check_henderson_length(len, err);
    if (st)
        return st;
    if (!w)
        return fc_fail(err, FC_EINVAL, "fc_henderson_weights: NULL output");
    int m = (int)(len - 1) / 2;
    for (int j = -m; j <= m; j++)
        w[j + m] = henderson_weight(m, j);
    return FC_OK;
}

/* Musgrave surrogate: Doherty (2001) eq. (1).  The symmetric filter c
 * (lags -(len-1)/2 .. +(len-1)/2) is cut after its first `avail` terms;
 * the weight of the missing terms is spread to keep a constant and, with
 * weight set by R = beta^2/sigma^2 = 4/(pi ic^2), a local slope. */
fc_status fc_henderson_end_weights(size_t len, size_t avail, double ic,
                                   double *w, fc_error *err)
{
    fc_status st = check_henderson_length(len, err);
    if (st)
        return st;
    if (!w)
        return fc_fail(err, FC_EINVAL, "fc_henderson_end_weights: NULL output");
    if (avail < (len + 1) / 2 || avail > len)
        return fc_fail(err, FC_EINVAL,
                       "a %zu-term Henderson end filter needs %zu..%zu observations, not %zu",
                       len, (len + 1) / 2, len, avail);
    if (!(ic > 0) || !isfinite(ic))
        return fc_fail(err, FC_EINVAL, "I/C ratio must be positive, not %g", ic);
    double c[FC_HENDERSON_MAX];
    fc_henderson_weights(len, c, NULL);
    double r = 4.0 / (FC_PI * ic * ic);
    double mm = (double)avail, mid = (mm + 1.0) / 2.0;
    double u1 = 0.0, u2 = 0.0;
    for (size_t j = avail; j < len; j++) {
        u1 += c[j];
        u2 += ((double)(j + 1) - mid) * c[j];
    }
    double denom = 1.0 + mm * (mm - 1.0) * (mm + 1.0) / 12.0 * r;
    for (size_t i = 0; i < avail; i++)
        w[i] = c[i] + u1 / mm + u2 * ((double)(i + 1) - mid) * r / denom;
    return FC_OK;
}

fc_status fc_henderson_smooth(const double *x, size_t n, size_t len, double ic,
                              double *out, fc_error *err)
{
    fc_status st = check_henderson_length(len, err);
    if (st)
        return st;
    if (!x || !out)
        return fc_fail(err, FC_EINVAL, "fc_henderson_smooth: NULL argument");
    if (n < len)
        return fc_fail(err, FC_ESHORT,
                       "series has %zu observations; a %zu-term Henderson filter needs at least %zu",
                       n, len, len);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return fc_fail(err, FC_EMISSING, "value %zu is missing or not finite", i + 1);
    if (!(ic > 0) || !isfinite(ic))
        return fc_fail(err, FC_EINVAL, "I/C ratio must be positive, not %g", ic);
    double c[FC_HENDERSON_MAX], e[FC_HENDERSON_MAX];
    fc_henderson_weights(len, c, NULL);
    size_t m = (len - 1) / 2;
    for (size_t i = m; i + m < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < len; j++)
            s += c[j] * x[i - m + j];
        out[i] = s;
    }
    for (size_t k = 0; k < m; k++) {
        size_t avail = m + 1 + k;
        fc_henderson_end_weights(len, avail, ic, e, NULL);
        double head = 0.0, tail = 0.0;
        /* e[avail-1] weights the outermost observation (x[0] or x[n-1]),
         * e[0] the farthest one inside the series. */
        for (size_t j = 0; j < avail; j++) {
            head += e[avail - 1 - j] * x[j];
            tail += e[avail - 1 - j] * x[n - 1 - j];
        }
        out[k] = head;
        out[n - 1 - k] = tail;
    }
    return FC_OK;
}

fc_status fc_centered_ma(const double *x, size_t n, int period, double *out,
                         fc_error *err)
{
    if (!x || !out)
        return fc_fail(err, FC_EINVAL, "fc_centered_ma: NULL argument");
    if (period < 2 || period % 2)
        return fc_fail(err, FC_EINVAL, "period must be even and >= 2, not %d", period);
    size_t h = (size_t)period / 2;
    if (n <= (size_t)period)
        return fc_fail(err, FC_ESHORT,
                       "series has %zu observations; a 2x%d moving average needs more than %d",
                       n, period, period);
    for (size_t i = 0; i < n; i++)
        out[i] = NAN;
    for (size_t i = h; i + h < n; i++) {
        double s = 0.5 * (x[i - h] + x[i + h]);
        for (size_t j = i - h + 1; j < i + h; j++)
            s += x[j];
        out[i] = s / period;
    }
    return FC_OK;
}

/* ------------------------------------------------------ seasonal filters */

static double mean_of(const double *x, size_t k)
{
    double s = 0.0;
    for (size_t i = 0; i < k; i++)
        s += x[i];
    return s / (double)k;
}

/* Symmetric 3 x q average (q odd): weights of a q-term mean of 3-term
 * means, applied where the full span fits. */
static void symmetric_3xq(const double *x, size_t k, size_t q, double *out)
{
    size_t half = (q + 1) / 2; /* span = q + 2 terms, half-width (q+1)/2 */
    if (k < q + 2)
        return;
    double wsum = 3.0 * q;
    for (size_t i = half; i + half < k; i++) {
        double s = 0.0;
        for (size_t j = 0; j < q + 2; j++) {
            double w = (j == 0 || j == q + 1) ? 1.0 : (j == 1 || j == q) ? 2.0 : 3.0;
            if (q == 1)
                w = 1.0;
            s += w * x[i - half + j];
        }
        out[i] = q == 1 ? s / 3.0 : s / wsum;
    }
}

static void filter_3x1(const double *x, size_t k, double *out)
{
    for (size_t i = 1; i + 1 < k; i++)
        out[i] = (x[i - 1] + x[i] + x[i + 1]) / 3.0;
    out[0] = 0.61 * x[0] + 0.39 * x[1];
    out[k - 1] = 0.61 * x[k - 1] + 0.39 * x[k - 2];
}

/* 3x3 end weights (27ths): end (11,11,5); next (7,10,7,3). */
static void filter_3x3(const double *x, size_t k, double *out)
{
    symmetric_3xq(x, k, 3, out);
    out[0] = (11.0 * (x[0] + x[1]) + 5.0 * x[2]) / 27.0;
    out[k - 1] = (11.0 * (x[k - 1] + x[k - 2]) + 5.0 * x[k - 3]) / 27.0;
    if (k == 3) {
        out[1] = (x[0] + x[1] + x[2]) / 3.0;
    } else {
        out[1] = (0.7 * (x[0] + x[2]) + x[1] + 0.3 * x[3]) / 2.7;
        out[k - 2] = (0.7 * (x[k - 1] + x[k - 3]) + x[k - 2] + 0.3 * x[k - 4]) / 2.7;
    }
}

/* 3x5 end weights (60ths): (17,17,17,9); (15,15,15,11,4); (9,13,13,13,8,4). */
static void filter_3x5(const double *x, size_t k, double *out)
{
    symmetric_3xq(x, k, 5, out);
    out[0] = (17.0 * (x[0] + x[1] + x[2]) + 9.0 * x[3]) / 60.0;
    out[k - 1] = (17.0 * (x[k - 1] + x[k - 2] + x[k - 3]) + 9.0 * x[k - 4]) / 60.0;
    if (k == 4) {
        out[1] = out[2] = mean_of(x, 4);
    } else {
        out[1] = (15.0 * (x[0] + x[1] + x[2]) + 11.0 * x[3] + 4.0 * x[4]) / 60.0;
        out[k - 2] = (15.0 * (x[k - 1] + x[k - 2] + x[k - 3]) + 11.0 * x[k - 4] +
                      4.0 * x[k - 5]) / 60.0;
    }
    if (k == 5) {
        out[2] = mean_of(x, 5);
    } else if (k > 5) {
        out[2] = (9.0 * x[0] + 13.0 * (x[1] + x[2] + x[3]) + 8.0 * x[4] + 4.0 * x[5]) / 60.0;
        out[k - 3] = (9.0 * x[k - 1] + 13.0 * (x[k - 2] + x[k - 3] + x[k - 4]) +
                      8.0 * x[k - 5] + 4.0 * x[k - 6]) / 60.0;
    }
}

/* X-11's published end weights of the 3x9 (5 end points, 6..10 terms) and
 * 3x15 (8 end points, 9..16 terms) seasonal filters, nearest observation
 * first, as printed to 3-5 decimals in the X-11 documentation and used by
 * X-13ARIMA-SEATS; each row is renormalised to sum to one when applied. */
static const double end_3x9[] = {
    0.246, 0.221, 0.197, 0.173, 0.112, 0.051,
    0.208, 0.192, 0.176, 0.160, 0.144, 0.092, 0.028,
    0.173, 0.163, 0.154, 0.143, 0.133, 0.123, 0.079, 0.032,
    0.141, 0.137, 0.132, 0.128, 0.123, 0.117, 0.113, 0.075, 0.034,
    0.084, 0.120, 0.118, 0.117, 0.116, 0.114, 0.113, 0.111, 0.073, 0.034};
static const double end_3x15[] = {
    .16000, .16000, .16000, .16000, .16000, .06667, .06667, .04444, .02222,
    .14667, .14667, .14667, .14667, .14667, .06667, .06667, .06667, .04444, .02220,
    .13333, .13333, .13333, .13333, .13333, .06667, .06667, .06667, .06667, .04444,
    .02223,
    .12000, .12000, .12000, .12000, .12000, .06667, .06667, .06667, .06667, .06667,
    .04444, .02221,
    .10667, .10667, .10667, .10667, .10667, .06667, .06667, .06667, .06667, .06667,
    .06667, .04444, .02219,
    .09333, .09333, .09333, .09333, .09333, .06667, .06667, .06667, .06667, .06667,
    .06667, .06667, .04444, .02222,
    .08000, .08000, .08000, .08000, .08000, .06667, .06667, .06667, .06667, .06667,
    .06667, .06667, .06667, .04444, .02220,
    .04889, .07111, .07111, .07111, .07111, .06667, .06667, .06667, .06667, .06667,
    .06667, .06667, .06667, .06667, .04444, .02220};

/* Applies tabulated end weights to the first and last nend points; where
 * a row is longer than the series the point gets the plain mean. */
static void apply_end_table(const double *x, size_t k, const double *tab,
                            size_t nend, double *out)
{
    size_t off = 0;
    for (size_t e = 1; e <= nend; e++) {
        size_t lo = e - 1, hi = k - e, terms = e + nend;
        if (lo > hi)
            break;
        if (terms > k) {
            out[lo] = mean_of(x, k);
            out[hi] = out[lo];
        } else {
            double a = 0.0, b = 0.0, ws = 0.0;
            for (size_t l = 0; l < terms; l++) {
                a += tab[off + l] * x[l];
                b += tab[off + l] * x[k - 1 - l];
                ws += tab[off + l];
            }
            out[lo] = a / ws;
            out[hi] = b / ws;
        }
        off += terms;
    }
}

fc_status fc_seasonal_ma(const double *x, size_t k, fc_seasonal_filter f,
                         double *out, fc_error *err)
{
    if (!x || !out)
        return fc_fail(err, FC_EINVAL, "fc_seasonal_ma: NULL argument");
    if (k == 0)
        return fc_fail(err, FC_ESHORT, "seasonal filter needs at least one value");
    if (f < FC_SEASONAL_3X1 || f > FC_SEASONAL_STABLE)
        return fc_fail(err, FC_EINVAL, "unknown seasonal filter %d", (int)f);
    for (size_t i = 0; i < k; i++)
        if (!isfinite(x[i]))
            return fc_fail(err, FC_EMISSING, "value %zu is missing or not finite", i + 1);
    size_t need = f == FC_SEASONAL_3X1 ? 2 : f == FC_SEASONAL_3X3 ? 3 : f == FC_SEASONAL_3X5 ? 4
                : f == FC_SEASONAL_3X15 ? 20 : 1;
    if (k < need)
        f = FC_SEASONAL_STABLE;
    switch (f) {
    case FC_SEASONAL_3X1:
        filter_3x1(x, k, out);
        break;
    case FC_SEASONAL_3X3:
        filter_3x3(x, k, out);
        break;
    case FC_SEASONAL_3X5:
        filter_3x5(x, k, out);
        break;
    case FC_SEASONAL_3X9:
        symmetric_3xq(x, k, 9, out);
        apply_end_table(x, k, end_3x9, 5, out);
        break;
    case FC_SEASONAL_3X15:
        symmetric_3xq(x, k, 15, out);
        apply_end_table(x, k, end_3x15, 8, out);
        break;
    default: {
        double m = mean_of(x, k);
        for (size_t i = 0; i < k; i++)
            out[i] = m;
    }
    }
    return FC_OK;
}

const char *fc_seasonal_filter_name(fc_seasonal_filter f)
{
    switch (f) {
    case FC_SEASONAL_3X1: return "3x1";
    case FC_SEASONAL_3X3: return "3x3";
    case FC_SEASONAL_3X5: return "3x5";
    case FC_SEASONAL_3X9: return "3x9";
    case FC_SEASONAL_3X15: return "3x15";
    case FC_SEASONAL_STABLE: return "stable";
    }
    return "unknown";
}
