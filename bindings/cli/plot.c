/* --plot FILE.svg: the CLI's charts, drawn with the SVG writer in svg.c. */
#include "cli.h"
#include "svg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PLOT_LABEL_SIZE 16

/* n period labels starting at start, in one allocation (pointers + text). */
static char **plot_period_labels(fc_period start, int freq, size_t n)
{
    char **labels = malloc(n * (sizeof *labels + PLOT_LABEL_SIZE));
    if (!labels)
        return NULL;
    char *text = (char *)(labels + n);
    for (size_t i = 0; i < n; i++) {
        labels[i] = text + i * PLOT_LABEL_SIZE;
        fc_period_format(fc_period_add(start, freq, (long)i), freq, labels[i], PLOT_LABEL_SIZE);
    }
    return labels;
}

static double *plot_nan_array(size_t n)
{
    double *a = malloc((n ? n : 1) * sizeof *a);
    for (size_t i = 0; a && i < n; i++)
        a[i] = NAN;
    return a;
}

static int plot_write_file(const char *command, const char *path, const char *title,
                      const svg_panel *panels, size_t npanels)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return cli_usage_error(command, "cannot write %s: %s", path, strerror(errno));
    int rc = svg_write(f, title, panels, npanels, 0, 0);
    if (fclose(f) != 0 || rc != 0)
        return cli_usage_error(command, "cannot write %s", path);
    return CLI_EXIT_OK;
}

static const char *const plot_palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                      "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"};
#define PLOT_PALETTE_SIZE (sizeof plot_palette / sizeof plot_palette[0])

int cli_plot_series(const char *command, const char *path, const char *title,
                    const fc_series *const *series, size_t count)
{
    if (count == 0)
        return cli_usage_error(command, "nothing to plot");
    int freq = series[0]->freq;
    fc_period first = series[0]->start, last = fc_series_end(series[0]);
    for (size_t k = 1; k < count; k++) {
        if (series[k]->freq != freq)
            return cli_usage_error(command, "cannot plot series of different frequencies");
        if (fc_period_diff(series[k]->start, first, freq) > 0)
            first = series[k]->start;
        if (fc_period_diff(last, fc_series_end(series[k]), freq) > 0)
            last = fc_series_end(series[k]);
    }
    size_t n = (size_t)fc_period_diff(first, last, freq) + 1;
    char **labels = plot_period_labels(first, freq, n);
    svg_line *lines = calloc(count, sizeof *lines);
    double *ys = malloc(count * n * sizeof *ys);
    int rc = CLI_EXIT_INPUT;
    if (labels && lines && ys) {
        for (size_t k = 0; k < count; k++) {
            double *y = ys + k * n;
            long off = fc_period_diff(first, series[k]->start, freq);
            for (size_t i = 0; i < n; i++) {
                long j = (long)i - off;
                y[i] = (j >= 0 && (size_t)j < series[k]->n) ? series[k]->values[j] : NAN;
            }
            lines[k] = (svg_line){series[k]->name ? series[k]->name : "value", y,
                                  plot_palette[k % PLOT_PALETTE_SIZE], 0, 0};
        }
        svg_panel panel = {NULL, n, (const char *const *)labels, lines, count, NULL, 0};
        rc = plot_write_file(command, path, title, &panel, 1);
    } else {
        rc = cli_usage_error(command, "out of memory while plotting");
    }
    free(labels);
    free(lines);
    free(ys);
    return rc;
}

int cli_plot_forecast(const char *command, const char *path, const char *title,
                      const cli_fan *fan)
{
    const fc_series *hist = fan->history;
    size_t n = hist->n + fan->h;
    if (hist->n == 0)
        return cli_usage_error(command, "nothing to plot");
    char **labels = plot_period_labels(hist->start, hist->freq, n);
    double *y = plot_nan_array(n), *mean = plot_nan_array(n);
    double *bounds = plot_nan_array(2 * n * (fan->nlevels ? fan->nlevels : 1));
    svg_band *bands = calloc(fan->nlevels ? fan->nlevels : 1, sizeof *bands);
    char (*names)[32] = calloc(fan->nlevels ? fan->nlevels : 1, sizeof *names);
    int rc;
    if (!labels || !y || !mean || !bounds || !bands || !names) {
        rc = cli_usage_error(command, "out of memory while plotting");
        goto done;
    }
    memcpy(y, hist->values, hist->n * sizeof *y);
    /* The forecast line starts at the last observation so that it joins the history. */
    mean[hist->n - 1] = hist->values[hist->n - 1];
    for (size_t i = 0; i < fan->h; i++)
        mean[hist->n + i] = fan->mean[i];
    /* Widest band first, so that the narrower ones are drawn over it. */
    for (size_t k = 0; k < fan->nlevels; k++) {
        size_t src = fan->nlevels - 1 - k;
        double *lo = bounds + 2 * k * n, *hi = lo + n;
        lo[hist->n - 1] = hi[hist->n - 1] = hist->values[hist->n - 1];
        for (size_t i = 0; i < fan->h; i++) {
            lo[hist->n + i] = fan->lower[src][i];
            hi[hist->n + i] = fan->upper[src][i];
        }
        snprintf(names[k], sizeof names[k], "%g%% interval", fan->levels[src]);
        bands[k] = (svg_band){names[k], lo, hi, "#1f77b4", 0.15 + 0.15 * (double)k};
    }
    const char *hname = hist->name && strcmp(hist->name, "value") != 0 ? hist->name : "observed";
    svg_line lines[2] = {{hname, y, "#222222", 1.5, 0},
                         {"forecast", mean, "#1f77b4", 2, 1}};
    svg_panel panel = {NULL, n, (const char *const *)labels, lines, 2, bands, fan->nlevels};
    rc = plot_write_file(command, path, title, &panel, 1);
done:
    free(labels);
    free(y);
    free(mean);
    free(bounds);
    free(bands);
    free(names);
    return rc;
}

