/* Generic linear Gaussian state-space model: Kalman filter with missing
 * values and a diffuse-observation rule, Chandrasekhar fast filter, and
 * multi-step prediction with the joint error covariance.
 *
 * Filter equations: Durbin & Koopman (2012), "Time Series Analysis by State
 * Space Methods", 2nd ed., §4.3 (prediction-error form).  The rule that
 * observations with innovation variance >= gain_limit do not enter the
 * likelihood, with a large-kappa prior on non-stationary states, is the
 * convention of R's stats::arima (which these results are tested against,
 * through tests/test_arima.c).  Knows nothing about ARIMA. */
#include "internal.h"
#include "ss_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

fc_status fc_ss_alloc(size_t m, fc_ss_model **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_ss_alloc: NULL output pointer");
    *out = NULL;
    if (m == 0 || m > 4096)
        return fc_fail(err, FC_EINVAL, "state dimension %zu is outside 1..4096", m);
    fc_ss_model *ss = calloc(1, sizeof *ss);
    if (!ss)
        return fc_fail(err, FC_ENOMEM, "cannot allocate a state-space model");
    ss->m = m;
    ss->T = calloc(m * m, sizeof(double));
    ss->Q = calloc(m * m, sizeof(double));
    ss->P = calloc(m * m, sizeof(double));
    ss->Z = calloc(m, sizeof(double));
    ss->a = calloc(m, sizeof(double));
    if (!ss->T || !ss->Q || !ss->P || !ss->Z || !ss->a) {
        fc_ss_free(ss);
        return fc_fail(err, FC_ENOMEM, "cannot allocate a state-space model of dimension %zu", m);
    }
    *out = ss;
    return FC_OK;
}

void fc_ss_free(fc_ss_model *ss)
{
    if (!ss)
        return;
    free(ss->T);
    free(ss->Q);
    free(ss->P);
    free(ss->Z);
    free(ss->a);
    free(ss);
}

fc_ss_filter_options fc_ss_filter_options_default(void)
{
    fc_ss_filter_options o = {1e4, 1e-11};
    return o;
}

double fc_ss_concentrated_loglik(const fc_ss_loglik *ll, size_t n_used)
{
    double nu = (double)ll->nused, n = (double)n_used;
    return -0.5 * n * (log(ll->ssq / nu) + ll->sumlog / nu + 1.0 + log(2.0 * M_PI));
}

/* Sparse row structure of T: ARIMA transitions are companion matrices with
 * O(m) non-zeros, so T*P*T' costs O(nnz m) rather than O(m^3). */
typedef struct {
    size_t *start;  /* m+1 row starts */
    size_t *col;
    double *val;
} sparse_rows;

static int sparse_build(const double *T, size_t m, sparse_rows *s)
{
    size_t nnz = 0;
    for (size_t i = 0; i < m * m; i++)
        nnz += T[i] != 0.0;
    s->start = malloc((m + 1) * sizeof(size_t));
    s->col = malloc((nnz ? nnz : 1) * sizeof(size_t));
    s->val = malloc((nnz ? nnz : 1) * sizeof(double));
    if (!s->start || !s->col || !s->val)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        s->start[i] = k;
        for (size_t j = 0; j < m; j++)
            if (T[i * m + j] != 0.0) {
                s->col[k] = j;
                s->val[k++] = T[i * m + j];
            }
    }
    s->start[m] = k;
    return 0;
}

static void sparse_clear(sparse_rows *s)
{
    free(s->start);
    free(s->col);
    free(s->val);
}

/* out = T x */
static void sparse_matvec(const sparse_rows *s, size_t m, const double *x, double *out)
{
    for (size_t i = 0; i < m; i++) {
        double acc = 0.0;
        for (size_t k = s->start[i]; k < s->start[i + 1]; k++)
            acc += s->val[k] * x[s->col[k]];
        out[i] = acc;
    }
}

