/* Component weights: the flat per-year table and the GSO-style hierarchy
 * (product -> 4-digit -> 2-digit -> section -> total) reduced to it.
 *
 * A hierarchy of weighted arithmetic means equals one weighted mean of the
 * leaves with effective weights = product along the path of
 * (node weight / sum of its siblings' weights); that identity is what lets
 * every aggregation method work on flat weights only. */
#include "index_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fc_status fc_weights_alloc(size_t nyears, size_t ncomponents, fc_weights **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_weights_alloc: NULL output pointer");
    *out = NULL;
    if (nyears == 0 || ncomponents == 0)
        return fc_fail(err, FC_ESHORT, "weights need at least one year and one component "
                                       "(got %zu x %zu)", nyears, ncomponents);
    if (ncomponents > ((size_t)-1) / sizeof(double) / nyears)
        return fc_fail(err, FC_ENOMEM, "weights table %zu x %zu is too large", nyears,
                       ncomponents);
    fc_weights *w = calloc(1, sizeof *w);
    if (w) {
        w->names = calloc(ncomponents, sizeof *w->names);
        w->years = calloc(nyears, sizeof *w->years);
        w->values = malloc(nyears * ncomponents * sizeof *w->values);
    }
    if (!w || !w->names || !w->years || !w->values) {
        fc_weights_free(w);
        return fc_fail(err, FC_ENOMEM, "cannot allocate weights %zu x %zu", nyears, ncomponents);
    }
    w->nyears = nyears;
    w->ncomponents = ncomponents;
    for (size_t k = 0; k < nyears * ncomponents; k++)
        w->values[k] = NAN;
    *out = w;
    return FC_OK;
}

void fc_weights_free(fc_weights *w)
{
    if (!w)
        return;
    if (w->names)
        for (size_t i = 0; i < w->ncomponents; i++)
            free(w->names[i]);
    free(w->names);
    free(w->years);
    free(w->values);
    free(w);
}

fc_status fc_weights_set_name(fc_weights *w, size_t i, const char *name, fc_error *err)
{
    if (!w || i >= w->ncomponents)
        return fc_fail(err, FC_EINVAL, "fc_weights_set_name: no component %zu", i);
    char *copy = NULL;
    if (name) {
        size_t len = strlen(name) + 1;
        if (!(copy = malloc(len)))
            return fc_fail(err, FC_ENOMEM, "cannot copy a component name");
        memcpy(copy, name, len);
    }
    free(w->names[i]);
    w->names[i] = copy;
    return FC_OK;
}

static const char *component_label(const fc_weights *w, size_t i, char *buf, size_t size)
{
    if (w->names && w->names[i])
        return w->names[i];
    snprintf(buf, size, "#%zu", i + 1);
    return buf;
}

