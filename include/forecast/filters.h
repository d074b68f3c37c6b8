/* libforecast: moving averages and loess (filters layer). */
#ifndef FORECAST_FILTERS_H
#define FORECAST_FILTERS_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== loess smoothing (loess.c) — STL issue ======== */

/* Locally weighted regression of degree 0 or 1 with the tricube kernel, the
 * smoother of STL: Cleveland, Cleveland, McRae & Terpenning (1990), J.
 * Official Statistics 6(1), section 2 ("loess") and section 3.1 (the
 * evaluation on a coarse grid with linear interpolation in between,
 * "jump").  Positions are 0, 1, ..., n-1 (equally spaced).
 *
 * The fit at position i uses the `span` nearest positions (a window that
 * stays inside the series at the ends); its half-width h is the distance to
 * the farthest of them, enlarged by (span - n) / 2 when span > n, as in the
 * STL paper's section 2.  Neighbour weights are tricube(|j - i| / h) times
 * the optional user weight.  The result matches R's stats::stl inner
 * smoother (stl.f, routine stless) to rounding.
 *
 * Missing values: NaN in y is accepted and gets weight zero (the paper's
 * design).  When no point of a window has positive weight the fit falls
 * back to y[i] (as R's stl does), which is NaN for a missing y[i];
 * fc_loess_smooth then fails with FC_EMISSING naming the position. */
typedef struct {
    size_t span;   /* q: number of neighbours in each local fit, >= 2 */
    int degree;    /* 0 (local constant) or 1 (local line) */
    size_t jump;   /* fit every jump-th position (and the last one) and
                      interpolate linearly in between; 1 = fit everywhere */
} fc_loess_options;

/* span 7, degree 1, jump 1. */
fc_loess_options fc_loess_options_default(void);

/* Smooths y[0..n) into out[0..n) (out must not alias y).  weights may be
 * NULL (all 1); otherwise non-negative, length n.  Does not allocate.
 * Errors: FC_EINVAL (NULL arrays, n = 0, span < 2, degree not 0/1, jump 0,
 * negative or non-finite weight, infinite y), FC_EMISSING (a window holds no
 * observation with positive weight: the message gives the position). */
fc_status fc_loess_smooth(const double *y, const double *weights, size_t n,
                          const fc_loess_options *opt, double *out,
                          fc_error *err);

/* (end of section) */

/* ======== moving averages: Henderson, seasonal 3xk, Musgrave end weights (filters.c) — X-11 issue ======== */

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
