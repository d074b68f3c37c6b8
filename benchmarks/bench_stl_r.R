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
reps_for <- function(n) if (n <= 1e3) 21 else if (n <= 1e4) 11 else if (n <= 1e5) 5 else 3
# proc.time() ticks in milliseconds: small n are timed in batches
batch_for <- function(n) if (n <= 1e3) 50 else if (n <= 1e4) 5 else 1
cat(R.version.string, "\n")
cat("n,variant,reps,median_seconds (CPU: user + system, per decomposition)\n")
n <- 1e3
while (n <= max_n) {
  x <- ts(synthetic(n), frequency = 12)
  for (robust in c(FALSE, TRUE)) {
    reps <- reps_for(n)
    batch <- batch_for(n)
    times <- numeric(reps)
    for (k in seq_len(reps)) {
      t0 <- proc.time()
      for (b in seq_len(batch)) fit <- stl(x, s.window = 7, robust = robust)
      t1 <- proc.time() - t0
      times[k] <- (t1[["user.self"]] + t1[["sys.self"]]) / batch
    }
    cat(sprintf("%d,%s,%d,%.6f\n", as.integer(n), if (robust) "robust" else "plain", reps,
                median(times)))
  }
  n <- n * 10
}
