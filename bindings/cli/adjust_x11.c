/* `forecast adjust --method x11`: X-11 seasonal adjustment (DESIGN.md §4).
 * CSV `date,original,seasonal,trend,irregular,adjusted` = B1 input, D10,
 * D12, D13, D11; `--format json` adds the choices and the diagnostics. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CMD "adjust"

typedef struct {
    fc_x11_options x11;
    int mode_auto;
    int mode_given;
    int sliding_spans;  /* --sliding-spans: add the diagnostic to --format json */
    int regarima_auto;
    const char *calendar;
    const char *country;
    const char *series;
    const char *plot;      /* --plot FILE.svg (plot.c) */
    cli_format format;
} x11_cli;

static int parse_mode(const char *v, x11_cli *c)
{
    c->mode_given = v != NULL;
    if (!v || strcmp(v, "mult") == 0)
        c->x11.mode = FC_X11_MULT;
    else if (strcmp(v, "add") == 0)
        c->x11.mode = FC_X11_ADD;
    else if (strcmp(v, "logadd") == 0)
        c->x11.mode = FC_X11_LOGADD;
    else if (strcmp(v, "pseudoadd") == 0)
        c->x11.mode = FC_X11_PSEUDOADD;
    else if (strcmp(v, "auto") == 0)
        c->mode_auto = 1;
    else
        return cli_usage_error(CMD, "--mode must be mult, add, logadd, pseudoadd or auto, not \"%s\"", v);
    return CLI_EXIT_OK;
}

static int parse_seasonalma(const char *v, fc_x11_seasonal_ma *out)
{
    static const struct { const char *name; fc_x11_seasonal_ma f; } tab[] = {
        {"msr", FC_X11_SMA_MSR},       {"s3x1", FC_X11_SMA_3X1},     {"s3x3", FC_X11_SMA_3X3},
        {"s3x5", FC_X11_SMA_3X5},      {"s3x9", FC_X11_SMA_3X9},     {"s3x15", FC_X11_SMA_3X15},
        {"stable", FC_X11_SMA_STABLE}, {"x11default", FC_X11_SMA_X11DEFAULT}};
    if (!v) {
        *out = FC_X11_SMA_MSR;
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(v, tab[i].name) == 0) {
            *out = tab[i].f;
            return CLI_EXIT_OK;
        }
    return cli_usage_error(CMD, "--seasonalma must be s3x1, s3x3, s3x5, s3x9, s3x15, stable, "
                                "x11default or msr, not \"%s\"", v);
}

static int parse_trendma(const char *v, int *out)
{
    long n;
    if (!v || strcmp(v, "auto") == 0) {
        *out = 0;
        return CLI_EXIT_OK;
    }
    if (cli_parse_long(v, &n) || n < 3 || n > 101 || n % 2 == 0)
        return cli_usage_error(CMD, "--trendma must be an odd number in 3..101 (or auto), not \"%s\"", v);
    *out = (int)n;
    return CLI_EXIT_OK;
}

static int parse_sigmalim(const char *v, double *lo, double *hi)
{
    if (!v)
        return CLI_EXIT_OK;
    char buf[64];
    const char *comma = strchr(v, ',');
    size_t len = comma ? (size_t)(comma - v) : 0;
    if (!comma || len == 0 || len >= sizeof buf)
        return cli_usage_error(CMD, "--sigmalim must be two numbers LOWER,UPPER (e.g. 1.5,2.5), not \"%s\"", v);
    memcpy(buf, v, len);
    buf[len] = '\0';
    if (cli_parse_double(buf, lo) || cli_parse_double(comma + 1, hi) || !(*lo > 0) || !(*hi > *lo))
        return cli_usage_error(CMD, "--sigmalim must be two numbers 0 < LOWER < UPPER, not \"%s\"", v);
    return CLI_EXIT_OK;
}

/* ----------------------------------------------------------- output */

