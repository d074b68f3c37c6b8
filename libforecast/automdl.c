/* X-13ARIMA-SEATS' automatic model identification (automdl{}), the TRAMO
 * procedure of Gomez & Maravall (2001), "Automatic modeling methods for
 * univariate series", ch. 7 of A Course in Time Series Analysis (Pena, Tiao,
 * Tsay eds.), Wiley; X-13ARIMA-SEATS Reference Manual v1.1, spec automdl
 * (defaults maxorder = (2 1), maxdiff = (2 1), cancel = 0.1, mixed,
 * balanced).  The decision rules (thresholds on the estimated AR
 * coefficients, the near-BIC preferences of `balanced`) follow the
 * description of the procedure in those references and its reading of
 * JDemetra+'s X-13 implementation; written here from scratch.
 *
 * 1. Differencing orders (Gomez & Maravall 2001, section 7.3.1): fit
 *    (2,0,0)(1,0,0)s to the demeaned series by conditional least squares
 *    (a stand-in for the Hannan-Rissanen regression); AR roots of modulus
 *    >= 0.97 become differences.  Then, repeatedly, fit (1,d,1)(1,D,1)s to
 *    the differenced series: an AR coefficient near 1 (regular: within
 *    0.136; seasonal: within 0.19) that does not cancel with the MA
 *    coefficient (|ar - ma| > cancel) adds a difference, at most d = 2,
 *    D = 1.
 * 2. Mean: t-value of the mean of the differenced series against 1.96 ..
 *    2.5 depending on the length.
 * 3. ARMA orders by BIC = (-2 log L + k log m) / m on the differenced
 *    series (m observations, exact ML): seasonal orders with p = 3, then
 *    p, q in 0..2, then P, Q in 0..1; among the five best, a simpler or
 *    more balanced model within a small BIC margin is preferred.
 * Compared with X-13's choices on the seven reference series in
 * tests/test_x11.c. */
#include "automdl.h"
#include "internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_poly.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_BIC 99999.0

/* ------------------------------------------------------------ helpers */

int fc_automdl_coef(const fc_arima_model *m, const char *name, double *value, double *se)
{
    for (size_t i = 0; i < m->ncoef; i++)
        if (strcmp(m->coef_names[i], name) == 0) {
            if (value)
                *value = m->coef[i];
            if (se)
                *se = m->se ? m->se[i] : NAN;
            return 1;
        }
    return 0;
}

static double coef_or0(const fc_arima_model *m, const char *name)
{
    double v = 0.0;
    return fc_automdl_coef(m, name, &v, NULL) ? v : 0.0;
}

/* x[i] - x[i - lag] in place over the last n - lag values; returns new n. */
static size_t difference(double *x, size_t n, size_t lag)
{
    if (n <= lag)
        return 0;
    for (size_t i = n; i-- > lag;)
        x[i] -= x[i - lag];
    memmove(x, x + lag, (n - lag) * sizeof *x);
    return n - lag;
}

/* Applies (1-B)^d (1-B^s)^D to z into w (allocated); returns the length. */
static size_t diff_series(const double *z, size_t n, int d, int D, int s, double **w)
{
    *w = malloc((n ? n : 1) * sizeof **w);
    if (!*w)
        return 0;
    memcpy(*w, z, n * sizeof *z);
    size_t m = n;
    for (int i = 0; i < d; i++)
        m = difference(*w, m, 1);
    for (int i = 0; i < D; i++)
        m = difference(*w, m, (size_t)s);
    return m;
}

static void demean(double *x, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        x[i] -= m;
}

/* Fits a stationary SARMA (no mean) or, with d/D, the SARIMA to x. */
static fc_status fit_arma(const double *x, size_t n, int s, int p, int d, int q, int P, int D,
                          int Q, int mean_col, fc_arima_method method, fc_arima_model **out)
{
    *out = NULL;
    fc_series *y = NULL;
    fc_period st = {2000, 1};
    fc_status rc = fc_series_from_array(x, n, s > 1 ? s : 1, st, &y, NULL);
    if (rc)
        return rc;
    fc_arima_spec spec = fc_arima_spec_default();
    fc_arima_order o = {p, d, q, s > 1 ? P : 0, s > 1 ? D : 0, s > 1 ? Q : 0, s > 1 ? s : 0};
    spec.order = o;
    double *col = NULL;
    const char *nm[1] = {"Constant"};
    if (mean_col) {
        /* the trend constant: a column whose differences are ones */
        col = malloc(n * sizeof *col);
        if (!col) {
            fc_series_free(y);
            return FC_ENOMEM;
        }
        fc_automdl_constant_column(col, n, d, D, s);
        spec.nxreg = 1;
        spec.xreg = col;
        spec.xreg_names = nm;
    }
    fc_arima_options ao = fc_arima_options_default();
    ao.method = method;
    ao.compute_se = mean_col ? 1 : 0;
    if (method == FC_ARIMA_CSS)
        ao.transform_pars = 0;
    ao.max_iter = 1000;
    rc = fc_arima_fit(y, &spec, &ao, out, NULL);
    free(col);
    fc_series_free(y);
    return rc;
}

