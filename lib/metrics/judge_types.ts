/**
 * Inputs and results of the LLM judge.
 *
 * @module
 */

import type { CategoryId } from "../data/categories.ts";
import type { Answer } from "../data/types.ts";

/** One answered question to judge. */
export interface JudgeItem {
  /** The question id (e.g. `conv-26:q0`). */
  id: string;
  /** The question text. */
  question: string;
  /** The gold answer (category 5 items have none and are never judged). */
  answer: Answer;
  /** The raw LOCOMO category id; category 5 is excluded from J. */
  category: CategoryId;
  /** The policy's answer. */
  prediction: string;
}

/** A judged question in one run. */
export interface JudgeVerdict {
  /** The question id. */
  id: string;
  /** Its category (1–4). */
  category: CategoryId;
  /** The run (0-based). */
  run: number;
  /** The judge's label. */
  label: "CORRECT" | "WRONG";
  /** The judge's one-sentence reason. */
  reason: string;
  /** Whether the verdict came from the judge cache. */
  cached: boolean;
}

/** A question the judge could not judge in one run (not counted as WRONG). */
export type JudgeFailure = JudgeResult["failures"][number];

/** J of one category (or of all), over runs. */
export interface JudgeScore {
  /** Mean over runs of the fraction of judged questions labelled CORRECT (0–1); `null` if none judged. */
  mean: number | null;
  /** Sample standard deviation over runs (0 for one run); `null` if none judged. */
  std: number | null;
  /** The per-run fractions, in run order (`null` for a run with nothing judged). */
  perRun: (number | null)[];
  /** Questions in this group (per run). */
  questions: number;
}

/** The outcome of {@link judgeAll}. */
export interface JudgeResult {
  /** The judge model. */
  judgeModel: string;
  /** The policy model whose answers were judged. */
  policyModel: string;
  /** Version of the judge prompt. */
  promptVersion: string;
  /** Judge runs. */
  runs: number;
  /** Category 1–4 questions judged in each run. */
  questions: number;
  /** Category 5 questions skipped (not counted anywhere). */
  excludedCategory5: number;
  /** J over categories 1–4, as mean ± std over runs. */
  overall: JudgeScore;
  /** J per category 1–4. */
  byCategory: Partial<Record<CategoryId, JudgeScore>>;
  /** Every verdict (questions × runs minus failures). */
  verdicts: JudgeVerdict[];
  /**
   * Every question the judge could not judge in a run (0-based), with the error's class name
   * (e.g. `LmRequestError`) and message (secrets redacted); failures are excluded from J, never
   * counted as WRONG.
   */
  failures: { id: string; category: CategoryId; run: number; errorName: string; error: string }[];
  /** Verdicts served from the judge cache. */
  cacheHits: number;
}
