/* libforecast: seasonal adjustment: STL, X-11 and diagnostics (seasonal layer). */
#ifndef FORECAST_SEASONAL_H
#define FORECAST_SEASONAL_H

#include "forecast/core.h"
#include "forecast/filters.h"
#include "forecast/calendar.h"
#include "forecast/arima.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== STL (stl.c) — calendar/STL issue ======== */

/* STL: seasonal-trend decomposition based on loess, Cleveland, Cleveland,
 * McRae & Terpenning (1990), J. Official Statistics 6(1), 3-73:
 *     y = seasonal + trend + remainder   (additive; take logs first for a
 *                                          multiplicative decomposition)
 * Matches R's stats::stl (R 4.2, stl.f) to 1e-8 -- same parameters, same
 * defaults, same "periodic" post-processing -- tested against R fixtures in
 * tests/fixtures/stl_*.csv (script tests/fixtures/gen_stl.R).
 *
 * Beyond R: missing values (NaN) inside the series, as the paper designs
 * them (section 3.4 of the paper): a missing point gets weight zero in every
 * loess fit (cycle-subseries and trend), the seasonal and trend components
 * are still estimated there (interpolated by the fits), the remainder is NaN
 * there and the robustness weight is 0.  Infinite values are rejected. */

/* Pass for an int option to ask for R's default. */
#define FC_STL_DEFAULT (-1)

typedef struct {
    int period;        /* n_p, >= 2; 0 = the series frequency (fc_stl_series) */
    int periodic;      /* 1: s.window = "periodic" (s_window ignored):
                          s_window = 10 n + 1, s_degree 0, and the seasonal is
                          replaced by its cycle-subseries means (as R) */
    size_t s_window;   /* n_s, seasonal loess span in cycles (years); required
                          unless periodic.  Even values are raised to the next
                          odd and values < 3 to 3, as R's stl.f does */
    int s_degree;      /* 0 (default) or 1 */
    size_t t_window;   /* n_t, trend span in periods; 0 = R's default
                          nextodd(ceiling(1.5 period / (1 - 1.5 / s_window))) */
    int t_degree;      /* 0 or 1 (default 1) */
    size_t l_window;   /* n_l, low-pass span; 0 = nextodd(period) */
    int l_degree;      /* FC_STL_DEFAULT = t_degree */
    size_t s_jump;     /* 0 = ceiling(s_window / 10), likewise t/l */
    size_t t_jump;
    size_t l_jump;
    int robust;        /* 1: robustness iterations (defaults inner 1, outer 15);
                          0: inner 2, outer 0 */
    int inner;         /* n_i, FC_STL_DEFAULT or >= 1 */
    int outer;         /* n_o, FC_STL_DEFAULT or >= 0 */
} fc_stl_options;

/* Defaults as R's stl(): period 0, periodic 0, s_window 0 (must be set, or
 * periodic = 1), s_degree 0, t_degree 1, everything else default. */
fc_stl_options fc_stl_options_default(void);

/* Decomposition.  Arrays have length n; `weights` are the robustness
 * weights of the last pass (1 when outer = 0; 0 at missing values).  The
 * remaining fields give the parameters actually used, after defaults and
 * R's adjustments (spans odd and >= 3). */
typedef struct {
    size_t n;          /* length of the last decomposition */
    size_t capacity;   /* arrays hold up to capacity values */
    double *seasonal;
    double *trend;
    double *remainder; /* y - seasonal - trend; NaN where y is missing */
    double *weights;
    int period;
    int periodic;
    size_t s_window, t_window, l_window;
    int s_degree, t_degree, l_degree;
    size_t s_jump, t_jump, l_jump;
    int inner, outer;
    size_t n_missing;  /* number of missing values in y */
} fc_stl_result;

/* Result able to hold series of up to `capacity` values. */
fc_status fc_stl_result_alloc(size_t capacity, fc_stl_result **out,
                              fc_error *err);
void fc_stl_result_free(fc_stl_result *r);

/* Scratch memory for decompositions: 5 (max_n + 2 max_period) doubles,
 * reusable across calls (any n and period with n + 2 period <= max_n + 2
 * max_period), so that many series are decomposed without allocating.  A
 * workspace serves one call at a time (one per thread). */
typedef struct fc_stl_workspace fc_stl_workspace;
fc_status fc_stl_workspace_alloc(size_t max_n, int max_period,
                                 fc_stl_workspace **out, fc_error *err);
