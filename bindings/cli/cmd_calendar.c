/* `forecast calendar`: holiday dates and calendar regressors.
 *
 *   forecast calendar --holiday lny|easter|vn-public [--country vn|cn]
 *                     --from Y1 --to Y2
 *       CSV `year,date` (vn-public: `year,date,name`)
 *   forecast calendar --regressors SPEC --start PERIOD --end PERIOD
 *                     [--country vn|cn] [--holidays FILE.csv]
 *                     [--lny-windows a,b;c,d;e,f] [--lny-center Y1,Y2]
 *       CSV `date,<column names>` (e.g. td,td1,lpyear,easter[8],lny)
 *   forecast calendar --select [--test td,easter,lny] [--country vn|cn]
 *                     [--order p,d,q] [--seasonal P,D,Q] [--transform log|none]
 *                     [--holidays FILE.csv] [--lny-windows ...] [--series NAME] FILE
 *       JSON: the calendar regressors chosen by AICc (fc_calendar_select),
 *       every model compared, and the final coefficients */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CMD "calendar"

enum { O_HOLIDAY, O_COUNTRY, O_FROM, O_TO, O_REGS, O_START, O_END, O_HOLFILE, O_WINDOWS,
       O_CENTER, O_HELP, O_SELECT, O_TEST, O_ORDER, O_SEASONAL, O_TRANSFORM, O_SERIES, O_COUNT };

static void usage(FILE *out)
{
    fprintf(out,
            "usage: forecast calendar --holiday lny|easter|vn-public [--country vn|cn] --from Y1 --to Y2\n"
            "       forecast calendar --regressors SPEC --start PERIOD --end PERIOD [--country vn|cn]\n"
            "                         [--holidays FILE.csv] [--lny-windows a,b;c,d;e,f] [--lny-center Y1,Y2]\n"
            "       forecast calendar --select [--test td,easter,lny] [--country vn|cn] [--order p,d,q]\n"
            "                         [--seasonal P,D,Q] [--transform log|none] [--holidays FILE.csv]\n"
            "                         [--lny-windows a,b;c,d;e,f] [--series NAME] FILE\n"
            "SPEC: comma-separated td, td1, wd, lpyear, lom, easter[w], lny, lny[a,b]\n"
            "PERIOD: YYYY-MM (monthly) or YYYY-Qn (quarterly)\n");
}

static int parse_year(const char *name, const char *text, int *out)
{
    long v;
    if (!text)
        return cli_usage_error(CMD, "--%s YEAR is required", name);
    if (cli_parse_long(text, &v) != 0 || v < 1 || v > 9999)
        return cli_usage_error(CMD, "--%s \"%s\" is not a year", name, text);
    *out = (int)v;
    return CLI_EXIT_OK;
}

static int print_date_row(int year, fc_date d, const char *name)
{
    char buf[11];
    if (fc_date_format(d, buf, sizeof buf) != FC_OK)
        return CLI_EXIT_NUMERIC;
    if (name)
        printf("%d,%s,%s\n", year, buf, name);
    else
        printf("%d,%s\n", year, buf);
    return CLI_EXIT_OK;
}

static int run_vn_public(int from, int to)
{
    fc_holiday_entry *h = NULL;
    size_t n = 0;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_holidays_vietnam(from, to, &h, &n, &err);
    if (st != FC_OK)
        return cli_fail(CMD, st, &err);
    printf("year,date,name\n");
    for (size_t i = 0; i < n; i++)
        print_date_row(h[i].date.year, h[i].date, h[i].name);
    free(h);
    return CLI_EXIT_OK;
}

