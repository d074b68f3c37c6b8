/* `forecast project [--horizon H] [--quarter YYYY-Qn] [--level 80,95]
 *                   [--model auto|p,d,q/P,D,Q] [--transform log|none]
 *                   [--mean] [--drift] [--flow] [--series NAME] FILE`
 *
 * Without --quarter: H-step forecasts (default 12), CSV
 * `date,mean,lo80,hi80,lo95,hi95` (one lo/hi pair per --level, default
 * 80,95), means back-transformed as medians (R forecast's default).
 * With --quarter: JSON summary of the quarter's level (mean of months, sum
 * with --flow) and y/y growth in percent with intervals at the first
 * --level (default 80), plus every level under "intervals":
 * {"quarter","level","level_lower","level_upper","yoy","yoy_lower",
 *  "yoy_upper","level_pct","previous","months_observed","months_projected",
 *  "model","method","intervals":[{"level_pct",...},...]}.
 * --model auto (the default) chooses the SARIMA automatically (fc_auto_arima,
 * as `forecast auto`) on logs or levels by the X-13 AICC test, or on the
 * scale --transform asks for; the "model" field names the result.
 * p,d,q/P,D,Q fits that SARIMA with --transform (default log when all values
 * are positive); --mean and --drift add R's intercept (used when d + D = 0,
 * ignored otherwise, as R) and drift (d + D <= 1, else an error) terms,
 * opt-in as in `forecast fit`. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LEVELS FC_PROJECT_MAX_LEVELS

static int parse_levels(const char *text, double *lv, size_t *n)
{
    *n = 0;
    const char *p = text;
    while (*p) {
        char buf[32];
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof buf || *n >= MAX_LEVELS)
            return -1;
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (cli_parse_double(buf, &lv[*n]) || !(lv[*n] > 0 && lv[*n] < 100))
            return -1;
        (*n)++;
        p += len;
        if (*p == ',')
            p++;
    }
    return *n ? 0 : -1;
}

/* "p,d,q/P,D,Q" or "p,d,q" */
static int parse_model(const char *text, fc_arima_spec *spec)
{
    char buf[64];
    if (strlen(text) >= sizeof buf)
        return -1;
    strcpy(buf, text);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    if (cli_parse_arima_order(buf, 0, &spec->order))
        return -1;
    return slash ? cli_parse_arima_order(slash + 1, 1, &spec->order) : 0;
}

static void print_interval_fields(const fc_quarter_projection *q, size_t l)
{
    fputs("\"level_pct\":", stdout);
    cli_print_json_number(stdout, q->levels[l]);
    fputs(",\"level_lower\":", stdout);
    cli_print_json_number(stdout, q->level_lower[l]);
    fputs(",\"level_upper\":", stdout);
    cli_print_json_number(stdout, q->level_upper[l]);
    fputs(",\"yoy_lower\":", stdout);
    cli_print_json_number(stdout, q->yoy_lower[l]);
    fputs(",\"yoy_upper\":", stdout);
    cli_print_json_number(stdout, q->yoy_upper[l]);
}

static void print_quarter_json(const fc_quarter_projection *q)
{
    char qb[16];
    fc_period_format(q->quarter, 4, qb, sizeof qb);
    fputs("{\"quarter\":", stdout);
    cli_print_json_string(stdout, qb);
    fputs(",\"level\":", stdout);
    cli_print_json_number(stdout, q->level);
    fputs(",\"yoy\":", stdout);
    cli_print_json_number(stdout, q->yoy);
    fputs(",", stdout);
    print_interval_fields(q, 0);
    fputs(",\"previous\":", stdout);
    cli_print_json_number(stdout, q->previous);
    printf(",\"months_observed\":%d,\"months_projected\":%d,\"model\":", q->months_observed,
           q->months_projected);
    cli_print_json_string(stdout, q->model);
    fputs(",\"method\":", stdout);
    cli_print_json_string(stdout, q->method);
    fputs(",\"intervals\":[", stdout);
    for (size_t l = 0; l < q->nlevels; l++) {
        fputs(l ? ",{" : "{", stdout);
        print_interval_fields(q, l);
        fputc('}', stdout);
    }
    fputs("]}\n", stdout);
}

