/* Seasonal ARIMA and regression with ARIMA errors: mapping of
 * (p,d,q)(P,D,Q)s, mean, drift and regressors onto the state-space model
 * of statespace.c, exact maximum likelihood, and forecasting.
 *
 * State-space form: Harvey (1989) §3.3 / Gardner, Harvey & Phillips (1980)
 * with r = max(p + sP, q + sQ + 1) ARMA states, plus d + sD differencing
 * states carrying a diffuse prior (variance kappa) — the form R's
 * stats::arima uses.  Without missing values the diffuse likelihood equals
 * the exact likelihood of the differenced series, which we evaluate with
 * the Chandrasekhar recursions from the stationary covariance (computed in
 * O(r^2) from the ARMA autocovariances, Brockwell & Davis 1991 §3.3).
 * AR parameters are optimised through the partial autocorrelations
 * (Jones 1980; Barndorff-Nielsen & Schou 1973), as R's transform.pars.
 * Results are tested against R stats::arima / forecast::Arima (method "ML")
 * in tests/test_arima.c (fixtures from tests/fixtures/gen_arima.R). */
#include "internal.h"
#include "ss_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_poly.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG_OBJECTIVE 1e10

/* ------------------------------------------------------------- options */

fc_arima_spec fc_arima_spec_default(void)
{
    fc_arima_spec s;
    memset(&s, 0, sizeof s);
    s.transform = FC_TRANSFORM_NONE;
    return s;
}

fc_arima_options fc_arima_options_default(void)
{
    fc_arima_options o;
    memset(&o, 0, sizeof o);
    o.method = FC_ARIMA_ML;
    o.css_start = 1;
    o.transform_pars = 1;
    o.max_iter = 500;
    o.gtol = 1e-6;
    o.kappa = 1e6;
    o.compute_se = 1;
    o.polish = 1;
    return o;
}

fc_arima_forecast_options fc_arima_forecast_options_default(void)
{
    fc_arima_forecast_options o = {0};
    return o;
}

void fc_arima_order_format(const fc_arima_order *o, int period, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    if (o->P || o->D || o->Q)
        snprintf(buf, size, "(%d,%d,%d)(%d,%d,%d)%d", o->p, o->d, o->q, o->P, o->D,
                 o->Q, period);
    else
        snprintf(buf, size, "(%d,%d,%d)", o->p, o->d, o->q);
}

/* ----------------------------------------------------------- transforms */

fc_status fc_transform_apply(fc_transform t, double lambda, const double *x, size_t n,
                             double *out, fc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (t == FC_TRANSFORM_NONE || isnan(v)) {
            out[i] = v;
            continue;
        }
        if (!(v > 0.0))
            return fc_fail(err, FC_EDOMAIN,
                           "observation %zu is %g: the %s transform needs positive values",
                           i + 1, v, t == FC_TRANSFORM_LOG ? "log" : "Box-Cox");
        if (t == FC_TRANSFORM_LOG || lambda == 0.0)
            out[i] = log(v);
        else
            out[i] = (pow(v, lambda) - 1.0) / lambda;
    }
    return FC_OK;
}

double fc_transform_invert(fc_transform t, double lambda, double z)
{
    if (t == FC_TRANSFORM_NONE)
        return z;
    if (t == FC_TRANSFORM_LOG || lambda == 0.0)
        return exp(z);
    double b = lambda * z + 1.0;
    if (b < 0.0)
        return NAN; /* outside the range of the transform (forecast gives NA) */
    return pow(b, 1.0 / lambda);
}

/* forecast::InvBoxCox(biasadj = TRUE): second-order bias correction. */
static double invert_biasadj(fc_transform t, double lambda, double z, double var)
{
    double out = fc_transform_invert(t, lambda, z);
    if (t == FC_TRANSFORM_NONE)
        return out;
    double lam = t == FC_TRANSFORM_LOG ? 0.0 : lambda;
    return out * (1.0 + 0.5 * var * (1.0 - lam) / pow(out, 2.0 * lam));
}

/* ------------------------------------------------------------- problem */

typedef struct {
    int p, q, P, Q, s, d, D;
    int dd;               /* d + s D */
    size_t np, nq;        /* expanded AR / MA degrees */
    size_t r;             /* ARMA state dimension */
    size_t narma, k, ncoef;
    double *delta;        /* dd coefficients: (1-B)^d (1-B^s)^D = 1 - sum delta_i B^i */
    size_t n;
    double *z;            /* transformed series (NaN = missing) */
    int has_missing;
    size_t n_nonmiss, n_used;
    fc_regdesign X;
    double *dz, *dX;      /* differenced z and design (no-missing path) */
    size_t nw;
    /* parameters */
    int *is_fixed;
    double *fixed_val;
    size_t nfree;
    size_t *free_idx;     /* coefficient index of free parameter j */
    double *reg_center, *reg_scale;
    int transform;
    double kappa;
    int search;           /* candidate fit of the automatic search (fast optimiser) */
    /* workspace */
    double *coef, *phi, *theta, *resid, *wbuf, *gam, *psi, *pz;
    fc_ss_model *kss;     /* R-form model (r + dd) for the kappa likelihood */
} problem;

static void problem_clear(problem *pb)
{
    free(pb->delta);
    free(pb->z);
    fc_regdesign_clear(&pb->X);
    free(pb->dz);
    free(pb->dX);
    free(pb->is_fixed);
    free(pb->fixed_val);
    free(pb->free_idx);
    free(pb->reg_center);
    free(pb->reg_scale);
    free(pb->coef);
    free(pb->phi);
    free(pb->theta);
    free(pb->resid);
    free(pb->wbuf);
    free(pb->gam);
    free(pb->psi);
    free(pb->pz);
    fc_ss_free(pb->kss);
    memset(pb, 0, sizeof *pb);
}

/* Coefficients of (1-B)^d (1-B^s)^D as 1 - sum_{i=1}^{dd} delta_i B^i. */
static int build_delta(problem *pb)
{
    size_t dd = (size_t)pb->dd;
    double *poly = calloc(dd + 1, sizeof(double));
    if (!poly)
        return -1;
    poly[0] = 1.0;
    size_t deg = 0;
    for (int i = 0; i < pb->d + pb->D; i++) {
        size_t lag = i < pb->d ? 1 : (size_t)pb->s;
        for (size_t j = deg + lag; j >= lag; j--) {
            poly[j] -= poly[j - lag];
            if (j == lag)
                break;
        }
        deg += lag;
    }
    pb->delta = malloc((dd ? dd : 1) * sizeof(double));
    if (!pb->delta) {
        free(poly);
        return -1;
    }
    for (size_t i = 0; i < dd; i++)
        pb->delta[i] = -poly[i + 1];
    free(poly);
    return 0;
}

static void coef_names_arma(const problem *pb, size_t i, char *buf, size_t size)
{
    size_t p = (size_t)pb->p, q = (size_t)pb->q, P = (size_t)pb->P;
    if (i < p)
        snprintf(buf, size, "ar%zu", i + 1);
    else if (i < p + q)
        snprintf(buf, size, "ma%zu", i - p + 1);
    else if (i < p + q + P)
        snprintf(buf, size, "sar%zu", i - p - q + 1);
    else
        snprintf(buf, size, "sma%zu", i - p - q - P + 1);
}

static fc_status check_orders(const fc_arima_order *o, int s, fc_error *err)
{
    if (o->p < 0 || o->d < 0 || o->q < 0 || o->P < 0 || o->D < 0 || o->Q < 0)
        return fc_fail(err, FC_EINVAL, "ARIMA orders must be non-negative");
    if (o->p > 60 || o->q > 60 || o->P > 6 || o->Q > 6 || o->d > 3 || o->D > 2)
        return fc_fail(err, FC_EINVAL,
                       "ARIMA orders too large (p, q <= 60; P, Q <= 6; d <= 3; D <= 2)");
    if ((o->P || o->D || o->Q) && s < 2)
        return fc_fail(err, FC_EINVAL, "a seasonal part needs a period >= 2 (got %d)", s);
    return FC_OK;
}

