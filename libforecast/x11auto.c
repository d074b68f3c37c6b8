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

/* Regression with ARIMA errors of z on the regressors (observations),
 * by the profile likelihood (regarima_profile.c). */
static fc_status fit_model(const fit_ctx *f, const regset *r, const fc_arima_order *order,
                           int mean, int drift, fc_arima_model **out, fc_error *err)
{
    fc_arima_spec spec = fc_arima_spec_default();
    spec.order = *order;
    spec.include_mean = mean;
    spec.include_drift = drift;
    const char *names[MAXREG];
    for (size_t j = 0; j < r->k; j++) {
        memcpy(f->xbuf + j * r->n, r->col[j], r->n * sizeof(double));
        names[j] = r->name[j];
    }
    spec.nxreg = r->k;
    spec.xreg = r->k ? f->xbuf : NULL;
    spec.xreg_names = r->k ? names : NULL;
    fc_arima_options o = fc_arima_options_default();
    o.max_iter = 2000;
    /* regression coefficients concentrated out of the likelihood (GLS for
     * given ARMA parameters), as X-13's regARIMA estimation: the same
     * maximum as fc_arima_fit at a cost that does not grow with k^2 */
    return fc_regarima_fit_profile(f->z, &spec, &o, out, err);
}

static fc_arima_order airline(int freq, size_t n)
{
    fc_arima_order o = {0, 1, 1, 0, 1, 1, freq};
    if (n < 3 * (size_t)freq + 2) {
        o.P = o.D = o.Q = 0;
    }
    return o;
}

/* AICC of the airline model with the regressors (+inf when the fit fails). */
static double airline_aicc(const fit_ctx *f, const regset *r, int freq)
{
    fc_arima_order o = airline(freq, r->n);
    fc_arima_model *m = NULL;
    if (fit_model(f, r, &o, 0, 0, &m, NULL))
        return INFINITY;
    double a = m->aicc;
    fc_arima_model_free(m);
    return a;
}

/* Index of regressor `name` among the model's coefficients. */
static long coef_index(const fc_arima_model *m, const char *name)
{
    for (size_t i = 0; i < m->ncoef; i++)
        if (strcmp(m->coef_names[i], name) == 0)
            return (long)i;
    return -1;
}

/* ------------------------------------------------------------ outliers */

/* pi weights of the ARIMA model: pi(B) = phi(B) Phi(B^s) (1-B)^d (1-B^s)^D
 * / (theta(B) Theta(B^s)), R sign conventions. */
static void pi_weights(const fc_arima_model *m, double *pi, size_t n)
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
        for (size_t j = 0; j < n; j++)
            pi[j] = j == 0;
        return;
    }
    size_t deg = 0;
    ar[0] = 1.0;
    double phi[64] = {0}, sphi[64] = {0}, th[64] = {0}, sth[64] = {0};
    char nm_[16];
    for (int i = 0; i < o->p && i < 64; i++) {
        snprintf(nm_, sizeof nm_, "ar%d", i + 1);
        long k = coef_index(m, nm_);
        phi[i] = k >= 0 ? m->coef[k] : 0.0;
    }
    for (int i = 0; i < o->P && i < 64; i++) {
        snprintf(nm_, sizeof nm_, "sar%d", i + 1);
        long k = coef_index(m, nm_);
        sphi[i] = k >= 0 ? m->coef[k] : 0.0;
    }
    for (int i = 0; i < o->q && i < 64; i++) {
        snprintf(nm_, sizeof nm_, "ma%d", i + 1);
        long k = coef_index(m, nm_);
        th[i] = k >= 0 ? m->coef[k] : 0.0;
    }
    for (int i = 0; i < o->Q && i < 64; i++) {
        snprintf(nm_, sizeof nm_, "sma%d", i + 1);
        long k = coef_index(m, nm_);
        sth[i] = k >= 0 ? m->coef[k] : 0.0;
    }
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
    free(ar);
    free(ma);
    free(tmp);
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

