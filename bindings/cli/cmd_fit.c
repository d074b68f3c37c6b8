/* `forecast fit --order p,d,q [--seasonal P,D,Q] [--period s]
 *               [--transform none|log|boxcox] [--lambda L] [--mean] [--drift]
 *               [--series NAME] [--format json] FILE`
 *
 * Estimates one SARIMA by exact maximum likelihood (fc_arima_fit) and
 * prints the JSON of DESIGN.md §4 with R's coefficient names and R's
 * conventions for sigma2, loglik, aic, aicc, bic and nobs (forecast::Arima,
 * method "ML"; see include/forecast/arima.h). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_order3(const char *text, int v[3])
{
    const char *p = text;
    for (int i = 0; i < 3; i++) {
        char *end;
        errno = 0;
        long x = strtol(p, &end, 10);
        if (end == p || errno || x < 0 || x > 1000)
            return -1;
        v[i] = (int)x;
        if (i < 2) {
            if (*end != ',')
                return -1;
            p = end + 1;
        } else if (*end != '\0') {
            return -1;
        }
    }
    return 0;
}

static void print_named(FILE *out, const fc_arima_model *m, const double *v)
{
    fputc('{', out);
    for (size_t i = 0; i < m->ncoef; i++) {
        if (i)
            fputc(',', out);
        cli_print_json_string(out, m->coef_names[i]);
        fputc(':', out);
        cli_print_json_number(out, v[i]);
    }
    fputc('}', out);
}

void cli_print_arima_json(FILE *out, const fc_arima_model *m)
{
    const fc_arima_order *o = &m->spec.order;
    fprintf(out, "{\"order\":[%d,%d,%d],\"seasonal\":[%d,%d,%d],\"period\":%d,\"coef\":", o->p,
            o->d, o->q, o->P, o->D, o->Q, m->period);
    print_named(out, m, m->coef);
    fputs(",\"se\":", out);
    print_named(out, m, m->se);
    const char *keys[5] = {"sigma2", "loglik", "aic", "aicc", "bic"};
    const double vals[5] = {m->sigma2, m->loglik, m->aic, m->aicc, m->bic};
    for (int i = 0; i < 5; i++) {
        fprintf(out, ",\"%s\":", keys[i]);
        cli_print_json_number(out, vals[i]);
    }
    fprintf(out, ",\"nobs\":%zu}\n", m->nobs);
}

int cmd_fit(int argc, char **argv)
{
    cli_option opts[] = {
        {"order", 1, NULL, 0},     {"seasonal", 1, NULL, 0}, {"period", 1, NULL, 0},
        {"transform", 1, NULL, 0}, {"lambda", 1, NULL, 0},   {"mean", 0, NULL, 0},
        {"drift", 0, NULL, 0},     {"series", 1, NULL, 0},   {"format", 1, NULL, 0},
    };
    const size_t nopt = sizeof opts / sizeof opts[0];
    const char *pos[1];
    size_t npos;
    int rc = cli_parse("fit", argc, argv, opts, nopt, pos, 1, &npos);
    if (rc)
        return rc;
    if (npos != 1)
        return cli_usage_error("fit", "expected one input FILE (\"-\" for standard input)");
    const cli_option *o_order = cli_option_get(opts, nopt, "order");
    const cli_option *o_seas = cli_option_get(opts, nopt, "seasonal");
    const cli_option *o_period = cli_option_get(opts, nopt, "period");
    const cli_option *o_tr = cli_option_get(opts, nopt, "transform");
    const cli_option *o_lambda = cli_option_get(opts, nopt, "lambda");
    const cli_option *o_format = cli_option_get(opts, nopt, "format");
    if (o_format->present && strcmp(o_format->value, "json") != 0)
        return cli_usage_error("fit", "--format must be json (got \"%s\")", o_format->value);
    fc_arima_spec spec = fc_arima_spec_default();
    int v[3];
    if (!o_order->present)
        return cli_usage_error("fit", "--order p,d,q is required");
    if (cli_parse_order3(o_order->value, v))
        return cli_usage_error("fit", "--order \"%s\" is not p,d,q", o_order->value);
    spec.order.p = v[0];
    spec.order.d = v[1];
    spec.order.q = v[2];
    if (o_seas->present) {
        if (cli_parse_order3(o_seas->value, v))
            return cli_usage_error("fit", "--seasonal \"%s\" is not P,D,Q", o_seas->value);
        spec.order.P = v[0];
        spec.order.D = v[1];
        spec.order.Q = v[2];
    }
    if (o_period->present) {
        long s;
        if (cli_parse_long(o_period->value, &s) || s < 1 || s > 1000)
            return cli_usage_error("fit", "--period \"%s\" is not a period >= 1", o_period->value);
        spec.order.period = (int)s;
    }
    if (o_tr->present) {
        if (strcmp(o_tr->value, "none") == 0)
            spec.transform = FC_TRANSFORM_NONE;
        else if (strcmp(o_tr->value, "log") == 0)
            spec.transform = FC_TRANSFORM_LOG;
        else if (strcmp(o_tr->value, "boxcox") == 0)
            spec.transform = FC_TRANSFORM_BOXCOX;
        else
            return cli_usage_error("fit", "--transform must be none, log or boxcox (got \"%s\")",
                                   o_tr->value);
    }
    if (spec.transform == FC_TRANSFORM_BOXCOX) {
        if (!o_lambda->present || cli_parse_double(o_lambda->value, &spec.lambda))
            return cli_usage_error("fit", "--transform boxcox needs --lambda NUMBER");
    } else if (o_lambda->present) {
        return cli_usage_error("fit", "--lambda needs --transform boxcox");
    }
    spec.include_mean = cli_option_get(opts, nopt, "mean")->present;
    spec.include_drift = cli_option_get(opts, nopt, "drift")->present;
    const cli_option *o_series = cli_option_get(opts, nopt, "series");
    fc_series *y = NULL;
    rc = cli_read_one_series("fit", pos[0], o_series->present ? o_series->value : NULL, &y);
    if (rc)
        return rc;
    fc_arima_model *m = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_arima_fit(y, &spec, NULL, &m, &err);
    fc_series_free(y);
    if (st)
        return cli_fail("fit", st, &err);
    cli_print_arima_json(stdout, m);
    fc_arima_model_free(m);
    return CLI_EXIT_OK;
}