void fc_automdl_constant_column(double *c, size_t n, int d, int D, int s)
{
    for (size_t i = 0; i < n; i++)
        c[i] = 1.0;
    /* invert the differences: cumulative sums with zero start values */
    for (int k = 0; k < D; k++)
        for (size_t i = (size_t)s; i < n; i++)
            c[i] += c[i - (size_t)s];
    for (int k = 0; k < d; k++)
        for (size_t i = 1; i < n; i++)
            c[i] += c[i - 1];
}

/* Inverse roots of 1 - a1 x - ... - ap x^p: roots of x^p - a1 x^(p-1) - ... */
static int inverse_roots(const double *a, int p, double *re, double *im)
{
    if (p == 1) {
        re[0] = a[0];
        im[0] = 0.0;
        return 1;
    }
    double c[8], zr[16];
    for (int i = 0; i < p; i++)
        c[i] = -a[p - 1 - i];
    c[p] = 1.0;
    gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc((size_t)p + 1);
    if (!w)
        return 0;
    int st = gsl_poly_complex_solve(c, (size_t)p + 1, w, zr);
    gsl_poly_complex_workspace_free(w);
    if (st != GSL_SUCCESS)
        return 0;
    for (int i = 0; i < p; i++) {
        re[i] = zr[2 * i];
        im[i] = zr[2 * i + 1];
    }
    return p;
}

static void ar_coefs(const fc_arima_model *m, int seasonal, double *a, int *p)
{
    const fc_arima_order *o = &m->spec.order;
    *p = seasonal ? o->P : o->p;
    if (*p > 6)
        *p = 6;
    char nm[16];
    for (int i = 0; i < *p; i++) {
        snprintf(nm, sizeof nm, "%s%d", seasonal ? "sar" : "ar", i + 1);
        a[i] = coef_or0(m, nm);
    }
}

int fc_automdl_ar_unit_roots(const fc_arima_model *m, int seasonal, double limit)
{
    double a[6], re[6], im[6];
    int p;
    ar_coefs(m, seasonal, a, &p);
    int nr = p ? inverse_roots(a, p, re, im) : 0, count = 0;
    for (int i = 0; i < nr; i++)
        if (hypot(re[i], im[i]) > limit && fabs(im[i]) <= 0.05 && re[i] > 0)
            count++;
    return count;
}

double fc_automdl_ma_at_one(const fc_arima_model *m)
{
    double v = 1.0;
    char nm[16];
    for (int i = 0; i < m->spec.order.q; i++) {
        snprintf(nm, sizeof nm, "ma%d", i + 1);
        v += coef_or0(m, nm);
    }
    return v;
}


/* ------------------------------------------------- Hannan-Rissanen */

/* Innovations of a long autoregression (Yule-Walker, Durbin-Levinson) of
 * order max(floor(log(n)^2), p, 2q), at most 50 and below 3n/4: step one of
 * Hannan & Rissanen (1982) as TRAMO runs it. */
static int hr_innovations(const double *x, size_t n, int p, int q, double *a)
{
    double ln = log((double)n);
    int k = (int)(ln * ln);
    if (k < p)
        k = p;
    if (k < 2 * q)
        k = 2 * q;
    if ((size_t)k >= n)
        k = (int)(n - n / 4);
    if (k > 50)
        k = 50;
    double *ac = calloc((size_t)k + 1, sizeof *ac), *phi = calloc((size_t)k + 1, sizeof *phi),
           *tmp = calloc((size_t)k + 1, sizeof *tmp);
    if (!ac || !phi || !tmp) {
        free(ac);
        free(phi);
        free(tmp);
        return 0;
    }
    /* autocovariances about zero (the callers pass zero-mean series) */
    for (int l = 0; l <= k; l++)
        for (size_t t = (size_t)l; t < n; t++)
            ac[l] += x[t] * x[t - (size_t)l];
    double v = ac[0];
    int ok = v > 0;
    for (int m = 1; m <= k && ok; m++) {
        double num = ac[m];
        for (int j = 1; j < m; j++)
            num -= phi[j] * ac[m - j];
        double r = num / v;
        memcpy(tmp, phi, ((size_t)k + 1) * sizeof *tmp);
        phi[m] = r;
        for (int j = 1; j < m; j++)
            phi[j] = tmp[j] - r * tmp[m - j];
        v *= 1.0 - r * r;
        ok = v > 0;
    }
    for (size_t t = 0; t < n && ok; t++) {
        double e = x[t];
        for (int j = 1; j <= k && (size_t)j <= t; j++)
            e -= phi[j] * x[t - (size_t)j];
        a[t] = e;
    }
    free(ac);
    free(phi);
    free(tmp);
    return ok;
}

