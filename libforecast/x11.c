/* X-11 seasonal adjustment (tables B, C and D) as X-13ARIMA-SEATS runs it.
 *
 * The recipe follows the X-13ARIMA-SEATS Reference Manual (US Census
 * Bureau, version 1.1) and Ladiray & Quenneville (2001) "Seasonal
 * adjustment with the X-11 method"; the order of operations, the 5-year
 * sigma spans, the replacement of extreme SI values and the I/C and MSR
 * rules were checked step by step against X-13's printed tables (shared
 * reference runs, tests/test_x11.c).
 *
 * Indexing: arrays run over the whole extended series (backcasts,
 * observations, forecasts), index 0..N-1.  X-11 groups values by calendar
 * year, so the "position" of index i is pos = i + off where off is the
 * month (quarter) of the first value minus one: positions 0..ny-1 are the
 * first calendar year. */
#include "internal.h"
#include "forecast/seasonal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t N;          /* total length */
    int ny;            /* 12 or 4 */
    size_t off;        /* calendar offset of index 0 */
    size_t f0, f1;     /* first and last observation (inclusive) */
    int muladd;        /* 0 multiplicative/pseudo-additive, 1 additive, 2 log-additive */
    int pseudo;        /* pseudo-additive */
    double xbar;       /* 1 (multiplicative) or 0 (additive) */
    double siglo, sigup;
    fc_x11_seasonal_ma sma;   /* current seasonal filter option (MSR resolved at D10) */
    int ktcopt;        /* requested Henderson length, 0 = automatic */
    double tic;        /* I/C ratio used for Henderson end weights (persists, as in X-13) */
    int nterm;         /* Henderson length of the last trend */
    double ratic;      /* last I/C ratio */
    double msr;        /* MSR of the first selection pass (X-13 msr01) */
    double msr_full;   /* MSR over all observations (X-13 D 9.A) */
    int kpart;         /* 2 = B, 3 = C, 4 = D */
    int ksect;         /* 1 = first seasonal estimate, 2 = second */
    /* work arrays (N each) */
    double *sto, *stcsi, *stc, *stsi, *sts, *stci, *sti, *stwt, *stex, *tmp, *tmp2;
    /* per-month buffers (N / ny + 8 each) */
    double *mon, *mavg, *mpad;
} x11_work;

/* -------------------------------------------------------------- helpers */

static double op_div(const x11_work *w, double a, double b)
{
    return w->muladd ? a - b : a / b;
}

static double op_mul(const x11_work *w, double a, double b)
{
    return w->muladd ? a + b : a * b;
}

static void divsub(const x11_work *w, double *dst, const double *a, const double *b,
                   size_t lo, size_t hi)
{
    for (size_t i = lo; i <= hi; i++)
        dst[i] = op_div(w, a[i], b[i]);
}

/* Pseudo-additive seasonal adjustment (X-13 x11{mode=pseudoadd}; Baxter's
 * O = T (S + I - 1)): the seasonal is removed additively in units of the
 * trend, SA = O - T (S - 1), wherever the trend estimate t is available. */
static void pseudo_adjust(double *dst, const double *o, const double *t, const double *s,
                          size_t lo, size_t hi)
{
    for (size_t i = lo; i <= hi; i++)
        dst[i] = o[i] - t[i] * (s[i] - 1.0);
}

/* Irregular of SI values given seasonal factors: SI / S, or SI - S + 1 in
 * pseudo-additive mode (where SI = S + I - 1). */
static void si_irregular(const x11_work *w, double *dst, const double *si, const double *s,
                         size_t lo, size_t hi)
{
    if (!w->pseudo) {
        divsub(w, dst, si, s, lo, hi);
        return;
    }
    for (size_t i = lo; i <= hi; i++)
        dst[i] = si[i] - s[i] + 1.0;
}

/* Calendar position of index i (0 = first month of the first year). */
static size_t pos_of(const x11_work *w, size_t i)
{
    return i + w->off;
}

/* Centred 2 x ny moving average of x[lo..hi], defined on lo+h..hi-h. */
static void cma(const x11_work *w, const double *x, size_t lo, size_t hi, double *out)
{
    size_t h = (size_t)w->ny / 2;
    for (size_t i = lo + h; i + h <= hi; i++) {
        double s = 0.5 * (x[i - h] + x[i + h]);
        for (size_t j = i - h + 1; j < i + h; j++)
            s += x[j];
        out[i] = s / w->ny;
    }
}

/* ----------------------------------------------------- seasonal factors */

/* Filter applied by the current option in section ksect (X-13: the MSR
 * and "x11default" options use 3x3 for the first estimate of each part
 * and 3x5 for the second). */
static fc_seasonal_filter current_filter(const x11_work *w)
{
    switch (w->sma) {
    case FC_X11_SMA_3X1: return FC_SEASONAL_3X1;
    case FC_X11_SMA_3X3: return FC_SEASONAL_3X3;
    case FC_X11_SMA_3X5: return FC_SEASONAL_3X5;
    case FC_X11_SMA_3X9: return FC_SEASONAL_3X9;
    case FC_X11_SMA_3X15: return FC_SEASONAL_3X15;
    case FC_X11_SMA_STABLE: return FC_SEASONAL_STABLE;
    default: return w->ksect == 1 ? FC_SEASONAL_3X3 : FC_SEASONAL_3X5;
    }
}

/* Normalises seasonal estimates sts[lo..hi] by their centred 2 x ny
 * average; the half-year missing at each end repeats the nearest average
 * (or, for a stable filter, the value one year inside). */
