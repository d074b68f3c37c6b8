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

/* Index of the first element of the sorted array base[0..n) (elements of
 * `size` bytes, in the order of cmp, a qsort comparison) that is not less
 * than *key; n when every element is less.  Binary search: O(log n). */
static inline size_t fc_lower_bound(const void *base, size_t n, size_t size, const void *key,
                                    int (*cmp)(const void *, const void *))
{
    const char *a = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(a + mid * size, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
