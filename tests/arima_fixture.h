/* Reader of tests/fixtures/arima_cases.txt (written by
 * tests/fixtures/gen_arima.R from R stats::arima / forecast::Arima). */
#ifndef TEST_ARIMA_FIXTURE_H
#define TEST_ARIMA_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"

#define FX_MAXCOEF 16
#define FX_H 12

typedef struct {
    char name[96];
    char method[16];
    int freq, start_year, start_sub;
    int order[7];            /* p d q P D Q s */
    char transform[16];
    double lambda;
    int mean, drift;
    size_t n;
    double *y;
    char xregname[32];
    double *xreg;            /* n or NULL */
    double fxreg[FX_H];
    size_t ncoef;
    char coef_name[FX_MAXCOEF][16];
    double coef[FX_MAXCOEF], se[FX_MAXCOEF], coef_tight[FX_MAXCOEF];
    double sigma2, loglik, loglik_tight, sigma2_tight, aic, aicc, bic, nobs;
    double *resid;
    double fmean[FX_H], fse[FX_H], lo80[FX_H], hi80[FX_H], lo95[FX_H], hi95[FX_H];
    double fmean_biasadj[FX_H];
    double loglik_fx, sigma2_fx;                /* all coefficients fixed */
    double fmean_fit[FX_H], lo95_fit[FX_H], hi95_fit[FX_H]; /* R's fit */
} fx_case;

static double fx_num(const char *tok)
{
    return strcmp(tok, "NA") == 0 ? NAN : strtod(tok, NULL);
}

/* Reads the numbers after the key into a new array; *count receives n. */
static double *fx_numbers(char *rest, size_t *count)
{
    size_t cap = 64, n = 0;
    double *v = malloc(cap * sizeof(double));
    for (char *tok = strtok(rest, " \n"); tok; tok = strtok(NULL, " \n")) {
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(double));
        }
        v[n++] = fx_num(tok);
    }
    *count = n;
    return v;
}

static void fx_fixed(char *rest, double *dst, size_t want)
{
    size_t n;
    double *v = fx_numbers(rest, &n);
    for (size_t i = 0; i < want && i < n; i++)
        dst[i] = v[i];
    free(v);
}

static void fx_free(fx_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cases[i].y);
        free(cases[i].xreg);
        free(cases[i].resid);
    }
    free(cases);
}