/* Sets orders, transform, design and parameter mapping. */
static fc_status problem_setup(problem *pb, const fc_series *y, const fc_arima_spec *spec,
                               int transform_pars, double kappa, fc_error *err)
{
    memset(pb, 0, sizeof *pb);
    if (!y || !spec || !y->values)
        return fc_fail(err, FC_EINVAL, "fc_arima: NULL series or spec");
    const fc_arima_order *o = &spec->order;
    int s = o->period > 0 ? o->period : y->freq;
    fc_status st = check_orders(o, s, err);
    if (st)
        return st;
    pb->p = o->p;
    pb->q = o->q;
    pb->P = o->P;
    pb->Q = o->Q;
    pb->s = s;
    pb->d = o->d;
    pb->D = o->D;
    pb->dd = o->d + s * o->D;
    pb->np = (size_t)(o->p + s * o->P);
    pb->nq = (size_t)(o->q + s * o->Q);
    pb->r = pb->np > pb->nq + 1 ? pb->np : pb->nq + 1;
    pb->narma = (size_t)(o->p + o->q + o->P + o->Q);
    pb->n = y->n;
    pb->kappa = kappa > 0 ? kappa : 1e6;
    if (spec->transform == FC_TRANSFORM_BOXCOX && !isfinite(spec->lambda))
        return fc_fail(err, FC_EINVAL, "Box-Cox lambda must be finite");
    pb->z = malloc((y->n ? y->n : 1) * sizeof(double));
    if (!pb->z || build_delta(pb))
        return fc_fail(err, FC_ENOMEM, "cannot allocate the ARIMA problem");
    st = fc_transform_apply(spec->transform, spec->lambda, y->values, y->n, pb->z, err);
    if (st)
        return st;
    for (size_t t = 0; t < y->n; t++) {
        if (isinf(pb->z[t]))
            return fc_fail(err, FC_EDOMAIN, "observation %zu is infinite", t + 1);
        if (isnan(pb->z[t]))
            pb->has_missing = 1;
        else
            pb->n_nonmiss++;
    }
    if (y->n > 0 && pb->n_nonmiss == 0)
        return fc_fail(err, FC_EMISSING, "all %zu observations are missing", y->n);
    st = fc_regdesign_build(spec, y->n, pb->dd, &pb->X, err);
    if (st)
        return st;
    pb->k = pb->X.k;
    pb->ncoef = pb->narma + pb->k;
    size_t need = (size_t)pb->dd + pb->np + pb->nq + pb->k + 1;
    if (pb->n_nonmiss < need) {
        char label[64];
        fc_arima_order_format(o, s, label, sizeof label);
        return fc_fail(err, FC_ESHORT, "series has %zu observations; %s%s needs at least %zu",
                       pb->n_nonmiss, label, pb->k ? " with regressors" : "", need);
    }
    pb->n_used = pb->n_nonmiss - (size_t)pb->dd;
    size_t nc = pb->ncoef ? pb->ncoef : 1, r = pb->r;
    pb->is_fixed = calloc(nc, sizeof(int));
    pb->fixed_val = calloc(nc, sizeof(double));
    pb->free_idx = calloc(nc, sizeof(size_t));
    pb->reg_center = calloc(nc, sizeof(double));
    pb->reg_scale = calloc(nc, sizeof(double));
    pb->coef = calloc(nc, sizeof(double));
    pb->phi = calloc(r + 1, sizeof(double));
    pb->theta = calloc(r + 1, sizeof(double));
    pb->resid = calloc(y->n + 1, sizeof(double));
    pb->wbuf = calloc(y->n + 1, sizeof(double));
    pb->gam = calloc(r + 2, sizeof(double));
    pb->psi = calloc(r + 2, sizeof(double));
    pb->pz = calloc(r, sizeof(double));
    if (!pb->is_fixed || !pb->fixed_val || !pb->free_idx || !pb->reg_center ||
        !pb->reg_scale || !pb->coef || !pb->phi || !pb->theta || !pb->resid || !pb->wbuf ||
        !pb->gam || !pb->psi || !pb->pz)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the ARIMA problem");
    int arma_fixed = 0;
    for (size_t i = 0; i < pb->ncoef; i++) {
        pb->reg_scale[i] = 1.0;
        if (spec->fixed && isfinite(spec->fixed[i])) {
            pb->is_fixed[i] = 1;
            pb->fixed_val[i] = spec->fixed[i];
            if (i < pb->narma)
                arma_fixed = 1;
        } else {
            pb->free_idx[pb->nfree++] = i;
        }
    }
    /* As R: the AR transform is used only when no ARMA coefficient is fixed. */
    pb->transform = transform_pars && !arma_fixed;
    /* Differenced data for the no-missing fast path. */
    if (!pb->has_missing) {
        size_t dd = (size_t)pb->dd, nw = y->n - dd;
        pb->nw = nw;
        pb->dz = malloc((nw ? nw : 1) * sizeof(double));
        pb->dX = malloc(((nw * pb->k) > 0 ? nw * pb->k : 1) * sizeof(double));
        if (!pb->dz || !pb->dX)
            return fc_fail(err, FC_ENOMEM, "cannot allocate the differenced series");
        for (size_t t = 0; t < nw; t++) {
            double v = pb->z[t + dd];
            for (size_t i = 0; i < dd; i++)
                v -= pb->delta[i] * pb->z[t + dd - i - 1];
            pb->dz[t] = v;
            for (size_t j = 0; j < pb->k; j++) {
                const double *x = pb->X.X + j * y->n;
                double u = x[t + dd];
                for (size_t i = 0; i < dd; i++)
                    u -= pb->delta[i] * x[t + dd - i - 1];
                pb->dX[j * nw + t] = u;
            }
        }
    }
    return FC_OK;
}

/* ------------------------------------------------- polynomials and PACF */

/* Partial autocorrelations (via tanh of unconstrained values) to AR
 * coefficients by the Durbin-Levinson recursion (Jones 1980;
 * Barndorff-Nielsen & Schou 1973): every real raw vector maps to a
 * stationary AR polynomial.  p <= 64; raw and ar may be the same array. */
void fc_arma_pacf_to_ar(const double *raw, size_t p, double *ar)
{
    double work[64];
    for (size_t j = 0; j < p; j++)
        ar[j] = tanh(raw[j]);
    for (size_t j = 1; j < p; j++) {
        double a = ar[j];
        for (size_t k = 0; k < j; k++)
            work[k] = ar[k] - a * ar[j - k - 1];
        memcpy(ar, work, j * sizeof(double));
    }
}

/* Inverse of fc_arma_pacf_to_ar (backward Durbin-Levinson, the Schur-Cohn
 * step-down, then atanh).  Returns -1 when ar is not stationary. */
int fc_arma_ar_to_pacf(const double *ar, size_t p, double *raw)
{
    double cur[64], work[64];
    memcpy(cur, ar, p * sizeof(double));
    for (size_t j = p; j-- > 0;) {
        double a = cur[j];
        if (!(fabs(a) < 1.0))
            return -1;
        raw[j] = atanh(a);
        for (size_t k = 0; k < j; k++)
            work[k] = (cur[k] + a * cur[j - k - 1]) / (1.0 - a * a);
        memcpy(cur, work, j * sizeof(double));
    }
    return 0;
}

/* phi(B) Phi(B^s) and theta(B) Theta(B^s) from the coefficient vector. */
static void expand_arma(const problem *pb, const double *coef, double *phi, double *theta)
{
    size_t p = (size_t)pb->p, q = (size_t)pb->q, P = (size_t)pb->P, Q = (size_t)pb->Q;
    size_t s = (size_t)pb->s;
    const double *ar = coef, *ma = coef + p, *sar = coef + p + q, *sma = coef + p + q + P;
    for (size_t i = 0; i <= pb->r; i++) {
        phi[i] = 0.0;
        theta[i] = 0.0;
    }
    /* phi[i] is the coefficient of B^(i+1) on the right-hand side. */
    for (size_t i = 0; i < p; i++)
        phi[i] = ar[i];
    for (size_t j = 0; j < P; j++) {
        phi[(j + 1) * s - 1] += sar[j];
        for (size_t i = 0; i < p; i++)
            phi[(j + 1) * s + i] -= sar[j] * ar[i];
    }
    for (size_t i = 0; i < q; i++)
        theta[i] = ma[i];
    for (size_t j = 0; j < Q; j++) {
        theta[(j + 1) * s - 1] += sma[j];
        for (size_t i = 0; i < q; i++)
            theta[(j + 1) * s + i] += sma[j] * ma[i];
    }
}

/* 1 when all roots of 1 - sum a_i z^i lie outside the unit circle. */
static int ar_stationary(const double *a, size_t p)
{
    size_t deg = p;
    while (deg > 0 && a[deg - 1] == 0.0)
        deg--;
    if (deg == 0)
        return 1;
    double poly[130], z[260];
    if (deg > 128)
        return 0;
    poly[0] = 1.0;
    for (size_t i = 0; i < deg; i++)
        poly[i + 1] = -a[i];
    gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc(deg + 1);
    if (!w)
        return 0;
    int rc = gsl_poly_complex_solve(poly, deg + 1, w, z);
    gsl_poly_complex_workspace_free(w);
    if (rc)
        return 0;
    for (size_t i = 0; i < deg; i++)
        if (hypot(z[2 * i], z[2 * i + 1]) <= 1.0 + 1e-10)
            return 0;
    return 1;
}

/* Reflects roots of 1 + sum m_i z^i inside the unit circle to 1/root, as
 * R's maInvert: the likelihood (sigma2 concentrated) is unchanged. */
static void ma_invert(double *ma, size_t q)
{
    size_t deg = q;
    while (deg > 0 && ma[deg - 1] == 0.0)
        deg--;
    if (deg == 0 || deg > 60)
        return;
    double poly[62], z[124];
    poly[0] = 1.0;
    for (size_t i = 0; i < deg; i++)
        poly[i + 1] = ma[i];
    gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc(deg + 1);
    if (!w)
        return;
    int rc = gsl_poly_complex_solve(poly, deg + 1, w, z);
    gsl_poly_complex_workspace_free(w);
    if (rc)
        return;
    int any = 0;
    for (size_t i = 0; i < deg; i++) {
        double re = z[2 * i], im = z[2 * i + 1], m2 = re * re + im * im;
        if (m2 < 1.0) {
            any = 1;
            z[2 * i] = re / m2;
            z[2 * i + 1] = -im / m2;
        }
    }
    if (!any)
        return;
    /* prod (1 - z/r_i), complex arithmetic, real result */
    double cr[62] = {1.0}, ci[62] = {0.0};
    for (size_t i = 0; i < deg; i++) {
        double m2 = z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1];
        double ir = z[2 * i] / m2, ii = -z[2 * i + 1] / m2; /* 1/r */
        for (size_t j = i + 1; j >= 1; j--) {
            double nr = cr[j] - (cr[j - 1] * ir - ci[j - 1] * ii);
            double ni = ci[j] - (cr[j - 1] * ii + ci[j - 1] * ir);
            cr[j] = nr;
            ci[j] = ni;
        }
    }
    for (size_t i = 0; i < deg; i++)
        ma[i] = cr[i + 1];
}

/* ------------------------------------------ stationary ARMA covariance */

static double theta_at(const double *theta, size_t i)
{
    return i == 0 ? 1.0 : theta[i - 1];
}

/* psi weights psi[0..r] and autocovariances gam[0..r] (sigma2 = 1) of the
 * ARMA(np, nq) process (Brockwell & Davis 1991 §3.3; method below).
 * Returns -1 when the AR part is not stationary. */
