# Peer timing for benchmarks/bench_arima.c: R's stats::arima (method "ML",
# as the fixtures) on the same series: log AirPassengers with the airline
# model and (2,1,1)(1,1,1)12, and the synthetic airline process of
# bench_arima.c for n = 1200, 12000 (and 120000 with --all: minutes).
#   nice -n 19 Rscript benchmarks/bench_arima_r.R [--all]
# Prints CSV: model,n,reps,median_ms,loglik (CPU time: user + system).
all <- "--all" %in% commandArgs(trailingOnly = TRUE)
synthetic <- function(n) {
  t <- 1:n; s <- sin(12.9898 * t) * 43758.5453
  e <- 0.05 * (s - floor(s) - 0.5)
  z <- numeric(n)
  for (i in 1:n) {
    if (i <= 13) { z[i] <- 5 + 0.1 * sin(2 * pi * i / 12); next }
    w <- e[i] - 0.4 * e[i - 1] - 0.6 * e[i - 12] + 0.24 * e[i - 13]
    z[i] <- z[i - 1] + z[i - 12] - z[i - 13] + w
  }
  ts(z, frequency = 12)
}
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
bench <- function(label, x, order, seasonal, reps) {
  times <- numeric(reps); fit <- NULL
  for (r in 1:reps) {
    t0 <- cpu()
    fit <- arima(x, order = order, seasonal = seasonal, method = "ML")
    times[r] <- cpu() - t0
  }
  cat(sprintf("%s,%d,%d,%.3f,%.10f\n", label, length(x), reps, 1e3 * median(times), fit$loglik))
}
cat("model,n,reps,median_ms,loglik\n")
x <- log(AirPassengers)
bench("airline_airpassengers", x, c(0,1,1), c(0,1,1), 21)
bench("211_111_airpassengers", x, c(2,1,1), c(1,1,1), 11)
bench("airline_synthetic", synthetic(1200), c(0,1,1), c(0,1,1), 5)
bench("airline_synthetic", synthetic(12000), c(0,1,1), c(0,1,1), 1)
if (all) bench("airline_synthetic", synthetic(120000), c(0,1,1), c(0,1,1), 1)
