/* Seasonal-adjustment diagnostics of X-11: the quality-control statistics
 * M1-M11 and Q (Lothian & Morry 1978, "A set of quality control
 * statistics for the X-11-ARIMA seasonal adjustment method", Statistics
 * Canada), the F-tests for stable and moving seasonality, the
 * Kruskal-Wallis test, the combined test for identifiable seasonality and
 * the residual-seasonality F-test, computed the way X-13ARIMA-SEATS builds
 * its tables D8, F2 and F3 (X-13 Reference Manual, appendix on X-11
 * diagnostics).  Tested against the .udg diagnostics of the X-13 runs in
 * tests/fixtures/x13. */
#include "internal.h"
#include "forecast/seasonal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t n;
    int ny;
    int mult;      /* ratios (multiplicative, log-additive, pseudo-additive) */
    int logadd;    /* log-additive: X-13 tests D8 on the log scale */
    size_t off;    /* calendar offset of the first observation */
} diag_ctx;

/* ------------------------------------------------------ analysis of variance */

/* One-way ANOVA of x[kb..ie] grouped by period (groups start at kb):
 * F = between-period mean square / residual mean square. */
static int oneway_f(const double *x, size_t kb, size_t ie, int ny, double *f, double *p)
{
    double sumt = 0.0, ssqt = 0.0, ssm = 0.0;
    size_t nt = 0;
    for (int i = 0; i < ny; i++) {
        size_t nm = 0;
        double summ = 0.0;
        for (size_t j = kb + (size_t)i; j <= ie; j += (size_t)ny) {
            nm++;
            summ += x[j];
            ssqt += x[j] * x[j];
        }
        if (nm == 0)
            return 0;
        nt += nm;
        sumt += summ;
        ssm += summ * summ / (double)nm;
    }
    ssqt -= sumt * sumt / (double)nt;
    ssm -= sumt * sumt / (double)nt;
    double dfb = ny - 1, dfr = (double)nt - ny;
    double msr = (ssqt - ssm) / dfr;
    if (!(msr > 0) || dfr <= 0)
        return 0;
    *f = (ssm / dfb) / msr;
    *p = *f > 0 ? gsl_cdf_fdist_Q(*f, dfb, dfr) : 1.0;
    return 1;
}

/* Two-way ANOVA (years x periods) of |SI - 1| (|SI| additive) over the
 * complete calendar years: F = between-years / residual mean square. */
static int moving_f(const diag_ctx *c, const double *si, double *f, double *p)
{
    size_t ny = (size_t)c->ny;
    size_t first = (ny - c->off % ny) % ny;                   /* first period 1 */
    size_t end = c->n - (c->off + c->n) % ny;                  /* after last full year */
    if (end <= first || (end - first) / ny < 2)
        return 0;
    size_t nyrs = (end - first) / ny;
    double *t = malloc((end - first) * sizeof *t);
    if (!t)
        return 0;
    double tot = 0.0;
    for (size_t i = first; i < end; i++) {
        t[i - first] = c->mult ? fabs(si[i] - 1.0) : fabs(si[i]);
        tot += t[i - first];
    }
    double xbar = tot / (double)(ny * nyrs), colss = 0.0, rowss = 0.0, totss = 0.0;
    for (size_t l = 0; l < ny; l++) {
        double m = 0.0;
        for (size_t y = 0; y < nyrs; y++)
            m += t[y * ny + l];
        m /= (double)nyrs;
        colss += (m - xbar) * (m - xbar);
    }
    colss *= (double)nyrs;
    for (size_t y = 0; y < nyrs; y++) {
        double m = 0.0;
        for (size_t l = 0; l < ny; l++)
            m += t[y * ny + l];
        m /= (double)ny;
        rowss += (m - xbar) * (m - xbar);
    }
    rowss *= (double)ny;
    for (size_t i = 0; i < ny * nyrs; i++)
        totss += (t[i] - xbar) * (t[i] - xbar);
    free(t);
    double errss = totss - colss - rowss;
    double df1 = (double)nyrs - 1, df2 = (double)(ny - 1) * df1;
    if (!(errss > 0))
        return 0;
    *f = (rowss / df1) / (errss / df2);
    *p = *f > 0 ? gsl_cdf_fdist_Q(*f, df1, df2) : 1.0;
    return 1;
}

