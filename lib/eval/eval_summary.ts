/**
 * The numbers of an evaluation: per system, official F1 and J by category with seeded bootstrap
 * intervals, tokens per question, latency percentiles, evidence recall, failures (grouped by
 * cause in `failure_causes.ts`); and paired differences between systems.
 *
 * @module
 */

import { ANSWERABLE_CATEGORIES, CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { aggregateScores, type ScoredItem, type ScoreSummary } from "../metrics/aggregate.ts";
import { mean, quantile } from "../metrics/bootstrap.ts";
import { compareSystems, type SystemComparison } from "../metrics/compare_systems.ts";
import { abstentionRates } from "./abstention.ts";
import type { JudgeMode, PredictionRow } from "./eval_types.ts";
import type { EvaluateOptions } from "./evaluate_options.ts";
import { groupFailures } from "./failure_causes.ts";

/** Latency percentiles in milliseconds. */
export type LatencySummary = NonNullable<SystemSummary["latencyMs"]>;

/** The figures of one system. */
export interface SystemSummary {
  /** The system's name. */
  name: string;
  /** Questions (rows) of this system. */
  questions: number;
  /** Rows whose answer failed (counted as wrong everywhere). */
  errors: number;
  /**
   * Rows of categories 1–4 the judge gave no verdict for ("not judged"): their F1 stands; J
   * leaves them out.
   */
  notJudged: number;
  /** Rows answered from the LM cache. */
  cached: number;
  /** Official F1 over all five categories (errors score 0). */
  f1: ScoreSummary;
  /**
   * Official F1 over the answerable questions (categories 1–4) with its interval, or `null`
   * without such questions: the figure a gain should be read on, since category 5 scores only
   * abstention.
   */
  f1Answerable: ScoreSummary["overall"] | null;
  /**
   * J over the judged rows of categories 1–4 (answer failures are WRONG, "not judged" rows are
   * left out), or `null` without the judge or such rows.
   */
  judge: ScoreSummary | null;
  /** Mean prompt tokens per answered question (failed rows left out), or `null` if none. */
  promptTokensPerQuestion: number | null;
  /** Mean completion tokens per answered question, or `null` if none. */
  completionTokensPerQuestion: number | null;
  /** Answer latency (median and 95th percentile, ms) over answered questions, or `null` if none. */
  latencyMs: { p50: number; p95: number } | null;
  /** Mean evidence recall of the shown dia_ids over questions with evidence, or `null`. */
  evidenceRecall: number | null;
  /**
   * Share of answered questions where the system abstained, on answerable questions
   * (categories 1–4) and on adversarial ones (5); `null` where there are none.
   */
  abstention: { answerable: number | null; adversarial: number | null };
}

/** A paired comparison of two systems on the same questions (A − B). */
export type PairedComparison = EvalSummary["comparisons"][number];

/** Everything `summary.json` holds. */
export interface EvalSummary {
  /** How answers were scored (see {@link EvaluateOptions.judge}). */
  judgeMode: NonNullable<EvaluateOptions["judge"]>;
  /** Questions per system. */
  questions: number;
  /** Rows in all. */
  rows: number;
  /** Rows whose answer failed, in all. */
  failedRows: number;
  /** Rows not judged, in all. */
  notJudgedRows: number;
  /** Failures (answer and judge) grouped by cause, most frequent first. */
  failureCauses: {
    /** Which call failed: the answer (the row counts as wrong) or the judge (not judged). */
    stage: "answer" | "judge";
    /** The cause, e.g. `connection`, `http (HTTP 500)`, `timeout`. */
    cause: string;
    /** Rows with it. */
    count: number;
    /** The first such row's message. */
    example: string;
  }[];
  /** Which category naming the figures use. */
  mapping: string;
  /** Per system, in the order given. */
  systems: SystemSummary[];
  /**
   * Every pair of systems (earlier − later in the order given): the systems' names `a` and `b`,
   * the difference of official F1, and that of J (categories 1–4, `null` without the judge).
   */
  comparisons: {
    a: string;
    b: string;
    f1: SystemComparison;
    /** The difference of official F1 over categories 1–4, or `null` without such questions. */
    f1Answerable: SystemComparison["overall"] | null;
    judge: SystemComparison | null;
  }[];
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
  return rows.filter((r) => r.category !== 5 && r.judgeError === null).map((r) => ({
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
    notJudged: judged(config.judgeMode) ? rows.filter((r) => r.judgeError !== null).length : 0,
    cached: rows.filter((r) => r.cached).length,
    f1: aggregateScores(f1Items(rows), bootstrap),
    f1Answerable: rows.some((r) => r.category !== 5)
      ? aggregateScores(f1Items(rows), { ...bootstrap, categories: ANSWERABLE_CATEGORIES }).overall
      : null,
    judge: judged(config.judgeMode) && jItems.length > 0
      ? aggregateScores(jItems, { ...bootstrap, categories: ANSWERABLE_CATEGORIES })
      : null,
    promptTokensPerQuestion: meanOrNull(answered.map((r) => r.promptTokens)),
    completionTokensPerQuestion: meanOrNull(answered.map((r) => r.completionTokens)),
    latencyMs: latencies.length === 0
      ? null
      : { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    evidenceRecall: meanOrNull(recalls),
    abstention: abstentionRates(answered),
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
      // Pairs on the questions both systems were judged on.
      const both = a.map((r, q) => r.judgeError === null && b[q]!.judgeError === null);
      const ja = judgeItems(a.filter((_, q) => both[q]));
      const jb = judgeItems(b.filter((_, q) => both[q]));
      comparisons.push({
        a: systems[i]!,
        b: systems[j]!,
        f1: compareSystems(f1Items(a), f1Items(b), bootstrap),
        f1Answerable: a.some((r) => r.category !== 5)
          ? compareSystems(f1Items(a), f1Items(b), {
            ...bootstrap,
            categories: ANSWERABLE_CATEGORIES,
          }).overall
          : null,
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
    notJudgedRows: summaries.reduce((n, s) => n + s.notJudged, 0),
    failureCauses: groupFailures(bySystem.flat()),
    mapping: CATEGORY_MAPPING_NOTE,
    systems: summaries,
    comparisons,
    seed: config.seed,
    resamples: config.resamples,
  };
}
