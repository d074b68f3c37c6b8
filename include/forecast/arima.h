/* libforecast: state space, SARIMA, regression with ARIMA errors, automatic models (arima layer). */
#ifndef FORECAST_ARIMA_H
#define FORECAST_ARIMA_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== state space and Kalman filter (statespace.c), SARIMA (arima.c), regression with ARIMA errors (regarima.c) — SARIMA issue ======== */

/* (end of section) */

/* ======== unit-root / seasonality tests (unitroot.c) and automatic order selection (autoarima.c) — automatic-model issue ======== */

/* ---- unit-root and seasonality tests (unitroot.c) ----
 * Inputs are plain arrays (so that differenced series can be tested); NaN
 * or infinite values are rejected with FC_EMISSING. */

/* "Constant" as R forecast's is.constant: every value equals x[0] up to
 * all.equal's relative tolerance 1.5e-8 (mean absolute difference relative
 * to the mean absolute value).  1 when constant, 0 otherwise (also n = 0). */
int fc_is_constant(const double *x, size_t n);

typedef enum {
    FC_KPSS_LEVEL = 0,   /* H0: stationary around a level ("mu") */
    FC_KPSS_TREND = 1    /* H0: stationary around a linear trend ("tau") */
} fc_kpss_type;

/* Bandwidth (Bartlett-window lag) choices for fc_kpss_test's `lag`. */
#define FC_KPSS_LAG_NDIFFS (-1L) /* trunc(3 sqrt(n) / 13), what forecast::ndiffs passes */
#define FC_KPSS_LAG_SHORT  (-2L) /* trunc(4 (n/100)^(1/4)), urca's lags = "short" */

typedef struct {
    double statistic;  /* eta = sum S_t^2 / (n^2 s^2(l)), KPSS (1992) eq. (11) */
    double p_value;    /* linear interpolation in KPSS Table 1 (10%, 5%, 2.5%,
                          1% points), clamped to [0.01, 0.10] as forecast::ndiffs */
    size_t lag;        /* Bartlett lag l used in s^2(l) */
} fc_kpss_result;

/* KPSS test of Kwiatkowski, Phillips, Schmidt & Shin (1992), statistic as
 * urca::ur.kpss computes it (residuals from the mean or an OLS line, Newey-
 * West long-run variance with Bartlett weights 1 - i/(l+1)).  lag >= 0 sets
 * l; FC_KPSS_LAG_NDIFFS / FC_KPSS_LAG_SHORT choose it from n.  Needs n >= 3
 * and l < n.  Tested against urca 1.3.3 (tests/fixtures/gen_unitroot.R). */
fc_status fc_kpss_test(const double *x, size_t n, fc_kpss_type type, long lag,
                       fc_kpss_result *out, fc_error *err);

typedef struct {
    double alpha;   /* significance level, clamped to [0.01, 0.10]; default 0.05 */
    int max_d;      /* default 2 */
    fc_kpss_type type; /* default FC_KPSS_LEVEL */
} fc_ndiffs_options;

fc_ndiffs_options fc_ndiffs_options_default(void);

/* Number of first differences d (0..max_d) that make x level-stationary, as
 * forecast::ndiffs(x, test = "kpss"): difference while the KPSS p-value (lag
 * FC_KPSS_LAG_NDIFFS) is below alpha; stop early once the differenced series
 * is constant.  opt may be NULL (defaults).  A test that cannot be computed
 * (too short after differencing) stops with the differences so far, as R. */
fc_status fc_ndiffs(const double *x, size_t n, const fc_ndiffs_options *opt,
                    int *d, fc_error *err);

/* Strength of seasonality (Wang, Smith & Hyndman 2006; forecast's
 * seas.heuristic): max(0, min(1, 1 - var(R) / var(S + R))) with S and R the
 * seasonal and remainder of a decomposition of x with the given period
 * (2 <= period, n > 2 period).  Decomposition: see unitroot.c (classical
 * moving-average decomposition until STL is available). */
fc_status fc_seasonal_strength(const double *x, size_t n, int period,
                               double *strength, fc_error *err);

typedef struct {
    double threshold;  /* seasonal difference when strength > threshold; default 0.64 */
    int max_D;         /* default 1 */
} fc_nsdiffs_options;

fc_nsdiffs_options fc_nsdiffs_options_default(void);

/* Number of seasonal differences D (0..max_D) as forecast 8.x's
 * nsdiffs(x, test = "seas"), the default of auto.arima: difference while the
 * seasonal strength exceeds the threshold; 0 when x is constant or
 * n <= 2 period.  opt may be NULL. */
fc_status fc_nsdiffs(const double *x, size_t n, int period,
                     const fc_nsdiffs_options *opt, int *D, fc_error *err);


/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
