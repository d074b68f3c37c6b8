/* libforecast: moving averages and loess (filters layer). */
#ifndef FORECAST_FILTERS_H
#define FORECAST_FILTERS_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