static fx_case *fx_load(const char *path, size_t *ncases)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 32, n = 0;
    fx_case *cases = calloc(cap, sizeof(fx_case));
    char *line = NULL;
    size_t len = 0;
    fx_case *c = NULL;
    while (getline(&line, &len, f) > 0) {
        char *sp = strchr(line, ' ');
        if (line[0] == '#' || !sp) {
            if (strncmp(line, "end", 3) == 0)
                c = NULL;
            continue;
        }
        *sp = '\0';
        char *key = line, *rest = sp + 1;
        if (strcmp(key, "case") == 0) {
            if (n == cap) {
                cap *= 2;
                cases = realloc(cases, cap * sizeof(fx_case));
            }
            c = &cases[n++];
            memset(c, 0, sizeof *c);
            sscanf(rest, "%95s", c->name);
            continue;
        }
        if (!c)
            continue;
        size_t cnt;
        if (strcmp(key, "freq") == 0)
            c->freq = atoi(rest);
        else if (strcmp(key, "start") == 0)
            sscanf(rest, "%d %d", &c->start_year, &c->start_sub);
        else if (strcmp(key, "order") == 0)
            sscanf(rest, "%d %d %d %d %d %d %d", &c->order[0], &c->order[1], &c->order[2],
                   &c->order[3], &c->order[4], &c->order[5], &c->order[6]);
        else if (strcmp(key, "transform") == 0)
            sscanf(rest, "%15s %lf", c->transform, &c->lambda);
        else if (strcmp(key, "method") == 0)
            sscanf(rest, "%15s", c->method);
        else if (strcmp(key, "mean") == 0)
            c->mean = atoi(rest);
        else if (strcmp(key, "drift") == 0)
            c->drift = atoi(rest);
        else if (strcmp(key, "y") == 0)
            c->y = fx_numbers(rest, &c->n);
        else if (strcmp(key, "xregname") == 0)
            sscanf(rest, "%31s", c->xregname);
        else if (strcmp(key, "xreg") == 0)
            c->xreg = fx_numbers(rest, &cnt);
        else if (strcmp(key, "fxreg") == 0)
            fx_fixed(rest, c->fxreg, FX_H);
        else if (strcmp(key, "coef") == 0 && c->ncoef < FX_MAXCOEF) {
            char nm[16], a[40], b[40], d[40];
            sscanf(rest, "%15s %39s %39s %39s", nm, a, b, d);
            strcpy(c->coef_name[c->ncoef], nm);
            c->coef[c->ncoef] = fx_num(a);
            c->se[c->ncoef] = fx_num(b);
            c->coef_tight[c->ncoef] = fx_num(d);
            c->ncoef++;
        } else if (strcmp(key, "sigma2") == 0)
            c->sigma2 = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "loglik") == 0)
            c->loglik = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "loglik_tight") == 0)
            c->loglik_tight = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "sigma2_tight") == 0)
            c->sigma2_tight = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "aic") == 0)
            c->aic = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "aicc") == 0)
            c->aicc = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "bic") == 0)
            c->bic = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "nobs") == 0)
            c->nobs = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "resid") == 0)
            c->resid = fx_numbers(rest, &cnt);
        else if (strcmp(key, "fmean") == 0)
            fx_fixed(rest, c->fmean, FX_H);
        else if (strcmp(key, "fse") == 0)
            fx_fixed(rest, c->fse, FX_H);
        else if (strcmp(key, "lo80") == 0)
            fx_fixed(rest, c->lo80, FX_H);
        else if (strcmp(key, "hi80") == 0)
            fx_fixed(rest, c->hi80, FX_H);
        else if (strcmp(key, "lo95") == 0)
            fx_fixed(rest, c->lo95, FX_H);
        else if (strcmp(key, "hi95") == 0)
            fx_fixed(rest, c->hi95, FX_H);
        else if (strcmp(key, "fmean_biasadj") == 0)
            fx_fixed(rest, c->fmean_biasadj, FX_H);
        else if (strcmp(key, "loglik_fx") == 0)
            c->loglik_fx = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "sigma2_fx") == 0)
            c->sigma2_fx = fx_num(strtok(rest, " \n"));
        else if (strcmp(key, "fmean_fit") == 0)
            fx_fixed(rest, c->fmean_fit, FX_H);
        else if (strcmp(key, "lo95_fit") == 0)
            fx_fixed(rest, c->lo95_fit, FX_H);
        else if (strcmp(key, "hi95_fit") == 0)
            fx_fixed(rest, c->hi95_fit, FX_H);
    }
    free(line);
    fclose(f);
    *ncases = n;
    return cases;
}

/* Spec of a fixture case (xreg points into the case). */
static fc_arima_spec fx_spec(const fx_case *c, const char *const *xnames)
{
    fc_arima_spec s = fc_arima_spec_default();
    s.order.p = c->order[0];
    s.order.d = c->order[1];
    s.order.q = c->order[2];
    s.order.P = c->order[3];
    s.order.D = c->order[4];
    s.order.Q = c->order[5];
    s.order.period = c->order[6];
    s.include_mean = c->mean;
    s.include_drift = c->drift;
    if (strcmp(c->transform, "log") == 0)
        s.transform = FC_TRANSFORM_LOG;
    else if (strcmp(c->transform, "boxcox") == 0) {
        s.transform = FC_TRANSFORM_BOXCOX;
        s.lambda = c->lambda;
    }
    if (c->xreg) {
        s.nxreg = 1;
        s.xreg = c->xreg;
        s.xreg_names = xnames;
    }
    return s;
}

static fc_series *fx_series(const fx_case *c)
{
    fc_series *y = NULL;
    fc_period st = {c->start_year, c->start_sub};
    fc_series_from_array(c->y, c->n, c->freq, st, &y, NULL);
    return y;
}

#endif
