/* STL: seasonal-trend decomposition based on loess.
 *
 * Reference: Cleveland, Cleveland, McRae & Terpenning (1990), J. Official
 * Statistics 6(1), 3-73.  Section numbers below are the paper's:
 *   2     loess (loess.c),
 *   3.1   the inner loop: detrending, cycle-subseries smoothing, low-pass
 *         filtering of the smoothed cycle-subseries, detrending of it,
 *         deseasonalising, trend smoothing,
 *   3.2   the outer loop: robustness weights (bisquare of |r| / (6 MAD)),
 *   3.4   missing values (weight zero in the loess fits).
 * Parameter defaults, the handling of spans (odd, >= 3), the evaluation
 * grid ("jump"), the end extrapolation of each cycle-subseries and the
 * "periodic" option follow R's stats::stl (R 4.2: stl.R and stl.f), the
 * reference the tests compare with (tests/fixtures/gen_stl.R). */
#include "forecast/seasonal.h"
#include "internal.h"
#include "loess_internal.h"

#include <math.h>
#include <stdlib.h>

fc_stl_options fc_stl_options_default(void)
{
    fc_stl_options o;
    o.period = 0;
    o.periodic = 0;
    o.s_window = 0;
    o.s_degree = 0;
    o.t_window = 0;
    o.t_degree = 1;
    o.l_window = 0;
    o.l_degree = FC_STL_DEFAULT;
    o.s_jump = 0;
    o.t_jump = 0;
    o.l_jump = 0;
    o.robust = 0;
    o.inner = FC_STL_DEFAULT;
    o.outer = FC_STL_DEFAULT;
    return o;
}

/* ------------------------------------------------------------ parameters */

/* The resolved parameters of one decomposition (paper's notation). */
typedef struct {
    size_t np, ns, nt, nl;
    int s_degree, t_degree, l_degree;
    size_t s_jump, t_jump, l_jump;
    int inner, outer;
    int periodic;
} stl_plan;

/* R's nextodd(): round, then the next odd integer if even. */
static double next_odd(double x)
{
    double r = nearbyint(x);
    return fmod(r, 2.0) == 0.0 ? r + 1.0 : r;
}

/* A span as the smoother uses it: odd and at least 3 (stl.f). */
static size_t odd_span(size_t w)
{
    if (w < 3)
        w = 3;
    return w % 2 == 0 ? w + 1 : w;
}

static size_t jump_for(size_t given, double window)
{
    return given ? given : (size_t)ceil(window / 10.0);
}

static fc_status check_degrees(const fc_stl_options *o, fc_error *err)
{
    if (o->s_degree != 0 && o->s_degree != 1)
        return fc_fail(err, FC_EINVAL, "stl: s_degree is %d; it must be 0 or 1", o->s_degree);
    if (o->t_degree != 0 && o->t_degree != 1)
        return fc_fail(err, FC_EINVAL, "stl: t_degree is %d; it must be 0 or 1", o->t_degree);
    if (o->l_degree != FC_STL_DEFAULT && o->l_degree != 0 && o->l_degree != 1)
        return fc_fail(err, FC_EINVAL, "stl: l_degree is %d; it must be 0 or 1", o->l_degree);
    if (o->inner != FC_STL_DEFAULT && o->inner < 1)
        return fc_fail(err, FC_EINVAL, "stl: inner is %d; it must be at least 1", o->inner);
    if (o->outer != FC_STL_DEFAULT && o->outer < 0)
        return fc_fail(err, FC_EINVAL, "stl: outer is %d; it must be at least 0", o->outer);
    return FC_OK;
}