/* P <- T P T' + Q, using work (m*m). */
static void predict_cov(const sparse_rows *s, size_t m, const double *Q, double *P,
                        double *work)
{
    for (size_t i = 0; i < m; i++) {           /* work = T P */
        double *wr = work + i * m;
        memset(wr, 0, m * sizeof(double));
        for (size_t k = s->start[i]; k < s->start[i + 1]; k++) {
            const double *pr = P + s->col[k] * m;
            double t = s->val[k];
            for (size_t j = 0; j < m; j++)
                wr[j] += t * pr[j];
        }
    }
    for (size_t i = 0; i < m; i++)             /* P = work T' + Q (symmetric) */
        for (size_t j = i; j < m; j++) {
            double acc = Q[i * m + j];
            const double *wr = work + i * m;
            for (size_t k = s->start[j]; k < s->start[j + 1]; k++)
                acc += wr[s->col[k]] * s->val[k];
            P[i * m + j] = acc;
            P[j * m + i] = acc;
        }
}

static double dot(const double *x, const double *y, size_t m)
{
    double acc = 0.0;
    for (size_t i = 0; i < m; i++)
        acc += x[i] * y[i];
    return acc;
}

/* M = P Z */
static void sym_matvec(const double *P, const double *Z, size_t m, double *M)
{
    for (size_t i = 0; i < m; i++)
        M[i] = dot(P + i * m, Z, m);
}

/* 1 when |x_i - y_i| < tol for all i (stops at the first that is not;
 * NaN compares as not close). */
static int all_close(const double *x, const double *y, size_t n, double tol)
{
    for (size_t i = 0; i < n; i++)
        if (!(fabs(x[i] - y[i]) < tol))
            return 0;
    return 1;
}

typedef struct {
    sparse_rows T;
    size_t *znz, nznz;     /* non-zero positions of Z */
    double *M, *af, *work, *Pprev;
    double F;  /* innovation variance kept while frozen */
} filter_ws;

static void ws_clear(filter_ws *w)
{
    sparse_clear(&w->T);
    free(w->znz);
    free(w->M);
    free(w->af);
    free(w->work);
    free(w->Pprev);
}

static int ws_alloc(const fc_ss_model *ss, filter_ws *w)
{
    size_t m = ss->m;
    memset(w, 0, sizeof *w);
    w->M = malloc(m * sizeof(double));
    w->af = malloc(m * sizeof(double));
    w->work = malloc(m * m * sizeof(double));
    w->Pprev = malloc(m * m * sizeof(double));
    w->znz = malloc(m * sizeof(size_t));
    w->nznz = 0;
    for (size_t i = 0; w->znz && i < m; i++)
        if (ss->Z[i] != 0.0)
            w->znz[w->nznz++] = i;
    if (sparse_build(ss->T, m, &w->T) || !w->M || !w->af || !w->work || !w->Pprev || !w->znz) {
        ws_clear(w);
        return -1;
    }
    return 0;
}

/* One observation: update with y (unless NaN), then predict.  Returns the
 * innovation v and its variance F through pointers (F = NaN if missing).
 * When *frozen, P and the gain are constant (steady state). */
static void filter_step(fc_ss_model *ss, filter_ws *w, double y, int *frozen,
                        double tol, double *v_out, double *F_out)
{
    size_t m = ss->m;
    double *a = ss->a, *P = ss->P;
    if (isnan(y)) {
        *v_out = NAN;
        *F_out = NAN;
        *frozen = 0;
        sparse_matvec(&w->T, m, a, w->af);
        memcpy(a, w->af, m * sizeof(double));
        predict_cov(&w->T, m, ss->Q, P, w->work);
        return;
    }
    double *M = w->M;
    double F = w->F;
    const double *Z = ss->Z;
    if (!*frozen) {
        /* M = P Z and F = Z'M + h over the non-zeros of Z */
        for (size_t i = 0; i < m; i++) {
            const double *pr = P + i * m;
            double acc = 0.0;
            for (size_t q = 0; q < w->nznz; q++)
                acc += pr[w->znz[q]] * Z[w->znz[q]];
            M[i] = acc;
        }
        F = ss->h;
        for (size_t q = 0; q < w->nznz; q++)
            F += Z[w->znz[q]] * M[w->znz[q]];
        w->F = F;
    }
    double v = y;
    for (size_t q = 0; q < w->nznz; q++)
        v -= Z[w->znz[q]] * a[w->znz[q]];
    *v_out = v;
    *F_out = F;
    for (size_t i = 0; i < m; i++)
        w->af[i] = a[i] + M[i] * (v / F);
    sparse_matvec(&w->T, m, w->af, a);
    if (*frozen)
        return;
    /* the new covariance goes to the spare buffer, which then becomes
     * ss->P (the old one is kept for the convergence test without a copy;
     * fc_ss_filter puts the final values back into the caller's array) */
    double *Pn = w->Pprev;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i; j < m; j++) {
            double pij = P[i * m + j] - M[i] * M[j] / F;
            Pn[i * m + j] = pij;
            Pn[j * m + i] = pij;
        }
    predict_cov(&w->T, m, ss->Q, Pn, w->work);
    w->Pprev = P;
    ss->P = Pn;
    if (tol > 0.0) {
        double scale = 1.0;
        for (size_t i = 0; i < m; i++)
            if (fabs(Pn[i * m + i]) > scale)
                scale = fabs(Pn[i * m + i]);
        if (all_close(Pn, P, m * m, tol * scale))
            *frozen = 1;
    }
}

