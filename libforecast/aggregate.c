/* Laspeyres aggregation of component indices: fixed-base (Vietnam GSO IIP)
 * and annually chain-linked with annual overlap (UN IRIIP 2010, Eurostat
 * STS, IMF QNA Manual 2017 §8).  Formulas and rules are in
 * include/forecast/index.h; contributions to growth are in contrib.c. */
#include "index_common.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fc_aggregate_options fc_aggregate_options_default(void)
{
    fc_aggregate_options o = {FC_AGGREGATE_FIXED_BASE, 0};
    return o;
}

void fc_aggregate_free(fc_aggregate *a)
{
    if (!a)
        return;
    free(a->x);
    fc_series_free(a->index);
    free(a->w);
    free(a->base);
    free(a->ibar_prev);
    free(a);
}

const fc_series *fc_aggregate_index(const fc_aggregate *a) { return a ? a->index : NULL; }
size_t fc_aggregate_ncomponents(const fc_aggregate *a) { return a ? a->k : 0; }
int fc_aggregate_first_year(const fc_aggregate *a) { return a ? a->y0 : 0; }

static const char *comp_name(const fc_series *const *c, size_t i, char *buf)
{
    if (c[i]->name)
        return c[i]->name;
    snprintf(buf, 32, "#%zu", i + 1);
    return buf;
}

/* Same frequency, start and length for every component. */
static fc_status check_components(const fc_series *const *c, size_t k, fc_error *err)
{
    if (!c || k == 0)
        return fc_fail(err, FC_ESHORT, "aggregation needs at least one component");
    for (size_t i = 0; i < k; i++)
        if (!c[i] || !c[i]->values)
            return fc_fail(err, FC_EINVAL, "component %zu is NULL", i + 1);
    fc_status st = fc_freq_check(c[0]->freq, err);
    if (st)
        return st;
    if (c[0]->n == 0)
        return fc_fail(err, FC_ESHORT, "the components have no observations");
    for (size_t i = 1; i < k; i++) {
        char b1[32], b2[32], p1[16], p2[16];
        if (c[i]->freq != c[0]->freq)
            return fc_fail(err, FC_EFREQ, "component %s has frequency %d but %s has %d",
                           comp_name(c, i, b1), c[i]->freq, comp_name(c, 0, b2), c[0]->freq);
        if (c[i]->n != c[0]->n || fc_period_diff(c[0]->start, c[i]->start, c[0]->freq) != 0)
            return fc_fail(err, FC_EINVAL,
                           "component %s covers %s + %zu periods but %s covers %s + %zu; "
                           "all components need the same span (use NaN for missing values)",
                           comp_name(c, i, b1), fc_ix_label(c[i]->start, c[i]->freq, 0, p1),
                           c[i]->n, comp_name(c, 0, b2),
                           fc_ix_label(c[0]->start, c[0]->freq, 0, p2), c[0]->n);
    }
    return FC_OK;
}

/* "component X has no weight; the weights are for A, B, C" (as many names
 * as the message holds). */
