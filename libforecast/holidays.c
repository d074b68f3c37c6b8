/* National holiday calendars: reading a CSV of dates, and the Vietnamese
 * public days off derived from the Labour Code.  Holidays are data (each
 * year's decree decides bridges and swaps); the rule only gives a default. */
#include "internal.h"

#include "calendar_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- CSV reader */

#define LINE_MAX_LEN 4096

/* Appends d to the growing array. */
static int push_date(fc_date **a, size_t *n, size_t *cap, fc_date d)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        fc_date *na = realloc(*a, nc * sizeof *na);
        if (!na)
            return 0;
        *a = na;
        *cap = nc;
    }
    (*a)[(*n)++] = d;
    return 1;
}

/* Strips a trailing "\n" / "\r\n"; returns the length. */
static size_t chomp(char *s)
{
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        s[--len] = '\0';
    return len;
}

/* First cell of a CSV line (no quoting needed for dates) in cell[]. */
static void first_cell(const char *line, char *cell, size_t size)
{
    size_t k = 0;
    while (line[k] && line[k] != ',' && k + 1 < size) {
        cell[k] = line[k];
        k++;
    }
    cell[k] = '\0';
}

static fc_status read_rows(FILE *f, const char *path, fc_date **dates, size_t *n,
                           fc_error *err)
{
    char line[LINE_MAX_LEN];
    size_t cap = 0;
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n')
            return fc_fail(err, FC_EPARSE, "%s:%ld:1: line longer than %d characters", path,
                           lineno, LINE_MAX_LEN - 2);
        len = chomp(line);
        char cell[64];
        first_cell(line, cell, sizeof cell);
        if (lineno == 1) {
            if (strcmp(cell, "date") != 0 && strcmp(cell, "\xEF\xBB\xBF" "date") != 0)
                return fc_fail(err, FC_EPARSE,
                               "%s:1:1: header must start with the column \"date\", found \"%s\"",
                               path, cell);
            continue;
        }
        if (len == 0)
            continue; /* blank line (e.g. at the end) */
        fc_date d;
        if (fc_date_parse(cell, &d, NULL) != FC_OK)
            return fc_fail(err, FC_EPARSE, "%s:%ld:1: \"%s\" is not a date (expected YYYY-MM-DD)",
                           path, lineno, cell);
        if (!push_date(dates, n, &cap, d))
            return fc_fail(err, FC_ENOMEM, "%s: out of memory after %zu dates", path, *n);
    }
    if (lineno == 0)
        return fc_fail(err, FC_EPARSE, "%s:1:1: empty file (expected a header \"date\")", path);
    if (ferror(f))
        return fc_fail(err, FC_EIO, "%s: read error", path);
    return FC_OK;
}

fc_status fc_holidays_read_csv(const char *path, fc_date **dates, size_t *n, fc_error *err)
{
    if (!path || !dates || !n)
        return fc_fail(err, FC_EINVAL, "fc_holidays_read_csv: NULL argument");
    *dates = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return fc_fail(err, FC_EIO, "%s: cannot open holiday file", path);
    fc_status st = read_rows(f, path, dates, n, err);
    fclose(f);
    if (st != FC_OK) {
        free(*dates);
        *dates = NULL;
        *n = 0;
    }
    return st;
}

/* ------------------------------------------------- Vietnam (Labour Code) */

#define VN_RULE_FIRST 1995 /* Labour Code 1994 in force from 1 Jan 1995 */
#define VN_RULE_LAST 2100

typedef struct {
    fc_holiday_entry *a;
    size_t n, cap;
} entry_list;

static int push_entry(entry_list *l, fc_date d, const char *name)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 32;
        fc_holiday_entry *na = realloc(l->a, nc * sizeof *na);
        if (!na)
            return 0;
        l->a = na;
        l->cap = nc;
    }
    l->a[l->n].date = d;
    l->a[l->n].name = name;
    l->n++;
    return 1;
}

static int cmp_entry(const void *a, const void *b)
{
    long x = fc_date_to_jdn(((const fc_holiday_entry *)a)->date);
    long y = fc_date_to_jdn(((const fc_holiday_entry *)b)->date);
    return (x > y) - (x < y);
}

