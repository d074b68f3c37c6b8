/* Private helpers shared by the CSV modules (csv_table.c, csv.c). */
#ifndef FORECAST_CSV_INTERNAL_H
#define FORECAST_CSV_INTERNAL_H

#include "internal.h"

/* Reads a whole file ("-" = standard input) into a malloc'ed buffer;
 * *source receives the name to use in messages. */
fc_status fc_csv_slurp(const char *path, char **data, size_t *len, const char **source,
                       fc_error *err);

/* Strict number: 0 ok, 1 not a number, 2 out of range. */
int fc_csv_parse_number(const char *text, double *out);

#endif