void fc_stl_workspace_free(fc_stl_workspace *ws);

/* Decomposes y[0..n) with opt (opt->period must be set) into res
 * (res->capacity >= n).  ws may be NULL (then it allocates and frees its
 * own).  Errors: FC_EINVAL (bad option, with the option named), FC_ESHORT
 * (n <= 2 period, as R), FC_EDOMAIN (infinite value), FC_EMISSING (all
 * values missing, a cycle subseries entirely missing, or a gap wider than
 * the windows can bridge). */
fc_status fc_stl_decompose(const double *y, size_t n,
                           const fc_stl_options *opt, fc_stl_workspace *ws,
                           fc_stl_result *res, fc_error *err);

/* Convenience: decomposes a series (period 0 in opt means s->freq) and
 * allocates the result (free with fc_stl_result_free). */
fc_status fc_stl_series(const fc_series *s, const fc_stl_options *opt,
                        fc_stl_result **out, fc_error *err);

/* ---- STL with calendar effects (trading days, Easter, Lunar New Year) */

/* Decomposes y = seasonal + trend + calendar + irregular, where calendar =
 * X beta for the n x ncol regressors X (row-major, e.g. from
 * fc_calendar_matrix_build: td, easter[w], lny; they should be centred by
 * calendar month as X-13's are, so that the calendar component carries no
 * seasonal level).  STL has no regression step (R's stl, the paper); beta
 * is the fixed point of backfitting -- STL of y - X beta alternating with
 * least squares of y - seasonal - trend on X, the way X-11 estimates
 * trading-day effects from its irregular (Young 1965; table C15) -- i.e.
 * the irregular is orthogonal to X.  The plain STL being a linear smoother
 * L, that point solves X'(I - L)X beta = X'(I - L)y exactly (ncol + 1
 * decompositions, no iteration).  With robust options beta is estimated
 * with the plain STL of the same windows (a robust fit would treat the
 * calendar effects as outliers), and the decomposition of y - X beta is
 * the robust one.  y = S + T + calendar + irregular holds exactly.
 * Standard errors: sigma^2 (X'X)^-1 with sigma from the irregular,
 * conditional on S and T (somewhat optimistic).  NaN in y is accepted
 * (rows left out).  Errors: as fc_stl_decompose, plus FC_EINVAL (no or
 * non-finite regressors), FC_ESINGULAR (collinear regressors, regressors
 * confounded with the seasonal or trend, or too few observations). */
typedef struct {
    fc_stl_result *stl;  /* decomposition of y - calendar */
    size_t n, ncol;
    double *calendar;    /* n: X beta */
    double *coef;        /* ncol: beta */
    double *se;          /* ncol: standard errors */
    double sigma;        /* residual standard deviation of the regression */
    size_t nobs;         /* rows used (observed values) */
    int iterations;      /* 1 (direct solution) */
} fc_stl_calendar_result;

fc_status fc_stl_calendar(const double *y, size_t n, const double *x,
                          size_t ncol, const fc_stl_options *opt,
                          fc_stl_calendar_result **out, fc_error *err);
void fc_stl_calendar_result_free(fc_stl_calendar_result *r);

/* (end of section) */

/* ======== X-11 (x11.c) and its diagnostics (sadiag.c) — X-11 issue ======== */

/* X-11 seasonal adjustment as X-13ARIMA-SEATS (version 1.1 build 60)
 * implements it: tables B1-B20, C1-C20, D1-D13 with Henderson trend
 * filters (Musgrave end weights, automatic length by the I/C ratio),
 * seasonal 3xk filters with automatic choice by the moving seasonality
 * ratio, and extreme-value weighting with 5-year moving sigma limits.
 * Reference: tests/test_x11.c reproduces X-13's tables D8, D9, C17, D10,
 * D11, D12, D13, D16 to 1e-6 relative on the shared reference runs.
 *
 * Plain X-11 only: no regARIMA pre-adjustment (see fc_x11_auto for the
 * production pipeline).  Series must be complete (no NaN: FC_EMISSING),
 * monthly or quarterly, at least 3 full years; multiplicative and
 * log-additive modes need strictly positive values (FC_EDOMAIN).
 * Seasonal factors of multiplicative modes are ratios (not percent).
 *
 * Pseudo-additive mode (X-13 x11{mode=pseudoadd}): values >= 0 (zeros
 * allowed); D11 = B1 - D12 (D10 - 1), D13 = D11 / D12, D16 = D10; a zero
 * seasonal factor or trend (e.g. a month that is always 0) gives
 * FC_EDOMAIN, as X-13 stops.  NOT tested against X-13 output (no reference
 * run); tests check these identities and recovery of S on a synthetic
 * T (S + I - 1) series. */

