/* `forecast growth`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_growth(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("growth", "not implemented yet");
}
