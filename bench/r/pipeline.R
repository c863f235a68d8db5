# The R side of the benchmark (issue #12): the job casepool does for a synthetic cohort, done as an R
# user would do it well, so that `npm run bench` can time both in the same run.
#
#   Rscript bench/r/pipeline.R <cohort-dir> <out-dir> [--figures png|svg]
#
# Reads a cohort folder in the adrenal format that bench/synth.ts writes (cases.csv, sources.csv,
# cohort.json, published.csv) with data.table::fread, and writes into <out-dir>:
#   tidy/cases.csv              one row per patient, canonical values (fwrite), the same columns as
#                               casepool's: included yes/no, every column read by its type in
#                               cohort.json, the derived variables (extension_category) at the end
#   tidy/<list column>.csv      one long table (case_id,value) per list column
#   stats.json                  every statistic of cohort.json (all 30 of the adrenal cohort, over all
#                               included patients and over those reported, with Wilson 95% CIs from
#                               prop.test(correct = FALSE)), the continuous summaries (quantile type 7),
#                               overall Kaplan–Meier (survfit, log-log CIs: median with CI, survival at
#                               survival.at) and, per survival grouping, a log-rank test (survdiff)
#   figures/panel-<A..G>.png    the bar panels (recomputed % of all included, the not-reported share after
#                               it, the published % beside it), 300 dpi, sized as casepool's
#   figures/survival-overall.png  the overall Kaplan–Meier curve with its CI and n at risk
#   index.html                  the figures embedded (base64) and the tables of statistics
# `--figures svg` writes the figures as SVG instead (grDevices::svg, cairo), for the pairing with a
# casepool run without PNGs, which writes SVGs only.
#
# The readings are casepool's (pipeline/parse/): vocabulary spellings compared as normalizeKey does
# (case, spaces, _ and - do not matter; no NFKC normalisation here), yes/no words of parseBoolean, decimal
# commas as parseDecimal (a comma before exactly three digits refused), sizes as parseSize (largest
# dimension, mm/cm/m), durations as parseDuration (days/weeks/months/years, 1 month = 30.4375 days, one or
# two pieces such as "1 year 3 months"), conditions three-valued (R's NA logic is Kleene's, as ours).
# Everything is column-wise (regexes and lookups over whole columns, unique values looked up once); no
# loop runs per row, so 10^6 rows are fine.
#
# What it leaves out, compared with casepool, so that the comparison is honest: findings are not located
# (a bad cell stops the run with its row and column, no report of every finding, no "did you mean"), no
# workbook input, no vocabulary patterns, no duplicate-patient check, no reconciliation table with the
# paper beyond the published bars, no grouped Kaplan–Meier curves (only their log-rank tests), no
# Fisher tests, Table 1, Cox models, appraisal, sensitivity or cumulative analyses, no combined figure,
# no SVG+PNG pair, no Word tables, no codebook or data package, no case table in the page, no atomic
# output folder (it writes into <out-dir> directly) and no watch mode.