/* Largest outlier t-statistic (Chen & Liu 1993) among AO, LS and TC at
 * positions without a regressor yet. */
static double best_outlier(const fc_arima_model *m, const regset *r, size_t n, int with_tc,
                           reg_kind *kind, size_t *at)
{
    double *pi = malloc(n * sizeof *pi), *e = malloc(n * sizeof *e), *x = malloc(n * sizeof *x);
    double best = 0.0;
    if (!pi || !e || !x)
        goto done;
    pi_weights(m, pi, n);
    size_t ne = 0;
    for (size_t t = 0; t < n; t++) {
        double v = m->residuals[t];
        e[t] = isfinite(v) ? v : 0.0;
        if (isfinite(v))
            x[ne++] = fabs(v);
    }
    qsort(x, ne, sizeof *x, cmp_double);
    double sigma = 1.483 * (ne % 2 ? x[ne / 2] : 0.5 * (x[ne / 2 - 1] + x[ne / 2]));
    if (!(sigma > 0))
        goto done;
    for (size_t t0 = 0; t0 < n; t0++) {
        int taken = 0;
        for (size_t j = 0; j < r->k; j++)
            if (r->kind[j] != REG_CAL && r->at[j] == t0)
                taken = 1;
        if (taken)
            continue;
        for (int kd = REG_AO; kd <= (with_tc ? REG_TC : REG_LS); kd++) {
            if (kd == REG_LS && (t0 == 0 || t0 + 1 >= n))
                continue;
            double sxx = 0.0, sex = 0.0, cum = 0.0, prev = 0.0;
            for (size_t t = t0; t < n; t++) {
                double v;
                if (kd == REG_AO)
                    v = pi[t - t0];
                else if (kd == REG_LS)
                    v = (cum += pi[t - t0]);
                else
                    v = prev = 0.7 * prev + pi[t - t0];
                sxx += v * v;
                sex += e[t] * v;
            }
            if (!(sxx > 0))
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
    free(pi);
    free(e);
    free(x);
    return best;
}

/* Forward addition of outliers on the airline model, then backward
 * deletion of those whose t-value (from the joint fit) falls below cv. */
static fc_status detect_outliers(const fit_ctx *f, regset *r, int freq, fc_period start,
                                 double cv, int with_tc, fc_error *err)
{
    fc_arima_order o = airline(freq, r->n);
    for (int it = 0; it < 40 && r->k < MAXREG; it++) {
        fc_arima_model *m = NULL;
        fc_status st = fit_model(f, r, &o, 0, 0, &m, err);
        if (st) {
            /* the model with the last outlier cannot be fitted: keep the
             * outliers found before it (none on the first fit) */
            if (it == 0)
                return st;
            regset_drop(r, r->k - 1);
            break;
        }
        reg_kind kind = REG_AO;
        size_t at = 0;
        double tau = best_outlier(m, r, r->n, with_tc, &kind, &at);
        fc_arima_model_free(m);
        if (fabs(tau) < cv)
            break;
        if (!regset_add_outlier(r, kind, at, freq, start))
            return fc_fail(err, FC_ENOMEM, "cannot add an outlier regressor");
    }
    for (;;) {
        fc_arima_model *m = NULL;
        if (fit_model(f, r, &o, 0, 0, &m, NULL))
            break;
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
        fc_arima_model_free(m);
        if (worst < 0 || wt >= cv)
            break;
        regset_drop(r, (size_t)worst);
    }
    return FC_OK;
}

/* -------------------------------------------------------- calendar tests */

/* Keeps the candidate spec (or none) with the lowest airline AICC. */
static fc_status choose_calendar(const fit_ctx *f, const fit_ctx *f_lp, regset *r,
                                 const char *const *cands, size_t ncand, int freq,
                                 fc_period start, const fc_calendar_options *cal,
                                 int *chosen, fc_error *err)
{
    double best = airline_aicc(f, r, freq);
    *chosen = -1;
    size_t k0 = r->k;
    for (size_t c = 0; c < ncand; c++) {
        fc_status st = regset_add_calendar(r, cands[c], freq, start, cal, err);
        if (st)
            return st;
        double a = airline_aicc(f_lp ? f_lp : f, r, freq);
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
    /* Calendar regressors by AICC. */
    int td_choice = -1, easter_choice = -1, lny_choice = -1;
    if (has_item(calendar, "td")) {
        const char *tdl[2] = {"td,lpyear", "td1,lpyear"}, *tdg[2] = {"td", "td1"};
        if ((st = choose_calendar(&f, lg ? &flp : NULL, &s.reg, lg ? tdg : tdl, 2, ny, y->start,
                                  &o.cal, &td_choice, err)))
            goto fail;
    }
    res->lpyear_prior = lg && td_choice >= 0;
    fit_ctx *fm = res->lpyear_prior ? &flp : &f;
    if (has_item(calendar, "easter")) {
        const char *e[3] = {"easter[1]", "easter[8]", "easter[15]"};
        if ((st = choose_calendar(fm, NULL, &s.reg, e, 3, ny, y->start, &o.cal, &easter_choice, err)))
            goto fail;
    }
    if (has_item(calendar, "lny")) {
        const char *l[1] = {"lny"};
        if ((st = choose_calendar(fm, NULL, &s.reg, l, 1, ny, y->start, &o.cal, &lny_choice, err)))
            goto fail;
    }
    /* Outliers on the airline model. */
    if (o.outliers) {
        double cv = o.outlier_cv > 0 ? o.outlier_cv : default_cv(n);
        fc_error oerr;
        fc_error_clear(&oerr);
        if (detect_outliers(fm, &s.reg, ny, y->start, cv, o.outlier_tc, &oerr))
            snprintf(res->note + strlen(res->note), sizeof res->note - strlen(res->note),
                     "outlier detection skipped (%s). ", oerr.message);
    }
    /* Automatic ARIMA on the series without its regression effects. */
    fc_arima_order order = airline(ny, n);
    int mean = 0, drift = 0;
    {
        fc_arima_model *m0 = NULL;
        fc_series *w = NULL;
        if ((st = fc_series_copy(fm->z, &w, err)))
            goto fail;
        if (s.reg.k && fit_model(fm, &s.reg, &order, 0, 0, &m0, NULL))
            snprintf(res->note + strlen(res->note), sizeof res->note - strlen(res->note),
                     "regression effects not removed before the model search (airline fit failed). ");
        for (size_t j = 0; j < s.reg.k && m0; j++) {
            long k = coef_index(m0, s.reg.name[j]);
            for (size_t i = 0; i < n && k >= 0; i++)
                w->values[i] -= m0->coef[k] * s.reg.col[j][i];
        }
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
    if (fit_model(fm, &s.reg, &order, mean, drift, &s.model, NULL)) {
        order = airline(ny, n);
        mean = drift = 0;
        snprintf(res->note + strlen(res->note), sizeof res->note - strlen(res->note),
                 "automatic model failed with the regressors; airline model used. ");
        if ((st = fit_model(fm, &s.reg, &order, 0, 0, &s.model, err)))
            goto fail;
    }
    /* Forecast extension and the pre-adjusted B1. */
    double *fx = NULL;
    if (s.reg.k) {
        fx = malloc(h * s.reg.k * sizeof *fx);
        if (!fx) {
            st = fc_fail(err, FC_ENOMEM, "cannot allocate future regressors");
            goto fail;
        }
        for (size_t j = 0; j < s.reg.k; j++)
            memcpy(fx + j * h, s.reg.col[j] + n, h * sizeof(double));
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
    for (size_t j = 0; j < s.reg.k; j++) {
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
    res->constant = mean || drift;
    res->loglik = s.model->loglik;
    res->aicc = s.model->aicc;
    snprintf(res->note + strlen(res->note), sizeof res->note - strlen(res->note),
             "ARIMA orders chosen by R's auto.arima stepwise search (not X-13's automdl); "
             "outlier t-statistics of Chen & Liu on the airline model");
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