/* Applies R's defaults (stl.R) and the span adjustments of stl.f. */
static fc_status make_plan(const fc_stl_options *o, size_t n, stl_plan *p,
                           fc_error *err)
{
    fc_status st = check_degrees(o, err);
    if (st != FC_OK)
        return st;
    if (o->period < 2)
        return fc_fail(err, FC_EINVAL, "stl: period is %d; it must be at least 2", o->period);
    if (n <= 2 * (size_t)o->period)
        return fc_fail(err, FC_ESHORT,
                       "stl: series has %zu observations; period %d needs more than %zu "
                       "(over two full cycles)",
                       n, o->period, 2 * (size_t)o->period);
    if (!o->periodic && o->s_window == 0)
        return fc_fail(err, FC_EINVAL,
                       "stl: s_window is required (an odd number of cycles such as 7, "
                       "or periodic)");
    double period = (double)o->period;
    double s_window = o->periodic ? 10.0 * (double)n + 1.0 : (double)o->s_window;
    double t_window = (double)o->t_window;
    if (o->t_window == 0) {
        if (s_window <= 1.5)
            return fc_fail(err, FC_EINVAL,
                           "stl: s_window %g leaves no default t_window; set t_window "
                           "or use s_window >= 3",
                           s_window);
        t_window = next_odd(ceil(1.5 * period / (1.0 - 1.5 / s_window)));
    }
    double l_window = o->l_window ? (double)o->l_window : next_odd(period);

    p->np = (size_t)o->period;
    p->periodic = o->periodic != 0;
    p->ns = odd_span((size_t)s_window);
    p->nt = odd_span((size_t)t_window);
    p->nl = odd_span((size_t)l_window);
    p->s_degree = o->periodic ? 0 : o->s_degree;
    p->t_degree = o->t_degree;
    p->l_degree = o->l_degree == FC_STL_DEFAULT ? o->t_degree : o->l_degree;
    p->s_jump = jump_for(o->s_jump, s_window);
    p->t_jump = jump_for(o->t_jump, t_window);
    p->l_jump = jump_for(o->l_jump, l_window);
    p->inner = o->inner != FC_STL_DEFAULT ? o->inner : (o->robust ? 1 : 2);
    p->outer = o->outer != FC_STL_DEFAULT ? o->outer : (o->robust ? 15 : 0);
    return FC_OK;
}

/* ------------------------------------------------------------- workspace */

struct fc_stl_workspace {
    size_t long_len; /* capacity of each buffer: max_n + 2 max_period */
    double *detrended;  /* y - trend, later y - seasonal, later |residual| */
    double *cycle;      /* C: smoothed cycle-subseries, length n + 2 np */
    double *scratch1;   /* moving averages, low-pass, median scratch */
    double *scratch2;
    double *rw;         /* robustness weights times the "observed" mask */
};

void fc_stl_workspace_free(fc_stl_workspace *ws)
{
    if (!ws)
        return;
    free(ws->detrended);
    free(ws->cycle);
    free(ws->scratch1);
    free(ws->scratch2);
    free(ws->rw);
    free(ws);
}

fc_status fc_stl_workspace_alloc(size_t max_n, int max_period,
                                 fc_stl_workspace **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "stl: workspace output pointer is NULL");
    *out = NULL;
    if (max_n == 0 || max_period < 2)
        return fc_fail(err, FC_EINVAL,
                       "stl: workspace needs max_n >= 1 and period >= 2 (got %zu, %d)", max_n,
                       max_period);
    fc_stl_workspace *ws = calloc(1, sizeof *ws);
    if (!ws)
        return fc_fail(err, FC_ENOMEM, "stl: out of memory for the workspace");
    ws->long_len = max_n + 2 * (size_t)max_period;
    size_t L = ws->long_len;
    ws->detrended = malloc(L * sizeof(double));
    ws->cycle = malloc(L * sizeof(double));
    ws->scratch1 = malloc(L * sizeof(double));
    ws->scratch2 = malloc(L * sizeof(double));
    ws->rw = malloc(L * sizeof(double));
    if (!ws->detrended || !ws->cycle || !ws->scratch1 || !ws->scratch2 || !ws->rw) {
        fc_stl_workspace_free(ws);
        return fc_fail(err, FC_ENOMEM, "stl: out of memory for a workspace of %zu values",
                       max_n);
    }
    *out = ws;
    return FC_OK;
}

static int workspace_fits(const fc_stl_workspace *ws, size_t n, size_t np)
{
    return n + 2 * np <= ws->long_len;
}

/* ---------------------------------------------------------------- result */

