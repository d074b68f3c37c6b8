/* SVG line charts for the CLI's --plot option (see svg.h for why). */
#include "svg.h"

#include <math.h>
#include <string.h>

#define SVG_MARGIN_LEFT 64.0
#define SVG_MARGIN_RIGHT 16.0
#define SVG_MARGIN_TOP 30.0
#define SVG_MARGIN_BOTTOM 44.0
#define SVG_TITLE_HEIGHT 28.0

void svg_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*s, out);
        }
    }
}

size_t svg_nice_ticks(double lo, double hi, size_t target, double *first, double *step)
{
    if (!isfinite(lo) || !isfinite(hi) || target < 2)
        return 0;
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double span = hi - lo;
    if (span <= 0)
        span = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1.0;
    double raw = span / (double)(target - 1);
    double mag = pow(10.0, floor(log10(raw)));
    double unit = raw / mag;
    double nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
    *step = nice * mag;
    *first = ceil(lo / *step - 1e-9) * *step;
    size_t count = 0;
    for (double t = *first; t <= hi + *step * 1e-9 && count < 100; t += *step)
        count++;
    return count;
}

/* Data range of the panel's lines and bands (finite values only). */
static int svg_panel_range(const svg_panel *p, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t k = 0; k < p->nlines; k++)
        for (size_t i = 0; i < p->n; i++)
            if (isfinite(p->lines[k].y[i])) {
                *lo = fmin(*lo, p->lines[k].y[i]);
                *hi = fmax(*hi, p->lines[k].y[i]);
            }
    for (size_t k = 0; k < p->nbands; k++)
        for (size_t i = 0; i < p->n; i++)
            if (isfinite(p->bands[k].lo[i]) && isfinite(p->bands[k].hi[i])) {
                *lo = fmin(*lo, p->bands[k].lo[i]);
                *hi = fmax(*hi, p->bands[k].hi[i]);
            }
    if (!isfinite(*lo))
        return -1;
    if (*hi == *lo) {
        *lo -= 1;
        *hi += 1;
    }
    return 0;
}

typedef struct {
    double x0, y0, w, h;   /* plot area in px */
    double lo, hi;         /* y data range shown */
    size_t n;
} svg_frame;

static double svg_px_x(const svg_frame *f, size_t i)
{
    return f->n > 1 ? f->x0 + f->w * (double)i / (double)(f->n - 1) : f->x0 + f->w / 2;
}

static double svg_px_y(const svg_frame *f, double y)
{
    return f->y0 + f->h * (1.0 - (y - f->lo) / (f->hi - f->lo));
}

/* A polyline per run of finite values. */
static void svg_draw_line(FILE *out, const svg_frame *f, const svg_line *l)
{
    const char *color = l->color ? l->color : "#1f77b4";
    double width = l->width > 0 ? l->width : 1.5;
    size_t i = 0;
    while (i < f->n) {
        while (i < f->n && !isfinite(l->y[i]))
            i++;
        if (i >= f->n)
            break;
        fprintf(out, "<polyline fill=\"none\" stroke=\"");
        svg_escape(out, color);
        fprintf(out, "\" stroke-width=\"%.2f\"%s points=\"", width,
                l->dashed ? " stroke-dasharray=\"6,4\"" : "");
        for (int first = 1; i < f->n && isfinite(l->y[i]); i++, first = 0)
            fprintf(out, "%s%.2f,%.2f", first ? "" : " ", svg_px_x(f, i), svg_px_y(f, l->y[i]));
        fputs("\"/>\n", out);
    }
}

/* A polygon per run where both bounds are finite. */
static void svg_draw_band(FILE *out, const svg_frame *f, const svg_band *b)
{
    double opacity = b->opacity > 0 ? b->opacity : 0.25;
    size_t i = 0;
    while (i < f->n) {
        while (i < f->n && !(isfinite(b->lo[i]) && isfinite(b->hi[i])))
            i++;
        if (i >= f->n)
            break;
        size_t start = i;
        while (i < f->n && isfinite(b->lo[i]) && isfinite(b->hi[i]))
            i++;
        fprintf(out, "<polygon fill=\"");
        svg_escape(out, b->color ? b->color : "#1f77b4");
        fprintf(out, "\" fill-opacity=\"%.2f\" stroke=\"none\" points=\"", opacity);
        for (size_t j = start; j < i; j++)
            fprintf(out, "%.2f,%.2f ", svg_px_x(f, j), svg_px_y(f, b->hi[j]));
        for (size_t j = i; j-- > start;)
            fprintf(out, "%.2f,%.2f%s", svg_px_x(f, j), svg_px_y(f, b->lo[j]), j > start ? " " : "");
        fputs("\"/>\n", out);
    }
}

/* Label step: year starts ("YYYY-01", "YYYY-Q1") when there are few enough,
 * else every k-th point so that at most ~12 labels show. */
static int svg_show_label(const svg_panel *p, size_t i, size_t every)
{
    const char *l = p->xlabels[i];
    size_t len = l ? strlen(l) : 0;
    int year_start = len >= 7 && (strcmp(l + 4, "-01") == 0 || strcmp(l + 4, "-Q1") == 0);
    if (every == 0)
        return year_start;
    return i % every == 0;
}