static void print_csv(const fc_x11_result *r, const double *original)
{
    printf("date,original,seasonal,trend,irregular,adjusted\n");
    for (size_t i = 0; i < r->n; i++) {
        char d[16];
        fc_period_format(fc_period_add(r->start, r->freq, (long)i), r->freq, d, sizeof d);
        printf("%s,", d);
        const double v[5] = {original[i], r->d10[i], r->d12[i], r->d13[i], r->d11[i]};
        for (int k = 0; k < 5; k++) {
            cli_print_csv_number(stdout, v[k]);
            putchar(k < 4 ? ',' : '\n');
        }
    }
}

static void print_json_array(const char *name, const double *x, size_t n, int last)
{
    printf("  \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        if (i)
            putchar(',');
        cli_print_json_number(stdout, x[i]);
    }
    printf("]%s\n", last ? "" : ",");
}

static const char *mode_name(fc_x11_mode m)
{
    switch (m) {
    case FC_X11_ADD: return "add";
    case FC_X11_LOGADD: return "logadd";
    case FC_X11_PSEUDOADD: return "pseudoadd";
    default: return "mult";
    }
}

/* Prints `,\n    "name": value` (one diagnostics field of the JSON object). */
static void print_json_field(const char *name, double value)
{
    printf(",\n    \"%s\": ", name);
    cli_print_json_number(stdout, value);
}

static void print_diagnostics_json(const fc_x11_result *r)
{
    fc_x11_diagnostics d;
    fc_error err;
    fc_error_clear(&err);
    printf("  \"diagnostics\": ");
    if (fc_x11_diagnose(r, &d, &err)) {
        printf("{\"error\": ");
        cli_print_json_string(stdout, err.message);
        printf("},\n");
        return;
    }
    printf("{\n    \"m\": [");
    for (int i = 0; i < 11; i++) {
        if (i)
            putchar(',');
        cli_print_json_number(stdout, d.m[i]);
    }
    printf("]");
    const struct { const char *name; double value; } before[] = {
        {"q", d.q},
        {"q_without_m2", d.q_m2},
        {"stable_seasonality_f", d.f_stable},
        {"stable_seasonality_p", d.p_stable},
        {"moving_seasonality_f", d.f_moving},
        {"moving_seasonality_p", d.p_moving},
        {"kruskal_wallis", d.kruskal_wallis},
        {"kruskal_wallis_p", d.p_kruskal_wallis},
    }, after[] = {
        {"residual_seasonality_f", d.f_residual},
        {"residual_seasonality_p", d.p_residual},
        {"residual_seasonality_f_last3y", d.f_residual_3y},
    };
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
        print_json_field(before[i].name, before[i].value);
    printf(",\n    \"identifiable_seasonality\": \"%s\"",
           d.identifiable == FC_X11_SEASONALITY_PRESENT ? "yes"
           : d.identifiable == FC_X11_SEASONALITY_PROBABLY_ABSENT ? "probably not" : "no");
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
        print_json_field(after[i].name, after[i].value);
    printf("\n  },\n");
}

static void print_regarima_json(const fc_x11_auto_result *a)
{
    char ord[64];
    fc_arima_order_format(&a->order, a->order.period, ord, sizeof ord);
    printf("  \"regarima\": {\n    \"transform\": \"%s\",\n    \"aicc_level\": ",
           a->log_transform ? "log" : "none");
    cli_print_json_number(stdout, a->aicc_level);
    printf(",\n    \"aicc_log\": ");
    cli_print_json_number(stdout, a->aicc_log);
    printf(",\n    \"model\": \"%s\",\n    \"constant\": %s,\n    \"leap_year_prior\": %s,\n",
           ord, a->constant ? "true" : "false", a->lpyear_prior ? "true" : "false");
    printf("    \"loglik\": ");
    cli_print_json_number(stdout, a->loglik);
    printf(",\n    \"aicc\": ");
    cli_print_json_number(stdout, a->aicc);
    printf(",\n    \"regressors\": [");
    for (size_t j = 0; j < a->nreg; j++) {
        printf("%s\n      {\"name\": ", j ? "," : "");
        cli_print_json_string(stdout, a->reg_names[j]);
        printf(", \"estimate\": ");
        cli_print_json_number(stdout, a->reg_coef[j]);
        printf(", \"se\": ");
        cli_print_json_number(stdout, a->reg_se[j]);
        printf("}");
    }
    printf("%s],\n    \"note\": ", a->nreg ? "\n    " : "");
    cli_print_json_string(stdout, a->note);
    printf("\n  },\n");
}