static void normalise_seasonal(x11_work *w, double *sts, size_t lo, size_t hi)
{
    size_t h = (size_t)w->ny / 2, a = lo + h, b = hi - h;
    double *t = w->tmp2;
    cma(w, sts, lo, hi, t);
    int stable = w->sma == FC_X11_SMA_STABLE;
    for (size_t i = 1; i <= h; i++) {
        t[a - i] = stable ? t[a - i + (size_t)w->ny] : t[a];
        t[b + i] = stable ? t[b + i - (size_t)w->ny] : t[b];
    }
    divsub(w, sts, sts, t, lo, hi);
}

/* Seasonal factors from SI values stsi[lo..hi]: each month's values are
 * smoothed by the seasonal filter (stable when the span is shorter than
 * five years), then normalised. */
static void seasonal_factors(x11_work *w, double *sts, const double *stsi,
                             size_t lo, size_t hi)
{
    size_t ny = (size_t)w->ny;
    fc_seasonal_filter f = current_filter(w);
    if (hi - lo + 1 < 5 * ny)
        f = FC_SEASONAL_STABLE;
    for (size_t j = lo; j < lo + ny && j <= hi; j++) {
        size_t k = 0;
        for (size_t i = j; i <= hi; i += ny)
            w->mon[k++] = stsi[i];
        fc_seasonal_ma(w->mon, k, f, w->mavg, NULL);
        k = 0;
        for (size_t i = j; i <= hi; i += ny)
            sts[i] = w->mavg[k++];
    }
    normalise_seasonal(w, sts, lo, hi);
}

/* Extends seasonal factors beyond [ib, ie] by one step of X-11's
 * forecast rule: s_j = s_{j-ny} + wt (s_{j-ny} - s_{j-2ny}) forward to ke
 * and symmetrically backward (ib > 0). */
static void extend_seasonal(const x11_work *w, double *sts, size_t ib, size_t ie,
                            size_t ke, double wt)
{
    size_t ny = (size_t)w->ny, l = ke - ie;
    for (size_t j = ie + 1; j <= ke; j++)
        sts[j] = sts[j - ny] + (wt != 0.0 ? wt * (sts[j - ny] - sts[j - 2 * ny]) : 0.0);
    if (ib > 0)
        for (size_t i = 1; i <= l && i <= ib; i++) {
            size_t j = ib - i;
            sts[j] = sts[j + ny] + (wt != 0.0 ? wt * (sts[j + ny] - sts[j + 2 * ny]) : 0.0);
        }
}

/* ------------------------------------------------------- extreme values */

/* Root mean square deviation of xi from xbar over [l, m]; in the second
 * pass, values whose first-pass weight is zero are left out. */
static double moving_sigma(const x11_work *w, const double *xi, size_t l, size_t m,
                           int pass)
{
    double s = 0.0, cnt = 0.0;
    for (size_t n = l; n <= m; n++) {
        if (pass == 2 && w->stwt[n] == 0.0)
            continue;
        s += (xi[n] - w->xbar) * (xi[n] - w->xbar);
        cnt += 1.0;
    }
    return cnt > 0 ? sqrt(s / cnt) : 0.0;
}

/* Weight of one irregular value: 1 inside siglo sigma, 0 beyond sigup,
 * linear in between (second pass); the first pass only zeroes values
 * beyond sigup so that they leave the second sigma. */
static double extreme_weight(const x11_work *w, double x, double sd, int pass,
                             double last)
{
    double t = fabs(x - w->xbar) / sd;
    if (t <= w->sigup) {
        if (t > w->siglo && pass != 1)
            return (w->sigup - t) / (w->sigup - w->siglo);
        return last;
    }
    if (pass == 1)
        return 0.0;
    return last > 0.0 ? -1.0 : last;
}

/* Weights stwt[kfda..klda] of the irregular xi, with 5-year moving sigmas
 * computed from xi[kfdax..kldax]: each calendar year gets the sigma of the
 * five years centred on it; the first (last) two years share the first
 * (last) span, and spans extend to partial years at the ends.  Two passes
 * (X-11's rule); values rejected in pass 1 are left out of pass 2's sigma. */
static void extreme_weights(x11_work *w, const double *xi, size_t kfda, size_t klda,
                            size_t kfdax, size_t kldax)
{
    long ny = w->ny, off = (long)w->off;
    /* 1-based calendar positions as in X-11's tables. */
    long Kfda = (long)kfda + off + 1, Klda = (long)klda + off + 1;
    long Kfdax = (long)kfdax + off + 1, Kldax = (long)kldax + off + 1;
    long n1 = 2 * ny, n2 = n1 + ny - 1, n3 = n2 + n1;
    long jfda = (Kfdax + ny - 2) / ny * ny + 1;
    long jlda = Kldax / ny * ny - n3;
    long nfda = (Kfdax - 1) / ny * ny + 1;
    long nlda = ((Kldax - 1) / ny + 1) * ny - n3;
    if (jlda < jfda)
        nlda = nfda;
#define IDX(p) ((size_t)((p) - off - 1))
    for (size_t i = 0; i < w->N; i++)
        w->stwt[i] = 1.0;
    for (int pass = 1; pass <= 2; pass++) {
        for (long i = nfda; i <= nlda; i += ny) {
            long j, k, l, m;
            if (nlda <= nfda) {
                j = Kfda; k = Klda; l = Kfdax; m = Kldax;
            } else if (i <= nfda) {
                j = Kfda; k = nfda + n2; l = Kfdax; m = jfda + n3;
            } else if (i < nlda) {
                j = i + n1; k = i + n2; l = i; m = n3 + i;
            } else {
                j = nlda + n1; k = Klda; l = jlda; m = Kldax;
            }
            double sd = moving_sigma(w, xi, IDX(l), IDX(m), pass);
            if (sd == 0.0)
                continue;
            for (long n = j; n <= k; n++)
                w->stwt[IDX(n)] = extreme_weight(w, xi[IDX(n)], sd, pass, w->stwt[IDX(n)]);
        }
    }
    for (long p = Kfdax; p <= Kldax; p++)
        if (w->stwt[IDX(p)] + 1.0 <= 0.0)
            w->stwt[IDX(p)] = 0.0;
#undef IDX
}

