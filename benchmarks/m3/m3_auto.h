/* The harness's call of libforecast's automatic SARIMA (included by m3.c
 * when built with -DM3_HAVE_AUTO, i.e. by `make bench-m3`). */
#ifndef BENCH_M3_AUTO_H
#define BENCH_M3_AUTO_H

/* auto SARIMA with defaults (R auto.arima's), point forecasts for H months. */
static fc_status run_auto(const fc_series *y, double *f, char *note, size_t nsize)
{
    fc_error err;
    fc_arima_model *m = NULL;
    fc_forecast *fc = NULL;
    fc_auto_options opt = fc_auto_options_default();
    const char *tr = getenv("M3_AUTO_TRANSFORM");   /* none (default), log, auto */
    if (tr && strcmp(tr, "auto") == 0)
        opt.transform = FC_AUTO_TRANSFORM_AUTO;
    else if (tr && strcmp(tr, "log") == 0)
        opt.transform = FC_AUTO_TRANSFORM_LOG;
    fc_status st = fc_auto_arima(y, &opt, &m, NULL, &err);
    if (st == FC_OK)
        st = fc_arima_forecast(m, H, NULL, 0, NULL, &fc, &err);
    if (st == FC_OK)
        for (int j = 0; j < H; j++)
            f[j] = fc->mean[j];
    else
        snprintf(note, nsize, "%s", err.message);
    fc_forecast_free(fc);
    fc_arima_model_free(m);
    return st;
}

#endif
