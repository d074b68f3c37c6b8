/* `forecast project`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cmd_project(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("project", "not implemented yet");
}
