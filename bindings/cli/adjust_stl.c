/* `forecast adjust --method stl`: STL decomposition (R's stats::stl).
 *
 *   forecast adjust --method stl --s-window N|periodic [--period S]
 *       [--t-window N] [--l-window N] [--s-degree 0|1] [--t-degree 0|1]
 *       [--robust] [--inner N] [--outer N] [--series NAME]
 *       [--calendar SPEC --country vn|cn [--holidays FILE.csv]]
 *       [--format csv|json] FILE
 *
 * CSV `date,original,seasonal,trend,irregular,adjusted` (DESIGN.md §4):
 * irregular = STL remainder, adjusted = original - seasonal.  The period
 * defaults to the series frequency.  Missing values (empty cells) are
 * accepted: their irregular and adjusted cells are empty.
 *
 * --calendar SPEC (td, td1, easter[w], lny, lny[a,b], lpyear, lom: see
 * fc_calendar_matrix_build) estimates calendar effects by backfitting
 * regression on the irregular (fc_stl_calendar) and decomposes the
 * calendar-adjusted series; a `calendar` column is appended, adjusted =
 * original - seasonal - calendar, and the coefficients go to stderr (and
 * to the JSON output). */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CMD "adjust"

enum {
    O_METHOD, O_PERIOD, O_SWIN, O_TWIN, O_LWIN, O_SDEG, O_TDEG, O_ROBUST, O_INNER, O_OUTER,
    O_SERIES, O_CAL, O_COUNTRY, O_HOLIDAYS, O_FORMAT, O_PLOT, O_COUNT
};

static int usage(void)
{
    return cli_usage_error(
        CMD, "usage: forecast adjust --method stl --s-window N|periodic [--period S] "
             "[--t-window N] [--l-window N] [--s-degree 0|1] [--t-degree 0|1] [--robust] "
             "[--inner N] [--outer N] [--series NAME] [--calendar SPEC --country vn|cn "
             "[--holidays FILE.csv]] [--format csv|json] [--plot FILE.svg] FILE");
}

/* A positive integer option (absent: *out untouched). */
static int parse_count(const cli_option *o, long min, long *out)
{
    if (!o->present)
        return CLI_EXIT_OK;
    long v;
    if (cli_parse_long(o->value, &v) != 0 || v < min)
        return cli_usage_error(CMD, "--%s must be an integer >= %ld, not \"%s\"", o->name, min,
                               o->value);
    *out = v;
    return CLI_EXIT_OK;
}

static int parse_degree(const cli_option *o, int *out)
{
    if (!o->present)
        return CLI_EXIT_OK;
    if (strcmp(o->value, "0") != 0 && strcmp(o->value, "1") != 0)
        return cli_usage_error(CMD, "--%s must be 0 or 1, not \"%s\"", o->name, o->value);
    *out = o->value[0] - '0';
    return CLI_EXIT_OK;
}

/* Fills the STL options from the command line (period 0 = frequency). */
static int stl_options_from(const cli_option *o, fc_stl_options *opt)
{
    *opt = fc_stl_options_default();
    if (!o[O_SWIN].present)
        return cli_usage_error(CMD, "--s-window is required with --method stl: an odd number "
                                    "of years such as 7 or 13, or periodic");
    long v = 0;
    int rc = CLI_EXIT_OK;
    if (strcmp(o[O_SWIN].value, "periodic") == 0)
        opt->periodic = 1;
    else if (!(rc = parse_count(&o[O_SWIN], 1, &v)))
        opt->s_window = (size_t)v;
    if (!rc && o[O_PERIOD].present && !(rc = parse_count(&o[O_PERIOD], 2, &v)))
        opt->period = (int)v;
    if (!rc && o[O_TWIN].present && !(rc = parse_count(&o[O_TWIN], 1, &v)))
        opt->t_window = (size_t)v;
    if (!rc && o[O_LWIN].present && !(rc = parse_count(&o[O_LWIN], 1, &v)))
        opt->l_window = (size_t)v;
    if (!rc)
        rc = parse_degree(&o[O_SDEG], &opt->s_degree);
    if (!rc)
        rc = parse_degree(&o[O_TDEG], &opt->t_degree);
    opt->robust = o[O_ROBUST].present;
    if (!rc && o[O_INNER].present && !(rc = parse_count(&o[O_INNER], 1, &v)))
        opt->inner = (int)v;
    if (!rc && o[O_OUTER].present && !(rc = parse_count(&o[O_OUTER], 0, &v)))
        opt->outer = (int)v;
    return rc;
}

/* ------------------------------------------------------------- results */

/* What gets printed, whichever way it was computed. */
typedef struct {
    const fc_series *s;
    const fc_stl_result *stl;
    const double *calendar;          /* NULL without --calendar */
    const fc_calendar_matrix *regs;  /* names of the calendar regressors */
    const fc_stl_calendar_result *cal;
} stl_output;