suppressPackageStartupMessages({
  library(data.table)
  library(survival)
  library(ggplot2)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
figure_format <- "png"
if (length(args) >= 4 && args[3] == "--figures") figure_format <- args[4]
if (length(args) < 2 || !(figure_format %in% c("png", "svg"))) {
  cat("usage: Rscript bench/r/pipeline.R <cohort-dir> <out-dir> [--figures png|svg]\n", file = stderr())
  quit(status = 2)
}
cohort_dir <- args[1]
out_dir <- args[2]

`%||%` <- function(a, b) if (is.null(a)) b else a # base R has it only from 4.4

fail <- function(...) {
  cat(..., "\n", sep = "", file = stderr())
  quit(status = 1)
}

config <- fromJSON(file.path(cohort_dir, "cohort.json"), simplifyVector = FALSE)
cases_file <- config$files$cases
cases <- fread(file.path(cohort_dir, cases_file), colClasses = "character", na.strings = "",
               encoding = "UTF-8")
sources <- fread(file.path(cohort_dir, config$files$sources), colClasses = "character", na.strings = "",
                 encoding = "UTF-8")
published <- fread(file.path(cohort_dir, config$files$published), na.strings = "", encoding = "UTF-8")

# ------------------------------------------------------------------ readings of typed cells

# A cell column's failures stop the run, naming the first few cells as file:line:column.
stop_at_bad_cells <- function(bad, column, what) {
  rows <- which(bad)
  if (length(rows) == 0) return(invisible())
  col <- match(column, names(cases))
  shown <- head(rows, 5)
  fail(paste0(cases_file, ":", shown + 1, ":", col, ": error: ", column, " \"", cases[[column]][shown],
              "\" ", what, collapse = "\n"),
       if (length(rows) > 5) sprintf("\n(%d more)", length(rows) - 5) else "")
}

# The function applied to the distinct values only: a column of 10^6 cells holds a few hundred texts.
on_distinct <- function(x, f) {
  distinct <- unique(x)
  f(distinct)[if (is.character(x)) chmatch(x, distinct) else match(x, distinct)]
}

normalize_key <- function(x) {
  x <- tolower(x)
  x <- gsub("[\u2010-\u2015]", "-", x, perl = TRUE)
  trimws(gsub("[[:space:]_-]+", " ", x, perl = TRUE))
}

parse_decimal <- function(x) {
  t <- trimws(x)
  ok <- grepl("^[+-]?(\\d+([.,]\\d+)?|[.,]\\d+)$", t, perl = TRUE) &
    !grepl("^[+-]?\\d{1,3},\\d{3}$", t, perl = TRUE)
  value <- rep(NA_real_, length(t))
  value[ok] <- as.numeric(sub(",", ".", t[ok], fixed = TRUE))
  value
}

# Every spelling (id, label, synonyms) of every term → the term id; the first term to claim one keeps it.
vocabulary_index <- function(vocabulary) {
  spellings <- rbindlist(lapply(vocabulary$terms, function(term) {
    data.table(spelling = normalize_key(c(term$id, term$label, unlist(term$synonyms))), id = term$id)
  }))
  unique(spellings, by = "spelling")
}
vocabularies <- lapply(config$vocabularies, vocabulary_index)

read_terms <- function(x, vocabulary) on_distinct(x, function(u) {
  index <- vocabularies[[vocabulary]]
  index$id[match(normalize_key(u), index$spelling)]
})

BOOLEAN_WORDS <- c(yes = TRUE, y = TRUE, true = TRUE, "1" = TRUE, done = TRUE, performed = TRUE,
                   no = FALSE, n = FALSE, false = FALSE, "0" = FALSE, none = FALSE,
                   "not done" = FALSE, "not performed" = FALSE)
read_boolean <- function(x) on_distinct(x, function(u) unname(BOOLEAN_WORDS[normalize_key(u)]))

CM_PER_UNIT <- c(mm = 0.1, cm = 1, m = 100)
SIZE_SEPARATOR <- "\\s*(?:[x\u00d7*]|by)\\s*"
read_size <- function(x, unit) {
  t <- trimws(tolower(x))
  dims <- sub("^(.*?)\\s*(mm|cm|m)?\\.?$", "\\1", t, perl = TRUE)
  typed_unit <- sub("^(.*?)\\s*(mm|cm|m)?\\.?$", "\\2", t, perl = TRUE)
  parts <- tstrsplit(dims, SIZE_SEPARATOR, perl = TRUE, fill = NA_character_)
  values <- lapply(parts, parse_decimal)
  unreadable <- Reduce(`|`, Map(function(p, v) !is.na(p) & is.na(v), parts, values))
  largest <- do.call(pmax, c(values, na.rm = TRUE))
  largest[unreadable] <- NA
  factor <- CM_PER_UNIT[fifelse(typed_unit == "", unit, typed_unit)] / CM_PER_UNIT[[unit]]
  unname(round(largest * factor, 9))
}

DAYS_PER_UNIT <- c(d = 1, day = 1, days = 1, w = 7, wk = 7, wks = 7, week = 7, weeks = 7,
                   m = 30.4375, mo = 30.4375, mos = 30.4375, mon = 30.4375, mth = 30.4375,
                   mths = 30.4375, month = 30.4375, months = 30.4375,
                   y = 365.25, yr = 365.25, yrs = 365.25, year = 365.25, years = 365.25)
DURATION_PIECE <- "(\\d+(?:[.,]\\d+)?)\\s*([a-z]+)\\.?"
DURATION <- paste0("^", DURATION_PIECE, "(?:\\s*(?:and\\s+|,\\s*)?", DURATION_PIECE, ")?$")
read_duration <- function(x, unit) on_distinct(x, function(u) {
  t <- trimws(tolower(u))
  value <- parse_decimal(t) # a bare number is in the column's unit
  pieces <- is.na(value) & grepl(DURATION, t, perl = TRUE)
  group <- function(k) sub(DURATION, paste0("\\", k), t[pieces], perl = TRUE)
  days <- parse_decimal(group(1)) * DAYS_PER_UNIT[group(2)]
  second <- group(3) != ""
  days[second] <- days[second] + parse_decimal(group(3)[second]) * DAYS_PER_UNIT[group(4)[second]]
  value[pieces] <- days / DAYS_PER_UNIT[[unit]]
  value
})

# A list cell → up to k term ids, one column each (tstrsplit), so that tests and the tidy text are
# column-wise.
read_list <- function(x, vocabulary, column) {
  items <- tstrsplit(x, ";", fixed = TRUE, fill = NA_character_)
  items <- lapply(items, function(item) {
    item <- on_distinct(item, function(u) {
      u <- trimws(u)
      fifelse(u == "", NA_character_, u)
    })
    terms <- read_terms(item, vocabulary)
    stop_at_bad_cells(!is.na(item) & is.na(terms), column,
                      sprintf("has an item that is not a known %s term", vocabulary))
    terms
  })
  items
}

list_text <- function(items) {
  text <- rep(NA_character_, length(items[[1]]))
  for (item in items) # a handful of item columns, never rows
    text <- fifelse(is.na(item), text, fifelse(is.na(text), item, paste(text, item, sep = "; ")))
  text
}

# ------------------------------------------------------------------ normalise every column by its type

n <- nrow(cases)
values <- list()  # column → a vector (or, for a list column, its item columns)
for (column in config$columns) {
  name <- column$name
  if (!(name %in% names(cases))) next
  x <- cases[[name]]
  type <- column$type
  if (type == "number") {
    v <- parse_decimal(x)
    stop_at_bad_cells(!is.na(x) & is.na(v), name, "is not a number")
  } else if (type == "size") {
    v <- read_size(x, column$unit %||% "cm")
    stop_at_bad_cells(!is.na(x) & is.na(v), name, "is not a size (expected e.g. \"10 x 6 x 11 cm\")")
  } else if (type == "duration") {
    v <- read_duration(x, column$unit %||% "months")
    stop_at_bad_cells(!is.na(x) & is.na(v), name, "is not a duration (expected e.g. \"8 months\")")
  } else if (type == "boolean") {
    v <- read_boolean(x)
    stop_at_bad_cells(!is.na(x) & is.na(v), name, "is not yes or no")
  } else if (type == "category") {
    v <- read_terms(x, column$vocabulary)
    stop_at_bad_cells(!is.na(x) & is.na(v), name, sprintf("is not a known %s term", column$vocabulary))
  } else if (type == "list") {
    v <- read_list(x, column$vocabulary, name)
  } else {
    v <- x
  }
  if (is.numeric(v)) {
    low <- column$min %||% -Inf
    high <- column$max %||% Inf
    outside <- !is.na(v) & (v > high | (if (isTRUE(column$exclusiveMin)) v <= low else v < low))
    stop_at_bad_cells(outside, name, sprintf("is outside %s to %s", low, high))
  }
  values[[name]] <- v
}
types <- vapply(config$columns, function(col) col$type, "")
names(types) <- vapply(config$columns, function(col) col$name, "")

# ------------------------------------------------------------------ conditions, three-valued

# A condition of cohort.json over every row at once: TRUE / FALSE / NA (not reported). With
# absent = TRUE a finding that is not reported counts as absent (a derived variable's "missing").
condition <- function(when, absent = FALSE) {
  if (!is.null(when$all)) return(Reduce(`&`, lapply(when$all, condition, absent = absent)))
  if (!is.null(when$any)) return(Reduce(`|`, lapply(when$any, condition, absent = absent)))
  if (!is.null(when$not)) return(!condition(when$not, absent))
  v <- values[[when$variable]]
  reported <- if (is.list(v)) !is.na(v[[1]]) else !is.na(v)
  if (!is.null(when$reported)) return(reported == when$reported)
  wanted <- unlist(when[["in"]])
  hit <- if (is.list(v)) Reduce(`|`, lapply(v, function(item) item %chin% wanted))
         else if (is.character(v)) v %chin% wanted
         else v %in% wanted
  if (absent) hit else fifelse(reported, hit, NA)
}

for (derived in config$derived) {
  v <- rep(NA_character_, n)
  for (rule in derived$rules) { # a handful of rules, in precedence order
    holds <- condition(rule$when, absent = identical(derived$missing, "absent"))
    v[is.na(v) & holds %in% TRUE] <- rule$value
  }
  values[[derived$id]] <- v
  types[[derived$id]] <- derived$type
}

included <- if (!is.null(values$include)) !(values$include %in% FALSE) else rep(TRUE, n)
if (!is.null(values$duplicate_of)) included[!is.na(values$duplicate_of)] <- FALSE

for (check in config$checks) {
  hits <- condition(check$when) %in% TRUE
  if (check$severity == "error") stop_at_bad_cells(hits, check$column, check$message)
  else if (any(hits)) cat(sprintf("%s: warning: %d rows: %s\n", cases_file, sum(hits), check$message))
}

# ------------------------------------------------------------------ tidy CSVs

dir.create(file.path(out_dir, "tidy"), recursive = TRUE, showWarnings = FALSE)
dir.create(file.path(out_dir, "figures"), showWarnings = FALSE)
roles <- config$roles
tidy_value <- function(name) {
  v <- values[[name]]
  if (is.list(v)) list_text(v)
  else if (is.logical(v)) fifelse(v, "yes", "no")
  else v
}
skip <- c(roles$caseId, roles$sourceId, roles$include, roles$exclusionReason, roles$duplicateOf)
tidy_columns <- setdiff(names(values), skip)
tidy <- data.table(case_id = values[[roles$caseId]], source_id = values[[roles$sourceId]],
                   included = fifelse(included, "yes", "no"),
                   exclusion_reason = values[[roles$exclusionReason]] %||% NA_character_)
setnames(tidy, c("case_id", "source_id"), c(roles$caseId, roles$sourceId))
for (name in tidy_columns) set(tidy, j = name, value = tidy_value(name))
fwrite(tidy, file.path(out_dir, "tidy", "cases.csv"), na = "")
for (name in names(types)[types == "list"]) {
  if (is.null(values[[name]])) next
  long <- rbindlist(lapply(values[[name]], function(item) data.table(case_id = tidy[[1]], value = item)))
  long <- long[!is.na(value)]
  fwrite(long, file.path(out_dir, "tidy", paste0(name, ".csv")))
}
fwrite(sources, file.path(out_dir, "tidy", "sources.csv"), na = "")

# ------------------------------------------------------------------ statistics

n_included <- sum(included)
wilson <- function(x, n) if (n == 0) c(NA_real_, NA_real_) else
  suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int[1:2] # the warning is about the test, not the CI
proportion <- function(id, label, x, denominator, kind) {
  list(id = id, label = label, numerator = x, denominator = denominator,
       percent = if (denominator == 0) NA else 100 * x / denominator, denominator_kind = kind,
       ci95 = list(wilson = wilson(x, denominator)))
}
statistics <- list()
for (s in config$statistics) {
  holds <- condition(s$when)[included]
  x <- sum(holds, na.rm = TRUE)
  statistics[[length(statistics) + 1]] <- proportion(s$id, s$label, x, n_included, "all")
  statistics[[length(statistics) + 1]] <-
    proportion(paste0(s$id, ".reported"), s$label, x, sum(!is.na(holds)), "reported")
}
names(statistics) <- vapply(statistics, function(s) s$id, "")

continuous <- list()
for (cv in config$continuous) {
  v <- values[[cv$variable]][included]
  v <- v[!is.na(v)]
  q <- if (length(v)) quantile(v, c(0, 0.25, 0.5, 0.75, 1), names = FALSE) else rep(NA, 5)
  continuous[[cv$id]] <- list(label = cv$label, n = length(v), min = q[1], max = q[5],
                              mean = if (length(v)) mean(v) else NA, median = q[3],
                              sd = if (length(v) > 1) sd(v) else NA, q1 = q[2], q3 = q[4])
}

sv <- config$survival
event <- condition(sv$event)
censored <- condition(sv$censored)
time <- values[[sv$time]]
in_survival <- included & !is.na(time) & (event %in% TRUE | censored %in% TRUE)
surv_data <- data.table(time = time[in_survival], status = as.integer(event[in_survival] %in% TRUE))
fit <- survfit(Surv(time, status) ~ 1, data = surv_data, conf.type = "log-log")
fit_table <- summary(fit)$table
at <- summary(fit, times = unlist(sv$at), extend = TRUE)
overall <- list(
  n = nrow(surv_data), events = sum(surv_data$status), censored = sum(surv_data$status == 0),
  excluded = n_included - nrow(surv_data),
  median = list(estimate = unname(fit_table["median"]),
                ci95 = unname(fit_table[c("0.95LCL", "0.95UCL")])),
  at = setNames(lapply(seq_along(at$time), function(k)
    list(survival = at$surv[k], ci95 = c(at$lower[k], at$upper[k]))), at$time))

groups <- list()
for (grouping in sv$groupings) {
  level <- rep(NA_character_, n)
  for (lv in grouping$levels) level[is.na(level) & condition(lv$when) %in% TRUE] <- lv$id
  keep <- in_survival & !is.na(level)
  data <- data.table(time = time[keep], status = as.integer(event[keep] %in% TRUE), level = level[keep])
  test <- if (uniqueN(data$level) > 1) survdiff(Surv(time, status) ~ level, data = data) else NULL
  groups[[grouping$id]] <- list(
    label = grouping$label, excluded = n_included - nrow(data),
    levels = lapply(split(data, by = "level"), function(d) list(n = nrow(d), events = sum(d$status))),
    logrank = if (is.null(test)) NULL else
      list(chisq = test$chisq, df = length(test$n) - 1,
           p = pchisq(test$chisq, length(test$n) - 1, lower.tail = FALSE)))
}

stats <- list(cohort = config$id, title = config$title, n_rows = n, n_included = n_included,
              n_excluded = n - n_included, statistics = unname(statistics), continuous = continuous,
              survival = list(time_unit = "months", confidence = "95% pointwise, log-log (survfit)",
                              overall = overall, groups = groups))
write_json(stats, file.path(out_dir, "stats.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE,
           null = "null", na = "null")

# ------------------------------------------------------------------ figures

save_figure <- function(plot, name, width_pt, height_pt) {
  file <- file.path(out_dir, "figures", paste0(name, ".", figure_format))
  if (figure_format == "png") {
    ggsave(file, plot, width = width_pt / 72, height = height_pt / 72, units = "in", dpi = 300)
  } else {
    ggsave(file, plot, width = width_pt / 72, height = height_pt / 72, units = "in",
           device = grDevices::svg)
  }
  file
}

published_percent <- function(statistic_id) {
  row <- published[statistic == statistic_id]
  if (nrow(row) == 0) return(NA_real_)
  if (row$field[1] == "percent") return(as.numeric(row$published[1]))
  pooled <- as.numeric(published[id == "n_included"]$published)
  if (row$field[1] == "numerator" && length(pooled)) 100 * as.numeric(row$published[1]) / pooled else NA
}

panel_plot <- function(panel) {
  ids <- unlist(panel$statistics)
  all <- statistics[ids]
  reported <- statistics[paste0(ids, ".reported")]
  k <- length(ids)
  bars <- data.table(
    y = rev(seq_len(k)),
    label = vapply(all, function(s) s$label, ""),
    percent = vapply(all, function(s) s$percent, 0),
    unknown = 100 * (1 - vapply(reported, function(s) s$denominator, 0) / n_included),
    published = vapply(ids, published_percent, 0),
    text = sprintf("%d/%d \u00b7 %.1f%% \u00b7 %d/%d", vapply(all, function(s) s$numerator, 0),
                   n_included, vapply(all, function(s) s$percent, 0),
                   vapply(reported, function(s) s$numerator, 0),
                   vapply(reported, function(s) s$denominator, 0)))
  ggplot(bars) +
    geom_rect(aes(xmin = 0, xmax = percent, ymin = y - 0.38, ymax = y - 0.02), fill = "#4c78a8") +
    geom_rect(aes(xmin = percent, xmax = percent + unknown, ymin = y - 0.38, ymax = y - 0.02),
              fill = "#4c78a8", alpha = 0.2) +
    geom_rect(aes(xmin = 0, xmax = published, ymin = y + 0.02, ymax = y + 0.38), fill = "grey60",
              na.rm = TRUE) +
    geom_text(aes(x = percent + unknown + 1, y = y - 0.2, label = text), hjust = 0, size = 2.8) +
    scale_y_continuous(breaks = bars$y, labels = bars$label, expand = expansion(add = 0.3)) +
    scale_x_continuous(limits = c(0, 145), breaks = seq(0, 100, 25), name = "% of patients") +
    labs(title = sprintf("%s. %s", panel$id, panel$title),
         subtitle = "blue: recomputed (pale: not reported) \u00b7 grey: as published") +
    theme_minimal(base_size = 9) +
    theme(axis.title.y = element_blank(), panel.grid.major.y = element_blank())
}

figures <- character()
for (panel in config$panels) {
  figures[[paste0("Panel ", panel$id, ". ", panel$title)]] <-
    save_figure(panel_plot(panel), paste0("panel-", panel$id), 394.5,
                93 + 25 * length(panel$statistics))
}

curve <- data.table(time = c(0, fit$time), survival = c(1, fit$surv), lower = c(1, fit$lower),
                    upper = c(1, fit$upper), censored = c(0, fit$n.censor))
risk <- summary(fit, times = unlist(sv$riskTimes), extend = TRUE)
km <- ggplot(curve, aes(time, survival)) +
  geom_step(aes(y = lower), linetype = "dashed", colour = "grey50", na.rm = TRUE) +
  geom_step(aes(y = upper), linetype = "dashed", colour = "grey50", na.rm = TRUE) +
  geom_step(colour = "#4c78a8") +
  geom_point(data = curve[censored > 0], shape = 3, size = 1, colour = "#4c78a8") +
  scale_y_continuous(limits = c(0, 1), labels = scales::percent) +
  labs(x = "Months since diagnosis", y = "Overall survival",
       title = sprintf("Overall survival (n = %d, %d deaths)", overall$n, overall$events),
       caption = paste("At risk:", paste(sprintf("%g mo %d", risk$time, risk$n.risk), collapse = " \u00b7 "))) +
  theme_minimal(base_size = 9)
figures[["Overall survival"]] <- save_figure(km, "survival-overall", 365.25, 288.75)

# ------------------------------------------------------------------ the page

escape_html <- function(x) {
  x <- gsub("&", "&amp;", x, fixed = TRUE)
  x <- gsub("<", "&lt;", x, fixed = TRUE)
  gsub(">", "&gt;", x, fixed = TRUE)
}
mime <- if (figure_format == "png") "image/png" else "image/svg+xml"
embedded <- vapply(figures, function(file)
  base64_enc(readBin(file, "raw", file.info(file)$size)), "")
figure_html <- sprintf('<figure><img alt="%s" src="data:%s;base64,%s"><figcaption>%s</figcaption></figure>',
                       escape_html(names(figures)), mime, embedded, escape_html(names(figures)))
pct <- function(s) if (is.na(s$percent)) "" else sprintf("%.1f%%", s$percent)
ci <- function(s) if (is.na(s$ci95$wilson[1])) "" else
  sprintf("%.1f–%.1f%%", 100 * s$ci95$wilson[1], 100 * s$ci95$wilson[2])
stat_rows <- vapply(config$statistics, function(s) {
  a <- statistics[[s$id]]
  r <- statistics[[paste0(s$id, ".reported")]]
  sprintf("<tr><td>%s</td><td>%d/%d</td><td>%s</td><td>%s</td><td>%d/%d</td><td>%s</td><td>%s</td></tr>",
          escape_html(s$label), a$numerator, a$denominator, pct(a), ci(a), r$numerator, r$denominator,
          pct(r), ci(r))
}, "")
number <- function(x) if (is.null(x) || is.na(x)) "" else format(signif(x, 4))
continuous_rows <- vapply(continuous, function(c)
  sprintf("<tr><td>%s</td><td>%d</td><td>%s</td><td>%s (%s–%s)</td><td>%s–%s</td></tr>",
          escape_html(c$label), c$n, number(c$mean), number(c$median), number(c$q1), number(c$q3),
          number(c$min), number(c$max)), "")
logrank_rows <- vapply(groups, function(g)
  sprintf("<tr><td>%s</td><td>%s</td><td>%s</td></tr>", escape_html(g$label),
          if (is.null(g$logrank)) "" else number(g$logrank$chisq),
          if (is.null(g$logrank)) "" else format.pval(g$logrank$p, digits = 3)), "")
page <- c(
  "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
  sprintf("<title>%s</title>", escape_html(config$title)),
  "<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}",
  "td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}td:first-child{text-align:left}",
  "img{max-width:100%}</style></head><body>",
  sprintf("<h1>%s</h1>", escape_html(config$title)),
  sprintf("<p>%d rows, %d included, %d excluded.</p>", n, n_included, n - n_included),
  "<h2>Statistics</h2><table><tr><th>statistic</th><th>n/all</th><th>%</th><th>95% CI (Wilson)</th>",
  "<th>n/reported</th><th>%</th><th>95% CI (Wilson)</th></tr>", stat_rows, "</table>",
  "<h2>Continuous variables</h2><table><tr><th></th><th>n</th><th>mean</th><th>median (IQR)</th>",
  "<th>range</th></tr>", continuous_rows, "</table>",
  "<h2>Survival</h2>",
  sprintf("<p>Overall: n = %d, %d deaths; median %s months (95%% CI %s–%s).</p>", overall$n,
          overall$events, number(overall$median$estimate), number(overall$median$ci95[1]),
          number(overall$median$ci95[2])),
  "<table><tr><th>log-rank by</th><th>chi-square</th><th>p</th></tr>", logrank_rows, "</table>",
  "<h2>Figures</h2>", figure_html, "</body></html>")
writeLines(page, file.path(out_dir, "index.html"), useBytes = TRUE)
cat(sprintf("%s: %d rows, %d included; report written to %s\n", config$id, n, n_included,
            file.path(out_dir, "index.html")))
