/* Regression part of regression with ARIMA errors: the design matrix
 * (intercept, drift, user regressors, in R's coefficient order), its
 * extension to forecast periods, and the OLS starting values on the
 * differenced data that R's stats::arima uses (lm(diff(x) ~ diff(xreg) - 1),
 * falling back to the undifferenced regression).  Tested through
 * tests/test_arima.c against R fits with regressors. */
#include "internal.h"
#include "ss_internal.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    if (c)
        memcpy(c, s, len);
    return c;
}

void fc_regdesign_clear(fc_regdesign *d)
{
    if (!d)
        return;
    if (d->names)
        for (size_t j = 0; j < d->k; j++)
            free(d->names[j]);
    free(d->names);
    free(d->X);
    memset(d, 0, sizeof *d);
}

fc_status fc_regdesign_build(const fc_arima_spec *spec, size_t n, int dd,
                             fc_regdesign *out, fc_error *err)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    out->has_intercept = spec->include_mean && dd == 0;
    out->has_drift = spec->include_drift != 0;
    int nd = spec->order.d + spec->order.D;
    if (out->has_drift && nd > 1)
        return fc_fail(err, FC_EINVAL,
                       "drift needs d + D <= 1 (the model has d + D = %d), as forecast::Arima", nd);
    if (spec->nxreg && !spec->xreg)
        return fc_fail(err, FC_EINVAL, "nxreg = %zu but xreg is NULL", spec->nxreg);
    size_t k = (size_t)out->has_intercept + (size_t)out->has_drift + spec->nxreg;
    out->k = k;
    if (k == 0)
        return FC_OK;
    out->X = malloc(n * k * sizeof(double));
    out->names = calloc(k, sizeof(char *));
    if (!out->X || !out->names) {
        fc_regdesign_clear(out);
        return fc_fail(err, FC_ENOMEM, "cannot allocate a %zu x %zu design", n, k);
    }
    size_t j = 0;
    if (out->has_intercept) {
        for (size_t t = 0; t < n; t++)
            out->X[j * n + t] = 1.0;
        out->names[j++] = dup_str("intercept");
    }
    if (out->has_drift) {
        for (size_t t = 0; t < n; t++)
            out->X[j * n + t] = (double)(t + 1);
        out->names[j++] = dup_str("drift");
    }
    for (size_t c = 0; c < spec->nxreg; c++, j++) {
        for (size_t t = 0; t < n; t++) {
            double x = spec->xreg[c * n + t];
            if (!isfinite(x)) {
                fc_regdesign_clear(out);
                return fc_fail(err, FC_EMISSING,
                               "regressor %zu has a missing or infinite value at observation %zu",
                               c + 1, t + 1);
            }
            out->X[j * n + t] = x;
        }
        char name[32];
        const char *nm = spec->xreg_names ? spec->xreg_names[c] : NULL;
        if (!nm) {
            snprintf(name, sizeof name, "xreg%zu", c + 1);
            nm = name;
        }
        out->names[j] = dup_str(nm);
    }
    for (size_t c = 0; c < k; c++)
        if (!out->names[c]) {
            fc_regdesign_clear(out);
            return fc_fail(err, FC_ENOMEM, "cannot allocate regressor names");
        }
    return FC_OK;
}

fc_status fc_regdesign_future(const fc_regdesign *d, size_t h,
                              const double *future_xreg, size_t nxreg,
                              double *out, fc_error *err)
{
    size_t j = 0;
    if (nxreg && !future_xreg)
        return fc_fail(err, FC_EINVAL,
                       "the model has %zu regressors: future_xreg (h x %zu values) is required",
                       nxreg, nxreg);
    if (d->has_intercept) {
        for (size_t i = 0; i < h; i++)
            out[j * h + i] = 1.0;
        j++;
    }
    if (d->has_drift) {
        for (size_t i = 0; i < h; i++)
            out[j * h + i] = (double)(d->n + i + 1);
        j++;
    }
    for (size_t c = 0; c < nxreg; c++, j++)
        for (size_t i = 0; i < h; i++) {
            double x = future_xreg[c * h + i];
            if (!isfinite(x))
                return fc_fail(err, FC_EMISSING,
                               "future value %zu of regressor \"%s\" is missing", i + 1,
                               d->names[j]);
            out[j * h + i] = x;
        }
    return FC_OK;
}

/* x_t - sum_i delta_i x_{t-i} for t >= nd (NaN propagates). */
static double diff_at(const double *x, size_t t, const double *delta, size_t nd)
{
    double v = x[t];
    for (size_t i = 0; i < nd; i++)
        v -= delta[i] * x[t - i - 1];
    return v;
}

/* Least squares by Householder QR with a rank check; se from
 * s^2 (R'R)^{-1}.  Returns -1 when rank deficient (bad column in *bad). */