static int run_holiday(const cli_option *o)
{
    int from, to, rc;
    if ((rc = parse_year("from", o[O_FROM].value, &from)) != 0 ||
        (rc = parse_year("to", o[O_TO].value, &to)) != 0)
        return rc;
    if (from > to)
        return cli_usage_error(CMD, "--from %d is after --to %d", from, to);
    fc_error err;
    fc_error_clear(&err);
    fc_country country = FC_COUNTRY_VN;
    if (o[O_COUNTRY].present) {
        fc_status st = fc_country_parse(o[O_COUNTRY].value, &country, &err);
        if (st != FC_OK)
            return cli_fail(CMD, st, &err);
    }
    const char *what = o[O_HOLIDAY].value;
    int lny = strcmp(what, "lny") == 0, easter = strcmp(what, "easter") == 0;
    if (strcmp(what, "vn-public") == 0)
        return run_vn_public(from, to);
    if (!lny && !easter)
        return cli_usage_error(CMD, "--holiday \"%s\" is unknown (use lny, easter or vn-public)",
                               what);
    /* compute every date first so that an error leaves no partial output */
    size_t n = (size_t)(to - from + 1);
    fc_date *d = malloc(n * sizeof *d);
    if (!d)
        return cli_usage_error(CMD, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int y = from + (int)i;
        fc_status st = lny ? fc_lunar_new_year(y, country, &d[i], &err)
                           : fc_easter_date(y, &d[i], &err);
        if (st != FC_OK) {
            free(d);
            return cli_fail(CMD, st, &err);
        }
    }
    printf("year,date\n");
    for (size_t i = 0; i < n; i++)
        print_date_row(from + (int)i, d[i], NULL);
    free(d);
    return CLI_EXIT_OK;
}

/* "a,b;c,d;e,f" -> three windows. */
static int parse_windows(const char *text, fc_lny_window w[3])
{
    int used = 0;
    if (sscanf(text, "%d,%d;%d,%d;%d,%d%n", &w[0].first, &w[0].last, &w[1].first, &w[1].last,
               &w[2].first, &w[2].last, &used) != 6 ||
        text[used] != '\0')
        return cli_usage_error(CMD, "--lny-windows \"%s\": expected a,b;c,d;e,f", text);
    return CLI_EXIT_OK;
}

static int parse_span(const cli_option *o, int *freq, fc_period *start, size_t *n)
{
    if (!o[O_START].present || !o[O_END].present)
        return cli_usage_error(CMD, "--regressors needs --start and --end periods");
    fc_error err;
    fc_error_clear(&err);
    fc_period end;
    int f2;
    fc_status st = fc_period_parse(o[O_START].value, start, freq, &err);
    if (st == FC_OK)
        st = fc_period_parse(o[O_END].value, &end, &f2, &err);
    if (st != FC_OK)
        return cli_fail(CMD, st, &err);
    if (f2 != *freq)
        return cli_usage_error(CMD, "--start %s and --end %s have different frequencies",
                               o[O_START].value, o[O_END].value);
    long diff = fc_period_diff(*start, end, *freq);
    if (diff < 0)
        return cli_usage_error(CMD, "--end %s is before --start %s", o[O_END].value,
                               o[O_START].value);
    *n = (size_t)diff + 1;
    return CLI_EXIT_OK;
}

static void print_matrix(const fc_calendar_matrix *m)
{
    printf("date");
    for (size_t j = 0; j < m->ncol; j++)
        printf(",%s", m->names[j]);
    printf("\n");
    fc_period p = m->start;
    for (size_t i = 0; i < m->n; i++) {
        char buf[16];
        fc_period_format(p, m->freq, buf, sizeof buf);
        printf("%s", buf);
        for (size_t j = 0; j < m->ncol; j++) {
            putchar(',');
            cli_print_csv_number(stdout, m->x[i * m->ncol + j]);
        }
        printf("\n");
        p = fc_period_add(p, m->freq, 1);
    }
}

