/* The production X-11 pipeline of X-13ARIMA-SEATS: regARIMA pre-adjustment
 * (log/level test, calendar regressors by AICC, automatic ARIMA, AO/LS/TC
 * outliers, forecast extension), X-11 on the pre-adjusted series, calendar
 * effects removed from the seasonally adjusted series.
 *
 * References: X-13ARIMA-SEATS Reference Manual (US Census Bureau, v1.1),
 * specs transform, regression (aictest), outlier, forecast, x11; Chen & Liu
 * (1993) "Joint estimation of model parameters and outlier effects in time
 * series", JASA 88:284-297, for the outlier t-statistics.  Compared with the
 * shared X-13 `auto` runs in tests/test_x11.c (choices, regressors, D11). */
#include "internal.h"
#include "regarima_profile.h"
#include "forecast/seasonal.h"
#include "automdl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXREG FC_X11_AUTO_MAXREG

typedef enum { REG_CAL = 0, REG_AO, REG_LS, REG_TC } reg_kind;

/* Regressors over the observations and the forecast horizon (N = n + h). */
typedef struct {
    size_t n, h, N, k;
    double *col[MAXREG];
    char name[MAXREG][24];
    reg_kind kind[MAXREG];
    size_t at[MAXREG];          /* outlier position */
} regset;

static void regset_clear(regset *r)
{
    for (size_t j = 0; j < r->k; j++)
        free(r->col[j]);
    r->k = 0;
}

static void regset_drop(regset *r, size_t j)
{
    free(r->col[j]);
    for (size_t i = j + 1; i < r->k; i++) {
        r->col[i - 1] = r->col[i];
        memcpy(r->name[i - 1], r->name[i], sizeof r->name[i]);
        r->kind[i - 1] = r->kind[i];
        r->at[i - 1] = r->at[i];
    }
    r->k--;
}

static double *regset_add(regset *r, const char *name, reg_kind kind, size_t at)
{
    if (r->k >= MAXREG)
        return NULL;
    double *c = calloc(r->N, sizeof *c);
    if (!c)
        return NULL;
    r->col[r->k] = c;
    snprintf(r->name[r->k], sizeof r->name[r->k], "%s", name);
    r->kind[r->k] = kind;
    r->at[r->k] = at;
    r->k++;
    return c;
}

/* Adds the calendar columns of spec (fc_calendar_matrix_build syntax). */
static fc_status regset_add_calendar(regset *r, const char *spec, int freq, fc_period start,
                                     const fc_calendar_options *cal, fc_error *err)
{
    fc_calendar_matrix *m = NULL;
    fc_status st = fc_calendar_matrix_build(spec, freq, start, r->N, cal, &m, err);
    if (st)
        return st;
    for (size_t j = 0; j < m->ncol; j++) {
        double *c = regset_add(r, m->names[j], REG_CAL, 0);
        if (!c) {
            fc_calendar_matrix_free(m);
            return fc_fail(err, FC_ENOMEM, "too many regressors");
        }
        for (size_t i = 0; i < r->N; i++)
            c[i] = m->x[i * m->ncol + j];
    }
    fc_calendar_matrix_free(m);
    return FC_OK;
}

/* X-13's outlier regressors: AO = 1 at t0; LS = -1 before t0, 0 from t0;
 * TC = 0.7^(t - t0) from t0. */
static int regset_add_outlier(regset *r, reg_kind kind, size_t t0, int freq, fc_period start)
{
    char d[16], name[24];
    fc_period_format(fc_period_add(start, freq, (long)t0), freq, d, sizeof d);
    snprintf(name, sizeof name, "%s%s", kind == REG_AO ? "AO" : kind == REG_LS ? "LS" : "TC", d);
    double *c = regset_add(r, name, kind, t0);
    if (!c)
        return 0;
    for (size_t i = 0; i < r->N; i++) {
        if (kind == REG_AO)
            c[i] = i == t0 ? 1.0 : 0.0;
        else if (kind == REG_LS)
            c[i] = i < t0 ? -1.0 : 0.0;
        else
            c[i] = i >= t0 ? pow(0.7, (double)(i - t0)) : 0.0;
    }
    return 1;
}

/* ------------------------------------------------------------ fitting */

typedef struct {
    fc_series *z;            /* the (transformed, prior-adjusted) series */
    double *xbuf;            /* n * MAXREG column-major scratch */
} fit_ctx;

/* A regARIMA model: orders and X-13's trend constant (a regressor whose
 * differences are ones, see fc_automdl_constant_column). */
typedef struct {
    fc_arima_order order;
    int mean;
} mdl;

/* Regression with ARIMA errors of z on the regressors (observations), by
 * the profile likelihood (regarima_profile.c); xconst appends X-13's trend
 * constant as a regressor named "Constant". */
static fc_status fit_model_ex(const fit_ctx *f, const regset *r, const fc_arima_order *order,
                              int mean, int drift, int xconst, int final,
                              const fc_arima_model *warm, int se, fc_arima_model **out,
                              fc_error *err)
{
    fc_arima_spec spec = fc_arima_spec_default();
    spec.order = *order;
    spec.include_mean = mean;
    spec.include_drift = drift;
    const char *names[MAXREG];
    if (r->k + (xconst ? 1 : 0) > MAXREG)
        return fc_fail(err, FC_EINVAL, "too many regressors");
    for (size_t j = 0; j < r->k; j++) {
        memcpy(f->xbuf + j * r->n, r->col[j], r->n * sizeof(double));
        names[j] = r->name[j];
    }
    size_t k = r->k;
    if (xconst) {
        int s = order->period > 0 ? order->period : 1;
        fc_automdl_constant_column(f->xbuf + k * r->n, r->n, order->d, order->D, s);
        names[k++] = "Constant";
    }
    spec.nxreg = k;
    spec.xreg = k ? f->xbuf : NULL;
    spec.xreg_names = k ? names : NULL;
    fc_arima_options o = fc_arima_options_default();
    o.max_iter = 2000;
    o.compute_se = se;
    /* warm start from a fit of the same orders (the outlier search refits
     * after each change of the regressors): its ARMA coefficients start the
     * optimiser, without a CSS pass */
    double init[MAXREG + 16];
    size_t narma = (size_t)(order->p + order->q + order->P + order->Q);
    if (warm && !final && !mean && !drift && narma + k <= MAXREG + 16 && warm->ncoef >= narma &&
        warm->spec.order.p == order->p && warm->spec.order.q == order->q &&
        warm->spec.order.P == order->P && warm->spec.order.Q == order->Q &&
        warm->spec.order.d == order->d && warm->spec.order.D == order->D) {
        for (size_t i = 0; i < narma + k; i++)
            init[i] = i < narma ? warm->coef[i] : NAN;
        spec.init = init;
        o.css_start = 0;
    }
    /* regression coefficients concentrated out of the likelihood (GLS for
     * given ARMA parameters), as X-13's regARIMA estimation: the same
     * maximum as fc_arima_fit at a cost that does not grow with k^2 */
    if (final && k > 0) {
        /* the final model by fc_arima_fit (CSS-ML start): on a flat
         * likelihood (AR and MA nearly cancelling, UKgas) the profile
         * optimiser can reach another local maximum than the one X-13's
         * estimation converges to, which this start finds */
        if (fc_arima_fit(f->z, &spec, &o, out, NULL) == FC_OK)
            return FC_OK;
    }
    return fc_regarima_fit_profile(f->z, &spec, &o, out, err);
}

static fc_status fit_model(const fit_ctx *f, const regset *r, const fc_arima_order *order,
                           int mean, int drift, fc_arima_model **out, fc_error *err)
{
    return fit_model_ex(f, r, order, mean, drift, 0, 0, NULL, 1, out, err);
}

static fc_status fit_mdl(const fit_ctx *f, const regset *r, const mdl *m, fc_arima_model **out,
                         fc_error *err)
{
    return fit_model_ex(f, r, &m->order, 0, 0, m->mean, 0, NULL, 1, out, err);
}

/* The same fit without standard errors, where only the coefficients,
 * likelihood or residuals are used: compute_se only adds the covariance
 * (profile_vcov, a numerical Hessian) to an otherwise identical fit. */
static fc_status fit_mdl_nose(const fit_ctx *f, const regset *r, const mdl *m,
                              fc_arima_model **out, fc_error *err)
{
    return fit_model_ex(f, r, &m->order, 0, 0, m->mean, 0, NULL, 0, out, err);
}

static fc_arima_order airline(int freq, size_t n)
{
    fc_arima_order o = {0, 1, 1, 0, 1, 1, freq};
    if (n < 3 * (size_t)freq + 2) {
        o.P = o.D = o.Q = 0;
    }
    return o;
}

static mdl airline_mdl(int freq, size_t n)
{
    mdl m = {airline(freq, n), 0};
    return m;
}

/* AICC of the model with the regressors (+inf when the fit fails). */
static double model_aicc(const fit_ctx *f, const regset *r, const mdl *md)
{
    fc_arima_model *m = NULL;
    if (fit_mdl_nose(f, r, md, &m, NULL))
        return INFINITY;
    double a = m->aicc;
    fc_arima_model_free(m);
    return a;
}

static double airline_aicc(const fit_ctx *f, const regset *r, int freq)
{
    mdl a = airline_mdl(freq, r->n);
    return model_aicc(f, r, &a);
}

/* Index of regressor `name` among the model's coefficients. */
static long coef_index(const fc_arima_model *m, const char *name)
{
    for (size_t i = 0; i < m->ncoef; i++)
        if (strcmp(m->coef_names[i], name) == 0)
            return (long)i;
    return -1;
}