void fc_stl_result_free(fc_stl_result *r)
{
    if (!r)
        return;
    free(r->seasonal);
    free(r->trend);
    free(r->remainder);
    free(r->weights);
    free(r);
}

fc_status fc_stl_result_alloc(size_t capacity, fc_stl_result **out,
                              fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "stl: result output pointer is NULL");
    *out = NULL;
    if (capacity == 0)
        return fc_fail(err, FC_EINVAL, "stl: result capacity must be at least 1");
    fc_stl_result *r = calloc(1, sizeof *r);
    if (!r)
        return fc_fail(err, FC_ENOMEM, "stl: out of memory for the result");
    r->capacity = capacity;
    r->seasonal = malloc(capacity * sizeof(double));
    r->trend = malloc(capacity * sizeof(double));
    r->remainder = malloc(capacity * sizeof(double));
    r->weights = malloc(capacity * sizeof(double));
    if (!r->seasonal || !r->trend || !r->remainder || !r->weights) {
        fc_stl_result_free(r);
        return fc_fail(err, FC_ENOMEM, "stl: out of memory for a result of %zu values",
                       capacity);
    }
    *out = r;
    return FC_OK;
}

/* -------------------------------------------------------------- the steps */

/* Step 2 of the inner loop (section 3.1): loess on each cycle-subseries
 * (all Januaries, all Februaries, ...), each also extrapolated one cycle
 * before its start and one after its end, so that C has n + 2 np values
 * starting one full cycle before y. */
static void smooth_cycle_subseries(const double *x, size_t n, const stl_plan *p,
                                   fc_stl_workspace *ws, double *cycle)
{
    const size_t np = p->np, ns = p->ns;
    /* Subseries buffers live in the scratch arrays, free at this step: a
     * subseries has at most k_max <= (n + 1) / 2 values (np >= 2). */
    const size_t k_max = (n - 1) / np + 1;
    double *sub_y = ws->scratch1, *sub_w = ws->scratch1 + k_max, *fit = ws->scratch2;
    for (size_t j = 0; j < np; j++) {
        size_t k = (n - 1 - j) / np + 1;
        for (size_t m = 0; m < k; m++) {
            sub_y[m] = x[m * np + j];
            sub_w[m] = ws->rw[m * np + j];
        }
        fc_loess_run(sub_y, sub_w, k, ns, p->s_degree, p->s_jump, fit + 1);
        size_t first_hi = (ns < k ? ns : k) - 1;
        if (!fc_loess_fit_at(sub_y, sub_w, k, ns, p->s_degree, -1.0, 0, first_hi, &fit[0]))
            fit[0] = fit[1];
        size_t last_lo = k > ns ? k - ns : 0;
        if (!fc_loess_fit_at(sub_y, sub_w, k, ns, p->s_degree, (double)k, last_lo, k - 1,
                             &fit[k + 1]))
            fit[k + 1] = fit[k];
        for (size_t m = 0; m < k + 2; m++)
            cycle[m * np + j] = fit[m];
    }
}

/* Running mean of `len` consecutive values: out has n - len + 1 values. */
static void moving_average(const double *x, size_t n, size_t len, double *out)
{
    double sum = 0.0;
    for (size_t i = 0; i < len; i++)
        sum += x[i];
    out[0] = sum / (double)len;
    for (size_t j = 1; j + len <= n; j++) {
        sum = sum - x[j - 1] + x[j + len - 1];
        out[j] = sum / (double)len;
    }
}

/* Step 3 (section 3.1): low-pass filter of C -- moving averages of lengths
 * np, np and 3, then loess with span n_l -- giving L (length n) in
 * ws->scratch2. */
static void low_pass(size_t n, const stl_plan *p, fc_stl_workspace *ws)
{
    size_t len = n + 2 * p->np;
    moving_average(ws->cycle, len, p->np, ws->scratch1);
    len -= p->np - 1;
    moving_average(ws->scratch1, len, p->np, ws->scratch2);
    len -= p->np - 1;
    moving_average(ws->scratch2, len, 3, ws->scratch1);
    fc_loess_run(ws->scratch1, NULL, n, p->nl, p->l_degree, p->l_jump, ws->scratch2);
}

