/* Period arithmetic for monthly and quarterly series. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

fc_status fc_freq_check(int freq, fc_error *err)
{
    if (freq == 12 || freq == 4)
        return FC_OK;
    return fc_fail(err, FC_EFREQ,
                   "frequency %d is not supported (use 12 for monthly or 4 for quarterly)",
                   freq);
}

int fc_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int fc_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && fc_is_leap_year(year));
}

/* Reads exactly `count` digits from *p; returns -1 if they are not digits. */
static int read_digits(const char **p, int count)
{
    int value = 0;
    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        value = value * 10 + ((*p)[i] - '0');
    }
    *p += count;
    return value;
}

fc_status fc_period_parse(const char *text, fc_period *out, int *freq_out,
                          fc_error *err)
{
    if (!text || !out || !freq_out)
        return fc_fail(err, FC_EINVAL, "fc_period_parse: NULL argument");
    const char *p = text;
    int year = read_digits(&p, 4);
    if (year < 0 || *p != '-')
        goto bad;
    p++;
    if (*p == 'Q' || *p == 'q') {
        p++;
        if (*p < '1' || *p > '4' || p[1] != '\0')
            goto bad;
        out->year = year;
        out->sub = *p - '0';
        *freq_out = 4;
        return FC_OK;
    }
    int month = read_digits(&p, 2);
    if (month < 1 || month > 12)
        goto bad;
    if (*p == '-') {
        p++;
        int day = read_digits(&p, 2);
        if (day < 1 || day > fc_days_in_month(year, month))
            goto bad;
    }
    if (*p != '\0')
        goto bad;
    out->year = year;
    out->sub = month;
    *freq_out = 12;
    return FC_OK;
bad:
    return fc_fail(err, FC_EPARSE,
                   "\"%s\" is not a period (expected YYYY-MM, YYYY-MM-DD or YYYY-Qn)",
                   text);
}

fc_status fc_period_format(fc_period p, int freq, char *buf, size_t size)
{
    if (!buf || size < 16)
        return FC_EINVAL;
    if (fc_freq_check(freq, NULL) != FC_OK)
        return FC_EFREQ;
    if (p.sub < 1 || p.sub > freq)
        return FC_EINVAL;
    if (freq == 12)
        snprintf(buf, size, "%04d-%02d", p.year, p.sub);
    else
        snprintf(buf, size, "%04d-Q%d", p.year, p.sub);
    return FC_OK;
}

/* Floor division, so that negative offsets move to earlier years. */
static long floor_div(long a, long b)
{
    long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

fc_period fc_period_add(fc_period p, int freq, long k)
{
    long index = (long)p.year * freq + (p.sub - 1) + k;
    fc_period r;
    r.year = (int)floor_div(index, freq);
    r.sub = (int)(index - (long)r.year * freq) + 1;
    return r;
}

long fc_period_diff(fc_period a, fc_period b, int freq)
{
    return ((long)b.year * freq + b.sub) - ((long)a.year * freq + a.sub);
}