/* out[i] = coefficient "<prefix><i+1>" of m (0 when absent), i < min(count, 64). */
static void named_coefs(const fc_arima_model *m, const char *prefix, int count, double *out)
{
    char name[16];
    for (int i = 0; i < count && i < 64; i++) {
        snprintf(name, sizeof name, "%s%d", prefix, i + 1);
        long k = coef_index(m, name);
        out[i] = k >= 0 ? m->coef[k] : 0.0;
    }
}

/* ------------------------------------------------------------ outliers */

/* pi weights of the ARIMA model: pi(B) = phi(B) Phi(B^s) (1-B)^d (1-B^s)^D
 * / (theta(B) Theta(B^s)), R sign conventions. */
typedef struct {
    double *ar, *ma;   /* full AR (differences included) and MA polynomials */
    size_t na, nm;     /* their degrees + 1 */
} model_polys;

static void pi_weights(const fc_arima_model *m, double *pi, size_t n, model_polys *poly)
{
    const fc_arima_order *o = &m->spec.order;
    int s = m->period > 0 ? m->period : 1;
    size_t na = (size_t)(o->p + o->P * s + o->d + o->D * s) + 1;
    size_t nm = (size_t)(o->q + o->Q * s) + 1;
    double *ar = calloc(na, sizeof *ar), *ma = calloc(nm, sizeof *ma);
    double *tmp = calloc(na + nm, sizeof *tmp);
    if (!ar || !ma || !tmp) {
        free(ar);
        free(ma);
        free(tmp);
        poly->ar = poly->ma = NULL;
        poly->na = poly->nm = 0;
        for (size_t j = 0; j < n; j++)
            pi[j] = j == 0;
        return;
    }
    size_t deg = 0;
    ar[0] = 1.0;
    double phi[64] = {0}, sphi[64] = {0}, th[64] = {0}, sth[64] = {0};
    named_coefs(m, "ar", o->p, phi);
    named_coefs(m, "sar", o->P, sphi);
    named_coefs(m, "ma", o->q, th);
    named_coefs(m, "sma", o->Q, sth);
    /* AR side: phi(B) = 1 - sum phi_i B^i, then the seasonal and
     * differencing factors one at a time. */
    double one = 1.0;
    for (int i = 0; i < o->p; i++)
        ar[i + 1] = -phi[i];
    deg = (size_t)o->p;
    /* seasonal AR: multiply by (1 - sum sphi_i B^{s i}) */
    if (o->P > 0) {
        memcpy(tmp, ar, (deg + 1) * sizeof(double));
        for (int i = 0; i < o->P; i++)
            for (size_t j = 0; j <= deg; j++)
                ar[j + (size_t)(s * (i + 1))] -= sphi[i] * tmp[j];
        deg += (size_t)(o->P * s);
    }
    for (int i = 0; i < o->d; i++) {
        memcpy(tmp, ar, (deg + 1) * sizeof(double));
        for (size_t j = 0; j <= deg; j++)
            ar[j + 1] -= one * tmp[j];
        deg++;
    }
    for (int i = 0; i < o->D; i++) {
        memcpy(tmp, ar, (deg + 1) * sizeof(double));
        for (size_t j = 0; j <= deg; j++)
            ar[j + (size_t)s] -= one * tmp[j];
        deg += (size_t)s;
    }
    /* MA side: theta(B) Theta(B^s) */
    size_t mdeg = 0;
    ma[0] = 1.0;
    for (int i = 0; i < o->q; i++)
        ma[i + 1] = th[i];
    mdeg = (size_t)o->q;
    if (o->Q > 0) {
        memcpy(tmp, ma, (mdeg + 1) * sizeof(double));
        for (int i = 0; i < o->Q; i++)
            for (size_t j = 0; j <= mdeg; j++)
                ma[j + (size_t)(s * (i + 1))] += sth[i] * tmp[j];
        mdeg += (size_t)(o->Q * s);
    }
    for (size_t j = 0; j < n; j++) {
        double v = j <= deg ? ar[j] : 0.0;
        for (size_t k = 1; k <= mdeg && k <= j; k++)
            v -= ma[k] * pi[j - k];
        pi[j] = v;
    }
    free(tmp);
    poly->ar = ar;
    poly->ma = ma;
    poly->na = deg + 1;
    poly->nm = mdeg + 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* X-13's default critical |t| for outlier detection, from the values it
 * reports (aocrit) for series of 72..780 observations, interpolated in
 * log n; beyond, the asymptotic extreme-value formula fitted at 780. */
static double default_cv(size_t n)
{
    static const double tn[7] = {72, 108, 144, 240, 410, 468, 780};
    static const double tc[7] = {3.73229481359041, 3.82746762128669, 3.88983776393407,
                                 3.99151138470810, 4.08743213747731, 4.10965866995087,
                                 4.19063530763299};
    double ln = log((double)(n < 3 ? 3 : n));
    if (n <= 72)
        return fmax(3.0, tc[0] + (tc[1] - tc[0]) / (log(tn[1]) - log(tn[0])) * (ln - log(tn[0])));
    for (int i = 0; i < 6; i++)
        if ((double)n <= tn[i + 1])
            return tc[i] + (tc[i + 1] - tc[i]) * (ln - log(tn[i])) / (log(tn[i + 1]) - log(tn[i]));
    double s = sqrt(2.0 * ln), a = s - (log(ln) + log(4.0 * 3.14159265358979323846)) / (2.0 * s);
    return a + 4.1885 / s;
}

/* u[lost..n) = MA^-1 AR(B) x_t, the ARIMA filter applied from the first
 * residual of the differenced model with zero MA start values (u[0..lost)
 * = 0): the filtered regressor of the conditional GLS residuals. */
static void filter_column(const model_polys *p, const double *x, size_t lost, size_t n, double *u)
{
    for (size_t t = 0; t < n; t++) {
        if (t < lost) {
            u[t] = 0.0;
            continue;
        }
        double v = 0.0;
        for (size_t j = 0; j < p->na && j <= t; j++)
            v += p->ar[j] * x[t - j];
        for (size_t k = 1; k < p->nm && k <= t && t - k >= lost; k++)
            v -= p->ma[k] * u[t - k];
        u[t] = v;
    }
}

/* Filtered regressor of an outlier at t0 < lost (x is scratch of length
 * n): raw effect (AO impulse, LS step, TC 0.7 decay, all from t0). */
static void early_pattern(const model_polys *p, int kind, size_t t0, size_t lost, size_t n,
                          double *x, double *u)
{
    for (size_t i = 0; i < n; i++)
        x[i] = i < t0 ? 0.0
               : kind == REG_AO ? (i == t0 ? 1.0 : 0.0)
               : kind == REG_LS ? 1.0
                                : pow(0.7, (double)(i - t0));
    filter_column(p, x, lost, n, u);
}

/* Exact GLS whitening of the differenced series under the model's
 * stationary ARMA part (X-13 filters [X:y] and every outlier regressor by
 * the exact ARMA filter, armafl): Kalman filter of phi(B) Phi(B^s) w_t =
 * theta(B) Theta(B^s) a_t in companion form started at the stationary
 * covariance; the whitened values are the standardised innovations v_t /
 * sqrt(F_t) (F_t relative to sigma^2), on the same scale as the model's
 * residuals.  Near the series start this differs from the conditional
 * (zero start) MA inversion of the pi weights. */
/* Outliers within this many years after the differencing start are
 * filtered exactly; later ones by the pi weights (the Kalman gain has
 * converged there, and the two agree). */
#define EXACT_WINDOW 6
typedef struct {
    fc_ss_model *ss;
    double *P1, *delta;     /* stationary covariance; differencing polynomial */
    size_t r, nd;           /* state dimension; degree of delta */
    /* Kalman gains of the pass (they do not depend on the data, so every
     * column whitened in one outlier pass shares them): M_t = P_t Z and F_t
     * for t < ngain, after which the covariance has converged (frozen, as
     * fc_ss_filter freezes it) and M, F stay at their last values. */
    double *M, *F;
    size_t nw, ngain;
    int gains_bad;          /* F_t <= 0 met: use fc_ss_filter's failure path */
} whitener;

static void whitener_free(whitener *w)
{
    fc_ss_free(w->ss);
    free(w->P1);
    free(w->delta);
    free(w->M);
    free(w->F);
    memset(w, 0, sizeof *w);
}

/* Coefficients c[1..deg] of prod (1 - sum a_i B^{lag i}) in the form
 * 1 - sum c_j B^j (sign = -1) or 1 + sum c_j B^j (sign = +1). */
static size_t poly_mul(double *c, size_t deg, const double *a, int na, int lag, double sign)
{
    double tmp[128];
    if (deg + (size_t)(na * lag) >= 128)
        return (size_t)-1;
    memcpy(tmp, c, (deg + 1) * sizeof *c);
    for (int i = 0; i < na; i++)
        for (size_t j = 0; j <= deg; j++)
            c[j + (size_t)((i + 1) * lag)] += sign * a[i] * tmp[j];
    return deg + (size_t)(na * lag);
}

static int whitener_init(const fc_arima_model *m, whitener *w)
{
    memset(w, 0, sizeof *w);
    const fc_arima_order *o = &m->spec.order;
    int s = m->period > 0 ? m->period : 1;
    double ar[128] = {1.0}, ma[128] = {1.0}, c[8];
    size_t na = 0, nm = 0;
    char nm_[16];
    const char *pre[4] = {"ar", "sar", "ma", "sma"};
    int ord[4] = {o->p, o->P, o->q, o->Q}, lag[4] = {1, s, 1, s};
    for (int k = 0; k < 4; k++) {
        if (ord[k] > 8)
            return 0;
        for (int i = 0; i < ord[k]; i++) {
            snprintf(nm_, sizeof nm_, "%s%d", pre[k], i + 1);
            long j = coef_index(m, nm_);
            c[i] = j >= 0 ? m->coef[j] : 0.0;
        }
        /* AR side kept as 1 - sum phi_j B^j: phi multiplies with sign -1 */
        if (k < 2)
            na = poly_mul(ar, na, c, ord[k], lag[k], -1.0);
        else
            nm = poly_mul(ma, nm, c, ord[k], lag[k], 1.0);
        if (na == (size_t)-1 || nm == (size_t)-1)
            return 0;
    }
    size_t r = na > nm + 1 ? na : nm + 1;
    if (r < 1)
        r = 1;
    double one = 1.0, dl[128] = {1.0};
    size_t nd = 0;
    for (int i = 0; i < o->d && nd != (size_t)-1; i++)
        nd = poly_mul(dl, nd, &one, 1, 1, -1.0);
    for (int i = 0; i < o->D && nd != (size_t)-1; i++)
        nd = poly_mul(dl, nd, &one, 1, s, -1.0);
    if (nd == (size_t)-1 || fc_ss_alloc(r, &w->ss, NULL))
        return 0;
    w->r = r;
    w->nd = nd;
    w->P1 = malloc(r * r * sizeof *w->P1);
    w->delta = malloc((nd + 1) * sizeof *w->delta);
    double *A = malloc(r * r * sizeof *A), *B = malloc(r * r * sizeof *B),
           *C = malloc(r * r * sizeof *C);
    int ok = w->P1 && w->delta && A && B && C;
    if (ok) {
        memcpy(w->delta, dl, (nd + 1) * sizeof *dl);
        fc_ss_model *ss = w->ss;
        for (size_t i = 0; i < r; i++) {
            ss->T[i * r] = i < na ? -ar[i + 1] : 0.0;
            if (i + 1 < r)
                ss->T[i * r + i + 1] = 1.0;
        }
        ss->Z[0] = 1.0;
        ss->h = 0.0;
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++)
                ss->Q[i * r + j] = (i <= nm ? ma[i] : 0.0) * (j <= nm ? ma[j] : 0.0);
        /* stationary covariance by doubling: P = sum_k T^k Q T'^k */
        memcpy(w->P1, ss->Q, r * r * sizeof *A);
        memcpy(A, ss->T, r * r * sizeof *A);
        for (int it = 0; it < 60 && ok; it++) {
            /* C = A P1 A', P1 += C, A = A A */
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++) {
                    double v = 0.0;
                    for (size_t k = 0; k < r; k++)
                        v += A[i * r + k] * w->P1[k * r + j];
                    B[i * r + j] = v;
                }
            double dmax = 0.0, pmax = 0.0;
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++) {
                    double v = 0.0;
                    for (size_t k = 0; k < r; k++)
                        v += B[i * r + k] * A[j * r + k];
                    C[i * r + j] = v;
                }
            for (size_t i = 0; i < r * r; i++) {
                w->P1[i] += C[i];
                dmax = fmax(dmax, fabs(C[i]));
                pmax = fmax(pmax, fabs(w->P1[i]));
            }
            ok = isfinite(pmax);
            if (dmax <= 1e-14 * pmax)
                break;
            for (size_t i = 0; i < r; i++)
                for (size_t j = 0; j < r; j++) {
                    double v = 0.0;
                    for (size_t k = 0; k < r; k++)
                        v += A[i * r + k] * A[k * r + j];
                    B[i * r + j] = v;
                }
            memcpy(A, B, r * r * sizeof *A);
        }
    }
    free(A);
    free(B);
    free(C);
    if (!ok)
        whitener_free(w);
    return ok;
}

