/* libforecast: seasonal adjustment: STL, X-11 and diagnostics (seasonal layer). */
#ifndef FORECAST_SEASONAL_H
#define FORECAST_SEASONAL_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== STL (stl.c) — calendar/STL issue ======== */

/* (end of section) */

/* ======== X-11 (x11.c) and its diagnostics (sadiag.c) — X-11 issue ======== */

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
