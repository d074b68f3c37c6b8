/* STL with calendar effects estimated by backfitting regression on the
 * irregular (see fc_stl_calendar in seasonal.h).
 *
 * STL itself (Cleveland et al. 1990, R's stl) has no regression step; X-11
 * estimates trading-day effects by regressing its irregular on day counts
 * (Young 1965, "Linear approximations to the Census and BLS seasonal
 * adjustment methods"; X-11 table C15).  Here the same idea alternates
 * STL of the calendar-adjusted series with a weighted least-squares fit of
 * the calendar regressors to y - seasonal - trend, which is backfitting of
 * the additive model y = S + T + X beta + e (Hastie & Tibshirani 1990,
 * ch. 5).  Tested by recovering a known Lunar New Year effect from a
 * simulated series (tests/test_stl.c). */
#include "forecast/seasonal.h"
#include "internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void fc_stl_calendar_result_free(fc_stl_calendar_result *r)
{
    if (!r)
        return;
    fc_stl_result_free(r->stl);
    free(r->calendar);
    free(r->coef);
    free(r->se);
    free(r);
}

static fc_status calendar_result_alloc(size_t n, size_t ncol,
                                       fc_stl_calendar_result **out,
                                       fc_error *err)
{
    fc_stl_calendar_result *r = calloc(1, sizeof *r);
    if (!r)
        return fc_fail(err, FC_ENOMEM, "stl calendar: out of memory");
    r->n = n;
    r->ncol = ncol;
    r->calendar = calloc(n, sizeof(double));
    r->coef = calloc(ncol, sizeof(double));
    r->se = calloc(ncol, sizeof(double));
    fc_status st = r->calendar && r->coef && r->se ? FC_OK : FC_ENOMEM;
    if (st == FC_OK)
        st = fc_stl_result_alloc(n, &r->stl, err);
    if (st != FC_OK) {
        fc_stl_calendar_result_free(r);
        return fc_fail(err, FC_ENOMEM, "stl calendar: out of memory for %zu values", n);
    }
    *out = r;
    return FC_OK;
}

/* Regression buffers for the rows that enter the fit. */
typedef struct {
    gsl_matrix *X, *cov;
    gsl_vector *u, *w, *beta;
    gsl_multifit_linear_workspace *lin;
} wls_buffers;

static void wls_free(wls_buffers *b)
{
    gsl_matrix_free(b->X);
    gsl_matrix_free(b->cov);
    gsl_vector_free(b->u);
    gsl_vector_free(b->w);
    gsl_vector_free(b->beta);
    if (b->lin)
        gsl_multifit_linear_free(b->lin);
}

static fc_status wls_alloc(wls_buffers *b, size_t rows, size_t ncol, fc_error *err)
{
    memset(b, 0, sizeof *b);
    b->X = gsl_matrix_alloc(rows, ncol);
    b->cov = gsl_matrix_alloc(ncol, ncol);
    b->u = gsl_vector_alloc(rows);
    b->w = gsl_vector_alloc(rows);
    b->beta = gsl_vector_alloc(ncol);
    b->lin = gsl_multifit_linear_alloc(rows, ncol);
    if (!b->X || !b->cov || !b->u || !b->w || !b->beta || !b->lin) {
        wls_free(b);
        return fc_fail(err, FC_ENOMEM, "stl calendar: out of memory for the regression");
    }
    return FC_OK;
}

/* Rows usable in the regression: y observed and robustness weight > 0. */
static size_t usable_rows(const double *y, const fc_stl_result *s, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += !isnan(y[i]) && s->weights[i] > 0.0;
    return m;
}

/* WLS of the irregular-plus-calendar u = y - S - T on X, then the
 * calendar component X beta for every row. */
static fc_status regress_irregular(const double *y, const double *x, size_t n,
                                   size_t ncol, const fc_stl_result *s,
                                   fc_stl_calendar_result *r, double *next_c,
                                   fc_error *err)
{
    size_t m = usable_rows(y, s, n);
    if (m <= ncol)
        return fc_fail(err, FC_ESINGULAR,
                       "stl calendar: %zu usable observations for %zu regressors", m, ncol);
    wls_buffers b;
    fc_status st = wls_alloc(&b, m, ncol, err);
    if (st != FC_OK)
        return st;
    size_t row = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]) || !(s->weights[i] > 0.0))
            continue;
        for (size_t j = 0; j < ncol; j++)
            gsl_matrix_set(b.X, row, j, x[i * ncol + j]);
        gsl_vector_set(b.u, row, y[i] - s->seasonal[i] - s->trend[i]);
        gsl_vector_set(b.w, row, s->weights[i]);
        row++;
    }
    double chisq = 0.0;
    size_t rank = 0;
    int gs = gsl_multifit_wlinear_tsvd(b.X, b.w, b.u, 1e-10, b.beta, b.cov, &chisq, &rank,
                                       b.lin);
    if (gs != GSL_SUCCESS || rank < ncol) {
        wls_free(&b);
        return fc_fail(err, FC_ESINGULAR,
                       "stl calendar: the calendar regressors are collinear (rank %zu of %zu "
                       "columns); drop one (e.g. td with td1, or a window that repeats)",
                       rank, ncol);
    }
    double s2 = chisq / (double)(m - ncol);
    for (size_t j = 0; j < ncol; j++) {
        r->coef[j] = gsl_vector_get(b.beta, j);
        r->se[j] = sqrt(s2 * gsl_matrix_get(b.cov, j, j));
    }
    r->sigma = sqrt(s2);
    r->nobs = m;
    for (size_t i = 0; i < n; i++) {
        double c = 0.0;
        for (size_t j = 0; j < ncol; j++)
            c += x[i * ncol + j] * r->coef[j];
        next_c[i] = c;
    }
    wls_free(&b);
    return FC_OK;
}