static int arma_acov(const problem *pb, const double *phi, const double *theta,
                     double *psi, double *gam)
{
    size_t np = pb->np, nq = pb->nq, r = pb->r;
    psi[0] = 1.0;
    for (size_t j = 1; j <= r; j++) {
        double v = j <= nq ? theta[j - 1] : 0.0;
        for (size_t i = 1; i <= j && i <= np; i++)
            v += phi[i - 1] * psi[j - i];
        psi[j] = v;
    }
    if (np == 0) {
        /* MA: gam_k = sum_{j=k}^{nq} theta_j theta_{j-k}, theta_0 = 1 */
        for (size_t k = 0; k <= r; k++) {
            double v = 0.0;
            for (size_t j = k; j <= nq; j++)
                v += theta_at(theta, j) * psi[j - k];
            gam[k] = v;
        }
        return 0;
    }
    /* y = theta(B) x with phi(B) x = e: gam_y(h) = sum_l g_l gam_x(h + l),
     * g the autocovariances of the MA filter (Brockwell & Davis 1991
     * eq. 3.2.3 / 3.3.1).  gam_x from the partial autocorrelations of phi by
     * the backward Levinson-Durbin recursion, then Yule-Walker upwards:
     * O(np^2) instead of the O(np^3) linear system of eq. (3.3.8), which
     * dominated the likelihood of seasonal AR models.  Also the exact
     * stationarity test (all |pacf| < 1). */
    size_t L = r + nq;
    double abuf[41 * 41], gxbuf[512], gbuf[256];
    int small = np <= 40 && L < 512 && nq < 256;
    double *A = small ? abuf : malloc((np + 1) * (np + 1) * sizeof(double));
    double *gx = small ? gxbuf : malloc((L + 1) * sizeof(double));
    double *g = small ? gbuf : malloc((nq + 1) * sizeof(double));
    int ok = A != NULL && gx != NULL && g != NULL;
    size_t ld = np + 1;
    /* row k of A: coefficients a^(k)_1..a^(k)_k of the order-k predictor */
    for (size_t j = 1; ok && j <= np; j++)
        A[np * ld + j] = phi[j - 1];
    double g0 = 1.0;
    for (size_t k = np; ok && k >= 1; k--) {
        double kap = A[k * ld + k], den = 1.0 - kap * kap;
        if (!(den > 0.0)) {
            ok = 0;
            break;
        }
        g0 /= den;
        for (size_t j = 1; j < k; j++)
            A[(k - 1) * ld + j] = (A[k * ld + j] + kap * A[k * ld + k - j]) / den;
    }
    if (ok) {
        gx[0] = g0;
        for (size_t k = 1; k <= np; k++) {
            double v = 0.0;
            for (size_t j = 1; j <= k; j++)
                v += A[k * ld + j] * gx[k - j];
            gx[k] = v;
        }
        for (size_t k = np + 1; k <= L; k++) {
            double v = 0.0;
            for (size_t i = 1; i <= np; i++)
                if (phi[i - 1] != 0.0)
                    v += phi[i - 1] * gx[k - i];
            gx[k] = v;
        }
        for (size_t l = 0; l <= nq; l++) {
            double v = 0.0;
            for (size_t i = 0; i + l <= nq; i++)
                v += theta_at(theta, i) * theta_at(theta, i + l);
            g[l] = v;
        }
        for (size_t h = 0; h <= r; h++) {
            double v = g[0] * gx[h];
            for (size_t l = 1; l <= nq; l++) {
                if (g[l] == 0.0)
                    continue;
                v += g[l] * (gx[h + l] + gx[h >= l ? h - l : l - h]);
            }
            gam[h] = v;
        }
        ok = gam[0] > 0.0 && isfinite(gam[0]);
    }
    if (!small) {
        free(A);
        free(gx);
        free(g);
    }
    return ok ? 0 : -1;
}

/* First row of the stationary state covariance P1 (= P1 Z with Z = e1):
 * Cov(y_t, x_{t,j}) = sum_{k=j}^{r-1} phi_k gam(k-j+1) + theta_k psi(k-j). */
static void p1_first_row(const problem *pb, const double *phi, const double *theta,
                         const double *psi, const double *gam, double *row)
{
    size_t r = pb->r;
    row[0] = gam[0];
    for (size_t j = 1; j < r; j++) {
        double v = 0.0;
        for (size_t k = j; k < r; k++) {
            double th = k == 0 ? 1.0 : theta[k - 1];
            v += phi[k] * gam[k - j + 1] + th * psi[k - j];
        }
        row[j] = v;
    }
}

/* Full stationary covariance from its first row, using P = T P T' + R R'
 * entry-wise for the companion T: O(r^2). P is ld x ld (top-left block). */
static void p1_full(const problem *pb, const double *phi, const double *theta,
                    const double *row, double *P, size_t ld)
{
    size_t r = pb->r;
#define PX(i, j) (((i) < r && (j) < r) ? P[(i) * ld + (j)] : 0.0)
    for (size_t j = 0; j < r; j++) {
        P[j] = row[j];
        P[j * ld] = row[j];
    }
    for (size_t i = r - 1; i >= 1; i--) {
        for (size_t j = r - 1; j >= i; j--) {
            double Ri = theta_at(theta, i), Rj = theta_at(theta, j);
            double v = Ri * Rj + phi[i] * phi[j] * row[0] + phi[i] * PX(0, j + 1) +
                       phi[j] * PX(i + 1, 0) + PX(i + 1, j + 1);
            P[i * ld + j] = v;
            P[j * ld + i] = v;
        }
    }
#undef PX
}

/* --------------------------------------------------- likelihood paths */

/* The full model of R's stats::arima: r ARMA states and dd differencing
 * states (the last dd values of the undifferenced series) with prior
 * variance kappa; Gardner et al. (1980) covariance on the ARMA block. */
static fc_status build_full_ss(const problem *pb, const double *phi, const double *theta,
                               const double *psi, const double *gam, fc_ss_model **out,
                               fc_error *err)
{
    size_t r = pb->r, dd = (size_t)pb->dd, m = r + dd;
    fc_ss_model *ss;
    fc_status st = fc_ss_alloc(m, &ss, err);
    if (st)
        return st;
    ss->Z[0] = 1.0;
    for (size_t i = 0; i < dd; i++)
        ss->Z[r + i] = pb->delta[i];
    for (size_t i = 0; i < r; i++) {
        ss->T[i * m] = phi[i];
        if (i + 1 < r)
            ss->T[i * m + i + 1] = 1.0;
    }
    if (dd > 0) {
        ss->T[r * m] = 1.0;
        for (size_t i = 0; i < dd; i++)
            ss->T[r * m + r + i] = pb->delta[i];
        for (size_t i = 1; i < dd; i++)
            ss->T[(r + i) * m + r + i - 1] = 1.0;
    }
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < r; j++)
            ss->Q[i * m + j] = theta_at(theta, i) * theta_at(theta, j);
    double *row = malloc(r * sizeof(double));
    if (!row) {
        fc_ss_free(ss);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the state covariance");
    }
    p1_first_row(pb, phi, theta, psi, gam, row);
    p1_full(pb, phi, theta, row, ss->P, m);
    free(row);
    for (size_t i = 0; i < dd; i++)
        ss->P[(r + i) * m + r + i] = pb->kappa;
    *out = ss;
    return FC_OK;
}

/* y - X beta over the full series (NaN kept). */
static void regression_residual(const problem *pb, const double *coef, double *w)
{
    size_t n = pb->n;
    memcpy(w, pb->z, n * sizeof(double));
    for (size_t j = 0; j < pb->k; j++) {
        double b = coef[pb->narma + j];
        const double *x = pb->X.X + j * n;
        for (size_t t = 0; t < n; t++)
            w[t] -= b * x[t];
    }
}

/* Filter sums at the full coefficient vector.  When full_ss is non-NULL,
 * the R-form model with the diffuse prior is run over the whole series
 * (and returned, updated to the end of the sample); std_resid (length n)
 * then receives R's residuals.  Returns FC_EDOMAIN if non-stationary. */
static fc_status eval_coef(problem *pb, const double *coef, fc_ss_loglik *ll,
                           fc_ss_model **full_ss, double *std_resid, fc_error *err)
{
    expand_arma(pb, coef, pb->phi, pb->theta);
    if (arma_acov(pb, pb->phi, pb->theta, pb->psi, pb->gam))
        return fc_fail(err, FC_EDOMAIN, "AR part is not stationary");
    if (!pb->has_missing && !full_ss) {
        size_t nw = pb->nw;
        for (size_t t = 0; t < nw; t++) {
            double v = pb->dz[t];
            for (size_t j = 0; j < pb->k; j++)
                v -= coef[pb->narma + j] * pb->dX[j * nw + t];
            pb->wbuf[t] = v;
        }
        p1_first_row(pb, pb->phi, pb->theta, pb->psi, pb->gam, pb->pz);
        return fc_ss_filter_arma(pb->phi, pb->r, pb->pz, pb->wbuf, nw, ll,
                                 pb->dd == 0 ? std_resid : NULL, err);
    }
    fc_ss_model *ss = NULL;
    fc_status st = build_full_ss(pb, pb->phi, pb->theta, pb->psi, pb->gam, &ss, err);
    if (st)
        return st;
    regression_residual(pb, coef, pb->wbuf);
    fc_ss_filter_options fo = fc_ss_filter_options_default();
    st = fc_ss_filter(ss, pb->wbuf, pb->n, &fo, ll, std_resid, err);
    if (st || !full_ss)
        fc_ss_free(ss);
    else
        *full_ss = ss;
    return st;
}

/* R's likelihood (kappa diffuse prior, gain rule) without missing values,
 * by rank-3 Chandrasekhar recursions.  With P1 = diag(P_inf, kappa I),
 * T P1 T' + Q - P1 vanishes except in row and column r (the first
 * differencing state): it equals e_r u' + u e_r' with
 *   u_a = phi_a P_inf[0][0] + P_inf[0][a+1] (a < r),
 *   u_r = (P_inf[0][0] + kappa (sum delta^2 - 1)) / 2,
 *   u_{r+j} = kappa delta_j (j = 1..dd-1),
 * so P2 - P1 = [e_r u K1] [[0 1 0][1 0 0][0 0 -1/F1]] [e_r u K1]'. */
