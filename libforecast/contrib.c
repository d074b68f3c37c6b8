/* Growth of an aggregate and the additive contributions of its components
 * (percent and percentage points).  Definitions, as documented in
 * include/forecast/index.h:
 *  - fixed base: Vietnam GSO, domain.md §1.2 item 8 (share of the previous
 *    period's weighted level x the component's growth);
 *  - annual overlap: IMF QNA Manual 2017 §8 "contributions to percent
 *    change from chain-linked measures" (Example 8.9).
 * Everything is expressed for two windows of periods, A (current) and B
 * (comparison), each inside one calendar year, and the growth of the mean
 * of the aggregate over A against its mean over B: a single period gives
 * period-on-period and year-on-year growth, periods 1..M give year-to-date
 * growth, whole years give annual growth.
 *
 * Derivation of the annual-overlap case with B in year y-1 (re-done here,
 * as domain.md asks): the aggregate over A is Ī_{y-1} L_A / 100 and over B
 * is Ī_{y-2} L'_B / 100, with Ī_{y-1} = Ī_{y-2} L̄' / 100.  Hence
 *   I_A / I_B - 1 = r L_A / 100 - 1 = r (L_A - 100) / 100 + (r - 1),
 *   r = Ī_{y-1} / I_B = L̄' / L'_B,  r - 1 = (L̄' - L'_B) / L'_B,
 * and since the weights of each year sum to one,
 *   L_A - 100 = sum_i W_i (L_{i,A} - 100),  L̄' - L'_B = sum_i W'_i (L̄'_i - L'_{i,B}),
 * which splits the growth exactly into the per-component terms used below. */
#include "index_common.h"

#include <math.h>
#include <stdlib.h>

/* A window of positions [p, q] inside one calendar year. */
typedef struct {
    long p, q;
} window;

static double wmean(const double *x, window w)
{
    double s = 0.0;
    for (long t = w.p; t <= w.q; t++)
        s += x[t];
    return s / (double)(w.q - w.p + 1);
}

/* Fixed base: C_i = 100 w_i (Ī_{i,A} - Ī_{i,B}) / sum_j w_j Ī_{j,B}. */
static void fixed_base_window(const fc_aggregate *a, window A, window B, double *contrib,
                              size_t stride)
{
    double den = 0.0;
    for (size_t i = 0; i < a->k; i++)
        den += a->w[i] * wmean(a->x + i * a->n, B);
    for (size_t i = 0; i < a->k; i++) {
        const double *x = a->x + i * a->n;
        contrib[i * stride] = 100.0 * a->w[i] * (wmean(x, A) - wmean(x, B)) / den;
    }
}

/* Mean link of component i over window w of year row r. */
static double link_mean(const fc_aggregate *a, size_t r, size_t i, window w)
{
    return 100.0 * wmean(a->x + i * a->n, w) / a->base[r * a->k + i];
}

/* Both windows in year row r: C_i = 100 W_i (L_{i,A} - L_{i,B}) / L_B. */
static void overlap_same_year(const fc_aggregate *a, size_t r, window A, window B,
                              double *contrib, size_t stride)
{
    const double *W = a->w + r * a->k;
    double lb = 0.0;
    for (size_t i = 0; i < a->k; i++)
        if (W[i] > 0.0)
            lb += W[i] * link_mean(a, r, i, B);
    for (size_t i = 0; i < a->k; i++)
        contrib[i * stride] =
            W[i] > 0.0 ? 100.0 * W[i] * (link_mean(a, r, i, A) - link_mean(a, r, i, B)) / lb
                       : 0.0;
}

/* A in year row r, B in row r-1 (see the derivation at the top):
 * C_i = r W_i (L_{i,A} - 100) + 100 W'_i (L̄'_i - L'_{i,B}) / L'_B. */
static void overlap_cross_year(const fc_aggregate *a, size_t r, window A, window B,
                               double *contrib, size_t stride)
{
    const double *W = a->w + r * a->k, *Wp = a->w + (r - 1) * a->k;
    double lpb = 0.0;
    for (size_t i = 0; i < a->k; i++)
        if (Wp[i] > 0.0)
            lpb += Wp[i] * link_mean(a, r - 1, i, B);
    double ratio = a->ibar_prev[r] / wmean(a->index->values, B);
    for (size_t i = 0; i < a->k; i++) {
        double c = 0.0;
        if (W[i] > 0.0)
            c += ratio * W[i] * (link_mean(a, r, i, A) - 100.0);
        if (Wp[i] > 0.0) {
            /* L̄'_i: the mean of year y-1 is the base of year y's links. */
            double lbar = 100.0 * a->base[r * a->k + i] / a->base[(r - 1) * a->k + i];
            c += 100.0 * Wp[i] * (lbar - link_mean(a, r - 1, i, B)) / lpb;
        }
        contrib[i * stride] = c;
    }
}

/* Growth of window A over B and contributions (stride between components);
 * the windows were checked by the caller.  Returns 0, or -1 when the
 * method defines no value (annual overlap, B more than a year back). */
