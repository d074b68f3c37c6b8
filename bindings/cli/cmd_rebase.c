/* `forecast rebase --reference-year Y [--series NAME] FILE`
 * Re-references an index to the mean of year Y = 100 (growth rates are
 * unchanged).  CSV `date,value` (DESIGN.md §4). */
#include "cli.h"

#define REBASE_CMD "rebase"

enum { REBASE_REFERENCE_YEAR, REBASE_SERIES, REBASE_COUNT };

static fc_status rebase_op(const fc_series *in, const void *ref, fc_series **out, fc_error *err)
{
    return fc_chain_rebase(in, (int)*(const long *)ref, out, err);
}

int cmd_rebase(int argc, char **argv)
{
    cli_option o[REBASE_COUNT] = {
        {"reference-year", 1, NULL, 0},
        {"series", 1, NULL, 0},
    };
    const char *path;
    int rc = cli_parse_file(REBASE_CMD, argc, argv, o, REBASE_COUNT, &path);
    if (rc)
        return rc;
    long ref = 0;
    if (!o[REBASE_REFERENCE_YEAR].present)
        return cli_usage_error(REBASE_CMD, "--reference-year Y is required");
    if (cli_parse_year_option(REBASE_CMD, &o[REBASE_REFERENCE_YEAR], &ref))
        return CLI_EXIT_INPUT;
    return cli_run_series_op(REBASE_CMD, path, o[REBASE_SERIES].value, rebase_op, &ref);
}
