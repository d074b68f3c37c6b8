/* `forecast aggregate`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_aggregate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("aggregate", "not implemented yet");
}
