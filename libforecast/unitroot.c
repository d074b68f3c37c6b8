/* Unit-root and seasonality tests used to choose the differencing orders of
 * an automatic SARIMA: KPSS for d, the seasonal-strength rule for D.
 *
 * References: Kwiatkowski, Phillips, Schmidt & Shin (1992), "Testing the null
 * hypothesis of stationarity against the alternative of a unit root", J.
 * Econometrics 54, eq. (11) and Table 1; Wang, Smith & Hyndman (2006),
 * "Characteristic-based clustering for time series data" (strength of
 * seasonality, here from an STL decomposition as forecast's seas.heuristic);
 * Hyndman & Khandakar (2008) for how auto.arima uses them.
 * Tested against urca 1.3.3 and forecast 8.20 (tests/fixtures/gen_unitroot.R). */
#include <math.h>
#include <stdlib.h>

#include "forecast/arima.h"
#include "forecast/seasonal.h"
#include "internal.h"

/* KPSS (1992) Table 1 upper-tail points (10%, 5%, 2.5%, 1%). */
static const double kpss_cval_level[4] = {0.347, 0.463, 0.574, 0.739};
static const double kpss_cval_trend[4] = {0.119, 0.146, 0.176, 0.216};
static const double kpss_pct[4] = {0.10, 0.05, 0.025, 0.01};

static fc_status require_finite(const double *x, size_t n, const char *what,
                                fc_error *err)
{
    if (x == NULL && n > 0)
        return fc_fail(err, FC_EINVAL, "%s: values pointer is NULL", what);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return fc_fail(err, FC_EMISSING,
                           "%s: value %zu is missing or not finite; remove or "
                           "interpolate missing values first", what, i + 1);
    return FC_OK;
}

int fc_is_constant(const double *x, size_t n)
{
    /* R's all.equal(x, rep(x[1], n)): mean |x - x1| relative to mean |x|
     * (absolute when mean |x| is below the tolerance), tolerance 1.5e-8. */
    if (n == 0)
        return 0;
    double sum_diff = 0.0, sum_abs = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum_diff += fabs(x[i] - x[0]);
        sum_abs += fabs(x[i]);
    }
    double xy = sum_diff / (double)n, xn = sum_abs / (double)n;
    if (isfinite(xn) && xn > 1.5e-8)
        xy /= xn;
    return xy < 1.5e-8;
}

/* Residuals of x from its mean (level) or from the OLS line on t = 1..n. */
static void kpss_residuals(const double *x, size_t n, fc_kpss_type type,
                           double *res)
{
    double mx = 0.0;
    for (size_t i = 0; i < n; i++)
        mx += x[i];
    mx /= (double)n;
    if (type == FC_KPSS_LEVEL) {
        for (size_t i = 0; i < n; i++)
            res[i] = x[i] - mx;
        return;
    }
    double mt = ((double)n + 1.0) / 2.0, sxy = 0.0, sxx = 0.0;
    for (size_t i = 0; i < n; i++) {
        double t = (double)(i + 1) - mt;
        sxy += t * (x[i] - mx);
        sxx += t * t;
    }
    double b = sxy / sxx;
    for (size_t i = 0; i < n; i++)
        res[i] = x[i] - mx - b * ((double)(i + 1) - mt);
}

/* Linear interpolation of the p-value between the tabulated points, held
 * constant outside them (R approx(..., rule = 2), as forecast::ndiffs). */
static double kpss_p_value(double stat, const double *cval)
{
    if (stat <= cval[0])
        return kpss_pct[0];
    if (stat >= cval[3])
        return kpss_pct[3];
    for (int i = 0; i < 3; i++)
        if (stat <= cval[i + 1]) {
            double w = (stat - cval[i]) / (cval[i + 1] - cval[i]);
            return kpss_pct[i] + w * (kpss_pct[i + 1] - kpss_pct[i]);
        }
    return kpss_pct[3];
}

static long kpss_choose_lag(size_t n, long lag)
{
    if (lag == FC_KPSS_LAG_NDIFFS)
        return (long)trunc(3.0 * sqrt((double)n) / 13.0);
    if (lag == FC_KPSS_LAG_SHORT)
        return (long)trunc(4.0 * pow((double)n / 100.0, 0.25));
    return lag;
}

