/* `forecast chain --method annual-overlap|one-period-overlap|over-the-year
 *  [--reference-year Y] [--unchain] [--series NAME] FILE`
 * Chain-links the link indices in FILE (or, with --unchain, turns a chain
 * back into links), then re-references to the mean of year Y = 100.
 * CSV `date,value` (DESIGN.md §4; conventions in forecast/index.h). */
#include "cli.h"

#include <string.h>

#define CHAIN_CMD "chain"

enum { CHAIN_METHOD, CHAIN_REFERENCE_YEAR, CHAIN_UNCHAIN, CHAIN_SERIES, CHAIN_COUNT };

static int chain_parse_method(const char *m, fc_chain_method *out)
{
    if (!m || strcmp(m, "annual-overlap") == 0)
        *out = FC_CHAIN_ANNUAL_OVERLAP;
    else if (strcmp(m, "one-period-overlap") == 0)
        *out = FC_CHAIN_ONE_PERIOD_OVERLAP;
    else if (strcmp(m, "over-the-year") == 0)
        *out = FC_CHAIN_OVER_THE_YEAR;
    else
        return cli_usage_error(CHAIN_CMD, "--method must be annual-overlap, one-period-overlap or "
                                    "over-the-year, not \"%s\"", m);
    return CLI_EXIT_OK;
}

/* What cmd_chain does to the series: link or unlink, then re-reference. */
typedef struct {
    fc_chain_method method;
    int unchain;
    long ref; /* 0: keep the reference */
} chain_job;

static fc_status chain_op(const fc_series *in, const void *ctx, fc_series **out, fc_error *err)
{
    const chain_job *job = ctx;
    fc_series *t = NULL;
    fc_status st = job->unchain ? fc_chain_unlink(in, job->method, &t, err)
                                : fc_chain_link(in, job->method, &t, err);
    if (st || !job->ref) {
        *out = t;
        return st;
    }
    st = fc_chain_rebase(t, (int)job->ref, out, err);
    fc_series_free(t);
    return st;
}

int cmd_chain(int argc, char **argv)
{
    cli_option o[CHAIN_COUNT] = {
        {"method", 1, NULL, 0},
        {"reference-year", 1, NULL, 0},
        {"unchain", 0, NULL, 0},
        {"series", 1, NULL, 0},
    };
    const char *path;
    int rc = cli_parse_file(CHAIN_CMD, argc, argv, o, CHAIN_COUNT, &path);
    if (rc)
        return rc;
    chain_job job = {FC_CHAIN_ANNUAL_OVERLAP, o[CHAIN_UNCHAIN].present, 0};
    if ((rc = chain_parse_method(o[CHAIN_METHOD].value, &job.method)))
        return rc;
    if (cli_parse_year_option(CHAIN_CMD, &o[CHAIN_REFERENCE_YEAR], &job.ref))
        return CLI_EXIT_INPUT;
    return cli_run_series_op(CHAIN_CMD, path, o[CHAIN_SERIES].value, chain_op, &job);
}
