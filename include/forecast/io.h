/* libforecast: CSV input and output (io layer). */
#ifndef FORECAST_IO_H
#define FORECAST_IO_H

#include "forecast/core.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A list of named series read from one CSV file (long or wide form,
 * DESIGN.md §3).  Each item's name is its column or `series` value. */
typedef struct {
    size_t count;
    fc_series **items;
} fc_series_list;

void fc_series_list_free(fc_series_list *list);

/* The series called name, or NULL. */
const fc_series *fc_series_list_find(const fc_series_list *list, const char *name);

/* Reads a CSV file of series: `date,value`, `series,date,value` or wide
 * `date,<name1>,<name2>,...`.  path "-" reads standard input.  Errors are
 * reported as "FILE:LINE:COLUMN: message" in err. */
fc_status fc_csv_read_file(const char *path, fc_series_list **out, fc_error *err);

/* Same, from a memory buffer; source_name is used in messages. */
fc_status fc_csv_read_buffer(const char *data, size_t len, const char *source_name,
                             fc_series_list **out, fc_error *err);


#ifdef __cplusplus
}
#endif

#endif
