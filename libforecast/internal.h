/* Private helpers shared by the library's modules (not installed). */
#ifndef FORECAST_INTERNAL_H
#define FORECAST_INTERNAL_H

#include "forecast/core.h"

#if defined(__GNUC__)
#define FC_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FC_PRINTF_LIKE(fmt, args)
#endif

/* Records status and a formatted message in err (if non-NULL) and returns
 * status, so that callers can write `return fc_fail(err, FC_EINVAL, ...)`. */
fc_status fc_fail(fc_error *err, fc_status status, const char *fmt, ...)
    FC_PRINTF_LIKE(3, 4);

/* Turns off GSL's default error handler (which aborts) before any GSL call.
 * GSL keeps that handler in a process-wide pointer; writing the same value
 * from several threads is idempotent, and every GSL status is checked by the
 * caller instead. */
void fc_gsl_quiet(void);

#endif
