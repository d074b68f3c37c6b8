/* `forecast adjust`: dispatches on --method to X-11 (default) or STL. */
#include "cli.h"

#include <string.h>

/* Finds the value of --method (as "--method V" or "--method=V"). */
static const char *method_argument(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--method") == 0 && i + 1 < argc)
            return argv[i + 1];
        if (strncmp(argv[i], "--method=", 9) == 0)
            return argv[i] + 9;
    }
    return NULL;
}

int cmd_adjust(int argc, char **argv)
{
    const char *method = method_argument(argc, argv);
    if (!method || strcmp(method, "x11") == 0)
        return cli_adjust_x11(argc, argv);
    if (strcmp(method, "stl") == 0)
        return cli_adjust_stl(argc, argv);
    return cli_usage_error("adjust", "--method must be x11 or stl, not \"%s\"", method);
}