/* One Gauss-Newton step on the residuals of the linear HR estimate (TRAMO's
 * bias correction): e_t = x_t + sum_AR pi_k x_{t-l} - sum_MA pi_k e_{t-l};
 * derivatives through e / AR(B) and e / MA(B). */
static int hr_gauss_newton(const double *x, size_t n, double *pi, const int *lag, const int *isma,
                           int nc)
{
    double *e = calloc(n, sizeof *e), *a1 = calloc(n, sizeof *a1), *a2 = calloc(n, sizeof *a2);
    gsl_matrix *J = gsl_matrix_calloc(n, (size_t)nc);
    gsl_vector *r = gsl_vector_alloc(n), *dp = gsl_vector_alloc((size_t)nc);
    gsl_matrix *cov = gsl_matrix_alloc((size_t)nc, (size_t)nc);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, (size_t)nc);
    int ok = e && a1 && a2 && J && r && dp && cov && ws;
    for (size_t t = 0; t < n && ok; t++) {
        double v = x[t], s1 = 0.0, s2 = 0.0;
        for (int k = 0; k < nc; k++) {
            if ((size_t)lag[k] > t)
                continue;
            size_t u = t - (size_t)lag[k];
            if (!isma[k]) {
                v += pi[k] * x[u];
                s1 -= pi[k] * a1[u];
                gsl_matrix_set(J, t, (size_t)k, -a1[u]);
            } else {
                v -= pi[k] * e[u];
                s2 -= pi[k] * a2[u];
                gsl_matrix_set(J, t, (size_t)k, a2[u]);
            }
        }
        if (!(fabs(v) < 1e16)) {
            ok = 0;
            break;
        }
        e[t] = v;
        a1[t] = s1 + v;
        a2[t] = s2 + v;
        gsl_vector_set(r, t, v);
    }
    double chisq;
    if (ok)
        ok = gsl_multifit_linear(J, r, dp, cov, &chisq, ws) == GSL_SUCCESS;
    for (int k = 0; ok && k < nc; k++) {
        double d = gsl_vector_get(dp, (size_t)k);
        ok = isfinite(d);
        pi[k] += d;
    }
    free(e);
    free(a1);
    free(a2);
    gsl_matrix_free(J);
    gsl_vector_free(r);
    gsl_vector_free(dp);
    gsl_matrix_free(cov);
    if (ws)
        gsl_multifit_linear_free(ws);
    return ok;
}

/* Hannan-Rissanen estimate of (p,0,q)(P,0,Q)s, P, Q <= 1: least squares of
 * x_t on its lags 1..p, s..s+p and on the innovations' lags 1..q, s..s+q
 * (cross-product lags free).  R signs: ar[i], sar, ma[i], sma.  With both
 * AR and MA parts, the MA part is re-estimated on the AR-filtered series
 * (TRAMO's final correction).  Returns 0 when the regression fails. */