typedef enum {
    FC_X11_MULT = 0,      /* O = T * S * I */
    FC_X11_ADD,           /* O = T + S + I */
    FC_X11_LOGADD,        /* log O = log T + log S + log I */
    FC_X11_PSEUDOADD      /* O = T (S + I - 1) */
} fc_x11_mode;

typedef enum {
    FC_X11_SMA_MSR = 0,   /* X-13 default: 3x3 (B/C/D5), 3x5 (B/C10), D10 by MSR */
    FC_X11_SMA_3X1,
    FC_X11_SMA_3X3,
    FC_X11_SMA_3X5,
    FC_X11_SMA_3X9,
    FC_X11_SMA_3X15,
    FC_X11_SMA_STABLE,
    FC_X11_SMA_X11DEFAULT /* 3x3 in B/C/D5, 3x5 in B10, C10 and D10 */
} fc_x11_seasonal_ma;

typedef struct {
    fc_x11_mode mode;               /* default FC_X11_MULT */
    fc_x11_seasonal_ma seasonalma;  /* default FC_X11_SMA_MSR */
    int trendma;                    /* Henderson length (odd 3..101); 0 = automatic (default) */
    double sigma_lower, sigma_upper;/* sigmalim, default 1.5 and 2.5 */
    size_t nforecast;               /* trailing values of y that are forecasts (default 0) */
    size_t nbackcast;               /* leading values of y that are backcasts (default 0) */
} fc_x11_options;

void fc_x11_options_default(fc_x11_options *opt);

/* Tables of one run; every array has n values (NaN where X-13 prints
 * nothing).  n counts observations only (back/forecasts excluded);
 * d10_ahead holds the year-ahead seasonal factors (freq values). */
typedef struct {
    size_t n;
    int freq;
    fc_period start;
    fc_x11_mode mode;
    double *b1;   /* series entering X-11 */
    double *c17;  /* final extreme-value weights (0..1) */
    double *d8;   /* final unmodified SI ratios */
    double *d9;   /* final replacement values of SI (NaN = not replaced) */
    double *d10;  /* final seasonal factors */
    double *d11;  /* final seasonally adjusted series */
    double *d12;  /* final trend-cycle */
    double *d13;  /* final irregular */
    double *d16;  /* combined adjustment factors */
    double *d9_modified_si; /* SI used for D10 (D1/D7) */
    double *c20;  /* final extreme-value factors (1 or 0 where none) */
    double d10_ahead[12];
    fc_seasonal_filter d10_filter;  /* filter used for D10 */
    double msr;                     /* global MSR of the first D10 selection pass (X-13 msr01; NaN for a fixed filter) */
    double msr_full;                /* global MSR over all observations (X-13 table D 9.A, F 2 "I/S") */
    int henderson_d12;              /* Henderson length used for D12 */
    double ic_ratio_d12;            /* I/C ratio computed before D12 */
} fc_x11_result;

/* Runs X-11 on y.  The result is allocated; free with fc_x11_result_free. */
fc_status fc_x11(const fc_series *y, const fc_x11_options *opt,
                 fc_x11_result **out, fc_error *err);

void fc_x11_result_free(fc_x11_result *r);

/* ---- diagnostics (sadiag.c): X-13's F2/F3 tables and seasonality tests ----
 * Computed from an X-11 result as X-13ARIMA-SEATS does (its tables D8, D11,
 * E1-E3, F2, F3); tested against X-13's saved diagnostics (.udg) of the
 * reference runs: M1-M11 and Q to the 3 decimals X-13 prints, F statistics
 * to 3 decimals.  p-values are probabilities in [0, 1] (X-13 prints percent). */

typedef enum {
    FC_X11_SEASONALITY_ABSENT = 0,         /* "identifiable seasonality not present" */
    FC_X11_SEASONALITY_PROBABLY_ABSENT,    /* "probably not present" */
    FC_X11_SEASONALITY_PRESENT             /* "identifiable seasonality present" */
} fc_x11_seasonality;

