/* libforecast: growth rates and index compilation (index layer). */
#ifndef FORECAST_INDEX_H
#define FORECAST_INDEX_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======== growth rates, quarterly aggregation, YTD, published-index consistency (growth.c) — foundation issue ======== */

/* (end of section) */

/* ======== aggregation, chain-linking, rebasing, splicing, contributions (chain.c and friends) — index issue ======== */

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