static int hr_fit(const double *x, size_t n, int s, int p, int q, int P, int Q, double *ar,
                  double *sar, double *ma, double *sma)
{
    int lagp = p + s * P, lagq = q + s * Q, m = lagp > lagq ? lagp : lagq;
    int np = p + P * (1 + p), nq = q + Q * (1 + q), nc = np + nq;
    *sar = *sma = 0.0;
    if (nc == 0)
        return 1;
    if (n <= (size_t)(m + nc + 2))
        return 0;
    double *a = NULL;
    if (q + Q > 0) {
        a = malloc(n * sizeof *a);
        if (!a || !hr_innovations(x, n, lagp, lagq, a)) {
            free(a);
            return 0;
        }
    }
    size_t rows = n - (size_t)m;
    gsl_matrix *X = gsl_matrix_alloc(rows, (size_t)nc);
    gsl_vector *yv = gsl_vector_alloc(rows), *c = gsl_vector_alloc((size_t)nc);
    gsl_matrix *cov = gsl_matrix_alloc((size_t)nc, (size_t)nc);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(rows, (size_t)nc);
    int ok = X && yv && c && cov && ws;
    for (size_t r = 0; r < rows && ok; r++) {
        size_t t = r + (size_t)m, col = 0;
        gsl_vector_set(yv, r, x[t]);
        for (int i = 1; i <= p; i++)
            gsl_matrix_set(X, r, col++, x[t - (size_t)i]);
        for (int k = 0; P && k <= p; k++)
            gsl_matrix_set(X, r, col++, x[t - (size_t)(s + k)]);
        for (int i = 1; i <= q; i++)
            gsl_matrix_set(X, r, col++, a[t - (size_t)i]);
        for (int k = 0; Q && k <= q; k++)
            gsl_matrix_set(X, r, col++, a[t - (size_t)(s + k)]);
    }
    double chisq;
    if (ok)
        ok = gsl_multifit_linear(X, yv, c, cov, &chisq, ws) == GSL_SUCCESS;
    /* coefficients with their lags; AR ones with TRAMO's sign (x_t + pi x_{t-l}) */
    double pi[16];
    int lag[16], isma[16];
    for (size_t i = 0, col = 0; ok && i < (size_t)nc; i++) {
        pi[i] = gsl_vector_get(c, i);
        ok &= isfinite(pi[i]);
        (void)col;
    }
    if (ok) {
        int k = 0;
        for (int i = 1; i <= p; i++, k++) {
            lag[k] = i;
            isma[k] = 0;
        }
        for (int j = 0; P && j <= p; j++, k++) {
            lag[k] = s + j;
            isma[k] = 0;
        }
        for (int i = 1; i <= q; i++, k++) {
            lag[k] = i;
            isma[k] = 1;
        }
        for (int j = 0; Q && j <= q; j++, k++) {
            lag[k] = s + j;
            isma[k] = 1;
        }
        for (int i = 0; i < nc; i++)
            if (!isma[i])
                pi[i] = -pi[i];
        if (q + Q > 0)
            ok = hr_gauss_newton(x, n, pi, lag, isma, nc);
    }
    if (ok) {
        size_t col = 0;
        for (int i = 0; i < p; i++)
            ar[i] = -pi[col++];
        if (P) {
            *sar = -pi[col];
            col += (size_t)p + 1;
        }
        for (int i = 0; i < q; i++)
            ma[i] = pi[col++];
        if (Q)
            *sma = pi[col];
    }
    gsl_matrix_free(X);
    gsl_vector_free(yv);
    gsl_vector_free(c);
    gsl_matrix_free(cov);
    if (ws)
        gsl_multifit_linear_free(ws);
    free(a);
    if (ok && np > 0 && nq > 0) {
        /* MA part again on x filtered by the AR polynomial */
        double *w = malloc(n * sizeof *w);
        if (!w)
            return 0;
        size_t deg = (size_t)lagp, nw = n - deg;
        for (size_t t = deg; t < n; t++) {
            double v = x[t];
            for (int i = 1; i <= p; i++)
                v -= ar[i - 1] * x[t - (size_t)i];
            if (P) {
                v -= *sar * x[t - (size_t)s];
                for (int i = 1; i <= p; i++)
                    v += *sar * ar[i - 1] * x[t - (size_t)(s + i)];
            }
            w[t - deg] = v;
        }
        double dar[4], dsar;
        ok = hr_fit(w, nw, s, 0, q, 0, Q, dar, &dsar, ma, sma);
        free(w);
    }
    return ok;
}

/* ------------------------------------------------- differencing orders */

typedef struct {
    const double *z;
    size_t n;
    int s, seas;                /* period; 1 when seasonal differencing is allowed */
    int d, D;
    double rmax, rsmax, cancel;
    int useml, mlused;
    double ar, ma, sar, sma;    /* JDemetra/TRAMO sign: AR poly 1 + ar B */
    size_t fits;
} diffstate;

/* Largest real positive inverse root below ub1, and the count above it. */
static int count_ur(const double *a, int p, double ub1, double *vmax)
{
    double re[6], im[6];
    int nr = p ? inverse_roots(a, p, re, im) : 0, n = 0;
    *vmax = 0.0;
    for (int i = 0; i < nr; i++) {
        double mod = hypot(re[i], im[i]);
        if (mod >= ub1 && fabs(im[i]) <= 0.05 && re[i] > 0)
            n++;
        else if (fabs(im[i]) <= 0.02 && re[i] > 0 && mod > *vmax)
            *vmax = mod;
    }
    return n;
}

/* Step 0: (2,0,0)(1,0,0) on the demeaned series by Hannan-Rissanen (exact
 * ML when that is unusable: not stationary with p = 2 or a coefficient
 * beyond 1.02); unit roots -> d, D. */