/* Inner loop (section 3.1, steps 1-6), `inner` times, updating seasonal
 * and trend in place. */
static void inner_loop(const double *y, size_t n, const stl_plan *p,
                       fc_stl_workspace *ws, double *seasonal, double *trend)
{
    for (int it = 0; it < p->inner; it++) {
        for (size_t i = 0; i < n; i++)
            ws->detrended[i] = y[i] - trend[i];
        smooth_cycle_subseries(ws->detrended, n, p, ws, ws->cycle);
        low_pass(n, p, ws);
        for (size_t i = 0; i < n; i++)
            seasonal[i] = ws->cycle[p->np + i] - ws->scratch2[i];
        for (size_t i = 0; i < n; i++)
            ws->detrended[i] = y[i] - seasonal[i];
        fc_loess_run(ws->detrended, ws->rw, n, p->nt, p->t_degree, p->t_jump, trend);
    }
}

/* Selection of order statistics by Singleton's quicksort-based method
 * (CACM Algorithm 347, 1969): median-of-three partitions, only the parts
 * holding a wanted position are refined, short parts are finished by
 * straight insertion.  R's stl.f computes the MAD this way and passes the
 * two central positions in DESCENDING order, while the bookkeeping of the
 * wanted positions assumes ascending order; for an even count the two
 * values returned are then not always the two central order statistics.
 * Matching R to 1e-8 requires the same values, so the method is reproduced
 * here (1-based positions, a[1..n], want[1..nwant]). */
typedef struct {
    long lo, hi;          /* part of a */
    long want_lo, want_hi; /* its range in want[] */
} select_part;

/* Partitions a[i..j] around the median of a[i], a[(i+j)/2], a[j]; on
 * return a[i..*l] <= pivot <= a[*k..j] with *l < *k. */
static void partition3(double *a, long i, long j, long *l_out, long *k_out)
{
    long mid = (i + j) / 2, k = i, l = j;
    double t = a[mid];
    if (a[i] > t) {
        a[mid] = a[i];
        a[i] = t;
        t = a[mid];
    }
    if (a[j] < t) {
        a[mid] = a[j];
        a[j] = t;
        t = a[mid];
        if (a[i] > t) {
            a[mid] = a[i];
            a[i] = t;
            t = a[mid];
        }
    }
    for (;;) {
        l--;
        if (a[l] > t)
            continue;
        double low = a[l];
        do
            k++;
        while (a[k] < t);
        if (k > l)
            break;
        a[l] = a[k];
        a[k] = low;
    }
    *l_out = l;
    *k_out = k;
}

/* Straight insertion of a[i+1..j] (a[i-1] is a sentinel below them). */
static void insertion_pass(double *a, long i, long j)
{
    for (; i < j; i++) {
        double t = a[i + 1];
        if (a[i] <= t)
            continue;
        long k = i;
        do {
            a[k + 1] = a[k];
            k--;
        } while (t < a[k]);
        a[k + 1] = t;
    }
}

#define SELECT_STACK 64

static void select_positions(double *a, long n, const long *want, long nwant)
{
    select_part stack[SELECT_STACK];
    int depth = 0;
    select_part cur = {1, n, 1, nwant};
    if (n < 2 || nwant == 0)
        return;
    for (;;) {
        /* Refine the current part while it is long, or while it starts at
         * position 1 (no sentinel for the insertion pass). */
        while (cur.lo < cur.hi && (cur.hi - cur.lo > 10 || cur.lo == 1)) {
            long l, k;
            partition3(a, cur.lo, cur.hi, &l, &k);
            if (depth == SELECT_STACK)
                return; /* unreachable for n < 2^60: parts at least halve */
            select_part *pushed = &stack[depth++];
            if (l - cur.lo <= cur.hi - k) {
                /* keep the left part, set the right one aside */
                *pushed = (select_part){k, cur.hi, 0, cur.want_hi};
                cur.hi = l;
                while (cur.want_lo <= cur.want_hi && want[cur.want_hi] > cur.hi)
                    cur.want_hi--;
                pushed->want_lo = cur.want_hi + 1;
            } else {
                *pushed = (select_part){cur.lo, l, cur.want_lo, 0};
                cur.lo = k;
                while (cur.want_lo <= cur.want_hi && want[cur.want_lo] < cur.lo)
                    cur.want_lo++;
                pushed->want_hi = cur.want_lo - 1;
            }
            if (cur.want_lo > cur.want_hi)
                break; /* nothing wanted here: take the next part */
        }
        if (cur.want_lo <= cur.want_hi && cur.lo < cur.hi)
            insertion_pass(a, cur.lo, cur.hi);
        do {
            if (depth == 0)
                return;
            cur = stack[--depth];
        } while (cur.want_lo > cur.want_hi);
    }
}

