# The R half of bench/stats/survival.ts: times survival and cmprsk on the CSV files that the
# TypeScript half wrote (same data), and prints one JSON object of median milliseconds.
# Usage: Rscript bench/stats/survival.R DIR
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
dir <- commandArgs(trailingOnly = TRUE)[1]
big <- read.csv(file.path(dir, "survival-100k.csv"))
small <- read.csv(file.path(dir, "survival-20k.csv"))
time_ms <- function(f, reps) {
  f()  # warm-up
  median(sapply(seq_len(reps), function(i) system.time(f())[["elapsed"]] * 1000))
}
x <- as.matrix(big[, c("x1", "x2", "x3")]) * 1.0
storage.mode(x) <- "double"
y <- Surv(as.double(big$time), as.double(big$event))
out <- list(
  cox_call = time_ms(function() coxph(Surv(time, event) ~ x1 + x2 + x3, data = big, ties = "efron"), 5),
  # The fitting routine under coxph (sorting and the C Newton-Raphson), without formula handling.
  cox_core = time_ms(function() coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL,
                                          control = coxph.control(), weights = NULL, method = "efron",
                                          rownames = NULL), 5),
  km = time_ms(function() survfit(Surv(time, event) ~ arm, data = big), 5),
  logrank = time_ms(function() survdiff(Surv(time, event) ~ arm, data = big), 5),
  cuminc = time_ms(function() cuminc(big$time, big$status, big$arm), 5),
  crr = time_ms(function() crr(small$time, small$status, as.matrix(small[, c("x1", "x2", "x3")])), 1)
)
cat(sprintf('{%s}\n', paste(sprintf('"%s": %.1f', names(out), unlist(out)), collapse = ", ")))
