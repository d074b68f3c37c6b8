/* STL with calendar effects (see fc_stl_calendar in seasonal.h).
 *
 * STL itself (Cleveland et al. 1990, R's stl) has no regression step; X-11
 * estimates trading-day effects by regressing its irregular on day counts
 * (Young 1965; X-11 table C15).  Here the model y = S + T + X beta + e is
 * fitted so that the irregular of the calendar-adjusted series is
 * orthogonal to the regressors -- the fixed point of backfitting (Hastie &
 * Tibshirani 1990, ch. 5) that alternates STL of y - X beta with least
 * squares of y - S - T on X.  The plain STL is a linear smoother L (its
 * loess weights depend only on positions and on which values are
 * missing), so the fixed point solves
 *     X'(I - L) X beta = X'(I - L) y        (sums over observed rows)
 * and (I - L) x_j is the STL remainder of regressor column j: ncol + 1
 * decompositions give beta exactly, with no iteration.  Tested by
 * recovering a known Lunar New Year effect from simulated series
 * (tests/test_stl.c). */
#include "forecast/seasonal.h"
#include "internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
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

/* Scratch of the estimation: the regressor columns' remainders and the
 * small normal-equation system. */
typedef struct {
    double *col;       /* one regressor column (NaN where y is missing) */
    double *resid_x;   /* n x ncol: (I - L) X, row-major */
    double *resid_y;   /* n: (I - L) y */
    gsl_matrix *A, *XtX;
    gsl_vector *b, *beta, *work;
    gsl_permutation *perm;
} calendar_work;

static void work_free(calendar_work *w)
{
    free(w->col);
    free(w->resid_x);
    free(w->resid_y);
    gsl_matrix_free(w->A);
    gsl_matrix_free(w->XtX);
    gsl_vector_free(w->b);
    gsl_vector_free(w->beta);
    gsl_vector_free(w->work);
    gsl_permutation_free(w->perm);
}

static fc_status work_alloc(calendar_work *w, size_t n, size_t ncol, fc_error *err)
{
    memset(w, 0, sizeof *w);
    w->col = malloc(n * sizeof(double));
    w->resid_x = malloc(n * ncol * sizeof(double));
    w->resid_y = malloc(n * sizeof(double));
    w->A = gsl_matrix_alloc(ncol, ncol);
    w->XtX = gsl_matrix_alloc(ncol, ncol);
    w->b = gsl_vector_alloc(ncol);
    w->beta = gsl_vector_alloc(ncol);
    w->work = gsl_vector_alloc(ncol);
    w->perm = gsl_permutation_alloc(ncol);
    if (!w->col || !w->resid_x || !w->resid_y || !w->A || !w->XtX || !w->b || !w->beta ||
        !w->work || !w->perm) {
        work_free(w);
        return fc_fail(err, FC_ENOMEM, "stl calendar: out of memory for %zu x %zu regressors",
                       n, ncol);
    }
    return FC_OK;
}

/* (I - L) v: the plain-STL remainder of v (NaN where y is missing). */
static fc_status stl_remainder(const double *v, const double *y, size_t n,
                               const fc_stl_options *plain, fc_stl_workspace *ws,
                               fc_stl_result *tmp, double *out, fc_error *err)
{
    double *masked = out;
    for (size_t i = 0; i < n; i++)
        masked[i] = isnan(y[i]) ? NAN : v[i];
    fc_status st = fc_stl_decompose(masked, n, plain, ws, tmp, err);
    if (st != FC_OK)
        return st;
    memcpy(out, tmp->remainder, n * sizeof(double));
    return FC_OK;
}

/* The remainders of y and of every regressor column. */
static fc_status remainders(const double *y, size_t n, const double *x, size_t ncol,
                            const fc_stl_options *plain, fc_stl_workspace *ws,
                            fc_stl_result *tmp, calendar_work *w, fc_error *err)
{
    fc_status st = stl_remainder(y, y, n, plain, ws, tmp, w->resid_y, err);
    for (size_t j = 0; st == FC_OK && j < ncol; j++) {
        double *col = malloc(n * sizeof *col);
        if (!col)
            return fc_fail(err, FC_ENOMEM, "stl calendar: out of memory");
        for (size_t i = 0; i < n; i++)
            col[i] = x[i * ncol + j];
        st = stl_remainder(col, y, n, plain, ws, tmp, w->col, err);
        for (size_t i = 0; st == FC_OK && i < n; i++)
            w->resid_x[i * ncol + j] = w->col[i];
        free(col);
    }
    return st;
}

