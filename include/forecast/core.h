/* libforecast core: status codes, error context, periods and the series type.
 *
 * Conventions (see DESIGN.md §2): every fallible function returns fc_status
 * (0 = FC_OK) and, when the caller passes a non-NULL fc_error, writes a
 * message a person can act on.  Nothing here keeps global state. */
#ifndef FORECAST_CORE_H
#define FORECAST_CORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FC_VERSION_MAJOR 0
#define FC_VERSION_MINOR 1
#define FC_VERSION_PATCH 0
#define FC_VERSION_STRING "0.1.0"

typedef enum {
    FC_OK = 0,
    FC_EINVAL,     /* invalid argument or option */
    FC_ENOMEM,     /* allocation failed */
    FC_EMISSING,   /* missing value (NaN) where none is allowed */
    FC_ESHORT,     /* series empty or too short for the method */
    FC_EFREQ,      /* unsupported or mismatched frequency */
    FC_EPARSE,     /* unparsable input (CSV, period, number) */
    FC_EIO,        /* file could not be read or written */
    FC_EDOMAIN,    /* value outside the method's domain (e.g. log of <= 0) */
    FC_ESINGULAR,  /* singular matrix / non-identifiable fit */
    FC_ENOCONV,    /* iterative method did not converge */
    FC_ENUMERIC,   /* numerical failure (overflow, non-finite result) */
    FC_ERANGE,     /* index or period outside the series */
    FC_STATUS_COUNT
} fc_status;

/* Static English description of a status code; never NULL. */
const char *fc_strerror(fc_status status);

#define FC_ERROR_MESSAGE_SIZE 512

/* Caller-provided error context.  Functions fill it only on failure. */
typedef struct {
    fc_status status;
    char message[FC_ERROR_MESSAGE_SIZE];
} fc_error;

/* Resets an error context to FC_OK with an empty message (NULL is allowed). */
void fc_error_clear(fc_error *err);

/* Runtime library version, e.g. "0.1.0". */
const char *fc_version(void);

/* ---------------------------------------------------------------- periods */

/* A period of a monthly (freq 12) or quarterly (freq 4) series:
 * year and sub-period 1..freq (month or quarter). */
typedef struct {
    int year;
    int sub;
} fc_period;

/* Returns FC_OK when freq is 12 or 4, FC_EFREQ otherwise (message in err). */
fc_status fc_freq_check(int freq, fc_error *err);

/* Parses "YYYY-MM", "YYYY-MM-DD" (day ignored, but must be valid) or
 * "YYYY-Qn".  *freq_out receives 12 or 4. */
fc_status fc_period_parse(const char *text, fc_period *out, int *freq_out,
                          fc_error *err);

/* Formats as "YYYY-MM" (freq 12) or "YYYY-Qn" (freq 4).  buf needs at
 * least 16 bytes.  Returns FC_EFREQ or FC_EINVAL on bad arguments. */
fc_status fc_period_format(fc_period p, int freq, char *buf, size_t size);

/* p + k periods (k may be negative). */
fc_period fc_period_add(fc_period p, int freq, long k);

/* Number of periods from a to b (b - a). */
long fc_period_diff(fc_period a, fc_period b, int freq);

/* 1 if year is a Gregorian leap year. */
int fc_is_leap_year(int year);

/* Days in month (1..12) of year; 0 for an invalid month. */
int fc_days_in_month(int year, int month);

/* ----------------------------------------------------------------- series */

/* A regular time series.  values[i] is the observation of period
 * fc_series_period(s, i); NaN marks a missing value.  The struct is public
 * for reading; allocate and free it with the functions below. */
typedef struct {
    size_t n;
    int freq;          /* 12 or 4 */
    fc_period start;   /* period of values[0] */
    double *values;
    char *name;        /* may be NULL */
} fc_series;

/* Allocates a series of n values, all NaN. */
fc_status fc_series_alloc(size_t n, int freq, fc_period start,
                          fc_series **out, fc_error *err);

/* Allocates a series holding a copy of values[0..n). */
fc_status fc_series_from_array(const double *values, size_t n, int freq,
                               fc_period start, fc_series **out, fc_error *err);

void fc_series_free(fc_series *s);

fc_status fc_series_copy(const fc_series *s, fc_series **out, fc_error *err);

/* Copy of len values starting at index from. */
fc_status fc_series_sub(const fc_series *s, size_t from, size_t len,
                        fc_series **out, fc_error *err);

/* Copy of the periods first..last inclusive (must lie inside s). */
fc_status fc_series_window(const fc_series *s, fc_period first,
                           fc_period last, fc_series **out, fc_error *err);

/* Sets (copies) the name; NULL clears it. */
fc_status fc_series_set_name(fc_series *s, const char *name, fc_error *err);

/* Period of observation i. */
fc_period fc_series_period(const fc_series *s, size_t i);

/* Period of the last observation (start when n = 0). */
fc_period fc_series_end(const fc_series *s);

/* Index of period p in s, or FC_ERANGE when outside. */
fc_status fc_series_index_of(const fc_series *s, fc_period p, size_t *index,
                             fc_error *err);

/* Number of NaN values. */
size_t fc_series_count_missing(const fc_series *s);

/* FC_EMISSING (naming the first missing period) if any value is NaN or
 * infinite; FC_ESHORT if s->n < min_n.  `what` names the series in messages. */
fc_status fc_series_require_complete(const fc_series *s, size_t min_n,
                                     const char *what, fc_error *err);

#ifdef __cplusplus
}
#endif

#endif
