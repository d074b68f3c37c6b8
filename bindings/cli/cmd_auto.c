/* `forecast auto`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_auto(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("auto", "not implemented yet");
}
