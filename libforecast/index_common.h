/* Private helpers of the index layer (aggregate.c, contrib.c, chain.c,
 * weights.c): calendar-year positions inside a series. */
#ifndef FORECAST_INDEX_COMMON_H
#define FORECAST_INDEX_COMMON_H

#include "internal.h"
#include "forecast/index.h"

/* Position (may be negative or >= n) of period (year, sub) in a series
 * starting at start with frequency freq. */
static inline long fc_ix_pos(fc_period start, int freq, int year, int sub)
{
    return ((long)year - start.year) * freq + (sub - start.sub);
}

/* Position of the first period of `year`. */
static inline long fc_ix_year_start(fc_period start, int freq, int year)
{
    return fc_ix_pos(start, freq, year, 1);
}

/* Calendar year of position t (t >= 0). */
static inline int fc_ix_year_of(fc_period start, int freq, size_t t)
{
    long k = (long)(start.sub - 1) + (long)t;
    return start.year + (int)(k / freq);
}

/* Sub-period (1..freq) of position t. */
static inline int fc_ix_sub_of(fc_period start, int freq, size_t t)
{
    long k = (long)(start.sub - 1) + (long)t;
    return (int)(k % freq) + 1;
}

/* Formats period at position t as "YYYY-MM" / "YYYY-Qn" into buf[16]. */
static inline const char *fc_ix_label(fc_period start, int freq, size_t t, char *buf)
{
    fc_period p = fc_period_add(start, freq, (long)t);
    if (fc_period_format(p, freq, buf, 16) != FC_OK)
        buf[0] = '\0';
    return buf;
}



/* The compiled aggregate (aggregate.c builds it, contrib.c reads it).
 * Years are numbered from y0: row r is calendar year y0 + r. */
struct fc_aggregate {
    fc_aggregate_method method;
    size_t n, k;          /* periods, components */
    int freq;
    fc_period start;
    double *x;            /* k x n copy of the component values */
    fc_series *index;     /* the aggregate */
    size_t first;         /* first position with an index value */
    int y0;               /* first year (chain reference year / data start) */
    size_t nyears;        /* rows of w and base */
    double *w;            /* fixed-base: k normalised weights (one row);
                             annual-overlap: nyears x k weights of the links
                             of each year, 0 outside the basket */
    double *base;         /* annual-overlap: nyears x k, the component mean
                             its links of that year are relative to */
    double *ibar_prev;    /* annual-overlap: nyears, mean of the aggregate
                             over the previous year (100 for y0) */
};
#endif
