/* Sliding spans diagnostic of X-11 (X-13ARIMA-SEATS slidingspans spec):
 * Findley, Monsell, Shulman & Pugh (1990), "Sliding spans diagnostics for
 * seasonal and related adjustments", JASA 85, 345-355; thresholds as
 * domain.md section 5.4.  Definitions are in forecast/seasonal.h.  Not
 * tested against X-13 output (no reference run); see tests/test_sadiag.c. */
#include "internal.h"
#include "forecast/seasonal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SPANS 4

static fc_x11_seasonal_ma fixed_option(fc_seasonal_filter f)
{
    switch (f) {
    case FC_SEASONAL_3X1: return FC_X11_SMA_3X1;
    case FC_SEASONAL_3X3: return FC_X11_SMA_3X3;
    case FC_SEASONAL_3X5: return FC_X11_SMA_3X5;
    case FC_SEASONAL_3X9: return FC_X11_SMA_3X9;
    case FC_SEASONAL_3X15: return FC_X11_SMA_3X15;
    default: return FC_X11_SMA_STABLE;
    }
}

/* Span length in years from the seasonal filter (X-13: 3x3 -> 6, 3x5 -> 8,
 * 3x9 -> 11; longer filters are given 11 here). */
static int span_years_for(fc_seasonal_filter f)
{
    switch (f) {
    case FC_SEASONAL_3X1:
    case FC_SEASONAL_3X3: return 6;
    case FC_SEASONAL_3X5: return 8;
    default: return 11;
    }
}

static fc_spans_verdict verdict(double pct)
{
    return pct > 25.0 ? FC_SPANS_UNSTABLE : pct >= 15.0 ? FC_SPANS_MARGINAL : FC_SPANS_STABLE;
}

void fc_x11_sliding_spans_free(fc_x11_sliding_spans *s)
{
    if (!s)
        return;
    free(s->seasonal_mpd);
    free(s->change_mpd);
    free(s);
}

/* Max/min accumulators per period of the compared range. */
typedef struct {
    double *smax, *smin, *cmax, *cmin;
    int *scount, *ccount;
} span_acc;

static void acc_free(span_acc *a)
{
    free(a->smax);
    free(a->smin);
    free(a->cmax);
    free(a->cmin);
    free(a->scount);
    free(a->ccount);
}

static int acc_alloc(span_acc *a, size_t n)
{
    memset(a, 0, sizeof *a);
    a->smax = malloc(n * sizeof(double));
    a->smin = malloc(n * sizeof(double));
    a->cmax = malloc(n * sizeof(double));
    a->cmin = malloc(n * sizeof(double));
    a->scount = calloc(n, sizeof(int));
    a->ccount = calloc(n, sizeof(int));
    return a->smax && a->smin && a->cmax && a->cmin && a->scount && a->ccount;
}

static void acc_add(double *mx, double *mn, int *cnt, size_t i, double v)
{
    if (cnt[i] == 0 || v > mx[i])
        mx[i] = v;
    if (cnt[i] == 0 || v < mn[i])
        mn[i] = v;
    cnt[i]++;
}

/* Runs X-11 on span k (periods [off, off + len) of y) and accumulates its
 * D10 and D11 changes at positions off - first. */
static fc_status run_span(const fc_series *y, const fc_x11_options *o, size_t off, size_t len,
                          size_t first, span_acc *a, fc_error *err)
{
    fc_series sub = *y;
    sub.values = y->values + off;
    sub.n = len;
    sub.start = fc_series_period(y, off);
    fc_x11_result *r = NULL;
    fc_status st = fc_x11(&sub, o, &r, err);
    if (st)
        return st;
    for (size_t t = 0; t < len; t++) {
        size_t i = off + t - first;
        acc_add(a->smax, a->smin, a->scount, i, r->d10[t]);
        if (t > 0)
            acc_add(a->cmax, a->cmin, a->ccount, i, 100.0 * (r->d11[t] / r->d11[t - 1] - 1.0));
    }
    fc_x11_result_free(r);
    return FC_OK;
}