static const char *spans_verdict_name(fc_spans_verdict v)
{
    return v == FC_SPANS_UNSTABLE ? "unstable" : v == FC_SPANS_MARGINAL ? "marginal" : "stable";
}

/* "sliding_spans" object (fc_x11_sliding_spans_run); MPD arrays start at "start". */
static void print_sliding_spans_json(const fc_x11_sliding_spans *s)
{
    char d[16];
    fc_period_format(s->start, s->freq, d, sizeof d);
    printf("  \"sliding_spans\": {\n    \"spans\": %d,\n    \"span_years\": %d,\n"
           "    \"span_starts\": [", s->nspans, s->span_years);
    for (int k = 0; k < s->nspans; k++) {
        char b[16];
        fc_period_format(s->span_start[k], s->freq, b, sizeof b);
        printf("%s\"%s\"", k ? "," : "", b);
    }
    printf("],\n    \"cutoff_percent\": ");
    cli_print_json_number(stdout, s->cutoff);
    printf(",\n    \"start\": \"%s\",\n", d);
    printf("    \"seasonal\": {\"compared\": %zu, \"flagged\": %zu, \"percent_flagged\": ",
           s->seasonal_compared, s->seasonal_flagged);
    cli_print_json_number(stdout, s->seasonal_pct);
    printf(", \"verdict\": \"%s\", \"max_percent_difference\": [",
           spans_verdict_name(s->seasonal_verdict));
    for (size_t i = 0; i < s->n; i++) {
        if (i)
            putchar(',');
        cli_print_json_number(stdout, s->seasonal_mpd[i]);
    }
    printf("]},\n    \"sa_change\": {\"compared\": %zu, \"flagged\": %zu, \"percent_flagged\": ",
           s->change_compared, s->change_flagged);
    cli_print_json_number(stdout, s->change_pct);
    printf(", \"verdict\": \"%s\", \"max_difference_points\": [",
           spans_verdict_name(s->change_verdict));
    for (size_t i = 0; i < s->n; i++) {
        if (i)
            putchar(',');
        cli_print_json_number(stdout, s->change_mpd[i]);
    }
    printf("]}\n  },\n");
}

static void print_json(const fc_x11_result *r, const x11_cli *c, const char *mode_note,
                       const fc_x11_auto_result *a, const fc_x11_sliding_spans *ss)
{
    char d0[16];
    fc_period_format(r->start, r->freq, d0, sizeof d0);
    printf("{\n  \"method\": \"x11\",\n");
    if (a)
        print_regarima_json(a);
    else
        printf("  \"regarima\": \"none\",\n");
    printf("  \"mode\": \"%s\",\n", a ? (a->log_transform ? "mult" : "add") : mode_name(r->mode));
    if (mode_note) {
        printf("  \"mode_note\": ");
        cli_print_json_string(stdout, mode_note);
        printf(",\n");
    }
    printf("  \"seasonal_filter_d10\": \"%s\",\n  \"msr\": ", fc_seasonal_filter_name(r->d10_filter));
    cli_print_json_number(stdout, r->msr);
    printf(",\n  \"trend_filter_d12\": %d,\n  \"ic_ratio\": ", r->henderson_d12);
    cli_print_json_number(stdout, r->ic_ratio_d12);
    printf(",\n  \"sigmalim\": [");
    cli_print_json_number(stdout, c->x11.sigma_lower);
    putchar(',');
    cli_print_json_number(stdout, c->x11.sigma_upper);
    printf("],\n  \"n\": %zu,\n  \"frequency\": %d,\n  \"start\": \"%s\",\n", r->n, r->freq, d0);
    print_diagnostics_json(r);
    if (ss)
        print_sliding_spans_json(ss);
    printf("  \"date\": [");
    for (size_t i = 0; i < r->n; i++) {
        char d[16];
        fc_period_format(fc_period_add(r->start, r->freq, (long)i), r->freq, d, sizeof d);
        printf("%s\"%s\"", i ? "," : "", d);
    }
    printf("],\n");
    print_json_array("original", a ? a->original : r->b1, r->n, 0);
    if (a) {
        print_json_array("b1_preadjusted", r->b1, r->n, 0);
        print_json_array("calendar_factor", a->calendar_factor, r->n, 0);
    }
    print_json_array("seasonal", r->d10, r->n, 0);
    print_json_array("trend", r->d12, r->n, 0);
    print_json_array("irregular", r->d13, r->n, 0);
    print_json_array("adjusted", r->d11, r->n, 1);
    printf("}\n");
}