static fc_status diff_step0(diffstate *ds)
{
    double *x = malloc(ds->n * sizeof *x);
    if (!x)
        return FC_ENOMEM;
    memcpy(x, ds->z, ds->n * sizeof *x);
    demean(x, ds->n);
    int p = ds->s == 2 ? 1 : 2;
    double ar[6] = {0}, sar = 0.0, ma[4], sma;
    int ok = hr_fit(x, ds->n, ds->s, p, 0, ds->seas, 0, ar, &sar, ma, &sma);
    if (ok) {
        double re[6], im[6];
        int nr = inverse_roots(ar, p, re, im), stable = fabs(sar) < 1.0;
        for (int i = 0; i < nr; i++)
            stable &= hypot(re[i], im[i]) < 1.0;
        if (!stable && (p > 1 || fabs(ar[0]) > 1.02 || fabs(sar) > 1.02))
            ok = 0;
    }
    if (!ok) {
        fc_arima_model *m = NULL;
        fc_status st = fit_arma(x, ds->n, ds->s, p, 0, 0, ds->seas, 0, 0, 0, FC_ARIMA_ML, &m);
        ds->fits++;
        if (st) {
            free(x);
            return st;
        }
        int pp;
        ar_coefs(m, 0, ar, &pp);
        sar = coef_or0(m, "sar1");
        fc_arima_model_free(m);
    }
    free(x);
    ds->d += count_ur(ar, p, 1.0 / 1.03, &ds->rmax);
    if (ds->seas)
        ds->D += count_ur(&sar, 1, 1.0 / 1.03, &ds->rsmax);
    return FC_OK;
}

/* (1,d,1)(1,D,1) on the differenced, demeaned series: Hannan-Rissanen, or
 * exact ML when asked for (useml) or when the regression fails. */
static fc_status diff_fit(diffstate *ds)
{
    double *w = NULL;
    size_t m = diff_series(ds->z, ds->n, ds->d, ds->D, ds->s, &w);
    if (!w)
        return FC_ENOMEM;
    if (m < (size_t)(4 + 3 * ds->s)) {
        free(w);
        return FC_ESHORT;
    }
    demean(w, m);
    double ar = 0, sar = 0, ma = 0, sma = 0;
    int ok = !ds->useml && hr_fit(w, m, ds->s, 1, 1, ds->seas, ds->seas, &ar, &sar, &ma, &sma);
    ds->mlused = 0;
    if (!ok) {
        fc_arima_model *fm = NULL;
        fc_status st = fit_arma(w, m, ds->s, 1, 0, 1, ds->seas, 0, ds->seas, 0, FC_ARIMA_ML, &fm);
        ds->fits++;
        if (st) {
            free(w);
            return st;
        }
        ar = coef_or0(fm, "ar1");
        ma = coef_or0(fm, "ma1");
        sar = coef_or0(fm, "sar1");
        sma = coef_or0(fm, "sma1");
        fc_arima_model_free(fm);
        ds->mlused = 1;
    }
    free(w);
    ds->useml = 0;
    ds->ar = -ar;
    ds->ma = ma;
    ds->sar = ds->seas ? -sar : 0.0;
    ds->sma = ds->seas ? sma : 0.0;
    return FC_OK;
}

/* Main condition: AR coefficients near -1 (TRAMO sign) without
 * cancellation add a difference; absurd estimates ask for exact ML. */
static int diff_main(diffstate *ds)
{
    ds->cancel -= 0.002;
    double din = ds->mlused ? 1.005 - 0.88 : 0.136;
    int icon = 0;
    if (fabs(ds->ar + 1.0) <= din) {
        if (-ds->ar > 1.02) {
            icon = 1;
            ds->useml = 1;
        } else if (fabs(ds->ar - ds->ma) > ds->cancel) {
            icon++;
            ds->d++;
        }
    } else if (fabs(ds->ar) > 1.12) {
        icon = 1;
        ds->useml = 1;
    }
    if (ds->seas) {
        if (fabs(ds->sar + 1.0) <= 0.19) {
            if (-ds->sar > 1.02) {
                ds->useml = 1;
                icon = 1;
            } else if (ds->D == 0 && fabs(ds->sar - ds->sma) > ds->cancel) {
                icon++;
                ds->D++;
                if (ds->useml) {
                    icon--;
                    ds->useml = 0;
                }
            }
        } else if (fabs(ds->sar) > 1.12) {
            icon = 1;
            ds->useml = 1;
        }
    }
    return icon;
}

static void diff_bump(diffstate *ds, int *icon)
{
    if (ds->useml && *icon == 1)
        ds->useml = 0;
    else
        ++*icon;
    if (ds->rmax > ds->rsmax)
        ds->d++;
    else
        ds->D++;
}

/* First iteration without differences yet: cancellation or near-unit
 * coefficients combined with large roots in step 0. */
static int diff_cond1(diffstate *ds, int icon)
{
    if (ds->d + ds->D != 0)
        return icon;
    int cancel = fabs(ds->ar - ds->ma) < ds->cancel ||
                 (ds->seas && fabs(ds->sar - ds->sma) < ds->cancel);
    /* X-13 1.1's test of the seasonal coefficient within 0.17 of 1 is
     * true for every seasonal model unless it is within 0.16 (iddiff.f
     * sets the flag only in that case); reproduced as X-13 runs it */
    int near17 = ds->seas;
    if (cancel && (ds->rmax >= 0.9 || ds->rsmax >= 0.9))
        diff_bump(ds, &icon);
    else if (((fabs(ds->ar + 1) <= 0.15 || (ds->seas && fabs(ds->sar + 1) <= 0.16)) &&
              (ds->rmax >= 0.9 || ds->rsmax >= 0.88)) ||
             ((fabs(ds->ar + 1) <= 0.16 || near17) && (ds->rmax >= 0.91 || ds->rsmax >= 0.89)))
        diff_bump(ds, &icon);
    return icon;
}

