/* Private helpers shared by the library's modules (not installed). */
#ifndef FORECAST_INTERNAL_H
#define FORECAST_INTERNAL_H

#include "forecast/core.h"

#if defined(__GNUC__)
#define FC_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FC_PRINTF_LIKE(fmt, args)
#endif

/* Records status and a formatted message in err (if non-NULL) and returns
 * status, so that callers can write `return fc_fail(err, FC_EINVAL, ...)`. */
fc_status fc_fail(fc_error *err, fc_status status, const char *fmt, ...)
    FC_PRINTF_LIKE(3, 4);

/* Turns off GSL's default error handler (which aborts) before any GSL call.
 * GSL keeps that handler in a process-wide pointer; writing the same value
 * from several threads is idempotent, and every GSL status is checked by the
 * caller instead. */
void fc_gsl_quiet(void);

/* Index of the first element of the sorted array base[0..n) (elements of
 * `size` bytes, in the order of cmp, a qsort comparison) that is not less
 * than *key; n when every element is less.  Binary search: O(log n). */
static inline size_t fc_lower_bound(const void *base, size_t n, size_t size, const void *key,
                                    int (*cmp)(const void *, const void *))
{
    const char *a = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(a + mid * size, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- numerical optimisation on finite-difference gradients (numopt.c;
 * used by arima.c and regarima_profile.c) ---- */

/* An objective to minimise at x; returns `big` (the caller's marker) where
 * it cannot be evaluated. */
typedef double (*fc_objective_fn)(void *ctx, const double *x);

/* Central-difference gradient of f at x[0..n) with step h:
 * g_i = (f(x + h e_i) - f(x - h e_i)) / (2h), and 0 where either side is
 * >= big (at the edge of the admissible region).  x is perturbed in place
 * and restored exactly. */
void fc_central_gradient(fc_objective_fn f, void *ctx, double *x, size_t n, double h,
                         double big, double *g);

typedef struct {
    size_t iterations;
    int converged;
    double fmin; /* objective at the returned x */
} fc_bfgs_result;

/* Minimises f from x[0..n) (updated in place, n > 0) with GSL's
 * vector_bfgs2 (initial step 0.1, line-search tolerance 0.1) on the
 * central-difference gradients of fc_central_gradient(h, big).  Stops when
 * the gradient norm is below gtol, or when the objective has changed by
 * less than ftol (relative, |df| <= ftol (|f| + 1e-10)) in three
 * consecutive iterations; converged also when GSL reports no progress at a
 * gradient norm below 1e-4 (the optimum up to the rounding of numerical
 * derivatives).  Returns FC_OK (res filled) or FC_ENOMEM. */
fc_status fc_bfgs_minimise(fc_objective_fn f, void *ctx, double *x, size_t n, size_t max_iter,
                           double gtol, double ftol, double h, double big, fc_bfgs_result *res);

#endif