static void summarise(fc_x11_sliding_spans *s, const span_acc *a)
{
    for (size_t i = 0; i < s->n; i++) {
        s->seasonal_mpd[i] = NAN;
        s->change_mpd[i] = NAN;
        if (a->scount[i] >= 2) {
            s->seasonal_mpd[i] = 100.0 * (a->smax[i] - a->smin[i]) / a->smin[i];
            s->seasonal_compared++;
            s->seasonal_flagged += s->seasonal_mpd[i] > s->cutoff;
        }
        if (a->ccount[i] >= 2) {
            s->change_mpd[i] = a->cmax[i] - a->cmin[i];
            s->change_compared++;
            s->change_flagged += s->change_mpd[i] > s->cutoff;
        }
    }
    s->seasonal_pct = s->seasonal_compared ?
                      100.0 * (double)s->seasonal_flagged / (double)s->seasonal_compared : 0.0;
    s->change_pct = s->change_compared ?
                    100.0 * (double)s->change_flagged / (double)s->change_compared : 0.0;
    s->seasonal_verdict = verdict(s->seasonal_pct);
    s->change_verdict = verdict(s->change_pct);
}

fc_status fc_x11_sliding_spans_run(const fc_series *y, const fc_x11_options *opt,
                                   fc_x11_sliding_spans **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_x11_sliding_spans_run: NULL output pointer");
    *out = NULL;
    fc_x11_options o;
    if (opt)
        o = *opt;
    else
        fc_x11_options_default(&o);
    if (o.mode == FC_X11_ADD)
        return fc_fail(err, FC_EINVAL, "sliding spans compare seasonal factors as ratios; "
                       "additive mode is not supported (use mult, logadd or pseudoadd)");
    if (o.nforecast || o.nbackcast)
        return fc_fail(err, FC_EINVAL, "sliding spans need a series without back/forecasts");
    /* The whole series fixes the seasonal filter (and checks the input). */
    fc_x11_result *full = NULL;
    fc_status st = fc_x11(y, &o, &full, err);
    if (st)
        return st;
    fc_seasonal_filter f = full->d10_filter;
    fc_x11_result_free(full);
    int years = span_years_for(f);
    size_t fr = (size_t)y->freq, len = (size_t)years * fr;
    if (y->n < len + fr)
        return fc_fail(err, FC_ESHORT, "series has %zu observations; sliding spans of %d years "
                       "(%s seasonal filter) need at least %zu (two spans)", y->n, years,
                       f == FC_SEASONAL_3X3 ? "3x3" : f == FC_SEASONAL_3X5 ? "3x5" : "chosen",
                       len + fr);
    size_t ns = (y->n - len) / fr + 1;
    if (ns > MAX_SPANS)
        ns = MAX_SPANS;
    size_t first = y->n - len - (ns - 1) * fr;
    fc_x11_sliding_spans *s = calloc(1, sizeof *s);
    span_acc a;
    int ok = s && acc_alloc(&a, y->n - first);
    if (ok) {
        s->n = y->n - first;
        ok = (s->seasonal_mpd = malloc(s->n * sizeof(double))) &&
             (s->change_mpd = malloc(s->n * sizeof(double)));
    }
    if (!ok) {
        if (s)
            acc_free(&a);
        fc_x11_sliding_spans_free(s);
        return fc_fail(err, FC_ENOMEM, "cannot allocate sliding spans for %zu values", y->n);
    }
    s->nspans = (int)ns;
    s->span_years = years;
    s->span_length = len;
    s->filter = f;
    s->cutoff = 3.0;
    s->freq = y->freq;
    s->start = fc_series_period(y, first);
    o.seasonalma = fixed_option(f);
    for (size_t k = 0; k < ns; k++) {
        size_t off = first + k * fr;
        s->span_start[k] = fc_series_period(y, off);
        if ((st = run_span(y, &o, off, len, first, &a, err))) {
            acc_free(&a);
            fc_x11_sliding_spans_free(s);
            return st;
        }
    }
    summarise(s, &a);
    acc_free(&a);
    *out = s;
    return FC_OK;
}