/* Undoes the buffer exchange of filter_step: the caller's P array holds
 * the latest covariance and the workspace its own buffer again. */
static void restore_P(fc_ss_model *ss, filter_ws *w, double *P0)
{
    if (ss->P != P0) {
        memcpy(P0, ss->P, ss->m * ss->m * sizeof(double));
        w->Pprev = ss->P;
        ss->P = P0;
    }
}

fc_status fc_ss_filter(fc_ss_model *ss, const double *y, size_t n,
                       const fc_ss_filter_options *opt, fc_ss_loglik *out,
                       double *std_resid, fc_error *err)
{
    if (!ss || (!y && n) || !out)
        return fc_fail(err, FC_EINVAL, "fc_ss_filter: NULL argument");
    fc_ss_filter_options o = opt ? *opt : fc_ss_filter_options_default();
    filter_ws w;
    if (ws_alloc(ss, &w))
        return fc_fail(err, FC_ENOMEM, "cannot allocate Kalman filter workspace (m = %zu)", ss->m);
    fc_ss_loglik ll = {0.0, 0.0, 0};
    int frozen = 0;
    double *P0 = ss->P;
    for (size_t t = 0; t < n; t++) {
        double v, F;
        filter_step(ss, &w, y[t], &frozen, o.steady_tol, &v, &F);
        if (isnan(y[t])) {
            if (std_resid)
                std_resid[t] = NAN;
            continue;
        }
        if (!(F > 0.0) || !isfinite(v)) {
            restore_P(ss, &w, P0);
            ws_clear(&w);
            return fc_fail(err, FC_ENUMERIC,
                           "Kalman filter: non-positive innovation variance at observation %zu", t + 1);
        }
        if (F < o.gain_limit) {
            ll.ssq += v * v / F;
            ll.sumlog += log(F);
            ll.nused++;
        }
        if (std_resid)
            std_resid[t] = v / sqrt(F);
    }
    restore_P(ss, &w, P0);
    ws_clear(&w);
    *out = ll;
    return FC_OK;
}

/* 1 when T is a companion matrix (free first column, ones on the
 * superdiagonal, zeros elsewhere) and Z = e1 -- the ARMA form -- so that
 * T x costs m multiply-adds without indexing. */
static int is_companion(const fc_ss_model *ss)
{
    size_t m = ss->m;
    if (ss->Z[0] != 1.0)
        return 0;
    for (size_t i = 1; i < m; i++)
        if (ss->Z[i] != 0.0)
            return 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 1; j < m; j++)
            if (ss->T[i * m + j] != (j == i + 1 ? 1.0 : 0.0))
                return 0;
    return 1;
}

/* The hot loop of every likelihood evaluation: let GCC vectorise it (the
 * project builds with -O2, which does not). */
#if defined(__GNUC__) && !defined(__clang__)
#define FC_HOT __attribute__((optimize("O3")))
#else
#define FC_HOT
#endif

/* Chandrasekhar recursions specialised to the companion form: T has first
 * column phi (m values) and ones on the superdiagonal, Z = e1, h the
 * observation variance, a0 the initial state (NULL: zero).  buf: 4 m. */
