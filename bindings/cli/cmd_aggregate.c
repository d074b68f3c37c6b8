/* `forecast aggregate --weights W.csv [--method fixed-base|annual-overlap]
 *  [--contrib pop|yoy|ytd] [--base-year Y] [--reference-year Y] FILE`
 * Laspeyres aggregate of the wide sub-indices in FILE (DESIGN.md §4):
 * CSV `date,index,growth,<name>_contrib...`, growth in percent, contributions
 * in percentage points adding up to it (definitions in forecast/index.h). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define AGG_CMD "aggregate"

enum { AGG_WEIGHTS, AGG_METHOD, AGG_CONTRIB, AGG_BASE_YEAR, AGG_REFERENCE_YEAR, AGG_COUNT };

typedef enum { CONTRIB_YOY, CONTRIB_POP, CONTRIB_YTD } contrib_kind;

static int agg_parse_options(const cli_option *o, fc_aggregate_options *agg, contrib_kind *kind)
{
    *agg = fc_aggregate_options_default();
    const char *m = o[AGG_METHOD].value;
    if (!m || strcmp(m, "fixed-base") == 0)
        agg->method = FC_AGGREGATE_FIXED_BASE;
    else if (strcmp(m, "annual-overlap") == 0)
        agg->method = FC_AGGREGATE_ANNUAL_OVERLAP;
    else
        return cli_usage_error(AGG_CMD, "--method must be fixed-base or annual-overlap, not \"%s\"",
                               m);
    const char *c = o[AGG_CONTRIB].value;
    if (!c || strcmp(c, "yoy") == 0)
        *kind = CONTRIB_YOY;
    else if (strcmp(c, "pop") == 0)
        *kind = CONTRIB_POP;
    else if (strcmp(c, "ytd") == 0)
        *kind = CONTRIB_YTD;
    else
        return cli_usage_error(AGG_CMD, "--contrib must be pop, yoy or ytd, not \"%s\"", c);
    long y = agg->base_year;
    if (cli_parse_year_option(AGG_CMD, &o[AGG_BASE_YEAR], &y))
        return CLI_EXIT_INPUT;
    agg->base_year = (int)y;
    if (!o[AGG_WEIGHTS].present)
        return cli_usage_error(AGG_CMD, "--weights W.csv is required (year,<name1>,... or "
                                    "code,parent,weight)");
    return CLI_EXIT_OK;
}

/* A CSV header cell "<name>_contrib", quoted when the name needs it. */
static void agg_print_contrib_header(const char *name)
{
    if (!strpbrk(name, ",\"\r\n")) {
        printf(",%s_contrib", name);
        return;
    }
    fputs(",\"", stdout);
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            putchar('"');
        putchar(*p);
    }
    fputs("_contrib\"", stdout);
}

static void agg_print_table(const fc_series_list *list, const fc_series *I, const double *g,
                            const double *c)
{
    fputs("date,index,growth", stdout);
    for (size_t i = 0; i < list->count; i++)
        agg_print_contrib_header(list->items[i]->name ? list->items[i]->name : "?");
    putchar('\n');
    for (size_t t = 0; t < I->n; t++) {
        char date[16];
        fc_period_format(fc_series_period(I, t), I->freq, date, sizeof date);
        fputs(date, stdout);
        putchar(',');
        cli_print_csv_number(stdout, I->values[t]);
        putchar(',');
        cli_print_csv_number(stdout, g[t]);
        for (size_t i = 0; i < list->count; i++) {
            putchar(',');
            cli_print_csv_number(stdout, c[i * I->n + t]);
        }
        putchar('\n');
    }
}

static fc_status agg_contributions(const fc_aggregate *ag, contrib_kind kind, double *g, double *c,
                               fc_error *err)
{
    const fc_series *I = fc_aggregate_index(ag);
    if (kind == CONTRIB_YTD)
        return fc_aggregate_contrib_ytd(ag, g, c, err);
    return fc_aggregate_contrib_lag(ag, kind == CONTRIB_POP ? 1 : (size_t)I->freq, g, c, err);
}

/* The index to print: as compiled, or re-referenced to `ref` = 100 (growth
 * and contributions do not change). */
static fc_status agg_index(const fc_aggregate *ag, long ref, fc_series **out, fc_error *err)
{
    if (ref)
        return fc_chain_rebase(fc_aggregate_index(ag), (int)ref, out, err);
    return fc_series_copy(fc_aggregate_index(ag), out, err);
}

static int agg_run(const char *weights_path, const char *data_path,
                   const fc_aggregate_options *opt, contrib_kind kind, long ref)
{
    fc_error err;
    fc_error_clear(&err);
    fc_weights *w = NULL;
    fc_status st = fc_weights_read_file(weights_path, &w, &err);
    if (st)
        return cli_fail(AGG_CMD, st, &err);
    fc_series_list *list = NULL;
    int rc = cli_read_series_list(AGG_CMD, data_path, &list);
    if (rc) {
        fc_weights_free(w);
        return rc;
    }
    fc_aggregate *ag = NULL;
    fc_series *index = NULL;
    double *g = NULL, *c = NULL;
    st = fc_aggregate_compute((const fc_series *const *)list->items, list->count, w, opt, &ag,
                              &err);
    if (!st) {
        size_t n = fc_aggregate_index(ag)->n;
        g = malloc(n * sizeof *g);
        c = malloc(n * list->count * sizeof *c);
        st = (!g || !c) ? FC_ENOMEM : agg_contributions(ag, kind, g, c, &err);
    }
    if (!st)
        st = agg_index(ag, ref, &index, &err);
    if (!st)
        agg_print_table(list, index, g, c);
    rc = st ? cli_fail(AGG_CMD, st, &err) : CLI_EXIT_OK;
    free(g);
    free(c);
    fc_series_free(index);
    fc_aggregate_free(ag);
    fc_series_list_free(list);
    fc_weights_free(w);
    return rc;
}

int cmd_aggregate(int argc, char **argv)
{
    cli_option o[AGG_COUNT] = {
        {"weights", 1, NULL, 0},
        {"method", 1, NULL, 0},
        {"contrib", 1, NULL, 0},
        {"base-year", 1, NULL, 0},
        {"reference-year", 1, NULL, 0},
    };
    const char *path;
    int rc = cli_parse_file(AGG_CMD, argc, argv, o, AGG_COUNT, &path);
    if (rc)
        return rc;
    fc_aggregate_options agg;
    contrib_kind kind = CONTRIB_YOY;
    if ((rc = agg_parse_options(o, &agg, &kind)))
        return rc;
    if (!path)
        return cli_usage_error(AGG_CMD, "missing input FILE (wide CSV date,<name1>,...; - for "
                                    "standard input)");
    long ref = 0;
    if (cli_parse_year_option(AGG_CMD, &o[AGG_REFERENCE_YEAR], &ref))
        return CLI_EXIT_INPUT;
    return agg_run(o[AGG_WEIGHTS].value, path, &agg, kind, ref);
}