/* Replaces SI values x[j] of weight < 1 in [lo, hi] by the weighted mean
 * of themselves (weight w_j) and the four nearest full-weight values of the
 * same month: two on each side in the middle of the series, the first
 * (last) four for the first (last) two years, borrowing from the other
 * side when one side has too few; the month's mean when it has fewer than
 * four.  y receives the replacement values (NaN elsewhere). */
static void replace_extremes(x11_work *w, double *x, double *y, size_t lo, size_t hi)
{
    size_t ny = (size_t)w->ny;
    const double *wt = w->stwt;
    for (size_t i = 0; i < w->N; i++)
        y[i] = NAN;
    for (size_t m0 = lo; m0 < lo + ny && m0 <= hi; m0++) {
        size_t last = m0 + (hi - m0) / ny * ny;
        double ave = 0.0;
        size_t cnt = 0;
        for (size_t i = m0; i <= hi; i += ny) {
            ave += x[i];
            cnt++;
        }
        ave /= (double)cnt;
        for (size_t j = m0; j <= hi; j += ny) {
            if (wt[j] == 1.0)
                continue;
            double sum = 0.0;
            int got = 0;
            if (j < m0 + 2 * ny) {            /* first two years */
                for (size_t m = m0; m <= last && got < 4; m += ny)
                    if (wt[m] >= 1.0) { sum += x[m]; got++; }
            } else if (j + 2 * ny > last) {   /* last two years */
                for (size_t m = last + ny; m > m0 && got < 4;) {
                    m -= ny;
                    if (wt[m] >= 1.0) { sum += x[m]; got++; }
                }
            } else {
                /* Two following, then preceding up to four, then more
                 * following if the preceding ran out. */
                size_t fwd = j, bwd = j;
                int fdone = 0, bdone = 0;
                while (got < 2 && !fdone) {
                    if (fwd + ny > last) { fdone = 1; break; }
                    fwd += ny;
                    if (wt[fwd] == 1.0) { sum += x[fwd]; got++; }
                }
                while (got < 4 && !bdone) {
                    if (bwd < m0 + ny) { bdone = 1; break; }
                    bwd -= ny;
                    if (wt[bwd] == 1.0) { sum += x[bwd]; got++; }
                }
                while (got < 4 && !fdone) {
                    if (fwd + ny > last) { fdone = 1; break; }
                    fwd += ny;
                    if (wt[fwd] == 1.0) { sum += x[fwd]; got++; }
                }
            }
            x[j] = got < 4 ? ave : (sum + wt[j] * x[j]) / (got + wt[j]);
            y[j] = x[j];
        }
    }
}

/* Extreme-value (B20/C20) factor: the part of the irregular that its
 * weight removes. */
static void extreme_component(x11_work *w, size_t lo, size_t hi)
{
    for (size_t i = lo; i <= hi; i++) {
        double s = w->sti[i], wt = w->stwt[i];
        w->stex[i] = w->muladd ? s * (1.0 - wt) : s / (1.0 + wt * (s - 1.0));
    }
}

/* ---------------------------------------------------------- trend-cycle */

/* X-13's Henderson application on [lo, hi]: symmetric filter inside,
 * Musgrave end weights for I/C ratio tic at the ends; a 7-term filter
 * (quarterly) uses the 5-term symmetric filter next to the ends and
 * 5-term end weights with I/C 0.001 there. */
static void henderson_trend(x11_work *w, double *stc, const double *stci, size_t lo,
                            size_t hi, int nterm, int symmetric, int ends)
{
    double c[101], e[101];
    size_t m = (size_t)nterm / 2;
    size_t ib = lo + m, ie = hi - m;
    if (symmetric) {
        fc_henderson_weights((size_t)nterm, c, NULL);
        for (size_t i = ib; i <= ie; i++) {
            double s = 0.0;
            for (size_t j = 0; j < (size_t)nterm; j++)
                s += c[j] * stci[i - m + j];
            stc[i] = s;
        }
    }
    if (!ends)
        return;
    size_t len = (size_t)nterm;
    if (nterm == 7) {
        len = 5;
        fc_henderson_weights(5, c, NULL);
        ib--, ie++;
        double s1 = 0.0, s2 = 0.0;
        for (size_t j = 0; j < 5; j++) {
            s1 += c[j] * stci[ib - 2 + j];
            s2 += c[j] * stci[ie - 2 + j];
        }
        stc[ib] = s1;
        stc[ie] = s2;
        w->tic = 0.001;
    }
    size_t half = (len - 1) / 2;
    for (size_t k = 0; k < half; k++) {
        size_t avail = half + 1 + k;
        fc_henderson_end_weights(len, avail, w->tic, e, NULL);
        double head = 0.0, tail = 0.0;
        for (size_t j = 0; j < avail; j++) {
            head += e[avail - 1 - j] * stci[lo + j];
            tail += e[avail - 1 - j] * stci[hi - j];
        }
        stc[lo + k] = head;
        stc[hi - k] = tail;
    }
}