static void svg_draw_axes(FILE *out, const svg_frame *f, const svg_panel *p)
{
    double first, step;
    size_t nt = svg_nice_ticks(f->lo, f->hi, 6, &first, &step);
    fprintf(out, "<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\">\n");
    for (size_t k = 0; k < nt; k++) {
        double v = first + step * (double)k;
        if (fabs(v) < step * 1e-9)
            v = 0;
        double y = svg_px_y(f, v);
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#ddd\"/>\n",
                f->x0, y, f->x0 + f->w, y);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%g</text>\n",
                f->x0 - 6, y + 4, v);
    }
    size_t years = 0;
    for (size_t i = 0; i < p->n; i++)
        years += svg_show_label(p, i, 0);
    size_t every = (years >= 2 && years <= 14) ? 0 : (p->n + 11) / 12;
    for (size_t i = 0; i < p->n; i++) {
        if (!p->xlabels[i] || !svg_show_label(p, i, every))
            continue;
        double x = svg_px_x(f, i);
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#999\"/>\n",
                x, f->y0 + f->h, x, f->y0 + f->h + 4);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", x, f->y0 + f->h + 17);
        svg_escape(out, p->xlabels[i]);
        fputs("</text>\n", out);
    }
    fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                 "stroke=\"#999\"/>\n</g>\n", f->x0, f->y0, f->w, f->h);
}

static void svg_draw_legend(FILE *out, const svg_frame *f, const svg_panel *p)
{
    double x = f->x0 + 8, y = f->y0 + 14;
    fprintf(out, "<g font-family=\"sans-serif\" font-size=\"11\">\n");
    for (size_t k = 0; k < p->nbands; k++) {
        if (!p->bands[k].name)
            continue;
        fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"14\" height=\"8\" fill=\"", x, y - 8);
        svg_escape(out, p->bands[k].color ? p->bands[k].color : "#1f77b4");
        fprintf(out, "\" fill-opacity=\"%.2f\"/>\n<text x=\"%.2f\" y=\"%.2f\">",
                p->bands[k].opacity > 0 ? p->bands[k].opacity : 0.25, x + 18, y);
        svg_escape(out, p->bands[k].name);
        fputs("</text>\n", out);
        y += 14;
    }
    for (size_t k = 0; k < p->nlines; k++) {
        if (!p->lines[k].name)
            continue;
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"", x, y - 4,
                x + 14, y - 4);
        svg_escape(out, p->lines[k].color ? p->lines[k].color : "#1f77b4");
        fprintf(out, "\" stroke-width=\"2\"/>\n<text x=\"%.2f\" y=\"%.2f\">", x + 18, y);
        svg_escape(out, p->lines[k].name);
        fputs("</text>\n", out);
        y += 14;
    }
    fputs("</g>\n", out);
}

static int svg_panel_valid(const svg_panel *p)
{
    if (!p || p->n == 0 || !p->xlabels || (p->nlines && !p->lines) || (p->nbands && !p->bands))
        return 0;
    for (size_t k = 0; k < p->nlines; k++)
        if (!p->lines[k].y)
            return 0;
    for (size_t k = 0; k < p->nbands; k++)
        if (!p->bands[k].lo || !p->bands[k].hi)
            return 0;
    return 1;
}

int svg_write(FILE *out, const char *title, const svg_panel *panels, size_t npanels,
              double width, double height)
{
    if (!out || !panels || npanels == 0)
        return -1;
    for (size_t k = 0; k < npanels; k++)
        if (!svg_panel_valid(&panels[k]))
            return -1;
    if (width <= 0)
        width = 800;
    if (height <= 0)
        height = 360.0 * (double)npanels;
    double top = title ? SVG_TITLE_HEIGHT : 0;
    double panel_h = (height - top) / (double)npanels;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            width, height, width, height);
    if (title) {
        fprintf(out, "<text x=\"%.2f\" y=\"20\" text-anchor=\"middle\" font-family=\"sans-serif\" "
                     "font-size=\"15\" font-weight=\"bold\">", width / 2);
        svg_escape(out, title);
        fputs("</text>\n", out);
    }
    for (size_t k = 0; k < npanels; k++) {
        const svg_panel *p = &panels[k];
        svg_frame f = {SVG_MARGIN_LEFT, top + panel_h * (double)k + SVG_MARGIN_TOP,
                   width - SVG_MARGIN_LEFT - SVG_MARGIN_RIGHT,
                   panel_h - SVG_MARGIN_TOP - SVG_MARGIN_BOTTOM, 0, 1, p->n};
        if (svg_panel_range(p, &f.lo, &f.hi) != 0) {
            f.lo = 0;
            f.hi = 1;
        }
        double pad = (f.hi - f.lo) * 0.05;
        f.lo -= pad;
        f.hi += pad;
        fprintf(out, "<g class=\"panel\">\n");
        if (p->title) {
            fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"sans-serif\" font-size=\"12\">",
                    f.x0, f.y0 - 8);
            svg_escape(out, p->title);
            fputs("</text>\n", out);
        }
        svg_draw_axes(out, &f, p);
        for (size_t b = 0; b < p->nbands; b++)
            svg_draw_band(out, &f, &p->bands[b]);
        for (size_t l = 0; l < p->nlines; l++)
            svg_draw_line(out, &f, &p->lines[l]);
        svg_draw_legend(out, &f, p);
        fputs("</g>\n", out);
    }
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}