/* 6 * median |r| as stl.f computes it: 3 * (a[m/2 + 1] + a[m - m/2])
 * after select_positions with the positions in that order. */
static double six_mad(double *abs_r, size_t m)
{
    if (m == 0)
        return 0.0; /* no finite residual: every weight becomes 0 below */
    long want[3];
    want[1] = (long)(m / 2 + 1);
    want[2] = (long)m - want[1] + 1;
    select_positions(abs_r - 1, (long)m, want, 2);
    return 3.0 * (abs_r[want[1] - 1] + abs_r[want[2] - 1]);
}

/* Outer loop (section 3.2): robustness weights rho_i = B(|r_i| / h) with
 * h = 6 median|r| and B the bisquare; 0 at missing values. */
static void robustness_weights(const double *y, size_t n, const double *seasonal,
                               const double *trend, fc_stl_workspace *ws)
{
    double *abs_r = ws->detrended, *observed = ws->scratch1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double fit = trend[i] + seasonal[i];
        abs_r[i] = fabs(y[i] - fit);
        if (!isnan(abs_r[i]))
            observed[m++] = abs_r[i];
    }
    double h = six_mad(observed, m);
    double inside = 0.999 * h, flat = 0.001 * h;
    for (size_t i = 0; i < n; i++) {
        double r = abs_r[i];
        if (isnan(r))
            ws->rw[i] = 0.0;
        else if (r <= flat)
            ws->rw[i] = 1.0;
        else if (r <= inside) {
            double u = r / h;
            ws->rw[i] = (1.0 - u * u) * (1.0 - u * u);
        } else
            ws->rw[i] = 0.0;
    }
}

/* R's "periodic" step: the seasonal becomes the mean of each cycle
 * position (stl.R), which the paper's section 3.5 equates with n_s -> inf. */
static void cycle_means(double *seasonal, size_t n, size_t np)
{
    for (size_t j = 0; j < np; j++) {
        double sum = 0.0;
        size_t k = 0;
        for (size_t i = j; i < n; i += np, k++)
            sum += seasonal[i];
        double mean = sum / (double)k;
        double corr = 0.0;
        for (size_t i = j; i < n; i += np)
            corr += seasonal[i] - mean;
        mean += corr / (double)k;
        for (size_t i = j; i < n; i += np)
            seasonal[i] = mean;
    }
}

/* ------------------------------------------------------------ validation */

static fc_status check_values(const double *y, size_t n, size_t np,
                              size_t *n_missing, fc_error *err)
{
    size_t missing = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(y[i]))
            return fc_fail(err, FC_EDOMAIN, "stl: value %zu is infinite", i + 1);
        missing += isnan(y[i]) != 0;
    }
    if (missing == n)
        return fc_fail(err, FC_EMISSING, "stl: all %zu values are missing", n);
    for (size_t j = 0; j < np; j++) {
        size_t seen = 0;
        for (size_t i = j; i < n; i += np)
            seen += !isnan(y[i]);
        if (seen == 0)
            return fc_fail(err, FC_EMISSING,
                           "stl: every value at cycle position %zu (of %zu) is missing; "
                           "its seasonal cannot be estimated",
                           j + 1, np);
    }
    *n_missing = missing;
    return FC_OK;
}