static int qr_ols(gsl_matrix *A, gsl_vector *b, double *beta, double *se, size_t *bad)
{
    size_t rows = A->size1, k = A->size2;
    gsl_vector *tau = gsl_vector_alloc(k);
    gsl_vector *x = gsl_vector_alloc(k);
    gsl_vector *res = gsl_vector_alloc(rows);
    if (!tau || !x || !res) {
        gsl_vector_free(tau);
        gsl_vector_free(x);
        gsl_vector_free(res);
        return -2;
    }
    /* column scale for the rank test */
    double *norms = malloc(k * sizeof(double));
    for (size_t j = 0; norms && j < k; j++) {
        gsl_vector_view c = gsl_matrix_column(A, j);
        norms[j] = gsl_blas_dnrm2(&c.vector);
    }
    int rc = gsl_linalg_QR_decomp(A, tau);
    for (size_t j = 0; rc == 0 && norms && j < k; j++)
        if (!(fabs(gsl_matrix_get(A, j, j)) > 1e-9 * (norms[j] > 0 ? norms[j] : 1.0))) {
            *bad = j;
            rc = -1;
        }
    if (rc == 0)
        rc = gsl_linalg_QR_lssolve(A, tau, b, x, res);
    if (rc == 0) {
        double rss = 0.0;
        for (size_t i = 0; i < rows; i++)
            rss += gsl_vector_get(res, i) * gsl_vector_get(res, i);
        double s2 = rows > k ? rss / (double)(rows - k) : 0.0;
        for (size_t j = 0; j < k; j++) {
            beta[j] = gsl_vector_get(x, j);
            /* diag of (R'R)^{-1}: solve R' y = e_j, then ||y||^2 */
            gsl_vector *e = gsl_vector_calloc(k);
            if (!e) {
                rc = -2;
                break;
            }
            gsl_vector_set(e, j, 1.0);
            gsl_matrix_const_view R = gsl_matrix_const_submatrix(A, 0, 0, k, k);
            gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit, &R.matrix, e);
            double nrm = gsl_blas_dnrm2(e);
            se[j] = sqrt(s2) * nrm;
            gsl_vector_free(e);
        }
    }
    free(norms);
    gsl_vector_free(tau);
    gsl_vector_free(x);
    gsl_vector_free(res);
    return rc == 0 ? 0 : (rc == -1 ? -1 : -2);
}

static fc_status ols_rows(const fc_regdesign *d, const double *z, const double *delta,
                          size_t nd, double *beta, double *se, int *rank_def,
                          size_t *bad, fc_error *err)
{
    size_t n = d->n, k = d->k, rows = 0;
    for (size_t t = nd; t < n; t++) {
        double v = diff_at(z, t, delta, nd);
        if (isfinite(v))
            rows++;
    }
    *rank_def = 0;
    if (rows <= k) {
        *rank_def = 1;
        *bad = 0;
        return FC_OK;
    }
    gsl_matrix *A = gsl_matrix_alloc(rows, k);
    gsl_vector *b = gsl_vector_alloc(rows);
    if (!A || !b) {
        gsl_matrix_free(A);
        gsl_vector_free(b);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the regression matrix");
    }
    size_t r = 0;
    for (size_t t = nd; t < n; t++) {
        double v = diff_at(z, t, delta, nd);
        if (!isfinite(v))
            continue;
        gsl_vector_set(b, r, v);
        for (size_t j = 0; j < k; j++)
            gsl_matrix_set(A, r, j, diff_at(d->X + j * n, t, delta, nd));
        r++;
    }
    int rc = qr_ols(A, b, beta, se, bad);
    gsl_matrix_free(A);
    gsl_vector_free(b);
    if (rc == -2)
        return fc_fail(err, FC_ENOMEM, "cannot allocate the regression workspace");
    *rank_def = rc == -1;
    return FC_OK;
}

fc_status fc_regarima_ols(const fc_regdesign *d, const double *z,
                          const double *delta, size_t ndelta, double *beta,
                          double *se, fc_error *err)
{
    fc_gsl_quiet();
    if (d->k == 0)
        return FC_OK;
    int rank_def = 0;
    size_t bad = 0;
    fc_status st = ols_rows(d, z, delta, ndelta, beta, se, &rank_def, &bad, err);
    if (st)
        return st;
    if (rank_def && ndelta > 0) {
        /* R falls back to the undifferenced regression (e.g. drift after
         * differencing is collinear with nothing, but may be constant). */
        st = ols_rows(d, z, delta, 0, beta, se, &rank_def, &bad, err);
        if (st)
            return st;
    }
    if (rank_def)
        return fc_fail(err, FC_ESINGULAR,
                       "regressors are collinear (or constant after differencing): "
                       "cannot estimate \"%s\"", d->names[bad]);
    for (size_t j = 0; j < d->k; j++)
        if (!(se[j] > 0.0) || !isfinite(se[j]))
            se[j] = fabs(beta[j]) > 0 ? 0.1 * fabs(beta[j]) : 1.0;
    return FC_OK;
}
