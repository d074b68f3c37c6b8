#!/usr/bin/env Rscript
# Peer forecasts for the M3 monthly benchmark (benchmarks/m3/README.md).
#
# Runs R forecast's auto.arima, thetaf and ets (all defaults) on the 1428 M3
# monthly series, horizon 18, and writes one CSV per method into OUTDIR:
#   r_<method>.csv: series_id,cpu_seconds,model,f1..f18 (model labels use
#   spaces instead of commas, e.g. "(0 1 1)(0 1 1)12 drift", "M Ad M")
# so that the accuracy table can be regenerated without R.  Rows are
# appended series by series (a partial run keeps what it finished; rerunning
# skips series already present).
#
# usage: Rscript benchmarks/m3/run_r.R [DATADIR] [OUTDIR] [METHODS]
#   DATADIR  holds m3_monthly.csv and m3_monthly_meta.csv
#            (default datasets/m3, else /work/shared/data/competition/m3)
#   OUTDIR   default benchmarks/m3/fixtures
#   METHODS  comma list among thetaf,auto_arima,ets (default all three)
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
datadir <- if (length(args) >= 1) args[1] else
  if (file.exists("datasets/m3/m3_monthly.csv")) "datasets/m3" else "/work/shared/data/competition/m3"
outdir <- if (length(args) >= 2) args[2] else "benchmarks/m3/fixtures"
methods <- if (length(args) >= 3) strsplit(args[3], ",")[[1]] else c("thetaf", "auto_arima", "ets")
h <- 18
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

train <- read.csv(file.path(datadir, "m3_monthly.csv"), stringsAsFactors = FALSE)
meta <- read.csv(file.path(datadir, "m3_monthly_meta.csv"), stringsAsFactors = FALSE)
by_id <- split(train, train$series_id)

model_label <- function(fit, method) {
  if (method == "auto_arima") {
    o <- arimaorder(fit)
    lab <- sprintf("(%d,%d,%d)", o[1], o[2], o[3])
    if (length(o) > 3) lab <- sprintf("%s(%d,%d,%d)12", lab, o[4], o[5], o[6])
    cn <- names(coef(fit))
    if ("drift" %in% cn) lab <- paste(lab, "drift")
    if ("intercept" %in% cn) lab <- paste(lab, "mean")
    return(lab)
  }
  if (method == "ets") return(fit$method)
  "theta"
}

run_one <- function(y, method) {
  if (method == "thetaf") return(list(fit = NULL, f = thetaf(y, h = h)$mean))
  fit <- if (method == "auto_arima") auto.arima(y) else ets(y)
  list(fit = fit, f = forecast(fit, h = h)$mean)
}

for (method in methods) {
  out <- file.path(outdir, sprintf("r_%s.csv", method))
  done <- character(0)
  if (file.exists(out)) done <- read.csv(out, stringsAsFactors = FALSE, comment.char = "#")$series_id
  else {
    con <- file(out, "w")
    writeLines(sprintf("# R %s, forecast %s, %s(y) defaults, h = %d; cpu_seconds = user+system of fit+forecast",
                       paste(R.version$major, R.version$minor, sep = "."),
                       as.character(packageVersion("forecast")), method, h), con)
    writeLines(paste(c("series_id", "cpu_seconds", "model", sprintf("f%d", 1:h)), collapse = ","), con)
    close(con)
  }
  nmax <- as.integer(Sys.getenv("M3_NMAX", nrow(meta)))   # env M3_FROM/M3_NMAX: a slice of the
  from <- as.integer(Sys.getenv("M3_FROM", 1))          # series (1-based, inclusive), e.g. to
  for (i in seq(from, min(nrow(meta), nmax))) {         # split the run over processes
    id <- meta$series_id[i]
    if (id %in% done) next
    d <- by_id[[id]]
    d <- d[order(d$t), ]
    y <- ts(d$value, start = c(meta$start_year[i], meta$start_period[i]), frequency = 12)
    t0 <- proc.time()
    r <- run_one(y, method)
    el <- proc.time() - t0
    lab <- if (is.null(r$fit)) "theta" else gsub(",", " ", model_label(r$fit, method))
    line <- paste(c(id, sprintf("%.4f", el[["user.self"]] + el[["sys.self"]]), lab,
                    sprintf("%.8g", as.numeric(r$f))), collapse = ",")
    cat(line, "\n", sep = "", file = out, append = TRUE)
    if (i %% 100 == 0) message(method, ": ", i, "/", nrow(meta))
  }
}
