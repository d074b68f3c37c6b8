/* Regression with ARIMA errors by the profile (concentrated) likelihood.
 *
 * For fixed ARMA coefficients the exact Gaussian likelihood of the
 * differenced model w = dz - dX beta is a generalised least-squares
 * problem: the innovations of the Kalman filter are linear in the data
 * (the gains do not depend on it), so filtering dz and every column of dX
 * with the same gains gives whitened data e_z, E_X with
 *     innovations(w) = e_z - E_X beta,
 * and beta_hat(phi) = argmin ||e_z - E_X beta||^2 (least squares by QR).
 * The likelihood, with sigma2 = S / nu concentrated out as well, is then
 *     -loglik = nu/2 log(S/nu) + 1/2 sum log F_t + const,
 * a function of the few ARMA coefficients only.  This is how
 * X-13ARIMA-SEATS' regARIMA estimation and TRAMO work (X-13ARIMA-SEATS
 * Reference Manual, "estimate" spec; Gomez & Maravall 1994, JASA 89:611,
 * section 2); R's stats::arima instead optimises beta numerically along
 * with the ARMA part, which costs O(k^2) likelihood evaluations with k
 * regressors.  The maximiser is the same point, so the final model is made
 * by fc_arima_fit started there.
 *
 * Filter: the ARMA part in Harvey's (1989, §3.3) state-space form with the
 * stationary covariance P1 (Brockwell & Davis 1991, eq. 3.3.8-3.3.9 for the
 * autocovariances), run by the Chandrasekhar recursions (Morf, Sidhu &
 * Kailath 1974) on all k + 1 series at once, the gains computed once.
 * Tested against forecast::Arima / stats::arima fits in
 * tests/test_regarima_profile.c (fixtures: tests/fixtures/gen_regarima_profile.R). */
#include "internal.h"
#include "regarima_profile.h"
#include "ss_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROF_BIG 1e10

/* The whitening and QR loops vectorise at -O3 (over the series, and along
 * the columns); the project builds with -O2 (as statespace.c's FC_HOT). */
#if defined(__GNUC__) && !defined(__clang__)
#define PROF_HOT __attribute__((optimize("O3")))
#else
#define PROF_HOT
#endif
#define PROF_MAXARMA 64
#define PROF_MAXCOL 490 /* fc_arima_fit accepts 500 coefficients */

/* ------------------------------------------------------------ problem */

typedef struct {
    int p, q, P, Q, s;
    size_t np, nq, r;     /* expanded AR / MA degrees, state dimension */
    size_t narma, k, ncol;
    size_t nw;            /* length of the differenced series */
    double *W;            /* nw x ncol row-major: differenced X columns, then dz */
    double *E;            /* nw x ncol: whitened W (QR works in place on it) */
    double *w1;           /* nw: dz - dX beta (one column) */
    double *e1;           /* nw: its whitened version */
    double *beta;         /* k: GLS estimate at the last evaluation */
    double S;             /* residual sum of squares at the last evaluation */
    double sumlog;        /* sum log F_t (ML) */
    size_t nu;            /* observations in the sums */
    int transform;        /* AR blocks through partial autocorrelations */
    /* workspace */
    double *phi, *theta, *psi, *gam, *pz, *state, *kb, *wv, *u;
    gsl_matrix *A;        /* (np + 1)^2 autocovariance system */
    gsl_vector *b, *x;
    gsl_permutation *perm;
    double *Ec;           /* nw x ncol column-major copy for the QR */
    double *rdiag;        /* k: diagonal of R */
    double *a0, *vf;      /* ncol: first state row, scaled innovations */
} prof;

static void prof_clear(prof *pf)
{
    free(pf->W);
    free(pf->E);
    free(pf->w1);
    free(pf->e1);
    free(pf->beta);
    free(pf->phi);
    free(pf->theta);
    free(pf->psi);
    free(pf->gam);
    free(pf->pz);
    free(pf->state);
    free(pf->kb);
    free(pf->wv);
    free(pf->u);
    gsl_matrix_free(pf->A);
    gsl_vector_free(pf->b);
    gsl_vector_free(pf->x);
    gsl_permutation_free(pf->perm);
    free(pf->Ec);
    free(pf->rdiag);
    free(pf->a0);
    free(pf->vf);
    memset(pf, 0, sizeof *pf);
}

/* (1-B)^d (1-B^s)^D as 1 - sum_{i=1}^{dd} delta[i-1] B^i. */
static void diff_poly(int d, int D, int s, double *delta, size_t dd)
{
    double c[512] = {1.0};
    size_t deg = 0;
    for (int i = 0; i < d + D; i++) {
        size_t lag = i < d ? 1 : (size_t)s;
        for (size_t j = deg + lag; j >= lag; j--)
            c[j] -= c[j - lag];
        deg += lag;
    }
    for (size_t i = 0; i < dd; i++)
        delta[i] = -c[i + 1];
}

/* Returns 0 when set up; -1 when the profile path does not apply (the
 * caller then uses fc_arima_fit, which also reports any input error). */