int cli_plot_decomposition(const char *command, const char *path, const char *title,
                           const fc_series *original, const double *seasonal,
                           const double *trend, const double *irregular,
                           const double *adjusted)
{
    size_t n = original->n;
    if (n == 0)
        return cli_usage_error(command, "nothing to plot");
    char **labels = plot_period_labels(original->start, original->freq, n);
    if (!labels)
        return cli_usage_error(command, "out of memory while plotting");
    svg_line top[3];
    size_t ntop = 0;
    top[ntop++] = (svg_line){"original", original->values, "#999999", 1.2, 0};
    if (adjusted)
        top[ntop++] = (svg_line){"seasonally adjusted", adjusted, "#1f77b4", 1.8, 0};
    if (trend)
        top[ntop++] = (svg_line){"trend", trend, "#d62728", 1.8, 0};
    svg_line sline = {"seasonal", seasonal, "#2ca02c", 1.5, 0};
    svg_line iline = {"irregular", irregular, "#7f7f7f", 1.2, 0};
    svg_panel panels[3];
    size_t np = 0;
    panels[np++] = (svg_panel){"Original, seasonally adjusted and trend", n,
                               (const char *const *)labels, top, ntop, NULL, 0};
    if (seasonal)
        panels[np++] = (svg_panel){"Seasonal component", n, (const char *const *)labels,
                                   &sline, 1, NULL, 0};
    if (irregular)
        panels[np++] = (svg_panel){"Irregular component", n, (const char *const *)labels,
                                   &iline, 1, NULL, 0};
    int rc = plot_write_file(command, path, title, panels, np);
    free(labels);
    return rc;
}

int cli_plot_growth(const char *command, const char *path, const char *title,
                    const fc_series *s)
{
    fc_series *yoy = NULL, *mom = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_growth_yoy(s, FC_GROWTH_PERCENT, &yoy, &err);
    if (!st)
        st = fc_growth_mom(s, FC_GROWTH_PERCENT, &mom, &err);
    char **labels = st ? NULL : plot_period_labels(s->start, s->freq, s->n);
    int rc;
    if (st) {
        rc = cli_fail(command, st, &err);
    } else if (!labels) {
        rc = cli_usage_error(command, "out of memory while plotting");
    } else {
        svg_line level = {s->name && strcmp(s->name, "value") != 0 ? s->name : "level",
                          s->values, "#222222", 1.5, 0};
        svg_line g[2] = {{"y/y", yoy->values, "#1f77b4", 1.8, 0},
                         {s->freq == 12 ? "m/m" : "q/q", mom->values, "#ff7f0e", 1.0, 0}};
        svg_panel panels[2] = {
            {"Level", s->n, (const char *const *)labels, &level, 1, NULL, 0},
            {"Growth, percent", s->n, (const char *const *)labels, g, 2, NULL, 0}};
        rc = plot_write_file(command, path, title, panels, 2);
    }
    free(labels);
    fc_series_free(yoy);
    fc_series_free(mom);
    return rc;
}

int cli_plot_projection(const char *command, const char *path, const char *title,
                        const fc_series *history, const fc_forecast *f)
{
    const double *lower[FC_PLOT_MAX_LEVELS], *upper[FC_PLOT_MAX_LEVELS];
    size_t nlevels = f->nlevels < FC_PLOT_MAX_LEVELS ? f->nlevels : FC_PLOT_MAX_LEVELS;
    for (size_t l = 0; l < nlevels; l++) {
        lower[l] = f->lower + l * f->h;
        upper[l] = f->upper + l * f->h;
    }
    cli_fan fan = {history, f->h, f->mean, nlevels, f->levels, lower, upper};
    return cli_plot_forecast(command, path, title, &fan);
}
