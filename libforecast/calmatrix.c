/* A calendar regressor matrix from a spec string ("td,easter[8],lny").
 * The spec is parsed once into items; the matrix is sized from them and
 * filled column block by column block. */
#include "internal.h"

#include "calendar_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 32
#define NAME_SIZE 32

typedef enum { IT_TD, IT_TD1, IT_WD, IT_LPYEAR, IT_LOM, IT_EASTER, IT_LNY3, IT_LNY1 } item_kind;

typedef struct {
    item_kind kind;
    int w;               /* easter window */
    fc_lny_window win;   /* lny[a,b] */
} item;

fc_calendar_options fc_calendar_options_default(void)
{
    fc_calendar_options o;
    o.country = FC_COUNTRY_VN;
    o.lny[0] = FC_LNY_BEFORE_DEFAULT;
    o.lny[1] = FC_LNY_HOLIDAY_DEFAULT;
    o.lny[2] = FC_LNY_AFTER_DEFAULT;
    o.lny_center_from = 1968;
    o.lny_center_to = 2100;
    o.holidays.dates = NULL;
    o.holidays.n = 0;
    return o;
}

static size_t item_columns(const item *it)
{
    switch (it->kind) {
    case IT_TD:
        return 6;
    case IT_LNY3:
        return 3;
    default:
        return 1;
    }
}

/* Strict integer from text[0..len). */
static int parse_int(const char *text, size_t len, int *out)
{
    char buf[24];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (*end != '\0' || errno != 0 || v < INT_MIN || v > INT_MAX)
        return 0;
    *out = (int)v;
    return 1;
}

/* Parses one item text[0..len) (already trimmed). */
static fc_status parse_item(const char *text, size_t len, item *it, fc_error *err)
{
    const char *br = memchr(text, '[', len);
    size_t base = br ? (size_t)(br - text) : len;
    const char *arg = NULL;
    size_t arglen = 0;
    if (br) {
        if (text[len - 1] != ']')
            return fc_fail(err, FC_EINVAL, "calendar spec item \"%.*s\": missing ']'",
                           (int)len, text);
        arg = br + 1;
        arglen = len - base - 2;
    }
#define IS(word) (base == strlen(word) && strncmp(text, word, base) == 0)
    if (IS("easter")) {
        it->kind = IT_EASTER;
        it->w = 8; /* X-13's usual choice when no window is given */
        if (arg && !parse_int(arg, arglen, &it->w))
            return fc_fail(err, FC_EINVAL, "calendar spec item \"%.*s\": bad window",
                           (int)len, text);
        if (it->w < 1 || it->w > FC_EASTER_W_MAX)
            return fc_fail(err, FC_EINVAL, "easter[%d]: the window must be 1..%d days",
                           it->w, FC_EASTER_W_MAX);
        return FC_OK;
    }
    if (IS("lny")) {
        if (!arg) {
            it->kind = IT_LNY3;
            return FC_OK;
        }
        /* lny[a,b] or lny[a:b] (the column name uses ':' so that it is one CSV cell) */
        const char *comma = memchr(arg, ',', arglen);
        if (!comma)
            comma = memchr(arg, ':', arglen);
        if (!comma || !parse_int(arg, (size_t)(comma - arg), &it->win.first) ||
            !parse_int(comma + 1, arglen - (size_t)(comma - arg) - 1, &it->win.last))
            return fc_fail(err, FC_EINVAL,
                           "calendar spec item \"%.*s\": expected lny[first,last] or lny[first:last]", (int)len,
                           text);
        it->kind = IT_LNY1;
        return FC_OK;
    }
    if (arg)
        return fc_fail(err, FC_EINVAL, "calendar spec item \"%.*s\" takes no [argument]",
                       (int)len, text);
    if (IS("td"))
        it->kind = IT_TD;
    else if (IS("td1") || IS("td1coef"))
        it->kind = IT_TD1;
    else if (IS("wd"))
        it->kind = IT_WD;
    else if (IS("lpyear"))
        it->kind = IT_LPYEAR;
    else if (IS("lom") || IS("loq"))
        it->kind = IT_LOM;
    else
        return fc_fail(err, FC_EINVAL,
                       "unknown calendar regressor \"%.*s\" (use td, td1, wd, lpyear, lom, "
                       "easter[w], lny or lny[a,b])",
                       (int)len, text);
#undef IS
    return FC_OK;
}

