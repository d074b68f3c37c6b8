/* libforecast: moving averages and loess (filters layer). */
#ifndef FORECAST_FILTERS_H
#define FORECAST_FILTERS_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== loess smoothing (loess.c) — STL issue ======== */

/* (end of section) */

/* ======== moving averages: Henderson, seasonal 3xk, Musgrave end weights (filters.c) — X-11 issue ======== */

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