static void diff_allcond(diffstate *ds)
{
    if (ds->d + ds->D != 0)
        return;
    if (!ds->seas) {
        if (fabs(ds->ar + 1) <= 0.15)
            ds->d++;
    } else if (fabs(ds->ar + 1) <= 0.15 || fabs(ds->sar + 1) <= 0.25) {
        ds->rmax = -ds->ar;
        ds->rsmax = -ds->sar;
        if (ds->ar < ds->sar)
            ds->d++;
        else
            ds->D++;
    }
}

/* Both orders raised in one step: keep only the stronger one. */
static int diff_final(diffstate *ds, int icon)
{
    if (icon == 2) {
        ds->d--;
        ds->D--;
        if (ds->mlused) {
            if (ds->ar < ds->sar)
                ds->d++;
            else
                ds->D++;
        } else if (ds->rmax > ds->rsmax) {
            if (ds->rmax > 0)
                ds->d++;
        } else if (ds->rsmax > 0) {
            ds->D++;
        }
    }
    if (ds->d > 2) {
        ds->d = 2;
        icon = 0;
    }
    if (ds->D > (ds->seas ? 1 : 0)) {
        ds->D = ds->seas ? 1 : 0;
        icon = 0;
    }
    return icon;
}

static fc_status identify_differences(diffstate *ds)
{
    ds->cancel = 0.1;
    fc_status st = diff_step0(ds);
    if (st)
        return st;
    for (int iter = 0; iter < 5; iter++) {
        if ((st = diff_fit(ds)))
            return st;
        int icon = diff_main(ds);
        if (iter == 0)
            icon = diff_cond1(ds, icon);
        diff_allcond(ds);
        if (diff_final(ds, icon) == 0)
            break;
    }
    return FC_OK;
}

/* --------------------------------------------------------------- mean */

/* t-value of the mean: of the series itself when d + D = 0, else of the
 * trend constant in (1,d,1)(1,D,1) by exact ML. */
static int mean_significant(const diffstate *ds, double *tval, size_t *fits)
{
    size_t n = ds->n;
    if (ds->d + ds->D == 0) {
        double sum = 0.0, ssq = 0.0;
        for (size_t i = 0; i < n; i++) {
            sum += ds->z[i];
            ssq += ds->z[i] * ds->z[i];
        }
        *tval = ssq > 0 ? sum / sqrt(ssq) : 0.0;
        double cv = n > 200 ? 2.55 : n > 80 ? 2.0 : 1.96;
        return fabs(*tval) > cv;
    }
    fc_arima_model *m = NULL;
    *tval = 0.0;
    (*fits)++;
    if (fit_arma(ds->z, n, ds->s, 1, ds->d, 1, ds->seas, ds->D, ds->seas, 1, FC_ARIMA_ML, &m))
        return 0;
    double b = 0.0, se = NAN;
    fc_automdl_coef(m, "Constant", &b, &se);
    fc_arima_model_free(m);
    *tval = se > 0 ? b / se : 0.0;
    double cv = n <= 80 ? 1.96 : n <= 155 ? 1.98 : n <= 230 ? 2.1 : n <= 350 ? 2.3 : 2.5;
    return fabs(*tval) > cv;
}

/* --------------------------------------------------------- ARMA orders */

/* Normalised BIC of a stationary SARMA fitted by exact ML to w. */
static double arma_bic(const double *w, size_t m, int s, int p, int q, int P, int Q, size_t *fits)
{
    fc_arima_model *fm = NULL;
    (*fits)++;
    if (fit_arma(w, m, s, p, 0, q, P, 0, Q, 0, FC_ARIMA_ML, &fm) || !fm)
        return NO_BIC;
    double ll = fm->loglik_exact, nobs = (double)fm->nobs;
    int conv = fm->converged;
    fc_arima_model_free(fm);
    if (!conv || !isfinite(ll))
        return NO_BIC;
    int k = p + q + P + Q;
    return (-2.0 * ll + (double)k * log(nobs)) / nobs;
}

static int same_cand(const fc_automdl_candidate *a, const fc_automdl_candidate *b)
{
    return a->p == b->p && a->q == b->q && a->P == b->P && a->Q == b->Q;
}