/* Variable trend-cycle routine: a (ny+1)-term Henderson gives the I/C
 * ratio (mean absolute period change of I over that of C, observations
 * only); the final length is the requested one or, automatically, 9
 * (I/C < 1, monthly), 13/5 (1 <= I/C < 3.5, and always in part B when
 * I/C >= 1), 23/7 (I/C >= 3.5) with end-weight I/C 1.0 / kept / 4.5. */
static void trend_cycle(x11_work *w, double *stc, const double *stci)
{
    size_t lo = 0, hi = w->N - 1;
    int nterm = w->ny + 1;
    henderson_trend(w, stc, stci, lo, hi, nterm, 1, 0);
    size_t ib = lo + (size_t)nterm / 2;
    double apcc = 0.0, apci = 0.0;
    double *irr = w->tmp2;
    for (size_t i = ib; i + (size_t)nterm / 2 <= hi; i++)
        irr[i] = op_div(w, stci[i], stc[i]);
    for (size_t i = ib; i + (size_t)nterm / 2 + 1 <= w->f1; i++) {
        if (w->muladd == 0) {
            apcc += fabs(stc[i + 1] - stc[i]) / stc[i];
            apci += fabs(irr[i + 1] - irr[i]) / irr[i];
        } else {
            apcc += fabs(stc[i + 1] - stc[i]);
            apci += fabs(irr[i + 1] - irr[i]);
        }
    }
    double r;
    if (apcc == 0.0) {
        w->ratic = 999.0;
        r = w->ratic;
    } else {
        w->ratic = apci / apcc;
        r = w->ratic * 12.0 / w->ny;
    }
    int same = 0;
    if (w->ktcopt <= 0) {
        if ((w->kpart == 2 && r >= 1.0) || (r >= 1.0 && r < 3.5)) {
            same = 1;
        } else if (r < 1.0) {
            if (w->ny == 12) {
                nterm = 9;
                w->tic = 1.0;
            }
        } else {
            w->tic = 4.5;
            nterm = w->ny == 4 ? 7 : 23;
        }
    } else if (w->ktcopt == nterm) {
        same = 1;
    } else {
        nterm = w->ktcopt;
    }
    w->nterm = nterm;
    henderson_trend(w, stc, stci, lo, hi, nterm, !same, 1);
}

/* ------------------------------------------- moving seasonality ratio */

/* X-11's correction of the I and S averages for the number of years
 * (Lothian 1978; constants as in X-11-ARIMA/88): returns the factor for
 * I and stores the one for S in *cs. */
static double years_factor(int n, double *cs)
{
    static const double c[8] = {1.00000, 1.02584, 1.01779, 1.01383,
                                1.00000, 3.00000, 1.55291, 1.30095};
    if (n < 6) {
        *cs = c[n + 2];
        return c[n - 2];
    }
    *cs = n * 1.732051 / (8.485281 + (n - 6) * 1.732051);
    return n * 12.247449 / (73.239334 + (n - 6) * 12.247449);
}

/* Global moving seasonality ratio of SI values [lo, hi]: for each month a
 * 7-term average (ends padded with the mean of three values) estimates S,
 * SI/S estimates I; MSR = sum of corrected mean absolute changes of I over
 * those of S. */
static double moving_seasonality_ratio(x11_work *w, const double *stsi, size_t lo,
                                       size_t hi)
{
    size_t ny = (size_t)w->ny;
    double r1 = 0.0, r2 = 0.0;
    for (size_t j = lo; j < lo + ny && j <= hi; j++) {
        size_t c = 0;
        double *p = w->mpad;
        for (size_t i = j; i <= hi; i += ny)
            p[3 + c++] = stsi[i];
        if (c < 3)
            return NAN;
        double a = (p[3] + p[4] + p[5]) / 3.0, b = (p[c] + p[c + 1] + p[c + 2]) / 3.0;
        for (int i = 0; i < 3; i++) {
            p[i] = a;
            p[c + 3 + (size_t)i] = b;
        }
        double *s = w->mavg, *ir = w->mon;
        for (size_t i = 0; i < c; i++) {
            double t = 0.0;
            for (size_t q = 0; q < 7; q++)
                t += p[i + q];
            s[i] = t / 7.0;
            double v = p[i + 3];
            ir[i] = w->pseudo ? v - s[i] + 1.0 : op_div(w, v, s[i]);
        }
        double cs, fi = years_factor((int)c - 1, &cs), ri = 0.0, rs = 0.0;
        for (size_t i = 1; i < c; i++) {
            if (w->muladd == 0) {
                ri += fabs(ir[i] - ir[i - 1]) / ir[i - 1];
                rs += fabs(s[i] - s[i - 1]) / s[i - 1];
            } else {
                ri += fabs(ir[i] - ir[i - 1]);
                rs += fabs(s[i] - s[i - 1]);
            }
        }
        r1 += ri * fi;
        r2 += rs * cs;
    }
    if (r2 != 0.0 && r1 <= 999.0 * r2)
        return r1 / r2;
    return 999.99;
}

/* Pair terms of the MSR sums: relative (multiplicative) or absolute
 * change between consecutive years of I and of S. */
static double msr_change(const x11_work *w, double prev, double cur)
{
    return w->muladd == 0 ? fabs(cur - prev) / prev : fabs(cur - prev);
}

