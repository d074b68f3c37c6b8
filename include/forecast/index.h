/* libforecast: growth rates and index compilation (index layer). */
#ifndef FORECAST_INDEX_H
#define FORECAST_INDEX_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
