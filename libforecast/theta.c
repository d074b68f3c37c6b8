/* The Theta method as used in the M3 competition (Assimakopoulos &
 * Nikolopoulos 2000), in the equivalent form shown by Hyndman & Billah
 * (2003): simple exponential smoothing plus a drift of half the slope of a
 * linear trend, on a classical multiplicatively seasonally adjusted series
 * when a 90% test on the autocorrelation at the seasonal lag says so.
 * Reference: R forecast 8.20 thetaf() (tests/fixtures/gen_theta.R). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "forecast/project.h"
#include "forecast/arima.h"
#include "internal.h"

#define THETA_ALPHA_LO 1e-4    /* ets()'s usual bounds on alpha */
#define THETA_ALPHA_HI 0.9999
#define THETA_GRID 64

/* Seasonality test of the M3 Theta method (as thetaf): autocorrelation r_m
 * at the seasonal lag against its Bartlett standard error
 * sqrt((1 + 2 sum_{k<m} r_k^2) / n), one-sided at 90%. */
static int seasonal_acf_test(const double *x, size_t n, size_t m)
{
    double mean = 0.0;
    for (size_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    double c0 = 0.0;
    for (size_t i = 0; i < n; i++)
        c0 += (x[i] - mean) * (x[i] - mean);
    double sum_r2 = 0.0, rm = 0.0;
    for (size_t k = 1; k <= m; k++) {
        double ck = 0.0;
        for (size_t i = 0; i + k < n; i++)
            ck += (x[i] - mean) * (x[i + k] - mean);
        double r = ck / c0;
        if (k < m)
            sum_r2 += r * r;
        else
            rm = r;
    }
    double se = sqrt((1.0 + 2.0 * sum_r2) / (double)n);
    return fabs(rm) / se > gsl_cdf_ugaussian_Pinv(0.95);
}

/* Classical multiplicative decomposition (R stats::decompose, type
 * "multiplicative"): centred 2 x m moving average trend, seasonal figure =
 * mean of x / trend per position in the cycle, normalised to mean one.
 * figure[k] is the index of positions k, k + m, ...; returns 0 when a trend
 * value or an index is not positive and finite. */
static int multiplicative_figure(const double *x, size_t n, size_t m, double *figure)
{
    size_t half = m / 2;
    int even = m % 2 == 0;
    double fsum = 0.0;
    for (size_t k = 0; k < m; k++) {
        double s = 0.0;
        size_t c = 0;
        for (size_t i = k; i < n; i += m) {
            if (i < half || i + half >= n)
                continue;
            double t = 0.0;
            for (size_t j = i - half; j <= i + half; j++)
                t += ((even && (j == i - half || j == i + half)) ? 0.5 : 1.0) * x[j];
            t /= (double)m;
            if (!(t > 0.0) || !isfinite(t))
                return 0;
            s += x[i] / t;
            c++;
        }
        if (c == 0)
            return 0;
        figure[k] = s / (double)c;
        fsum += figure[k];
    }
    for (size_t k = 0; k < m; k++) {
        figure[k] /= fsum / (double)m;
        if (!(figure[k] > 0.0) || !isfinite(figure[k]))
            return 0;
    }
    return 1;
}

typedef struct {
    const double *y;
    size_t n;
} ses_data;

/* SES one-step errors are linear in the initial level l0:
 * e_t = u_t - b_t l0 with b_t = (1 - alpha)^(t-1), so for each alpha the
 * MSE-optimal l0 has a closed form (profile likelihood).  Returns the MSE and
 * the optimal l0 and final level. */
static double ses_profile(const ses_data *d, double alpha, double *l0_out, double *ln_out)
{
    double a = 0.0, b = 1.0, sub = 0.0, sbb = 0.0, suu = 0.0;
    for (size_t t = 0; t < d->n; t++) {
        double u = d->y[t] - a;
        sub += u * b;
        sbb += b * b;
        suu += u * u;
        a = (1.0 - alpha) * a + alpha * d->y[t];
        b *= 1.0 - alpha;
    }
    double l0 = sub / sbb;
    double sse = suu - sub * sub / sbb;
    if (sse < 0.0)
        sse = 0.0;
    if (l0_out)
        *l0_out = l0;
    if (ln_out)
        *ln_out = a + b * l0;
    return sse / (double)d->n;
}

static double ses_objective(double alpha, void *p)
{
    return ses_profile(p, alpha, NULL, NULL);
}

/* MSE-optimal alpha: a grid over [1e-4, 0.9999] locates the best basin,
 * GSL's Brent minimiser polishes it. */
static fc_status ses_fit(const ses_data *d, double *alpha_out, fc_error *err)
{
    double best_a = THETA_ALPHA_LO, best_f = INFINITY;
    int best_i = 0;
    double grid[THETA_GRID];
    for (int i = 0; i < THETA_GRID; i++) {
        grid[i] = THETA_ALPHA_LO + (THETA_ALPHA_HI - THETA_ALPHA_LO) * i / (THETA_GRID - 1.0);
        double f = ses_objective(grid[i], (void *)d);
        if (f < best_f) {
            best_f = f;
            best_a = grid[i];
            best_i = i;
        }
    }
    if (!isfinite(best_f))
        return fc_fail(err, FC_ENUMERIC, "theta: exponential smoothing error is not finite");
    *alpha_out = best_a;
    if (best_i == 0 || best_i == THETA_GRID - 1) {
        /* optimum on (or near) a bound: check the bound itself */
        double edge = best_i == 0 ? THETA_ALPHA_LO : THETA_ALPHA_HI;
        double nb = grid[best_i == 0 ? 1 : THETA_GRID - 2];
        /* refine inside [edge, neighbour] by golden-section-like bisection */
        double lo = fmin(edge, nb), hi = fmax(edge, nb);
        for (int it = 0; it < 100; it++) {
            double m1 = lo + (hi - lo) / 3.0, m2 = hi - (hi - lo) / 3.0;
            if (ses_objective(m1, (void *)d) < ses_objective(m2, (void *)d))
                hi = m2;
            else
                lo = m1;
        }
        double mid = 0.5 * (lo + hi);
        *alpha_out = ses_objective(mid, (void *)d) < ses_objective(edge, (void *)d) ? mid : edge;
        return FC_OK;
    }
    fc_gsl_quiet();
    gsl_function F = {ses_objective, (void *)d};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (s == NULL)
        return fc_fail(err, FC_ENOMEM, "theta: cannot allocate the minimiser");
    double lo = grid[best_i - 1], hi = grid[best_i + 1];
    if (gsl_min_fminimizer_set(s, &F, best_a, lo, hi) != GSL_SUCCESS) {
        gsl_min_fminimizer_free(s);
        return FC_OK;   /* grid point kept: the bracket is flat */
    }
    for (int it = 0; it < 200; it++) {
        if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
            break;
        double a = gsl_min_fminimizer_x_lower(s), b = gsl_min_fminimizer_x_upper(s);
        if (gsl_min_test_interval(a, b, 1e-10, 0.0) == GSL_SUCCESS)
            break;
    }
    double x = gsl_min_fminimizer_x_minimum(s);
    if (ses_objective(x, (void *)d) <= best_f)
        *alpha_out = x;
    gsl_min_fminimizer_free(s);
    return FC_OK;
}

/* Half the OLS slope of x on t = 0..n-1 (Hyndman & Billah 2003, eq. (4)). */
static double half_slope(const double *x, size_t n)
{
    double mt = ((double)n - 1.0) / 2.0, mx = 0.0;
    for (size_t i = 0; i < n; i++)
        mx += x[i];
    mx /= (double)n;
    double sxy = 0.0, sxx = 0.0;
    for (size_t i = 0; i < n; i++) {
        sxy += ((double)i - mt) * (x[i] - mx);
        sxx += ((double)i - mt) * ((double)i - mt);
    }
    return 0.5 * sxy / sxx;
}

fc_status fc_theta_forecast(const fc_series *y, size_t h, double *mean,
                            fc_theta_info *info, fc_error *err)
{
    if (y == NULL || (mean == NULL && h > 0))
        return fc_fail(err, FC_EINVAL, "theta: series or output array is NULL");
    fc_status st = fc_series_require_complete(y, 4, "theta", err);
    if (st != FC_OK)
        return st;
    size_t n = y->n, m = (size_t)y->freq;
    double *x = malloc((n + m) * sizeof *x);
    if (x == NULL)
        return fc_fail(err, FC_ENOMEM, "theta: cannot allocate %zu values", n);
    double *figure = x + n;
    int seasonal = m > 1 && n > 2 * m && !fc_is_constant(y->values, n) &&
                   seasonal_acf_test(y->values, n, m) &&
                   multiplicative_figure(y->values, n, m, figure);
    for (size_t k = 0; seasonal && k < m; k++)
        if (fabs(figure[k]) < 1e-4)   /* thetaf: indexes near zero -> non-seasonal */
            seasonal = 0;
    for (size_t i = 0; i < n; i++)
        x[i] = seasonal ? y->values[i] / figure[i % m] : y->values[i];

    ses_data d = {x, n};
    double alpha, l0, ln;
    st = ses_fit(&d, &alpha, err);
    if (st != FC_OK) {
        free(x);
        return st;
    }
    double mse = ses_profile(&d, alpha, &l0, &ln);
    double b = half_slope(x, n);
    /* thetaf: mean_h = l_n + b (h - 1 + (1 - (1 - alpha)^n) / alpha) */
    double offset = (1.0 - pow(1.0 - alpha, (double)n)) / alpha;
    for (size_t j = 0; j < h; j++) {
        mean[j] = ln + b * ((double)j + offset);
        if (seasonal)
            mean[j] *= figure[(n + j) % m];
    }
    if (info) {
        info->seasonal = seasonal;
        info->alpha = alpha;
        info->level0 = l0;
        info->level = ln;
        info->drift = b;
        info->mse = mse;
    }
    free(x);
    for (size_t j = 0; j < h; j++)
        if (!isfinite(mean[j]))
            return fc_fail(err, FC_ENUMERIC, "theta: forecast %zu is not finite", j + 1);
    return FC_OK;
}