static FC_HOT void chandrasekhar_companion(const double *phi_in, size_t m, double h,
                                           const double *a0, const double *pz, const double *y,
                                           size_t n, double *buf, fc_ss_loglik *ll,
                                           double *std_resid)
{
    double *a = buf, *kb = buf + m, *wv = buf + 2 * m, *phi = buf + 3 * m;
    memcpy(phi, phi_in, m * sizeof(double));
    if (a0)
        memcpy(a, a0, m * sizeof(double));
    else
        memset(a, 0, m * sizeof(double));
    /* K_1 = T P1 Z */
    for (size_t i = 0; i < m; i++)
        kb[i] = phi[i] * pz[0] + (i + 1 < m ? pz[i + 1] : 0.0);
    double F = pz[0] + h;
    memcpy(wv, kb, m * sizeof(double));
    double M = -1.0 / F;
    /* sum log F_t as the log of running products (F_t >= F_inf > 0 and
     * moves slowly: one log per block instead of one per observation) */
    double ssq = 0.0, sumlog = 0.0, prodF = F;
    int steady = 0;
    size_t t_steady = n;
    for (size_t t = 0; t < n; t++) {
        double v = y[t] - a[0];
        ssq += v * v / F;
        if (std_resid)
            std_resid[t] = v / sqrt(F);
        double vf = v / F, a0v = a[0];
        if (steady) {
            /* converged gain: only the state mean moves */
            for (size_t i = 0; i + 1 < m; i++)
                a[i] = phi[i] * a0v + a[i + 1] + kb[i] * vf;
            a[m - 1] = phi[m - 1] * a0v + kb[m - 1] * vf;
            continue;
        }
        double g = wv[0], w0 = wv[0];
        double Fn = F + M * g * g, mg = M * g, gf = g / F;
        for (size_t i = 0; i + 1 < m; i++) {
            a[i] = phi[i] * a0v + a[i + 1] + kb[i] * vf;
            double u = phi[i] * w0 + wv[i + 1];
            double kbi = kb[i];
            kb[i] = kbi + mg * u;
            wv[i] = u - kbi * gf;
        }
        {
            size_t i = m - 1;
            a[i] = phi[i] * a0v + kb[i] * vf;
            double u = phi[i] * w0;
            double kbi = kb[i];
            kb[i] = kbi + mg * u;
            wv[i] = u - kbi * gf;
        }
        M = M * F / Fn;
        F = Fn;
        /* P_{t+1} - P_t = M w w' has become negligible: freeze the gain
         * (also keeps w and M from decaying into slow subnormal numbers). */
        double w2 = 0.0;
        for (size_t i = 0; i < m; i++)
            w2 += wv[i] * wv[i];
        if (fabs(M) * w2 < 1e-16 * F) {
            steady = 1;
            t_steady = t + 1;
        } else if (t + 1 < n) {
            prodF *= F;
            if (prodF > 1e150 || prodF < 1e-150) {
                sumlog += log(prodF);
                prodF = 1.0;
            }
        }
    }
    sumlog += log(prodF);
    if (t_steady < n)
        sumlog += (double)(n - t_steady) * log(F);
    ll->ssq = ssq;
    ll->sumlog = sumlog;
    ll->nused = n;
}

fc_status fc_ss_filter_arma(const double *phi, size_t m, const double *pz, const double *y,
                            size_t n, fc_ss_loglik *out, double *std_resid, fc_error *err)
{
    double stack[4 * 64];
    double *cb = m <= 64 ? stack : malloc(4 * m * sizeof(double));
    if (!cb)
        return fc_fail(err, FC_ENOMEM, "cannot allocate Chandrasekhar workspace (m = %zu)", m);
    chandrasekhar_companion(phi, m, 0.0, NULL, pz, y, n, cb, out, std_resid);
    if (cb != stack)
        free(cb);
    if (!(out->sumlog > -INFINITY) || !isfinite(out->sumlog) || !isfinite(out->ssq))
        return fc_fail(err, FC_ENUMERIC, "Chandrasekhar filter: non-finite likelihood");
    return FC_OK;
}

