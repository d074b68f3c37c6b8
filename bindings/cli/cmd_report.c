/* `forecast report`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_report(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("report", "not implemented yet");
}
