/* libforecast: state space, SARIMA, regression with ARIMA errors, automatic models (arima layer). */
#ifndef FORECAST_ARIMA_H
#define FORECAST_ARIMA_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
