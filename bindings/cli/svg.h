/* A small SVG line-chart writer for `--plot FILE.svg`.
 *
 * Why our own and not a plotting library: the CLI gains no dependency
 * (gnuplot, cairo, libpng...), the output is deterministic text (fixed
 * number formats, no timestamps, so charts can be diffed and tested), and a
 * line chart with bands, axes and a legend is about 300 lines.
 * Library-free: tests/test_svg.c includes svg.c directly. */
#ifndef FORECAST_SVG_H
#define FORECAST_SVG_H

#include <stddef.h>
#include <stdio.h>

/* One line: y[0..n) over the chart's x positions; NaN leaves a gap. */
typedef struct {
    const char *name;     /* legend text (NULL: not in the legend) */
    const double *y;
    const char *color;    /* any SVG colour, e.g. "#1f77b4" */
    double width;         /* stroke width in px (0: 1.5) */
    int dashed;
} svg_line;

/* A shaded band between lo and hi (e.g. a prediction interval). */
typedef struct {
    const char *name;
    const double *lo, *hi;
    const char *color;
    double opacity;       /* 0..1 (0: 0.25) */
} svg_band;

/* One panel: n x positions labelled xlabels[i] (e.g. "2021-03"), lines and
 * bands drawn over them, bands first. */
typedef struct {
    const char *title;
    size_t n;
    const char *const *xlabels;
    const svg_line *lines;
    size_t nlines;
    const svg_band *bands;
    size_t nbands;
} svg_panel;

/* Writes a complete SVG document: panels stacked vertically, each with its
 * own y axis (nice 1-2-5 ticks), x labels at year starts (or thinned to fit)
 * and a legend.  width/height of the whole picture in px (0: 800 x 360 per
 * panel).  Returns 0, or -1 when an argument is invalid (no panels, n = 0,
 * NULL arrays) or the stream reports a write error. */
int svg_write(FILE *out, const char *title, const svg_panel *panels, size_t npanels,
              double width, double height);

/* Nice axis ticks for data in [lo, hi]: step 1, 2 or 5 times a power of ten
 * giving about `target` ticks; *first is the first tick >= lo (rounded down
 * to a multiple of step when lo is not one).  Returns the number of ticks
 * (0 when lo/hi are not finite). */
size_t svg_nice_ticks(double lo, double hi, size_t target, double *first, double *step);

/* Writes s with &, <, >, " and ' escaped for XML text and attributes. */
void svg_escape(FILE *out, const char *s);

#endif