static fc_status check_components(const fc_stl_result *r, size_t n, fc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(r->seasonal[i]) || !isfinite(r->trend[i]))
            return fc_fail(err, FC_EMISSING,
                           "stl: the missing values around observation %zu leave a "
                           "window with no data; widen s_window / t_window or fill the gap",
                           i + 1);
    }
    return FC_OK;
}

static void record_plan(fc_stl_result *r, const stl_plan *p, size_t n,
                        size_t n_missing)
{
    r->n = n;
    r->period = (int)p->np;
    r->periodic = p->periodic;
    r->s_window = p->ns;
    r->t_window = p->nt;
    r->l_window = p->nl;
    r->s_degree = p->s_degree;
    r->t_degree = p->t_degree;
    r->l_degree = p->l_degree;
    r->s_jump = p->s_jump;
    r->t_jump = p->t_jump;
    r->l_jump = p->l_jump;
    r->inner = p->inner;
    r->outer = p->outer;
    r->n_missing = n_missing;
}

/* ---------------------------------------------------------------- driver */

/* The outer loop of section 3.2 around the inner loop: outer + 1 passes,
 * the weights of each pass computed from the previous one's fit. */
static void run_passes(const double *y, size_t n, const stl_plan *p,
                       fc_stl_workspace *ws, fc_stl_result *r)
{
    for (size_t i = 0; i < n; i++) {
        r->trend[i] = 0.0;
        ws->rw[i] = isnan(y[i]) ? 0.0 : 1.0;
    }
    for (int pass = 0;; pass++) {
        inner_loop(y, n, p, ws, r->seasonal, r->trend);
        if (pass >= p->outer)
            break;
        robustness_weights(y, n, r->seasonal, r->trend, ws);
    }
    if (p->periodic)
        cycle_means(r->seasonal, n, p->np);
    for (size_t i = 0; i < n; i++) {
        r->remainder[i] = y[i] - r->seasonal[i] - r->trend[i];
        r->weights[i] = ws->rw[i];
    }
}

fc_status fc_stl_decompose(const double *y, size_t n,
                           const fc_stl_options *opt, fc_stl_workspace *ws,
                           fc_stl_result *res, fc_error *err)
{
    if (!y || !opt || !res)
        return fc_fail(err, FC_EINVAL, "stl: y, options and result must not be NULL");
    stl_plan plan = {0};
    fc_status st = make_plan(opt, n, &plan, err);
    if (st != FC_OK)
        return st;
    if (res->capacity < n)
        return fc_fail(err, FC_EINVAL, "stl: result holds %zu values; the series has %zu",
                       res->capacity, n);
    size_t n_missing = 0;
    st = check_values(y, n, plan.np, &n_missing, err);
    if (st != FC_OK)
        return st;
    fc_stl_workspace *own = NULL;
    if (!ws) {
        st = fc_stl_workspace_alloc(n, opt->period, &own, err);
        if (st != FC_OK)
            return st;
        ws = own;
    } else if (!workspace_fits(ws, n, plan.np)) {
        return fc_fail(err, FC_EINVAL,
                       "stl: the workspace is too small for %zu values of period %zu", n,
                       plan.np);
    }
    fc_gsl_quiet();
    run_passes(y, n, &plan, ws, res);
    fc_stl_workspace_free(own);
    record_plan(res, &plan, n, n_missing);
    return check_components(res, n, err);
}

fc_status fc_stl_series(const fc_series *s, const fc_stl_options *opt,
                        fc_stl_result **out, fc_error *err)
{
    if (!s || !opt || !out)
        return fc_fail(err, FC_EINVAL, "stl: series, options and output must not be NULL");
    *out = NULL;
    fc_stl_options o = *opt;
    if (o.period == 0)
        o.period = s->freq;
    if (s->n == 0)
        return fc_fail(err, FC_ESHORT, "stl: the series is empty");
    fc_stl_result *r = NULL;
    fc_status st = fc_stl_result_alloc(s->n, &r, err);
    if (st != FC_OK)
        return st;
    st = fc_stl_decompose(s->values, s->n, &o, NULL, r, err);
    if (st != FC_OK) {
        fc_stl_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}