static int prof_setup(prof *pf, const fc_series *y, const fc_arima_spec *spec,
                      const fc_arima_options *o, fc_regdesign *X, double *z)
{
    memset(pf, 0, sizeof *pf);
    const fc_arima_order *od = &spec->order;
    int s = od->period > 0 ? od->period : y->freq;
    if (od->p < 0 || od->q < 0 || od->P < 0 || od->Q < 0 || od->d < 0 || od->D < 0 ||
        od->p > 60 || od->q > 60 || od->P > 6 || od->Q > 6 || od->d > 3 || od->D > 2)
        return -1;
    if ((od->P || od->D || od->Q) && s < 2)
        return -1;
    if (!(od->P || od->D || od->Q))
        s = s > 0 ? s : 1;
    pf->p = od->p;
    pf->q = od->q;
    pf->P = od->P;
    pf->Q = od->Q;
    pf->s = s;
    pf->np = (size_t)(od->p + s * od->P);
    pf->nq = (size_t)(od->q + s * od->Q);
    pf->r = pf->np > pf->nq + 1 ? pf->np : pf->nq + 1;
    pf->narma = (size_t)(od->p + od->q + od->P + od->Q);
    if (pf->narma > PROF_MAXARMA || pf->np > 400 || pf->nq > 400)
        return -1;
    size_t dd = (size_t)(od->d + s * od->D), n = y->n, k = X->k;
    if (k == 0 || k > PROF_MAXCOL || n <= dd || dd > 500)
        return -1;
    size_t nw = n - dd;
    /* as fc_arima_fit: enough observations for orders and regressors, and
     * more rows than columns for the least squares */
    if (n < dd + pf->np + pf->nq + k + 1 || nw <= pf->np + k + 1)
        return -1;
    pf->k = k;
    pf->ncol = k + 1;
    pf->nw = nw;
    pf->transform = o->transform_pars;
    size_t r = pf->r, nc = pf->ncol, m1 = pf->np + 1;
    double *delta = malloc((dd + 1) * sizeof(double));
    pf->W = malloc(nw * nc * sizeof(double));
    pf->E = malloc(nw * nc * sizeof(double));
    pf->w1 = malloc(nw * sizeof(double));
    pf->e1 = malloc(nw * sizeof(double));
    pf->beta = calloc(k, sizeof(double));
    pf->phi = calloc(r + 1, sizeof(double));
    pf->theta = calloc(r + 1, sizeof(double));
    pf->psi = calloc(r + 2, sizeof(double));
    pf->gam = calloc(r + 2, sizeof(double));
    pf->pz = calloc(r, sizeof(double));
    pf->state = calloc(r * nc, sizeof(double));
    pf->kb = calloc(r, sizeof(double));
    pf->wv = calloc(r, sizeof(double));
    pf->u = calloc(r, sizeof(double));
    pf->A = gsl_matrix_alloc(m1, m1);
    pf->b = gsl_vector_alloc(m1);
    pf->x = gsl_vector_alloc(m1);
    pf->perm = gsl_permutation_alloc(m1);
    pf->Ec = malloc(nw * nc * sizeof(double));
    pf->rdiag = malloc(k * sizeof(double));
    pf->a0 = malloc(nc * sizeof(double));
    pf->vf = malloc(nc * sizeof(double));
    if (!delta || !pf->W || !pf->E || !pf->w1 || !pf->e1 || !pf->beta || !pf->phi ||
        !pf->theta || !pf->psi || !pf->gam || !pf->pz || !pf->state || !pf->kb || !pf->wv ||
        !pf->u || !pf->A || !pf->b || !pf->x || !pf->perm || !pf->Ec || !pf->rdiag || !pf->a0 || !pf->vf) {
        free(delta);
        return -1;
    }
    diff_poly(od->d, od->D, s, delta, dd);
    for (size_t t = 0; t < nw; t++) {
        for (size_t j = 0; j <= k; j++) {
            const double *c = j < k ? X->X + j * n : z;
            double v = c[t + dd];
            for (size_t i = 0; i < dd; i++)
                v -= delta[i] * c[t + dd - i - 1];
            pf->W[t * nc + j] = v;
        }
    }
    free(delta);
    return 0;
}

/* -------------------------------------------------- ARMA polynomials */

/* Optimiser variables -> ARMA coefficients in R order (ar, ma, sar, sma). */
static void x_to_arma(const prof *pf, const double *x, double *coef)
{
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P;
    memcpy(coef, x, pf->narma * sizeof(double));
    if (pf->transform) {
        fc_arma_pacf_to_ar(x, p, coef);
        fc_arma_pacf_to_ar(x + p + q, P, coef + p + q);
    }
}

/* Inverse of x_to_arma; -1 when an AR block is not stationary. */
static int arma_to_x(const prof *pf, const double *coef, double *x)
{
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P;
    memcpy(x, coef, pf->narma * sizeof(double));
    if (!pf->transform)
        return 0;
    return fc_arma_ar_to_pacf(coef, p, x) || fc_arma_ar_to_pacf(coef + p + q, P, x + p + q) ? -1 : 0;
}

/* 1 when both AR blocks of coef (R order) are stationary. */
static int ar_stationary(const prof *pf, const double *coef)
{
    double raw[PROF_MAXARMA];
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P;
    return fc_arma_ar_to_pacf(coef, p, raw) == 0 && fc_arma_ar_to_pacf(coef + p + q, P, raw) == 0;
}

/* phi(B) Phi(B^s) = 1 - sum phi[l-1] B^l and theta(B) Theta(B^s) =
 * 1 + sum theta[l-1] B^l, multiplied out. */
static void expand(prof *pf, const double *coef)
{
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P, Q = (size_t)pf->Q;
    size_t s = (size_t)pf->s;
    const double *ar = coef, *ma = coef + p, *sar = coef + p + q, *sma = coef + p + q + P;
    memset(pf->phi, 0, (pf->r + 1) * sizeof(double));
    memset(pf->theta, 0, (pf->r + 1) * sizeof(double));
    for (size_t i = 1; i <= p; i++)
        pf->phi[i - 1] += ar[i - 1];
    for (size_t j = 1; j <= P; j++) {
        pf->phi[j * s - 1] += sar[j - 1];
        for (size_t i = 1; i <= p; i++)
            pf->phi[j * s + i - 1] -= ar[i - 1] * sar[j - 1];
    }
    for (size_t i = 1; i <= q; i++)
        pf->theta[i - 1] += ma[i - 1];
    for (size_t j = 1; j <= Q; j++) {
        pf->theta[j * s - 1] += sma[j - 1];
        for (size_t i = 1; i <= q; i++)
            pf->theta[j * s + i - 1] += ma[i - 1] * sma[j - 1];
    }
}

