/* Shared helpers of the `forecast` command-line program. */
#ifndef FORECAST_CLI_H
#define FORECAST_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "forecast.h"

/* Exit statuses (DESIGN.md §4). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_INPUT = 1, CLI_EXIT_NUMERIC = 2 };

typedef enum { CLI_FORMAT_CSV, CLI_FORMAT_JSON, CLI_FORMAT_TEXT } cli_format;

/* One command-line option.  Filled in by cli_parse. */
typedef struct {
    const char *name;      /* without the leading "--" */
    int takes_value;       /* 1: "--name VALUE" or "--name=VALUE"; 0: flag */
    const char *value;     /* set by cli_parse */
    int present;           /* set by cli_parse */
} cli_option;

/* Parses argv[1..argc) (argv[0] is the command name).  Options may appear
 * anywhere; other words are positional ("-" is positional).  Returns 0, or
 * prints a usage error naming `command` and returns CLI_EXIT_INPUT. */
int cli_parse(const char *command, int argc, char **argv, cli_option *options,
              size_t noptions, const char **positional, size_t max_positional,
              size_t *npositional);

/* cli_parse for the commands that read at most one input FILE: *path is
 * that FILE, or NULL when none is given. */
int cli_parse_file(const char *command, int argc, char **argv, cli_option *options,
                   size_t noptions, const char **path);

/* cli_parse for the commands that read exactly one input FILE (*path):
 * without one, prints "expected one input FILE ..." and returns
 * CLI_EXIT_INPUT. */
int cli_parse_one_file(const char *command, int argc, char **argv, cli_option *options,
                       size_t noptions, const char **path);

/* Looks up an option by name in a parsed table (NULL if absent from it). */
const cli_option *cli_option_get(const cli_option *options, size_t n,
                                 const char *name);

/* Prints "forecast COMMAND: message" on stderr and returns CLI_EXIT_INPUT. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints the library error on stderr and returns the exit status for it:
 * CLI_EXIT_NUMERIC for numerical failures (singular, no convergence,
 * numeric), CLI_EXIT_INPUT otherwise. */
int cli_fail(const char *command, fc_status status, const fc_error *err);

/* Exit status for a library status, without printing. */
int cli_exit_status(fc_status status);

/* Parses "csv", "json" or "text"; returns CLI_EXIT_INPUT with a message
 * when the value is unknown. */
int cli_parse_format(const char *command, const char *value, cli_format *out);

/* When option o is present, sets *index to the position of its value in
 * names[0..n); an unknown value prints "--NAME must be A, B or C (got
 * \"VALUE\")" and returns CLI_EXIT_INPUT.  Absent: *index is unchanged. */
int cli_parse_choice(const char *command, const cli_option *o, const char *const *names,
                     size_t n, int *index);

/* When option o is present, parses its value as a year 1..9999 into *year;
 * otherwise prints "--NAME must be a year, not \"VALUE\"" and returns
 * CLI_EXIT_INPUT.  Absent: *year is unchanged. */
int cli_parse_year_option(const char *command, const cli_option *o, long *year);

/* Strict number parsing helpers: the whole string must be consumed. */
int cli_parse_double(const char *text, double *out);
int cli_parse_long(const char *text, long *out);

/* Prints a double the way every CSV/JSON output does: "%.17g", with NaN
 * written as an empty CSV cell or JSON null. */
void cli_print_csv_number(FILE *out, double x);
void cli_print_json_number(FILE *out, double x);

/* Prints one CSV row: date, then the n numbers as cli_print_csv_number does,
 * and the newline. */
void cli_print_csv_row(FILE *out, const char *date, const double *cols, size_t n);

/* Prints s as a JSON string literal (with quotes and escapes). */
void cli_print_json_string(FILE *out, const char *s);

/* Reads every series of a CSV file (path "-" = standard input).  On failure
 * prints the library's "FILE:LINE:COLUMN: message" on stderr and returns the
 * exit status (CLI_EXIT_INPUT); *out is then NULL.  Free with
 * fc_series_list_free. */
int cli_read_series_list(const char *command, const char *path, fc_series_list **out);

/* Writes the result series out as CSV `date,value` on stdout when st is
 * FC_OK (a write error becomes the status); returns the exit status,
 * printing the library error when there is one. */
int cli_print_series_result(const char *command, fc_status st, const fc_series *out,
                            fc_error *err);

/* A computation from one series to another (ctx: its settings). */
typedef fc_status (*cli_series_op)(const fc_series *in, const void *ctx, fc_series **out,
                                   fc_error *err);

/* Reads one series as cli_read_one_series does, applies op and prints the
 * result as cli_print_series_result does; returns the exit status. */
int cli_run_series_op(const char *command, const char *path, const char *series_name,
                      cli_series_op op, const void *ctx);

