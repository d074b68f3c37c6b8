/* `forecast growth [--format csv|json|text] [--quarterly] [--flow]
 *                  [--form percent|index] [--series NAME] FILE`
 *
 * m/m, y/y and year-to-date growth of one series (DESIGN.md §4).  CSV
 * `date,value,mom,yoy,ytd_yoy`; with --quarterly two more columns
 * `qoq,q_yoy` and, after the monthly rows, one row per complete quarter
 * (value = mean of the months, sum with --flow; ytd_yoy through the
 * quarter's last month; mom and yoy empty).  For a quarterly series mom is
 * the quarter-on-quarter change.  JSON: the same columns as arrays. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char date[16];
    double value, mom, yoy, ytd, qoq, qyoy;
} growth_row;

typedef struct {
    growth_row *rows;
    size_t n;
    int quarterly;        /* output has qoq, q_yoy columns */
    fc_growth_form form;
    const char *name;     /* series name (JSON) */
    const char *title;    /* what the text table is about */
} growth_table;

/* ------------------------------------------------------------ computing */

static void fill_monthly_rows(const fc_series *s, const fc_series *mom, const fc_series *yoy,
                              const fc_series *ytd, growth_row *rows)
{
    for (size_t i = 0; i < s->n; i++) {
        growth_row *r = &rows[i];
        fc_period_format(fc_series_period(s, i), s->freq, r->date, sizeof r->date);
        r->value = s->values[i];
        r->mom = mom->values[i];
        r->yoy = yoy->values[i];
        r->ytd = ytd->values[i];
        r->qoq = r->qyoy = NAN;
    }
}

/* Quarter rows: aggregate, q/q, q y/y, and the monthly YTD at the quarter's
 * last month. */
static fc_status fill_quarter_rows(const fc_series *s, const fc_series *ytd, int flow,
                                   fc_growth_form form, growth_row **rows, size_t *n,
                                   fc_error *err)
{
    fc_series *q = NULL, *qoq = NULL, *qyoy = NULL;
    fc_status st = fc_growth_quarterly(s, flow ? FC_QUARTER_SUM : FC_QUARTER_MEAN, &q, err);
    if (!st)
        st = fc_growth_mom(q, form, &qoq, err);
    if (!st)
        st = fc_growth_yoy(q, form, &qyoy, err);
    growth_row *more = st ? NULL : realloc(*rows, (*n + q->n) * sizeof *more);
    if (!st && !more)
        st = FC_ENOMEM;
    for (size_t k = 0; !st && k < q->n; k++) {
        growth_row *r = &more[*n + k];
        fc_period p = fc_series_period(q, k);
        size_t last_month;
        fc_period_format(p, 4, r->date, sizeof r->date);
        r->value = q->values[k];
        r->mom = r->yoy = NAN;
        r->qoq = qoq->values[k];
        r->qyoy = qyoy->values[k];
        r->ytd = fc_series_index_of(s, (fc_period){p.year, 3 * p.sub}, &last_month, NULL) == FC_OK
                     ? ytd->values[last_month]
                     : NAN;
    }
    if (more) {
        *rows = more;
        *n += q->n;
    }
    fc_series_free(q);
    fc_series_free(qoq);
    fc_series_free(qyoy);
    return st;
}

static fc_status compute(const fc_series *s, int quarterly, int flow, fc_growth_form form,
                         growth_table *t, fc_error *err)
{
    cli_growth_rates g;
    fc_status st = cli_growth_rates_compute(s, form, &g, err);
    if (!st && !(t->rows = malloc(s->n * sizeof *t->rows)))
        st = FC_ENOMEM;
    if (!st) {
        fill_monthly_rows(s, g.pop, g.yoy, g.ytd, t->rows);
        t->n = s->n;
        if (quarterly)
            st = fill_quarter_rows(s, g.ytd, flow, form, &t->rows, &t->n, err);
    }
    cli_growth_rates_free(&g);
    return st;
}

/* ------------------------------------------------------------- printing */

static void print_csv(const growth_table *t)
{
    fputs(t->quarterly ? "date,value,mom,yoy,ytd_yoy,qoq,q_yoy\n" : "date,value,mom,yoy,ytd_yoy\n",
          stdout);
    for (size_t i = 0; i < t->n; i++) {
        const growth_row *r = &t->rows[i];
        double cols[6] = {r->value, r->mom, r->yoy, r->ytd, r->qoq, r->qyoy};
        cli_print_csv_row(stdout, r->date, cols, t->quarterly ? 6 : 4);
    }
}

static void print_json_column(const growth_table *t, const char *key, size_t offset)
{
    printf(",\n  \"%s\": [", key);
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            fputs(", ", stdout);
        cli_print_json_number(stdout, *(const double *)((const char *)&t->rows[i] + offset));
    }
    putchar(']');
}