fc_status fc_ss_filter_chandrasekhar(const fc_ss_model *ss, const double *pz,
                                     const double *y, size_t n,
                                     fc_ss_loglik *out, double *std_resid,
                                     fc_error *err)
{
    size_t m = ss->m;
    if (is_companion(ss)) {
        double *cb = malloc(5 * m * sizeof(double));
        if (!cb)
            return fc_fail(err, FC_ENOMEM, "cannot allocate Chandrasekhar workspace (m = %zu)", m);
        double *phi = cb + 4 * m;
        for (size_t i = 0; i < m; i++)
            phi[i] = ss->T[i * m];
        chandrasekhar_companion(phi, m, ss->h, ss->a, pz, y, n, cb, out, std_resid);
        free(cb);
        if (!(out->sumlog > -INFINITY) || !isfinite(out->ssq))
            return fc_fail(err, FC_ENUMERIC, "Chandrasekhar filter: non-finite likelihood");
        return FC_OK;
    }
    sparse_rows T;
    double *buf = malloc(5 * m * sizeof(double));
    if (!buf || sparse_build(ss->T, m, &T)) {
        free(buf);
        if (buf)
            sparse_clear(&T);
        return fc_fail(err, FC_ENOMEM, "cannot allocate Chandrasekhar workspace (m = %zu)", m);
    }
    double *a = buf, *kb = buf + m, *wv = buf + 2 * m, *u = buf + 3 * m, *tmp = buf + 4 * m;
    memcpy(a, ss->a, m * sizeof(double));
    /* K_1 = T P1 Z, F_1 = Z' P1 Z + h; P2 - P1 = -K_1 K_1' / F_1 (rank one). */
    sparse_matvec(&T, m, pz, kb);
    double F = dot(ss->Z, pz, m) + ss->h;
    memcpy(wv, kb, m * sizeof(double));
    double M = -1.0 / F;
    fc_ss_loglik ll = {0.0, 0.0, 0};
    for (size_t t = 0; t < n; t++) {
        if (!(F > 0.0)) {
            sparse_clear(&T);
            free(buf);
            return fc_fail(err, FC_ENUMERIC,
                           "Chandrasekhar filter: non-positive innovation variance at observation %zu", t + 1);
        }
        double v = y[t] - dot(ss->Z, a, m);
        ll.ssq += v * v / F;
        ll.sumlog += log(F);
        ll.nused++;
        if (std_resid)
            std_resid[t] = v / sqrt(F);
        /* a_{t+1} = T a_t + K_t v_t / F_t */
        sparse_matvec(&T, m, a, tmp);
        for (size_t i = 0; i < m; i++)
            a[i] = tmp[i] + kb[i] * (v / F);
        /* F_{t+1} = F_t + M g^2, K_{t+1} = K_t + M g T w,
         * w_{t+1} = T w - K_t g / F_t, M_{t+1} = M F_t / F_{t+1}, g = Z'w. */
        double g = dot(ss->Z, wv, m);
        sparse_matvec(&T, m, wv, u);
        double Fn = F + M * g * g;
        for (size_t i = 0; i < m; i++) {
            double kbi = kb[i];
            kb[i] = kbi + M * g * u[i];
            wv[i] = u[i] - kbi * (g / F);
        }
        M = M * F / Fn;
        F = Fn;
        double w2 = dot(wv, wv, m);
        if (fabs(M) * w2 < 1e-16 * F) { /* converged: freeze (see above) */
            M = 0.0;
            memset(wv, 0, m * sizeof(double));
        }
    }
    sparse_clear(&T);
    free(buf);
    *out = ll;
    return FC_OK;
}

