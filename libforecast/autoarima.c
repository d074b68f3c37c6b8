/* Automatic SARIMA order selection: Hyndman & Khandakar (2008) section 3.2,
 * as forecast 8.20's auto.arima implements it (stepwise search by AICc with
 * the unit-root tests of unitroot.c), plus an exhaustive search, a log/level
 * choice in the manner of X-13ARIMA-SEATS' transform{function = auto}, and
 * fallbacks so that unattended batch runs always get a usable model.
 * Tested against forecast::auto.arima (tests/fixtures/gen_autoarima.R). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>

#include "forecast/arima.h"
#include "internal.h"
#include "ss_internal.h"

#define AUTO_MAX_RESULTS 512
#define AUTO_MIN_ROOT 1.01   /* R myarima: roots within 1 + 0.01 are rejected */
#define AUTO_SEARCH_GTOL 1e-3 /* gradient tolerance of the candidate fits */

fc_auto_options fc_auto_options_default(void)
{
    fc_auto_options o;
    memset(&o, 0, sizeof o);
    o.max_p = 5;
    o.max_q = 5;
    o.max_P = 2;
    o.max_Q = 2;
    o.max_order = 5;
    o.max_d = 2;
    o.max_D = 1;
    o.start_p = 2;
    o.start_q = 2;
    o.start_P = 1;
    o.start_Q = 1;
    o.d = -1;
    o.D = -1;
    o.stepwise = 1;
    o.seasonal = 1;
    o.allow_mean = 1;
    o.allow_drift = 1;
    o.ic = FC_IC_AICC;
    o.max_models = 94;
    o.transform = FC_AUTO_TRANSFORM_NONE;
    o.log_aicdiff = -2.0;
    o.approximation = -1;
    return o;
}

/* One candidate of the search and its criterion (+inf when unusable). */
typedef struct {
    int p, q, P, Q, constant;
    double ic;
} candidate;

/* Everything the search needs; one per call (no shared state). */
typedef struct {
    const fc_series *y;
    fc_transform transform;
    int d, D, m;
    fc_ic ic;
    int approx;        /* search with CSS fits (R's approximation) */
    double offset;     /* R's offset making CSS criteria comparable */
    candidate results[AUTO_MAX_RESULTS];
    size_t nresults;
    size_t fitted, failed;
} search_ctx;

/* ------------------------------------------------------------ admissibility */

/* Smallest root modulus of 1 + sign * (c_1 z + ... + c_k z^k), trailing
 * coefficients below 1e-8 dropped (as R); 2 when there is no root. */
static double min_root_modulus(const double *c, size_t k, double sign)
{
    size_t last = 0;
    for (size_t i = 0; i < k; i++)
        if (fabs(c[i]) > 1e-8)
            last = i + 1;
    if (last == 0)
        return 2.0;
    double *a = malloc((last + 1) * sizeof *a);
    double *z = malloc(2 * last * sizeof *z);
    double minmod = 2.0;
    if (a == NULL || z == NULL) {
        free(a);
        free(z);
        return 0.0;   /* cannot check: treat as inadmissible */
    }
    a[0] = 1.0;
    for (size_t i = 0; i < last; i++)
        a[i + 1] = sign * c[i];
    if (last == 1) {
        minmod = fabs(1.0 / a[1]);
    } else {
        gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc(last + 1);
        if (w == NULL || gsl_poly_complex_solve(a, last + 1, w, z) != GSL_SUCCESS)
            minmod = 0.0;
        else
            for (size_t i = 0; i < last; i++)
                minmod = fmin(minmod, hypot(z[2 * i], z[2 * i + 1]));
        gsl_poly_complex_workspace_free(w);
    }
    free(a);
    free(z);
    return minmod;
}

/* Expanded lag polynomial coefficients of (1 + s a(B)) (1 + s A(B^m)) without
 * the leading 1, divided by s: out[k-1] is the coefficient of B^k.  For AR
 * (s = -1) this is R's model$phi, for MA (s = +1) model$theta. */
