/* libforecast: state space, SARIMA, regression with ARIMA errors, automatic models (arima layer). */
#ifndef FORECAST_ARIMA_H
#define FORECAST_ARIMA_H

#include "forecast/core.h"
#include "forecast/calendar.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== state space and Kalman filter (statespace.c), SARIMA (arima.c), regression with ARIMA errors (regarima.c) — SARIMA issue ======== */

/* ---------------------------------------------------------------------------
 * Generic linear Gaussian state-space model (statespace.c)
 *
 *   y_t     = Z' alpha_t + eps_t,        eps_t ~ N(0, h)
 *   alpha_{t+1} = T alpha_t + eta_t,     eta_t ~ N(0, Q)
 *
 * with all variances expressed relative to a scale sigma^2 that the caller
 * concentrates out (sigma^2 = ssq / nused).  `a` and `P` hold the predicted
 * state mean and covariance for the NEXT observation; the filter updates them
 * in place, so after filtering y[0..n) they describe alpha_{n+1} and
 * fc_ss_forecast continues from there.  Matrices are row-major m x m.
 * The module knows nothing about ARIMA; arima.c fills it.
 * ------------------------------------------------------------------------- */
typedef struct {
    size_t m;      /* state dimension */
    double *T;     /* m*m transition */
    double *Z;     /* m observation vector */
    double h;      /* observation noise variance (0 for ARIMA) */
    double *Q;     /* m*m state disturbance covariance */
    double *a;     /* m predicted state mean */
    double *P;     /* m*m predicted state covariance */
} fc_ss_model;

/* Allocates a model of dimension m with every matrix zero. */
fc_status fc_ss_alloc(size_t m, fc_ss_model **out, fc_error *err);
void fc_ss_free(fc_ss_model *ss);

/* Filter options.  gain_limit: observations whose innovation variance F_t
 * is >= gain_limit are treated as diffuse (they update the state but do not
 * enter the likelihood) -- with a diffuse prior kappa = 1e6 on
 * non-stationary states this is R's stats::arima convention (limit 1e4).
 * steady_tol: once no entry of P changes by steady_tol * max(1, largest
 * diagonal of P) between two consecutive observed steps, the gain is
 * frozen until the next missing value (0 disables). */
typedef struct {
    double gain_limit;
    double steady_tol;
} fc_ss_filter_options;
fc_ss_filter_options fc_ss_filter_options_default(void); /* 1e4, 1e-11 */

/* Likelihood pieces: the exact Gaussian log-likelihood with sigma^2
 * concentrated out is -0.5 * nused * (log(ssq/nused) + sumlog/nused + 1 +
 * log(2 pi)).  Missing observations (NaN) are skipped (prediction only). */
typedef struct {
    double ssq;     /* sum of v_t^2 / F_t over non-diffuse observations */
    double sumlog;  /* sum of log F_t over the same observations */
    size_t nused;   /* their number */
} fc_ss_loglik;

/* Kalman filter over y[0..n) (NaN = missing).  std_resid (may be NULL)
 * receives v_t / sqrt(F_t) (NaN where y is missing), as R's arima
 * residuals.  Updates ss->a and ss->P in place. */
fc_status fc_ss_filter(fc_ss_model *ss, const double *y, size_t n,
                       const fc_ss_filter_options *opt, fc_ss_loglik *out,
                       double *std_resid, fc_error *err);

/* h-step prediction from the model's current (a, P): mean[0..h) and the
 * joint covariance cov[h*h] (row-major, relative to sigma^2) of the
 * prediction errors of y_{n+1..n+h}; cov may be NULL.  ss is not changed. */
fc_status fc_ss_forecast(const fc_ss_model *ss, size_t h, double *mean,
                         double *cov, fc_error *err);