/* Splits the spec on commas outside brackets. */
static fc_status parse_spec(const char *spec, item *items, size_t *nitems, fc_error *err)
{
    *nitems = 0;
    const char *p = spec;
    while (1) {
        while (isspace((unsigned char)*p))
            p++;
        const char *q = p;
        int depth = 0;
        while (*q && !(*q == ',' && depth == 0)) {
            depth += (*q == '[') - (*q == ']');
            q++;
        }
        size_t len = (size_t)(q - p);
        while (len > 0 && isspace((unsigned char)p[len - 1]))
            len--;
        if (len == 0)
            return fc_fail(err, FC_EINVAL, "calendar spec \"%s\" has an empty item", spec);
        if (*nitems == MAX_ITEMS)
            return fc_fail(err, FC_EINVAL, "calendar spec \"%s\" has more than %d items", spec,
                           MAX_ITEMS);
        fc_status st = parse_item(p, len, &items[*nitems], err);
        if (st != FC_OK)
            return st;
        (*nitems)++;
        if (*q == '\0')
            return FC_OK;
        p = q + 1;
    }
}

void fc_calendar_matrix_free(fc_calendar_matrix *m)
{
    if (!m)
        return;
    if (m->names)
        for (size_t j = 0; j < m->ncol; j++)
            free(m->names[j]);
    free(m->names);
    free(m->x);
    free(m);
}

static fc_status alloc_matrix(size_t n, size_t ncol, int freq, fc_period start,
                              fc_calendar_matrix **out, fc_error *err)
{
    fc_calendar_matrix *m = calloc(1, sizeof *m);
    if (!m)
        return fc_fail(err, FC_ENOMEM, "calendar matrix: out of memory");
    m->n = n;
    m->ncol = ncol;
    m->freq = freq;
    m->start = start;
    m->x = calloc(n * ncol, sizeof *m->x);
    m->names = calloc(ncol, sizeof *m->names);
    if (!m->x || !m->names) {
        fc_calendar_matrix_free(m);
        return fc_fail(err, FC_ENOMEM, "calendar matrix: out of memory for %zu x %zu", n,
                       ncol);
    }
    for (size_t j = 0; j < ncol; j++) {
        m->names[j] = malloc(NAME_SIZE);
        if (!m->names[j]) {
            fc_calendar_matrix_free(m);
            return fc_fail(err, FC_ENOMEM, "calendar matrix: out of memory");
        }
    }
    *out = m;
    return FC_OK;
}

/* Copies column col (n values, contiguous) into the matrix at column j. */
static void put_column(fc_calendar_matrix *m, size_t j, const double *col)
{
    for (size_t i = 0; i < m->n; i++)
        m->x[i * m->ncol + j] = col[i];
}

/* Fills k LNY columns from column j; tmp holds at least 6n doubles. */
static fc_status fill_lny(fc_calendar_matrix *m, size_t j, const fc_lny_window *w, size_t k,
                          const fc_calendar_options *o, double *tmp, fc_error *err)
{
    fc_lny_options lo = fc_lny_options_default();
    lo.country = o->country;
    lo.center_from = o->lny_center_from;
    lo.center_to = o->lny_center_to;
    fc_status st = fc_calendar_lny_multi(m->freq, m->start, m->n, w, k, &lo, tmp, err);
    if (st != FC_OK)
        return st;
    for (size_t i = 0; i < m->n; i++)
        for (size_t c = 0; c < k; c++)
            m->x[i * m->ncol + j + c] = tmp[i * k + c];
    for (size_t c = 0; c < k; c++)
        snprintf(m->names[j + c], NAME_SIZE, "LNY[%d:%d]", w[c].first, w[c].last);
    return FC_OK;
}