/* ------------------------------------------------------------- main */

static const char *usage =
    "usage: forecast adjust [--method x11] [--mode mult|add|logadd|pseudoadd|auto] "
    "[--seasonalma s3x3|s3x5|s3x9|s3x15|s3x1|stable|msr] [--trendma N|auto] "
    "[--sigmalim 1.5,2.5] [--regarima auto|none] [--calendar td,easter,lny --country vn|cn] "
    "[--format csv|json] [--sliding-spans] [--series NAME] [--plot FILE.svg] FILE";

static int parse_options(int argc, char **argv, x11_cli *c, const char **file)
{
    cli_option opts[] = {
        {"method", 1, NULL, 0},   {"mode", 1, NULL, 0},     {"seasonalma", 1, NULL, 0},
        {"trendma", 1, NULL, 0},  {"sigmalim", 1, NULL, 0}, {"regarima", 1, NULL, 0},
        {"calendar", 1, NULL, 0}, {"country", 1, NULL, 0},  {"format", 1, NULL, 0},
        {"series", 1, NULL, 0},   {"plot", 1, NULL, 0},     {"sliding-spans", 0, NULL, 0},
    };
    const char *files[1];
    size_t nfiles = 0;
    int rc = cli_parse(CMD, argc, argv, opts, sizeof opts / sizeof opts[0], files, 1, &nfiles);
    if (rc)
        return rc;
    fc_x11_options_default(&c->x11);
    if ((rc = parse_mode(opts[1].value, c)) || (rc = parse_seasonalma(opts[2].value, &c->x11.seasonalma)) ||
        (rc = parse_trendma(opts[3].value, &c->x11.trendma)) ||
        (rc = parse_sigmalim(opts[4].value, &c->x11.sigma_lower, &c->x11.sigma_upper)) ||
        (rc = cli_parse_format(CMD, opts[8].value, &c->format)))
        return rc;
    const char *ra = opts[5].value ? opts[5].value : "auto";
    if (strcmp(ra, "auto") == 0)
        c->regarima_auto = 1;
    else if (strcmp(ra, "none") != 0)
        return cli_usage_error(CMD, "--regarima must be auto or none, not \"%s\"", ra);
    c->calendar = opts[6].value;
    c->country = opts[7].value;
    if (c->format == CLI_FORMAT_TEXT)
        return cli_usage_error(CMD, "--format must be csv or json for adjust");
    if (nfiles != 1)
        return cli_usage_error(CMD, "%s", usage);
    *file = files[0];
    c->series = opts[9].value;
    c->plot = opts[10].value;
    c->sliding_spans = opts[11].present;
    return CLI_EXIT_OK;
}

