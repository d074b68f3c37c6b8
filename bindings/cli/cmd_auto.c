/* `forecast auto [--transform auto|none|log] [--exhaustive] [--series NAME]
 *                [--threads N] [--format json] FILE`
 *
 * Automatic SARIMA choice (fc_auto_arima: Hyndman & Khandakar's stepwise
 * search as R forecast::auto.arima; --exhaustive searches every model with
 * p + q + P + Q <= 5).  --transform none (default, as auto.arima) models the
 * series as it is, log its logarithm, auto picks log or levels with the
 * X-13 AICC test.
 *
 * One series (a one-series file, or --series NAME): the `fit` JSON of
 * DESIGN.md §4 extended with "transform" ("none"/"log"), "fallback" ("none",
 * "constant", "polynomial", "simpler") and "note" (what the automatic
 * procedure did, "" when nothing special), on one line.
 *
 * Many series (a long `series,date,value` or wide file, without --series):
 * batch mode, JSON lines -- one object per series, in file order, each
 * starting with "series":NAME; a series that cannot be modelled gives
 * {"series":NAME,"error":MESSAGE} and the run continues.  Series are
 * modelled in parallel by --threads workers (default 2, the library is
 * thread safe); progress goes to stderr.  Exit status: 0 when every series
 * got a model, else the status of the first failure (1 input, 2 numerical). */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AUTO_MAX_THREADS 64

static const char *fallback_name(fc_auto_fallback f)
{
    switch (f) {
    case FC_AUTO_FALLBACK_CONSTANT:
        return "constant";
    case FC_AUTO_FALLBACK_POLYNOMIAL:
        return "polynomial";
    case FC_AUTO_FALLBACK_SIMPLER:
        return "simpler";
    default:
        return "none";
    }
}

/* The fit JSON of one model, extended (and prefixed with "series" when name
 * is not NULL), written to out as one line. */
static int print_model(FILE *out, const char *name, const fc_arima_model *m,
                       const fc_auto_report *rep)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem == NULL)
        return -1;
    cli_print_arima_json(mem, m);
    if (fclose(mem) != 0 || buf == NULL)
        return -1;
    /* "{...}\n" -> reopen the object to append our fields */
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '}'))
        if (buf[--len] == '}')
            break;
    fputc('{', out);
    if (name) {
        fputs("\"series\":", out);
        cli_print_json_string(out, name);
        fputc(',', out);
    }
    fwrite(buf + 1, 1, len - 1, out);
    fputs(",\"transform\":", out);
    cli_print_json_string(out, rep->transform == FC_TRANSFORM_LOG ? "log" : "none");
    fputs(",\"fallback\":", out);
    cli_print_json_string(out, fallback_name(rep->fallback));
    fputs(",\"note\":", out);
    cli_print_json_string(out, rep->note);
    fputs("}\n", out);
    free(buf);
    return 0;
}

/* ------------------------------------------------------------- batch mode */

typedef struct {
    char *text;        /* the series' output line */
    fc_status status;  /* FC_OK or the failure */
    int done;
} job_result;

typedef struct {
    const fc_series_list *list;
    const fc_auto_options *opt;
    job_result *results;
    size_t next, finished;
    pthread_mutex_t lock;
    pthread_cond_t progress;
} batch;

/* Models one series and renders its line (model or error) into memory. */
static void run_one(const fc_series *s, const fc_auto_options *opt, job_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    fc_arima_model *m = NULL;
    fc_auto_report rep;
    fc_error err;
    fc_error_clear(&err);
    r->status = fc_auto_arima(s, opt, &m, &rep, &err);
    if (mem) {
        if (r->status == FC_OK) {
            if (print_model(mem, s->name ? s->name : "", m, &rep) != 0)
                r->status = FC_ENOMEM;
        } else {
            fputs("{\"series\":", mem);
            cli_print_json_string(mem, s->name ? s->name : "");
            fputs(",\"error\":", mem);
            cli_print_json_string(mem, err.message[0] ? err.message : fc_strerror(r->status));
            fputs("}\n", mem);
        }
        fclose(mem);
    } else {
        r->status = FC_ENOMEM;
    }
    r->text = buf;
    fc_arima_model_free(m);
}

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->list->count ? b->next++ : b->list->count;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->list->count)
            return NULL;
        job_result r = {NULL, FC_OK, 1};
        run_one(b->list->items[i], b->opt, &r);
        pthread_mutex_lock(&b->lock);
        b->results[i] = r;
        b->finished++;
        pthread_cond_broadcast(&b->progress);
        pthread_mutex_unlock(&b->lock);
    }
}

