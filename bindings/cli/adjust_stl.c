/* `forecast adjust --method stl`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cli_adjust_stl(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("adjust", "--method stl is not implemented yet");
}
