/* Series CSV (DESIGN.md §3): layout detection on top of the generic table,
 * period and value checks, and the writers. */
#include "internal.h"
#include "forecast/io.h"
#include "csv_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { LAYOUT_WIDE, LAYOUT_LONG } layout;

/* The periods of one series as read so far: they must run consecutively. */
typedef struct {
    char *name;
    fc_period start;
    size_t n, cap;
    double *values;
    size_t *rows;        /* table row of each observation (for messages) */
} builder;

typedef struct {
    const fc_csv_table *t;
    fc_error *err;
    int freq;            /* 0 until the first date */
    size_t freq_row;     /* row of the first date */
    size_t date_col, value_col, name_col;
    builder *b;
    size_t nb, capb;
    size_t last_b;       /* cache for long files: series of the previous row */
} reader;

/* ------------------------------------------------------------- builders */

static fc_status builder_push(reader *rd, builder *b, double x, size_t row)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        double *v = realloc(b->values, cap * sizeof *v);
        if (v)
            b->values = v;
        size_t *r = realloc(b->rows, cap * sizeof *r);
        if (r)
            b->rows = r;
        if (!v || !r)
            return fc_fail(rd->err, FC_ENOMEM, "%s: out of memory at line %zu",
                           fc_csv_table_source(rd->t), fc_csv_table_line(rd->t, row));
        b->cap = cap;
    }
    b->values[b->n] = x;
    b->rows[b->n] = row;
    b->n++;
    return FC_OK;
}

static void builders_free(reader *rd)
{
    for (size_t i = 0; i < rd->nb; i++) {
        free(rd->b[i].name);
        free(rd->b[i].values);
        free(rd->b[i].rows);
    }
    free(rd->b);
}

static fc_status builder_add(reader *rd, const char *name, size_t *index)
{
    if (rd->nb == rd->capb) {
        size_t cap = rd->capb ? 2 * rd->capb : 8;
        builder *b = realloc(rd->b, cap * sizeof *b);
        if (!b)
            return fc_fail(rd->err, FC_ENOMEM, "out of memory");
        rd->b = b;
        rd->capb = cap;
    }
    builder *b = &rd->b[rd->nb];
    memset(b, 0, sizeof *b);
    size_t len = strlen(name) + 1;
    if (!(b->name = malloc(len)))
        return fc_fail(rd->err, FC_ENOMEM, "out of memory");
    memcpy(b->name, name, len);
    *index = rd->nb++;
    return FC_OK;
}

/* ---------------------------------------------------------------- dates */

static const char *freq_word(int freq) { return freq == 12 ? "monthly" : "quarterly"; }

/* Parses the date cell of row and checks the file has one frequency. */
static fc_status read_date(reader *rd, size_t row, fc_period *p)
{
    const char *cell = fc_csv_table_cell(rd->t, row, rd->date_col);
    int freq;
    fc_error perr;
    if (*cell == '\0')
        return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EPARSE,
                                 "empty date cell");
    if (fc_period_parse(cell, p, &freq, &perr) != FC_OK)
        return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EPARSE, "%s",
                                 perr.message);
    if (rd->freq == 0) {
        rd->freq = freq;
        rd->freq_row = row;
    } else if (freq != rd->freq) {
        return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EFREQ,
                                 "\"%s\" is %s but the dates before it are %s (line %zu); "
                                 "one file holds one frequency",
                                 cell, freq_word(freq), freq_word(rd->freq),
                                 fc_csv_table_line(rd->t, rd->freq_row));
    }
    return FC_OK;
}