static fc_status eval_kappa(problem *pb, const double *coef, fc_ss_loglik *ll, double *std_resid,
                            fc_error *err)
{
    size_t r = pb->r, dd = (size_t)pb->dd, m = r + dd, n = pb->n;
    expand_arma(pb, coef, pb->phi, pb->theta);
    if (arma_acov(pb, pb->phi, pb->theta, pb->psi, pb->gam))
        return fc_fail(err, FC_EDOMAIN, "AR part is not stationary");
    if (!pb->kss) {
        fc_status st = fc_ss_alloc(m, &pb->kss, err);
        if (st)
            return st;
    }
    fc_ss_model *ss = pb->kss;
    memset(ss->T, 0, m * m * sizeof(double));
    memset(ss->Z, 0, m * sizeof(double));
    memset(ss->a, 0, m * sizeof(double));
    ss->Z[0] = 1.0;
    for (size_t i = 0; i < dd; i++)
        ss->Z[r + i] = pb->delta[i];
    for (size_t i = 0; i < r; i++) {
        ss->T[i * m] = pb->phi[i];
        if (i + 1 < r)
            ss->T[i * m + i + 1] = 1.0;
    }
    ss->T[r * m] = 1.0;
    for (size_t i = 0; i < dd; i++)
        ss->T[r * m + r + i] = pb->delta[i];
    for (size_t i = 1; i < dd; i++)
        ss->T[(r + i) * m + r + i - 1] = 1.0;
    double *row = pb->pz; /* P_inf first row (r values) */
    p1_first_row(pb, pb->phi, pb->theta, pb->psi, pb->gam, row);
    double *work = malloc((m + m + 3 * m) * sizeof(double));
    if (!work)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the kappa filter");
    double *pz = work, *k1 = work + m, *W = work + 2 * m;
    double kappa = pb->kappa, d2 = 0.0;
    for (size_t i = 0; i < dd; i++)
        d2 += pb->delta[i] * pb->delta[i];
    for (size_t a = 0; a < r; a++)
        pz[a] = row[a];
    for (size_t i = 0; i < dd; i++)
        pz[r + i] = kappa * pb->delta[i];
    double F1 = row[0] + kappa * d2;
    for (size_t i = 0; i < m; i++) {
        double acc = 0.0;
        for (size_t j = 0; j < m; j++)
            acc += ss->T[i * m + j] * pz[j];
        k1[i] = acc;
    }
    for (size_t i = 0; i < m; i++) {
        double u;
        if (i < r)
            u = pb->phi[i] * row[0] + (i + 1 < r ? row[i + 1] : 0.0);
        else if (i == r)
            u = 0.5 * (row[0] + kappa * (d2 - 1.0));
        else
            u = kappa * pb->delta[i - r - 1];
        W[i * 3 + 0] = i == r ? 1.0 : 0.0;
        W[i * 3 + 1] = u;
        W[i * 3 + 2] = k1[i];
    }
    double M[9] = {0, 1, 0, 1, 0, 0, 0, 0, -1.0 / F1};
    regression_residual(pb, coef, pb->wbuf);
    fc_status st = fc_ss_filter_chandrasekhar_k(ss, pz, 3, W, M, pb->wbuf, n, 1e4, ll, std_resid, err);
    free(work);
    return st;
}

static double ml_objective(const fc_ss_loglik *ll)
{
    double nu = (double)ll->nused;
    return 0.5 * (log(ll->ssq / nu) + ll->sumlog / nu);
}

/* Conditional sum of squares (R's method "CSS"): ARMA residuals of the
 * differenced series, conditioning on the first np of them. */
static double css_objective(problem *pb, const double *coef, double *ssq_out, size_t *nu_out)
{
    expand_arma(pb, coef, pb->phi, pb->theta);
    size_t n = pb->n, dd = (size_t)pb->dd, np = pb->np, nq = pb->nq;
    size_t nw = n - dd;
    double *w = pb->wbuf, *e = pb->resid;
    if (!pb->has_missing) {
        /* the differenced series and design were computed once */
        for (size_t t = 0; t < nw; t++) {
            double v = pb->dz[t];
            for (size_t j = 0; j < pb->k; j++)
                v -= coef[pb->narma + j] * pb->dX[j * nw + t];
            w[t] = v;
        }
    } else {
        regression_residual(pb, coef, pb->wbuf);
        for (size_t t = 0; t < nw; t++) {
            double v = w[t + dd];
            for (size_t i = 0; i < dd; i++)
                v -= pb->delta[i] * w[t + dd - i - 1];
            w[t] = v; /* in place: reads only later indices */
        }
    }
    /* the expanded seasonal polynomials are sparse: loop over non-zeros */
    size_t ip[256], iq[256], nip = 0, niq = 0;
    double pc[256], qc[256];   /* the non-zero coefficients, lags in ip / iq */
    for (size_t i = 0; i < np && nip < 256; i++)
        if (pb->phi[i] != 0.0) {
            pc[nip] = pb->phi[i];
            ip[nip++] = i + 1;
        }
    for (size_t j = 0; j < nq && niq < 256; j++)
        if (pb->theta[j] != 0.0) {
            qc[niq] = pb->theta[j];
            iq[niq++] = j + 1;
        }
    double ssq = 0.0;
    size_t nu = 0;
    for (size_t t = 0; t < nw && t < np; t++)
        e[t] = 0.0;
    for (size_t t = np; t < nw; t++) {
        double v = w[t];
        for (size_t a = 0; a < nip; a++)
            v -= pc[a] * w[t - ip[a]];
        if (t >= np + nq) {
            /* all MA terms present (the common case: no bound checks) */
            for (size_t b = 0; b < niq; b++)
                v -= qc[b] * e[t - iq[b]];
        } else {
            size_t qmax = t - np;
            for (size_t b = 0; b < niq && iq[b] <= qmax; b++)
                v -= qc[b] * e[t - iq[b]];
        }
        if (isnan(v)) {
            e[t] = 0.0;
            continue;
        }
        e[t] = v;
        ssq += v * v;
        nu++;
    }
    if (ssq_out)
        *ssq_out = ssq;
    if (nu_out)
        *nu_out = nu;
    if (nu == 0 || !(ssq > 0.0) || !isfinite(ssq))
        return BIG_OBJECTIVE;
    return 0.5 * log(ssq / (double)nu);
}

/* ------------------------------------------------ parameter mapping */

static void x_to_coef(const problem *pb, const double *x, int transform, double *coef)
{
    for (size_t i = 0; i < pb->ncoef; i++)
        if (pb->is_fixed[i])
            coef[i] = pb->fixed_val[i];
    for (size_t j = 0; j < pb->nfree; j++) {
        size_t i = pb->free_idx[j];
        coef[i] = i >= pb->narma ? pb->reg_center[i] + pb->reg_scale[i] * x[j] : x[j];
    }
    if (transform) {
        size_t p = (size_t)pb->p, off = (size_t)(pb->p + pb->q);
        double tmp[64];
        if (p) {
            memcpy(tmp, coef, p * sizeof(double));
            fc_arma_pacf_to_ar(tmp, p, coef);
        }
        if (pb->P) {
            memcpy(tmp, coef + off, (size_t)pb->P * sizeof(double));
            fc_arma_pacf_to_ar(tmp, (size_t)pb->P, coef + off);
        }
    }
}

/* Inverse of x_to_coef; -1 if an AR block is not stationary. */
static int coef_to_x(const problem *pb, const double *coef, int transform, double *x)
{
    double c[512];
    size_t nc = pb->ncoef < 512 ? pb->ncoef : 512;
    memcpy(c, coef, nc * sizeof(double));
    if (transform) {
        size_t p = (size_t)pb->p, off = (size_t)(pb->p + pb->q);
        if (p && fc_arma_ar_to_pacf(coef, p, c))
            return -1;
        if (pb->P && fc_arma_ar_to_pacf(coef + off, (size_t)pb->P, c + off))
            return -1;
    }
    for (size_t j = 0; j < pb->nfree; j++) {
        size_t i = pb->free_idx[j];
        x[j] = i >= pb->narma ? (c[i] - pb->reg_center[i]) / pb->reg_scale[i] : c[i];
    }
    return 0;
}

/* ------------------------------------------------------- optimiser */

typedef struct {
    problem *pb;
    int css;
    int transform;
    double *coef;
} objective_ctx;

/* fc_objective_fn on an objective_ctx */
static double objective_at(void *ctx, const double *x)
{
    objective_ctx *c = ctx;
    problem *pb = c->pb;
    x_to_coef(pb, x, c->transform, c->coef);
    if (c->css)
        return css_objective(pb, c->coef, NULL, NULL);
    if (!c->transform) {
        /* without the PACF map, keep the search inside the stationary region */
        size_t off = (size_t)(pb->p + pb->q);
        if (!ar_stationary(c->coef, (size_t)pb->p) ||
            !ar_stationary(c->coef + off, (size_t)pb->P))
            return BIG_OBJECTIVE;
    }
    fc_ss_loglik ll;
    if (eval_coef(pb, c->coef, &ll, NULL, NULL, NULL) || ll.nused == 0)
        return BIG_OBJECTIVE;
    double f = ml_objective(&ll);
    return isfinite(f) ? f : BIG_OBJECTIVE;
}

#define GRAD_STEP 1e-5

typedef fc_bfgs_result opt_result; /* iterations, converged, fmin */

static fc_status minimise_bfgs(objective_ctx *c, double *x, size_t n, size_t max_iter,
                               double gtol, double ftol, opt_result *res, fc_error *err);

/* Minimises the objective from x (in place) with GSL's BFGS2.  Stops when
 * the gradient norm is below gtol, or when the objective has changed by
 * less than ftol (relative) over three consecutive iterations -- BFGS on
 * numerical gradients crawls along flat ridges, and the Newton refinement
 * that follows the ML search (newton_polish_vcov) finishes those. */
static fc_status minimise(objective_ctx *c, double *x, size_t n, size_t max_iter, double gtol,
                          double ftol, opt_result *res, fc_error *err)
{
    res->iterations = 0;
    res->converged = 1;
    res->fmin = objective_at(c, x);
    if (n == 0)
        return FC_OK;
    if (!(res->fmin < BIG_OBJECTIVE))
        return fc_fail(err, FC_ENUMERIC, "the likelihood cannot be evaluated at the starting values");
    if (c->pb->search)
        return minimise_bfgs(c, x, n, max_iter, gtol, ftol, res, err);
    if (fc_bfgs_minimise(objective_at, c, x, n, max_iter, gtol, ftol, GRAD_STEP, BIG_OBJECTIVE,
                         res))
        return fc_fail(err, FC_ENOMEM, "cannot allocate the optimiser");
    return FC_OK;
}

/* Numerical gradient of the objective at x (n values), f0 = the objective
 * at x.  ML: forward differences, n evaluations instead of the 2n of
 * central ones (truncation error ~ GRAD_STEP f'' / 2, far below the
 * search's gradient tolerance), backward where the forward side is outside
 * the admissible region, 0 where both are.  CSS (the starting values):
 * central differences as fc_bfgs_minimise -- the start decides which local maximum
 * ML reaches, and forward differences there changed it on R fixtures. */
static void num_gradient(objective_ctx *c, double *x, size_t n, double f0, double *g)
{
    if (c->css) {
        fc_central_gradient(objective_at, c, x, n, GRAD_STEP, BIG_OBJECTIVE, g);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        double x0 = x[i];
        x[i] = x0 + GRAD_STEP;
        double fp = objective_at(c, x);
        if (fp < BIG_OBJECTIVE) {
            g[i] = (fp - f0) / GRAD_STEP;
        } else {
            x[i] = x0 - GRAD_STEP;
            double fm = objective_at(c, x);
            g[i] = fm < BIG_OBJECTIVE ? (f0 - fm) / GRAD_STEP : 0.0;
        }
        x[i] = x0;
    }
}

