/* Tiny reader for the numeric fixture tables of tests/fixtures (header row,
 * comma-separated, lines starting with '#' are comments).  Test-only code:
 * aborts the test (via cmocka's fail_msg) on malformed fixtures. */
#ifndef TESTS_FIXTURE_CSV_H
#define TESTS_FIXTURE_CSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FX_MAX_COLS 64
#define FX_MAX_LINE 16384

typedef struct {
    size_t nrows, ncols;
    char *names[FX_MAX_COLS];
    char ***cells;   /* cells[row][col] */
} fx_table;

static inline char *fx_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static inline size_t fx_split(char *line, char **out)
{
    size_t n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < FX_MAX_COLS) {
        out[n++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

static inline int fx_read(const char *path, fx_table *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    static char line[FX_MAX_LINE];
    size_t cap = 0;
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *parts[FX_MAX_COLS];
        size_t n = fx_split(line, parts);
        if (header) {
            t->ncols = n;
            for (size_t i = 0; i < n; i++)
                t->names[i] = fx_strdup(parts[i]);
            header = 0;
            continue;
        }
        if (n != t->ncols) {
            fclose(f);
            return -2;
        }
        if (t->nrows == cap) {
            cap = cap ? 2 * cap : 256;
            t->cells = realloc(t->cells, cap * sizeof *t->cells);
        }
        char **row = malloc(n * sizeof *row);
        for (size_t i = 0; i < n; i++)
            row[i] = fx_strdup(parts[i]);
        t->cells[t->nrows++] = row;
    }
    fclose(f);
    return 0;
}

static inline int fx_col(const fx_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    return -1;
}

static inline const char *fx_str(const fx_table *t, size_t row, const char *name)
{
    int c = fx_col(t, name);
    return c < 0 ? NULL : t->cells[row][c];
}

static inline double fx_num(const fx_table *t, size_t row, const char *name)
{
    const char *s = fx_str(t, row, name);
    return s ? strtod(s, NULL) : 0.0 / 0.0;
}

static inline void fx_free(fx_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            free(t->cells[r][c]);
        free(t->cells[r]);
    }
    free(t->cells);
    for (size_t c = 0; c < t->ncols; c++)
        free(t->names[c]);
    memset(t, 0, sizeof *t);
}

/* Values of one series from a long table (series,t,value) in row order;
 * returns a malloc'd array and its length in *n (NULL when absent). */
static inline double *fx_series_values(const fx_table *t, const char *idcol, const char *id,
                                const char *valcol, size_t *n)
{
    int ci = fx_col(t, idcol), cv = fx_col(t, valcol);
    *n = 0;
    if (ci < 0 || cv < 0)
        return NULL;
    double *v = NULL;
    size_t cap = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (strcmp(t->cells[r][ci], id) != 0)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 128;
            v = realloc(v, cap * sizeof *v);
        }
        v[(*n)++] = strtod(t->cells[r][cv], NULL);
    }
    return v;
}

/* The two tables most fixture-driven tests read together: the input series
 * (long form) and the peer's expected results.  Returns 0, or -1 when either
 * file cannot be read (a cmocka group setup then fails). */
static inline int fx_read_pair(const char *series_path, fx_table *series,
                               const char *expected_path, fx_table *expected)
{
    if (fx_read(series_path, series) != 0)
        return -1;
    if (fx_read(expected_path, expected) != 0)
        return -1;
    return 0;
}

static inline void fx_free_pair(fx_table *series, fx_table *expected)
{
    fx_free(series);
    fx_free(expected);
}

#endif
