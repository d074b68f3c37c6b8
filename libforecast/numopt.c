/* Numerical optimisation on finite-difference gradients, shared by the
 * exact-likelihood ARIMA fit (arima.c) and the profile-likelihood regARIMA
 * fit (regarima_profile.c): one central-difference gradient and one driver
 * of GSL's BFGS (vector_bfgs2: Fletcher 1987, §2.6, with the line search of
 * Nocedal & Wright 2006, §3.5), with the stopping rules R's optim(method =
 * "BFGS") users rely on (gradient norm, relative change of the objective).
 * Tested through tests/test_arima.c and tests/test_regarima_profile.c. */
#include "internal.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void fc_central_gradient(fc_objective_fn f, void *ctx, double *x, size_t n, double h,
                         double big, double *g)
{
    for (size_t i = 0; i < n; i++) {
        double x0 = x[i];
        x[i] = x0 + h;
        double fp = f(ctx, x);
        x[i] = x0 - h;
        double fm = f(ctx, x);
        x[i] = x0;
        double gi = (fp - fm) / (2.0 * h);
        if (fp >= big || fm >= big)
            gi = 0.0;
        g[i] = gi;
    }
}

/* GSL's callbacks see the objective, its step and marker, and scratch for
 * a copy of x (GSL's x is const) and the gradient (g may be strided). */
typedef struct {
    fc_objective_fn f;
    void *ctx;
    double h, big;
    double *xx, *gg;
} bfgs_ctx;

static double bfgs_f(const gsl_vector *x, void *params)
{
    bfgs_ctx *b = params;
    return b->f(b->ctx, x->data);
}

static void bfgs_fdf(const gsl_vector *x, void *params, double *f, gsl_vector *g)
{
    bfgs_ctx *b = params;
    size_t n = x->size;
    memcpy(b->xx, x->data, n * sizeof(double));
    if (f)
        *f = b->f(b->ctx, b->xx);
    fc_central_gradient(b->f, b->ctx, b->xx, n, b->h, b->big, b->gg);
    for (size_t i = 0; i < n; i++)
        gsl_vector_set(g, i, b->gg[i]);
}

static void bfgs_df(const gsl_vector *x, void *params, gsl_vector *g)
{
    bfgs_fdf(x, params, NULL, g);
}

fc_status fc_bfgs_minimise(fc_objective_fn f, void *ctx, double *x, size_t n, size_t max_iter,
                           double gtol, double ftol, double h, double big, fc_bfgs_result *res)
{
    bfgs_ctx b = {f, ctx, h, big, malloc(n * sizeof(double)), malloc(n * sizeof(double))};
    gsl_multimin_function_fdf fdf = {bfgs_f, bfgs_df, bfgs_fdf, n, &b};
    gsl_multimin_fdfminimizer *s =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, n);
    gsl_vector *x0 = gsl_vector_alloc(n);
    if (!s || !x0 || !b.xx || !b.gg) {
        gsl_multimin_fdfminimizer_free(s);
        gsl_vector_free(x0);
        free(b.xx);
        free(b.gg);
        return FC_ENOMEM;
    }
    memcpy(x0->data, x, n * sizeof(double));
    int status = gsl_multimin_fdfminimizer_set(s, &fdf, x0, 0.1, 0.1);
    if (status == GSL_SUCCESS)
        status = GSL_CONTINUE;
    int small = 0;
    size_t it = 0;
    double fprev = s->f;
    while (status == GSL_CONTINUE && it < max_iter) {
        it++;
        status = gsl_multimin_fdfminimizer_iterate(s);
        if (status)
            break;
        status = gsl_multimin_test_gradient(s->gradient, gtol);
        /* BFGS on numerical gradients crawls along flat ridges */
        small = fabs(fprev - s->f) <= ftol * (fabs(s->f) + 1e-10) ? small + 1 : 0;
        if (small >= 3)
            status = GSL_SUCCESS;
        fprev = s->f;
    }
    double gnorm = gsl_blas_dnrm2(s->gradient);
    res->iterations = it;
    res->fmin = s->f;
    memcpy(x, s->x->data, n * sizeof(double));
    /* GSL_ENOPROG: the line search cannot improve any more; at a point with
     * a small gradient that is the optimum up to rounding of the numerical
     * derivatives. */
    res->converged = status == GSL_SUCCESS || (status == GSL_ENOPROG && gnorm < 1e-4);
    gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(x0);
    free(b.xx);
    free(b.gg);
    return FC_OK;
}
