/**
 * The numbers of an evaluation: per system, official F1 and J by category with seeded bootstrap
 * intervals, tokens per question, latency percentiles, evidence recall, failures; and paired
 * differences between systems.
 *
 * @module
 */

import { ANSWERABLE_CATEGORIES, CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { aggregateScores, type ScoredItem, type ScoreSummary } from "../metrics/aggregate.ts";
import { mean, quantile } from "../metrics/bootstrap.ts";
import { compareSystems, type SystemComparison } from "../metrics/compare_systems.ts";
import type { JudgeMode, PredictionRow } from "./eval_types.ts";

/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  /** Median. */
  p50: number;
  /** 95th percentile. */
  p95: number;
}

/** The figures of one system. */
export interface SystemSummary {
  /** The system's name. */
  name: string;
  /** Questions (rows) of this system. */
  questions: number;
  /** Rows that failed (counted as wrong everywhere). */
  errors: number;
  /** Rows answered from the LM cache. */
  cached: number;
  /** Official F1 over all five categories (errors score 0). */
  f1: ScoreSummary;
  /** J over categories 1–4 (errors are WRONG), or `null` without the judge or such rows. */
  judge: ScoreSummary | null;
  /** Mean prompt tokens per answered question (failed rows left out), or `null` if none. */
  promptTokensPerQuestion: number | null;
  /** Mean completion tokens per answered question, or `null` if none. */
  completionTokensPerQuestion: number | null;
  /** Answer latency over answered questions, or `null` if none. */
  latencyMs: LatencySummary | null;
  /** Mean evidence recall of the shown dia_ids over questions with evidence, or `null`. */
  evidenceRecall: number | null;
}

/** A paired comparison of two systems on the same questions (A − B). */
export interface PairedComparison {
  /** System A. */
  a: string;
  /** System B. */
  b: string;
  /** Difference of official F1. */
  f1: SystemComparison;
  /** Difference of J (categories 1–4), or `null` without the judge. */
  judge: SystemComparison | null;
}

/** Everything `summary.json` holds. */
export interface EvalSummary {
  /** How answers were scored. */
  judgeMode: JudgeMode;
  /** Questions per system. */
  questions: number;
  /** Rows in all. */
  rows: number;
  /** Failed rows in all. */
  failedRows: number;
  /** Which category naming the figures use. */
  mapping: string;
  /** Per system, in the order given. */
  systems: SystemSummary[];
  /** Every pair of systems (earlier − later in the order given). */
  comparisons: PairedComparison[];
  /** Seed of the bootstrap. */
  seed: number;
  /** Bootstrap resamples. */
  resamples: number;
}

/** Options of {@link summarizeRows}. */
export interface SummaryOptions {
  /** The judge mode of the run. Default: `"f1"`. */
  judgeMode?: JudgeMode;
  /** Seed of the bootstrap. Default: `42`. */
  seed?: number;
  /** Bootstrap resamples. Default: `1000`. */
  resamples?: number;
}

const judged = (mode: JudgeMode) => mode !== "f1";

function f1Items(rows: readonly PredictionRow[]): ScoredItem[] {
  return rows.map((r) => ({ category: r.category, score: r.error === null ? r.f1 : 0 }));
}

function judgeItems(rows: readonly PredictionRow[]): ScoredItem[] {
  return rows.filter((r) => r.category !== 5).map((r) => ({
    category: r.category,
    score: r.error === null && r.judgeVerdict === "CORRECT" ? 1 : 0,
  }));
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : mean(values);
}

function summarizeSystem(
  name: string,
  rows: readonly PredictionRow[],
  config: Required<SummaryOptions>,
): SystemSummary {
  const bootstrap = { seed: config.seed, resamples: config.resamples };
  const answered = rows.filter((r) => r.error === null);
  const latencies = answered.map((r) => r.latencyMs).sort((a, b) => a - b);
  const recalls = rows.flatMap((r) => r.evidenceRecall === null ? [] : [r.evidenceRecall]);
  const jItems = judgeItems(rows);
  return {
    name,
    questions: rows.length,
    errors: rows.length - answered.length,
    cached: rows.filter((r) => r.cached).length,
    f1: aggregateScores(f1Items(rows), bootstrap),
    judge: judged(config.judgeMode) && jItems.length > 0
      ? aggregateScores(jItems, { ...bootstrap, categories: ANSWERABLE_CATEGORIES })
      : null,
    promptTokensPerQuestion: meanOrNull(answered.map((r) => r.promptTokens)),
    completionTokensPerQuestion: meanOrNull(answered.map((r) => r.completionTokens)),
    latencyMs: latencies.length === 0
      ? null
      : { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    evidenceRecall: meanOrNull(recalls),
  };
}

/**
 * Summarises the rows of `systems` (each must have one row per question, the same questions
 * for every system). Failed rows score 0 and `WRONG` in every figure, per category included.
 *
 * @throws {RangeError} when there are no rows, or the systems' questions differ.
 */
export function summarizeRows(
  systems: readonly string[],
  rows: readonly PredictionRow[],
  options: SummaryOptions = {},
): EvalSummary {
  const config: Required<SummaryOptions> = {
    judgeMode: options.judgeMode ?? "f1",
    seed: options.seed ?? 42,
    resamples: options.resamples ?? 1000,
  };
  const bySystem = systems.map((name) =>
    rows.filter((r) => r.system === name).sort((x, y) => x.questionId.localeCompare(y.questionId))
  );
  const first = bySystem[0];
  if (!first || first.length === 0) {
    throw new RangeError(`summarizeRows(): no rows for system ${JSON.stringify(systems[0])}`);
  }
  const ids = first.map((r) => r.questionId).join("\n");
  bySystem.forEach((list, i) => {
    if (list.map((r) => r.questionId).join("\n") !== ids) {
      throw new RangeError(
        `summarizeRows(): system ${systems[i]} has ${list.length} rows on other questions than ` +
          `${systems[0]} (${first.length})`,
      );
    }
  });
  const bootstrap = { seed: config.seed, resamples: config.resamples };
  const comparisons: PairedComparison[] = [];
  for (let i = 0; i < systems.length; i++) {
    for (let j = i + 1; j < systems.length; j++) {
      const a = bySystem[i]!, b = bySystem[j]!;
      const ja = judgeItems(a), jb = judgeItems(b);
      comparisons.push({
        a: systems[i]!,
        b: systems[j]!,
        f1: compareSystems(f1Items(a), f1Items(b), bootstrap),
        judge: judged(config.judgeMode) && ja.length > 0
          ? compareSystems(ja, jb, { ...bootstrap, categories: ANSWERABLE_CATEGORIES })
          : null,
      });
    }
  }
  const summaries = systems.map((name, i) => summarizeSystem(name, bySystem[i]!, config));
  return {
    judgeMode: config.judgeMode,
    questions: first.length,
    rows: bySystem.reduce((n, list) => n + list.length, 0),
    failedRows: summaries.reduce((n, s) => n + s.errors, 0),
    mapping: CATEGORY_MAPPING_NOTE,
    systems: summaries,
    comparisons,
    seed: config.seed,
    resamples: config.resamples,
  };
}
