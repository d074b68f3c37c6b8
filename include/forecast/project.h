/* libforecast: forecast projection and quarter growth (projection layer). */
#ifndef FORECAST_PROJECT_H
#define FORECAST_PROJECT_H

#include "forecast/core.h"
#include "forecast/arima.h"
#include "forecast/index.h"

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

/* ======== quarter projection (project.c) — SARIMA issue ======== */

/* The analyst's question (DESIGN.md §4): with monthly data through, say,
 * March 2021, what will Q2 2021 be, and its y/y growth against Q2 2020?
 *
 * Model: a SARIMA fitted to the whole series (the airline model
 * (0,1,1)(0,1,1)s on logs by default -- on the original scale when a value
 * is not positive -- a given spec, or an already fitted model).
 * Quarter level: mean of its three months (indices, FC_QUARTER_MEAN) or sum
 * (flows, FC_QUARTER_SUM); observed months enter as observed, the others
 * as forecasts.  Point value: the aggregate of the monthly point forecasts
 * (back-transformed as the median, as fc_arima_forecast), so it agrees
 * with the monthly table.  Intervals account for the correlation of the
 * monthly forecast errors through their joint covariance from the state
 * space (fc_arima_forecast_joint):
 *   - no transform: the aggregate is Gaussian, intervals are exact;
 *   - log / Box-Cox, one projected month: exact (monotone in one normal);
 *   - log / Box-Cox, two or three projected months: Monte Carlo with nsim
 *     antithetic draws from N(mean, cov) (Cholesky), empirical quantiles
 *     (type 7); a gsl_rng (MT19937) allocated per call with opt->seed, so
 *     results are deterministic and thread safe.  With the default 100000
 *     draws the bounds' Monte Carlo error is about 0.3% of the interval's
 *     half-width.
 * y/y growth in percent: 100 (level / previous - 1), where previous is the
 * same quarter a year earlier, which must be fully observed; its interval
 * is the image of the level interval (the previous level is known). */

#define FC_PROJECT_MAX_LEVELS 8

typedef enum {
    FC_PROJECT_MODEL_DEFAULT = 0, /* airline on logs (see above) */
    FC_PROJECT_MODEL_AUTO,        /* fc_auto_arima with FC_AUTO_TRANSFORM_AUTO
                                     (airline default if it fails) */
    FC_PROJECT_MODEL_SPEC,        /* fit opt->spec */
    FC_PROJECT_MODEL_FITTED       /* use opt->fitted (fitted to this y) */
} fc_project_model;

typedef struct {
    fc_quarter_method aggregate;   /* FC_QUARTER_MEAN (index) or FC_QUARTER_SUM (flow) */
    fc_project_model model;
    const fc_arima_spec *spec;     /* FC_PROJECT_MODEL_SPEC */
    const fc_arima_model *fitted;  /* FC_PROJECT_MODEL_FITTED */
    const fc_arima_options *fit_options; /* NULL: fc_arima_options_default() */
    size_t nlevels;                /* default 1 */
    double levels[FC_PROJECT_MAX_LEVELS]; /* percent; default {80} */
    size_t nsim;                   /* Monte Carlo draws (default 100000) */
    unsigned long seed;            /* default 20210401 */
} fc_project_options;

fc_project_options fc_project_options_default(void);

typedef struct {
    fc_period quarter;
    double level;          /* the quarter's level (mean or sum of months) */
    double previous;       /* the same quarter a year earlier (observed) */
    double yoy;            /* percent */
    size_t nlevels;
    double levels[FC_PROJECT_MAX_LEVELS];
    double level_lower[FC_PROJECT_MAX_LEVELS], level_upper[FC_PROJECT_MAX_LEVELS];
    double yoy_lower[FC_PROJECT_MAX_LEVELS], yoy_upper[FC_PROJECT_MAX_LEVELS];
    int months_observed, months_projected;
    char model[128];        /* e.g. "ARIMA(0,1,1)(0,1,1)12 log (airline default)" */
    char method[16];       /* "observed", "exact" or "simulation" */
} fc_quarter_projection;

/* Projects quarter q (a fc_period with sub = 1..4) of the monthly series y.
 * A quarterly y is accepted too: the quarter is then one value, observed
 * or forecast (exact bounds); months_observed/_projected are 3/0 or 0/3.
 * y may contain NaN before the quarter's observed months; the quarter's
 * observed months and the previous year's quarter must be present.
 * Errors: FC_EFREQ (y neither monthly nor quarterly), FC_ERANGE (quarter before the data or
 * more than 10 years ahead), FC_EMISSING (previous year's quarter or an
 * observed month missing), and those of fc_arima_fit. */
fc_status fc_project_quarter(const fc_series *y, fc_period quarter,
                             const fc_project_options *opt,
                             fc_quarter_projection *out, fc_error *err);

/* h-step monthly (or quarterly) forecasts of y with the model chosen by
 * opt (levels from the arguments; opt->levels is ignored).  model_label
 * (may be NULL, size >= 128) receives the model description. */
fc_status fc_project_forecast(const fc_series *y, size_t h, const double *levels,
                              size_t nlevels, const fc_project_options *opt,
                              fc_forecast **out, char *model_label, fc_error *err);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
