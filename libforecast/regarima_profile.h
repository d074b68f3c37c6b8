/* Private interface of regarima_profile.c (not installed): regression with
 * ARIMA errors fitted by the profile (concentrated) likelihood. */
#ifndef FORECAST_REGARIMA_PROFILE_H
#define FORECAST_REGARIMA_PROFILE_H

#include "forecast/arima.h"

/* Same contract, arguments and result as fc_arima_fit, for models with
 * regressors (X-13ARIMA-SEATS / TRAMO style estimation):
 *   - for given ARMA coefficients the regression coefficients are the GLS
 *     estimate (differenced z and every differenced column of X whitened
 *     by the same exact Kalman filter, then least squares by QR), and the
 *     likelihood with beta and sigma2 concentrated out is maximised over
 *     the ARMA coefficients only (CSS first, then exact ML, as R's
 *     "CSS-ML"; the optimiser sees p + q + P + Q parameters, not k more);
 *   - the model object is then made by fc_arima_fit started at that
 *     optimum (ML, no CSS start), so coefficients, likelihood, residuals
 *     and forecasts come from the same code and agree with R's
 *     stats::arima / forecast::Arima (tests/test_regarima_profile.c);
 *   - with opt->compute_se, vcov and se are the inverse Hessian of
 *     -loglik at the optimum, computed from the profile structure (the
 *     beta block X'S^-1X / sigma2 exactly, the ARMA and cross blocks by
 *     central differences) in O(p + q + P + Q) filter passes instead of the
 *     O(k^2) likelihood evaluations of fc_arima_fit's numerical Hessian;
 *     opt->polish (R's kappa = 1e6 Newton step) is not applied, so the
 *     coefficients are those of the exact diffuse likelihood (they differ
 *     from R's by ~1e-5, far below their standard errors).
 * Starting values: spec->init's ARMA part (the regression part is not
 * needed: beta is concentrated out), refined by the profile CSS when
 * opt->css_start; with css_start = 0 Newton starts at spec->init directly
 * (a warm start from a neighbouring model skips the CSS stage).
 * MA unit circle: with sigma2 concentrated, reflecting an MA root through
 * the circle leaves the likelihood unchanged, so a point with a root on it
 * is stationary; starts there are pulled inside (roots moved out by 1/0.9)
 * and an optimum there is re-checked from such a point, the better kept.
 * If fc_arima_fit cannot settle from the profile optimum, the result is
 * plain fc_arima_fit's (no speed-up).
 * Falls back to plain fc_arima_fit (same result, no speed-up) when y has
 * missing values (NaN: the whitening would need the diffuse Kalman filter
 * on the undifferenced data), when there are no regressors, when any
 * coefficient is fixed, with method CSS, or when the differenced design is
 * rank deficient (R then starts from the undifferenced regression).
 * Errors: those of fc_arima_fit (FC_ESINGULAR for collinear regressors,
 * FC_EMISSING for NaN in regressors, ...). */
fc_status fc_regarima_fit_profile(const fc_series *y, const fc_arima_spec *spec,
                                  const fc_arima_options *opt, fc_arima_model **out,
                                  fc_error *err);

#endif