static int run_regressors(const cli_option *o)
{
    int freq = 12, rc;
    fc_period start = {0, 1};
    size_t n = 0;
    if ((rc = parse_span(o, &freq, &start, &n)) != 0)
        return rc;
    fc_calendar_options opt = fc_calendar_options_default();
    fc_error err;
    fc_error_clear(&err);
    fc_status st = FC_OK;
    if (o[O_COUNTRY].present)
        st = fc_country_parse(o[O_COUNTRY].value, &opt.country, &err);
    if (st != FC_OK)
        return cli_fail(CMD, st, &err);
    if (o[O_WINDOWS].present && (rc = parse_windows(o[O_WINDOWS].value, opt.lny)) != 0)
        return rc;
    if (o[O_CENTER].present) {
        int used = 0;
        if (sscanf(o[O_CENTER].value, "%d,%d%n", &opt.lny_center_from, &opt.lny_center_to,
                   &used) != 2 ||
            o[O_CENTER].value[used] != '\0')
            return cli_usage_error(CMD, "--lny-center \"%s\": expected Y1,Y2",
                                   o[O_CENTER].value);
    }
    fc_date *hol = NULL;
    size_t nhol = 0;
    if (o[O_HOLFILE].present) {
        st = fc_holidays_read_csv(o[O_HOLFILE].value, &hol, &nhol, &err);
        if (st != FC_OK)
            return cli_fail(CMD, st, &err);
        opt.holidays.dates = hol;
        opt.holidays.n = nhol;
    }
    fc_calendar_matrix *m = NULL;
    st = fc_calendar_matrix_build(o[O_REGS].value, freq, start, n, &opt, &m, &err);
    free(hol);
    if (st != FC_OK)
        return cli_fail(CMD, st, &err);
    print_matrix(m);
    fc_calendar_matrix_free(m);
    return CLI_EXIT_OK;
}

/* --test td,easter,lny -> the flags of the selection options. */
static int parse_tests(const char *text, fc_calendar_select_options *so)
{
    so->test_td = so->test_easter = so->test_lny = 0;
    char buf[64];
    if (strlen(text) >= sizeof buf)
        return cli_usage_error(CMD, "--test \"%s\" is too long", text);
    strcpy(buf, text);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "td") == 0)
            so->test_td = 1;
        else if (strcmp(tok, "easter") == 0)
            so->test_easter = 1;
        else if (strcmp(tok, "lny") == 0)
            so->test_lny = 1;
        else
            return cli_usage_error(CMD, "--test: unknown group \"%s\" (use td, easter, lny)", tok);
    }
    return CLI_EXIT_OK;
}

/* Model options of --select: airline model on logs unless told otherwise. */
static int parse_model(const cli_option *o, fc_arima_spec *spec)
{
    spec->order.p = 0, spec->order.d = 1, spec->order.q = 1;
    spec->order.P = 0, spec->order.D = 1, spec->order.Q = 1;
    if (cli_parse_order_options(CMD, &o[O_ORDER], &o[O_SEASONAL], &spec->order))
        return CLI_EXIT_INPUT;
    spec->transform = FC_TRANSFORM_LOG;
    if (o[O_TRANSFORM].present) {
        if (strcmp(o[O_TRANSFORM].value, "none") == 0)
            spec->transform = FC_TRANSFORM_NONE;
        else if (strcmp(o[O_TRANSFORM].value, "log") != 0)
            return cli_usage_error(CMD, "--transform \"%s\" is unknown (use log or none)",
                                   o[O_TRANSFORM].value);
    }
    return CLI_EXIT_OK;
}

static void print_selection(const fc_calendar_selection *s)
{
    const fc_arima_model *m = s->model;
    printf("{\"chosen\": ");
    cli_print_json_string(stdout, s->spec);
    printf(", \"candidates\": [");
    for (size_t i = 0; i < s->ncandidates; i++) {
        const fc_calendar_candidate *c = &s->candidates[i];
        printf("%s{\"group\": ", i ? ", " : "");
        cli_print_json_string(stdout, c->group);
        printf(", \"candidate\": ");
        cli_print_json_string(stdout, c->candidate);
        printf(", \"loglik\": ");
        cli_print_json_number(stdout, c->loglik);
        printf(", \"aicc\": ");
        cli_print_json_number(stdout, isfinite(c->aicc) ? c->aicc : NAN);
        printf("}");
    }
    printf("], \"coef\": ");
    cli_print_json_coef_map(stdout, m, m->coef, 1);
    printf(", \"se\": ");
    cli_print_json_coef_map(stdout, m, m->se, 1);
    printf(", \"loglik\": ");
    cli_print_json_number(stdout, m->loglik);
    printf(", \"aicc\": ");
    cli_print_json_number(stdout, m->aicc);
    printf(", \"nobs\": %zu}\n", m->nobs);
}

