/**
 * Aggregating judge verdicts into J (mean ± std over runs), overall and per category.
 *
 * @module
 */

import { ANSWERABLE_CATEGORIES } from "../data/categories.ts";
import type { CategoryId } from "../data/categories.ts";
import type { JudgeScore, JudgeVerdict } from "./judge_types.ts";

/** Sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sq = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(sq / (values.length - 1));
}

/**
 * J of `verdicts` over `runs` runs: per run, the fraction labelled CORRECT among the verdicts of
 * that run; then the mean and sample std of the runs that judged something. `questions` is how
 * many questions the group has per run (for the report).
 */
export function scoreVerdicts(
  verdicts: readonly JudgeVerdict[],
  options: { runs: number; questions: number },
): JudgeScore {
  const perRun: (number | null)[] = [];
  for (let run = 0; run < options.runs; run++) {
    const mine = verdicts.filter((v) => v.run === run);
    perRun.push(
      mine.length === 0 ? null : mine.filter((v) => v.label === "CORRECT").length / mine.length,
    );
  }
  const values = perRun.filter((v): v is number => v !== null);
  if (values.length === 0) return { mean: null, std: null, perRun, questions: options.questions };
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    std: sampleStd(values),
    perRun,
    questions: options.questions,
  };
}

/** Per-category scores of categories 1–4 (categories with no questions are left out). */
export function scoreByCategory(
  verdicts: readonly JudgeVerdict[],
  options: { runs: number; questionsByCategory: Partial<Record<CategoryId, number>> },
): Partial<Record<CategoryId, JudgeScore>> {
  const out: Partial<Record<CategoryId, JudgeScore>> = {};
  for (const category of ANSWERABLE_CATEGORIES) {
    const questions = options.questionsByCategory[category] ?? 0;
    if (questions === 0) continue;
    out[category] = scoreVerdicts(verdicts.filter((v) => v.category === category), {
      runs: options.runs,
      questions,
    });
  }
  return out;
}

/** `"66.88 ± 0.41"` (percent, two decimals), or `"n/a"` when nothing was judged. */
export function formatJudgeScore(score: JudgeScore): string {
  if (score.mean === null || score.std === null) return "n/a";
  return `${(score.mean * 100).toFixed(2)} ± ${(score.std * 100).toFixed(2)}`;
}