static size_t expand_poly(const double *a, int na, const double *A, int nA, int m,
                          double s, double *out)
{
    size_t len = (size_t)na + (size_t)nA * (size_t)m;
    for (size_t i = 0; i < len; i++)
        out[i] = 0.0;
    for (int i = 0; i < na; i++)
        out[i] += a[i];
    for (int j = 0; j < nA; j++) {
        size_t lag = (size_t)(j + 1) * (size_t)m;
        out[lag - 1] += A[j];
        for (int i = 0; i < na; i++)
            out[lag + (size_t)i] += s * a[i] * A[j];
    }
    return len;
}

/* R myarima's check: every AR and MA root outside 1.01 in modulus. */
static int roots_admissible(const fc_arima_model *fit, int m)
{
    const fc_arima_order *o = &fit->spec.order;
    const double *c = fit->coef;
    double buf[5 + 2 * 64 + 5 * 2 * 64];
    if (o->p + o->P > 0) {
        if ((size_t)o->p + (size_t)o->P * (size_t)m > sizeof buf / sizeof buf[0])
            return 0;
        size_t k = expand_poly(c, o->p, c + o->p + o->q, o->P, m, -1.0, buf);
        if (min_root_modulus(buf, k, -1.0) < AUTO_MIN_ROOT)
            return 0;
    }
    if (o->q + o->Q > 0) {
        if ((size_t)o->q + (size_t)o->Q * (size_t)m > sizeof buf / sizeof buf[0])
            return 0;
        size_t k = expand_poly(c + o->p, o->q, c + o->p + o->q + o->P, o->Q, m, 1.0, buf);
        if (min_root_modulus(buf, k, 1.0) < AUTO_MIN_ROOT)
            return 0;
    }
    return 1;
}

/* R's checkarima: a standard error that is NaN marks a fit whose
 * covariance is not usable. */
static int se_finite(const fc_arima_model *fit)
{
    for (size_t i = 0; i < fit->ncoef; i++)
        if (!fit->is_fixed[i] && !isfinite(fit->se[i]))
            return 0;
    return 1;
}

/* Information criterion as forecast's myarima computes it. */
static double criterion(const fc_arima_model *fit, fc_ic ic)
{
    double npar = (double)fit->nfree + 1.0, nstar = (double)fit->nobs;
    if (!isfinite(fit->aic))
        return INFINITY;
    switch (ic) {
    case FC_IC_AIC:
        return fit->aic;
    case FC_IC_BIC:
        return fit->aic + npar * (log(nstar) - 2.0);
    case FC_IC_AICC:
    default:
        if (nstar - npar - 1.0 <= 0.0)
            return INFINITY;
        return fit->aic + 2.0 * npar * (npar + 1.0) / (nstar - npar - 1.0);
    }
}

/* R myarima's criterion for a CSS fit: aic = offset + nobs log(sigma2) +
 * 2 k', then the same aicc/bic corrections. */
static double css_criterion(const fc_arima_model *fit, fc_ic ic, double offset)
{
    double npar = (double)fit->nfree + 1.0, nstar = (double)fit->nobs;
    if (!(fit->sigma2 > 0.0))
        return INFINITY;
    double aic = offset + nstar * log(fit->sigma2) + 2.0 * npar;
    switch (ic) {
    case FC_IC_AIC:
        return aic;
    case FC_IC_BIC:
        return aic + npar * (log(nstar) - 2.0);
    case FC_IC_AICC:
    default:
        if (nstar - npar - 1.0 <= 0.0)
            return INFINITY;
        return aic + 2.0 * npar * (npar + 1.0) / (nstar - npar - 1.0);
    }
}

/* ------------------------------------------------------------------ fitting */

static fc_arima_spec make_spec(const search_ctx *c, int p, int q, int P, int Q, int constant)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.p = p;
    s.order.d = c->d;
    s.order.q = q;
    s.order.P = P;
    s.order.D = c->D;
    s.order.Q = Q;
    s.order.period = c->m > 1 ? c->m : 0;
    /* forecast's myarima: drift when d + D = 1, intercept when d + D = 0 */
    s.include_mean = constant && c->d + c->D == 0;
    s.include_drift = constant && c->d + c->D == 1;
    s.transform = c->transform;
    return s;
}

/* Fits one candidate; returns its criterion (+inf when unusable) and, when
 * keep is non-NULL and the fit is usable, the model. */