static double msr_irregular(const x11_work *w, double v, double s)
{
    return w->pseudo ? v - s + 1.0 : op_div(w, v, s);
}

/* Seven-term average at year i of a month's values v[0..c) padded at both
 * ends with the mean of three values (a at the start, b at the end). */
static double msr_average(const double *v, size_t c, double a, double b, size_t i)
{
    double t = 0.0;
    for (long q = (long)i - 3; q <= (long)i + 3; q++)
        t += q < 0 ? a : q >= (long)c ? b : v[q];
    return t / 7.0;
}

/* Sums of the I and S change terms of one month over its first c years:
 * the head and tail terms depend on the padding and are computed here,
 * the interior ones come from prefix sums pi/ps over the longest span
 * (pi[k] = sum of terms 4..k), so a pass costs O(1) per month. */
static void msr_month_sums(const x11_work *w, const double *v, size_t c, const double *pi,
                           const double *ps, double *ri, double *rs)
{
    double a = (v[0] + v[1] + v[2]) / 3.0, b = (v[c - 1] + v[c - 2] + v[c - 3]) / 3.0;
    *ri = *rs = 0.0;
    size_t head_end = c < 16 ? c - 1 : 3, tail_start = c < 16 ? c : c - 3;
    double sp = msr_average(v, c, a, b, 0), ip = msr_irregular(w, v[0], sp);
    for (size_t i = 1; i <= head_end; i++) {
        double sc = msr_average(v, c, a, b, i), ic = msr_irregular(w, v[i], sc);
        *ri += msr_change(w, ip, ic);
        *rs += msr_change(w, sp, sc);
        sp = sc;
        ip = ic;
    }
    if (c < 16)
        return;
    *ri += pi[c - 4] - pi[3];
    *rs += ps[c - 4] - ps[3];
    sp = msr_average(v, c, a, b, c - 4);
    ip = msr_irregular(w, v[c - 4], sp);
    for (size_t i = tail_start; i < c; i++) {
        double sc = msr_average(v, c, a, b, i), ic = msr_irregular(w, v[i], sc);
        *ri += msr_change(w, ip, ic);
        *rs += msr_change(w, sp, sc);
        sp = sc;
        ip = ic;
    }
}

/* Global MSR of SI values stsi[0..hi] (see moving_seasonality_ratio), with
 * per-month prefix sums prepared by msr_prepare over a longer span. */
typedef struct {
    size_t cmax[12];
    double *vals[12], *pi[12], *ps[12];
} msr_tables;

static void msr_tables_free(msr_tables *t)
{
    for (int m = 0; m < 12; m++) {
        free(t->vals[m]);
        free(t->pi[m]);
        free(t->ps[m]);
    }
}

static int msr_prepare(x11_work *w, const double *stsi, size_t hi, msr_tables *t)
{
    size_t ny = (size_t)w->ny;
    memset(t, 0, sizeof *t);
    for (size_t m = 0; m < ny && m <= hi; m++) {
        size_t c = (hi - m) / ny + 1;
        t->cmax[m] = c;
        t->vals[m] = malloc(c * sizeof(double));
        t->pi[m] = calloc(c, sizeof(double));
        t->ps[m] = calloc(c, sizeof(double));
        if (!t->vals[m] || !t->pi[m] || !t->ps[m])
            return 0;
        for (size_t k = 0; k < c; k++)
            t->vals[m][k] = stsi[m + k * ny];
        /* interior terms (both years at least 3 from either end) */
        const double *v = t->vals[m];
        for (size_t i = 4; i + 4 <= c; i++) {
            double s0 = msr_average(v, c, 0, 0, i - 1), s1 = msr_average(v, c, 0, 0, i);
            double i0 = msr_irregular(w, v[i - 1], s0), i1 = msr_irregular(w, v[i], s1);
            t->pi[m][i] = t->pi[m][i - 1] + msr_change(w, i0, i1);
            t->ps[m][i] = t->ps[m][i - 1] + msr_change(w, s0, s1);
        }
    }
    return 1;
}

static double msr_from_tables(x11_work *w, const msr_tables *t, size_t hi)
{
    size_t ny = (size_t)w->ny;
    double r1 = 0.0, r2 = 0.0;
    for (size_t m = 0; m < ny && m <= hi; m++) {
        size_t c = (hi - m) / ny + 1;
        if (c < 3)
            return NAN;
        double ri, rs, cs, fi = years_factor((int)c - 1, &cs);
        msr_month_sums(w, t->vals[m], c, t->pi[m], t->ps[m], &ri, &rs);
        r1 += ri * fi;
        r2 += rs * cs;
    }
    if (w->muladd == 0) {
        r1 *= 100.0;
        r2 *= 100.0;
    }
    if (r2 != 0.0 && r1 <= 999.0 * r2)
        return r1 / r2;
    return 999.99;
}

/* X-11-ARIMA/88's choice of the D10 filter by the global MSR: <= 2.5 3x3,
 * 3.5..5.5 3x5, >= 6.5 3x9; otherwise drop the last year and retry; 3x5
 * when fewer than five complete years remain.  Each retry costs O(ny)
 * thanks to prefix sums, so long series stay linear. */
