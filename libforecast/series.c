/* The series type: allocation, copies, windows and validation. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *duplicate_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

fc_status fc_series_alloc(size_t n, int freq, fc_period start, fc_series **out,
                          fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_series_alloc: NULL output pointer");
    *out = NULL;
    fc_status st = fc_freq_check(freq, err);
    if (st)
        return st;
    if (start.sub < 1 || start.sub > freq)
        return fc_fail(err, FC_EINVAL, "start period %d is outside 1..%d",
                       start.sub, freq);
    if (n > ((size_t)-1) / sizeof(double))
        return fc_fail(err, FC_ENOMEM, "series of %zu values is too large", n);
    fc_series *s = calloc(1, sizeof *s);
    double *values = malloc((n ? n : 1) * sizeof *values);
    if (!s || !values) {
        free(s);
        free(values);
        return fc_fail(err, FC_ENOMEM, "cannot allocate a series of %zu values", n);
    }
    for (size_t i = 0; i < n; i++)
        values[i] = NAN;
    s->n = n;
    s->freq = freq;
    s->start = start;
    s->values = values;
    *out = s;
    return FC_OK;
}

fc_status fc_series_from_array(const double *values, size_t n, int freq,
                               fc_period start, fc_series **out, fc_error *err)
{
    if (!values && n > 0)
        return fc_fail(err, FC_EINVAL, "fc_series_from_array: NULL values");
    fc_status st = fc_series_alloc(n, freq, start, out, err);
    if (st)
        return st;
    if (n)
        memcpy((*out)->values, values, n * sizeof *values);
    return FC_OK;
}

void fc_series_free(fc_series *s)
{
    if (!s)
        return;
    free(s->values);
    free(s->name);
    free(s);
}

fc_status fc_series_set_name(fc_series *s, const char *name, fc_error *err)
{
    if (!s)
        return fc_fail(err, FC_EINVAL, "fc_series_set_name: NULL series");
    char *copy = NULL;
    if (name && !(copy = duplicate_string(name)))
        return fc_fail(err, FC_ENOMEM, "cannot copy series name");
    free(s->name);
    s->name = copy;
    return FC_OK;
}

fc_status fc_series_sub(const fc_series *s, size_t from, size_t len,
                        fc_series **out, fc_error *err)
{
    if (!s || !out)
        return fc_fail(err, FC_EINVAL, "fc_series_sub: NULL argument");
    *out = NULL;
    if (from > s->n || len > s->n - from)
        return fc_fail(err, FC_ERANGE,
                       "span [%zu, %zu) is outside a series of %zu values",
                       from, from + len, s->n);
    fc_status st = fc_series_from_array(s->values + from, len, s->freq,
                                        fc_period_add(s->start, s->freq, (long)from),
                                        out, err);
    if (st == FC_OK && s->name)
        st = fc_series_set_name(*out, s->name, err);
    if (st) {
        fc_series_free(*out);
        *out = NULL;
    }
    return st;
}

fc_status fc_series_copy(const fc_series *s, fc_series **out, fc_error *err)
{
    if (!s)
        return fc_fail(err, FC_EINVAL, "fc_series_copy: NULL series");
    return fc_series_sub(s, 0, s->n, out, err);
}

fc_period fc_series_period(const fc_series *s, size_t i)
{
    return fc_period_add(s->start, s->freq, (long)i);
}

fc_period fc_series_end(const fc_series *s)
{
    return s->n ? fc_series_period(s, s->n - 1) : s->start;
}

fc_status fc_series_index_of(const fc_series *s, fc_period p, size_t *index,
                             fc_error *err)
{
    if (!s || !index)
        return fc_fail(err, FC_EINVAL, "fc_series_index_of: NULL argument");
    long k = fc_period_diff(s->start, p, s->freq);
    if (k < 0 || (size_t)k >= s->n || p.sub < 1 || p.sub > s->freq) {
        char buf[16] = "?";
        fc_period_format(p, s->freq, buf, sizeof buf);
        return fc_fail(err, FC_ERANGE, "period %s is outside the series", buf);
    }
    *index = (size_t)k;
    return FC_OK;
}

fc_status fc_series_window(const fc_series *s, fc_period first, fc_period last,
                           fc_series **out, fc_error *err)
{
    size_t i0, i1;
    fc_status st = fc_series_index_of(s, first, &i0, err);
    if (!st)
        st = fc_series_index_of(s, last, &i1, err);
    if (st)
        return st;
    if (i1 < i0)
        return fc_fail(err, FC_ERANGE, "window ends before it starts");
    return fc_series_sub(s, i0, i1 - i0 + 1, out, err);
}

size_t fc_series_count_missing(const fc_series *s)
{
    size_t count = 0;
    if (s)
        for (size_t i = 0; i < s->n; i++)
            count += isnan(s->values[i]) != 0;
    return count;
}

fc_status fc_series_require_complete(const fc_series *s, size_t min_n,
                                     const char *what, fc_error *err)
{
    if (!what)
        what = "series";
    if (!s)
        return fc_fail(err, FC_EINVAL, "%s is NULL", what);
    if (s->n == 0)
        return fc_fail(err, FC_ESHORT, "%s is empty", what);
    if (s->n < min_n)
        return fc_fail(err, FC_ESHORT, "%s has %zu observations; at least %zu are needed",
                       what, s->n, min_n);
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(s->values[i])) {
            char buf[16] = "?";
            fc_period_format(fc_series_period(s, i), s->freq, buf, sizeof buf);
            return fc_fail(err, FC_EMISSING, "%s has a missing or non-finite value at %s",
                           what, buf);
        }
    }
    return FC_OK;
}
