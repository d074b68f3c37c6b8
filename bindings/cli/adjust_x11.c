/* `forecast adjust --method x11`: PLACEHOLDER until its issue lands. */
#include "cli.h"

int cli_adjust_x11(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_usage_error("adjust", "--method x11 is not implemented yet");
}