/* Fills the columns of one item starting at column j; tmp has 6n doubles. */
static fc_status fill_item(fc_calendar_matrix *m, size_t j, const item *it,
                           const fc_calendar_options *o, double *tmp, fc_error *err)
{
    static const char *days[6] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    fc_status st = FC_OK;
    switch (it->kind) {
    case IT_TD:
        st = fc_calendar_td(m->freq, m->start, m->n, &o->holidays, tmp, err);
        if (st != FC_OK)
            return st;
        for (size_t i = 0; i < m->n; i++)
            for (size_t k = 0; k < 6; k++)
                m->x[i * m->ncol + j + k] = tmp[i * 6 + k];
        for (size_t k = 0; k < 6; k++)
            snprintf(m->names[j + k], NAME_SIZE, "%s", days[k]);
        return FC_OK;
    case IT_LNY3:
        return fill_lny(m, j, o->lny, 3, o, tmp, err);
    case IT_LNY1:
        return fill_lny(m, j, &it->win, 1, o, tmp, err);
    case IT_TD1:
        st = fc_calendar_td1(m->freq, m->start, m->n, &o->holidays, tmp, err);
        snprintf(m->names[j], NAME_SIZE, "Weekday");
        break;
    case IT_WD:
        st = fc_calendar_working_days(m->freq, m->start, m->n, &o->holidays, tmp, err);
        snprintf(m->names[j], NAME_SIZE, "WorkingDays");
        break;
    case IT_LPYEAR:
        st = fc_calendar_lpyear(m->freq, m->start, m->n, tmp, err);
        snprintf(m->names[j], NAME_SIZE, "LeapYear");
        break;
    case IT_LOM:
        st = fc_calendar_length(m->freq, m->start, m->n, tmp, err);
        snprintf(m->names[j], NAME_SIZE, "LengthOfPeriod");
        break;
    case IT_EASTER:
        st = fc_calendar_easter(m->freq, m->start, m->n, it->w, tmp, err);
        snprintf(m->names[j], NAME_SIZE, "Easter[%d]", it->w);
        break;
    }
    if (st == FC_OK)
        put_column(m, j, tmp);
    return st;
}

fc_status fc_calendar_matrix_build(const char *spec, int freq, fc_period start, size_t n,
                                   const fc_calendar_options *opt, fc_calendar_matrix **out,
                                   fc_error *err)
{
    if (!spec || !out)
        return fc_fail(err, FC_EINVAL, "fc_calendar_matrix_build: NULL argument");
    *out = NULL;
    fc_calendar_options o = opt ? *opt : fc_calendar_options_default();
    item items[MAX_ITEMS];
    size_t nitems;
    fc_status st = parse_spec(spec, items, &nitems, err);
    if (st != FC_OK)
        return st;
    /* validate the span once, with the strictest year range (LNY's) only if used */
    double probe;
    st = fc_calendar_check_span(freq, start, n, &probe, 1583, 9999, err);
    if (st != FC_OK)
        return st;
    size_t ncol = 0;
    for (size_t k = 0; k < nitems; k++)
        ncol += item_columns(&items[k]);
    fc_calendar_matrix *m = NULL;
    st = alloc_matrix(n, ncol, freq, start, &m, err);
    if (st != FC_OK)
        return st;
    double *tmp = malloc(6 * n * sizeof *tmp);
    if (!tmp) {
        fc_calendar_matrix_free(m);
        return fc_fail(err, FC_ENOMEM, "calendar matrix: out of memory");
    }
    size_t j = 0;
    for (size_t k = 0; k < nitems && st == FC_OK; k++) {
        st = fill_item(m, j, &items[k], &o, tmp, err);
        j += item_columns(&items[k]);
    }
    free(tmp);
    if (st != FC_OK) {
        fc_calendar_matrix_free(m);
        return st;
    }
    *out = m;
    return FC_OK;
}