static int run_select(const cli_option *o, const char *path)
{
    fc_calendar_select_options so = fc_calendar_select_options_default();
    fc_arima_spec spec = fc_arima_spec_default();
    fc_error err;
    fc_error_clear(&err);
    int rc;
    if (o[O_TEST].present && (rc = parse_tests(o[O_TEST].value, &so)) != 0)
        return rc;
    if ((rc = parse_model(o, &spec)) != 0)
        return rc;
    if (o[O_COUNTRY].present) {
        fc_status st = fc_country_parse(o[O_COUNTRY].value, &so.calendar.country, &err);
        if (st != FC_OK)
            return cli_fail(CMD, st, &err);
    }
    if (o[O_WINDOWS].present && (rc = parse_windows(o[O_WINDOWS].value, so.calendar.lny)) != 0)
        return rc;
    fc_date *hol = NULL;
    size_t nhol = 0;
    if (o[O_HOLFILE].present) {
        fc_status st = fc_holidays_read_csv(o[O_HOLFILE].value, &hol, &nhol, &err);
        if (st != FC_OK)
            return cli_fail(CMD, st, &err);
        so.calendar.holidays.dates = hol;
        so.calendar.holidays.n = nhol;
    }
    fc_series *y = NULL;
    rc = cli_read_one_series(CMD, path, o[O_SERIES].present ? o[O_SERIES].value : NULL, &y);
    if (rc != 0) {
        free(hol);
        return rc;
    }
    fc_calendar_selection *sel = NULL;
    fc_status st = fc_calendar_select(y, &spec, &so, &sel, &err);
    free(hol);
    fc_series_free(y);
    if (st != FC_OK)
        return cli_fail(CMD, st, &err);
    print_selection(sel);
    fc_calendar_selection_free(sel);
    return CLI_EXIT_OK;
}

int cmd_calendar(int argc, char **argv)
{
    cli_option o[O_COUNT] = {
        [O_HOLIDAY] = {"holiday", 1, NULL, 0},   [O_COUNTRY] = {"country", 1, NULL, 0},
        [O_FROM] = {"from", 1, NULL, 0},         [O_TO] = {"to", 1, NULL, 0},
        [O_REGS] = {"regressors", 1, NULL, 0},   [O_START] = {"start", 1, NULL, 0},
        [O_END] = {"end", 1, NULL, 0},           [O_HOLFILE] = {"holidays", 1, NULL, 0},
        [O_WINDOWS] = {"lny-windows", 1, NULL, 0}, [O_CENTER] = {"lny-center", 1, NULL, 0},
        [O_HELP] = {"help", 0, NULL, 0},         [O_SELECT] = {"select", 0, NULL, 0},
        [O_TEST] = {"test", 1, NULL, 0},         [O_ORDER] = {"order", 1, NULL, 0},
        [O_SEASONAL] = {"seasonal", 1, NULL, 0}, [O_TRANSFORM] = {"transform", 1, NULL, 0},
        [O_SERIES] = {"series", 1, NULL, 0},
    };
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(CMD, argc, argv, o, O_COUNT, pos, 1, &npos);
    if (rc != 0)
        return rc;
    if (o[O_HELP].present) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (o[O_HOLIDAY].present + o[O_REGS].present + o[O_SELECT].present != 1) {
        usage(stderr);
        return cli_usage_error(CMD, "give exactly one of --holiday, --regressors or --select");
    }
    if (o[O_SELECT].present) {
        if (npos != 1)
            return cli_usage_error(CMD, "--select needs the series FILE (or - for standard input)");
        return run_select(o, pos[0]);
    }
    if (npos != 0)
        return cli_usage_error(CMD, "unexpected argument \"%s\"", pos[0]);
    return o[O_HOLIDAY].present ? run_holiday(o) : run_regressors(o);
}