/* ---------------------------------------------------------------------------
 * Seasonal ARIMA and regression with ARIMA errors (arima.c, regarima.c)
 *
 *   phi(B) Phi(B^s) (1-B)^d (1-B^s)^D (z_t - x_t' beta) = theta(B) Theta(B^s) e_t
 *
 * z_t is the transformed series (none, log, Box-Cox), e_t ~ N(0, sigma2).
 * Sign conventions as R: phi(B) = 1 - ar1 B - ..., theta(B) = 1 + ma1 B + ....
 * x_t holds, in this order: intercept (include_mean, only when d + D = 0),
 * drift = t for t = 1..n (include_drift, only when d + D <= 1 -- D counts
 * seasonal differences, not s D -- as forecast::Arima include.drift), then
 * the user regressors.
 *
 * Likelihood (matches R stats::arima method = "ML" and forecast::Arima):
 * exact Gaussian likelihood from a Kalman filter with sigma2 concentrated
 * out, the ARMA states at their stationary covariance and the d + D s
 * differencing states at R's diffuse prior (variance kappa = 1e6;
 * observations with innovation variance >= 1e4 left out of the sums, as
 * R).  The optimiser works on the kappa -> infinity limit (the likelihood
 * of the differenced series, fast Chandrasekhar recursions: Morf, Sidhu
 * and Kailath 1974), then takes a Newton step to R's kappa = 1e6 maximum;
 * loglik_exact reports the limit (statsmodels' exact diffuse value for
 * pure MA models).
 *   loglik = -0.5 * nobs * (log(2 pi sigma2_ml) + 1) - 0.5 * sum log F_t
 *   sigma2 = forecast::Arima's fit$sigma2: sum of squared residuals
 *            (R's standardised residuals, all non-missing ones) / (nobs - k);
 *            forecast standard errors use it, as forecast::forecast does
 *   sigma2_ml = stats::arima's fit$sigma2, the ML estimate ssq / nobs
 *   nobs   = non-missing observations - d - D s (R's fit$nobs, "n.used")
 *   aic    = -2 loglik + 2 (k + 1),  k = number of estimated coefficients
 *   aicc   = aic + 2 (k+1)(k+2) / (nobs - k - 2)   (forecast::Arima)
 *   bic    = aic + (k + 1) (log(nobs) - 2)        (forecast::Arima)
 * With a log or Box-Cox transform all of these are for the transformed
 * series, without the Jacobian (as forecast::Arima(lambda = ...)).
 * Missing values (NaN) are accepted in y (not in regressors).
 * ------------------------------------------------------------------------- */

typedef struct {
    int p, d, q;       /* non-seasonal orders */
    int P, D, Q;       /* seasonal orders */
    int period;        /* seasonal period s; 0 = the series' frequency */
} fc_arima_order;

typedef enum {
    FC_TRANSFORM_NONE = 0,
    FC_TRANSFORM_LOG,      /* natural log; needs y > 0 */
    FC_TRANSFORM_BOXCOX    /* (y^lambda - 1) / lambda, log when lambda = 0 */
} fc_transform;

typedef struct {
    fc_arima_order order;
    int include_mean;      /* R's "intercept"; ignored when d + D > 0 (as R) */
    int include_drift;     /* coefficient "drift" on t = 1..n; d + D <= 1 */
    fc_transform transform;
    double lambda;         /* Box-Cox parameter (FC_TRANSFORM_BOXCOX) */
    /* Optional regressors: nxreg columns, COLUMN-MAJOR, column j is
     * xreg[j * n .. j * n + n) for the n observations of y.  No NaN. */
    size_t nxreg;
    const double *xreg;
    const char *const *xreg_names;  /* nxreg names (NULL: "xreg1", ...) */
    /* Optional, length = number of coefficients in R order (see
     * fc_arima_model.coef_names): fixed[i] finite fixes coefficient i (NaN
     * = estimate it); init[i] finite is its starting value.  May be NULL. */
    const double *fixed;
    const double *init;
} fc_arima_spec;

/* Spec with all orders 0, period 0, no mean, drift, transform or xreg. */
fc_arima_spec fc_arima_spec_default(void);

