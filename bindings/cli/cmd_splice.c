/* `forecast splice [--overlap-year Y | --overlap-period P] [--base new|old] OLD NEW`
 * Joins an old-base and a new-base series with the linking factor of their
 * overlap (default: the first calendar year both cover), on the new base
 * unless --base old.  CSV `date,value` (DESIGN.md §4). */
#include "cli.h"

#include <string.h>

#define SPLICE_CMD "splice"

enum { SPLICE_OVERLAP_YEAR, SPLICE_OVERLAP_PERIOD, SPLICE_BASE, SPLICE_COUNT };

static int splice_parse_options(const cli_option *o, fc_splice_options *s)
{
    *s = fc_splice_options_default();
    if (o[SPLICE_OVERLAP_YEAR].present && o[SPLICE_OVERLAP_PERIOD].present)
        return cli_usage_error(SPLICE_CMD, "give --overlap-year or --overlap-period, not both");
    long y = s->overlap_year;
    if (cli_parse_year_option(SPLICE_CMD, &o[SPLICE_OVERLAP_YEAR], &y))
        return CLI_EXIT_INPUT;
    s->overlap_year = (int)y;
    if (o[SPLICE_OVERLAP_PERIOD].present) {
        int freq;
        if (fc_period_parse(o[SPLICE_OVERLAP_PERIOD].value, &s->overlap_period, &freq, NULL))
            return cli_usage_error(SPLICE_CMD,
                                   "--overlap-period must be YYYY-MM or YYYY-Qn, not \"%s\"",
                                   o[SPLICE_OVERLAP_PERIOD].value);
        s->use_overlap_period = 1;
    }
    const char *b = o[SPLICE_BASE].value;
    if (b && strcmp(b, "old") == 0)
        s->keep_old_base = 1;
    else if (b && strcmp(b, "new") != 0)
        return cli_usage_error(SPLICE_CMD, "--base must be new or old, not \"%s\"", b);
    return CLI_EXIT_OK;
}

int cmd_splice(int argc, char **argv)
{
    cli_option o[SPLICE_COUNT] = {
        {"overlap-year", 1, NULL, 0},
        {"overlap-period", 1, NULL, 0},
        {"base", 1, NULL, 0},
    };
    const char *pos[2];
    size_t npos;
    int rc = cli_parse(SPLICE_CMD, argc, argv, o, SPLICE_COUNT, pos, 2, &npos);
    if (rc)
        return rc;
    fc_splice_options so = fc_splice_options_default();
    if ((rc = splice_parse_options(o, &so)))
        return rc;
    if (npos != 2)
        return cli_usage_error(SPLICE_CMD, "needs two files: OLD (old base) and NEW (new base)");
    fc_series *old_s = NULL, *new_s = NULL, *out = NULL;
    if ((rc = cli_read_one_series(SPLICE_CMD, pos[0], NULL, &old_s)))
        return rc;
    if ((rc = cli_read_one_series(SPLICE_CMD, pos[1], NULL, &new_s))) {
        fc_series_free(old_s);
        return rc;
    }
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_chain_splice(old_s, new_s, &so, &out, &err);
    rc = cli_print_series_result(SPLICE_CMD, st, out, &err);
    fc_series_free(old_s);
    fc_series_free(new_s);
    fc_series_free(out);
    return rc;
}
