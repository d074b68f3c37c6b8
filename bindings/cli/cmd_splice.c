/* `forecast splice`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_splice(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("splice", "not implemented yet");
}
