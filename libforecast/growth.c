/* Growth rates (m/m, y/y, year to date), quarterly aggregation, and the
 * consistency of published indices without levels (index layer).
 *
 * Definitions follow the statistics offices' releases (domain.md §2.2):
 * growth of a level series x as 100 (x_t / x_base - 1) or as an index
 * 100 x_t / x_base; year to date as the ratio of the sums of levels.
 * Tested against independently computed figures (tests/fixtures/gen_growth.py)
 * and against GSO releases (tests/test_growth.c). */
#include "internal.h"
#include "forecast/index.h"

#include <math.h>
#include <stdlib.h>

/* -------------------------------------------------------------- helpers */

static fc_status check_input(const fc_series *s, const char *fn, fc_error *err)
{
    if (!s)
        return fc_fail(err, FC_EINVAL, "%s: NULL series", fn);
    fc_status st = fc_freq_check(s->freq, err);
    if (st)
        return st;
    if (s->n == 0)
        return fc_fail(err, FC_ESHORT, "%s: the series is empty", fn);
    return FC_OK;
}

/* A NaN series shaped like s (same start, length, frequency, name). */
static fc_status alloc_like(const fc_series *s, fc_series **out, fc_error *err)
{
    fc_status st = fc_series_alloc(s->n, s->freq, s->start, out, err);
    if (!st && s->name && (st = fc_series_set_name(*out, s->name, err))) {
        fc_series_free(*out);
        *out = NULL;
    }
    return st;
}

/* Ratio num/den in the requested form; NaN when undefined. */
static double growth_value(double num, double den, fc_growth_form form)
{
    if (!isfinite(num) || !isfinite(den) || den == 0.0)
        return NAN;
    double r = 100.0 * num / den;
    return form == FC_GROWTH_INDEX ? r : r - 100.0;
}

static fc_status check_form(fc_growth_form form, fc_error *err)
{
    if (form != FC_GROWTH_PERCENT && form != FC_GROWTH_INDEX)
        return fc_fail(err, FC_EINVAL, "unknown growth form %d (use FC_GROWTH_PERCENT or FC_GROWTH_INDEX)",
                       (int)form);
    return FC_OK;
}

/* ---------------------------------------------------------- growth rates */

fc_status fc_growth_lag(const fc_series *s, int lag, fc_growth_form form,
                        fc_series **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_growth_lag: NULL output pointer");
    *out = NULL;
    fc_status st = check_input(s, "fc_growth_lag", err);
    if (!st)
        st = check_form(form, err);
    if (st)
        return st;
    if (lag < 1)
        return fc_fail(err, FC_EINVAL, "fc_growth_lag: lag must be at least 1, not %d", lag);
    if ((st = alloc_like(s, out, err)))
        return st;
    for (size_t i = (size_t)lag; i < s->n; i++)
        (*out)->values[i] = growth_value(s->values[i], s->values[i - (size_t)lag], form);
    return FC_OK;
}

fc_status fc_growth_mom(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err)
{
    return fc_growth_lag(s, 1, form, out, err);
}

fc_status fc_growth_yoy(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err)
{
    if (s && fc_freq_check(s->freq, NULL) != FC_OK)
        return check_input(s, "fc_growth_yoy", err);
    return fc_growth_lag(s, s ? s->freq : 1, form, out, err);
}

/* cum[i] = x[y,1] + ... + x[y,p] for period i = (y,p); NaN in a year that
 * starts before the series or holds a NaN up to p. */
static void cumulate_within_year(const fc_series *s, double *cum)
{
    double running = NAN;
    for (size_t i = 0; i < s->n; i++) {
        int sub = fc_series_period(s, i).sub;
        running = (sub == 1 ? 0.0 : running) + s->values[i];
        cum[i] = running;
    }
}

