/* Private interface between statespace.c, arima.c, regarima.c and
 * project.c (not installed). */
#ifndef FORECAST_SS_INTERNAL_H
#define FORECAST_SS_INTERNAL_H

#include "forecast/arima.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Fast exact likelihood of a time-invariant model started at its
 * stationary covariance P1 (P1 = T P1 T' + Q), by the Chandrasekhar
 * recursions (Morf, Sidhu & Kailath 1974, IEEE TAC 19(4); Herbst 2015):
 * P_{t+1} - P_t has rank one, so each step costs O(m) instead of O(m^2).
 * Needs only P1 Z (pz) and the model's T, Z, h, a.  y must have no NaN.
 * Does not change ss.  std_resid may be NULL. */
fc_status fc_ss_filter_chandrasekhar(const fc_ss_model *ss, const double *pz,
                                     const double *y, size_t n,
                                     fc_ss_loglik *out, double *std_resid,
                                     fc_error *err);

/* The same for the ARMA companion form without building a model: T with
 * first column phi (m values) and ones on the superdiagonal, Z = e1,
 * h = 0, zero initial state (the likelihood hot path of arima.c). */
fc_status fc_ss_filter_arma(const double *phi, size_t m, const double *pz, const double *y,
                            size_t n, fc_ss_loglik *out, double *std_resid, fc_error *err);

/* Rank-k version for any starting covariance P1 with P2 - P1 = W1 M1 W1'
 * (W1 m x k row-major, M1 k x k); pz = P1 Z.  Observations whose
 * innovation variance is >= gain_limit do not enter the sums (diffuse). */
fc_status fc_ss_filter_chandrasekhar_k(const fc_ss_model *ss, const double *pz, size_t k,
                                       const double *W1, const double *M1, const double *y,
                                       size_t n, double gain_limit, fc_ss_loglik *out,
                                       double *std_resid, fc_error *err);

/* Concentrated log-likelihood from the filter sums with n_used in place of
 * the filter's count (R: loglik uses n.used, s2 uses nu). */
double fc_ss_concentrated_loglik(const fc_ss_loglik *ll, size_t n_used);

/* ---- candidate fits of the automatic search (arima.c, autoarima.c) ---- */

/* fc_arima_fit for the candidates of fc_auto_arima: the same model and
 * likelihood, optimised (CSS start and ML) by a BFGS whose line search
 * needs no gradients (arima.c minimise_bfgs) -- fewer likelihood
 * evaluations, an optimum equal to fc_arima_fit's within the tolerance. */
fc_status fc_arima_fit_search(const fc_series *y, const fc_arima_spec *spec,
                              const fc_arima_options *opt, fc_arima_model **out,
                              fc_error *err);

/* ---- options and AR parameterisation (arima.c; also regarima_profile.c) ---- */

/* The options a fit runs with: the defaults for NULL, and for the "0 =
 * default" fields max_iter (500) and gtol (1e-6). */
static inline fc_arima_options fc_arima_options_effective(const fc_arima_options *opt)
{
    fc_arima_options o = opt ? *opt : fc_arima_options_default();
    if (o.max_iter == 0)
        o.max_iter = 500;
    if (!(o.gtol > 0.0))
        o.gtol = 1e-6;
    return o;
}

/* Partial autocorrelations tanh(raw[0..p)) to AR coefficients ar[0..p)
 * (Durbin-Levinson; Jones 1980): every real raw vector gives a stationary
 * AR polynomial.  p <= 64; raw and ar may be the same array. */
void fc_arma_pacf_to_ar(const double *raw, size_t p, double *ar);

/* Inverse of fc_arma_pacf_to_ar; -1 when ar is not stationary (a partial
 * autocorrelation outside (-1, 1)).  p <= 64. */
int fc_arma_ar_to_pacf(const double *ar, size_t p, double *raw);

/* ---- regression part (regarima.c) ---- */

/* Design of the regression part: intercept, drift, user columns. */
typedef struct {
    size_t n;          /* rows (observations) */
    size_t k;          /* columns */
    double *X;         /* n*k column-major */
    char **names;      /* k names */
    int has_intercept, has_drift;
} fc_regdesign;

fc_status fc_regdesign_build(const fc_arima_spec *spec, size_t n, int dd,
                             fc_regdesign *out, fc_error *err);
void fc_regdesign_clear(fc_regdesign *d);

/* Future rows (h x k, column-major) for forecasting after n observations. */
fc_status fc_regdesign_future(const fc_regdesign *d, size_t h,
                              const double *future_xreg, size_t nxreg,
                              double *out, fc_error *err);

/* OLS of the differenced z on the differenced design (rows with NaN
 * dropped), as R's arima starting values: beta[k] and standard errors
 * se[k].  delta/ndelta: the differencing polynomial coefficients
 * (z_t - sum delta_i z_{t-i}).  FC_ESINGULAR when the design is rank
 * deficient (message names a column). */
fc_status fc_regarima_ols(const fc_regdesign *d, const double *z,
                          const double *delta, size_t ndelta, double *beta,
                          double *se, fc_error *err);

#endif
