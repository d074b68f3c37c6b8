/* Choosing calendar regressors by AICc in a regression with ARIMA errors,
 * in the manner of X-13ARIMA-SEATS' regression{aictest = (td easter)}
 * (X-13 Reference Manual, "aictest"): for each tested group the model is
 * fitted with each candidate of the group and without the group, the other
 * groups at their current choice, and the best candidate enters when its
 * AICc beats the model without the group by more than aicdiff.  Groups:
 *   td      none | td1 (X-13 td1coef) | td (6 contrasts)
 *   easter  none | easter[1] | easter[8] | easter[15] (X-13's candidates)
 *   lny     none | every non-empty subset of the three LNY windows (Lin and
 *           Liu 2002 chose their before/during/after windows by AICc).
 * Arima layer: calls the calendar layer below it and fc_arima_fit.
 * Tested against the same forward selection written in R on
 * forecast::Arima (tests/fixtures/gen_calendar_select.R). */
#include "internal.h"

#include "forecast/arima.h"
#include "forecast/calendar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { G_TD, G_EASTER, G_LNY, G_COUNT };
static const char *const group_names[G_COUNT] = {"td", "easter", "lny"};

#define MAX_CANDIDATES 8
#define ITEM_SIZE 64

fc_calendar_select_options fc_calendar_select_options_default(void)
{
    fc_calendar_select_options o;
    o.test_td = 1;
    o.test_easter = 0;
    o.test_lny = 1;
    o.aicdiff = 0.0;
    o.calendar = fc_calendar_options_default();
    o.arima = fc_arima_options_default();
    return o;
}

void fc_calendar_selection_free(fc_calendar_selection *s)
{
    if (!s)
        return;
    fc_arima_model_free(s->model);
    free(s->candidates);
    free(s);
}

/* Candidate k of group g as a matrix spec ("td1", "lny[0,6],lny[7,14]")
 * and as a display name ('+' between items); returns the count of
 * candidates of the group, or 0 when k is out of range. */
static int candidate(int g, int k, const fc_calendar_options *c, char *spec, char *label)
{
    static const char *const td[] = {"td1", "td"};
    static const int easter[] = {1, 8, 15};
    spec[0] = label[0] = '\0';
    if (g == G_TD) {
        if (k >= 2)
            return 0;
        snprintf(spec, ITEM_SIZE, "%s", td[k]);
        snprintf(label, ITEM_SIZE, "%s", td[k]);
        return 2;
    }
    if (g == G_EASTER) {
        if (k >= 3)
            return 0;
        snprintf(spec, ITEM_SIZE, "easter[%d]", easter[k]);
        snprintf(label, ITEM_SIZE, "easter[%d]", easter[k]);
        return 3;
    }
    if (k >= 7)
        return 0;
    /* subsets in the order: single windows, pairs, all three */
    static const int masks[7] = {1, 2, 4, 3, 5, 6, 7};
    for (int w = 0; w < 3; w++) {
        if (!(masks[k] & (1 << w)))
            continue;
        char item[32];
        snprintf(item, sizeof item, "lny[%d,%d]", c->lny[w].first, c->lny[w].last);
        size_t ls = strlen(spec);
        snprintf(spec + ls, ITEM_SIZE - ls, "%s%s", ls ? "," : "", item);
        size_t ll = strlen(label);
        snprintf(label + ll, ITEM_SIZE - ll, "%s%s", ll ? "+" : "", item);
    }
    return 7;
}

/* Joins the chosen items of every group into one matrix spec. */
static void join_spec(char chosen[G_COUNT][ITEM_SIZE], char *out, size_t size)
{
    out[0] = '\0';
    for (int g = 0; g < G_COUNT; g++) {
        if (!chosen[g][0])
            continue;
        size_t l = strlen(out);
        snprintf(out + l, size - l, "%s%s", l ? "," : "", chosen[g]);
    }
}

/* Fits base + the calendar regressors of `spec` ("" = none).  *bad_calendar
 * is set when the regressors themselves could not be built (an input
 * error, e.g. years outside the lunar calendar, not a failed fit). */
static fc_status fit_with(const fc_series *y, const fc_arima_spec *base, const char *spec,
                          const fc_calendar_select_options *o, fc_arima_model **out,
                          int *bad_calendar, fc_error *err)
{
    fc_calendar_matrix *m = NULL;
    *bad_calendar = 0;
    if (spec[0]) {
        fc_status st = fc_calendar_matrix_build(spec, y->freq, y->start, y->n, &o->calendar, &m,
                                                err);
        if (st != FC_OK) {
            *bad_calendar = 1;
            return st;
        }
    }
    size_t nb = base->nxreg, nc = m ? m->ncol : 0, n = y->n;
    double *x = NULL;
    const char **names = NULL;
    if (nb + nc > 0) {
        x = malloc((nb + nc) * n * sizeof *x);
        names = malloc((nb + nc) * sizeof *names);
        if (!x || !names) {
            free(x);
            free(names);
            fc_calendar_matrix_free(m);
            return fc_fail(err, FC_ENOMEM, "calendar selection: out of memory");
        }
        if (nb)
            memcpy(x, base->xreg, nb * n * sizeof *x);
        for (size_t j = 0; j < nb; j++)
            names[j] = base->xreg_names ? base->xreg_names[j] : NULL;
        for (size_t j = 0; j < nc; j++) { /* row-major matrix -> column-major xreg */
            for (size_t i = 0; i < n; i++)
                x[(nb + j) * n + i] = m->x[i * nc + j];
            names[nb + j] = m->names[j];
        }
    }
    int unnamed = 0;
    for (size_t j = 0; j < nb; j++)
        unnamed |= names[j] == NULL;
    fc_arima_spec s = *base;
    s.nxreg = nb + nc;
    s.xreg = x;
    s.xreg_names = unnamed ? NULL : (const char *const *)names;
    s.fixed = NULL; /* coefficient positions change with the regressors */
    s.init = NULL;
    fc_status st = fc_arima_fit(y, &s, &o->arima, out, err);
    free(x);
    free(names);
    fc_calendar_matrix_free(m);
    return st;
}

