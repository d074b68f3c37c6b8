/* Option parsing, error reporting and number printing for the CLI. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static cli_option *find_option(cli_option *options, size_t n, const char *name,
                               size_t name_len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(options[i].name) == name_len &&
            strncmp(options[i].name, name, name_len) == 0)
            return &options[i];
    return NULL;
}

int cli_parse(const char *command, int argc, char **argv, cli_option *options,
              size_t noptions, const char **positional, size_t max_positional,
              size_t *npositional)
{
    *npositional = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (*npositional >= max_positional)
                return cli_usage_error(command, "unexpected argument \"%s\"", arg);
            positional[(*npositional)++] = arg;
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        cli_option *opt = find_option(options, noptions, name, name_len);
        if (!opt)
            return cli_usage_error(command, "unknown option \"%.*s\"",
                                   (int)(name_len + 2), arg);
        opt->present = 1;
        if (!opt->takes_value) {
            if (eq)
                return cli_usage_error(command, "option --%s takes no value", opt->name);
            continue;
        }
        if (eq) {
            opt->value = eq + 1;
        } else if (i + 1 < argc) {
            opt->value = argv[++i];
        } else {
            return cli_usage_error(command, "option --%s needs a value", opt->name);
        }
    }
    return CLI_EXIT_OK;
}

int cli_parse_file(const char *command, int argc, char **argv, cli_option *options,
                   size_t noptions, const char **path)
{
    size_t npos;
    *path = NULL;
    return cli_parse(command, argc, argv, options, noptions, path, 1, &npos);
}

int cli_parse_one_file(const char *command, int argc, char **argv, cli_option *options,
                       size_t noptions, const char **path)
{
    int rc = cli_parse_file(command, argc, argv, options, noptions, path);
    if (!rc && !*path)
        return cli_usage_error(command, "expected one input FILE (\"-\" for standard input)");
    return rc;
}

const cli_option *cli_option_get(const cli_option *options, size_t n,
                                 const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(options[i].name, name) == 0)
            return &options[i];
    return NULL;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "forecast %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_EXIT_INPUT;
}

int cli_exit_status(fc_status status)
{
    switch (status) {
    case FC_OK:
        return CLI_EXIT_OK;
    case FC_ESINGULAR:
    case FC_ENOCONV:
    case FC_ENUMERIC:
        return CLI_EXIT_NUMERIC;
    default:
        return CLI_EXIT_INPUT;
    }
}

int cli_fail(const char *command, fc_status status, const fc_error *err)
{
    const char *message = (err && err->message[0]) ? err->message : fc_strerror(status);
    /* Messages that already start with FILE:LINE:COLUMN are printed as they are,
     * so editors and compilers' error parsers can jump to the spot. */
    fprintf(stderr, "%s\n", message);
    (void)command;
    return cli_exit_status(status);
}

int cli_parse_format(const char *command, const char *value, cli_format *out)
{
    if (!value || strcmp(value, "csv") == 0)
        *out = CLI_FORMAT_CSV;
    else if (strcmp(value, "json") == 0)
        *out = CLI_FORMAT_JSON;
    else if (strcmp(value, "text") == 0)
        *out = CLI_FORMAT_TEXT;
    else
        return cli_usage_error(command, "--format must be csv, json or text, not \"%s\"", value);
    return CLI_EXIT_OK;
}

/* "a", "a or b", "a, b or c", ... into buf (truncated to size). */
static void format_alternatives(char *buf, size_t size, const char *const *names, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? " or " : ", ");
        int w = snprintf(buf + len, size - len, "%s%s", sep, names[i]);
        if (w < 0)
            return;
        len += (size_t)w;
    }
}

int cli_parse_choice(const char *command, const cli_option *o, const char *const *names,
                     size_t n, int *index)
{
    if (!o->present)
        return CLI_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(o->value, names[i]) == 0) {
            *index = (int)i;
            return CLI_EXIT_OK;
        }
    }
    char list[256];
    format_alternatives(list, sizeof list, names, n);
    return cli_usage_error(command, "--%s must be %s (got \"%s\")", o->name, list, o->value);
}

int cli_parse_year_option(const char *command, const cli_option *o, long *year)
{
    if (!o->present)
        return CLI_EXIT_OK;
    long y;
    if (cli_parse_long(o->value, &y) || y < 1 || y > 9999)
        return cli_usage_error(command, "--%s must be a year, not \"%s\"", o->name, o->value);
    *year = y;
    return CLI_EXIT_OK;
}

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

int cli_parse_arima_order(const char *text, int seasonal, fc_arima_order *o)
{
    int v[3];
    if (cli_parse_order3(text, v))
        return -1;
    if (seasonal) {
        o->P = v[0];
        o->D = v[1];
        o->Q = v[2];
    } else {
        o->p = v[0];
        o->d = v[1];
        o->q = v[2];
    }
    return 0;
}

