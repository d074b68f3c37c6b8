/* `forecast chain --method annual-overlap|one-period-overlap|over-the-year
 *  [--reference-year Y] [--unchain] [--series NAME] FILE`
 * Chain-links the link indices in FILE (or, with --unchain, turns a chain
 * back into links), then re-references to the mean of year Y = 100.
 * CSV `date,value` (DESIGN.md §4; conventions in forecast/index.h). */
#include "cli.h"

#include <string.h>

#define CMD "chain"

enum { OPT_METHOD, OPT_REFERENCE_YEAR, OPT_UNCHAIN, OPT_SERIES, OPT_COUNT };

static int parse_method(const char *m, fc_chain_method *out)
{
    if (!m || strcmp(m, "annual-overlap") == 0)
        *out = FC_CHAIN_ANNUAL_OVERLAP;
    else if (strcmp(m, "one-period-overlap") == 0)
        *out = FC_CHAIN_ONE_PERIOD_OVERLAP;
    else if (strcmp(m, "over-the-year") == 0)
        *out = FC_CHAIN_OVER_THE_YEAR;
    else
        return cli_usage_error(CMD, "--method must be annual-overlap, one-period-overlap or "
                                    "over-the-year, not \"%s\"", m);
    return CLI_EXIT_OK;
}

static fc_status transform(const fc_series *in, fc_chain_method m, int unchain, long ref,
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
    cli_option o[OPT_COUNT] = {
        {"method", 1, NULL, 0},
        {"reference-year", 1, NULL, 0},
        {"unchain", 0, NULL, 0},
        {"series", 1, NULL, 0},
    };
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(CMD, argc, argv, o, OPT_COUNT, pos, 1, &npos);
    if (rc)
        return rc;
    fc_chain_method m = FC_CHAIN_ANNUAL_OVERLAP;
    if ((rc = parse_method(o[OPT_METHOD].value, &m)))
        return rc;
    long ref = 0;
    if (o[OPT_REFERENCE_YEAR].present &&
        (cli_parse_long(o[OPT_REFERENCE_YEAR].value, &ref) || ref < 1 || ref > 9999))
        return cli_usage_error(CMD, "--reference-year must be a year, not \"%s\"",
                               o[OPT_REFERENCE_YEAR].value);
    fc_series *in = NULL, *out = NULL;
    if ((rc = cli_read_one_series(CMD, npos ? pos[0] : NULL, o[OPT_SERIES].value, &in)))
        return rc;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = transform(in, m, o[OPT_UNCHAIN].present, ref, &out, &err);
    if (!st)
        st = fc_csv_write_series(stdout, out, &err);
    fc_series_free(in);
    fc_series_free(out);
    return st ? cli_fail(CMD, st, &err) : CLI_EXIT_OK;
}