static double adjusted_at(const stl_output *out, size_t i)
{
    double a = out->s->values[i] - out->stl->seasonal[i];
    return out->calendar ? a - out->calendar[i] : a;
}

static void print_csv(const stl_output *out)
{
    fputs(out->calendar ? "date,original,seasonal,trend,irregular,adjusted,calendar\n"
                        : "date,original,seasonal,trend,irregular,adjusted\n",
          stdout);
    for (size_t i = 0; i < out->s->n; i++) {
        char date[16];
        fc_period_format(fc_series_period(out->s, i), out->s->freq, date, sizeof date);
        double cols[6] = {out->s->values[i], out->stl->seasonal[i], out->stl->trend[i],
                          out->stl->remainder[i], adjusted_at(out, i),
                          out->calendar ? out->calendar[i] : NAN};
        cli_print_csv_row(stdout, date, cols, out->calendar ? 6 : 5);
    }
}

/* x[0], x[1], ... as JSON numbers separated by ", " */
static void print_json_numbers(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", stdout);
        cli_print_json_number(stdout, x[i]);
    }
}

static void print_json_array(const char *key, const double *x, size_t n)
{
    printf(",\n  \"%s\": [", key);
    print_json_numbers(x, n);
    putchar(']');
}

static void print_json_calendar(const stl_output *out)
{
    const fc_stl_calendar_result *c = out->cal;
    fputs(",\n  \"calendar_regression\": {\"names\": [", stdout);
    for (size_t j = 0; j < c->ncol; j++) {
        if (j)
            fputs(", ", stdout);
        cli_print_json_string(stdout, out->regs->names[j]);
    }
    fputs("], \"coef\": [", stdout);
    print_json_numbers(c->coef, c->ncol);
    fputs("], \"se\": [", stdout);
    print_json_numbers(c->se, c->ncol);
    printf("], \"nobs\": %zu, \"sigma\": ", c->nobs);
    cli_print_json_number(stdout, c->sigma);
    putchar('}');
}

static void print_json(const stl_output *out)
{
    const fc_stl_result *r = out->stl;
    size_t n = out->s->n;
    fputs("{\n  \"method\": \"stl\",\n  \"series\": ", stdout);
    cli_print_json_string(stdout, out->s->name ? out->s->name : "value");
    printf(",\n  \"period\": %d,\n  \"periodic\": %s,\n  \"windows\": {\"s\": %zu, \"t\": %zu, "
           "\"l\": %zu},\n  \"degrees\": {\"s\": %d, \"t\": %d, \"l\": %d},\n  \"inner\": %d,"
           "\n  \"outer\": %d,\n  \"date\": [",
           r->period, r->periodic ? "true" : "false", r->s_window, r->t_window, r->l_window,
           r->s_degree, r->t_degree, r->l_degree, r->inner, r->outer);
    for (size_t i = 0; i < n; i++) {
        char date[16];
        fc_period_format(fc_series_period(out->s, i), out->s->freq, date, sizeof date);
        printf("%s\"%s\"", i ? ", " : "", date);
    }
    putchar(']');
    double *adjusted = malloc(n * sizeof *adjusted);
    for (size_t i = 0; adjusted && i < n; i++)
        adjusted[i] = adjusted_at(out, i);
    print_json_array("original", out->s->values, n);
    print_json_array("seasonal", r->seasonal, n);
    print_json_array("trend", r->trend, n);
    print_json_array("irregular", r->remainder, n);
    if (adjusted)
        print_json_array("adjusted", adjusted, n);
    print_json_array("weights", r->weights, n);
    if (out->calendar) {
        print_json_array("calendar", out->calendar, n);
        print_json_calendar(out);
    }
    fputs("\n}\n", stdout);
    free(adjusted);
}

/* --plot FILE.svg: original, adjusted and trend; seasonal; irregular (plot.c). */
static int plot_output(const char *path, const stl_output *out)
{
    size_t n = out->s->n;
    double *adjusted = malloc((n ? n : 1) * sizeof *adjusted);
    if (!adjusted)
        return cli_usage_error(CMD, "out of memory while plotting");
    for (size_t i = 0; i < n; i++)
        adjusted[i] = adjusted_at(out, i);
    int rc = cli_plot_decomposition(CMD, path, "STL decomposition", out->s, out->stl->seasonal,
                                    out->stl->trend, out->stl->remainder, adjusted);
    free(adjusted);
    return rc;
}

/* The coefficients an analyst reads: name, estimate, standard error, t. */
static void print_calendar_summary(const stl_output *out)
{
    const fc_stl_calendar_result *c = out->cal;
    fprintf(stderr, "calendar effects (regression on the STL irregular, %zu observations):\n",
            c->nobs);
    fprintf(stderr, "  %-16s %14s %12s %8s\n", "regressor", "coefficient", "std.error", "t");
    for (size_t j = 0; j < c->ncol; j++)
        fprintf(stderr, "  %-16s %14.6g %12.4g %8.2f\n", out->regs->names[j], c->coef[j],
                c->se[j], c->se[j] > 0 ? c->coef[j] / c->se[j] : NAN);
}

