/* libforecast: forecast projection and quarter growth (projection layer). */
#ifndef FORECAST_PROJECT_H
#define FORECAST_PROJECT_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== Theta method (theta.c) — automatic-model issue ======== */

/* The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form of
 * Hyndman & Billah (2003), "Unmasking the Theta method", IJF 19: simple
 * exponential smoothing with drift equal to half the OLS slope of a linear
 * trend, after a classical multiplicative seasonal adjustment when the lag-
 * `freq` autocorrelation is significant at 90% (one-sided, Bartlett standard
 * error) -- the M3 competition's Theta, as forecast::thetaf (forecast 8.20),
 * which is its reference (tests/fixtures/gen_theta.R). */
typedef struct {
    int seasonal;      /* 1 when the series was seasonally adjusted */
    double alpha;      /* SES smoothing parameter (MSE-optimal in [1e-4, 0.9999]) */
    double level0;     /* MSE-optimal initial level */
    double level;      /* final level l_n of the (adjusted) series */
    double drift;      /* half the OLS slope of the (adjusted) series, per period */
    double mse;        /* in-sample one-step mean squared error of the SES */
} fc_theta_info;

/* Point forecasts mean[0..h) for the h periods after y.  y must be complete
 * (NaN -> FC_EMISSING) with at least 4 observations.  Multiplicative seasonal
 * adjustment is skipped (as R) when an index is near zero; it is also
 * skipped when a trend value or index is not positive and finite (R would
 * produce non-finite forecasts).  info may be NULL. */
fc_status fc_theta_forecast(const fc_series *y, size_t h, double *mean,
                            fc_theta_info *info, fc_error *err);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
