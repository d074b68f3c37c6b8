/* libforecast: forecast projection and quarter growth (projection layer). */
#ifndef FORECAST_PROJECT_H
#define FORECAST_PROJECT_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
