/* libforecast: CSV input and output (io layer). */
#ifndef FORECAST_IO_H
#define FORECAST_IO_H

#include "forecast/core.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ series CSV
 *
 * Accepted layouts (DESIGN.md §3), recognised from the header row (the
 * keywords `date`, `series`, `value` are matched case-insensitively):
 *   date,value                 one series, named "value"
 *   series,date,value          many series, long form; the rows of each series
 *                              must be in chronological order (series may be
 *                              in blocks or interleaved, e.g. sorted by date)
 *   date,<name1>,<name2>,...   many series sharing one date column (wide)
 * Dates: YYYY-MM or YYYY-MM-DD (day checked, then ignored) for monthly,
 * YYYY-Qn for quarterly; one frequency per file.  Periods must be
 * consecutive: a missing observation is an EMPTY value cell (read as NaN),
 * never a missing row.  Numbers: optional sign, digits, optional '.' and
 * exponent; no spaces, thousands separators, "NA", "nan" or "inf".
 * Lexical rules: UTF-8 (a leading BOM is skipped), comma separator, LF or
 * CRLF line ends, RFC 4180 quoted fields ("" is a quote; commas and line
 * breaks allowed inside), blank lines only at the end of the file.  Every
 * row has as many cells as the header.
 *
 * Every violation fails with FC_EPARSE (FC_EFREQ for mixed frequencies,
 * FC_EIO when the file cannot be read) and the message
 * "FILE:LINE:COLUMN: what is wrong", LINE and COLUMN 1-based, COLUMN counted
 * in characters from the start of the line (after the BOM) to the first
 * character of the offending cell, e.g. `iip.csv:3:9: "abc" is not a number`. */

/* A list of named series read from one CSV file (long or wide form,
 * DESIGN.md §3).  Each item's name is its column or `series` value.
 * Items appear in the order of first appearance in the file. */
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

/* Writes one series as `date,value` to out: dates YYYY-MM or YYYY-Qn, values
 * "%.17g" (round-trips exactly), NaN as an empty cell.  Infinite values are
 * rejected (FC_EDOMAIN) since the reader could not read them back; FC_EIO
 * when the stream reports a write error. */
fc_status fc_csv_write_series(FILE *out, const fc_series *s, fc_error *err);

/* Writes count series of one frequency as a wide table `date,<name1>,...`
 * over the union of their spans (empty cells outside a series' span and for
 * NaN).  A series without a name is headed "series<k>" (k 1-based); names
 * with commas, quotes or line breaks are quoted.  FC_EFREQ when the
 * frequencies differ. */
fc_status fc_csv_write_wide(FILE *out, const fc_series *const *series, size_t count,
                            fc_error *err);

/* ------------------------------------------------------- generic CSV table
 *
 * The lexical layer of the reader above, for the other CSV formats
 * (weights `year,<name1>,...`, hierarchies, ...): the same strictness
 * (quoting, CRLF, BOM, trailing blank lines only, every row as many cells as
 * the header, at least one data row) and the same FILE:LINE:COLUMN messages.
 * Cells are the unquoted, unescaped text.  Rows are data rows 0..rows-1;
 * the header row is addressed as FC_CSV_HEADER where a row is expected.
 * The table owns all its memory; read-only after reading (thread safe). */
typedef struct fc_csv_table fc_csv_table;

#define FC_CSV_HEADER ((size_t)-1)

fc_status fc_csv_table_read_file(const char *path, fc_csv_table **out, fc_error *err);
fc_status fc_csv_table_read_buffer(const char *data, size_t len, const char *source_name,
                                   fc_csv_table **out, fc_error *err);
void fc_csv_table_free(fc_csv_table *t);

/* Name used in messages (the path, "<stdin>" for "-", or source_name). */
const char *fc_csv_table_source(const fc_csv_table *t);
/* Number of data rows (the header excluded; at least 1). */
size_t fc_csv_table_rows(const fc_csv_table *t);
/* Number of columns (cells per row). */
size_t fc_csv_table_columns(const fc_csv_table *t);
/* Cell text (never NULL; "" for an empty cell).  row may be FC_CSV_HEADER.
 * Out-of-range row or col return NULL. */
const char *fc_csv_table_cell(const fc_csv_table *t, size_t row, size_t col);
/* Same as fc_csv_table_cell(t, FC_CSV_HEADER, col). */
const char *fc_csv_table_header(const fc_csv_table *t, size_t col);
/* 1-based line on which the row (or FC_CSV_HEADER) starts; 0 if out of range. */
size_t fc_csv_table_line(const fc_csv_table *t, size_t row);
/* 1-based character column at which the cell starts (the opening quote for a
 * quoted cell); 0 if out of range. */
size_t fc_csv_table_column(const fc_csv_table *t, size_t row, size_t col);
/* Index of the header cell equal to name (exact match), or FC_ERANGE. */
fc_status fc_csv_table_find_column(const fc_csv_table *t, const char *name, size_t *col);

/* Parses cell (row, col) as a number with the series reader's rules.  An
 * empty cell gives NaN when allow_empty is nonzero, else FC_EMISSING
 * ("FILE:L:C: empty cell where a number is required").  Text gives
 * FC_EPARSE `FILE:L:C: "abc" is not a number`. */
fc_status fc_csv_table_number(const fc_csv_table *t, size_t row, size_t col,
                              int allow_empty, double *out, fc_error *err);

/* Fills err with "FILE:LINE:COLUMN: <formatted message>" for the cell
 * (row, col) (LINE is the cell's own line, which differs from
 * fc_csv_table_line only after a quoted cell spanning lines) and returns status, so that callers validating their own
 * formats report errors the same way:
 *   return fc_csv_table_fail(t, r, 0, err, FC_EPARSE, "year %ld repeated", y); */
fc_status fc_csv_table_fail(const fc_csv_table *t, size_t row, size_t col, fc_error *err,
                            fc_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;


#ifdef __cplusplus
}
#endif

#endif