static void print_json(const growth_table *t)
{
    fputs("{\n  \"series\": ", stdout);
    cli_print_json_string(stdout, t->name);
    printf(",\n  \"form\": \"%s\",\n  \"date\": [", t->form == FC_GROWTH_INDEX ? "index" : "percent");
    for (size_t i = 0; i < t->n; i++)
        printf("%s\"%s\"", i ? ", " : "", t->rows[i].date);
    putchar(']');
    print_json_column(t, "value", offsetof(growth_row, value));
    print_json_column(t, "mom", offsetof(growth_row, mom));
    print_json_column(t, "yoy", offsetof(growth_row, yoy));
    print_json_column(t, "ytd_yoy", offsetof(growth_row, ytd));
    if (t->quarterly) {
        print_json_column(t, "qoq", offsetof(growth_row, qoq));
        print_json_column(t, "q_yoy", offsetof(growth_row, qyoy));
    }
    fputs("\n}\n", stdout);
}

/* Human rounding: levels to 2 decimals (1 above 1000), growth to 1 decimal;
 * "." for an undefined figure. */
static void print_text_cell(double x, int is_level, fc_growth_form form)
{
    if (!isfinite(x))
        printf(" %10s", ".");
    else if (is_level)
        printf(" %10.*f", fabs(x) >= 1000 ? 1 : 2, x);
    else
        printf(form == FC_GROWTH_INDEX ? " %10.1f" : " %+10.1f", x);
}

static void print_text(const growth_table *t)
{
    const char *unit = t->form == FC_GROWTH_INDEX ? "index, comparison period = 100"
                                                   : "percent change";
    printf("%s: growth (%s)\n", t->title, unit);
    printf("%-8s %10s %10s %10s %10s", "period", "value", "m/m", "y/y", "YTD y/y");
    if (t->quarterly)
        printf(" %10s %10s", "q/q", "q y/y");
    putchar('\n');
    for (size_t i = 0; i < t->n; i++) {
        const growth_row *r = &t->rows[i];
        printf("%-8s", r->date);
        print_text_cell(r->value, 1, t->form);
        print_text_cell(r->mom, 0, t->form);
        print_text_cell(r->yoy, 0, t->form);
        print_text_cell(r->ytd, 0, t->form);
        if (t->quarterly) {
            print_text_cell(r->qoq, 0, t->form);
            print_text_cell(r->qyoy, 0, t->form);
        }
        putchar('\n');
    }
}

/* ---------------------------------------------------------------- main */

static int parse_form(const char *value, fc_growth_form *form)
{
    if (!value || strcmp(value, "percent") == 0)
        *form = FC_GROWTH_PERCENT;
    else if (strcmp(value, "index") == 0)
        *form = FC_GROWTH_INDEX;
    else
        return cli_usage_error("growth", "--form must be percent or index, not \"%s\"", value);
    return CLI_EXIT_OK;
}

int cmd_growth(int argc, char **argv)
{
    cli_option opts[] = {
        {"format", 1, NULL, 0}, {"quarterly", 0, NULL, 0}, {"flow", 0, NULL, 0},
        {"form", 1, NULL, 0},   {"series", 1, NULL, 0}, {"plot", 1, NULL, 0},
    };
    const size_t nopts = sizeof opts / sizeof opts[0];
    const char *files[1];
    size_t nfiles;
    cli_format format = CLI_FORMAT_CSV;
    fc_growth_form form = FC_GROWTH_PERCENT;
    int rc = cli_parse("growth", argc, argv, opts, nopts, files, 1, &nfiles);
    if (!rc)
        rc = cli_parse_format("growth", opts[0].value, &format);
    if (!rc)
        rc = parse_form(opts[3].value, &form);
    if (!rc && nfiles != 1)
        rc = cli_usage_error("growth", "usage: forecast growth [--format csv|json|text] [--quarterly] "
                                       "[--flow] [--form percent|index] [--series NAME] [--plot FILE.svg] FILE");
    fc_series *s = NULL;
    if (!rc)
        rc = cli_read_one_series("growth", files[0], opts[4].value, &s);
    if (!rc && opts[1].present && s->freq != 12)
        rc = cli_usage_error("growth", "--quarterly needs a monthly series; %s is already quarterly "
                                       "(its mom column is the quarter-on-quarter change)", files[0]);
    growth_table t = {.quarterly = opts[1].present, .form = form};
    if (!rc) {
        fc_error err;
        fc_error_clear(&err);
        t.name = s->name ? s->name : "value";
        /* a `date,value` file's series is called "value": name the file instead */
        t.title = strcmp(t.name, "value") == 0 ? files[0] : t.name;
        fc_status st = compute(s, t.quarterly, opts[2].present, form, &t, &err);
        if (st)
            rc = cli_fail("growth", st, &err);
    }
    if (!rc) {
        if (format == CLI_FORMAT_JSON)
            print_json(&t);
        else if (format == CLI_FORMAT_TEXT)
            print_text(&t);
        else
            print_csv(&t);
    }
    if (!rc && opts[5].value) /* --plot FILE.svg: level and growth chart (plot.c) */
        rc = cli_plot_growth("growth", opts[5].value, t.title, s);
    free(t.rows);
    fc_series_free(s);
    return rc;
}
