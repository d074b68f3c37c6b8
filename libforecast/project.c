/* Quarter projection: fit (or take) a SARIMA, forecast the missing months
 * of a quarter, aggregate them with the observed ones, and give the
 * quarter's level and y/y growth with intervals that respect the
 * correlation of the monthly forecast errors (joint covariance from the
 * state space; exact for Gaussian aggregates and single months, Monte Carlo
 * otherwise -- see include/forecast/project.h).  Tested in
 * tests/test_project.c against closed forms and R forecast 8.20. */
#include "internal.h"
#include "ss_internal.h"

#include "forecast/project.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fc_project_options fc_project_options_default(void)
{
    fc_project_options o;
    memset(&o, 0, sizeof o);
    o.aggregate = FC_QUARTER_MEAN;
    o.model = FC_PROJECT_MODEL_DEFAULT;
    o.nlevels = 1;
    o.levels[0] = 80.0;
    o.nsim = 100000;
    o.seed = 20210401UL;
    return o;
}

static int all_positive(const fc_series *y)
{
    for (size_t i = 0; i < y->n; i++)
        if (!isnan(y->values[i]) && !(y->values[i] > 0.0))
            return 0;
    return 1;
}

static void describe(const fc_arima_model *m, const char *note, char *buf, size_t size)
{
    char ord[32];
    fc_arima_order_format(&m->spec.order, m->period, ord, sizeof ord);
    const char *tr = m->spec.transform == FC_TRANSFORM_LOG      ? " log"
                     : m->spec.transform == FC_TRANSFORM_BOXCOX ? " Box-Cox"
                                                                : "";
    snprintf(buf, size, "ARIMA%s%s%s%s", ord, tr, note ? " " : "", note ? note : "");
}

/* The model of opt, fitted to y (*owned set when we allocated it). */
static fc_status project_model(const fc_series *y, const fc_project_options *o,
                               const fc_arima_model **out, fc_arima_model **owned, char *label,
                               fc_error *err)
{
    *owned = NULL;
    if (o->model == FC_PROJECT_MODEL_FITTED) {
        if (!o->fitted)
            return fc_fail(err, FC_EINVAL, "FC_PROJECT_MODEL_FITTED needs opt->fitted");
        if (o->fitted->n != y->n || o->fitted->freq != y->freq)
            return fc_fail(err, FC_EINVAL, "the fitted model was not fitted to this series");
        *out = o->fitted;
        describe(o->fitted, NULL, label, 128);
        return FC_OK;
    }
    if (o->model == FC_PROJECT_MODEL_AUTO) {
        /* automatic selection (autoarima.c) with the X-13 log/level test;
         * if it fails, the airline default below (labelled as such) */
        fc_auto_options ao = fc_auto_options_default();
        ao.transform = FC_AUTO_TRANSFORM_AUTO;
        fc_arima_model *m = NULL;
        if (fc_auto_arima(y, &ao, &m, NULL, NULL) == FC_OK) {
            *owned = m;
            *out = m;
            describe(m, "(automatic)", label, 128);
            return FC_OK;
        }
    }
    fc_arima_spec spec;
    const char *note = NULL;
    if (o->model == FC_PROJECT_MODEL_SPEC) {
        if (!o->spec)
            return fc_fail(err, FC_EINVAL, "FC_PROJECT_MODEL_SPEC needs opt->spec");
        spec = *o->spec;
    } else {
        /* Airline model, the classic default for monthly production and
         * trade series (Box & Jenkins 1976, series G). */
        spec = fc_arima_spec_default();
        spec.order.q = 1;
        spec.order.d = 1;
        spec.order.Q = 1;
        spec.order.D = 1;
        spec.transform = all_positive(y) ? FC_TRANSFORM_LOG : FC_TRANSFORM_NONE;
        note = o->model == FC_PROJECT_MODEL_AUTO ? "(airline default; automatic selection failed)"
                                                 : "(airline default)";
    }
    fc_arima_model *m = NULL;
    fc_status st = fc_arima_fit(y, &spec, o->fit_options, &m, err);
    if (st)
        return st;
    *owned = m;
    *out = m;
    describe(m, note, label, 128);
    return FC_OK;
}