static int choose_d10_filter(x11_work *w, const double *stsi)
{
    size_t ny = (size_t)w->ny;
    size_t pend = pos_of(w, w->f1) + 1; /* 1-based position of last obs */
    size_t llda1 = pend - pend % ny;    /* end of the last whole year */
    w->msr = NAN;
    msr_tables t;
    int have = 0;
    for (;;) {
        if (llda1 < w->off + 1 || llda1 - (w->off + 1) + 1 < 5 * ny) {
            w->sma = FC_X11_SMA_3X5;
            break;
        }
        size_t hi = llda1 - w->off - 1;
        if (!have) {
            if (!msr_prepare(w, stsi, hi, &t)) {
                msr_tables_free(&t);
                return 0;
            }
            have = 1;
        }
        double msr = msr_from_tables(w, &t, hi);
        if (isnan(w->msr))
            w->msr = msr;
        if (msr <= 2.5) {
            w->sma = FC_X11_SMA_3X3;
        } else if (msr >= 6.5) {
            w->sma = FC_X11_SMA_3X9;
        } else if (msr >= 3.5 && msr <= 5.5) {
            w->sma = FC_X11_SMA_3X5;
        } else {
            llda1 -= ny;
            continue;
        }
        break;
    }
    if (have)
        msr_tables_free(&t);
    return 1;
}

/* ------------------------------------------------------------- the parts */

/* Part B, C or D up to the SI of the second estimate (X-13 x11pt2):
 * on entry stcsi is B1, C1 or D1; on exit stc holds B7/C7/D7 and, for
 * parts B and C, stex the extreme factors and stcsi the next part's input. */
static void x11_part(x11_work *w, double *c17_out)
{
    size_t N = w->N, h = (size_t)w->ny / 2;
    size_t mfda = h, mlda = N - 1 - h;
    /* Preliminary trend (2 x ny) and SI. */
    w->ksect = 1;
    cma(w, w->stcsi, 0, N - 1, w->stc);
    divsub(w, w->stsi, w->stcsi, w->stc, mfda, mlda);
    if (w->kpart == 2) {
        /* B4: extreme SI replaced before the first seasonal estimate. */
        seasonal_factors(w, w->sts, w->stsi, mfda, mlda);
        si_irregular(w, w->sti, w->stsi, w->sts, mfda, mlda);
        extreme_weights(w, w->sti, mfda, mlda, mfda, mlda);
        replace_extremes(w, w->stsi, w->tmp, mfda, mlda);
    }
    seasonal_factors(w, w->sts, w->stsi, mfda, mlda);
    extend_seasonal(w, w->sts, mfda, mlda, N - 1, 0.0);
    divsub(w, w->stci, w->stcsi, w->sts, 0, N - 1);
    if (w->pseudo) /* B6/C6/D6: O - T(S-1) where the 2 x ny trend exists, O/S at the ends */
        pseudo_adjust(w->stci, w->stcsi, w->stc, w->sts, mfda, mlda);
    /* Second estimate from the Henderson trend. */
    w->ksect = 2;
    trend_cycle(w, w->stc, w->stci);
    divsub(w, w->stsi, w->stcsi, w->stc, 0, N - 1);
    if (w->kpart == 4)
        return;
    if (w->kpart == 2) {
        seasonal_factors(w, w->sts, w->stsi, 0, N - 1);
        si_irregular(w, w->sti, w->stsi, w->sts, 0, N - 1);
        extreme_weights(w, w->sti, 0, N - 1, 0, N - 1);
        replace_extremes(w, w->stsi, w->tmp, 0, N - 1);
    }
    seasonal_factors(w, w->sts, w->stsi, 0, N - 1);
    if (w->pseudo)                                   /* B11 / C11 */
        pseudo_adjust(w->stci, w->sto, w->stc, w->sts, 0, N - 1);
    else
        divsub(w, w->stci, w->sto, w->sts, 0, N - 1);
    divsub(w, w->sti, w->stci, w->stc, 0, N - 1);   /* B13 / C13 */
    extreme_weights(w, w->sti, 0, N - 1, 0, N - 1); /* B17 / C17 */
    if (c17_out)
        memcpy(c17_out, w->stwt, N * sizeof *c17_out);
    extreme_component(w, 0, N - 1);                  /* B20 / C20 */
    divsub(w, w->stcsi, w->sto, w->stex, 0, N - 1);  /* C1 / D1 */
}

/* -------------------------------------------------------- public API */

void fc_x11_options_default(fc_x11_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->mode = FC_X11_MULT;
    opt->seasonalma = FC_X11_SMA_MSR;
    opt->trendma = 0;
    opt->sigma_lower = 1.5;
    opt->sigma_upper = 2.5;
}

void fc_x11_result_free(fc_x11_result *r)
{
    if (!r)
        return;
    free(r->b1);
    free(r->c17);
    free(r->d8);
    free(r->d9);
    free(r->d10);
    free(r->d11);
    free(r->d12);
    free(r->d13);
    free(r->d16);
    free(r->d9_modified_si);
    free(r->c20);
    free(r);
}

static void work_free(x11_work *w)
{
    double **arrays[] = {&w->sto, &w->stcsi, &w->stc, &w->stsi, &w->sts, &w->stci,
                         &w->sti, &w->stwt, &w->stex, &w->tmp, &w->tmp2,
                         &w->mon, &w->mavg, &w->mpad};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        free(*arrays[i]);
        *arrays[i] = NULL;
    }
}

static int work_alloc(x11_work *w)
{
    size_t n = w->N + (size_t)w->ny + 1, k = w->N / (size_t)w->ny + 16;
    double **big[] = {&w->sto, &w->stcsi, &w->stc, &w->stsi, &w->sts, &w->stci,
                      &w->sti, &w->stwt, &w->stex, &w->tmp, &w->tmp2};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        if (!(*big[i] = calloc(n, sizeof(double))))
            return 0;
    return (w->mon = calloc(k, sizeof(double))) && (w->mavg = calloc(k, sizeof(double))) &&
           (w->mpad = calloc(k, sizeof(double)));
}