fc_status fc_kpss_test(const double *x, size_t n, fc_kpss_type type, long lag,
                       fc_kpss_result *out, fc_error *err)
{
    if (out == NULL)
        return fc_fail(err, FC_EINVAL, "kpss: result pointer is NULL");
    if (type != FC_KPSS_LEVEL && type != FC_KPSS_TREND)
        return fc_fail(err, FC_EINVAL, "kpss: type must be FC_KPSS_LEVEL or FC_KPSS_TREND");
    fc_status st = require_finite(x, n, "kpss", err);
    if (st != FC_OK)
        return st;
    if (n < 3)
        return fc_fail(err, FC_ESHORT, "kpss: series has %zu observations; the test needs at least 3", n);
    long l = kpss_choose_lag(n, lag);
    if (l < 0 || (size_t)l >= n)
        return fc_fail(err, FC_EINVAL, "kpss: lag %ld must be between 0 and n - 1 = %zu", l, n - 1);

    double *res = malloc(n * sizeof *res);
    if (res == NULL)
        return fc_fail(err, FC_ENOMEM, "kpss: cannot allocate %zu values", n);
    kpss_residuals(x, n, type, res);

    /* KPSS eq. (11): eta = n^-2 sum S_t^2 / s^2(l), with the Newey-West
     * long-run variance s^2(l) = gamma_0 + 2 sum_i (1 - i/(l+1)) gamma_i. */
    double s = 0.0, num = 0.0, s2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        s += res[i];
        num += s * s;
        s2 += res[i] * res[i];
    }
    double dn = (double)n;
    num /= dn * dn;
    double lrv = s2 / dn;
    for (long i = 1; i <= l; i++) {
        double cov = 0.0;
        for (size_t t = (size_t)i; t < n; t++)
            cov += res[t] * res[t - (size_t)i];
        lrv += 2.0 / dn * (1.0 - (double)i / (double)(l + 1)) * cov;
    }
    free(res);
    if (!(lrv > 0.0) || !isfinite(num))
        return fc_fail(err, FC_ENUMERIC, "kpss: long-run variance is %g (constant series?)", lrv);
    out->statistic = num / lrv;
    out->p_value = kpss_p_value(out->statistic,
                                type == FC_KPSS_LEVEL ? kpss_cval_level : kpss_cval_trend);
    out->lag = (size_t)l;
    return FC_OK;
}

fc_ndiffs_options fc_ndiffs_options_default(void)
{
    fc_ndiffs_options o = {0.05, 2, FC_KPSS_LEVEL};
    return o;
}

/* In-place first difference: x[0..n-1) <- x[1..n) - x[0..n-1). */
static void diff_in_place(double *x, size_t n, size_t lag)
{
    for (size_t i = 0; i + lag < n; i++)
        x[i] = x[i + lag] - x[i];
}

/* 1 when KPSS rejects stationarity at alpha, 0 when not, -1 when the test
 * cannot be computed (R's ndiffs then keeps the differences so far). */
static int kpss_rejects(const double *x, size_t n, fc_kpss_type type, double alpha)
{
    fc_kpss_result r;
    if (fc_kpss_test(x, n, type, FC_KPSS_LAG_NDIFFS, &r, NULL) != FC_OK)
        return -1;
    return r.p_value < alpha;
}

fc_status fc_ndiffs(const double *x, size_t n, const fc_ndiffs_options *opt,
                    int *d, fc_error *err)
{
    fc_ndiffs_options o = opt ? *opt : fc_ndiffs_options_default();
    if (d == NULL)
        return fc_fail(err, FC_EINVAL, "ndiffs: result pointer is NULL");
    if (o.max_d < 0)
        return fc_fail(err, FC_EINVAL, "ndiffs: max_d is %d; it must be >= 0", o.max_d);
    if (!(o.alpha >= 0.01))   /* forecast::ndiffs clamps alpha to [0.01, 0.1] */
        o.alpha = 0.01;
    if (o.alpha > 0.1)
        o.alpha = 0.1;
    fc_status st = require_finite(x, n, "ndiffs", err);
    if (st != FC_OK)
        return st;
    *d = 0;
    if (n == 0 || fc_is_constant(x, n))
        return FC_OK;
    double *w = malloc(n * sizeof *w);
    if (w == NULL)
        return fc_fail(err, FC_ENOMEM, "ndiffs: cannot allocate %zu values", n);
    for (size_t i = 0; i < n; i++)
        w[i] = x[i];
    size_t m = n;
    int rej = kpss_rejects(w, m, o.type, o.alpha);
    while (rej == 1 && *d < o.max_d) {
        diff_in_place(w, m, 1);
        m--;
        (*d)++;
        if (fc_is_constant(w, m))
            break;
        rej = kpss_rejects(w, m, o.type, o.alpha);
    }
    free(w);
    return FC_OK;
}