/* Checks that p is the period right after the last one of b (or starts b). */
static fc_status check_next_period(reader *rd, const builder *b, size_t row, fc_period p,
                                   const char *what)
{
    if (b->n == 0)
        return FC_OK;
    char pbuf[16], lbuf[16];
    fc_period last = fc_period_add(b->start, rd->freq, (long)b->n - 1);
    long d = fc_period_diff(last, p, rd->freq);
    if (d == 1)
        return FC_OK;
    fc_period_format(p, rd->freq, pbuf, sizeof pbuf);
    fc_period_format(last, rd->freq, lbuf, sizeof lbuf);
    size_t last_line = fc_csv_table_line(rd->t, b->rows[b->n - 1]);
    if (d > 1)
        return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EPARSE,
                                 "%s%s does not follow %s (line %zu): %ld period%s missing; "
                                 "periods must be consecutive, write a missing value as an "
                                 "empty cell",
                                 what, pbuf, lbuf, last_line, d - 1, d - 1 == 1 ? "" : "s");
    long k = fc_period_diff(b->start, p, rd->freq);
    if (k >= 0)
        return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EPARSE,
                                 "%s%s is duplicated (already on line %zu)", what, pbuf,
                                 fc_csv_table_line(rd->t, b->rows[k]));
    return fc_csv_table_fail(rd->t, row, rd->date_col, rd->err, FC_EPARSE,
                             "%s%s comes after %s (line %zu): rows must be in "
                             "chronological order",
                             what, pbuf, lbuf, last_line);
}

static fc_status read_value(reader *rd, size_t row, size_t col, builder *b)
{
    double x;
    fc_status st = fc_csv_table_number(rd->t, row, col, 1, &x, rd->err);
    return st ? st : builder_push(rd, b, x, row);
}

/* --------------------------------------------------------------- layouts */

static int keyword(const char *cell, const char *word) { return strcasecmp(cell, word) == 0; }

static fc_status detect_layout(reader *rd, layout *lay)
{
    const fc_csv_table *t = rd->t;
    size_t nc = fc_csv_table_columns(t);
    if (nc == 3 && keyword(fc_csv_table_header(t, 0), "series") &&
        keyword(fc_csv_table_header(t, 1), "date") && keyword(fc_csv_table_header(t, 2), "value")) {
        *lay = LAYOUT_LONG;
        rd->name_col = 0;
        rd->date_col = 1;
        rd->value_col = 2;
        return FC_OK;
    }
    if (nc >= 2 && keyword(fc_csv_table_header(t, 0), "date")) {
        *lay = LAYOUT_WIDE;
        rd->date_col = 0;
        return FC_OK;
    }
    return fc_csv_table_fail(t, FC_CSV_HEADER, 0, rd->err, FC_EPARSE,
                             "unknown header layout (%zu column%s starting \"%s\"); expected "
                             "date,value or series,date,value or date,<name1>,<name2>,...",
                             nc, nc == 1 ? "" : "s", fc_csv_table_header(t, 0));
}

static fc_status read_wide(reader *rd)
{
    const fc_csv_table *t = rd->t;
    size_t nc = fc_csv_table_columns(t);
    for (size_t c = 1; c < nc; c++) {
        const char *name = fc_csv_table_header(t, c);
        if (*name == '\0')
            return fc_csv_table_fail(t, FC_CSV_HEADER, c, rd->err, FC_EPARSE,
                                     "empty series name in the header");
        for (size_t k = 1; k < c; k++)
            if (strcmp(fc_csv_table_header(t, k), name) == 0)
                return fc_csv_table_fail(t, FC_CSV_HEADER, c, rd->err, FC_EPARSE,
                                         "series \"%s\" appears twice in the header "
                                         "(also column %zu)", name, k + 1);
        size_t index;
        fc_status st = builder_add(rd, name, &index);
        if (st)
            return st;
    }
    size_t rows = fc_csv_table_rows(t);
    for (size_t r = 0; r < rows; r++) {
        fc_period p;
        fc_status st = read_date(rd, r, &p);
        if (!st)
            st = check_next_period(rd, &rd->b[0], r, p, "period ");
        for (size_t c = 1; c < nc && !st; c++) {
            if (r == 0)
                rd->b[c - 1].start = p;
            st = read_value(rd, r, c, &rd->b[c - 1]);
        }
        if (st)
            return st;
    }
    return FC_OK;
}