static fc_status check_input(const fc_series *y, const fc_x11_options *o, fc_error *err)
{
    if (!y || !y->values)
        return fc_fail(err, FC_EINVAL, "fc_x11: NULL series");
    fc_status st = fc_freq_check(y->freq, err);
    if (st)
        return st;
    size_t need = 3 * (size_t)y->freq;
    if (o->nforecast + o->nbackcast >= y->n)
        return fc_fail(err, FC_EINVAL, "fc_x11: %zu back/forecasts leave no observations",
                       o->nforecast + o->nbackcast);
    size_t nobs = y->n - o->nforecast - o->nbackcast;
    if (nobs < need)
        return fc_fail(err, FC_ESHORT,
                       "series has %zu observations; X-11 needs at least 3 years (%zu)",
                       nobs, need);
    for (size_t i = 0; i < y->n; i++) {
        if (!isfinite(y->values[i])) {
            char buf[16];
            fc_period_format(fc_series_period(y, i), y->freq, buf, sizeof buf);
            return fc_fail(err, FC_EMISSING,
                           "value for %s is missing; X-11 needs a complete series "
                           "(fill or model the gap first)", buf);
        }
        if (o->mode == FC_X11_PSEUDOADD && y->values[i] < 0.0) {
            char buf[16];
            fc_period_format(fc_series_period(y, i), y->freq, buf, sizeof buf);
            return fc_fail(err, FC_EDOMAIN,
                           "value %g for %s is negative; pseudo-additive X-11 needs values "
                           ">= 0 (use mode add)", y->values[i], buf);
        }
        if ((o->mode == FC_X11_MULT || o->mode == FC_X11_LOGADD) && !(y->values[i] > 0.0)) {
            char buf[16];
            fc_period_format(fc_series_period(y, i), y->freq, buf, sizeof buf);
            return fc_fail(err, FC_EDOMAIN,
                           "value %g for %s is not positive; %s X-11 needs positive values "
                           "(use mode add)", y->values[i], buf,
                           o->mode == FC_X11_LOGADD ? "log-additive" : "multiplicative");
        }
    }
    if (o->mode < FC_X11_MULT || o->mode > FC_X11_PSEUDOADD)
        return fc_fail(err, FC_EINVAL, "unknown X-11 mode %d", (int)o->mode);
    if (o->seasonalma < FC_X11_SMA_MSR || o->seasonalma > FC_X11_SMA_X11DEFAULT)
        return fc_fail(err, FC_EINVAL, "unknown seasonal filter option %d", (int)o->seasonalma);
    if (o->trendma != 0 && (o->trendma < 3 || o->trendma > 101 || o->trendma % 2 == 0))
        return fc_fail(err, FC_EINVAL, "trendma must be odd in 3..101 (or 0 = automatic), not %d",
                       o->trendma);
    if ((size_t)o->trendma > nobs)
        return fc_fail(err, FC_ESHORT, "series has %zu observations; a %d-term Henderson filter "
                       "needs at least %d", nobs, o->trendma, o->trendma);
    if (!(o->sigma_lower > 0) || !(o->sigma_upper > o->sigma_lower) || !isfinite(o->sigma_upper))
        return fc_fail(err, FC_EINVAL,
                       "sigmalim must satisfy 0 < lower < upper, not (%g, %g)",
                       o->sigma_lower, o->sigma_upper);
    return FC_OK;
}

/* End-weight I/C ratio X-13 uses for a requested Henderson length. */
static double initial_tic(int ktcopt, int ny)
{
    double tic = 3.5;
    if (ktcopt <= 9 && ktcopt > 0)
        tic = 1.0;
    if (ktcopt > 13)
        tic = 4.5;
    if (ktcopt <= 5 && ny == 4)
        tic = 0.001;
    if (ktcopt >= 7 && ny == 4)
        tic = 4.5;
    return tic;
}

static fc_status result_alloc(size_t n, fc_x11_result **out)
{
    fc_x11_result *r = calloc(1, sizeof *r);
    if (!r)
        return FC_ENOMEM;
    double **arrays[] = {&r->b1, &r->c17, &r->d8, &r->d9, &r->d10, &r->d11,
                         &r->d12, &r->d13, &r->d16, &r->d9_modified_si, &r->c20};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        if (!(*arrays[i] = malloc((n ? n : 1) * sizeof(double)))) {
            fc_x11_result_free(r);
            return FC_ENOMEM;
        }
    }
    *out = r;
    return FC_OK;
}

/* D tables after D7 (X-13 x11pt3): final seasonal factors by the chosen
 * filter, final trend from the modified adjusted series, final tables. */
static int x11_final(x11_work *w, double *d8, double *d9)
{
    size_t N = w->N;
    if (w->sma == FC_X11_SMA_MSR && !choose_d10_filter(w, w->stsi))
        return 0;
    seasonal_factors(w, w->sts, w->stsi, 0, N - 1);              /* D10 */
    for (size_t i = 0; i < N; i++) {
        d8[i] = op_mul(w, w->stsi[i], w->stex[i]);                /* D8 */
        d9[i] = w->stex[i] != w->xbar ? w->stsi[i] : NAN;         /* D9 */
    }
    w->msr_full = moving_seasonality_ratio(w, w->stsi, 0, w->f1);
    extend_seasonal(w, w->sts, 0, N - 1, N - 1 + (size_t)w->ny, 0.5);
    if (w->pseudo)                                     /* D1 - D7 (D10 - 1) */
        pseudo_adjust(w->stci, w->stcsi, w->stc, w->sts, 0, N - 1);
    else
        divsub(w, w->stci, w->stcsi, w->sts, 0, N - 1);   /* D1 / D10 */
    trend_cycle(w, w->stc, w->stci);                   /* D12 */
    return 1;
}