/* Solves X'(I - L)X beta = X'(I - L)y over the observed rows. */
static fc_status solve_normal_equations(const double *y, size_t n, const double *x,
                                        size_t ncol, calendar_work *w, fc_error *err)
{
    gsl_matrix_set_zero(w->A);
    gsl_matrix_set_zero(w->XtX);
    gsl_vector_set_zero(w->b);
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]))
            continue;
        const double *xi = x + i * ncol, *ri = w->resid_x + i * ncol;
        for (size_t a = 0; a < ncol; a++) {
            for (size_t c = 0; c < ncol; c++) {
                *gsl_matrix_ptr(w->A, a, c) += xi[a] * ri[c];
                *gsl_matrix_ptr(w->XtX, a, c) += xi[a] * xi[c];
            }
            *gsl_vector_ptr(w->b, a) += xi[a] * w->resid_y[i];
        }
    }
    /* Rank check on the small system by its LU pivots relative to the
     * largest entry: confounded regressors (with each other, or with the
     * seasonal or trend, which (I - L) removes) make it singular. */
    double amax = gsl_matrix_max(w->A) > -gsl_matrix_min(w->A) ? gsl_matrix_max(w->A)
                                                                 : -gsl_matrix_min(w->A);
    int sign = 0;
    int gs = gsl_linalg_LU_decomp(w->A, w->perm, &sign);
    double pmin = INFINITY;
    for (size_t a = 0; a < ncol; a++)
        pmin = fmin(pmin, fabs(gsl_matrix_get(w->A, a, a)));
    if (gs != GSL_SUCCESS || !(amax > 0.0) || pmin <= 1e-10 * amax)
        return fc_fail(err, FC_ESINGULAR,
                       "stl calendar: the calendar regressors are collinear, or confounded "
                       "with the seasonal or the trend (%zu columns); drop one (e.g. td with "
                       "td1, or a window that repeats)",
                       ncol);
    gs = gsl_linalg_LU_solve(w->A, w->perm, w->b, w->beta);
    return gs == GSL_SUCCESS ? FC_OK
                             : fc_fail(err, FC_ESINGULAR, "stl calendar: singular system");
}

/* Coefficients, calendar component, and OLS standard errors from the
 * irregular of the final decomposition (conditional on S and T). */
static fc_status finish(const double *y, size_t n, size_t ncol, calendar_work *w,
                        fc_stl_calendar_result *r, fc_error *err)
{
    size_t m = 0;
    double ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]))
            continue;
        m++;
        ss += r->stl->remainder[i] * r->stl->remainder[i];
    }
    r->nobs = m;
    r->sigma = sqrt(ss / (double)(m - ncol));
    if (gsl_linalg_cholesky_decomp1(w->XtX) != GSL_SUCCESS)
        return fc_fail(err, FC_ESINGULAR, "stl calendar: X'X is singular");
    for (size_t j = 0; j < ncol; j++) {
        gsl_vector_set_basis(w->work, j);
        gsl_linalg_cholesky_svx(w->XtX, w->work);
        r->se[j] = r->sigma * sqrt(gsl_vector_get(w->work, j));
    }
    return FC_OK;
}

static fc_status estimate(const double *y, size_t n, const double *x, size_t ncol,
                          const fc_stl_options *opt, fc_stl_workspace *ws,
                          fc_stl_calendar_result *r, fc_error *err)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += !isnan(y[i]);
    if (m <= ncol)
        return fc_fail(err, FC_ESINGULAR,
                       "stl calendar: %zu observed values for %zu regressors", m, ncol);
    fc_stl_options plain = *opt;
    plain.robust = 0;
    plain.inner = FC_STL_DEFAULT;
    plain.outer = 0;
    calendar_work w;
    fc_status st = work_alloc(&w, n, ncol, err);
    if (st != FC_OK)
        return st;
    st = remainders(y, n, x, ncol, &plain, ws, r->stl, &w, err);
    if (st == FC_OK)
        st = solve_normal_equations(y, n, x, ncol, &w, err);
    if (st == FC_OK) {
        for (size_t j = 0; j < ncol; j++)
            r->coef[j] = gsl_vector_get(w.beta, j);
        for (size_t i = 0; i < n; i++) {
            double c = 0.0;
            for (size_t j = 0; j < ncol; j++)
                c += x[i * ncol + j] * r->coef[j];
            r->calendar[i] = c;
            w.col[i] = y[i] - c;
        }
        /* the decomposition of the calendar-adjusted series, robust if asked */
        st = fc_stl_decompose(w.col, n, opt, ws, r->stl, err);
    }
    if (st == FC_OK)
        st = finish(y, n, ncol, &w, r, err);
    r->iterations = 1;
    work_free(&w);
    return st;
}

fc_status fc_stl_calendar(const double *y, size_t n, const double *x,
                          size_t ncol, const fc_stl_options *opt,
                          fc_stl_calendar_result **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "stl calendar: output pointer is NULL");
    *out = NULL;
    if (!y || !opt || n == 0)
        return fc_fail(err, FC_EINVAL, "stl calendar: y and options are required");
    fc_status st = check_regressors(x, n, ncol, err);
    if (st != FC_OK)
        return st;
    fc_gsl_quiet();
    fc_stl_calendar_result *r = NULL;
    fc_stl_workspace *ws = NULL;
    st = calendar_result_alloc(n, ncol, &r, err);
    if (st == FC_OK && opt->period >= 2)
        st = fc_stl_workspace_alloc(n, opt->period, &ws, err);
    if (st == FC_OK)
        st = estimate(y, n, x, ncol, opt, ws, r, err);
    fc_stl_workspace_free(ws);
    if (st != FC_OK) {
        fc_stl_calendar_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}