/* -------------------------------------------------------------- running */

static int build_regressors(const cli_option *o, const fc_series *s, fc_calendar_matrix **m,
                            fc_date **holidays)
{
    fc_calendar_options copt = fc_calendar_options_default();
    fc_error err;
    fc_error_clear(&err);
    if (strstr(o[O_CAL].value, "lny") && !o[O_COUNTRY].present)
        return cli_usage_error(CMD, "--calendar %s needs --country vn|cn (the Lunar New Year "
                                    "date depends on the time zone)", o[O_CAL].value);
    fc_status st = FC_OK;
    if (o[O_COUNTRY].present)
        st = fc_country_parse(o[O_COUNTRY].value, &copt.country, &err);
    if (!st && o[O_HOLIDAYS].present) {
        size_t nh = 0;
        st = fc_holidays_read_csv(o[O_HOLIDAYS].value, holidays, &nh, &err);
        copt.holidays.dates = *holidays;
        copt.holidays.n = nh;
    }
    if (!st)
        st = fc_calendar_matrix_build(o[O_CAL].value, s->freq, s->start, s->n, &copt, m, &err);
    return st ? cli_fail(CMD, st, &err) : CLI_EXIT_OK;
}

static int run_calendar(const cli_option *o, const fc_series *s, const fc_stl_options *opt,
                        cli_format format, const char *plot)
{
    fc_calendar_matrix *m = NULL;
    fc_date *holidays = NULL;
    fc_stl_calendar_result *cal = NULL;
    int rc = build_regressors(o, s, &m, &holidays);
    if (!rc) {
        fc_error err;
        fc_error_clear(&err);
        fc_status st = fc_stl_calendar(s->values, s->n, m->x, m->ncol, opt, &cal, &err);
        if (st)
            rc = cli_fail(CMD, st, &err);
    }
    if (!rc) {
        stl_output out = {s, cal->stl, cal->calendar, m, cal};
        print_calendar_summary(&out);
        if (format == CLI_FORMAT_JSON)
            print_json(&out);
        else
            print_csv(&out);
        if (plot)
            rc = plot_output(plot, &out);
    }
    fc_stl_calendar_result_free(cal);
    fc_calendar_matrix_free(m);
    free(holidays);
    return rc;
}

static int run_plain(const fc_series *s, const fc_stl_options *opt, cli_format format,
                     const char *plot)
{
    fc_stl_result *r = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_stl_series(s, opt, &r, &err);
    if (st)
        return cli_fail(CMD, st, &err);
    stl_output out = {s, r, NULL, NULL, NULL};
    if (format == CLI_FORMAT_JSON)
        print_json(&out);
    else
        print_csv(&out);
    int rc = plot ? plot_output(plot, &out) : CLI_EXIT_OK;
    fc_stl_result_free(r);
    return rc;
}

int cli_adjust_stl(int argc, char **argv)
{
    cli_option o[O_COUNT] = {
        {"method", 1, NULL, 0},   {"period", 1, NULL, 0},   {"s-window", 1, NULL, 0},
        {"t-window", 1, NULL, 0}, {"l-window", 1, NULL, 0}, {"s-degree", 1, NULL, 0},
        {"t-degree", 1, NULL, 0}, {"robust", 0, NULL, 0},   {"inner", 1, NULL, 0},
        {"outer", 1, NULL, 0},    {"series", 1, NULL, 0},   {"calendar", 1, NULL, 0},
        {"country", 1, NULL, 0},  {"holidays", 1, NULL, 0}, {"format", 1, NULL, 0},
        {"plot", 1, NULL, 0},
    };
    const char *files[1];
    size_t nfiles = 0;
    cli_format format = CLI_FORMAT_CSV;
    fc_stl_options opt;
    int rc = cli_parse(CMD, argc, argv, o, O_COUNT, files, 1, &nfiles);
    if (!rc && nfiles != 1)
        rc = usage();
    if (!rc)
        rc = cli_parse_format(CMD, o[O_FORMAT].value, &format);
    if (!rc && format == CLI_FORMAT_TEXT)
        rc = cli_usage_error(CMD, "--format text is not available for adjust; use csv or json");
    if (!rc)
        rc = stl_options_from(o, &opt);
    if (!rc && (o[O_COUNTRY].present || o[O_HOLIDAYS].present) && !o[O_CAL].present)
        rc = cli_usage_error(CMD, "--country and --holidays only apply with --calendar SPEC");
    fc_series *s = NULL;
    if (!rc)
        rc = cli_read_one_series(CMD, files[0], o[O_SERIES].value, &s);
    if (!rc && opt.period == 0)
        opt.period = s->freq;
    if (!rc)
        rc = o[O_CAL].present ? run_calendar(o, s, &opt, format, o[O_PLOT].value)
                              : run_plain(s, &opt, format, o[O_PLOT].value);
    fc_series_free(s);
    return rc;
}