typedef struct {
    double m[11];          /* M1..M11 (0..3, accept < 1); M8-M11 NaN when not defined */
    int nm;                /* 11, or 7 (stable filter or fewer than 6 years) */
    double q, q_m2;        /* Q and Q without M2 */
    int nfail;             /* number of M statistics >= 1 */
    double f_stable, p_stable;         /* F-test for stable seasonality on D8 */
    double kruskal_wallis, p_kruskal_wallis; /* Kruskal-Wallis chi-square on D8 */
    double f_moving, p_moving;         /* F-test for moving seasonality on D8 */
    fc_x11_seasonality identifiable;   /* combined test (Lothian & Morry 1978) */
    double f_residual, p_residual;     /* residual seasonality in D11 (differences) */
    double f_residual_3y, p_residual_3y; /* same, last 3 years (NaN if too short) */
    double ic_ratio;       /* I/C ratio of the final trend (F 2.H) */
    double is_ratio;       /* I/S ratio = global MSR (F 2.H) */
    double adr_irregular;  /* average duration of run of D13 (F 2.D) */
    int mcd;               /* months (quarters) for cyclical dominance (F 2.E) */
    double var_i, var_c, var_s, var_total; /* F 2.F relative contributions, percent */
} fc_x11_diagnostics;

/* Fills d from an X-11 result.  FC_ENUMERIC when a component has zero
 * variance (X-13 then prints no diagnostics either). */
fc_status fc_x11_diagnose(const fc_x11_result *r, fc_x11_diagnostics *d, fc_error *err);

/* ---- the production pipeline (x11auto.c): regARIMA pre-adjustment + X-11 ----
 * As X-13ARIMA-SEATS' spec `transform{function=auto} regression{aictest=(td
 * easter)} automdl{} outlier{} x11{} forecast{maxlead=12}`:
 *  1. log or level: airline model AICC on both scales (log one with the
 *     Jacobian), levels kept only when AICC(level) < AICC(log) - 2;
 *  2. calendar regressors by AICC on the airline model: trading day (td, 6
 *     columns, or td1coef, or none; with a log transform the leap-year
 *     effect is a prior adjustment, in levels an `lpyear` regressor), Easter
 *     (easter[1], [8] or [15], or none), Lunar New Year (the three `lny`
 *     windows, or none) when asked for;
 *  3. additive outliers and level shifts (temporary changes with
 *     outlier_tc) found on the airline model by the t-statistics of Chen &
 *     Liu (1993) against X-13's default critical value for the series
 *     length, added one at a time, then the least significant removed
 *     while below it;
 *  4. automatic ARIMA by X-13's automdl (opt->automdl, default; the TRAMO
 *     procedure: differencing and ARMA orders identified on the series
 *     without its regression effects, calendar tests and outliers redone
 *     with the identified model, comparison with the airline model,
 *     Ljung-Box checks, final checks; see README) or, with automdl = 0,
 *     R's auto.arima search; X-13's trend constant enters as a regressor
 *     ("Constant", reported first in reg_names, not removed from B1);
 *  5. one-year-ahead (opt->nforecast) forecasts extend the pre-adjusted B1;
 *  6. X-11; final D16 = D10 x calendar factors, D11 = original / D16, D12
 *     includes level shifts, D13 = D11 / D12 (AO and TC stay in D13).
 * Differences from X-13 (documented, see README): the model differs from
 * X-13's on 3 of the 7 reference series (outlier t-values near the
 * critical value, one differencing decision), and X-13's likelihood-based
 * AICC constants differ from R's (comparisons only use differences). */

typedef struct {
    fc_x11_options x11;       /* mode is replaced by the transform choice */
    int transform;            /* -1 auto (default), 0 levels, 1 log */
    const char *calendar;     /* candidates, comma separated from td, easter, lny;
                                 default "td,easter"; "" = none */
    fc_calendar_options cal;  /* country, LNY windows, holidays */
    int outliers;             /* 1 (default): detect outliers; 0: none */
    int outlier_tc;           /* 0 (default): AO and LS only, X-13's default
                                 outlier{} types; 1: also TC (0.7 decay) */
    double outlier_cv;        /* critical |t|; 0 (default) = X-13's for n */
    size_t nforecast;         /* forecasts extending B1, default 12 */
    int automdl;              /* 1 (default): ARIMA orders by X-13's automdl
                                 (TRAMO procedure); 0: R's auto.arima search */
} fc_x11_auto_options;

