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

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
