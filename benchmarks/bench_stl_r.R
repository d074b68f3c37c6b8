# R's stats::stl on the series benchmarks/bench_stl.c times (same formula),
# for the comparison table in benchmarks/README.md.
# Run:  nice -n 19 Rscript benchmarks/bench_stl_r.R [max_n]
args <- commandArgs(trailingOnly = TRUE)
max_n <- if (length(args)) as.numeric(args[1]) else 1e6
synthetic <- function(n) {
  t <- seq_len(n)
  s <- sin(12.9898 * t) * 43758.5453
  100 + 0.01 * t + 10 * sin(2 * pi * t / 12) + 5 * (s - floor(s))
}
reps_for <- function(n) if (n <= 1e3) 101 else if (n <= 1e4) 21 else if (n <= 1e5) 5 else 3
cat(R.version.string, "\n")
cat("n,variant,reps,median_seconds\n")
n <- 1e3
while (n <= max_n) {
  x <- ts(synthetic(n), frequency = 12)
  for (robust in c(FALSE, TRUE)) {
    reps <- reps_for(n)
    times <- numeric(reps)
    for (k in seq_len(reps)) {
      t0 <- proc.time()[["elapsed"]]
      fit <- stl(x, s.window = 7, robust = robust)
      times[k] <- proc.time()[["elapsed"]] - t0
    }
    cat(sprintf("%d,%s,%d,%.6f\n", as.integer(n), if (robust) "robust" else "plain", reps,
                median(times)))
  }
  n <- n * 10
}
