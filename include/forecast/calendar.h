/* libforecast: calendar, holidays and calendar regressors (calendar layer). */
#ifndef FORECAST_CALENDAR_H
#define FORECAST_CALENDAR_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
