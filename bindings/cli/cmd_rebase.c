/* `forecast rebase`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_rebase(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("rebase", "not implemented yet");
}
