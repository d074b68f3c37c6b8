/* `forecast`: command-line front end of libforecast (DESIGN.md §4). */
#include "cli.h"

#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"growth", cmd_growth, "m/m, y/y, year-to-date and quarterly growth (percent)"},
    {"aggregate", cmd_aggregate, "weighted Laspeyres aggregate and contributions"},
    {"chain", cmd_chain, "chain-link link indices and re-reference"},
    {"rebase", cmd_rebase, "re-reference an index to the average of a year = 100"},
    {"splice", cmd_splice, "join an old-base and a new-base series"},
    {"calendar", cmd_calendar, "holiday dates (Lunar New Year, Easter)"},
    {"adjust", cmd_adjust, "seasonal adjustment (X-11 or STL)"},
    {"fit", cmd_fit, "estimate one SARIMA model"},
    {"auto", cmd_auto, "automatic SARIMA choice"},
    {"project", cmd_project, "forecasts with intervals; quarter level and growth"},
    {"report", cmd_report, "the monthly sentence an analyst publishes"},
};

static void print_usage(FILE *out)
{
    fprintf(out, "usage: forecast COMMAND [OPTIONS] FILE   (FILE '-' is standard input)\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nexit status: 0 success, 1 bad input or usage, 2 numerical failure\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("forecast %s\n", fc_version());
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "forecast: unknown command \"%s\"\n", argv[1]);
    print_usage(stderr);
    return CLI_EXIT_INPUT;
}
