/* `forecast report`: the sentences an industry department publishes each
 * month, computed from the data (growth.c) and worded by report_text.c.
 *
 *   forecast report [--lang en|vi] [--series NAME] [--indicator TEXT]
 *                   [--flow] [--unit TEXT] [--period YYYY-MM] [--decimals N] FILE
 *
 * Index series (IIP): m/m and y/y of the reported month, then the quarter's
 * y/y when the month closes a quarter and the year-to-date y/y otherwise
 * (quarters average their months; the ratio equals that of the sums).
 * --flow (exports, imports): the month's level and the year-to-date / quarter
 * totals in --unit (default "million USD" / "triệu USD") are reported too. */
#include "cli.h"
#include "report_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    rpt_lang lang;
    int flow;
    int decimals;        /* for percentages */
    int level_decimals;  /* for levels */
    const char *indicator;
    const char *unit;
    int project;         /* add the next quarter's projected y/y */
    double level;        /* its interval, percent */
} report_style;

/* Growth figures of one period of s. */
typedef struct {
    fc_period period;
    int freq;
    double level, pop, yoy, ytd, ytd_total;
    int has_quarter;     /* monthly series, period closes a quarter */
    double q_yoy, q_total;
} report_figures;

static double value_at(const fc_series *s, fc_period p)
{
    size_t i;
    if (fc_series_index_of(s, p, &i, NULL) != FC_OK)
        return NAN;
    return s->values[i];
}

/* Sum of the levels from the first period of p's year to p. */
static double year_to_date_total(const fc_series *s, fc_period p)
{
    double sum = 0;
    for (int k = 1; k <= p.sub; k++)
        sum += value_at(s, (fc_period){p.year, k});
    return sum;
}

static fc_status compute_growth(const fc_series *s, fc_period p, report_figures *f,
                                fc_error *err)
{
    cli_growth_rates g;
    fc_status st = cli_growth_rates_compute(s, FC_GROWTH_PERCENT, &g, err);
    if (!st) {
        f->period = p;
        f->freq = s->freq;
        f->level = value_at(s, p);
        f->pop = value_at(g.pop, p);
        f->yoy = value_at(g.yoy, p);
        f->ytd = value_at(g.ytd, p);
        f->ytd_total = year_to_date_total(s, p);
    }
    cli_growth_rates_free(&g);
    return st;
}

/* y/y growth and total of the quarter that month p closes. */
static fc_status compute_quarter(const fc_series *s, int flow, report_figures *f,
                                 fc_error *err)
{
    f->has_quarter = 0;
    if (s->freq != 12 || f->period.sub % 3 != 0)
        return FC_OK;
    fc_series *q = NULL, *qy = NULL;
    fc_status st = fc_growth_quarterly(s, flow ? FC_QUARTER_SUM : FC_QUARTER_MEAN, &q, err);
    if (st == FC_ESHORT)   /* no complete quarter: nothing to say about it */
        return FC_OK;
    if (!st)
        st = fc_growth_yoy(q, FC_GROWTH_PERCENT, &qy, err);
    if (!st) {
        fc_period qp = {f->period.year, f->period.sub / 3};
        f->q_yoy = value_at(qy, qp);
        f->q_total = value_at(q, qp);
        f->has_quarter = 1;
    }
    fc_series_free(q);
    fc_series_free(qy);
    return st;
}

/* The last period with a value (the month being reported by default). */
static int last_observed(const fc_series *s, fc_period *p)
{
    for (size_t i = s->n; i-- > 0;)
        if (isfinite(s->values[i])) {
            *p = fc_series_period(s, i);
            return 0;
        }
    return -1;
}

/* The quarter that holds the month after p: still open when p does not
 * close a quarter (e.g. Q1 after February), the next one when it does; for
 * a quarterly series, the next quarter. */
static fc_period next_quarter(fc_period p, int freq)
{
    if (freq == 4)
        return fc_period_add(p, 4, 1);
    fc_period m = fc_period_add(p, 12, 1);
    return (fc_period){m.year, (m.sub - 1) / 3 + 1};
}