fc_status fc_ss_forecast(const fc_ss_model *ss, size_t h, double *mean,
                         double *cov, fc_error *err)
{
    if (!ss || (!mean && h))
        return fc_fail(err, FC_EINVAL, "fc_ss_forecast: NULL argument");
    size_t m = ss->m;
    filter_ws w;
    if (ws_alloc(ss, &w))
        return fc_fail(err, FC_ENOMEM, "cannot allocate forecast workspace (m = %zu)", m);
    double *a = malloc(m * sizeof(double));
    double *P = malloc(m * m * sizeof(double));
    double *u = malloc(m * sizeof(double));
    if (!a || !P || !u) {
        free(a);
        free(P);
        free(u);
        ws_clear(&w);
        return fc_fail(err, FC_ENOMEM, "cannot allocate forecast workspace (m = %zu)", m);
    }
    memcpy(a, ss->a, m * sizeof(double));
    memcpy(P, ss->P, m * m * sizeof(double));
    for (size_t i = 0; i < h; i++) {
        mean[i] = dot(ss->Z, a, m);
        if (cov) {
            /* Cov(y_{n+i}, y_{n+j}) = Z' T^{j-i} P_i Z for j > i. */
            sym_matvec(P, ss->Z, m, u);
            cov[i * h + i] = dot(ss->Z, u, m) + ss->h;
            for (size_t j = i + 1; j < h; j++) {
                sparse_matvec(&w.T, m, u, w.M);
                memcpy(u, w.M, m * sizeof(double));
                double c = dot(ss->Z, u, m);
                cov[i * h + j] = c;
                cov[j * h + i] = c;
            }
        }
        sparse_matvec(&w.T, m, a, w.af);
        memcpy(a, w.af, m * sizeof(double));
        predict_cov(&w.T, m, ss->Q, P, w.work);
    }
    free(a);
    free(P);
    free(u);
    ws_clear(&w);
    return FC_OK;
}

/* Rank-k Chandrasekhar recursions (Morf, Sidhu & Kailath 1974): with
 * P_2 - P_1 = W_1 M_1 W_1' of rank k,
 *   g = W'Z,  F_{t+1} = F_t + g'Mg,  K_{t+1} = K_t + T W M g,
 *   W_{t+1} = T W - K_t g' / F_t,  M_{t+1} = M - (Mg)(Mg)' / F_{t+1},
 * each step O((m + nnz(T)) k + k^2).  Observations with F_t >= gain_limit
 * update the state but are left out of the likelihood (R's diffuse rule).
 * y must have no NaN. */
#if defined(__GNUC__)
#define FC_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define FC_ALWAYS_INLINE inline
#endif