typedef enum {
    FC_ARIMA_ML = 0,   /* exact maximum likelihood (default) */
    FC_ARIMA_CSS       /* conditional sum of squares only (R method "CSS") */
} fc_arima_method;

typedef struct {
    fc_arima_method method;
    int css_start;        /* 1 (default): start ML from the CSS estimate, as
                             R's "CSS-ML"; 0: start from zeros, as "ML" */
    int transform_pars;   /* 1 (default): optimise AR parts through R's
                             partial-autocorrelation map (always stationary) */
    size_t max_iter;      /* optimiser iterations (default 500) */
    double gtol;          /* BFGS gradient-norm tolerance on the per-observation
                             objective (default 1e-6); BFGS also stops when
                             the objective changes by < 1e-12 relative in 3
                             iterations, then Newton steps refine (polish) */
    double kappa;         /* diffuse prior variance when y has NaN (1e6, R) */
    int compute_se;       /* 1 (default): standard errors from the Hessian */
    int polish;           /* 1 (default): Newton steps on the exact Hessian
                             after BFGS (finishes flat likelihood ridges) */
} fc_arima_options;

fc_arima_options fc_arima_options_default(void);

struct fc_arima_priv;

/* A fitted model.  Read-only public fields; free with fc_arima_model_free. */
typedef struct {
    fc_arima_spec spec;    /* copy of the orders/flags; pointers are NULL */
    int period;            /* seasonal period used */
    size_t ncoef;          /* all coefficients, including fixed ones */
    char **coef_names;     /* as R prints them: ar1.., ma1.., sar1.., sma1..,
                              intercept, drift, regressor names */
    double *coef;          /* estimates (fixed ones at their value) */
    double *se;            /* standard errors (NaN for fixed; NaN when the
                              Hessian is not positive definite) */
    double *vcov;          /* ncoef*ncoef covariance (R's var.coef), row-major */
    int *is_fixed;         /* 1 when the coefficient was fixed */
    size_t nfree;          /* k: estimated coefficients */
    double sigma2, loglik, aic, aicc, bic;  /* R conventions (above) */
    double sigma2_ml;      /* stats::arima's ML sigma2 (above) */
    double loglik_exact;   /* exact diffuse log-likelihood (kappa -> inf),
                              the value maximised; R's loglik uses a finite
                              kappa = 1e6 and differs by ~1e-5 relative */
    size_t nobs;           /* n.used: non-missing - d - D s */
    size_t n;              /* length of y */
    int freq;
    fc_period start;
    double *residuals;     /* n: standardised innovations (R residuals(fit)),
                              NaN where y is missing; transformed scale */
    double *fitted;        /* n: one-step predictions, original scale
                              (back-transformed as the median) */
    double *z;             /* n: the transformed series */
    int converged;         /* 1 when the optimiser met its tolerance */
    size_t iterations;
    struct fc_arima_priv *priv;
} fc_arima_model;

/* Fits the model to y.  Errors: FC_ESHORT (too few observations for the
 * orders, message names the minimum), FC_EMISSING (all missing, NaN in
 * regressors), FC_EDOMAIN (y <= 0 under log/Box-Cox), FC_ESINGULAR
 * (collinear regressors), FC_ENOCONV (optimiser failed; no model is
 * returned), FC_EINVAL (bad orders/options). */
fc_status fc_arima_fit(const fc_series *y, const fc_arima_spec *spec,
                       const fc_arima_options *opt, fc_arima_model **out,
                       fc_error *err);
void fc_arima_model_free(fc_arima_model *m);

/* "(p,d,q)(P,D,Q)s", or "(p,d,q)" without seasonal part; buf >= 48 bytes. */
void fc_arima_order_format(const fc_arima_order *o, int period, char *buf,
                           size_t size);

/* Exact log-likelihood of y under spec at the coefficient vector coef (R
 * order, all coefficients), sigma2 concentrated out, in R's convention
 * (kappa = 1e6 diffuse prior, the value fc_arima_model.loglik reports;
 * matches R's arima(..., fixed = coef)$loglik).  sigma2 (ML estimate) and
 * nobs may be NULL.  FC_EDOMAIN when the AR part of coef is not stationary. */