/* Projects that quarter with the library's default model choice (as
 * `forecast project --quarter`).  A projection that cannot be made does not
 * stop the report: the reason goes to stderr and the sentence is left out. */
static int compute_projection(const fc_series *s, fc_period p, const report_style *st,
                              fc_quarter_projection *q)
{
    fc_project_options po = fc_project_options_default();
    po.model = FC_PROJECT_MODEL_AUTO;
    po.aggregate = st->flow ? FC_QUARTER_SUM : FC_QUARTER_MEAN;
    po.nlevels = 1;
    po.levels[0] = st->level;
    fc_error err;
    fc_error_clear(&err);
    fc_status status = fc_project_quarter(s, next_quarter(p, s->freq), &po, q, &err);
    if (status) {
        fprintf(stderr, "forecast report: no projection: %s\n",
                err.message[0] ? err.message : fc_strerror(status));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- wording */

static void put_change(FILE *out, double pct, const report_style *st)
{
    char buf[96];
    rpt_change(buf, sizeof buf, pct, st->decimals, st->lang);
    fputs(buf, out);
}

static void put_level(FILE *out, double x, const report_style *st)
{
    char buf[96];
    rpt_number(buf, sizeof buf, x, st->level_decimals, st->lang);
    fprintf(out, "%s %s", buf, st->unit);
}

static void period_phrase(char *buf, size_t size, fc_period p, int freq, rpt_lang lang)
{
    if (freq == 12)
        rpt_month_phrase(buf, size, p.year, p.sub, lang);
    else
        rpt_quarter_phrase(buf, size, p.year, p.sub, lang);
}

/* The words of a period sentence in one language. */
typedef struct {
    const char *level;          /* before the level: "đạt " / "at " */
    const char *on_month;       /* after the m/m change */
    const char *on_quarter;     /* after the q/q change */
    const char *and_;           /* before the last of three clauses or a lone y/y */
} clause_words;

static const clause_words WORDS_VI = {"đạt ", " so với tháng trước", " so với quý trước", " và "};
static const clause_words WORDS_EN = {"at ", " on the previous month", " on the previous quarter",
                                      " and "};

/* The clauses after the period: [level, ]pop change[ and ]yoy change
 * then on_year (clauses without data are left out), and the full stop. */
static void put_clauses(FILE *out, const report_figures *f, const report_style *st,
                        const clause_words *w, const char *on_year)
{
    int clauses = 0;
    if (st->flow && isfinite(f->level)) {
        fputs(w->level, out);
        put_level(out, f->level, st);
        clauses++;
    }
    if (isfinite(f->pop)) {
        fputs(clauses ? ", " : "", out);
        put_change(out, f->pop, st);
        fputs(f->freq == 12 ? w->on_month : w->on_quarter, out);
        clauses++;
    }
    if (isfinite(f->yoy)) {
        fputs(clauses > 1 || (clauses == 1 && !st->flow) ? w->and_ : clauses ? ", " : "", out);
        put_change(out, f->yoy, st);
        fputs(on_year, out);
    }
    fputs(".", out);
}

/* "Chỉ số ... tháng 3/2021 ước tăng 1,2% so với tháng trước và tăng 3,4% so
 * với cùng kỳ năm 2020." (clauses without data are left out) */
static void sentence_period_vi(FILE *out, const report_figures *f, const report_style *st)
{
    char when[64], on_year[64];
    period_phrase(when, sizeof when, f->period, f->freq, RPT_VI);
    snprintf(on_year, sizeof on_year, " so với cùng kỳ năm %d", f->period.year - 1);
    fprintf(out, "%s %s ước ", st->indicator, when);
    put_clauses(out, f, st, &WORDS_VI, on_year);
}

static void sentence_period_en(FILE *out, const report_figures *f, const report_style *st)
{
    char when[64], last_year[64], on_year[80];
    period_phrase(when, sizeof when, f->period, f->freq, RPT_EN);
    period_phrase(last_year, sizeof last_year, (fc_period){f->period.year - 1, f->period.sub},
                  f->freq, RPT_EN);
    snprintf(on_year, sizeof on_year, " on %s", last_year);
    fprintf(out, "%s for %s is estimated ", st->indicator, when);
    put_clauses(out, f, st, &WORDS_EN, on_year);
}

/* " Tính chung quý I/2021 ước [đạt X triệu USD, ]tăng 5,71% so với cùng kỳ năm trước." */
static void sentence_cumulative(FILE *out, const char *what, double total, double pct,
                                const report_style *st)
{
    if (!isfinite(pct))
        return;
    if (st->lang == RPT_VI) {
        fprintf(out, " Tính chung %s ước ", what);
        if (st->flow && isfinite(total)) {
            fputs("đạt ", out);
            put_level(out, total, st);
            fputs(", ", out);
        }
        put_change(out, pct, st);
        fputs(" so với cùng kỳ năm trước.", out);
    } else {
        fprintf(out, " For %s ", what);
        if (st->flow && isfinite(total)) {
            fputs("the total is estimated at ", out);
            put_level(out, total, st);
            fputs(", ", out);
        } else {
            fputs("it is estimated ", out);
        }
        put_change(out, pct, st);
        fputs(" on a year earlier.", out);
    }
}

/* " Dự báo quý II/2021 ước tăng 5,20% so với cùng kỳ năm trước (khoảng dự
 * báo 80%: từ 1,30% đến 9,10%)." */
static void sentence_projection(FILE *out, const fc_quarter_projection *q,
                                const report_style *st)
{
    char when[64], lo[64], hi[64], lv[16];
    rpt_quarter_phrase(when, sizeof when, q->quarter.year, q->quarter.sub, st->lang);
    rpt_number(lo, sizeof lo, q->yoy_lower[0], st->decimals, st->lang);
    rpt_number(hi, sizeof hi, q->yoy_upper[0], st->decimals, st->lang);
    rpt_number(lv, sizeof lv, q->levels[0], q->levels[0] == (int)q->levels[0] ? 0 : 1, st->lang);
    if (st->lang == RPT_VI) {
        fprintf(out, " Dự báo %s ước ", when);
        if (st->flow) {
            fputs("đạt ", out);
            put_level(out, q->level, st);
            fputs(", ", out);
        }
        put_change(out, q->yoy, st);
        fprintf(out, " so với cùng kỳ năm trước (khoảng dự báo %s%%: từ %s%% đến %s%%).", lv, lo,
                hi);
    } else {
        fprintf(out, " The projection for %s is ", when);
        if (st->flow) {
            put_level(out, q->level, st);
            fputs(", ", out);
        }
        put_change(out, q->yoy, st);
        fprintf(out, " on a year earlier (%s%% interval: %s%% to %s%%).", lv, lo, hi);
    }
}

static void write_report(FILE *out, const report_figures *f, const report_style *st,
                         const fc_quarter_projection *q)
{
    char what[64];
    if (st->lang == RPT_VI)
        sentence_period_vi(out, f, st);
    else
        sentence_period_en(out, f, st);
    int months = f->freq == 12 ? f->period.sub : 3 * f->period.sub;
    if (f->has_quarter) {
        rpt_quarter_phrase(what, sizeof what, f->period.year, f->period.sub / 3, st->lang);
        sentence_cumulative(out, what, f->q_total, f->q_yoy, st);
    }
    /* Year to date, unless it is the period itself or the quarter just given. */
    if (months > 1 && !(f->has_quarter && months == 3) && !(f->freq == 4 && months == 3)) {
        rpt_ytd_phrase(what, sizeof what, f->period.year, months, st->lang);
        sentence_cumulative(out, what, f->ytd_total, f->ytd, st);
    }
    if (q)
        sentence_projection(out, q, st);
    fputc('\n', out);
}

/* ------------------------------------------------------------- command */

static fc_status report_error(fc_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = FC_EINVAL;
    return FC_EINVAL;
}

static int parse_style(cli_option *o, report_style *st)
{
    if (o[0].value && rpt_lang_parse(o[0].value, &st->lang) != 0)
        return cli_usage_error("report", "--lang must be en or vi, not \"%s\"", o[0].value);
    st->flow = o[3].present;
    long d = 2;
    if (o[6].value && (cli_parse_long(o[6].value, &d) != 0 || d < 0 || d > 6))
        return cli_usage_error("report", "--decimals must be an integer 0..6, not \"%s\"",
                               o[6].value);
    st->decimals = (int)d;
    st->level_decimals = 1;
    st->indicator = o[2].value;
    if (!st->indicator)
        st->indicator = st->lang == RPT_VI
            ? (st->flow ? "Giá trị" : "Chỉ số sản xuất công nghiệp (IIP)")
            : (st->flow ? "The value" : "The index of industrial production");
    st->unit = o[4].value ? o[4].value : st->lang == RPT_VI ? "triệu USD" : "million USD";
    st->project = !o[8].present;
    if (o[7].value && (cli_parse_double(o[7].value, &st->level) != 0 || !(st->level > 0) ||
                       !(st->level < 100)))
        return cli_usage_error("report", "--level must be a percentage in (0, 100), not \"%s\"",
                               o[7].value);
    return CLI_EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    cli_option o[] = {{"lang", 1, NULL, 0},      {"series", 1, NULL, 0},
                      {"indicator", 1, NULL, 0}, {"flow", 0, NULL, 0},
                      {"unit", 1, NULL, 0},      {"period", 1, NULL, 0},
                      {"decimals", 1, NULL, 0},  {"level", 1, NULL, 0},
                      {"no-projection", 0, NULL, 0}};
    const char *pos[1];
    size_t npos;
    report_style st = {RPT_EN, 0, 2, 1, NULL, NULL, 1, 80};
    int rc = cli_parse("report", argc, argv, o, sizeof o / sizeof o[0], pos, 1, &npos);
    if (!rc)
        rc = parse_style(o, &st);
    if (rc)
        return rc;
    if (npos != 1)
        return cli_usage_error("report", "usage: forecast report [--lang en|vi] [--series NAME] "
                               "[--indicator TEXT] [--flow [--unit TEXT]] [--period YYYY-MM] "
                               "[--decimals N] [--level 80] [--no-projection] FILE");
    fc_series *s = NULL;
    rc = cli_read_one_series("report", pos[0], o[1].value, &s);
    if (rc)
        return rc;
    fc_error err;
    fc_error_clear(&err);
    report_figures f;
    memset(&f, 0, sizeof f);
    fc_period p;
    fc_status status = FC_OK;
    if (o[5].value) {
        int freq;
        size_t idx;
        status = fc_period_parse(o[5].value, &p, &freq, &err);
        if (!status && freq != s->freq)
            status = report_error(&err, "--period %s does not match the series' frequency",
                                    o[5].value);
        if (!status)
            status = fc_series_index_of(s, p, &idx, &err);
    } else if (last_observed(s, &p) != 0) {
        fc_series_free(s);
        return cli_usage_error("report", "%s: the series has no observations", pos[0]);
    }
    if (!status)
        status = compute_growth(s, p, &f, &err);
    if (!status)
        status = compute_quarter(s, st.flow, &f, &err);
    /* a projection only from the end of the data: the model sees every month */
    fc_quarter_projection q;
    fc_period last;
    int projected = !status && st.project && last_observed(s, &last) == 0 &&
                    fc_period_diff(p, last, s->freq) == 0 && compute_projection(s, p, &st, &q) == 0;
    fc_series_free(s);
    if (status)
        return cli_fail("report", status, &err);
    write_report(stdout, &f, &st, projected ? &q : NULL);
    return CLI_EXIT_OK;
}