static fc_status find_or_add_series(reader *rd, size_t row, size_t *index)
{
    const char *name = fc_csv_table_cell(rd->t, row, rd->name_col);
    if (*name == '\0')
        return fc_csv_table_fail(rd->t, row, rd->name_col, rd->err, FC_EPARSE,
                                 "empty series name");
    if (rd->nb && strcmp(rd->b[rd->last_b].name, name) == 0) {
        *index = rd->last_b;
        return FC_OK;
    }
    for (size_t i = 0; i < rd->nb; i++)
        if (strcmp(rd->b[i].name, name) == 0) {
            *index = rd->last_b = i;
            return FC_OK;
        }
    fc_status st = builder_add(rd, name, index);
    if (!st)
        rd->last_b = *index;
    return st;
}

static fc_status read_long(reader *rd)
{
    size_t rows = fc_csv_table_rows(rd->t);
    for (size_t r = 0; r < rows; r++) {
        size_t i;
        fc_period p;
        fc_status st = find_or_add_series(rd, r, &i);
        if (!st)
            st = read_date(rd, r, &p);
        if (st)
            return st;
        builder *b = &rd->b[i];
        char what[96];
        snprintf(what, sizeof what, "series \"%.60s\": period ", b->name);
        if ((st = check_next_period(rd, b, r, p, what)))
            return st;
        if (b->n == 0)
            b->start = p;
        if ((st = read_value(rd, r, rd->value_col, b)))
            return st;
    }
    return FC_OK;
}

/* ------------------------------------------------------------- the list */

void fc_series_list_free(fc_series_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        fc_series_free(list->items[i]);
    free(list->items);
    free(list);
}

const fc_series *fc_series_list_find(const fc_series_list *list, const char *name)
{
    if (!list || !name)
        return NULL;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i]->name && strcmp(list->items[i]->name, name) == 0)
            return list->items[i];
    return NULL;
}