static void print_forecast_csv(const fc_forecast *f)
{
    fputs("date,mean", stdout);
    for (size_t l = 0; l < f->nlevels; l++)
        printf(",lo%g,hi%g", f->levels[l], f->levels[l]);
    fputc('\n', stdout);
    for (size_t i = 0; i < f->h; i++) {
        char date[16];
        fc_period_format(fc_period_add(f->start, f->freq, (long)i), f->freq, date, sizeof date);
        fputs(date, stdout);
        fputc(',', stdout);
        cli_print_csv_number(stdout, f->mean[i]);
        for (size_t l = 0; l < f->nlevels; l++) {
            fputc(',', stdout);
            cli_print_csv_number(stdout, f->lower[l * f->h + i]);
            fputc(',', stdout);
            cli_print_csv_number(stdout, f->upper[l * f->h + i]);
        }
        fputc('\n', stdout);
    }
}

/* What the command line asks for. */
typedef struct {
    fc_project_options po;
    fc_arima_spec spec;           /* po.spec points here with --model p,d,q/P,D,Q */
    double levels[MAX_LEVELS];
    size_t nlevels;
    long h;                       /* --horizon */
    const cli_option *quarter;    /* --quarter YYYY-Qn (quarter_period), when present */
    fc_period quarter_period;
    const cli_option *plot;       /* --plot FILE.svg */
    int tr;                       /* --transform: 0 log, 1 none, -1 not given */
} project_request;

/* --level, --horizon, --quarter and --seed. */
static int parse_horizon(const cli_option *opts, size_t nopt, project_request *r)
{
    const cli_option *o_h = cli_option_get(opts, nopt, "horizon");
    const cli_option *o_lv = cli_option_get(opts, nopt, "level");
    const cli_option *o_seed = cli_option_get(opts, nopt, "seed");
    r->quarter = cli_option_get(opts, nopt, "quarter");
    r->nlevels = r->quarter->present ? 1 : 2;
    if (o_lv->present && parse_levels(o_lv->value, r->levels, &r->nlevels))
        return cli_usage_error("project",
                               "--level \"%s\" is not a list of percentages in (0, 100), e.g. 80,95",
                               o_lv->value);
    if (o_h->present && (cli_parse_long(o_h->value, &r->h) || r->h < 1 || r->h > 1200))
        return cli_usage_error("project", "--horizon \"%s\" is not a number of periods in 1..1200",
                               o_h->value);
    if (r->quarter->present && o_h->present)
        return cli_usage_error("project", "use either --horizon or --quarter");
    int qfreq = 0;
    if (r->quarter->present &&
        (fc_period_parse(r->quarter->value, &r->quarter_period, &qfreq, NULL) || qfreq != 4))
        return cli_usage_error("project", "--quarter \"%s\" is not YYYY-Qn", r->quarter->value);
    if (o_seed->present) {
        long seed;
        if (cli_parse_long(o_seed->value, &seed) || seed < 0)
            return cli_usage_error("project", "--seed \"%s\" is not a non-negative integer",
                                   o_seed->value);
        r->po.seed = (unsigned long)seed;
    }
    return CLI_EXIT_OK;
}

/* --transform, --model, --mean, --drift and --flow. */
static int parse_model_options(const cli_option *opts, size_t nopt, project_request *r)
{
    static const char *const transforms[] = {"log", "none"};
    const cli_option *o_model = cli_option_get(opts, nopt, "model");
    int mean = cli_option_get(opts, nopt, "mean")->present;
    int drift = cli_option_get(opts, nopt, "drift")->present;
    if (cli_parse_choice("project", cli_option_get(opts, nopt, "transform"), transforms, 2,
                         &r->tr))
        return CLI_EXIT_INPUT;
    if (o_model->present && strcmp(o_model->value, "auto") != 0) {
        if (parse_model(o_model->value, &r->spec))
            return cli_usage_error("project", "--model \"%s\" is not auto or p,d,q/P,D,Q",
                                   o_model->value);
        r->spec.include_mean = mean;
        r->spec.include_drift = drift;
        r->po.model = FC_PROJECT_MODEL_SPEC;
        r->po.spec = &r->spec;
    } else {
        if (mean || drift)
            return cli_usage_error("project", "--mean and --drift go with --model p,d,q/P,D,Q "
                                              "(--model auto chooses them)");
        r->po.model = FC_PROJECT_MODEL_AUTO;
    }
    r->po.aggregate = cli_option_get(opts, nopt, "flow")->present ? FC_QUARTER_SUM
                                                                  : FC_QUARTER_MEAN;
    return CLI_EXIT_OK;
}

