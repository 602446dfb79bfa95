/**
 * Turning one answered question into a {@link PredictionRow}: official F1, evidence recall,
 * usage, and the rule that an error counts as wrong.
 *
 * @module
 */

import type { SplitExample } from "../data/split_locomo.ts";
import { recallAt } from "../memory/retrieval_trace.ts";
import { locomoF1 } from "../metrics/locomo_f1.ts";
import type { ProgramAnswer } from "../program/answer_question.ts";
import type { JudgeVerdictLabel, PredictionRow } from "./eval_types.ts";

/**
 * Recall of `evidence` among `shown` dia_ids (each evidence id counted once), or `null` when
 * there is no evidence to find.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evidenceRecall } from "./prediction_row.ts";
 * assert.ok(evidenceRecall(["D1:2", "D1:3"], ["D1:3", "D2:1"]) === 0.5);
 * assert.ok(evidenceRecall(["D1:2"], []) === null);
 * ```
 */
export function evidenceRecall(
  shown: readonly string[],
  evidence: readonly string[],
): number | null {
  if (evidence.length === 0) return null;
  return recallAt({ diaIds: [...shown] }, evidence);
}

/** The gold answer as the official scorer reads it (`str(answer)`), or `null` when absent. */
export function goldText(answer: SplitExample["answer"]): string | null {
  return answer === null || answer === undefined ? null : String(answer);
}

/** Options of {@link buildPredictionRow} and {@link withError}. */
export interface RowOptions {
  /**
   * Whether the evaluation uses the LLM judge; then a failed row of categories 1–4 gets the
   * verdict `WRONG`. Default: `false`.
   */
  judged?: boolean;
}

/**
 * The row of `system` on `example` from its answer. F1 is the official per-category score of
 * the parsed answer; when `answer.error` is set the row is marked failed ({@link withError}).
 * The judge fields start empty (see {@link withJudgement}).
 */
export function buildPredictionRow(
  example: SplitExample,
  answer: ProgramAnswer,
  options: RowOptions & { system: string },
): PredictionRow {
  const system = options.system;
  const gold = goldText(example.answer);
  const prediction = answer.error === null ? answer.parsed.answer : "";
  const row: PredictionRow = {
    system,
    questionId: example.id,
    sampleId: example.sampleId,
    category: example.category,
    question: example.question,
    prediction,
    gold,
    f1: 0,
    judgeVerdict: null,
    judgeReason: null,
    judgeError: null,
    retrievedDiaIds: [...answer.prompt.diaIds],
    evidenceRecall: evidenceRecall(answer.prompt.diaIds, example.evidence),
    promptTokens: answer.result?.usage.promptTokens ?? 0,
    completionTokens: answer.result?.usage.completionTokens ?? 0,
    latencyMs: Math.round((answer.result?.latencyMs ?? 0) * 10) / 10,
    cached: answer.result?.cached ?? false,
    error: null,
  };
  if (answer.error !== null) return withError(row, answer.error, options);
  row.f1 = locomoF1(prediction, gold ?? "", example.category);
  return row;
}

/**
 * The row marked as failed: `error` set, F1 0 and, when `judged` and the category is judged
 * (1–4), verdict `WRONG` — so the failure counts as wrong in every total.
 */
export function withError(
  row: PredictionRow,
  error: string,
  options: RowOptions = {},
): PredictionRow {
  const wrong = (options.judged ?? false) && row.category !== 5;
  return {
    ...row,
    f1: 0,
    error,
    judgeVerdict: wrong ? "WRONG" : null,
    judgeReason: wrong ? `counted as wrong: ${error}` : null,
  };
}

/** The row with the judge's verdict and reason. */
export function withJudgement(
  row: PredictionRow,
  verdict: { label: JudgeVerdictLabel; reason: string },
): PredictionRow {
  return { ...row, judgeVerdict: verdict.label, judgeReason: verdict.reason, judgeError: null };
}

/**
 * The row "not judged": no verdict, with why. Its answer and F1 stand (a judge failure never
 * changes F1); J leaves it out and counts it apart.
 */
export function withJudgeError(row: PredictionRow, error: string): PredictionRow {
  return { ...row, judgeVerdict: null, judgeReason: null, judgeError: error };
}