static fc_status check_regressors(const double *x, size_t n, size_t ncol, fc_error *err)
{
    if (!x || ncol == 0)
        return fc_fail(err, FC_EINVAL, "stl calendar: no regressors given");
    for (size_t i = 0; i < n * ncol; i++)
        if (!isfinite(x[i]))
            return fc_fail(err, FC_EINVAL,
                           "stl calendar: regressor %zu is not finite at observation %zu",
                           i % ncol + 1, i / ncol + 1);
    return FC_OK;
}

static double scale_of(const double *y, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(y[i]))
            m = fmax(m, fabs(y[i]));
    return m > 0.0 ? m : 1.0;
}

/* The backfitting loop: STL of y - c, regression, new c. */
static fc_status backfit(const double *y, size_t n, const double *x, size_t ncol,
                         const fc_stl_options *opt, int max_iter, fc_stl_workspace *ws,
                         double *z, double *next_c, fc_stl_calendar_result *r,
                         fc_error *err)
{
    const double tol = 1e-9 * scale_of(y, n), stall_tol = 1e-4 * scale_of(y, n);
    double best = INFINITY;
    int stalled = 0;
    for (int it = 1; it <= max_iter; it++) {
        for (size_t i = 0; i < n; i++)
            z[i] = y[i] - r->calendar[i];
        fc_status st = fc_stl_decompose(z, n, opt, ws, r->stl, err);
        if (st == FC_OK)
            st = regress_irregular(y, x, n, ncol, r->stl, r, next_c, err);
        if (st != FC_OK)
            return st;
        double change = 0.0;
        for (size_t i = 0; i < n; i++)
            change = fmax(change, fabs(next_c[i] - r->calendar[i]));
        r->iterations = it;
        if (change <= tol)
            return FC_OK; /* r->calendar is the c the last STL used */
        /* Robustness weights (and R's MAD, see stl.c) are not smooth in the
         * data: the robust rounds can settle into a tiny limit cycle.  Stop
         * when the change is small and has not shrunk for 5 rounds. */
        stalled = change < 0.9 * best ? 0 : stalled + 1;
        best = fmin(best, change);
        if (stalled >= 5 && change <= stall_tol)
            return FC_OK;
        memcpy(r->calendar, next_c, n * sizeof(double));
    }
    return fc_fail(err, FC_ENOCONV,
                   "stl calendar: the calendar effects still moved after %d rounds; the "
                   "regressors may be confounded with the seasonal or the trend",
                   max_iter);
}

/* A robust STL of y alone sees the calendar effects (a Tết month is 10-20 %
 * off) as outliers and gives them weight zero, which would hide them from
 * the regression.  So the effects are first estimated with the plain STL
 * (same windows), and the robust rounds start from there. */
static fc_status backfit_staged(const double *y, size_t n, const double *x, size_t ncol,
                                const fc_stl_options *opt, int max_iter,
                                fc_stl_workspace *ws, double *z, double *next_c,
                                fc_stl_calendar_result *r, fc_error *err)
{
    int robust = opt->robust || (opt->outer != FC_STL_DEFAULT && opt->outer > 0);
    if (!robust)
        return backfit(y, n, x, ncol, opt, max_iter, ws, z, next_c, r, err);
    fc_stl_options plain = *opt;
    plain.robust = 0;
    plain.inner = FC_STL_DEFAULT;
    plain.outer = 0;
    fc_status st = backfit(y, n, x, ncol, &plain, max_iter, ws, z, next_c, r, err);
    int first = r->iterations;
    if (st == FC_OK)
        st = backfit(y, n, x, ncol, opt, max_iter, ws, z, next_c, r, err);
    r->iterations += first;
    return st;
}

fc_status fc_stl_calendar(const double *y, size_t n, const double *x,
                          size_t ncol, const fc_stl_options *opt,
                          int max_iter, fc_stl_calendar_result **out,
                          fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "stl calendar: output pointer is NULL");
    *out = NULL;
    if (!y || !opt || n == 0)
        return fc_fail(err, FC_EINVAL, "stl calendar: y and options are required");
    if (max_iter < 1)
        return fc_fail(err, FC_EINVAL, "stl calendar: max_iter is %d; it must be >= 1",
                       max_iter);
    fc_status st = check_regressors(x, n, ncol, err);
    if (st != FC_OK)
        return st;
    fc_gsl_quiet();
    fc_stl_calendar_result *r = NULL;
    fc_stl_workspace *ws = NULL;
    double *z = malloc(n * sizeof *z), *next_c = malloc(n * sizeof *next_c);
    st = z && next_c ? FC_OK : fc_fail(err, FC_ENOMEM, "stl calendar: out of memory");
    if (st == FC_OK)
        st = calendar_result_alloc(n, ncol, &r, err);
    if (st == FC_OK && opt->period >= 2)
        st = fc_stl_workspace_alloc(n, opt->period, &ws, err);
    if (st == FC_OK)
        st = backfit_staged(y, n, x, ncol, opt, max_iter, ws, z, next_c, r, err);
    fc_stl_workspace_free(ws);
    free(z);
    free(next_c);
    if (st != FC_OK) {
        fc_stl_calendar_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}