fc_status fc_growth_ytd(const fc_series *s, fc_growth_form form, fc_series **out,
                        fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_growth_ytd: NULL output pointer");
    *out = NULL;
    fc_status st = check_input(s, "fc_growth_ytd", err);
    if (!st)
        st = check_form(form, err);
    if (st)
        return st;
    double *cum = malloc(s->n * sizeof *cum);
    if (!cum)
        return fc_fail(err, FC_ENOMEM, "fc_growth_ytd: cannot allocate %zu values", s->n);
    if ((st = alloc_like(s, out, err))) {
        free(cum);
        return st;
    }
    cumulate_within_year(s, cum);
    size_t f = (size_t)s->freq;
    for (size_t i = f; i < s->n; i++)
        (*out)->values[i] = growth_value(cum[i], cum[i - f], form);
    free(cum);
    return FC_OK;
}

/* ------------------------------------------------ quarterly aggregation */

fc_status fc_growth_quarterly(const fc_series *monthly, fc_quarter_method how,
                              fc_series **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_growth_quarterly: NULL output pointer");
    *out = NULL;
    fc_status st = check_input(monthly, "fc_growth_quarterly", err);
    if (st)
        return st;
    if (monthly->freq != 12)
        return fc_fail(err, FC_EFREQ, "fc_growth_quarterly: the series must be monthly "
                       "(frequency 12), not quarterly");
    if (how != FC_QUARTER_MEAN && how != FC_QUARTER_SUM)
        return fc_fail(err, FC_EINVAL, "unknown aggregation method %d (use FC_QUARTER_MEAN or FC_QUARTER_SUM)",
                       (int)how);
    /* First month that opens a quarter (January, April, July, October). */
    size_t first = (size_t)((3 - (monthly->start.sub - 1) % 3) % 3);
    size_t nq = first < monthly->n ? (monthly->n - first) / 3 : 0;
    if (nq == 0) {
        char a[16], b[16];
        fc_period_format(monthly->start, 12, a, sizeof a);
        fc_period_format(fc_series_end(monthly), 12, b, sizeof b);
        return fc_fail(err, FC_ESHORT, "the series %s..%s covers no complete quarter", a, b);
    }
    fc_period m0 = fc_series_period(monthly, first);
    fc_period q0 = {m0.year, (m0.sub - 1) / 3 + 1};
    if ((st = fc_series_alloc(nq, 4, q0, out, err)))
        return st;
    if (monthly->name && (st = fc_series_set_name(*out, monthly->name, err))) {
        fc_series_free(*out);
        *out = NULL;
        return st;
    }
    for (size_t q = 0; q < nq; q++) {
        const double *x = monthly->values + first + 3 * q;
        double sum = x[0] + x[1] + x[2]; /* NaN if any month is missing */
        (*out)->values[q] = how == FC_QUARTER_SUM ? sum : sum / 3.0;
    }
    return FC_OK;
}

/* ------------------------------------------- published-index consistency */

fc_growth_published_options fc_growth_published_options_default(void)
{
    fc_growth_published_options o = {.tolerance = 1.0, .anchor_year = 0};
    return o;
}

void fc_growth_published_free(fc_growth_published *p)
{
    if (!p)
        return;
    fc_series_free(p->implied_ytd);
    fc_series_free(p->chained_yoy);
    fc_series_free(p->level);
    free(p->conflicts);
    free(p);
}

static int same_calendar(const fc_series *a, const fc_series *b)
{
    return a->freq == b->freq && a->n == b->n && a->start.year == b->start.year &&
           a->start.sub == b->start.sub;
}

/* Published indices must be positive where present. */
static fc_status check_positive(const fc_series *s, const char *what, fc_error *err)
{
    for (size_t i = 0; i < s->n; i++)
        if (!isnan(s->values[i]) && !(s->values[i] > 0.0 && isfinite(s->values[i]))) {
            char buf[16];
            fc_period_format(fc_series_period(s, i), s->freq, buf, sizeof buf);
            return fc_fail(err, FC_EDOMAIN, "published %s index at %s is %g; an index "
                           "(comparison period = 100) must be positive", what, buf, s->values[i]);
        }
    return FC_OK;
}