/* Variance ratio of the strength rule over the positions where R is defined. */
static double strength_from_components(const double *seasonal, const double *remainder,
                                       size_t n)
{
    double mr = 0.0, ms = 0.0;
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(remainder[i])) {
            mr += remainder[i];
            ms += remainder[i] + seasonal[i];
            c++;
        }
    if (c < 2)
        return 0.0;
    mr /= (double)c;
    ms /= (double)c;
    double vr = 0.0, vs = 0.0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(remainder[i])) {
            double a = remainder[i] - mr, b = remainder[i] + seasonal[i] - ms;
            vr += a * a;
            vs += b * b;
        }
    if (!(vs > 0.0))
        return 0.0;
    double s = 1.0 - vr / vs;
    return s < 0.0 ? 0.0 : (s > 1.0 ? 1.0 : s);
}

fc_status fc_seasonal_strength(const double *x, size_t n, int period,
                               double *strength, fc_error *err)
{
    if (strength == NULL)
        return fc_fail(err, FC_EINVAL, "seasonal strength: result pointer is NULL");
    if (period < 2)
        return fc_fail(err, FC_EINVAL, "seasonal strength: period is %d; it must be >= 2", period);
    fc_status st = require_finite(x, n, "seasonal strength", err);
    if (st != FC_OK)
        return st;
    if (n <= 2 * (size_t)period)
        return fc_fail(err, FC_ESHORT,
                       "seasonal strength: series has %zu observations; period %d needs more than %d",
                       n, period, 2 * period);
    /* forecast's seas.heuristic decomposes with mstl(x), which for one
     * seasonal period is stl(x, s.window = 7 + 4 = 11) with stl's other
     * defaults (non-robust). */
    fc_stl_options so = fc_stl_options_default();
    so.period = period;
    so.s_window = 11;
    fc_stl_result *res = NULL;
    st = fc_stl_result_alloc(n, &res, err);
    if (st != FC_OK)
        return st;
    st = fc_stl_decompose(x, n, &so, NULL, res, err);
    if (st == FC_OK)
        *strength = strength_from_components(res->seasonal, res->remainder, n);
    fc_stl_result_free(res);
    return st;
}

fc_nsdiffs_options fc_nsdiffs_options_default(void)
{
    fc_nsdiffs_options o = {0.64, 1};
    return o;
}

fc_status fc_nsdiffs(const double *x, size_t n, int period,
                     const fc_nsdiffs_options *opt, int *D, fc_error *err)
{
    fc_nsdiffs_options o = opt ? *opt : fc_nsdiffs_options_default();
    if (D == NULL)
        return fc_fail(err, FC_EINVAL, "nsdiffs: result pointer is NULL");
    if (period < 2)
        return fc_fail(err, FC_EINVAL, "nsdiffs: period is %d; seasonal differencing needs >= 2", period);
    if (o.max_D < 0)
        return fc_fail(err, FC_EINVAL, "nsdiffs: max_D is %d; it must be >= 0", o.max_D);
    fc_status st = require_finite(x, n, "nsdiffs", err);
    if (st != FC_OK)
        return st;
    *D = 0;
    size_t p = (size_t)period;
    if (n == 0 || fc_is_constant(x, n) || n <= p)
        return FC_OK;
    double *w = malloc(n * sizeof *w);
    if (w == NULL)
        return fc_fail(err, FC_ENOMEM, "nsdiffs: cannot allocate %zu values", n);
    for (size_t i = 0; i < n; i++)
        w[i] = x[i];
    size_t m = n;
    double s;
    /* forecast::nsdiffs: a test that fails (too short) means no difference. */
    int dodiff = fc_seasonal_strength(w, m, period, &s, NULL) == FC_OK && s > o.threshold;
    while (dodiff && *D < o.max_D) {
        diff_in_place(w, m, p);
        m -= p;
        (*D)++;
        if (fc_is_constant(w, m) || m < 2 * p || *D >= o.max_D)
            break;
        dodiff = fc_seasonal_strength(w, m, period, &s, NULL) == FC_OK && s > o.threshold;
    }
    free(w);
    return FC_OK;
}