fc_status fc_x11(const fc_series *y, const fc_x11_options *opt, fc_x11_result **out,
                 fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_x11: NULL output pointer");
    *out = NULL;
    fc_x11_options o;
    if (opt)
        o = *opt;
    else
        fc_x11_options_default(&o);
    fc_status st = check_input(y, &o, err);
    if (st)
        return st;
    x11_work w;
    memset(&w, 0, sizeof w);
    w.N = y->n;
    w.ny = y->freq;
    w.off = (size_t)(y->start.sub - 1);
    w.f0 = o.nbackcast;
    w.f1 = y->n - 1 - o.nforecast;
    w.muladd = o.mode == FC_X11_ADD ? 1 : o.mode == FC_X11_LOGADD ? 2 : 0;
    w.pseudo = o.mode == FC_X11_PSEUDOADD;
    w.xbar = w.muladd ? 0.0 : 1.0;
    w.siglo = o.sigma_lower;
    w.sigup = o.sigma_upper;
    w.sma = o.seasonalma;
    w.ktcopt = o.trendma;
    w.tic = initial_tic(o.trendma, y->freq);
    w.msr = NAN;
    size_t nobs = w.f1 - w.f0 + 1, N = w.N;
    fc_x11_result *r = NULL;
    double *c17 = NULL, *d8 = NULL, *d9 = NULL;
    if (!work_alloc(&w) || result_alloc(nobs, &r) || !(c17 = malloc(N * sizeof *c17)) ||
        !(d8 = malloc(N * sizeof *d8)) || !(d9 = malloc(N * sizeof *d9))) {
        work_free(&w);
        fc_x11_result_free(r);
        free(c17);
        free(d8);
        free(d9);
        return fc_fail(err, FC_ENOMEM, "cannot allocate X-11 tables for %zu values", N);
    }
    for (size_t i = 0; i < N; i++) {
        double v = y->values[i];
        w.sto[i] = w.muladd == 2 ? log(v) : v;
        w.stcsi[i] = w.sto[i];
    }
    for (w.kpart = 2; w.kpart <= 4; w.kpart++)
        x11_part(&w, w.kpart == 3 ? c17 : NULL);
    w.kpart = 4;
    if (!x11_final(&w, d8, d9)) {
        work_free(&w);
        fc_x11_result_free(r);
        free(c17);
        free(d8);
        free(d9);
        return fc_fail(err, FC_ENOMEM, "cannot allocate the MSR tables for %zu values", N);
    }
    /* Final tables: back to ratios for log-additive. */
    r->n = nobs;
    r->freq = y->freq;
    r->start = fc_series_period(y, w.f0);
    r->mode = o.mode;
    for (size_t k = 0; k < nobs; k++) {
        size_t i = w.f0 + k;
        double s = w.sts[i], t = w.stc[i], orig = y->values[i];
        if (w.muladd == 2) {
            s = exp(s);
            t = exp(t);
        }
        int add = w.muladd == 1;
        r->b1[k] = orig;
        r->c17[k] = c17[i];
        r->d8[k] = w.muladd == 2 ? exp(d8[i]) : d8[i];
        r->d9[k] = w.muladd == 2 && !isnan(d9[i]) ? exp(d9[i]) : d9[i];
        r->d9_modified_si[k] = w.muladd == 2 ? exp(w.stsi[i]) : w.stsi[i];
        r->c20[k] = w.muladd == 2 ? exp(w.stex[i]) : w.stex[i];
        r->d10[k] = s;
        r->d16[k] = s;
        r->d11[k] = add ? orig - s : w.pseudo ? orig - t * (s - 1.0) : orig / s;
        r->d12[k] = t;
        r->d13[k] = add ? r->d11[k] - t : r->d11[k] / t;
    }
    for (int m = 0; m < 12; m++)
        r->d10_ahead[m] = NAN;
    for (size_t m = 0; m < (size_t)w.ny; m++) {
        double s = w.sts[N + m];
        r->d10_ahead[m] = w.muladd == 2 ? exp(s) : s;
    }
    r->d10_filter = current_filter(&w);
    r->msr = w.msr;
    r->msr_full = w.msr_full;
    r->henderson_d12 = w.nterm;
    r->ic_ratio_d12 = w.ratic;
    work_free(&w);
    free(c17);
    free(d8);
    free(d9);
    for (size_t k = 0; k < nobs; k++) {
        /* Pseudo-additive mode divides by preliminary seasonal factors at the
         * ends and by the trend: a zero there leaves no finite answer (X-13
         * stops likewise: "initial seasonal factor is equal to zero"). */
        if (!isfinite(r->d10[k]) || !isfinite(r->d11[k]) || !isfinite(r->d12[k]) ||
            !isfinite(r->d13[k])) {
            char buf[16];
            fc_period_format(fc_period_add(r->start, r->freq, (long)k), r->freq, buf, sizeof buf);
            fc_x11_result_free(r);
            return fc_fail(err, FC_EDOMAIN,
                           "X-11 gives a non-finite component at %s (pseudo-additive: a "
                           "seasonal factor or trend equal to zero, e.g. a month that is "
                           "always 0); use mode add", buf);
        }
    }
    *out = r;
    return FC_OK;
}