/* First row of the stationary state covariance (P1 Z, Z = e1) of the ARMA
 * part in Harvey's form, sigma2 = 1.  State j is
 *   x_{t,j} = sum_{l>=j} phi_{l+1} y_{t-1-l+j} + theta_l e_{t-l+j}
 * (theta_0 = 1), so Cov(y_t, x_{t,j}) = sum_{l>=j} phi_{l+1} gamma(l-j+1) +
 * theta_l psi_{l-j}, with psi the MA(infinity) weights and gamma the
 * autocovariances: gamma(h) - sum_i phi_i gamma(h-i) = sum_{l>=h} theta_l
 * psi_{l-h} (Brockwell & Davis 1991, eq. 3.3.8), solved for h = 0..np
 * and continued by the recursion.  -1 when not stationary. */
static int stationary_pz(prof *pf)
{
    size_t np = pf->np, nq = pf->nq, r = pf->r;
    const double *phi = pf->phi, *theta = pf->theta;
    double *psi = pf->psi, *gam = pf->gam;
#define TH(l) ((l) == 0 ? 1.0 : ((l) <= nq ? theta[(l) - 1] : 0.0))
    for (size_t j = 0; j <= r; j++) {
        double v = TH(j);
        for (size_t i = 1; i <= j && i <= np; i++)
            v += phi[i - 1] * psi[j - i];
        psi[j] = v;
    }
    /* right-hand sides c_h, stored in gam until solved */
    for (size_t h = 0; h <= r; h++) {
        double v = 0.0;
        for (size_t l = h; l <= nq; l++)
            v += TH(l) * psi[l - h];
        gam[h] = v;
    }
    if (np > 0) {
        size_t m = np + 1;
        gsl_matrix_set_identity(pf->A);
        for (size_t h = 0; h < m; h++) {
            for (size_t i = 1; i <= np; i++) {
                if (phi[i - 1] == 0.0)
                    continue;
                size_t lag = h >= i ? h - i : i - h;
                *gsl_matrix_ptr(pf->A, h, lag) -= phi[i - 1];
            }
            gsl_vector_set(pf->b, h, gam[h]);
        }
        int sgn;
        if (gsl_linalg_LU_decomp(pf->A, pf->perm, &sgn) ||
            gsl_linalg_LU_solve(pf->A, pf->perm, pf->b, pf->x))
            return -1;
        for (size_t h = 0; h < m && h <= r; h++)
            gam[h] = gsl_vector_get(pf->x, h);
        for (size_t h = m; h <= r; h++) {
            double v = gam[h]; /* c_h */
            for (size_t i = 1; i <= np; i++)
                v += phi[i - 1] * gam[h - i];
            gam[h] = v;
        }
    }
    if (!(gam[0] > 0.0) || !isfinite(gam[0]))
        return -1;
    pf->pz[0] = gam[0];
    for (size_t j = 1; j < r; j++) {
        double v = 0.0;
        for (size_t l = j; l < r; l++)
            v += phi[l] * gam[l - j + 1] + TH(l) * psi[l - j];
        pf->pz[j] = v;
    }
#undef TH
    return 0;
}

/* ---------------------------------------------------------- whitening */

/* Exact-likelihood innovations v_t / sqrt(F_t) of the ncol series in
 * W (nw x ncol row-major) under the ARMA model in pf->phi, pz: one
 * Chandrasekhar gain sequence (Morf, Sidhu & Kailath 1974) shared by all
 * series.  Transition T: companion with first column phi, Z = e1, so
 * (T v)_i = phi_i v_0 + v_{i+1}.  P2 - P1 = -K1 K1' / F1 (rank one, P1
 * stationary); then F' = F + M g^2, K' = K + M g T w, w' = T w - K g / F,
 * M' = M F / F', g = w_0, and the gain is frozen once M w'w is negligible.
 * Returns -1 on a non-positive innovation variance. */
static PROF_HOT int whiten_ml(prof *pf, const double *W, size_t ncol, double *E)
{
    size_t r = pf->r, nw = pf->nw;
    const double *phi = pf->phi;
    double *a = pf->state, *kb = pf->kb, *wv = pf->wv, *u = pf->u;
    double *a0 = pf->a0, *vf = pf->vf;
    memset(a, 0, r * ncol * sizeof(double));
    for (size_t i = 0; i < r; i++)
        kb[i] = phi[i] * pf->pz[0] + (i + 1 < r ? pf->pz[i + 1] : 0.0);
    memcpy(wv, kb, r * sizeof(double));
    double F = pf->pz[0], M = -1.0 / F, sumlog = 0.0;
    int frozen = 0;
    for (size_t t = 0; t < nw; t++) {
        if (!(F > 0.0) || !isfinite(F))
            return -1;
        double sf = sqrt(F), invF = 1.0 / F;
        sumlog += log(F);
        const double *yt = W + t * ncol;
        double *et = E + t * ncol;
        /* v = y - a_0; a <- T a + K v / F, row by row over all series
         * (rows move up one place; row 0 is kept in a0 first) */
        for (size_t c = 0; c < ncol; c++) {
            double v = yt[c] - a[c];
            et[c] = v / sf;
            vf[c] = v * invF;
            a0[c] = a[c];
        }
        for (size_t i = 0; i < r; i++) {
            double *ai = a + i * ncol;
            const double *an = a + (i + 1) * ncol;
            double ph = phi[i], ki = kb[i];
            if (i + 1 < r && ph == 0.0)
                for (size_t c = 0; c < ncol; c++)
                    ai[c] = an[c] + ki * vf[c];
            else if (i + 1 < r)
                for (size_t c = 0; c < ncol; c++)
                    ai[c] = ph * a0[c] + an[c] + ki * vf[c];
            else
                for (size_t c = 0; c < ncol; c++)
                    ai[c] = ph * a0[c] + ki * vf[c];
        }
        if (frozen)
            continue;
        double g = wv[0];
        for (size_t i = 0; i < r; i++)
            u[i] = phi[i] * wv[0] + (i + 1 < r ? wv[i + 1] : 0.0);
        double Fn = F + M * g * g, w2 = 0.0;
        for (size_t i = 0; i < r; i++) {
            double ki = kb[i];
            kb[i] = ki + M * g * u[i];
            wv[i] = u[i] - ki * g * invF;
            w2 += wv[i] * wv[i];
        }
        M = M * F / Fn;
        F = Fn;
        if (fabs(M) * w2 < 1e-16 * F)
            frozen = 1;
    }
    pf->sumlog = sumlog;
    pf->nu = nw;
    return 0;
}