/* Records one fitted (or failed) candidate. */
static void record(fc_calendar_selection *sel, int g, const char *label, fc_status st,
                   const fc_arima_model *m)
{
    fc_calendar_candidate *c = &sel->candidates[sel->ncandidates++];
    snprintf(c->group, sizeof c->group, "%s", group_names[g]);
    snprintf(c->candidate, sizeof c->candidate, "%s", label[0] ? label : "none");
    c->status = st;
    c->loglik = st == FC_OK ? m->loglik : NAN;
    c->aicc = st == FC_OK ? m->aicc : INFINITY;
}

/* Tests group g: fits "none" and each candidate with the other groups at
 * their current choice; updates chosen[g]. */
static fc_status test_group(const fc_series *y, const fc_arima_spec *base,
                            const fc_calendar_select_options *o, int g,
                            char chosen[G_COUNT][ITEM_SIZE], fc_calendar_selection *sel,
                            fc_error *err)
{
    char spec[4 * ITEM_SIZE], cspec[ITEM_SIZE], label[ITEM_SIZE];
    chosen[g][0] = '\0';
    join_spec(chosen, spec, sizeof spec);
    fc_arima_model *m = NULL;
    int bad_calendar;
    fc_status st = fit_with(y, base, spec, o, &m, &bad_calendar, err);
    if (st != FC_OK)
        return st; /* the model without the group must fit */
    double aicc_none = m->aicc, best = INFINITY;
    record(sel, g, "", st, m);
    fc_arima_model_free(m);
    char best_spec[ITEM_SIZE] = "";
    for (int k = 0; candidate(g, k, &o->calendar, cspec, label) > 0; k++) {
        char save[ITEM_SIZE];
        memcpy(save, chosen[g], ITEM_SIZE);
        snprintf(chosen[g], ITEM_SIZE, "%s", cspec);
        join_spec(chosen, spec, sizeof spec);
        memcpy(chosen[g], save, ITEM_SIZE);
        m = NULL;
        fc_error cerr;
        fc_error_clear(&cerr);
        st = fit_with(y, base, spec, o, &m, &bad_calendar, &cerr);
        if (st != FC_OK && bad_calendar) { /* every candidate would fail the same way */
            if (err)
                *err = cerr;
            return st;
        }
        record(sel, g, label, st, m); /* a candidate whose fit fails is only recorded */
        if (st == FC_OK && m->aicc < best) {
            best = m->aicc;
            snprintf(best_spec, sizeof best_spec, "%s", cspec);
        }
        fc_arima_model_free(m);
    }
    if (best < aicc_none - o->aicdiff)
        snprintf(chosen[g], ITEM_SIZE, "%s", best_spec);
    return FC_OK;
}

fc_status fc_calendar_select(const fc_series *y, const fc_arima_spec *base,
                             const fc_calendar_select_options *opt,
                             fc_calendar_selection **out, fc_error *err)
{
    if (!y || !base || !out)
        return fc_fail(err, FC_EINVAL, "fc_calendar_select: NULL argument");
    *out = NULL;
    fc_calendar_select_options o = opt ? *opt : fc_calendar_select_options_default();
    if (!(o.aicdiff >= 0.0))
        return fc_fail(err, FC_EINVAL, "aicdiff %g must be >= 0", o.aicdiff);
    if (base->nxreg > 0 && !base->xreg)
        return fc_fail(err, FC_EINVAL, "base spec announces %zu regressors but xreg is NULL",
                       base->nxreg);
    int test[G_COUNT] = {o.test_td, o.test_easter, o.test_lny};
    fc_calendar_selection *sel = calloc(1, sizeof *sel);
    if (sel)
        sel->candidates = calloc(G_COUNT * MAX_CANDIDATES, sizeof *sel->candidates);
    if (!sel || !sel->candidates) {
        fc_calendar_selection_free(sel);
        return fc_fail(err, FC_ENOMEM, "calendar selection: out of memory");
    }
    char chosen[G_COUNT][ITEM_SIZE] = {{0}};
    fc_status st = FC_OK;
    for (int g = 0; g < G_COUNT && st == FC_OK; g++)
        if (test[g])
            st = test_group(y, base, &o, g, chosen, sel, err);
    if (st == FC_OK) {
        int bad_calendar;
        join_spec(chosen, sel->spec, sizeof sel->spec);
        st = fit_with(y, base, sel->spec, &o, &sel->model, &bad_calendar, err);
    }
    if (st != FC_OK) {
        fc_calendar_selection_free(sel);
        return st;
    }
    *out = sel;
    return FC_OK;
}