fc_status fc_arima_loglik(const fc_series *y, const fc_arima_spec *spec,
                          const double *coef, double *loglik, double *sigma2,
                          size_t *nobs, fc_error *err);

/* Forecasts of a fitted model.  Arrays of length h; lower/upper are
 * nlevels x h, row l is level levels[l] (percent, e.g. 80, 95). */
typedef struct {
    size_t h;
    size_t nlevels;
    int freq;
    fc_period start;       /* period of mean[0] */
    double *mean;          /* point forecast, original scale */
    double *se;            /* standard error on the transformed scale */
    double *mean_transformed; /* point forecast on the transformed scale */
    double *levels;        /* nlevels, percent */
    double *lower;         /* lower[l * h + i] */
    double *upper;
} fc_forecast;
void fc_forecast_free(fc_forecast *f);

typedef struct {
    int biasadj;  /* 0 (default): back-transform as the median, R forecast's
                     default; 1: bias-adjusted mean (forecast's biasadj) */
} fc_arima_forecast_options;
fc_arima_forecast_options fc_arima_forecast_options_default(void);

/* h-step forecasts.  future_xreg: h x nxreg COLUMN-MAJOR values of the
 * user regressors (NULL when nxreg = 0); intercept and drift are extended
 * automatically.  Intervals: transformed-scale mean -+ z * se, then
 * back-transformed (forecast::forecast.Arima).  Matches R predict.Arima
 * (mean and se) within 1e-6 relative. */
fc_status fc_arima_forecast(const fc_arima_model *m, size_t h,
                            const double *levels, size_t nlevels,
                            const double *future_xreg, fc_forecast **out,
                            fc_error *err);
fc_status fc_arima_forecast_ex(const fc_arima_model *m, size_t h,
                               const double *levels, size_t nlevels,
                               const double *future_xreg,
                               const fc_arima_forecast_options *fopt,
                               fc_forecast **out, fc_error *err);

/* Joint forecast-error covariance of z_{n+1..n+h} on the transformed scale
 * (sigma2 included), cov[h*h] row-major, and the transformed-scale means
 * mean_z[h]; used by the quarter projection.  future_xreg as above. */
fc_status fc_arima_forecast_joint(const fc_arima_model *m, size_t h,
                                  const double *future_xreg, double *mean_z,
                                  double *cov, fc_error *err);

/* Transform helpers (forecast::BoxCox / InvBoxCox conventions). */
fc_status fc_transform_apply(fc_transform t, double lambda, const double *x,
                             size_t n, double *out, fc_error *err);
double fc_transform_invert(fc_transform t, double lambda, double z);

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
 * (2 <= period, n > 2 period).  S and R come from fc_stl_decompose with
 * s_window 11 and stl's other defaults, as forecast's mstl(x) for one
 * seasonal period.  Tested against forecast 8.20 to 1e-8. */
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

/* ---- automatic SARIMA order selection (autoarima.c) ----
 * Hyndman & Khandakar (2008), "Automatic time series forecasting: the
 * forecast package for R", J. Statistical Software 27(3), section 3.2, as
 * implemented by forecast 8.20's auto.arima (its reference; fixtures in
 * tests/fixtures/gen_autoarima.R):
 *   - D from fc_nsdiffs (seasonal strength > 0.64) unless n <= 2 period,
 *     then d from fc_ndiffs (KPSS, 5%) on the seasonally differenced series;
 *   - a constant (intercept when d + D = 0, drift when d + D = 1) is allowed
 *     as R decides; none when d + D >= 2;
 *   - stepwise search from (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0),
 *     (0,d,1)(0,D,1) and the constant-free null model, moving one order by
 *     +-1 at a time (and p,q / P,Q together) while the criterion improves;
 *   - candidates are fitted by exact maximum likelihood (fc_arima_fit, CSS
 *     start), or, with `approximation`, by CSS during the search (R does so
 *     when n > 150) and the best ones refitted exactly;
 *   - a candidate is discarded (criterion +inf) when its fit fails, an AR or
 *     MA root lies inside 1.01 (as R's myarima), or nobs - k - 2 <= 0; the
 *     best candidate must also have finite standard errors (R's checkarima),
 *     checked after the search in increasing-criterion order.
 * Criteria (for the transformed series, as forecast::Arima): aicc = aic +
 * 2 k'(k'+1)/(nobs - k' - 1), bic = aic + k'(log nobs - 2), k' = estimated
 * coefficients + 1. */