static int window_contrib(const fc_aggregate *a, window A, window B, double *growth,
                          double *contrib, size_t stride)
{
    int ya = fc_ix_year_of(a->start, a->freq, (size_t)A.p);
    int yb = fc_ix_year_of(a->start, a->freq, (size_t)B.p);
    if (a->method == FC_AGGREGATE_ANNUAL_OVERLAP && (yb < ya - 1 || yb > ya))
        return -1;
    *growth = 100.0 * (wmean(a->index->values, A) / wmean(a->index->values, B) - 1.0);
    if (!contrib)
        return 0;
    if (a->method == FC_AGGREGATE_FIXED_BASE)
        fixed_base_window(a, A, B, contrib, stride);
    else if (ya == yb)
        overlap_same_year(a, (size_t)(ya - a->y0), A, B, contrib, stride);
    else
        overlap_cross_year(a, (size_t)(ya - a->y0), A, B, contrib, stride);
    return 0;
}

static void fill_nan(const fc_aggregate *a, double *growth, double *contrib, size_t t,
                     size_t stride)
{
    growth[t] = NAN;
    if (contrib)
        for (size_t i = 0; i < a->k; i++)
            contrib[i * stride + t] = NAN;
}

fc_status fc_aggregate_contrib_lag(const fc_aggregate *a, size_t lag, double *growth,
                                   double *contrib, fc_error *err)
{
    if (!a || !growth)
        return fc_fail(err, FC_EINVAL, "fc_aggregate_contrib_lag: NULL argument");
    if (lag == 0)
        return fc_fail(err, FC_EINVAL, "the growth lag must be at least 1");
    if (a->method == FC_AGGREGATE_ANNUAL_OVERLAP && lag > (size_t)a->freq)
        return fc_fail(err, FC_EINVAL, "annual-overlap contributions are defined for lags 1 to "
                                       "%d (at most one year back), not %zu", a->freq, lag);
    for (size_t t = 0; t < a->n; t++) {
        fill_nan(a, growth, contrib, t, a->n);
        if (t < a->first + lag)
            continue;
        window A = {(long)t, (long)t}, B = {(long)(t - lag), (long)(t - lag)};
        window_contrib(a, A, B, &growth[t], contrib ? contrib + t : NULL, a->n);
    }
    return FC_OK;
}

fc_status fc_aggregate_contrib_ytd(const fc_aggregate *a, double *growth, double *contrib,
                                   fc_error *err)
{
    if (!a || !growth)
        return fc_fail(err, FC_EINVAL, "fc_aggregate_contrib_ytd: NULL argument");
    for (size_t t = 0; t < a->n; t++) {
        fill_nan(a, growth, contrib, t, a->n);
        int y = fc_ix_year_of(a->start, a->freq, t);
        window A = {fc_ix_year_start(a->start, a->freq, y), (long)t};
        window B = {A.p - a->freq, A.q - a->freq};
        if (B.p < (long)a->first)
            continue;
        window_contrib(a, A, B, &growth[t], contrib ? contrib + t : NULL, a->n);
    }
    return FC_OK;
}

fc_status fc_aggregate_contrib_annual(const fc_aggregate *a, int year, double *growth,
                                      double *contrib, fc_error *err)
{
    if (!a || !growth)
        return fc_fail(err, FC_EINVAL, "fc_aggregate_contrib_annual: NULL argument");
    window A = {fc_ix_year_start(a->start, a->freq, year), 0};
    A.q = A.p + a->freq - 1;
    window B = {A.p - a->freq, A.q - a->freq};
    if (B.p < (long)a->first || A.q >= (long)a->n)
        return fc_fail(err, FC_ERANGE, "annual growth of %d needs complete years %d and %d in "
                                       "the aggregate, which runs from %d (%zu periods)",
                       year, year - 1, year, a->y0, a->n - a->first);
    window_contrib(a, A, B, growth, contrib, 1);
    return FC_OK;
}

/* BEA (1995) share of change from dollar-denominated levels (index.h). */
fc_status fc_aggregate_share_of_change(size_t k, const double *value_b, const double *index_b,
                                       const double *index_t, double total_value_b,
                                       double total_index_b, double total_index_t,
                                       double *levels, double *share, double *residual,
                                       fc_error *err)
{
    if (k == 0 || !value_b || !index_b || !index_t || !share)
        return fc_fail(err, FC_EINVAL, "fc_aggregate_share_of_change: no components");
    if (!(total_index_b > 0.0) || !(total_index_t > 0.0))
        return fc_fail(err, FC_EDOMAIN, "the total's indices must be positive");
    double change = total_value_b * (total_index_t / total_index_b - 1.0);
    if (!(fabs(change) > 0.0) || !isfinite(change))
        return fc_fail(err, FC_EDOMAIN, "the total does not change (or is not finite); shares "
                                        "of its change are undefined");
    double sum = 0.0;
    for (size_t i = 0; i < k; i++) {
        if (!(index_b[i] > 0.0) || !(index_t[i] > 0.0) || !isfinite(value_b[i]))
            return fc_fail(err, FC_EDOMAIN, "component %zu: indices must be positive and the "
                                            "base value finite", i + 1);
        double level = value_b[i] * index_t[i] / index_b[i];
        if (levels)
            levels[i] = level;
        share[i] = 100.0 * (level - value_b[i]) / change;
        sum += share[i];
    }
    if (residual)
        *residual = 100.0 - sum;
    return FC_OK;
}