/* The objective along x + alpha p, for the line search of minimise_bfgs. */
typedef struct {
    objective_ctx *c;
    const double *x, *p;
    double *xa;
    size_t n;
    double h;      /* finite-difference step in alpha */
} line_fn;

static double line_f(line_fn *L, double alpha)
{
    for (size_t i = 0; i < L->n; i++)
        L->xa[i] = L->x[i] + alpha * L->p[i];
    return objective_at(L->c, L->xa);
}

/* Directional derivative by a central difference along p (two
 * evaluations instead of the 2n of the full gradient); NaN when a side is
 * outside the admissible region. */
static double line_df(line_fn *L, double alpha)
{
    double fp = line_f(L, alpha + L->h), fm = line_f(L, alpha - L->h);
    if (fp >= BIG_OBJECTIVE || fm >= BIG_OBJECTIVE)
        return NAN;
    return (fp - fm) / (2.0 * L->h);
}

/* Minimiser of the quadratic through (a, fa) with slope da at a and
 * (b, fb), restricted to [lo, hi]; the midpoint when it has no minimum. */
static double quad_step(double a, double fa, double da, double b, double fb, double lo,
                        double hi)
{
    double d = b - a, curv = fb - fa - da * d;
    double t = curv > 0.0 ? a - da * d * d / (2.0 * curv) : 0.5 * (lo + hi);
    if (!isfinite(t))
        t = 0.5 * (lo + hi);
    return fmin(fmax(t, lo), hi);
}

/* Line search for the strong Wolfe conditions (sufficient decrease rho =
 * 0.01, curvature sigma = 0.1): bracketing, then sectioning (Fletcher 1987,
 * "Practical Methods of Optimization", §2.6, with tau1 = 9, tau2 = 0.05,
 * tau3 = 0.5, quadratic interpolation).  f0, d0: value and slope at 0.
 * Returns the accepted step (0 when none decreases f) and its value. */
static double wolfe_search(line_fn *L, double f0, double d0, double alpha, double *f_out)
{
    const double rho = 0.01, sigma = 0.1, tau1 = 9.0, tau2 = 0.05, tau3 = 0.5;
    double aprev = 0.0, fprev = f0, dprev = d0;
    double lo = 0.0, flo = f0, dlo = d0, hi = 0.0, fhi = f0;
    int bracketed = 0;
    for (int it = 0; it < 20 && !bracketed; it++) {
        double fa = line_f(L, alpha);
        if (!(fa < BIG_OBJECTIVE) || fa > f0 + rho * alpha * d0 || fa >= fprev) {
            lo = aprev, flo = fprev, dlo = dprev, hi = alpha, fhi = fa;
            bracketed = 1;
            break;
        }
        double da = line_df(L, alpha);
        if (!isfinite(da)) {
            *f_out = fa;
            return alpha;
        }
        if (fabs(da) <= -sigma * d0) {
            *f_out = fa;
            return alpha;
        }
        if (da >= 0.0) {
            lo = alpha, flo = fa, dlo = da, hi = aprev, fhi = fprev;
            bracketed = 1;
            break;
        }
        /* extrapolate within [2 alpha - aprev, alpha + tau1 (alpha - aprev)] */
        double span = alpha - aprev;
        double next = quad_step(alpha, fa, da, aprev, fprev, alpha + span, alpha + tau1 * span);
        if (da < 0.0 && dprev < 0.0 && da > dprev) {
            /* secant on the slopes */
            double t = alpha - da * span / (da - dprev);
            next = fmin(fmax(t, alpha + span), alpha + tau1 * span);
        }
        aprev = alpha, fprev = fa, dprev = da;
        alpha = next;
    }
    if (!bracketed) {
        *f_out = fprev;
        return aprev;
    }
    for (int it = 0; it < 20; it++) {
        double d = hi - lo;
        double a1 = lo + tau2 * d, a2 = hi - tau3 * d;
        double alo = fmin(a1, a2), ahi = fmax(a1, a2);
        double alpha_t = isfinite(fhi) && fhi < BIG_OBJECTIVE
                             ? quad_step(lo, flo, dlo, hi, fhi, alo, ahi)
                             : 0.5 * (alo + ahi);
        double fa = line_f(L, alpha_t);
        if (!(fa < BIG_OBJECTIVE) || fa > f0 + rho * alpha_t * d0 || fa >= flo) {
            hi = alpha_t, fhi = fa;
        } else {
            double da = line_df(L, alpha_t);
            if (!isfinite(da) || fabs(da) <= -sigma * d0) {
                *f_out = fa;
                return alpha_t;
            }
            if ((hi - lo) * da >= 0.0)
                hi = lo, fhi = flo;
            lo = alpha_t, flo = fa, dlo = da;
        }
        if (fabs(hi - lo) * (1.0 + fabs(dlo)) < 1e-14 * (1.0 + fabs(lo)))
            break;
    }
    *f_out = flo;
    return lo;
}

/* Quasi-Newton minimisation for the candidate fits of the automatic search:
 * the memoryless BFGS direction (Shanno 1978, Math. Oper. Res. 3(3);
 * Nocedal & Wright 2006 §7.2 with H0 = I) -- the method of GSL's BFGS2,
 * which fc_arima_fit uses, so that the search lands in the same optima --
 * with a strong Wolfe line search whose slopes are directional finite
 * differences (2 evaluations) instead of full numerical gradients (2n),
 * and num_gradient (n for ML) at the accepted points only.  About 2-3x
 * fewer likelihood evaluations than minimise; the candidate criteria
 * agree with fc_arima_fit's to the search tolerance (on multimodal
 * likelihoods the two may end in different local optima, as any change of
 * optimiser would).  Stops as minimise. */