static fc_status missing_weight(const char *name, const fc_weights *w, fc_error *err)
{
    char list[FC_ERROR_MESSAGE_SIZE / 2] = "";
    size_t used = 0;
    for (size_t j = 0; j < w->ncomponents && used + 1 < sizeof list; j++) {
        int n = snprintf(list + used, sizeof list - used, "%s\"%s\"", j ? ", " : "",
                         w->names[j]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return fc_fail(err, FC_EINVAL, "component \"%s\" has no weight; the weights are for %s",
                   name, list);
}

/* col[i] = weights column of component i: by name when every component and
 * every weight column has one, else by position. */
static int all_named(const fc_series *const *c, size_t k, const fc_weights *w)
{
    for (size_t i = 0; i < k; i++)
        if (!c[i]->name)
            return 0;
    for (size_t j = 0; j < w->ncomponents; j++)
        if (!w->names || !w->names[j])
            return 0;
    return 1;
}

/* Index of the component called name among c[0..k), or k. */
static size_t find_component(const fc_series *const *c, size_t k, const char *name)
{
    size_t i = 0;
    while (i < k && strcmp(c[i]->name, name) != 0)
        i++;
    return i;
}

static fc_status map_weights(const fc_series *const *c, size_t k, const fc_weights *w,
                             size_t *col, fc_error *err)
{
    if (!all_named(c, k, w)) {
        if (w->ncomponents != k)
            return fc_fail(err, FC_EINVAL, "the weights have %zu components but the data %zu",
                           w->ncomponents, k);
        for (size_t i = 0; i < k; i++)
            col[i] = i;
        return FC_OK;
    }
    for (size_t i = 0; i < k; i++) {
        if (find_component(c, i, c[i]->name) < i)
            return fc_fail(err, FC_EINVAL, "component \"%s\" appears twice", c[i]->name);
        size_t j = 0;
        while (j < w->ncomponents && strcmp(w->names[j], c[i]->name) != 0)
            j++;
        if (j == w->ncomponents)
            return missing_weight(c[i]->name, w, err);
        col[i] = j;
    }
    for (size_t j = 0; j < w->ncomponents; j++)
        if (find_component(c, k, w->names[j]) == k)
            return fc_fail(err, FC_EINVAL, "the weights name \"%s\", which is not a component "
                                           "of the data; every weighted component needs its "
                                           "sub-index", w->names[j]);
    return FC_OK;
}

static fc_status alloc_aggregate(const fc_series *const *c, size_t k, fc_aggregate_method m,
                                 fc_aggregate **out, fc_error *err)
{
    size_t n = c[0]->n;
    if (n > ((size_t)-1) / sizeof(double) / k)
        return fc_fail(err, FC_ENOMEM, "%zu components x %zu periods is too large", k, n);
    fc_aggregate *a = calloc(1, sizeof *a);
    if (!a || !(a->x = malloc(k * n * sizeof *a->x))) {
        free(a);
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu components x %zu periods", k, n);
    }
    a->method = m;
    a->n = n;
    a->k = k;
    a->freq = c[0]->freq;
    a->start = c[0]->start;
    for (size_t i = 0; i < k; i++)
        memcpy(a->x + i * n, c[i]->values, n * sizeof *a->x);
    *out = a;
    return fc_series_alloc(n, a->freq, a->start, &a->index, err);
}

/* Every value of component i from position `from` on is present and > 0. */
static fc_status check_values(const fc_aggregate *a, const fc_series *const *c, size_t i,
                              size_t from, const char *hint, fc_error *err)
{
    const double *x = a->x + i * a->n;
    for (size_t t = from; t < a->n; t++) {
        char b[32], p[16];
        if (isnan(x[t]) || !isfinite(x[t]))
            return fc_fail(err, FC_EMISSING, "component %s has no value for %s%s",
                           comp_name(c, i, b), fc_ix_label(a->start, a->freq, t, p), hint);
        if (x[t] <= 0.0)
            return fc_fail(err, FC_EDOMAIN, "component %s is %g in %s; indices must be positive",
                           comp_name(c, i, b), x[t], fc_ix_label(a->start, a->freq, t, p));
    }
    return FC_OK;
}

/* ------------------------------------------------------------ fixed base */

static fc_status fixed_base_row(const fc_weights *w, int base_year, size_t *row, fc_error *err)
{
    if (base_year)
        return fc_weights_find_row(w, base_year, row, err);
    if (w->nyears > 1)
        return fc_fail(err, FC_EINVAL, "the weights have %zu rows (%d to %d); choose the base "
                                       "year whose weights the fixed-base index uses (--base-year)",
                       w->nyears, w->years[0], w->years[w->nyears - 1]);
    *row = 0;
    return FC_OK;
}

/* Laspeyres with base-year weights: I_t = sum_i w_i I_{i,t}, w normalised
 * (GSO yearbook methodology, domain.md §1.2 item 2). */
static fc_status compile_fixed_base(fc_aggregate *a, const fc_series *const *c,
                                    const fc_weights *w, const size_t *col, int base_year,
                                    fc_error *err)
{
    size_t row;
    fc_status st = fixed_base_row(w, base_year, &row, err);
    for (size_t i = 0; i < a->k && !st; i++)
        st = check_values(a, c, i, 0, "; fixed-base aggregation needs every component in "
                                      "every period (trim the span to the common periods)", err);
    if (st)
        return st;
    if (!(a->w = malloc(a->k * sizeof *a->w)))
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu weights", a->k);
    double sum = 0.0;
    for (size_t i = 0; i < a->k; i++)
        sum += w->values[row * w->ncomponents + col[i]];
    for (size_t i = 0; i < a->k; i++)
        a->w[i] = w->values[row * w->ncomponents + col[i]] / sum;
    a->nyears = 1;
    a->y0 = a->start.year;
    a->first = 0;
    /* Component-major accumulation: contiguous reads of each component. */
    double *I = a->index->values;
    for (size_t t = 0; t < a->n; t++)
        I[t] = 0.0;
    for (size_t i = 0; i < a->k; i++) {
        const double *x = a->x + i * a->n;
        for (size_t t = 0; t < a->n; t++)
            I[t] += a->w[i] * x[t];
    }
    return FC_OK;
}

/* --------------------------------------------------------- annual overlap */

/* First calendar year that component i observes completely, INT_MAX if
 * none; checks that no value is missing after the component's first one. */
static fc_status first_complete_year(const fc_aggregate *a, const fc_series *const *c,
                                     size_t i, int *year, fc_error *err)
{
    const double *x = a->x + i * a->n;
    size_t f = 0;
    while (f < a->n && isnan(x[f]))
        f++;
    char b[32];
    if (f == a->n)
        return fc_fail(err, FC_EMISSING, "component %s has no values", comp_name(c, i, b));
    fc_status st = check_values(a, c, i, f, " (after its first value every value is needed; "
                                            "missing periods are not interpolated)", err);
    if (st)
        return st;
    int y = fc_ix_year_of(a->start, a->freq, f);
    if (fc_ix_sub_of(a->start, a->freq, f) != 1)
        y++;
    *year = fc_ix_year_start(a->start, a->freq, y + 1) <= (long)a->n ? y : INT_MAX;
    return FC_OK;
}

static double span_mean(const double *x, long p, long len)
{
    double s = 0.0;
    for (long k = 0; k < len; k++)
        s += x[p + k];
    return s / (double)len;
}

/* Basket, weights and link bases of every year (index.h, annual overlap). */
static fc_status annual_weights(fc_aggregate *a, const fc_weights *w, const size_t *col,
                                const int *fy, fc_error *err)
{
    for (size_t r = 0; r < a->nyears; r++) {
        int y = a->y0 + (int)r, wy = r ? y - 1 : y;
        size_t row;
        fc_status st = fc_weights_find_row(w, wy, &row, err);
        if (st) {
            char msg[FC_ERROR_MESSAGE_SIZE];
            snprintf(msg, sizeof msg, "%s", err ? err->message : "");
            return fc_fail(err, st, "the links of %d need the weights of %d: %s", y, wy, msg);
        }
        double sum = 0.0;
        for (size_t i = 0; i < a->k; i++)
            if (fy[i] == a->y0 || (fy[i] != INT_MAX && fy[i] + 1 <= y))
                sum += w->values[row * w->ncomponents + col[i]];
        for (size_t i = 0; i < a->k; i++) {
            int in = fy[i] == a->y0 || (fy[i] != INT_MAX && fy[i] + 1 <= y);
            a->w[r * a->k + i] = in ? w->values[row * w->ncomponents + col[i]] / sum : 0.0;
            a->base[r * a->k + i] =
                in ? span_mean(a->x + i * a->n, fc_ix_year_start(a->start, a->freq, wy), a->freq)
                   : NAN;
        }
    }
    return FC_OK;
}

/* Links aggregated with the year's weights and chained on the previous
 * year's mean of the aggregate. */
static void annual_chain(fc_aggregate *a)
{
    double *I = a->index->values;
    a->ibar_prev[0] = 100.0;
    for (size_t r = 0; r < a->nyears; r++) {
        long p0 = fc_ix_year_start(a->start, a->freq, a->y0 + (int)r);
        long p1 = p0 + a->freq < (long)a->n ? p0 + a->freq : (long)a->n;
        const double *wr = a->w + r * a->k, *br = a->base + r * a->k;
        for (long t = p0; t < p1; t++)
            I[t] = 0.0;
        /* I_t = Ī_{y-1} sum_i W_i L_{i,t} / 100 with L_{i,t} = 100 x_{i,t} / base_i. */
        for (size_t i = 0; i < a->k; i++) {
            if (!(wr[i] > 0.0))
                continue;
            const double *x = a->x + i * a->n;
            double scale = a->ibar_prev[r] * wr[i] / br[i];
            for (long t = p0; t < p1; t++)
                I[t] += scale * x[t];
        }
        if (r + 1 < a->nyears)
            a->ibar_prev[r + 1] = span_mean(I, p0, a->freq);
    }
}

static fc_status compile_annual_overlap(fc_aggregate *a, const fc_series *const *c,
                                        const fc_weights *w, const size_t *col, fc_error *err)
{
    int *fy = malloc(a->k * sizeof *fy);
    if (!fy)
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu components", a->k);
    fc_status st = FC_OK;
    a->y0 = INT_MAX;
    for (size_t i = 0; i < a->k && !st; i++) {
        st = first_complete_year(a, c, i, &fy[i], err);
        if (!st && fy[i] < a->y0)
            a->y0 = fy[i];
    }
    if (!st && a->y0 == INT_MAX)
        st = fc_fail(err, FC_ESHORT, "no component covers a whole calendar year; annual-overlap "
                                     "chain-linking needs one to start the chain");
    if (!st) {
        int ylast = fc_ix_year_of(a->start, a->freq, a->n - 1);
        a->nyears = (size_t)(ylast - a->y0 + 1);
        a->first = (size_t)fc_ix_year_start(a->start, a->freq, a->y0);
        a->w = malloc(a->nyears * a->k * sizeof *a->w);
        a->base = malloc(a->nyears * a->k * sizeof *a->base);
        a->ibar_prev = malloc(a->nyears * sizeof *a->ibar_prev);
        if (!a->w || !a->base || !a->ibar_prev)
            st = fc_fail(err, FC_ENOMEM, "cannot allocate %zu years x %zu weights", a->nyears,
                         a->k);
    }
    if (!st)
        st = annual_weights(a, w, col, fy, err);
    free(fy);
    if (!st)
        annual_chain(a);
    return st;
}

fc_status fc_aggregate_compute(const fc_series *const *components, size_t ncomponents,
                               const fc_weights *weights, const fc_aggregate_options *opt,
                               fc_aggregate **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_aggregate_compute: NULL output pointer");
    *out = NULL;
    fc_aggregate_options o = opt ? *opt : fc_aggregate_options_default();
    if (o.method != FC_AGGREGATE_FIXED_BASE && o.method != FC_AGGREGATE_ANNUAL_OVERLAP)
        return fc_fail(err, FC_EINVAL, "unknown aggregation method %d", (int)o.method);
    fc_status st = check_components(components, ncomponents, err);
    if (!st)
        st = fc_weights_validate(weights, err);
    if (st)
        return st;
    size_t *col = malloc(ncomponents * sizeof *col);
    if (!col)
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu components", ncomponents);
    st = map_weights(components, ncomponents, weights, col, err);
    if (!st)
        st = alloc_aggregate(components, ncomponents, o.method, out, err);
    if (!st && o.method == FC_AGGREGATE_FIXED_BASE)
        st = compile_fixed_base(*out, components, weights, col, o.base_year, err);
    else if (!st)
        st = compile_annual_overlap(*out, components, weights, col, err);
    free(col);
    if (st) {
        fc_aggregate_free(*out);
        *out = NULL;
    }
    return st;
}