/* --regarima auto: X-13's production pipeline (fc_x11_auto). */
static int run_auto(x11_cli *c, const char *file)
{
    fc_x11_auto_options ao;
    fc_x11_auto_options_default(&ao);
    ao.x11 = c->x11;
    ao.transform = (!c->mode_given || c->mode_auto) ? -1 : c->x11.mode == FC_X11_MULT ? 1 : 0;
    if (c->calendar)
        ao.calendar = strcmp(c->calendar, "none") == 0 ? "" : c->calendar;
    fc_error err;
    fc_error_clear(&err);
    if (c->country) {
        fc_status st = fc_country_parse(c->country, &ao.cal.country, &err);
        if (st)
            return cli_fail(CMD, st, &err);
    }
    fc_series *s = NULL;
    int rc = cli_read_one_series(CMD, file, c->series, &s);
    if (rc)
        return rc;
    fc_x11_auto_result *a = NULL;
    fc_status st = fc_x11_auto(s, &ao, &a, &err);
    fc_series_free(s);
    if (st)
        return cli_fail(CMD, st, &err);
    if (c->format == CLI_FORMAT_JSON)
        print_json(a->x11, c, NULL, a, NULL);
    else
        print_csv(a->x11, a->original);
    if (c->plot) { /* chart of the original with D11, D12; D10; D13 */
        const fc_x11_result *r = a->x11;
        fc_series orig = {r->n, r->freq, r->start, a->original, NULL};
        rc = cli_plot_decomposition(CMD, c->plot, "X-11 seasonal adjustment (regARIMA pre-adjusted)",
                                    &orig, r->d10, r->d12, r->d13, r->d11);
    }
    fc_x11_auto_result_free(a);
    return rc;
}

int cli_adjust_x11(int argc, char **argv)
{
    x11_cli c;
    memset(&c, 0, sizeof c);
    const char *file = NULL;
    int rc = parse_options(argc, argv, &c, &file);
    if (rc)
        return rc;
    if (!c.regarima_auto && (c.calendar || c.country))
        return cli_usage_error(CMD, "--calendar/--country need the regARIMA pre-adjustment "
                                    "(--regarima auto); plain X-11 (--regarima none) has no "
                                    "calendar regression");
    if (c.regarima_auto && c.mode_given && !c.mode_auto && c.x11.mode != FC_X11_MULT &&
        c.x11.mode != FC_X11_ADD)
        return cli_usage_error(CMD, "--regarima auto supports --mode mult (log), add (levels) or "
                                    "auto; use --regarima none for logadd or pseudoadd");
    if (c.sliding_spans && (c.regarima_auto || c.format != CLI_FORMAT_JSON))
        return cli_usage_error(CMD, "--sliding-spans needs --regarima none and --format json");
    if (c.regarima_auto)
        return run_auto(&c, file);
    fc_series *s = NULL;
    rc = cli_read_one_series(CMD, file, c.series, &s);
    if (rc)
        return rc;
    const char *mode_note = NULL;
    if (c.mode_auto) {
        int positive = 1;
        for (size_t i = 0; i < s->n; i++)
            if (!(s->values[i] > 0))
                positive = 0;
        c.x11.mode = positive ? FC_X11_MULT : FC_X11_ADD;
        mode_note = positive ? "auto without regARIMA: multiplicative because every value is positive"
                             : "auto without regARIMA: additive because some values are not positive";
    }
    fc_x11_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_x11(s, &c.x11, &r, &err);
    fc_x11_sliding_spans *ss = NULL;
    if (!st && c.sliding_spans)
        st = fc_x11_sliding_spans_run(s, &c.x11, &ss, &err);
    fc_series_free(s);
    if (st) {
        fc_x11_result_free(r);
        return cli_fail(CMD, st, &err);
    }
    if (c.format == CLI_FORMAT_JSON)
        print_json(r, &c, mode_note, NULL, ss);
    else
        print_csv(r, r->b1);
    if (c.plot) { /* chart of B1 with D11, D12; D10; D13 */
        fc_series b1 = {r->n, r->freq, r->start, r->b1, NULL};
        rc = cli_plot_decomposition(CMD, c.plot, "X-11 seasonal adjustment", &b1, r->d10,
                                    r->d12, r->d13, r->d11);
    }
    fc_x11_result_free(r);
    fc_x11_sliding_spans_free(ss);
    return rc;
}