int cli_parse_order_options(const char *command, const cli_option *order,
                            const cli_option *seasonal, fc_arima_order *o)
{
    if (order->present && cli_parse_arima_order(order->value, 0, o))
        return cli_usage_error(command, "--order \"%s\" is not p,d,q", order->value);
    if (seasonal->present && cli_parse_arima_order(seasonal->value, 1, o))
        return cli_usage_error(command, "--seasonal \"%s\" is not P,D,Q", seasonal->value);
    return CLI_EXIT_OK;
}

int cli_parse_double(const char *text, double *out)
{
    if (!text || !*text)
        return -1;
    char *end;
    errno = 0;
    double x = strtod(text, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

int cli_parse_long(const char *text, long *out)
{
    if (!text || !*text)
        return -1;
    char *end;
    errno = 0;
    long x = strtol(text, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return -1;
    *out = x;
    return 0;
}

void cli_print_csv_number(FILE *out, double x)
{
    if (isfinite(x))
        fprintf(out, "%.17g", x);
}

void cli_print_json_number(FILE *out, double x)
{
    if (isfinite(x))
        fprintf(out, "%.17g", x);
    else
        fputs("null", out);
}

void cli_print_csv_row(FILE *out, const char *date, const double *cols, size_t n)
{
    fputs(date, out);
    for (size_t c = 0; c < n; c++) {
        fputc(',', out);
        cli_print_csv_number(out, cols[c]);
    }
    fputc('\n', out);
}

void cli_print_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

int cli_read_series_list(const char *command, const char *path, fc_series_list **out)
{
    fc_error err;
    fc_error_clear(&err);
    *out = NULL;
    if (!path)
        return cli_usage_error(command, "missing input FILE (use - for standard input)");
    fc_status st = fc_csv_read_file(path, out, &err);
    if (st)
        return cli_fail(command, st, &err);
    return CLI_EXIT_OK;
}

int cli_print_series_result(const char *command, fc_status st, const fc_series *out,
                            fc_error *err)
{
    if (!st)
        st = fc_csv_write_series(stdout, out, err);
    return st ? cli_fail(command, st, err) : CLI_EXIT_OK;
}

int cli_run_series_op(const char *command, const char *path, const char *series_name,
                      cli_series_op op, const void *ctx)
{
    fc_series *in = NULL, *out = NULL;
    int rc = cli_read_one_series(command, path, series_name, &in);
    if (rc)
        return rc;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = op(in, ctx, &out, &err);
    rc = cli_print_series_result(command, st, out, &err);
    fc_series_free(in);
    fc_series_free(out);
    return rc;
}

fc_status cli_growth_rates_compute(const fc_series *s, fc_growth_form form, cli_growth_rates *g,
                                   fc_error *err)
{
    g->pop = g->yoy = g->ytd = NULL;
    fc_status st = fc_growth_mom(s, form, &g->pop, err);
    if (!st)
        st = fc_growth_yoy(s, form, &g->yoy, err);
    if (!st)
        st = fc_growth_ytd(s, form, &g->ytd, err);
    return st;
}

void cli_growth_rates_free(cli_growth_rates *g)
{
    fc_series_free(g->pop);
    fc_series_free(g->yoy);
    fc_series_free(g->ytd);
}

/* Prints the names of the series in list, comma separated, on stderr. */
static void print_series_names(const fc_series_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        fprintf(stderr, "%s%s", i ? ", " : "", list->items[i]->name ? list->items[i]->name : "?");
}

int cli_read_one_series(const char *command, const char *path, const char *series_name,
                        fc_series **out)
{
    *out = NULL;
    fc_series_list *list;
    int rc = cli_read_series_list(command, path, &list);
    if (rc)
        return rc;
    const fc_series *s = NULL;
    if (series_name) {
        s = fc_series_list_find(list, series_name);
        if (!s) {
            fprintf(stderr, "forecast %s: %s has no series \"%s\"; it holds: ", command, path,
                    series_name);
            print_series_names(list);
            fputc('\n', stderr);
        }
    } else if (list->count == 1) {
        s = list->items[0];
    } else {
        fprintf(stderr, "forecast %s: %s holds %zu series; choose one with --series NAME: ",
                command, path, list->count);
        print_series_names(list);
        fputc('\n', stderr);
    }
    fc_error err;
    fc_error_clear(&err);
    fc_status st = s ? fc_series_copy(s, out, &err) : FC_EINVAL;
    fc_series_list_free(list);
    if (!s)
        return CLI_EXIT_INPUT;
    return st ? cli_fail(command, st, &err) : CLI_EXIT_OK;
}