/* Conditional-sum-of-squares residuals (R's method "CSS"): ARMA
 * residuals of each series, the first np conditioned on (set to 0). */
static PROF_HOT void whiten_css(prof *pf, const double *W, size_t ncol, double *E)
{
    size_t np = pf->np, nq = pf->nq, nw = pf->nw;
    size_t ip[512], iq[512], nip = 0, niq = 0;
    for (size_t i = 0; i < np && nip < 512; i++)
        if (pf->phi[i] != 0.0)
            ip[nip++] = i;
    for (size_t j = 0; j < nq && niq < 512; j++)
        if (pf->theta[j] != 0.0)
            iq[niq++] = j;
    for (size_t t = 0; t < nw; t++) {
        double *et = E + t * ncol;
        if (t < np) {
            memset(et, 0, ncol * sizeof(double));
            continue;
        }
        memcpy(et, W + t * ncol, ncol * sizeof(double));
        for (size_t a = 0; a < nip; a++) {
            double f = pf->phi[ip[a]];
            const double *wl = W + (t - ip[a] - 1) * ncol;
            for (size_t c = 0; c < ncol; c++)
                et[c] -= f * wl[c];
        }
        for (size_t b = 0; b < niq && iq[b] + 1 <= t; b++) {
            double f = pf->theta[iq[b]];
            const double *el = E + (t - iq[b] - 1) * ncol;
            for (size_t c = 0; c < ncol; c++)
                et[c] -= f * el[c];
        }
    }
    pf->sumlog = 0.0;
    pf->nu = nw - np;
}

/* Whitens W at the ARMA coefficients coef (R order); -1 if not possible. */
static int whiten(prof *pf, const double *coef, int css, const double *W, size_t ncol, double *E)
{
    expand(pf, coef);
    if (css) {
        whiten_css(pf, W, ncol, E);
        return 0;
    }
    if (stationary_pz(pf))
        return -1;
    return whiten_ml(pf, W, ncol, E);
}

/* x'y with four partial sums (breaks the add latency chain). */
static PROF_HOT double dot4(const double *restrict x, const double *restrict y, size_t m)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        s0 += x[i] * y[i];
        s1 += x[i + 1] * y[i + 1];
        s2 += x[i + 2] * y[i + 2];
        s3 += x[i + 3] * y[i + 3];
    }
    for (; i < m; i++)
        s0 += x[i] * y[i];
    return (s0 + s1) + (s2 + s3);
}

/* Householder reflection of x[0..m) onto alpha e1 (Golub & Van Loan 2013,
 * §5.1.2), applied to the columns y_l (l = 0..ny) that follow: x becomes v
 * with v'v = vtv, y_l <- y_l - 2 (v'y_l / v'v) v.  Returns alpha. */
static PROF_HOT double householder(double *restrict x, size_t m, double *restrict const *y, size_t ny,
                          size_t off)
{
    double xx = dot4(x, x, m);
    double nx = sqrt(xx);
    if (nx == 0.0)
        return 0.0;
    double alpha = x[0] > 0 ? -nx : nx;
    double v0 = x[0] - alpha;
    double vtv = xx - x[0] * x[0] + v0 * v0;
    x[0] = v0;
    for (size_t l = 0; l < ny; l++) {
        double *restrict yl = y[l] + off;
        double f = 2.0 * dot4(x, yl, m) / vtv;
        for (size_t i = 0; i < m; i++)
            yl[i] -= f * x[i];
    }
    return alpha;
}

/* Least squares of the whitened z (last column of E) on the whitened
 * regressors, rows first..nw-1, by Householder QR of [E_X e_z] (the
 * columns copied out contiguously): R = [R11 r12; 0 rho], beta =
 * R11^{-1} r12, S = ||rho||^2 (the part of e_z orthogonal to E_X).
 * -1 when a column of E_X is (numerically) in the span of the previous
 * ones (|R_jj| <= 1e-9 of its norm, as fc_regarima_ols). */
static PROF_HOT int gls(prof *pf, size_t first)
{
    size_t k = pf->k, nc = pf->ncol, m = pf->nw - first;
    double *C = pf->Ec, *cols[PROF_MAXCOL + 1];
    for (size_t j = 0; j < nc; j++)
        cols[j] = C + j * m;
    const double *E = pf->E + first * nc;
    for (size_t t = 0; t < m; t++)
        for (size_t j = 0; j < nc; j++)
            cols[j][t] = E[t * nc + j];
    for (size_t j = 0; j < k; j++) {
        double full = dot4(cols[j], cols[j], m);
        double alpha = householder(cols[j] + j, m - j, cols + j + 1, nc - j - 1, j);
        if (!(fabs(alpha) > 1e-9 * sqrt(full)))
            return -1;
        pf->rdiag[j] = alpha;
    }
    for (size_t j = k; j-- > 0;) {
        double v = cols[k][j];
        for (size_t l = j + 1; l < k; l++)
            v -= cols[l][j] * pf->beta[l];
        pf->beta[j] = v / pf->rdiag[j];
    }
    pf->S = dot4(cols[k] + k, cols[k] + k, m - k);
    return 0;
}