fc_status fc_project_forecast(const fc_series *y, size_t h, const double *levels,
                              size_t nlevels, const fc_project_options *opt,
                              fc_forecast **out, char *model_label, fc_error *err)
{
    if (!y || !out)
        return fc_fail(err, FC_EINVAL, "fc_project_forecast: NULL argument");
    *out = NULL;
    fc_project_options o = opt ? *opt : fc_project_options_default();
    const fc_arima_model *m;
    fc_arima_model *owned;
    char label[128];
    fc_status st = project_model(y, &o, &m, &owned, label, err);
    if (st)
        return st;
    if (m->spec.nxreg)
        st = fc_fail(err, FC_EINVAL, "projection with user regressors needs their future values: "
                                     "use fc_arima_forecast");
    if (!st)
        st = fc_arima_forecast(m, h, levels, nlevels, NULL, out, err);
    if (!st && model_label)
        memcpy(model_label, label, sizeof label);
    fc_arima_model_free(owned);
    return st;
}

/* ---------------------------------------------------- the quarter */

typedef struct {
    size_t nproj;          /* projected months (1..3) */
    double obs_sum;        /* sum of the observed months */
    double weight;         /* 1/3 (mean) or 1 (sum) */
    double mu[3];          /* transformed-scale means of the projected months */
    double cov[9];         /* their joint covariance */
    fc_transform tr;
    double lambda;
} quarter_problem;

static double aggregate(const quarter_problem *q, const double *z)
{
    double s = q->obs_sum;
    for (size_t i = 0; i < q->nproj; i++) {
        double v = fc_transform_invert(q->tr, q->lambda, z[i]);
        s += isnan(v) ? 0.0 : v;
    }
    return q->weight * s;
}

/* Bounds of the aggregate at each level: Gaussian (no transform) or one
 * projected month: exact; else simulation. */
static fc_status quarter_bounds(const quarter_problem *q, const fc_project_options *o,
                                double *lo, double *hi, char *method, fc_error *err)
{
    size_t k = q->nproj;
    if (q->tr == FC_TRANSFORM_NONE || k == 1) {
        strcpy(method, "exact");
        for (size_t l = 0; l < o->nlevels; l++) {
            double zq = gsl_cdf_ugaussian_Pinv(0.5 + o->levels[l] / 200.0);
            if (q->tr == FC_TRANSFORM_NONE) {
                double mean = q->obs_sum, var = 0.0;
                for (size_t i = 0; i < k; i++) {
                    mean += q->mu[i];
                    for (size_t j = 0; j < k; j++)
                        var += q->cov[i * k + j];
                }
                lo[l] = q->weight * (mean - zq * sqrt(var));
                hi[l] = q->weight * (mean + zq * sqrt(var));
            } else {
                double sd = sqrt(q->cov[0]), z1 = q->mu[0] - zq * sd, z2 = q->mu[0] + zq * sd;
                lo[l] = aggregate(q, &z1);
                hi[l] = aggregate(q, &z2);
            }
        }
        return FC_OK;
    }
    strcpy(method, "simulation");
    size_t nsim = o->nsim < 1000 ? 1000 : o->nsim;
    nsim += nsim % 2;
    double L[9];
    memcpy(L, q->cov, sizeof L);
    gsl_matrix_view Lv = gsl_matrix_view_array(L, k, k);
    if (gsl_linalg_cholesky_decomp1(&Lv.matrix))
        return fc_fail(err, FC_ENUMERIC, "forecast covariance of the quarter is not positive definite");
    double *draws = malloc(nsim * sizeof(double));
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!draws || !rng) {
        free(draws);
        gsl_rng_free(rng);
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu simulation draws", nsim);
    }
    gsl_rng_set(rng, o->seed);
    for (size_t s = 0; s < nsim; s += 2) {
        double e[3], zp[3], zm[3];
        for (size_t i = 0; i < k; i++)
            e[i] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        for (size_t i = 0; i < k; i++) {
            double d = 0.0;
            for (size_t j = 0; j <= i; j++)
                d += L[i * k + j] * e[j];
            zp[i] = q->mu[i] + d;
            zm[i] = q->mu[i] - d; /* antithetic */
        }
        draws[s] = aggregate(q, zp);
        draws[s + 1] = aggregate(q, zm);
    }
    gsl_sort(draws, 1, nsim);
    for (size_t l = 0; l < o->nlevels; l++) {
        double a = 0.5 - o->levels[l] / 200.0;
        lo[l] = gsl_stats_quantile_from_sorted_data(draws, 1, nsim, a);
        hi[l] = gsl_stats_quantile_from_sorted_data(draws, 1, nsim, 1.0 - a);
    }
    free(draws);
    gsl_rng_free(rng);
    return FC_OK;
}