typedef enum { FC_IC_AICC = 0, FC_IC_AIC, FC_IC_BIC } fc_ic;

typedef enum {
    FC_AUTO_TRANSFORM_NONE = 0, /* model the series as it is (R's default, lambda = NULL) */
    FC_AUTO_TRANSFORM_LOG,      /* model log(y); y must be > 0 (FC_EDOMAIN) */
    FC_AUTO_TRANSFORM_AUTO      /* X-13-style log/level choice, see fc_auto_arima */
} fc_auto_transform;

typedef struct {
    int max_p, max_q;       /* 5, 5 */
    int max_P, max_Q;       /* 2, 2 */
    int max_order;          /* 5: p + q + P + Q bound of the exhaustive search */
    int max_d, max_D;       /* 2, 1 */
    int start_p, start_q, start_P, start_Q; /* 2, 2, 1, 1 */
    int d, D;               /* -1 (default): chosen by the unit-root tests */
    int stepwise;           /* 1 (default): stepwise; 0: exhaustive search */
    int seasonal;           /* 1 (default); 0: non-seasonal models only */
    int allow_mean, allow_drift; /* 1, 1 */
    fc_ic ic;               /* FC_IC_AICC */
    size_t max_models;      /* stepwise model budget, 94 (R's nmodels) */
    fc_auto_transform transform; /* FC_AUTO_TRANSFORM_NONE */
    int approximation;      /* -1 (default): as R, search with CSS fits when
                               more than 150 observations, then refit the best
                               candidates by exact ML in criterion order;
                               0: exact ML throughout; 1: CSS search always */
    double log_aicdiff;     /* AUTO: level kept only when AICC(level) <
                               AICC(log, with Jacobian) + log_aicdiff; -2 as
                               X-13's transform{aicdiff} */
} fc_auto_options;

fc_auto_options fc_auto_options_default(void);

/* Why the returned model is not simply the search's winner. */
typedef enum {
    FC_AUTO_FALLBACK_NONE = 0,
    FC_AUTO_FALLBACK_CONSTANT,   /* constant series: (0,0,0) with the mean fixed */
    FC_AUTO_FALLBACK_POLYNOMIAL, /* differenced series constant: (0,d,0)(0,D,0) as R */
    FC_AUTO_FALLBACK_SIMPLER     /* no candidate usable: a simpler model (see note) */
} fc_auto_fallback;

typedef struct {
    fc_arima_order order;    /* chosen orders (period filled in) */
    int constant;            /* 1 when an intercept or drift is included */
    fc_transform transform;  /* FC_TRANSFORM_NONE or FC_TRANSFORM_LOG */
    double ic;               /* criterion of the chosen model (transformed scale) */
    double aicc_level, aicc_log; /* AUTO transform: test-model AICCs compared
                                    (log one with the Jacobian 2 sum log y);
                                    NaN otherwise */
    size_t models_fitted;    /* candidate fits attempted */
    size_t models_failed;    /* of which failed or were inadmissible */
    fc_auto_fallback fallback;
    char note[256];          /* human-readable account of transform / fallback */
} fc_auto_report;

