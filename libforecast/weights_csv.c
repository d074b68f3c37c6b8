/* Weights files (DESIGN.md §3 and the hierarchy form documented in
 * include/forecast/index.h), read with the generic CSV table of csv_table.c
 * so that every error reads "FILE:LINE:COLUMN: message":
 *   flat:       year,<name1>,<name2>,...
 *   hierarchy:  code,parent,weight   or   year,code,parent,weight */
#include "index_common.h"
#include "forecast/io.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { FORM_FLAT, FORM_TREE, FORM_DATED_TREE } weights_form;

static int is_word(const char *cell, const char *word) { return strcasecmp(cell, word) == 0; }

static fc_status detect_form(const fc_csv_table *t, weights_form *form, fc_error *err)
{
    size_t nc = fc_csv_table_columns(t);
    const char *h0 = fc_csv_table_header(t, 0);
    if (nc == 3 && is_word(h0, "code") && is_word(fc_csv_table_header(t, 1), "parent") &&
        is_word(fc_csv_table_header(t, 2), "weight")) {
        *form = FORM_TREE;
        return FC_OK;
    }
    if (nc == 4 && is_word(h0, "year") && is_word(fc_csv_table_header(t, 1), "code") &&
        is_word(fc_csv_table_header(t, 2), "parent") &&
        is_word(fc_csv_table_header(t, 3), "weight")) {
        *form = FORM_DATED_TREE;
        return FC_OK;
    }
    if (is_word(h0, "year") && nc >= 2) {
        *form = FORM_FLAT;
        return FC_OK;
    }
    return fc_csv_table_fail(t, FC_CSV_HEADER, 0, err, FC_EPARSE,
                             "a weights file starts with the header \"year,<name1>,<name2>,...\" "
                             "(one row per year) or \"code,parent,weight\" / "
                             "\"year,code,parent,weight\" (a hierarchy)");
}

static fc_status cell_year(const fc_csv_table *t, size_t r, size_t c, int *year, fc_error *err)
{
    const char *s = fc_csv_table_cell(t, r, c);
    char *end;
    errno = 0;
    long y = strtol(s, &end, 10);
    if (!*s || *end || errno || y < 1 || y > 9999)
        return fc_csv_table_fail(t, r, c, err, FC_EPARSE, "\"%s\" is not a year", s);
    *year = (int)y;
    return FC_OK;
}

/* A weight cell: a positive number (or empty when allow_empty). */
static fc_status cell_weight(const fc_csv_table *t, size_t r, size_t c, int allow_empty,
                             double *w, fc_error *err)
{
    fc_status st = fc_csv_table_number(t, r, c, allow_empty, w, err);
    if (st)
        return st;
    if (!isnan(*w) && !(*w > 0.0))
        return fc_csv_table_fail(t, r, c, err, FC_EDOMAIN,
                                 "weight %s must be positive (zero and negative weights are "
                                 "errors; drop the component instead)",
                                 fc_csv_table_cell(t, r, c));
    return FC_OK;
}

static fc_status read_flat(const fc_csv_table *t, fc_weights **out, fc_error *err)
{
    size_t rows = fc_csv_table_rows(t), k = fc_csv_table_columns(t) - 1;
    for (size_t i = 1; i <= k; i++) {
        const char *name = fc_csv_table_header(t, i);
        if (!name[0])
            return fc_csv_table_fail(t, FC_CSV_HEADER, i, err, FC_EPARSE,
                                     "empty component name in the header");
        for (size_t j = 1; j < i; j++)
            if (strcmp(name, fc_csv_table_header(t, j)) == 0)
                return fc_csv_table_fail(t, FC_CSV_HEADER, i, err, FC_EPARSE,
                                         "component \"%s\" appears twice in the header", name);
    }
    fc_status st = fc_weights_alloc(rows, k, out, err);
    for (size_t i = 0; i < k && !st; i++)
        st = fc_weights_set_name(*out, i, fc_csv_table_header(t, i + 1), err);
    for (size_t r = 0; r < rows && !st; r++) {
        st = cell_year(t, r, 0, &(*out)->years[r], err);
        if (!st && r > 0 && (*out)->years[r] <= (*out)->years[r - 1])
            st = fc_csv_table_fail(t, r, 0, err, FC_EPARSE,
                                   "year %d follows %d; list the years in increasing order, "
                                   "each once", (*out)->years[r], (*out)->years[r - 1]);
        for (size_t i = 0; i < k && !st; i++)
            st = cell_weight(t, r, i + 1, 0, &(*out)->values[r * k + i], err);
    }
    return st;
}