/* The covariance recursion of fc_ss_filter (statespace.c, filter_step and
 * predict_cov: same operations in the same order, so the gains are the
 * same numbers) for nw observations from P1, recorded once per pass:
 * M_t = P_t Z, F_t = Z' M_t + h; P <- T (P - M M' / F) T' + Q until P moves
 * by less than steady_tol x max(1, max P_ii) (then frozen).  T is the
 * companion matrix and Z = e1 built by whitener_init. */
static int whitener_gains(whitener *w, size_t nw)
{
    size_t r = w->r;
    const double *T = w->ss->T, *Q = w->ss->Q, *Z = w->ss->Z;
    w->M = malloc(nw * r * sizeof *w->M);
    w->F = malloc(nw * sizeof *w->F);
    double *P = malloc(r * r * sizeof *P), *Pp = malloc(r * r * sizeof *Pp);
    double *work = malloc(r * r * sizeof *work);
    int ok = w->M && w->F && P && Pp && work;
    double tol = fc_ss_filter_options_default().steady_tol;
    size_t t = 0;
    if (ok)
        memcpy(P, w->P1, r * r * sizeof *P);
    for (int frozen = 0; ok && !frozen && t < nw; t++) {
        double *M = w->M + t * r, F = w->ss->h;
        for (size_t i = 0; i < r; i++)
            M[i] = 0.0 + P[i * r] * Z[0];
        F += Z[0] * M[0];
        w->F[t] = F;
        if (!(F > 0.0)) {
            w->gains_bad = 1;
            t++;
            break;
        }
        memcpy(Pp, P, r * r * sizeof *P);
        for (size_t i = 0; i < r; i++)
            for (size_t j = i; j < r; j++) {
                double pij = P[i * r + j] - M[i] * M[j] / F;
                P[i * r + j] = pij;
                P[j * r + i] = pij;
            }
        /* work = T P over the non-zeros of each row of T (column order) */
        for (size_t i = 0; i < r; i++) {
            double *wr = work + i * r;
            memset(wr, 0, r * sizeof *wr);
            for (size_t k = 0; k < r; k++) {
                double tv = T[i * r + k];
                if (tv == 0.0)
                    continue;
                for (size_t j = 0; j < r; j++)
                    wr[j] += tv * P[k * r + j];
            }
        }
        for (size_t i = 0; i < r; i++)
            for (size_t j = i; j < r; j++) {
                double acc = Q[i * r + j];
                const double *wr = work + i * r;
                for (size_t k = 0; k < r; k++)
                    if (T[j * r + k] != 0.0)
                        acc += wr[k] * T[j * r + k];
                P[i * r + j] = acc;
                P[j * r + i] = acc;
            }
        double scale = 1.0;
        for (size_t i = 0; i < r; i++)
            if (fabs(P[i * r + i]) > scale)
                scale = fabs(P[i * r + i]);
        frozen = 1;
        for (size_t i = 0; i < r * r && frozen; i++)
            frozen = fabs(P[i] - Pp[i]) < tol * scale;
    }
    w->nw = nw;
    w->ngain = t;
    free(P);
    free(Pp);
    free(work);
    return ok;
}

/* The general path (missing values): fc_ss_filter on the differences wd. */
static int whiten_column_ss(whitener *w, const double *wd, size_t lost, size_t n, double *u)
{
    size_t r = w->r;
    memset(w->ss->a, 0, r * sizeof(double));
    memcpy(w->ss->P, w->P1, r * r * sizeof(double));
    fc_ss_filter_options fo = fc_ss_filter_options_default();
    fc_ss_loglik ll;
    if (fc_ss_filter(w->ss, wd, n - lost, &fo, &ll, u + lost, NULL))
        return 0;
    for (size_t t = 0; t < lost; t++)
        u[t] = 0.0;
    return 1;
}

/* u[lost..n) = exact whitening of the differenced x (x of length n, the
 * differences from lost = degree of delta on); scratch wd of length n.
 * The standardised innovations v_t / sqrt(F_t) of fc_ss_filter from a zero
 * state, with the pass's gains: the state mean a <- T (a + M v / F) costs
 * O(r) a step.  Leading zeros of the differenced x leave the state at zero
 * and give zero innovations, so the filter starts at the first non-zero. */
static int whiten_column(whitener *w, const double *x, size_t lost, size_t n, double *wd,
                         double *u)
{
    if (lost != w->nd || n <= lost)
        return 0;
    size_t nw = n - lost;
    if (!w->F && !whitener_gains(w, nw))
        return 0;
    if (w->nw != nw || w->ngain == 0)
        return 0;
    size_t first = nw;
    for (size_t t = lost; t < n; t++) {
        double v = 0.0;
        for (size_t j = 0; j <= w->nd; j++)
            v += w->delta[j] * x[t - j];
        wd[t - lost] = v;
        if (v != 0.0 && first == nw)
            first = t - lost;
    }
    size_t r = w->r;
    /* fc_ss_filter fails on a non-positive F_t whatever the data */
    if (w->gains_bad)
        return 0;
    for (size_t t = first; t < nw; t++)
        if (isnan(wd[t]))
            return whiten_column_ss(w, wd, lost, n, u); /* missing values */
    double *a = w->ss->a, *af = w->ss->P; /* P is scratch here (r*r >= r) */
    const double *T = w->ss->T;
    double z0 = w->ss->Z[0];
    memset(a, 0, r * sizeof *a);
    for (size_t t = 0; t < first; t++)
        u[lost + t] = 0.0;
    for (size_t t = first; t < nw; t++) {
        size_t g = t < w->ngain ? t : w->ngain - 1;
        const double *M = w->M + g * r;
        double F = w->F[g];
        double v = wd[t];
        v -= z0 * a[0];
        if (!isfinite(v))
            return 0;
        u[lost + t] = v / sqrt(F);
        for (size_t i = 0; i < r; i++)
            af[i] = a[i] + M[i] * (v / F);
        /* a = T af, row i of the companion T: phi_i at column 0, 1 at i + 1 */
        for (size_t i = 0; i < r; i++) {
            double acc = 0.0;
            if (T[i * r] != 0.0)
                acc += T[i * r] * af[0];
            if (i + 1 < r)
                acc += T[i * r + i + 1] * af[i + 1];
            a[i] = acc;
        }
    }
    for (size_t t = 0; t < lost; t++)
        u[t] = 0.0;
    return 1;
}

