/* Loess smoothing on equally spaced positions, the smoother inside STL.
 *
 * Reference: Cleveland, Cleveland, McRae & Terpenning (1990), "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", J. Official
 * Statistics 6(1), 3-73: section 2 (loess: q nearest neighbours, tricube
 * weights, local constant or line, the enlargement of the half-width when
 * q exceeds the number of points) and section 3.1 (computing the fit on a
 * grid every `jump` points and interpolating linearly).
 *
 * The window placement, the fallback when a window carries no weight and
 * the thresholds 0.999 h / 0.001 h follow R's stats::stl (stl.f), which is
 * the reference the tests compare against (tests/test_stl.c). */
#include "forecast/filters.h"
#include "internal.h"
#include "loess_internal.h"

#include <math.h>

fc_loess_options fc_loess_options_default(void)
{
    fc_loess_options o = {7, 1, 1};
    return o;
}

/* Tricube kernel (1 - u^3)^3 for 0 <= u < 1 (paper, section 2). */
static double tricube(double u)
{
    double v = 1.0 - u * u * u;
    return v * v * v;
}

/* Kernel weights tricube(r / h) for the integer distances r = 0..max_r at
 * one half-width h, with the 0.999 h cut-off and the flat 0.001 h core
 * folded in.  Interior windows all share one h, so the smoother computes
 * their weights once per call instead of once per point (same values,
 * bit for bit). */
#define KERNEL_TABLE_MAX 512

typedef struct {
    double h;
    size_t max_r;
    double w[KERNEL_TABLE_MAX];
} kernel_table;

static double kernel_weight(double r, double h)
{
    if (!(r <= 0.999 * h))
        return 0.0;
    return r <= 0.001 * h ? 1.0 : tricube(r / h);
}

static void kernel_table_init(kernel_table *t, double h)
{
    t->h = h;
    t->max_r = 0;
    if (!(h >= 0.0) || h >= KERNEL_TABLE_MAX)
        return;
    t->max_r = (size_t)h;
    for (size_t r = 0; r <= t->max_r; r++)
        t->w[r] = kernel_weight((double)r, h);
}

/* Weighted moments of one window, accumulated in a single pass with the
 * abscissa centred on the fitting point (d = j - x), which keeps the
 * sums small and the variance free of cancellation. */
typedef struct {
    double s0, sd, sdd, sy, sdy;
} window_sums;

static void add_point(window_sums *s, double k, double d, double y)
{
    s->s0 += k;
    s->sd += k * d;
    s->sdd += k * d * d;
    s->sy += k * y;
    s->sdy += k * d * y;
}

/* General case: kernel weights computed point by point. */
static window_sums accumulate(const double *y, const double *w, double x,
                              size_t lo, size_t hi, double h)
{
    window_sums s = {0, 0, 0, 0, 0};
    for (size_t j = lo; j <= hi; j++) {
        if (isnan(y[j]))
            continue;
        double d = (double)j - x;
        double k = kernel_weight(fabs(d), h);
        if (w)
            k *= w[j];
        if (k != 0.0)
            add_point(&s, k, d, y[j]);
    }
    return s;
}

/* Fast case: x is a position and h the tabulated half-width.  The local
 * constant (degree 0, STL's default seasonal smoother) needs only s0, sy. */
static window_sums accumulate_tabulated(const double *y, const double *w,
                                        size_t x, size_t lo, size_t hi,
                                        const kernel_table *t, int degree)
{
    window_sums s = {0, 0, 0, 0, 0};
    for (size_t j = lo; j <= hi; j++) {
        size_t r = j >= x ? j - x : x - j;
        if (r > t->max_r || isnan(y[j]))
            continue;
        double k = w ? t->w[r] * w[j] : t->w[r];
        if (k == 0.0)
            continue;
        if (degree == 0) {
            s.s0 += k;
            s.sy += k * y[j];
        } else {
            add_point(&s, k, (double)j - (double)x, y[j]);
        }
    }
    return s;
}

/* Half-width of the window lo..hi around x (paper, section 2). */
static double half_width(size_t n, size_t span, double x, size_t lo, size_t hi)
{
    double h = fmax(x - (double)lo, (double)hi - x);
    if (span > n)
        h += (double)((span - n) / 2);
    return h;
}

static int fit_window(const double *y, const double *w, size_t n, size_t span,
                      int degree, double x, size_t lo, size_t hi,
                      const kernel_table *t, double *value)
{
    double h = half_width(n, span, x, lo, hi);
    window_sums s;
    if (t && t->max_r && h == t->h && x >= 0.0)
        s = accumulate_tabulated(y, w, (size_t)x, lo, hi, t, degree);
    else
        s = accumulate(y, w, x, lo, hi, h);
    if (!(s.s0 > 0.0))
        return 0;
    double fit = s.sy / s.s0;
    if (degree > 0 && h > 0.0) {
        /* Local line: weighted least squares evaluated at x.  A window whose
         * weighted spread is tiny relative to the series length would be
         * ill-conditioned; it keeps the local constant (as stl.f does). */
        double mean_d = s.sd / s.s0;
        double var_d = s.sdd / s.s0 - mean_d * mean_d;
        if (var_d > 0.0 && sqrt(var_d) > 0.001 * (double)(n - 1)) {
            double cov = s.sdy / s.s0 - mean_d * fit;
            fit += (-mean_d / var_d) * cov;
        }
    }
    *value = fit;
    return 1;
}

int fc_loess_fit_at(const double *y, const double *w, size_t n, size_t span,
                    int degree, double x, size_t lo, size_t hi, double *value)
{
    return fit_window(y, w, n, span, degree, x, lo, hi, NULL, value);
}

