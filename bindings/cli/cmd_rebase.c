/* `forecast rebase --reference-year Y [--series NAME] FILE`
 * Re-references an index to the mean of year Y = 100 (growth rates are
 * unchanged).  CSV `date,value` (DESIGN.md §4). */
#include "cli.h"

#define REBASE_CMD "rebase"

enum { REBASE_REFERENCE_YEAR, REBASE_SERIES, REBASE_COUNT };

int cmd_rebase(int argc, char **argv)
{
    cli_option o[REBASE_COUNT] = {
        {"reference-year", 1, NULL, 0},
        {"series", 1, NULL, 0},
    };
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(REBASE_CMD, argc, argv, o, REBASE_COUNT, pos, 1, &npos);
    if (rc)
        return rc;
    long ref;
    if (!o[REBASE_REFERENCE_YEAR].present)
        return cli_usage_error(REBASE_CMD, "--reference-year Y is required");
    if (cli_parse_long(o[REBASE_REFERENCE_YEAR].value, &ref) || ref < 1 || ref > 9999)
        return cli_usage_error(REBASE_CMD, "--reference-year must be a year, not \"%s\"",
                               o[REBASE_REFERENCE_YEAR].value);
    fc_series *in = NULL, *out = NULL;
    if ((rc = cli_read_one_series(REBASE_CMD, npos ? pos[0] : NULL, o[REBASE_SERIES].value, &in)))
        return rc;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_chain_rebase(in, (int)ref, &out, &err);
    if (!st)
        st = fc_csv_write_series(stdout, out, &err);
    fc_series_free(in);
    fc_series_free(out);
    return st ? cli_fail(REBASE_CMD, st, &err) : CLI_EXIT_OK;
}