static double fit_candidate(search_ctx *c, int p, int q, int P, int Q, int constant,
                            int with_se, fc_arima_model **keep)
{
    fc_arima_spec spec = make_spec(c, p, q, P, Q, constant);
    fc_arima_options opt = fc_arima_options_default();
    opt.compute_se = with_se;
    /* The search compares quasi-Newton optima (as R's optim) to a looser
     * gradient tolerance, with the cheaper optimiser of
     * fc_arima_fit_search (2-3x fewer likelihood evaluations); the
     * chosen model is refitted by fc_arima_fit with the defaults, so the
     * reported fit is exact.  On the R fixtures this picks the same models
     * as fc_arima_fit at the default tolerance. */
    opt.polish = with_se;
    if (!with_se)
        opt.gtol = AUTO_SEARCH_GTOL;
    int css = c->approx && !with_se;
    if (css)
        opt.method = FC_ARIMA_CSS;
    fc_arima_model *fit = NULL;
    c->fitted++;
    fc_status st = with_se ? fc_arima_fit(c->y, &spec, &opt, &fit, NULL)
                           : fc_arima_fit_search(c->y, &spec, &opt, &fit, NULL);
    if (st != FC_OK || fit == NULL) {
        c->failed++;
        return INFINITY;
    }
    double ic = css ? css_criterion(fit, c->ic, c->offset) : criterion(fit, c->ic);
    if (!isfinite(ic) || !roots_admissible(fit, c->m) || (with_se && !se_finite(fit))) {
        c->failed++;
        fc_arima_model_free(fit);
        return INFINITY;
    }
    if (keep)
        *keep = fit;
    else
        fc_arima_model_free(fit);
    return ic;
}

static int already_tried(const search_ctx *c, int p, int q, int P, int Q, int constant)
{
    for (size_t i = 0; i < c->nresults; i++) {
        const candidate *r = &c->results[i];
        if (r->p == p && r->q == q && r->P == P && r->Q == Q && r->constant == constant)
            return 1;
    }
    return 0;
}

/* Fits and records a candidate (the search is done without standard errors;
 * the winner is checked afterwards). */
static double try_model(search_ctx *c, int p, int q, int P, int Q, int constant)
{
    double ic = fit_candidate(c, p, q, P, Q, constant, 0, NULL);
    if (c->nresults < AUTO_MAX_RESULTS) {
        candidate r = {p, q, P, Q, constant, ic};
        c->results[c->nresults++] = r;
    }
    return ic;
}

/* ---------------------------------------------------------- stepwise search */

typedef struct {
    int max_p, max_q, max_P, max_Q, max_order;
    int allow_constant;     /* allowdrift | allowmean after the d + D rule */
    size_t max_models;
} limits;

/* Hyndman & Khandakar (2008) stepwise algorithm, neighbour order as in
 * forecast 8.20: P-1, Q-1, P+1, Q+1, (P-1,Q-1), (P-1,Q+1), (P+1,Q-1),
 * (P+1,Q+1), p-1, q-1, p+1, q+1, (p-1,q-1), (p-1,q+1), (p+1,q-1), (p+1,q+1),
 * then the constant toggled; restart from the first move after each
 * improvement, stop when a full pass improves nothing. */