static FC_ALWAYS_INLINE fc_status chandrasekhar_k_run(const fc_ss_model *ss, const double *pz,
                                                      const size_t k, const double *W1,
                                                      const double *M1, const double *y, size_t n,
                                                      double gain_limit, fc_ss_loglik *out,
                                                      double *std_resid, fc_error *err)
{
    size_t m = ss->m;
    sparse_rows T;
    double *buf = malloc((3 * m + 2 * m * k + 2 * k * k + 2 * k) * sizeof(double));
    if (!buf || sparse_build(ss->T, m, &T)) {
        free(buf);
        if (buf)
            sparse_clear(&T);
        return fc_fail(err, FC_ENOMEM, "cannot allocate Chandrasekhar workspace (m = %zu)", m);
    }
    double *a = buf, *kb = a + m, *an = kb + m, *W = an + m, *TW = W + m * k;
    double *M = TW + m * k, *Mg = M + k * k, *g = Mg + k;
    const double *Z = ss->Z;
    memcpy(a, ss->a, m * sizeof(double));
    memcpy(W, W1, m * k * sizeof(double));
    memcpy(M, M1, k * k * sizeof(double));
    sparse_matvec(&T, m, pz, kb);
    double F = dot(Z, pz, m) + ss->h;
    fc_ss_loglik ll = {0.0, 0.0, 0};
    int steady = 0;
    fc_status st = FC_OK;
    for (size_t t = 0; t < n; t++) {
        if (!(F > 0.0) || !isfinite(F)) {
            st = fc_fail(err, FC_ENUMERIC,
                         "Chandrasekhar filter: non-positive innovation variance at observation %zu", t + 1);
            break;
        }
        double v = y[t] - dot(Z, a, m), vf = v / F;
        if (F < gain_limit) {
            ll.ssq += v * vf;
            ll.sumlog += log(F);
            ll.nused++;
        }
        if (std_resid)
            std_resid[t] = v / sqrt(F);
        /* a <- T a + K v / F, and (unless steady) T W in the same sweep */
        for (size_t i = 0; i < m; i++) {
            double acc = kb[i] * vf;
            for (size_t q = T.start[i]; q < T.start[i + 1]; q++)
                acc += T.val[q] * a[T.col[q]];
            an[i] = acc;
        }
        double *swap = a;
        a = an;
        an = swap;
        if (steady >= 3)
            continue;
        for (size_t j = 0; j < k; j++)
            g[j] = 0.0;
        for (size_t i = 0; i < m; i++) {
            double zi = Z[i];
            double *out = TW + i * k;
            if (zi != 0.0)
                for (size_t j = 0; j < k; j++)
                    g[j] += W[i * k + j] * zi;
            for (size_t j = 0; j < k; j++)
                out[j] = 0.0;
            for (size_t q = T.start[i]; q < T.start[i + 1]; q++) {
                const double *wr = W + T.col[q] * k;
                double tv = T.val[q];
                for (size_t j = 0; j < k; j++)
                    out[j] += tv * wr[j];
            }
        }
        double gMg = 0.0, gF[16];
        for (size_t i = 0; i < k; i++) {
            double acc = 0.0;
            for (size_t j = 0; j < k; j++)
                acc += M[i * k + j] * g[j];
            Mg[i] = acc;
            gMg += g[i] * acc;
            gF[i] = g[i] / F;
        }
        double Fn = F + gMg, dkmax = 0.0, kbmax = 0.0;
        /* K += T W M g;  W <- T W - K_old g' / F  (TW becomes the new W) */
        for (size_t i = 0; i < m; i++) {
            double kbi = kb[i], dk = 0.0;
            double *tw = TW + i * k;
            for (size_t j = 0; j < k; j++) {
                dk += tw[j] * Mg[j];
                tw[j] -= kbi * gF[j];
            }
            kb[i] = kbi + dk;
            if (fabs(dk) > dkmax)
                dkmax = fabs(dk);
            if (fabs(kb[i]) > kbmax)
                kbmax = fabs(kb[i]);
        }
        swap = W;
        W = TW;
        TW = swap;
        double iFn = 1.0 / Fn;
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++)
                M[i * k + j] -= Mg[i] * Mg[j] * iFn;
        F = Fn;
        (void)dkmax;
        (void)kbmax;
        /* Freeze the gain once P_{t+1} - P_t = W M W' is negligible:
         * ||W M W'||_F^2 = trace(G M G M), G = W'W, costs O(m k^2).  (F and
         * K alone can pause for a season while P still moves.)  Since
         * P_{t+2} - P_{t+1} = L (P_{t+1} - P_t - ...) L', it stays so. */
        if (F < gain_limit) {
            double G[256], GM[256], tr = 0.0;
            for (size_t i = 0; i < k; i++)
                for (size_t j = i; j < k; j++) {
                    double acc = 0.0;
                    for (size_t q = 0; q < m; q++)
                        acc += W[q * k + i] * W[q * k + j];
                    G[i * k + j] = G[j * k + i] = acc;
                }
            for (size_t i = 0; i < k; i++)
                for (size_t j = 0; j < k; j++) {
                    double acc = 0.0;
                    for (size_t q = 0; q < k; q++)
                        acc += G[i * k + q] * M[q * k + j];
                    GM[i * k + j] = acc;
                }
            for (size_t i = 0; i < k; i++)
                for (size_t j = 0; j < k; j++)
                    tr += GM[i * k + j] * GM[j * k + i];
            if (fabs(tr) < 1e-32 * F * F)
                steady = 3;
        }
    }
    sparse_clear(&T);
    free(buf);
    if (!st)
        *out = ll;
    return st;
}

fc_status fc_ss_filter_chandrasekhar_k(const fc_ss_model *ss, const double *pz, size_t k,
                                       const double *W1, const double *M1, const double *y,
                                       size_t n, double gain_limit, fc_ss_loglik *out,
                                       double *std_resid, fc_error *err)
{
    if (k == 0 || k > 16)
        return fc_fail(err, FC_EINVAL, "Chandrasekhar rank %zu is outside 1..16", k);
    if (!ss || !pz || !W1 || !M1 || (!y && n) || !out)
        return fc_fail(err, FC_EINVAL, "fc_ss_filter_chandrasekhar_k: NULL argument");
    /* rank 3 (the ARIMA diffuse start) with the rank known at compile time */
    if (k == 3)
        return chandrasekhar_k_run(ss, pz, 3, W1, M1, y, n, gain_limit, out, std_resid, err);
    return chandrasekhar_k_run(ss, pz, k, W1, M1, y, n, gain_limit, out, std_resid, err);
}
