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

/* Henderson (1916) symmetric trend filter of `len` terms (odd, 3..101).
 * w receives all len weights, w[0] for lag -(len-1)/2 ... w[len-1] for
 * lag +(len-1)/2; they sum to 1.  Formula: Henderson weights as given in
 * Doherty (2001), ANZ J. Stat. 43(4), and domain.md §5.1. */
fc_status fc_henderson_weights(size_t len, double *w, fc_error *err);

/* Musgrave (1964) asymmetric surrogate of the len-term Henderson filter
 * for a point with only `avail` observations available on one side
 * including itself ((len+1)/2 <= avail <= len; avail = len gives the
 * symmetric filter), following Doherty (2001) eq. (1) as implemented in
 * X-13ARIMA-SEATS: the filter minimises revisions under a local linear
 * trend with noise-to-slope parameter R = 4 / (pi * ic^2), ic = I/C ratio.
 * w receives avail weights: w[0] for the farthest observation,
 * w[avail-1] for the end point itself.  X-13 uses ic = 1.0 (len <= 9),
 * 3.5 (13), 4.5 (> 13) monthly; 0.001 (5) and 4.5 (7) quarterly. */
fc_status fc_henderson_end_weights(size_t len, size_t avail, double ic,
                                   double *w, fc_error *err);

/* Applies the len-term Henderson filter to x[0..n) with Musgrave end
 * weights for I/C ratio ic at both ends (n >= len).  No NaN accepted
 * (FC_EMISSING).  out may not alias x.  Tested against X-13 table D12. */
fc_status fc_henderson_smooth(const double *x, size_t n, size_t len,
                              double ic, double *out, fc_error *err);

/* Centred 2 x period moving average (period even: 12 or 4): out[i] for
 * i in [period/2, n - period/2), NaN elsewhere.  n > period. */
fc_status fc_centered_ma(const double *x, size_t n, int period, double *out,
                         fc_error *err);

/* X-11 seasonal moving averages applied to one calendar month's (or
 * quarter's) values, with the end weights X-13ARIMA-SEATS uses (Ladiray &
 * Quenneville 2001, tables of the X-11 method; 3x9 and 3x15 end weights
 * are X-11's published 3-decimal tables, renormalised to sum to 1). */
typedef enum {
    FC_SEASONAL_3X1 = 1,  /* 3-term average, ends 0.61/0.39 */
    FC_SEASONAL_3X3,
    FC_SEASONAL_3X5,
    FC_SEASONAL_3X9,
    FC_SEASONAL_3X15,     /* needs >= 20 years, else stable */
    FC_SEASONAL_STABLE    /* mean of all values of the month */
} fc_seasonal_filter;

/* Smooths the k values x[0..k) of one month with filter f into out
 * (k >= 3; 3x5 needs k >= 4, 3x9 and 3x15 fall back to the mean when
 * too short, as X-13 does).  No NaN accepted. */
fc_status fc_seasonal_ma(const double *x, size_t k, fc_seasonal_filter f,
                         double *out, fc_error *err);

/* Name of a seasonal filter ("3x3", "stable", ...). */
const char *fc_seasonal_filter_name(fc_seasonal_filter f);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
