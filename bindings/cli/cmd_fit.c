/* `forecast fit`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_fit(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("fit", "not implemented yet");
}