void fc_x11_auto_options_default(fc_x11_auto_options *opt);

#define FC_X11_AUTO_MAXREG 48

typedef struct {
    fc_x11_result *x11;        /* final tables (d10/d11/d12/d13/d16 as X-13
                                  prints them); x11->b1 is the pre-adjusted B1 */
    double *original;          /* n: the input series */
    double *calendar_factor;   /* n: td x Easter x LNY x leap-year factors (ratios; differences in levels) */
    int log_transform;         /* 1 = log (multiplicative X-11), 0 = levels (additive) */
    double aicc_level, aicc_log;
    fc_arima_order order;      /* ARIMA orders of the final model */
    int constant;              /* model has an intercept/drift */
    size_t nreg;               /* regressors of the final model */
    char reg_names[FC_X11_AUTO_MAXREG][24];
    double reg_coef[FC_X11_AUTO_MAXREG], reg_se[FC_X11_AUTO_MAXREG];
    int lpyear_prior;          /* leap-year prior adjustment applied */
    double loglik, aicc;       /* final regARIMA fit (R conventions) */
    char note[512];            /* what was done differently from X-13 / skipped */
} fc_x11_auto_result;

/* Runs the pipeline on y (complete, monthly or quarterly, >= 3 years).
 * Allocates *out; free with fc_x11_auto_result_free. */
fc_status fc_x11_auto(const fc_series *y, const fc_x11_auto_options *opt,
                      fc_x11_auto_result **out, fc_error *err);

void fc_x11_auto_result_free(fc_x11_auto_result *r);

/* ---- sliding spans (slidingspans.c): X-13's slidingspans spec,
 * Findley, Monsell, Shulman & Pugh (1990), JASA 85, 345-355.
 * X-11 is run (same options) on up to 4 overlapping spans of span_years
 * years, the last ending at the series end, each one year before the next;
 * the seasonal filter of every span is fixed to the D10 filter chosen on
 * the whole series, and the span length follows it: 3x1/3x3 -> 6 years,
 * 3x5 -> 8, 3x9 -> 11 (3x15 and stable: 11, our choice).  For every period
 * covered by at least two spans:
 *   seasonal: MPD = 100 (max - min) / min of D10 across the spans (percent);
 *   SA change: MPD = max - min across spans of 100 (D11_t / D11_{t-1} - 1)
 *              (percentage points; both t and t-1 in the span).
 * A period is flagged when its MPD exceeds 3 (percent); the verdict on the
 * share of flagged periods is stable (< 15 %), marginal (15-25 %) or
 * unstable (> 25 %), for both measures (thresholds of domain.md 5.4; X-13
 * may use other ones for the changes: not checked).  Modes with ratio
 * factors only (mult, logadd, pseudoadd): additive mode is FC_EINVAL.
 * NOT tested against X-13 output (no sliding-spans reference run exists
 * here); tests check the definitions on constructed series.  Errors: as
 * fc_x11; FC_ESHORT when fewer than span_years + 1 years (2 spans). */
typedef enum {
    FC_SPANS_STABLE = 0,
    FC_SPANS_MARGINAL,
    FC_SPANS_UNSTABLE
} fc_spans_verdict;

typedef struct {
    int nspans;                  /* 2..4 */
    int span_years;
    fc_period span_start[4];     /* first period of each span */
    size_t span_length;          /* periods per span */
    fc_seasonal_filter filter;   /* D10 filter used in every span */
    double cutoff;               /* 3 (percent) */
    size_t n;                    /* periods from the first span start to the series end */
    fc_period start;
    int freq;
    double *seasonal_mpd;        /* n: percent; NaN where fewer than 2 spans */
    double *change_mpd;          /* n: percentage points; NaN where fewer than 2 spans */
    size_t seasonal_compared, seasonal_flagged;
    double seasonal_pct;         /* 100 flagged / compared */
    fc_spans_verdict seasonal_verdict;
    size_t change_compared, change_flagged;
    double change_pct;
    fc_spans_verdict change_verdict;
} fc_x11_sliding_spans;

fc_status fc_x11_sliding_spans_run(const fc_series *y, const fc_x11_options *opt,
                                   fc_x11_sliding_spans **out, fc_error *err);
void fc_x11_sliding_spans_free(fc_x11_sliding_spans *s);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