/* Row-level checks of a hierarchy, reported at the offending cell: codes
 * unique per year, parents known, leaves weighted. */
static fc_status check_tree_rows(const fc_csv_table *t, const fc_hierarchy_node *nd, size_t n,
                                 size_t c0, fc_error *err)
{
    for (size_t r = 0; r < n; r++) {
        if (!nd[r].code[0])
            return fc_csv_table_fail(t, r, c0, err, FC_EPARSE, "empty code");
        int parent_found = !nd[r].parent[0], has_child = 0;
        for (size_t q = 0; q < n; q++) {
            if (nd[q].year != nd[r].year)
                continue;
            if (q < r && strcmp(nd[q].code, nd[r].code) == 0)
                return fc_csv_table_fail(t, r, c0, err, FC_EPARSE,
                                         "code \"%s\" repeated (first on line %zu)", nd[r].code,
                                         fc_csv_table_line(t, q));
            parent_found |= strcmp(nd[q].code, nd[r].parent) == 0;
            has_child |= strcmp(nd[q].parent, nd[r].code) == 0;
        }
        if (!parent_found)
            return fc_csv_table_fail(t, r, c0 + 1, err, FC_EPARSE,
                                     "parent \"%s\" is not a code of the hierarchy", nd[r].parent);
        if (!has_child && isnan(nd[r].weight))
            return fc_csv_table_fail(t, r, c0 + 2, err, FC_EMISSING,
                                     "\"%s\" is a leaf (a component) and needs a weight",
                                     nd[r].code);
    }
    return FC_OK;
}

static fc_status read_tree(const fc_csv_table *t, int dated, fc_weights **out, fc_error *err)
{
    size_t n = fc_csv_table_rows(t), c0 = dated ? 1 : 0;
    fc_hierarchy_node *nd = calloc(n, sizeof *nd);
    if (!nd)
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu hierarchy rows", n);
    fc_status st = FC_OK;
    for (size_t r = 0; r < n && !st; r++) {
        nd[r].code = fc_csv_table_cell(t, r, c0);
        nd[r].parent = fc_csv_table_cell(t, r, c0 + 1);
        nd[r].year = FC_WEIGHTS_ANY_YEAR;
        if (dated)
            st = cell_year(t, r, 0, &nd[r].year, err);
        if (!st)
            st = cell_weight(t, r, c0 + 2, 1, &nd[r].weight, err);
    }
    if (!st)
        st = check_tree_rows(t, nd, n, c0, err);
    if (!st) {
        fc_error inner;
        fc_error_clear(&inner);
        st = fc_weights_from_hierarchy(nd, n, out, &inner);
        if (st)
            fc_fail(err, st, "%s: %s", fc_csv_table_source(t), inner.message);
    }
    free(nd);
    return st;
}

static fc_status read_table(fc_csv_table *t, fc_weights **out, fc_error *err)
{
    weights_form form;
    fc_status st = detect_form(t, &form, err);
    if (!st)
        st = form == FORM_FLAT ? read_flat(t, out, err)
                               : read_tree(t, form == FORM_DATED_TREE, out, err);
    fc_csv_table_free(t);
    if (st) {
        fc_weights_free(*out);
        *out = NULL;
    }
    return st;
}

fc_status fc_weights_read_file(const char *path, fc_weights **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_weights_read_file: NULL output pointer");
    *out = NULL;
    fc_csv_table *t = NULL;
    fc_status st = fc_csv_table_read_file(path, &t, err);
    return st ? st : read_table(t, out, err);
}

fc_status fc_weights_read_buffer(const char *data, size_t len, const char *source_name,
                                 fc_weights **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_weights_read_buffer: NULL output pointer");
    *out = NULL;
    fc_csv_table *t = NULL;
    fc_status st = fc_csv_table_read_buffer(data, len, source_name, &t, err);
    return st ? st : read_table(t, out, err);
}