static void stepwise_search(search_ctx *c, const limits *L, int start_p, int start_q,
                            int start_P, int start_Q, int constant)
{
    int p = start_p, q = start_q, P = start_P, Q = start_Q, K = constant;
    double best = try_model(c, p, q, P, Q, K);
    double ic = try_model(c, 0, 0, 0, 0, K);
    if (ic < best) {
        best = ic;
        p = q = P = Q = 0;
    }
    if (L->max_p > 0 || L->max_P > 0) {
        int np = L->max_p > 0, nP = c->m > 1 && L->max_P > 0;
        ic = try_model(c, np, 0, nP, 0, K);
        if (ic < best) {
            best = ic;
            p = np;
            P = nP;
            q = Q = 0;
        }
    }
    if (L->max_q > 0 || L->max_Q > 0) {
        int nq = L->max_q > 0, nQ = c->m > 1 && L->max_Q > 0;
        ic = try_model(c, 0, nq, 0, nQ, K);
        if (ic < best) {
            best = ic;
            p = P = 0;
            q = nq;
            Q = nQ;
        }
    }
    if (constant) {
        ic = try_model(c, 0, 0, 0, 0, 0);
        if (ic < best) {
            best = ic;
            p = q = P = Q = 0;
        }
    }
    /* moves: {dp, dq, dP, dQ} */
    static const int moves[16][4] = {
        {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
        {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
        {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
        {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
    int improved = 1;
    while (improved && c->nresults < L->max_models) {
        improved = 0;
        for (int i = 0; i < 16 && !improved; i++) {
            int np = p + moves[i][0], nq = q + moves[i][1];
            int nP = P + moves[i][2], nQ = Q + moves[i][3];
            if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > L->max_p || nq > L->max_q ||
                nP > L->max_P || nQ > L->max_Q || already_tried(c, np, nq, nP, nQ, K))
                continue;
            if (c->nresults >= L->max_models)
                break;
            ic = try_model(c, np, nq, nP, nQ, K);
            if (ic < best) {
                best = ic;
                p = np;
                q = nq;
                P = nP;
                Q = nQ;
                improved = 1;
            }
        }
        if (!improved && L->allow_constant && !already_tried(c, p, q, P, Q, !K) &&
            c->nresults < L->max_models) {
            ic = try_model(c, p, q, P, Q, !K);
            if (ic < best) {
                best = ic;
                K = !K;
                /* R continues the loop after toggling the constant */
                improved = 1;
            }
        }
    }
}

/* Exhaustive search over p + q + P + Q <= max_order (R's search.arima). */
static void exhaustive_search(search_ctx *c, const limits *L)
{
    for (int p = 0; p <= L->max_p; p++)
        for (int q = 0; q <= L->max_q; q++)
            for (int P = 0; P <= L->max_P; P++)
                for (int Q = 0; Q <= L->max_Q; Q++) {
                    if (p + q + P + Q > L->max_order)
                        continue;
                    for (int K = 0; K <= L->allow_constant; K++)
                        try_model(c, p, q, P, Q, K);
                }
}

static int cmp_candidate(const void *a, const void *b)
{
    double x = ((const candidate *)a)->ic, y = ((const candidate *)b)->ic;
    return (x > y) - (x < y);
}

/* Forecasts of the model are finite for two seasonal cycles. */
static int forecasts_finite(const fc_arima_model *fit)
{
    fc_forecast *f = NULL;
    size_t h = fit->period > 1 ? 2 * (size_t)fit->period : 12;
    if (fc_arima_forecast(fit, h, NULL, 0, NULL, &f, NULL) != FC_OK || f == NULL)
        return 0;
    int ok = 1;
    for (size_t i = 0; i < h; i++)
        ok = ok && isfinite(f->mean[i]);
    fc_forecast_free(f);
    return ok;
}

/* Refits the recorded candidates in increasing criterion order, with
 * standard errors, and keeps the first usable one (R's checkarima, and the
 * guarantee of finite forecasts). */
static fc_arima_model *pick_winner(search_ctx *c, double *ic_out)
{
    qsort(c->results, c->nresults, sizeof c->results[0], cmp_candidate);
    for (size_t i = 0; i < c->nresults; i++) {
        const candidate *r = &c->results[i];
        if (!isfinite(r->ic))
            break;
        fc_arima_model *fit = NULL;
        double ic = fit_candidate(c, r->p, r->q, r->P, r->Q, r->constant, 1, &fit);
        if (!isfinite(ic))
            continue;
        if (!forecasts_finite(fit)) {
            fc_arima_model_free(fit);
            continue;
        }
        *ic_out = ic;
        return fit;
    }
    return NULL;
}

/* -------------------------------------------------------------- orchestration */

/* Non-missing values of x (compressed), for the unit-root tests. */
static size_t compress_finite(const double *x, size_t n, double *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            out[k++] = x[i];
    return k;
}

/* Seasonal then regular differencing orders (auto.arima's order of tests).
 * z is the (transformed) series, w scratch of n doubles. */
static fc_status choose_differences(const double *z, size_t n, int m, const fc_auto_options *o,
                                    int *d, int *D, double *w, double *w2, fc_error *err)
{
    size_t k;
    *D = 0;
    if (o->D >= 0) {
        *D = o->D;
    } else if (m > 1 && n > 2 * (size_t)m) {
        k = compress_finite(z, n, w);
        fc_nsdiffs_options so = fc_nsdiffs_options_default();
        so.max_D = o->max_D;
        fc_status st = fc_nsdiffs(w, k, m, &so, D, err);
        if (st != FC_OK)
            return st;
    }
    /* seasonally differenced series (NaN propagates, then is skipped) */
    size_t nd = n;
    for (size_t i = 0; i < n; i++)
        w2[i] = z[i];
    for (int j = 0; j < *D; j++) {
        if (nd <= (size_t)m) {
            *D = j;
            break;
        }
        for (size_t i = 0; i + (size_t)m < nd; i++)
            w2[i] = w2[i + (size_t)m] - w2[i];
        nd -= (size_t)m;
    }
    k = compress_finite(w2, nd, w);
    if (o->d >= 0) {
        *d = o->d;
    } else {
        fc_ndiffs_options no = fc_ndiffs_options_default();
        no.max_d = o->max_d;
        fc_status st = fc_ndiffs(w, k, &no, d, err);
        if (st != FC_OK)
            return st;
    }
    return FC_OK;
}

/* 1 when the fully differenced series is constant (R: is.constant(dx)). */
static int differenced_constant(const double *z, size_t n, int d, int D, int m, double *w,
                                double *mean_out)
{
    size_t nd = n;
    for (size_t i = 0; i < n; i++)
        w[i] = z[i];
    for (int j = 0; j < D && nd > (size_t)m; j++, nd -= (size_t)m)
        for (size_t i = 0; i + (size_t)m < nd; i++)
            w[i] = w[i + (size_t)m] - w[i];
    for (int j = 0; j < d && nd > 1; j++, nd--)
        for (size_t i = 0; i + 1 < nd; i++)
            w[i] = w[i + 1] - w[i];
    size_t k = compress_finite(w, nd, w);
    double s = 0.0;
    for (size_t i = 0; i < k; i++)
        s += w[i];
    *mean_out = k ? s / (double)k : 0.0;
    return k > 0 && fc_is_constant(w, k);
}

static fc_status fit_fixed_constant(const fc_series *y, fc_transform tr, fc_arima_order order,
                                    int constant, double value, fc_arima_model **out)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order = order;
    s.transform = tr;
    double fixed[1] = {value};
    if (constant) {
        s.include_mean = order.d + order.D == 0;
        s.include_drift = order.d + order.D == 1;
        s.fixed = fixed;
    }
    fc_arima_options o = fc_arima_options_default();
    return fc_arima_fit(y, &s, &o, out, NULL);
}

/* R's offset for CSS criteria: -2 loglik - n log sigma2 of the exact
 * (0,d,0)(0,D,0) fit; a constant shift of every candidate's criterion. */
static double css_offset(const fc_series *y, fc_transform tr, int d, int D, int m,
                         size_t serieslength)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.d = d;
    s.order.D = D;
    s.order.period = m > 1 ? m : 0;
    s.include_mean = d + D == 0;
    s.transform = tr;
    fc_arima_options o = fc_arima_options_default();
    o.compute_se = 0;
    o.polish = 0;
    fc_arima_model *fit = NULL;
    double off = 0.0;
    if (fc_arima_fit(y, &s, &o, &fit, NULL) == FC_OK && fit && fit->sigma2 > 0.0)
        off = -2.0 * fit->loglik - (double)serieslength * log(fit->sigma2);
    fc_arima_model_free(fit);
    return off;
}

static void note(fc_auto_report *r, const char *fmt, const char *arg)
{
    if (r == NULL)
        return;
    size_t len = strlen(r->note);
    if (len + 2 >= sizeof r->note)
        return;
    if (len)
        r->note[len++] = ' ';
    snprintf(r->note + len, sizeof r->note - len, fmt, arg);
}

/* Last-resort models, simplest last: (0,1,1), (0,1,0), (0,0,0) + mean. */
static fc_arima_model *fallback_model(const fc_series *y, fc_transform tr, fc_auto_report *rep)
{
    static const int orders[3][3] = {{0, 1, 1}, {0, 1, 0}, {0, 0, 0}};
    static const char *names[3] = {"(0,1,1)", "(0,1,0)", "(0,0,0) with mean"};
    for (int i = 0; i < 3; i++) {
        fc_arima_spec s = fc_arima_spec_default();
        s.order.p = orders[i][0];
        s.order.d = orders[i][1];
        s.order.q = orders[i][2];
        s.include_mean = i == 2;
        s.transform = tr;
        fc_arima_options o = fc_arima_options_default();
        fc_arima_model *fit = NULL;
        if (fc_arima_fit(y, &s, &o, &fit, NULL) == FC_OK && fit) {
            if (forecasts_finite(fit)) {
                if (rep) {
                    rep->fallback = FC_AUTO_FALLBACK_SIMPLER;
                    note(rep, "no candidate model could be used; fell back to %s.", names[i]);
                }
                return fit;
            }
            fc_arima_model_free(fit);
        }
    }
    return NULL;
}

/* Search on one scale (transform tr).  On success *out is the winner. */
static fc_status auto_on_scale(const fc_series *y, fc_transform tr, const fc_auto_options *o,
                               fc_arima_model **out, fc_auto_report *rep, fc_error *err)
{
    size_t n = y->n;
    int m = o->seasonal ? y->freq : 1;
    double *z = calloc(3 * n, sizeof *z);
    if (z == NULL)
        return fc_fail(err, FC_ENOMEM, "auto: cannot allocate %zu values", 3 * n);
    double *w = z + n, *w2 = z + 2 * n;
    for (size_t i = 0; i < n; i++)
        z[i] = tr == FC_TRANSFORM_LOG ? log(y->values[i]) : y->values[i];
    size_t serieslength = compress_finite(z, n, w);
    fc_status st = FC_OK;
    *out = NULL;

    if (fc_is_constant(w, serieslength)) {
        /* R: Arima(x, order = c(0,0,0), fixed = mean(x)) */
        fc_arima_order o0 = {0, 0, 0, 0, 0, 0, 0};
        double mean = 0.0;
        for (size_t i = 0; i < serieslength; i++)
            mean += w[i];
        st = fit_fixed_constant(y, tr, o0, o->allow_mean, mean / (double)serieslength, out);
        if (st == FC_OK && rep) {
            rep->fallback = FC_AUTO_FALLBACK_CONSTANT;
            note(rep, "%s", "series is constant: (0,0,0) with the mean fixed at its value.");
        }
        goto done;
    }
    int d = 0, D = 0;
    st = choose_differences(z, n, m, o, &d, &D, w, w2, err);
    if (st != FC_OK)
        goto done;
    if (m <= 1)
        D = 0;

    limits L;
    L.max_p = o->max_p < (int)(serieslength / 3) ? o->max_p : (int)(serieslength / 3);
    L.max_q = o->max_q < (int)(serieslength / 3) ? o->max_q : (int)(serieslength / 3);
    int cap = m > 1 ? (int)(serieslength / 3 / (size_t)m) : 0;
    L.max_P = m > 1 ? (o->max_P < cap ? o->max_P : cap) : 0;
    L.max_Q = m > 1 ? (o->max_Q < cap ? o->max_Q : cap) : 0;
    L.max_order = o->max_order;
    L.max_models = o->max_models < AUTO_MAX_RESULTS ? o->max_models : AUTO_MAX_RESULTS;

    double dmean;
    if (differenced_constant(z, n, d, D, m, w, &dmean)) {
        /* R: the data follow a polynomial; fit (0,d,0)(0,D,0), with the
         * constant fixed at the mean change when d + D = 1 and d < 2 */
        fc_arima_order o1 = {0, d, 0, 0, D, 0, m > 1 ? m : 0};
        /* R fixes the drift at mean(dx / m) when only D = 1 */
        double value = D > 0 && d == 0 ? dmean / (double)m : dmean;
        st = fit_fixed_constant(y, tr, o1, d + D <= 1, value, out);
        if (st == FC_OK && rep) {
            rep->fallback = FC_AUTO_FALLBACK_POLYNOMIAL;
            note(rep, "%s", "differenced series is constant: deterministic polynomial model.");
        }
        goto done;
    }
    if (m > 1) {
        if (L.max_P > 0 && L.max_p > m - 1)
            L.max_p = m - 1;
        if (L.max_Q > 0 && L.max_q > m - 1)
            L.max_q = m - 1;
    }
    int allow_drift = o->allow_drift && d + D == 1;
    int allow_mean = o->allow_mean && d + D == 0;
    L.allow_constant = allow_drift || allow_mean;

    search_ctx *c = calloc(1, sizeof *c);
    if (c == NULL) {
        st = fc_fail(err, FC_ENOMEM, "auto: cannot allocate the search state");
        goto done;
    }
    c->y = y;
    c->transform = tr;
    c->d = d;
    c->D = D;
    c->m = m;
    c->ic = o->ic;
    c->approx = o->approximation > 0 || (o->approximation < 0 && serieslength > 150);
    if (c->approx)
        c->offset = css_offset(y, tr, d, D, m, serieslength);
    if (o->stepwise) {
        int sp = o->start_p, sq = o->start_q, sP = o->start_P, sQ = o->start_Q;
        if (n < 10) {   /* R: shorter starts for very short series */
            sp = sp < 1 ? sp : 1;
            sq = sq < 1 ? sq : 1;
            sP = sQ = 0;
        }
        sp = sp < L.max_p ? sp : L.max_p;
        sq = sq < L.max_q ? sq : L.max_q;
        sP = sP < L.max_P ? sP : L.max_P;
        sQ = sQ < L.max_Q ? sQ : L.max_Q;
        stepwise_search(c, &L, sp, sq, sP, sQ, L.allow_constant);
    } else {
        exhaustive_search(c, &L);
    }
    double ic = INFINITY;
    *out = pick_winner(c, &ic);
    if (rep) {
        rep->models_fitted += c->fitted;
        rep->models_failed += c->failed;
        rep->ic = ic;
    }
    free(c);
    if (*out == NULL) {
        *out = fallback_model(y, tr, rep);
        if (*out == NULL)
            st = fc_fail(err, FC_ENOCONV,
                         "auto: no SARIMA model could be fitted to the series, not even (0,0,0)");
    }
done:
    free(z);
    if (st != FC_OK && err && err->message[0] == '\0')
        fc_fail(err, st, "auto: model fitting failed");
    return st;
}

static void fill_report(fc_auto_report *rep, const fc_arima_model *fit, fc_transform tr,
                        fc_ic ic)
{
    if (rep == NULL || fit == NULL)
        return;
    rep->order = fit->spec.order;
    rep->order.period = fit->period;
    rep->constant = fit->spec.include_mean || fit->spec.include_drift;
    rep->transform = tr;
    if (!isfinite(rep->ic))
        rep->ic = criterion(fit, ic);
}

/* Sum of log y over the observations that enter the likelihood (the last
 * nobs non-missing ones): the Jacobian term of the log transform. */
static double log_jacobian(const fc_series *y, size_t nobs)
{
    double s = 0.0;
    size_t k = 0;
    for (size_t i = y->n; i-- > 0 && k < nobs;)
        if (isfinite(y->values[i])) {
            s += log(y->values[i]);
            k++;
        }
    return s;
}

static int all_positive(const fc_series *y)
{
    for (size_t i = 0; i < y->n; i++)
        if (isfinite(y->values[i]) && !(y->values[i] > 0.0))
            return 0;
    return 1;
}

/* Fits the transform-test model on one scale: the airline model
 * (0,1,1)(0,1,1)s, X-13's default for this test, or (0,1,1) when the series
 * is non-seasonal or too short for it.  Returns its AICC (NaN on failure). */
static double test_model_aicc(const fc_series *y, fc_transform tr, int m, size_t *nobs)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.d = 1;
    s.order.q = 1;
    if (m > 1 && y->n > 3 * (size_t)m) {
        s.order.D = 1;
        s.order.Q = 1;
        s.order.period = m;
    }
    s.transform = tr;
    fc_arima_options o = fc_arima_options_default();
    o.compute_se = 0;
    fc_arima_model *fit = NULL;
    double aicc = NAN;
    if (fc_arima_fit(y, &s, &o, &fit, NULL) == FC_OK && fit) {
        aicc = fit->aicc;
        *nobs = fit->nobs;
    }
    fc_arima_model_free(fit);
    return aicc;
}

/* X-13ARIMA-SEATS transform{function = auto}: the same model fitted to y
 * and log y, AICCs compared on the level scale (the log one plus the
 * Jacobian 2 sum log y); levels only when better by more than -aicdiff. */
static void choose_transform(const fc_series *y, const fc_auto_options *o,
                             fc_auto_report *rep, fc_transform *tr)
{
    *tr = FC_TRANSFORM_NONE;
    if (!all_positive(y)) {
        note(rep, "%s", "transform auto: the series has values <= 0, kept in levels.");
        return;
    }
    int m = o->seasonal ? y->freq : 1;
    size_t nobs_level = 0, nobs_log = 0;
    double aicc_level = test_model_aicc(y, FC_TRANSFORM_NONE, m, &nobs_level);
    double aicc_log = test_model_aicc(y, FC_TRANSFORM_LOG, m, &nobs_log);
    if (isfinite(aicc_log))
        aicc_log += 2.0 * log_jacobian(y, nobs_log);
    if (rep) {
        rep->aicc_level = aicc_level;
        rep->aicc_log = aicc_log;
    }
    if (isfinite(aicc_log) && !(aicc_level < aicc_log + o->log_aicdiff)) {
        *tr = FC_TRANSFORM_LOG;
        note(rep, "%s", "transform auto: log chosen (X-13 AICC test).");
    } else {
        note(rep, "%s", "transform auto: levels kept (X-13 AICC test).");
    }
}

fc_status fc_auto_arima(const fc_series *y, const fc_auto_options *opt,
                        fc_arima_model **out, fc_auto_report *report, fc_error *err)
{
    fc_auto_options o = opt ? *opt : fc_auto_options_default();
    if (out == NULL || y == NULL)
        return fc_fail(err, FC_EINVAL, "auto: series or output pointer is NULL");
    *out = NULL;
    if (report) {
        memset(report, 0, sizeof *report);
        report->ic = NAN;
        report->aicc_level = report->aicc_log = NAN;
    }
    fc_status st = fc_freq_check(y->freq, err);
    if (st != FC_OK)
        return st;
    if (o.max_p < 0 || o.max_q < 0 || o.max_P < 0 || o.max_Q < 0 || o.max_d < 0 || o.max_D < 0 ||
        o.max_order < 0 || o.start_p < 0 || o.start_q < 0 || o.start_P < 0 || o.start_Q < 0)
        return fc_fail(err, FC_EINVAL, "auto: order limits and starting orders must be >= 0");
    if (o.transform != FC_AUTO_TRANSFORM_NONE && o.transform != FC_AUTO_TRANSFORM_LOG &&
        o.transform != FC_AUTO_TRANSFORM_AUTO)
        return fc_fail(err, FC_EINVAL, "auto: unknown transform %d", (int)o.transform);
    size_t present = y->n - fc_series_count_missing(y);
    for (size_t i = 0; i < y->n; i++)
        if (isinf(y->values[i]))
            return fc_fail(err, FC_EDOMAIN, "auto: value %zu is infinite", i + 1);
    if (present < 3)
        return fc_fail(err, FC_ESHORT,
                       "auto: series has %zu non-missing observations; automatic modelling needs at least 3",
                       present);
    if (o.transform == FC_AUTO_TRANSFORM_LOG && !all_positive(y))
        return fc_fail(err, FC_EDOMAIN,
                       "auto: log transform needs positive values; the series has values <= 0 "
                       "(use transform none or auto)");
    fc_gsl_quiet();

    fc_transform tr = o.transform == FC_AUTO_TRANSFORM_LOG ? FC_TRANSFORM_LOG : FC_TRANSFORM_NONE;
    fc_arima_model *fit = NULL;
    if (o.transform == FC_AUTO_TRANSFORM_AUTO)
        choose_transform(y, &o, report, &tr);
    st = auto_on_scale(y, tr, &o, &fit, report, err);
    if (st != FC_OK) {
        fc_arima_model_free(fit);
        return st;
    }
    fill_report(report, fit, tr, o.ic);
    *out = fit;
    return FC_OK;
}