static int cmp_double_ptr(const void *a, const void *b)
{
    double x = **(const double *const *)a, y = **(const double *const *)b;
    return (x > y) - (x < y);
}

/* Kruskal-Wallis statistic of si grouped by period (mid-ranks for ties). */
static int kruskal_wallis(const diag_ctx *c, const double *si, double *h, double *p)
{
    size_t n = c->n;
    const double **ptr = malloc(n * sizeof *ptr);
    double *rank = malloc(n * sizeof *rank);
    if (!ptr || !rank) {
        free(ptr);
        free(rank);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        ptr[i] = &si[i];
    qsort(ptr, n, sizeof *ptr, cmp_double_ptr);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && *ptr[j + 1] == *ptr[i])
            j++;
        double r = 0.5 * (double)(i + j) + 1.0;
        for (size_t k = i; k <= j; k++)
            rank[ptr[k] - si] = r;
        i = j + 1;
    }
    double s = 0.0;
    for (int m = 0; m < c->ny; m++) {
        double rs = 0.0;
        size_t cnt = 0;
        for (size_t i = (size_t)m; i < n; i += (size_t)c->ny) {
            rs += rank[i];
            cnt++;
        }
        s += rs * rs / (double)cnt;
    }
    free(ptr);
    free(rank);
    *h = 12.0 / ((double)n * (double)(n + 1)) * s - 3.0 * (double)(n + 1);
    *p = gsl_cdf_chisq_Q(*h, c->ny - 1);
    return 1;
}

/* Combined test for identifiable seasonality (X-11-ARIMA/88): stable F
 * significant at 0.1%, T1 = 7/Fs, T2 = 3 Fm/Fs, Kruskal-Wallis at 0.1%. */
static fc_x11_seasonality combined_test(const fc_x11_diagnostics *d, double *t1, double *t2)
{
    double fs = d->f_stable, fm = d->f_moving;
    *t1 = fs * 9.0 >= 7.0 ? 7.0 / fs : 9.0;
    *t2 = fs > 0 ? 3.0 * fm / fs : 9.0;
    if (*t2 > 9.0 || !(fs > 0))
        *t2 = 9.0;
    if (!(d->p_stable * 100.0 < 0.1))
        return FC_X11_SEASONALITY_ABSENT;
    if (d->p_moving * 100.0 <= 5.0 && (*t1 + *t2) / 2.0 >= 1.0)
        return FC_X11_SEASONALITY_ABSENT;
    if (*t1 < 1.0 && d->p_kruskal_wallis * 100.0 <= 0.1 && *t2 < 1.0)
        return FC_X11_SEASONALITY_PRESENT;
    return FC_X11_SEASONALITY_PROBABLY_ABSENT;
}

/* ------------------------------------------------------------ F2 measures */

/* Average absolute period-to-period change over spans 1..ny (percent for
 * ratios, differences otherwise): X-11 table F 2.A. */
static void mean_abs_change(const diag_ctx *c, const double *x, double *bar)
{
    for (int k = 1; k <= c->ny; k++) {
        double s = 0.0;
        size_t cnt = 0;
        for (size_t l = 0; l + (size_t)k < c->n; l++) {
            double ch = x[l + (size_t)k] - x[l];
            if (c->mult)
                ch = ch * 100.0 / x[l];
            s += fabs(ch);
            cnt++;
        }
        bar[k - 1] = cnt ? s / (double)cnt : NAN;
    }
}

/* Sum of squares of log(x) (ratios) or x about 0 (about_mean = 0) or
 * about the mean: the variances of table F 2.F (their scale cancels). */