/* Profile objective per observation at ARMA coefficients coef:
 * ML 1/2 (log(S/nu) + sum log F / nu), CSS 1/2 log(S/nu) (as R's arima);
 * PROF_BIG when it cannot be evaluated. */
static double profile_at(prof *pf, const double *coef, int css)
{
    if (whiten(pf, coef, css, pf->W, pf->ncol, pf->E))
        return PROF_BIG;
    if (gls(pf, css ? pf->np : 0))
        return PROF_BIG;
    double nu = (double)pf->nu;
    if (!(pf->S > 0.0) || !isfinite(pf->S))
        return PROF_BIG;
    double f = 0.5 * (log(pf->S / nu) + pf->sumlog / nu);
    return isfinite(f) ? f : PROF_BIG;
}

/* ---------------------------------------------------------- optimiser */

typedef struct {
    prof *pf;
    int css;
    double coef[PROF_MAXARMA];
    size_t evals;
} obj_ctx;

/* fc_objective_fn on an obj_ctx */
static double obj_x(void *ctx, const double *x)
{
    obj_ctx *c = ctx;
    prof *pf = c->pf;
    c->evals++;
    if (c->css) {
        memcpy(c->coef, x, pf->narma * sizeof(double));
    } else {
        x_to_arma(pf, x, c->coef);
        if (!pf->transform && !ar_stationary(pf, c->coef))
            return PROF_BIG; /* stay inside the stationary region */
    }
    return profile_at(pf, c->coef, c->css);
}

#define PROF_GRAD_STEP 1e-5

/* BFGS (GSL's vector_bfgs2) on the ARMA variables from x (updated in
 * place).  Stops on a gradient norm below gtol or when the objective
 * changes by less than 1e-12 relative in three iterations, as
 * fc_arima_fit.  Returns 0 when converged, -1 otherwise. */
static int minimise(obj_ctx *c, double *x, size_t n, size_t max_iter, double gtol,
                    size_t *iterations)
{
    *iterations = 0;
    double f0 = obj_x(c, x);
    if (!(f0 < PROF_BIG))
        return -1;
    if (n == 0)
        return 0;
    fc_bfgs_result r;
    if (fc_bfgs_minimise(obj_x, c, x, n, max_iter, gtol, 1e-12, PROF_GRAD_STEP, PROF_BIG, &r))
        return -1;
    *iterations = r.iterations;
    return r.converged ? 0 : -1;
}

/* Newton's method with a finite-difference Hessian (Nocedal & Wright
 * 2006, §3.4 and §8.1): with the regression concentrated out only
 * n = p + q + P + Q variables remain, so the 1 + 2n + n(n-1)/2
 * evaluations of a gradient and Hessian cost about what one BFGS line
 * search does, and the quadratic convergence needs ~5 iterations where
 * BFGS on numerical gradients needs ~15 with several line-search steps
 * each.  H is shifted to positive definite when needed (modified Newton),
 * steps are halved until the objective decreases (Armijo).  Stops when the
 * Newton decrement g'H^{-1}g / 2 falls below 1e-13 (relative), the step
 * below 1e-8, or after a full step taken with a decrement below 1e-10.  Returns 0 when converged (x updated), -1 otherwise (x
 * unchanged: the caller falls back to BFGS). */
static int newton_minimise(obj_ctx *c, double *x, size_t n, size_t max_iter, size_t *iterations)
{
    const double h = 1e-4;
    double xc[PROF_MAXARMA], xt[PROF_MAXARMA], g[PROF_MAXARMA], fp[PROF_MAXARMA],
        d[PROF_MAXARMA];
    *iterations = 0;
    if (n == 0)
        return 0;
    memcpy(xc, x, n * sizeof(double));
    double f0 = obj_x(c, xc);
    if (!(f0 < PROF_BIG))
        return -1;
    gsl_matrix *H = gsl_matrix_alloc(n, n);
    gsl_vector *gv = gsl_vector_alloc(n), *dv = gsl_vector_alloc(n);
    int rc = -1;
    if (!H || !gv || !dv)
        goto done;
    for (size_t it = 0; it < max_iter && it < 100; it++) {
        *iterations = it + 1;
        memcpy(xt, xc, n * sizeof(double));
        for (size_t i = 0; i < n; i++) {
            xt[i] = xc[i] + h;
            fp[i] = obj_x(c, xt);
            xt[i] = xc[i] - h;
            double fm = obj_x(c, xt);
            xt[i] = xc[i];
            if (!(fp[i] < PROF_BIG) || !(fm < PROF_BIG))
                goto done; /* next to the edge of the admissible region */
            g[i] = (fp[i] - fm) / (2.0 * h);
            gsl_matrix_set(H, i, i, (fp[i] - 2.0 * f0 + fm) / (h * h));
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                xt[i] = xc[i] + h;
                xt[j] = xc[j] + h;
                double fij = obj_x(c, xt);
                xt[i] = xc[i];
                xt[j] = xc[j];
                if (!(fij < PROF_BIG))
                    goto done;
                double v = (fij - fp[i] - fp[j] + f0) / (h * h);
                gsl_matrix_set(H, i, j, v);
                gsl_matrix_set(H, j, i, v);
            }
        /* modified Newton: H + tau I positive definite */
        double tau = 0.0, dmin = INFINITY, dmax = 0.0;
        for (size_t i = 0; i < n; i++) {
            dmin = fmin(dmin, gsl_matrix_get(H, i, i));
            dmax = fmax(dmax, fabs(gsl_matrix_get(H, i, i)));
        }
        if (dmin <= 0.0)
            tau = -dmin + 1e-3 * fmax(dmax, 1e-8);
        gsl_matrix *L = gsl_matrix_alloc(n, n);
        if (!L)
            goto done;
        int factored = 0;
        for (int tries = 0; tries < 30 && !factored; tries++) {
            gsl_matrix_memcpy(L, H);
            for (size_t i = 0; i < n; i++)
                *gsl_matrix_ptr(L, i, i) += tau;
            factored = gsl_linalg_cholesky_decomp1(L) == GSL_SUCCESS;
            if (!factored)
                tau = fmax(2.0 * tau, 1e-3 * fmax(dmax, 1e-8));
        }
        for (size_t i = 0; i < n; i++)
            gsl_vector_set(gv, i, g[i]);
        int solved = factored && gsl_linalg_cholesky_solve(L, gv, dv) == GSL_SUCCESS;
        gsl_matrix_free(L);
        if (!solved)
            goto done;
        double slope = 0.0, dnorm = 0.0;
        for (size_t i = 0; i < n; i++) {
            d[i] = -gsl_vector_get(dv, i);
            slope += g[i] * d[i];
            dnorm = fmax(dnorm, fabs(d[i]));
        }
        if (-0.5 * slope <= 1e-13 * (fabs(f0) + 1e-10) || dnorm < 1e-8) {
            rc = 0;
            break;
        }
        /* at most a unit step of 1 in any variable (tanh / MA scale) */
        double step = dnorm > 1.0 ? 1.0 / dnorm : 1.0, f1 = PROF_BIG;
        int accepted = 0;
        for (int ls = 0; ls < 30; ls++) {
            for (size_t i = 0; i < n; i++)
                xt[i] = xc[i] + step * d[i];
            f1 = obj_x(c, xt);
            accepted = f1 < PROF_BIG && f1 <= f0 + 1e-4 * step * slope;
            if (accepted)
                break;
            step *= 0.5;
        }
        if (!accepted) {
            /* no decrease along a descent direction: at the optimum up to
             * the rounding of the objective when the gradient is tiny */
            double gn = 0.0;
            for (size_t i = 0; i < n; i++)
                gn = fmax(gn, fabs(g[i]));
            rc = gn < 1e-6 ? 0 : -1;
            break;
        }
        memcpy(xc, xt, n * sizeof(double));
        double df = f0 - f1;
        f0 = f1;
        /* a full step from where the decrement was already below 1e-10:
         * the error after it is of the order of that decrement squared */
        if ((step == 1.0 && -0.5 * slope <= 1e-8 * (fabs(f0) + 1e-10)) ||
            (df <= 1e-14 * (fabs(f0) + 1e-10) && dnorm * step < 1e-6)) {
            rc = 0;
            break;
        }
    }
    if (rc == 0)
        memcpy(x, xc, n * sizeof(double));
done:
    gsl_matrix_free(H);
    gsl_vector_free(gv);
    gsl_vector_free(dv);
    return rc;
}