/* Fits at position i with window lo..hi.  When the weights leave the
 * window empty the fit falls back to y[i], as R's stl does; at a missing
 * y[i] (which R never sees) it falls back to the fit without the user
 * weights instead (robustness weights can zero a whole window of a short
 * cycle-subseries), and only then to NaN. */
static size_t fit_or_keep(const double *y, const double *w, size_t n,
                          size_t span, int degree, const kernel_table *t,
                          size_t i, size_t lo, size_t hi, double *out)
{
    if (fit_window(y, w, n, span, degree, (double)i, lo, hi, t, &out[i]))
        return 0;
    if (isnan(y[i]) && w &&
        fit_window(y, NULL, n, span, degree, (double)i, lo, hi, t, &out[i]))
        return 0;
    out[i] = y[i];
    return 1;
}

/* Window of `span` points for a grid position i (span < n): centred in the
 * interior, pinned to the ends near them. */
static void window_for(size_t i, size_t n, size_t span, size_t *lo,
                       size_t *hi)
{
    size_t half = (span + 1) / 2;
    if (i + 1 < half) {
        *lo = 0;
        *hi = span - 1;
    } else if (i >= n - half) {
        *lo = n - span;
        *hi = n - 1;
    } else {
        *lo = i + 1 - half;
        *hi = i + span - half;
    }
}

/* Linear interpolation between the grid fits, then the last position
 * (fitted with the last grid window, as stl.f does) and the gap before it. */
static size_t interpolate(const double *y, const double *w, size_t n,
                          size_t span, int degree, const kernel_table *t,
                          size_t jump, size_t lo, size_t hi, double *out)
{
    for (size_t i = 0; i + jump < n; i += jump) {
        double delta = (out[i + jump] - out[i]) / (double)jump;
        for (size_t j = i + 1; j < i + jump; j++)
            out[j] = out[i] + delta * (double)(j - i);
    }
    size_t last = ((n - 1) / jump) * jump;
    if (last == n - 1)
        return 0;
    size_t failed = fit_or_keep(y, w, n, span, degree, t, n - 1, lo, hi, out);
    if (last != n - 2) {
        double delta = (out[n - 1] - out[last]) / (double)(n - 1 - last);
        for (size_t j = last + 1; j < n - 1; j++)
            out[j] = out[last] + delta * (double)(j - last);
    }
    return failed;
}

size_t fc_loess_run(const double *y, const double *w, size_t n, size_t span,
                    int degree, size_t jump, double *out)
{
    if (n < 2) {
        out[0] = y[0];
        return 0;
    }
    size_t step = jump < n - 1 ? jump : n - 1;
    size_t lo = 0, hi = n - 1, failed = 0;
    kernel_table table;
    /* interior windows: (span - 1) / 2 on each side (span odd) */
    kernel_table_init(&table, span >= n ? -1.0 : (double)(span - (span + 1) / 2));
    if (span >= n) {
        for (size_t i = 0; i < n; i += step)
            failed += fit_or_keep(y, w, n, span, degree, &table, i, lo, hi, out);
    } else if (step == 1) {
        /* Sliding window: moves one point right once past the first half. */
        size_t half = (span + 1) / 2;
        hi = span - 1;
        for (size_t i = 0; i < n; i++) {
            if (i >= half && hi != n - 1) {
                lo++;
                hi++;
            }
            failed += fit_or_keep(y, w, n, span, degree, &table, i, lo, hi, out);
        }
    } else {
        for (size_t i = 0; i < n; i += step) {
            window_for(i, n, span, &lo, &hi);
            failed += fit_or_keep(y, w, n, span, degree, &table, i, lo, hi, out);
        }
    }
    if (step != 1)
        failed += interpolate(y, w, n, span, degree, &table, step, lo, hi, out);
    return failed;
}

static fc_status check_inputs(const double *y, const double *weights,
                              size_t n, const fc_loess_options *opt,
                              const double *out, fc_error *err)
{
    if (!y || !out || !opt)
        return fc_fail(err, FC_EINVAL, "loess: y, out and options must not be NULL");
    if (n == 0)
        return fc_fail(err, FC_EINVAL, "loess: the series is empty");
    if (opt->span < 2)
        return fc_fail(err, FC_EINVAL, "loess: span is %zu; it must be at least 2", opt->span);
    if (opt->degree != 0 && opt->degree != 1)
        return fc_fail(err, FC_EINVAL, "loess: degree is %d; it must be 0 or 1", opt->degree);
    if (opt->jump == 0)
        return fc_fail(err, FC_EINVAL, "loess: jump must be at least 1");
    for (size_t i = 0; i < n; i++) {
        if (isinf(y[i]))
            return fc_fail(err, FC_EINVAL, "loess: y[%zu] is infinite", i);
        if (weights && !(weights[i] >= 0.0 && isfinite(weights[i])))
            return fc_fail(err, FC_EINVAL,
                           "loess: weight %zu is %g; weights must be finite and >= 0", i,
                           weights[i]);
    }
    return FC_OK;
}

fc_status fc_loess_smooth(const double *y, const double *weights, size_t n,
                          const fc_loess_options *opt, double *out,
                          fc_error *err)
{
    fc_status st = check_inputs(y, weights, n, opt, out, err);
    if (st != FC_OK)
        return st;
    fc_loess_run(y, weights, n, opt->span, opt->degree, opt->jump, out);
    for (size_t i = 0; i < n; i++) {
        if (isnan(out[i]))
            return fc_fail(err, FC_EMISSING,
                           "loess: no observation with positive weight within span %zu "
                           "of position %zu; widen the span",
                           opt->span, i);
    }
    return FC_OK;
}