static int parse_request(const cli_option *opts, size_t nopt, project_request *r)
{
    memset(r, 0, sizeof *r);
    r->po = fc_project_options_default();
    r->spec = fc_arima_spec_default();
    r->levels[0] = 80;
    r->levels[1] = 95;
    r->h = 12;
    r->plot = cli_option_get(opts, nopt, "plot");
    r->tr = -1;
    int rc = parse_horizon(opts, nopt, r);
    return rc ? rc : parse_model_options(opts, nopt, r);
}

/* A given model's transform: --transform, else log when every observed
 * value is positive. */
static fc_transform spec_transform(const fc_series *y, int tr)
{
    if (tr >= 0)
        return tr == 0 ? FC_TRANSFORM_LOG : FC_TRANSFORM_NONE;
    for (size_t i = 0; i < y->n; i++)
        if (!(y->values[i] > 0) && y->values[i] == y->values[i])
            return FC_TRANSFORM_NONE;
    return FC_TRANSFORM_LOG;
}

/* The quarter's JSON, and with --plot the monthly forecasts through the
 * quarter's last month. */
static fc_status run_quarter(const fc_series *y, project_request *r, int *rc, fc_error *err)
{
    r->po.nlevels = r->nlevels;
    memcpy(r->po.levels, r->levels, sizeof r->levels);
    fc_quarter_projection q;
    fc_status st = fc_project_quarter(y, r->quarter_period, &r->po, &q, err);
    if (!st)
        print_quarter_json(&q);
    fc_period last = {r->quarter_period.year, 3 * r->quarter_period.sub};
    long ahead = fc_period_diff(fc_series_end(y), last, 12);
    if (!st && r->plot->present && ahead > 0) {
        fc_forecast *f = NULL;
        double plot_levels[2] = {80, 95};
        st = fc_project_forecast(y, (size_t)ahead, plot_levels, 2, &r->po, &f, NULL, err);
        char title[64];
        snprintf(title, sizeof title, "Projection of %s", r->quarter->value);
        if (!st)
            *rc = cli_plot_projection("project", r->plot->value, title, y, f);
        fc_forecast_free(f);
    }
    return st;
}

/* The forecasts' CSV, and with --plot their fan chart (plot.c). */
static fc_status run_forecast(const fc_series *y, project_request *r, int *rc, fc_error *err)
{
    fc_forecast *f = NULL;
    fc_status st = fc_project_forecast(y, (size_t)r->h, r->levels, r->nlevels, &r->po, &f, NULL,
                                       err);
    if (!st)
        print_forecast_csv(f);
    if (!st && r->plot->present)
        *rc = cli_plot_projection("project", r->plot->value, "Forecasts", y, f);
    fc_forecast_free(f);
    return st;
}

int cmd_project(int argc, char **argv)
{
    cli_option opts[] = {
        {"horizon", 1, NULL, 0}, {"quarter", 1, NULL, 0},   {"level", 1, NULL, 0},
        {"model", 1, NULL, 0},   {"transform", 1, NULL, 0}, {"flow", 0, NULL, 0},
        {"series", 1, NULL, 0},  {"seed", 1, NULL, 0},      {"plot", 1, NULL, 0},
        {"mean", 0, NULL, 0},    {"drift", 0, NULL, 0},
    };
    const size_t nopt = sizeof opts / sizeof opts[0];
    const char *path;
    project_request r;
    int rc = cli_parse_one_file("project", argc, argv, opts, nopt, &path);
    if (!rc)
        rc = parse_request(opts, nopt, &r);
    fc_series *y = NULL;
    if (!rc)
        rc = cli_read_one_series("project", path, cli_option_get(opts, nopt, "series")->value, &y);
    if (rc)
        return rc;
    if (r.po.model == FC_PROJECT_MODEL_SPEC)
        r.spec.transform = spec_transform(y, r.tr);
    fc_error err;
    fc_error_clear(&err);
    fc_status st = FC_OK;
    fc_arima_model *chosen = NULL;
    if (r.po.model == FC_PROJECT_MODEL_AUTO && r.tr >= 0) {
        /* automatic selection on the scale asked for */
        fc_auto_options ao = fc_auto_options_default();
        ao.transform = r.tr == 0 ? FC_AUTO_TRANSFORM_LOG : FC_AUTO_TRANSFORM_NONE;
        st = fc_auto_arima(y, &ao, &chosen, NULL, &err);
        r.po.model = FC_PROJECT_MODEL_FITTED;
        r.po.fitted = chosen;
    }
    if (!st)
        st = r.quarter->present ? run_quarter(y, &r, &rc, &err) : run_forecast(y, &r, &rc, &err);
    fc_series_free(y);
    fc_arima_model_free(chosen);
    return st ? cli_fail("project", st, &err) : rc;
}