/* Newton first, BFGS (from the same start) if Newton fails. */
static int optimise(obj_ctx *c, double *x, size_t n, size_t max_iter, double gtol,
                    size_t *iterations)
{
    if (newton_minimise(c, x, n, max_iter, iterations) == 0)
        return 0;
    return minimise(c, x, n, max_iter, gtol, iterations);
}

/* ARMA starting values as R's "CSS-ML": the caller's init (else 0), then
 * the profile CSS optimum when its AR parts are stationary. */
static void css_start(prof *pf, const fc_arima_spec *spec, const fc_arima_options *o,
                      double *coef)
{
    for (size_t i = 0; i < pf->narma; i++)
        coef[i] = spec->init && isfinite(spec->init[i]) ? spec->init[i] : 0.0;
    if (!o->css_start)
        return;
    obj_ctx c = {pf, 1, {0}, 0};
    double x[PROF_MAXARMA];
    memcpy(x, coef, pf->narma * sizeof(double));
    size_t it;
    if (optimise(&c, x, pf->narma, o->max_iter, o->gtol, &it) == 0 && ar_stationary(pf, x))
        memcpy(coef, x, pf->narma * sizeof(double));
}

/* ----------------------------------------------------- standard errors */

/* Hessian of -loglik(phi, beta) = nu/2 log(S/nu) + 1/2 sum log F at the
 * optimum (coef = ARMA, beta = pf->beta), in the original
 * parameterisation, as the inverse covariance fc_arima_fit reports:
 *   beta block  E_X'E_X nu / S            (exact: S is quadratic in beta)
 *   cross block -nu/S d(E_X'(e_z - E_X beta))/dphi   (central differences)
 *   ARMA block  second differences of -loglik at fixed beta (one series).
 * vcov (ncoef^2, row-major) receives H^{-1}; left NaN when H is not
 * positive definite.  Returns -1 when it could not be computed. */
