/* Chain-linking one series of link indices, unchaining, re-referencing and
 * splicing (index layer; formulas in include/forecast/index.h and
 * domain.md §1.2 items 3-6).
 *
 * Annual overlap: IMF Quarterly National Accounts Manual 2017 §8 and the
 * Bundesbank KIX definitions ("chaining multiplies the values of year t by
 * the cumulated annual averages up to t-1 / 100").  One-period overlap:
 * Statistics Finland's December linking (domain.md §1.3-A, tested).
 * Splicing: MOSPI linking factors (domain.md §1.3-B, tested). */
#include "index_common.h"

#include <math.h>
#include <stdlib.h>

static fc_status check_input(const fc_series *s, const char *what, fc_error *err)
{
    if (!s || !s->values)
        return fc_fail(err, FC_EINVAL, "%s: NULL series", what);
    fc_status st = fc_freq_check(s->freq, err);
    if (st)
        return st;
    return fc_series_require_complete(s, 1, what, err);
}

static const char *method_name(fc_chain_method m)
{
    switch (m) {
    case FC_CHAIN_ANNUAL_OVERLAP: return "annual-overlap";
    case FC_CHAIN_ONE_PERIOD_OVERLAP: return "one-period-overlap";
    case FC_CHAIN_OVER_THE_YEAR: return "over-the-year";
    }
    return "unknown";
}

/* Mean of v over the calendar year starting at position p0 (all inside). */
static double year_mean(const double *v, long p0, int freq)
{
    double sum = 0.0;
    for (int k = 0; k < freq; k++)
        sum += v[p0 + k];
    return sum / freq;
}

/* The position where year y (> first year) takes its overlap from, i.e. the
 * start of year y-1 for annual overlap; checks that year y-1 is whole. */
static fc_status overlap_year_start(const fc_series *s, int year, long *p0, fc_error *err)
{
    long p = fc_ix_year_start(s->start, s->freq, year - 1);
    if (p < 0) {
        char buf[16];
        return fc_fail(err, FC_ESHORT,
                       "annual-overlap linking of %d needs the whole of %d for the overlap, "
                       "but the series starts %s; drop the incomplete first year",
                       year, year - 1, fc_ix_label(s->start, s->freq, 0, buf));
    }
    *p0 = p;
    return FC_OK;
}

/* Factor that turns the links of position t into levels (link) or the
 * levels into links (unlink uses 100 / factor), from the chain `lev`.
 * Returns NAN for positions of the first year, which pass through. */
static fc_status level_factor(const fc_series *s, const double *lev, fc_chain_method m,
                              size_t t, double *factor, fc_error *err)
{
    int year = fc_ix_year_of(s->start, s->freq, t);
    *factor = NAN;
    if (m == FC_CHAIN_OVER_THE_YEAR) {
        if (t >= (size_t)s->freq)
            *factor = lev[t - (size_t)s->freq];
        return FC_OK;
    }
    if (year == s->start.year)
        return FC_OK;
    if (m == FC_CHAIN_ONE_PERIOD_OVERLAP) {
        *factor = lev[fc_ix_year_start(s->start, s->freq, year) - 1];
        return FC_OK;
    }
    long p0 = 0;
    fc_status st = overlap_year_start(s, year, &p0, err);
    if (st)
        return st;
    *factor = year_mean(lev, p0, s->freq);
    return FC_OK;
}

static fc_status check_method(fc_chain_method m, fc_error *err)
{
    if (m != FC_CHAIN_ANNUAL_OVERLAP && m != FC_CHAIN_ONE_PERIOD_OVERLAP &&
        m != FC_CHAIN_OVER_THE_YEAR)
        return fc_fail(err, FC_EINVAL, "unknown chain-linking method %d", (int)m);
    return FC_OK;
}

fc_status fc_chain_link(const fc_series *links, fc_chain_method method, fc_series **out,
                        fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_chain_link: NULL output pointer");
    *out = NULL;
    fc_status st = check_method(method, err);
    if (!st)
        st = check_input(links, "link series", err);
    if (!st)
        st = fc_series_copy(links, out, err);
    if (st)
        return st;
    /* Levels are built in place, front to back: each factor only reads
     * levels of earlier positions. */
    double *lev = (*out)->values;
    for (size_t t = 0; t < links->n; t++) {
        double f;
        st = level_factor(links, lev, method, t, &f, err);
        if (st)
            break;
        if (!isnan(f))
            lev[t] = links->values[t] * f / 100.0;
    }
    if (st) {
        fc_series_free(*out);
        *out = NULL;
    }
    return st;
}

