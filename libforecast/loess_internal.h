/* Private loess kernels shared by loess.c and stl.c (not installed). */
#ifndef FORECAST_LOESS_INTERNAL_H
#define FORECAST_LOESS_INTERNAL_H

#include <stddef.h>

/* One local fit of degree 0/1 at abscissa x using the points lo..hi of
 * y[0..n) (n is the whole length, used for the half-width enlargement when
 * span > n and for the degree-1 degeneracy test).  w may be NULL.  NaN in y
 * has weight zero.  Returns 1 and sets *value, or 0 when no point has
 * positive weight. */
int fc_loess_fit_at(const double *y, const double *w, size_t n, size_t span,
                    int degree, double x, size_t lo, size_t hi, double *value);

/* Smooths y[0..n) into out (no validation; never fails): fits on the jump
 * grid, falls back to y[i] where a window has no weight, interpolates
 * linearly in between.  Returns the number of fits that fell back. */
size_t fc_loess_run(const double *y, const double *w, size_t n, size_t span,
                    int degree, size_t jump, double *out);

#endif