/* X-13's residuals for the robust sigma: the innovations of the exact
 * likelihood in its n + q form, a-hat = E[a | w] (presample innovations
 * backcast), a[0..nw) for the differenced regression residuals w.  By a
 * Kalman filter (v_t, F_t, K_t) and the backward recursion u = Omega^-1 w
 * (u_t = v_t / F_t - K_t' r_t, r_{t-1} = T' r_t + Z u_t: de Jong 1989,
 * JASA 84), then a-hat_t = sum_k psi_k u_{t+k}, the backward ARMA filter
 * phi(F) a-hat = theta(F) u (Cov(a_t, w_s) = psi_{s-t} sigma^2). */
static int backcast_residuals(const whitener *wh, const double *w, size_t nw, double *ahat)
{
    size_t r = wh->r;
    const double *T = wh->ss->T, *Q = wh->ss->Q;
    double *v = malloc(nw * sizeof *v), *F = malloc(nw * sizeof *F);
    double *K = malloc(nw * r * sizeof *K), *u = malloc(nw * sizeof *u);
    double *a = calloc(r, sizeof *a), *P = malloc(r * r * sizeof *P);
    double *TP = malloc(r * r * sizeof *TP), *rv = calloc(r, sizeof *rv);
    double *tmp = malloc(r * sizeof *tmp);
    int ok = v && F && K && u && a && P && TP && rv && tmp;
    if (ok)
        memcpy(P, wh->P1, r * r * sizeof *P);
    for (size_t t = 0; ok && t < nw; t++) {
        v[t] = w[t] - a[0];
        F[t] = P[0];
        ok = F[t] > 0 && isfinite(v[t]);
        if (!ok)
            break;
        double *k = K + t * r;
        /* T P (T companion: row i = phi_i e1' + e_{i+1}') */
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++)
                TP[i * r + j] = T[i * r] * P[j] + (i + 1 < r ? P[(i + 1) * r + j] : 0.0);
        for (size_t i = 0; i < r; i++)
            k[i] = TP[i * r] / F[t];
        for (size_t i = 0; i < r; i++)
            tmp[i] = T[i * r] * a[0] + (i + 1 < r ? a[i + 1] : 0.0) + k[i] * v[t];
        memcpy(a, tmp, r * sizeof *a);
        /* P = T P T' + Q - K K' F */
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++)
                P[i * r + j] = TP[i * r] * T[j * r] + (j + 1 < r ? TP[i * r + j + 1] : 0.0) +
                               Q[i * r + j] - k[i] * k[j] * F[t];
    }
    for (size_t t = nw; ok && t-- > 0;) {
        const double *k = K + t * r;
        double kr = 0.0;
        for (size_t i = 0; i < r; i++)
            kr += k[i] * rv[i];
        u[t] = v[t] / F[t] - kr;
        /* r_{t-1} = T' r_t + Z u_t (T companion) */
        double s0 = u[t];
        for (size_t i = 0; i < r; i++)
            s0 += T[i * r] * rv[i];
        tmp[0] = s0;
        for (size_t j = 1; j < r; j++)
            tmp[j] = rv[j - 1];
        memcpy(rv, tmp, r * sizeof *rv);
    }
    for (size_t t = nw; ok && t-- > 0;) {
        double x = u[t];
        for (size_t j = 1; j < r && t + j < nw; j++)
            x += Q[j * r] * u[t + j];        /* theta_j (R_0 = 1) */
        for (size_t i = 1; i <= r && t + i < nw; i++)
            x += T[(i - 1) * r] * ahat[t + i]; /* phi_i */
        ahat[t] = x;
    }
    free(v);
    free(F);
    free(K);
    free(u);
    free(a);
    free(P);
    free(TP);
    free(rv);
    free(tmp);
    return ok;
}

/* Orthonormal basis q (column-major, n rows, rows from lost) of the
 * filtered regressors already in the model (calendar, outliers found, trend
 * constant), by modified Gram-Schmidt; columns in the span of the previous
 * ones are dropped.  Returns the number of basis columns. */
static size_t regressor_basis(const model_polys *p, whitener *wh, const regset *r,
                              const fc_arima_order *o, int xconst, size_t lost, size_t n,
                              double *q, double *x, double *wd)
{
    size_t kk = 0, ncol = r->k + (xconst ? 1 : 0);
    for (size_t j = 0; j < ncol; j++) {
        const double *raw = r->col[j < r->k ? j : 0];
        if (j == r->k) {
            fc_automdl_constant_column(x, n, o->d, o->D, o->period > 0 ? o->period : 1);
            raw = x;
        }
        double *u = q + kk * n;
        if (!wh || !whiten_column(wh, raw, lost, n, wd, u))
            filter_column(p, raw, lost, n, u);
        double n0 = 0.0, nn = 0.0;
        for (size_t t = lost; t < n; t++)
            n0 += u[t] * u[t];
        for (size_t i = 0; i < kk; i++) {
            const double *b = q + i * n;
            double c = 0.0;
            for (size_t t = lost; t < n; t++)
                c += b[t] * u[t];
            for (size_t t = lost; t < n; t++)
                u[t] -= c * b[t];
        }
        for (size_t t = lost; t < n; t++)
            nn += u[t] * u[t];
        if (!(nn > 1e-10 * n0) || !(n0 > 0))
            continue;
        double sc = 1.0 / sqrt(nn);
        for (size_t t = lost; t < n; t++)
            u[t] *= sc;
        kk++;
    }
    return kk;
}

/* c[j] = b_j' u over rows from..n for the w columns b_j of q starting at
 * column i0; w is a constant at each call so the accumulators stay in
 * registers.  Each sum runs in the order of a plain loop (same numbers). */
