/* `forecast fit --order p,d,q [--seasonal P,D,Q] [--period s]
 *               [--transform none|log|boxcox] [--lambda L] [--mean] [--drift]
 *               [--series NAME] [--format json] FILE`
 *
 * Estimates one SARIMA by exact maximum likelihood (fc_arima_fit) and
 * prints the JSON of DESIGN.md §4 with R's coefficient names and R's
 * conventions for sigma2, loglik, aic, aicc, bic and nobs (forecast::Arima,
 * method "ML"; see include/forecast/arima.h). */
#include "cli.h"


void cli_print_json_coef_map(FILE *out, const fc_arima_model *m, const double *v, int spaced)
{
    fputc('{', out);
    for (size_t i = 0; i < m->ncoef; i++) {
        if (i)
            fputs(spaced ? ", " : ",", out);
        cli_print_json_string(out, m->coef_names[i]);
        fputs(spaced ? ": " : ":", out);
        cli_print_json_number(out, v[i]);
    }
    fputc('}', out);
}

void cli_print_arima_json(FILE *out, const fc_arima_model *m)
{
    const fc_arima_order *o = &m->spec.order;
    fprintf(out, "{\"order\":[%d,%d,%d],\"seasonal\":[%d,%d,%d],\"period\":%d,\"coef\":", o->p,
            o->d, o->q, o->P, o->D, o->Q, m->period);
    cli_print_json_coef_map(out, m, m->coef, 0);
    fputs(",\"se\":", out);
    cli_print_json_coef_map(out, m, m->se, 0);
    const char *keys[5] = {"sigma2", "loglik", "aic", "aicc", "bic"};
    const double vals[5] = {m->sigma2, m->loglik, m->aic, m->aicc, m->bic};
    for (int i = 0; i < 5; i++) {
        fprintf(out, ",\"%s\":", keys[i]);
        cli_print_json_number(out, vals[i]);
    }
    fprintf(out, ",\"nobs\":%zu}\n", m->nobs);
}

/* --transform none|log|boxcox and --lambda L into spec. */
static int parse_transform(const cli_option *o_tr, const cli_option *o_lambda, fc_arima_spec *spec)
{
    static const char *const names[] = {"none", "log", "boxcox"};
    static const fc_transform kinds[] = {FC_TRANSFORM_NONE, FC_TRANSFORM_LOG, FC_TRANSFORM_BOXCOX};
    int k = -1;
    if (cli_parse_choice("fit", o_tr, names, 3, &k))
        return CLI_EXIT_INPUT;
    if (k >= 0)
        spec->transform = kinds[k];
    if (spec->transform == FC_TRANSFORM_BOXCOX) {
        if (!o_lambda->present || cli_parse_double(o_lambda->value, &spec->lambda))
            return cli_usage_error("fit", "--transform boxcox needs --lambda NUMBER");
    } else if (o_lambda->present) {
        return cli_usage_error("fit", "--lambda needs --transform boxcox");
    }
    return CLI_EXIT_OK;
}

/* --order (required), --seasonal, --period, --transform, --lambda, --mean
 * and --drift into spec. */
static int parse_spec(const cli_option *opts, size_t nopt, fc_arima_spec *spec)
{
    const cli_option *o_order = cli_option_get(opts, nopt, "order");
    const cli_option *o_period = cli_option_get(opts, nopt, "period");
    if (!o_order->present)
        return cli_usage_error("fit", "--order p,d,q is required");
    if (cli_parse_order_options("fit", o_order, cli_option_get(opts, nopt, "seasonal"),
                                &spec->order))
        return CLI_EXIT_INPUT;
    if (o_period->present) {
        long s;
        if (cli_parse_long(o_period->value, &s) || s < 1 || s > 1000)
            return cli_usage_error("fit", "--period \"%s\" is not a period >= 1", o_period->value);
        spec->order.period = (int)s;
    }
    if (parse_transform(cli_option_get(opts, nopt, "transform"),
                        cli_option_get(opts, nopt, "lambda"), spec))
        return CLI_EXIT_INPUT;
    spec->include_mean = cli_option_get(opts, nopt, "mean")->present;
    spec->include_drift = cli_option_get(opts, nopt, "drift")->present;
    return CLI_EXIT_OK;
}

int cmd_fit(int argc, char **argv)
{
    cli_option opts[] = {
        {"order", 1, NULL, 0},     {"seasonal", 1, NULL, 0}, {"period", 1, NULL, 0},
        {"transform", 1, NULL, 0}, {"lambda", 1, NULL, 0},   {"mean", 0, NULL, 0},
        {"drift", 0, NULL, 0},     {"series", 1, NULL, 0},   {"format", 1, NULL, 0},
    };
    static const char *const formats[] = {"json"};
    const size_t nopt = sizeof opts / sizeof opts[0];
    const char *path;
    int format = 0;
    fc_arima_spec spec = fc_arima_spec_default();
    int rc = cli_parse_one_file("fit", argc, argv, opts, nopt, &path);
    if (!rc)
        rc = cli_parse_choice("fit", cli_option_get(opts, nopt, "format"), formats, 1, &format);
    if (!rc)
        rc = parse_spec(opts, nopt, &spec);
    if (rc)
        return rc;
    fc_series *y = NULL;
    rc = cli_read_one_series("fit", path, cli_option_get(opts, nopt, "series")->value, &y);
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