/* Inserts c into the sorted list of the best FC_AUTOMDL_NBEST. */
static void keep_best(fc_automdl_candidate *best, size_t *nb, const fc_automdl_candidate *c)
{
    if (c->bic >= NO_BIC)
        return;
    for (size_t i = 0; i < *nb; i++)
        if (same_cand(best + i, c))
            return;
    size_t pos = *nb;
    while (pos > 0 && best[pos - 1].bic > c->bic)
        pos--;
    if (pos >= FC_AUTOMDL_NBEST)
        return;
    size_t last = *nb < FC_AUTOMDL_NBEST ? *nb : FC_AUTOMDL_NBEST - 1;
    for (size_t i = last; i > pos; i--)
        best[i] = best[i - 1];
    best[pos] = *c;
    if (*nb < FC_AUTOMDL_NBEST)
        (*nb)++;
}

/* X-13's `balanced` preferences among the best models: within a small BIC
 * margin (scaled by the spread of the five BICs) prefer models whose AR
 * and MA degrees (counting differences as AR) balance, or with fewer
 * parameters. */
static int prefer_balanced(const fc_automdl_candidate *best, size_t nb, int d, int D)
{
    const fc_automdl_candidate *sp = &best[0];
    int nr1 = sp->p + sp->q, ns1 = sp->P + sp->Q;
    int nrr1 = abs(sp->p + d - sp->q), nss1 = abs(sp->P + D - sp->Q);
    double spread = best[nb - 1].bic - best[0].bic;
    double scale = spread < 0.003 ? 0.0625 : spread < 0.03 ? 0.25 : 1.0;
    double vc11 = 0.01 * scale, vc2 = 0.0025 * scale, vc22 = 0.0075 * scale;
    size_t pref = 0;
    for (size_t i = 1; i < nb; i++) {
        const fc_automdl_candidate *c = &best[i];
        int nr2 = c->p + c->q, ns2 = c->P + c->Q;
        int nrr2 = abs(c->p + d - c->q), nss2 = abs(c->P + D - c->Q);
        double dbic = c->bic - best[pref].bic;
        int chk = ((nrr2 < nrr1 || nss2 < nss1) && nr1 == nr2 && ns1 == ns2 && dbic <= vc11) ||
                  (nrr2 < nrr1 && nr2 <= nr1 && ns2 == ns1 && dbic <= vc2 && c->p > 0 &&
                   c->q > 0) ||
                  (((nrr2 == 0 && nrr2 < nrr1 && d > 0) || (nss2 == 0 && nss2 < nss1 && D > 0)) &&
                   nr1 == nr2 && ns1 == ns2 && dbic <= vc11) ||
                  (nrr2 == 0 && nss2 == 0 && dbic < vc2) ||
                  (nr2 > nr1 && nrr2 == 0 && ns2 == ns1 && dbic < vc2) ||
                  (ns2 > ns1 && nss2 == 0 && nr2 == nr1 && dbic < vc2) ||
                  (ns2 < ns1 && ns2 > 0 && nr2 == nr1 && nss2 == 0 && dbic < vc2) ||
                  (i == 1 && nr1 == 0 && nr2 == 1 && ns2 == ns1 && dbic < vc2) ||
                  (nr2 < nr1 && nr2 > 0 && ns2 == ns1 && dbic < vc2) ||
                  (ns2 < ns1 && ns2 > 0 && nr2 == nr1 && dbic < vc2) ||
                  (c->p < sp->p && c->q == sp->q && nr2 > 0 && ns2 == ns1 && dbic < vc22);
        if (chk) {
            double dc = c->bic - best[0].bic;
            vc11 -= dc;
            vc2 -= dc;
            vc22 -= dc;
            nr1 = nr2;
            ns1 = ns2;
            nrr1 = nrr2;
            nss1 = nss2;
            pref = i;
            sp = c;
        }
    }
    /* never the white-noise model when an alternative exists */
    if (sp->p + sp->q + sp->P + sp->Q == 0 && pref + 1 < nb)
        pref++;
    return (int)pref;
}