/* The growth rates that `growth` prints and `report` words: period on
 * period (m/m or q/q), year on year and year-to-date year on year. */
typedef struct {
    fc_series *pop, *yoy, *ytd;
} cli_growth_rates;

/* Computes the three rates of s in form (fc_growth_mom, _yoy, _ytd); on
 * failure the ones made so far are kept for cli_growth_rates_free. */
fc_status cli_growth_rates_compute(const fc_series *s, fc_growth_form form, cli_growth_rates *g,
                                   fc_error *err);
void cli_growth_rates_free(cli_growth_rates *g);

/* Reads one series: the one called series_name, or, when series_name is
 * NULL, the file's only series (an error listing the names, and asking for
 * --series, when the file holds several).  *out is a copy owned by the
 * caller (fc_series_free). */
int cli_read_one_series(const char *command, const char *path, const char *series_name,
                        fc_series **out);

/* ---- charts for --plot FILE.svg (plot.c over svg.c) — python/report/plots issue ----
 * Each writes an SVG file and returns CLI_EXIT_OK, or prints
 * "forecast COMMAND: cannot write FILE: reason" and returns CLI_EXIT_INPUT. */

/* Line chart of count series of one frequency (x axis: the union of their spans). */
int cli_plot_series(const char *command, const char *path, const char *title,
                    const fc_series *const *series, size_t count);

/* History and forecasts with a fan of intervals: mean[0..h) are the
 * forecasts of the h periods after the history; lower[k]/upper[k][0..h) the
 * bounds at levels[k] percent (nlevels may be 0). */
typedef struct {
    const fc_series *history;
    size_t h;
    const double *mean;
    size_t nlevels;
    const double *levels;
    const double *const *lower;
    const double *const *upper;
} cli_fan;
int cli_plot_forecast(const char *command, const char *path, const char *title,
                      const cli_fan *fan);

/* Decomposition in three panels: original, adjusted and trend; seasonal;
 * irregular.  Arrays have original->n values (NULL skips a component). */
int cli_plot_decomposition(const char *command, const char *path, const char *title,
                           const fc_series *original, const double *seasonal,
                           const double *trend, const double *irregular,
                           const double *adjusted);
/* Two panels: the series' level; its y/y and m/m (q/q) growth in percent. */
int cli_plot_growth(const char *command, const char *path, const char *title,
                    const fc_series *s);
/* cli_plot_forecast for a library forecast (fc_arima_forecast,
 * fc_project_forecast) of the periods right after history; at most
 * FC_PLOT_MAX_LEVELS interval levels are drawn. */
#define FC_PLOT_MAX_LEVELS 8
int cli_plot_projection(const char *command, const char *path, const char *title,
                        const fc_series *history, const fc_forecast *f);
/* ---- (end of the charts block) ---- */

/* ---- SARIMA helpers (cmd_fit.c; order parsing in cli_common.c) — SARIMA issue ----
 * The `fit` JSON (DESIGN.md §4), also printed by `auto`:
 * {"order":[p,d,q],"seasonal":[P,D,Q],"period":s,"coef":{...},"se":{...},
 *  "sigma2":..,"loglik":..,"aic":..,"aicc":..,"bic":..,"nobs":..}
 * followed by a newline. */
void cli_print_arima_json(FILE *out, const fc_arima_model *m);

/* Prints {"NAME":v[0],...} over the model's coefficient names, v being
 * m->coef or m->se; spaced writes ", " and ": " between items and keys
 * (the `calendar --select` JSON), otherwise "," and ":". */
void cli_print_json_coef_map(FILE *out, const fc_arima_model *m, const double *v, int spaced);

/* Parses "p,d,q" (three non-negative integers) into v[3]; 0 on success. */
int cli_parse_order3(const char *text, int v[3]);
/* Parses "p,d,q" into o->p, o->d, o->q, or, when seasonal, "P,D,Q" into
 * o->P, o->D, o->Q; 0 on success (o unchanged on failure). */
int cli_parse_arima_order(const char *text, int seasonal, fc_arima_order *o);
/* Applies the options --order p,d,q and --seasonal P,D,Q that are present
 * to *o; a bad value prints "--order \"VALUE\" is not p,d,q" (or "P,D,Q")
 * and returns CLI_EXIT_INPUT. */
int cli_parse_order_options(const char *command, const cli_option *order,
                            const cli_option *seasonal, fc_arima_order *o);
/* ---- (end of the SARIMA block) ---- */

/* Commands (one file each: cmd_<name>.c). */
int cmd_growth(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_chain(int argc, char **argv);
int cmd_rebase(int argc, char **argv);
int cmd_splice(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_adjust(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_auto(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* `adjust` dispatches on --method to these (adjust_stl.c, adjust_x11.c). */
int cli_adjust_stl(int argc, char **argv);
int cli_adjust_x11(int argc, char **argv);

#endif