static fc_status check_published_inputs(const fc_series *mom, const fc_series *yoy,
                                        const fc_series *ytd,
                                        const fc_growth_published_options *o, fc_error *err)
{
    const char *fn = "fc_growth_published_check";
    fc_status st = check_input(mom, fn, err);
    if (!st)
        st = check_input(yoy, fn, err);
    if (!st && ytd)
        st = check_input(ytd, fn, err);
    if (st)
        return st;
    if (!same_calendar(mom, yoy) || (ytd && !same_calendar(mom, ytd)))
        return fc_fail(err, FC_EINVAL, "%s: the m/m, y/y and year-to-date series must have "
                       "the same frequency, start and length", fn);
    if (!(o->tolerance > 0.0))
        return fc_fail(err, FC_EINVAL, "%s: tolerance must be positive (index points), not %g",
                       fn, o->tolerance);
    st = check_positive(mom, "m/m", err);
    if (!st)
        st = check_positive(yoy, "y/y", err);
    if (!st && ytd)
        st = check_positive(ytd, "year-to-date", err);
    return st;
}

/* chained_yoy: product of the last f m/m indices. */
static void chain_mom(const fc_series *mom, double *out)
{
    size_t f = (size_t)mom->freq;
    for (size_t i = f - 1; i < mom->n; i++) {
        double r = 1.0;
        for (size_t k = 0; k < f; k++)
            r *= mom->values[i - k] / 100.0;
        out[i] = 100.0 * r;
    }
}

/* implied_ytd from this year's m/m profile and y/y (see index.h). */
static void imply_ytd(const fc_series *mom, const fc_series *yoy, double *out)
{
    double r = NAN, s1 = NAN, s0 = NAN;
    for (size_t i = 0; i < mom->n; i++) {
        if (fc_series_period(mom, i).sub == 1) {
            r = 1.0;
            s1 = s0 = 0.0;
        } else {
            r *= mom->values[i] / 100.0;
        }
        s1 += r;
        s0 += r / (yoy->values[i] / 100.0);
        out[i] = 100.0 * s1 / s0;
    }
}

/* Index of period (year, 1) in s when the whole year lies inside s, else -1. */
static long year_start_index(const fc_series *s, int year)
{
    long i0 = fc_period_diff(s->start, (fc_period){year, 1}, s->freq);
    if (i0 < 0 || (size_t)i0 + (size_t)s->freq > s->n)
        return -1;
    return i0;
}

static int year_profile_complete(const fc_series *mom, long i0)
{
    for (long k = 1; k < mom->freq; k++)
        if (!isfinite(mom->values[i0 + k]))
            return 0;
    return 1;
}

/* The default anchor: the latest complete year whose m/m chain matches its
 * last period's published y/y. */
static int find_anchor(const fc_series *mom, const fc_series *yoy, const double *chained,
                       double tol)
{
    fc_period last = fc_series_end(mom);
    for (int y = last.year; y >= mom->start.year; y--) {
        long i0 = year_start_index(mom, y);
        if (i0 < 0)
            continue;
        size_t iend = (size_t)i0 + (size_t)mom->freq - 1;
        if (year_profile_complete(mom, i0) && isfinite(chained[iend]) &&
            fabs(chained[iend] - yoy->values[iend]) <= tol)
            return y;
    }
    return 0;
}

/* Levels: anchor year's m/m profile, other years by y/y chaining. */
static void reconstruct_levels(const fc_series *mom, const fc_series *yoy, long i0,
                               double *level)
{
    size_t f = (size_t)mom->freq, a = (size_t)i0;
    level[a] = 100.0;
    for (size_t k = 1; k < f; k++)
        level[a + k] = level[a + k - 1] * mom->values[a + k] / 100.0;
    for (size_t i = a + f; i < mom->n; i++)
        level[i] = level[i - f] * yoy->values[i] / 100.0;
    for (size_t i = a; i-- > 0;)
        level[i] = level[i + f] / (yoy->values[i + f] / 100.0);
}