static double sum_squares(const diag_ctx *c, const double *x, int about_mean)
{
    double m = 0.0, s = 0.0;
    if (about_mean) {
        for (size_t i = 0; i < c->n; i++)
            m += c->mult ? log(x[i]) : x[i];
        m /= (double)c->n;
    }
    for (size_t i = 0; i < c->n; i++) {
        double v = (c->mult ? log(x[i]) : x[i]) - m;
        s += v * v;
    }
    return s;
}

/* Average duration of run: observations over the number of runs of
 * increases and decreases (F 2.D). */
static double average_duration_of_run(const double *y, size_t n)
{
    size_t i = 0;
    double runs = 1.0;
    int dir = 0; /* +1 rising, -1 falling */
    while (i + 1 < n && y[i] == y[i + 1])
        i++;
    if (i + 1 >= n)
        return (double)(n - 1);
    dir = y[i] < y[i + 1] ? 1 : -1;
    for (i++; i + 1 < n; i++) {
        if (dir > 0 && y[i] > y[i + 1]) {
            runs += 1.0;
            dir = -1;
        } else if (dir < 0 && y[i] < y[i + 1]) {
            runs += 1.0;
            dir = 1;
        }
    }
    return (double)(n - 1) / runs;
}

/* M8-M11: size and linear movement of the standardised seasonal factors
 * over the whole series and over recent years. */
static void seasonal_movement(const diag_ctx *c, const double *s, double m[4])
{
    size_t n = c->n, ny = (size_t)c->ny;
    double ave = c->mult ? 1.0 : 0.0, sd = 0.0;
    for (size_t i = 0; i < n; i++)
        sd += (s[i] - ave) * (s[i] - ave);
    sd = sqrt(sd / (double)n);
    double a1 = 0, a2 = 0, a3 = 0, a4 = 0, count = 0, ct1 = 0, ct2 = 0;
#define Z(i) ((s[(i)] - ave) / sd)
    for (size_t i = 0; i < ny; i++) {
        double ct = 0.0;
        size_t k = i;
        for (size_t j = i + ny; j < n; j += ny) {
            ct += 1.0;
            count += 1.0;
            a1 += fabs(Z(j) - Z(j - ny));
            k = j;
        }
        if (ct > 0)
            a2 += fabs(Z(k) - Z(i)) / ct;
        if (k < 5 * ny)
            continue;
        k -= 2 * ny;
        size_t j = k - 3 * ny;
        a3 += fabs(Z(k) - Z(j)) / 3.0;
        ct1 += 1.0;
        for (size_t l = j + ny; l <= k; l += ny) {
            ct2 += 1.0;
            a4 += fabs(Z(l) - Z(l - ny));
        }
    }
#undef Z
    a1 /= count;
    a2 /= (double)ny;
    if (ct1 > 0) {
        a3 /= ct1;
        a4 /= ct2;
    }
    m[0] = 10.0 * a1;
    m[1] = 10.0 * a2;
    m[2] = 10.0 * a4;
    m[3] = 10.0 * a3;
}

/* Months (quarters) for cyclical dominance and its interpolated value. */
static double cyclical_dominance(const double *smic, int ny, int *mcd_out)
{
    int mcd = ny;
    while (smic[mcd - 1] < 1.0) {
        if (mcd == 1)
            break;
        mcd--;
    }
    if (!(mcd == 1 && smic[0] < 1.0))
        mcd++;
    if (mcd > ny)
        mcd = ny;
    *mcd_out = mcd;
    double kny = 12 / ny, r;
    if (mcd == 1) {
        r = 1.0 + (smic[0] - 1.0) / (smic[0] - smic[1]);
        if (r < 0.5)
            r = 0.5;
        if (r > 1.0)
            r = 1.0;
    } else {
        double ds = smic[mcd - 2] - smic[mcd - 1];
        if (ds <= 0.0 && mcd == ny)
            r = kny * 15.5;
        else
            r = mcd + (smic[mcd - 1] - 1.0) / ds;
    }
    return r;
}

/* ------------------------------------------------------------- driver */

