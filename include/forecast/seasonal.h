/* libforecast: seasonal adjustment: STL, X-11 and diagnostics (seasonal layer). */
#ifndef FORECAST_SEASONAL_H
#define FORECAST_SEASONAL_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