static fc_status check_options(const fc_project_options *o, fc_error *err)
{
    if (o->nlevels < 1 || o->nlevels > FC_PROJECT_MAX_LEVELS)
        return fc_fail(err, FC_EINVAL, "between 1 and %d interval levels are needed (got %zu)",
                       FC_PROJECT_MAX_LEVELS, o->nlevels);
    for (size_t l = 0; l < o->nlevels; l++)
        if (!(o->levels[l] > 0.0 && o->levels[l] < 100.0))
            return fc_fail(err, FC_EINVAL, "interval level %g is not in (0, 100) percent",
                           o->levels[l]);
    if (o->aggregate != FC_QUARTER_MEAN && o->aggregate != FC_QUARTER_SUM)
        return fc_fail(err, FC_EINVAL, "aggregate must be FC_QUARTER_MEAN or FC_QUARTER_SUM");
    return FC_OK;
}

/* Sum of the quarter's months of y at indices first..first+2 (all must be
 * inside y and present). */
static fc_status observed_quarter(const fc_series *y, fc_period first, double *sum,
                                  const char *what, fc_error *err)
{
    size_t i0;
    char buf[16];
    fc_period q = {first.year, (first.sub + 2) / 3};
    fc_period_format(q, 4, buf, sizeof buf);
    if (fc_series_index_of(y, first, &i0, NULL) || i0 + 3 > y->n)
        return fc_fail(err, FC_ERANGE, "%s quarter %s is not inside the series", what, buf);
    double s = 0.0;
    for (size_t i = i0; i < i0 + 3; i++) {
        if (isnan(y->values[i]))
            return fc_fail(err, FC_EMISSING, "%s quarter %s has a missing month", what, buf);
        s += y->values[i];
    }
    *sum = s;
    return FC_OK;
}

static void yoy_bounds(fc_quarter_projection *out)
{
    out->yoy = 100.0 * (out->level / out->previous - 1.0);
    for (size_t l = 0; l < out->nlevels; l++) {
        out->yoy_lower[l] = 100.0 * (out->level_lower[l] / out->previous - 1.0);
        out->yoy_upper[l] = 100.0 * (out->level_upper[l] / out->previous - 1.0);
    }
}

/* A quarterly series: the quarter is one observation, observed or an
 * h-step forecast (exact bounds: one value). */
static fc_status project_quarterly(const fc_series *y, fc_period quarter,
                                   const fc_project_options *o, fc_quarter_projection *out,
                                   fc_error *err)
{
    char buf[16];
    long off = fc_period_diff(y->start, quarter, 4);
    out->quarter = quarter;
    out->nlevels = o->nlevels;
    memcpy(out->levels, o->levels, sizeof o->levels);
    fc_period prev = {quarter.year - 1, quarter.sub};
    fc_period_format(prev, 4, buf, sizeof buf);
    if (off - 4 < 0 || off - 4 >= (long)y->n || isnan(y->values[off - 4]))
        return fc_fail(err, off - 4 < 0 || off - 4 >= (long)y->n ? FC_ERANGE : FC_EMISSING,
                       "previous year's quarter %s is %s", buf,
                       off - 4 < 0 || off - 4 >= (long)y->n ? "not inside the series" : "missing");
    if (off > (long)y->n + 40)
        return fc_fail(err, FC_ERANGE, "the quarter is more than 10 years after the data");
    out->previous = y->values[off - 4];
    if (off < (long)y->n) {
        if (isnan(y->values[off]))
            return fc_fail(err, FC_EMISSING, "the quarter is missing inside the series");
        out->level = y->values[off];
        out->months_observed = 3;
        strcpy(out->method, "observed");
        strcpy(out->model, "none (quarter observed)");
        for (size_t l = 0; l < o->nlevels; l++)
            out->level_lower[l] = out->level_upper[l] = out->level;
        yoy_bounds(out);
        return FC_OK;
    }
    const fc_arima_model *m;
    fc_arima_model *owned;
    fc_status st = project_model(y, o, &m, &owned, out->model, err);
    if (st)
        return st;
    size_t h = (size_t)(off - (long)y->n) + 1;
    double *mu = malloc(h * sizeof(double)), *cov = malloc(h * h * sizeof(double));
    if (!mu || !cov)
        st = fc_fail(err, FC_ENOMEM, "cannot allocate the forecast of %zu quarters", h);
    if (!st && m->spec.nxreg)
        st = fc_fail(err, FC_EINVAL, "the model has user regressors: their future values are unknown here");
    if (!st)
        st = fc_arima_forecast_joint(m, h, NULL, mu, cov, err);
    if (!st) {
        quarter_problem q;
        memset(&q, 0, sizeof q);
        q.nproj = 1;
        q.weight = 1.0;
        q.mu[0] = mu[h - 1];
        q.cov[0] = cov[h * h - 1];
        q.tr = m->spec.transform;
        q.lambda = m->spec.lambda;
        out->level = aggregate(&q, q.mu);
        out->months_projected = 3;
        st = quarter_bounds(&q, o, out->level_lower, out->level_upper, out->method, err);
    }
    free(mu);
    free(cov);
    fc_arima_model_free(owned);
    if (!st)
        yoy_bounds(out);
    return st;
}

