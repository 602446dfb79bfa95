/**
 * Judging one prediction row with the LLM judge (mem0's J protocol), through the judge's
 * cache, as rows finish.
 *
 * @module
 */

import { judgeAll } from "../metrics/judge.ts";
import type { JudgeConfig } from "../metrics/judge_config.ts";
import { redactSecrets } from "../lm/mod.ts";
import type { PredictionRow } from "./eval_types.ts";
import { withJudgeError, withJudgement } from "./prediction_row.ts";

/** Options of {@link judgeRow}. */
export interface JudgeRowOptions {
  /** Secrets to redact from a judge error. Default: none. */
  secrets?: readonly string[];
  /**
   * Why the judge is not asked at all (its probe failed and the run goes on without it), or
   * `null` to ask it. Default: `null`.
   */
  unavailable?: string | null;
}

/**
 * The row with the judge's verdict. Rows of category 5 (excluded from J) and rows that already
 * failed are returned as they are; a judgement that fails once the judge client's retries are
 * spent (or a judge that is `unavailable`) leaves the row "not judged" (`judgeError` set, F1
 * unchanged), so a rerun retries it.
 */
export async function judgeRow(
  row: PredictionRow,
  judge: JudgeConfig,
  options: JudgeRowOptions = {},
): Promise<PredictionRow> {
  if (row.category === 5 || row.error !== null) return row;
  if (options.unavailable) return withJudgeError(row, `judge unavailable: ${options.unavailable}`);
  const result = await judgeAll([{
    id: row.questionId,
    question: row.question,
    answer: row.gold,
    category: row.category,
    prediction: row.prediction,
  }], {
    lm: judge.lm,
    policyModel: judge.policyModel,
    allowSameModel: true, // checked once for the whole evaluation
    runs: 1,
    cacheDir: judge.cacheDir,
    maxTokens: judge.maxTokens,
    jsonMode: judge.jsonMode,
    parseAttempts: judge.parseAttempts,
    maxFailures: 1,
    ...(judge.signal ? { signal: judge.signal } : {}),
  });
  const verdict = result.verdicts[0];
  if (verdict) return withJudgement(row, verdict);
  const failure = result.failures[0];
  const message = failure ? `${failure.errorName}: ${failure.error}` : "no verdict";
  return withJudgeError(row, `judge failed: ${redactSecrets(message, options.secrets ?? [])}`);
}