static int profile_vcov(prof *pf, const double *coef_all, double *vcov)
{
    size_t na = pf->narma, k = pf->k, nc = na + k, nw = pf->nw, ncol = pf->ncol;
    const double *beta = coef_all + na;
    double h = 1e-4;
    int rc = -1;
    gsl_matrix *H = gsl_matrix_calloc(nc, nc);
    double *gp = malloc(k * sizeof(double)), *gm = malloc(k * sizeof(double));
    double c[PROF_MAXARMA];
    if (!H || !gp || !gm)
        goto done;
    for (size_t t = 0; t < nw; t++) {
        double v = pf->W[t * ncol + k];
        for (size_t j = 0; j < k; j++)
            v -= pf->W[t * ncol + j] * beta[j];
        pf->w1[t] = v;
    }
    double nu = (double)nw;
    /* -loglik at fixed beta, ARMA at c */
#define LB(out)                                                                     \
    do {                                                                            \
        if (whiten(pf, c, 0, pf->w1, 1, pf->e1))                                    \
            goto done;                                                              \
        double ss_ = 0.0;                                                           \
        for (size_t t_ = 0; t_ < nw; t_++)                                          \
            ss_ += pf->e1[t_] * pf->e1[t_];                                         \
        (out) = 0.5 * nu * log(ss_ / nu) + 0.5 * pf->sumlog;                        \
    } while (0)
    memcpy(c, coef_all, na * sizeof(double));
    double f0;
    LB(f0);
    for (size_t a = 0; a < na; a++) {
        for (size_t b = a; b < na; b++) {
            double v;
            if (a == b) {
                double fp, fm;
                c[a] = coef_all[a] + h;
                LB(fp);
                c[a] = coef_all[a] - h;
                LB(fm);
                c[a] = coef_all[a];
                v = (fp - 2.0 * f0 + fm) / (h * h);
            } else {
                double f[4];
                for (int qd = 0; qd < 4; qd++) {
                    c[a] = coef_all[a] + ((qd & 1) ? -h : h);
                    c[b] = coef_all[b] + ((qd & 2) ? -h : h);
                    LB(f[qd]);
                }
                c[a] = coef_all[a];
                c[b] = coef_all[b];
                v = (f[0] - f[1] - f[2] + f[3]) / (4.0 * h * h);
            }
            gsl_matrix_set(H, a, b, v);
            gsl_matrix_set(H, b, a, v);
        }
    }
#undef LB
    /* E_X' (e_z - E_X beta) at c, into g */
#define CROSS(g)                                                                    \
    do {                                                                            \
        if (whiten(pf, c, 0, pf->W, ncol, pf->E))                                   \
            goto done;                                                              \
        for (size_t j_ = 0; j_ < k; j_++)                                           \
            (g)[j_] = 0.0;                                                          \
        for (size_t t_ = 0; t_ < nw; t_++) {                                        \
            const double *et_ = pf->E + t_ * ncol;                                  \
            double res_ = et_[k];                                                   \
            for (size_t j_ = 0; j_ < k; j_++)                                       \
                res_ -= et_[j_] * beta[j_];                                         \
            for (size_t j_ = 0; j_ < k; j_++)                                       \
                (g)[j_] += et_[j_] * res_;                                          \
        }                                                                           \
    } while (0)
    double S = 0.0;
    for (size_t a = 0; a < na; a++) {
        c[a] = coef_all[a] + h;
        CROSS(gp);
        c[a] = coef_all[a] - h;
        CROSS(gm);
        c[a] = coef_all[a];
        /* the differences, scaled by -nu/S below */
        for (size_t j = 0; j < k; j++)
            gsl_matrix_set(H, a, na + j, (gp[j] - gm[j]) / (2.0 * h));
    }
    /* beta block and S at the optimum */
    CROSS(gp);
#undef CROSS
    for (size_t t = 0; t < nw; t++) {
        const double *et = pf->E + t * ncol;
        double res = et[k];
        for (size_t j = 0; j < k; j++)
            res -= et[j] * beta[j];
        S += res * res;
    }
    if (!(S > 0.0))
        goto done;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i; j < k; j++) {
            double v = 0.0;
            for (size_t t = 0; t < nw; t++)
                v += pf->E[t * ncol + i] * pf->E[t * ncol + j];
            v *= nu / S;
            gsl_matrix_set(H, na + i, na + j, v);
            gsl_matrix_set(H, na + j, na + i, v);
        }
    for (size_t a = 0; a < na; a++)
        for (size_t j = 0; j < k; j++) {
            double v = -nu / S * gsl_matrix_get(H, a, na + j);
            gsl_matrix_set(H, a, na + j, v);
            gsl_matrix_set(H, na + j, a, v);
        }
    for (size_t i = 0; i < nc * nc; i++)
        vcov[i] = NAN;
    rc = 0;
    if (gsl_linalg_cholesky_decomp1(H) || gsl_linalg_cholesky_invert(H))
        goto done;
    for (size_t i = 0; i < nc; i++)
        for (size_t j = 0; j < nc; j++)
            vcov[i * nc + j] = gsl_matrix_get(H, i, j);
done:
    gsl_matrix_free(H);
    free(gp);
    free(gm);
    return rc;
}

/* ------------------------------------------------- MA unit-root edge */

/* With sigma2 concentrated out the likelihood does not change when an MA
 * root is reflected through the unit circle (theta(z) -> its reciprocal
 * polynomial), so a point with a root ON the circle is a stationary point
 * in that direction: Newton started there (a warm start from a fit that
 * ended on the boundary) or converging there stays, even when an interior
 * maximum is higher.  An MA block counts as on the edge when
 * sum |theta_i| >= 0.999 (for order 1: |theta| >= 0.999). */
static int ma_block_on_edge(const double *ma, size_t q)
{
    double s = 0.0;
    for (size_t i = 0; i < q; i++)
        s += fabs(ma[i]);
    return q > 0 && s >= 0.999;
}

/* 1 when an MA block of coef is on the edge (see above). */
static int ma_on_edge(const prof *pf, const double *coef)
{
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P, Q = (size_t)pf->Q;
    return ma_block_on_edge(coef + p, q) || ma_block_on_edge(coef + p + q + P, Q);
}

/* Moves the roots of every edge MA block outwards by 1/0.9 (theta_i <-
 * 0.9^i theta_i): an interior point from which Newton can leave the edge. */
static void ma_pull_inside(const prof *pf, double *coef)
{
    size_t p = (size_t)pf->p, q = (size_t)pf->q, P = (size_t)pf->P, Q = (size_t)pf->Q;
    double *blocks[2] = {coef + p, coef + p + q + P};
    size_t orders[2] = {q, Q};
    for (int b = 0; b < 2; b++) {
        if (!ma_block_on_edge(blocks[b], orders[b]))
            continue;
        double f = 1.0;
        for (size_t i = 0; i < orders[b]; i++) {
            f *= 0.9;
            blocks[b][i] *= f;
        }
    }
}

/* Maximises the profile likelihood from the ARMA start coef (updated in
 * place); an optimum on the MA edge is checked by a second run from the
 * pulled-in point, and the better one kept.  Returns 0 when converged. */
