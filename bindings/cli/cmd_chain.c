/* `forecast chain`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_chain(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("chain", "not implemented yet");
}
