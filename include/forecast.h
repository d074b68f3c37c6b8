/* libforecast umbrella header: include this one file to use the library.
 * Link with `pkg-config --libs forecast`. */
#ifndef FORECAST_H
#define FORECAST_H

#include "forecast/core.h"
#include "forecast/io.h"
#include "forecast/index.h"
#include "forecast/calendar.h"
#include "forecast/filters.h"
#include "forecast/seasonal.h"
#include "forecast/arima.h"
#include "forecast/project.h"

#endif