/* Prints results in file order as they complete; progress on stderr. */
static int run_batch(const fc_series_list *list, const fc_auto_options *opt, long nthreads)
{
    batch b;
    memset(&b, 0, sizeof b);
    b.list = list;
    b.opt = opt;
    b.results = calloc(list->count, sizeof *b.results);
    if (b.results == NULL)
        return cli_usage_error("auto", "out of memory for %zu series", list->count);
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.progress, NULL);
    if ((size_t)nthreads > list->count)
        nthreads = (long)list->count;
    pthread_t tid[AUTO_MAX_THREADS];
    long started = 0;
    for (long t = 0; t < nthreads; t++, started++)
        if (pthread_create(&tid[t], NULL, worker, &b) != 0)
            break;
    if (started == 0)
        worker(&b);   /* no thread could start: do the work here */
    int rc = CLI_EXIT_OK;
    size_t step = list->count >= 20 ? list->count / 20 : 1;
    for (size_t i = 0; i < list->count; i++) {
        pthread_mutex_lock(&b.lock);
        while (!b.results[i].done)
            pthread_cond_wait(&b.progress, &b.lock);
        pthread_mutex_unlock(&b.lock);
        job_result *r = &b.results[i];
        if (r->text)
            fputs(r->text, stdout);
        if (r->status != FC_OK && rc == CLI_EXIT_OK)
            rc = cli_exit_status(r->status);
        free(r->text);
        r->text = NULL;
        if ((i + 1) % step == 0 || i + 1 == list->count) {
            fflush(stdout);
            fprintf(stderr, "forecast auto: %zu/%zu series done\n", i + 1, list->count);
        }
    }
    for (long t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&b.lock);
    pthread_cond_destroy(&b.progress);
    free(b.results);
    return rc;
}

/* ------------------------------------------------------------------ main */

/* One series (the file's first, or the one called name when name is not
 * NULL): its model as one line of JSON. */
static int run_single(const fc_series_list *list, const char *path, const char *name,
                      const fc_auto_options *opt)
{
    const fc_series *y = list->count ? list->items[0] : NULL;
    if (name) {
        y = fc_series_list_find(list, name);
        if (y == NULL)
            return cli_usage_error("auto", "no series \"%s\" in %s", name, path);
    }
    if (y == NULL)
        return cli_usage_error("auto", "%s holds no series", path);
    fc_arima_model *m = NULL;
    fc_auto_report rep;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = fc_auto_arima(y, opt, &m, &rep, &err);
    if (st)
        return cli_fail("auto", st, &err);
    int rc = print_model(stdout, NULL, m, &rep) == 0 ? CLI_EXIT_OK : CLI_EXIT_NUMERIC;
    fc_arima_model_free(m);
    return rc;
}

/* --format json, --transform, --exhaustive and --threads N. */
static int parse_options(const cli_option *opts, size_t nopt, fc_auto_options *opt,
                         long *nthreads)
{
    static const char *const formats[] = {"json"};
    static const char *const transforms[] = {"auto", "none", "log"};
    static const fc_auto_transform kinds[] = {FC_AUTO_TRANSFORM_AUTO, FC_AUTO_TRANSFORM_NONE,
                                              FC_AUTO_TRANSFORM_LOG};
    int format = 0, k = -1;
    if (cli_parse_choice("auto", cli_option_get(opts, nopt, "format"), formats, 1, &format) ||
        cli_parse_choice("auto", cli_option_get(opts, nopt, "transform"), transforms, 3, &k))
        return CLI_EXIT_INPUT;
    *opt = fc_auto_options_default();
    if (k >= 0)
        opt->transform = kinds[k];
    opt->stepwise = !cli_option_get(opts, nopt, "exhaustive")->present;
    const cli_option *o_threads = cli_option_get(opts, nopt, "threads");
    *nthreads = 2;
    if (o_threads->present &&
        (cli_parse_long(o_threads->value, nthreads) || *nthreads < 1 || *nthreads > AUTO_MAX_THREADS))
        return cli_usage_error("auto", "--threads \"%s\" is not a number in 1..%d",
                               o_threads->value, AUTO_MAX_THREADS);
    return CLI_EXIT_OK;
}

int cmd_auto(int argc, char **argv)
{
    cli_option opts[] = {
        {"transform", 1, NULL, 0}, {"series", 1, NULL, 0}, {"format", 1, NULL, 0},
        {"threads", 1, NULL, 0},   {"exhaustive", 0, NULL, 0},
    };
    const size_t nopt = sizeof opts / sizeof opts[0];
    const char *path;
    fc_auto_options opt;
    long nthreads;
    int rc = cli_parse_one_file("auto", argc, argv, opts, nopt, &path);
    if (!rc)
        rc = parse_options(opts, nopt, &opt, &nthreads);
    if (rc)
        return rc;
    const cli_option *o_series = cli_option_get(opts, nopt, "series");
    fc_series_list *list = NULL;
    rc = cli_read_series_list("auto", path, &list);
    if (rc)
        return rc;
    if (list->count > 1 && !o_series->present) {
        rc = run_batch(list, &opt, nthreads);
        fc_series_list_free(list);
        return rc;
    }
    rc = run_single(list, path, o_series->value, &opt);
    fc_series_list_free(list);
    return rc;
}