static fc_status minimise_bfgs(objective_ctx *c, double *x, size_t n, size_t max_iter,
                               double gtol, double ftol, opt_result *res, fc_error *err)
{
    double *buf = malloc(6 * n * sizeof(double));
    if (!buf)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the optimiser");
    double *g = buf, *gn = g + n, *xn = gn + n, *p = xn + n, *s = p + n, *y = s + n;
    double f = res->fmin, df_prev = 0.0;
    num_gradient(c, x, n, f, g);
    int small = 0, converged = 0, have_prev = 0;
    size_t it = 0;
    line_fn L = {c, x, p, xn, n, 0.0};
    while (it < max_iter) {
        double gg = 0.0;
        for (size_t i = 0; i < n; i++)
            gg += g[i] * g[i];
        if (sqrt(gg) < gtol) {
            converged = 1;
            break;
        }
        it++;
        double slope = 0.0;
        if (have_prev) {
            double sg = 0.0, yg = 0.0, sy = 0.0, yy = 0.0;
            for (size_t i = 0; i < n; i++) {
                sg += s[i] * g[i];
                yg += y[i] * g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            double B = sy != 0.0 ? sg / sy : 0.0;
            double A = sy != 0.0 ? -(1.0 + yy / sy) * B + yg / sy : 0.0;
            for (size_t i = 0; i < n; i++) {
                p[i] = -g[i] + A * s[i] + B * y[i];
                slope += p[i] * g[i];
            }
        }
        double alpha;
        if (!have_prev || !(slope < 0.0)) {
            /* steepest descent, first step of length 0.1 (as fc_arima_fit) */
            double gn2 = sqrt(gg);
            for (size_t i = 0; i < n; i++)
                p[i] = -g[i] / gn2;
            slope = -gn2;
            alpha = 0.1;
        } else {
            /* Fletcher's estimate from the last decrease, at most 1 */
            double del = fmax(df_prev, 10.0 * DBL_EPSILON * fabs(f));
            alpha = fmin(1.0, 2.0 * del / -slope);
        }
        double pmax = 0.0;
        for (size_t i = 0; i < n; i++)
            pmax = fmax(pmax, fabs(p[i]));
        L.h = GRAD_STEP / pmax;
        double fn;
        double step = wolfe_search(&L, f, slope, alpha, &fn);
        if (!(step > 0.0) || !(fn < f))
            break;
        for (size_t i = 0; i < n; i++)
            xn[i] = x[i] + step * p[i];
        num_gradient(c, xn, n, fn, gn);
        for (size_t i = 0; i < n; i++) {
            s[i] = xn[i] - x[i];
            y[i] = gn[i] - g[i];
        }
        have_prev = 1;
        small = fabs(f - fn) <= ftol * (fabs(fn) + 1e-10) ? small + 1 : 0;
        df_prev = f - fn;
        memcpy(x, xn, n * sizeof(double));
        memcpy(g, gn, n * sizeof(double));
        f = fn;
        if (small >= 3) {
            converged = 1;
            break;
        }
    }
    double gg = 0.0;
    for (size_t i = 0; i < n; i++)
        gg += g[i] * g[i];
    res->iterations = it;
    res->fmin = f;
    /* no further descent at a small gradient: the optimum up to the noise
     * of the numerical derivatives (as GSL_ENOPROG in minimise) */
    res->converged = converged || sqrt(gg) < 1e-4;
    free(buf);
    return FC_OK;
}

/* --------------------------------------------------------- the fit */

struct fc_arima_priv {
    problem lite;          /* orders, differencing polynomial, kappa */
    double *w;             /* z - X beta: the ARIMA part of the sample */
    fc_regdesign X;
    fc_transform transform;
    double lambda;
    size_t nxreg;
};

void fc_arima_model_free(fc_arima_model *m)
{
    if (!m)
        return;
    if (m->coef_names)
        for (size_t i = 0; i < m->ncoef; i++)
            free(m->coef_names[i]);
    free(m->coef_names);
    free(m->coef);
    free(m->se);
    free(m->vcov);
    free(m->is_fixed);
    free(m->residuals);
    free(m->fitted);
    free(m->z);
    if (m->priv) {
        free(m->priv->lite.delta);
        free(m->priv->w);
        fc_regdesign_clear(&m->priv->X);
        free(m->priv);
    }
    free(m);
}

/* -loglik (up to a constant) at coef, for the Hessian. */
static double total_objective(problem *pb, const double *coef)
{
    fc_ss_loglik ll;
    if (eval_coef(pb, coef, &ll, NULL, NULL, NULL) || ll.nused == 0)
        return NAN;
    return (double)pb->n_used * ml_objective(&ll);
}

/* -loglik (up to a constant) in R's convention (kappa prior): the same as
 * total_objective when there is no differencing or y has missing values. */
static double kappa_objective(problem *pb, const double *coef)
{
    if (pb->has_missing || pb->dd == 0)
        return total_objective(pb, coef);
    fc_ss_loglik ll;
    if (eval_kappa(pb, coef, &ll, NULL, NULL) || ll.nused == 0)
        return NAN;
    return (double)pb->n_used * ml_objective(&ll);
}

/* Finite-difference steps for the free coefficients: regression
 * coefficients scaled by their OLS standard errors. */
static void fd_steps(const problem *pb, double base, double *h)
{
    for (size_t a = 0; a < pb->nfree; a++) {
        size_t i = pb->free_idx[a];
        h[a] = i >= pb->narma ? 10.0 * base * pb->reg_scale[i] : base;
    }
}

/* Central-difference Hessian H (k x k) of -loglik at coef in the original
 * parameterisation; f0 = objective at coef.  -1 if not finite. */
static int hessian_at(problem *pb, const double *coef, double f0, gsl_matrix *H, double *c,
                      const double *h)
{
    size_t k = pb->nfree, nc = pb->ncoef;
    memcpy(c, coef, nc * sizeof(double));
    for (size_t a = 0; a < k; a++) {
        size_t i = pb->free_idx[a];
        for (size_t b = a; b < k; b++) {
            size_t j = pb->free_idx[b];
            double v;
            if (a == b) {
                c[i] = coef[i] + h[a];
                double fp = total_objective(pb, c);
                c[i] = coef[i] - h[a];
                double fm = total_objective(pb, c);
                c[i] = coef[i];
                v = (fp - 2.0 * f0 + fm) / (h[a] * h[a]);
            } else {
                double f[4];
                for (int q = 0; q < 4; q++) {
                    c[i] = coef[i] + ((q & 1) ? -h[a] : h[a]);
                    c[j] = coef[j] + ((q & 2) ? -h[b] : h[b]);
                    f[q] = total_objective(pb, c);
                }
                c[i] = coef[i];
                c[j] = coef[j];
                v = (f[0] - f[1] - f[2] + f[3]) / (4.0 * h[a] * h[b]);
            }
            if (!isfinite(v))
                return -1;
            gsl_matrix_set(H, a, b, v);
            gsl_matrix_set(H, b, a, v);
        }
    }
    return 0;
}

/* Newton refinement after the quasi-Newton search, and the covariance of
 * the free coefficients.  The search maximised the exact diffuse
 * likelihood (fast); R maximises its kappa = 1e6 approximation, whose
 * maximiser differs by ~1e-5 in the coefficients (more on flat ridges,
 * where BFGS on numerical gradients also stops early).  Newton steps with
 * the gradient of R's objective and the exact Hessian H (computed once)
 * move coef to R's maximum.  vcov = H^{-1}, the inverse Hessian of -loglik
 * in the original parameterisation (R's var.coef is the same quantity,
 * computed through the PACF map with coarser steps).  coef is updated in
 * place; vcov is ncoef^2, NaN where unavailable. */
static void newton_polish_vcov(problem *pb, double *coef, int polish, double *vcov)
{
    size_t k = pb->nfree, nc = pb->ncoef;
    for (size_t i = 0; i < nc * nc; i++)
        vcov[i] = NAN;
    if (k == 0)
        return;
    double *c = malloc(nc * sizeof(double));
    double *trial = malloc(nc * sizeof(double));
    double *h = malloc(k * sizeof(double));
    double *hg = malloc(k * sizeof(double));
    double *g = malloc(k * sizeof(double));
    gsl_matrix *H = gsl_matrix_alloc(k, k);
    gsl_vector *d = gsl_vector_alloc(k);
    if (!c || !trial || !h || !hg || !g || !H || !d)
        goto done;
    fd_steps(pb, 1e-4, h);
    /* kappa = 1e6 costs ~6 digits to cancellation: gradient steps as large
     * as the Hessian's */
    fd_steps(pb, 1e-4, hg);
    double f0 = total_objective(pb, coef);
    if (!isfinite(f0) || hessian_at(pb, coef, f0, H, c, h) ||
        gsl_linalg_cholesky_decomp1(H))
        goto done;
    double fk = polish ? kappa_objective(pb, coef) : NAN;
    /* One Newton step is enough: the exact and kappa maximisers are close
     * and H is accurate there; more would chase rounding noise. */
    for (int it = 0; polish && isfinite(fk) && it < 1; it++) {
        memcpy(c, coef, nc * sizeof(double));
        int ok = 1;
        for (size_t a = 0; a < k && ok; a++) {
            size_t i = pb->free_idx[a];
            c[i] = coef[i] + hg[a];
            double fp = kappa_objective(pb, c);
            c[i] = coef[i] - hg[a];
            double fm = kappa_objective(pb, c);
            c[i] = coef[i];
            g[a] = (fp - fm) / (2.0 * hg[a]);
            ok = isfinite(g[a]);
        }
        gsl_vector_view gv = gsl_vector_view_array(g, k);
        if (!ok || gsl_linalg_cholesky_solve(H, &gv.vector, d))
            break;
        double dmax = 0.0;
        for (size_t a = 0; a < k; a++)
            dmax = fmax(dmax, fabs(gsl_vector_get(d, a)) / h[a]);
        /* steps below ~1e-6 are at the noise level of the kappa = 1e6
         * likelihood's numerical gradient (and far below what matters) */
        if (dmax < 1e-2)
            break;
        int accepted = 0;
        double step = 1.0, fnew = fk;
        for (int ls = 0; ls < 2 && !accepted; ls++, step *= 0.5) {
            memcpy(trial, coef, nc * sizeof(double));
            for (size_t a = 0; a < k; a++)
                trial[pb->free_idx[a]] -= step * gsl_vector_get(d, a);
            size_t off = (size_t)(pb->p + pb->q);
            if (!ar_stationary(trial, (size_t)pb->p) ||
                !ar_stationary(trial + off, (size_t)pb->P))
                continue;
            fnew = kappa_objective(pb, trial);
            accepted = isfinite(fnew) && fnew < fk;
        }
        if (!accepted)
            break;
        memcpy(coef, trial, nc * sizeof(double));
        fk = fnew;
    }
    if (gsl_linalg_cholesky_invert(H))
        goto done;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            vcov[pb->free_idx[a] * nc + pb->free_idx[b]] = gsl_matrix_get(H, a, b);
done:
    free(c);
    free(trial);
    free(h);
    free(hg);
    free(g);
    gsl_matrix_free(H);
    gsl_vector_free(d);
}

/* Starting values: zeros for ARMA, OLS on the differenced data for the
 * regression (R), then the user's init; optionally refined by CSS. */
static fc_status starting_values(problem *pb, const fc_arima_spec *spec,
                                 const fc_arima_options *o, double *coef, fc_error *err)
{
    memset(coef, 0, pb->ncoef * sizeof(double));
    if (pb->k) {
        double *beta = pb->coef, *se = pb->gam; /* scratch, overwritten later */
        double *b = malloc(2 * pb->k * sizeof(double));
        if (!b)
            return fc_fail(err, FC_ENOMEM, "cannot allocate regression start");
        (void)beta;
        (void)se;
        fc_status st = fc_regarima_ols(&pb->X, pb->z, pb->delta, (size_t)pb->dd, b, b + pb->k, err);
        if (st) {
            free(b);
            return st;
        }
        for (size_t j = 0; j < pb->k; j++) {
            coef[pb->narma + j] = b[j];
            pb->reg_center[pb->narma + j] = b[j];
            pb->reg_scale[pb->narma + j] = b[pb->k + j];
        }
        free(b);
    }
    for (size_t i = 0; i < pb->ncoef; i++) {
        if (pb->is_fixed[i])
            coef[i] = pb->fixed_val[i];
        else if (spec->init && isfinite(spec->init[i]))
            coef[i] = spec->init[i];
    }
    if (!o->css_start && o->method == FC_ARIMA_ML)
        return FC_OK;
    /* CSS refinement (R's "CSS-ML"); kept only if its AR parts are
     * stationary, else the plain starting values are used. */
    double *x = malloc((pb->nfree + 1) * sizeof(double));
    double *c = malloc(pb->ncoef * sizeof(double) + 1);
    if (!x || !c) {
        free(x);
        free(c);
        return fc_fail(err, FC_ENOMEM, "cannot allocate CSS start");
    }
    coef_to_x(pb, coef, 0, x);
    objective_ctx ctx = {pb, 1, 0, c};
    opt_result res;
    /* Converged CSS estimates, as R's "CSS-ML": a loosely converged start
     * can lead ML into another basin (e.g. an MA root on the unit circle
     * instead of R's interior maximum). */
    fc_status st = minimise(&ctx, x, pb->nfree, o->max_iter, o->gtol, 1e-12, &res, err);
    if (st == FC_OK) {
        x_to_coef(pb, x, 0, c);
        size_t off = (size_t)(pb->p + pb->q);
        if (ar_stationary(c, (size_t)pb->p) && ar_stationary(c + off, (size_t)pb->P)) {
            if (!pb->is_fixed[0] || pb->q == 0) {
                int ma_free = 1;
                for (int i = 0; i < pb->q; i++)
                    ma_free &= !pb->is_fixed[pb->p + i];
                if (ma_free)
                    ma_invert(c + pb->p, (size_t)pb->q);
            }
            int sma_free = 1;
            for (int i = 0; i < pb->Q; i++)
                sma_free &= !pb->is_fixed[off + (size_t)pb->P + (size_t)i];
            if (sma_free)
                ma_invert(c + off + pb->P, (size_t)pb->Q);
            memcpy(coef, c, pb->ncoef * sizeof(double));
        } else if (o->method == FC_ARIMA_CSS) {
            memcpy(coef, c, pb->ncoef * sizeof(double));
        }
    } else if (st != FC_ENUMERIC) {
        free(x);
        free(c);
        return st;
    }
    free(x);
    free(c);
    return FC_OK;
}

static fc_status model_alloc(const problem *pb, const fc_series *y, const fc_arima_spec *spec,
                             fc_arima_model **out, fc_error *err)
{
    fc_arima_model *m = calloc(1, sizeof *m);
    if (!m)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the model");
    size_t nc = pb->ncoef, n = pb->n;
    m->spec = *spec;
    m->spec.xreg = NULL;
    m->spec.xreg_names = NULL;
    m->spec.fixed = NULL;
    m->spec.init = NULL;
    m->spec.order.period = pb->s;
    m->period = pb->s;
    m->ncoef = nc;
    m->n = n;
    m->freq = y->freq;
    m->start = y->start;
    m->coef_names = calloc(nc + 1, sizeof(char *));
    m->coef = calloc(nc + 1, sizeof(double));
    m->se = calloc(nc + 1, sizeof(double));
    m->vcov = calloc(nc * nc + 1, sizeof(double));
    m->is_fixed = calloc(nc + 1, sizeof(int));
    m->residuals = calloc(n + 1, sizeof(double));
    m->fitted = calloc(n + 1, sizeof(double));
    m->z = calloc(n + 1, sizeof(double));
    m->priv = calloc(1, sizeof *m->priv);
    int ok = m->coef_names && m->coef && m->se && m->vcov && m->is_fixed && m->residuals &&
             m->fitted && m->z && m->priv;
    for (size_t i = 0; ok && i < nc; i++) {
        char buf[32];
        const char *name = buf;
        if (i < pb->narma)
            coef_names_arma(pb, i, buf, sizeof buf);
        else
            name = pb->X.names[i - pb->narma];
        size_t len = strlen(name) + 1;
        m->coef_names[i] = malloc(len);
        if (!m->coef_names[i])
            ok = 0;
        else
            memcpy(m->coef_names[i], name, len);
    }
    if (!ok) {
        fc_arima_model_free(m);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the model");
    }
    *out = m;
    return FC_OK;
}

/* Invert MA blocks whose coefficients are all free (R's maInvert). */
static void invert_free_ma(const problem *pb, double *coef)
{
    size_t p = (size_t)pb->p, q = (size_t)pb->q, P = (size_t)pb->P, Q = (size_t)pb->Q;
    int free_ma = 1, free_sma = 1;
    for (size_t i = 0; i < q; i++)
        free_ma &= !pb->is_fixed[p + i];
    for (size_t i = 0; i < Q; i++)
        free_sma &= !pb->is_fixed[p + q + P + i];
    if (q && free_ma)
        ma_invert(coef + p, q);
    if (Q && free_sma)
        ma_invert(coef + p + q + P, Q);
}

/* Likelihood summaries, residuals and the end-of-sample state. */
static fc_status finish_model(problem *pb, const double *coef, const fc_arima_options *o,
                              fc_arima_model *m, fc_error *err)
{
    size_t nc = pb->ncoef, n = pb->n;
    if (o->method == FC_ARIMA_CSS || !o->compute_se)
        for (size_t i = 0; i < nc * nc; i++)
            m->vcov[i] = NAN;
    memcpy(m->coef, coef, nc * sizeof(double));
    for (size_t i = 0; i < nc; i++)
        m->is_fixed[i] = pb->is_fixed[i];
    m->nfree = pb->nfree;
    m->nobs = pb->n_used;
    /* R's likelihood and residuals: rank-3 Chandrasekhar (differenced
     * model), the ARMA fast path (no differencing) or the Kalman filter
     * (missing values). */
    fc_ss_loglik ll;
    fc_status st;
    if (pb->search && !pb->has_missing && pb->dd > 0) {
        /* candidate of the automatic search: R's kappa likelihood by the
         * rank-3 recursions (~1e-8 relative; the winner is refitted by
         * fc_arima_fit, which takes the exact pass below) */
        st = eval_kappa(pb, coef, &ll, m->residuals, err);
    } else if (pb->has_missing || pb->dd > 0) {
        /* the Kalman filter with R's diffuse prior, in R's order of
         * operations: reproduces R's loglik, sigma2 and residuals at given
         * coefficients to ~1e-13 (the rank-3 recursions used while
         * polishing agree to ~1e-8 only: kappa = 1e6 cancellations) */
        fc_ss_model *full = NULL;
        st = eval_coef(pb, coef, &ll, &full, m->residuals, err);
        fc_ss_free(full);
    } else {
        st = eval_coef(pb, coef, &ll, NULL, m->residuals, err);
    }
    if (st)
        return st;
    if (o->method == FC_ARIMA_CSS) {
        double ssq;
        size_t nu;
        double f = css_objective(pb, coef, &ssq, &nu);
        m->sigma2 = m->sigma2_ml = ssq / (double)nu;
        m->loglik = -0.5 * (2.0 * (double)pb->n_used * f + (double)pb->n_used +
                            (double)pb->n_used * log(2.0 * M_PI));
        m->aic = m->aicc = m->bic = NAN;
    } else {
        /* Reported as R does: the kappa = 1e6 filter `ll` (R's value
         * differs from the exact diffuse one by about 1e-5 relative). */
        fc_ss_loglik fast = ll;
        if (!pb->has_missing) {
            st = eval_coef(pb, coef, &fast, NULL, NULL, err);
            if (st)
                return st;
        }
        m->loglik_exact = fc_ss_concentrated_loglik(&fast, pb->n_used);
        m->sigma2_ml = ll.ssq / (double)pb->n_used;
        m->loglik = fc_ss_concentrated_loglik(&ll, pb->n_used);
        /* forecast::Arima's sigma2: sum of squared residuals (all of
         * them, including the diffuse start) over nobs - k. */
        double rss = 0.0;
        for (size_t t = 0; t < n; t++)
            if (!isnan(m->residuals[t]))
                rss += m->residuals[t] * m->residuals[t];
        m->sigma2 = pb->n_used > pb->nfree ? rss / (double)(pb->n_used - pb->nfree) : NAN;
        double npar = (double)pb->nfree + 1.0, nstar = (double)pb->n_used;
        m->aic = -2.0 * m->loglik + 2.0 * npar;
        m->aicc = nstar - npar - 1.0 > 0 ? m->aic + 2.0 * npar * (nstar / (nstar - npar - 1.0) - 1.0)
                                         : NAN;
        m->bic = m->aic + npar * (log(nstar) - 2.0);
    }
    for (size_t i = 0; i < nc; i++) {
        double v = m->vcov[i * nc + i];
        m->se[i] = v > 0.0 ? sqrt(v) : NAN;
    }
    memcpy(m->z, pb->z, n * sizeof(double));
    for (size_t t = 0; t < n; t++)
        m->fitted[t] = fc_transform_invert(m->spec.transform, m->spec.lambda,
                                           pb->z[t] - m->residuals[t]);
    return FC_OK;
}

/* A series that is constant after differencing (and, with a mean, drift or
 * regressors, one that those terms reproduce exactly) leaves sigma2 = 0 and
 * the ARMA coefficients unidentified: R's arima stops on a singular Hessian.
 * We say why instead of returning a degenerate fit. */
static fc_status check_not_degenerate(const problem *pb, const fc_arima_spec *spec,
                                      fc_error *err)
{
    double lo = INFINITY, hi = -INFINITY, scale = 0.0;
    size_t used = 0;
    for (size_t t = (size_t)pb->dd; t < pb->n; t++) {
        double w = pb->z[t];
        for (int i = 0; i < pb->dd && !isnan(w); i++)
            w -= pb->delta[i] * pb->z[t - 1 - (size_t)i];
        if (isnan(w))
            continue;
        used++;
        lo = fmin(lo, w);
        hi = fmax(hi, w);
        scale = fmax(scale, fabs(pb->z[t]));
    }
    /* with every coefficient fixed the model is deterministic and sigma2 = 0
     * is its honest answer (R's Arima(fixed = ...) too) */
    if (pb->nfree == 0 || used < 2 || hi - lo > 1e-12 * (1.0 + scale))
        return FC_OK;
    int absorbed = (lo == 0.0 && hi == 0.0) || spec->include_mean ||
                   spec->include_drift || spec->nxreg > 0;
    if (!absorbed)
        return FC_OK;
    char label[64];
    fc_arima_order_format(&spec->order, pb->s, label, sizeof label);
    return fc_fail(err, FC_ESINGULAR,
                   "%s: the series is constant%s (all %zu usable values equal %.6g), so the "
                   "innovation variance is 0 and the coefficients are not identified; "
                   "the series is deterministic", label, pb->dd ? " after differencing" : "",
                   used, lo);
}

static fc_status arima_fit(const fc_series *y, const fc_arima_spec *spec,
                           const fc_arima_options *opt, int search, fc_arima_model **out,
                           fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_arima_fit: NULL output pointer");
    *out = NULL;
    fc_gsl_quiet();
    fc_arima_options o = fc_arima_options_effective(opt);
    problem pb;
    fc_status st = problem_setup(&pb, y, spec, o.transform_pars, o.kappa, err);
    if (st) {
        problem_clear(&pb);
        return st;
    }
    st = check_not_degenerate(&pb, spec, err);
    if (st) {
        problem_clear(&pb);
        return st;
    }
    /* the search's CSS fits (R's approximation for long series) keep GSL's
     * BFGS2: their criteria order the exact refits, and near-ties there
     * decided differently from R with the other optimiser */
    pb.search = search && o.method != FC_ARIMA_CSS;
    if (pb.ncoef > 500) {
        problem_clear(&pb);
        return fc_fail(err, FC_EINVAL, "too many coefficients (%zu > 500)", pb.ncoef);
    }
    double *coef = calloc(pb.ncoef + 1, sizeof(double));
    double *x = calloc(pb.nfree + 1, sizeof(double));
    double *cbuf = calloc(pb.ncoef + 1, sizeof(double));
    fc_arima_model *m = NULL;
    if (!coef || !x || !cbuf) {
        st = fc_fail(err, FC_ENOMEM, "cannot allocate the fit");
        goto done;
    }
    st = starting_values(&pb, spec, &o, coef, err);
    if (st)
        goto done;
    opt_result res = {0, 1, 0.0};
    if (o.method != FC_ARIMA_CSS) {
        int transform = pb.transform;
        if (coef_to_x(&pb, coef, transform, x)) {
            /* non-stationary start: restart the AR parts from zero */
            for (size_t i = 0; i < pb.narma; i++)
                if (!pb.is_fixed[i] && (i < (size_t)pb.p ||
                                        (i >= (size_t)(pb.p + pb.q) && i < (size_t)(pb.p + pb.q + pb.P))))
                    coef[i] = 0.0;
            coef_to_x(&pb, coef, transform, x);
        }
        objective_ctx ctx = {&pb, 0, transform, cbuf};
        st = minimise(&ctx, x, pb.nfree, o.max_iter, o.gtol, 1e-12, &res, err);
        if (st)
            goto done;
        if (!res.converged) {
            char label[64];
            fc_arima_order_format(&spec->order, pb.s, label, sizeof label);
            st = fc_fail(err, FC_ENOCONV,
                         "%s: the likelihood maximisation did not converge after %zu iterations",
                         label, res.iterations);
            goto done;
        }
        x_to_coef(&pb, x, transform, coef);
        if (transform)
            invert_free_ma(&pb, coef);
    }
    st = model_alloc(&pb, y, spec, &m, err);
    if (st)
        goto done;
    if (o.method != FC_ARIMA_CSS && (o.compute_se || o.polish)) {
        newton_polish_vcov(&pb, coef, o.polish, m->vcov);
        /* a maximum on the invertibility boundary may be crossed by the
         * Newton step: back to the invertible representation, as R's
         * maInvert (the likelihood is the same) */
        if (pb.transform)
            invert_free_ma(&pb, coef);
    }
    m->converged = res.converged;
    m->iterations = res.iterations;
    st = finish_model(&pb, coef, &o, m, err);
    if (st)
        goto done;
    /* what forecasting needs: the orders and w = z - X beta; the state
     * at the end of the sample is recomputed by each forecast call */
    m->priv->w = malloc((pb.n ? pb.n : 1) * sizeof(double));
    if (!m->priv->w) {
        st = fc_fail(err, FC_ENOMEM, "cannot allocate the model");
        goto done;
    }
    regression_residual(&pb, coef, m->priv->w);
    problem *L = &m->priv->lite;
    memset(L, 0, sizeof *L);
    L->p = pb.p;
    L->q = pb.q;
    L->P = pb.P;
    L->Q = pb.Q;
    L->s = pb.s;
    L->d = pb.d;
    L->D = pb.D;
    L->dd = pb.dd;
    L->np = pb.np;
    L->nq = pb.nq;
    L->r = pb.r;
    L->narma = pb.narma;
    L->n = pb.n;
    L->kappa = pb.kappa;
    L->delta = pb.delta;
    pb.delta = NULL;
    m->priv->X = pb.X;
    memset(&pb.X, 0, sizeof pb.X);
    m->priv->transform = spec->transform;
    m->priv->lambda = spec->lambda;
    m->priv->nxreg = spec->nxreg;
    *out = m;
    m = NULL;
done:
    fc_arima_model_free(m);
    free(coef);
    free(x);
    free(cbuf);
    problem_clear(&pb);
    return st;
}

fc_status fc_arima_fit(const fc_series *y, const fc_arima_spec *spec,
                       const fc_arima_options *opt, fc_arima_model **out, fc_error *err)
{
    return arima_fit(y, spec, opt, 0, out, err);
}

fc_status fc_arima_fit_search(const fc_series *y, const fc_arima_spec *spec,
                              const fc_arima_options *opt, fc_arima_model **out, fc_error *err)
{
    return arima_fit(y, spec, opt, 1, out, err);
}

fc_status fc_arima_loglik(const fc_series *y, const fc_arima_spec *spec, const double *coef,
                          double *loglik, double *sigma2, size_t *nobs, fc_error *err)
{
    if (!coef || !loglik)
        return fc_fail(err, FC_EINVAL, "fc_arima_loglik: NULL argument");
    fc_gsl_quiet();
    problem pb;
    fc_status st = problem_setup(&pb, y, spec, 0, 1e6, err);
    if (!st) {
        size_t off = (size_t)(pb.p + pb.q);
        if (!ar_stationary(coef, (size_t)pb.p) || !ar_stationary(coef + off, (size_t)pb.P))
            st = fc_fail(err, FC_EDOMAIN, "the AR part of the coefficients is not stationary");
    }
    fc_ss_loglik ll;
    fc_ss_model *full = NULL;
    if (!st)
        st = eval_coef(&pb, coef, &ll, &full, NULL, err);
    fc_ss_free(full);
    if (!st) {
        *loglik = fc_ss_concentrated_loglik(&ll, pb.n_used);
        if (sigma2)
            *sigma2 = ll.ssq / (double)pb.n_used;
        if (nobs)
            *nobs = pb.n_used;
    }
    problem_clear(&pb);
    return st;
}

/* ---------------------------------------------------------- forecasts */

void fc_forecast_free(fc_forecast *f)
{
    if (!f)
        return;
    free(f->mean);
    free(f->se);
    free(f->mean_transformed);
    free(f->levels);
    free(f->lower);
    free(f->upper);
    free(f);
}

/* The R-form state space filtered through the sample (Kalman filter with
 * the diffuse prior, as R's predict.Arima starts from). */
static fc_status end_of_sample_state(const fc_arima_model *m, fc_ss_model **out, fc_error *err)
{
    const problem *L = &m->priv->lite;
    size_t r = L->r;
    double *buf = calloc(4 * (r + 2), sizeof(double));
    if (!buf)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the forecast state");
    double *phi = buf, *theta = buf + (r + 2), *psi = buf + 2 * (r + 2), *gam = buf + 3 * (r + 2);
    expand_arma(L, m->coef, phi, theta);
    fc_status st = FC_OK;
    if (arma_acov(L, phi, theta, psi, gam))
        st = fc_fail(err, FC_EDOMAIN, "AR part is not stationary");
    fc_ss_model *ss = NULL;
    if (!st)
        st = build_full_ss(L, phi, theta, psi, gam, &ss, err);
    free(buf);
    fc_ss_loglik ll;
    fc_ss_filter_options fo = fc_ss_filter_options_default();
    if (!st)
        st = fc_ss_filter(ss, m->priv->w, m->n, &fo, &ll, NULL, err);
    if (st) {
        fc_ss_free(ss);
        return st;
    }
    *out = ss;
    return FC_OK;
}

fc_status fc_arima_forecast_joint(const fc_arima_model *m, size_t h, const double *future_xreg,
                                  double *mean_z, double *cov, fc_error *err)
{
    if (!m || !m->priv || !m->priv->w || !mean_z)
        return fc_fail(err, FC_EINVAL, "fc_arima_forecast_joint: NULL argument");
    if (h == 0)
        return fc_fail(err, FC_EINVAL, "forecast horizon must be at least 1");
    const struct fc_arima_priv *pv = m->priv;
    fc_ss_model *ss = NULL;
    fc_status sst = end_of_sample_state(m, &ss, err);
    if (sst)
        return sst;
    size_t k = pv->X.k, na = m->ncoef - k;
    double *cv = cov;
    double *own = NULL;
    if (!cv) {
        own = malloc(h * h * sizeof(double));
        if (!own)
            return fc_fail(err, FC_ENOMEM, "cannot allocate forecast covariance");
        cv = own;
    }
    fc_status st = fc_ss_forecast(ss, h, mean_z, cv, err);
    fc_ss_free(ss);
    if (!st && k) {
        double *xf = malloc(h * k * sizeof(double));
        if (!xf)
            st = fc_fail(err, FC_ENOMEM, "cannot allocate future regressors");
        else
            st = fc_regdesign_future(&pv->X, h, future_xreg, pv->nxreg, xf, err);
        for (size_t j = 0; !st && j < k; j++)
            for (size_t i = 0; i < h; i++)
                mean_z[i] += m->coef[na + j] * xf[j * h + i];
        free(xf);
    }
    if (!st && cov)
        for (size_t i = 0; i < h * h; i++)
            cov[i] *= m->sigma2;
    free(own);
    return st;
}

fc_status fc_arima_forecast_ex(const fc_arima_model *m, size_t h, const double *levels,
                               size_t nlevels, const double *future_xreg,
                               const fc_arima_forecast_options *fopt, fc_forecast **out,
                               fc_error *err)
{
    if (!out || !m)
        return fc_fail(err, FC_EINVAL, "fc_arima_forecast: NULL argument");
    *out = NULL;
    if (h == 0)
        return fc_fail(err, FC_EINVAL, "forecast horizon must be at least 1");
    if (nlevels && !levels)
        return fc_fail(err, FC_EINVAL, "nlevels = %zu but levels is NULL", nlevels);
    for (size_t l = 0; l < nlevels; l++)
        if (!(levels[l] > 0.0 && levels[l] < 100.0))
            return fc_fail(err, FC_EINVAL, "interval level %g is not in (0, 100) percent",
                           levels[l]);
    fc_arima_forecast_options fo = fopt ? *fopt : fc_arima_forecast_options_default();
    fc_forecast *f = calloc(1, sizeof *f);
    double *cov = malloc(h * h * sizeof(double));
    if (f) {
        f->mean = malloc(h * sizeof(double));
        f->se = malloc(h * sizeof(double));
        f->mean_transformed = malloc(h * sizeof(double));
        f->levels = malloc((nlevels + 1) * sizeof(double));
        f->lower = malloc((nlevels * h + 1) * sizeof(double));
        f->upper = malloc((nlevels * h + 1) * sizeof(double));
    }
    if (!f || !cov || !f->mean || !f->se || !f->mean_transformed || !f->levels || !f->lower ||
        !f->upper) {
        fc_forecast_free(f);
        free(cov);
        return fc_fail(err, FC_ENOMEM, "cannot allocate a forecast of %zu steps", h);
    }
    f->h = h;
    f->nlevels = nlevels;
    f->freq = m->freq;
    f->start = fc_period_add(m->start, m->freq, (long)m->n);
    fc_status st = fc_arima_forecast_joint(m, h, future_xreg, f->mean_transformed, cov, err);
    if (st) {
        fc_forecast_free(f);
        free(cov);
        return st;
    }
    fc_transform tr = m->spec.transform;
    double lam = m->spec.lambda;
    for (size_t i = 0; i < h; i++) {
        double var = cov[i * h + i];
        f->se[i] = sqrt(var);
        double mz = f->mean_transformed[i];
        f->mean[i] = fo.biasadj ? invert_biasadj(tr, lam, mz, var) : fc_transform_invert(tr, lam, mz);
    }
    for (size_t l = 0; l < nlevels; l++) {
        f->levels[l] = levels[l];
        double zq = gsl_cdf_ugaussian_Pinv(0.5 + levels[l] / 200.0);
        for (size_t i = 0; i < h; i++) {
            double mz = f->mean_transformed[i];
            f->lower[l * h + i] = fc_transform_invert(tr, lam, mz - zq * f->se[i]);
            f->upper[l * h + i] = fc_transform_invert(tr, lam, mz + zq * f->se[i]);
        }
    }
    free(cov);
    *out = f;
    return FC_OK;
}

fc_status fc_arima_forecast(const fc_arima_model *m, size_t h, const double *levels,
                            size_t nlevels, const double *future_xreg, fc_forecast **out,
                            fc_error *err)
{
    return fc_arima_forecast_ex(m, h, levels, nlevels, future_xreg, NULL, out, err);
}