/* Tết days off: under the Labour Code 1994 (Tết <= 2013) 4 days, under the
 * codes of 2012 (from Tết 2014) and 2019 5 days; placed as the last day of
 * the old lunar year and the first 3 or 4 days of the new one. */
static fc_status add_tet(entry_list *l, int year, fc_error *err)
{
    fc_date ny;
    fc_status st = fc_lunar_new_year(year, FC_COUNTRY_VN, &ny, err);
    if (st != FC_OK)
        return st;
    int ndays = year <= 2013 ? 4 : 5;
    for (int k = -1; k < ndays - 1; k++)
        if (!push_entry(l, fc_date_add_days(ny, k), "Tet"))
            return fc_fail(err, FC_ENOMEM, "holidays: out of memory");
    return FC_OK;
}

/* Fixed-date and lunar holidays of one year (before compensation). */
static fc_status add_year(entry_list *l, int year, fc_error *err)
{
    fc_date d1 = {year, 1, 1}, d304 = {year, 4, 30}, d105 = {year, 5, 1}, d209 = {year, 9, 2};
    int ok = push_entry(l, d1, "New Year") && push_entry(l, d304, "Reunification Day") &&
             push_entry(l, d105, "Labour Day") && push_entry(l, d209, "National Day");
    if (ok && year >= 2021) {
        fc_date d109 = {year, 9, 1}; /* second day; 1/9 or 3/9 by decree */
        ok = push_entry(l, d109, "National Day");
    }
    if (!ok)
        return fc_fail(err, FC_ENOMEM, "holidays: out of memory");
    fc_status st = add_tet(l, year, err);
    if (st == FC_OK && year >= 2007) {
        fc_date hung;
        st = fc_lunar_to_solar(year, 3, 0, 10, FC_COUNTRY_VN, &hung, err);
        if (st == FC_OK && !push_entry(l, hung, "Hung Kings Commemoration"))
            st = fc_fail(err, FC_ENOMEM, "holidays: out of memory");
    }
    return st;
}

static int is_listed(const entry_list *l, size_t upto, long jdn)
{
    for (size_t i = 0; i < upto; i++)
        if (fc_date_to_jdn(l->a[i].date) == jdn)
            return 1;
    return 0;
}

/* Labour Code: a holiday falling on the weekly rest day (Saturday or
 * Sunday here) is taken on the next working day. */
static fc_status add_compensation(entry_list *l, fc_error *err)
{
    size_t base = l->n;
    for (size_t i = 0; i < base; i++) {
        int wd = fc_date_weekday(l->a[i].date);
        if (wd < 6)
            continue;
        long j = fc_date_to_jdn(l->a[i].date) + 1;
        while (fc_date_weekday(fc_date_from_jdn(j)) >= 6 || is_listed(l, l->n, j))
            j++;
        if (!push_entry(l, fc_date_from_jdn(j), "compensation day"))
            return fc_fail(err, FC_ENOMEM, "holidays: out of memory");
    }
    return FC_OK;
}

fc_status fc_holidays_vietnam(int year_from, int year_to, fc_holiday_entry **out, size_t *n,
                              fc_error *err)
{
    if (!out || !n)
        return fc_fail(err, FC_EINVAL, "fc_holidays_vietnam: NULL output");
    *out = NULL;
    *n = 0;
    if (year_from > year_to || year_from < VN_RULE_FIRST || year_to > VN_RULE_LAST)
        return fc_fail(err, FC_ERANGE,
                       "years %d..%d: the Labour Code rule is implemented for %d..%d", year_from,
                       year_to, VN_RULE_FIRST, VN_RULE_LAST);
    entry_list l = {NULL, 0, 0};
    fc_status st = FC_OK;
    for (int y = year_from; y <= year_to && st == FC_OK; y++)
        st = add_year(&l, y, err);
    if (st == FC_OK) {
        qsort(l.a, l.n, sizeof *l.a, cmp_entry);
        st = add_compensation(&l, err);
    }
    if (st != FC_OK) {
        free(l.a);
        return st;
    }
    qsort(l.a, l.n, sizeof *l.a, cmp_entry);
    *out = l.a;
    *n = l.n;
    return FC_OK;
}