static inline void project_block(const double *q, size_t n, size_t i0, size_t w, const double *u,
                                 size_t from, double *c)
{
    double acc[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    const double *b = q + i0 * n;
    for (size_t t = from; t < n; t++) {
        double ut = u[t];
        for (size_t j = 0; j < w; j++)
            acc[j] += b[j * n + t] * ut;
    }
    for (size_t j = 0; j < w; j++)
        c[i0 + j] = acc[j];
}

/* c[i] = b_i' u over rows from..n for the kk basis columns b_i of q, eight
 * or four columns per sweep over u (the sweep is latency-bound otherwise). */
static void project_out(const double *q, size_t n, size_t kk, const double *u, size_t from,
                        double *c)
{
    size_t i = 0;
    for (; i + 8 <= kk; i += 8)
        project_block(q, n, i, 8, u, from, c);
    for (; i + 4 <= kk; i += 4)
        project_block(q, n, i, 4, u, from, c);
    for (; i < kk; i++)
        project_block(q, n, i, 1, u, from, c);
}

/* Largest outlier t-statistic among AO, LS and TC at positions without a
 * regressor yet: X-13's (Chen & Liu 1993 within the regression) o'e /
 * sqrt(o'M o) / sigma, o the filtered outlier regressor, e the residuals,
 * M the projection orthogonal to the filtered regressors of the model and
 * sigma the robust 1.4826 x median absolute residual.  Regressors and the
 * outliers of the first years are whitened by the exact filter (see
 * whitener), the later outliers by the pi weights. */
static double best_outlier(const fc_arima_model *m, const regset *r, size_t n, int with_tc,
                           int xconst, reg_kind *kind, size_t *at)
{
    size_t ncol = r->k + 1;
    double *pi = malloc(n * sizeof *pi), *e = malloc(n * sizeof *e), *x = malloc(n * sizeof *x);
    double *u = malloc(n * sizeof *u), *q = malloc(n * ncol * sizeof *q);
    double *wd = malloc(n * sizeof *wd), c[MAXREG + 1];
    double best = 0.0;
    model_polys poly = {NULL, NULL, 0, 0};
    whitener wh;
    int exact = 0;
    memset(&wh, 0, sizeof wh);
    if (!pi || !e || !x || !u || !q || !wd)
        goto done;
    exact = whitener_init(m, &wh);
    pi_weights(m, pi, n, &poly);
    if (!poly.ar)
        goto done;
    size_t ne = 0;
    /* the robust sigma over the residuals in the likelihood: those after
     * the d + sD lost to differencing */
    const fc_arima_order *mo = &m->spec.order;
    size_t lost = (size_t)(mo->d + mo->D * (m->period > 0 ? m->period : 1));
    for (size_t t = 0; t < n; t++) {
        double v = m->residuals[t];
        e[t] = isfinite(v) && t >= lost ? v : 0.0;
        if (isfinite(v) && t >= lost)
            x[ne++] = fabs(v);
    }
    if (ne == 0)
        goto done;
    if (exact && m->z && n > lost) {
        /* X-13's residuals for the MAD (backcast form); x = z - X beta */
        for (size_t t = 0; t < n; t++)
            x[t] = m->z[t];
        for (size_t j = 0; j <= r->k; j++) {
            long k = coef_index(m, j < r->k ? r->name[j] : "Constant");
            if (k < 0 || (j == r->k && !xconst))
                continue;
            const double *col = r->col[j < r->k ? j : 0];
            if (j == r->k) {
                fc_automdl_constant_column(u, n, mo->d, mo->D, m->period > 0 ? m->period : 1);
                col = u;
            }
            for (size_t t = 0; t < n; t++)
                x[t] -= m->coef[k] * col[t];
        }
        for (size_t t = lost; t < n; t++) {
            double v = 0.0;
            for (size_t j = 0; j <= wh.nd; j++)
                v += wh.delta[j] * x[t - j];
            wd[t - lost] = v;
        }
        if (backcast_residuals(&wh, wd, n - lost, u)) {
            for (size_t t = 0; t < n - lost; t++)
                x[t] = fabs(u[t]);
            ne = n - lost;
        } else {
            for (size_t t = 0; t < ne; t++)
                x[t] = 0.0; /* recomputed below */
            ne = 0;
            for (size_t t = lost; t < n; t++)
                if (isfinite(m->residuals[t]))
                    x[ne++] = fabs(m->residuals[t]);
        }
    }
    qsort(x, ne, sizeof *x, cmp_double);
    double sigma = (ne % 2 ? x[ne / 2] : 0.5 * (x[ne / 2 - 1] + x[ne / 2])) / 0.6745;
    if (!(sigma > 0))
        goto done;
    size_t kk = regressor_basis(&poly, exact ? &wh : NULL, r, mo, xconst, lost, n, q, x, wd);
    /* the exact filter where it differs from the steady state (the pi
     * weights): outliers within the first years */
    size_t win = lost + EXACT_WINDOW * (size_t)(m->period > 1 ? m->period : 4);
    for (size_t t0 = 0; t0 < n; t0++) {
        int taken = 0;
        for (size_t j = 0; j < r->k; j++)
            if (r->kind[j] != REG_CAL && r->at[j] == t0)
                taken = 1;
        if (taken)
            continue;
        for (int kd = REG_AO; kd <= (with_tc ? REG_TC : REG_LS); kd++) {
            /* X-13 tests no LS at the first two or the last observation
             * (equivalent to AOs) and no TC at the last */
            if (kd == REG_LS && (t0 <= 1 || t0 + 1 >= n))
                continue;
            if (kd == REG_TC && t0 + 1 >= n)
                continue;
            size_t from = t0 > lost ? t0 : lost;
            if (exact && t0 < win) {
                for (size_t i = 0; i < n; i++)
                    x[i] = i < t0 ? 0.0
                           : kd == REG_AO ? (i == t0 ? 1.0 : 0.0)
                           : kd == REG_LS ? 1.0
                                          : pow(0.7, (double)(i - t0));
                if (!whiten_column(&wh, x, lost, n, wd, u))
                    early_pattern(&poly, kd, t0, lost, n, x, u);
            } else if (t0 < lost) {
                /* before the first residual of the differenced model: the
                 * regressor differenced and AR-filtered from `lost` on */
                early_pattern(&poly, kd, t0, lost, n, x, u);
            } else {
                double cum = 0.0, prev = 0.0;
                for (size_t t = t0; t < n; t++)
                    u[t] = kd == REG_AO   ? pi[t - t0]
                           : kd == REG_LS ? (cum += pi[t - t0])
                                          : (prev = 0.7 * prev + pi[t - t0]);
            }
            double sxx = 0.0, sex = 0.0;
            for (size_t t = from; t < n; t++) {
                sxx += u[t] * u[t];
                sex += e[t] * u[t];
            }
            double oo = sxx;
            project_out(q, n, kk, u, from, c);
            for (size_t i = 0; i < kk; i++)
                sxx -= c[i] * c[i];
            /* in the span of the regressors: X-13's singular case */
            if (!(sxx > 1e-10 * oo))
                continue;
            double tau = sex / sqrt(sxx) / sigma;
            if (fabs(tau) > fabs(best)) {
                best = tau;
                *kind = (reg_kind)kd;
                *at = t0;
            }
        }
    }
done:
    whitener_free(&wh);
    free(wd);
    free(poly.ar);
    free(poly.ma);
    free(pi);
    free(e);
    free(x);
    free(u);
    free(q);
    return best;
}

/* Forward addition of outliers on the model md (outliers already in r are
 * kept as candidates for deletion), re-estimating the model after each, then
 * backward deletion of the least significant while its t-value (from the
 * joint fit) falls below cv: X-13's outlier{method = addone}. */
static fc_status detect_outliers(const fit_ctx *f, regset *r, const mdl *md, int freq,
                                 fc_period start, double cv, int with_tc, fc_error *err)
{
    fc_arima_model *prev = NULL;
    for (int it = 0; it < 40 && r->k < MAXREG; it++) {
        fc_arima_model *m = NULL;
        /* forward steps need only the residuals: no standard errors */
        fc_status st = fit_model_ex(f, r, &md->order, 0, 0, md->mean, 0, prev, 0, &m, err);
        if (st) {
            /* the model with the last outlier cannot be fitted: keep the
             * outliers found before it (none on the first fit) */
            fc_arima_model_free(prev);
            if (it == 0)
                return st;
            regset_drop(r, r->k - 1);
            prev = NULL;
            break;
        }
        fc_arima_model_free(prev);
        prev = m;
        reg_kind kind = REG_AO;
        size_t at = 0;
        double tau = best_outlier(m, r, r->n, with_tc, md->mean, &kind, &at);
        if (fabs(tau) < cv)
            break;
        if (!regset_add_outlier(r, kind, at, freq, start)) {
            fc_arima_model_free(prev);
            return fc_fail(err, FC_ENOMEM, "cannot add an outlier regressor");
        }
    }
    for (;;) {
        fc_arima_model *m = NULL;
        if (fit_model_ex(f, r, &md->order, 0, 0, md->mean, 0, prev, 1, &m, NULL))
            break;
        fc_arima_model_free(prev);
        prev = m;
        long worst = -1;
        double wt = INFINITY;
        for (size_t j = 0; j < r->k; j++) {
            if (r->kind[j] == REG_CAL)
                continue;
            long k = coef_index(m, r->name[j]);
            double t = k >= 0 && m->se[k] > 0 ? fabs(m->coef[k] / m->se[k]) : INFINITY;
            if (t < wt) {
                wt = t;
                worst = (long)j;
            }
        }
        if (worst < 0 || wt >= cv)
            break;
        regset_drop(r, (size_t)worst);
    }
    fc_arima_model_free(prev);
    return FC_OK;
}

/* -------------------------------------------------------- calendar tests */

/* Keeps the candidate spec (or none) with the lowest airline AICC. */
static fc_status choose_calendar(const fit_ctx *f, const fit_ctx *f_lp, regset *r,
                                 const char *const *cands, size_t ncand, const mdl *md,
                                 int freq, fc_period start, const fc_calendar_options *cal,
                                 int *chosen, fc_error *err)
{
    double best = model_aicc(f, r, md);
    *chosen = -1;
    size_t k0 = r->k;
    for (size_t c = 0; c < ncand; c++) {
        fc_status st = regset_add_calendar(r, cands[c], freq, start, cal, err);
        if (st)
            return st;
        double a = model_aicc(f_lp ? f_lp : f, r, md);
        if (a < best) {
            best = a;
            *chosen = (int)c;
        }
        while (r->k > k0)
            regset_drop(r, r->k - 1);
    }
    if (*chosen >= 0)
        return regset_add_calendar(r, cands[*chosen], freq, start, cal, err);
    return FC_OK;
}


/* ------------------------------------------------------------- automdl */

static int has_item(const char *list, const char *item)
{
    size_t len = strlen(item);
    for (const char *p = list; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (l == len && strncmp(p, item, len) == 0)
            return 1;
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}


static void note_add(fc_x11_auto_result *res, const char *text)
{
    size_t l = strlen(res->note);
    snprintf(res->note + l, sizeof res->note - l, "%s", text);
}

static int count_outliers(const regset *r)
{
    int n = 0;
    for (size_t j = 0; j < r->k; j++)
        n += r->kind[j] != REG_CAL;
    return n;
}

static void drop_kind(regset *r, int calendar)
{
    for (size_t j = r->k; j-- > 0;)
        if ((r->kind[j] == REG_CAL) == (calendar != 0))
            regset_drop(r, j);
}

/* Calendar columns first (X-13's order of the regression table). */
static void calendar_first(regset *r)
{
    regset t = *r;
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t j = 0; j < t.k; j++)
            if ((t.kind[j] == REG_CAL) == (pass == 0)) {
                r->col[k] = t.col[j];
                memcpy(r->name[k], t.name[j], sizeof t.name[j]);
                r->kind[k] = t.kind[j];
                r->at[k] = t.at[j];
                k++;
            }
}

/* Deep copy of the regressors (dst must be empty). */
static int regset_copy(regset *dst, const regset *src)
{
    regset_clear(dst);
    dst->n = src->n;
    dst->h = src->h;
    dst->N = src->N;
    for (size_t j = 0; j < src->k; j++) {
        double *c = regset_add(dst, src->name[j], src->kind[j], src->at[j]);
        if (!c)
            return 0;
        memcpy(c, src->col[j], src->N * sizeof *c);
    }
    return 1;
}

static int same_mdl(const mdl *a, const mdl *b)
{
    const fc_arima_order *x = &a->order, *y = &b->order;
    return a->mean == b->mean && x->p == y->p && x->d == y->d && x->q == y->q && x->P == y->P &&
           x->D == y->D && x->Q == y->Q;
}

/* The series without the regression effects of m (trend constant kept):
 * what X-13's automdl identifies the model on. */
static void linearise(const fc_arima_model *m, const regset *r, const fc_series *z, double *lin)
{
    memcpy(lin, z->values, z->n * sizeof *lin);
    for (size_t j = 0; j < r->k; j++) {
        long k = coef_index(m, r->name[j]);
        for (size_t i = 0; i < z->n && k >= 0; i++)
            lin[i] -= m->coef[k] * r->col[j][i];
    }
}

static int diagnose(const fit_ctx *f, const regset *r, const mdl *md, fc_automdl_check *d)
{
    fc_arima_model *m = NULL;
    if (fit_mdl_nose(f, r, md, &m, NULL))
        return 0;
    fc_automdl_diagnostics(m, d);
    fc_arima_model_free(m);
    return 1;
}

/* What the calendar and outlier steps need from fc_x11_auto. */
typedef struct {
    const fc_x11_auto_options *o;
    const char *calendar;
    const fc_series *y;
    fit_ctx *f, *flp, *fm;
    int lg, lpyear_prior;
    double cv0, cv;
} pipe_ctx;

/* X-13's aictest on the model md: calendar columns removed, then td,
 * easter and lny tested in turn (each against none). */
static fc_status calendar_tests(pipe_ctx *c, regset *r, const mdl *md, fc_error *err)
{
    fc_status st;
    int ny = c->y->freq, choice = -1;
    fc_period start = c->y->start;
    drop_kind(r, 1);
    fit_ctx *f = c->f;
    if (has_item(c->calendar, "td")) {
        const char *tdl[2] = {"td,lpyear", "td1,lpyear"}, *tdg[2] = {"td", "td1"};
        if ((st = choose_calendar(f, c->lg ? c->flp : NULL, r, c->lg ? tdg : tdl, 2, md, ny, start,
                                  &c->o->cal, &choice, err)))
            return st;
    }
    c->lpyear_prior = c->lg && choice >= 0;
    c->fm = c->lpyear_prior ? c->flp : c->f;
    if (has_item(c->calendar, "easter")) {
        const char *e[3] = {"easter[1]", "easter[8]", "easter[15]"};
        if ((st = choose_calendar(c->fm, NULL, r, e, 3, md, ny, start, &c->o->cal, &choice, err)))
            return st;
    }
    if (has_item(c->calendar, "lny")) {
        const char *l[1] = {"lny"};
        if ((st = choose_calendar(c->fm, NULL, r, l, 1, md, ny, start, &c->o->cal, &choice, err)))
            return st;
    }
    calendar_first(r);
    return FC_OK;
}

static void find_outliers(pipe_ctx *c, regset *r, const mdl *md, fc_x11_auto_result *res)
{
    if (!c->o->outliers)
        return;
    fc_error oerr;
    fc_error_clear(&oerr);
    if (detect_outliers(c->fm, r, md, c->y->freq, c->y->start, c->cv, c->o->outlier_tc, &oerr)) {
        note_add(res, "outlier detection skipped (");
        note_add(res, oerr.message);
        note_add(res, "). ");
    }
    calendar_first(r);
}

/* X-13's final check on the estimated coefficients (as TRAMO): the
 * highest-lag coefficient of a polynomial with |t| < 1 and |value| below
 * 0.15 (0.1 beyond 150 observations) is dropped, the smallest t first. */
static int drop_insignificant(const fc_arima_model *m, mdl *md, size_t n)
{
    double cmin = n <= 150 ? 0.15 : 0.1, tmin = 1.0;
    int which = -1;
    const char *pre[4] = {"ar", "sar", "ma", "sma"};
    int ord[4] = {md->order.p, md->order.P, md->order.q, md->order.Q};
    for (int k = 0; k < 4; k++) {
        if (ord[k] == 0)
            continue;
        char nm[16];
        snprintf(nm, sizeof nm, "%s%d", pre[k], ord[k]);
        double v, se;
        if (!fc_automdl_coef(m, nm, &v, &se) || !(se > 0))
            continue;
        double t = fabs(v) / se;
        if (t < tmin && fabs(v) < cmin) {
            tmin = t;
            which = k;
        }
    }
    if (which < 0)
        return 0;
    if (which == 0)
        md->order.p--;
    else if (which == 1)
        md->order.P--;
    else if (which == 2)
        md->order.q--;
    else
        md->order.Q--;
    return 1;
}

/* X-13's checkmu on the default model (before the outlier search): the
 * trend constant is kept when its |t| >= 1.96. */
static int constant_significant(const fit_ctx *f, const regset *r, const mdl *md)
{
    mdl m1 = *md;
    m1.mean = 1;
    fc_arima_model *m = NULL;
    if (fit_mdl(f, r, &m1, &m, NULL))
        return md->mean;
    long k = coef_index(m, "Constant");
    int sig = k >= 0 && m->se[k] > 0 && fabs(m->coef[k] / m->se[k]) >= 1.96;
    fc_arima_model_free(m);
    return sig;
}

/* X-13's pass0 (after the default model's outliers, step 0, and after the
 * model comparison, step 1): a trading-day group none of whose t-values
 * (nor that of the derived last day) reaches 1.96 is removed, with the
 * leap-year prior adjustment chosen with it; so is an Easter regressor
 * below 1.96 and the trend constant below 1.96 (step 0) or 1.0 (step 1).
 * Returns 1 when something was removed. */
static int pass0(pipe_ctx *c, regset *r, mdl *md, int step)
{
    fc_arima_model *m = NULL;
    if (fit_mdl(c->fm, r, md, &m, NULL))
        return 0;
    int ntd = 0, tdsig = 0, neas = 0, eassig = 0, ndays = 0;
    double dsum = 0.0, dvar = 0.0;
    long dk[8];
    for (size_t j = 0; j < r->k; j++) {
        if (r->kind[j] != REG_CAL)
            continue;
        long k = coef_index(m, r->name[j]);
        double t = k >= 0 && m->se[k] > 0 ? fabs(m->coef[k] / m->se[k]) : 0.0;
        if (strncmp(r->name[j], "Easter", 6) == 0) {
            neas++;
            eassig += t >= 1.96;
        } else if (strncmp(r->name[j], "LNY", 3) != 0) {
            ntd++;
            tdsig += t >= 1.96;
            /* the six day contrasts: the derived seventh is minus their sum */
            if (strlen(r->name[j]) == 3 && k >= 0 && ndays < 8)
                dk[ndays++] = k;
        }
    }
    for (int a = 0; a < ndays; a++) {
        dsum -= m->coef[dk[a]];
        for (int b = 0; b < ndays; b++)
            dvar += m->vcov[(size_t)dk[a] * m->ncoef + (size_t)dk[b]];
    }
    if (ndays > 1 && dvar > 0 && fabs(dsum) / sqrt(dvar) >= 1.96)
        tdsig++;
    int drop_td = ntd > 0 && tdsig == 0, drop_eas = neas > 0 && eassig == 0, drop_mu = 0;
    long km = md->mean ? coef_index(m, "Constant") : -1;
    if (km >= 0 && !(m->se[km] > 0 && fabs(m->coef[km] / m->se[km]) >= (step ? 1.0 : 1.96)))
        drop_mu = 1;
    fc_arima_model_free(m);
    for (size_t j = r->k; j-- > 0;) {
        if (r->kind[j] != REG_CAL)
            continue;
        int eas = strncmp(r->name[j], "Easter", 6) == 0, lny = strncmp(r->name[j], "LNY", 3) == 0;
        if ((eas && drop_eas) || (!eas && !lny && drop_td))
            regset_drop(r, j);
    }
    if (drop_td && c->lpyear_prior) {
        c->lpyear_prior = 0;
        c->fm = c->f;
    }
    if (drop_mu)
        md->mean = 0;
    return drop_td || drop_eas || drop_mu;
}

/* Re-estimation after a final-check change: outliers found again. */
static void redo_outliers(pipe_ctx *c, regset *r, const mdl *md, fc_x11_auto_result *res)
{
    drop_kind(r, 0);
    find_outliers(c, r, md, res);
}

/* X-13's automdl{} in the production pipeline (automd.f of X-13ARIMA-SEATS
 * 1.1, as described in the reference manual, spec automdl): the default
 * (airline) model with its calendar regressors and outliers is the
 * reference; the orders identified on the linearised series replace it
 * unless its Ljung-Box and residual standard deviation say otherwise; a
 * model whose residuals fail Ljung-Box twice (even with the outlier critical
 * value lowered by reducecv = 14.286%) is replaced by (3,d,1)(0,D,1); final
 * checks turn AR roots beyond 1/1.05 into differences, cancel a regular MA
 * unit root against a difference and drop insignificant highest-lag
 * coefficients. */
static fc_status run_automdl(pipe_ctx *c, regset *reg, mdl *cur, fc_x11_auto_result *res,
                             fc_error *err)
{
    size_t n = c->y->n;
    int ny = c->y->freq;
    fc_status st = FC_OK;
    regset ref_reg;
    memset(&ref_reg, 0, sizeof ref_reg);
    double *lin = malloc(n * sizeof *lin);
    if (!lin || !regset_copy(&ref_reg, reg)) {
        free(lin);
        regset_clear(&ref_reg);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the automdl work space");
    }
    mdl ref = *cur;
    fit_ctx *ref_fm = c->fm;
    int ref_lp = c->lpyear_prior;
    fc_automdl_check d0, d;
    if (!diagnose(c->fm, reg, cur, &d0)) {
        st = fc_fail(err, FC_ENOCONV, "the default model cannot be estimated");
        goto done;
    }
    double cpcr = 0.95;
    int loop = 1, need_amdl = 1;
    for (int round = 1; round <= 5; round++) {
        int defm = 1;
        if (need_amdl) {
            fc_arima_model *m = NULL;
            if ((st = fit_mdl_nose(c->fm, reg, cur, &m, err)))
                goto done;
            linearise(m, reg, c->fm->z, lin);
            fc_arima_model_free(m);
            fc_automdl_choice ch;
            fc_error ierr;
            if (fc_automdl_identify(lin, n, ny, &ch, &ierr) == FC_OK) {
                mdl nw = {ch.order, ch.mean};
                if (nw.order.P + nw.order.D + nw.order.Q == 0)
                    nw.order.period = 0;
                defm = same_mdl(&nw, cur);
                if (!defm) {
                    drop_kind(reg, 0);
                    *cur = nw;
                }
            } else {
                note_add(res, "automdl identification failed; default model kept. ");
            }
            if (!defm || loop > 1)
                if ((st = calendar_tests(c, reg, cur, err)))
                    goto done;
        }
        find_outliers(c, reg, cur, res);
        if (loop <= 2 && c->o->outliers) {
            if (!diagnose(c->fm, reg, cur, &d)) {
                d.plbox = 1.0;
                d.rvr = INFINITY;
            }
            int ichk = 0;
            const fc_arima_order *so = &cur->order;
            if (count_outliers(&ref_reg) <= count_outliers(reg) && !same_mdl(cur, &ref)) {
                if (d.plbox < .95 && d0.plbox < .75 && d0.rvr < d.rvr)
                    ichk = 1;
                else if (loop == 1 && d.plbox >= .95 && d0.plbox < .95)
                    ichk = 2;
                else if (d.plbox < .95 && d0.plbox < .75 && d0.plbox < d.plbox &&
                         d0.rvr < d.rvr / (1 - .0125))
                    ichk = 3;
                else if (d.plbox >= .95 && d0.plbox < .95 && d0.rvr < d.rvr)
                    ichk = 4;
                else if ((so->d == 0 && so->D == 1 && so->p == 1 && so->P == 0 && so->q <= 1 &&
                          so->Q == 1) ||
                         (so->d == 1 && so->D == 0 && so->p == 0 && so->P == 1 && so->q == 1 &&
                          so->Q <= 1)) {
                    /* a near-unit first AR coefficient where the default
                     * model has the difference: regular AR >= 0.82 with
                     * seasonal differencing only, seasonal AR >= 0.65 with
                     * regular differencing only (pass2.f's cases 5, 6) */
                    fc_arima_model *m = NULL;
                    double ar = 0;
                    int reg_ar = so->p == 1;
                    if (!fit_mdl_nose(c->fm, reg, cur, &m, NULL)) {
                        fc_automdl_coef(m, reg_ar ? "ar1" : "sar1", &ar, NULL);
                        fc_arima_model_free(m);
                    }
                    ichk = ar >= (reg_ar ? .82 : .65) ? 5 : 0;
                }
            }
            if (ichk) {
                /* back to the reference model and its regressors */
                *cur = ref;
                if (!regset_copy(reg, &ref_reg)) {
                    st = fc_fail(err, FC_ENOMEM, "cannot copy regressors");
                    goto done;
                }
                c->fm = ref_fm;
                c->lpyear_prior = ref_lp;
                d = d0;
                defm = 1;
                note_add(res, "automdl: identified model rejected for the default one. ");
            } else {
                ref = *cur;
                ref_fm = c->fm;
                ref_lp = c->lpyear_prior;
                d0 = d;
                if (!regset_copy(&ref_reg, reg)) {
                    st = fc_fail(err, FC_ENOMEM, "cannot copy regressors");
                    goto done;
                }
            }
            cpcr += loop == 1 ? .025 : .015;
            loop++;
            if (!(d.plbox <= cpcr)) {
                int ncv = 0;
                if (loop == 2 && c->cv > 2.8) {
                    c->cv = fmax(2.8, c->cv * (1.0 - 0.14286));
                    ncv = 1;
                }
                need_amdl = !defm;
                if (loop > 2 || !ncv) {
                    /* X-13's last resort: (3,d,1)(0,D,1) */
                    cur->order.p = 3;
                    if (cur->order.D > 0)
                        cur->order.P = 0;
                    cur->order.q = 1;
                    if (ny > 1 && cur->order.period > 0)
                        cur->order.Q = 1;
                    need_amdl = 0;
                    c->cv = c->cv0;
                    drop_kind(reg, 0);
                    if (loop == 2)
                        loop = 3;
                    note_add(res, "automdl: residuals fail Ljung-Box; (3,d,1) model. ");
                }
                continue;
            }
        }
        break;
    }
    /* regressors of the chosen model checked again */
    pass0(c, reg, cur, 1);
    /* final checks */
    {
        fc_arima_model *m = NULL;
        if ((st = fit_mdl_nose(c->fm, reg, cur, &m, err)))
            goto done;
        int changed = 0;
        if (cur->order.p > 0 && cur->order.d < 2 && fc_automdl_ar_unit_roots(m, 0, 1 / 1.05)) {
            cur->order.p--;
            cur->order.d++;
            changed = 1;
        }
        if (cur->order.P > 0 && cur->order.D < 1 && fc_automdl_ar_unit_roots(m, 1, 1 / 1.05)) {
            cur->order.P--;
            cur->order.D++;
            changed = 1;
        }
        fc_arima_model_free(m);
        if (changed)
            redo_outliers(c, reg, cur, res);
        if (cur->order.q > 0 && cur->order.d > 0) {
            if ((st = fit_mdl_nose(c->fm, reg, cur, &m, err)))
                goto done;
            double ma1 = fc_automdl_ma_at_one(m);
            fc_arima_model_free(m);
            if (fabs(ma1) < 0.001) {
                cur->order.q--;
                cur->order.d--;
                cur->mean = 1;
                redo_outliers(c, reg, cur, res);
            }
        }
        if (!cur->mean && fabs(d0.rtval) > 2.5)
            cur->mean = 1;
        for (int it = 0; it < 5; it++) {
            if ((st = fit_mdl(c->fm, reg, cur, &m, err)))
                goto done;
            int dropped = drop_insignificant(m, cur, n);
            fc_arima_model_free(m);
            if (!dropped)
                break;
        }
    }
done:
    free(lin);
    regset_clear(&ref_reg);
    return st;
}

/* ---------------------------------------------------------------- main */

void fc_x11_auto_options_default(fc_x11_auto_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    fc_x11_options_default(&opt->x11);
    opt->transform = -1;
    opt->calendar = "td,easter";
    opt->cal = fc_calendar_options_default();
    opt->outliers = 1;
    opt->outlier_cv = 0.0;
    opt->automdl = 1;
    opt->nforecast = 12;
}

void fc_x11_auto_result_free(fc_x11_auto_result *r)
{
    if (!r)
        return;
    fc_x11_result_free(r->x11);
    free(r->original);
    free(r->calendar_factor);
    free(r);
}

static fc_status check_calendar_list(const char *list, fc_error *err)
{
    for (const char *p = list; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (!((l == 2 && strncmp(p, "td", 2) == 0) || (l == 6 && strncmp(p, "easter", 6) == 0) ||
              (l == 3 && strncmp(p, "lny", 3) == 0)))
            return fc_fail(err, FC_EINVAL, "calendar regressors must be among td, easter, lny, not \"%.*s\"",
                           (int)l, p);
        p = comma ? comma + 1 : NULL;
    }
    return FC_OK;
}

typedef struct {
    fc_series *z, *zlp;
    double *lpfac, *xbuf, *b1;
    regset reg;
    fc_arima_model *model;
    fc_forecast *fc;
    fc_x11_result *x11;
    fc_x11_auto_result *res;
} auto_state;

static void auto_state_free(auto_state *s)
{
    fc_series_free(s->z);
    fc_series_free(s->zlp);
    free(s->lpfac);
    free(s->xbuf);
    free(s->b1);
    regset_clear(&s->reg);
    fc_arima_model_free(s->model);
    fc_forecast_free(s->fc);
    fc_x11_result_free(s->x11);
    fc_x11_auto_result_free(s->res);
}

/* Log or level, as transform{function=auto}: airline AICC with the
 * Jacobian of the log, levels only when better by more than 2. */
static fc_status choose_transform(const fc_series *y, const fc_x11_auto_options *o, auto_state *s,
                                  fc_error *err)
{
    fc_x11_auto_result *res = s->res;
    /* The Jacobian covers the observations in the likelihood: those after
     * the d + sD lost to differencing. */
    fc_arima_order ao = airline(y->freq, y->n);
    size_t lost = (size_t)(ao.d + ao.D * y->freq);
    int positive = 1;
    double jac = 0.0;
    for (size_t i = 0; i < y->n; i++) {
        if (!(y->values[i] > 0))
            positive = 0;
        else if (i >= lost)
            jac += 2.0 * log(y->values[i]);
    }
    res->aicc_level = res->aicc_log = NAN;
    if (o->transform == 1 && !positive)
        return fc_fail(err, FC_EDOMAIN, "log transform needs positive values");
    if (o->transform >= 0) {
        res->log_transform = o->transform;
        return FC_OK;
    }
    regset none = {y->n, 0, y->n, 0, {0}, {{0}}, {0}, {0}};
    fit_ctx f = {s->z, s->xbuf};
    res->aicc_level = airline_aicc(&f, &none, y->freq);
    if (!positive) {
        res->log_transform = 0;
        return FC_OK;
    }
    for (size_t i = 0; i < y->n; i++)
        s->zlp->values[i] = log(y->values[i]);
    fit_ctx fl = {s->zlp, s->xbuf};
    res->aicc_log = airline_aicc(&fl, &none, y->freq) + jac;
    res->log_transform = !(res->aicc_level < res->aicc_log - 2.0);
    return FC_OK;
}

fc_status fc_x11_auto(const fc_series *y, const fc_x11_auto_options *opt,
                      fc_x11_auto_result **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_x11_auto: NULL output pointer");
    *out = NULL;
    fc_x11_auto_options o;
    if (opt)
        o = *opt;
    else
        fc_x11_auto_options_default(&o);
    if (!y || !y->values)
        return fc_fail(err, FC_EINVAL, "fc_x11_auto: NULL series");
    fc_status st = fc_freq_check(y->freq, err);
    if (st)
        return st;
    st = fc_series_require_complete(y, 3 * (size_t)y->freq, "series", err);
    if (st)
        return st;
    const char *calendar = o.calendar ? o.calendar : "";
    if ((st = check_calendar_list(calendar, err)))
        return st;
    fc_gsl_quiet();
    size_t n = y->n, h = o.nforecast, N = n + h;
    int ny = y->freq;
    auto_state s;
    memset(&s, 0, sizeof s);
    s.reg.n = n;
    s.reg.h = h;
    s.reg.N = N;
    s.res = calloc(1, sizeof *s.res);
    s.lpfac = malloc(N * sizeof *s.lpfac);
    s.xbuf = malloc(n * MAXREG * sizeof *s.xbuf);
    s.b1 = malloc(N * sizeof *s.b1);
    if (!s.res || !s.lpfac || !s.xbuf || !s.b1 || fc_series_copy(y, &s.z, err) ||
        fc_series_copy(y, &s.zlp, err)) {
        auto_state_free(&s);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the regARIMA work space");
    }
    fc_x11_auto_result *res = s.res;
    /* Leap-year factors: (days in February or Q1) / long-run mean. */
    if ((st = fc_calendar_lpyear(ny, y->start, N, s.lpfac, err)))
        goto fail;
    for (size_t i = 0; i < N; i++)
        s.lpfac[i] = 1.0 + s.lpfac[i] / (ny == 12 ? 28.25 : 90.25);
    if ((st = choose_transform(y, &o, &s, err)))
        goto fail;
    int lg = res->log_transform;
    for (size_t i = 0; i < n; i++) {
        s.z->values[i] = lg ? log(y->values[i]) : y->values[i];
        s.zlp->values[i] = lg ? log(y->values[i] / s.lpfac[i]) : y->values[i];
    }
    fit_ctx f = {s.z, s.xbuf}, flp = {s.zlp, s.xbuf};
    pipe_ctx pc = {&o, calendar, y, &f, &flp, &f, lg, 0, 0.0, 0.0};
    pc.cv0 = pc.cv = o.outlier_cv > 0 ? o.outlier_cv : default_cv(n);
    /* Calendar regressors by AICC and outliers, on the airline model. */
    mdl cur = airline_mdl(ny, n);
    if ((st = calendar_tests(&pc, &s.reg, &cur, err)))
        goto fail;
    if (o.automdl)
        cur.mean = constant_significant(pc.fm, &s.reg, &cur);
    find_outliers(&pc, &s.reg, &cur, res);
    if (o.automdl && o.outliers)
        pass0(&pc, &s.reg, &cur, 0);
    fc_arima_order order = cur.order;
    int mean = 0, drift = 0, xconst = 0;
    int amdl_ok = n >= (size_t)(3 * ny + 10) && n >= 20;
    if (o.automdl && !amdl_ok) {
        note_add(res, "series too short for automdl (needs 3 years + 10 observations); "
                      "default model. ");
        xconst = cur.mean;
    }
    if (o.automdl && amdl_ok) {
        /* X-13's automdl: identification, comparison with the default
         * model, outliers again with the chosen model, final checks */
        fc_error aerr;
        fc_error_clear(&aerr);
        st = run_automdl(&pc, &s.reg, &cur, res, &aerr);
        if (st == FC_ENOMEM) {
            fc_fail(err, st, "%s", aerr.message);
            goto fail;
        }
        if (st) {
            note_add(res, "automdl failed (");
            note_add(res, aerr.message);
            note_add(res, "); airline model used. ");
            cur = airline_mdl(ny, n);
        }
        order = cur.order;
        xconst = cur.mean;
    } else if (!o.automdl) {
        /* R's auto.arima on the series without its regression effects */
        fc_arima_model *m0 = NULL;
        fc_series *w = NULL;
        if ((st = fc_series_copy(pc.fm->z, &w, err)))
            goto fail;
        if (s.reg.k && fit_model(pc.fm, &s.reg, &order, 0, 0, &m0, NULL))
            note_add(res, "regression effects not removed before the model search (airline fit failed). ");
        if (m0)
            linearise(m0, &s.reg, pc.fm->z, w->values);
        fc_arima_model_free(m0);
        fc_arima_model *ma = NULL;
        fc_auto_options ao = fc_auto_options_default();
        if (fc_auto_arima(w, &ao, &ma, NULL, NULL) == FC_OK) {
            order = ma->spec.order;
            order.period = ny;
            mean = ma->spec.include_mean;
            drift = ma->spec.include_drift;
        }
        fc_arima_model_free(ma);
        fc_series_free(w);
    }
    res->lpyear_prior = pc.lpyear_prior;
    fit_ctx *fm = pc.fm;
    if (fit_model_ex(fm, &s.reg, &order, mean, drift, xconst, 1, NULL, 1, &s.model, NULL)) {
        order = airline(ny, n);
        mean = drift = xconst = 0;
        note_add(res, "automatic model failed with the regressors; airline model used. ");
        if ((st = fit_model(fm, &s.reg, &order, 0, 0, &s.model, err)))
            goto fail;
    }
    /* Forecast extension and the pre-adjusted B1. */
    double *fx = NULL;
    size_t nx = s.reg.k + (xconst ? 1 : 0);
    if (nx) {
        double *cc = xconst ? malloc(N * sizeof *cc) : NULL;
        fx = malloc(h * nx * sizeof *fx);
        if (!fx || (xconst && !cc)) {
            free(fx);
            free(cc);
            st = fc_fail(err, FC_ENOMEM, "cannot allocate future regressors");
            goto fail;
        }
        for (size_t j = 0; j < s.reg.k; j++)
            memcpy(fx + j * h, s.reg.col[j] + n, h * sizeof(double));
        if (xconst) {
            fc_automdl_constant_column(cc, N, order.d, order.D, ny);
            memcpy(fx + s.reg.k * h, cc + n, h * sizeof(double));
        }
        free(cc);
    }
    if (h > 0) {
        st = fc_arima_forecast(s.model, h, NULL, 0, fx, &s.fc, err);
        free(fx);
        if (st)
            goto fail;
    } else {
        free(fx);
    }
    double *regeff = calloc(N, sizeof *regeff), *caleff = calloc(N, sizeof *caleff),
           *lseff = calloc(N, sizeof *lseff);
    if (!regeff || !caleff || !lseff) {
        free(regeff);
        free(caleff);
        free(lseff);
        st = fc_fail(err, FC_ENOMEM, "cannot allocate regression effects");
        goto fail;
    }
    res->nreg = 0;
    long kc = xconst ? coef_index(s.model, "Constant") : -1;
    if (kc >= 0) {
        /* reported as X-13 does, first; not removed from B1 (as X-13) */
        snprintf(res->reg_names[0], sizeof res->reg_names[0], "Constant");
        res->reg_coef[0] = s.model->coef[kc];
        res->reg_se[0] = s.model->se[kc];
        res->nreg = 1;
    }
    for (size_t j = 0; j < s.reg.k && res->nreg < MAXREG; j++) {
        long k = coef_index(s.model, s.reg.name[j]);
        if (k < 0)
            continue;
        double b = s.model->coef[k];
        for (size_t i = 0; i < N; i++) {
            regeff[i] += b * s.reg.col[j][i];
            if (s.reg.kind[j] == REG_CAL)
                caleff[i] += b * s.reg.col[j][i];
            if (s.reg.kind[j] == REG_LS)
                lseff[i] += b * s.reg.col[j][i];
        }
        snprintf(res->reg_names[res->nreg], sizeof res->reg_names[0], "%s", s.reg.name[j]);
        res->reg_coef[res->nreg] = b;
        res->reg_se[res->nreg] = s.model->se[k];
        res->nreg++;
    }
    for (size_t i = 0; i < N; i++) {
        double zi = i < n ? fm->z->values[i] : s.fc->mean_transformed[i - n];
        s.b1[i] = lg ? exp(zi - regeff[i]) : zi - regeff[i];
    }
    /* X-11 on the extended pre-adjusted series. */
    fc_series *b1s = NULL;
    st = fc_series_from_array(s.b1, N, ny, y->start, &b1s, err);
    if (!st) {
        fc_x11_options xo = o.x11;
        xo.mode = lg ? FC_X11_MULT : FC_X11_ADD;
        xo.nforecast = h;
        xo.nbackcast = 0;
        st = fc_x11(b1s, &xo, &s.x11, err);
    }
    fc_series_free(b1s);
    if (st) {
        free(regeff);
        free(caleff);
        free(lseff);
        goto fail;
    }
    /* Final tables with calendar effects and level shifts. */
    res->original = malloc(n * sizeof *res->original);
    res->calendar_factor = malloc(n * sizeof *res->calendar_factor);
    if (!res->original || !res->calendar_factor) {
        free(regeff);
        free(caleff);
        free(lseff);
        st = fc_fail(err, FC_ENOMEM, "cannot allocate the final tables");
        goto fail;
    }
    fc_x11_result *x = s.x11;
    for (size_t i = 0; i < n; i++) {
        double cf = lg ? exp(caleff[i]) * (res->lpyear_prior ? s.lpfac[i] : 1.0) : caleff[i];
        double ls = lg ? exp(lseff[i]) : lseff[i];
        res->original[i] = y->values[i];
        res->calendar_factor[i] = cf;
        x->d16[i] = lg ? x->d10[i] * cf : x->d10[i] + cf;
        x->d11[i] = lg ? y->values[i] / x->d16[i] : y->values[i] - x->d16[i];
        x->d12[i] = lg ? x->d12[i] * ls : x->d12[i] + ls;
        x->d13[i] = lg ? x->d11[i] / x->d12[i] : x->d11[i] - x->d12[i];
    }
    free(regeff);
    free(caleff);
    free(lseff);
    res->order = s.model->spec.order;
    res->order.period = ny;
    res->constant = mean || drift || kc >= 0;
    res->loglik = s.model->loglik;
    res->aicc = s.model->aicc;
    note_add(res, o.automdl ? "ARIMA orders by X-13's automdl procedure (TRAMO); outlier "
                              "t-statistics of Chen & Liu"
                            : "ARIMA orders chosen by R's auto.arima stepwise search (not X-13's "
                              "automdl); outlier t-statistics of Chen & Liu");
    res->x11 = s.x11;
    s.x11 = NULL;
    s.res = NULL;
    *out = res;
    auto_state_free(&s);
    return FC_OK;
fail:
    auto_state_free(&s);
    return st;
}
