/* `forecast calendar`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_calendar(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("calendar", "not implemented yet");
}