static fc_status add_conflict(fc_growth_published *p, size_t *cap, fc_period period,
                              fc_growth_check check, double published, double implied,
                              fc_error *err)
{
    if (p->nconflicts == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        fc_growth_conflict *more = realloc(p->conflicts, c * sizeof *more);
        if (!more)
            return fc_fail(err, FC_ENOMEM, "out of memory listing conflicts");
        p->conflicts = more;
        *cap = c;
    }
    p->conflicts[p->nconflicts++] = (fc_growth_conflict){period, check, published, implied};
    return FC_OK;
}

static fc_status list_conflicts(fc_growth_published *p, const fc_series *yoy,
                                const fc_series *ytd, double tol, fc_error *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < yoy->n; i++) {
        fc_period per = fc_series_period(yoy, i);
        double implied = p->implied_ytd->values[i];
        fc_status st = FC_OK;
        if (ytd && isfinite(ytd->values[i]) && isfinite(implied) &&
            fabs(ytd->values[i] - implied) > tol)
            st = add_conflict(p, &cap, per, FC_GROWTH_CHECK_YTD, ytd->values[i], implied, err);
        double chained = p->chained_yoy->values[i];
        if (!st && isfinite(yoy->values[i]) && isfinite(chained) &&
            fabs(yoy->values[i] - chained) > tol)
            st = add_conflict(p, &cap, per, FC_GROWTH_CHECK_CHAIN, yoy->values[i], chained, err);
        if (st)
            return st;
    }
    return FC_OK;
}

static fc_status choose_anchor(const fc_series *mom, const fc_series *yoy,
                               const fc_growth_published_options *o, const double *chained,
                               int *anchor, fc_error *err)
{
    *anchor = 0;
    if (o->anchor_year < 0)
        return FC_OK;
    if (o->anchor_year == 0) {
        *anchor = find_anchor(mom, yoy, chained, o->tolerance);
        return FC_OK;
    }
    long i0 = year_start_index(mom, o->anchor_year);
    if (i0 < 0)
        return fc_fail(err, FC_EINVAL, "anchor year %d is not entirely inside the series",
                       o->anchor_year);
    if (!year_profile_complete(mom, i0))
        return fc_fail(err, FC_EINVAL, "anchor year %d lacks some m/m figures; its "
                       "within-year profile cannot be built", o->anchor_year);
    *anchor = o->anchor_year;
    return FC_OK;
}

fc_status fc_growth_published_check(const fc_series *mom, const fc_series *yoy,
                                    const fc_series *ytd,
                                    const fc_growth_published_options *opt,
                                    fc_growth_published **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_growth_published_check: NULL output pointer");
    *out = NULL;
    fc_growth_published_options o = opt ? *opt : fc_growth_published_options_default();
    fc_status st = check_published_inputs(mom, yoy, ytd, &o, err);
    if (st)
        return st;
    fc_growth_published *p = calloc(1, sizeof *p);
    if (!p)
        return fc_fail(err, FC_ENOMEM, "out of memory");
    if ((st = alloc_like(yoy, &p->implied_ytd, err)) || (st = alloc_like(yoy, &p->chained_yoy, err)) ||
        (st = alloc_like(yoy, &p->level, err)))
        goto fail;
    chain_mom(mom, p->chained_yoy->values);
    imply_ytd(mom, yoy, p->implied_ytd->values);
    if ((st = choose_anchor(mom, yoy, &o, p->chained_yoy->values, &p->anchor_year, err)))
        goto fail;
    if (p->anchor_year)
        reconstruct_levels(mom, yoy, year_start_index(mom, p->anchor_year), p->level->values);
    if ((st = list_conflicts(p, yoy, ytd, o.tolerance, err)))
        goto fail;
    *out = p;
    return FC_OK;
fail:
    fc_growth_published_free(p);
    return st;
}