fc_status fc_project_quarter(const fc_series *y, fc_period quarter, const fc_project_options *opt,
                             fc_quarter_projection *out, fc_error *err)
{
    if (!y || !out)
        return fc_fail(err, FC_EINVAL, "fc_project_quarter: NULL argument");
    fc_gsl_quiet();
    memset(out, 0, sizeof *out);
    fc_project_options o = opt ? *opt : fc_project_options_default();
    fc_status st = check_options(&o, err);
    if (st)
        return st;
    if (y->freq != 12 && y->freq != 4)
        return fc_fail(err, FC_EFREQ,
                       "quarter projection needs a monthly or quarterly series (got frequency %d)",
                       y->freq);
    if (quarter.sub < 1 || quarter.sub > 4)
        return fc_fail(err, FC_EINVAL, "quarter %d is not 1..4", quarter.sub);
    if (y->freq == 4)
        return project_quarterly(y, quarter, &o, out, err);
    fc_period first = {quarter.year, 3 * quarter.sub - 2};
    fc_period prev_first = {quarter.year - 1, first.sub};
    long off = fc_period_diff(y->start, first, 12); /* index of the quarter's first month */
    if (off < 0)
        return fc_fail(err, FC_ERANGE, "the quarter starts before the series");
    if (off > (long)y->n + 120)
        return fc_fail(err, FC_ERANGE, "the quarter is more than 10 years after the data");
    out->quarter = quarter;
    out->nlevels = o.nlevels;
    memcpy(out->levels, o.levels, sizeof o.levels);
    double weight = o.aggregate == FC_QUARTER_MEAN ? 1.0 / 3.0 : 1.0;
    st = observed_quarter(y, prev_first, &out->previous, "previous year's", err);
    if (st)
        return st;
    out->previous *= weight;
    quarter_problem q;
    memset(&q, 0, sizeof q);
    q.weight = weight;
    size_t first_idx = (size_t)off;
    for (size_t i = first_idx; i < first_idx + 3 && i < y->n; i++) {
        if (isnan(y->values[i]))
            return fc_fail(err, FC_EMISSING,
                           "month %zu of the quarter is missing inside the series", i - first_idx + 1);
        q.obs_sum += y->values[i];
        out->months_observed++;
    }
    out->months_projected = 3 - out->months_observed;
    q.nproj = (size_t)out->months_projected;
    if (q.nproj == 0) {
        out->level = weight * q.obs_sum;
        strcpy(out->method, "observed");
        strcpy(out->model, "none (quarter observed)");
        for (size_t l = 0; l < o.nlevels; l++)
            out->level_lower[l] = out->level_upper[l] = out->level;
    } else {
        const fc_arima_model *m;
        fc_arima_model *owned;
        st = project_model(y, &o, &m, &owned, out->model, err);
        if (st)
            return st;
        size_t h = first_idx + 3 - y->n; /* forecast steps to the quarter's end */
        double *mu = malloc(h * sizeof(double)), *cov = malloc(h * h * sizeof(double));
        if (!mu || !cov)
            st = fc_fail(err, FC_ENOMEM, "cannot allocate the forecast of %zu months", h);
        if (!st && m->spec.nxreg)
            st = fc_fail(err, FC_EINVAL, "the model has user regressors: their future values are unknown here");
        if (!st)
            st = fc_arima_forecast_joint(m, h, NULL, mu, cov, err);
        if (!st) {
            size_t k = q.nproj, base = h - k;
            q.tr = m->spec.transform;
            q.lambda = m->spec.lambda;
            for (size_t i = 0; i < k; i++) {
                q.mu[i] = mu[base + i];
                for (size_t j = 0; j < k; j++)
                    q.cov[i * k + j] = cov[(base + i) * h + base + j];
            }
            out->level = aggregate(&q, q.mu);
            st = quarter_bounds(&q, &o, out->level_lower, out->level_upper, out->method, err);
        }
        free(mu);
        free(cov);
        fc_arima_model_free(owned);
        if (st)
            return st;
    }
    yoy_bounds(out);
    return FC_OK;
}