static fc_status select_arma(const double *w, size_t m, int s, int d, int D,
                             fc_automdl_choice *out)
{
    int seas = s > 1;
    fc_automdl_candidate cur = {s == 2 ? 1 : 3, 0, 0, 0, NO_BIC}, bestc = cur;
    size_t nb = 0;
    if (seas) {
        /* step 1: seasonal part with a long regular AR */
        bestc.bic = NO_BIC;
        for (int P = 0; P <= 1; P++)
            for (int Q = 0; Q <= 1; Q++) {
                fc_automdl_candidate c = {cur.p, 0, P, Q, 0.0};
                c.bic = arma_bic(w, m, s, c.p, 0, P, Q, &out->fits);
                if (c.bic < bestc.bic)
                    bestc = c;
            }
        if (bestc.bic >= NO_BIC)
            return FC_ENOCONV;
        cur = bestc;
    }
    /* step 2: regular orders with that seasonal part */
    bestc.bic = NO_BIC;
    for (int p = 0; p <= 2; p++)
        for (int q = 0; q <= 2; q++) {
            fc_automdl_candidate c = {p, q, cur.P, cur.Q, 0.0};
            c.bic = arma_bic(w, m, s, p, q, c.P, c.Q, &out->fits);
            keep_best(out->best, &nb, &c);
            if (c.bic < bestc.bic)
                bestc = c;
        }
    if (bestc.bic >= NO_BIC)
        return FC_ENOCONV;
    cur = bestc;
    if (seas) {
        /* step 3: seasonal orders again with the regular part */
        for (int P = 0; P <= 1; P++)
            for (int Q = 0; Q <= 1; Q++) {
                fc_automdl_candidate c = {cur.p, cur.q, P, Q, 0.0};
                if (same_cand(&c, &cur))
                    continue;
                c.bic = arma_bic(w, m, s, c.p, c.q, P, Q, &out->fits);
                keep_best(out->best, &nb, &c);
            }
    }
    out->nbest = nb;
    int k = prefer_balanced(out->best, nb, d, D);
    const fc_automdl_candidate *c = &out->best[k];
    fc_arima_order o = {c->p, d, c->q, seas ? c->P : 0, seas ? D : 0, seas ? c->Q : 0, seas ? s : 0};
    out->order = o;
    return FC_OK;
}

fc_status fc_automdl_identify(const double *z, size_t n, int s, fc_automdl_choice *out,
                              fc_error *err)
{
    if (!z || !out)
        return fc_fail(err, FC_EINVAL, "automdl: NULL argument");
    memset(out, 0, sizeof *out);
    if (s < 1)
        s = 1;
    if (n < (size_t)(3 * s + 10) || n < 20)
        return fc_fail(err, FC_ESHORT, "automdl: %zu observations; needs at least %d", n,
                       3 * s + 10 > 20 ? 3 * s + 10 : 20);
    fc_gsl_quiet();
    diffstate ds;
    memset(&ds, 0, sizeof ds);
    ds.z = z;
    ds.n = n;
    ds.s = s;
    ds.seas = s > 1;
    fc_status st = identify_differences(&ds);
    out->fits = ds.fits;
    if (st)
        return fc_fail(err, st, "automdl: the differencing orders could not be identified");
    out->mean = mean_significant(&ds, &out->mean_t, &out->fits);
    double *w = NULL;
    size_t m = diff_series(z, n, ds.d, ds.D, s, &w);
    if (!w)
        return fc_fail(err, FC_ENOMEM, "automdl: out of memory");
    st = select_arma(w, m, s, ds.d, ds.D, out);
    free(w);
    if (st)
        return fc_fail(err, st, "automdl: no ARMA model could be estimated");
    return FC_OK;
}

/* --------------------------------------------------------- diagnostics */

void fc_automdl_diagnostics(const fc_arima_model *m, fc_automdl_check *out)
{
    memset(out, 0, sizeof *out);
    const fc_arima_order *o = &m->spec.order;
    int s = m->period > 0 ? m->period : 1;
    size_t skip = (size_t)(o->d + o->D * s);
    size_t n = 0;
    double sum = 0.0, ssq = 0.0;
    for (size_t t = skip; t < m->n; t++)
        if (isfinite(m->residuals[t])) {
            sum += m->residuals[t];
            ssq += m->residuals[t] * m->residuals[t];
            n++;
        }
    if (n < 3)
        return;
    double mean = sum / (double)n, var = ssq / (double)n - mean * mean;
    out->rtval = var > 0 ? mean / sqrt(var / (double)n) : 0.0;
    /* X-13's rvr: the square root of the ML innovation variance */
    out->rvr = sqrt(m->sigma2_ml);
    int lags = s == 12 ? 24 : s == 1 ? 8 : 4 * s;
    if (n <= 22 && s == 4)
        lags = 6;
    if ((size_t)lags >= n)
        lags = (int)(n / 2);
    int narma = o->p + o->q + o->P + o->Q;
    double c0 = 0.0, q = 0.0;
    for (size_t t = skip; t < m->n; t++)
        if (isfinite(m->residuals[t]))
            c0 += (m->residuals[t] - mean) * (m->residuals[t] - mean);
    for (int k = 1; k <= lags; k++) {
        double ck = 0.0;
        for (size_t t = skip + (size_t)k; t < m->n; t++) {
            double a = m->residuals[t], b = m->residuals[t - (size_t)k];
            if (isfinite(a) && isfinite(b))
                ck += (a - mean) * (b - mean);
        }
        double r = c0 > 0 ? ck / c0 : 0.0;
        q += r * r / (double)(n - (size_t)k);
    }
    q *= (double)n * ((double)n + 2.0);
    out->q = q;
    out->lags = lags;
    out->df = lags - narma > 0 ? lags - narma : 1;
    out->plbox = gsl_cdf_chisq_P(q, (double)out->df);
}