/* Moves the builders' arrays into series (values are copied to exact size). */
static fc_status make_list(reader *rd, fc_series_list **out)
{
    fc_series_list *list = calloc(1, sizeof *list);
    if (!list || !(list->items = calloc(rd->nb, sizeof *list->items))) {
        free(list);
        return fc_fail(rd->err, FC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < rd->nb; i++) {
        builder *b = &rd->b[i];
        fc_status st = fc_series_from_array(b->values, b->n, rd->freq, b->start,
                                            &list->items[i], rd->err);
        if (!st)
            st = fc_series_set_name(list->items[i], b->name, rd->err);
        list->count = i + 1;
        if (st) {
            fc_series_list_free(list);
            return st;
        }
    }
    *out = list;
    return FC_OK;
}

static fc_status series_from_table(const fc_csv_table *t, fc_series_list **out, fc_error *err)
{
    reader rd = {.t = t, .err = err};
    layout lay = LAYOUT_WIDE;
    fc_status st = detect_layout(&rd, &lay);
    if (!st)
        st = lay == LAYOUT_WIDE ? read_wide(&rd) : read_long(&rd);
    if (!st)
        st = make_list(&rd, out);
    builders_free(&rd);
    return st;
}

fc_status fc_csv_read_buffer(const char *data, size_t len, const char *source_name,
                             fc_series_list **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_csv_read_buffer: NULL output pointer");
    *out = NULL;
    fc_csv_table *t;
    fc_status st = fc_csv_table_read_buffer(data, len, source_name, &t, err);
    if (st)
        return st;
    st = series_from_table(t, out, err);
    fc_csv_table_free(t);
    return st;
}

fc_status fc_csv_read_file(const char *path, fc_series_list **out, fc_error *err)
{
    if (!path || !out)
        return fc_fail(err, FC_EINVAL, "fc_csv_read_file: NULL argument");
    *out = NULL;
    fc_csv_table *t;
    fc_status st = fc_csv_table_read_file(path, &t, err);
    if (st)
        return st;
    st = series_from_table(t, out, err);
    fc_csv_table_free(t);
    return st;
}

/* -------------------------------------------------------------- writers */

static void write_cell_text(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static fc_status check_writable(const fc_series *s, fc_error *err)
{
    if (!s)
        return fc_fail(err, FC_EINVAL, "NULL series");
    fc_status st = fc_freq_check(s->freq, err);
    if (st)
        return st;
    for (size_t i = 0; i < s->n; i++)
        if (isinf(s->values[i])) {
            char buf[16];
            fc_period_format(fc_series_period(s, i), s->freq, buf, sizeof buf);
            if (s->name)
                return fc_fail(err, FC_EDOMAIN, "value of \"%s\" at %s is infinite; CSV cannot hold it",
                               s->name, buf);
            return fc_fail(err, FC_EDOMAIN, "value at %s is infinite; CSV cannot hold it", buf);
        }
    return FC_OK;
}

static fc_status finish_write(FILE *out, fc_error *err)
{
    if (ferror(out))
        return fc_fail(err, FC_EIO, "write error on the CSV output stream");
    return FC_OK;
}

fc_status fc_csv_write_series(FILE *out, const fc_series *s, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_csv_write_series: NULL stream");
    fc_status st = check_writable(s, err);
    if (st)
        return st;
    fputs("date,value\n", out);
    for (size_t i = 0; i < s->n; i++) {
        char buf[16];
        fc_period_format(fc_series_period(s, i), s->freq, buf, sizeof buf);
        if (isnan(s->values[i]))
            fprintf(out, "%s,\n", buf);
        else
            fprintf(out, "%s,%.17g\n", buf, s->values[i]);
    }
    return finish_write(out, err);
}

fc_status fc_csv_write_wide(FILE *out, const fc_series *const *series, size_t count,
                            fc_error *err)
{
    if (!out || (!series && count))
        return fc_fail(err, FC_EINVAL, "fc_csv_write_wide: NULL argument");
    if (count == 0)
        return fc_fail(err, FC_ESHORT, "fc_csv_write_wide: no series to write");
    size_t nonempty = 0;
    fc_period first = {0, 1}, last = {0, 1};
    for (size_t k = 0; k < count; k++) {
        fc_status st = check_writable(series[k], err);
        if (st)
            return st;
        if (series[k]->freq != series[0]->freq)
            return fc_fail(err, FC_EFREQ, "series %zu is %s but series 1 is %s; a wide CSV "
                           "holds one frequency", k + 1, freq_word(series[k]->freq),
                           freq_word(series[0]->freq));
        if (series[k]->n == 0)
            continue;
        int freq = series[0]->freq;
        fc_period e = fc_series_end(series[k]);
        if (nonempty++ == 0) {
            first = series[k]->start;
            last = e;
        }
        if (fc_period_diff(series[k]->start, first, freq) > 0)
            first = series[k]->start;
        if (fc_period_diff(last, e, freq) > 0)
            last = e;
    }
    int freq = series[0]->freq;
    fputs("date", out);
    for (size_t k = 0; k < count; k++) {
        fputc(',', out);
        if (series[k]->name) {
            write_cell_text(out, series[k]->name);
        } else {
            fprintf(out, "series%zu", k + 1);
        }
    }
    fputc('\n', out);
    long span = nonempty ? fc_period_diff(first, last, freq) : -1;
    for (long i = 0; i <= span; i++) {
        char buf[16];
        fc_period p = fc_period_add(first, freq, i);
        fc_period_format(p, freq, buf, sizeof buf);
        fputs(buf, out);
        for (size_t k = 0; k < count; k++) {
            long j = fc_period_diff(series[k]->start, p, freq);
            fputc(',', out);
            if (j >= 0 && (size_t)j < series[k]->n && !isnan(series[k]->values[j]))
                fprintf(out, "%.17g", series[k]->values[j]);
        }
        fputc('\n', out);
    }
    return finish_write(out, err);
}