fc_status fc_chain_unlink(const fc_series *chain, fc_chain_method method, fc_series **out,
                          fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_chain_unlink: NULL output pointer");
    *out = NULL;
    fc_status st = check_method(method, err);
    if (!st)
        st = check_input(chain, "chain series", err);
    if (!st)
        st = fc_series_copy(chain, out, err);
    if (st)
        return st;
    for (size_t t = 0; t < chain->n && !st; t++) {
        double f;
        st = level_factor(chain, chain->values, method, t, &f, err);
        if (st || isnan(f))
            continue;
        if (!(f > 0.0)) {
            char buf[16];
            st = fc_fail(err, FC_EDOMAIN,
                         "%s unchaining of %s divides by %g; the chain must be positive",
                         method_name(method), fc_ix_label(chain->start, chain->freq, t, buf), f);
            break;
        }
        (*out)->values[t] = 100.0 * chain->values[t] / f;
    }
    if (st) {
        fc_series_free(*out);
        *out = NULL;
    }
    return st;
}

fc_status fc_chain_annual_mean(const fc_series *s, int year, double *mean, fc_error *err)
{
    if (!s || !s->values || !mean)
        return fc_fail(err, FC_EINVAL, "fc_chain_annual_mean: NULL argument");
    fc_status st = fc_freq_check(s->freq, err);
    if (st)
        return st;
    long p0 = fc_ix_year_start(s->start, s->freq, year);
    if (p0 < 0 || p0 + s->freq > (long)s->n) {
        char a[16], b[16];
        return fc_fail(err, FC_ERANGE, "year %d is not complete in the series (%s to %s)", year,
                       fc_ix_label(s->start, s->freq, 0, a),
                       fc_ix_label(s->start, s->freq, s->n ? s->n - 1 : 0, b));
    }
    for (int k = 0; k < s->freq; k++)
        if (!isfinite(s->values[p0 + k])) {
            char a[16];
            return fc_fail(err, FC_EMISSING, "year %d is not complete: %s is missing", year,
                           fc_ix_label(s->start, s->freq, (size_t)(p0 + k), a));
        }
    *mean = year_mean(s->values, p0, s->freq);
    return FC_OK;
}

fc_status fc_chain_rebase(const fc_series *s, int reference_year, fc_series **out,
                          fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_chain_rebase: NULL output pointer");
    *out = NULL;
    double mean;
    fc_status st = fc_chain_annual_mean(s, reference_year, &mean, err);
    if (st)
        return st;
    if (!(mean > 0.0))
        return fc_fail(err, FC_EDOMAIN,
                       "the mean of %d is %g; re-referencing needs a positive mean",
                       reference_year, mean);
    st = fc_series_copy(s, out, err);
    if (st)
        return st;
    for (size_t t = 0; t < s->n; t++)
        (*out)->values[t] = 100.0 * s->values[t] / mean;
    return FC_OK;
}

/* ---------------------------------------------------------------- splicing */

fc_splice_options fc_splice_options_default(void)
{
    fc_splice_options o = {0, 0, {0, 0}, 0};
    return o;
}

/* Mean of s over the periods [first, first + len) given as periods; FC_ERANGE
 * or FC_EMISSING when not all inside and present. */
static fc_status span_mean(const fc_series *s, fc_period first, long len, const char *what,
                           double *mean, fc_error *err)
{
    long p0 = fc_period_diff(s->start, first, s->freq);
    char a[16];
    if (p0 < 0 || p0 + len > (long)s->n) {
        fc_period_format(first, s->freq, a, sizeof a);
        return fc_fail(err, FC_ERANGE, "%s does not cover the overlap starting %s", what, a);
    }
    double sum = 0.0;
    for (long k = 0; k < len; k++) {
        double v = s->values[p0 + k];
        if (!isfinite(v))
            return fc_fail(err, FC_EMISSING, "%s is missing %s, inside the overlap", what,
                           fc_ix_label(s->start, s->freq, (size_t)(p0 + k), a));
        sum += v;
    }
    *mean = sum / (double)len;
    if (!(*mean > 0.0))
        return fc_fail(err, FC_EDOMAIN, "%s has mean %g over the overlap; it must be positive",
                       what, *mean);
    return FC_OK;
}

/* First calendar year that both series cover completely (values present). */
static fc_status first_common_year(const fc_series *a, const fc_series *b, int *year,
                                   fc_error *err)
{
    int y1 = a->start.year > b->start.year ? a->start.year : b->start.year;
    int ea = fc_series_end(a).year, eb = fc_series_end(b).year;
    int y2 = ea < eb ? ea : eb;
    for (int y = y1; y <= y2; y++) {
        double m;
        if (fc_chain_annual_mean(a, y, &m, NULL) == FC_OK &&
            fc_chain_annual_mean(b, y, &m, NULL) == FC_OK) {
            *year = y;
            return FC_OK;
        }
    }
    char s1[16], e1[16], s2[16], e2[16];
    return fc_fail(err, FC_ERANGE,
                   "OLD (%s to %s) and NEW (%s to %s) have no complete calendar year in "
                   "common; link on one period with an overlap period instead",
                   fc_ix_label(a->start, a->freq, 0, s1),
                   fc_ix_label(a->start, a->freq, a->n ? a->n - 1 : 0, e1),
                   fc_ix_label(b->start, b->freq, 0, s2),
                   fc_ix_label(b->start, b->freq, b->n ? b->n - 1 : 0, e2));
}

