/* Private helpers shared by the calendar modules (calendar.c, calregs.c,
 * holidays.c); not installed. */
#ifndef FORECAST_CALENDAR_INTERNAL_H
#define FORECAST_CALENDAR_INTERNAL_H

#include "forecast/calendar.h"

/* Validates a regressor request: frequency 12 or 4, out non-NULL, n > 0,
 * start sub-period valid, and every period's year in year_min..year_max. */
fc_status fc_calendar_check_span(int freq, fc_period start, size_t n, const void *out,
                                 int year_min, int year_max, fc_error *err);

/* First day (JDN) and number of days of period p of a freq-12/4 series. */
void fc_calendar_period_span(fc_period p, int freq, long *first, int *ndays);

/* k centred LNY regressors at once (out: n x k row-major), sharing the
 * astronomy; what fc_calendar_lny does for one window. */
fc_status fc_calendar_lny_multi(int freq, fc_period start, size_t n,
                                const fc_lny_window *windows, size_t k,
                                const fc_lny_options *opt, double *out, fc_error *err);

#endif