static int profile_maximise(prof *pf, const fc_arima_options *o, double *coef)
{
    double x[PROF_MAXARMA], best[PROF_MAXARMA];
    ma_pull_inside(pf, coef);
    if (arma_to_x(pf, coef, x))
        return -1;
    obj_ctx c = {pf, 0, {0}, 0};
    size_t it = 0;
    if (optimise(&c, x, pf->narma, o->max_iter, o->gtol, &it))
        return -1;
    x_to_arma(pf, x, best);
    double fbest = profile_at(pf, best, 0);
    if (!(fbest < PROF_BIG))
        return -1;
    if (ma_on_edge(pf, best)) {
        double alt[PROF_MAXARMA];
        memcpy(alt, best, pf->narma * sizeof(double));
        ma_pull_inside(pf, alt);
        if (arma_to_x(pf, alt, x) == 0 && optimise(&c, x, pf->narma, o->max_iter, o->gtol, &it) == 0) {
            x_to_arma(pf, x, alt);
            double f = profile_at(pf, alt, 0);
            if (f < fbest - 1e-12 * fabs(fbest)) {
                fbest = f;
                memcpy(best, alt, pf->narma * sizeof(double));
            }
        }
    }
    memcpy(coef, best, pf->narma * sizeof(double));
    /* leave pf->beta at the optimum */
    return profile_at(pf, coef, 0) < PROF_BIG ? 0 : -1;
}

/* ------------------------------------------------------------- driver */

static int spec_has_fixed(const fc_arima_spec *spec, size_t ncoef)
{
    if (!spec->fixed)
        return 0;
    for (size_t i = 0; i < ncoef; i++)
        if (isfinite(spec->fixed[i]))
            return 1;
    return 0;
}

fc_status fc_regarima_fit_profile(const fc_series *y, const fc_arima_spec *spec,
                                  const fc_arima_options *opt, fc_arima_model **out,
                                  fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_regarima_fit_profile: NULL output pointer");
    *out = NULL;
    if (!y || !spec || !y->values)
        return fc_arima_fit(y, spec, opt, out, err);
    fc_gsl_quiet();
    fc_arima_options o = fc_arima_options_effective(opt);
    if (o.method != FC_ARIMA_ML)
        return fc_arima_fit(y, spec, opt, out, err);
    size_t n = y->n;
    double *z = malloc((n ? n : 1) * sizeof(double));
    if (!z)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the series");
    /* transform errors, missing values, a bad design: fc_arima_fit says why
     * (or, for NaN in y, fits by the general path) */
    int usable = n > 0 && !(spec->transform == FC_TRANSFORM_BOXCOX && !isfinite(spec->lambda)) &&
                 fc_transform_apply(spec->transform, spec->lambda, y->values, n, z, NULL) == FC_OK;
    for (size_t t = 0; usable && t < n; t++)
        usable = isfinite(z[t]);
    fc_regdesign X;
    memset(&X, 0, sizeof X);
    int dd = spec->order.d + (spec->order.period > 0 ? spec->order.period : y->freq) * spec->order.D;
    if (usable)
        usable = fc_regdesign_build(spec, n, dd, &X, NULL) == FC_OK;
    size_t narma = (size_t)(spec->order.p + spec->order.q + spec->order.P + spec->order.Q);
    if (usable)
        usable = !spec_has_fixed(spec, narma + X.k);
    prof pf;
    memset(&pf, 0, sizeof pf);
    if (usable)
        usable = prof_setup(&pf, y, spec, &o, &X, z) == 0;
    free(z);
    fc_regdesign_clear(&X);
    if (!usable) {
        prof_clear(&pf);
        return fc_arima_fit(y, spec, opt, out, err);
    }
    /* ARMA optimum of the profile likelihood (CSS start, then ML) */
    double coef[PROF_MAXARMA], x[PROF_MAXARMA];
    css_start(&pf, spec, &o, coef);
    if (arma_to_x(&pf, coef, x)) {
        /* non-stationary start: AR parts from zero, as fc_arima_fit */
        for (size_t i = 0; i < (size_t)pf.p; i++)
            coef[i] = 0.0;
        for (size_t i = 0; i < (size_t)pf.P; i++)
            coef[(size_t)(pf.p + pf.q) + i] = 0.0;
        arma_to_x(&pf, coef, x);
    }
    int bad = profile_maximise(&pf, &o, coef);
    double *init = NULL;
    if (!bad)
        init = malloc((pf.narma + pf.k) * sizeof(double));
    if (bad || !init) {
        /* the profile could not be maximised (rank-deficient whitened
         * design, non-convergence): the general path decides */
        free(init);
        prof_clear(&pf);
        return fc_arima_fit(y, spec, opt, out, err);
    }
    memcpy(init, coef, pf.narma * sizeof(double));
    memcpy(init + pf.narma, pf.beta, pf.k * sizeof(double));
    /* The model object from fc_arima_fit started at the optimum: its BFGS
     * stops after a few iterations; its O(k^2) numerical Hessian is
     * replaced by profile_vcov. */
    fc_arima_spec sp = *spec;
    sp.init = init;
    fc_arima_options fo = o;
    fo.css_start = 0;
    fo.compute_se = 0;
    fo.polish = 0;
    fc_status st = fc_arima_fit(y, &sp, &fo, out, err);
    if (st != FC_OK && st != FC_ENOMEM) {
        /* its BFGS could not settle from there (e.g. an optimum on the MA
         * edge): the general path, as without the profile */
        fc_error_clear(err);
        st = fc_arima_fit(y, spec, opt, out, err);
        free(init);
        prof_clear(&pf);
        return st;
    }
    if (st == FC_OK && o.compute_se) {
        fc_arima_model *m = *out;
        if (profile_vcov(&pf, m->coef, m->vcov) == 0)
            for (size_t i = 0; i < m->ncoef; i++) {
                double v = m->vcov[i * m->ncoef + i];
                m->se[i] = v > 0.0 ? sqrt(v) : NAN;
            }
    }
    free(init);
    prof_clear(&pf);
    return st;
}