fc_status fc_chain_linking_factor(const fc_series *old_base, const fc_series *new_base,
                                  const fc_splice_options *opt, double *factor, fc_error *err)
{
    if (!old_base || !new_base || !factor || !old_base->values || !new_base->values)
        return fc_fail(err, FC_EINVAL, "fc_chain_linking_factor: NULL argument");
    fc_splice_options o = opt ? *opt : fc_splice_options_default();
    fc_status st = fc_freq_check(old_base->freq, err);
    if (st)
        return st;
    if (old_base->freq != new_base->freq)
        return fc_fail(err, FC_EFREQ, "OLD has frequency %d and NEW %d; splicing needs the same",
                       old_base->freq, new_base->freq);
    fc_period first;
    long len;
    if (o.use_overlap_period) {
        first = o.overlap_period;
        len = 1;
    } else {
        int year = o.overlap_year;
        if (!year && (st = first_common_year(old_base, new_base, &year, err)))
            return st;
        first.year = year;
        first.sub = 1;
        len = old_base->freq;
    }
    double mo, mn;
    if ((st = span_mean(old_base, first, len, "OLD", &mo, err)) ||
        (st = span_mean(new_base, first, len, "NEW", &mn, err)))
        return st;
    *factor = mo / mn;
    return FC_OK;
}

/* Copies src's values over positions of out from period `from` to `to`
 * (inclusive) times scale; every value used must be present. */
static fc_status copy_span(const fc_series *src, fc_series *out, fc_period from, fc_period to,
                           double scale, const char *what, fc_error *err)
{
    long n = fc_period_diff(from, to, out->freq) + 1;
    long ps = fc_period_diff(src->start, from, src->freq);
    long po = fc_period_diff(out->start, from, out->freq);
    for (long k = 0; k < n; k++) {
        double v = src->values[ps + k];
        if (!isfinite(v)) {
            char a[16];
            return fc_fail(err, FC_EMISSING, "%s is missing %s, which the spliced series needs",
                           what, fc_ix_label(src->start, src->freq, (size_t)(ps + k), a));
        }
        out->values[po + k] = v * scale;
    }
    return FC_OK;
}

static fc_status splice_into(const fc_series *old_base, const fc_series *new_base, double f,
                             int keep_old, fc_series **out, fc_error *err)
{
    fc_period oe = fc_series_end(old_base), ne = fc_series_end(new_base);
    int freq = old_base->freq;
    fc_period start, end;
    if (keep_old) {
        start = old_base->start;
        end = fc_period_diff(oe, ne, freq) > 0 ? ne : oe;
    } else {
        start = fc_period_diff(old_base->start, new_base->start, freq) > 0 ? old_base->start
                                                                            : new_base->start;
        end = ne;
    }
    long n = fc_period_diff(start, end, freq) + 1;
    fc_status st = fc_series_alloc((size_t)n, freq, start, out, err);
    if (st)
        return st;
    if (keep_old) {
        st = copy_span(old_base, *out, old_base->start, oe, 1.0, "OLD", err);
        if (!st && fc_period_diff(oe, ne, freq) > 0)
            st = copy_span(new_base, *out, fc_period_add(oe, freq, 1), ne, f, "NEW", err);
    } else {
        if (fc_period_diff(start, new_base->start, freq) > 0)
            st = copy_span(old_base, *out, start, fc_period_add(new_base->start, freq, -1),
                           1.0 / f, "OLD", err);
        if (!st)
            st = copy_span(new_base, *out, new_base->start, ne, 1.0, "NEW", err);
    }
    if (st) {
        fc_series_free(*out);
        *out = NULL;
    }
    return st;
}

fc_status fc_chain_splice(const fc_series *old_base, const fc_series *new_base,
                          const fc_splice_options *opt, fc_series **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_chain_splice: NULL output pointer");
    *out = NULL;
    double f;
    fc_status st = fc_chain_linking_factor(old_base, new_base, opt, &f, err);
    if (st)
        return st;
    st = splice_into(old_base, new_base, f, opt ? opt->keep_old_base : 0, out, err);
    if (!st && new_base->name)
        st = fc_series_set_name(*out, new_base->name, err);
    return st;
}
