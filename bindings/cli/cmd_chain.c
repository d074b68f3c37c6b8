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

static fc_status chain_transform(const fc_series *in, fc_chain_method m, int unchain, long ref,
                           fc_series **out, fc_error *err)
{
    fc_series *t = NULL;
    fc_status st = unchain ? fc_chain_unlink(in, m, &t, err) : fc_chain_link(in, m, &t, err);
    if (st || !ref) {
        *out = t;
        return st;
    }
    st = fc_chain_rebase(t, (int)ref, out, err);
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
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(CHAIN_CMD, argc, argv, o, CHAIN_COUNT, pos, 1, &npos);
    if (rc)
        return rc;
    fc_chain_method m = FC_CHAIN_ANNUAL_OVERLAP;
    if ((rc = chain_parse_method(o[CHAIN_METHOD].value, &m)))
        return rc;
    long ref = 0;
    if (o[CHAIN_REFERENCE_YEAR].present &&
        (cli_parse_long(o[CHAIN_REFERENCE_YEAR].value, &ref) || ref < 1 || ref > 9999))
        return cli_usage_error(CHAIN_CMD, "--reference-year must be a year, not \"%s\"",
                               o[CHAIN_REFERENCE_YEAR].value);
    fc_series *in = NULL, *out = NULL;
    if ((rc = cli_read_one_series(CHAIN_CMD, npos ? pos[0] : NULL, o[CHAIN_SERIES].value, &in)))
        return rc;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = chain_transform(in, m, o[CHAIN_UNCHAIN].present, ref, &out, &err);
    if (!st)
        st = fc_csv_write_series(stdout, out, &err);
    fc_series_free(in);
    fc_series_free(out);
    return st ? cli_fail(CHAIN_CMD, st, &err) : CLI_EXIT_OK;
}
