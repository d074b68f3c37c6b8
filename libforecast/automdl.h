/* Internal: X-13ARIMA-SEATS' automatic ARIMA model identification (spec
 * automdl{}, a TRAMO procedure) used by the X-11 production pipeline
 * (x11auto.c).  Not installed; see automdl.c for the references. */
#ifndef FORECAST_AUTOMDL_H
#define FORECAST_AUTOMDL_H

#include "forecast/arima.h"

#define FC_AUTOMDL_NBEST 5

/* One candidate of the ARMA search and its normalised BIC. */
typedef struct {
    int p, q, P, Q;
    double bic;
} fc_automdl_candidate;

typedef struct {
    fc_arima_order order;   /* chosen orders (period set) */
    int mean;               /* 1: the mean (of the differenced series) is significant */
    double mean_t;          /* its t-value */
    size_t nbest;           /* candidates kept, best first */
    fc_automdl_candidate best[FC_AUTOMDL_NBEST];
    size_t fits;            /* models estimated */
} fc_automdl_choice;

/* Identifies (d, D), the mean and the ARMA orders of the linearised series
 * z[0..n) (regression effects removed) with seasonal period s (1 = none),
 * maximum orders p, q <= 2, P, Q <= 1, d <= 2, D <= 1 (X-13's defaults). */
fc_status fc_automdl_identify(const double *z, size_t n, int s, fc_automdl_choice *out,
                              fc_error *err);

/* c[0..n) = the regression variable whose (1-B)^d (1-B^s)^D differences
 * are ones (zero start values): X-13's trend constant. */
void fc_automdl_constant_column(double *c, size_t n, int d, int D, int s);

/* Residual diagnostics of a fitted regARIMA model as X-13's automdl uses
 * them: plbox = 1 - p-value of the Ljung-Box Q (24 lags monthly, 4 s
 * otherwise, degrees of freedom less the ARMA coefficients), rvr = residual
 * standard deviation, rtval = t-value of the residual mean. */
typedef struct {
    double plbox, rvr, rtval, q;
    int lags, df;
} fc_automdl_check;

void fc_automdl_diagnostics(const fc_arima_model *m, fc_automdl_check *out);

/* Number of real positive inverse roots of the regular (seasonal = 0) or
 * seasonal (1) AR polynomial of m whose modulus exceeds limit. */
int fc_automdl_ar_unit_roots(const fc_arima_model *m, int seasonal, double limit);

/* theta(1) of the regular MA polynomial (1 + ma1 + ... + maq). */
double fc_automdl_ma_at_one(const fc_arima_model *m);

/* Coefficient named name ("ar1", "sma1", ...) of m and its standard error;
 * returns 0 when absent. */
int fc_automdl_coef(const fc_arima_model *m, const char *name, double *value, double *se);

#endif