fc_status fc_weights_validate(const fc_weights *w, fc_error *err)
{
    if (!w || !w->years || !w->values || w->nyears == 0 || w->ncomponents == 0)
        return fc_fail(err, FC_EINVAL, "weights are empty");
    for (size_t r = 0; r < w->nyears; r++) {
        if (w->years[r] == FC_WEIGHTS_ANY_YEAR && w->nyears > 1)
            return fc_fail(err, FC_EINVAL, "an undated weights row must be the only row");
        if (r > 0 && w->years[r] <= w->years[r - 1])
            return fc_fail(err, FC_EINVAL, "weight years must increase: %d follows %d",
                           w->years[r], w->years[r - 1]);
        for (size_t i = 0; i < w->ncomponents; i++) {
            double v = w->values[r * w->ncomponents + i];
            char buf[32];
            if (isnan(v))
                return fc_fail(err, FC_EMISSING, "weight of %s in %d is missing",
                               component_label(w, i, buf, sizeof buf), w->years[r]);
            if (!isfinite(v) || v <= 0.0)
                return fc_fail(err, FC_EDOMAIN,
                               "weight of %s in %d is %g; weights must be positive and finite",
                               component_label(w, i, buf, sizeof buf), w->years[r], v);
        }
    }
    return FC_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

fc_status fc_weights_find_row(const fc_weights *w, int year, size_t *row, fc_error *err)
{
    if (!w || !row || w->nyears == 0)
        return fc_fail(err, FC_EINVAL, "fc_weights_find_row: no weights");
    if (w->nyears == 1 && w->years[0] == FC_WEIGHTS_ANY_YEAR) {
        *row = 0;
        return FC_OK;
    }
    /* Years increase strictly (fc_weights_validate): binary search, so that
     * chaining a long series costs O(years log years), not O(years^2). */
    size_t lo = fc_lower_bound(w->years, w->nyears, sizeof *w->years, &year, cmp_int);
    if (lo < w->nyears && w->years[lo] == year) {
        *row = lo;
        return FC_OK;
    }
    if (w->nyears == 1)
        return fc_fail(err, FC_ERANGE, "no weights for %d; the weights have only %d", year,
                       w->years[0]);
    return fc_fail(err, FC_ERANGE, "no weights for %d; the weights have %zu rows, %d to %d",
                   year, w->nyears, w->years[0], w->years[w->nyears - 1]);
}

/* ------------------------------------------------------------- hierarchy */

/* One year's tree, indices into the caller's node array. */
typedef struct {
    const fc_hierarchy_node *nodes;
    size_t n;           /* nodes of this year */
    size_t *member;     /* n indices into nodes */
    long *parent;       /* n, -1 for roots (local indices) */
    size_t *nchild;     /* n */
    double *weight;     /* n, resolved */
    double *sibsum;     /* n: sum of weights of the node's siblings incl. itself */
} tree;

static void tree_free(tree *t)
{
    free(t->member);
    free(t->parent);
    free(t->nchild);
    free(t->weight);
    free(t->sibsum);
}

static const char *code_of(const tree *t, size_t k) { return t->nodes[t->member[k]].code; }

static int is_root(const char *parent) { return !parent || !parent[0]; }

static long find_code(const tree *t, const char *code)
{
    for (size_t k = 0; k < t->n; k++)
        if (strcmp(code_of(t, k), code) == 0)
            return (long)k;
    return -1;
}

static fc_status tree_links(tree *t, fc_error *err)
{
    for (size_t k = 0; k < t->n; k++) {
        const fc_hierarchy_node *nd = &t->nodes[t->member[k]];
        if (!nd->code || !nd->code[0])
            return fc_fail(err, FC_EINVAL, "a hierarchy node has an empty code");
        if (find_code(t, nd->code) != (long)k)
            return fc_fail(err, FC_EINVAL, "code \"%s\" appears twice in the hierarchy",
                           nd->code);
        t->parent[k] = -1;
        if (!is_root(nd->parent)) {
            t->parent[k] = find_code(t, nd->parent);
            if (t->parent[k] < 0)
                return fc_fail(err, FC_EINVAL, "node \"%s\" has parent \"%s\", which is not a "
                                               "code of the hierarchy", nd->code, nd->parent);
            t->nchild[t->parent[k]]++;
        }
    }
    /* A walk to a root longer than n steps means a cycle. */
    for (size_t k = 0; k < t->n; k++) {
        long p = (long)k;
        size_t steps = 0;
        while (p >= 0 && steps <= t->n) {
            p = t->parent[p];
            steps++;
        }
        if (p >= 0)
            return fc_fail(err, FC_EINVAL, "the parents of \"%s\" form a cycle", code_of(t, k));
    }
    return FC_OK;
}

/* Resolves missing internal weights as sums of children, deepest first:
 * repeated passes settle one level each, at most n passes. */
static fc_status tree_weights(tree *t, fc_error *err)
{
    for (size_t k = 0; k < t->n; k++) {
        double v = t->nodes[t->member[k]].weight;
        if (t->nchild[k] == 0 && isnan(v))
            return fc_fail(err, FC_EINVAL, "leaf \"%s\" has no weight", code_of(t, k));
        if (!isnan(v) && (!isfinite(v) || v <= 0.0))
            return fc_fail(err, FC_EDOMAIN, "weight of \"%s\" is %g; weights must be positive",
                           code_of(t, k), v);
        t->weight[k] = v;
    }
    for (size_t pass = 0; pass < t->n; pass++) {
        int changed = 0;
        for (size_t k = 0; k < t->n; k++) {
            if (!isnan(t->weight[k]))
                continue;
            double sum = 0.0;
            for (size_t c = 0; c < t->n && !isnan(sum); c++)
                if (t->parent[c] == (long)k)
                    sum += t->weight[c];
            if (!isnan(sum)) {
                t->weight[k] = sum;
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    for (size_t k = 0; k < t->n; k++) {
        double sum = 0.0;
        for (size_t c = 0; c < t->n; c++)
            if (t->parent[c] == t->parent[k])
                sum += t->weight[c];
        t->sibsum[k] = sum;
    }
    return FC_OK;
}

static double leaf_effective_weight(const tree *t, size_t k)
{
    double w = 1.0;
    for (long p = (long)k; p >= 0; p = t->parent[p])
        w *= t->weight[p] / t->sibsum[p];
    return w;
}

static fc_status tree_build(const fc_hierarchy_node *nodes, size_t nnodes, int year, tree *t,
                            fc_error *err)
{
    memset(t, 0, sizeof *t);
    t->nodes = nodes;
    for (size_t k = 0; k < nnodes; k++)
        t->n += nodes[k].year == year;
    t->member = malloc(t->n * sizeof *t->member);
    t->parent = malloc(t->n * sizeof *t->parent);
    t->nchild = calloc(t->n, sizeof *t->nchild);
    t->weight = malloc(t->n * sizeof *t->weight);
    t->sibsum = malloc(t->n * sizeof *t->sibsum);
    if (!t->member || !t->parent || !t->nchild || !t->weight || !t->sibsum)
        return fc_fail(err, FC_ENOMEM, "cannot allocate a hierarchy of %zu nodes", t->n);
    for (size_t k = 0, j = 0; k < nnodes; k++)
        if (nodes[k].year == year)
            t->member[j++] = k;
    fc_status st = tree_links(t, err);
    return st ? st : tree_weights(t, err);
}

/* Distinct years of the nodes, sorted; *count receives their number. */
static fc_status hierarchy_years(const fc_hierarchy_node *nodes, size_t nnodes, int **years,
                                 size_t *count, fc_error *err)
{
    int *y = malloc(nnodes * sizeof *y);
    if (!y)
        return fc_fail(err, FC_ENOMEM, "cannot allocate %zu years", nnodes);
    int undated = 0;
    for (size_t k = 0; k < nnodes; k++) {
        y[k] = nodes[k].year;
        undated += y[k] == FC_WEIGHTS_ANY_YEAR;
    }
    if (undated && undated != (int)nnodes) {
        free(y);
        return fc_fail(err, FC_EINVAL, "either every hierarchy row has a year or none has");
    }
    qsort(y, nnodes, sizeof *y, cmp_int);
    size_t m = 0;
    for (size_t k = 0; k < nnodes; k++)
        if (m == 0 || y[k] != y[m - 1])
            y[m++] = y[k];
    *years = y;
    *count = m;
    return FC_OK;
}

/* Writes row r of out from year's tree; the first year defines the leaves. */
static fc_status fill_row(fc_weights *out, size_t r, const tree *t, int year, fc_error *err)
{
    size_t nleaves = 0;
    for (size_t k = 0; k < t->n; k++) {
        if (t->nchild[k])
            continue;
        nleaves++;
        size_t i = 0;
        while (i < out->ncomponents && strcmp(out->names[i], code_of(t, k)) != 0)
            i++;
        if (i == out->ncomponents)
            return fc_fail(err, FC_EINVAL, "leaf \"%s\" of %d is not a leaf of %d; every year "
                                           "needs the same leaves", code_of(t, k), year,
                           out->years[0]);
        out->values[r * out->ncomponents + i] = leaf_effective_weight(t, k);
    }
    if (nleaves != out->ncomponents)
        return fc_fail(err, FC_EINVAL, "%d has %zu leaves but %d has %zu; every year needs the "
                                       "same leaves", year, nleaves, out->years[0],
                       out->ncomponents);
    return FC_OK;
}

static fc_status leaves_of(const tree *t, size_t nyears, fc_weights **out, fc_error *err)
{
    size_t nleaves = 0;
    for (size_t k = 0; k < t->n; k++)
        nleaves += t->nchild[k] == 0;
    fc_status st = fc_weights_alloc(nyears, nleaves, out, err);
    for (size_t k = 0, i = 0; k < t->n && !st; k++)
        if (t->nchild[k] == 0)
            st = fc_weights_set_name(*out, i++, code_of(t, k), err);
    return st;
}

fc_status fc_weights_from_hierarchy(const fc_hierarchy_node *nodes, size_t nnodes,
                                    fc_weights **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_weights_from_hierarchy: NULL output pointer");
    *out = NULL;
    if (!nodes || nnodes == 0)
        return fc_fail(err, FC_ESHORT, "the hierarchy has no nodes");
    int *years = NULL;
    size_t nyears = 0;
    fc_status st = hierarchy_years(nodes, nnodes, &years, &nyears, err);
    for (size_t r = 0; r < nyears && !st; r++) {
        tree t;
        st = tree_build(nodes, nnodes, years[r], &t, err);
        if (!st && r == 0)
            st = leaves_of(&t, nyears, out, err);
        if (!st) {
            (*out)->years[r] = years[r];
            st = fill_row(*out, r, &t, years[r], err);
        }
        tree_free(&t);
    }
    free(years);
    if (st) {
        fc_weights_free(*out);
        *out = NULL;
    }
    return st;
}