static fc_status residual_tests(const diag_ctx *c, const double *d11, fc_x11_diagnostics *d,
                                double *work)
{
    size_t l = (size_t)c->ny / 4, n = c->n;
    for (size_t i = 0; i < l; i++)
        work[i] = 0.0;
    for (size_t i = l; i < n; i++)
        work[i] = d11[i] - d11[i - l];
    d->f_residual = d->p_residual = NAN;
    d->f_residual_3y = d->p_residual_3y = NAN;
    oneway_f(work, l, n - 1, c->ny, &d->f_residual, &d->p_residual);
    if (n >= 3 * (size_t)c->ny && n - 3 * (size_t)c->ny + 1 >= l)
        oneway_f(work, n - 3 * (size_t)c->ny, n - 1, c->ny, &d->f_residual_3y, &d->p_residual_3y);
    return FC_OK;
}

fc_status fc_x11_diagnose(const fc_x11_result *r, fc_x11_diagnostics *d, fc_error *err)
{
    if (!r || !d)
        return fc_fail(err, FC_EINVAL, "fc_x11_diagnose: NULL argument");
    fc_gsl_quiet();
    memset(d, 0, sizeof *d);
    diag_ctx c = {r->n, r->freq, r->mode != FC_X11_ADD, r->mode == FC_X11_LOGADD,
                  (size_t)(r->start.sub - 1)};
    size_t n = r->n, ny = (size_t)r->freq;
    double *e1 = malloc(n * sizeof *e1), *e3 = malloc(n * sizeof *e3);
    double *tmp = malloc(n * sizeof *tmp), *tr = malloc(n * sizeof *tr);
    if (!e1 || !e3 || !tmp || !tr) {
        free(e1);
        free(e3);
        free(tmp);
        free(tr);
        return fc_fail(err, FC_ENOMEM, "cannot allocate diagnostics for %zu values", n);
    }
    /* Seasonality tests on D8 (log scale for log-additive, as X-13 runs
     * them before taking antilogs) and on D11. */
    const double *d8 = r->d8;
    if (c.logadd) {
        for (size_t i = 0; i < n; i++)
            tr[i] = log(r->d8[i]);
        d8 = tr;
    }
    diag_ctx cs = c;
    cs.mult = c.mult && !c.logadd;
    d->f_stable = d->p_stable = d->f_moving = d->p_moving = NAN;
    oneway_f(d8, 0, n - 1, r->freq, &d->f_stable, &d->p_stable);
    kruskal_wallis(&cs, d8, &d->kruskal_wallis, &d->p_kruskal_wallis);
    moving_f(&cs, d8, &d->f_moving, &d->p_moving);
    double t1, t2;
    d->identifiable = combined_test(d, &t1, &t2);
    residual_tests(&c, r->d11, d, tmp);
    /* E1 and E3 (X-11 part E): values given zero weight in C17 replaced,
     * the irregular by its expected value, the original by T * S. */
    for (size_t i = 0; i < n; i++) {
        if (r->c17[i] > 0.0) {
            e1[i] = r->b1[i];
            e3[i] = r->d13[i];
        } else {
            e1[i] = c.mult ? r->b1[i] / r->d13[i] : r->b1[i] - r->d13[i];
            e3[i] = c.mult ? 1.0 : 0.0;
        }
    }
    /* F 2.A/B/E: average changes and relative contributions by span. */
    double ibar[12], imbar[12], cbar[12], sbar[12], smic[12], isq[12];
    mean_abs_change(&c, r->d13, ibar);
    mean_abs_change(&c, e3, imbar);
    mean_abs_change(&c, r->d12, cbar);
    mean_abs_change(&c, r->d10, sbar);
    for (size_t k = 0; k < ny; k++) {
        double tot = imbar[k] * imbar[k] + cbar[k] * cbar[k] + sbar[k] * sbar[k];
        isq[k] = imbar[k] * imbar[k] / tot;
        smic[k] = ibar[k] / cbar[k];
    }
    /* F 2.F: variances relative to the detrended modified original. */
    double slope = 0.0, fn = (double)n;
    for (size_t i = 0; i < n; i++) {
        double cv = c.mult ? log(r->d12[i]) : r->d12[i];
        slope += cv * (2.0 * (double)i - (double)(n - 1));
    }
    slope = 6.0 * slope / (fn * (fn * fn - 1.0));
    for (size_t i = 0; i < n; i++) {
        double t = slope * ((double)i + 1.0);
        tr[i] = c.mult ? exp(t) : t;
    }
    for (size_t i = 0; i < n; i++)
        tmp[i] = c.mult ? r->d12[i] / tr[i] : r->d12[i] - tr[i];
    double vc = sum_squares(&c, tmp, 1);
    for (size_t i = 0; i < n; i++)
        tmp[i] = c.mult ? e1[i] / tr[i] : e1[i] - tr[i];
    double vo = sum_squares(&c, tmp, 1) / 100.0;
    double vi = sum_squares(&c, e3, 0), vs = sum_squares(&c, r->d10, 0);
    if (!(vo > 0) || !(vi > 0)) {
        free(e1);
        free(e3);
        free(tmp);
        free(tr);
        return fc_fail(err, FC_ENUMERIC,
                       "diagnostics undefined: the irregular or the detrended series has zero variance");
    }
    d->var_i = vi / vo;
    d->var_c = vc / vo;
    d->var_s = vs / vo;
    d->var_total = d->var_i + d->var_c + d->var_s;
    d->adr_irregular = average_duration_of_run(r->d13, n);
    d->ic_ratio = r->ic_ratio_d12;
    d->is_ratio = r->msr_full;
    /* F3: the M statistics. */
    int kq = r->freq / 4, kny = 12 / r->freq;
    double *m = d->m;
    m[0] = isq[kq - 1] / 0.10;
    m[1] = (d->var_i / 100.0) / 0.10;
    m[2] = (d->ic_ratio * kny - 1.0) / 2.0;
    m[3] = fabs(3.0 * (fn - 1.0) / d->adr_irregular - 2.0 * fn + 1.0) /
           (sqrt(1.6 * fn - 2.9) * 2.577);
    double rmcd = cyclical_dominance(smic, r->freq, &d->mcd);
    m[4] = (rmcd * kny - 0.5) / 5.0;
    m[5] = fabs(d->is_ratio - 4.0) / 2.5;
    m[6] = sqrt((t1 + t2) / 2.0);
    int stable = r->d10_filter == FC_SEASONAL_STABLE;
    d->nm = (!stable && n / ny >= 6) ? 11 : 7;
    for (int i = 7; i < 11; i++)
        m[i] = NAN;
    if (d->nm == 11)
        seasonal_movement(&c, r->d10, m + 7);
    /* Q: weighted mean, M6 only when the 3x5 filter was used throughout. */
    static const double wt[11] = {10, 11, 10, 8, 11, 10, 18, 7, 7, 4, 4};
    int l3x5 = r->d10_filter == FC_SEASONAL_3X5;
    double qual = 0.0, twt = 0.0;
    d->nfail = 0;
    for (int i = 0; i < 11; i++) {
        if (i < d->nm) {
            if (m[i] < 0.0)
                m[i] = 0.0;
            if (m[i] > 3.0)
                m[i] = 3.0;
            if (m[i] >= 1.0)
                d->nfail++;
            if (!l3x5 && i == 5)
                continue;
            qual += m[i] * wt[i];
        } else if (i < 9) {
            qual += m[6] * wt[i];
        } else if (i == 9) {
            qual += m[0] * wt[i];
        } else {
            qual += m[1] * wt[i];
        }
        twt += wt[i];
    }
    d->q = qual / twt;
    double twt2 = d->nm == 11 ? 11.0 : 15.0;
    d->q_m2 = (qual - m[1] * twt2) / (twt - twt2);
    free(e1);
    free(e3);
    free(tmp);
    free(tr);
    return FC_OK;
}