/* Chooses and fits a SARIMA for y (period = y->freq unless opt->seasonal is
 * 0).  NaN values are accepted (the unit-root tests skip them, the fits
 * handle them), but at least 3 observations must be present.  opt may be
 * NULL (defaults); report may be NULL.  The model is fitted with standard
 * errors and can be passed to fc_arima_forecast.  Never returns a model
 * whose forecasts are not finite: when the search finds nothing usable it
 * falls back to (0,1,1), then (0,1,0), (0,0,0) with mean (reported).
 * Transform AUTO, as X-13ARIMA-SEATS' transform{function = auto}: the
 * airline model (0,1,1)(0,1,1)s ((0,1,1) for short or non-seasonal series)
 * is fitted to y and to log(y), the AICCs compared on the level scale (log
 * AICC + 2 sum log y over the observations in the likelihood) and levels
 * kept only when AICC(level) < AICC(log) + log_aicdiff; the search then
 * runs on the chosen scale.  Series with a value <= 0 stay in levels.
 * Thread safe (no shared state). */
fc_status fc_auto_arima(const fc_series *y, const fc_auto_options *opt,
                        fc_arima_model **out, fc_auto_report *report,
                        fc_error *err);


/* (end of section) */

/* ======== calendar regressor selection by AICc (calendar_select.c) — calendar issue ======== */

/* X-13ARIMA-SEATS' aictest for calendar regressors, extended to the Lunar
 * New Year: groups are tested in the order td, easter, lny; for each, the
 * model (base spec + the other groups' current choice) is fitted without the
 * group and with each candidate, and the candidate of lowest AICc enters when
 * it beats "without" by more than aicdiff.  Candidates:
 *   td      td1 (X-13 td1coef "Weekday"), td (6 contrasts Mon..Sat)
 *   easter  easter[1], easter[8], easter[15] (X-13's aictest set)
 *   lny     every non-empty subset of the three windows calendar.lny[0..2]
 *           (defaults before [-20,-1], holiday [0,6], after [7,14]).
 * Regressors are built for y's span with fc_calendar_matrix_build and
 * appended after base->xreg (user regressors such as outliers stay in every
 * model); base->fixed / base->init are ignored.  Tested against the same
 * forward selection in R on forecast::Arima (tests/test_calendar_select.c).
 * To forecast, build the future regressors with
 * fc_calendar_matrix_build(sel->spec, freq, first_future_period, h, ...). */
typedef struct {
    int test_td;        /* 1 (default) */
    int test_easter;    /* 0 (default; X-13 tests it, Asian series rarely need it) */
    int test_lny;       /* 1 (default) */
    double aicdiff;     /* AICc improvement needed to enter (default 0, X-13's) */
    fc_calendar_options calendar;  /* country, LNY windows and centring, holidays */
    fc_arima_options arima;        /* estimation options of every fit */
} fc_calendar_select_options;

fc_calendar_select_options fc_calendar_select_options_default(void);

/* One model compared during the selection. */
typedef struct {
    char group[8];          /* "td", "easter" or "lny" */
    char candidate[64];     /* "none", "td1", "easter[8]", "lny[0,6]+lny[7,14]" ... */
    double loglik, aicc;    /* NaN and +inf when the fit failed */
    fc_status status;       /* FC_OK, or why the candidate could not be fitted */
} fc_calendar_candidate;

typedef struct {
    char spec[256];          /* chosen regressors as a calendar spec ("" = none) */
    fc_arima_model *model;   /* final fit; coef_names include the calendar
                                columns (Weekday, Mon.., Easter[w], LNY[a:b]) */
    size_t ncandidates;
    fc_calendar_candidate *candidates;  /* every model compared, in order */
} fc_calendar_selection;

/* Errors: those of fc_arima_fit for the models without a group (a failing
 * candidate is only recorded), FC_EINVAL for bad options. */
fc_status fc_calendar_select(const fc_series *y, const fc_arima_spec *base,
                             const fc_calendar_select_options *opt,
                             fc_calendar_selection **out, fc_error *err);
void fc_calendar_selection_free(fc_calendar_selection *s);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
